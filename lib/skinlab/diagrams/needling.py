"""Needle pictures: a needle over the skin cross-section, the puncture pattern on a patch
of skin, measured against nominal depth, studied lengths, and a face-zone schematic.

Painters take Axes and return their artists; ``update_*`` functions move the artists
of an explorer's figure in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PathCollection
from matplotlib.colors import Normalize
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, Polygon, Rectangle
from matplotlib.text import Text

from skinlab.data import read_table
from skinlab.data.checks import checked
from skinlab.data.citations import cite
from skinlab.diagrams import style
from skinlab.diagrams.anatomy import (
    AIR_MM,
    WIDTH,
    CrossSection,
    cross_section_figure,
    update_cross_section,
)
from skinlab.diagrams.canvas import Picture, new_figure, one_axes_picture
from skinlab.models import anatomy, needling
from skinlab.models.anatomy import Profile, Structure
from skinlab.models.needling import NOMINAL_MAX_MM, FaceZone, Pattern, Reach, StudiedLength

HOLE_RANGE = needling.LIMITS["needle_diameter_mm"]  # hole diameters a picture can draw

__all__ = [
    "DensityArtists", "NeedleOverlay", "PatchArtists", "draw_face_zones", "draw_needle_overlay",
    "draw_penetration_chart", "draw_puncture_patch", "draw_studied_lengths", "face_zones_alt",
    "face_zones_figure", "needle_alt", "needle_figure", "penetration_alt", "penetration_figure",
    "puncture_alt", "puncture_caption", "puncture_density_figure", "puncture_patch_figure",
    "studied_lengths_alt", "studied_lengths_figure", "update_needle", "update_puncture_patch",
]

BAND_COLOUR = style.OKABE_ITO["sky blue"]
NOMINAL_COLOUR = style.INK
NEEDLE_X = (5.95, 6.15)  # the cross-section's needle column
BAND_X = (5.35, 6.75)  # the band of likely tip depths, drawn around the needle


# --- needle over the cross-section ---------------------------------------------------
@dataclass
class NeedleOverlay:
    """Artists added to a cross-section to show nominal and effective depth."""

    section: CrossSection
    band: Rectangle
    band_text: Text
    nominal_line: Line2D
    nominal_needle: Polygon
    nominal_text: Text
    endpoint_text: Text

    def artists(self) -> list:
        """Every artist the overlay owns."""
        return [self.band, self.band_text, self.nominal_line, self.nominal_needle,
                self.nominal_text, self.endpoint_text]


@checked
def draw_needle_overlay(section: CrossSection) -> NeedleOverlay:
    """Add the needle-depth artists to ``section`` (empty until :func:`update_needle`)."""
    ax = section.ax
    band = ax.add_patch(Rectangle((BAND_X[0], 0), BAND_X[1] - BAND_X[0], 0,
                                  facecolor=BAND_COLOUR, alpha=0.6, hatch="xx",
                                  edgecolor=style.HIGHLIGHT, lw=1.5, zorder=4))
    band_text = ax.text(BAND_X[0] - 0.1, 0, "", ha="right", va="center", fontsize="medium",
                        zorder=7,
                        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                              "alpha": 0.85})
    nominal_line = ax.plot([0, WIDTH], [0, 0], color=NOMINAL_COLOUR, lw=1.6, ls=":",
                           zorder=5)[0]
    nominal_needle = ax.add_patch(Polygon(np.zeros((3, 2)), closed=True, fill=False,
                                          edgecolor=NOMINAL_COLOUR, lw=1.2, ls="--", zorder=6))
    nominal_text = ax.text(6.3, 0, "", ha="left", va="top", fontsize="medium", zorder=7,
                           bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                                 "alpha": 0.85})
    endpoint_text = ax.text(0.0, 1.02, "", transform=ax.transAxes, ha="left", va="bottom",
                            fontsize="medium", fontweight="bold")
    section.enlarge_note.set_y(1.10)
    return NeedleOverlay(section, band, band_text, nominal_line, nominal_needle, nominal_text,
                         endpoint_text)


@checked
def update_needle(overlay: NeedleOverlay, result: Reach, profile: Profile,
                  structs: Sequence[Structure], *, enlarge: bool | None = None) -> None:
    """Move the cross-section to ``profile`` and the overlay to ``result`` (from
    :func:`skinlab.models.needling.reach` at the same site)."""
    section = overlay.section
    update_cross_section(section, profile, structs, probe_mm=result.depth.typical_mm,
                         enlarge=enlarge)
    dm = section.depth_map
    low, typical, high = result.depth
    top, bottom = dm(low), dm(high)
    overlay.band.set_bounds(BAND_X[0], top, BAND_X[1] - BAND_X[0], bottom - top)
    overlay.band_text.set_position((BAND_X[0] - 0.1, (top + bottom) / 2))
    overlay.band_text.set_text(f"likely range {low:.2f}–{high:.2f} mm")
    y_nominal = dm(min(result.nominal_mm, section.max_depth_mm))
    overlay.nominal_line.set_ydata([y_nominal, y_nominal])
    x0, x1 = NEEDLE_X
    overlay.nominal_needle.set_xy([[x0, -AIR_MM], [x1, -AIR_MM], [(x0 + x1) / 2, y_nominal]])
    overlay.nominal_text.set_position((6.3, y_nominal))
    overlay.nominal_text.set_text(f"needle length {result.nominal_mm:g} mm")
    section.probe_text.set_text(f"typical tip {typical:.2f} mm")
    overlay.endpoint_text.set_text(
        f"Expected at typical depth: {result.endpoint_text} ({result.layer})")


# --- puncture pattern on a patch of skin ----------------------------------------------
@dataclass
class PatchArtists:
    """Artists of the puncture-pattern painter."""

    ax: Axes
    holes: PathCollection
    caption: Text | None  # None when the words are shown beside the figure instead
    points_per_mm: float


def _points_per_mm(ax: Axes, patch_mm: float) -> float:
    # With an equal aspect on a square patch, the drawn side is the shorter side of the box.
    fig = ax.get_figure()
    box = ax.get_position()
    side_in = min(box.width * fig.get_figwidth(), box.height * fig.get_figheight())
    return side_in * 72 / patch_mm


@checked(hole_mm=HOLE_RANGE)
def draw_puncture_patch(ax: Axes, pattern: Pattern, hole_mm: float, *,
                        caption: bool = True) -> PatchArtists:
    """Paint the punctures of ``pattern`` on its square patch, holes drawn to scale, with
    a caption above it (``caption=False`` leaves the words to the page: see
    :func:`puncture_caption`).

    The figure's layout must be fixed (no layout engine) before calling, because the
    hole size is computed from the Axes' size so that holes and spacing share one scale.
    """
    size = pattern.patch_mm
    ax.set_xlim(0, size)
    ax.set_ylim(0, size)
    ax.set_aspect("equal")
    ax.set_facecolor(style.LAYER_COLOURS["stratum corneum"])
    ax.set_xticks(np.arange(0, size + 0.01, 2))
    ax.set_yticks(np.arange(0, size + 0.01, 2))
    ax.set_xlabel("mm")
    ax.set_ylabel("mm")
    holes = ax.scatter([], [], s=1, marker="o", color="#7A1F3D", linewidths=0, zorder=3)
    ax.plot([0.5, 1.5], [-0.6, -0.6], color=style.INK, lw=3, clip_on=False)
    ax.text(1.0, -0.75, "1 mm", ha="center", va="top", fontsize="small")
    words = (ax.text(0.0, 1.02, "", transform=ax.transAxes, ha="left", va="bottom",
                     fontsize="medium") if caption else None)
    artists = PatchArtists(ax, holes, words, _points_per_mm(ax, size))
    update_puncture_patch(artists, pattern, hole_mm)
    return artists


@checked(hole_mm=HOLE_RANGE)
def update_puncture_patch(artists: PatchArtists, pattern: Pattern, hole_mm: float) -> None:
    """Show ``pattern`` with holes of ``hole_mm`` diameter; no new artists are made."""
    points = pattern.points_mm if len(pattern.points_mm) else np.zeros((0, 2))
    artists.holes.set_offsets(points)
    diameter_pt = max(hole_mm * artists.points_per_mm, 0.8)  # keep sparse holes visible
    artists.holes.set_sizes([diameter_pt ** 2])
    if artists.caption is not None:
        artists.caption.set_text(puncture_caption(pattern, hole_mm))


@checked(hole_mm=HOLE_RANGE)
def puncture_caption(pattern: Pattern, hole_mm: float) -> str:
    """The pattern's caption: what the patch shows, and how many punctures are drawn."""
    shown = (f"{pattern.drawn:,} of {pattern.total:,} punctures drawn (a random sample)"
             if pattern.sampled else f"{pattern.total:,} punctures")
    return f"1 cm² of skin to scale: {shown}\nholes {hole_mm * 1000:.0f} µm across"


