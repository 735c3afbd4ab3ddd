"""Slide decks (issue 18): boundaries are stored in the notebooks by the course's rules, and
the slide template fetches nothing from the internet."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from skinlab.course.launch import COURSE_NOTEBOOKS, JUPYTER_DATA, SLIDES_TEMPLATE
from tools import slides

ROOT = Path(__file__).resolve().parents[1]
KINDS = {"slide", "subslide", "fragment", "-", "skip", "notes"}
WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.mark.parametrize("name", COURSE_NOTEBOOKS)
def test_slide_boundaries_are_stored_and_follow_the_rules(name):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    stored = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert all(kind in KINDS for kind in stored), "a cell without a slide type"
    assert stored == slides.slide_types(nb), "run `python -m tools.slides --mark`"
    assert stored[0] == "slide"
    for cell, kind in zip(nb.cells, stored, strict=True):
        if cell.cell_type == "markdown" and re.match(r"#{1,2} ", cell.source):
            assert kind == "slide"
        if cell.cell_type == "markdown" and cell.source.startswith("> **Think!**"):
            assert kind == "subslide"
        if any(WIDGET in o.get("data", {}) for o in cell.get("outputs", [])):
            assert kind == "subslide", "an explorer or self-check shares a slide"
        if cell.cell_type == "code" and not cell.get("outputs"):
            assert kind == "skip", "code that shows nothing is on a slide"


def test_prose_flows_onto_a_new_slide():
    cells = [nbformat.v4.new_markdown_cell("## A heading"),
             nbformat.v4.new_markdown_cell("word " * 60),
             nbformat.v4.new_markdown_cell("more " * 60),
             nbformat.v4.new_code_cell("x = 1")]
    assert slides.slide_types(nbformat.v4.new_notebook(cells=cells)) == \
        ["slide", "-", "subslide", "skip"]


def test_the_slide_template_fetches_nothing_from_the_internet():
    template = JUPYTER_DATA / "voila" / "templates" / SLIDES_TEMPLATE
    assert (template / "conf.json").is_file()
    text = (template / "index.html.j2").read_text()
    assert "https://" not in text and "http://" not in text
    assert "jupyter_widgets" in text  # the CDN widget loader is overridden
    assert slides.RESOURCES["reveal"]["url_prefix"].startswith("/voila/templates/")
    for name, (version, integrity, _files) in slides.PACKAGES.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), name
        assert integrity.startswith("sha512-")
