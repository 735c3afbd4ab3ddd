"""Skin anatomy pictures: the cross-section of one site, and thickness by site.

``draw_cross_section`` paints a block of skin for one site, in proportion (or with
the epidermis stretched, clearly marked), with a depth ruler in mm and µm and the
structures drawn where the anatomy model puts them. ``update_cross_section`` moves
every artist to a new site or probe depth without creating any new artist.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon, Rectangle
from matplotlib.text import Text

from skinlab.data.checks import checked
from skinlab.diagrams import style
from skinlab.diagrams.canvas import Picture, new_figure
from skinlab.models import anatomy
from skinlab.models.anatomy import LAYERS, Measurement, Profile, Structure

__all__ = [
    "CrossSection", "DepthMap", "cross_section_alt", "cross_section_figure",
    "draw_cross_section", "draw_site_comparison", "site_comparison_alt",
    "site_comparison_figure", "update_cross_section",
]

WIDTH = 10.0  # the block is 10 units wide; x carries no meaning
BOUNDARY_WIDTH = 0.35
BOUNDARY_LABEL = "where the papillary–reticular\nboundary can lie (not measured)"
AIR_MM = 0.22  # room above the surface for the needle, in display units
ENLARGED_SHARE = 0.18  # in enlarged mode the epidermis takes this share of the height

# Structure glyphs: name -> (colour, line width, label in the legend)
GLYPHS: dict[str, tuple[str, float]] = {
    "capillary loops": (style.OKABE_ITO["vermillion"], 2.2),
    "superficial vascular plexus": (style.OKABE_ITO["vermillion"], 2.2),
    "deep vascular plexus": ("#8B2500", 3.0),
    "Meissner corpuscles": (style.INK, 1.6),
    "free nerve endings": (style.OKABE_ITO["bluish green"], 2.0),
    "hair follicle": ("#5B3A29", 2.0),
    "sebaceous glands": (style.OKABE_ITO["orange"], 2.2),
    "eccrine sweat gland coils": (style.OKABE_ITO["sky blue"], 2.4),
}


@dataclass
class DepthMap:
    """Maps true depth (mm) to drawing height, optionally stretching the epidermis."""

    epidermis_mm: float
    factor: float = 1.0

    @classmethod
    def for_profile(cls, profile: Profile, max_depth_mm: float, enlarge: bool) -> DepthMap:
        e = profile.epidermis_mm
        if not enlarge:
            return cls(e, 1.0)
        # Stretch so the epidermis fills ENLARGED_SHARE of the drawing (never shrink it).
        share = ENLARGED_SHARE
        factor = share * (max_depth_mm - e) / ((1 - share) * e)
        return cls(e, max(1.0, round(factor)))

    def __call__(self, depth_mm):
        d = np.asarray(depth_mm, dtype=float)
        out = np.where(d <= self.epidermis_mm, d * self.factor,
                       self.epidermis_mm * self.factor + (d - self.epidermis_mm))
        return out if out.ndim else float(out)


@dataclass
class CrossSection:
    """The artists of a cross-section, kept so an update can move them."""

    ax: Axes
    bands: dict[str, Rectangle]
    labels: dict[str, Text]
    leaders: dict[str, Line2D]
    glyphs: dict[str, Line2D | Polygon]
    probe_line: Line2D
    needle: Polygon
    probe_text: Text
    enlarge_note: Text
    bracket: Line2D
    boundary: Rectangle
    max_depth_mm: float
    enlarge: bool
    depth_map: DepthMap = field(default_factory=lambda: DepthMap(0.05))
    highlighted: str | None = None

    def artists(self) -> list:
        """Every artist the painter owns."""
        return [*self.bands.values(), *self.labels.values(), *self.leaders.values(),
                *self.glyphs.values(), self.probe_line, self.needle, self.probe_text,
                self.enlarge_note, self.bracket, self.boundary]


def _wave(x0: float, x1: float, y: float, amplitude: float, periods: float) -> tuple:
    x = np.linspace(x0, x1, 200)
    return x, y + amplitude * np.sin(2 * np.pi * periods * (x - x0) / (x1 - x0))


def _glyph_paths(profile: Profile, structs: Sequence[Structure], dm: DepthMap) -> dict:
    """Coordinates of every structure glyph, in (x, drawing height)."""
    band = {s.name: (dm(s.top_mm), dm(s.bottom_mm)) for s in structs}
    nan = np.array([np.nan])
    paths: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    # Capillary loops: a U in each dermal papilla along the junction.
    top, bottom = band["capillary loops"]
    xs, ys = [], []
    for x in np.arange(0.5, WIDTH, 0.8):
        if 1.2 < x < 2.6 or 6.8 < x < 8.2:  # leave room for follicle and sweat duct
            continue
        t = np.linspace(0, np.pi, 20)
        xs += [x - 0.12 * np.cos(t), nan]
        ys += [top + (bottom - top) * np.sin(t), nan]
    paths["capillary loops"] = (np.concatenate(xs), np.concatenate(ys))

    for name, amp in (("superficial vascular plexus", 0.012), ("deep vascular plexus", 0.02)):
        top, bottom = band[name]
        paths[name] = _wave(0.05, WIDTH - 0.05, (top + bottom) / 2, amp, 9)

    # Meissner corpuscles: small upright ovals inside two papillae (one where they are sparse).
    top, bottom = band["Meissner corpuscles"]
    sparse = next(s.presence for s in structs if s.name == "Meissner corpuscles") == "sparse"
    t = np.linspace(0, 2 * np.pi, 30)
    xs, ys = [], []
    for x in (3.7,) if sparse else (3.7, 5.3):
        xs += [x + 0.09 * np.cos(t), nan]
        ys += [(top + bottom) / 2 + 0.45 * (bottom - top) * np.sin(t), nan]
    paths["Meissner corpuscles"] = (np.concatenate(xs), np.concatenate(ys))

    # A free nerve ending: a fibre rising from the upper dermis, branching into the epidermis.
    top, bottom = band["free nerve endings"]
    stem_y = np.array([bottom, top + 0.55 * (bottom - top)])
    branch_top = top + 0.1 * (bottom - top)
    xs = np.array([4.5, 4.5, np.nan, 4.5, 4.3, np.nan, 4.5, 4.5, np.nan, 4.5, 4.7])
    ys = np.array([stem_y[0], stem_y[1], np.nan, stem_y[1], branch_top, np.nan,
                   stem_y[1], branch_top, np.nan, stem_y[1], branch_top])
    paths["free nerve endings"] = (xs, ys)

    # Hair follicle: a slanted sheath from the surface to a bulb, with a shaft above.
    bulb_top, bulb_bottom = band["hair bulbs"]
    bulb_y = (bulb_top + bulb_bottom) / 2
    t = np.linspace(0, 2 * np.pi, 40)
    bulb_r = max(0.06, 0.35 * (bulb_bottom - bulb_top))
    xs = np.concatenate([[1.55, 1.85 - 0.08, np.nan, 1.75, 1.85 + 0.08, np.nan],
                         1.85 + 0.12 * np.cos(t), [np.nan, 1.65, 1.5]])
    ys = np.concatenate([[0.0, bulb_y - bulb_r, np.nan, 0.0, bulb_y - bulb_r, np.nan],
                         bulb_y + bulb_r * np.sin(t), [np.nan, 0.0, -0.8 * AIR_MM]])
    paths["hair follicle"] = (xs, ys)

    # Sebaceous gland: a lobe beside the follicle.
    top, bottom = band["sebaceous glands"]
    mid, half = (top + bottom) / 2, 0.4 * (bottom - top)
    paths["sebaceous glands"] = (2.05 + 0.22 * np.cos(t), mid + half * np.sin(t))

    # Eccrine gland: a coil at depth with a duct up to a pore.
    top, bottom = band["eccrine sweat gland coils"]
    mid, half = (top + bottom) / 2, 0.3 * (bottom - top)
    s = np.linspace(0, 6 * np.pi, 160)
    coil_x = 7.5 + 0.25 * np.cos(s) + 0.02 * s
    coil_y = mid + half * np.sin(s) * 0.8
    duct_x = np.full(40, 7.5 + 0.25)
    duct_y = np.linspace(mid, 0.0, 40) + 0.01 * np.sin(np.linspace(0, 30, 40))
    paths["eccrine sweat gland coils"] = (np.concatenate([coil_x, [np.nan], duct_x]),
                                          np.concatenate([coil_y, [np.nan], duct_y]))
    return paths


def _label_positions(centres: list[float], min_gap: float, lo: float, hi: float) -> list[float]:
    """Spread label heights so that neighbours sit at least ``min_gap`` apart."""
    pos = list(centres)
    for i in range(1, len(pos)):
        pos[i] = max(pos[i], pos[i - 1] + min_gap)
    overflow = pos[-1] - hi
    if overflow > 0:
        pos = [p - overflow for p in pos]
        for i in range(len(pos) - 2, -1, -1):
            pos[i] = min(pos[i], pos[i + 1] - min_gap)
    return [max(p, lo) for p in pos]


def _ruler_ticks(dm: DepthMap, max_depth_mm: float, candidates: Sequence[float],
                 min_gap: float) -> list[float]:
    kept: list[float] = []
    for value in candidates:
        if value > max_depth_mm + 1e-9:
            break
        if not kept or dm(value) - dm(kept[-1]) >= min_gap:
            kept.append(value)
    return kept


@checked(max_depth_mm=(0.1, 10.0))
def draw_cross_section(ax: Axes, profile: Profile, structs: Sequence[Structure], *,
                       probe_mm: float = 0.1, enlarge: bool = True,
                       max_depth_mm: float = 3.0) -> CrossSection:
    """Paint a cross-section of ``profile`` on ``ax`` and return its artists.

    Parameters
    ----------
    ax : Axes
        Where to draw; the painter sets its limits, ticks and labels.
    profile, structs : Profile, sequence of Structure
        From :func:`skinlab.models.anatomy.profile` and :func:`skinlab.models.anatomy.structures`.
    probe_mm : float
        Depth of the probe (needle tip) in mm.
    enlarge : bool
        Stretch the epidermis so its sub-layers are visible; the drawing says so.
    max_depth_mm : float
        Depth shown at the bottom of the drawing.
    """
    bands = {
        name: ax.add_patch(Rectangle((0, 0), WIDTH, 0.1, facecolor=style.LAYER_COLOURS[name],
                                     hatch=style.LAYER_HATCHES[name], edgecolor="#00000040",
                                     linewidth=0.6, zorder=1))
        for name in LAYERS
    }
    labels = {name: ax.text(WIDTH * 1.1, 0, name, va="center", ha="left", clip_on=False,
                            fontsize="medium") for name in LAYERS}
    leaders = {name: ax.plot([], [], color=style.INK, lw=0.8, clip_on=False)[0]
               for name in LAYERS}
    glyphs: dict[str, Line2D | Polygon] = {}
    for name, (colour, width) in GLYPHS.items():
        if name == "sebaceous glands":
            glyphs[name] = ax.add_patch(Polygon(np.zeros((3, 2)), closed=True, facecolor="#FCE3A6",
                                                edgecolor=colour, lw=width, zorder=3,
                                                label=name))
        else:
            glyphs[name] = ax.plot([], [], color=colour, lw=width, zorder=3, label=name,
                                   solid_capstyle="round")[0]
    probe_line = ax.plot([0, WIDTH], [0, 0], color=style.HIGHLIGHT, lw=2.5, ls=(0, (5, 3)),
                         zorder=5)[0]
    needle = ax.add_patch(Polygon(np.zeros((3, 2)), closed=True, facecolor="#B8BEC6",
                                  edgecolor=style.INK, lw=1.0, zorder=6))
    probe_text = ax.text(WIDTH * 0.5, 0, "", ha="left", va="bottom", zorder=7,
                         fontsize="medium", color=style.HIGHLIGHT, fontweight="bold",
                         bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                               "alpha": 0.85})
    enlarge_note = ax.text(0.0, 1.0, "", transform=ax.transAxes, ha="left", va="bottom",
                           fontsize="small", style="italic")
    bracket = ax.plot([], [], color=style.INK, lw=4, solid_capstyle="butt", clip_on=False)[0]
    # Where the papillary-reticular boundary can lie: no source measured it.
    boundary = ax.add_patch(Rectangle((WIDTH - BOUNDARY_WIDTH, 0), BOUNDARY_WIDTH, 0,
                                      facecolor="white", alpha=0.75, hatch="xxx",
                                      edgecolor=style.INK, linewidth=1.0, linestyle="--",
                                      zorder=4, label=BOUNDARY_LABEL))
    ax.set_xlim(0, WIDTH)
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.set_ylabel("depth below the surface")
    ax.legend(handles=[*glyphs.values(), boundary], loc="upper center",
              bbox_to_anchor=(0.75, -0.02), ncol=2, frameon=False, fontsize="small")
    section = CrossSection(ax, bands, labels, leaders, glyphs, probe_line, needle, probe_text,
                           enlarge_note, bracket, boundary, max_depth_mm, enlarge)
    update_cross_section(section, profile, structs, probe_mm=probe_mm)
    return section


@checked(probe_mm=(0.0, 10.0))
def update_cross_section(section: CrossSection, profile: Profile,
                         structs: Sequence[Structure], *, probe_mm: float,
                         enlarge: bool | None = None) -> None:
    """Move the artists of ``section`` to ``profile`` and ``probe_mm``; create nothing new."""
    ax = section.ax
    if enlarge is not None:
        section.enlarge = enlarge
    max_depth = min(section.max_depth_mm, profile.bottom_mm)
    dm = DepthMap.for_profile(profile, max_depth, section.enlarge)
    section.depth_map = dm
    bottom = dm(max_depth)
    ax.set_ylim(bottom, -AIR_MM)
    # Name the site on the picture itself: two sites can share every value (both borrow
    # the same face-wide studies), and a projected figure must say which one it shows.
    ax.set_ylabel(f"depth below the surface: {profile.site}")

    centres = []
    for layer in profile.layers:
        top, low = dm(layer.top_mm), dm(min(layer.bottom_mm, max_depth))
        section.bands[layer.name].set_bounds(0, top, WIDTH, max(low - top, 0))
        centres.append((top + low) / 2)
    heights = _label_positions(centres, 0.075 * (bottom + AIR_MM), 0.0, bottom)
    probed = next((la.name for la in profile.layers if probe_mm < la.bottom_mm),
                  profile.layers[-1].name)
    for layer, centre, y in zip(profile.layers, centres, heights, strict=True):
        text = section.labels[layer.name]
        text.set_y(y)
        text.set_fontweight("bold" if layer.name == probed else "normal")
        text.set_text(("▶ " if layer.name == probed else "") + layer.name)
        section.leaders[layer.name].set_data([WIDTH, WIDTH * 1.08], [centre, y])
    for name, band in section.bands.items():
        band.set_edgecolor(style.HIGHLIGHT if name == probed else "#00000040")
        band.set_linewidth(3.0 if name == probed else 0.6)
        band.set_zorder(2 if name == probed else 1)
    section.highlighted = probed

    for name, (xs, ys) in _glyph_paths(profile, structs, dm).items():
        artist = section.glyphs[name]
        if isinstance(artist, Polygon):
            artist.set_xy(np.column_stack([xs, ys]))
        else:
            artist.set_data(xs, ys)
    presence = {s.name: s.presence for s in structs}
    for name, text in zip(GLYPHS, ax.get_legend().get_texts(), strict=False):
        text.set_text(f"{name} ({presence[name]} here)"
                      if presence.get(name, "present") not in ("present", "common") else name)

    low, high = profile.papillary_boundary_mm
    section.boundary.set_bounds(WIDTH - BOUNDARY_WIDTH, dm(low), BOUNDARY_WIDTH,
                                dm(high) - dm(low))

    y = dm(min(probe_mm, max_depth))
    section.probe_line.set_ydata([y, y])
    section.needle.set_xy([[5.95, -AIR_MM], [6.15, -AIR_MM], [6.05, y]])
    section.probe_text.set_position((6.3, y - 0.01 * bottom))
    section.probe_text.set_text(f"probe {probe_mm * 1000:.0f} µm")

    # Ruler: mm on the left; µm for the shallow part on the right of the tick labels.
    gap = 0.06 * (bottom + AIR_MM)
    mm_ticks = _ruler_ticks(dm, max_depth, [0.0, *np.arange(0.5, 10.01, 0.5)], gap)
    um_ticks = _ruler_ticks(dm, max_depth, [0.0, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5], gap)
    um_ticks = [t for t in um_ticks if t < 0.5]
    ticks = sorted(set(mm_ticks) | set(um_ticks))
    kept = []
    for t in ticks:
        if not kept or dm(t) - dm(kept[-1]) >= gap:
            kept.append(t)
    ax.set_yticks([dm(t) for t in kept])
    ax.set_yticklabels([f"{t:g} mm" if t >= 0.5 or t == 0 else f"{t * 1000:.0f} µm"
                        for t in kept])

    if section.enlarge and dm.factor > 1:
        section.enlarge_note.set_text(
            f"Epidermis drawn {dm.factor:.0f}× taller than the rest (black bar); "
            "the ruler gives true depths")
        section.bracket.set_data([1.01, 1.01], [0, dm(profile.epidermis_mm)])
        section.bracket.set_transform(ax.get_yaxis_transform())
    else:
        section.enlarge_note.set_text("All layers drawn to scale")
        section.bracket.set_data([], [])


METHOD_MARKERS = {"histology": "o", "biopsy": "D", "HFUS": "s", "ultrasound": "^",
                  "3-D scans": "v"}
BORROWED_FACE = "#BBBBBB"
ROW_STEP = 0.2  # vertical spacing of several rows of one site


def _method_key(method: str) -> str:
    for key in METHOD_MARKERS:
        if method.startswith(key):
            return key
    raise ValueError(f"no marker for method {method!r}; known: {sorted(METHOD_MARKERS)}")


@checked
def draw_site_comparison(ax_epidermis: Axes, ax_dermis: Axes, sites: Sequence[str],
                         rows: Sequence[Measurement],
                         model_um: Mapping[tuple[str, str], float]) -> dict[str, list]:
    """Chart epidermis (µm) and dermis (mm) thickness by site, every report shown.

    Each measurement is a marker at its typical value with a bar from low to high; marker
    shape gives the method. Filled in the layer's colour: measured at the site and used by
    the model. Grey with a dashed bar: borrowed from another site or a pool. White: kept but
    not used (the ultrasound entry echo). ``model_um[(site, layer)]`` is the model's value,
    drawn as a black tick, so nothing rests on colour alone.

    Returns
    -------
    dict
        ``{"epidermis": [...], "dermis": [...], "model": [...]}``: the error-bar containers
        drawn, and the model's ticks.
    """
    drawn: dict[str, list] = {"epidermis": [], "dermis": [], "model": []}
    y_of = {site: i for i, site in enumerate(sites)}
    for layer, ax, unit, colour in (
        ("epidermis", ax_epidermis, 1.0, style.LAYER_COLOURS["viable epidermis"]),
        ("dermis", ax_dermis, 1e-3, style.LAYER_COLOURS["reticular dermis"]),
    ):
        for site in sites:
            mine = [m for m in rows if m.layer == layer and m.site == site]
            for k, m in enumerate(mine):
                y = y_of[site] + (k - (len(mine) - 1) / 2) * ROW_STEP
                x = m.typical_um * unit
                face = (colour if m.at_site else BORROWED_FACE) if m.use else "white"
                kind = "used" if m.use and m.at_site else "borrowed" if m.use else "unused"
                bars = ax.errorbar(
                    x, y, xerr=[[x - m.low_um * unit], [m.high_um * unit - x]],
                    fmt=METHOD_MARKERS[_method_key(m.method)], ms=7, capsize=3,
                    color=style.INK, lw=1.2, mfc=face, mec=style.INK,
                    gid=f"{m.site}|{m.method}|{kind}")
                if kind == "borrowed":
                    bars.lines[2][0].set_linestyle("--")
                drawn[layer].append(bars)
            if (site, layer) in model_um:
                x = model_um[(site, layer)] * unit
                drawn["model"].append(ax.plot([x, x], [y_of[site] - 0.42, y_of[site] + 0.42],
                                              color=style.INK, lw=2.6, gid=f"{site}|model")[0])
        ax.set_yticks(range(len(sites)))
        ax.set_ylim(len(sites) - 0.5, -0.5)
        ax.grid(axis="x", color="#dddddd", lw=0.8)
        ax.set_axisbelow(True)
    ax_epidermis.set_yticklabels(sites)
    ax_dermis.tick_params(labelleft=False)
    ax_epidermis.set_xlabel("epidermis thickness (µm)")
    ax_dermis.set_xlabel("dermis thickness (mm)")
    handles = [Line2D([], [], marker=mk, ls="", color=style.INK, mfc="white", ms=7, label=k)
               for k, mk in METHOD_MARKERS.items()]
    handles += [
        Line2D([], [], marker="o", ls="", color=style.INK, ms=7,
               mfc=style.LAYER_COLOURS["viable epidermis"], label="filled: measured here"),
        Line2D([], [], marker="o", ls="--", color=style.INK, ms=7, mfc=BORROWED_FACE,
               label="grey, dashed: borrowed"),
        Line2D([], [], marker="|", ls="", color=style.INK, ms=14, mew=2.6,
               label="black tick: the model's value"),
    ]
    ax_dermis.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                     fontsize="small", frameon=False)
    return drawn


# --- builders: one per picture --------------------------------------------------------
CROSS_SECTION_WIDTH_IN = 9.0
CROSS_SECTION_MARGINS = {"left": 0.13, "right": 0.68, "bottom": 0.25}


@checked(probe_mm=(0.0, 10.0), max_depth_mm=(0.1, 10.0))
def cross_section_alt(profile: Profile, structs: Sequence[Structure], *, probe_mm: float,
                      enlarge: bool, max_depth_mm: float = 3.0) -> str:
    """Alt text of a cross-section: its layers, structures and probe, with their depths."""
    shown = min(max_depth_mm, profile.bottom_mm)
    scale = ("with the epidermis drawn taller than true scale" if enlarge
             else "with all layers to scale")
    probed = next((la.name for la in profile.layers if probe_mm < la.bottom_mm),
                  profile.layers[-1].name)
    def named(s: Structure) -> str:
        return s.name if s.presence in ("present", "common") else f"{s.name} ({s.presence})"

    bands = "; ".join(f"{named(s)} {s.top_mm:.2f}–{s.bottom_mm:.2f} mm" for s in structs
                      if s.top_mm < shown)
    low, high = profile.papillary_boundary_mm
    return (f"Cross-section of {profile.site} skin to {shown:g} mm deep, {scale}. From the "
            f"surface: stratum corneum and viable epidermis, ending at "
            f"{profile.epidermis_mm * 1000:.0f} µm; papillary and reticular dermis, ending at "
            f"{profile.dermis_bottom_mm:.2f} mm; then the fatty hypodermis. A hatched band marks "
            f"where the unmeasured papillary–reticular boundary can lie, {low:.2f} to "
            f"{high:.2f} mm. Structures drawn at their depths: {bands}. A probe marks "
            f"{probe_mm * 1000:.0f} µm, in the {probed}.")


@checked(probe_mm=(0.0, 10.0))
def cross_section_figure(site: str, *, probe_mm: float = 0.1, enlarge: bool = True,
                         scaled: bool = False, room_above: bool = False) -> Picture:
    """The cross-section of ``site`` with the probe at ``probe_mm``.

    ``scaled`` grows the figure in presenter mode (explorers); files and notebook
    figures keep the print size. ``room_above`` makes the figure taller with space
    above the section for a line of text (the needle picture's endpoint).
    """
    prof, structs = anatomy.profile(site), anatomy.structures(site)
    fig = new_figure(CROSS_SECTION_WIDTH_IN, 6.5 if room_above else 6.0, layout=None,
                     scaled=scaled)
    fig.subplots_adjust(top=0.87 if room_above else 0.94, **CROSS_SECTION_MARGINS)
    section = draw_cross_section(fig.add_subplot(), prof, structs, probe_mm=probe_mm,
                                 enlarge=enlarge)
    return Picture(fig, cross_section_alt(prof, structs, probe_mm=probe_mm, enlarge=enlarge),
                   section)


@checked
def site_comparison_alt(sites: Sequence[str], rows: Sequence[Measurement],
                        model_um: Mapping[tuple[str, str], float]) -> str:
    """Alt text of the thickness-by-site chart, with the ranges read off ``rows``."""
    def span(layer: str, methods: tuple[str, ...]) -> tuple[float, float]:
        values = [m.typical_um for m in rows
                  if m.layer == layer and m.method.startswith(methods)]
        return min(values), max(values)

    histology = span("epidermis", ("histology", "biopsy"))
    echo = span("epidermis", ("HFUS",))
    dermis = {site: model_um[(site, "dermis")] / 1000 for site in sites}
    thin, thick = min(dermis, key=dermis.get), max(dermis, key=dermis.get)
    borrowed = sorted({m.site for m in rows if m.use and not m.at_site
                       and m.layer in ("epidermis", "dermis")}, key=list(sites).index)
    return (f"Two dot-and-range charts, one row for each of {len(sites)} body sites, every "
            f"report shown with its method. Left: epidermis thickness in µm; histology and "
            f"biopsy values sit between {histology[0]:.0f} and {histology[1]:.0f} µm, while "
            f"high-frequency ultrasound values sit between {echo[0]:.0f} and {echo[1]:.0f} µm. "
            f"Right: dermis thickness in mm; the model's values run from {dermis[thin]:.2f} mm "
            f"({thin}) to {dermis[thick]:.2f} mm ({thick}). Values borrowed from another site "
            f"or a pool are grey: {len(borrowed)} sites borrow their epidermis or dermis "
            f"({', '.join(borrowed)}).")


@checked
def site_comparison_figure() -> Picture:
    """Epidermis and dermis thickness at every site, every method, with ranges; borrowed
    values marked, and the model's value as a tick."""
    fig = new_figure(13, 7.5, scaled=False)
    ax_e, ax_d = fig.subplots(1, 2)
    sites = anatomy.sites()
    rows = [m for s in sites for m in anatomy.measurements(s)]
    model_um = {(s, layer): anatomy.layer_value(s, layer).typical_um
                for s in sites for layer in ("epidermis", "dermis")}
    drawn = draw_site_comparison(ax_e, ax_d, sites, rows, model_um)
    return Picture(fig, site_comparison_alt(sites, rows, model_um), drawn)
