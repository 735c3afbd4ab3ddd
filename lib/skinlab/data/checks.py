"""Argument checks shared by every layer: the edge where bad values are refused by name.

A public function checks its arguments before it computes anything, so a wrong value
fails at once with a ``ValueError`` or ``TypeError`` that names the argument and its
valid range or choices, never deep inside numpy or matplotlib with a message nobody can
act on. Three tools:

* :func:`number` and :func:`choice` check one value;
* :func:`checked` wraps a function: every argument is checked against the function's
  type annotations (a list where a site name belongs is a ``TypeError``), and against
  the ranges and choices given to the decorator (a number outside its range, NaN or an
  infinity is a ``ValueError`` that gives the range), before the function runs. A
  number without a rule is left to the function, which checks it with its own message.
"""

from __future__ import annotations

import collections.abc as cabc
import difflib
import functools
import inspect
import math
import numbers
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import numpy as np

__all__ = ["checked", "choice", "number"]

F = TypeVar("F", bound=Callable[..., Any])
# How many items of a sequence or mapping are type-checked (the rest are trusted: the
# check is for mistakes, and must stay cheap on the hot path of an explorer).
ITEMS_CHECKED = 64


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
    _check_range(name, low, high)
    if not isinstance(integer, (bool, np.bool_)):
        raise TypeError(f"integer must be True or False, not {_show(integer)}")
    if not isinstance(why, str):
        raise TypeError(f"why must be a str, not {type(why).__name__}")
    kind = "a whole number" if integer else "a number"
    message = f"{name} must be {kind} from {low:g} to {high:g}, got {_show(value)}"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
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
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be the argument's name, a non-empty str, not {name!r}")
    if not isinstance(plural, str):
        raise TypeError(f"plural must be a str, not {type(plural).__name__}")
    if isinstance(choices, str) or not isinstance(choices, Iterable):
        raise TypeError(f"choices must be an iterable of str, not {type(choices).__name__}")
    options = list(choices)
    if not all(isinstance(option, str) for option in options):
        raise TypeError("choices must be an iterable of str")
    if isinstance(value, str) and value in options:
        return value
    close = difflib.get_close_matches(str(value), options, n=1) if isinstance(value, str) \
        else []
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"unknown {name} {_show(value)}.{hint} Valid {plural or name + 's'}: "
                     f"{', '.join(options)}.")


def _check_range(name: object, low: object, high: object) -> None:
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be the argument's name, a non-empty str, not {name!r}")
    for label, bound in (("low", low), ("high", high)):
        if not _is_number(bound) or math.isnan(float(bound)):  # type: ignore[arg-type]
            raise ValueError(f"{label} must be a number (an infinity is allowed), got "
                             f"{_show(bound)}")
    if float(low) > float(high):  # type: ignore[arg-type]
        raise ValueError(f"low must not exceed high, got {low} and {high}")


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- the decorator ----------------------------------------------------------------------
Rule = tuple[float, float] | Callable[[], Iterable[str]] | Iterable[str]


def checked(func: F | None = None, /, **rules: Rule) -> Any:
    """Check a function's arguments before it runs: types from its annotations, then the
    ``rules``.

    A rule is ``(low, high)`` for a number (see :func:`number`; an ``int`` annotation
    also requires a whole number) or the valid choices for a string (an iterable, or a
    function returning one, called at check time so tables can grow). Use it bare
    (``@checked``) or with rules (``@checked(day=(0, 730), site=anatomy.sites)``).

    Raises (from the wrapped function)
    ----------------------------------
    TypeError
        An argument of the wrong type ("site must be a str, not list"), or an unknown or
        missing argument.
    ValueError
        A value outside its rule (for a number: NaN, an infinity or out of range).
    """
    def wrap(target: F) -> F:
        if not callable(target):
            raise TypeError(f"func must be a function to wrap, not {type(target).__name__}")
        signature = inspect.signature(target)
        unknown = set(rules) - set(signature.parameters)
        if unknown:
            raise TypeError(f"{target.__qualname__}: rules for unknown arguments {unknown}")
        hints: dict[str, Any] | None = None

        @functools.wraps(target)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal hints
            if hints is None:  # resolved at first call: annotations may name later classes
                hints = _hints(target)
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as err:
                raise TypeError(f"{target.__name__}(): {err}") from None
            for name, value in bound.arguments.items():
                kind = signature.parameters[name].kind
                values = (value if kind is inspect.Parameter.VAR_POSITIONAL
                          else value.values() if kind is inspect.Parameter.VAR_KEYWORD
                          else (value,))
                for item in values:
                    _check(name, item, hints.get(name), rules.get(name))
            return target(*args, **kwargs)

        wrapper.__checked__ = True  # type: ignore[attr-defined]
        for attribute in ("cache_clear", "cache_info"):  # a cached function stays one
            if hasattr(target, attribute):
                setattr(wrapper, attribute, getattr(target, attribute))
        return typing.cast(F, wrapper)

    return wrap(func) if func is not None else wrap


