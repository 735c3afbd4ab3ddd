"""The bibliography parses, every key used in the data resolves, and every reference is used."""

from __future__ import annotations

import pytest

from skinlab.data import citations
from skinlab.data.citations import parse_bibtex, references

SAMPLE = """
@article{smith2020,
  author = {Smith, Ann and Jones, Bo},
  title = {A {Nested} title},
  journal = {J Skin},
  year = 2020,
  doi = {10.1/x},
}
@misc{chart,
  organization = "Some clinic",
  title = {A depth chart},
  year = {2024},
  peer_reviewed = {no}
}
"""


def test_parser_reads_fields_braces_quotes_and_bare_values():
    refs = citations.parse_bibtex(SAMPLE)
    assert set(refs) == {"smith2020", "chart"}
    smith = refs["smith2020"]
    assert smith.fields["year"] == "2020"
    assert smith.fields["title"] == "A {Nested} title"
    assert smith.short() == "Smith 2020"
    assert "doi:10.1/x" in smith.full()
    assert refs["chart"].short() == "Some clinic 2024"
    assert not refs["chart"].peer_reviewed
    assert "[not peer-reviewed]" in refs["chart"].full()


def test_parser_rejects_duplicate_keys():
    with pytest.raises(ValueError, match="duplicate"):
        citations.parse_bibtex(SAMPLE + SAMPLE)


def test_short_labels_are_unique_so_every_citation_names_one_source() -> None:
    labels: dict[str, str] = {}
    for key, ref in references().items():
        clash = labels.get(ref.short())
        assert clash is None, f"{key} and {clash} both cite as {ref.short()}"
        labels[ref.short()] = key


def test_references_read_as_plain_text_without_tex_or_placeholders() -> None:
    for key, ref in references().items():
        text = f"{ref.short()} {ref.full()}"
        for leftover in ("{", "}", "\\", "not retrieved", "  "):
            assert leftover not in text, f"{key}: {leftover!r} in {text!r}"


def test_missing_authors_and_titles_are_said_in_words() -> None:
    ref = parse_bibtex("@article{x, journal = {J}, year = {2001}, volume = {4}, pages = {1--9},"
                       " summary = {what was found}}")["x"]
    assert ref.full() == ("Authors not recorded. (2001) Title not recorded. J 4:1–9. "
                          "What the course uses: what was found.")
    accented = parse_bibtex("@article{y, author = {Sandby-M{\\o}ller, J.}, year = {2003}}")["y"]
    assert accented.short() == "Sandby-Møller 2003"
