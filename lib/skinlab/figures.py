"""Build the course's lecture diagrams, and write them to ``figures/``.

Run ``python -m skinlab.figures [folder]`` (or ``make figures``). Output is
byte-for-byte repeatable: fixed fonts, no dates in the files, a fixed SVG id salt.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from skinlab import anatomy
from skinlab.diagrams import new_figure
from skinlab.diagrams.skin import draw_cross_section, draw_site_comparison

FIGURES_DIR = Path(__file__).resolve().parents[2] / "figures"
PRINT_DPI = 300


def cross_section_figure(site: str, *, enlarge: bool = True, probe_mm: float = 0.1) -> Figure:
    """A cross-section of ``site`` with the probe at ``probe_mm``."""
    fig = new_figure(9, 5.5, layout=None, scaled=False)
    fig.subplots_adjust(left=0.13, right=0.68, top=0.94, bottom=0.2)
    draw_cross_section(fig.add_subplot(), anatomy.profile(site), anatomy.structures(site),
                       probe_mm=probe_mm, enlarge=enlarge)
    return fig


def cross_section_alt(site: str, *, enlarge: bool = True) -> str:
    """Alt text for :func:`cross_section_figure`."""
    prof = anatomy.profile(site)
    scale = "with the epidermis drawn taller than true scale" if enlarge else "to scale"
    return (f"Cross-section of {site} skin, {scale}, to 3 mm deep. The epidermis ends at "
            f"{prof.epidermis_mm * 1000:.0f} µm and the dermis at {prof.dermis_bottom_mm:.2f} mm; "
            "below is the fatty hypodermis. Capillary loops sit just under the epidermis, "
            "a sebaceous gland beside a hair follicle, and a sweat-gland coil near the "
            "bottom of the dermis.")


def site_comparison_figure() -> Figure:
    """Epidermis and dermis thickness at every site, every method, with ranges."""
    fig = new_figure(11, 6.5, scaled=False)
    ax_e, ax_d = fig.subplots(1, 2)
    rows = [m for s in anatomy.sites() for m in anatomy.measurements(s)]
    draw_site_comparison(ax_e, ax_d, anatomy.sites(), rows)
    return fig


SITE_COMPARISON_ALT = (
    "Two dot-and-range charts, one row per body site. Left: epidermis thickness in µm; "
    "histology values sit between about 30 and 190 µm, while ultrasound values for the face "
    "sit near 170 to 220 µm. Right: dermis thickness in mm, from about 0.6 mm at the upper "
    "eyelid to about 2 mm on the back, the back of the hand and the abdomen."
)


@dataclass(frozen=True)
class FigureSpec:
    """One file pair in figures/: how to build it and what it shows."""

    name: str
    build: Callable[[], Figure]
    alt: str


def catalogue() -> list[FigureSpec]:
    """Every figure written to ``figures/``."""
    return [
        FigureSpec("skin-cross-section-cheek", lambda: cross_section_figure("cheek"),
                   cross_section_alt("cheek")),
        FigureSpec("skin-cross-section-back",
                   lambda: cross_section_figure("back", enlarge=False, probe_mm=1.0),
                   cross_section_alt("back", enlarge=False)),
        FigureSpec("layer-thickness-by-site", site_comparison_figure, SITE_COMPARISON_ALT),
    ]


def write_all(folder: Path = FIGURES_DIR) -> list[Path]:
    """Write every figure as SVG and 300-dpi PNG into ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in catalogue():
        for fmt, meta in (("svg", {"Date": None, "Creator": None}),
                          ("png", {"Software": None})):
            fig = spec.build()  # a fresh figure per file: layout runs once, output repeats
            path = folder / f"{spec.name}.{fmt}"
            fig.savefig(path, format=fmt, dpi=PRINT_DPI, metadata=meta)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m skinlab.figures [folder]``."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_all(Path(args[0]) if args else FIGURES_DIR):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