def _hints(target: Callable[..., Any]) -> dict[str, Any]:
    try:
        return typing.get_type_hints(target)
    except Exception:
        found = {}
        for name, annotation in getattr(target, "__annotations__", {}).items():
            try:
                found[name] = typing.get_type_hints(
                    types.SimpleNamespace(__annotations__={name: annotation}),
                    globalns=getattr(target, "__globals__", {}))[name]
            except Exception:
                continue
        return found


def _check(name: str, value: Any, hint: Any, rule: Rule | None) -> None:
    is_range = isinstance(rule, tuple) and len(rule) == 2 and all(map(_is_number, rule))
    if is_range:
        if value is None and _matches(None, hint):
            return
        number(name, value, rule[0], rule[1], integer=_only(hint, int))  # type: ignore[index]
        return
    if _numeric(hint):
        return  # a number without a rule: the function checks its range itself
    if hint is not None and not _matches(value, hint):
        raise TypeError(f"{name} must be {_describe(hint)}, not {type(value).__name__} "
                        f"({_show(value)})")
    if rule is not None and value is not None:
        options = rule() if callable(rule) else rule
        choice(name, value, options)  # type: ignore[arg-type]


def _numeric(hint: Any) -> bool:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    kinds = args if typing.get_origin(hint) in (typing.Union, types.UnionType) else [hint]
    return bool(kinds) and all(k in (int, float) for k in kinds)


def _only(hint: Any, kind: type) -> bool:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return hint is kind or (bool(args) and all(a is kind for a in args))


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _matches(value: Any, hint: Any) -> bool:
    if hint is Any or hint is object:
        return True
    if hint is None or hint is type(None):
        return value is None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in args)
    if origin is typing.Literal:
        return value in args
    if hint is float:
        return _is_number(value)
    if hint is int:
        return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))
    if hint is bool:
        return isinstance(value, (bool, np.bool_))
    if hint is str:
        return isinstance(value, str)
    if origin is None:
        if isinstance(hint, TypeVar):
            return True
        if isinstance(hint, type):
            if hint in (cabc.Sequence, list, tuple) and isinstance(value, str):
                return False
            return isinstance(value, hint)
        return True  # something exotic: left unchecked
    if origin in (cabc.Callable,):
        return callable(value)
    if origin is type:
        return isinstance(value, type)
    if isinstance(value, np.ndarray) and origin in (cabc.Sequence, cabc.Iterable,
                                                    cabc.Collection):
        return True
    if not isinstance(value, origin if isinstance(origin, type) else object):
        return False
    if origin in (cabc.Sequence, cabc.Iterable, list, tuple, cabc.Collection, set,
                  frozenset, cabc.Set):
        if isinstance(value, (str, bytes)) and args and args[0] is not str:
            return False
        if isinstance(value, str):
            return False  # a str is a sequence of letters, never meant as one here
        if origin is tuple and len(args) >= 1 and args[-1] is not Ellipsis:
            return len(value) == len(args) and all(
                _matches(v, a) for v, a in zip(value, args, strict=True))
        item = args[0] if args else Any
        sample = list(value)[:ITEMS_CHECKED] if isinstance(value, cabc.Sized) else []
        return all(_matches(v, item) for v in sample)
    if origin in (cabc.Mapping, dict, cabc.MutableMapping):
        key_hint, value_hint = args if len(args) == 2 else (Any, Any)
        sample = list(value.items())[:ITEMS_CHECKED]
        return all(_matches(k, key_hint) and _matches(v, value_hint) for k, v in sample)
    return True


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(a) for a in args)
    if hint is type(None) or hint is None:
        return "None"
    if hint is float:
        return "a number"
    if hint is int:
        return "a whole number"
    if hint is bool:
        return "True or False"
    if hint is str:
        return "a str"
    if origin is None:
        return f"a {getattr(hint, '__name__', str(hint))}"
    if origin in (cabc.Callable,):
        return "a function"
    name = getattr(origin, "__name__", str(origin))
    if args and origin not in (cabc.Mapping, dict):
        return f"a {name} of {_describe(args[0]).removeprefix('a ')}"
    return f"a {name}"