# --- measured against nominal depth ---------------------------------------------------
STUDY_MARKERS = {"roller": "o", "array": "s", "pen": "^"}


@checked
def draw_penetration_chart(ax: Axes, lengths_mm: np.ndarray,
                           bands_mm: Mapping[str, np.ndarray],
                           studies: Sequence[dict[str, str]]) -> dict[str, list]:
    """Chart effective depth against needle length: the model's bands and the measurements.

    ``bands_mm`` maps "roller" and "pen" to an array of shape ``(len(lengths_mm), 3)``:
    the low, typical and high depth at each length. ``studies`` are rows of
    ``data/penetration_studies.csv``. A study with a measured depth is a point; one that
    gives only a share of the length is a bar at that share.
    Returns ``{"bands": [...], "lines": [...], "studies": [...]}``.
    """
    lengths = np.asarray(lengths_mm, dtype=float)
    drawn: dict[str, list] = {"bands": [], "lines": [], "studies": []}
    ax.plot([0, NOMINAL_MAX_MM], [0, NOMINAL_MAX_MM], color="#888888", lw=1, ls="--")
    ax.text(2.15, 2.3, "depth = length", rotation=0, color="#555555", fontsize="small")
    for device, colour, hatch in (("roller", style.OKABE_ITO["orange"], "\\\\"),
                                  ("pen", style.OKABE_ITO["blue"], "//")):
        bands = np.asarray(bands_mm[device], dtype=float)
        drawn["bands"].append(ax.fill_between(lengths, bands[:, 0], bands[:, 2], color=colour,
                                              alpha=0.25, hatch=hatch, lw=0,
                                              label=f"{device}: model range"))
        drawn["lines"].append(ax.plot(lengths, bands[:, 1], color=colour, lw=2.4,
                                      label=f"{device}: model typical")[0])
    for row in studies:
        marker = STUDY_MARKERS.get(row["device_class"], "D")
        nominals = [float(v) / 1000 for v in row["nominal_um"].split(";") if v]
        if row["measured_um"]:
            x, y = nominals[0], float(row["measured_um"]) / 1000
            drawn["studies"].append(ax.plot(x, y, marker=marker, ms=10, color=style.INK,
                                            mfc="white", ls="", gid=row["study"])[0])
            ax.annotate(row["study"], (x, y), textcoords="offset points", xytext=(8, -4),
                        fontsize="small")
        elif row["fraction_high"] and nominals:
            for x in nominals:
                y = float(row["fraction_high"]) * x
                drawn["studies"].append(ax.plot(x, y, marker=marker, ms=10, color=style.INK,
                                                mfc="white", ls="", gid=row["study"])[0])
            ax.annotate(row["study"], (nominals[-1], float(row["fraction_high"]) * nominals[-1]),
                        textcoords="offset points", xytext=(8, -4), fontsize="small")
        elif row["fraction_high"]:
            x = 1.0  # the study gives a share, not a length: shown as a bar at 1 mm
            top = float(row["fraction_high"]) * x
            drawn["studies"].append(ax.plot([x, x], [0, top], color=style.INK, lw=3,
                                            gid=row["study"])[0])
            ax.annotate(f"{row['study']}: under {float(row['fraction_high']):.0%}", (x, top),
                        textcoords="offset points", xytext=(6, 2), fontsize="small")
    ax.set_xlim(0, NOMINAL_MAX_MM)
    ax.set_ylim(0, NOMINAL_MAX_MM)
    ax.set_aspect("equal")
    ax.set_xlabel("needle length (mm)")
    ax.set_ylabel("depth reached (mm)")
    handles = [Line2D([], [], marker=m, ls="", color=style.INK, mfc="white", ms=9,
                      label=f"measured: {k}") for k, m in STUDY_MARKERS.items()]
    ax.legend(handles=[*ax.get_legend_handles_labels()[0], *handles], loc="upper left",
              fontsize="small", framealpha=0.95)
    return drawn


