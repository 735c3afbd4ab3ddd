"""Explorers that blit show what a full redraw would show, and skip it when they can."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from skinlab.diagrams.canvas import render_png
from skinlab.explorers.healing import (
    CascadeExplorer,
    InflammationExplorer,
    SessionPlanner,
    axis_top,
)
from skinlab.explorers.needles import NeedleDepthExplorer
from skinlab.explorers.skin import SkinLayersExplorer


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


@pytest.mark.parametrize("factory, control, values", [
    (CascadeExplorer, "day", [0.02, 0.5, 5.0, 40.0, 300.0]),  # not the opening state: cached
    (NeedleDepthExplorer, "length", [0.25, 1.0, 2.5]),
    (SkinLayersExplorer, "probe", [0, 40, 900, 2500]),
    (InflammationExplorer, "cortisol", [10, 55, 100]),
    (SessionPlanner, "interval", [3, 14, 60, 84]),
])
def test_a_blitted_frame_matches_a_full_redraw(factory, control, values):
    app = factory()
    for value in values:
        getattr(app, control).value = value
        blitted = _pixels(app.png)
        full = _pixels(render_png(app.figure))  # draws every artist in z-order
        assert blitted.shape == full.shape
        # Dynamic artists are drawn last, so where they cross a label the overlap can
        # differ; anything beyond a sliver of the image would be a missing artist.
        differing = (np.abs(blitted - full).sum(axis=2) > 0).mean()
        assert differing < 0.01, (value, differing)


def test_the_background_is_drawn_once_while_the_day_slider_moves(monkeypatch):
    app = CascadeExplorer()
    draws = []
    original = app.figure.canvas.draw
    monkeypatch.setattr(app.figure.canvas, "draw", lambda: (draws.append(1), original()))
    for day in (1.5, 2.5, 4.5, 8.5):
        app.day.value = day
    assert draws == []  # every frame came from the cached background


def test_a_new_site_redraws_the_background():
    app = SkinLayersExplorer()
    key = app._background[0]
    app.site.value = "back"
    assert app._background[0] != key and app._background[0][0] == "back"


def test_slow_explorers_update_on_release_and_fast_ones_while_dragging():
    from skinlab.explorers.controls import RangeSlider
    from skinlab.explorers.healing import SessionPlanner
    from skinlab.explorers.needles import PunctureDensityExplorer

    def sliders(app):
        return [c for c in app.controls if isinstance(c, RangeSlider)]

    for slow in (SessionPlanner(), PunctureDensityExplorer()):
        assert all(not s.continuous_update for s in sliders(slow)), type(slow).__name__
    for fast in (CascadeExplorer(), SkinLayersExplorer(), NeedleDepthExplorer(),
                 InflammationExplorer()):
        assert all(s.continuous_update for s in sliders(fast)), type(fast).__name__


def test_inflammation_axis_stays_still_while_the_modifiers_move():
    app = InflammationExplorer()
    limits = set()
    for cortisol in (0, 30, 60, 100):
        app.cortisol.value = cortisol
        for oestrogen in (0, 5, 10):
            app.oestrogen.value = oestrogen
            app.draw(app.state())
            limits.add(app.curves.ax.get_ylim())
    assert limits == {(0, axis_top(1.0) * 1.12)}


def test_the_planner_axes_stay_still_while_the_interval_moves(monkeypatch):
    app = SessionPlanner()
    limits = (app.plot.ax_waves.get_xlim(), app.plot.ax_waves.get_ylim(),
              app.plot.ax_repair.get_ylim())
    draws = []
    original = app.figure.canvas.draw
    monkeypatch.setattr(app.figure.canvas, "draw", lambda: (draws.append(1), original()))
    for interval in (7, 21, 42, 84):
        app.interval.value = interval
    assert draws == []
    assert limits == (app.plot.ax_waves.get_xlim(), app.plot.ax_waves.get_ylim(),
                      app.plot.ax_repair.get_ylim())
    app.sessions.value = 6  # more sessions: a longer axis, drawn once
    assert len(draws) == 1 and app.plot.ax_waves.get_xlim()[1] > limits[0][1]
