"""Lecture mode: every notebook through Voilà, code hidden, presenter sizes, controls live,
and no serious accessibility finding (axe-core)."""

from __future__ import annotations

import pytest

from tests.browser import harness

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
