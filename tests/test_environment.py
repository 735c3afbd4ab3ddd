"""environment.yml (conda, Binder) must ask for exactly what pyproject.toml asks for."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from PyPI names.
CONDA_NAME = {"pyyaml": "pyyaml"}
# Packages conda-forge does not carry: environment.yml installs them through pip.
PIP_ONLY = {"axe-playwright-python"}
_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _parse(requirement: str) -> tuple[str, str]:
    match = _REQ.match(requirement)
    assert match, f"cannot read requirement {requirement!r}"
    name = match.group(1).lower().replace("_", "-")
    bounds = ",".join(sorted(part.strip() for part in match.group(2).split(",") if part.strip()))
    return CONDA_NAME.get(name, name), bounds


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs.extend(extra)
    parsed = dict(_parse(r) for r in reqs)
    parsed["python"] = ",".join(sorted(project["requires-python"].split(",")))
    return parsed


def conda_requirements() -> tuple[dict[str, str], list]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.extend(dep.get("pip", []))
        elif dep.strip() != "pip":
            name, bounds = _parse(dep)
            conda[name] = bounds
    return conda, pip


def test_environment_uses_conda_forge():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]


def test_environment_installs_the_package_itself():
    _, pip = conda_requirements()
    assert pip[0] == "-e ."


def test_only_pypi_only_packages_come_through_pip():
    _, pip = conda_requirements()
    names = {_parse(p)[0] for p in pip[1:]}
    assert names == PIP_ONLY


def test_environment_matches_pyproject():
    expected = pyproject_requirements()
    conda, pip = conda_requirements()
    conda.update(_parse(p) for p in pip[1:])
    missing = sorted(set(expected) - set(conda))
    extra = sorted(set(conda) - set(expected))
    differ = {n: (expected[n], conda[n]) for n in set(expected) & set(conda)
              if expected[n] != conda[n]}
    assert not missing, f"environment.yml lacks {missing}"
    assert not extra, f"environment.yml has packages pyproject.toml does not: {extra}"
    assert not differ, f"bounds differ (pyproject, environment.yml): {differ}"


@pytest.mark.parametrize("name", ["jupyterlab", "ipywidgets", "matplotlib", "numpy", "scipy"])
def test_runtime_dependencies_have_lower_bound_and_major_cap(name):
    bounds = pyproject_requirements()[name]
    assert ">=" in bounds and "<" in bounds.replace("<=", ""), f"{name}: {bounds}"
