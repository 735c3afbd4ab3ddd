"""Every public function of the library refuses bad values by name.

For each public callable (every name in a module's ``__all__``), ``fuzz_examples`` holds a
valid call. This test replaces one argument at a time with values that are wrong for it
(NaN, infinities, a huge or negative number, text, a list, None, a bool, an unknown name)
and requires a ``ValueError`` or ``TypeError`` whose message names the argument or its
valid range or choices, within a time and memory bound. Nothing may hang, allocate
gigabytes, or leak another exception type. A hypothesis test then draws further bad
values at random.

The tally (calls and outcomes) is written to ``build/fuzz-tally.json``.
"""

from __future__ import annotations

import collections
import importlib
import inspect
import json
import math
import pkgutil
import re
import resource
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fuzz_examples as E
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skinlab

ROOT = Path(__file__).resolve().parents[1]
SECONDS_PER_CALL = 3
MEMORY_HEADROOM = 2 * 1024**3  # a call that tries to allocate past this fails the test
NAMES_RANGE = re.compile(r"\bfrom -?[\d.e+]+ to\b|[Vv]alid |\bone of\b|\bchoose\b|\d to [\d.]")

# Arguments that take any text: an unknown or empty string is a value, not a mistake.
FREE_TEXT = {
    ("skinlab.course.glossary.abbreviations_in", "text"),
    ("skinlab.course.glossary.slug", "text"),
    ("skinlab.course.launch.lab_environment", "token"),
    ("skinlab.course.instructor.render_text", "text"),
    # Progress is keyed by a question's text or an exercise's name: any text is a key.
    ("skinlab.course.progress.question_id", "question"),
    ("skinlab.course.progress.record_answer", "question"),
    ("skinlab.course.progress.last_answer", "question"),
    ("skinlab.course.progress.record_exercise", "name"),
    ("skinlab.course.progress.exercise_result", "name"),
    ("skinlab.course.instructor.unsourced_numbers", "answer"),
    ("skinlab.course.instructor.unsourced_numbers", "prompt"),
    ("skinlab.course.quiz.Option", "text"),
    ("skinlab.course.quiz.Option", "why"),
    ("skinlab.diagrams.canvas.img_tag", "css_class"),
    ("skinlab.diagrams.healing.cell_curves_alt", "setting"),
    ("skinlab.course.quiz.Quiz", "question"),
    ("skinlab.data.checks.choice", "name"),
    ("skinlab.data.checks.number", "name"),
    ("skinlab.data.checks.number", "why"),
    ("skinlab.data.checks.choice", "plural"),
    ("skinlab.data.citations.parse_bibtex", "text"),
    ("skinlab.data.column", "name"),
    ("skinlab.data.split_keys", "cell"),
    ("skinlab.diagrams.canvas.img_tag", "alt"),
    ("skinlab.diagrams.canvas.one_axes_picture", "alt"),
    ("skinlab.diagrams.evidence.evidence_alt", "title"),
    ("skinlab.diagrams.evidence.update_evidence", "title"),
    ("skinlab.diagrams.healing.inflammation_curves_figure", "setting"),
    ("skinlab.diagrams.needling.puncture_alt", "setting"),
    ("skinlab.diagrams.needling.puncture_density_figure", "setting"),
    ("skinlab.explorers.base.site_label", "site"),
    ("skinlab.explorers.controls.float_slider", "description"),
    ("skinlab.explorers.controls.int_slider", "description"),
    ("skinlab.explorers.controls.log_slider", "description"),
}
# Other bad-looking values an argument legitimately takes, with the reason.
VALID = {
    ("skinlab.course.launch.lab_environment", "base", "none"),  # None: the process's env
    ("skinlab.data.checks.checked", "func", "none"),  # None: used as @checked(...)
    ("skinlab.data.checks.number", "low", "neg"),  # ranges may start below zero
    ("skinlab.data.checks.number", "low", "-huge"),
    ("skinlab.data.checks.number", "low", "-inf"),  # open-ended ranges are allowed
    ("skinlab.data.checks.number", "high", "huge"),
    ("skinlab.data.checks.number", "high", "inf"),
    ("skinlab.explorers.controls.float_slider", "min", "neg"),  # a slider may go negative
    ("skinlab.explorers.controls.float_slider", "value", "neg"),
    ("skinlab.explorers.controls.int_slider", "min", "neg"),
    ("skinlab.explorers.controls.int_slider", "value", "neg"),
    ("skinlab.explorers.controls.log_slider", "min", "neg"),  # exponents: 10**-1 is fine
    ("skinlab.explorers.controls.log_slider", "max", "neg"),
    ("skinlab.explorers.controls.log_slider", "value", "neg"),
    ("skinlab.models.healing.phase_fractions", "day", "list"),  # many days at once
    ("skinlab.diagrams.canvas.new_figure", "layout", "none"),  # None: no layout engine
    ("skinlab.diagrams.new_figure", "layout", "none"),
}


