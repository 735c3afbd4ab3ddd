"""Lecture mode: every notebook through Voilà, code hidden, presenter sizes, controls live,
and no serious accessibility finding (axe-core)."""

from __future__ import annotations

import pytest

from tools import browser as harness

# Voilà's page template links Font Awesome from a CDN; offline, only icons are lost.
ICON_FONT = "fontawesome"


@pytest.mark.parametrize("notebook", harness.NOTEBOOKS)
def test_voila_renders_without_code_and_one_control_per_explorer_works(page, voila_server,
                                                                       notebook):
    seen = harness.watch(page)
    expected = harness.expected_explorers(notebook)
    page.goto(voila_server.url(f"voila/render/{notebook}"), timeout=180_000)
    page.wait_for_function(
        f"() => document.querySelectorAll('{harness.READOUT}').length >= {expected}",
        timeout=180_000)
    page.locator(".jp-Cell").last.wait_for()
    harness.screenshot(page, f"voila-{notebook.removesuffix('.ipynb')}")
    assert page.locator(".jp-CodeCell .cm-editor, .jp-CodeCell .CodeMirror").count() == 0
    assert harness.error_outputs(page) == []
    # axe-core, offline: no serious or critical finding in the course's own content.
    assert harness.serious_accessibility_findings(page) == []
    for app in harness.explorers(page):
        change = harness.drive_one(page, app)
        assert change.readout_changed and change.image_changed, change
    if expected:
        # Presenter mode: figures are drawn larger than the 9-10 inch screen size.
        widths = page.evaluate(
            "() => [...document.querySelectorAll('.widget-html img.skinlab-figure')]"
            ".map(i => i.naturalWidth)")
        assert min(widths) > 1050, widths
    outside = [u for u in seen.outside_requests if ICON_FONT not in u]
    assert outside == []
    errors = [e for e in seen.console_errors if "Failed to load resource" not in e]
    assert errors == []


def test_screening_exercise_answers_by_keyboard(page, voila_server):
    page.goto(voila_server.url("voila/render/04-evidence-and-safety.ipynb"), timeout=180_000)
    postpone = page.get_by_role("button", name="Postpone")
    postpone.wait_for(timeout=180_000)
    # The first client should go ahead: postponing her gets a "not" and the reason.
    postpone.focus()
    page.keyboard.press("Enter")
    feedback = page.get_by_role("status").filter(has_text="Not postpone")
    feedback.wait_for(timeout=10_000)
    assert "the course's answer is proceed" in feedback.inner_text()
    page.get_by_role("button", name="Next client").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Client 2 of 9").wait_for(timeout=10_000)
    page.get_by_role("button", name="Proceed").focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="✓ Yes, proceed").wait_for(timeout=10_000)
    page.get_by_text("Answered 2 of 9; 1 matched").wait_for(timeout=10_000)
