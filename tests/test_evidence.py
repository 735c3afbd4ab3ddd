"""Claims, studies and safety data: complete, consistent, cited; and every certainty is
computed from GRADE's recorded judgements, never typed."""

from __future__ import annotations

import dataclasses
import math
import re

import pytest

from skinlab.data import citations, fact, read_table, split_keys, table_names
from skinlab.models import evidence
from skinlab.models.evidence import LEVELS, Evidence

SEED_CLAIMS = {"pen-speed", "reach", "collagen", "bleeding", "redness", "immediate",
               "acne-scars", "comedones", "wrinkles", "duration"}


def _resolves(cell: str) -> bool:
    keys = split_keys(cell)
    return bool(keys) and all(k in citations.references() for k in keys)


def _row(**changes: object) -> Evidence:
    # A randomised trial with every judgement cleared; each test sets the ones it needs.
    base = next(r for r in evidence.studies("acne scars") if r.study == "Alam 2014")
    cleared = {domain: 0 for domain in (*evidence.DOWN, *evidence.UP)}
    return dataclasses.replace(base, **{**cleared, **changes})


# --- certainty is computed, not typed -------------------------------------------------
def test_no_table_types_a_certainty_or_a_grade():
    columns = {"grade", "certainty", "quality", "level"}
    for name in table_names():
        rows = read_table(name)
        assert not columns & set(rows[0]), f"{name}.csv has a column {columns & set(rows[0])}"
    for name in evidence.TABLES:
        typed = [row for row in read_table(name) if set(row.values()) & set(LEVELS)]
        assert typed == [], f"{name}.csv types a certainty level in a cell: {typed[:1]}"


@pytest.mark.parametrize("row", evidence.evidence(), ids=lambda r: f"{r.question}/{r.study}")
def test_every_row_has_a_design_a_reason_for_each_move_and_a_reference(row):
    assert row.design in evidence.DESIGNS and row.design_detail and _resolves(row.source)
    assert row.question in evidence.questions()
    for step in row.steps:
        assert step.why, (row.study, step.domain)
    if row.n_analysed is not None:
        assert 1 <= row.n_analysed <= (row.n_enrolled or row.n_analysed)
    if row.effect_pct is None:
        assert not row.effect_kind
    else:
        assert row.effect_kind in evidence.EFFECT_KINDS and 0 < row.effect_pct <= 110


def test_certainty_follows_grade_from_start_through_every_judgement():
    assert _row(bias=0, imprecision=0).certainty == "high"  # a randomised trial
    assert _row(bias=-1, imprecision=0).certainty == "moderate"
    assert _row(bias=-1, imprecision=-1).certainty == "low"
    assert _row(bias=-2, imprecision=-2).certainty == "very low"  # never below very low
    observational = _row(design="case series", bias=0, imprecision=0)
    assert observational.start == "low" and observational.certainty == "low"
    review = _row(design="systematic review", pooled="randomised trials", bias=0,
                  imprecision=0)
    assert review.certainty == "high"
    assert dataclasses.replace(review, pooled="non-randomised studies").certainty == "low"
    upgraded = _row(design="non-randomised study", bias=0, imprecision=0, large_effect=2,
                    upgrade_why="a risk ratio above 5")
    assert upgraded.certainty == "high"
    assert [s.level for s in _row(bias=-1, imprecision=-1).steps] == ["moderate", "low"]


def test_grade_rules_are_enforced_on_the_data():
    rules = evidence._check_row
    with pytest.raises(ValueError, match="not rated down"):
        rules(_row(large_effect=1, upgrade_why="big"))  # a trial, and rated down
    with pytest.raises(ValueError, match="without a reason"):
        rules(_row(bias=-1, bias_why=""))
    with pytest.raises(ValueError, match="-2"):
        rules(_row(imprecision=-3))
    with pytest.raises(ValueError, match="indirectness"):
        rules(_row(design="animal experiment", indirectness=0))
    with pytest.raises(ValueError, match="no judgements"):
        rules(_row(design="not graded", bias=-1, bias_why="flawed"))


def test_a_review_takes_the_certainty_of_what_it_pooled_for_the_question_asked():
    juhasz = next(r for r in evidence.studies("acne scars") if r.study.startswith("Juhasz"))
    assert juhasz.design == "systematic review" and juhasz.start == "low"
    assert juhasz.indirectness < 0 and "radiofrequency" in juhasz.indirectness_why
    assert juhasz.certainty == "very low"
    bandral = next(r for r in evidence.studies("acne scars") if r.study.startswith("Bandral"))
    assert bandral.indirectness < 0 and "hypertrophic" in bandral.indirectness_why


@pytest.mark.parametrize("question", evidence.questions())
def test_a_question_takes_the_certainty_of_its_best_graded_row(question):
    found = evidence.studies(question)
    result = evidence.certainty(question)
    graded = [r for r in found if r.graded]
    if not found:
        assert result == evidence.Certainty(None, "no evidence found")
    elif not graded and any(r.design != "not graded" for r in found):
        assert result == evidence.Certainty(
            None, "no evidence found that answers it (related findings shown)")
    elif not graded:
        assert result.level is None and "not graded" in result.label
    else:
        assert result.level == max(graded, key=lambda r: r.rank).certainty
        assert found[0].rank == max(r.rank for r in found)  # most certain first


