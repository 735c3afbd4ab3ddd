"""Healing explorers: scrub through the cascade, change the injury and the modifiers, and
plan a course of sessions."""

from __future__ import annotations

import functools

import ipywidgets as widgets
import numpy as np

from skinlab import healing
from skinlab.citations import cite
from skinlab.diagrams import new_figure
from skinlab.diagrams.healing import (
    draw_cell_curves,
    draw_phase_timeline,
    draw_sessions,
    format_day,
    format_range,
    update_cell_curves,
    update_sessions,
    update_timeline,
)
from skinlab.explorers.base import Explorer
from skinlab.explorers.controls import float_slider, int_slider, log_slider

WIDE = {"description_width": "initial"}
CASCADE_SPAN_DAYS = 365.0
CURVES_SPAN_DAYS = 30.0
# How much of the last wave is left when the next session starts: below the first share
# the waves count as separate, above the second as overlapping (a wording choice).
WAVE_SHARES = (0.15, 0.5)


def _slider_layout() -> widgets.Layout:
    return widgets.Layout(width="26em")


# The session planner redraws whole curves and axes (about 0.1 s): its sliders update when
# a drag is released, so a drag never queues a backlog of frames. Arrow keys update on
# every step.
CURVE_SLIDER = {"continuous_update": False}


def _injury_dropdown(scale: float) -> widgets.Dropdown:
    presets = healing.injury_presets()
    options = [(f"{p.label} (×{p.injury_scale:.2g})", p.injury_scale) for p in presets]
    values = [p.injury_scale for p in presets]
    if scale not in values:
        raise ValueError(f"injury_scale must be one of the presets {values}, got {scale!r}")
    return widgets.Dropdown(options=options, value=scale, description="Injury", style=WIDE,
                            layout=widgets.Layout(width="30em"))


def _preset_label(scale: float) -> str:
    return next(p.label for p in healing.injury_presets() if p.injury_scale == scale)


def _pct(value: float, peak: float) -> str:
    return f"{100 * value / peak:.0f} %" if peak > 0 else "0 %"


# --- 1. the cascade, day by day -----------------------------------------------------
def signs_under_way(day: float) -> list[healing.TimedEvent]:
    """Dated surface signs and channel events that have not ended by ``day``.

    Each row of the timeline data gives when something is over (redness gone, barrier
    restored); a row whose end is still ahead of ``day`` is under way at that moment.
    Claims without a measurement are left out.
    """
    healing.check_value("day", day)
    return [e for e in healing.timeline_events()
            if e.kind in ("signs", "channels") and e.evidence != "claim" and day < e.day[1]]


class CascadeExplorer(Explorer):
    """A day slider over the four phases and the model's cells after the reference wound."""

    def __init__(self, day: float = 3.0) -> None:
        low, high = 0.01, CASCADE_SPAN_DAYS
        if not low <= day <= high:
            raise ValueError(f"day must be from {low:g} to {high:g}, got {day!r}")
        self.day = log_slider(
            value=day, base=10, min=np.log10(low), max=np.log10(high), step=0.01,
            description="Time after the injury (days)", readout_format=".3g",
            layout=widgets.Layout(width="34em"))
        self.model = healing.simulate_inflammation(CASCADE_SPAN_DAYS)
        fig = new_figure(10, 6.4)
        ax_phases, ax_cells = fig.subplots(2, 1, sharex=True, height_ratios=[1, 1.2])
        self.timeline = draw_phase_timeline(ax_phases, healing.phase_spans())
        self.curves = draw_cell_curves(ax_cells, self.model, log_time=True)
        ax_cells.set_ylabel("model units\n(reference wound)")
        super().__init__(fig, [self.day], name="healing-cascade explorer")
        self.refresh()

    def state(self) -> float:
        return float(f"{float(self.day.value):.3g}")

    def draw(self, state: float) -> None:
        update_timeline(self.timeline, state)
        self.curves.marker.set_xdata([state, state])

    def background_key(self, state: float) -> str:
        return "the day slider moves only the markers"

    def dynamic_artists(self) -> list:
        return [self.timeline.marker, self.timeline.marker_text, self.curves.marker]

    def describe(self, state: float) -> tuple[str, str]:
        day = state
        phase = healing.phase_on(day)
        span = next(s for s in healing.phase_spans() if s.phase == phase)
        shares = healing.phase_fractions(day)[:, 0]
        share_text = ", ".join(f"{p} {100 * s:.0f} %"
                               for p, s in zip(healing.PHASES, shares, strict=True) if s >= 0.005)
        values = self.model.at(day)
        signs = signs_under_way(day)
        if signs:
            seen = "still under way: " + "; ".join(
                f"{e.event}, over by {format_range(*e.day)} ({e.subject}; {cite(e.source)})"
                for e in signs)
        else:
            seen = ("nothing to see on the surface: the transient side effects are over "
                    f"within 7 days ({cite('chu2021')}); the work continues in the dermis")
        alt = (f"Timeline of the four healing phases from ten minutes to a year, with a marker "
               f"at {format_day(day)}, in {phase}; below, the model's neutrophil, macrophage "
               f"and debris curves with the same marker.")
        text = (f"{format_day(day).capitalize()} ({day:.3g} days): leading phase {phase} "
                f"(phase chain: {share_text}). Leading cells: {span.cells}. Signals: "
                f"{span.mediators} ({cite(span.source)}). What the skin shows: {seen}. "
                f"Inflammation model, reference wound: neutrophils {values['neutrophils']:.3f}, "
                f"macrophages {values['macrophages']:.3f}, debris {values['debris']:.3f} "
                f"model units.")
        return alt, text


