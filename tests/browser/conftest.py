"""Fixtures for the browser tests: Chromium through Playwright, JupyterLab and Voilà.

Without Chromium the browser tests are skipped, and the run's summary says so in one line
with how to enable them; under CI (``CI`` set to anything but empty, ``0`` or ``false``) a
missing Chromium is an error, never a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tools import browser as harness

ENABLE_HINT = ("browser tests skipped: no Chromium found. Install it with "
               "`sudo apt-get install chromium` or set SKINLAB_CHROMIUM=/path/to/chromium")


def under_ci(environ: dict[str, str] | None = None) -> bool:
    """True when ``CI`` is set to anything but empty, ``0`` or ``false`` (CI services
    set ``CI=true``, ``CI=1`` or ``CI=yes``)."""
    value = (os.environ if environ is None else environ).get("CI", "").strip().lower()
    return value not in ("", "0", "false")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    browser_items = [i for i in items if here in Path(str(i.fspath)).parents]
    if not browser_items or harness.chromium_path():
        return
    if under_ci():
        raise pytest.UsageError(f"CI={os.environ['CI']} but no Chromium was found: .ci/run "
                                "installs it with apt-get; set SKINLAB_CHROMIUM if it lives "
                                "elsewhere")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=ENABLE_HINT))
    config.stash[SKIPPED] = len(browser_items)


SKIPPED = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # Shown without -rs: a green run must not hide that the browser was never opened.
    skipped = config.stash.get(SKIPPED, 0)
    if skipped:
        terminalreporter.write_sep("=", "browser tests not run", yellow=True)
        terminalreporter.write_line(f"{skipped} {ENABLE_HINT}")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=harness.chromium_path(),
                                              args=harness.CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    base = tmp_path_factory.mktemp("lab")
    with harness.jupyterlab(base, harness.prepare_notebooks(base / "notebooks")) as server:
        yield server


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("voila")
    with harness.voila(base, harness.prepare_notebooks(base / "notebooks")) as server:
        yield server
