"""Every explorer of the course, in one place.

Tests (accessibility, blitting, every reachable state), ``make bench`` and the browser
tests loop over :data:`REGISTRY`, so a new explorer is tested and measured as soon as it
is listed here; a test fails when an :class:`~skinlab.explorers.base.Explorer` subclass
in this package is missing from it.
"""

from __future__ import annotations

import importlib
from typing import Any

import ipywidgets as widgets
import numpy as np

from skinlab.data.checks import checked
from skinlab.explorers.base import Explorer
from skinlab.explorers.controls import RangeSlider

__all__ = ["REGISTRY", "build", "control_values", "explorer_class", "explorer_classes"]

# Name -> "module:Class". The order is the order of the course.
REGISTRY: dict[str, str] = {
    "skin layers": "skinlab.explorers.anatomy:SkinLayersExplorer",
    "needle depth": "skinlab.explorers.needling:NeedleDepthExplorer",
    "puncture density": "skinlab.explorers.needling:PunctureDensityExplorer",
    "healing cascade": "skinlab.explorers.healing:CascadeExplorer",
    "inflammation": "skinlab.explorers.healing:InflammationExplorer",
    "session planner": "skinlab.explorers.healing:SessionPlanner",
    "evidence": "skinlab.explorers.evidence:EvidenceExplorer",
    "treatment planner": "skinlab.explorers.plan:TreatmentPlanner",
}


@checked
def explorer_class(name: str) -> type[Explorer]:
    """The explorer class registered as ``name``."""
    if name not in REGISTRY:
        raise ValueError(f"unknown explorer {name!r}. Valid names: {', '.join(REGISTRY)}")
    module, _, cls = REGISTRY[name].partition(":")
    return getattr(importlib.import_module(module), cls)


@checked
def explorer_classes() -> dict[str, type[Explorer]]:
    """Every registered explorer class, by name."""
    return {name: explorer_class(name) for name in REGISTRY}


@checked
def build(name: str, **start: Any) -> Explorer:
    """Make the explorer registered as ``name`` (its opening state unless ``start`` says)."""
    return explorer_class(name)(**start)


@checked
def control_values(control: widgets.Widget) -> list[Any]:
    """Every value ``control`` can take: each step of a slider (the values, not a log
    slider's exponents), each option of a drop-down or toggle, both states of a check box."""
    if isinstance(control, RangeSlider):
        positions = np.arange(control.min, control.max + control.step / 2, control.step)
        positions = positions[positions <= control.max + 1e-9]
        if control.log_base:
            return [float(control.log_base ** p) for p in positions]
        if isinstance(control.value, int):
            return [int(p) for p in np.rint(positions)]
        return [round(float(p), 10) for p in positions]
    if isinstance(control, widgets.Checkbox):
        return [False, True]
    if isinstance(control, widgets.widget_selection._Selection):
        return list(control._options_values)
    raise TypeError(f"no way to list the values of {type(control).__name__}")