def test_the_expert_findings_are_graded_as_they_should_be():
    # The one randomised trial never compared its two sides: very low, like the rest.
    assert evidence.certainty("acne scars").level == "very low"
    for question in ("redness", "pain", "stretch marks", "metal-allergy", "topical-products",
                     "unlicensed-venue"):
        assert evidence.certainty(question).level == "very low", question
    assert evidence.certainty("comedones").label == "no evidence found"
    assert evidence.certainty("enlarged pores").label == "no evidence found"
    assert "not graded" in evidence.certainty("make-up").label
    # Rows that answer a related question are context, not evidence for this one.
    for question in ("immediate", "bleeding", "endpoint", "keloids", "isotretinoin"):
        assert evidence.certainty(question).label.startswith("no evidence found that answers"), \
            question
        assert all(not r.answers for r in evidence.studies(question) if r.design != "not graded")


def test_a_related_finding_is_shown_but_not_graded_for_the_question():
    lima = next(r for r in evidence.studies("bleeding") if r.study == "Lima 2013")
    assert not lima.answers and not lima.graded and lima.certainty is None and lima.rank == 0
    assert "does not answer this question" in evidence.path_text(lima)
    assert "related findings shown" in evidence.question_text("bleeding")


def test_animal_and_laboratory_studies_start_low_and_are_rated_down_for_indirectness():
    for design in evidence.NOT_HUMAN:
        assert evidence.DESIGNS[design] == "low"
    for row in evidence.evidence():
        if row.design in evidence.NOT_HUMAN and row.answers:
            assert row.start == "low" and row.indirectness <= -1 and row.certainty == "very low"


def test_alam_is_read_as_a_within_side_change_not_a_difference_between_sides():
    alam = next(r for r in evidence.studies("acne scars") if r.study == "Alam 2014")
    assert "from its own baseline" in alam.effect and "not compared" in alam.effect
    assert "better by" not in alam.effect
    card = evidence.claim_card("acne-scars")
    assert "own baseline" in card and "not compared with each other" in card


def test_kenkel_density_is_imaging_and_blood_flow_is_reported():
    kenkel = next(r for r in evidence.studies("fine lines and wrinkles")
                  if r.study.startswith("Kenkel"))
    assert "imaging" in kenkel.effect and "blood flow" in kenkel.effect
    wrinkles = evidence.claim_card("wrinkles")
    assert "blood flow" in wrinkles and "no increase in perfusion" in wrinkles
    assert "images" in evidence.claim_card("collagen")


def test_immediate_improvement_says_what_is_known_and_what_is_a_hypothesis():
    card = evidence.claim_card("immediate")
    assert "hypothesis" in card and "no study measured" in card.lower()
    assert evidence.claim("immediate").verdict == "unverified"


# --- the tables ------------------------------------------------------------------------
@pytest.mark.parametrize("claim", evidence.claims(), ids=lambda c: c.id)
def test_every_claim_has_mechanism_evidence_certainty_and_verdict(claim):
    assert claim.claim and claim.mechanism and claim.evidence and claim.why
    assert claim.verdict in evidence.VERDICTS
    assert _resolves(claim.source)
    card = evidence.claim_card(claim.id)
    for part in ("Mechanism:", "Evidence:", "Certainty:", "Verdict:", "Sources:"):
        assert part in card


def test_the_seed_claims_are_all_there():
    assert SEED_CLAIMS <= {c.id for c in evidence.claims()}


def test_the_400_percent_figure_is_called_unverified_and_elastin_falling_is_said():
    card = evidence.claim_card("collagen")
    assert "400 %" in card and "unverified" in card
    assert "elastin fell" in card
    assert "15 years" in card  # the half-life of mature dermal collagen


def test_blackheads_have_no_evidence_and_no_studies():
    assert evidence.claim("comedones").verdict == "no evidence found"
    assert evidence.studies("comedones") == ()
    assert "No study with this as its outcome was found." in evidence.indication_text("blackheads")


def test_derived_percentages_follow_from_the_reported_numbers():
    by_name = {s.study: s for s in evidence.evidence() if s.effect_pct is not None}
    assert by_name["Dogra 2014"].effect_pct == pytest.approx(
        -evidence.relative_change_pct(11.73, 6.5), abs=0.05)
    assert by_name["Ismail 2019"].effect_pct == pytest.approx(
        -evidence.relative_change_pct(8.61, 5.75), abs=0.05)
    # A quality-of-life score is a different outcome from the stretch marks: not charted.
    assert "Naspolini 2019" not in by_name
    assert by_name["Majid 2009"].effect_pct == pytest.approx(100 * 34 / 36, abs=0.05)
    assert by_name["Bandral 2019"].effect_pct == 14 + 52
    assert by_name["Lotfi 2013"].effect_pct == 20 + 70
    for study in evidence.evidence():
        if study.effect_pct is not None and "[derived]" not in study.note:
            assert f"{study.effect_pct:g}" in study.effect, study.study


