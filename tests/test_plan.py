"""The treatment-planning pipeline behind notebook 05 (issue 19), tested without widgets:
each step follows from the previous one, and a stop at screening stops the plan."""

from __future__ import annotations

import pytest

from skinlab.models import anatomy, evidence, plan


def _client(**changes) -> plan.Client:
    base = dict(name="Ana", age=35, skin_type=2, conditions=(), indication="acne scars",
                site="cheek")
    return plan.Client(**{**base, **changes})


def test_a_client_is_checked_by_name():
    with pytest.raises(ValueError, match="skin_type must be a whole number from 1 to 6"):
        _client(skin_type=7)
    with pytest.raises(ValueError, match="conditions"):
        _client(conditions=("headache",))
    with pytest.raises(ValueError, match="indication"):
        _client(indication="hair loss")
    with pytest.raises(TypeError, match="tuple"):
        _client(conditions=["acne"])


@pytest.mark.parametrize(("conditions", "skin_type", "decision"), [
    ((), 2, "go"),
    ((), 5, "go with care"),  # darker skin follows from the skin type: a precaution
    (("metal-allergy",), 2, "go with care"),
    (("anticoagulants",), 2, "stop: a clinician decides first"),
    (("infection", "anticoagulants"), 2, "stop: do not treat now"),
])
def test_screening_decides_from_the_strictest_item(conditions, skin_type, decision):
    screening = plan.screen(_client(conditions=conditions, skin_type=skin_type))
    assert screening.decision == decision
    kinds = [kind for _item, kind, _certainty, _sources in screening.reasons]
    assert kinds == sorted(kinds, key=["absolute", "relative", "precaution"].index)
    for item, _kind, certainty, sources in screening.reasons:
        assert certainty and sources, item


def test_a_stop_at_screening_stops_the_whole_plan():
    stopped = plan.plan(_client(conditions=("pregnancy",)))
    assert stopped.setting is None and stopped.response is None
    text = stopped.summary()
    assert "stops at screening" in text and "Setting:" not in text
    assert text.startswith("TEACHING EXERCISE: not a treatment plan")


def test_what_was_studied_or_that_nothing_was():
    acne = plan.studied("acne scars")
    assert acne.protocols and acne.lengths and acne.certainty == "very low"
    pores = plan.studied("enlarged pores")
    assert pores.protocols == () and "nothing the course could find" in pores.text()


def test_the_setting_warns_when_the_band_reaches_the_fat():
    eyelid = plan.setting("upper eyelid", "pen", 1.5, 1)
    assert any("may reach the fat" in w for w in eyelid.warnings)
    cheek = plan.setting("cheek", "roller", 0.5, 1)
    assert not any("fat" in w for w in cheek.warnings)
    assert cheek.reach.depth.high_mm <= anatomy.profile("cheek").dermis_bottom_mm


def test_more_passes_mean_a_larger_injury_and_the_models_follow():
    light = plan.setting("cheek", "roller", 1.0, 1)
    heavy = plan.setting("cheek", "roller", 1.0, 10)
    assert heavy.density_per_cm2 == pytest.approx(10 * light.density_per_cm2)
    assert heavy.opened_fraction > light.opened_fraction
    small = plan.skin_response(light, 3, 28)
    large = plan.skin_response(heavy, 3, 28)
    assert large.injury_scale > small.injury_scale
    assert small.accumulated_vs_one == pytest.approx(3, rel=0.02)


def test_a_full_plan_carries_every_step_and_its_sources():
    full = plan.plan(_client(), "roller", 1.5, 4, 3, 28)
    text = full.summary()
    for part in ("Screening:", "What was studied for acne scars",
                 "Setting (model): roller, 1.5 mm", "Follow-up:",
                 "What the skin does (model, not measured", "Aftercare:", "Chu 2021"):
        assert part in text, part
    assert len(full.aftercare) == len(evidence.aftercare())
    with pytest.raises(ValueError, match="interval_days must be a whole number from 7 to 84"):
        plan.plan(_client(), interval_days=3)


@pytest.mark.parametrize(("case", "right"), [
    ("Farah", plan.PlanChoice("go", "roller", 1.5, 3, 28)),
    ("Gus", plan.PlanChoice("stop: do not treat now")),
    ("Hiro", plan.PlanChoice("stop: a clinician decides first")),
])
def test_each_case_accepts_a_sound_plan(case, right):
    assert plan.case_feedback(case, right).startswith("✓")


