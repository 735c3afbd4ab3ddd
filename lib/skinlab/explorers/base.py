"""The machinery every explorer shares: a figure shown as an image, a text readout,
a frame cache, and a display form that still reads well without a kernel."""

from __future__ import annotations

import base64
import dataclasses
import html
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import Any

import ipywidgets as widgets
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from skinlab.diagrams.canvas import encode_canvas_png, img_tag

__all__ = [
    "Explorer", "enlarge_checkbox", "site_dropdown", "site_label",
]

FRAME_CACHE_SIZE = 256


def site_label(site: str) -> str:
    """Return a site name as a label: first letter capital ("Back of hand")."""
    return site[0].upper() + site[1:]


def site_dropdown(site: str, sites: Sequence[str]) -> widgets.Dropdown:
    """The "Body site" drop-down every skin explorer opens with."""
    return widgets.Dropdown(options=[(site_label(s), s) for s in sites], value=site,
                            description="Body site", style={"description_width": "initial"})


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
        controls_box = widgets.HBox(self.controls, layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox(
            [controls_box, self.readout, self.image],
            layout=widgets.Layout(width="100%"),
        )
        for control in self.controls:
            control.observe(self._on_change, names="value")

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
        self.refresh()

    def refresh(self) -> None:
        """Bring the image and the readout up to date with the controls."""
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
