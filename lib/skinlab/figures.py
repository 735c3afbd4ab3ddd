"""Build the course's lecture diagrams, and write them to ``figures/``.

Run ``python -m skinlab.figures [folder]`` (or ``make figures``). Output is
byte-for-byte repeatable: fixed fonts, no dates in the files, a fixed SVG id salt.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from skinlab import anatomy, evidence, healing, needling, scars
from skinlab.datasets import read_table
from skinlab.diagrams import new_figure
from skinlab.diagrams.evidence import evidence_alt, evidence_chart_figure, update_evidence
from skinlab.diagrams.healing import (
    draw_cell_curves,
    draw_collagen_schematic,
    draw_phase_timeline,
    draw_sessions,
    draw_timeline_events,
)
from skinlab.diagrams.needles import (
    draw_face_zones,
    draw_penetration_chart,
    draw_puncture_patch,
    draw_studied_lengths,
    needle_section_figure,
    update_needle,
)
from skinlab.diagrams.scars import draw_scar_types
from skinlab.diagrams.skin import draw_cross_section, draw_site_comparison

FIGURES_DIR = Path(__file__).resolve().parents[2] / "figures"
PRINT_DPI = 300


def _one_axes(width_in: float, height_in: float, paint: Callable[[Axes], object]) -> Figure:
    """A print-size figure with one Axes, drawn by ``paint``."""
    fig = new_figure(width_in, height_in, scaled=False)
    paint(fig.add_subplot())
    return fig


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


def needle_figure(site: str, device: str, length_mm: float, *, enlarge: bool = True) -> Figure:
    """The cross-section of ``site`` with a ``length_mm`` needle of ``device``."""
    fig, overlay = needle_section_figure(site, enlarge=enlarge, scaled=False)
    update_needle(overlay, needling.reach(site, device, length_mm), enlarge=enlarge)
    return fig


def needle_alt(site: str, device: str, length_mm: float) -> str:
    """Alt text for :func:`needle_figure`."""
    result = needling.reach(site, device, length_mm)
    low, typical, high = result.depth
    return (f"Cross-section of {site} skin with a {length_mm:g} mm {device} needle. A dotted "
            f"line marks the full needle length; a hatched band marks where the tip probably "
            f"stops, {low:.2f} to {high:.2f} mm deep, with the typical tip at {typical:.2f} mm "
            f"in the {result.layer}. Expected endpoint: {result.endpoint_text}.")


def penetration_figure() -> Figure:
    """Depth reached against needle length: model bands for pen and roller, and the studies."""
    return _one_axes(7.5, 7.5, lambda ax: draw_penetration_chart(
        ax, read_table("penetration_studies")))


def penetration_alt() -> str:
    """Alt text for :func:`penetration_figure`, with the model's fractions filled in."""
    pen, roller = needling.penetration_model("pen"), needling.penetration_model("roller")
    return (
        "Depth reached plotted against needle length, 0 to 3 mm on both axes, with a dashed "
        f"line where depth equals length. The pen's model band lies just under that line "
        f"({pen.low:.0%} to {pen.high:.0%} of the length); the roller's band is much wider and "
        f"lower ({roller.low:.0%} to {roller.high:.0%}). Measured points: Kalluri 2011 at about "
        "20 % (roller, rat), Donnelly 2011 at about 77 % (array, human), Sasaki 2019 on the "
        "line (pen, skin outside the body), and Lam 2008 under 50 %."
    )


def puncture_patch_figure(passes: int) -> Figure:
    """The standard roller's punctures on 1 cm² after ``passes`` passes, to scale."""
    roller = needling.standard_roller()
    fig = new_figure(6, 6.5, layout=None, scaled=False)
    fig.subplots_adjust(left=0.12, right=0.95, top=0.86, bottom=0.12)
    pattern = needling.roller_pattern(roller.needles, roller.drum_width_mm,
                                      roller.drum_diameter_mm, passes, rows=roller.rows)
    draw_puncture_patch(fig.add_subplot(), pattern, roller.needle_diameter_mm[0])
    return fig


def puncture_patch_alt(passes: int) -> str:
    """Alt text for :func:`puncture_patch_figure`."""
    roller = needling.standard_roller()
    density = needling.roller_density(roller.needles, roller.drum_width_mm,
                                      roller.drum_diameter_mm, passes)
    return (f"A 1 cm square of skin drawn to scale after {passes} passes of a 192-needle roller: "
            f"about {density:.0f} holes, 100 µm across, in short lines at four angles, with "
            "most of the surface untouched.")


