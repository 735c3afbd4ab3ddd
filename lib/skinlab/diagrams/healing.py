"""Healing pictures: the phase timeline, the model's cell curves, the collagen III → I
schematic and a course of sessions.

Painters take Axes and return their artists; ``update_*`` functions change those artists
in place so an explorer never rebuilds a figure. Builders (``*_figure``) ask the models.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from skinlab.data.checks import checked
from skinlab.diagrams.canvas import Picture, new_figure, one_axes_picture
from skinlab.diagrams.style import HIGHLIGHT, INK, OKABE_ITO
from skinlab.models import healing
from skinlab.models.healing import PHASES, Inflammation, PhaseSpan, Sessions, TimedEvent

# Days a healing picture can be asked about: the models run to MAX_DAYS.
DAY_RANGE = (0.0, healing.MAX_DAYS)

__all__ = [
    "CellCurves", "SessionArtists", "Timeline", "cascade_alt", "cascade_figure",
    "cell_curves_alt", "collagen_alt", "collagen_figure", "collagen_schematic_curves",
    "draw_cell_curves", "draw_collagen_schematic", "draw_phase_timeline", "draw_sessions",
    "draw_timeline_events", "format_day", "format_range", "healing_timeline_alt",
    "healing_timeline_figure", "inflammation_curves_figure", "inflammation_figure",
    "sessions_alt", "sessions_figure", "update_cell_curves", "update_sessions",
    "update_timeline", "wave_text",
]

PHASE_COLOURS: dict[str, str] = {
    "haemostasis": OKABE_ITO["vermillion"],
    "inflammation": OKABE_ITO["orange"],
    "proliferation": OKABE_ITO["bluish green"],
    "remodelling": OKABE_ITO["sky blue"],
}
PHASE_HATCHES: dict[str, str] = {
    "haemostasis": "xx", "inflammation": "..", "proliferation": "//", "remodelling": "",
}

# Each population keeps one colour and one line style everywhere in the course, and is
# labelled on the curve itself, so nothing depends on telling colours apart.
CURVE_STYLES: dict[str, dict[str, object]] = {
    "neutrophils": {"color": OKABE_ITO["vermillion"], "linestyle": "-"},
    "macrophages": {"color": OKABE_ITO["blue"], "linestyle": "--"},
    "debris": {"color": INK, "linestyle": ":"},
}

# A log time axis from ten minutes to a year, with ticks people read without a calculator.
TIMELINE_DAYS = (10 / 1440, 365.0)
TIME_TICKS: tuple[tuple[float, str], ...] = (
    (1 / 144, "10 min"), (1 / 24, "1 h"), (6 / 24, "6 h"), (1.0, "1 d"), (3.0, "3 d"),
    (7.0, "1 wk"), (21.0, "3 wk"), (61.0, "2 mo"), (182.0, "6 mo"), (365.0, "1 yr"),
)
EVENT_MARKERS: dict[str, str] = {
    "cells": "o", "collagen": "s", "strength": "^", "channels": "D", "signs": "v",
    "molecules": "P", "sessions": "*",
}


@checked(day=DAY_RANGE)
def format_day(day: float) -> str:
    """A time after injury in the unit people use for it: minutes, hours, days, weeks."""
    if day < 1 / 24:
        return f"{day * 1440:.0f} min"
    if day < 1:
        return f"{day * 24:.0f} h"
    if day < 14:
        return f"day {day:.1f}" if day < 10 else f"day {day:.0f}"
    if day < 61:
        return f"week {day / 7:.1f}"
    return f"month {day / 30.44:.1f}"


@checked(low_day=DAY_RANGE, high_day=DAY_RANGE)
def format_range(low_day: float, high_day: float) -> str:
    """A range of days in one unit: "3–6 h", "4–14 days"; one value if both are equal."""
    if low_day > high_day:
        raise ValueError(f"low_day must not exceed high_day, got {low_day:g} and {high_day:g}")
    units = ((1 / 24, 1440.0, "min"), (1.0, 24.0, "h"), (14.0, 1.0, "days"),
             (61.0, 1 / 7, "weeks"), (math.inf, 1 / 30, "months"))
    _limit, per_day, unit = next(u for u in units if high_day <= u[0])
    low, high = low_day * per_day, high_day * per_day
    if abs(high - low) < 0.05:
        return f"{high:.2g} {unit}"
    return f"{low:.2g}–{high:.2g} {unit}"


def _log_time_axis(ax: Axes) -> None:
    ax.set_xscale("log")
    ax.set_xlim(*TIMELINE_DAYS)
    ax.set_xticks([d for d, _ in TIME_TICKS], [label for _, label in TIME_TICKS])
    ax.minorticks_off()


# --- phase timeline -----------------------------------------------------------------
@dataclass
class Timeline:
    """Artists of the phase timeline; ``marker`` and ``marker_text`` move with the day."""

    ax: Axes
    cores: dict[str, Rectangle]
    ranges: dict[str, Rectangle]
    chain_lines: dict[str, Line2D]
    marker: Line2D
    marker_text: Text


@checked
def draw_phase_timeline(ax: Axes, spans: Sequence[PhaseSpan], *,
                        chain: tuple[np.ndarray, np.ndarray] | None = None) -> Timeline:
    """Draw one row per phase on a log time axis from ten minutes to a year.

    A solid bar covers the days every source puts inside the phase; the faint bar around it
    covers where sources disagree about the start or the end. ``chain`` = (days, shares),
    shares of shape (4, len(days)) in the order of ``PHASES``, draws the four-phase
    chain's share of each phase in its row as a thin line (0 at the row's bottom).
    """
    _log_time_axis(ax)
    rows = {phase: len(PHASES) - 1 - k for k, phase in enumerate(PHASES)}
    cores, ranges, chain_lines = {}, {}, {}
    for span in spans:
        y = rows[span.phase]
        first = max(span.start_day[0], TIMELINE_DAYS[0])
        core_start = max(span.start_day[1], TIMELINE_DAYS[0])
        colour = PHASE_COLOURS[span.phase]
        ranges[span.phase] = ax.add_patch(Rectangle(
            (first, y - 0.32), span.end_day[1] - first, 0.64, facecolor=colour, alpha=0.3,
            edgecolor="none"))
        cores[span.phase] = ax.add_patch(Rectangle(
            (core_start, y - 0.32), span.end_day[0] - core_start, 0.64, facecolor=colour,
            hatch=PHASE_HATCHES[span.phase], edgecolor=INK, linewidth=0.8))
        if chain is not None:
            days, shares = chain
            share = shares[PHASES.index(span.phase)]
            (chain_lines[span.phase],) = ax.plot(days, y - 0.45 + 0.9 * share, color=INK,
                                                 linewidth=1.0, alpha=0.8)
    ax.set_yticks([rows[p] for p in PHASES], [p.capitalize() for p in PHASES])
    ax.set_ylim(-0.6, len(PHASES) - 0.4)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    marker = ax.axvline(1.0, color=HIGHLIGHT, linewidth=2.5)
    marker_text = ax.text(1.0, len(PHASES) - 0.45, "", color=HIGHLIGHT, ha="left", va="bottom",
                          fontweight="bold")
    return Timeline(ax, cores, ranges, chain_lines, marker, marker_text)


@checked(day=DAY_RANGE)
def update_timeline(timeline: Timeline, day: float) -> None:
    """Move the timeline's day marker to ``day`` (clamped to the axis)."""
    x = float(np.clip(day, *TIMELINE_DAYS))
    timeline.marker.set_xdata([x, x])
    timeline.marker_text.set_x(x)
    timeline.marker_text.set_text(format_day(day))
    timeline.marker_text.set_ha("right" if x > 30 else "left")


