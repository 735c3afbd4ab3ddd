"""Printable handouts: one PDF per notebook and one of the instructors' notes, printed by
headless Chromium from the stored outputs (issue 18). Read back with pypdf."""

from __future__ import annotations

import re

import nbformat
import pytest
from pypdf import PdfReader

from skinlab.course.launch import COURSE_NOTEBOOKS
from tools import handouts

# The widest and tallest of A4 (595 x 842 pt) and US Letter (612 x 792 pt).
MAX_WIDTH_PT, MAX_HEIGHT_PT = 612.5, 842.5


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    overflow = handouts.build(out)
    return out, overflow


def _text(path) -> str:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    text = text.replace("ﬁ", "fi").replace("ﬂ", "fl").replace("ﬀ", "ff")
    return re.sub(r"\s+", " ", text)


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"\s+", " ", text.replace("*", "").replace("`", "")).strip()


@pytest.mark.parametrize("name", [n.removesuffix(".ipynb") for n in COURSE_NOTEBOOKS])
def test_each_notebook_prints_with_its_headings_and_answers(printed, name):
    out, overflow = printed
    path = out / f"{name}.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) >= 1
    for page in reader.pages:
        assert float(page.mediabox.width) <= MAX_WIDTH_PT
        assert float(page.mediabox.height) <= MAX_HEIGHT_PT
    text = _text(path)
    nb = nbformat.read(handouts.NOTEBOOKS / f"{name}.ipynb", as_version=4)
    headings = [_plain(line.lstrip("#")) for cell in nb.cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if re.match(r"#{1,3} ", line)]
    missing = [h for h in headings if h not in text]
    assert missing == [], missing
    # Code is left out, as in lecture mode: no import line of the notebook is printed.
    prose = " ".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    imports = [line for cell in nb.cells if cell.cell_type == "code"
               for line in cell.source.splitlines()
               if re.match(r"(from \S+ )?import ", line) and line not in prose]
    assert imports and not [line for line in imports if line in text]
    checks = sum(cell.source.lstrip().startswith("Quiz(") for cell in nb.cells)
    if checks:
        answers = text.rsplit("Answers", 1)[1]
        assert [f"Self-check {n}." in answers for n in range(1, checks + 1)] == [True] * checks
    assert overflow[name] == [], f"lines or figures wider than the page: {overflow[name]}"


def test_the_instructors_notes_print(printed):
    out, overflow = printed
    text = _text(out / "instructors-notes.pdf")
    assert "Lecture plan" in text and "Model answers" in text
    assert overflow["instructors-notes"] == []


def test_make_handouts_accepts_a_relative_folder(tmp_path, monkeypatch):
    # `make handouts` passes build/handouts, relative to the project.
    monkeypatch.chdir(tmp_path)
    assert handouts.main(["out"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == sorted(
        [n.replace(".ipynb", ".pdf") for n in COURSE_NOTEBOOKS] + ["instructors-notes.pdf"])
