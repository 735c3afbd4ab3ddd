"""Saved progress (issue 19): answers survive a restart, concurrent writers both land, a
damaged or foreign file is set aside with one sentence, and lecture mode saves nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from skinlab.course import progress
from skinlab.course.notebook import progress_table
from skinlab.course.quiz import Option, Quiz

QUESTION = "Which layer has no blood vessels?"
OPTIONS = [Option("The epidermis", True, "It is fed from the dermis below."),
           Option("The dermis", False, "The dermis carries the vessels.")]


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.ENV_DIR, str(tmp_path))
    monkeypatch.delenv("SKINLAB_PRESENTER", raising=False)
    return tmp_path / "progress.json"


def _in_new_process(code: str, folder: Path) -> str:
    env = dict(os.environ, **{progress.ENV_DIR: str(folder)})
    env.pop("SKINLAB_PRESENTER", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return done.stdout


def test_an_answer_survives_a_restart_and_shows_again(store):
    quiz = Quiz(QUESTION, OPTIONS)
    quiz.check(1)
    # A new kernel: a new process reads the same file and shows the last answer.
    shown = _in_new_process(
        "from skinlab.course.quiz import Option, Quiz\n"
        f"q = Quiz({QUESTION!r}, [Option('The epidermis', True, 'x'), "
        "Option('The dermis', False, 'y')])\n"
        "print(q.choices.value); print(q.feedback.value)", store.parent)
    value, feedback = shown.splitlines()[:2]
    assert value == "1" and "Your last answer, saved" in feedback and "Not quite" in feedback


def test_two_notebooks_writing_at_once_both_land(store):
    writers = [subprocess.Popen(
        [sys.executable, "-c",
         "from skinlab.course import progress\n"
         f"for i in range(40): progress.record_answer('question {who} ' + str(i), 0, True)"],
        env=dict(os.environ, **{progress.ENV_DIR: str(store.parent)}))
        for who in ("a", "b")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    checks = json.loads(store.read_text())["checks"]
    assert len(checks) == 80


def test_a_damaged_file_is_set_aside_with_one_sentence(store, capsys):
    progress.record_answer(QUESTION, 0, True)
    store.write_text(store.read_text()[:25])  # truncated mid-write by something else
    assert progress.last_answer(QUESTION) is None
    said = capsys.readouterr().out
    assert "could not be read (the file is damaged)" in said and said.count("\n") == 1
    aside = list(store.parent.glob("progress.unreadable-*.json"))
    assert len(aside) == 1 and aside[0].read_text().startswith("{")
    assert progress.record_answer(QUESTION, 0, True)
    assert progress.last_answer(QUESTION) == (0, True)


def test_a_foreign_file_is_set_aside_not_overwritten(store, capsys):
    store.write_text(json.dumps({"somebody": "else's data"}))
    assert progress.load()["checks"] == {}
    assert "not a skinlab progress file" in capsys.readouterr().out
    assert json.loads(next(store.parent.glob("progress.unreadable-*")).read_text()) == \
        {"somebody": "else's data"}


def test_a_crash_mid_write_leaves_the_old_file_whole(store, monkeypatch):
    progress.record_answer(QUESTION, 0, True)
    before = store.read_text()

    def crash(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(progress.json, "dump", crash)
    assert progress.record_answer("another question", 1, False) is False
    assert store.read_text() == before
    assert not list(store.parent.glob(".progress-*.tmp")), "a temporary file was left"


def test_lecture_mode_saves_nothing_and_says_so(store, monkeypatch):
    monkeypatch.setenv("SKINLAB_PRESENTER", "1")
    quiz = Quiz(QUESTION, OPTIONS)
    quiz.check(0)
    assert not store.exists()
    assert "not saved" in quiz.widget.children[-1].value
    assert "not saved" in repr(progress_table())


def test_reset_asks_first_then_clears(store):
    progress.record_exercise("passes-needed", True)
    assert "reset(confirm=True)" in progress.reset()
    assert progress.exercise_result("passes-needed") is True
    assert progress.reset(confirm=True) == "Your saved progress is cleared."
    assert progress.exercise_result("passes-needed") is None


def test_the_start_page_table_counts_checks_and_exercises(store):
    from skinlab.course.exercises import passes_exercise

    table = progress_table()
    assert all(answered == 0 for _nb, _c, answered, _r, _e, _p in table.rows)
    passes_exercise().check("1")  # wrong: checked, not passed
    quiz_rows = {row[0]: row for row in progress_table().rows}
    assert quiz_rows["02-needle-depth"][5] == 0
    passes_exercise().check("14")
    assert {row[0]: row for row in progress_table().rows}["02-needle-depth"][5] == 1
