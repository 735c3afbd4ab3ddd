"""The course's slider: a labelled range input that behaves like the ipywidgets ones."""

from __future__ import annotations

import pytest
import traitlets

from skinlab.explorers.controls import (
    IntRangeSlider,
    float_slider,
    int_slider,
    log_slider,
)


def test_int_slider_keeps_whole_numbers_and_clamps_to_its_range():
    s = int_slider(value=5, min=1, max=30, description="Passes")
    assert isinstance(s, IntRangeSlider) and s.value == 5 and isinstance(s.value, int)
    s.value = 99
    assert s.value == 30
    s.value = -4
    assert s.value == 1
    assert s.min == 1 and isinstance(s.min, int)


def test_float_slider_clamps_and_reports_changes_like_ipywidgets():
    s = float_slider(value=0.5, min=0.25, max=2.5, step=0.25, description="Needle length (mm)",
                     readout_format=".2f")
    seen = []
    s.observe(lambda change: seen.append(change["new"]), names="value")
    s.value = 1.75
    s.value = 9.0
    assert seen == [1.75, 2.5]
    assert s.readout_digits == 2
    with pytest.raises(traitlets.TraitError, match="Needle length"):
        s.value = float("nan")


def test_log_slider_ranges_over_values_not_exponents():
    s = log_slider(value=3.0, min=-2, max=2.5, step=0.01, description="Time (days)")
    assert s.log_base == 10 and s.value_range == pytest.approx((0.01, 10 ** 2.5))
    s.value = 1e6
    assert s.value == pytest.approx(10 ** 2.5)
    s.value = 0.001
    assert s.value == pytest.approx(0.01)


def test_bad_ranges_are_refused_with_the_label():
    with pytest.raises(ValueError, match="Passes: need min < max"):
        int_slider(value=1, min=5, max=5, description="Passes")
    with pytest.raises(ValueError, match="step > 0"):
        float_slider(value=1, min=0, max=2, step=0, description="x (mm)")

