"""Diagrams: matplotlib painters, and one builder per picture.

Painters (``draw_*``) take an Axes and the data to draw, draw it and return their
artists; each has an ``update_*`` function that moves those artists in place, so an
explorer never builds a new figure when a control changes. Painters ask no model
anything: whatever they draw arrives as an argument.

Builders (``*_figure``) are the one home of each picture: they ask the models for the
data, make the figure, call the painters, and return a :class:`Picture` with the alt
text computed from the same data. ``make figures``, the notebooks and the explorers'
opening images all use them; :mod:`skinlab.diagrams.catalogue` lists the ones written to
``figures/``.

Nothing here imports ipywidgets. Importing this package applies the course style once.
"""

from skinlab.diagrams import style
from skinlab.diagrams.canvas import Picture, new_figure, render_png

style.use()

__all__ = ["Picture", "new_figure", "render_png"]
