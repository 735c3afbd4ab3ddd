"""The question bank: multiple-choice questions beyond the notebooks' self-checks, for an
LMS (Moodle XML and QTI 1.2 for Canvas are written by ``make question-bank``).

One YAML file per notebook in ``course/notes/bank/`` (``<notebook stem>.yaml``)::

    questions:
      - id: 02-depth-01            # unique across the bank
        objective: 1               # the notebook's "By the end you will be able to" item
        difficulty: easy           # easy, medium or hard
        sources: [kalluri2011]     # citation keys behind the facts in the question
        stem: A roller with ...    # Markdown; {{ }} computed and [@key] cited as in notes
        options:
          - text: ...
            correct: true
            feedback: Why this is right (every option has feedback, in words).
          - text: ...
            feedback: Why this is wrong.

Exactly one option is correct. Texts may use ``{{ expression }}`` and ``[@key]`` like the
model answers (:mod:`skinlab.course.instructor`), so a number in a question follows the
library.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from skinlab.course.instructor import render_text
from skinlab.data.checks import checked, choice
from skinlab.data.citations import reference

__all__ = [
    "BANK_DIR", "DIFFICULTIES", "Choice", "Question", "bank", "notebook_objectives",
    "questions",
]

BANK_DIR = Path(__file__).resolve().parent / "notes" / "bank"
NOTEBOOK_DIR = Path(__file__).resolve().parents[3] / "notebooks"
DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Choice:
    """One option of a question, with its feedback (rendered: numbers computed)."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """One bank question, rendered."""

    qid: str
    notebook: str
    objective: int
    difficulty: str
    sources: tuple[str, ...]
    stem: str
    choices: tuple[Choice, ...]

    @property
    def answer(self) -> Choice:
        """The correct option."""
        return next(c for c in self.choices if c.correct)


@checked
def notebook_objectives(notebook: str) -> list[str]:
    """The numbered "By the end you will be able to" items of notebook ``notebook``
    (a stem such as ``"02-needle-depth"``), as plain text."""
    path = NOTEBOOK_DIR / f"{notebook}.ipynb"
    if not path.is_file():
        raise ValueError(f"notebook must name a course notebook in notebooks/, got {notebook!r}")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        source = "".join(cell.get("source", ""))
        if "By the end you will be able to" in source:
            tail = source.split("By the end you will be able to", 1)[1]
            items = re.findall(r"^\d+\.\s+(.+)$", tail, re.M)
            return [re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", item).strip() for item in items]
    return []


def _question(notebook: str, raw: dict, objectives: int) -> Question:
    qid = str(raw.get("id", ""))
    where = f"{notebook}.yaml, question {qid or '(no id)'}"
    if not qid:
        raise ValueError(f"{where}: every question needs an id")
    objective = raw.get("objective")
    if not isinstance(objective, int) or not 1 <= objective <= objectives:
        raise ValueError(f"{where}: objective must be 1 to {objectives} (the notebook's "
                         f"objectives), got {objective!r}")
    choice("difficulty", raw.get("difficulty"), DIFFICULTIES)
    sources = tuple(raw.get("sources") or ())
    if not sources:
        raise ValueError(f"{where}: name the sources behind the question's facts")
    for key in sources:
        reference(key)
    options = raw.get("options") or []
    if len(options) < 3:
        raise ValueError(f"{where}: give at least three options, got {len(options)}")
    choices = []
    for option in options:
        feedback = str(option.get("feedback", "")).strip()
        if not feedback:
            raise ValueError(f"{where}: every option needs feedback in words")
        choices.append(Choice(render_text(str(option["text"]).strip()),
                              bool(option.get("correct", False)), render_text(feedback)))
    if sum(c.correct for c in choices) != 1:
        raise ValueError(f"{where}: exactly one option must be correct")
    return Question(qid, notebook, objective, raw["difficulty"], sources,
                    render_text(str(raw["stem"]).strip()), tuple(choices))


@functools.cache
def _bank() -> dict[str, tuple[Question, ...]]:
    found: dict[str, tuple[Question, ...]] = {}
    seen: set[str] = set()
    for path in sorted(BANK_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        count = len(notebook_objectives(path.stem))
        items = tuple(_question(path.stem, q, count) for q in raw.get("questions") or [])
        for item in items:
            if item.qid in seen:
                raise ValueError(f"question id {item.qid!r} is used twice")
            seen.add(item.qid)
        found[path.stem] = items
    return found


@checked
def bank() -> dict[str, tuple[Question, ...]]:
    """Every bank question, rendered, by notebook stem."""
    return dict(_bank())


@checked
def questions(notebook: str) -> tuple[Question, ...]:
    """The bank questions of ``notebook`` (a stem such as ``"02-needle-depth"``)."""
    choice("notebook", notebook, _bank(), plural="notebooks with questions")
    return _bank()[notebook]