# --- needle lengths used in studies ---------------------------------------------------
@checked
def draw_studied_lengths(ax: Axes, rows: Sequence[StudiedLength]) -> list:
    """Chart the needle lengths studies used, one row each, with the evidence in words.

    Rows whose length was not retrieved say so instead of showing a bar.
    Returns the artists drawn for the rows (bars, markers and texts).
    """
    drawn = []
    for i, row in enumerate(rows):
        if row.low_mm is None or row.high_mm is None:
            drawn.append(ax.text(0.05, i, "length not retrieved", va="center", style="italic",
                                 color="#555555", fontsize="small"))
        elif row.high_mm > row.low_mm:
            drawn.append(ax.plot([row.low_mm, row.high_mm], [i, i], color=style.HIGHLIGHT,
                                 lw=7, solid_capstyle="butt", gid=row.indication)[0])
        else:
            drawn.append(ax.plot(row.low_mm, i, marker="D", ms=9, color=style.HIGHLIGHT,
                                 ls="", gid=row.indication)[0])
        drawn.append(ax.text(NOMINAL_MAX_MM + 0.08, i, f"{row.evidence} · {cite(row.source)}",
                             va="center",
                             fontsize="small", clip_on=False))
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r.indication for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, NOMINAL_MAX_MM)
    ax.set_xlabel("needle length used (mm)")
    ax.grid(axis="x", color="#dddddd", lw=0.8)
    ax.set_axisbelow(True)
    return drawn


