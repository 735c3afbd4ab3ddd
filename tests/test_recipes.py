"""CONTRIBUTING's three recipes, each followed once: add a body site (a data change only),
add an explorer (the registry picks it up), add a notebook (from the template)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import pytest

from skinlab.data import DATA_DIR

ROOT = Path(__file__).resolve().parents[1]

SCALP_ROWS = """\
scalp,hairy,stratum corneum,11.0,14.1,18.3,OCT and biopsy,no,yes,borrowed,tsugita2013
scalp,hairy,epidermis,40,60,80,histology,yes,yes,a test row,lee2002
scalp,hairy,dermis,1000,1500,2000,histology,yes,yes,a test row,lee2002
"""

PROBE = """
from skinlab.models import anatomy, needling
from skinlab.explorers.anatomy import SkinLayersExplorer
from skinlab.explorers.needling import NeedleDepthExplorer
print(anatomy.sites()[-1])
print(round(anatomy.profile("scalp").dermis_bottom_mm, 3))
print(needling.reach("scalp", "pen", 1.5).layer)
print("scalp" in [value for _label, value in SkinLayersExplorer().site.options])
print("scalp" in [value for _label, value in NeedleDepthExplorer().site.options])
"""


def test_a_site_is_added_by_adding_its_rows_to_the_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with (data / "layer_thickness.csv").open("a", encoding="utf-8") as table:
        table.write(SCALP_ROWS)
    env = dict(os.environ, SKINLAB_DATA_DIR=str(data), MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True, cwd=tmp_path)
    assert out.stdout.split("\n")[:5] == ["scalp", "1.56", "reticular dermis", "True", "True"]


def test_without_the_rows_there_is_no_such_site():
    from skinlab.models import anatomy

    with pytest.raises(ValueError, match="Valid sites"):
        anatomy.profile("scalp")


# --- add an explorer ---------------------------------------------------------------------
def test_a_new_explorer_is_covered_once_registered(monkeypatch):
    from skinlab.diagrams.anatomy import cross_section_figure, update_cross_section
    from skinlab.explorers import registry
    from skinlab.explorers.base import Explorer
    from skinlab.explorers.controls import int_slider
    from skinlab.models import anatomy

    @dataclass(frozen=True)
    class DepthState:
        depth_um: int = 200

    class DepthOnlyExplorer(Explorer):  # the recipe: state, controls, picture, hooks
        def __init__(self, depth_um: int = DepthState.depth_um) -> None:
            self.depth = int_slider(value=depth_um, min=0, max=2000, step=100,
                                    description="Depth (µm)")
            picture = cross_section_figure("cheek", probe_mm=depth_um / 1000, scaled=True)
            self.section = picture.artists
            super().__init__(picture.figure, [self.depth], name="depth-only explorer")
            self.refresh()

        def state(self) -> DepthState:
            return DepthState(int(self.depth.value))

        def draw(self, state: DepthState) -> None:
            update_cross_section(self.section, anatomy.profile("cheek"),
                                 anatomy.structures("cheek"), probe_mm=state.depth_um / 1000)

        def describe(self, state: DepthState) -> tuple[str, str]:
            layer = anatomy.layer_at("cheek", state.depth_um / 1000)
            return f"Cheek section with a probe at {state.depth_um} µm.", f"In the {layer}."

    module = type(sys)("skinlab.explorers.depth_only")
    module.DepthOnlyExplorer = DepthOnlyExplorer
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(registry.REGISTRY, "depth only",
                        "skinlab.explorers.depth_only:DepthOnlyExplorer")
    app = registry.build("depth only")
    values = registry.control_values(app.depth)
    assert values[0] == 0 and values[-1] == 2000
    app.depth.value = 500
    assert app.readout_text == "In the reticular dermis."
    assert type(app).from_state(app.state()).readout_text == app.readout_text
    assert isinstance(app.widget, widgets.VBox)


# --- add a notebook ------------------------------------------------------------------------
def test_a_new_notebook_from_the_template_passes_the_template_checks(tmp_path):
    from tests.test_notebook_template import template_problems

    target = tmp_path / "06-scalp.ipynb"
    subprocess.run([sys.executable, "-m", "tools.new_notebook", str(target),
                    "Scalp and hair", "anatomy"], check=True, cwd=ROOT)
    nb = json.loads(target.read_text(encoding="utf-8"))
    assert template_problems(nb) == []
    assert nb["cells"][0]["source"][0].startswith("# 6 · Scalp and hair")