@checked
def draw_timeline_events(ax: Axes, events: Sequence[TimedEvent], kinds: Sequence[str],
                         ) -> list:
    """Mark dated events of the chosen kinds on a timeline's axis, above the phase rows.

    A range is drawn as a bar, a single day as a marker; a recalled (not re-verified) or
    merely claimed value is drawn hollow.
    """
    drawn: list = []
    chosen = [e for e in events if e.kind in kinds]
    top = len(PHASES) - 0.4
    for k, event in enumerate(chosen):
        y = top + 0.45 * (k + 1)
        low = max(event.day[0], TIMELINE_DAYS[0])
        high = max(event.day[1], TIMELINE_DAYS[0])
        solid = event.evidence == "verified"
        colour = INK if solid else "#777777"
        if high > low * 1.05:
            drawn.append(ax.plot([low, high], [y, y], color=colour, linewidth=4,
                                 solid_capstyle="butt", alpha=1.0 if solid else 0.5)[0])
        drawn.append(ax.plot([np.sqrt(low * high)], [y], marker=EVENT_MARKERS[event.kind],
                             markersize=7, color=colour,
                             markerfacecolor=colour if solid else "white")[0])
        drawn.append(ax.text(high * 1.15, y, event.event, va="center", fontsize="small"))
    ax.set_ylim(-0.6, top + 0.45 * (len(chosen) + 1))
    return drawn


