"""What happens after the needles: the healing cascade as three small models.

Phase chain
    The four phases as a linear chain H → I → P → R (haemostasis, inflammation,
    proliferation, remodelling). ``phase_on(day)`` names the phase that holds the largest
    share of the tissue. Rates come from ``data/phase_chain.csv``: derived by the course
    from phase-duration ranges, not a published fit. Solved in closed form.

Inflammation
    The model of Cooper, Segal, Diegelmann & Reynolds (2015): pathogen, debris, neutrophils
    and macrophages, with cortisol and oestrogen as systemic modifiers. Parameters and the
    starting state are read from ``data/inflammation_model.csv`` (BioModels BIOMD0000000855).
    The variables are dimensionless; the time unit is inferred to be days.

Repair
    A single-site version of the macrophage-polarisation model of Zlobina, Xue & Gomez
    (2022): debris, M1 and M2 macrophages, temporary (granulation) tissue, and the running
    total of temporary tissue laid down, which the course calls "accumulated repair".

Sessions
    A course of sessions as a sum of single-session responses, one started on each session
    day (new channels seldom land in old ones). An illustration, not a validated
    prediction: no published model of session spacing exists.

``docs/models/healing.md`` gives the equations, every parameter's source and what is left out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.integrate import odeint

from skinlab.data import fact, read_table, records
from skinlab.data.checks import checked, choice, number
from skinlab.data.citations import cite
from skinlab.models import needling

# The data tables this model reads (the notebooks' Sources cells list their references).
TABLES: tuple[str, ...] = (
    "healing_phases", "healing_timeline", "healing_findings", "phase_chain",
    "inflammation_model", "repair_model",
)

__all__ = [
    "ENCODINGS",
    "LIMITS",
    "MAX_DAYS",
    "PHASES",
    "TABLES",
    "WAVE_OVERLAP_SHARES",
    "Finding",
    "Inflammation",
    "InjuryPreset",
    "PhaseSpan",
    "Repair",
    "Sessions",
    "TimedEvent",
    "chain_rates_per_day",
    "check_value",
    "clear_caches",
    "findings",
    "findings_text",
    "inflammation_parameters",
    "inflammation_start",
    "injury_presets",
    "injury_scale_for",
    "phase_changes",
    "phase_fractions",
    "phase_on",
    "phase_spans",
    "repair_parameters",
    "roller_session_scale",
    "session_days",
    "simulate_inflammation",
    "simulate_repair",
    "simulate_sessions",
    "timeline_events",
]

PHASES: tuple[str, ...] = ("haemostasis", "inflammation", "proliferation", "remodelling")

# The timeline the course draws runs from minutes to a year; two years leave room to play.
MAX_DAYS = 730.0
LIMITS: dict[str, tuple[float, float]] = {
    "day": (0.0, MAX_DAYS),
    "days": (1.0, MAX_DAYS),
    # Injury size as a multiple of the starting insult the models were calibrated on.
    "injury_scale": (1e-4, 4.0),
    # Modifier ranges in the model's units: from off to far past the half-effect levels.
    "cortisol": (0.0, 100.0),
    "oestrogen": (0.0, 10.0),
    "sessions": (1, 12),
    "interval_days": (1.0, 180.0),
}

INFLAMMATION_POINTS_PER_DAY = 12
SESSION_POINTS_PER_DAY = 4
# Tolerances chosen so a 60-day solve takes about 10 ms; peak days move by < 0.01 d against
# rtol = 1e-8 (tests/test_healing.py checks this). atol scales with the injury size.
RTOL = 1e-5
ATOL = 1e-6
# Solver round-off can dip a few atol below zero as a population dies out; those values are
# reported as 0. Anything more negative is a real failure and raises.
NEGATIVE_SLACK = 20.0

# Teaching assumption behind injury_scale_for(): the reference wound of the models is taken
# as tissue destroyed over the whole area down to this depth (about the full dermis).
REFERENCE_WOUND_DEPTH_MM = 2.0


# --- input checks -------------------------------------------------------------------
@checked
def check_value(name: str, value: object, *, integer: bool = False,
                limits: tuple[float, float] | None = None) -> float:
    """:func:`skinlab.data.checks.number` with the range from ``LIMITS[name]`` by default."""
    if limits is None:
        choice("name", name, LIMITS, plural="names with a range (or pass limits)")
    low, high = limits or LIMITS[name]
    return number(name, value, low, high, integer=integer)


# --- parameters ---------------------------------------------------------------------
def _values(table: str, kind: str) -> dict[str, float]:
    return {row["name"]: float(row["value"]) for row in read_table(table) if row["kind"] == kind}


@checked
@functools.cache
def inflammation_parameters() -> dict[str, float]:
    """Rate constants of the Cooper 2015 model, keyed by the names in the data table."""
    return _values("inflammation_model", "parameter")


@checked
@functools.cache
def inflammation_start() -> tuple[float, float, float, float]:
    """The published starting state: (pathogen, debris, neutrophils, macrophages)."""
    start = _values("inflammation_model", "initial")
    return (start["pathogen"], start["debris"], start["neutrophils"], start["macrophages"])


@checked
@functools.cache
def repair_parameters() -> dict[str, float]:
    """Parameters of the single-site Zlobina 2022 model."""
    return _values("repair_model", "parameter")


@checked
@functools.cache
def chain_rates_per_day() -> tuple[float, float, float]:
    """Exit rates (per day) of haemostasis, inflammation and proliferation."""
    rates = {row["rate"]: float(row["per_day"]) for row in read_table("phase_chain")}
    return (rates["haemostasis"], rates["inflammation"], rates["proliferation"])


@dataclass(frozen=True)
class PhaseSpan:
    """A phase's start and end in a classical wound, as ranges in days, with its cells."""

    phase: str
    start_low_day: float
    start_high_day: float
    end_low_day: float
    end_high_day: float
    cells: str
    mediators: str
    source: str

    @property
    def start_day(self) -> tuple[float, float]:
        """Earliest and latest start the sources give, in days."""
        return (self.start_low_day, self.start_high_day)

    @property
    def end_day(self) -> tuple[float, float]:
        """Earliest and latest end the sources give, in days."""
        return (self.end_low_day, self.end_high_day)