def studied_lengths_figure() -> Figure:
    """Needle lengths used in published studies, by indication, with evidence labels."""
    return _one_axes(11.5, 6.5, lambda ax: draw_studied_lengths(ax, needling.studied_lengths()))


STUDIED_LENGTHS_ALT = (
    "Needle lengths used in published studies, one row per study: pig histology classes "
    "(0.5, 1.0 to 1.5 and 2.0 to 2.5 mm), acne scars mostly 1.5 mm with some at 2.5 mm, "
    "melasma 1.5 mm, hair loss 1.5 mm and 0.5 to 2.5 mm in a review, drug delivery 0.2 to "
    "0.5 mm; lengths for stretch marks and fine lines were not retrieved. Each row names its "
    "kind of evidence and its source."
)


def face_zones_figure() -> Figure:
    """A schematic face, zones shaded by the depths circulating charts give (not evidence)."""
    return _one_axes(10, 8, lambda ax: draw_face_zones(ax, needling.face_zones()))


def face_zones_alt() -> str:
    """Alt text for :func:`face_zones_figure`, with the model's depths filled in."""
    ends = {z.zone: anatomy.profile(z.site).dermis_bottom_mm for z in needling.face_zones()}
    thin, thick = min(ends, key=ends.get), max(ends, key=ends.get)
    return (
        "A schematic face with zones labelled in words. Circulating depth charts, which are "
        "not evidence, give 0.2 to 0.5 mm around the eyes, 0.25 to 0.75 mm on the forehead, "
        "nose and around the mouth, and 0.5 to 2 mm on the cheeks; the chin and neck have no "
        "chart value. Each label also gives where the model's dermis ends at that site, from "
        f"{ends[thin]:.2f} mm ({thin}) to {ends[thick]:.2f} mm ({thick})."
    )


TIMELINE_EVENT_KINDS = ("cells", "channels", "signs")


def healing_timeline_figure() -> Figure:
    """The four phases on a log time axis, with dated cells, channel closure and signs."""
    fig = new_figure(12, 8.5, scaled=False)
    ax = fig.add_subplot()
    draw_phase_timeline(ax, healing.phase_spans(), chain=False)
    draw_timeline_events(ax, healing.timeline_events(), TIMELINE_EVENT_KINDS)
    ax.lines[0].set_visible(False)  # the explorer's day marker has no day here
    ax.texts[0].set_visible(False)
    return fig


def healing_timeline_alt() -> str:
    """Alt text for :func:`healing_timeline_figure`."""
    spans = {s.phase: s for s in healing.phase_spans()}
    return (
        "Timeline from ten minutes to a year on a log scale. Haemostasis lasts hours; "
        f"inflammation ends between day {spans['inflammation'].end_day[0]:g} and "
        f"{spans['inflammation'].end_day[1]:g}; proliferation runs from day "
        f"{spans['proliferation'].start_day[0]:g}-{spans['proliferation'].start_day[1]:g} to "
        "about 3 weeks; remodelling lasts months to a year. Above, dated events: the "
        "neutrophil peak at 18 h in mice, the barrier restored within 2 h in humans and "
        "channels closed by 12-18 h in rats, redness gone within hours to 3 days, and "
        "side effects over by 7 days. Recalled values are drawn hollow."
    )


def collagen_figure() -> Figure:
    """Collagen III laid down first, collagen I taking over (schematic shapes)."""
    return _one_axes(10, 4.5, lambda ax: draw_collagen_schematic(ax, healing.timeline_events()))


COLLAGEN_ALT = (
    "Schematic curves on a log time axis from 6 hours to a year: collagen III rises "
    "from day 1-2 and later falls; collagen I rises from about day 3, overtakes it within "
    "weeks and keeps building. Dotted lines mark type III detectable (day 1-2), type I "
    "rising (day 3), net collagen gain (day 5) and maximal strength (about 6 weeks)."
)


def inflammation_figure() -> Figure:
    """The Cooper 2015 model after the reference wound: the two waves and the debris."""
    return _one_axes(9, 4.5, lambda ax: draw_cell_curves(
        ax, healing.simulate_inflammation(21), marker=False))


def inflammation_alt() -> str:
    """Alt text for :func:`inflammation_figure`, with the model's peaks filled in."""
    result = healing.simulate_inflammation(21)
    n_day, _ = result.peak("neutrophils")
    m_day, _ = result.peak("macrophages")
    return (f"Model curves over 21 days: debris (dotted) falls from 2 to almost nothing "
            f"within a week; neutrophils (solid) peak on day {n_day:.2f}, macrophages "
            f"(dashed) on day {m_day:.1f} and fade over two weeks.")


