"""Healing explorers: scrub through the cascade, change the injury and the modifiers, and
plan a course of sessions."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from skinlab.data.checks import checked, number
from skinlab.data.citations import cite
from skinlab.diagrams.healing import (
    cascade_alt,
    cascade_figure,
    cell_curves_alt,
    format_day,
    format_range,
    inflammation_curves_figure,
    sessions_alt,
    sessions_figure,
    update_cell_curves,
    update_sessions,
    update_timeline,
    wave_text,
)
from skinlab.explorers.base import Explorer
from skinlab.explorers.controls import float_slider, int_slider, log_slider
from skinlab.models import healing

__all__ = [
    "CascadeExplorer", "CascadeState", "InflammationExplorer", "InflammationState",
    "PlannerState", "SessionPlanner", "axis_top", "cascade_explorer", "inflammation_explorer",
    "planner_limits", "planner_span", "session_planner", "signs_under_way",
]

WIDE = {"description_width": "initial"}
CASCADE_SPAN_DAYS = 365.0
CURVES_SPAN_DAYS = 30.0


def _slider_layout() -> widgets.Layout:
    return widgets.Layout(width="26em")


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


# --- 1. the cascade, day by day -----------------------------------------------------
@checked
def signs_under_way(day: float) -> list[healing.TimedEvent]:
    """Dated surface signs and channel events that have not ended by ``day``.

    Each row of the timeline data gives when something is over (redness gone, barrier
    restored); a row whose end is still ahead of ``day`` is under way at that moment.
    Claims without a measurement are left out.
    """
    healing.check_value("day", day)
    return [e for e in healing.timeline_events()
            if e.kind in ("signs", "channels") and e.evidence != "claim" and day < e.day[1]]


@dataclass(frozen=True)
class CascadeState:
    """What the cascade explorer shows: one moment after the injury, in days."""

    day: float = 3.0


CASCADE_DAYS = (0.01, CASCADE_SPAN_DAYS)


class CascadeExplorer(Explorer):
    """A day slider over the four phases and the model's cells after the reference wound."""

    @checked
    def __init__(self, day: float = CascadeState.day) -> None:
        low, high = CASCADE_DAYS
        day = number("day", day, low, high)
        self.day = log_slider(
            value=day, base=10, min=np.log10(low), max=np.log10(high), step=0.01,
            description="Time after the injury (days)", readout_format=".3g",
            layout=widgets.Layout(width="34em"))
        self.model = healing.simulate_inflammation(CASCADE_SPAN_DAYS)
        picture = cascade_figure(self.model, day)
        self.timeline, self.curves = picture.artists
        super().__init__(picture.figure, [self.day], name="healing-cascade explorer")
        self.refresh()

    def state(self) -> CascadeState:
        return CascadeState(float(f"{float(self.day.value):.3g}"))

    def draw(self, state: CascadeState) -> None:
        update_timeline(self.timeline, state.day)
        self.curves.marker.set_xdata([state.day, state.day])

    def background_key(self, state: CascadeState) -> str:
        return "the day slider moves only the markers"

    def dynamic_artists(self) -> list:
        return [self.timeline.marker, self.timeline.marker_text, self.curves.marker]

    def describe(self, state: CascadeState) -> tuple[str, str]:
        day = state.day
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
            seen = ("nothing left to see on the surface: the transient side effects were over "
                    f"within 7 days in a systematic review ({cite('chu2021')})")
        alt = cascade_alt(day, phase)
        text = (f"{format_day(day).capitalize()} ({day:.3g} days).\n"
                f"In a classical full-thickness wound, as the sources describe it: leading "
                f"phase {phase} (phase chain: {share_text}); leading cells: {span.cells}; "
                f"signals: {span.mediators} ({cite(span.source)}).\n"
                f"After microneedling, as measured in people and animals: {seen}.\n"
                f"The inflammation model, after its reference wound (a wound, not a needle "
                f"channel): neutrophils {values['neutrophils']:.3f}, macrophages "
                f"{values['macrophages']:.3f}, debris {values['debris']:.3f} model units.")
        return alt, text


@checked
def cascade_explorer(day: float = CascadeState.day) -> CascadeExplorer:
    """Build the cascade explorer (display it by leaving it last in a cell)."""
    return CascadeExplorer(day)


# --- 2. injury size and systemic modifiers ------------------------------------------
# Modifier settings whose curves set the fixed y-axis of an injury: none, each alone at
# its top, both at their tops, and cortisol half-way.
_AXIS_PROBES = ((0.0, 0.0), (100.0, 0.0), (0.0, 10.0), (100.0, 10.0), (50.0, 0.0))


def _curves_top(result: healing.Inflammation) -> float:
    return max(float(getattr(result, name).max())
               for name in ("neutrophils", "macrophages", "debris"))


