"""The instructors' kit (issue 18): a model answer for every Think! prompt, lecture plans
that name only what the notebooks contain, and notes that are up to date."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skinlab.course import instructor
from skinlab.course.bank import bank, notebook_objectives
from skinlab.course.launch import COURSE_NOTEBOOKS
from skinlab.explorers.registry import REGISTRY, build
from tools import instructor_notes

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = [ROOT / "notebooks" / name for name in COURSE_NOTEBOOKS]
PROMPTS = [p for path in NOTEBOOKS for p in instructor.think_prompts(path)]


def _cells(notebook: str) -> list[dict]:
    return json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text())["cells"]


def _headings(notebook: str) -> set[str]:
    found = set()
    for cell in _cells(notebook):
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if re.match(r"#{1,3} ", line):
                    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line.lstrip("# ").strip())
                    found.add(text)
    return found


def _selfchecks(notebook: str) -> int:
    return sum("".join(c["source"]).lstrip().startswith("Quiz(") for c in _cells(notebook))


def test_every_think_prompt_has_an_id_and_a_model_answer():
    assert len(PROMPTS) >= 15
    ids = [p.think_id for p in PROMPTS]
    assert len(ids) == len(set(ids)), "a Think! id is used twice"
    answers = instructor.answers()
    missing = [i for i in ids if i not in answers]
    assert missing == [], f"Think! prompts without a model answer: {missing}"
    stale = [i for i in answers if i not in ids]
    assert stale == [], f"answers to prompts no notebook asks: {stale}"
    for prompt in PROMPTS:
        assert answers[prompt.think_id].notebook == prompt.notebook


@pytest.mark.parametrize("prompt", PROMPTS, ids=lambda p: p.think_id)
def test_each_answer_computes_its_numbers_or_cites_them(prompt):
    answer = instructor.answers()[prompt.think_id]
    rendered = instructor.render_answer(prompt.think_id)
    assert "{{" not in rendered and "[@" not in rendered
    assert instructor.unsourced_numbers(answer.text, prompt.text) == []
    numbered = re.findall(r"^(\d+)\.", prompt.text, re.M)
    if numbered:  # every sub-question answered, in order
        assert re.findall(r"^(\d+)\.", answer.text, re.M) == numbered


def test_an_unsourced_number_is_found():
    text = "The dermis is 1.8 mm thick here. It was measured twice [@lee2002]."
    assert instructor.unsourced_numbers(text, "How thick is it?") == [
        "1.8 in: The dermis is 1.8 mm thick here."]
    assert instructor.unsourced_numbers("About {{ mm(1.8) }} deep.", "") == []
    assert instructor.unsourced_numbers("As notebook 3 shows, 2 mm.", "Why 2 mm?") == []


def test_every_course_notebook_has_a_plan():
    assert sorted(instructor.plans()) == sorted(n.removesuffix(".ipynb") for n in COURSE_NOTEBOOKS)


@pytest.mark.parametrize("notebook", sorted(instructor.plans()))
def test_a_plan_names_only_what_its_notebook_contains(notebook):
    plan = instructor.plans()[notebook]
    assert sum(s.minutes for s in plan.segments) == plan.minutes
    if plan.minutes == 50:
        assert plan.minutes_after_cut <= 30, "the 30-minute cut leaves too much"
    assert all(1 <= n <= len(plan.segments) for n in plan.cut_for_30)
    headings = _headings(notebook)
    path = ROOT / "notebooks" / f"{notebook}.ipynb"
    thinks = {p.think_id for p in instructor.think_prompts(path)}
    checks = _selfchecks(notebook)
    outputs = json.dumps(_cells(notebook))
    for seg in plan.segments:
        assert seg.section in headings, f"no section {seg.section!r} in {notebook}"
        if seg.think:
            assert seg.think in thinks, f"{seg.think} is not a Think! of {notebook}"
        if seg.selfcheck:
            assert 1 <= seg.selfcheck <= checks
        if seg.explorer:
            assert seg.explorer in REGISTRY
            explorer = build(seg.explorer, **dict(seg.settings))  # the settings are valid
            assert f"[{explorer.name}]" in outputs, f"{seg.explorer} is not in {notebook}"
    objectives = notebook_objectives(notebook)
    for check, objs in plan.selfcheck_objectives:
        assert 1 <= check <= checks and all(1 <= o <= len(objectives) for o in objs)
    assessed = {o for _, objs in plan.selfcheck_objectives for o in objs}
    assessed |= {q.objective for q in bank().get(notebook, ())}
    unassessed = [n for n in range(1, len(objectives) + 1) if n not in assessed]
    assert unassessed == [], f"objectives nothing assesses: {unassessed}"


def test_the_notes_in_docs_are_up_to_date(tmp_path):
    for path in instructor_notes.write(tmp_path):
        committed = ROOT / "docs" / "instructors" / path.name
        assert committed.is_file() and committed.read_text(encoding="utf-8") == \
            path.read_text(encoding="utf-8"), f"{committed} is stale; run `make docs`"
