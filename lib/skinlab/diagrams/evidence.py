"""Evidence pictures: the studies behind one question, graded as GRADE grades them.

Left panel: one row per study, its way from the level GRADE starts it at (a hollow
marker) to its certainty (a filled marker, its shape and colour the level), with the
judgements that moved it written beside the arrow. Right panel: how many people each
study analysed (log scale), with the effect written where it can be put as a percentage.
Rows that GRADE does not grade (opinion, practice, makers' statements) say so in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter

from skinlab.data.checks import checked
from skinlab.diagrams.canvas import Picture, new_figure
from skinlab.diagrams.style import INK, OKABE_ITO
from skinlab.models import evidence
from skinlab.models.evidence import LEVELS, Evidence

__all__ = ["LEVEL_STYLE", "EvidenceChart", "draw_evidence", "evidence_alt", "evidence_figure",
           "update_evidence"]

N_LIMITS = (1.0, 5000.0)
# Each certainty level has a colour and a marker shape, so neither alone carries it.
LEVEL_STYLE: dict[str, dict[str, str]] = {
    "very low": {"color": OKABE_ITO["vermillion"], "marker": "v"},
    "low": {"color": OKABE_ITO["orange"], "marker": "s"},
    "moderate": {"color": OKABE_ITO["sky blue"], "marker": "D"},
    "high": {"color": OKABE_ITO["blue"], "marker": "o"},
}
EMPTY_MESSAGE = "No study on this question was found: {}."
SHORT = {"risk of bias": "bias", "inconsistency": "inconsistency",
         "indirectness": "indirectness", "imprecision": "imprecision",
         "publication bias": "publication bias", "large effect": "large effect",
         "dose-response gradient": "dose-response",
         "confounding that would shrink the effect": "confounding"}


@dataclass
class EvidenceChart:
    """The artists of :func:`draw_evidence`, reused for every question."""

    ax_path: Axes
    ax_n: Axes
    starts: list[Line2D]
    ends: list[Line2D]
    arrows: list[FancyArrowPatch]
    steps: list[Text]
    bars: list[Rectangle]
    n_labels: list[Text]
    empty: Text


@checked(rows=(1, 500))
def draw_evidence(ax_path: Axes, ax_n: Axes, rows: int) -> EvidenceChart:
    """Set up both panels with room for ``rows`` studies; fill them with
    :func:`update_evidence`."""
    if rows < 1:
        raise ValueError(f"rows must be at least 1, got {rows}")
    starts, ends, arrows, steps, bars, n_labels = [], [], [], [], [], []
    for row in range(rows):
        starts.append(ax_path.plot([], [], ls="none", marker="o", ms=11, mfc="white",
                                   mec=INK, mew=1.6, zorder=3)[0])
        ends.append(ax_path.plot([], [], ls="none", marker="o", ms=12, mec=INK, zorder=4)[0])
        arrows.append(ax_path.add_patch(FancyArrowPatch(
            (1, row), (1, row), arrowstyle="-|>", mutation_scale=14, color=INK, lw=1.4,
            shrinkA=7, shrinkB=8, zorder=2)))
        steps.append(ax_path.text(0, row, "", va="center", ha="left", fontsize="small",
                                  clip_on=False))
        bars.append(ax_n.add_patch(Rectangle((N_LIMITS[0], row - 0.33), 0, 0.66,
                                             facecolor="#BBBBBB", edgecolor=INK, lw=0.8)))
        n_labels.append(ax_n.text(N_LIMITS[0], row, "", va="center", fontsize="small"))
    empty = ax_path.text(0.02, 0.5, "", transform=ax_path.transAxes, fontsize="large",
                         va="center", visible=False)
    ax_path.set_xlim(0.5, len(LEVELS) + 0.5)
    ax_path.set_xticks(range(1, len(LEVELS) + 1), LEVELS)
    ax_path.set_ylim(rows - 0.5, -0.5)
    ax_path.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax_path.set_axisbelow(True)
    ax_path.set_xlabel("certainty of the evidence (GRADE)")
    ax_n.set_xscale("log")
    ax_n.set_xlim(*N_LIMITS)
    ax_n.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}"))
    ax_n.set_ylim(rows - 0.5, -0.5)
    ax_n.set_xlabel("people analysed (log scale)")
    ax_n.tick_params(axis="y", left=False, labelleft=False)
    handles = [Line2D([], [], ls="none", marker="o", ms=10, mfc="white", mec=INK,
                      label="where GRADE starts the study")]
    handles += [Line2D([], [], ls="none", ms=10, mec=INK, mfc=style["color"],
                       marker=style["marker"], label=f"certainty: {level}")
                for level, style in LEVEL_STYLE.items()]
    ax_path.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3,
                   fontsize="small", frameon=False)
    return EvidenceChart(ax_path, ax_n, starts, ends, arrows, steps, bars, n_labels, empty)


def _steps_text(row: Evidence) -> str:
    if not row.steps:
        return "nothing to rate down"
    return ", ".join(f"{s.change:+d} {SHORT[s.domain]}" for s in row.steps)


@checked
def update_evidence(chart: EvidenceChart, studies: Sequence[Evidence], title: str) -> None:
    """Show ``studies`` (at most one per row); a question without any says so in words."""
    rows = len(chart.starts)
    if len(studies) > rows:
        raise ValueError(f"the chart has room for {rows} studies, got {len(studies)}")
    for row in range(rows):
        artists = (chart.starts[row], chart.ends[row], chart.arrows[row], chart.steps[row],
                   chart.bars[row], chart.n_labels[row])
        shown = row < len(studies)
        for artist in artists:
            artist.set_visible(shown)
        if not shown:
            continue
        study = studies[row]
        if study.graded:
            start = LEVELS.index(study.start) + 1
            end = LEVELS.index(study.certainty) + 1
            style = LEVEL_STYLE[study.certainty]
            chart.starts[row].set_data([start], [row])
            chart.ends[row].set_data([end], [row])
            chart.ends[row].set_marker(style["marker"])
            chart.ends[row].set_markerfacecolor(style["color"])
            chart.arrows[row].set_positions((start, row), (end, row))
            chart.arrows[row].set_visible(start != end)
            # The judgements go on the side of the arrow with room for them.
            right = max(start, end) < len(LEVELS)
            chart.steps[row].set_position((max(start, end) + 0.22 if right
                                           else min(start, end) - 0.22, row))
            chart.steps[row].set_horizontalalignment("left" if right else "right")
            chart.steps[row].set_text(_steps_text(study))
            chart.steps[row].set_fontstyle("normal")
        else:
            for artist in (chart.starts[row], chart.ends[row], chart.arrows[row]):
                artist.set_visible(False)
            chart.steps[row].set_position((0.6, row))
            chart.steps[row].set_horizontalalignment("left")
            chart.steps[row].set_text(_ungraded_text(study))
            chart.steps[row].set_fontstyle("italic")
        n = study.n_analysed
        chart.bars[row].set_visible(n is not None)
        chart.bars[row].set_width((n or N_LIMITS[0]) - N_LIMITS[0])
        label = "people not counted" if n is None else f"n = {n}"
        if study.effect_pct is not None:
            label += f"; {study.effect_pct:g} % ({study.effect_kind})"
        chart.n_labels[row].set_position(((n or N_LIMITS[0]) * 1.15, row))
        chart.n_labels[row].set_text(label)
    chart.ax_path.set_yticks(range(len(studies)), [s.study for s in studies])
    chart.empty.set_text(EMPTY_MESSAGE.format(title))
    chart.empty.set_visible(not studies)


def _ungraded_text(study: Evidence) -> str:
    # Two reasons a row has no level: it is opinion, or it answers a related question.
    if study.design == "not graded":
        return "not graded: opinion, practice or a maker's statement"
    return f"related finding ({study.outcome}): not graded for this question"


@checked
def evidence_alt(title: str, studies: Sequence[Evidence]) -> str:
    """Alt text for an evidence chart of ``studies`` on one question, each study's path in
    words."""
    if not studies:
        return f"An empty chart for {title}: no study on this question was found."
    rows = "; ".join(
        f"{s.study}, starts {s.start}, {_steps_text(s)}, ends {s.certainty}"
        + (f", {s.n_analysed} people" if s.n_analysed is not None else "")
        if s.graded else f"{s.study}, {_ungraded_text(s)}"
        for s in studies)
    return (f"Chart of the {len(studies)} studies on {title}, most certain first: each "
            f"study's way from where GRADE starts it to its certainty, and the people it "
            f"analysed on a log scale. {rows}.")


@checked
def evidence_figure(question: str, *, scaled: bool = False) -> Picture:
    """The studies on ``question`` (an indication or a claim id): GRADE paths and sizes.

    The chart has a row for as many studies as any question has, so an explorer can
    show every question in the same figure.
    """
    found = evidence.studies(question)
    title = evidence.questions()[question]
    fig = new_figure(12, 6.5, scaled=scaled)
    ax_path, ax_n = fig.subplots(1, 2, width_ratios=(1.5, 1))
    chart = draw_evidence(ax_path, ax_n, evidence.max_studies())
    update_evidence(chart, found, title)
    return Picture(fig, evidence_alt(title, found), chart)
