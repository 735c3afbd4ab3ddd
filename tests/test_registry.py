"""One registry of explorers: every Explorer subclass in the package is in it, and each
entry builds, lists its controls' values and rebuilds from its own state."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import fields, is_dataclass

import pytest

import skinlab.explorers
from skinlab.explorers.base import Explorer
from skinlab.explorers.registry import REGISTRY, build, control_values, explorer_classes


def explorer_subclasses() -> set[type]:
    found = set()
    for info in pkgutil.iter_modules(skinlab.explorers.__path__):
        module = importlib.import_module(f"skinlab.explorers.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Explorer) and obj is not Explorer \
                    and obj.__module__ == module.__name__:
                found.add(obj)
    return found


def test_every_explorer_class_is_registered():
    assert explorer_subclasses() == set(explorer_classes().values())


def test_the_registry_refuses_an_unknown_name():
    with pytest.raises(ValueError, match="Valid names: skin layers"):
        build("skin")


@pytest.mark.parametrize("name", REGISTRY)
def test_states_are_named_frozen_records_that_rebuild_the_explorer(name):
    app = build(name)
    state = app.state()
    assert is_dataclass(state) and type(state).__dataclass_params__.frozen
    assert fields(state), "a state with no named fields"
    hash(state)
    again = type(app).from_state(state)
    assert again.state() == state and again.readout_text == app.readout_text


@pytest.mark.parametrize("name", REGISTRY)
def test_every_control_lists_values_it_accepts(name):
    app = build(name)
    for control in app.controls:
        values = control_values(control)
        assert len(values) >= 2, control.description
        for value in (values[0], values[-1]):
            control.value = value
            assert control.value == pytest.approx(value), control.description