@checked
@functools.cache
def phase_spans() -> tuple[PhaseSpan, ...]:
    """The four phases as the sources describe them (``data/healing_phases.csv``)."""
    return records(PhaseSpan, "healing_phases")


@dataclass(frozen=True)
class TimedEvent:
    """One dated observation after an injury, with its range in days and its source."""

    event: str
    kind: str
    day_low: float
    day_high: float
    subject: str
    evidence: str
    note: str
    source: str

    @property
    def day(self) -> tuple[float, float]:
        """When it happens (or is over), as a range in days."""
        return (self.day_low, self.day_high)


@checked
@functools.cache
def timeline_events() -> tuple[TimedEvent, ...]:
    """Dated events after an injury (``data/healing_timeline.csv``)."""
    return records(TimedEvent, "healing_timeline")


@dataclass(frozen=True)
class Finding:
    """One study's finding on a disputed question, or a claim made without data."""

    topic: str
    finding: str
    subject: str
    evidence: str
    source: str


@checked
def findings(topic: str) -> tuple[Finding, ...]:
    """Findings on ``topic`` from ``data/healing_findings.csv`` (e.g. "collagen III")."""
    rows = records(Finding, "healing_findings")
    chosen = tuple(f for f in rows if f.topic == topic)
    if not chosen:
        topics = ", ".join(dict.fromkeys(f.topic for f in rows))
        raise ValueError(f"no findings on {topic!r}; topics: {topics}")
    return chosen


@checked
def findings_text(topic: str) -> str:
    """The findings on ``topic`` as a list, one line each, with subject, evidence and source."""
    return "\n".join(f"- {f.finding} ({f.subject}; {f.evidence}; {cite(f.source)})"
                     for f in findings(topic))


