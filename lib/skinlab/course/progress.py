"""A student's progress, kept between sessions: self-check answers and exercise results.

Progress lives in one small JSON file under the user's Jupyter data folder
(``<jupyter data dir>/skinlab/progress.json``), never in the repository.
``SKINLAB_PROGRESS_DIR`` moves it (the tests and ``make notebooks`` point it at a
throw-away folder, so stored outputs never depend on anyone's answers).

* Writing is atomic: the new content goes to a temporary file in the same folder, is
  flushed to disk and then renamed over the old one, so a crash mid-write leaves the old
  file whole. A lock file serialises writers, so two notebooks answering at once both
  land.
* A file that is not valid progress (corrupt, truncated, someone else's) is kept aside
  under a new name and reported in one plain sentence; the course starts a fresh record
  and never crashes a notebook over it.
* In lecture mode and on slides (``SKINLAB_PRESENTER=1``) nothing is saved, and the
  self-checks say so.

Each self-check is known by a digest of its question, so the start page can count a
notebook's checks from the notebook itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from skinlab.data.checks import checked

__all__ = [
    "ENV_DIR", "SCHEMA", "enabled", "exercise_result", "last_answer", "load",
    "progress_path", "question_id", "record_answer", "record_exercise", "reset", "summary",
]

ENV_DIR = "SKINLAB_PROGRESS_DIR"
SCHEMA = "skinlab-progress/1"
# One sentence, at most once per process, when a bad file was set aside.
_reported: set[str] = set()


@checked
def enabled() -> bool:
    """False in lecture mode and on slides (shared pages keep nothing)."""
    return os.environ.get("SKINLAB_PRESENTER", "") != "1"


@checked
def progress_path() -> Path:
    """Where progress is kept: ``$SKINLAB_PROGRESS_DIR/progress.json``, else under the
    user's Jupyter data folder."""
    folder = os.environ.get(ENV_DIR)
    if folder:
        return Path(folder) / "progress.json"
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "skinlab" / "progress.json"


@checked
def question_id(question: str) -> str:
    """The id a self-check is stored under: a short digest of its question."""
    if not question.strip():
        raise ValueError("question must be the self-check's question, not empty")
    return "q-" + hashlib.sha256(question.strip().encode("utf-8")).hexdigest()[:16]


def _empty() -> dict[str, Any]:
    return {"schema": SCHEMA, "checks": {}, "exercises": {}}


def _valid(data: object) -> bool:
    return (isinstance(data, dict) and data.get("schema") == SCHEMA
            and isinstance(data.get("checks"), dict)
            and isinstance(data.get("exercises"), dict))


def _set_aside(path: Path, why: str) -> None:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    aside = path.with_name(f"progress.unreadable-{stamp}.json")
    with contextlib.suppress(OSError):
        path.replace(aside)
    message = (f"Your saved progress could not be read ({why}), so it was kept aside as "
               f"{aside.name} and a fresh record started.")
    if message not in _reported:
        _reported.add(message)
        print(message)


@checked
def load() -> dict[str, Any]:
    """The stored progress (empty when there is none, or it could not be read)."""
    path = progress_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _empty()
    except OSError as err:
        print(f"Your saved progress could not be opened ({err.strerror}); nothing is saved "
              "this session.")
        return _empty()
    try:
        data = json.loads(text)
    except ValueError:
        _set_aside(path, "the file is damaged")
        return _empty()
    if not _valid(data):
        _set_aside(path, "it is not a skinlab progress file")
        return _empty()
    return data


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name("progress.lock"), "a+b") as lock:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: atomic rename only
            yield
            return
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _write(path: Path, data: dict[str, Any]) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _update(section: str, key: str, entry: dict[str, Any]) -> bool:
    """Store ``entry`` under ``section``/``key``; False (and a sentence) if it cannot be."""
    if not enabled():
        return False
    path = progress_path()
    try:
        with _locked(path):
            data = load()
            data[section][key] = {**entry, "at": dt.datetime.now(dt.timezone.utc)
                                  .isoformat(timespec="seconds")}
            _write(path, data)
    except OSError as err:
        print(f"Your progress could not be saved ({err.strerror or err}); the course "
              "carries on without saving.")
        return False
    return True


@checked(choice=(0, 25))
def record_answer(question: str, choice: int, correct: bool) -> bool:
    """Save a self-check answer: the option chosen (0 for the first) and whether it was
    right. Returns False when nothing was saved (lecture mode, or an unwritable folder)."""
    return _update("checks", question_id(question), {"choice": int(choice),
                                                      "correct": bool(correct)})


@checked
def last_answer(question: str) -> tuple[int, bool] | None:
    """The last saved answer to ``question`` as (option, right), or None."""
    if not enabled():
        return None
    entry = load()["checks"].get(question_id(question))
    if not isinstance(entry, dict) or not isinstance(entry.get("choice"), int):
        return None
    return entry["choice"], bool(entry.get("correct"))


@checked
def record_exercise(name: str, passed: bool) -> bool:
    """Save an exercise's result (``name`` as the checker calls it)."""
    if not name.strip():
        raise ValueError("name must name the exercise, not be empty")
    return _update("exercises", name, {"passed": bool(passed)})


@checked
def exercise_result(name: str) -> bool | None:
    """Whether the exercise ``name`` was last passed (None when never checked)."""
    if not enabled():
        return None
    entry = load()["exercises"].get(name)
    return bool(entry.get("passed")) if isinstance(entry, dict) else None


@checked
def reset(confirm: bool = False) -> str:
    """Clear all saved progress, when ``confirm`` is True; otherwise say how."""
    if not confirm:
        return ("This clears every saved self-check answer and exercise result. To go "
                "ahead, run reset(confirm=True).")
    path = progress_path()
    with _locked(path):
        _write(path, _empty())
    return "Your saved progress is cleared."


@checked
def summary(notebooks: dict[str, tuple[list[str], list[str]]]
            ) -> list[tuple[str, int, int, int, int, int]]:
    """Progress per notebook, from its self-check questions and exercise names:
    ``(notebook, checks, answered, right, exercises, passed)`` for each."""
    data = load() if enabled() else _empty()
    rows = []
    for notebook, (questions, exercises) in notebooks.items():
        entries = [data["checks"].get(question_id(q)) for q in questions]
        answered = [e for e in entries if isinstance(e, dict)]
        passed = [n for n in exercises
                  if isinstance(data["exercises"].get(n), dict)
                  and data["exercises"][n].get("passed")]
        rows.append((notebook, len(questions), len(answered),
                     sum(bool(e.get("correct")) for e in answered), len(exercises),
                     len(passed)))
    return rows
