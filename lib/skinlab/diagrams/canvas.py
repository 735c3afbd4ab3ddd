"""Figures without pyplot: no global figure list, nothing shown by accident, no leaks.

Every picture the course shows is made by one builder that returns a :class:`Picture`:
the figure, its alt text (computed from the same data the figure draws), and the
painter's artists for an explorer that moves them afterwards.
"""

from __future__ import annotations

import base64
import html
import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from skinlab.data.checks import checked
from skinlab.diagrams import style

__all__ = [
    "SCREEN_DPI", "Picture", "encode_canvas_png", "encode_rgb_png", "encode_rgba_png",
    "img_tag", "new_figure",
    "one_axes_picture", "render_png",
]

# Screen figures are drawn at this resolution; figures/ uses 300 dpi.
SCREEN_DPI = 100


@dataclass(frozen=True)
class Picture:
    """A built figure with what a screen reader needs, and the painter's handles.

    Attributes
    ----------
    figure : Figure
        The drawn figure (an Agg canvas, no pyplot).
    alt : str
        One or two sentences saying what the figure shows, with its numbers.
    artists : object
        What the painter returned (``None`` for a still picture); an explorer passes it
        to the painter's ``update_*`` function.
    """

    figure: Figure
    alt: str
    artists: Any = None

    def __post_init__(self) -> None:
        if not self.alt.strip():
            raise ValueError("alt text must not be empty: screen-reader users rely on it")


@checked(width_in=(0.5, 60.0), height_in=(0.5, 60.0))
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


@checked(width_in=(0.5, 60.0), height_in=(0.5, 60.0))
def one_axes_picture(width_in: float, height_in: float, paint: Callable[[Axes], Any],
                     alt: str, *, scaled: bool = False) -> Picture:
    """A figure with one Axes drawn by ``paint`` (whose return value becomes the
    picture's ``artists``), described by ``alt``."""
    fig = new_figure(width_in, height_in, scaled=scaled)
    return Picture(fig, alt, paint(fig.add_subplot()))


@checked(dpi=(10.0, 1200.0))
def render_png(fig: Figure, dpi: float | None = None) -> bytes:
    """Render ``fig`` to PNG bytes with no timestamp or software tag (byte-stable)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi, metadata={"Software": None},
                pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


@checked
def encode_rgb_png(rgb: np.ndarray) -> bytes:
    """Encode an ``(height, width, 3)`` uint8 array as PNG: no row filter, zlib level 1.

    About twice as fast as Pillow's encoder on the course's flat-coloured diagrams, and
    the files come out no larger; the output depends on nothing but the pixels.
    """
    height, width, _ = rgb.shape
    rows = np.empty((height, width * 3 + 1), np.uint8)
    rows[:, 0] = 0  # filter type "none" for every row
    rows[:, 1:] = rgb.reshape(height, width * 3)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _chunk(b"IEND", b""))


@checked(level=(0, 9))
def encode_rgba_png(rgba: np.ndarray, level: int = 6) -> bytes:
    """Encode an ``(height, width, 4)`` uint8 array as PNG with transparency (no row
    filter, zlib ``level``). For patches that are transparent wherever nothing changed:
    the runs of zeros compress to almost nothing."""
    if rgba.ndim != 3 or rgba.shape[2] != 4 or rgba.dtype != np.uint8:
        raise ValueError(f"rgba must be a (height, width, 4) uint8 array, got "
                         f"{rgba.shape} {rgba.dtype}")
    height, width, _ = rgba.shape
    rows = np.empty((height, width * 4 + 1), np.uint8)
    rows[:, 0] = 0
    rows[:, 1:] = rgba.reshape(height, width * 4)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), level)) + _chunk(b"IEND", b""))


@checked
def encode_canvas_png(fig: Figure) -> bytes:
    """Encode what ``fig``'s canvas holds now as PNG, without drawing it again.

    For explorers that blit: after ``restore_region`` and ``draw_artist`` the canvas
    buffer is the new frame, and ``savefig`` would redraw every artist.
    """
    return encode_rgb_png(np.asarray(fig.canvas.buffer_rgba())[..., :3])


@checked
def img_tag(png: bytes, alt: str, *, css_class: str = "skinlab-figure") -> str:
    """An ``<img>`` element with the PNG inline and ``alt`` as its alt text.

    Front ends render an output's ``image/png`` without the alt text kept in its
    metadata; an ``<img>`` carries it to screen readers in JupyterLab, Voilà and HTML.
    """
    if not alt.strip():
        raise ValueError("alt must describe the picture in words; an empty alt hides it "
                         "from screen readers")
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="{css_class}" src="data:image/png;base64,{data}" '
            f'alt="{html.escape(alt, quote=True)}" style="max-width:100%;height:auto">')
