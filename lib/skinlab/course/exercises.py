"""Checkers for the notebooks' exercises: they run a student's function and answer in words."""

from __future__ import annotations

import functools
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np

from skinlab.course import progress
from skinlab.course.quiz import AnswerCheck
from skinlab.data.checks import checked
from skinlab.data.checks import choice as check_choice
from skinlab.models import anatomy, evidence, healing, needling, plan

__all__ = [
    "EXERCISES", "case_exercise", "check_cases", "check_day_below", "check_epidermis_extremes",
    "check_passes_needed", "check_percent_change", "day_below_exercise", "epidermis_exercise",
    "expected_day_below", "passes_exercise", "percent_change_exercise",
]


# The exercises of each notebook, by the names their results are saved under (progress).
EXERCISES: dict[str, tuple[str, ...]] = {
    "01-skin-layers": ("epidermis-extremes",),
    "02-needle-depth": ("passes-needed",),
    "03-healing-cascade": ("day-below",),
    "04-evidence-and-safety": ("percent-change",),
    "05-plan-a-treatment": tuple(f"case-{name.lower()}" for name in plan.CASES),
}


def _saved(name: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Save the result of a checker (passed or not) under ``name`` when it marks one."""
    def wrap(checker: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(checker)
        def marked(*args: object, **kwargs: object) -> str:
            text = checker(*args, **kwargs)
            if text.startswith(("✓", "✗")):
                progress.record_exercise(name, text.startswith("✓"))
            return text
        return marked
    return wrap


class _NoAnswer(Exception):
    """The student's function could not be marked; the message says why, in words."""


def _answer(student: Callable[..., object], *args: object, wanted: str) -> object:
    """Call ``student(*args)``; raise :class:`_NoAnswer` when it raises or returns None."""
    try:
        answer = student(*args)
    except NotImplementedError:
        raise _NoAnswer("Not attempted yet: replace the `...` line(s), then run both "
                        "cells.") from None
    except Exception as err:
        raise _NoAnswer(f"Your function raised {type(err).__name__}: {err}. Check the "
                        "lines you wrote.") from None
    if answer is None:
        raise _NoAnswer(f"Not attempted yet: your function returned None. Make it return "
                        f"{wanted}.")
    return answer


def _expected_epidermis_extremes() -> tuple[str, str, float]:
    depth = {s: anatomy.profile(s).epidermis_mm for s in anatomy.sites()}
    thickest = max(depth, key=depth.get)
    thinnest = min(depth, key=depth.get)
    return thickest, thinnest, depth[thickest] / depth[thinnest]


@checked
@_saved("epidermis-extremes")
def check_epidermis_extremes(student: Callable[[], object]) -> str:
    """Check notebook 01's exercise.

    ``student()`` should return (site with the thickest epidermis, ratio to the thinnest).
    """
    try:
        answer = _answer(student, wanted="(site, ratio)")
    except _NoAnswer as why:
        return str(why)
    try:
        site, value = answer  # type: ignore[misc]
        value = float(value)
    except (TypeError, ValueError):
        return "Return two things: the site's name and the ratio, e.g. ('cheek', 1.5)."
    return _epidermis_feedback(site, value)


def _epidermis_feedback(site: object, ratio: float) -> str:
    """Feedback on one answer to notebook 01's exercise (a site and a ratio), the same
    whether it came from a student's function or from the answer boxes."""
    thickest, _, expected = _expected_epidermis_extremes()
    if site != thickest:
        return (f"✗ The site is not right yet: {site!r} is not the site with the thickest "
                "epidermis in the model. Compare profile(site).epidermis_mm for every site.")
    if not abs(ratio - expected) <= 0.02 * expected:
        return (f"✗ Right site, but the ratio {ratio:.2f} is off. Divide its epidermis "
                "by the thinnest site's epidermis.")
    return (f"✓ Correct: the {site} has the thickest epidermis in the model, "
            f"{expected:.1f} times the thinnest.")


PASSES_CASES: tuple[tuple[float, float], ...] = (
    (15.28, 200.0),  # the standard roller, per pass
    (200.0, 200.0),  # exactly one pass
    (396.0, 200.0),  # one pass is more than enough
    (60.0, 240.0),  # an exact multiple: 4 passes, not 5
    (7.5, 1000.0),
)


@checked
@_saved("passes-needed")
def check_passes_needed(student: Callable[[float, float], object]) -> str:
    """Check notebook 02's exercise.

    ``student(per_pass_per_cm2, target_per_cm2)`` should return the fewest whole passes
    whose punctures reach the target density.
    """
    for per_pass, target in PASSES_CASES:
        try:
            answer = _answer(student, per_pass, target, wanted="a whole number")
        except _NoAnswer as why:
            return str(why)
        wrong = _passes_feedback(per_pass, target, answer)
        if wrong:
            return wrong
    return (f"✓ Correct on all {len(PASSES_CASES)} checks, including an exact multiple and a "
            "single pass that is already enough.")


def _passes_feedback(per_pass: float, target: float, answer: object) -> str:
    """What is wrong with ``answer`` as the passes needed for ``target`` at ``per_pass``
    punctures per cm² a pass, in words; empty when it is right."""
    expected = needling.passes_for_density(target, per_pass)
    if isinstance(answer, float) and not answer.is_integer():
        return (f"✗ For {per_pass:g} per pass and a target of {target:g}, you returned "
                f"{answer:g}. Passes come whole: round up.")
    if answer != expected:
        hint = ("round up, not down" if answer == expected - 1
                else "an exact multiple needs no extra pass" if answer == expected + 1
                else "divide the target by the density of one pass")
        return (f"✗ For {per_pass:g} per pass and a target of {target:g}, you returned "
                f"{answer!r}; the answer is {expected}. Hint: {hint}.")
    return ""


# Notebook 03: (injury preset index, share of the peak) pairs the checker tries.
WAVE_CASES: tuple[tuple[int, float], ...] = ((1, 0.5), (1, 0.15), (2, 0.15), (2, 0.05), (0, 0.3))
WAVE_SPAN_DAYS = 120.0


@checked(share=(1e-9, 1.0))
def expected_day_below(t: np.ndarray, activity: np.ndarray, share: float) -> float | None:
    """First day after the peak on which ``activity`` is below ``share`` of its peak."""
    peak = int(np.argmax(activity))
    below = np.flatnonzero(activity[peak:] < share * activity[peak])
    return float(t[peak + below[0]]) if below.size else None


@checked
@_saved("day-below")
def check_day_below(student: Callable[[np.ndarray, np.ndarray, float], object]) -> str:
    """Check notebook 03's exercise.

    ``student(t, activity, share)`` should return the first day after the peak on which
    ``activity`` falls below ``share`` × its peak.
    """
    presets = healing.injury_presets()
    for index, share in WAVE_CASES:
        preset = presets[index]
        wave = healing.simulate_sessions(1, 28, WAVE_SPAN_DAYS, injury_scale=preset.injury_scale)
        t, activity = wave.t, wave.inflammatory_activity
        try:
            answer = _answer(student, t, activity, share, wanted="a day")
        except _NoAnswer as why:
            return str(why)
        try:
            day = float(answer)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return f"Return a number of days, not {answer!r}."
        wrong = _day_below_feedback(t, activity, share, preset.label, day)
        if wrong:
            return wrong
    return (f"✓ Correct on all {len(WAVE_CASES)} checks: you can now read from the model when a "
            "wave is over, for any injury and any threshold.")


def _day_below_feedback(t: np.ndarray, activity: np.ndarray, share: float, label: str,
                       day: float, tolerance_days: float = 0.26) -> str:
    """What is wrong with ``day`` as the first day after the peak below ``share`` of it,
    in words; empty when it is right (within ``tolerance_days``: one grid step for a
    function, a day for an answer read off a chart)."""
    expected = expected_day_below(t, activity, share)
    if expected is not None and not abs(day - expected) <= tolerance_days:
        peak_day = float(t[int(np.argmax(activity))])
        hint = ("search only after the peak: before it the wave is also low"
                if day < peak_day else
                "compare with share × the peak value, not with share itself")
        return (f"✗ For a {label} and {share:.0%} of the peak you returned day "
                f"{day:g}; the model says day {expected:g}. Hint: {hint}.")
    return ""


# Notebook 04: (before, after) pairs the checker tries: three published severity scores
# (Dogra 2014, Ismail 2019, Naspolini 2019) and one rise, so the sign is tested both ways.
CHANGE_CASES: tuple[tuple[float, float], ...] = ((11.73, 6.5), (8.61, 5.75), (8.4, 2.64),
                                                 (20.0, 25.0))


@checked
@_saved("percent-change")
def check_percent_change(student: Callable[[float, float], object]) -> str:
    """Check notebook 04's exercise.

    ``student(before, after)`` should return the change from ``before`` to ``after`` as a
    percentage of ``before``: negative for a fall, positive for a rise.
    """
    for before, after in CHANGE_CASES:
        try:
            answer = _answer(student, before, after, wanted="a number")
        except _NoAnswer as why:
            return str(why)
        try:
            value = float(answer)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return f"Return a number (a percentage), not {answer!r}."
        wrong = _percent_change_feedback(before, after, value)
        if wrong:
            return wrong
    return (f"✓ Correct on all {len(CHANGE_CASES)} checks, falls and a rise. Dogra 2014's score "
            f"fell {abs(evidence.relative_change_pct(*CHANGE_CASES[0])):.1f} %, as the chart "
            "shows.")


def _percent_change_feedback(before: float, after: float, value: float) -> str:
    """What is wrong with ``value`` as the percentage change from ``before`` to ``after``,
    in words; empty when it is right."""
    expected = evidence.relative_change_pct(before, after)
    if abs(value - expected) <= 0.05:
        return ""
    if abs(value + expected) <= 0.05:
        hint = "mind the sign: a fall is negative (after − before)"
    elif abs(value - expected / 100) <= 0.0005:
        hint = "that is a fraction; multiply by 100 for a percentage"
    elif abs(value - 100 * (after - before) / after) <= 0.05:
        hint = "divide by the value before, the baseline, not the value after"
    else:
        hint = "take (after − before), divide by before, multiply by 100"
    return (f"✗ From {before:g} to {after:g} you returned {value:.4g}; the change is "
            f"{expected:.1f} %. Hint: {hint}.")


# --- the same exercises without code (one case each, marked by the same feedback) -------
def _number_box(description: str) -> widgets.Text:
    return widgets.Text(description=description, placeholder="a number",
                        style={"description_width": "initial"})


def _as_number(text: object) -> float | None:
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        return None
    return value if np.isfinite(value) else None


NOT_A_NUMBER = "Type a number in the box (for example 2 or 1.5), then press “Check answer”."


@checked
def epidermis_exercise() -> AnswerCheck:
    """Notebook 01's exercise without code: the site with the thickest epidermis in the
    model, and how many times the thinnest it is."""
    sites = widgets.Dropdown(options=[("Choose a site", None)] + [
        (s[0].upper() + s[1:], s) for s in anatomy.sites()], value=None,
        description="Thickest epidermis at", style={"description_width": "initial"})
    ratio = _number_box("Times the thinnest")

    def check(site: object, text: object) -> str:
        if site is None:
            return "Choose a site first, then press “Check answer”."
        value = _as_number(text)
        return NOT_A_NUMBER if value is None else _epidermis_feedback(site, value)

    return AnswerCheck("Using the explorer or the chart, find the site with the thickest "
                       "epidermis in the model and how many times thicker it is than at the "
                       "thinnest site.", [sites, ratio], check,
                       exercise=EXERCISES["01-skin-layers"][0])


@checked
def passes_exercise() -> AnswerCheck:
    """Notebook 02's exercise without code: passes of the standard roller for the target."""
    roller = needling.standard_roller()
    per_pass = needling.roller_density(roller.needles, roller.drum_width_mm,
                                       roller.drum_diameter_mm)
    target = PASSES_CASES[0][1]
    box = _number_box("Passes")

    def check(text: object) -> str:
        value = _as_number(text)
        if value is None:
            return NOT_A_NUMBER
        wrong = _passes_feedback(per_pass, target, int(value) if value.is_integer() else value)
        return wrong or (f"✓ Correct: {int(value)} passes of {per_pass:.1f} punctures per "
                         f"cm² reach {target:g}.")

    return AnswerCheck(f"How many passes of the standard roller ({per_pass:.1f} punctures per "
                       f"cm² a pass) reach {target:g} punctures per cm²?", [box], check,
                       exercise=EXERCISES["02-needle-depth"][0])


@checked
def day_below_exercise() -> AnswerCheck:
    """Notebook 03's exercise without code: the day a wave falls below a share of its peak."""
    index, share = WAVE_CASES[1]
    preset = healing.injury_presets()[index]
    wave = healing.simulate_sessions(1, 28, WAVE_SPAN_DAYS, injury_scale=preset.injury_scale)
    box = _number_box("Day")

    def check(text: object) -> str:
        value = _as_number(text)
        if value is None:
            return NOT_A_NUMBER
        wrong = _day_below_feedback(wave.t, wave.inflammatory_activity, share, preset.label,
                                    value, tolerance_days=1.0)
        return wrong or (f"✓ Correct: after the {preset.label} the inflammatory activity is "
                         f"below {share:.0%} of its peak from about day {value:g}.")

    return AnswerCheck(f"In the session planner, set one session and the {preset.label}, and "
                       f"read the chart: on which day, to the nearest day, does the "
                       f"inflammatory activity first fall below {share:.0%} of its peak?",
                       [box], check, exercise=EXERCISES["03-healing-cascade"][0])


@checked
def percent_change_exercise() -> AnswerCheck:
    """Notebook 04's exercise without code: a published score's change in percent."""
    before, after = CHANGE_CASES[0]
    box = _number_box("Change (%)")

    def check(text: object) -> str:
        value = _as_number(text)
        if value is None:
            return NOT_A_NUMBER
        wrong = _percent_change_feedback(before, after, value)
        return wrong or (f"✓ Correct: from {before:g} to {after:g} is a change of "
                         f"{evidence.relative_change_pct(before, after):.1f} %.")

    return AnswerCheck(f"A scar score fell from {before:g} before treatment to {after:g} after "
                       "it (Dogra 2014). What is the change, in percent of the score before? "
                       "(A fall is negative.)", [box], check,
                       exercise=EXERCISES["04-evidence-and-safety"][0])


# --- notebook 05: the three cases ------------------------------------------------------
NO_CHOICE = "—"


def _case_name(case: str) -> str:
    return f"case-{case.lower()}"


@checked
def check_cases(student: Callable[[str], object]) -> str:
    """Check notebook 05's exercise: ``student(case)`` returns a ``PlanChoice`` for each of
    the three cases (``plan.CASES``); each is marked step by step, in words."""
    lines = []
    for case in plan.CASES:
        try:
            answer = _answer(student, case, wanted="a PlanChoice")
        except _NoAnswer as why:
            return f"✗ {why}"
        if not isinstance(answer, plan.PlanChoice):
            return (f"✗ For {case} your function returned {type(answer).__name__}; return a "
                    "PlanChoice(decision, device, length_mm, sessions, interval_days).")
        try:
            feedback = plan.case_feedback(case, answer)
        except (TypeError, ValueError) as err:
            feedback = f"✗ Your plan could not be read: {err}"
        progress.record_exercise(_case_name(case), feedback.startswith("✓"))
        lines.append(f"{case}: {feedback}")
    passed = sum(line.split(": ", 1)[1].startswith("✓") for line in lines)
    head = "✓ All three plans hold up." if passed == len(lines) else \
        f"✗ {passed} of {len(lines)} plans hold up; each ✗ below names the first wrong step."
    return "\n".join([head, *lines])


@checked
def case_exercise(case: str) -> AnswerCheck:
    """Notebook 05's exercise without code, for one case: choose the screening decision
    and, when the plan goes on, the device, needle length, sessions and interval."""
    check_choice("case", case, plan.CASES, plural="cases")
    wide = {"description_width": "initial"}
    decision = widgets.Dropdown(options=[("Choose", None)] + [(d, d) for d in plan.DECISIONS],
                                value=None, description="Screening decision", style=wide)

    def options(values: list[object], unit: str) -> list[tuple[str, object]]:
        shown = [(f"{v:g}" if isinstance(v, float) else str(v), v) for v in values]
        return [(f"{NO_CHOICE} (the plan stops)", None)] + [(f"{text} {unit}".strip(), v)
                                                            for text, v in shown]

    device = widgets.Dropdown(options=options(["roller", "pen"], ""), value=None,
                              description="Device", style=wide)
    # The lengths the planner offers; intervals from one week, so a too-short one can be
    # chosen (and is marked).
    length = widgets.Dropdown(options=options([x / 4 for x in range(1, 11)], "mm"),
                              value=None, description="Needle length", style=wide)
    sessions = widgets.Dropdown(options=options(list(range(1, 7)), "session(s)"), value=None,
                                description="Sessions", style=wide)
    interval = widgets.Dropdown(options=options(list(range(7, 57, 7)), "days apart"),
                                value=None, description="Interval", style=wide)

    def check(chosen: object, *rest: object) -> str:
        if chosen is None:
            return "Choose a screening decision first, then press “Check answer”."
        return plan.case_feedback(case, plan.PlanChoice(chosen, *rest))

    return AnswerCheck(f"{plan.case_story(case)} Plan it: screen first; if the plan goes on, "
                       "choose the device, needle length, sessions and interval. If it stops, "
                       "leave those at “—”.", [decision, device, length, sessions, interval],
                       check, exercise=_case_name(case))