# --- face zones --------------------------------------------------------------------
# Zone outlines on a schematic face 10 units wide, 13 tall (y grows upwards).
_ZONE_SHAPES: dict[str, list[tuple[float, float]]] = {
    "forehead": [(2.0, 9.3), (8.0, 9.3), (8.2, 11.0), (7.0, 12.3), (5.0, 12.7), (3.0, 12.3),
                 (1.8, 11.0)],
    "periorbital": [(1.8, 7.3), (4.1, 7.3), (4.2, 8.9), (1.8, 8.9)],
    "nose": [(4.4, 8.9), (5.6, 8.9), (6.0, 5.6), (4.0, 5.6)],
    "cheek": [(1.5, 4.6), (3.8, 4.6), (3.9, 7.0), (1.5, 7.0)],
    "perioral": [(4.0, 3.4), (6.0, 3.4), (6.0, 5.3), (4.0, 5.3)],
    "chin": [(3.8, 1.4), (6.2, 1.4), (6.4, 3.1), (3.6, 3.1)],
    "neck": [(3.3, -1.6), (6.7, -1.6), (6.7, 0.4), (3.3, 0.4)],
}
# Where each zone's label sits: (x, y, horizontal alignment); side labels sit off the face.
_LABELS: dict[str, tuple[float, float, str]] = {
    "forehead": (5.0, 10.9, "center"), "periorbital": (1.2, 8.1, "right"),
    "cheek": (1.0, 5.8, "right"), "nose": (9.0, 7.6, "left"), "perioral": (9.0, 4.3, "left"),
    "chin": (5.0, 2.2, "center"), "neck": (5.0, -0.6, "center"),
}
# The right eye and cheek repeat the left zone, mirrored (x -> 10 - x).
_MIRRORED = ("periorbital", "cheek")


