"""The library's layers stay one-way: models draw nothing, diagrams know no widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "skinlab"
MODELS = ["anatomy", "needling", "healing", "scars", "citations", "datasets"]
FORBIDDEN = {
    "model": ("matplotlib", "ipywidgets", "IPython", "skinlab.diagrams", "skinlab.explorers"),
    "diagram": ("ipywidgets", "IPython", "skinlab.explorers"),
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules(kind: str) -> list[Path]:
    if kind == "model":
        return [p for name in MODELS for p in PACKAGE.glob(f"{name}.py")]
    return sorted((PACKAGE / "diagrams").glob("*.py"))


@pytest.mark.parametrize("kind", ["model", "diagram"])
def test_layer_imports_only_from_below(kind):
    found = modules(kind)
    assert found, f"no {kind} modules found"
    bad = {
        path.name: sorted(n for n in imports_of(path) if n.startswith(FORBIDDEN[kind]))
        for path in found
    }
    assert not {k: v for k, v in bad.items() if v}, bad


def test_importing_skinlab_pulls_in_no_plotting_or_widgets():
    import subprocess
    import sys

    code = ("import sys, skinlab, skinlab.citations; "
            "print(any(m.split('.')[0] in ('matplotlib', 'ipywidgets') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
