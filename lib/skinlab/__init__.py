"""skinlab: the tested library behind the microneedling course.

The package is layered, one folder per layer, and each layer imports only from the
ones before it::

    data  ->  models  ->  diagrams  ->  explorers  ->  notebooks
                                   (course: quiz, exercises, notebook display, launchers)

Every layer uses the same module name for a topic: ``models/anatomy.py`` is drawn by
``diagrams/anatomy.py`` and explored by ``explorers/anatomy.py``.

Importing ``skinlab`` itself is cheap: it pulls in neither matplotlib nor ipywidgets.
"""

from __future__ import annotations

from skinlab.data.checks import checked

__all__ = ["DISCLAIMER", "__version__", "present"]

__version__ = "0.1.0"

DISCLAIMER = (
    "This course is for education only. It is not medical advice and does not "
    "train anyone to treat people."
)


@checked
def present(on: bool = True) -> None:
    """Switch presenter mode (large fonts and thick lines for a projector) on or off.

    Explorers and figures created after the call use the new size.

    Parameters
    ----------
    on : bool
        True for projector sizes, False for the normal screen sizes.
    """
    from skinlab.diagrams import style

    style.use(presenter=on)