def public_callables() -> Iterator[tuple[str, Any]]:
    """Every public function and class of the library, by "module.name"."""
    for info in pkgutil.walk_packages(skinlab.__path__, "skinlab."):
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if callable(obj) and (not inspect.isclass(obj) or f"{info.name}.{name}" in E.EXAMPLES):
                yield f"{info.name}.{name}", obj


def optional(key: str) -> set[str]:
    """The arguments of ``key`` whose default is None: None is a value for them."""
    try:
        parameters = inspect.signature(E.resolve(key)).parameters
    except (TypeError, ValueError):
        return set()
    return {name for name, p in parameters.items() if p.default is None}


def arguments(key: str) -> dict[str, object]:
    """Every argument of ``key`` worth fuzzing, with a good value: those of its example,
    then its optional ones at their defaults (a default of None stands for the kind its
    annotation names, so ``layer: str | None = None`` is fuzzed as text)."""
    found = dict(E.EXAMPLES[key]())
    try:
        parameters = inspect.signature(E.resolve(key)).parameters
    except (TypeError, ValueError):
        return found
    for name, parameter in parameters.items():
        if name in found or parameter.default is inspect.Parameter.empty:
            continue
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        default = parameter.default
        if default is None:
            text = str(parameter.annotation)
            default = ("text" if "str" in text else 1.0 if "float" in text
                       else 1 if "int" in text else True if "bool" in text else None)
            if default is None:
                continue
        found[name] = default
    return found


def battery(example: object) -> dict[str, object]:
    """Values that are wrong where ``example`` is right, by label."""
    if isinstance(example, bool):
        return {"none": None, "text": "yes", "two": 2, "nan": math.nan}
    if isinstance(example, (int, float)):
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf, "huge": 1e308,
                "-huge": -1e308, "neg": -1, "text": "1", "list": [1], "none": None,
                "bool": True}
    if isinstance(example, str):
        return {"unknown": "no-such-thing-xyz", "empty": "", "number": 3, "none": None,
                "list": ["x"]}
    return {"none": None, "number": 3, "text": "x"}


TALLY: collections.Counter[str] = collections.Counter()
FAILURES: list[str] = []


def _call(key: str, kwargs: dict[str, Any]) -> Any:
    args: list[Any] = []
    for name in E.POSITIONAL.get(key, []):
        if name.startswith("*"):
            args.extend(kwargs.pop(name[1:]))
        else:
            args.append(kwargs.pop(name))
    return E.resolve(key)(*args, **kwargs)


def _timeout(*_: object) -> None:
    raise TimeoutError(f"a call took longer than {SECONDS_PER_CALL} s")


