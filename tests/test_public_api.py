"""Every module says what it offers: an ``__all__`` whose names all exist."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import skinlab


def modules() -> list[str]:
    names = ["skinlab"]
    for info in pkgutil.walk_packages(skinlab.__path__, "skinlab."):
        names.append(info.name)
    return names


@pytest.mark.parametrize("name", modules())
def test_every_module_declares_its_public_names(name):
    module = importlib.import_module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert missing == [], f"{name}.__all__ names what it lacks: {missing}"
