"""Without Chromium the browser tests say so in the summary; under CI they refuse to skip
(finding 10 of issue 17: "18 skipped" and exit 0, and ``CI=1`` counted as not CI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _pytest_without_chromium(ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["SKINLAB_CHROMIUM"] = str(ROOT / "no-such-chromium")
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/browser/test_site.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("ci", [None, "", "0", "false", "FALSE"])
def test_outside_ci_the_summary_says_the_browser_tests_did_not_run(ci):
    done = _pytest_without_chromium(ci)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "browser tests not run" in done.stdout
    assert "no Chromium found" in done.stdout and "SKINLAB_CHROMIUM" in done.stdout


@pytest.mark.parametrize("ci", ["true", "1", "yes", "True"])
def test_under_ci_a_missing_chromium_is_an_error(ci):
    done = _pytest_without_chromium(ci)
    assert done.returncode != 0
    assert "no Chromium was found" in done.stdout + done.stderr