@checked(injury_scale=healing.LIMITS["injury_scale"])
@functools.lru_cache(maxsize=16)
def axis_top(injury_scale: float) -> float:
    """A y-axis top that fits the curves of ``injury_scale`` at any modifier setting
    (checked at the corners of the modifier ranges; a curve above it widens the axis)."""
    return max(_curves_top(healing.simulate_inflammation(
        CURVES_SPAN_DAYS, injury_scale=injury_scale, cortisol=c, oestrogen=e))
        for c, e in _AXIS_PROBES)


@dataclass(frozen=True)
class InflammationState:
    """What the inflammation explorer shows: an injury preset and the two modifiers."""

    injury_scale: float = 1.0
    cortisol: float = 0.0
    oestrogen: float = 0.0


class InflammationExplorer(Explorer):
    """Injury size, cortisol and oestrogen → the model's inflammatory curves."""

    @checked(injury_scale=healing.LIMITS["injury_scale"])
    def __init__(self, injury_scale: float = InflammationState.injury_scale,
                 cortisol: float = InflammationState.cortisol,
                 oestrogen: float = InflammationState.oestrogen) -> None:
        self.injury = _injury_dropdown(injury_scale)
        c_low, c_high = healing.LIMITS["cortisol"]
        e_low, e_high = healing.LIMITS["oestrogen"]
        self.cortisol = float_slider(
            value=healing.check_value("cortisol", cortisol), min=c_low, max=c_high, step=5,
            description="Cortisol (model units)", layout=_slider_layout())
        self.oestrogen = float_slider(
            value=healing.check_value("oestrogen", oestrogen), min=e_low, max=e_high, step=0.25,
            description="Oestrogen (model units)", layout=_slider_layout())
        state = self.state()
        result, reference = self.compute(state)  # solves are cached in healing
        picture = inflammation_curves_figure(result, reference, setting=self._setting(state),
                                             top=self._top(state))
        self.curves = picture.artists
        super().__init__(picture.figure, [self.injury, self.cortisol, self.oestrogen],
                         name="inflammation explorer")
        self.refresh()

    def state(self) -> InflammationState:
        return InflammationState(float(self.injury.value), round(float(self.cortisol.value), 2),
                                 round(float(self.oestrogen.value), 2))

    def compute(self, state: InflammationState) -> tuple[healing.Inflammation,
                                                         healing.Inflammation]:
        result = healing.simulate_inflammation(CURVES_SPAN_DAYS, injury_scale=state.injury_scale,
                                               cortisol=state.cortisol,
                                               oestrogen=state.oestrogen)
        return result, healing.simulate_inflammation(CURVES_SPAN_DAYS,
                                                     injury_scale=state.injury_scale)

    def _top(self, state: InflammationState) -> float:
        return max(axis_top(state.injury_scale), _curves_top(self.computed(state)[0]))

    @staticmethod
    def _setting(state: InflammationState) -> str:
        return (f" for a {_preset_label(state.injury_scale)}, cortisol {state.cortisol:g}, "
                f"oestrogen {state.oestrogen:g}")

    def draw(self, state: InflammationState) -> None:
        result, reference = self.computed(state)
        update_cell_curves(self.curves, result, reference=reference, top=self._top(state))

    def background_key(self, state: InflammationState) -> tuple[float, float]:
        # Axes, ticks and the grey no-modifier curves depend on the injury alone; the
        # modifiers move only the coloured curves and their labels.
        return (state.injury_scale, self._top(state))

    def dynamic_artists(self) -> list:
        return [*self.curves.lines.values(), *self.curves.labels.values()]

    def describe(self, state: InflammationState) -> tuple[str, str]:
        result, reference = self.computed(state)
        start = result.debris[0]
        clear = result.first_day_below("debris", 0.01 * start)
        clear_text = (f"debris falls below 1 % of its start on day {clear:.1f}" if clear is not None
                      else f"debris stays above 1 % of its start for all {CURVES_SPAN_DAYS:g} days")
        text = (f"Injury: {_preset_label(state.injury_scale)}. Neutrophils "
                f"{wave_text(result, 'neutrophils', value=True)}; macrophages "
                f"{wave_text(result, 'macrophages', value=True)}; {clear_text}.")
        if state.cortisol or state.oestrogen:
            ref_clear = reference.first_day_below("debris", 0.01 * start)
            ref_text = (f"falls below 1 % on day {ref_clear:.1f}" if ref_clear is not None
                        else f"stays above 1 % for all {CURVES_SPAN_DAYS:g} days")
            text += (f" Without the modifiers (grey): macrophages "
                     f"{wave_text(reference, 'macrophages', value=True)}, and debris {ref_text}.")
        text += f" ({cite('cooper2015')}; time unit inferred as days.)"
        alt = cell_curves_alt(result, setting=self._setting(state), reference=reference)
        return alt, text


@checked
def inflammation_explorer(**start: float) -> InflammationExplorer:
    """Build the inflammation explorer (display it by leaving it last in a cell)."""
    return InflammationExplorer(**start)


