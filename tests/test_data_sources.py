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


def test_every_reference_can_be_found_by_a_reader():
    # Authors or a title the course could not retrieve may be missing (the reference then
    # says so in words), but a reader must still be able to find the source.
    for key, ref in citations.references().items():
        fields = ref.fields
        assert fields.get("year"), key
        assert fields.get("title") or fields.get("summary"), key
        who = fields.get("author") or fields.get("organization")
        locator = (fields.get("doi") or "PMC" in fields.get("title", "")
                   or (fields.get("journal") and fields.get("volume")))
        # Failing both, the exact title of the paper is what a reader searches for.
        assert who or locator or fields.get("title"), f"{key}: no way for a reader to find it"
