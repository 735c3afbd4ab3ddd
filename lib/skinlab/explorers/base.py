"""The machinery every explorer shares: a figure shown as an image, a text readout,
a frame cache, and a display form that still reads well without a kernel."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import html
import io
import os
import traceback
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from skinlab.data.checks import checked, choice
from skinlab.diagrams.canvas import encode_canvas_png, encode_rgb_png, encode_rgba_png
from skinlab.diagrams.style import presenting
from skinlab.explorers.controls import KernelWatch, kernel_bounded
from skinlab.explorers.figure_view import FigureView

__all__ = [
    "Explorer", "enlarge_checkbox", "site_dropdown", "site_label",
]

FRAME_CACHE_SIZE = 256
# Backgrounds (whole PNGs) kept per explorer for blitted frames, by background key.
BACKGROUND_CACHE_SIZE = 16
# A patch covering more than this share of the figure is sent as a whole frame instead.
WHOLE_FRAME_SHARE = 0.9
# Pixels added around the moving artists' box, for their antialiased edges.
PATCH_MARGIN_PX = 3
# A change from the page is drawn this long after it arrives, so that changes queued
# behind it (a slider being dragged) are applied first and only the latest is drawn.
COALESCE_S = 0.004


@dataclasses.dataclass
class Frame:
    """One state's picture as the page receives it.

    ``key`` is the background key of a blitted frame (its base is that background's PNG)
    or None, when ``base`` is the whole frame. ``patch`` is the PNG of ``box`` = (x, y,
    width, height), the region of the moving artists, transparent wherever it shows the
    background unchanged; or empty. ``whole`` is the whole frame as PNG once someone
    asked for it.
    """

    key: Hashable | None
    base: bytes
    patch: bytes
    box: tuple[int, int, int, int]
    alt: str
    text: str
    whole: bytes | None = None


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None

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

    The page gets frames as binary PNG buffers (:class:`FigureView`): a blitted frame
    sends its background once per background key and then only the region of the moving
    artists; other frames are sent whole. Frames are cached per state, so returning to a
    setting costs no drawing at all. Changes from the page are coalesced: while a slider
    is dragged, the states queued behind the one being drawn are skipped and only the
    latest is drawn, always.
    """

    # Class-level defaults, so a subclass may call ``computed`` before ``__init__`` here
    # has run (it builds its opening picture from the models first).
    _computed: tuple[Hashable, Any] | None = None

    def __init__(self, figure: Figure, controls: Sequence[widgets.Widget], *, name: str) -> None:
        self.name = name
        self.figure = figure
        self.controls = list(controls)
        # Frames arrive as binary buffers and keep an <img> with real alt text (not
        # ipywidgets.Image, whose views fail to render in JupyterLab once a tooltip is set).
        self.image = FigureView(layout=widgets.Layout(width="100%"))
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="3.2em"))
        self._frames: OrderedDict[Hashable, Frame] = OrderedDict()
        self._bases: OrderedDict[Hashable, bytes] = OrderedDict()
        self._frame: Frame | None = None
        self._last_rgb: tuple[Frame, np.ndarray] | None = None
        self._alt = ""
        self._text = ""
        self._background: tuple[Hashable, Any, np.ndarray] | None = None
        self._dirty = False
        self._scheduled = False
        self._prefetching = False
        self._unprefetchable: set[Hashable] = set()
        self._unprefetchable: set[Hashable] = set()
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
        self._bases.clear()
        self._computed = None
        self._background = None
        self._frame = None
        self._last_rgb = None
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

    def prefetch_states(self) -> Sequence[Hashable]:
        """States worth drawing ahead, while the kernel is idle, so that choosing one
        costs nothing (an explorer with a few states that each redraw everything); none
        by default."""
        return ()

    def render_frame(self, state: Any, alt: str, text: str) -> Frame:
        """Draw the figure for ``state`` (after ``draw(state)``) and cut the frame the
        page needs: the moving artists' region over a cached background when the
        explorer blits, else the whole figure."""
        key = self.background_key(state)
        canvas = self.figure.canvas
        if key is None:
            canvas.draw()
            whole = encode_canvas_png(self.figure)
            return Frame(None, whole, b"", (0, 0, 0, 0), alt, text, whole)
        dynamic = self.dynamic_artists()
        if self._background is None or self._background[0] != key or key not in self._bases:
            for artist in dynamic:
                artist.set_animated(True)  # left out of the full draw below
            canvas.draw()
            background_rgb = np.asarray(canvas.buffer_rgba())[..., :3].copy()
            self._background = (key, canvas.copy_from_bbox(self.figure.bbox), background_rgb)
            self._bases[key] = encode_rgb_png(background_rgb)
            if len(self._bases) > BACKGROUND_CACHE_SIZE:
                self._bases.popitem(last=False)
        else:
            canvas.restore_region(self._background[1])
            self._bases.move_to_end(key)
        for artist in dynamic:
            self.figure.draw_artist(artist)
        rgb = np.asarray(canvas.buffer_rgba())[..., :3]
        height, width = rgb.shape[:2]
        box = self._moving_box(dynamic, width, height)
        if box is None or box[2] * box[3] > WHOLE_FRAME_SHARE * width * height:
            whole = encode_rgb_png(rgb)
            return Frame(None, whole, b"", (0, 0, 0, 0), alt, text, whole)
        x, y, w, h = box
        # Opaque only where the frame differs from the background under it: the page
        # shows the background there already, and the zeros compress to almost nothing.
        region = rgb[y:y + h, x:x + w]
        changed = np.any(region != self._background[2][y:y + h, x:x + w], axis=2)
        rgba = np.zeros((h, w, 4), np.uint8)
        rgba[changed, :3] = region[changed]
        rgba[changed, 3] = 255
        frame = Frame(key, b"", encode_rgba_png(rgba), box, alt, text)
        self._last_rgb = (frame, rgb.copy())
        return frame

    def _moving_box(self, dynamic: Sequence[Artist], width: int,
                    height: int) -> tuple[int, int, int, int] | None:
        """The pixel box (x, y from the top left, width, height) the visible moving
        artists cover, with a margin; None when none is visible."""
        renderer = self.figure.canvas.get_renderer()
        extents = []
        for artist in dynamic:
            if not artist.get_visible():
                continue
            extent = artist.get_window_extent(renderer)
            if not np.all(np.isfinite(extent.extents)) and artist.axes is not None:
                # A collection (scattered holes) reports no finite extent: it is clipped
                # to its axes, so the axes' box bounds it.
                extent = artist.axes.bbox
            if np.all(np.isfinite(extent.extents)) and extent.width >= 0:
                extents.append(extent)
        if not extents:
            return None
        x0 = max(0, int(np.floor(min(e.x0 for e in extents))) - PATCH_MARGIN_PX)
        x1 = min(width, int(np.ceil(max(e.x1 for e in extents))) + PATCH_MARGIN_PX)
        # Display coordinates run up from the bottom; image rows run down from the top.
        top = min(height, int(np.ceil(max(e.y1 for e in extents))) + PATCH_MARGIN_PX)
        bottom = max(0, int(np.floor(min(e.y0 for e in extents))) - PATCH_MARGIN_PX)
        if x1 <= x0 or top <= bottom:
            return None
        return (x0, height - top, x1 - x0, top - bottom)

    def _whole(self, frame: Frame) -> bytes:
        """The whole PNG of ``frame`` (a blitted frame is composed once, on demand)."""
        if frame.whole is None:
            if self._last_rgb is not None and self._last_rgb[0] is frame:
                frame.whole = encode_rgb_png(self._last_rgb[1])
            else:
                from PIL import Image

                picture = Image.open(io.BytesIO(self._bases[frame.key])).convert("RGB")
                patch = Image.open(io.BytesIO(frame.patch)).convert("RGBA")
                picture.paste(patch, frame.box[:2], patch)  # its alpha is the mask
                frame.whole = encode_rgb_png(np.asarray(picture))
        return frame.whole

    def describe(self, state: Any) -> tuple[str, str]:  # pragma: no cover - abstract
        raise NotImplementedError

    # --- machinery ----------------------------------------------------------------
    def _on_change(self, change: dict[str, Any]) -> None:
        self._dirty = True
        owner = change.get("owner")
        loop = _running_loop()
        # A change from the page (ipywidgets holds the property lock while it applies
        # one) waits a moment in a running kernel, so that changes queued behind it are
        # applied first and only the latest state is drawn. A change made by code, in a
        # cell or a test, is drawn at once.
        if loop is None or not getattr(owner, "_property_lock", None):
            self._flush(raise_errors=True)
        elif not self._scheduled:
            self._scheduled = True
            loop.call_later(COALESCE_S, self._flush)

    def _prefetch(self) -> None:
        """Draw one state of ``prefetch_states`` into the frame cache, then schedule the
        next; a change from the page always goes first."""
        if self.closed:
            return
        loop = _running_loop()
        if self._dirty or self._scheduled:
            if loop is not None:
                loop.call_later(0.2, self._prefetch)
            return
        shown = self.state()
        pending = [s for s in self.prefetch_states()
                   if s not in self._frames and s != shown and s not in self._unprefetchable]
        if not pending:
            self._prefetching = False
            return
        state = pending[0]
        try:
            self.draw(state)
            alt, text = self.describe(state)
            self._frames[state] = self.render_frame(state, alt, text)
        except Exception:  # a state that cannot be drawn is drawn (and reported) if chosen
            self._frames.pop(state, None)
            self._unprefetchable.add(state)
        if loop is not None:
            loop.call_later(0.05, self._prefetch)

    def _flush(self, raise_errors: bool = False) -> None:
        """Draw the latest state, if a change is waiting."""
        self._scheduled = False
        if not self._dirty or self.closed:
            return
        self._dirty = False
        try:
            self.refresh()
        except Exception as err:
            self._show_failure(err)
            if raise_errors:
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
        if frame is not None and frame.key is not None and frame.key not in self._bases:
            frame = None  # its background was dropped from the cache: draw it again
        if frame is None:
            self.draw(state)
            alt, text = self.describe(state)
            frame = self.render_frame(state, alt, text)
            self._frames[state] = frame
            if len(self._frames) > FRAME_CACHE_SIZE:
                self._frames.popitem(last=False)
        else:
            self._frames.move_to_end(state)
        self._frame = frame
        self._alt, self._text = frame.alt, frame.text
        loop = _running_loop()
        if not self._prefetching and loop is not None and self.prefetch_states():
            self._prefetching = True
            loop.call_later(0.5, self._prefetch)
        width, height = self.figure.canvas.get_width_height()
        if frame.key is not None:
            self._bases.move_to_end(frame.key)  # the background on show stays cached
        base = frame.base if frame.key is None else self._bases[frame.key]
        self.image.show(base, frame.patch, frame.box, (width, height), frame.alt)
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
        """The figure as currently shown, as one whole PNG."""
        return self._whole(self._frame) if self._frame is not None else b""

    @property
    def frame(self) -> Frame | None:
        """The frame the page shows now (what was sent, before composing)."""
        return self._frame

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        # The widget view shows wherever a kernel or saved widget state is present; the PNG
        # is the static fallback of the same state for GitHub, nbviewer and HTML exports;
        # the plain text is what nbval compares, so it states the opening reading.
        data = self.widget._repr_mimebundle_()
        data["text/plain"] = f"[{self.name}] {self._text}"
        data["image/png"] = base64.b64encode(self.png).decode("ascii")
        return data, {"image/png": {"alt": self._alt}}
