"""Painter for the three atrophic acne-scar types, side by side in schematic section."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon, Rectangle
from matplotlib.patheffects import Normal, Stroke

from skinlab.scars import ScarType
from skinlab.style import INK, LAYER_COLOURS, LAYER_HATCHES

HALF_WIDTH_MM = 4.0
# Schematic layer bottoms in mm: the epidermis is drawn thicker than life so it shows.
LAYERS_MM = (("viable epidermis", 0.0, 0.15), ("reticular dermis", 0.15, 2.0),
             ("hypodermis", 2.0, 3.0))
# Drawn widths where the sources give one (inside the sourced range) and a drawing choice
# where they do not; depths are drawing choices throughout.
DRAWN = {"ice-pick": {"width": 1.4, "depth": 1.6}, "rolling": {"width": 5.0, "depth": 0.35},
         "boxcar": {"width": 3.0, "depth": 0.55}}


def scar_profile(name: str) -> np.ndarray:
    """The outline of the missing tissue, as (x, depth) points in mm, closed at the surface."""
    if name not in DRAWN:
        raise ValueError(f"no scar type {name!r}; types: {', '.join(DRAWN)}")
    width, depth = DRAWN[name]["width"], DRAWN[name]["depth"]
    half = width / 2
    if name == "ice-pick":
        return np.array([[-half, 0.0], [0.0, depth], [half, 0.0]])
    if name == "rolling":
        x = np.linspace(-half, half, 60)
        return np.column_stack([x, depth * (0.5 + 0.5 * np.cos(np.pi * x / half))])
    wall = 0.12  # boxcar: steep walls, flat floor
    return np.array([[-half, 0.0], [-half + wall, depth], [half - wall, depth], [half, 0.0]])


def draw_scar_types(axes: Sequence[Axes], types: Sequence[ScarType]) -> dict[str, list]:
    """Draw one schematic section per scar type; return the artists by type name."""
    drawn: dict[str, list] = {}
    for ax, scar in zip(axes, types, strict=True):
        artists = []
        for layer, top, bottom in LAYERS_MM:
            artists.append(ax.add_patch(Rectangle(
                (-HALF_WIDTH_MM, top), 2 * HALF_WIDTH_MM, bottom - top,
                facecolor=LAYER_COLOURS[layer], hatch=LAYER_HATCHES[layer], edgecolor="none")))
        outline = scar_profile(scar.name)
        artists.append(ax.add_patch(Polygon(outline, closed=True, facecolor="white",
                                            edgecolor=INK, linewidth=1.5, zorder=3)))
        if scar.name == "rolling":
            for x in (-1.3, 1.3):  # the tethering bands
                floor = float(np.interp(x, outline[:, 0], outline[:, 1]))
                # White with a dark edge: visible on the dark dermis and on the pale fat.
                artists.append(ax.plot([x, x * 1.15], [floor, 2.4], color="white",
                                       linewidth=2.4, zorder=4,
                                       path_effects=[Stroke(linewidth=4, foreground=INK),
                                                     Normal()])[0])
            artists.append(ax.text(1.95, 2.7, "fibrous bands", fontsize="small", zorder=5,
                                   ha="left", va="center"))
        artists.append(ax.text(-HALF_WIDTH_MM + 0.1, -1.05, scar.name.capitalize(),
                               fontweight="bold", fontsize="large", va="center"))
        artists.append(ax.text(-HALF_WIDTH_MM + 0.1, -0.5, scar.width_text(), va="center",
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