# --- the phase chain ----------------------------------------------------------------
@checked
def phase_fractions(day: float | Sequence[float] | np.ndarray) -> np.ndarray:
    """Share of the tissue in each phase at ``day`` (rows: the four PHASES).

    The chain starts wholly in haemostasis. Closed form of
    ``H' = -a H``, ``I' = a H - b I``, ``P' = b I - c P``, ``R' = c P``.

    Parameters
    ----------
    day : float or array of float
        Days after the injury, each from 0 to ``MAX_DAYS``.

    Returns
    -------
    numpy.ndarray
        Shape ``(4, n)``; each column sums to 1.
    """
    days = np.atleast_1d(np.asarray(day, dtype=float))
    if days.size == 0 or not np.all(np.isfinite(days)) or days.min() < 0 or days.max() > MAX_DAYS:
        raise ValueError(f"day must be from 0 to {MAX_DAYS:g}, got {day!r}")
    a, b, c = chain_rates_per_day()
    ea, eb, ec = np.exp(-a * days), np.exp(-b * days), np.exp(-c * days)
    h = ea
    i = a / (b - a) * (ea - eb)
    p = a * b * (ea / ((b - a) * (c - a)) + eb / ((a - b) * (c - b)) + ec / ((a - c) * (b - c)))
    r = 1.0 - h - i - p
    return np.clip(np.vstack([h, i, p, r]), 0.0, 1.0)


@checked
def phase_on(day: float) -> str:
    """Return the phase that holds the largest share of the tissue on ``day``.

    Parameters
    ----------
    day : float
        Days after the injury, from 0 to ``MAX_DAYS``.

    Returns
    -------
    str
        One of ``PHASES``.
    """
    check_value("day", day)
    return PHASES[int(np.argmax(phase_fractions(float(day))[:, 0]))]


@checked
@functools.cache
def phase_changes() -> tuple[float, float, float]:
    """Days on which the leading phase changes (H→I, I→P, P→R), to 0.001 day."""
    changes = []
    low = 0.0
    for later in PHASES[1:]:
        high = low + 1e-3
        while phase_on(min(high, MAX_DAYS)) != later:
            high *= 2.0
        for _ in range(60):  # bisection
            mid = 0.5 * (low + high)
            if PHASES.index(phase_on(mid)) >= PHASES.index(later):
                high = mid
            else:
                low = mid
        changes.append(round(high, 3))
        low = high
    return (changes[0], changes[1], changes[2])


# --- shared ODE machinery -----------------------------------------------------------
def _grid(days: float, points_per_day: int, *, fine_first_day: bool = False) -> np.ndarray:
    t = np.linspace(0.0, days, round(days * points_per_day) + 1)
    if fine_first_day:  # so the course's log-time plots are smooth from minutes on
        t = np.union1d(t, np.geomspace(1 / 1440, min(1.0, days), 120))
    return t


def _integrate(rhs: Callable[[float, list[float]], list[float]], start: Sequence[float],
               t: np.ndarray, atol: float) -> np.ndarray:
    """LSODA over the grid ``t``, unclipped; shape ``(len(start), len(t))``.

    ``odeint`` rather than ``solve_ivp``: the same LSODA, but it calls the right-hand side
    without ``solve_ivp``'s per-call wrapping, which made a 60-day solve about 4x slower.
    """
    out, info = odeint(rhs, list(start), t, tfirst=True, rtol=RTOL, atol=atol,
                       full_output=True)
    if info["message"] != "Integration successful.":  # pragma: no cover - tests drive corners
        raise RuntimeError(f"the healing model failed to solve: {info['message']}")
    return out.T


def _solve(rhs: Callable[[float, list[float]], list[float]], start: Sequence[float],
           t: np.ndarray, atol: float) -> np.ndarray:
    """Integrate ``rhs`` from ``start`` over the grid ``t``; shape ``(len(start), len(t))``."""
    out = np.ascontiguousarray(_integrate(rhs, start, t, atol))
    low = out.min()
    if low < -NEGATIVE_SLACK * atol:  # pragma: no cover - a solver failure, not an input
        raise RuntimeError(f"the healing model went negative ({low:.3g}); report this")
    np.clip(out, 0.0, None, out=out)
    out.setflags(write=False)  # results are cached and shared: nobody may change them
    return out


def _peak(t: np.ndarray, values: np.ndarray) -> tuple[float, float]:
    k = int(np.argmax(values))
    return float(t[k]), float(values[k])


