"""Each model against the observations it cites: where it agrees, and where it does not.

``data/observations.csv`` lists every observation a model of the course should reproduce:
the study, what was seen and in what (living or excised human skin, pig, rat, mouse, a
3D skin model, a published model run), and how the model is compared with it. This
module asks the model the same question and reports, row by row, agree, disagree or
outside (the models do not represent the quantity), with the margin.

Disagreements are shown to the learner, not tuned away: each carries an explanation in
the data, and each row records the result it had when last reviewed (``expect``), so a
test fails when a model change flips a row either way.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from skinlab.data import records
from skinlab.data.checks import checked, choice
from skinlab.data.citations import cite
from skinlab.models import anatomy, healing, needling

__all__ = [
    "COMPARISONS", "MODELS", "ROLES", "STATUSES", "TABLES", "Check", "Observation", "check",
    "checks", "counts", "observations", "summary_text", "table_text",
]

TABLES: tuple[str, ...] = ("observations",)
MODELS: tuple[str, ...] = ("anatomy", "needling", "healing")
STATUSES: tuple[str, ...] = ("agree", "disagree", "outside")
# What an agreement can show: an independent observation tests the model; one it was built
# or fitted from agrees by construction; a published model's own run checks only the code.
ROLES: tuple[str, ...] = ("independent", "input", "reproduction")
ROLE_NOTES: dict[str, str] = {
    "independent": "",
    "input": " [the model was built from this]",
    "reproduction": " [the published model's own run: checks the code]",
}
COMPARISONS: tuple[str, ...] = ("value in range", "range in range", "observed in band",
                                "overlaps band", "equals", "outside")


@dataclass(frozen=True)
class Observation:
    """One cited observation and how a model is compared with it."""

    id: str
    model: str
    quantity: str
    params: str
    subject: str
    observed: str
    compare: str
    low: float | None
    high: float | None
    expected: str
    tolerance: float | None
    unit: str
    role: str  # one of ROLES: what an agreement with this observation can show
    expect: str
    explanation: str
    source: str

    def parameters(self) -> dict[str, str]:
        """``params`` as a dictionary ("site=cheek;device=pen" -> {"site": "cheek", ...})."""
        pairs = [p.split("=", 1) for p in self.params.split(";") if p]
        return {key.strip(): value.strip() for key, value in pairs}


@dataclass(frozen=True)
class Check:
    """What the model says for one observation, and whether that agrees."""

    observation: Observation
    predicted: object
    status: str
    margin: float | None  # inside: distance to the nearer edge; outside: distance beyond it

    def predicted_text(self) -> str:
        """The model's answer in words, with the observation's unit."""
        unit = self.observation.unit
        value = self.predicted
        if value is None:
            return "not modelled"
        if isinstance(value, tuple):
            return f"{_fmt(value[0])}–{_fmt(value[1])} {unit}"
        if isinstance(value, float):
            return f"{_fmt(value)} {unit}"
        return str(value)

    def observed_text(self) -> str:
        """The observation's number or answer, as compared."""
        obs = self.observation
        if obs.compare == "equals":
            return obs.expected
        if obs.low is None or obs.high is None:
            return "—"
        span = _fmt(obs.low) if obs.low == obs.high else f"{_fmt(obs.low)}–{_fmt(obs.high)}"
        return f"{span} {obs.unit}"


def _fmt(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.0f}"


@checked
@functools.cache
def observations() -> tuple[Observation, ...]:
    """Every row of ``data/observations.csv``, checked for known models and comparisons."""
    rows = records(Observation, "observations")
    for row in rows:
        choice("model", row.model, MODELS)
        choice("comparison", row.compare, COMPARISONS)
        choice("expected result", row.expect, STATUSES)
        choice("role", row.role, ROLES)
    return rows


# --- what each quantity asks the model -------------------------------------------------
def _sites(params: dict[str, str]) -> list[str]:
    return anatomy.sites() if params["sites"] == "all" else params["sites"].split("|")


def _dermis_mm(site: str) -> float:
    prof = anatomy.profile(site)
    return prof.dermis_bottom_mm - prof.epidermis_mm


def _epidermis_share(site: str) -> float:
    prof = anatomy.profile(site)
    return 100 * prof.epidermis_mm / prof.dermis_bottom_mm


def _range(values: list[float]) -> tuple[float, float]:
    return (min(values), max(values))


def _first_day_at_least(t: np.ndarray, values: np.ndarray, share: float) -> float:
    return float(t[int(np.argmax(values >= share * values.max()))])