# --- 3. sessions ---------------------------------------------------------------------
SESSIONS_MAX = 8
INTERVAL_LIMITS_DAYS = (3, 84)
MIN_SPAN_DAYS = 365.0
AFTER_LAST_DAYS = 120.0


@checked(sessions=healing.LIMITS["sessions"])
def planner_span(sessions: int) -> float:
    """Days the planner shows for ``sessions``: a year, or longer so that the last session
    has 120 days after it even at the longest interval. The axis does not depend on the
    interval, so moving that slider spreads the waves out on a still axis."""
    return max(MIN_SPAN_DAYS, (sessions - 1) * INTERVAL_LIMITS_DAYS[1] + AFTER_LAST_DAYS)


@checked(sessions=healing.LIMITS["sessions"], injury_scale=healing.LIMITS["injury_scale"])
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


@dataclass(frozen=True)
class PlannerState:
    """What the session planner shows: how many sessions, how far apart, what injury."""

    sessions: int = 3
    interval_days: int = 28
    injury_scale: float | None = None  # None: the roller preset (the planner's default)


class SessionPlanner(Explorer):
    """Number and spacing of sessions → inflammatory waves and accumulated repair."""

    @checked
    def __init__(self, sessions: int = PlannerState.sessions,
                 interval_days: int = PlannerState.interval_days,
                 injury_scale: float | None = PlannerState.injury_scale) -> None:
        if injury_scale is None:
            injury_scale = healing.injury_presets()[2].injury_scale
        self.sessions = int_slider(
            value=int(healing.check_value("sessions", sessions, integer=True,
                                          limits=(1, SESSIONS_MAX))),
            min=1, max=SESSIONS_MAX, description="Sessions",
            layout=_slider_layout())
        self.interval = int_slider(
            value=int(healing.check_value("interval_days", interval_days, integer=True,
                                          limits=INTERVAL_LIMITS_DAYS)),
            min=INTERVAL_LIMITS_DAYS[0], max=INTERVAL_LIMITS_DAYS[1],
            description="Interval between sessions (days)", layout=_slider_layout())
        self.injury = _injury_dropdown(injury_scale)
        state = self.state()
        picture = sessions_figure(state.sessions, state.interval_days,
                                  planner_span(state.sessions), injury_scale,
                                  limits=planner_limits(state.sessions, injury_scale),
                                  max_sessions=SESSIONS_MAX, scaled=True)
        self.plot = picture.artists
        super().__init__(picture.figure, [self.sessions, self.interval, self.injury],
                         name="session planner")
        self.refresh()

    def state(self) -> PlannerState:
        return PlannerState(int(self.sessions.value), int(self.interval.value),
                            float(self.injury.value))

    def compute(self, state: PlannerState) -> healing.Sessions:
        return healing.simulate_sessions(state.sessions, state.interval_days,
                                         planner_span(state.sessions),
                                         injury_scale=state.injury_scale)

    def draw(self, state: PlannerState) -> None:
        update_sessions(self.plot, self.computed(state),
                        planner_limits(state.sessions, state.injury_scale))

    def background_key(self, state: PlannerState) -> tuple[int, float | None]:
        # The axes are fixed per number of sessions and injury; the interval moves only
        # the curves and the session markers.
        return state.sessions, state.injury_scale

    def dynamic_artists(self) -> list:
        return [self.plot.activity, self.plot.repair, *self.plot.session_lines]

    def describe(self, state: PlannerState) -> tuple[str, str]:
        count, scale = state.sessions, state.injury_scale
        result = self.computed(state)
        span = float(result.t[-1])
        days = ", ".join(f"{d:g}" for d in result.session_days)
        repair = float(result.accumulated_repair[-1])
        # One session's repair does not depend on the interval: ask for it once per span.
        one = float(healing.simulate_sessions(1, 1, span, injury_scale=scale)
                    .accumulated_repair[-1])
        worst, word = result.overlap()
        if count == 1:
            waves = "One session, one inflammatory wave."
        else:
            kind = {"separate": "the waves are mostly over before the next session: separate "
                                "waves",
                    "partly overlapping": "the waves partly overlap",
                    "overlapping": "the waves overlap: each session lands on unfinished "
                                   "inflammation"}[word]
            waves = (f"When each new session starts, the last wave is still at up to "
                     f"{100 * worst:.0f} % of its peak: {kind}.")
        text = (f"{count} session{'s' if count > 1 else ''} on day{'s' if count > 1 else ''} "
                f"{days} ({_preset_label(scale)}). {waves} Accumulated repair after {span:g} "
                f"days: {repair:.3g} model units ({repair / one:.2f} × one session). "
                f"An illustration, not a validated prediction: no published model of session "
                f"spacing exists.")
        return sessions_alt(result), text


@checked
def session_planner(**start: float) -> SessionPlanner:
    """Build the session planner (display it by leaving it last in a cell)."""
    return SessionPlanner(**start)  # type: ignore[arg-type]