# --- inflammation (Cooper 2015) -----------------------------------------------------
def _inflammation_rhs(cortisol: float, oestrogen: float,
                      encoding: str) -> Callable[[float, list[float]], list[float]]:
    p = inflammation_parameters()
    e, c = oestrogen, cortisol
    # Everything that does not depend on the state is worked out once, outside the RHS:
    # the solver calls it hundreds of times per solve.
    f_em = p["k_mm"] / (1 + (e / p["e_m_inf"]) ** 2)
    c_m1 = (c / p["c_m1"]) ** 2
    r_m = 1 / (1 + (c / p["c_m2"]) ** 2)
    r_n = 1 / (1 + (c / p["c_n"]) ** 2)
    e_n = 1 / (1 + (e / p["e_n_inf"]) ** 2)
    inv_n_inf2 = 1 / p["n_inf"] ** 2
    boost_m = 1 + p["k_em"] * e
    boost_n = 1 + p["k_en"] * e
    k_pn, k_pm, k_ptn, k_ptm = p["k_pn"], p["k_pm"], p["k_ptn"], p["k_ptm"]
    mu_pt, k_np, k_npt, s_nr, mu_nr = p["mu_pt"], p["k_np"], p["k_npt"], p["s_nr"], p["mu_nr"]
    mu_n, k_nm, k_mp, k_mn, k_mpt = p["mu_n"], p["k_nm"], p["k_mp"], p["k_mn"], p["k_mpt"]
    s_mr, mu_mr, mu_m, k_pg, p_inf = p["s_mr"], p["mu_mr"], p["mu_m"], p["k_pg"], p["p_inf"]
    blood, mu_b, k_bp, k_en = p["k_pb"] * p["s_b"], p["mu_b"], p["k_bp"], p["k_en"]
    biomodels = encoding == "biomodels"

    def rhs(_t: float, y: list[float]) -> list[float]:
        pathogen, debris, neutro, macro = y
        active = macro / (1 + neutro * neutro * inv_n_inf2 + c_m1)
        r1 = (k_mpt * debris + k_mp * pathogen + f_em * macro + k_mn * neutro) * r_m
        r2 = (k_npt * debris + k_np * pathogen) * r_n
        # BioModels writes (1 + k_en N) in the neutrophil debris term where every other
        # oestrogen term has (1 + k_en E): probably an encoding slip, kept as the default
        # because the published reference run uses it.
        debris_boost = 1 + k_en * neutro if biomodels else boost_n
        return [
            k_pg * pathogen * (1 - pathogen / p_inf) - blood * pathogen / (mu_b + k_bp * pathogen)
            - k_pn * pathogen * neutro * boost_n - k_pm * pathogen * active * boost_m,
            -k_ptn * debris * neutro * debris_boost - k_ptm * debris * active * boost_m
            + mu_n * neutro - mu_pt * debris,
            s_nr * r2 / (mu_nr + r2) * e_n - mu_n * neutro - k_nm * neutro * active,
            s_mr * r1 / (mu_mr + r1) - mu_m * macro,
        ]

    return rhs


ENCODINGS = ("biomodels", "oestrogen")


@dataclass(frozen=True)
class Inflammation:
    """Solution of the inflammation model on a regular grid of days."""

    t: np.ndarray
    pathogen: np.ndarray
    debris: np.ndarray
    neutrophils: np.ndarray
    macrophages: np.ndarray
    injury_scale: float
    cortisol: float
    oestrogen: float

    def peak(self, name: str) -> tuple[float, float]:
        """Return ``(day, value)`` of the highest point of population ``name``."""
        if name not in ("pathogen", "debris", "neutrophils", "macrophages"):
            raise ValueError(f"no population {name!r}; choose pathogen, debris, neutrophils "
                             "or macrophages")
        return _peak(self.t, getattr(self, name))

    def wave_peak(self, name: str) -> tuple[float, float] | None:
        """``(day, value)`` of the highest point of population ``name`` after it has risen,
        or None when it never rises above its starting value (a large starting insult can
        start the neutrophils higher than any later wave: then there is no wave to date)."""
        day, value = self.peak(name)
        start = float(getattr(self, name)[0])
        return None if day == 0.0 or value <= start else (day, value)

    def at(self, day: float) -> dict[str, float]:
        """Return every population on ``day`` (interpolated), from 0 to the last day."""
        check_value("day", day, limits=(0.0, float(self.t[-1])))
        return {name: float(np.interp(day, self.t, getattr(self, name)))
                for name in ("pathogen", "debris", "neutrophils", "macrophages")}

    def first_day_below(self, name: str, level: float) -> float | None:
        """First day after the peak on which ``name`` is below ``level`` (None: never)."""
        values = getattr(self, name)
        after = np.arange(len(values)) >= int(np.argmax(values))
        below = np.flatnonzero(after & (values < level))
        return float(self.t[below[0]]) if below.size else None


