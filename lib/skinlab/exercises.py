"""Checkers for the notebooks' exercises: they run a student's function and answer in words."""

from __future__ import annotations

from collections.abc import Callable

from skinlab import anatomy, needling


def _expected_epidermis_extremes() -> tuple[str, str, float]:
    depth = {s: anatomy.profile(s).epidermis_mm for s in anatomy.sites()}
    thickest = max(depth, key=depth.get)
    thinnest = min(depth, key=depth.get)
    return thickest, thinnest, depth[thickest] / depth[thinnest]


def check_epidermis_extremes(student: Callable[[], object]) -> str:
    """Check notebook 01's exercise.

    ``student()`` should return (site with the thickest epidermis, ratio to the thinnest).
    """
    thickest, _, ratio = _expected_epidermis_extremes()
    try:
        answer = student()
    except NotImplementedError:
        return ("Not attempted yet: replace the `...` lines in the exercise cell, "
                "then run both cells.")
    except Exception as err:
        return f"Your function raised {type(err).__name__}: {err}. Check the lines you wrote."
    if answer is None:
        return "Not attempted yet: your function returned None. Make it return (site, ratio)."
    try:
        site, value = answer  # type: ignore[misc]
        value = float(value)
    except (TypeError, ValueError):
        return "Return two things: the site's name and the ratio, e.g. ('cheek', 1.5)."
    if site != thickest:
        return (f"✗ The site is not right yet: {site!r} is not the site with the thickest "
                "epidermis in the model. Compare profile(site).epidermis_mm for every site.")
    if abs(value - ratio) > 0.02 * ratio:
        return (f"✗ Right site, but the ratio {value:.2f} is off. Divide its epidermis "
                "by the thinnest site's epidermis.")
    return (f"✓ Correct: the {site} has the thickest epidermis in the model, "
            f"{ratio:.1f} times the thinnest.")


PASSES_CASES: tuple[tuple[float, float], ...] = (
    (15.28, 200.0),  # the standard roller, per pass
    (200.0, 200.0),  # exactly one pass
    (396.0, 200.0),  # one pass is more than enough
    (60.0, 240.0),  # an exact multiple: 4 passes, not 5
    (7.5, 1000.0),
)


def check_passes_needed(student: Callable[[float, float], object]) -> str:
    """Check notebook 02's exercise.

    ``student(per_pass_per_cm2, target_per_cm2)`` should return the fewest whole passes
    whose punctures reach the target density.
    """
    for per_pass, target in PASSES_CASES:
        expected = needling.passes_for_density(target, per_pass)
        try:
            answer = student(per_pass, target)
        except NotImplementedError:
            return "Not attempted yet: replace the `...` line, then run both cells."
        except Exception as err:
            return f"Your function raised {type(err).__name__}: {err}. Check the line you wrote."
        if answer is None:
            return "Not attempted yet: your function returned None. Make it return a whole number."
        if isinstance(answer, float) and not answer.is_integer():
            return (f"✗ For {per_pass:g} per pass and a target of {target:g}, you returned "
                    f"{answer:g}. Passes come whole: round up.")
        if answer != expected:
            hint = ("round up, not down" if answer == expected - 1
                    else "an exact multiple needs no extra pass" if answer == expected + 1
                    else "divide the target by the density of one pass")
            return (f"✗ For {per_pass:g} per pass and a target of {target:g}, you returned "
                    f"{answer!r}; the answer is {expected}. Hint: {hint}.")
    return (f"✓ Correct on all {len(PASSES_CASES)} checks, including an exact multiple and a "
            "single pass that is already enough.")
