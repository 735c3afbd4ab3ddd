"""`make site`: static pages that show every figure and answer, opened offline."""

from __future__ import annotations

import pytest

from tools import browser as harness
from tools import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build_site.build(out)
    return out


@pytest.mark.parametrize("notebook", harness.NOTEBOOKS)
def test_static_page_shows_every_figure_and_answer_offline(page, site, notebook):
    seen = harness.watch(page)
    page.goto((site / notebook.replace(".ipynb", ".html")).as_uri())
    page.wait_for_load_state("load")
    images = page.evaluate(
        "() => [...document.images].map(i => [i.complete && i.naturalWidth > 0, i.alt])")
    assert len(images) >= harness.expected_explorers(notebook)
    for loaded, alt in images:
        assert loaded, "an image did not load"
        assert alt.strip() and "No description" not in alt
    questions = page.get_by_text("Self-check.").count()
    answers = page.locator("details")
    assert answers.count() >= questions
    for k in range(answers.count()):
        answers.nth(k).locator("summary").click()
        assert answers.nth(k).inner_text().strip()
    links = page.evaluate("() => [...document.links].map(a => a.getAttribute('href'))")
    assert not [h for h in links if h and h.endswith(".ipynb")], "links to .ipynb remain"
    # axe-core, offline: the static pages are read alone, so they meet the same bar.
    assert harness.serious_accessibility_findings(page) == []
    harness.screenshot(page, f"site-{notebook.removesuffix('.ipynb')}")
    assert seen.outside_requests == []
    assert seen.console_errors == []


def test_glossary_page_opens_at_the_term_offline(page, site):
    seen = harness.watch(page)
    page.goto((site / "01-skin-layers.html").as_uri())
    page.locator('a[href="docs/glossary.html#dermis"]').first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("docs/glossary.html#dermis")
    target = page.locator("#dermis")
    assert target.count() == 1
    assert target.evaluate("el => el.getBoundingClientRect().top") < page.viewport_size["height"]
    assert harness.serious_accessibility_findings(page) == []
    assert seen.outside_requests == []