def _insult(injury_scale: float) -> tuple[float, float, float, float]:
    return tuple(injury_scale * x for x in inflammation_start())  # type: ignore[return-value]


@functools.lru_cache(maxsize=128)
def _inflammation(days: float, injury_scale: float, cortisol: float, oestrogen: float,
                  encoding: str) -> Inflammation:
    t = _grid(days, INFLAMMATION_POINTS_PER_DAY, fine_first_day=True)
    y = _solve(_inflammation_rhs(cortisol, oestrogen, encoding), _insult(injury_scale), t,
               ATOL * min(1.0, injury_scale))
    return Inflammation(t, y[0], y[1], y[2], y[3], injury_scale, cortisol, oestrogen)


@checked
def simulate_inflammation(days: float = 60, *, injury_scale: float = 1.0,
                          cortisol: float = 0.0, oestrogen: float = 0.0,
                          encoding: str = "biomodels") -> Inflammation:
    """Solve the Cooper 2015 inflammation model for ``days`` after one injury.

    Parameters
    ----------
    days : float
        Span to solve, from 1 to ``MAX_DAYS`` (time unit inferred to be days).
    injury_scale : float
        Size of the injury as a multiple of the published starting insult (pathogen 0.1,
        debris 2.0, neutrophils 0.1); from 1e-4 to 4. See ``injury_scale_for``.
    cortisol, oestrogen : float
        Systemic modifiers in model units (0 = off): cortisol 0–100, oestrogen 0–10.
    encoding : {"biomodels", "oestrogen"}
        Which form of the neutrophil debris-clearance term to use (see the module code).

    Returns
    -------
    Inflammation
        ``t`` (days) and the arrays ``pathogen``, ``debris``, ``neutrophils``,
        ``macrophages``, sampled 12 times a day and more finely in the first day (from
        one minute on). The arrays are read-only.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}, got {encoding!r}")
    return _inflammation(check_value("days", days),
                         check_value("injury_scale", injury_scale),
                         check_value("cortisol", cortisol),
                         check_value("oestrogen", oestrogen), encoding)


# --- repair (Zlobina 2022, single site) ---------------------------------------------
def _repair_rhs() -> Callable[[float, list[float]], list[float]]:
    p = repair_parameters()
    beta, gamma1, gamma2, rho = p["beta"], p["gamma1"], p["gamma2"], p["rho"]
    kappa_q, q, mu = p["kappa"] ** p["q"], p["q"], p["mu"]

    def rhs(_t: float, y: list[float]) -> list[float]:
        debris, m1, m2, tissue, _laid = y
        m1q = max(m1, 0.0) ** q
        switch = rho * m1q / (kappa_q + m1q)
        return [
            -debris * m1,
            beta * debris - debris * m1 - gamma1 * m1 - switch,
            switch - gamma2 * m2,
            m2 - mu * tissue,
            m2,  # running total of temporary tissue laid down: "accumulated repair"
        ]

    return rhs


@dataclass(frozen=True)
class Repair:
    """Solution of the single-site repair model on a regular grid of days."""

    t: np.ndarray
    debris: np.ndarray
    m1: np.ndarray
    m2: np.ndarray
    temporary_tissue: np.ndarray
    accumulated_repair: np.ndarray

    def peak(self, name: str) -> tuple[float, float]:
        """Return ``(day, value)`` of the highest point of ``name``."""
        if name not in ("debris", "m1", "m2", "temporary_tissue"):
            raise ValueError(f"no variable {name!r}; choose debris, m1, m2 or temporary_tissue")
        return _peak(self.t, getattr(self, name))


def _repair_start(injury_scale: float) -> tuple[float, float, float, float, float]:
    return (injury_scale * _values("repair_model", "initial")["debris"], 0.0, 0.0, 0.0, 0.0)


@functools.lru_cache(maxsize=32)
def _repair(days: float, injury_scale: float) -> Repair:
    t = _grid(days, SESSION_POINTS_PER_DAY)
    y = _solve(_repair_rhs(), _repair_start(injury_scale), t, ATOL * min(1.0, injury_scale))
    return Repair(t, *y)


@checked
def simulate_repair(days: float = 60, *, injury_scale: float = 1.0) -> Repair:
    """Solve the single-site Zlobina 2022 model for ``days`` after one injury.

    Parameters
    ----------
    days : float
        Span to solve, from 1 to ``MAX_DAYS``.
    injury_scale : float
        Starting debris as a multiple of the model's reference wound, from 1e-4 to 4.

    Returns
    -------
    Repair
        ``t`` and the arrays ``debris``, ``m1``, ``m2``, ``temporary_tissue`` and
        ``accumulated_repair`` (the running total of temporary tissue laid down).
    """
    return _repair(check_value("days", days), check_value("injury_scale", injury_scale))


# --- sessions -----------------------------------------------------------------------
# What is left of the last wave when the next session starts: below the first share the
# waves count as separate, above the second as overlapping (a wording choice).
WAVE_OVERLAP_SHARES = (0.15, 0.5)


@dataclass(frozen=True)
class Sessions:
    """A course of sessions: inflammatory waves and accumulated repair over the span."""

    t: np.ndarray
    session_days: tuple[float, ...]
    neutrophils: np.ndarray
    macrophages: np.ndarray
    accumulated_repair: np.ndarray
    injury_scale: float

    @property
    def inflammatory_activity(self) -> np.ndarray:
        """Neutrophils plus macrophages: the model's measure of how inflamed the site is."""
        return self.neutrophils + self.macrophages

    def wave_peaks(self) -> list[tuple[float, float]]:
        """``(day, activity)`` of the highest point after each session, before the next."""
        activity = self.inflammatory_activity
        ends = [*self.session_days[1:], float(self.t[-1]) + 1.0]
        peaks = []
        for start, end in zip(self.session_days, ends, strict=True):
            inside = (self.t >= start) & (self.t < end)
            k = np.flatnonzero(inside)[int(np.argmax(activity[inside]))]
            peaks.append((float(self.t[k]), float(activity[k])))
        return peaks

    def activity_before(self, day: float) -> float:
        """Inflammatory activity just before ``day`` (for "is the last wave over?")."""
        k = max(int(np.searchsorted(self.t, day)) - 1, 0)
        return float(self.inflammatory_activity[k])

    def residual_shares(self) -> list[float]:
        """For each session after the first, what is left of the previous wave when it
        starts, as a share of that wave's peak (empty for a single session)."""
        peaks = self.wave_peaks()
        return [self.activity_before(day) / peak
                for day, (_, peak) in zip(self.session_days[1:], peaks[:-1], strict=True)]

    def overlap(self) -> tuple[float, str]:
        """The largest residual share and a word for it: "separate", "partly overlapping"
        or "overlapping" waves ("single" for one session). The thresholds,
        ``WAVE_OVERLAP_SHARES``, are a wording choice, not a physiological limit."""
        left = self.residual_shares()
        if not left:
            return 0.0, "single"
        worst = max(left)
        separate, partly = WAVE_OVERLAP_SHARES
        word = ("separate" if worst < separate else "partly overlapping" if worst < partly
                else "overlapping")
        return worst, word


