"""The course's slider: a labelled range input that behaves like the ipywidgets ones."""

from __future__ import annotations

import pytest
import traitlets

from skinlab.explorers.controls import (
    IntRangeSlider,
    RangeSlider,
    float_slider,
    int_slider,
    kernel_bounded,
    log_slider,
)
from skinlab.explorers.registry import REGISTRY, build


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
    with pytest.raises(ValueError, match=r"min must be below max.*\(Passes\)"):
        int_slider(value=1, min=5, max=5, description="Passes")
    with pytest.raises(ValueError, match="step must be a number from 1e-12 to 2"):
        float_slider(value=1, min=0, max=2, step=0, description="x (mm)")



# --- the kernel, not the page, owns bounds and options ---------------------------------
def _from_page(widget, **state):
    """Deliver ``state`` as the front end would, over the widget's comm."""
    widget._handle_msg({"content": {"data": {"method": "update", "state": state,
                                             "buffer_paths": []}}, "buffers": []})


@pytest.mark.parametrize("name", REGISTRY)
def test_a_page_cannot_move_bounds_or_options_or_push_a_value_out_of_range(name):
    app = build(name)
    for control in app.controls:
        if isinstance(control, RangeSlider):
            low, high, step = control.min, control.max, control.step
            # The attack of the audit: widen the range, then push a value past the old one.
            _from_page(control, min=low - 1e6, max=high * 1e6 + 1e6, step=step / 1000,
                       value=high * 1e6 + 1e6)
            assert (control.min, control.max, control.step) == (low, high, step)
            assert control.value == control.value_range[1]  # clamped to the kernel's top
            _from_page(control, value="lots")  # not a number: refused, value kept
            assert control.value == control.value_range[1]
        elif hasattr(control, "index"):
            before = (control.index, tuple(control.options))
            _from_page(control, index=len(control.options) + 7)
            _from_page(control, _options_labels=["evil"], options=["evil"])
            assert (control.index, tuple(control.options)) == before
        else:
            _from_page(control, description="evil", disabled=True)
            assert control.description != "evil" and not control.disabled
    assert app.png and app.readout_text  # still draws and reads after every attempt


def test_an_in_range_value_from_the_page_is_snapped_to_the_grid():
    slider = int_slider(value=5, min=0, max=30, step=5, description="Passes")
    _from_page(slider, value=12)
    assert slider.value == 10
    slider = float_slider(value=1.0, min=0.25, max=2.5, step=0.25, description="mm")
    _from_page(slider, value=1.13)
    assert slider.value == 1.25


def test_the_density_explorer_survives_the_audits_settings():
    # 1000 needles, 300 Hz, 1 mm/s, a 1 mm strip and 100 passes drove a kernel to 3.1 GB.
    app = build("puncture density")
    app.device.value = "pen"
    for control, value in ((app.pen_needles, 1000), (app.frequency, 300), (app.speed, 1),
                           (app.width, 1), (app.passes, 100)):
        low, high = control.value_range
        _from_page(control, min=0, max=value * 10, value=value)
        assert control.value_range == (low, high)
        assert control.value == min(max(value, low), high)
    assert "pen" in app.readout_text and app.png


def test_kernel_bounded_refuses_a_non_widget():
    with pytest.raises(TypeError, match="Widget"):
        kernel_bounded("slider")
