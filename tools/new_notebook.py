"""Start a new course notebook from the template: ``python -m tools.new_notebook``.

Usage: python -m tools.new_notebook notebooks/NN-slug.ipynb "Title" TOPIC

Writes a notebook with every part of the course template (CONTRIBUTING.md) in place:
title, time, prerequisite and objectives; the model behind it; a section with one
explorer call and its Think! prompts; three self-checks; misconceptions; an exercise with
its checker and folded solution; what we learned; and the Sources cell for TOPIC. Every
placeholder says TODO, and a test refuses a committed notebook that still holds one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

TOPICS = ("anatomy", "needling", "healing", "evidence", "scars")

QUIZ = '''Quiz(
    "TODO: a question on one objective",
    [
        Option("TODO: a wrong answer", why="TODO: why it is wrong"),
        Option("TODO: the right answer", correct=True, why="TODO: why it is right"),
    ],
)'''


def skeleton(number: int, title: str, topic: str) -> nbformat.NotebookNode:
    """The template notebook for notebook ``number`` called ``title`` about ``topic``."""
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; topics: {', '.join(TOPICS)}")
    before = f"{number - 1:02d}"
    cells = [
        new_markdown_cell(
            f"# {number} · {title}\n\n**Time:** about TODO minutes. **Before this:** "
            f"notebook {before}.\n\n**By the end you will be able to**\n"
            "1. TODO: an objective a self-check can test;\n2. TODO;\n3. TODO."),
        new_markdown_cell(
            "## The model behind this notebook\n\nTODO: one paragraph on the model, and a link "
            f"to **[docs/models/{topic}.md](../docs/models/{topic}.md)**."),
        new_code_cell(f"from skinlab.course.notebook import show, sources\n"
                      f"from skinlab.course.quiz import Option, Quiz\n"
                      f"from skinlab.models import {topic}"),
        new_markdown_cell("## TODO: the first idea\n\nTODO: one sentence on how to use the "
                          "explorer below."),
        new_code_cell("# TODO: one call per explorer, e.g. skin_layers_explorer()"),
        new_markdown_cell("> **Think!**\n> 1. TODO: a question about what the explorer shows."),
        new_markdown_cell("## Check yourself"),
        new_code_cell(QUIZ), new_code_cell(QUIZ), new_code_cell(QUIZ),
        new_markdown_cell("## Misconceptions to unlearn\n\n- **\"TODO\"** TODO: the evidence "
                          "against it."),
        new_markdown_cell("## Exercise: TODO\n\nTODO: what to write. Replace the `...` line, "
                          "run the cell, then run the check."),
        new_code_cell("def answer():\n    # TODO: say what to return.\n    ..."),
        new_code_cell("# TODO: from skinlab.course.exercises import check_...\n"
                      "# print(check_...(answer))"),
        new_markdown_cell("<details>\n<summary><b>Show a solution</b> (try first!)</summary>\n\n"
                          "TODO\n</details>"),
        new_markdown_cell("## What we learned\n\n- TODO"),
        new_markdown_cell("## Sources\n\nEvery number in this notebook comes from the tables in "
                          "`skinlab/data`; these are their references."),
        new_code_cell(f"sources({topic!r})"),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}})


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    path, title, topic = Path(argv[0]), argv[1], argv[2]
    match = re.fullmatch(r"(\d\d)-[\w-]+\.ipynb", path.name)
    if not match:
        print(f"name the file NN-slug.ipynb, got {path.name}", file=sys.stderr)
        return 2
    if path.exists():
        print(f"{path} exists; not overwritten", file=sys.stderr)
        return 2
    nbformat.write(skeleton(int(match.group(1)), title, topic), path)
    print(f"wrote {path}; fill in every TODO, add it to the start page and README, then "
          "run `make notebooks`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