@pytest.mark.parametrize(("case", "wrong", "step"), [
    ("Farah", plan.PlanChoice("go with care", "roller", 1.5, 3, 28), "Step 1, screening"),
    ("Gus", plan.PlanChoice("go", "roller", 1.0, 3, 28), "Step 1, screening"),
    ("Hiro", plan.PlanChoice("go", "roller", 1.5, 3, 28), "Step 1, screening"),
    ("Hiro", plan.PlanChoice("stop: a clinician decides first", "roller", 1.5, 3, 28),
     "Step 1 stops the plan"),
    ("Farah", plan.PlanChoice("go"), "give a device"),
    ("Farah", plan.PlanChoice("go", "roller", 0.5, 3, 28), "Step 2, what was studied"),
    ("Farah", plan.PlanChoice("go", "pen", 2.5, 3, 28), "Step 3, device and setting"),
    # The first warning of the planner (thin skin) is a caution; a typical tip in the fat
    # is wrong, whatever the wording of the warning.
    ("Farah", plan.PlanChoice("go", "pen", 1.75, 3, 28), "Step 3, device and setting"),
    ("Farah", plan.PlanChoice("go", "roller", 1.5, 3, 7), "Step 4, sessions"),
    ("Farah", plan.PlanChoice("go", "roller", 1.5, 3, 56), "Step 4, sessions"),
    ("Farah", plan.PlanChoice("go", "roller", 1.5, 1, 28), "Step 4, sessions"),
])
def test_each_kind_of_wrong_plan_is_named_with_its_source(case, wrong, step):
    feedback = plan.case_feedback(case, wrong)
    assert feedback.startswith("✗") and step in feedback
    if "Step 1, screening" in step and case != "Farah":
        assert "(" in feedback  # the reason carries its sources


def test_the_cases_differ_from_notebook_4s_vignettes():
    vignettes = {c.client.split(" (")[0] for c in plan.evidence.screening_cases()}
    assert not vignettes & set(plan.CASES)
    decisions = {plan.screen(plan.Client(n, *v)).decision for n, v in plan.CASES.items()}
    assert decisions == {"go", "stop: do not treat now", "stop: a clinician decides first"}


def test_studied_ranges_come_from_the_data():
    low, high, sources = plan.studied_lengths_mm("acne scars")
    assert (low, high) == (1.5, 2.5) and "Lotfi 2013" in sources
    # A review's median length is no bound on what was used.
    assert "Harris 2015" not in sources
    shortest, longest, sources = plan.studied_intervals_days("acne scars")
    assert shortest == 14 and longest == 28 and "Alam 2014" in sources
    assert plan.studied_sessions("acne scars")[:2] == (2, 6)
    for nothing in (plan.studied_lengths_mm, plan.studied_intervals_days,
                    plan.studied_sessions):
        assert nothing("enlarged pores") is None


def test_a_sound_plan_with_a_warning_passes_with_a_caution():
    feedback = plan.case_feedback("Farah", plan.PlanChoice("go", "pen", 1.5, 3, 14))
    assert feedback.startswith("✓") and "Caution (model): the deep end of the band" in feedback


def test_the_study_checks_name_what_falls_outside():
    assert plan.study_checks("acne scars", 1.5, 3, 28) == ()
    notes = plan.study_checks("acne scars", 1.0, 1, 42)
    assert [n.split(":")[0] for n in notes] == ["needle length", "sessions", "interval"]
    assert plan.study_checks("enlarged pores", 0.25, 8, 84) == ()  # nothing to compare with
    assert plan.plan(_client(), "roller", 1.0, 4, 3, 28).study_notes[0].startswith("needle")


def test_the_intake_questions_split_the_client_conditions():
    asked = [c for answers in plan.INTAKE.values() for c in answers]
    assert sorted(asked) == sorted(plan.CLIENT_CONDITIONS)


def test_the_us_grant_is_a_note_that_never_decides():
    young = plan.screen(_client(age=20))
    assert young.decision == "go" and "under 22" in young.notes[0]
    other = plan.screen(_client(indication="melasma"))
    assert "the indication (melasma) is not acne scars" in other.notes[0]
    assert plan.screen(_client()).notes == ()


def test_the_response_says_how_long_redness_lasted_and_when_to_judge():
    full = plan.plan(_client(), "roller", 1.0, 4, 3, 21)
    response = full.response
    assert response.last_session_day == 42
    assert response.judged_after_last_days == (60, 90)
    assert "Majid 2009" in response.judged_source and response.judge_from_day == 102
    low, mid, high = response.phase_change_days
    assert 0 < low < 1 < mid < high  # haemostasis for hours, then days
    text = response.text()
    assert "Redness and swelling (measured): lasted up to 7 days" in text
    assert "not before about day 102" in text and "Alam 2014" in text
    assert full.follow_up[1].startswith("Next session(s) on day 21 and 42")
    assert full.follow_up[2].startswith("Judge the result from about day 102")
    # The run is long enough to show the days on which studies judged a result.
    assert response.run.t[-1] >= response.last_session_day + 90


def test_the_brief_of_what_was_studied():
    assert plan.studied("acne scars").brief().endswith(
        "needles 1.5–2.5 mm, 2–6 sessions, 14–28 days apart.")
    assert "needles 1.5 mm," in plan.studied("melasma").brief()
    assert "nothing the course could find" in plan.studied("blackheads").brief()