# --- the model's cell curves --------------------------------------------------------
@dataclass
class CellCurves:
    """Lines of the inflammation model; ``marker`` marks the current day."""

    ax: Axes
    lines: dict[str, Line2D]
    references: dict[str, Line2D]
    labels: dict[str, Text]
    marker: Line2D | None


@checked
def draw_cell_curves(ax: Axes, result: Inflammation, *, log_time: bool = False,
                     reference: Inflammation | None = None, marker: bool = True) -> CellCurves:
    """Draw neutrophils, macrophages and debris against days, each labelled at its peak.

    ``reference`` adds the same populations as thin grey lines (for "before and after").
    With ``log_time`` the axis matches the phase timeline.
    """
    lines, references, labels = {}, {}, {}
    for name, style in CURVE_STYLES.items():
        if reference is not None:
            (references[name],) = ax.plot(reference.t, getattr(reference, name), color="#999999",
                                          linestyle=style["linestyle"], linewidth=1.2)
        (lines[name],) = ax.plot(result.t, getattr(result, name), **style)
        labels[name] = ax.text(0, 0, name, color=style["color"], fontweight="bold",
                               ha="left", va="bottom")
    if log_time:
        _log_time_axis(ax)
    else:
        ax.set_xlim(0, float(result.t[-1]))
        ax.set_xlabel("days after the injury")
    ax.set_ylabel("model units")
    day_marker = ax.axvline(1.0, color=HIGHLIGHT, linewidth=2.5) if marker else None
    curves = CellCurves(ax, lines, references, labels, day_marker)
    update_cell_curves(curves, result, reference=reference)
    return curves


@checked(day=DAY_RANGE, top=(1e-6, 1e3))
def update_cell_curves(curves: CellCurves, result: Inflammation, *,
                       reference: Inflammation | None = None, day: float | None = None,
                       top: float | None = None) -> None:
    """Show ``result`` (and ``reference``) in the curves' lines and move the day marker.

    The y-axis fits the curves unless ``top`` fixes it (an explorer that blits keeps its
    axes still while the curves move).
    """
    fixed_top = top
    top = 0.0
    for name, line in curves.lines.items():
        values = getattr(result, name)
        line.set_data(result.t, values)
        top = max(top, float(values.max()))
        if reference is not None and name in curves.references:
            ref_values = getattr(reference, name)
            curves.references[name].set_data(reference.t, ref_values)
            top = max(top, float(ref_values.max()))
    top = fixed_top or top or 1.0
    curves.ax.set_ylim(0, top * 1.12)
    low_x = curves.ax.get_xlim()[0]
    placed: list[float] = []
    for name, label in curves.labels.items():
        peak_day, peak = result.peak(name)
        y = peak + 0.02 * top
        # Nudge a label up when it would sit on another one.
        while any(abs(y - other) < 0.07 * top for other in placed):
            y += 0.07 * top
        placed.append(y)
        label.set_position((max(peak_day, low_x * 1.2), y))
    if day is not None and curves.marker is not None:
        curves.marker.set_xdata([day, day])


# --- collagen III -> I schematic ----------------------------------------------------
@checked
def collagen_schematic_curves(days: np.ndarray) -> dict[str, np.ndarray]:
    """Schematic amounts of new collagen III and I (0–1) against days: shapes, not data.

    Type III appears first (detectable at 1–2 days) and is replaced over months; type I
    rises from about day 3 and keeps building through remodelling.
    """
    days = np.asarray(days, dtype=float)
    log_day = np.log10(np.maximum(days, 1e-3))
    rise_iii = 1 / (1 + np.exp(-(log_day - np.log10(2.0)) * 6))
    fall_iii = 1 / (1 + np.exp((log_day - np.log10(60.0)) * 4))
    rise_i = 1 / (1 + np.exp(-(log_day - np.log10(20.0)) * 4))
    return {"collagen III": 0.8 * rise_iii * (0.25 + 0.75 * fall_iii), "collagen I": rise_i}


