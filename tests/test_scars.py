"""Acne-scar types: sourced widths, and a schematic that keeps to them."""

from __future__ import annotations

import pytest

from skinlab.diagrams import new_figure
from skinlab.diagrams.scars import DRAWN, draw_scar_types, scar_profile
from skinlab.models import scars


def test_three_types_with_the_sourced_widths():
    types = {t.name: t for t in scars.scar_types()}
    assert list(types) == ["ice-pick", "rolling", "boxcar"]
    assert types["ice-pick"].width_text() == "under 2 mm wide"
    assert types["rolling"].width_text() == "over 4–5 mm wide"
    assert types["boxcar"].width_text() == "width not given in the sources retrieved"
    assert "slightly" in types["ice-pick"].response


def test_drawn_widths_stay_inside_the_sourced_ranges():
    for scar in scars.scar_types():
        outline = scar_profile(scar.name)
        width = outline[:, 0].max() - outline[:, 0].min()
        low, high = scar.width_mm
        assert width == pytest.approx(DRAWN[scar.name]["width"])
        if scar.width_bound == "under":
            assert width < high, scar.name
        elif scar.width_bound == "over":
            assert width >= low, scar.name


def test_painter_labels_each_panel_in_words():
    fig = new_figure(12, 4)
    axes = fig.subplots(1, 3)
    drawn = draw_scar_types(axes, scars.scar_types())
    for ax, scar in zip(axes, scars.scar_types(), strict=True):
        texts = [t.get_text() for t in ax.texts]
        assert scar.name.capitalize() in texts and scar.width_text() in texts
    # Only the rolling scar has tethering bands.
    assert sum(1 for a in drawn["rolling"] if hasattr(a, "get_xdata")) == 2
    assert not any(hasattr(a, "get_xdata") for a in drawn["ice-pick"])


def test_unknown_scar_type_names_the_valid_ones():
    with pytest.raises(ValueError, match="ice-pick, rolling, boxcar"):
        scar_profile("keloid")
