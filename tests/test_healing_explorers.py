"""Healing painters (through their artists) and explorers (through every control)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from skinlab.diagrams import new_figure
from skinlab.diagrams.healing import (
    TIMELINE_DAYS,
    collagen_schematic_curves,
    draw_cell_curves,
    draw_collagen_schematic,
    draw_phase_timeline,
    draw_sessions,
    draw_timeline_events,
    format_day,
    format_range,
    update_timeline,
)
from skinlab.explorers.healing import (
    CascadeExplorer,
    InflammationExplorer,
    SessionPlanner,
    planner_span,
    signs_under_way,
)
from skinlab.models import healing


# --- painters -----------------------------------------------------------------------
def test_timeline_bars_cover_the_sources_ranges():
    ax = new_figure(8, 4).add_subplot()
    timeline = draw_phase_timeline(ax, healing.phase_spans())
    for span in healing.phase_spans():
        core, whole = timeline.cores[span.phase], timeline.ranges[span.phase]
        assert core.get_x() == pytest.approx(max(span.start_day[1], TIMELINE_DAYS[0]))
        assert core.get_x() + core.get_width() == pytest.approx(span.end_day[0])
        assert whole.get_x() + whole.get_width() == pytest.approx(span.end_day[1])
        assert core.get_hatch() is not None or span.phase == "remodelling"
    assert ax.get_xscale() == "log" and ax.get_xlim() == pytest.approx(TIMELINE_DAYS)
    assert [t.get_text() for t in ax.get_yticklabels()] == [p.capitalize()
                                                            for p in healing.PHASES]


def test_timeline_chain_lines_rise_where_their_phase_leads():
    ax = new_figure(8, 4).add_subplot()
    days = np.geomspace(*TIMELINE_DAYS, 300)
    timeline = draw_phase_timeline(ax, healing.phase_spans(),
                                   chain=(days, healing.phase_fractions(days)))
    x, y = timeline.chain_lines["proliferation"].get_data()
    assert x[np.argmax(y)] == pytest.approx(8.5, rel=0.1)


def test_timeline_marker_moves_and_says_the_time():
    ax = new_figure(8, 4).add_subplot()
    timeline = draw_phase_timeline(ax, healing.phase_spans())
    update_timeline(timeline, 3.0)
    assert list(timeline.marker.get_xdata()) == [3.0, 3.0]
    assert timeline.marker_text.get_text() == "day 3.0"
    update_timeline(timeline, 1e-4)  # left of the axis: the marker stays on it
    assert timeline.marker.get_xdata()[0] == pytest.approx(TIMELINE_DAYS[0])


def test_event_markers_are_hollow_unless_verified():
    ax = new_figure(8, 5).add_subplot()
    draw_phase_timeline(ax, healing.phase_spans())
    drawn = draw_timeline_events(ax, healing.timeline_events(), ["cells"])
    texts = [a.get_text() for a in drawn if hasattr(a, "get_text")]
    cells = [e for e in healing.timeline_events() if e.kind == "cells"]
    assert texts == [e.event for e in cells]
    markers = [a for a in drawn if hasattr(a, "get_marker") and a.get_marker() != "None"]
    hollow = [m.get_markerfacecolor() == "white" for m in markers]
    assert hollow == [e.evidence != "verified" for e in cells]


def test_cell_curves_show_the_model_and_label_each_peak():
    ax = new_figure(8, 4).add_subplot()
    result = healing.simulate_inflammation(30)
    curves = draw_cell_curves(ax, result)
    for name in ("neutrophils", "macrophages", "debris"):
        assert np.array_equal(curves.lines[name].get_ydata(), getattr(result, name))
        assert curves.labels[name].get_position()[1] >= result.peak(name)[1]
        assert curves.labels[name].get_text() == name
    styles = {curves.lines[n].get_linestyle() for n in ("neutrophils", "macrophages", "debris")}
    assert len(styles) == 3  # told apart without colour
    assert ax.get_ylim()[1] >= 2.0  # debris starts at 2


def test_collagen_schematic_hands_over_from_iii_to_i():
    days = np.array([1.0, 3.0, 10.0, 365.0])
    curves = collagen_schematic_curves(days)
    assert curves["collagen III"][1] > curves["collagen I"][1]  # type III first
    assert curves["collagen I"][-1] > curves["collagen III"][-1]  # type I at the end
    ax = new_figure(8, 4).add_subplot()
    drawn = draw_collagen_schematic(ax, healing.timeline_events())
    anchor_days = sorted(line.get_xdata()[0] for line in drawn["anchors"][::2])
    assert anchor_days == [1.0, 3.0, 5.0, 42.0]
    assert ax.get_ylabel() == "new collagen (schematic)"


def test_session_plot_marks_each_session_day():
    fig = new_figure(8, 5)
    ax1, ax2 = fig.subplots(2, 1)
    result = healing.simulate_sessions(3, 28, 365)
    artists = draw_sessions(ax1, ax2, result)
    shown = sorted({line.get_xdata()[0] for line in artists.session_lines if line.get_visible()})
    assert shown == [0.0, 28.0, 56.0]
    assert np.array_equal(artists.repair.get_ydata(), result.accumulated_repair)
    assert "not a validated prediction" in artists.note.get_text()


@pytest.mark.parametrize("day, text", [(0.005, "7 min"), (0.25, "6 h"), (3, "day 3.0"),
                                       (21, "week 3.0"), (182.6, "month 6.0")])
def test_format_day(day, text):
    assert format_day(day) == text


def test_format_range():
    assert format_range(0.125, 0.25) == "3–6 h"
    assert format_range(3, 3) == "3 days"
    assert format_range(14, 30) == "2–4.3 weeks"


# --- explorers ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def cascade():
    return CascadeExplorer()


def test_cascade_opens_on_day_3_in_inflammation(cascade):
    assert cascade.state().day == 3.0
    assert "leading phase inflammation" in cascade.readout_text
    assert "neutrophils 0.034" in cascade.readout_text
    assert cascade.png.startswith(b"\x89PNG") and "3 days" not in cascade.alt_text


def test_cascade_slider_runs_from_minutes_to_a_year(cascade):
    seen = {}
    for value in (cascade.day.min, 0.5, 2, 10, 60, cascade.day.max):
        cascade.day.value = 10 ** value if value in (cascade.day.min, cascade.day.max) else value
        day = cascade.state().day
        phase = healing.phase_on(day)
        assert f"leading phase {phase}" in cascade.readout_text
        assert cascade.timeline.marker.get_xdata()[0] == pytest.approx(
            np.clip(day, *TIMELINE_DAYS))
        seen[phase] = cascade.png
    assert list(seen) == list(healing.PHASES)
    assert len(set(seen.values())) == 4


def test_cascade_does_not_resolve_when_the_day_moves(cascade, monkeypatch):
    calls = []
    monkeypatch.setattr(healing, "_inflammation", lambda *a: calls.append(a))
    cascade.day.value = 5.5
    cascade.day.value = 6.5
    assert calls == []


def test_signs_are_under_way_early_and_gone_after_a_week():
    early = [e.event for e in signs_under_way(0.05)]
    assert "redness and swelling after a dermaroller" in early
    assert "channels close within minutes (claim; no figure given)" not in early
    assert signs_under_way(8) == []


@pytest.fixture(scope="module")
def inflammation():
    return InflammationExplorer()


def test_inflammation_explorer_every_control(inflammation):
    texts, pngs = set(), set()
    for option in inflammation.injury.options:
        inflammation.injury.value = option[1]
        for control in (inflammation.cortisol, inflammation.oestrogen):
            for value in (control.min, control.max):
                control.value = value
                texts.add(inflammation.readout_text)
                pngs.add(inflammation.png)
            control.value = control.min
    assert len(texts) == len(pngs) >= 3 * len(inflammation.injury.options)


def test_inflammation_readout_matches_the_model(inflammation):
    inflammation.injury.value = 1.0
    inflammation.cortisol.value, inflammation.oestrogen.value = 50, 0
    result = healing.simulate_inflammation(30, cortisol=50)
    day, _ = result.peak("macrophages")
    assert f"macrophages peak on day {day:.2f}" in inflammation.readout_text
    assert "Without the modifiers (grey)" in inflammation.readout_text
    assert np.array_equal(inflammation.curves.lines["macrophages"].get_ydata(), result.macrophages)
    ref = inflammation.curves.references["macrophages"].get_ydata()
    assert np.array_equal(ref, healing.simulate_inflammation(30).macrophages)


def test_inflammation_sliders_stay_in_the_models_range(inflammation):
    assert (inflammation.cortisol.min, inflammation.cortisol.max) == healing.LIMITS["cortisol"]
    assert (inflammation.oestrogen.min, inflammation.oestrogen.max) == healing.LIMITS["oestrogen"]
    with pytest.raises(ValueError, match="cortisol must be a number from 0 to 100"):
        InflammationExplorer(cortisol=500)
    with pytest.raises(ValueError, match="injury_scale must be one of the presets"):
        InflammationExplorer(injury_scale=0.3)


@pytest.fixture(scope="module")
def planner():
    return SessionPlanner()


def test_planner_opens_on_three_monthly_sessions(planner):
    assert (planner.state().sessions, planner.state().interval_days) == (3, 28)
    assert "days 0, 28, 56" in planner.readout_text
    assert "separate waves" in planner.readout_text
    assert "not a validated prediction" in planner.readout_text


def test_planner_every_control_extreme(planner):
    texts = set()
    for option in planner.injury.options:
        planner.injury.value = option[1]
        for sessions in (planner.sessions.min, planner.sessions.max):
            planner.sessions.value = sessions
            for interval in (planner.interval.min, planner.interval.max):
                planner.interval.value = interval
                span = planner_span(sessions)
                assert span <= healing.MAX_DAYS
                planner.draw(planner.state())  # a cached frame skips drawing: draw it here
                assert planner.plot.ax_waves.get_xlim()[1] == pytest.approx(span)
                # Still axes: every curve fits under its axis's top at every setting.
                for ax, line in ((planner.plot.ax_waves, planner.plot.activity),
                                 (planner.plot.ax_repair, planner.plot.repair)):
                    assert max(line.get_ydata()) < ax.get_ylim()[1]
                visible = [line for line in planner.plot.session_lines if line.get_visible()]
                assert len(visible) == 2 * sessions
                texts.add(planner.readout_text)
    # One session reads the same at any interval, so each injury gives 3 distinct readouts.
    assert len(texts) == 3 * len(planner.injury.options)


def test_planner_says_when_waves_overlap(planner):
    planner.sessions.value, planner.interval.value = 4, 3
    assert "the waves overlap" in planner.readout_text
    planner.interval.value = 84
    assert "separate waves" in planner.readout_text
    # Repair adds up session by session; the last one is still building at the span's end.
    ratio = float(re.search(r"\(([\d.]+) × one session\)", planner.readout_text).group(1))
    assert 3.9 <= ratio <= 4.0