@checked
def draw_collagen_schematic(ax: Axes, events: Sequence[TimedEvent]) -> dict[str, list]:
    """Draw the collagen III → I hand-over on the course's log time axis.

    The curves are a schematic (their heights are not measured); the dated anchors come
    from the timeline data and are marked on the axis with their days.
    """
    _log_time_axis(ax)
    ax.set_xlim(0.25, TIMELINE_DAYS[1])  # nothing happens to collagen in the first hours
    days = np.geomspace(0.3, TIMELINE_DAYS[1], 200)
    curves = collagen_schematic_curves(days)
    drawn: dict[str, list] = {"curves": [], "anchors": [], "labels": []}
    styles = {"collagen III": (OKABE_ITO["orange"], "--"), "collagen I": (OKABE_ITO["blue"], "-")}
    for name, values in curves.items():
        colour, line_style = styles[name]
        drawn["curves"].append(ax.plot(days, values, color=colour, linestyle=line_style,
                                       linewidth=3, label=name)[0])
    drawn["labels"].append(ax.text(4, 0.86, "collagen III: thin, laid down first",
                                   color=OKABE_ITO["orange"], fontweight="bold"))
    drawn["labels"].append(ax.text(60, 1.04, "collagen I: thick, strong",
                                   color=OKABE_ITO["blue"], fontweight="bold", ha="center"))
    anchors = [e for e in events if e.kind in ("collagen", "strength")]
    for k, event in enumerate(anchors):
        x = event.day[0]
        drawn["anchors"].append(ax.axvline(x, color="#777777", linewidth=1, linestyle=":"))
        drawn["anchors"].append(ax.text(x * 1.08, 0.06 + 0.1 * k, event.event, fontsize="small",
                                        color="#444444"))
    ax.set_ylim(0, 1.15)
    ax.set_yticks([])
    ax.set_ylabel("new collagen (schematic)")
    return drawn


# --- sessions -----------------------------------------------------------------------
@dataclass
class SessionArtists:
    """Artists of the session plot, updated in place."""

    ax_waves: Axes
    ax_repair: Axes
    activity: Line2D
    repair: Line2D
    session_lines: list[Line2D]
    note: Text


@checked(max_sessions=(1, 50))
def draw_sessions(ax_waves: Axes, ax_repair: Axes, result: Sessions,
                  max_sessions: int = 12) -> SessionArtists:
    """Draw inflammatory waves (top) and accumulated repair (bottom) for a course."""
    (activity,) = ax_waves.plot(result.t, result.inflammatory_activity,
                                color=OKABE_ITO["vermillion"], linewidth=2.2)
    (repair,) = ax_repair.plot(result.t, result.accumulated_repair, color=OKABE_ITO["blue"],
                               linewidth=2.5)
    lines = [ax.axvline(0, color=HIGHLIGHT, linewidth=1.2, linestyle="--", visible=False)
             for _ in range(max_sessions) for ax in (ax_waves, ax_repair)]
    ax_waves.set_ylabel("inflammation\n(neutrophils +\nmacrophages)")
    ax_repair.set_ylabel("accumulated\nrepair")
    ax_repair.set_xlabel("days after the first session")
    note = ax_waves.text(0.99, 0.95, "illustration, not a validated prediction",
                         transform=ax_waves.transAxes, ha="right", va="top", style="italic",
                         color="#444444")
    artists = SessionArtists(ax_waves, ax_repair, activity, repair, lines, note)
    update_sessions(artists, result)
    return artists


@checked
def update_sessions(artists: SessionArtists, result: Sessions,
                    limits: tuple[float, float, float] | None = None) -> None:
    """Show ``result`` in the session plot: curves, session days and axis ranges.

    ``limits`` = (last day, top of the waves axis, top of the repair axis) keeps the axes
    still; without it both axes fit ``result``.
    """
    artists.activity.set_data(result.t, result.inflammatory_activity)
    artists.repair.set_data(result.t, result.accumulated_repair)
    for k, line in enumerate(artists.session_lines):
        index = k // 2
        if index < len(result.session_days):
            day = result.session_days[index]
            line.set_xdata([day, day])
            line.set_visible(True)
        else:
            line.set_visible(False)
    if limits is None:
        limits = (float(result.t[-1]), float(result.inflammatory_activity.max()) * 1.15,
                  float(result.accumulated_repair.max()) * 1.15)
    span, wave_top, repair_top = limits
    for ax, top in ((artists.ax_waves, wave_top), (artists.ax_repair, repair_top)):
        ax.set_xlim(0, span)
        ax.set_ylim(0, top or 1.0)


