"""The course's data: CSV tables and their references, and the one way to read them.

Every table is a CSV file in this folder whose ``source`` column holds one or more
citation keys (separated by ``;``) that resolve in ``references.bib``. Lines starting
with ``#`` are comments, so a table can say in its own words how it was compiled.

Three readers serve every model:

* :func:`read_table` returns rows as dictionaries of strings;
* :func:`records` turns rows into frozen dataclass records, one field per column,
  converted by the field's type (``str``, ``int``, ``float``, ``float | None``, ``bool``);
* :func:`fact` returns one quoted figure from ``facts.csv``.

The folder can be replaced as a whole with the ``SKINLAB_DATA_DIR`` environment variable
(read once, at import): tests use it to add a body site to a copy of the data.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import os
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from skinlab.data.checks import checked, choice

__all__ = [
    "DATA_DIR",
    "KEY_SEPARATOR",
    "SOURCE_COLUMN",
    "Fact",
    "column",
    "fact",
    "facts",
    "find_row",
    "read_table",
    "records",
    "split_keys",
    "table_names",
]

DATA_DIR = Path(os.environ.get("SKINLAB_DATA_DIR") or Path(__file__).resolve().parent)
SOURCE_COLUMN = "source"
KEY_SEPARATOR = ";"


@checked
def table_names() -> list[str]:
    """Return the names (file stems) of every data table."""
    return sorted(p.stem for p in DATA_DIR.glob("*.csv"))


@functools.cache
def _read(name: str) -> tuple[dict[str, str], ...]:
    if not isinstance(name, str):
        raise TypeError(f"a table name is a string, got {name!r}")
    path = DATA_DIR / f"{name}.csv"
    if not path.is_file():
        raise ValueError(f"no data table named {name!r}; tables: {', '.join(table_names())}")
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    rows = csv.DictReader(lines)
    return tuple({k.strip(): (v or "").strip() for k, v in row.items()} for row in rows)


@checked
def read_table(name: str) -> list[dict[str, str]]:
    """Return the rows of data table ``name`` as dictionaries of strings.

    Parameters
    ----------
    name : str
        File stem under the data folder (for example ``"layer_thickness"``).

    Raises
    ------
    ValueError
        If there is no such table; the message lists the tables there are.
    """
    return [dict(row) for row in _read(name)]


@checked
def find_row(name: str, column: str, value: str) -> dict[str, str]:
    """Return the row of table ``name`` whose ``column`` equals ``value``.

    Raises
    ------
    ValueError
        If no row matches; the message lists the values there are.
    """
    rows = _read(name)
    choice("column", column, list(rows[0]) if rows else [], plural=f"columns of {name}")
    for row in rows:
        if row.get(column) == value:
            return dict(row)
    choice("value", value, dict.fromkeys(row[column] for row in rows),
           plural=f"values of {name}.{column}")
    raise AssertionError("unreachable: choice() raised")


@checked
def split_keys(cell: str) -> list[str]:
    """Split a ``source`` cell into its citation keys."""
    return [key.strip() for key in cell.split(KEY_SEPARATOR) if key.strip()]


# --- rows as records ------------------------------------------------------------------
Record = TypeVar("Record")


def _convert(table: str, column: str, cell: str, kind: Any) -> Any:
    """Turn one CSV cell into the Python value a record field of type ``kind`` holds."""
    optional = typing.get_origin(kind) in (typing.Union, types.UnionType) and \
        type(None) in typing.get_args(kind)
    if optional:
        if cell == "":
            return None
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    try:
        if kind is str:
            return cell
        if kind is bool:
            if cell not in ("yes", "no"):
                raise ValueError("expected yes or no")
            return cell == "yes"
        if kind is int:
            return int(cell)
        if kind is float:
            return float(cell)
    except ValueError as err:
        raise ValueError(f"{table}.csv, column {column!r}: cannot read {cell!r} ({err})") \
            from None
    raise TypeError(f"records() cannot fill a field of type {kind!r} ({table}.{column})")


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


@checked
def column(name: str) -> Any:
    """A dataclass field read from the column ``name`` (when the field's own name differs):
    ``low: float = column("low_fraction")``."""
    if not name.strip():
        raise ValueError("name must be the column's name in the table, not empty")
    return dataclasses.field(metadata={"column": name})


@checked
def records(kind: type[Record], table: str) -> tuple[Record, ...]:
    """Return the rows of ``table`` as ``kind`` records, in file order.

    ``kind`` is a dataclass whose fields are columns of the table (a field declared with
    :func:`column` reads the column it names); each cell is converted by the field's
    type. Columns without a field are ignored, so a table may carry notes the model does
    not need.

    Raises
    ------
    ValueError
        If a column a field needs is missing, or a cell cannot be read as its type; the
        message names the table and the column.
    """
    if not dataclasses.is_dataclass(kind):
        raise TypeError(f"records() needs a dataclass, got {kind!r}")
    hints = _hints(kind)
    columns = {f.name: f.metadata.get("column", f.name) for f in dataclasses.fields(kind)}
    rows = _read(table)
    missing = [c for c in columns.values() if rows and c not in rows[0]]
    if missing:
        raise ValueError(f"{table}.csv lacks the column(s) {missing} that {kind.__name__} "
                         "needs")
    return tuple(kind(**{n: _convert(table, c, row[c], hints[n]) for n, c in columns.items()})
                 for row in rows)


# --- single figures ---------------------------------------------------------------------
@dataclass(frozen=True)
class Fact:
    """One quoted figure (or range) with its unit, what it is, and its source."""

    fact: str
    topic: str
    low: float
    high: float
    unit: str
    note: str
    source: str

    @property
    def value(self) -> float:
        """The figure itself, for a fact that is a single value (low = high)."""
        if self.low != self.high:
            raise ValueError(f"{self.fact} is a range ({self.low:g}–{self.high:g} {self.unit}); "
                             "read low and high")
        return self.low


@checked
def facts(topic: str | None = None) -> tuple[Fact, ...]:
    """Every row of ``facts.csv`` (only those of ``topic`` when given)."""
    found = records(Fact, "facts")
    if topic is not None:
        choice("topic", topic, dict.fromkeys(f.topic for f in found))
    return found if topic is None else tuple(f for f in found if f.topic == topic)


@checked
def fact(name: str) -> Fact:
    """Return the quoted figure ``name`` from ``facts.csv``.

    Raises
    ------
    ValueError
        If there is no such figure; the message lists the names there are.
    """
    for item in facts():
        if item.fact == name:
            return item
    choice("name", name, (f.fact for f in facts()), plural="facts in facts.csv")
    raise AssertionError("unreachable: choice() raised")
