"""Every course notebook follows the template in CONTRIBUTING.md, so students always know
where they are; and no notebook ships a placeholder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skinlab.course.notebook import TOPICS, source_keys

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
TEACHING = [p for p in NOTEBOOKS if not p.name.startswith("00-")]

REQUIRED_HEADINGS = ("## Check yourself", "## Misconceptions to unlearn", "## Exercise",
                     "## What we learned", "## Sources")


def _text(cell: dict) -> str:
    return "".join(cell["source"])


def template_problems(nb: dict) -> list[str]:
    """What a teaching notebook lacks of the template (an empty list when nothing)."""
    cells = nb["cells"]
    markdown = [_text(c) for c in cells if c["cell_type"] == "markdown"]
    code = [_text(c) for c in cells if c["cell_type"] == "code"]
    problems = []
    first = markdown[0] if markdown else ""
    if not re.match(r"# \d+ · ", first):
        problems.append("the first cell is not a numbered title ('# N · Title')")
    for part in ("**Time:**", "**Before this:**", "By the end you will be able to"):
        if part not in first:
            problems.append(f"the first cell lacks {part}")
    if not any(m.startswith("## The model") and "docs/models/" in m for m in markdown):
        problems.append("no 'The model behind this notebook' section linking docs/models/")
    headings = [line for m in markdown for line in m.splitlines() if line.startswith("## ")]
    for heading in REQUIRED_HEADINGS:
        if not any(h.startswith(heading) for h in headings):
            problems.append(f"no {heading!r} section")
    if sum(c.lstrip().startswith("Quiz(") for c in code) < 3:
        problems.append("fewer than three self-checks (Quiz)")
    if not any("**Think!**" in m for m in markdown):
        problems.append("no Think! prompt")
    if not any(re.search(r"^\s*\.\.\.\s*$", c, re.M) for c in code):
        problems.append("no exercise stub (a `...` line)")
    if not any("<details>" in m for m in markdown):
        problems.append("no folded solution (<details>)")
    if not code or not re.fullmatch(r"sources\(.+\)", code[-1].strip()):
        problems.append("the last code cell is not the one-line Sources call")
    return problems


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_notebook_follows_the_template(path):
    assert template_problems(json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_placeholder_is_left(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    left = [i for i, c in enumerate(nb["cells"]) if "TODO" in _text(c)]
    assert left == [], f"{path.name}: TODO in cells {left}"


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_has_a_reference_list(topic):
    # scars has tables but no quoted single figures; its list must still build.
    assert source_keys(topic), f"{topic} cites nothing"