SESSIONS_FIGURE = (3, 28)


def sessions_figure() -> Figure:
    """Three sessions four weeks apart: waves and accumulated repair (illustration)."""
    fig = new_figure(10, 5.5, scaled=False)
    axes = fig.subplots(2, 1, sharex=True)
    count, interval = SESSIONS_FIGURE
    draw_sessions(*axes, healing.simulate_sessions(
        count, interval, 365, injury_scale=healing.roller_session_scale(1.5, 15)))
    return fig


SESSIONS_ALT = (
    "Two panels over a year, labelled as an illustration, not a validated prediction. Top: "
    "three inflammatory waves after sessions on days 0, 28 and 56, each mostly over before "
    "the next. Bottom: accumulated repair climbing in three steps and levelling off."
)


def scar_types_figure() -> Figure:
    """The three atrophic acne-scar types in schematic section."""
    fig = new_figure(12, 3.8, scaled=False)
    draw_scar_types(fig.subplots(1, 3), scars.scar_types())
    return fig


def scar_types_alt() -> str:
    """Alt text for :func:`scar_types_figure`, with the sourced widths filled in."""
    widths = "; ".join(f"{t.name}, {t.width_text()}" for t in scars.scar_types())
    return ("Three schematic skin sections side by side. Ice-pick: a narrow V-shaped tract "
            "deep into the dermis. Rolling: a wide, shallow dip whose floor is tied down by "
            "fibrous bands to the fat below. Boxcar: steep walls and a flat floor. Widths from "
            f"the sources: {widths}. Depths are drawn, not measured.")


def scar_release_figure() -> Figure:
    """The three scar types before and after a course of needling (schematic)."""
    fig = new_figure(12, 6.2, scaled=False)
    axes = fig.subplots(2, 3)
    draw_scar_types(axes[0], scars.scar_types())
    draw_scar_types(axes[1], scars.scar_types(), after=True)
    axes[0][0].set_ylabel("before\ndepth (mm, schematic)")
    axes[1][0].set_ylabel("after a course\ndepth (mm, schematic)")
    return fig


SCAR_RELEASE_ALT = (
    "Six schematic skin sections: the three acne-scar types before (top) and after a course "
    "of needling (bottom), the old outline dashed. The ice-pick tract is barely shallower "
    "(improved only slightly); the rolling scar is much shallower and its fibrous bands are "
    "drawn cut, labelled as the proposed mechanism; the boxcar floor is raised. The amounts "
    "are drawn from the reported responses, not measured."
)


def evidence_figure(indication: str) -> Figure:
    """The studies behind one indication: people analysed and effect as a percentage."""
    fig, chart = evidence_chart_figure(evidence.max_studies(), scaled=False)
    update_evidence(chart, evidence.studies(indication), indication)
    return fig


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
        FigureSpec("needle-cheek-roller-1.5mm", lambda: needle_figure("cheek", "roller", 1.5),
                   needle_alt("cheek", "roller", 1.5)),
        FigureSpec("needle-cheek-pen-1.5mm", lambda: needle_figure("cheek", "pen", 1.5),
                   needle_alt("cheek", "pen", 1.5)),
        FigureSpec("penetration-vs-length", penetration_figure, penetration_alt()),
        FigureSpec("roller-punctures-15-passes", lambda: puncture_patch_figure(15),
                   puncture_patch_alt(15)),
        FigureSpec("needle-lengths-in-studies", studied_lengths_figure, STUDIED_LENGTHS_ALT),
        FigureSpec("face-zone-charts", face_zones_figure, face_zones_alt()),
        FigureSpec("healing-phase-timeline", healing_timeline_figure, healing_timeline_alt()),
        FigureSpec("collagen-iii-to-i", collagen_figure, COLLAGEN_ALT),
        FigureSpec("inflammation-model", inflammation_figure, inflammation_alt()),
        FigureSpec("sessions-illustration", sessions_figure, SESSIONS_ALT),
        FigureSpec("acne-scar-types", scar_types_figure, scar_types_alt()),
        FigureSpec("acne-scar-release", scar_release_figure, SCAR_RELEASE_ALT),
        FigureSpec("evidence-acne-scars", lambda: evidence_figure("acne scars"),
                   evidence_alt("acne scars", evidence.studies("acne scars"))),
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
