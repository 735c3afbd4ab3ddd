"""Exercise checkers answer in words: right, wrong (with a hint), or not attempted."""

from __future__ import annotations

import math

import numpy as np

from skinlab.course import exercises
from skinlab.course.exercises import check_epidermis_extremes, check_passes_needed
from skinlab.models import anatomy


def test_epidermis_extremes_solution_is_accepted():
    def solution():
        depth = {s: anatomy.profile(s).epidermis_mm for s in anatomy.sites()}
        thickest = max(depth, key=depth.get)
        return thickest, depth[thickest] / min(depth.values())

    assert check_epidermis_extremes(solution).startswith("✓")


def test_epidermis_extremes_feedback_for_the_usual_mistakes():
    def template():
        ...

    assert "Not attempted" in check_epidermis_extremes(template)
    assert "site is not right" in check_epidermis_extremes(lambda: ("cheek", 3.5))
    assert "ratio" in check_epidermis_extremes(lambda: ("back of hand", 1.0))
    assert "raised ZeroDivisionError" in check_epidermis_extremes(lambda: 1 / 0)
    assert "Return two things" in check_epidermis_extremes(lambda: "back of hand")


def test_passes_solution_is_accepted():
    assert check_passes_needed(lambda per, target: math.ceil(target / per)).startswith("✓")


def test_passes_feedback_names_the_mistake():
    def template(per_pass, target):
        ...

    assert "Not attempted" in check_passes_needed(template)
    assert "round up" in check_passes_needed(lambda per, target: int(target // per))
    assert "Passes come whole" in check_passes_needed(lambda per, target: target / per)
    assert "exact multiple" in check_passes_needed(lambda per, target: int(target // per) + 1)


# --- notebook 03 --------------------------------------------------------------------
def _day_below(t, activity, share):
    peak = int(np.argmax(activity))
    for k in range(peak, len(t)):
        if activity[k] < share * activity[peak]:
            return float(t[k])
    return None


def test_day_below_accepts_a_correct_answer():
    assert exercises.check_day_below(_day_below).startswith("✓")


def test_day_below_explains_common_mistakes():
    def before_peak(t, activity, share):
        return float(t[np.argmax(activity > 0)])

    def raw_share(t, activity, share):
        peak = int(np.argmax(activity))
        return float(t[peak + np.argmax(activity[peak:] < share)])

    def not_started(t, activity, share):
        ...

    assert "after the peak" in exercises.check_day_below(before_peak)
    assert "share × the peak" in exercises.check_day_below(raw_share)
    assert exercises.check_day_below(not_started).startswith("Not attempted")
    assert "raised ZeroDivisionError" in exercises.check_day_below(lambda t, a, s: 1 / 0)


def test_each_exercise_without_code_is_marked_by_its_checker():
    from skinlab.course import exercises as ex

    roller = ex.needling.standard_roller()
    per_pass = ex.needling.roller_density(roller.needles, roller.drum_width_mm,
                                          roller.drum_diameter_mm)
    passes = ex.passes_exercise()
    right = ex.needling.passes_for_density(200.0, per_pass)
    assert passes.check(str(right)).startswith("✓")
    assert "round up, not down" in passes.check(str(right - 1))
    assert passes.check("lots").startswith("Type a number")
    assert passes.check("nan").startswith("Type a number")
    change = ex.percent_change_exercise()
    assert change.check("-44.6").startswith("✓") and "mind the sign" in change.check("44.6")
    thickest, _thinnest, ratio = ex._expected_epidermis_extremes()
    epidermis = ex.epidermis_exercise()
    assert epidermis.check(thickest, f"{ratio:.2f}").startswith("✓")
    assert epidermis.check(None, "1").startswith("Choose a site")
    day = ex.day_below_exercise()
    assert day.check("0").startswith("✗") and "Hint" in day.check("0")
    # The boxes feed the check: what the page holds is what is marked.
    passes.fields[0].value = str(right)
    assert passes.check().startswith("✓") and "✓" in passes.feedback.value