@checked(sessions=LIMITS["sessions"], interval_days=LIMITS["interval_days"])
def session_days(sessions: int, interval_days: float) -> tuple[float, ...]:
    """Days of the sessions of a course: 0, interval, 2 × interval, …"""
    return tuple(k * float(interval_days) for k in range(int(sessions)))


def _shifted_sum(t: np.ndarray, days: Sequence[float], t_one: np.ndarray,
                 one: np.ndarray) -> np.ndarray:
    total = np.zeros_like(t)
    for day in days:
        total += np.interp(t - day, t_one, one, left=0.0)
    total.setflags(write=False)
    return total


@functools.lru_cache(maxsize=64)
def _sessions(sessions: int, interval_days: float, days: float, injury_scale: float) -> Sessions:
    t = _grid(days, SESSION_POINTS_PER_DAY)
    when = session_days(sessions, interval_days)
    wave = _inflammation(days, injury_scale, 0.0, 0.0, "biomodels")
    # Repair is solved for one fully injured site and scaled by the share injured: run at a
    # tiny debris load, the model's M1 -> M2 switch never fires (see docs/models/healing.md).
    site = _repair(days, 1.0)
    return Sessions(
        t, when,
        _shifted_sum(t, when, wave.t, wave.neutrophils),
        _shifted_sum(t, when, wave.t, wave.macrophages),
        _shifted_sum(t, when, site.t, injury_scale * site.accumulated_repair),
        injury_scale)