@checked
def draw_face_zones(ax: Axes, zones: Sequence[FaceZone],
                    dermis_end_mm: Mapping[str, tuple[float, float, float]]
                    ) -> dict[str, list]:
    """Draw a schematic face with zones shaded by the depths circulating charts give.

    Every zone is labelled in words with the chart range and ``dermis_end_mm[zone]``,
    where the model's dermis ends at the matching site as ``(typical, thinnest,
    thickest)``, so the shading is never the only carrier of the number and no zone is
    reduced to one depth. Zones with no chart value are hatched and say so.

    Returns
    -------
    dict
        Zone name -> the patches drawn for it.
    """
    cmap = colormaps["cividis_r"]
    norm = Normalize(0, 2.0)
    ax.add_patch(Ellipse((5, 6.5), 8.6, 12.6, facecolor="#F7EFE6", edgecolor=style.INK, lw=1.5,
                         zorder=0))
    ax.add_patch(Rectangle((3.3, -1.6), 3.4, 2.6, facecolor="#F7EFE6", edgecolor=style.INK,
                           lw=1.5, zorder=-1))
    drawn: dict[str, list] = {}
    for zone in zones:
        shape = _ZONE_SHAPES[zone.zone]
        shapes = [shape]
        if zone.zone in _MIRRORED:
            shapes.append([(10 - x, y) for x, y in shape])
        if zone.chart_mm:
            face = cmap(norm(zone.chart_mm[1]))
            hatch = ""
        else:
            face, hatch = "white", "///"
        drawn[zone.zone] = [ax.add_patch(Polygon(s, closed=True, facecolor=face, hatch=hatch,
                                                 edgecolor=style.INK, lw=1.2, alpha=0.9,
                                                 zorder=1, gid=zone.zone)) for s in shapes]
        chart = (f"charts {zone.chart_mm[0]:g}–{zone.chart_mm[1]:g} mm" if zone.chart_mm
                 else "no chart value")
        typical, thin, thick = dermis_end_mm[zone.zone]
        text = (f"{zone.zone}\n{chart}\ndermis ends {typical:.2f} mm\n"
                f"(studies: {thin:.2f}–{thick:.2f} mm)")
        x, y, ha = _LABELS[zone.zone]
        centre = np.mean(np.asarray(shape), axis=0)
        if ha == "left":  # labels on the right point at the mirrored (right-hand) zone
            centre = (centre if zone.zone not in _MIRRORED else (10 - centre[0], centre[1]))
        arrow = None if ha == "center" else {"arrowstyle": "-", "color": style.INK, "lw": 0.9}
        ax.annotate(text, xy=tuple(centre), xytext=(x, y), arrowprops=arrow,
                    ha=ha, va="center", fontsize="small", zorder=3,
                bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#888888",
                      "alpha": 0.92})
    ax.set_xlim(-3.4, 13.4)
    ax.set_ylim(-1.8, 13.0)
    ax.set_aspect("equal")
    ax.axis("off")
    bar = ax.get_figure().colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.55,
                                   pad=0.02)
    bar.set_label("deepest chart value (mm); not evidence")
    return drawn


# --- builders: one per picture --------------------------------------------------------
@checked
def needle_alt(result: Reach) -> str:
    """Alt text of a needle over a cross-section, from the needle's :class:`Reach`."""
    low, typical, high = result.depth
    return (f"Cross-section of {result.site} skin with a {result.nominal_mm:g} mm "
            f"{result.device} needle. A dotted line marks the full needle length; a hatched "
            f"band marks where the tip probably stops, {low:.2f} to {high:.2f} mm deep, with "
            f"the typical tip at {typical:.2f} mm in the {result.layer}. Expected endpoint: "
            f"{result.endpoint_text}.")


