"""The bibliography parses, every key used in the data resolves, and every reference is used."""

from __future__ import annotations

import pytest

from skinlab.data import citations

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