def test_unknown_names_list_the_valid_ones():
    with pytest.raises(ValueError, match="acne scars"):
        evidence.indication("freckles")
    with pytest.raises(ValueError, match="pen-speed"):
        evidence.claim("glow")
    with pytest.raises(ValueError, match="Valid questions"):
        evidence.studies("freckles")


@pytest.mark.parametrize("before, after", [(0, 5), (math.nan, 1), (1, math.inf), (True, 1),
                                           ("10", 5)])
def test_relative_change_rejects_bad_input(before, after):
    with pytest.raises(ValueError):
        evidence.relative_change_pct(before, after)


def test_relative_change_signs():
    assert evidence.relative_change_pct(10, 5) == -50
    assert evidence.relative_change_pct(4, 5) == 25


@pytest.mark.parametrize("item", evidence.contraindications(), ids=lambda c: c.id)
def test_every_contraindication_has_kind_evidence_and_source(item):
    assert item.kind in evidence.CONTRAINDICATION_KINDS
    assert item.note and _resolves(item.source)
    assert evidence.studies(item.id), f"{item.id}: no row of evidence, not even an opinion"


def test_contraindications_cover_the_safety_list_of_the_issue():
    items = " ".join(c.item for c in evidence.contraindications())
    for needed in ("infection", "acne", "keloid", "isotretinoin", "anticoagulants",
                   "pregnancy", "darker skin", "nickel", "unlicensed"):
        assert needed in items, needed
    kinds = [c.kind for c in evidence.contraindications()]
    assert kinds == sorted(kinds, key=evidence.CONTRAINDICATION_KINDS.index)


def test_adverse_effects_have_frequency_and_source():
    for effect in evidence.adverse_effects():
        assert effect.frequency and _resolves(effect.source), effect.effect
    assert fact("us_device_class").value == 2
    assert (fact("transient_effects_max_days").value, fact("transient_effects_max_days").unit) \
        == (7, "days")


def test_aftercare_gives_a_reason_and_flags_practice_advice():
    items = evidence.aftercare()
    assert len(items) >= 5
    for item in items:
        assert item.why and _resolves(item.source)
        if evidence.certainty(item.id).level is None:
            # Advice with only practice behind it cites a source marked not peer-reviewed.
            assert any(not citations.reference(k).peer_reviewed
                       for k in split_keys(item.source)), item.advice


def test_anaesthesia_and_regulation_are_sourced():
    risks = " ".join(r.risk + r.detail for r in evidence.anaesthesia_risks())
    for needed in ("died", "µg/mL", "broken skin", "methaemoglobinaemia"):
        assert needed in risks, needed
    places = {r.where for r in evidence.regulation()}
    assert {"United States (federal)", "California", "Oregon"} <= places
    for item in (*evidence.anaesthesia_risks(), *evidence.regulation()):
        assert _resolves(item.source)


def test_screening_cases_are_fictional_balanced_and_explained():
    cases = evidence.screening_cases()
    assert 6 <= len(cases) <= 10
    assert {c.answer for c in cases} == set(evidence.SCREENING_ANSWERS)
    for case in cases:
        # A first name and an age only: no surnames, so no real person is named.
        assert re.fullmatch(r"[A-Z][a-z]+ \(\d\d\)", case.client), case.client
        assert case.story and case.why and _resolves(case.source)


def test_screening_feedback_says_right_or_wrong_in_words():
    case = evidence.screening_cases()[0]
    assert evidence.screening_feedback(case, case.answer).startswith("✓ Yes")
    wrong = next(a for a in evidence.SCREENING_ANSWERS if a != case.answer)
    text = evidence.screening_feedback(case, wrong)
    assert text.startswith("✗ Not") and case.answer in text and case.why in text
    with pytest.raises(ValueError, match="proceed, postpone, refer"):
        evidence.screening_feedback(case, "maybe")


def test_question_ids_must_be_unique_across_tables(monkeypatch):
    # An indication and a claim sharing an id would pool their evidence rows silently.
    clash = [*evidence.indications(), type(evidence.indications()[0])(
        **{**evidence.indications()[0].__dict__, "name": "pain"})]
    monkeypatch.setattr(evidence, "indications", lambda: tuple(clash))
    evidence.questions.cache_clear()
    try:
        with pytest.raises(ValueError, match="'pain' names both"):
            evidence.questions()
    finally:
        evidence.questions.cache_clear()


def test_a_question_answered_only_by_animal_or_lab_studies_says_so(monkeypatch):
    # No current question is answered by animal studies alone, but the label must appear
    # the moment one is: "mechanism shown in animals or the lab only".
    rat = dataclasses.replace(_row(), study="Rat 2020", design="animal experiment",
                              indirectness=-2, indirectness_why="rats, not people")
    monkeypatch.setattr(evidence, "studies", lambda question=None: (rat,))
    evidence.certainty.cache_clear()
    try:
        result = evidence.certainty("wrinkles")
        assert result.level == "very low"
        assert result.label == "very low (mechanism shown in animals or the lab only)"
    finally:
        evidence.certainty.cache_clear()
