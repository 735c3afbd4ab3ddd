"""Committed notebooks were run top to bottom in a fresh kernel, and the course map is complete."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def code_cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks():
    assert any(p.name.startswith("00-") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_in_order_in_a_fresh_kernel(path):
    counts = [c["execution_count"] for c in code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; run `make notebooks`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_error_outputs(path):
    errors = [o for c in code_cells(path) for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"{path.name}: {errors[0]['ename']}: {errors[0]['evalue']}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_produced_or_was_meant_to_be_silent(path):
    # A code cell with no output is allowed only for imports and definitions.
    for cell in code_cells(path):
        if cell["outputs"]:
            continue
        lines = [ln for ln in "".join(cell["source"]).splitlines() if ln.strip()]
        assert all(ln.startswith(("import ", "from ", "#", " ", "def ", ")")) or "=" in ln
                   for ln in lines), f"{path.name}: silent cell {lines[:2]}"


def test_start_page_links_every_notebook_and_every_link_resolves():
    start = next(p for p in NOTEBOOKS if p.name.startswith("00-"))
    text = json.dumps(json.loads(start.read_text())["cells"])
    links = set(re.findall(r"\]\((\d\d-[\w-]+\.ipynb)\)", text))
    others = {p.name for p in NOTEBOOKS if p != start}
    assert links == others, f"linked {sorted(links)} but notebooks are {sorted(others)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_image_output_carries_alt_text(path):
    # Screen-reader users and text exports get the figure through its alt text.
    missing = []
    for index, cell in enumerate(code_cells(path)):
        for output in cell["outputs"]:
            if "image/png" not in output.get("data", {}):
                continue
            alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
            if len(alt.strip()) < 40:
                missing.append(index)
    assert not missing, f"{path.name}: image outputs without alt text in code cells {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_img_in_html_outputs_has_alt_text(path):
    # JupyterLab and Voilà ignore the metadata alt of image/png; the <img> form carries it.
    bare = []
    for index, cell in enumerate(code_cells(path)):
        for output in cell["outputs"]:
            page = "".join(output.get("data", {}).get("text/html", ""))
            for tag in re.findall(r"<img\b[^>]*>", page):
                alt = re.search(r'\balt="([^"]*)"', tag)
                if not alt or len(alt.group(1).strip()) < 40:
                    bare.append(index)
    assert not bare, f"{path.name}: <img> without alt text in code cells {bare}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_markdown_link_to_a_local_file_resolves(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    broken = [link for link in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text)
              if not (path.parent / link).exists()]
    assert not broken, f"{path.name}: broken links {broken}"
