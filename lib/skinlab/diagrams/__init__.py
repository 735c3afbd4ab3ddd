"""Diagrams: matplotlib painters that take an Axes, draw, and return their artists.

Painters never create figures of their own and never import ipywidgets; each comes
with an ``update_*`` function that changes its artists in place, so an explorer
redraws without building a new figure. Importing this package applies the course
style once.
"""

from skinlab import style
from skinlab.diagrams.canvas import new_figure, render_png

style.use()

__all__ = ["new_figure", "render_png"]
