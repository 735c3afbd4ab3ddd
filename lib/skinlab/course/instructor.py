"""Instructor notes: model answers to every Think! prompt, built from the library.

The answers live in ``course/notes/think_answers.yaml``, apart from the student notebooks.
Each answer is keyed by the id its Think! cell carries in its metadata
(``{"skinlab": {"think": "<id>"}}``). Its text is Markdown with two additions:

* ``{{ expression }}`` is computed when the notes are built, from the library (names:
  ``anatomy``, ``needling``, ``healing``, ``evidence``, ``scars``, ``validation``,
  ``plan``, ``fact``
  and the formatters ``num``, ``mm``, ``um``, ``pct``), so an answer cannot drift from
  the models;
* ``[@key]`` (or ``[@key1; key2]``) cites ``references.bib`` and becomes "(Author year)".

A number written out in an answer must be one the prompt itself states, or stand in a
sentence that cites its source; :func:`unsourced_numbers` finds those that do not.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skinlab.data import fact
from skinlab.data.checks import checked, choice
from skinlab.data.citations import cite
from skinlab.models import anatomy, evidence, healing, needling, plan, scars, validation

__all__ = [
    "ANSWERS_PATH", "PLANS_PATH", "Answer", "Plan", "Segment", "ThinkPrompt", "answers",
    "plans", "render_answer", "render_text", "think_prompts", "unsourced_numbers",
]

ANSWERS_PATH = Path(__file__).resolve().parent / "notes" / "think_answers.yaml"
PLACEHOLDER = re.compile(r"\{\{(.+?)\}\}", re.S)
CITATION = re.compile(r"\[@([^\]]+)\]")
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
THINK = "**Think!**"


@dataclass(frozen=True)
class ThinkPrompt:
    """One Think! prompt of a notebook: its id (cell metadata) and its text."""

    notebook: str
    think_id: str
    text: str


@dataclass(frozen=True)
class Answer:
    """The model answer to one Think! prompt, as written (placeholders not yet computed)."""

    think_id: str
    notebook: str
    text: str


def num(value: float, digits: int = 2) -> str:
    """A number rounded to ``digits`` significant figures, without trailing zeros."""
    return f"{float(value):.{digits}g}"


def mm(value: float, decimals: int = 2) -> str:
    """A length in millimetres with ``decimals`` decimals and its unit."""
    return f"{float(value):.{decimals}f} mm"


def um(value_mm: float) -> str:
    """A length given in millimetres, written in micrometres (whole numbers)."""
    return f"{float(value_mm) * 1000:.0f} µm"


def pct(fraction: float, decimals: int = 0) -> str:
    """A fraction (0-1) written as a percentage."""
    return f"{float(fraction) * 100:.{decimals}f} %"


NAMESPACE: dict[str, Any] = {
    "anatomy": anatomy, "needling": needling, "healing": healing, "evidence": evidence,
    "scars": scars, "validation": validation, "plan": plan, "fact": fact,
    "num": num, "mm": mm, "um": um, "pct": pct, "min": min, "max": max, "round": round,
    "len": len, "sum": sum, "abs": abs, "any": any, "range": range,
}


@checked
def think_prompts(notebook: Path) -> list[ThinkPrompt]:
    """Every Think! prompt of ``notebook`` (a path to an .ipynb), in order.

    Raises
    ------
    ValueError
        If a Think! cell has no id in its metadata (``skinlab.think``).
    """
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    found = []
    for cell in cells:
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") != "markdown" or THINK not in source:
            continue
        think_id = cell.get("metadata", {}).get("skinlab", {}).get("think")
        if not think_id:
            raise ValueError(f"{Path(notebook).name}: a Think! cell has no "
                             f"metadata.skinlab.think id: {source[:80]!r}")
        found.append(ThinkPrompt(Path(notebook).stem, think_id, _blockquote(source)))
    return found


def _blockquote(source: str) -> str:
    """The Think! block quote of a Markdown cell: from its Think! line while lines quote."""
    lines = source.splitlines()
    start = next(i for i, line in enumerate(lines) if THINK in line)
    block = []
    for line in lines[start:]:
        if not line.startswith(">"):
            break
        block.append(line[1:].strip())
    return "\n".join(block).replace(THINK, "Think!", 1).strip()


@functools.cache
def _answers() -> dict[str, Answer]:
    raw = yaml.safe_load(ANSWERS_PATH.read_text(encoding="utf-8")) or {}
    found: dict[str, Answer] = {}
    for notebook, items in raw.items():
        for item in items:
            think_id = item["think"]
            if think_id in found:
                raise ValueError(f"think_answers.yaml: the id {think_id!r} is used twice")
            found[think_id] = Answer(think_id, notebook, item["answer"].strip())
    return found


@checked
def answers() -> dict[str, Answer]:
    """Every model answer, keyed by Think! id."""
    return dict(_answers())


@checked
def render_text(text: str) -> str:
    """Compute the ``{{ }}`` placeholders of ``text`` and turn ``[@key]`` into citations."""
    def compute(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        try:
            # The names as globals, so a generator expression inside sees them too.
            value = eval(expression, {"__builtins__": {}, **NAMESPACE})
        except Exception as err:
            raise ValueError(f"cannot compute {{{{ {expression} }}}}: "
                             f"{type(err).__name__}: {err}") from err
        return str(value)

    computed = PLACEHOLDER.sub(compute, text)
    return CITATION.sub(lambda m: f"({cite(m.group(1))})", computed)


@checked
def render_answer(think_id: str) -> str:
    """The model answer to the Think! prompt ``think_id``, with its numbers computed."""
    choice("think_id", think_id, _answers(), plural="Think! ids")
    return render_text(_answers()[think_id].text)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n\s*\n|\n\s*[-*]\s+|\n\s*\d+\.\s+", text) if s]


@checked
def unsourced_numbers(answer: str, prompt: str) -> list[str]:
    """Numbers written out in ``answer`` (outside ``{{ }}``) that the prompt does not state
    and whose sentence cites nothing: each should be computed or cited."""
    prompt_numbers = set(NUMBER.findall(PLACEHOLDER.sub("", prompt)))
    answer = re.sub(r"\b[Nn]otebooks? \d+(?:\s*(?:and|,|-|–)\s*\d+)*", "a notebook", answer)
    found = []
    for sentence in _sentences(PLACEHOLDER.sub("⟨computed⟩", answer)):
        if CITATION.search(sentence):
            continue
        for number in NUMBER.findall(CITATION.sub("", sentence)):
            if number not in prompt_numbers:
                found.append(f"{number} in: {sentence.strip()[:120]}")
    return found


PLANS_PATH = ANSWERS_PATH.parent / "plans.yaml"


@dataclass(frozen=True)
class Segment:
    """One timed step of a lecture plan."""

    minutes: int
    section: str
    do: str
    explorer: str = ""
    settings: tuple[tuple[str, Any], ...] = ()
    think: str = ""
    selfcheck: int = 0


@dataclass(frozen=True)
class Plan:
    """A lecture plan for one notebook."""

    notebook: str
    minutes: int
    segments: tuple[Segment, ...]
    cut_for_30: tuple[int, ...]
    selfcheck_objectives: tuple[tuple[int, tuple[int, ...]], ...]

    @property
    def minutes_after_cut(self) -> int:
        """The plan's length once the ``cut_for_30`` segments are dropped."""
        return sum(s.minutes for n, s in enumerate(self.segments, 1) if n not in self.cut_for_30)


@functools.cache
def _plans() -> dict[str, Plan]:
    raw = yaml.safe_load(PLANS_PATH.read_text(encoding="utf-8")) or {}
    found = {}
    for notebook, item in raw.items():
        segments = []
        for seg in item["segments"]:
            show = seg.get("show") or {}
            segments.append(Segment(
                int(seg["minutes"]), str(seg["section"]), " ".join(str(seg["do"]).split()),
                str(show.get("explorer", "")), tuple((show.get("settings") or {}).items()),
                str(seg.get("think", "")), int(seg.get("selfcheck", 0))))
        objectives = tuple((int(k), tuple(int(o) for o in v))
                           for k, v in (item.get("selfcheck_objectives") or {}).items())
        found[notebook] = Plan(notebook, int(item["minutes"]), tuple(segments),
                               tuple(int(n) for n in item.get("cut_for_30") or ()), objectives)
    return found


@checked
def plans() -> dict[str, Plan]:
    """Every lecture plan, by notebook stem."""
    return dict(_plans())
