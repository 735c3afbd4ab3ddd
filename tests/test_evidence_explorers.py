"""The evidence explorer, the screening exercise and the acne-scar before/after figure."""

from __future__ import annotations

import numpy as np
import pytest

from skinlab.course.exercises import check_percent_change
from skinlab.diagrams import new_figure
from skinlab.diagrams.evidence import (
    EMPTY_MESSAGE,
    LEVEL_STYLE,
    draw_evidence,
    update_evidence,
)
from skinlab.diagrams.scars import AFTER_DEPTH_SHARE, draw_scar_types, scar_profile
from skinlab.explorers.evidence import EvidenceExplorer, ScreeningExercise, explorer_questions
from skinlab.models import evidence, scars
from skinlab.models.evidence import LEVELS


def test_explorer_driven_through_every_question_draws_each_grade_path():
    app = EvidenceExplorer()
    images = set()
    for question in explorer_questions():
        app.question.value = question
        found = evidence.studies(question)
        chart = app.chart
        labels = [t.get_text() for t in chart.ax_path.get_yticklabels()]
        assert labels == [s.study for s in found]
        for row, study in enumerate(found):
            if study.graded:
                start, end = (LEVELS.index(study.start) + 1, LEVELS.index(study.certainty) + 1)
                assert list(chart.starts[row].get_xdata()) == [start]
                assert list(chart.ends[row].get_xdata()) == [end]
                assert chart.ends[row].get_marker() == LEVEL_STYLE[study.certainty]["marker"]
                for step in study.steps:
                    assert f"{step.change:+d}" in chart.steps[row].get_text()
            else:
                assert not chart.ends[row].get_visible()
                text = chart.steps[row].get_text()
                assert "not graded" in text
                assert ("related finding" in text) == (study.design != "not graded")
            if study.n_analysed is not None:
                bar = chart.bars[row]
                assert bar.get_x() + bar.get_width() == pytest.approx(study.n_analysed)
            assert study.study in app.alt_text and study.study in app.readout_text
        assert all(not a.get_visible() for a in chart.starts[len(found):])
        assert chart.empty.get_visible() == (not found)
        assert evidence.certainty(question).label in app.readout_text
        images.add(app.png)
    assert len(images) == len(explorer_questions())


def test_explorer_offers_every_indication_and_claim():
    offered = set(explorer_questions())
    assert {i.name for i in evidence.indications()} <= offered
    assert {c.id for c in evidence.claims()} <= offered


def test_explorer_rejects_an_unknown_question():
    with pytest.raises(ValueError, match="Valid questions"):
        EvidenceExplorer("freckles")


def test_chart_refuses_more_studies_than_rows():
    fig = new_figure(8, 4)
    chart = draw_evidence(*fig.subplots(1, 2), rows=2)
    with pytest.raises(ValueError, match="room for 2"):
        update_evidence(chart, evidence.studies("acne scars"), "acne scars")
    update_evidence(chart, (), "freckles")
    assert chart.empty.get_text() == EMPTY_MESSAGE.format("freckles")
    assert chart.empty.get_visible()
    with pytest.raises(ValueError, match="rows must be a whole number from 1"):
        draw_evidence(*new_figure(8, 4).subplots(1, 2), rows=0)


def test_screening_exercise_walks_every_client_with_feedback_and_score():
    app = ScreeningExercise()
    assert app.previous.disabled and not app.next.disabled
    for index, case in enumerate(app.cases):
        app.go(index)
        assert case.client in app.heading.value
        wrong = next(a for a in evidence.SCREENING_ANSWERS if a != case.answer)
        assert app.choose(wrong).startswith("✗")
        assert "✗" in app.feedback.value and 'role="status"' in app.feedback.value
        assert app.choose(case.answer).startswith("✓")
    assert app.next.disabled
    assert app.matched == len(app.cases)
    assert f"Answered {len(app.cases)} of {len(app.cases)}" in app.score.value
    app.go(0)  # going back shows the answer already given
    assert "✓" in app.feedback.value
    with pytest.raises(ValueError, match="0 to"):
        app.go(len(app.cases))


def test_screening_buttons_answer_the_client_on_screen():
    app = ScreeningExercise()
    app.go(2)
    app.buttons[app.cases[2].answer].click()
    assert app.answers == {2: app.cases[2].answer}
    app.next.click()
    assert app.index == 3
    app.previous.click()
    assert app.index == 2


def test_screening_static_form_lists_every_client_with_the_answer_folded():
    app = ScreeningExercise()
    bundle = app._repr_mimebundle_()
    page = bundle["text/html"]
    assert page.count("<details>") == len(app.cases)
    assert all(c.client in page for c in app.cases)
    assert "fictional" in bundle["text/plain"]


def _depth(outline: np.ndarray) -> float:
    return float(outline[:, 1].max())


def test_after_panels_are_shallower_in_the_order_the_studies_report():
    for scar in scars.scar_types():
        assert _depth(scar_profile(scar.name, AFTER_DEPTH_SHARE[scar.name])) < _depth(
            scar_profile(scar.name))
    # Ice-pick scars improved only slightly; rolling and boxcar scars well.
    assert AFTER_DEPTH_SHARE["ice-pick"] > max(AFTER_DEPTH_SHARE["rolling"],
                                               AFTER_DEPTH_SHARE["boxcar"])
    with pytest.raises(ValueError, match="0 to 1"):
        scar_profile("rolling", 1.5)


def test_after_row_cuts_the_bands_and_keeps_the_old_outline():
    fig = new_figure(12, 4)
    after = draw_scar_types(fig.subplots(1, 3), scars.scar_types(), after=True)
    rolling_lines = [a for a in after["rolling"] if hasattr(a, "get_xdata")]
    bands = [line for line in rolling_lines if line.get_linestyle() == "-"]
    dashed = [line for line in rolling_lines if line.get_linestyle() == "--"]
    assert len(bands) == 4 and len(dashed) == 1  # two bands, each in two pieces
    # Each band's two pieces leave a gap: the upper piece ends above where the lower starts.
    uppers = sorted(max(b.get_ydata()) for b in bands)[:2]
    lowers = sorted(min(b.get_ydata()) for b in bands)[2:]
    assert max(uppers) < min(lowers)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "bands cut (proposed)" in texts
    assert any("slightly" in t for t in texts)


def test_percent_change_checker():
    assert check_percent_change(lambda b, a: 100 * (a - b) / b).startswith("✓")
    assert "sign" in check_percent_change(lambda b, a: 100 * (b - a) / b)
    assert "multiply by 100" in check_percent_change(lambda b, a: (a - b) / b)
    assert "baseline" in check_percent_change(lambda b, a: 100 * (a - b) / a)
    assert check_percent_change(lambda b, a: None).startswith("Not attempted")
    assert "raised ZeroDivisionError" in check_percent_change(lambda b, a: 1 / 0)
