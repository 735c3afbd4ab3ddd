"""Read the course's data tables from ``skinlab/data``.

Every table is a CSV file whose ``source`` column holds one or more citation keys
(separated by ``;``) that resolve in ``references.bib``. Lines starting with ``#``
are comments, so a table can say in its own words how it was compiled.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCE_COLUMN = "source"
KEY_SEPARATOR = ";"


def table_names() -> list[str]:
    """Return the names (file stems) of every data table."""
    return sorted(p.stem for p in DATA_DIR.glob("*.csv"))


@functools.cache
def _read(name: str) -> tuple[dict[str, str], ...]:
    path = DATA_DIR / f"{name}.csv"
    if not path.is_file():
        raise ValueError(f"no data table named {name!r}; tables: {', '.join(table_names())}")
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    rows = csv.DictReader(lines)
    return tuple({k.strip(): (v or "").strip() for k, v in row.items()} for row in rows)


def read_table(name: str) -> list[dict[str, str]]:
    """Return the rows of data table ``name`` as dictionaries of strings.

    Parameters
    ----------
    name : str
        File stem under ``skinlab/data`` (for example ``"layer_thickness"``).

    Raises
    ------
    ValueError
        If there is no such table; the message lists the tables there are.
    """
    return [dict(row) for row in _read(name)]


def find_row(name: str, column: str, value: str) -> dict[str, str]:
    """Return the row of table ``name`` whose ``column`` equals ``value``.

    Raises
    ------
    ValueError
        If no row matches; the message lists the values there are.
    """
    rows = _read(name)
    for row in rows:
        if row.get(column) == value:
            return dict(row)
    known = ", ".join(row.get(column, "") for row in rows)
    raise ValueError(f"no {column} {value!r} in {name}; known: {known}")


def split_keys(cell: str) -> list[str]:
    """Split a ``source`` cell into its citation keys."""
    return [key.strip() for key in cell.split(KEY_SEPARATOR) if key.strip()]
