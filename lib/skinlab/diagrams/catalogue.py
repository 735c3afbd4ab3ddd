"""The catalogue of lecture figures written to ``figures/``.

Run ``python -m skinlab.diagrams.catalogue [folder]`` (or ``make figures``). Each entry
names a builder from a topic module; the builder returns the figure with its alt text,
which also goes into ``figures/README.md``. Output is byte-for-byte repeatable under one
matplotlib version (fixed fonts, no dates, a fixed SVG id salt); the README records which
version drew the files. ``fingerprints.json`` records what each figure draws (every
artist's data, rounded), which does not depend on the renderer: under another matplotlib
the figure test compares those, and the pixels only loosely.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from skinlab.data.checks import checked
from skinlab.data.citations import cite, keys_used_in_data
from skinlab.diagrams.anatomy import cross_section_figure, site_comparison_figure
from skinlab.diagrams.canvas import Picture
from skinlab.diagrams.evidence import evidence_figure
from skinlab.diagrams.healing import (
    collagen_figure,
    healing_timeline_figure,
    inflammation_figure,
    sessions_figure,
)
from skinlab.diagrams.needling import (
    face_zones_figure,
    needle_figure,
    penetration_figure,
    puncture_patch_figure,
    studied_lengths_figure,
)
from skinlab.diagrams.scars import scar_release_figure, scar_types_figure
from skinlab.models import healing

__all__ = ["FIGURES_DIR", "PRINT_DPI", "FigureSpec", "catalogue", "fingerprint", "main",
           "readme", "write_all"]

FIGURES_DIR = Path(__file__).resolve().parents[3] / "figures"
PRINT_DPI = 300
VERSION_LINE = "Drawn with matplotlib {}."


@dataclass(frozen=True)
class FigureSpec:
    """One file pair in figures/: its builder, what it shows, its tables and notebook."""

    name: str
    build: Callable[[], Picture]
    shows: str
    tables: tuple[str, ...]
    notebook: str


def _sessions() -> Picture:
    return sessions_figure(3, 28, 365, healing.roller_session_scale(1.5, 15))


@checked
def catalogue() -> list[FigureSpec]:
    """Every figure written to ``figures/``, in the order of the course."""
    anatomy = ("layer_thickness", "structures")
    return [
        FigureSpec("skin-cross-section-cheek", lambda: cross_section_figure("cheek"),
                   "Cheek skin to 3 mm, epidermis enlarged (marked), probe at 100 µm",
                   anatomy, "01"),
        FigureSpec("skin-cross-section-back",
                   lambda: cross_section_figure("back", enlarge=False, probe_mm=1.0),
                   "Back skin to 3 mm, all layers to scale, probe at 1 mm", anatomy, "01"),
        FigureSpec("layer-thickness-by-site", site_comparison_figure,
                   "Epidermis (µm) and dermis (mm) by site, each study's range and method",
                   ("layer_thickness",), "01"),
        FigureSpec("needle-cheek-roller-1.5mm", lambda: needle_figure("cheek", "roller", 1.5),
                   "A 1.5 mm roller needle over cheek skin: full length (dotted), likely tip "
                   "band (hatched), typical tip, expected endpoint",
                   ("penetration_model", "endpoints", *anatomy), "02"),
        FigureSpec("needle-cheek-pen-1.5mm", lambda: needle_figure("cheek", "pen", 1.5),
                   "The same cheek section with a 1.5 mm pen needle",
                   ("penetration_model", "endpoints", *anatomy), "02"),
        FigureSpec("penetration-vs-length", penetration_figure,
                   "Depth reached against needle length: model bands for roller and pen, with "
                   "each measured study", ("penetration_model", "penetration_studies"), "02"),
        FigureSpec("roller-punctures-15-passes", lambda: puncture_patch_figure(15),
                   "1 cm² of skin after 15 passes of the standard roller, holes to scale",
                   ("devices",), "02"),
        FigureSpec("needle-lengths-in-studies", studied_lengths_figure,
                   "Needle lengths used in published studies by indication, each with its "
                   "kind of evidence; gaps shown", ("needle_lengths",), "02"),
        FigureSpec("face-zone-charts", face_zones_figure,
                   "A schematic face shaded by the depths circulating charts give (labelled as "
                   "not evidence), with the model's dermis depth per zone",
                   ("face_zones", "layer_thickness"), "02"),
        FigureSpec("healing-phase-timeline", healing_timeline_figure,
                   "The four phases from ten minutes to a year (log time) with dated cells, "
                   "channel closure and signs; recalled figures hollow",
                   ("healing_phases", "healing_timeline"), "03"),
        FigureSpec("collagen-iii-to-i", collagen_figure,
                   "Collagen III laid down first and replaced by collagen I (schematic), with "
                   "the dated findings marked", ("healing_timeline",), "03"),
        FigureSpec("inflammation-model", inflammation_figure,
                   "The Cooper 2015 model after its reference wound: debris, the neutrophil "
                   "wave and the macrophage wave", ("inflammation_model",), "03"),
        FigureSpec("sessions-illustration", _sessions,
                   "Three roller sessions 4 weeks apart: inflammatory waves and accumulated "
                   "repair, labelled as an illustration",
                   ("inflammation_model", "repair_model", "devices"), "03"),
        FigureSpec("acne-scar-types", scar_types_figure,
                   "The three atrophic acne-scar types in schematic section; sourced widths "
                   "printed, depths drawn", ("acne_scar_types",), "04"),
        FigureSpec("acne-scar-release", scar_release_figure,
                   "The three scar types before and after a course of needling, drawn from the "
                   "reported responses; the rolling scar's bands drawn cut (proposed mechanism)",
                   ("acne_scar_types",), "04"),
        FigureSpec("evidence-acne-scars", lambda: evidence_figure("acne scars"),
                   "The acne-scar studies: people analysed (log scale) and the effect where it "
                   "is a percentage", ("clinical_studies",), "04"),
    ]


def _sources(tables: tuple[str, ...]) -> str:
    used = keys_used_in_data()
    keys = sorted(k for k, found in used.items() if found & set(tables))
    return "; ".join(sorted({cite(k) for k in keys}))


@checked
def readme(pictures: dict[str, Picture]) -> str:
    """The text of ``figures/README.md`` for the built ``pictures`` (name -> Picture)."""
    lines = [
        "# Lecture figures",
        "",
        "Generated by `make figures` (`python -m skinlab.diagrams.catalogue`) from the course "
        "library; do not edit by hand. Each figure comes as SVG (for slides) and 300-dpi PNG "
        "(for handouts). The alt text is computed from the same data the figure draws. A test "
        "fails when a file here no longer matches what the library draws.",
        "",
        VERSION_LINE.format(matplotlib.__version__),
        "",
        "| file | shows | alt text | sources | notebook |",
        "|---|---|---|---|---|",
    ]
    for spec in catalogue():
        alt = pictures[spec.name].alt.replace("|", "/")
        lines.append(f"| `{spec.name}` | {spec.shows} | {alt} | {_sources(spec.tables)} | "
                     f"{spec.notebook} |")
    return "\n".join(lines) + "\n"


def _rounded(values: object) -> list:
    array = np.asarray(values, dtype=float)
    return np.where(np.isfinite(array), np.round(array, 4), -1e9).tolist()


@checked
def fingerprint(fig: Figure) -> str:
    """A digest of what ``fig`` draws, in data units: each Axes' limits and every line,
    patch, collection and text it holds (tick marks and layout are left out, since they
    move with the matplotlib version, not with the data)."""
    fig.canvas.draw()  # so that artists made at draw time exist (legends are made earlier)
    parts: list = []
    for ax in fig.axes:
        parts.append(["axes", _rounded(ax.get_xlim()), _rounded(ax.get_ylim())])
        for artist in ax.get_children():
            if not artist.get_visible():
                continue
            if isinstance(artist, Line2D):
                parts.append(["line", _rounded(artist.get_xydata())])
            elif isinstance(artist, Patch) and artist is not ax.patch:
                path = artist.get_path().transformed(artist.get_patch_transform())
                parts.append(["patch", _rounded(path.vertices), str(artist.get_hatch())])
            elif isinstance(artist, Collection):
                parts.append(["collection", _rounded(artist.get_offsets())])
            elif isinstance(artist, Text) and artist.get_text():
                parts.append(["text", artist.get_text(), _rounded(artist.get_position())])
    for text in fig.texts:
        parts.append(["figure text", text.get_text()])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


@checked
def write_all(folder: Path = FIGURES_DIR) -> list[Path]:
    """Write every figure as SVG and 300-dpi PNG into ``folder``, and its README.md;
    return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    pictures = {}
    prints = {}
    for spec in catalogue():
        for fmt, meta in (("svg", {"Date": None, "Creator": None}),
                          ("png", {"Software": None})):
            picture = spec.build()  # a fresh figure per file: layout runs once, output repeats
            path = folder / f"{spec.name}.{fmt}"
            picture.figure.savefig(path, format=fmt, dpi=PRINT_DPI, metadata=meta)
            written.append(path)
        pictures[spec.name] = picture
        prints[spec.name] = fingerprint(spec.build().figure)
    readme_path = folder / "README.md"
    readme_path.write_text(readme(pictures), encoding="utf-8")
    prints_path = folder / "fingerprints.json"
    prints_path.write_text(json.dumps(prints, indent=1) + "\n", encoding="utf-8")
    written += [readme_path, prints_path]
    return written


@checked
def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m skinlab.diagrams.catalogue [folder]``."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_all(Path(args[0]) if args else FIGURES_DIR):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
