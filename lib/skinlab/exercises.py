"""Checkers for the notebooks' exercises: they run a student's function and answer in words."""

from __future__ import annotations

from collections.abc import Callable

from skinlab import anatomy


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