@checked(length_mm=(1e-9, needling.NOMINAL_MAX_MM))
def needle_figure(site: str, device: str, length_mm: float, *, enlarge: bool = True,
                  scaled: bool = False) -> Picture:
    """The cross-section of ``site`` with a ``length_mm`` needle of ``device``."""
    result = needling.reach(site, device, length_mm)
    base = cross_section_figure(result.site, probe_mm=result.depth.typical_mm, enlarge=enlarge,
                                scaled=scaled, room_above=True)
    overlay = draw_needle_overlay(base.artists)
    update_needle(overlay, result, anatomy.profile(result.site),
                  anatomy.structures(result.site))
    return Picture(base.figure, needle_alt(result), overlay)


@checked
def penetration_alt(models: Sequence[needling.PenetrationModel],
                    studies: Sequence[dict[str, str]]) -> str:
    """Alt text of the penetration chart: the model's bands and each measured study."""
    bands = "; ".join(f"{m.device} {100 * m.low:.0f} % to {100 * m.high:.0f} % of the length "
                      f"(typical {100 * m.typical:.0f} %)" for m in models)
    points = []
    for row in studies:
        if row["measured_um"]:
            share = float(row["measured_um"]) / float(row["nominal_um"].split(";")[0])
            points.append(f"{row['study']} at about {100 * share:.0f} % "
                          f"({row['device_class']}, {row['subject']})")
        elif row["fraction_high"]:
            points.append(f"{row['study']} up to {100 * float(row['fraction_high']):.0f} % "
                          f"({row['device_class']}, {row['subject']})")
    return ("Depth reached plotted against needle length, 0 to 3 mm on both axes, with a "
            f"dashed line where depth equals length. The model's bands: {bands}. Measured: "
            f"{'; '.join(points)}.")


PENETRATION_LENGTHS_MM = np.linspace(0.05, NOMINAL_MAX_MM, 60)


@checked
def penetration_figure() -> Picture:
    """Depth reached against needle length: model bands for pen and roller, and the studies."""
    studies = read_table("penetration_studies")
    bands = {device: np.array([needling.effective_depth_mm(x, device)
                               for x in PENETRATION_LENGTHS_MM])
             for device in ("roller", "pen")}
    models = [needling.penetration_model(d) for d in ("roller", "pen")]
    return one_axes_picture(7.5, 7.5, lambda ax: draw_penetration_chart(
        ax, PENETRATION_LENGTHS_MM, bands, studies), penetration_alt(models, studies))


@checked(hole_mm=HOLE_RANGE)
def puncture_alt(pattern: Pattern, hole_mm: float, setting: str) -> str:
    """Alt text of a puncture pattern on 1 cm² of skin, from the pattern itself."""
    shown = (f"a random sample of {pattern.drawn:,} of its {pattern.total:,} holes"
             if pattern.sampled else f"{pattern.total:,} holes")
    area_mm2 = pattern.patch_mm ** 2
    opened = needling.perforated_fraction(pattern.total * needling.MM2_PER_CM2 / area_mm2,
                                          hole_mm)
    return (f"A {pattern.patch_mm / 10:g} cm square of skin drawn to scale after {setting}: "
            f"{shown}, {hole_mm * 1000:.0f} µm across, in lines at up to four angles; "
            f"{100 * opened:.1f} % of the surface is opened and the rest is untouched.")


def _roller_pattern(passes: int) -> tuple[Pattern, float, str]:
    roller = needling.standard_roller()
    pattern = needling.roller_pattern(roller.needles, roller.drum_width_mm,
                                      roller.drum_diameter_mm, passes, rows=roller.rows)
    setting = f"{passes} passes of the standard {roller.needles}-needle roller"
    return pattern, roller.needle_diameter_mm[0], setting


@checked
def puncture_patch_figure(passes: int) -> Picture:
    """The standard roller's punctures on 1 cm² after ``passes`` passes, to scale."""
    pattern, hole_mm, setting = _roller_pattern(passes)
    fig = new_figure(6, 6.5, layout=None, scaled=False)
    fig.subplots_adjust(left=0.12, right=0.95, top=0.86, bottom=0.12)
    patch = draw_puncture_patch(fig.add_subplot(), pattern, hole_mm)
    return Picture(fig, puncture_alt(pattern, hole_mm, setting), patch)


@dataclass
class DensityArtists:
    """The density explorer's picture: the patch of skin and the figures beside it."""

    patch: PatchArtists
    figures_text: Text | None  # None when the figures are written beside the picture


