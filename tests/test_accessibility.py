"""Every explorer control has a visible label, with units where it sets a quantity."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from skinlab.explorers.controls import RangeSlider
from skinlab.explorers.registry import REGISTRY, build

COUNTS = {"Passes", "Needles on the drum", "Needles in the cartridge", "Sessions"}  # plain counts


@pytest.mark.parametrize("name", REGISTRY)
def test_controls_are_labelled_and_quantities_carry_units(name):
    app = build(name)
    assert app.controls
    for control in app.controls:
        label = control.description.strip()
        assert label, f"{type(control).__name__} without a visible label"
        # ipywidgets' sliders give their handle no accessible name: the course uses its own.
        assert not isinstance(control, (widgets.IntSlider, widgets.FloatSlider,
                                        widgets.FloatLogSlider)), label
        if isinstance(control, RangeSlider) and label not in COUNTS:
            assert label.endswith(")") and "(" in label, f"no unit in {label!r}"
    assert app.alt_text and app.image.alt == app.alt_text
    assert 'role="status"' in app.readout.value
