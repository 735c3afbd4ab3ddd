"""Session set-up for every test and for nbval's notebook kernels.

Saved progress (skinlab.course.progress) goes to throw-away folders, so no test reads or
writes a student's real progress, and the notebooks' stored outputs never depend on it:
nbval's kernels get an empty folder of their own for the session, and every test gets a
fresh one (a test that runs a checker records a result, which must not reach the start
page's progress table that nbval compares).
"""

import os
import tempfile

import pytest

os.environ["SKINLAB_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="skinlab-progress-test-")


@pytest.fixture(autouse=True)
def _progress_of_its_own(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SKINLAB_PROGRESS_DIR", str(tmp_path_factory.mktemp("progress")))
