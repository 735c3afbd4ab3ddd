"""Lecture mode: every notebook through Voilà, code hidden, presenter sizes, every control
of every explorer live, and no serious accessibility finding (axe-core)."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from tools import browser as harness

# Voilà's page template links Font Awesome from a CDN; offline, only icons are lost.
ICON_FONT = "fontawesome"


@pytest.mark.parametrize("notebook", harness.NOTEBOOKS)
def test_voila_renders_without_code_and_every_control_works(page, voila_server, notebook):
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
    # Finding 4: one control per explorer let a broken setting through. Every control
    # now moves: each slider by key and by drag, each option of each toggle and drop-down.
    for app in harness.explorers(page):
        changes = harness.drive(page, app)
        assert changes, "an explorer with no control"
        assert all(c.readout_changed or c.image_changed for c in changes), changes
        assert harness.frames_arrive_as_buffers(app)
        assert harness.overlay_covers_the_picture(app)
    if expected:
        # Presenter mode: figures are drawn larger than the 9-10 inch screen size.
        widths = page.evaluate(
            "() => [...document.querySelectorAll('.skinlab-figure-view img.skinlab-figure')]"
            ".map(i => i.naturalWidth)")
        # The widest figures are 10-11 inches at 100 dpi (1000-1100 px) normally; the
        # puncture patch alone is 5.6 inches (560 px). Presenter mode scales both up.
        assert max(widths) > 1050 and min(widths) > 1.15 * 560, widths
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


BROKEN = """
from skinlab.explorers.needling import PunctureDensityExplorer


class BrokenDensity(PunctureDensityExplorer):
    opening = None

    def draw(self, state):
        if self.opening is None:
            self.opening = state
        elif state != self.opening:
            raise ValueError("deliberate fault")
        super().draw(state)


BrokenDensity()
"""


def test_a_failing_setting_is_reported_in_voila_with_the_kernel_traceback(page, voila_server):
    nb = new_notebook(cells=[new_code_cell(BROKEN)],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    nbformat.write(nb, voila_server.root / "broken.ipynb")
    page.goto(voila_server.url("voila/render/broken.ipynb"), timeout=180_000)
    page.locator(harness.READOUT).first.wait_for(timeout=180_000)
    app = harness.explorers(page)[0]
    with pytest.raises(AssertionError, match="ValueError: deliberate fault") as failed:
        harness.drive(page, app)
    assert "Traceback (most recent call last)" in str(failed.value)
    alert = app.get_by_role("alert").filter(has_text="This setting could not be drawn")
    assert alert.count() == 1


def test_an_exercise_is_answered_without_code_in_lecture_mode(page, voila_server):
    # Issue 18: every exercise has a version without code, marked by the same checker.
    page.goto(voila_server.url("voila/render/02-needle-depth.ipynb"), timeout=180_000)
    box = page.get_by_label("Passes", exact=True)
    box.wait_for(timeout=180_000)
    check = page.get_by_role("button", name="Check answer").last
    box.fill("13")
    check.click()
    page.get_by_role("status").filter(has_text="Hint: round up, not down").wait_for(
        timeout=10_000)
    box.fill("14")
    check.click()
    page.get_by_role("status").filter(has_text="✓ Correct: 14 passes").wait_for(timeout=10_000)
