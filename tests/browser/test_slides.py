"""Slides in Chromium with every request off this machine blocked (issue 18): a deck opens,
moves forward, and an explorer on a slide answers its slider."""

from __future__ import annotations

import re

import pytest

from tools import browser as harness

LOOPBACK = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/|^(data|blob):")


@pytest.fixture(scope="module")
def deck_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("slides")
    with harness.slides_server(base, harness.prepare_notebooks(base / "notebooks")) as server:
        yield server


def test_a_deck_runs_offline_and_its_explorer_answers(browser, deck_server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    outside: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if LOOPBACK.match(url):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    try:
        page.goto(deck_server.url("voila/render/02-needle-depth.ipynb"), timeout=180_000)
        page.wait_for_selector(".reveal.ready section.present", timeout=180_000)
        page.wait_for_function(
            f"() => document.querySelectorAll('{harness.READOUT}').length >= 2", timeout=180_000)
        size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector("
                             "'.reveal section.present .jp-RenderedHTMLCommon p')).fontSize)")
        assert size >= 28, f"prose is {size}px on a 1280 x 720 slide"
        number = ".reveal .slide-number"
        start = page.locator(number).inner_text()
        for _ in range(3):
            page.keyboard.press("Space")  # next slide, sub-slides included
            page.wait_for_timeout(300)
        assert page.locator(number).inner_text() != start, "the deck did not move forward"
        # Go on to the first slide that holds an explorer, and move its slider.
        app = page.locator(".reveal section.present:not(.stack) .skinlab-explorer")
        for _ in range(20):
            if app.count():
                break
            page.keyboard.press("Space")
            page.wait_for_timeout(300)
        app = app.first
        app.wait_for(timeout=30_000)
        change = harness.drive_one(page, app)
        assert change.image_changed and change.readout_changed, change
        assert outside == [], f"requests left the machine: {outside}"
    finally:
        context.close()
