"""Painters for the treatment planner (notebook 05): where the needles go at the client's
site, and what the skin does after one session and over the course of sessions.

Painters draw the :class:`~skinlab.models.plan.Plan` they are given; a plan that stopped
at screening is drawn as the stop, in words, with nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from skinlab.data.checks import checked
from skinlab.diagrams.canvas import new_figure
from skinlab.diagrams.healing import (
    CellCurves,
    SessionArtists,
    draw_cell_curves,
    draw_sessions,
    update_cell_curves,
    update_sessions,
)
from skinlab.diagrams.style import HATCH_COLOUR, HIGHLIGHT, INK, LAYER_COLOURS, LAYER_HATCHES
from skinlab.models import anatomy
from skinlab.models.plan import Plan

__all__ = ["PlanAxes", "draw_depth_column", "draw_plan", "plan_alt", "plan_axes"]


@dataclass
class PlanAxes:
    """The planner's figure, its four panels, and the curves once drawn (later plans
    move them rather than drawing the healing panels again)."""

    figure: Figure
    depth: Axes
    cells: Axes
    waves: Axes
    repair: Axes
    curves: CellCurves | None = field(default=None)
    sessions: SessionArtists | None = field(default=None)


@checked(width_in=(4.0, 30.0), height_in=(3.0, 20.0))
def plan_axes(width_in: float = 11.0, height_in: float = 6.5) -> PlanAxes:
    """A figure with the planner's panels: depth (left), one session's cells (top right),
    the sessions' waves and the accumulated repair (bottom right)."""
    fig = new_figure(width_in, height_in)
    grid = fig.add_gridspec(3, 2, width_ratios=(1, 2.2), height_ratios=(1.3, 1, 1))
    depth = fig.add_subplot(grid[:, 0])
    cells = fig.add_subplot(grid[0, 1])
    waves = fig.add_subplot(grid[1, 1])
    repair = fig.add_subplot(grid[2, 1], sharex=waves)
    return PlanAxes(fig, depth, cells, waves, repair)


@checked
def draw_depth_column(ax: Axes, the_plan: Plan) -> None:
    """The client's site as a column of layers (true scale), with the needle's likely
    band hatched and its typical depth as a line."""
    assert the_plan.setting is not None
    reach = the_plan.setting.reach
    profile = anatomy.profile(reach.site)
    bottom = max(profile.dermis_bottom_mm + 0.6, reach.depth.high_mm + 0.2)
    for layer in profile.layers:
        end = min(layer.bottom_mm, bottom)
        ax.add_patch(Rectangle((0, layer.top_mm), 1, end - layer.top_mm,
                               facecolor=LAYER_COLOURS.get(layer.name, "#dddddd"),
                               hatch=LAYER_HATCHES.get(layer.name, ""),
                               edgecolor=HATCH_COLOUR, linewidth=0))
        if end - layer.top_mm > 0.06:
            ax.text(1.05, (layer.top_mm + end) / 2, layer.name, va="center", ha="left",
                    color=INK)
    band = reach.depth
    ax.add_patch(Rectangle((0.35, band.low_mm), 0.3, band.high_mm - band.low_mm,
                           facecolor="none", edgecolor=HIGHLIGHT, hatch="xx", linewidth=2))
    ax.plot([0.5, 0.5], [0, band.typical_mm], color=INK, linewidth=3, solid_capstyle="butt")
    ax.axhline(reach.nominal_mm, xmax=0.5, color=INK, linestyle=":", linewidth=1.5)
    # Beside the band, not on it, so the label never hides the hatching it explains.
    ax.text(0.68, band.typical_mm, f" typical tip {band.typical_mm:.2f} mm", va="center",
            ha="left", color=HIGHLIGHT, fontweight="bold",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
    ax.set_xlim(0, 2.4)
    ax.set_ylim(bottom, 0)
    ax.set_xticks([])
    ax.set_ylabel(f"depth below the surface (mm): {reach.site}")
    ax.set_title(f"{reach.device}, {reach.nominal_mm:g} mm: tip in the {reach.layer}",
                 loc="left")
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)


@checked
def draw_plan(axes: PlanAxes, the_plan: Plan) -> None:
    """Draw ``the_plan`` on the planner's panels: the depth column anew, the healing
    curves moved in place once they exist."""
    axes.depth.clear()
    for ax in (axes.depth, axes.cells, axes.waves, axes.repair):
        ax.set_visible(True)
    if the_plan.screening.stops:
        for ax in (axes.cells, axes.waves, axes.repair):
            ax.set_visible(False)
        ax = axes.depth
        ax.set_axis_off()
        reasons = "\n".join(f"• {item} ({kind})"
                            for item, kind, _c, _s in the_plan.screening.reasons)
        ax.text(0.0, 0.95, f"Plan stopped at screening:\n{the_plan.screening.decision}.",
                transform=ax.transAxes, va="top", ha="left", fontsize="x-large",
                fontweight="bold", color=INK)
        ax.text(0.0, 0.7, reasons, transform=ax.transAxes, va="top", ha="left", color=INK,
                wrap=True)
        return
    assert the_plan.response is not None
    draw_depth_column(axes.depth, the_plan)
    if axes.curves is None or axes.sessions is None:
        axes.curves = draw_cell_curves(axes.cells, the_plan.response.wave, marker=False)
        axes.cells.set_title("one session: the inflammation model's waves (model)",
                             loc="left")
        axes.sessions = draw_sessions(axes.waves, axes.repair, the_plan.response.run)
    else:
        update_cell_curves(axes.curves, the_plan.response.wave)
        update_sessions(axes.sessions, the_plan.response.run)
    axes.waves.set_title(f"{the_plan.response.sessions} session(s), "
                         f"{the_plan.response.interval_days} days apart (model)", loc="left")


@checked
def plan_alt(the_plan: Plan) -> str:
    """One sentence on what the planner's figure shows."""
    if the_plan.screening.stops:
        return (f"The plan for {the_plan.client.name} stopped at screening: "
                f"{the_plan.screening.decision}; nothing else is drawn.")
    assert the_plan.setting is not None and the_plan.response is not None
    reach = the_plan.setting.reach
    return (f"Layers at the {reach.site} with a {reach.device} needle of {reach.nominal_mm:g} mm "
            f"whose tip likely stops {reach.depth.low_mm:.2f}–{reach.depth.high_mm:.2f} mm "
            f"down, in the {reach.layer}; one session's modelled neutrophil and macrophage "
            f"waves; and {the_plan.response.sessions} sessions "
            f"{the_plan.response.interval_days} days apart with the accumulated repair.")
