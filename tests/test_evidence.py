"""Claims, studies and safety data: complete, consistent, cited; and the grades add up."""

from __future__ import annotations

import math
import re

import pytest

from skinlab.data import citations, fact, split_keys
from skinlab.models import evidence

ISSUE_CLAIMS = {"pen-speed", "reach", "collagen", "bleeding", "redness", "immediate",
                "acne-scars", "blackheads", "wrinkles"}


def _resolves(cell: str) -> bool:
    keys = split_keys(cell)
    return bool(keys) and all(k in citations.references() for k in keys)


@pytest.mark.parametrize("study", evidence.studies(), ids=lambda s: s.study)
def test_every_study_has_design_n_outcome_and_a_reference(study):
    assert study.design and study.outcome and study.effect and study.protocol
    assert 1 <= study.n_analysed <= study.n_enrolled
    assert study.grade in "ABC", "clinical studies are grade A to C; lab work is D"
    assert study.indication in {i.name for i in evidence.indications()}
    assert _resolves(study.source)
    if study.effect_pct is None:
        assert not study.effect_kind
    else:
        assert study.effect_kind in evidence.EFFECT_KINDS
        assert 0 < study.effect_pct <= 110


@pytest.mark.parametrize("claim", evidence.claims(), ids=lambda c: c.id)
def test_every_claim_has_mechanism_evidence_grade_and_verdict(claim):
    assert claim.claim and claim.mechanism and claim.evidence and claim.why
    assert claim.grade in evidence.GRADES
    assert claim.verdict in evidence.VERDICTS
    assert _resolves(claim.source)
    card = evidence.claim_card(claim.id)
    for part in ("Mechanism:", "Evidence:", "Grade:", "Verdict:", "Sources:"):
        assert part in card


def test_the_nine_claims_of_the_issue_are_all_there():
    assert {c.id for c in evidence.claims()} == ISSUE_CLAIMS


def test_the_400_percent_figure_is_called_unverified_and_elastin_falling_is_said():
    card = evidence.claim_card("collagen")
    assert "400 %" in card and "unverified" in card
    assert "elastin fell" in card
    assert "15 years" in card  # the half-life of mature dermal collagen


def test_blackheads_have_no_evidence_and_no_studies():
    assert evidence.claim("blackheads").grade == "F"
    assert evidence.claim("blackheads").verdict == "no evidence found"
    assert evidence.studies("blackheads") == ()
    assert "No study with this as its outcome was found." in evidence.indication_text("blackheads")


@pytest.mark.parametrize("item", evidence.indications(), ids=lambda i: i.name)
def test_an_indication_is_graded_by_its_best_study(item):
    assert item.verdict in evidence.VERDICTS and _resolves(item.source)
    found = evidence.studies(item.name)
    if found:
        assert item.grade == min(s.grade for s in found)
        assert found[0].grade == item.grade  # strongest first
    else:
        assert item.grade == "F" and item.verdict == "no evidence found"


def test_derived_percentages_follow_from_the_reported_numbers():
    by_name = {s.study: s for s in evidence.studies()}
    assert by_name["Dogra 2014"].effect_pct == pytest.approx(
        -evidence.relative_change_pct(11.73, 6.5), abs=0.05)
    assert by_name["Ismail 2019"].effect_pct == pytest.approx(
        -evidence.relative_change_pct(8.61, 5.75), abs=0.05)
    assert by_name["Naspolini 2019"].effect_pct == pytest.approx(
        -evidence.relative_change_pct(8.4, 2.64), abs=0.05)
    assert by_name["Majid 2009"].effect_pct == pytest.approx(100 * 34 / 36, abs=0.05)
    assert by_name["Bandral 2019"].effect_pct == 14 + 52
    assert by_name["Lotfi 2013"].effect_pct == 20 + 70
    for study in evidence.studies():
        if study.effect_pct is not None and "[derived]" not in study.note:
            assert f"{study.effect_pct:g}" in study.effect, study.study


def test_unknown_names_list_the_valid_ones():
    with pytest.raises(ValueError, match="acne scars"):
        evidence.indication("freckles")
    with pytest.raises(ValueError, match="pen-speed"):
        evidence.claim("glow")
    with pytest.raises(ValueError, match="A, B, C, D, E, F"):
        evidence.grade_label("Z")


@pytest.mark.parametrize("before, after", [(0, 5), (math.nan, 1), (1, math.inf), (True, 1),
                                           ("10", 5)])
def test_relative_change_rejects_bad_input(before, after):
    with pytest.raises(ValueError):
        evidence.relative_change_pct(before, after)


def test_relative_change_signs():
    assert evidence.relative_change_pct(10, 5) == -50
    assert evidence.relative_change_pct(4, 5) == 25


@pytest.mark.parametrize("item", evidence.contraindications(), ids=lambda c: c.item[:30])
def test_every_contraindication_has_kind_grade_and_source(item):
    assert item.kind in evidence.CONTRAINDICATION_KINDS
    assert item.grade in evidence.GRADES and item.note and _resolves(item.source)


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


def test_aftercare_gives_a_reason_and_a_grade_and_flags_practice_advice():
    items = evidence.aftercare()
    assert len(items) >= 5
    for item in items:
        assert item.why and item.grade in evidence.GRADES and _resolves(item.source)
        # Advice with only practice behind it cites a source marked not peer-reviewed.
        if item.grade == "E":
            assert any(not citations.reference(k).peer_reviewed
                       for k in split_keys(item.source)), item.advice


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
