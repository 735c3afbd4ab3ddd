"""Evidence pictures: the studies behind one indication: who was studied, how, and what changed.

Left panel: one bar per study, its length the number of people analysed (log scale), its
fill and hatch the evidence grade. Right panel: the effect where it can be put as a
percentage, its marker shape saying which kind of percentage; studies that report in their
own units say so in words, because their numbers cannot share an axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter

from skinlab.diagrams.canvas import Picture, new_figure
from skinlab.diagrams.style import INK, OKABE_ITO
from skinlab.models import evidence
from skinlab.models.evidence import EFFECT_KINDS, GRADES, Study

__all__ = ["EvidenceChart", "draw_evidence", "evidence_alt", "evidence_figure",
           "update_evidence"]

N_LIMITS = (1.0, 5000.0)
PCT_LIMITS = (0.0, 115.0)
GRADE_STYLE: dict[str, dict[str, str]] = {
    "A": {"facecolor": OKABE_ITO["blue"], "hatch": ""},
    "B": {"facecolor": OKABE_ITO["sky blue"], "hatch": "//"},
    "C": {"facecolor": OKABE_ITO["orange"], "hatch": ".."},
}
KIND_MARKERS = {"responders": "o", "score fall": "s", "measured rise": "^"}
EMPTY_MESSAGE = "No study with {} as its outcome was found."


@dataclass
class EvidenceChart:
    """The artists of :func:`draw_evidence`, reused for every indication."""

    ax_n: Axes
    ax_pct: Axes
    bars: list[Rectangle]
    n_labels: list[Text]
    pct_labels: list[Text]
    markers: dict[str, Line2D]
    empty: Text


def draw_evidence(ax_n: Axes, ax_pct: Axes, rows: int) -> EvidenceChart:
    """Set up both panels with room for ``rows`` studies; fill them with :func:`update_evidence`."""
    if rows < 1:
        raise ValueError(f"rows must be at least 1, got {rows}")
    bars, n_labels, pct_labels = [], [], []
    for row in range(rows):
        bars.append(ax_n.add_patch(Rectangle((N_LIMITS[0], row - 0.35), 0, 0.7,
                                             edgecolor=INK, linewidth=0.8)))
        n_labels.append(ax_n.text(N_LIMITS[0], row, "", va="center", fontsize="small"))
        pct_labels.append(ax_pct.text(0, row, "", va="center", fontsize="small"))
    markers = {kind: ax_pct.plot([], [], linestyle="none", marker=marker, markersize=10,
                                 color=INK, markerfacecolor="white", markeredgewidth=2,
                                 label=EFFECT_KINDS[kind])[0]
               for kind, marker in KIND_MARKERS.items()}
    empty = ax_n.text(0.02, 0.5, "", transform=ax_n.transAxes, fontsize="large",
                      va="center", visible=False)
    ax_n.set_xscale("log")
    ax_n.set_xlim(*N_LIMITS)
    ax_n.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}"))
    ax_n.set_ylim(rows - 0.5, -0.5)
    ax_n.set_xlabel("people analysed (log scale)")
    ax_pct.set_xlim(*PCT_LIMITS)
    ax_pct.set_ylim(rows - 0.5, -0.5)
    ax_pct.set_xlabel("effect as a percentage")
    ax_pct.tick_params(axis="y", left=False, labelleft=False)
    ax_pct.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax_n.legend(handles=[Patch(edgecolor=INK, label=f"{g}: {GRADES[g]}", **GRADE_STYLE[g])
                         for g in GRADE_STYLE],
                loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize="small", frameon=False)
    ax_pct.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize="small",
                  frameon=False)
    return EvidenceChart(ax_n, ax_pct, bars, n_labels, pct_labels, markers, empty)


def update_evidence(chart: EvidenceChart, studies: Sequence[Study], indication: str) -> None:
    """Show the ``studies`` of ``indication`` (at most one per row); none says so in words."""
    rows = len(chart.bars)
    if len(studies) > rows:
        raise ValueError(f"the chart has room for {rows} studies, got {len(studies)}")
    points: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in KIND_MARKERS}
    for row, (bar, n_label, pct_label) in enumerate(
            zip(chart.bars, chart.n_labels, chart.pct_labels, strict=True)):
        shown = row < len(studies)
        for artist in (bar, n_label, pct_label):
            artist.set_visible(shown)
        if not shown:
            continue
        study = studies[row]
        bar.set_width(study.n_analysed - N_LIMITS[0])
        bar.set_facecolor(GRADE_STYLE[study.grade]["facecolor"])
        bar.set_hatch(GRADE_STYLE[study.grade]["hatch"])
        n_label.set_position((study.n_analysed * 1.15, row))
        n_label.set_text(f"n = {study.n_analysed}")
        if study.effect_pct is None:
            pct_label.set_position((2, row))
            pct_label.set_text("in the study's own units (see the list)")
            pct_label.set_fontstyle("italic")
        else:
            xs, ys = points[study.effect_kind]
            xs.append(study.effect_pct)
            ys.append(row)
            # Right of the marker, or left of it when the marker is near the right edge.
            right = study.effect_pct < 80
            pct_label.set_position((study.effect_pct + (5 if right else -5), row))
            pct_label.set_horizontalalignment("left" if right else "right")
            pct_label.set_text(f"{study.effect_pct:g} %")
            pct_label.set_fontstyle("normal")
    for kind, line in chart.markers.items():
        line.set_data(*points[kind])
    labels = [f"{s.study} ({s.grade})" for s in studies]
    chart.ax_n.set_yticks(range(len(studies)), labels)
    chart.empty.set_text(EMPTY_MESSAGE.format(indication))
    chart.empty.set_visible(not studies)


def evidence_alt(indication: str, studies: Sequence[Study]) -> str:
    """Alt text for an evidence chart of ``studies`` (one indication), each study in words."""
    if not studies:
        return f"An empty chart for {indication}: no study with this as its outcome was found."
    rows = "; ".join(
        f"{s.study}, grade {s.grade}, {s.n_analysed} people"
        + (f", {s.effect_pct:g} % ({s.effect_kind})" if s.effect_pct is not None else "")
        for s in studies)
    return (f"Bar chart of the {len(studies)} studies of {indication}, strongest evidence "
            f"first: people analysed on a log scale, and the effect where it is a "
            f"percentage. {rows}.")


def evidence_figure(indication: str, *, scaled: bool = False) -> Picture:
    """The studies behind ``indication``: people analysed and effect as a percentage.

    The chart has a row for as many studies as any indication has, so an explorer can
    show every indication in the same figure.
    """
    found = evidence.studies(indication)
    fig = new_figure(11, 5.8, scaled=scaled)
    ax_n, ax_pct = fig.subplots(1, 2, width_ratios=(1.1, 1))
    chart = draw_evidence(ax_n, ax_pct, evidence.max_studies())
    update_evidence(chart, found, indication)
    return Picture(fig, evidence_alt(indication, found), chart)
