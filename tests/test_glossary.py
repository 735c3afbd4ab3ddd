"""The glossary: every term a notebook uses is defined or linked where a learner first meets
it, in the prose or in what a cell prints, and the glossary itself is sound."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skinlab.course import glossary
from skinlab.data.citations import reference

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _read(path: Path) -> list[tuple[str, str]]:
    return glossary.learner_text(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_term_is_defined_or_linked_at_its_first_use(path: Path) -> None:
    prose = [text for kind, text in _read(path) if kind == "prose"]
    assert glossary.prose_problems(prose) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_printed_output_uses_a_term_before_the_prose_defines_it(path: Path) -> None:
    # Printed text cannot bold a term, so the prose must have met it first.
    seen = _read(path)
    texts = [text for _, text in seen]
    early = []
    for entry in glossary.terms():
        first = glossary.first_use(texts, entry)
        if first is not None and seen[first][0] == "output":
            early.append(f"{entry.term!r} first appears in printed output: {texts[first][:60]!r}")
    assert early == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_links_the_glossary(path: Path) -> None:
    prose = "\n".join(text for kind, text in _read(path) if kind == "prose")
    assert f"../docs/{glossary.GLOSSARY_PAGE}" in prose


def test_the_glossary_column_never_names_a_later_notebook_than_the_first_use() -> None:
    first_seen: dict[str, str] = {}
    for path in NOTEBOOKS:
        texts = [text for _, text in _read(path)]
        for entry in glossary.terms():
            if entry.term not in first_seen and glossary.first_use(texts, entry) is not None:
                first_seen[entry.term] = path.name[:2]
    late = {entry.term: (entry.notebook, first_seen[entry.term])
            for entry in glossary.terms()
            if entry.term in first_seen and entry.notebook > first_seen[entry.term]}
    assert late == {}


def test_terms_and_their_forms_are_unique() -> None:
    owners: dict[str, str] = {}
    clashes = []
    for entry in glossary.terms():
        for form in entry.forms:
            key = form if any(c.isupper() for c in form[1:]) else form.lower()
            if key in owners and owners[key] != entry.term:
                clashes.append((form, owners[key], entry.term))
            owners[key] = entry.term
    assert clashes == []
    anchors = [entry.anchor for entry in glossary.terms()]
    assert len(anchors) == len(set(anchors))


def test_every_entry_is_sourced_and_defined() -> None:
    for entry in glossary.terms():
        assert entry.definition.strip(), entry.term
        assert entry.notebook in {path.name[:2] for path in NOTEBOOKS}, entry.term
        assert entry.source, f"{entry.term} has no source"
        for key in entry.source.split(";"):
            reference(key.strip())  # raises on an unknown key


def test_the_glossary_page_is_generated_from_the_table() -> None:
    page = (ROOT / "docs" / glossary.GLOSSARY_PAGE).read_text(encoding="utf-8")
    assert page == glossary.glossary_markdown()


def test_the_check_finds_an_undefined_term_and_accepts_bold_or_a_link() -> None:
    assert glossary.prose_problems(["The dermis is thick."]) == [
        "cell 0: 'dermis' is used before it is defined (bold it there, or link it to "
        "the glossary)"]
    assert glossary.prose_problems(["The **dermis** is thick."]) == []
    assert glossary.prose_problems(["The [dermis](../docs/glossary.md#dermis) is thick."]) == []
    # A longer term is a use of itself, not of the shorter one inside it.
    assert glossary.prose_problems(["The **papillary dermis** is thin."]) == []


def test_the_check_finds_an_abbreviation_never_spelled_out() -> None:
    problems = glossary.prose_problems(["The XYZW rose."])
    assert problems == ["cell 0: the abbreviation XYZW is neither in the glossary nor "
                        "spelled out at its first use"]
    assert glossary.prose_problems(["The extra yield zone width (XYZW) rose."]) == []


def test_learner_text_leaves_out_the_reference_list_and_refuses_bad_input() -> None:
    notebook = {"cells": [
        {"cell_type": "markdown", "source": "Prose."},
        {"cell_type": "code", "source": "print(1)", "outputs": [{"text": "1\n"}]},
        {"cell_type": "code", "source": 'sources("anatomy")',
         "outputs": [{"data": {"text/markdown": "- **Lee 2002**"}}]},
    ]}
    assert glossary.learner_text(notebook) == [("prose", "Prose."), ("output", "1\n")]
    with pytest.raises(TypeError, match="cells"):
        glossary.learner_text({"not": "a notebook"})
    with pytest.raises(TypeError, match="Term"):
        glossary.first_use(["text"], "dermis")  # type: ignore[arg-type]