@checked
def simulate_sessions(sessions: int, interval_days: float, days: float, *,
                      injury_scale: float = 1.0) -> Sessions:
    """Illustrate a course of sessions: repeated injuries at 0, interval, 2 × interval, …

    Each session is treated as a fresh set of micro-wounds in skin the last session did
    not touch (new channels seldom land in old ones), so the course's curves are the sum
    of one session's response started on each session day. One session's inflammation
    comes from the Cooper model at ``injury_scale``; its repair from the repair model at
    one fully injured site, times ``injury_scale``. An illustration, not a validated
    prediction.

    Parameters
    ----------
    sessions : int
        Number of sessions, from 1 to 12.
    interval_days : float
        Days between sessions, from 1 to 180.
    days : float
        Span to show, from 1 to ``MAX_DAYS``; every session must fall inside it.
    injury_scale : float
        Size of each session's injury as a multiple of the models' reference insult.

    Returns
    -------
    Sessions
        ``t``, ``session_days``, ``neutrophils``, ``macrophages``,
        ``inflammatory_activity`` (their sum) and ``accumulated_repair``.
    """
    count = int(check_value("sessions", sessions, integer=True))
    interval = check_value("interval_days", interval_days)
    span = check_value("days", days)
    scale = check_value("injury_scale", injury_scale)
    last = (count - 1) * interval
    if last >= span:
        most = int((span - 1e-9) // interval) + 1
        raise ValueError(
            f"{count} sessions every {interval:g} days need a span of more than {last:g} days; "
            f"days must be from {last + 1:g} to {MAX_DAYS:g}, or sessions from 1 to {most}")
    return _sessions(count, interval, span, scale)


@checked
def clear_caches() -> None:
    """Forget every cached solve (the next call of each model solves afresh)."""
    for cached in (_inflammation, _repair, _sessions):
        cached.cache_clear()


# --- from needles to injury size ----------------------------------------------------
@checked
def injury_scale_for(effective_depth_mm: float, density_per_cm2: float) -> float:
    """Injury size of a needling session, as a multiple of the models' reference wound.

    A teaching assumption, not a validated mapping: the injury is taken to be the share
    of tissue the channels destroy, i.e. the share of surface the channels open (measured
    channel width, ``needling.perforated_fraction``) times the depth they reach, over a
    reference wound that destroys everything down to ``REFERENCE_WOUND_DEPTH_MM``.
    Results are raised to the smallest injury the models accept (1e-4).

    Parameters
    ----------
    effective_depth_mm : float
        Depth the needles reach, from 0 to 3 mm (see ``needling.effective_depth_mm``).
    density_per_cm2 : float
        Punctures per cm² over the session (see ``needling.roller_density``).
    """
    depth = check_value("effective_depth_mm", effective_depth_mm,
                        limits=(0.0, needling.NOMINAL_MAX_MM))
    low = fact("channel_width").low
    opened = needling.perforated_fraction(density_per_cm2, low / 1000.0)
    scale = opened * min(depth, REFERENCE_WOUND_DEPTH_MM) / REFERENCE_WOUND_DEPTH_MM
    return float(max(scale, LIMITS["injury_scale"][0]))


@dataclass(frozen=True)
class InjuryPreset:
    """A named injury size for the explorers: a wound, or a needling session."""

    label: str
    injury_scale: float


@checked
def roller_session_scale(nominal_mm: float, passes: int) -> float:
    """Injury size of a session with the standard roller (typical depth; teaching assumption)."""
    roller = needling.standard_roller()
    depth = needling.effective_depth_mm(nominal_mm, "roller").typical_mm
    density = needling.roller_density(roller.needles, roller.drum_width_mm,
                                      roller.drum_diameter_mm, passes)
    return injury_scale_for(depth, density)


@checked
@functools.cache
def injury_presets() -> tuple[InjuryPreset, ...]:
    """Injury sizes the explorers offer, largest first."""
    return (
        InjuryPreset("large wound (×4 the reference)", 4.0),
        InjuryPreset("reference wound (the model's calibration)", 1.0),
        InjuryPreset("roller 1.5 mm, 15 passes", roller_session_scale(1.5, 15)),
        InjuryPreset("roller 0.5 mm, 5 passes", roller_session_scale(0.5, 5)),
    )
