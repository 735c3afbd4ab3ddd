"""The library's layers stay one-way, and the folders show them.

Every module is classified by the folder it sits in; its imports (absolute and relative,
resolved against its own package) may reach only its own layer and the layers below::

    data -> models -> diagrams -> course -> explorers

Models draw nothing and know no widgets; diagrams know no widgets. ``tools/`` may use the
library but never the tests. The checker is itself tested on a planted violation.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lib" / "skinlab"
TOOLS = ROOT / "tools"

ORDER = ("data", "models", "diagrams", "course", "explorers")
# The package's own __init__ sits on top: ``skinlab.present()`` switches the diagrams' style.
TOP = "package"
FORBIDDEN_OUTSIDE: dict[str, tuple[str, ...]] = {
    "data": ("matplotlib", "ipywidgets", "IPython", "anywidget"),
    "models": ("matplotlib", "ipywidgets", "IPython", "anywidget"),
    "diagrams": ("ipywidgets", "IPython", "anywidget"),
}
# Modules that serve a layer rather than a topic (they need not exist in every layer).
INFRASTRUCTURE = {"__init__", "checks", "canvas", "style", "catalogue", "base", "controls",
                  "figure_view", "registry", "citations"}


def module_name(path: Path, root: Path, package: str) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([package, *parts])


def imports_of(path: Path, name: str) -> set[str]:
    """Every module ``path`` imports, relative imports resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if len(module.split(".")) <= 2:
                # ``from skinlab import models`` or ``from .. import explorers`` imports a
                # package's submodules: judge those, not the package.
                found.update(f"{module}.{alias.name}" for alias in node.names)
            else:
                found.add(module)
    return found


def layer_of(module: str, package: str) -> str | None:
    """The layer an internal module belongs to (None for a module outside the package)."""
    parts = module.split(".")
    if parts[0] != package:
        return None
    if len(parts) == 1:
        return TOP
    return parts[1] if parts[1] in ORDER else "unknown"


def violations(root: Path, package: str = "skinlab") -> list[str]:
    """Every import in the package under ``root`` that breaks the layer rule."""
    found = []
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root, package)
        layer = layer_of(name, package)
        if layer == "unknown":
            found.append(f"{name}: sits in no layer's folder ({', '.join(ORDER)})")
            continue
        for target in sorted(imports_of(path, name)):
            target_layer = layer_of(target, package)
            if target_layer is None:
                if target.split(".")[0] in FORBIDDEN_OUTSIDE.get(layer, ()):
                    found.append(f"{name} ({layer}) imports {target}")
                continue
            if target_layer in (TOP, "unknown"):
                if target_layer == "unknown" and len(target.split(".")) > 1 \
                        and target.split(".")[1] not in ("__version__", "DISCLAIMER"):
                    found.append(f"{name} ({layer}) imports {target}, which sits in no layer")
                continue
            if layer != TOP and ORDER.index(target_layer) > ORDER.index(layer):
                found.append(f"{name} ({layer}) imports upward: {target} ({target_layer})")
    return found


def tool_violations(folder: Path) -> list[str]:
    """Imports of the tests from ``tools/`` (a tool must stand on the library alone)."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for target in imports_of(path, f"tools.{path.stem}"):
            if target.split(".")[0] == "tests":
                found.append(f"tools/{path.relative_to(folder)} imports {target}")
        if "sys.path" in text and "tests" in text:
            found.append(f"tools/{path.relative_to(folder)} edits sys.path near the tests")
    return found


def test_every_module_sits_in_a_layer_folder_and_imports_only_from_below():
    assert violations(PACKAGE) == []


def test_tools_use_the_library_and_never_the_tests():
    assert list(TOOLS.rglob("*.py")), "no tools found"
    assert tool_violations(TOOLS) == []


def test_each_topic_has_one_name_in_every_layer():
    topics = {p.stem for p in (PACKAGE / "models").glob("*.py")} - INFRASTRUCTURE
    for layer in ("diagrams", "explorers"):
        names = {p.stem for p in (PACKAGE / layer).glob("*.py")} - INFRASTRUCTURE
        assert names <= topics, f"{layer} modules without a model of the same name: " \
                                f"{sorted(names - topics)}"


PLANTED = {
    "__init__.py": "",
    "data/__init__.py": "import csv\n",
    "models/__init__.py": "",
    "models/good.py": "from skinlab.data import csv\nfrom . import checks\n",
    "models/checks.py": "import math\n",
    "models/drawing.py": "import matplotlib.pyplot as plt\n",
    "models/sneaky.py": "from ..diagrams import anatomy\n",
    "models/sneakier.py": "from .. import explorers\n",
    "diagrams/__init__.py": "",
    "diagrams/anatomy.py": "from ..models import good\nfrom skinlab.course import quiz\n",
    "diagrams/widgets.py": "from ipywidgets import Button\n",
    "course/__init__.py": "",
    "course/quiz.py": "import ipywidgets\nfrom skinlab.diagrams import anatomy\n",
    "explorers/__init__.py": "",
    "loose.py": "import numpy\n",
}


def test_the_checker_catches_planted_violations(tmp_path):
    root = tmp_path / "skinlab"
    for name, code in PLANTED.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(code)
    found = violations(root)
    expected = [
        "skinlab.diagrams.anatomy (diagrams) imports upward: skinlab.course.quiz (course)",
        "skinlab.diagrams.widgets (diagrams) imports ipywidgets",
        "skinlab.loose: sits in no layer's folder",
        "skinlab.models.drawing (models) imports matplotlib.pyplot",
        "skinlab.models.sneakier (models) imports upward: skinlab.explorers (explorers)",
        "skinlab.models.sneaky (models) imports upward: skinlab.diagrams.anatomy (diagrams)",
    ]
    for line in expected:
        assert any(f.startswith(line) for f in found), (line, found)
    assert len(found) == len(expected), found  # nothing allowed was flagged


def test_the_tool_checker_catches_a_test_import(tmp_path):
    (tmp_path / "good.py").write_text("from skinlab.explorers import registry\n")
    (tmp_path / "bad.py").write_text("from tests.browser import harness\n")
    (tmp_path / "worse.py").write_text("import sys\nsys.path.insert(0, 'tests')\n")
    found = tool_violations(tmp_path)
    assert found == ["tools/bad.py imports tests.browser.harness",
                     "tools/worse.py edits sys.path near the tests"]


def test_importing_skinlab_pulls_in_no_plotting_or_widgets():
    code = ("import sys, skinlab, skinlab.data.citations, skinlab.models.healing, "
            "skinlab.models.evidence; print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'matplotlib', 'ipywidgets', 'IPython', 'anywidget'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("layer", ORDER)
def test_every_layer_folder_exists_and_holds_modules(layer):
    assert list((PACKAGE / layer).glob("*.py")), layer
