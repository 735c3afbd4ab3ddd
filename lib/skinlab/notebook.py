"""Small helpers for notebook cells: show a figure with alt text, show Markdown."""

from __future__ import annotations

import base64

from matplotlib.figure import Figure

from skinlab.diagrams.canvas import img_tag, render_png


class StaticFigure:
    """A rendered figure that displays as an ``<img>`` with alt text, as a PNG (with the
    alt text in its metadata) where HTML is not trusted, and as the alt text in plain text.

    The plain-text form is what nbval compares, so it states what the figure shows.
    """

    def __init__(self, png: bytes, alt: str) -> None:
        if not alt.strip():
            raise ValueError("alt text must not be empty: screen-reader users rely on it")
        self.png = png
        self.alt = alt

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {
            "text/html": img_tag(self.png, self.alt),
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"[figure] {self.alt}",
        }
        return data, {"image/png": {"alt": self.alt}}


def show(fig: Figure, alt: str) -> StaticFigure:
    """Return ``fig`` rendered for display in a notebook, carrying ``alt`` as its alt text.

    Parameters
    ----------
    fig : Figure
        The figure to render (at its own dpi).
    alt : str
        A sentence that says what the figure shows, for screen readers and text exports.
    """
    return StaticFigure(render_png(fig), alt)