# --- builders: one per picture --------------------------------------------------------
TIMELINE_EVENT_KINDS = ("cells", "channels", "signs")


@checked
def healing_timeline_alt(spans: Sequence[PhaseSpan], events: Sequence[TimedEvent]) -> str:
    """Alt text of the phase timeline: each phase's extent and each dated event."""
    phases = "; ".join(f"{s.phase} from {format_range(*s.start_day)} to "
                       f"{format_range(*s.end_day)}" for s in spans)
    shown = [e for e in events if e.kind in TIMELINE_EVENT_KINDS]
    dated = "; ".join(f"{e.event}, {format_range(*e.day)} ({e.subject}"
                      f"{', recalled, drawn hollow' if e.evidence != 'verified' else ''})"
                      for e in shown)
    return (f"Timeline from ten minutes to a year on a log scale, one row per phase: {phases}. "
            f"Above, {len(shown)} dated events: {dated}.")


@checked
def healing_timeline_figure() -> Picture:
    """The four phases on a log time axis, with dated cells, channel closure and signs."""
    spans, events = healing.phase_spans(), healing.timeline_events()
    fig = new_figure(12, 8.5, scaled=False)
    ax = fig.add_subplot()
    timeline = draw_phase_timeline(ax, spans)
    draw_timeline_events(ax, events, TIMELINE_EVENT_KINDS)
    timeline.marker.set_visible(False)  # the explorer's day marker has no day here
    timeline.marker_text.set_visible(False)
    return Picture(fig, healing_timeline_alt(spans, events), timeline)


@checked
def collagen_alt(events: Sequence[TimedEvent]) -> str:
    """Alt text of the collagen schematic, with the dated anchors it marks."""
    anchors = "; ".join(f"{e.event} ({format_range(*e.day)}, {e.subject})" for e in events
                        if e.kind in ("collagen", "strength"))
    return ("Schematic curves on a log time axis from 6 hours to a year, heights not measured: "
            "collagen III rises first and later falls; collagen I rises later, overtakes it "
            "(when is not measured) and keeps building. Dotted lines mark the dated findings: "
            f"{anchors}.")


@checked
def collagen_figure() -> Picture:
    """Collagen III laid down first, collagen I taking over (schematic shapes)."""
    events = healing.timeline_events()
    return one_axes_picture(10, 4.5, lambda ax: draw_collagen_schematic(ax, events),
                            collagen_alt(events))


@checked
def cell_curves_alt(result: Inflammation, *, setting: str = "",
                    reference: Inflammation | None = None) -> str:
    """Alt text of the model's cell curves, with its peaks and the debris's fall."""
    start = float(result.debris[0])
    clear = result.first_day_below("debris", 0.01 * start)
    debris = (f"falls below 1 % of its start ({start:.2g} model units) by day {clear:.1f}"
              if clear is not None else f"stays above 1 % of its start ({start:.2g})")
    grey = " Grey lines show the same injury without the modifiers." if reference else ""
    return (f"Inflammation model curves over {float(result.t[-1]):g} days{setting}: debris "
            f"(dotted) {debris}; neutrophils (solid) {wave_text(result, 'neutrophils')}; "
            f"macrophages (dashed) {wave_text(result, 'macrophages')}.{grey}")


@checked
def wave_text(result: Inflammation, name: str, *, value: bool = False) -> str:
    """When a population peaks, in words ("peak on day 0.75 at 0.148"), or that it only
    falls from where it started (no wave to date)."""
    wave = result.wave_peak(name)
    if wave is None:
        start = float(getattr(result, name)[0])
        return (f"start at {start:.3g}, where the scaled starting state puts them, and only "
                "fall: the model shows no wave to date")
    day, peak = wave
    return f"peak on day {day:.2f}" + (f" at {peak:.3g}" if value else "")


