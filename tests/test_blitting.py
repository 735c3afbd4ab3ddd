"""Explorers that blit show what a full redraw would show, and skip it when they can."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from skinlab.diagrams.canvas import render_png
from skinlab.explorers.anatomy import SkinLayersExplorer
from skinlab.explorers.controls import RangeSlider
from skinlab.explorers.healing import (
    CascadeExplorer,
    InflammationExplorer,
    SessionPlanner,
    axis_top,
)
from skinlab.explorers.registry import REGISTRY, build, control_values


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _blitting_cases() -> list[tuple[str, int]]:
    """(explorer, control index) for every slider of every explorer that blits."""
    cases = []
    for name in REGISTRY:
        app = build(name)
        if app.background_key(app.state()) is None:
            continue
        cases += [(name, k) for k, c in enumerate(app.controls) if isinstance(c, RangeSlider)]
    return cases


@pytest.mark.parametrize("name, index", _blitting_cases())
def test_a_blitted_frame_matches_a_full_redraw(name, index):
    app = build(name)
    control = app.controls[index]
    # Not the opening value: its frame is cached, so the figure would not be drawn for it.
    values = [v for v in control_values(control) if v != control.value]
    picks = [values[k] for k in np.linspace(0, len(values) - 1, 4).round().astype(int)]
    for value in picks:
        control.value = value
        blitted = _pixels(app.png)
        # A full draw leaves out animated artists, so show the dynamic ones for it.
        dynamic = list(app.dynamic_artists())
        for artist in dynamic:
            artist.set_animated(False)
        full = _pixels(render_png(app.figure))  # draws every artist in z-order
        for artist in dynamic:
            artist.set_animated(True)
        assert blitted.shape == full.shape
        # Dynamic artists are drawn last, so where they cross a label the overlap can
        # differ; anything beyond a sliver of the image would be a missing artist.
        differing = (np.abs(blitted - full).sum(axis=2) > 0).mean()
        assert differing < 0.01, (control.description, value, differing)


def test_every_blitting_explorer_is_covered():
    assert {name for name, _ in _blitting_cases()} >= {
        "skin layers", "needle depth", "healing cascade", "inflammation", "session planner"}


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


def test_every_slider_follows_a_drag():
    # Slow explorers too: the kernel draws only the latest queued change (issue 20).
    from skinlab.explorers.controls import RangeSlider
    from skinlab.explorers.registry import REGISTRY, build

    for name in REGISTRY:
        sliders = [c for c in build(name).controls if isinstance(c, RangeSlider)]
        assert all(s.continuous_update for s in sliders), name


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
