"""The course in JupyterLab, in Chromium: every notebook runs, every explorer answers."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from tools import browser as harness

TEXT_ONLY = "Treated area"
PICTURE_ONLY = "Enlarge the epidermis"


@pytest.mark.parametrize("notebook", harness.NOTEBOOKS)
def test_notebook_runs_and_every_explorer_answers(page, lab, notebook):
    seen = harness.watch(page)
    harness.run_all_in_lab(page, lab, notebook)
    harness.screenshot(page, f"lab-{notebook.removesuffix('.ipynb')}")
    assert harness.error_outputs(page) == []
    apps = harness.explorers(page)
    assert len(apps) == harness.expected_explorers(notebook)
    for app in apps:
        changes = harness.drive(page, app)
        assert changes, "an explorer with no control"
        # Each control changes both, except the two made to change one only: the area
        # box feeds the readout alone, "Enlarge the epidermis" the picture alone.
        no_image = [c.control for c in changes
                    if not c.image_changed and not c.control.startswith(TEXT_ONLY)]
        no_text = [c.control for c in changes
                   if not c.readout_changed and not c.control.startswith(PICTURE_ONLY)]
        assert no_image == [] and no_text == [], (no_image, no_text)
        assert harness.frames_arrive_as_buffers(app)
        assert harness.overlay_covers_the_picture(app)
    assert seen.console_errors == []
    assert seen.outside_requests == []


def test_a_slider_is_reached_with_tab_and_moved_with_arrows(page, lab):
    harness.run_all_in_lab(page, lab, "02-needle-depth.ipynb")
    app = harness.explorers(page)[0]
    app.locator(".widget-dropdown select").first.focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('input[type=range]')"):
            break
    else:
        pytest.fail("Tab never reached a slider handle")
    before = harness.snapshot(app)
    value = page.evaluate("() => document.activeElement.value")
    # The browser's own accessible-name computation finds the slider by its label.
    named = app.get_by_role("slider", name="Needle length (mm)", exact=True)
    assert named.evaluate("h => h === document.activeElement")
    page.keyboard.press("ArrowRight")
    after = harness.wait_for_change(page, app, before, "arrow key")
    assert page.evaluate("() => document.activeElement.value") != value
    assert page.evaluate("() => document.activeElement.getAttribute('aria-valuetext')") == "0.75"
    assert after.image != before.image


BROKEN = """
from skinlab.explorers.healing import SessionPlanner


class BrokenPlanner(SessionPlanner):
    def draw(self, state):
        if state.sessions != 3:
            raise RuntimeError("deliberate fault")
        super().draw(state)


BrokenPlanner()
"""


def test_the_harness_catches_an_explorer_whose_update_raises(page, lab):
    nb = new_notebook(cells=[new_code_cell(BROKEN)],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    nbformat.write(nb, lab.root / "broken.ipynb")
    harness.run_all_in_lab(page, lab, "broken.ipynb")
    app = harness.explorers(page)[0]
    # Finding 4: the failure is reported at once, with the kernel's own traceback, not
    # as "nothing changed" after a 15 s timeout.
    with pytest.raises(AssertionError, match=r"Sessions \(keyboard\): the kernel could not "
                       r"draw this setting: This setting could not be drawn \(RuntimeError: "
                       r"deliberate fault\)") as failed:
        harness.drive(page, app)
    assert "Traceback (most recent call last)" in str(failed.value)
    assert 'raise RuntimeError("deliberate fault")' in str(failed.value)


def test_an_explorer_says_so_when_its_kernel_restarts(page, lab):
    # Finding 8: after a restart the slider moved over a dead picture, with no word.
    harness.run_all_in_lab(page, lab, "02-needle-depth.ipynb")
    app = harness.explorers(page)[0]
    assert app.locator(".skinlab-kernel-gone").count() == 0
    # Restart as a learner does: Kernel > Restart Kernel, then confirm.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-kernel'); }")
    page.locator(".jp-Dialog").get_by_role("button", name="Confirm Kernel Restart").click()
    gone = app.get_by_role("alert").filter(has_text="The kernel restarted or stopped")
    gone.wait_for(timeout=30_000)
    assert "Run this cell again" in gone.inner_text()
    assert "skinlab-explorer-stopped" in (app.get_attribute("class") or "")


def test_a_self_check_answer_survives_a_kernel_restart(page, lab):
    # Issue 19: answers are saved as they happen and shown again after a restart.
    harness.run_all_in_lab(page, lab, "02-needle-depth.ipynb")
    check = page.locator(".widget-vbox:has(> .widget-radio)").first
    check.scroll_into_view_if_needed()
    check.locator("input[type=radio]").nth(1).check()
    check.get_by_role("button", name="Check answer").click()
    check.get_by_role("status").filter(has_text=re.compile("Correct|Not quite")).wait_for(
        timeout=15_000)
    page.evaluate("() => { window.jupyterapp.commands.execute("
                  "'notebook:restart-run-all'); }")
    page.locator(".jp-Dialog").get_by_role("button", name="Confirm Kernel Restart").click()
    again = page.locator(".widget-vbox:has(> .widget-radio)").first
    again.get_by_role("status").filter(has_text="Your last answer, saved").wait_for(
        timeout=120_000)
    assert again.locator("input[type=radio]").nth(1).is_checked()
