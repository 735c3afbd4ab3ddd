"""The treatment planner (notebook 05): its painters through their artists, and the
explorer through its controls. The pipeline itself is tested in test_plan.py."""

from __future__ import annotations

import pytest

from skinlab.diagrams.plan import draw_plan, plan_axes
from skinlab.explorers.plan import OWN_CLIENT, PlanState, TreatmentPlanner
from skinlab.models import plan


@pytest.fixture()
def app():
    return TreatmentPlanner()


def test_it_opens_on_a_client_who_may_go_on(app):
    assert app.state() == PlanState()
    text = app.readout_text
    assert text.startswith("Client: Ana, 35, skin type II: acne scars at the cheek.")
    for step in ("Screening:", "What was studied for acne scars:",
                 "Setting (model): roller, 1.5 mm", "What the skin does", "Judging the result"):
        assert step in text, step
    assert app.png.startswith(b"\x89PNG") and "Plan for Ana" in app.alt_text


def test_picking_a_client_fills_in_the_description_in_one_draw(app):
    drawn = []
    app.draw = lambda state, draw=app.draw: (drawn.append(state), draw(state))[1]
    app.client.value = "Ben"
    assert len(drawn) == 1  # not one per filled-in control
    age, skin_type, conditions, indication, site = plan.CLIENTS["Ben"]
    assert (app.age.value, app.skin_type.value, app.indication.value, app.site.value) == (
        age, skin_type, indication, site)
    assert app.state().conditions == conditions
    assert "stop: a clinician decides first" in app.readout_text


def test_changing_the_description_makes_it_your_own_client(app):
    app.skin_type.value = 5
    assert app.client.value == OWN_CLIENT
    assert app.readout_text.startswith("Client: Your client, 35, skin type V:")
    assert "darker skin" in app.readout_text and "go with care" in app.readout_text
    # Each intake question takes one answer; the screen sees them all.
    app.intake["medicines"].value = "isotretinoin"
    app.intake["history and health"].value = "metal-allergy"
    assert app.state().conditions == ("isotretinoin", "metal-allergy")
    assert "stop: a clinician decides first" in app.readout_text
    app.intake["skin in the area today"].value = "infection"
    assert "stop: do not treat now" in app.readout_text
    assert "The plan stops here" in app.readout_text


def test_age_brings_in_the_us_grant_without_deciding(app):
    app.age.value = 20
    assert "under 22" in app.readout_text and "FDA" in app.readout_text
    assert "nothing on the list applies" in app.readout_text


def test_every_control_changes_the_reading_and_the_picture(app):
    for control, value in [(app.client, "Chloé"), (app.age, 60), (app.skin_type, 1),
                           (app.intake["history and health"], "keloids"),
                           (app.intake["history and health"], "none"),
                           (app.indication, "stretch marks"), (app.site, "forehead"),
                           (app.device, "pen"), (app.length, 1.0), (app.passes, 8),
                           (app.sessions, 5), (app.interval, 42)]:
        before = (app.readout_text, app.png)
        control.value = value
        after = (app.readout_text, app.png)
        assert after[0] != before[0] and after[1] != before[1], control.description


def test_the_summary_to_copy_follows_the_controls(app):
    assert app.summary_text.startswith("TEACHING EXERCISE: not a treatment plan")
    assert "Follow-up:" in app.summary_text and "Aftercare:" in app.summary_text
    assert "<details" in app.summary.value and "Follow-up:" in app.summary.value
    app.interval.value = 14
    assert "Next session(s) on day 14 and 28" in app.summary_text
    app.length.value = 1.0
    assert "Outside what was studied: needle length" in app.readout_text


def test_from_state_rebuilds_the_same_picture(app):
    app.client.value = "Eva"
    app.age.value = 30
    copy = TreatmentPlanner.from_state(app.state())
    assert copy.state() == app.state() and copy.readout_text == app.readout_text
    assert copy.client.value == OWN_CLIENT


def test_bad_starts_are_refused_by_name():
    with pytest.raises(ValueError, match=r"age must be .* from 18 to 90"):
        TreatmentPlanner(age=12)
    with pytest.raises(ValueError, match="client"):
        TreatmentPlanner(client="Zed")
    with pytest.raises(ValueError, match="at most one answer"):
        TreatmentPlanner(conditions=("infection", "acne"))


def test_a_stopped_plan_hides_the_healing_panels_and_says_why():
    axes = plan_axes()
    draw_plan(axes, plan.plan(plan.client("Dev")))
    assert not axes.cells.get_visible() and not axes.repair.get_visible()
    words = " ".join(t.get_text() for t in axes.depth.texts)
    assert "The plan stops at screening" in words and "active skin infection" in words
    assert axes.figure.get_suptitle().endswith("screening: stop: do not treat now")


def test_the_milestones_mark_redness_and_the_results_window():
    axes = plan_axes()
    the_plan = plan.plan(plan.client("Ana"), sessions=3, interval_days=21)
    draw_plan(axes, the_plan)
    assert [tuple(b.get_xdata()) for b in axes.redness] == [(0, 7), (21, 28), (42, 49)]
    assert "redness lasted up to 7 days (reported)" in axes.waves.get_title("left")
    assert "60–90 days after the last session" in axes.repair.get_title("left")
    span = axes.results
    assert (span.get_x(), span.get_x() + span.get_width()) == (42 + 60, 42 + 90)
    # Drawn again for fewer sessions, the old bars go.
    draw_plan(axes, plan.plan(plan.client("Ana"), sessions=1))
    assert len(axes.redness) == 1
    assert len(axes.waves.lines) == len(set(axes.waves.lines))


def test_the_title_names_the_client_and_the_decision():
    axes = plan_axes()
    draw_plan(axes, plan.plan(plan.client("Chloé")))
    title = axes.figure.get_suptitle()
    assert title == "Plan for Chloé, 31, skin type V: melasma at the cheek\nscreening: go with care"


def test_a_change_to_the_client_alone_redraws_only_the_title(app):
    draws = []
    canvas = app.figure.canvas
    canvas.draw = lambda draw=canvas.draw: (draws.append(1), draw())[1]
    app.age.value = 50
    app.indication.value = "melasma"
    assert draws == [] and "melasma" in app.axes.title.get_text()
    app.length.value = 2.0  # the depth column changes: a full draw
    assert draws == [1]


def test_the_layout_stays_still_from_plan_to_plan(app):
    before = [ax.get_position().bounds for ax in app.figure.axes]
    app.client.value = "Dev"  # stops: the healing panels are hidden
    app.client.value = "Chloé"
    app.sessions.value = 6
    assert [ax.get_position().bounds for ax in app.figure.axes] == before
