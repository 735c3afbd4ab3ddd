"""Atrophic acne scars: the three types, what shapes them, and how each responded.

Read from ``data/acne_scar_types.csv``. Widths are kept only where a source gives one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from skinlab.data import column, records
from skinlab.data.checks import checked

# The data tables this model reads (the notebooks' Sources cells list their references).
TABLES: tuple[str, ...] = ("acne_scar_types",)

__all__ = ["ScarType", "scar_types"]


@dataclass(frozen=True)
class ScarType:
    """One type of atrophic acne scar."""

    name: str = column("scar")
    width_bound: str  # "under", "over" or "" (no width in the sources)
    width_low_mm: float | None
    width_high_mm: float | None
    shape: str
    response: str
    source: str

    @property
    def width_mm(self) -> tuple[float | None, float | None]:
        """The sourced width range in mm; None where the sources give no width."""
        return (self.width_low_mm, self.width_high_mm)

    def width_text(self) -> str:
        """The sourced width in words ("under 2 mm", "4–5 mm", or "not given")."""
        low, high = self.width_mm
        if low is None or high is None:
            return "width not given in the sources retrieved"
        span = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        return f"{self.width_bound} {span} mm wide"


@checked
@functools.cache
def scar_types() -> tuple[ScarType, ...]:
    """The three atrophic scar types, in the order ice-pick, rolling, boxcar."""
    return records(ScarType, "acne_scar_types")