def cascade_explorer(day: float = 3.0) -> CascadeExplorer:
    """Build the cascade explorer (display it by leaving it last in a cell)."""
    return CascadeExplorer(day)


# --- 2. injury size and systemic modifiers ------------------------------------------
# Modifier settings whose curves set the fixed y-axis of an injury: none, each alone at
# its top, both at their tops, and cortisol half-way.
_AXIS_PROBES = ((0.0, 0.0), (100.0, 0.0), (0.0, 10.0), (100.0, 10.0), (50.0, 0.0))


def _curves_top(result: healing.Inflammation) -> float:
    return max(float(getattr(result, name).max())
               for name in ("neutrophils", "macrophages", "debris"))


@functools.lru_cache(maxsize=16)
def axis_top(injury_scale: float) -> float:
    """A y-axis top that fits the curves of ``injury_scale`` at any modifier setting
    (checked at the corners of the modifier ranges; a curve above it widens the axis)."""
    return max(_curves_top(healing.simulate_inflammation(
        CURVES_SPAN_DAYS, injury_scale=injury_scale, cortisol=c, oestrogen=e))
        for c, e in _AXIS_PROBES)


class InflammationExplorer(Explorer):
    """Injury size, cortisol and oestrogen → the model's inflammatory curves."""

    def __init__(self, injury_scale: float = 1.0, cortisol: float = 0.0,
                 oestrogen: float = 0.0) -> None:
        self.injury = _injury_dropdown(injury_scale)
        c_low, c_high = healing.LIMITS["cortisol"]
        e_low, e_high = healing.LIMITS["oestrogen"]
        self.cortisol = float_slider(
            value=healing.check_value("cortisol", cortisol), min=c_low, max=c_high, step=5,
            description="Cortisol (model units)", layout=_slider_layout())
        self.oestrogen = float_slider(
            value=healing.check_value("oestrogen", oestrogen), min=e_low, max=e_high, step=0.25,
            description="Oestrogen (model units)", layout=_slider_layout())
        result, reference = self.compute(self.state())  # solves are cached in healing
        fig = new_figure(10, 4.6)
        ax = fig.add_subplot()
        self.curves = draw_cell_curves(ax, result, reference=reference, marker=False)
        super().__init__(fig, [self.injury, self.cortisol, self.oestrogen],
                         name="inflammation explorer")
        self.refresh()

    def state(self) -> tuple[float, float, float]:
        return (float(self.injury.value), round(float(self.cortisol.value), 2),
                round(float(self.oestrogen.value), 2))

    def compute(self, state: tuple[float, float, float]) -> tuple[healing.Inflammation,
                                                                   healing.Inflammation]:
        scale, cortisol, oestrogen = state
        result = healing.simulate_inflammation(CURVES_SPAN_DAYS, injury_scale=scale,
                                               cortisol=cortisol, oestrogen=oestrogen)
        return result, healing.simulate_inflammation(CURVES_SPAN_DAYS, injury_scale=scale)

    def _top(self, state: tuple[float, float, float]) -> float:
        return max(axis_top(state[0]), _curves_top(self.computed(state)[0]))

    def draw(self, state: tuple[float, float, float]) -> None:
        result, reference = self.computed(state)
        update_cell_curves(self.curves, result, reference=reference, top=self._top(state))

    def background_key(self, state: tuple[float, float, float]) -> tuple[float, float]:
        # Axes, ticks and the grey no-modifier curves depend on the injury alone; the
        # modifiers move only the coloured curves and their labels.
        return (state[0], self._top(state))

    def dynamic_artists(self) -> list:
        return [*self.curves.lines.values(), *self.curves.labels.values()]

    def describe(self, state: tuple[float, float, float]) -> tuple[str, str]:
        scale, cortisol, oestrogen = state
        result, reference = self.computed(state)
        n_day, n_peak = result.peak("neutrophils")
        m_day, m_peak = result.peak("macrophages")
        start = result.debris[0]
        clear = result.first_day_below("debris", 0.01 * start)
        clear_text = (f"debris falls below 1 % of its start on day {clear:.1f}" if clear is not None
                      else f"debris stays above 1 % of its start for all {CURVES_SPAN_DAYS:g} days")
        text = (f"Injury: {_preset_label(scale)}. Neutrophils peak on day {n_day:.2f} at "
                f"{n_peak:.3g}; macrophages peak on day {m_day:.2f} at {m_peak:.3g}; {clear_text}.")
        if cortisol or oestrogen:
            ref_m_day, ref_m_peak = reference.peak("macrophages")
            ref_clear = reference.first_day_below("debris", 0.01 * start)
            ref_text = (f"falls below 1 % on day {ref_clear:.1f}" if ref_clear is not None
                        else f"stays above 1 % for all {CURVES_SPAN_DAYS:g} days")
            text += (f" Without the modifiers (grey): macrophages peak on day {ref_m_day:.2f} at "
                     f"{ref_m_peak:.3g}, and debris {ref_text}.")
        text += f" ({cite('cooper2015')}; time unit inferred as days.)"
        alt = (f"Inflammation model over {CURVES_SPAN_DAYS:g} days for a {_preset_label(scale)}, "
               f"cortisol {cortisol:g}, oestrogen {oestrogen:g}: neutrophils (solid) peak on day "
               f"{n_day:.1f}, macrophages (dashed) on day {m_day:.1f}, debris (dotted) falls "
               "away; grey lines show the same injury without modifiers.")
        return alt, text


