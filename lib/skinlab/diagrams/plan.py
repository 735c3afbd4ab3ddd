"""Painters for the treatment planner (notebook 05): where the needles go at the client's
site, and what the skin does after one session and over the course of sessions.

Painters draw the :class:`~skinlab.models.plan.Plan` they are given; a plan that stopped
at screening is drawn as the stop, in words, with nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

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

__all__ = ["PlanAxes", "draw_depth_column", "draw_milestones", "draw_plan", "plan_alt",
           "plan_axes"]


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
    # When trials judged a result (shaded) and when redness should be gone after each
    # session (ticks), on the sessions' panels.
    results: Rectangle | None = field(default=None)
    redness: list[Line2D] = field(default_factory=list)
    # The client and the decision, over all panels (once drawn).
    title: Text | None = field(default=None)


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
    ax.set_title(f"{reach.device}, {reach.nominal_mm:g} mm:\ntip in the {reach.layer}",
                 loc="left")
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)


@checked
def draw_plan(axes: PlanAxes, the_plan: Plan) -> None:
    """Draw ``the_plan`` on the planner's panels: the client and the screening decision on
    top, the depth column anew, the healing curves moved in place once they exist."""
    # Two lines, so the longest client and decision fit at presenter scale too.
    axes.title = axes.figure.suptitle(f"Plan for {the_plan.client.text()}\nscreening: "
                                      f"{the_plan.screening.decision}", x=0.01, ha="left",
                                      fontweight="bold", color=INK)
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
        # The decision is in the figure's title; here, that the plan ends, and why.
        title = ax.text(0.0, 0.95, "The plan stops at screening, because of:",
                        transform=ax.transAxes, va="top", ha="left", fontsize="x-large",
                        fontweight="bold", color=INK)
        listed = ax.text(0.0, 0.85, reasons, transform=ax.transAxes, va="top", ha="left",
                         color=INK, wrap=True)
        # The words run across the hidden panels' room: keep them out of the layout, or
        # constrained layout shrinks the panel to nothing to fit them.
        for text in (title, listed):
            text.set_in_layout(False)
        return
    assert the_plan.response is not None
    draw_depth_column(axes.depth, the_plan)
    if axes.curves is None or axes.sessions is None:
        axes.curves = draw_cell_curves(axes.cells, the_plan.response.wave, marker=False)
        axes.cells.set_title("one session (model)", loc="left")
        axes.sessions = draw_sessions(axes.waves, axes.repair, the_plan.response.run)
    else:
        update_sessions(axes.sessions, the_plan.response.run)
    # Head room above the highest curve, so its label clears the panel's title.
    wave = the_plan.response.wave
    highest = max(float(getattr(wave, name).max()) for name in axes.curves.lines)
    update_cell_curves(axes.curves, wave, top=max(highest * 1.2, 1e-6))
    draw_milestones(axes, the_plan)
    response = the_plan.response
    axes.waves.set_title(f"{response.sessions} session(s), {response.interval_days} days apart "
                         f"(model)\nbars: redness lasted up to {response.side_effects_days:g} "
                         "days (reported)", loc="left")


@checked
def draw_milestones(axes: PlanAxes, the_plan: Plan) -> None:
    """Mark on the sessions' panels how long redness lasted after each session (a bar from
    the session to that day) and the days after the last session on which studies judged
    a result (shaded on the repair panel); both are reported ranges, not model output."""
    response = the_plan.response
    assert response is not None
    low, high = (response.last_session_day + d for d in response.judged_after_last_days)
    if axes.results is None:
        # A Rectangle of our own (axvspan returns a Polygon before matplotlib 3.9).
        axes.results = axes.repair.add_patch(Rectangle(
            (low, 0), high - low, 1, transform=axes.repair.get_xaxis_transform(),
            color=HIGHLIGHT, alpha=0.15, linewidth=0))
        # In the title, not on the panel, where long words would run past the axes.
        first, last = response.judged_after_last_days
        axes.repair.set_title(f"shaded: when studies judged results\n({first:g}–{last:g} "
                              "days after the last session, reported)", loc="left")
    axes.results.set_x(low)
    axes.results.set_width(high - low)
    for artist in axes.redness:
        artist.remove()
    # Low in the panel, where each new wave is still rising, so the bars hide no curve.
    axes.redness = [
        axes.waves.plot([day, day + response.side_effects_days], [0.05, 0.05],
                        transform=axes.waves.get_xaxis_transform(), color=INK, linewidth=4,
                        solid_capstyle="butt")[0]
        for day in range(0, response.last_session_day + 1, response.interval_days)]


@checked
def plan_alt(the_plan: Plan) -> str:
    """One sentence on what the planner's figure shows."""
    if the_plan.screening.stops:
        return (f"The plan for {the_plan.client.text()} stopped at screening: "
                f"{the_plan.screening.decision}; nothing else is drawn.")
    assert the_plan.setting is not None and the_plan.response is not None
    reach = the_plan.setting.reach
    return (f"Plan for {the_plan.client.text()}. Layers at the {reach.site} with a "
            f"{reach.device} needle of {reach.nominal_mm:g} mm "
            f"whose tip likely stops {reach.depth.low_mm:.2f}–{reach.depth.high_mm:.2f} mm "
            f"down, in the {reach.layer}; one session's modelled neutrophil and macrophage "
            f"waves; and {the_plan.response.sessions} sessions "
            f"{the_plan.response.interval_days} days apart with the accumulated repair, a "
            f"bar after each session as long as redness lasted "
            f"({the_plan.response.side_effects_days:g} days) and the days after the last "
            f"session on which studies judged a result shaded.")
