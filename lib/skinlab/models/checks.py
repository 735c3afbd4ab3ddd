"""Input checks shared by every model: the edge where bad values are refused by name.

A public function checks its arguments here before it computes anything, so a wrong
value fails at once with a ``ValueError`` that names the argument and its valid range
or choices, never deep inside numpy with a message nobody can act on.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Iterable

__all__ = ["choice", "number"]


def number(name: str, value: object, low: float, high: float, *, integer: bool = False,
           why: str = "") -> float:
    """Return ``value`` as a float if it is a finite real number from ``low`` to ``high``.

    Parameters
    ----------
    name : str
        The argument's name, as the caller's signature spells it (it goes in the message).
    value : object
        What the caller passed.
    low, high : float
        The valid range, both ends included.
    integer : bool
        Also require a whole number.
    why : str
        A reason added to the message when ``value`` is zero or negative (for example
        "a roller needs needles"), where the bare range would not explain itself.

    Raises
    ------
    ValueError
        For anything else: a non-number (booleans and strings included), NaN, an
        infinity, a value out of range or a fraction where a whole number is needed.
    """
    kind = "a whole number" if integer else "a number"
    message = f"{name} must be {kind} from {low:g} to {high:g}, got {value!r}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(message)
    result = float(value)
    if not math.isfinite(result) or not low <= result <= high or (
            integer and result != int(result)):
        extra = f" ({why})" if why and result <= 0 else ""
        raise ValueError(message + extra)
    return result


def choice(name: str, value: object, choices: Iterable[str], *, plural: str = "") -> str:
    """Return ``value`` if it is one of ``choices``; otherwise raise a ``ValueError`` that
    lists them (as "Valid sites: …", ``plural`` defaulting to ``name`` + "s") and names
    the closest one."""
    options = list(choices)
    if isinstance(value, str) and value in options:
        return value
    close = difflib.get_close_matches(str(value), options, n=1) if isinstance(value, str) \
        else []
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"unknown {name} {value!r}.{hint} Valid {plural or name + 's'}: "
                     f"{', '.join(options)}.")
