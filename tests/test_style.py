"""One palette, one style, and a presenter switch that really enlarges things."""

from __future__ import annotations

import itertools

import matplotlib as mpl
import numpy as np
import pytest
from colorspacious import cspace_convert
from matplotlib.colors import to_rgb

import skinlab
from skinlab.course.notebook import show
from skinlab.diagrams import Picture, new_figure, render_png, style

# CAM02-UCS distance below which two flat colours start to look alike at a glance.
MIN_DISTANCE = 10.0
VISION = [None, "deuteranomaly", "protanomaly", "tritanomaly"]


def _ucs(hex_colour: str, cvd: str | None) -> np.ndarray:
    rgb = np.array(to_rgb(hex_colour))
    if cvd:
        rgb = np.clip(cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": cvd,
                                           "severity": 100}, "sRGB1"), 0, 1)
    return cspace_convert(rgb, "sRGB1", "CAM02-UCS")


@pytest.mark.parametrize("cvd", VISION, ids=lambda v: v or "normal")
def test_layer_colours_stay_apart_under_colour_vision_deficiency(cvd):
    for (a, ca), (b, cb) in itertools.combinations(style.LAYER_COLOURS.items(), 2):
        distance = float(np.linalg.norm(_ucs(ca, cvd) - _ucs(cb, cvd)))
        assert distance >= MIN_DISTANCE, f"{a} vs {b} under {cvd}: {distance:.1f}"


def test_every_layer_has_a_distinct_hatch_or_is_the_one_plain_layer():
    hatches = list(style.LAYER_HATCHES.values())
    assert set(style.LAYER_HATCHES) == set(style.LAYER_COLOURS)
    assert len(set(hatches)) == len(hatches)


def test_presenter_mode_enlarges_text_lines_and_figures():
    try:
        skinlab.present(False)
        normal_font, normal_width = mpl.rcParams["font.size"], new_figure(6, 4).get_figwidth()
        skinlab.present(True)
        assert style.presenting()
        assert mpl.rcParams["font.size"] == pytest.approx(normal_font * style.PRESENTER_SCALE)
        assert mpl.rcParams["lines.linewidth"] > 2.0
        assert new_figure(6, 4).get_figwidth() > normal_width
    finally:
        skinlab.present(False)
    assert mpl.rcParams["font.size"] == normal_font


def test_png_rendering_is_byte_stable():
    def draw() -> bytes:
        fig = new_figure(3, 2)
        fig.add_subplot().plot([0, 1], [1, 0])
        return render_png(fig)

    first = draw()
    assert first == draw()
    assert first.startswith(b"\x89PNG")


def test_bad_figure_size_is_refused():
    with pytest.raises(ValueError, match=r"must be a number from 0\.5 to 60"):
        new_figure(0, 2)


def test_show_carries_alt_text_and_refuses_none():
    fig = new_figure(3, 2)
    data, meta = show(Picture(fig, "An empty frame."))._repr_mimebundle_()
    assert meta["image/png"]["alt"] == "An empty frame."
    assert data["text/plain"] == "[figure] An empty frame."
    with pytest.raises(ValueError, match="alt"):
        Picture(fig, " ")
    with pytest.raises(TypeError, match="Picture"):
        show(fig)  # type: ignore[arg-type]
