"""Small helpers for notebook cells: show a picture with its alt text, list the sources."""

from __future__ import annotations

import base64
import importlib
import json
from typing import Any

from skinlab.course import progress
from skinlab.course.quiz import quiz_parts
from skinlab.data import facts, read_table, split_keys
from skinlab.data.checks import checked
from skinlab.data.citations import bibliography_markdown
from skinlab.diagrams.canvas import Picture, img_tag, render_png

__all__ = ["TOPICS", "ProgressTable", "Sources", "StaticFigure", "progress_table", "show",
           "source_keys", "sources"]

# The course's topics: each is a model module that names the tables it reads (``TABLES``).
TOPICS = ("anatomy", "needling", "healing", "evidence", "scars")


class StaticFigure:
    """A rendered figure that displays as an ``<img>`` with alt text, as a PNG (with the
    alt text in its metadata) where HTML is not trusted, and as the alt text in plain text.

    The plain-text form is what nbval compares, so it states what the figure shows.
    """

    def __init__(self, png: bytes, alt: str) -> None:
        if not alt.strip():
            raise ValueError("alt text must not be empty: screen-reader users rely on it")
        self.png = png
        self.alt = alt

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        data = {
            "text/html": img_tag(self.png, self.alt),
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"[figure] {self.alt}",
        }
        return data, {"image/png": {"alt": self.alt}}


@checked
def show(picture: Picture) -> StaticFigure:
    """Return ``picture`` (from a builder in :mod:`skinlab.diagrams`) rendered for a notebook,
    carrying its alt text."""
    if not isinstance(picture, Picture):
        raise TypeError(f"show() takes a Picture from a figure builder, got {type(picture)}")
    return StaticFigure(render_png(picture.figure), picture.alt)


@checked
def source_keys(*topics: str) -> list[str]:
    """Citation keys behind ``topics``: every key in their tables and their facts."""
    if not topics:
        raise ValueError(f"name at least one topic: {', '.join(TOPICS)}")
    keys: set[str] = set()
    for topic in topics:
        if topic not in TOPICS:
            raise ValueError(f"unknown topic {topic!r}; topics: {', '.join(TOPICS)}")
        module = importlib.import_module(f"skinlab.models.{topic}")
        for table in module.TABLES:
            for row in read_table(table):
                keys.update(split_keys(row.get("source", "")))
        # A topic may have tables but no single quoted figures (scars has none).
        for item in facts():
            if item.topic == topic:
                keys.update(split_keys(item.source))
    return sorted(keys)


class Sources:
    """A notebook's reference list: Markdown in a front end, plain text elsewhere."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.markdown = bibliography_markdown(keys)

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return f"Sources: {len(self.keys)} references"


@checked
def sources(*topics: str) -> Sources:
    """The references behind ``topics`` (for example ``sources("anatomy")``), shown as a
    list in the notebook's Sources cell."""
    return Sources(source_keys(*topics))


class ProgressTable:
    """The start page's progress table: per notebook, self-checks answered and right, and
    exercises passed, from the saved progress (:mod:`skinlab.course.progress`)."""

    def __init__(self, rows: list[tuple[str, int, int, int, int, int]], saved: bool) -> None:
        self.rows = rows
        self.saved = saved

    def _repr_markdown_(self) -> str:
        if not self.saved:
            return ("*Progress is not saved on this page (lecture mode, slides or a static "
                    "copy): answers are kept only while the page is open.*")
        lines = ["| Notebook | Self-checks answered | Answered right | Exercises passed |",
                 "|---|---:|---:|---:|"]
        for notebook, checks, answered, right, exercises, passed in self.rows:
            lines.append(f"| {notebook} | {answered} of {checks} | {right} | "
                         f"{passed} of {exercises} |")
        where = progress.progress_path()
        lines += ["", f"*Saved on this computer in `{where.name}` in your Jupyter data "
                  "folder. To start again, run `from skinlab.course import progress; "
                  "progress.reset()`.*"]
        return "\n".join(lines)

    def __repr__(self) -> str:
        if not self.saved:
            return "Progress is not saved on this page."
        return "Progress: " + "; ".join(
            f"{n}: {a}/{c} checks answered, {r} right, {p}/{e} exercises"
            for n, c, a, r, e, p in self.rows)


@checked
def progress_table() -> ProgressTable:
    """Your progress through the course, from the answers saved so far."""
    from skinlab.course.exercises import EXERCISES
    from skinlab.course.launch import COURSE_NOTEBOOKS, NOTEBOOK_DIR

    notebooks: dict[str, tuple[list[str], list[str]]] = {}
    for name in COURSE_NOTEBOOKS:
        stem = name.removesuffix(".ipynb")
        cells = json.loads((NOTEBOOK_DIR / name).read_text(encoding="utf-8"))["cells"]
        questions = [quiz_parts("".join(c["source"]))[0] for c in cells
                     if "".join(c["source"]).lstrip().startswith("Quiz(")]
        exercises = list(EXERCISES.get(stem, ()))
        if questions or exercises:
            notebooks[stem] = (questions, exercises)
    return ProgressTable(progress.summary(notebooks), progress.enabled())
