"""Every number in lib/skinlab/data cites a reference, and every reference is cited."""

from __future__ import annotations

import pytest

from skinlab import data as datasets
from skinlab.data import citations


def test_unknown_key_names_the_closest():
    some_key = next(iter(citations.references()))
    with pytest.raises(ValueError, match=some_key):
        citations.reference(some_key + "x")


def test_bibliography_is_not_empty():
    assert len(citations.references()) >= 5


def test_every_data_table_has_a_source_column():
    assert datasets.table_names(), "no data tables found"
    for name in datasets.table_names():
        rows = datasets.read_table(name)
        assert rows, f"{name} is empty"
        assert all(row.get(datasets.SOURCE_COLUMN) for row in rows), (
            f"{name}: every row needs a source"
        )


def test_every_key_used_in_the_data_exists():
    unknown = {key: sorted(tables) for key, tables in citations.keys_used_in_data().items()
               if key not in citations.references()}
    assert not unknown, f"citation keys with no reference: {unknown}"


def test_every_reference_is_used_by_some_data():
    unused = sorted(set(citations.references()) - set(citations.keys_used_in_data()))
    assert not unused, f"references no data table cites: {unused}"


def test_every_reference_has_author_or_organisation_title_and_year():
    for key, ref in citations.references().items():
        assert ref.fields.get("author") or ref.fields.get("organization"), key
        assert ref.fields.get("title"), key
        assert ref.fields.get("year"), key