@pytest.fixture(scope="module", autouse=True)
def bounded_memory_and_tally() -> Iterator[None]:
    """Cap the address space while fuzzing, so a call that asks for gigabytes fails with a
    MemoryError here instead of taking the machine down; write the tally afterwards."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    now = int(Path("/proc/self/status").read_text().split("VmSize:")[1].split()[0]) * 1024
    cap = now + MEMORY_HEADROOM
    if hard != resource.RLIM_INFINITY:
        cap = min(hard, cap)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    previous = signal.signal(signal.SIGALRM, _timeout)
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.signal(signal.SIGALRM, previous)
        out = ROOT / "build" / "fuzz-tally.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps({"calls": sum(TALLY.values()), "outcomes": dict(TALLY),
                                   "failures": FAILURES}, indent=1), encoding="utf-8")


def test_every_public_callable_has_an_example_or_a_reason():
    found = {key for key, _ in public_callables()}
    missing = sorted(found - set(E.EXAMPLES) - set(E.SKIPPED))
    assert missing == [], f"give these an example in tests/fuzz_examples.py: {missing}"
    assert set(E.EXAMPLES) <= found | {k for k in E.EXAMPLES if k.count(".") > 3}
    assert set(E.SKIPPED) <= found


def _outcome(key: str, param: str, label: str, value: object) -> str:
    kwargs = dict(E.EXAMPLES[key]())
    if param.startswith("*"):
        kwargs[param[1:]] = (value,)
    else:
        kwargs[param] = value
    signal.alarm(SECONDS_PER_CALL)
    try:
        _call(key, kwargs)
    except (ValueError, TypeError) as err:
        message = str(err)
        if param.lstrip("*") in message or NAMES_RANGE.search(message):
            return "refused by name"
        return f"refused without naming {param} or its range: {message[:120]}"
    except TimeoutError:
        return "hang"
    except MemoryError:
        return "tried to allocate gigabytes"
    except Exception as err:
        return f"leaked {type(err).__name__}: {str(err)[:120]}"
    finally:
        signal.alarm(0)
    if (key, param) in FREE_TEXT and label in ("unknown", "empty"):
        return "accepted (free text)"
    if (key, param, label) in VALID:
        return "accepted (a valid value)"
    return "accepted a bad value"


@pytest.mark.parametrize("key", sorted(E.EXAMPLES))
def test_every_argument_refuses_bad_values_by_name(key):
    example = arguments(key)
    problems = []
    for param, value in example.items():
        name = f"*{param}" if f"*{param}" in E.POSITIONAL.get(key, []) else param
        good = value[0] if name.startswith("*") and value else value
        for label, bad in battery(good).items():
            if label == "none" and param in optional(key):
                continue
            outcome = _outcome(key, name, label, bad)
            kind = outcome.split(":")[0].split(" (")[0]
            TALLY[kind] += 1
            if kind not in ("refused by name", "accepted"):
                problems.append(f"{param}={label}: {outcome}")
                FAILURES.append(f"{key}({param}={label}): {outcome}")
    assert problems == []


def test_the_valid_examples_themselves_run():
    # The battery means something only if the unchanged call is fine.
    for key in sorted(E.EXAMPLES):
        signal.alarm(SECONDS_PER_CALL)
        try:
            _call(key, dict(E.EXAMPLES[key]()))
        finally:
            signal.alarm(0)


NUMERIC = sorted((key, param) for key in E.EXAMPLES
                 for param, value in E.EXAMPLES[key]().items()
                 if isinstance(value, (int, float)) and not isinstance(value, bool)
                 and not {(key, param, label) for label in ("neg", "huge", "-huge")} & VALID)
BAD_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).filter(lambda x: not math.isfinite(x)),
    st.floats(min_value=1e30, max_value=1e308), st.floats(min_value=-1e308, max_value=-1e30),
    st.integers(min_value=10**30, max_value=10**300),
    st.text(max_size=12), st.lists(st.integers(), max_size=3), st.none(), st.booleans(),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(target=st.sampled_from(NUMERIC), bad=BAD_NUMBERS)
def test_random_bad_numbers_are_refused_by_name(target, bad):
    key, param = target
    outcome = _outcome(key, param, "random", bad)
    TALLY["random: " + outcome.split(":")[0].split(" (")[0]] += 1
    assert outcome == "refused by name", f"{key}({param}={bad!r}): {outcome}"
