"""Figures without pyplot: no global figure list, nothing shown by accident, no leaks."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from skinlab import style

# Screen figures are drawn at this resolution; figures/ uses 300 dpi.
SCREEN_DPI = 100


def new_figure(width_in: float, height_in: float, *, scaled: bool = True,
               layout: str | None = "constrained") -> Figure:
    """Return a new figure with an Agg canvas, in the course style.

    Parameters
    ----------
    width_in, height_in : float
        Size in inches at normal (non-presenter) scale; both must be positive.
    scaled : bool
        Grow the figure with presenter mode so the larger text still fits.
    layout : str or None
        Matplotlib layout engine; None when the caller places the axes itself.
    """
    if not (width_in > 0 and height_in > 0):
        raise ValueError(f"figure size must be positive, got {width_in} × {height_in} in")
    factor = style.scale() ** 0.5 if scaled else 1.0
    fig = Figure(figsize=(width_in * factor, height_in * factor), dpi=SCREEN_DPI,
                 layout=layout)
    FigureCanvasAgg(fig)
    return fig


def render_png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render ``fig`` to PNG bytes with no timestamp or software tag (byte-stable)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi, metadata={"Software": None},
                pil_kwargs={"compress_level": 1})
    return buffer.getvalue()