def inflammation_explorer(**start: float) -> InflammationExplorer:
    """Build the inflammation explorer (display it by leaving it last in a cell)."""
    return InflammationExplorer(**start)


# --- 3. sessions ---------------------------------------------------------------------
SESSIONS_MAX = 8
INTERVAL_LIMITS_DAYS = (3, 84)
MIN_SPAN_DAYS = 365.0
AFTER_LAST_DAYS = 120.0


def planner_span(sessions: int) -> float:
    """Days the planner shows for ``sessions``: a year, or longer so that the last session
    has 120 days after it even at the longest interval. The axis does not depend on the
    interval, so moving that slider spreads the waves out on a still axis."""
    return max(MIN_SPAN_DAYS, (sessions - 1) * INTERVAL_LIMITS_DAYS[1] + AFTER_LAST_DAYS)


@functools.lru_cache(maxsize=64)
def planner_limits(sessions: int, injury_scale: float) -> tuple[float, float, float]:
    """(last day, waves top, repair top) covering every interval, with 15 % headroom."""
    span = planner_span(sessions)
    waves = repair = 0.0
    for interval in range(INTERVAL_LIMITS_DAYS[0], INTERVAL_LIMITS_DAYS[1] + 1):
        result = healing.simulate_sessions(sessions, interval, span, injury_scale=injury_scale)
        waves = max(waves, float(result.inflammatory_activity.max()))
        repair = max(repair, float(result.accumulated_repair.max()))
    return span, waves * 1.15, repair * 1.15


