"""Atrophic acne scars: the three types, what shapes them, and how each responded.

Read from ``data/acne_scar_types.csv``. Widths are kept only where a source gives one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from skinlab.datasets import read_table


@dataclass(frozen=True)
class ScarType:
    """One type of atrophic acne scar."""

    name: str
    width_bound: str  # "under", "over" or "" (no width in the sources)
    width_mm: tuple[float | None, float | None]
    shape: str
    response: str
    source: str

    def width_text(self) -> str:
        """The sourced width in words ("under 2 mm", "4–5 mm", or "not given")."""
        low, high = self.width_mm
        if low is None or high is None:
            return "width not given in the sources retrieved"
        span = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        return f"{self.width_bound} {span} mm wide"


def _number(cell: str) -> float | None:
    return float(cell) if cell else None


@functools.cache
def scar_types() -> tuple[ScarType, ...]:
    """The three atrophic scar types, in the order ice-pick, rolling, boxcar."""
    return tuple(
        ScarType(row["scar"], row["width_bound"],
                 (_number(row["width_low_mm"]), _number(row["width_high_mm"])),
                 row["shape"], row["response"], row["source"])
        for row in read_table("acne_scar_types"))
