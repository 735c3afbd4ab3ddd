"""The machinery every explorer shares: a figure shown as an image, a text readout,
a frame cache, and a display form that still reads well without a kernel."""

from __future__ import annotations

import base64
import dataclasses
import html
import os
import traceback
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import Any

import ipywidgets as widgets
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from skinlab.data.checks import checked, choice
from skinlab.diagrams.canvas import encode_canvas_png, img_tag
from skinlab.diagrams.style import presenting
from skinlab.explorers.controls import KernelWatch, kernel_bounded

__all__ = [
    "Explorer", "enlarge_checkbox", "site_dropdown", "site_label",
]

FRAME_CACHE_SIZE = 256

# Explorers alive in this kernel, by the notebook cell that made them, with the request
# that ran the cell. Running the cell again closes its old explorers, so a Run All
# releases the previous figures and frame caches instead of adding to them.
_BY_CELL: dict[str, tuple[str, list[Explorer]]] = {}


def _running_cell() -> tuple[str, str] | None:
    """The (cell id, request id) of the cell the kernel is running, when a front end that
    sends cell ids (JupyterLab, Notebook 7, VS Code, nbclient) asked for it; else None."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None:
        return None
    parent = kernel.get_parent() or {}
    cell = (parent.get("metadata") or {}).get("cellId")
    request = (parent.get("header") or {}).get("msg_id")
    return (str(cell), str(request)) if cell and request else None


def _replace_in_cell(explorer: Explorer) -> None:
    """Close the explorers an earlier run of the running cell made; remember this one."""
    running = _running_cell()
    if running is None:
        return
    cell, request = running
    previous_request, alive = _BY_CELL.get(cell, ("", []))
    if previous_request != request:
        for old in alive:
            old.close()
        alive = []
    _BY_CELL[cell] = (request, [*alive, explorer])


@checked
def site_label(site: str) -> str:
    """Return a site name as a label: first letter capital ("Back of hand")."""
    if not site.strip():
        raise ValueError("site must name a body site, not an empty string")
    return site[0].upper() + site[1:]


@checked
def site_dropdown(site: str, sites: Sequence[str]) -> widgets.Dropdown:
    """The "Body site" drop-down every skin explorer opens with."""
    choice("site", site, sites)
    return widgets.Dropdown(options=[(site_label(s), s) for s in sites], value=site,
                            description="Body site", style={"description_width": "initial"})


@checked
def enlarge_checkbox(value: bool) -> widgets.Checkbox:
    """The switch that stretches the epidermis in a cross-section."""
    return widgets.Checkbox(value=value, description="Enlarge the epidermis", indent=False)


class Explorer:
    """Base class: subclasses set up controls and artists, then implement three hooks.

    * ``state()`` returns the control values as a small frozen dataclass (hashable, with
      named fields); by default its fields are the constructor's keyword arguments, so
      ``from_state(state)`` rebuilds an explorer showing the same thing;
    * ``compute(state)`` (optional) runs the models once for that state; ``draw`` and
      ``describe`` both read the result through ``computed(state)``;
    * ``draw(state)`` updates the painters' artists in place for that state;
    * ``describe(state)`` returns ``(alt_text, readout_text)`` in plain words.

    Optional fast path (blitting): a subclass whose slider moves only a few artists
    returns them from ``dynamic_artists()`` and, from ``background_key(state)``, the part
    of the state everything else depends on. While that key stays the same the rest of
    the figure is not drawn again: the cached background is restored and only the
    dynamic artists are drawn on it.

    The figure is rendered to PNG and shown as an ``<img>``; frames are cached per
    state, so returning to a setting costs no drawing at all.
    """

    # Class-level defaults, so a subclass may call ``computed`` before ``__init__`` here
    # has run (it builds its opening picture from the models first).
    _computed: tuple[Hashable, Any] | None = None

    def __init__(self, figure: Figure, controls: Sequence[widgets.Widget], *, name: str) -> None:
        self.name = name
        self.figure = figure
        self.controls = list(controls)
        # An <img> inside an HTML widget rather than ipywidgets.Image: it carries real alt
        # text, and Image views fail to render in JupyterLab once a tooltip is set
        # (ipywidgets 8.1), which is the only way Image could describe itself.
        self.image = widgets.HTML(layout=widgets.Layout(width="100%"))
        self._png = b""
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="3.2em"))
        self._frames: OrderedDict[Hashable, tuple[bytes, str, str]] = OrderedDict()
        self._alt = ""
        self._text = ""
        self._background: tuple[Hashable, Any] | None = None
        for control in self.controls:
            control.layout.margin = "0.2em 1.5em 0.2em 0"
            kernel_bounded(control)  # the kernel, not the page, owns bounds and options
        controls_box = widgets.HBox(self.controls, layout=widgets.Layout(flex_flow="row wrap"))
        self.watch = KernelWatch()
        self.widget = widgets.VBox(
            [controls_box, self.readout, self.watch, self.image],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("skinlab-explorer")
        for control in self.controls:
            control.observe(self._on_change, names="value")
        self.closed = False
        _replace_in_cell(self)

    def close(self) -> None:
        """Close this explorer's widgets and free its figure and caches.

        Called for you when the cell that made the explorer runs again; after it the
        explorer shows nothing and cannot be used.
        """
        if self.closed:
            return
        self.closed = True
        for control in self.controls:
            control.unobserve(self._on_change, names="value")
        # Subclasses may add panels of their own: close everything under the explorer.
        pending, seen = [self.widget, *self.controls], set()
        while pending:
            widget = pending.pop()
            if id(widget) in seen:
                continue
            seen.add(id(widget))
            pending.extend(getattr(widget, "children", ()))
            # Layouts and styles are widgets (comms) of their own.
            pending.extend(w for w in (getattr(widget, "layout", None),
                                       getattr(widget, "style", None))
                           if isinstance(w, widgets.Widget))
            widget.close()
        self._frames.clear()
        self._computed = None
        self._background = None
        self._png = b""
        self.figure.clear()

    @classmethod
    def from_state(cls, state: Any) -> Explorer:
        """A new explorer opening on ``state`` (a value ``state()`` returned)."""
        return cls(**dataclasses.asdict(state))

    # --- hooks for subclasses -------------------------------------------------------
    def state(self) -> Hashable:  # pragma: no cover - abstract
        raise NotImplementedError

    def compute(self, state: Any) -> Any:
        """Run the models for ``state``; the default has nothing to compute."""
        return None

    def computed(self, state: Hashable) -> Any:
        """Return ``compute(state)``, running it only when the state has changed."""
        if self._computed is None or self._computed[0] != state:
            self._computed = (state, self.compute(state))
        return self._computed[1]

    def draw(self, state: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def background_key(self, state: Any) -> Hashable | None:
        """What the static part of the figure depends on; None (the default) means the
        whole figure is drawn for every new state."""
        return None

    def dynamic_artists(self) -> Sequence[Artist]:
        """Artists drawn over the cached background (see ``background_key``)."""
        return ()

    def render(self, state: Any) -> bytes:
        """Return the PNG of the figure after ``draw(state)``, blitting where possible."""
        key = self.background_key(state)
        canvas = self.figure.canvas
        if key is None:
            canvas.draw()
            return encode_canvas_png(self.figure)
        dynamic = self.dynamic_artists()
        if self._background is None or self._background[0] != key:
            for artist in dynamic:
                artist.set_animated(True)  # left out of the full draw below
            canvas.draw()
            self._background = (key, canvas.copy_from_bbox(self.figure.bbox))
        else:
            canvas.restore_region(self._background[1])
        for artist in dynamic:
            self.figure.draw_artist(artist)
        return encode_canvas_png(self.figure)

    def describe(self, state: Any) -> tuple[str, str]:  # pragma: no cover - abstract
        raise NotImplementedError

    # --- machinery ----------------------------------------------------------------
    def _on_change(self, _change: dict[str, Any]) -> None:
        try:
            self.refresh()
        except Exception as err:
            self._show_failure(err)
            raise

    def _show_failure(self, err: BaseException) -> None:
        """Say in the readout that this setting could not be drawn, instead of leaving
        the last picture up as if it answered. The traceback is added on the learner's
        own machine (and for tests, ``SKINLAB_TRACEBACKS=1``), never to a lecture's
        visitors, whose page must not show the instructor's file paths."""
        message = f"This setting could not be drawn ({type(err).__name__}: {err})."
        detail = ""
        if not presenting() or os.environ.get("SKINLAB_TRACEBACKS") == "1":
            trace = "".join(traceback.format_exception(err))
            detail = (f'<details class="skinlab-error-detail"><summary>Details</summary>'
                      f'<pre>{html.escape(trace)}</pre></details>')
        self._text = message
        self.readout.value = (
            '<div role="alert" class="skinlab-readout skinlab-error" '
            'style="font-size:1.15em;line-height:1.4;white-space:pre-line">'
            f'{html.escape(message)} Move the control back, or tell your instructor.'
            f'</div>{detail}')

    def refresh(self) -> None:
        """Bring the image and the readout up to date with the controls."""
        if self.closed:
            raise RuntimeError(f"the {self.name} explorer was closed (its cell ran again): "
                               "use the new one")
        state = self.state()
        frame = self._frames.get(state)
        if frame is None:
            self.draw(state)
            alt, text = self.describe(state)
            frame = (self.render(state), alt, text)
            self._frames[state] = frame
            if len(self._frames) > FRAME_CACHE_SIZE:
                self._frames.popitem(last=False)
        else:
            self._frames.move_to_end(state)
        png, self._alt, self._text = frame
        self._png = png
        self.image.value = img_tag(png, self._alt)
        # role=status makes screen readers announce the new reading after each change.
        self.readout.value = (
            '<div role="status" aria-live="polite" class="skinlab-readout" '
            'style="font-size:1.15em;line-height:1.4;white-space:pre-line">'
            f'{html.escape(self._text)}</div>'
        )

    @property
    def alt_text(self) -> str:
        """What the figure shows now, in one sentence."""
        return self._alt

    @property
    def readout_text(self) -> str:
        """The readout as plain text."""
        return self._text

    @property
    def png(self) -> bytes:
        """The figure as currently shown, as PNG bytes."""
        return self._png

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        # The widget view shows wherever a kernel or saved widget state is present; the PNG
        # is the static fallback of the same state for GitHub, nbviewer and HTML exports;
        # the plain text is what nbval compares, so it states the opening reading.
        data = self.widget._repr_mimebundle_()
        data["text/plain"] = f"[{self.name}] {self._text}"
        data["image/png"] = base64.b64encode(self.png).decode("ascii")
        return data, {"image/png": {"alt": self._alt}}
