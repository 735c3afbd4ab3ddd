"""Acne-scar pictures: the three atrophic types side by side in schematic section, before
and after a course of needling."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon, Rectangle
from matplotlib.patheffects import Normal, Stroke

from skinlab.data.checks import checked, choice, number
from skinlab.diagrams.canvas import Picture, new_figure
from skinlab.diagrams.style import HATCH_COLOUR, INK, LAYER_COLOURS, LAYER_HATCHES
from skinlab.models import scars
from skinlab.models.scars import ScarType

__all__ = ["AFTER_DEPTH_SHARE", "draw_scar_types", "scar_profile", "scar_release_alt",
           "scar_release_figure", "scar_types_alt", "scar_types_figure"]

HALF_WIDTH_MM = 4.0
# Schematic layer bottoms in mm: the epidermis is drawn thicker than life so it shows.
LAYERS_MM = (("viable epidermis", 0.0, 0.15), ("reticular dermis", 0.15, 2.0),
             ("hypodermis", 2.0, 3.0))
# Drawn widths where the sources give one (inside the sourced range) and a drawing choice
# where they do not; depths are drawing choices throughout.
DRAWN = {"ice-pick": {"width": 1.4, "depth": 1.6}, "rolling": {"width": 5.0, "depth": 0.35},
         "boxcar": {"width": 3.0, "depth": 0.55}}


# How much of each depression the "after" panels keep: a drawing of the reported response
# (ice-pick scars improved only slightly, rolling and boxcar scars well), not a measurement.
AFTER_DEPTH_SHARE = {"ice-pick": 0.85, "rolling": 0.45, "boxcar": 0.6}


@checked
def scar_profile(name: str, depth_share: float = 1.0) -> np.ndarray:
    """The outline of the missing tissue, as (x, depth) points in mm, closed at the surface.

    ``depth_share`` (0 to 1) scales the depth: 1 is the scar as drawn before treatment.
    """
    choice("name", name, DRAWN, plural="scar types")
    number("depth_share", depth_share, 0.0, 1.0)
    width, depth = DRAWN[name]["width"], DRAWN[name]["depth"] * depth_share
    half = width / 2
    if name == "ice-pick":
        return np.array([[-half, 0.0], [0.0, depth], [half, 0.0]])
    if name == "rolling":
        x = np.linspace(-half, half, 60)
        return np.column_stack([x, depth * (0.5 + 0.5 * np.cos(np.pi * x / half))])
    wall = 0.12  # boxcar: steep walls, flat floor
    return np.array([[-half, 0.0], [-half + wall, depth], [half - wall, depth], [half, 0.0]])


BAND_X_MM = (-1.3, 1.3)


def _band(ax: Axes, x: float, top: float, bottom: float) -> Line2D:
    # White with a dark edge: visible on the dark dermis and on the pale fat.
    return ax.plot([x, x * 1.15], [top, bottom], color="white", linewidth=2.4, zorder=4,
                   path_effects=[Stroke(linewidth=4, foreground=INK), Normal()])[0]


@checked
def draw_scar_types(axes: Sequence[Axes], types: Sequence[ScarType], *,
                    after: bool = False) -> dict[str, list]:
    """Draw one schematic section per scar type; return the artists by type name.

    With ``after=True`` each panel shows the scar after a course of treatment as the
    studies describe the response: shallower by :data:`AFTER_DEPTH_SHARE`, the old outline
    dashed, and the rolling scar's tethering bands cut (the proposed mechanism).
    """
    drawn: dict[str, list] = {}
    for ax, scar in zip(axes, types, strict=True):
        artists = []
        for layer, top, bottom in LAYERS_MM:
            artists.append(ax.add_patch(Rectangle(
                (-HALF_WIDTH_MM, top), 2 * HALF_WIDTH_MM, bottom - top,
                facecolor=LAYER_COLOURS[layer], hatch=LAYER_HATCHES[layer],
                edgecolor=HATCH_COLOUR, linewidth=0)))
        share = AFTER_DEPTH_SHARE[scar.name] if after else 1.0
        outline = scar_profile(scar.name, share)
        artists.append(ax.add_patch(Polygon(outline, closed=True, facecolor="white",
                                            edgecolor=INK, linewidth=1.5, zorder=3)))
        if after:
            before = scar_profile(scar.name)
            artists.append(ax.plot(before[:, 0], before[:, 1], color=INK, linestyle="--",
                                   linewidth=1.2, zorder=4, label="before")[0])
        if scar.name == "rolling":
            for x in BAND_X_MM:
                floor = float(np.interp(x, outline[:, 0], outline[:, 1]))
                if after:  # two stubs with a gap: the band is cut
                    artists.append(_band(ax, x, floor, floor + 0.45))
                    artists.append(_band(ax, x * 1.1, 1.6, 2.4))
                else:
                    artists.append(_band(ax, x, floor, 2.4))
            label = "bands cut (proposed)" if after else "fibrous bands"
            artists.append(ax.text(1.95, 2.7, label, fontsize="small", zorder=5,
                                   ha="left", va="center"))
        artists.append(ax.text(-HALF_WIDTH_MM + 0.1, -1.05, scar.name.capitalize(),
                               fontweight="bold", fontsize="large", va="center"))
        detail = scar.response if after else scar.width_text()
        artists.append(ax.text(-HALF_WIDTH_MM + 0.1, -0.5, detail, va="center",
                               fontsize="small"))
        ax.set_xlim(-HALF_WIDTH_MM, HALF_WIDTH_MM)
        ax.set_ylim(3.0, -1.35)
        ax.set_xticks([-4, -2, 0, 2, 4])
        ax.set_yticks([0, 1, 2, 3])
        ax.set_xlabel("mm")
        ax.set_aspect("equal")
        drawn[scar.name] = artists
    axes[0].set_ylabel("depth (mm, schematic)")
    for ax in axes[1:]:
        ax.set_yticklabels([])
    return drawn


# --- builders: one per picture --------------------------------------------------------
@checked
def scar_types_alt(types: Sequence[ScarType]) -> str:
    """Alt text of the three scar types, with the sourced widths."""
    widths = "; ".join(f"{t.name}, {t.width_text()}" for t in types)
    return ("Three schematic skin sections side by side. Ice-pick: a narrow V-shaped tract "
            "deep into the dermis. Rolling: a wide, shallow dip whose floor is tied down by "
            "fibrous bands to the fat below. Boxcar: steep walls and a flat floor. Widths from "
            f"the sources: {widths}. Depths are drawn, not measured.")


@checked
def scar_types_figure() -> Picture:
    """The three atrophic acne-scar types in schematic section."""
    types = scars.scar_types()
    fig = new_figure(12, 3.8, scaled=False)
    drawn = draw_scar_types(fig.subplots(1, 3), types)
    return Picture(fig, scar_types_alt(types), drawn)


@checked
def scar_release_alt(types: Sequence[ScarType]) -> str:
    """Alt text of the before-and-after picture, with each type's drawn share and response."""
    after = "; ".join(f"{t.name}: drawn at {100 * AFTER_DEPTH_SHARE[t.name]:.0f} % of its depth "
                      f"({t.response})" for t in types)
    return ("Six schematic skin sections: the three acne-scar types before (top) and after a "
            f"course of needling (bottom), the old outline dashed. {after}. The rolling scar's "
            "fibrous bands are drawn cut, labelled as the proposed mechanism. The amounts are "
            "drawn from the reported responses, not measured.")


@checked
def scar_release_figure() -> Picture:
    """The three scar types before and after a course of needling (schematic)."""
    types = scars.scar_types()
    fig = new_figure(12, 6.2, scaled=False)
    axes = fig.subplots(2, 3)
    drawn = {"before": draw_scar_types(axes[0], types),
             "after": draw_scar_types(axes[1], types, after=True)}
    axes[0][0].set_ylabel("before\ndepth (mm, schematic)")
    axes[1][0].set_ylabel("after a course\ndepth (mm, schematic)")
    return Picture(fig, scar_release_alt(types), drawn)