@checked(hole_mm=HOLE_RANGE)
def puncture_density_figure(pattern: Pattern, hole_mm: float, setting: str, *,
                            scaled: bool = True, words: bool = True) -> Picture:
    """A patch of punctures with room on the right for the density figures (the explorer).

    With ``words=False`` the figure is the patch alone, without its caption or the
    figures: the explorer writes those beside the picture as text, which the page lays
    out faster than matplotlib rasterises it (about 4 ms a text artist here).
    """
    if words:
        fig = new_figure(10, 6, layout=None, scaled=scaled)
        fig.subplots_adjust(left=0.07, right=0.55, top=0.86, bottom=0.1)
    else:
        fig = new_figure(5.6, 5.4, layout=None, scaled=scaled)
        fig.subplots_adjust(left=0.12, right=0.96, top=0.97, bottom=0.12)
    ax = fig.add_subplot()
    text = (fig.text(0.6, 0.86, "", ha="left", va="top", fontsize="large", linespacing=1.6)
            if words else None)
    patch = draw_puncture_patch(ax, pattern, hole_mm, caption=words)
    return Picture(fig, puncture_alt(pattern, hole_mm, setting), DensityArtists(patch, text))


@checked
def studied_lengths_alt(rows: Sequence[StudiedLength]) -> str:
    """Alt text of the studied-lengths chart, one clause per row."""
    def length(row: StudiedLength) -> str:
        if row.low_mm is None or row.high_mm is None:
            return "length not retrieved"
        return f"{row.low_mm:g} mm" if row.low_mm == row.high_mm else \
            f"{row.low_mm:g} to {row.high_mm:g} mm"

    items = "; ".join(f"{r.indication}: {length(r)} ({r.evidence})" for r in rows)
    return (f"Needle lengths used in published studies, one row for each of {len(rows)} "
            f"studies or groups, each with its kind of evidence and its source. {items}.")


@checked
def studied_lengths_figure() -> Picture:
    """Needle lengths used in published studies, by indication, with evidence labels."""
    rows = needling.studied_lengths()
    return one_axes_picture(11.5, 6.5, lambda ax: draw_studied_lengths(ax, rows),
                            studied_lengths_alt(rows))


@checked
def face_zones_alt(zones: Sequence[FaceZone],
                   dermis_end_mm: Mapping[str, tuple[float, float, float]]) -> str:
    """Alt text of the face-zone schematic: each zone's chart range and the model's dermis."""
    charted = "; ".join(f"{z.zone} {z.chart_mm[0]:g} to {z.chart_mm[1]:g} mm"
                        for z in zones if z.chart_mm)
    uncharted = [z.zone for z in zones if not z.chart_mm]
    typical = {zone: ends[0] for zone, ends in dermis_end_mm.items()}
    thin = min(typical, key=typical.get)
    thick = max(typical, key=typical.get)
    lowest = min(ends[1] for ends in dermis_end_mm.values())
    highest = max(ends[2] for ends in dermis_end_mm.values())
    missing = f" {' and '.join(uncharted)} have no chart value." if uncharted else ""
    return ("A schematic face with zones labelled in words. Circulating depth charts, which "
            f"are not evidence, give: {charted}.{missing} Each label also gives where the "
            f"model's dermis ends at that zone, from {typical[thin]:.2f} mm ({thin}) to "
            f"{typical[thick]:.2f} mm ({thick}), and the range across the studies, which runs "
            f"from {lowest:.2f} to {highest:.2f} mm over all zones.")


@checked
def face_zones_figure() -> Picture:
    """A schematic face, zones shaded by the depths circulating charts give (not evidence)."""
    zones = needling.face_zones()
    ends = {z.zone: tuple(anatomy.profile(z.site, skin).dermis_bottom_mm
                          for skin in ("typical", "thin", "thick")) for z in zones}
    return one_axes_picture(10, 8, lambda ax: draw_face_zones(ax, zones, ends),
                            face_zones_alt(zones, ends))
