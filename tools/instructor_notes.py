"""Write the instructors' notes into ``docs/instructors/``: ``make docs`` runs it.

Usage: python -m tools.instructor_notes [OUT_DIR]   (default: docs/instructors)

* ``README.md``: how to use the kit, and the index;
* ``plan-<notebook>.md``: the lecture plan of each notebook (timed segments, explorer
  settings, Think! prompts, self-checks, the 30-minute cut, objectives mapped to the
  self-checks and bank questions that assess them);
* ``answers.md``: a model answer to every Think! prompt, with its numbers computed from
  the library now (so they follow the models) and its sources cited.

Kept apart from the notebooks, so students working alone do not meet the answers first.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from skinlab.course.bank import bank, notebook_objectives
from skinlab.course.instructor import Plan, answers, plans, render_answer, think_prompts
from skinlab.course.launch import COURSE_NOTEBOOKS
from skinlab.data.citations import bibliography_markdown

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
GENERATED = ("<!-- Written by tools/instructor_notes.py from lib/skinlab/course/notes/: "
             "edit those. -->")


def _title(notebook: str) -> str:
    first = (NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8")
    source = "".join(json.loads(first)["cells"][0]["source"])
    return source.splitlines()[0].lstrip("# ").strip()


def _links(text: str) -> str:
    """A notebook's relative links, rewritten for a page in docs/instructors/."""
    text = text.replace("](../docs/", "](../")
    return re.sub(r"\]\((\d\d-[\w-]+\.ipynb)", r"](../../notebooks/\1", text)


def _clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


def _settings(segment) -> str:
    if not segment.explorer:
        return ""
    values = ", ".join(f"{k} = {v}" for k, v in segment.settings)
    return f"**{segment.explorer}**" + (f" at {values}" if values else "")


def plan_markdown(plan: Plan) -> str:
    """One notebook's lecture plan as Markdown."""
    notebook = plan.notebook
    title = _title(notebook)
    prompts = {p.think_id: p for p in think_prompts(NOTEBOOKS / f"{notebook}.ipynb")}
    lines = [GENERATED, f"# Lecture plan: {title}", "",
             f"A {plan.minutes}-minute slot. Notebook: `notebooks/{notebook}.ipynb`; show it "
             "with `make present` (or `make slides`). Settings are what to open each explorer "
             "at; the Think! prompts have model answers in [answers.md](answers.md).", ""]
    objectives = notebook_objectives(notebook)
    if objectives:
        lines += ["## Objectives", ""]
        lines += [f"{n}. {text}" for n, text in enumerate(objectives, 1)]
        lines.append("")
    lines += ["## Timeline", "",
              "| # | Clock | Minutes | Section | What to do | Explorer and settings | Think! "
              "| Self-check |", "|---|---|---:|---|---|---|---|---|"]
    start = 0
    for number, seg in enumerate(plan.segments, 1):
        think = f"[{seg.think}](answers.md#{seg.think})" if seg.think else ""
        check = str(seg.selfcheck) if seg.selfcheck else ""
        lines.append(f"| {number} | {_clock(start)} | {seg.minutes} | {seg.section} | "
                     f"{seg.do} | {_settings(seg)} | {think} | {check} |")
        start += seg.minutes
    lines.append("")
    if plan.cut_for_30:
        dropped = [f"{n} ({plan.segments[n - 1].section})" for n in plan.cut_for_30]
        lines += ["## For a 30-minute slot", "",
                  f"Drop segments {', '.join(dropped)}: {plan.minutes_after_cut} minutes remain. "
                  "Set the dropped sections as reading, and their self-checks as homework.", ""]
    if objectives:
        questions = bank().get(notebook, ())
        lines += ["## What assesses each objective", "",
                  "| Objective | Self-checks in the notebook | Bank questions |",
                  "|---|---|---|"]
        for n in range(1, len(objectives) + 1):
            checks = [str(c) for c, objs in plan.selfcheck_objectives if n in objs]
            ids = [q.qid for q in questions if q.objective == n]
            lines.append(f"| {n} | {', '.join(checks) or '—'} | {', '.join(ids) or '—'} |")
        lines.append("")
    if prompts:
        lines += ["## The Think! prompts of this notebook", ""]
        for think_id, prompt in prompts.items():
            text = _links(prompt.text.removeprefix("Think!").strip().replace("\n", " "))
            lines.append(f"- [{think_id}](answers.md#{think_id}): {text}")
        lines.append("")
    return "\n".join(lines)


def answers_markdown() -> str:
    """Every Think! prompt with its model answer, by notebook."""
    written = answers()
    lines = [GENERATED, "# Model answers to the Think! prompts", "",
             "For instructors: one answer per prompt, in the order the notebooks ask them. "
             "Numbers are computed from the course's library when these notes are built, so "
             "they match what the explorers show; other figures carry their source.", ""]
    keys: set[str] = set()
    for name in COURSE_NOTEBOOKS:
        notebook = name.removesuffix(".ipynb")
        prompts = think_prompts(NOTEBOOKS / name)
        if not prompts:
            continue
        lines += [f"## {_title(notebook)}", ""]
        for prompt in prompts:
            quoted = "\n".join(f"> {line}" for line in _links(prompt.text).splitlines())
            lines += [f'<a id="{prompt.think_id}"></a>', "",
                      f"### {prompt.think_id}", "", quoted, ""]
            if prompt.think_id in written:
                lines += [render_answer(prompt.think_id), ""]
                keys.update(_keys(written[prompt.think_id].text))
            else:
                lines += ["*No model answer yet.*", ""]
    if keys:
        lines += ["## Sources", "", bibliography_markdown(sorted(keys)), ""]
    return "\n".join(lines)


def _keys(text: str) -> set[str]:
    from skinlab.course.instructor import CITATION
    from skinlab.data import split_keys

    found: set[str] = set()
    for match in CITATION.finditer(text):
        found.update(split_keys(match.group(1)))
    return found


def readme_markdown() -> str:
    lines = [GENERATED, "# Instructors' notes", "",
             "The kit for teaching the course, kept apart from the student notebooks.", "",
             "- **Lecture plans**, one per notebook, for a 50-minute slot, with the 30-minute "
             "cut and the objectives mapped to what assesses them:"]
    for notebook, plan in plans().items():
        lines.append(f"  - [{_title(notebook)}](plan-{notebook}.md) ({plan.minutes} min)")
    lines += ["- **[Model answers](answers.md)** to every Think! prompt.",
              "- **Slides:** `make slides` serves each notebook as a slide deck with live "
              "explorers, offline.",
              "- **Handouts:** `make handouts` prints each notebook, and these notes, to PDF "
              "in `build/handouts/`.",
              "- **Question bank:** `make question-bank` writes Moodle XML and Canvas QTI "
              "files into `build/question-bank/`.", "",
              "The course is education, not medical advice; so are these notes.", ""]
    return "\n".join(lines)


def write(out_dir: Path) -> list[Path]:
    """Write every note into ``out_dir``; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = {"README.md": readme_markdown(), "answers.md": answers_markdown()}
    for notebook, plan in plans().items():
        pages[f"plan-{notebook}.md"] = plan_markdown(plan)
    written = []
    for name, text in pages.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "docs" / "instructors"
    for path in write(out_dir):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
