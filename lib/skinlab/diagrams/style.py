"""The course's look: one palette and one matplotlib style, set once.

The layer colours were chosen so that every pair stays apart (CAM02-UCS distance
of 13 or more) for normal vision and under full deuteranopia, protanopia and
tritanopia; ``tests/test_style.py`` re-checks this with colorspacious. Layers also
carry a hatch so that no meaning rests on colour alone.
"""

from __future__ import annotations

import os
from typing import Any

import matplotlib as mpl
from cycler import cycler

from skinlab.data.checks import checked

__all__ = [
    "HATCH_COLOUR", "HIGHLIGHT", "INK", "LAYER_COLOURS", "LAYER_HATCHES", "OKABE_ITO",
    "PRESENTER_ENV", "PRESENTER_SCALE", "presenting", "rc", "scale", "use",
]

# Okabe & Ito (2008), "Color Universal Design": eight colours safe for colour-vision deficiency.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

LAYER_COLOURS: dict[str, str] = {
    "stratum corneum": "#EDE8E0",
    "viable epidermis": "#C67B53",
    "papillary dermis": "#F294AA",
    "reticular dermis": "#A23159",
    "hypodermis": "#F6D344",
}

LAYER_HATCHES: dict[str, str] = {
    "stratum corneum": "----",
    "viable epidermis": "....",
    "papillary dermis": "",
    "reticular dermis": "////",
    "hypodermis": "oo",
}

# Hatch lines: one colour for every hatch. Patches that want hatching but no outline give it
# as their edge colour with a zero line width, because matplotlib before 3.11 draws hatches
# in the edge colour (and draws none on a patch whose edge is "none").
HATCH_COLOUR = "#00000055"

# The colour an explorer uses to pick out "the thing you are asking about".
HIGHLIGHT = OKABE_ITO["blue"]
INK = "#222222"

PRESENTER_SCALE = 1.5

_BASE_RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: identical on every machine
    "font.size": 12.0,
    "axes.titlesize": 13.0,
    "axes.labelsize": 12.0,
    "xtick.labelsize": 11.0,
    "ytick.labelsize": 11.0,
    "legend.fontsize": 11.0,
    "lines.linewidth": 2.0,
    "axes.linewidth": 1.0,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(
        color=[OKABE_ITO[k] for k in ("blue", "vermillion", "bluish green", "orange",
                                      "reddish purple", "sky blue", "black")]
    ),
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "hatch.linewidth": 0.8,
    "hatch.color": HATCH_COLOUR,
    "svg.hashsalt": "skinlab",  # fixed ids in SVG output: figures/ stays byte-identical
    "svg.fonttype": "path",
}

_SCALED_KEYS = (
    "font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize",
    "ytick.labelsize", "legend.fontsize", "lines.linewidth", "axes.linewidth",
)

# `make present` starts Voilà with SKINLAB_PRESENTER=1, so every kernel it starts opens in
# presenter mode without a line of code in the notebooks.
PRESENTER_ENV = "SKINLAB_PRESENTER"
_presenting = os.environ.get(PRESENTER_ENV, "") == "1"


@checked
def rc(presenter: bool = False) -> dict[str, Any]:
    """Return the course's rcParams, scaled up for a projector when ``presenter`` is True."""
    params = dict(_BASE_RC)
    if presenter:
        for key in _SCALED_KEYS:
            params[key] = _BASE_RC[key] * PRESENTER_SCALE
    return params


@checked
def use(presenter: bool | None = None) -> None:
    """Apply the course style to matplotlib.

    Parameters
    ----------
    presenter : bool or None
        True or False switches presenter mode; None keeps the current mode.
    """
    global _presenting
    if presenter is not None:
        _presenting = bool(presenter)
    mpl.rcParams.update(rc(_presenting))


@checked
def presenting() -> bool:
    """Return True while presenter mode is on."""
    return _presenting


@checked
def scale() -> float:
    """Return the size factor for figures: 1 normally, larger in presenter mode."""
    return PRESENTER_SCALE if _presenting else 1.0