@checked
def inflammation_figure(days: float = 21) -> Picture:
    """The Cooper 2015 model after the reference wound: the two waves and the debris."""
    result = healing.simulate_inflammation(days)
    return one_axes_picture(9, 4.5, lambda ax: draw_cell_curves(ax, result, marker=False),
                            cell_curves_alt(result, setting=" after the reference wound"))


@checked(top=(1e-6, 1e3))
def inflammation_curves_figure(result: Inflammation, reference: Inflammation, *,
                               setting: str, top: float, scaled: bool = True) -> Picture:
    """The inflammation explorer's picture: ``result`` over grey ``reference`` curves,
    on a y-axis fixed at ``top``."""
    fig = new_figure(10, 4.6, scaled=scaled)
    curves = draw_cell_curves(fig.add_subplot(), result, reference=reference, marker=False)
    update_cell_curves(curves, result, reference=reference, top=top)
    return Picture(fig, cell_curves_alt(result, setting=setting, reference=reference), curves)


@checked(day=DAY_RANGE, phase=lambda: healing.PHASES)
def cascade_alt(day: float, phase: str) -> str:
    """Alt text of the cascade explorer's picture at ``day`` (leading phase ``phase``)."""
    return (f"Timeline of the four healing phases from ten minutes to a year, with a marker "
            f"at {format_day(day)}, in {phase}; below, the model's neutrophil, macrophage "
            f"and debris curves with the same marker.")


CHAIN_DAYS = np.geomspace(TIMELINE_DAYS[0], TIMELINE_DAYS[1], 300)


@checked(day=DAY_RANGE)
def cascade_figure(model: Inflammation, day: float, *, scaled: bool = True) -> Picture:
    """The phase timeline with the four-phase chain above the model's cell curves, both
    marking ``day``. ``artists`` is ``(Timeline, CellCurves)``."""
    fig = new_figure(10, 6.4, scaled=scaled)
    ax_phases, ax_cells = fig.subplots(2, 1, sharex=True, height_ratios=[1, 1.2])
    timeline = draw_phase_timeline(ax_phases, healing.phase_spans(),
                                   chain=(CHAIN_DAYS, healing.phase_fractions(CHAIN_DAYS)))
    curves = draw_cell_curves(ax_cells, model, log_time=True)
    ax_cells.set_ylabel("model units\n(reference wound)")
    update_timeline(timeline, day)
    update_cell_curves(curves, model, day=day)
    return Picture(fig, cascade_alt(day, healing.phase_on(day)), (timeline, curves))


@checked
def sessions_alt(result: Sessions) -> str:
    """Alt text of a session plot, read off the result: days, overlap and total repair."""
    count = len(result.session_days)
    days = ", ".join(f"{d:g}" for d in result.session_days)
    worst, word = result.overlap()
    waves = ("" if count == 1 else
             f"; when each new session starts the last wave is still at up to "
             f"{100 * worst:.0f} % of its peak ({word} waves)")
    return (f"Two panels over {float(result.t[-1]):g} days, labelled as an illustration, not a "
            f"validated prediction. Top: inflammation (neutrophils plus macrophages) rising "
            f"after each of {count} session{'s' if count > 1 else ''}, on day"
            f"{'s' if count > 1 else ''} {days}{waves}. Bottom: accumulated repair climbing in "
            f"{count} step{'s' if count > 1 else ''} to "
            f"{float(result.accumulated_repair[-1]):.3g} model units.")


@checked(span_days=healing.LIMITS["days"], max_sessions=(1, 50))
def sessions_figure(sessions: int, interval_days: float, span_days: float, injury_scale: float,
                    *, limits: tuple[float, float, float] | None = None,
                    max_sessions: int = 12, scaled: bool = False) -> Picture:
    """Waves (top) and accumulated repair (bottom) for a course of sessions (illustration).

    ``limits`` fixes the axes (the planner keeps them still while the interval moves).
    """
    result = healing.simulate_sessions(sessions, interval_days, span_days,
                                       injury_scale=injury_scale)
    fig = new_figure(10, 5.6, scaled=scaled)
    axes = fig.subplots(2, 1, sharex=True)
    plot = draw_sessions(*axes, result, max_sessions=max_sessions)
    if limits is not None:
        update_sessions(plot, result, limits)
    return Picture(fig, sessions_alt(result), plot)