QUANTITIES: dict[str, Callable[[dict[str, str]], object]] = {
    "epidermis_um": lambda p: anatomy.profile(p["site"]).epidermis_mm * 1000,
    "dermis_um": lambda p: _dermis_mm(p["site"]) * 1000,
    "thinnest_dermis": lambda p: min(_sites(p), key=_dermis_mm),
    "skin_ratio": lambda p: (anatomy.profile(p["site"]).dermis_bottom_mm
                             / anatomy.profile(p["reference"]).dermis_bottom_mm),
    "epidermis_share_pct": lambda p: _range([_epidermis_share(s) for s in _sites(p)]),
    "structure_depth_mm": lambda p: next(
        (s.top_mm + s.bottom_mm) / 2 for s in anatomy.structures(p["site"])
        if s.name == p["structure"]),
    "channel_band_mm": lambda p: (
        lambda band: (band.low_mm, band.high_mm))(
        needling.effective_depth_mm(float(p["nominal_mm"]), p["device"])),
    "tip_layer": lambda p: needling.reach(p["site"], p["device"], float(p["nominal_mm"])).layer,
    "tip_endpoint": lambda p: needling.reach(p["site"], p["device"],
                                             float(p["nominal_mm"])).endpoint,
    "bleeding_start_mm": lambda p: _range([anatomy.profile(s).epidermis_mm
                                           for s in _sites(p)]),
    "layer_at_depth": lambda p: anatomy.layer_at(p["site"], float(p["depth_mm"])),
    "peak_day": lambda p: healing.simulate_inflammation(60).peak(p["population"])[0],
    "value_at": lambda p: healing.simulate_inflammation(60).at(float(p["day"]))[p["population"]],
    "repair_peak_day": lambda p: healing.simulate_repair(120).peak(p["variable"])[0],
    "phase_change_day": lambda p: healing.phase_changes()[int(p["change"]) - 1],
    "tissue_rise_day": lambda p: _first_day_at_least(
        healing.simulate_repair(120).t, healing.simulate_repair(120).temporary_tissue, 0.1),
    "repair_plateau_day": lambda p: _first_day_at_least(
        healing.simulate_repair(120).t, healing.simulate_repair(120).accumulated_repair, 0.95),
}


def _within(value: float, low: float, high: float, tol: float) -> tuple[bool, float]:
    """Whether ``value`` lies in [low - tol, high + tol], and the margin: inside, the
    distance to the nearer edge of that interval; outside, how far beyond it."""
    lo, hi = low - tol, high + tol
    if lo <= value <= hi:
        return True, min(value - lo, hi - value)
    return False, (lo - value) if value < lo else (value - hi)


@checked
def check(obs: Observation) -> Check:
    """Compare the model with one observation."""
    if obs.compare == "outside":
        return Check(obs, None, "outside", None)
    predictor = QUANTITIES.get(obs.quantity)
    if predictor is None:
        raise ValueError(f"{obs.id}: no quantity {obs.quantity!r}; quantities: "
                         f"{', '.join(QUANTITIES)}")
    predicted = predictor(obs.parameters())
    tol = obs.tolerance or 0.0
    if obs.compare == "equals":
        agree, margin = predicted == obs.expected, None
    elif obs.compare == "value in range":
        agree, margin = _within(float(predicted), obs.low, obs.high, tol)
        predicted = float(predicted)
    elif obs.compare == "range in range":
        low, high = predicted
        ok_low, m_low = _within(low, obs.low, obs.high, tol)
        ok_high, m_high = _within(high, obs.low, obs.high, tol)
        agree = ok_low and ok_high
        margin = min(m_low, m_high) if agree else max(
            m for ok, m in ((ok_low, m_low), (ok_high, m_high)) if not ok)
    elif obs.compare == "observed in band":
        low, high = predicted
        agree, margin = _within(obs.low, low, high, tol)
    else:  # overlaps band
        low, high = predicted
        agree = obs.low <= high + tol and low - tol <= obs.high
        margin = min(high + tol - obs.low, obs.high - (low - tol))
        margin = abs(margin)
    return Check(obs, predicted, "agree" if agree else "disagree",
                 None if margin is None or math.isnan(margin) else float(margin))


@checked
@functools.cache
def checks(model: str | None = None) -> tuple[Check, ...]:
    """The check of every observation (of ``model`` only, when given)."""
    if model is not None:
        choice("model", model, MODELS)
    return tuple(check(o) for o in observations() if model is None or o.model == model)


@checked
def counts(model: str | None = None, role: str | None = None) -> dict[str, int]:
    """How many observations agree, disagree, or lie outside the models (only those of
    ``role`` when given: an agreement with an observation the model was built from shows
    less than one with an independent observation)."""
    if role is not None:
        choice("role", role, ROLES)
    found = [c for c in checks(model) if role is None or c.observation.role == role]
    return {status: sum(c.status == status for c in found) for status in STATUSES}


@checked
def summary_text(model: str | None = None) -> str:
    """The counts in one sentence, with how many agreements are independent tests."""
    total = counts(model)
    built, runs, alone = (counts(model, role)["agree"] for role in ROLES[1:] + ROLES[:1])
    where = "the model" if model else "the models"
    tests = "1 is an independent test" if alone == 1 else f"{alone} are independent tests"
    made = "was" if model else "were"
    inputs = (f"1 is with an observation {where} {made} built from" if built == 1 else
              f"{built} are with observations {where} {made} built from")
    reruns = ("1 reproduces a published model's own run" if runs == 1 else
              f"{runs} reproduce a published model's own run")
    return (f"{total['agree']} agree, {total['disagree']} disagree, {total['outside']} "
            f"outside {where}. Of the agreements, {tests}; {inputs}; {reruns}.")


@checked
def table_text(model: str) -> str:
    """The checks of ``model`` as plain text for a notebook: one block per observation,
    disagreements with their explanation."""
    lines = []
    for c in checks(model):
        obs = c.observation
        mark = {"agree": "✓ agrees", "disagree": "✗ disagrees", "outside": "– outside"}[c.status]
        lines.append(f"{mark}: {obs.observed} ({obs.subject}; {cite(obs.source)})"
                     f"{ROLE_NOTES[obs.role]}")
        if c.status != "outside":
            where = obs.parameters().get("site")
            at = f" at the {where}" if where else ""
            lines.append(f"    model{at}: {c.predicted_text()}; observed: {c.observed_text()}")
        if c.status != "agree":
            lines.append(f"    why: {obs.explanation}")
    lines.append(summary_text(model))
    return "\n".join(lines)