class SessionPlanner(Explorer):
    """Number and spacing of sessions → inflammatory waves and accumulated repair."""

    def __init__(self, sessions: int = 3, interval_days: int = 28,
                 injury_scale: float | None = None) -> None:
        if injury_scale is None:
            injury_scale = healing.injury_presets()[2].injury_scale
        self.sessions = int_slider(
            value=int(healing.check_value("sessions", sessions, integer=True,
                                     limits=(1, SESSIONS_MAX))),
            min=1, max=SESSIONS_MAX, description="Sessions",
            layout=_slider_layout(), **CURVE_SLIDER)
        self.interval = int_slider(
            value=int(healing.check_value("interval_days", interval_days, integer=True,
                                     limits=INTERVAL_LIMITS_DAYS)),
            min=INTERVAL_LIMITS_DAYS[0], max=INTERVAL_LIMITS_DAYS[1],
            description="Interval between sessions (days)", layout=_slider_layout(),
            **CURVE_SLIDER)
        self.injury = _injury_dropdown(injury_scale)
        fig = new_figure(10, 5.6)
        ax_waves, ax_repair = fig.subplots(2, 1, sharex=True)
        self.plot = draw_sessions(ax_waves, ax_repair, self.compute(self.state()),
                                  max_sessions=SESSIONS_MAX)
        super().__init__(fig, [self.sessions, self.interval, self.injury],
                         name="session planner")
        self.refresh()

    def state(self) -> tuple[int, int, float]:
        return (int(self.sessions.value), int(self.interval.value), float(self.injury.value))

    def compute(self, state: tuple[int, int, float]) -> healing.Sessions:
        count, interval, scale = state
        return healing.simulate_sessions(count, interval, planner_span(count),
                                         injury_scale=scale)

    def draw(self, state: tuple[int, int, float]) -> None:
        count, _interval, scale = state
        update_sessions(self.plot, self.computed(state), planner_limits(count, scale))

    def background_key(self, state: tuple[int, int, float]) -> tuple[int, float]:
        # The axes are fixed per number of sessions and injury; the interval moves only
        # the curves and the session markers.
        count, _interval, scale = state
        return count, scale

    def dynamic_artists(self) -> list:
        return [self.plot.activity, self.plot.repair, *self.plot.session_lines]

    def describe(self, state: tuple[int, int, float]) -> tuple[str, str]:
        count, _interval, scale = state
        result = self.computed(state)
        span = float(result.t[-1])
        days = ", ".join(f"{d:g}" for d in result.session_days)
        repair = float(result.accumulated_repair[-1])
        # One session's repair does not depend on the interval: ask for it once per span.
        one = float(healing.simulate_sessions(1, 1, span, injury_scale=scale)
                    .accumulated_repair[-1])
        if count == 1:
            waves = "One session, one inflammatory wave."
        else:
            peaks = result.wave_peaks()
            left = [result.activity_before(day) / peak
                    for day, (_, peak) in zip(result.session_days[1:], peaks[:-1], strict=True)]
            worst = max(left)
            if worst < WAVE_SHARES[0]:
                kind = "the waves are mostly over before the next session: separate waves"
            elif worst < WAVE_SHARES[1]:
                kind = "the waves partly overlap"
            else:
                kind = "the waves overlap: each session lands on unfinished inflammation"
            waves = (f"When each new session starts, the last wave is still at up to "
                     f"{100 * worst:.0f} % of its peak: {kind}.")
        text = (f"{count} session{'s' if count > 1 else ''} on day{'s' if count > 1 else ''} "
                f"{days} ({_preset_label(scale)}). {waves} Accumulated repair after {span:g} "
                f"days: {repair:.3g} model units ({repair / one:.2f} × one session). "
                f"An illustration, not a validated prediction: no published model of session "
                f"spacing exists.")
        alt = (f"Two panels over {span:g} days. Top: inflammation (neutrophils plus "
               f"macrophages) rising after each of {count} sessions, marked by dashed lines at "
               f"days {days}. Bottom: accumulated repair climbing in steps to {repair:.3g}.")
        return alt, text


def session_planner(**start: float) -> SessionPlanner:
    """Build the session planner (display it by leaving it last in a cell)."""
    return SessionPlanner(**start)  # type: ignore[arg-type]
