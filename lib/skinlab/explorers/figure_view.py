"""The explorers' picture: PNG frames sent as binary buffers and composited in the page.

An explorer's figure used to travel as a whole PNG, base64-encoded inside an HTML widget's
string, about 100 kB a frame. This view receives bytes (ipywidgets sends ``bytes`` traits
as binary buffers, not text) and keeps the picture in two layers:

* ``base``, a whole PNG: the figure's still background for an explorer that blits (sent
  once per background), or the whole frame otherwise. It is shown as an ``<img>`` that
  carries the alt text, so screen readers hear what they heard before;
* ``patch``, a small PNG of the region the moving artists cover, with its place ``box``
  (x, y, width, height in the figure's pixels). The view paints it over the ``<img>`` on
  a ``<canvas>`` the same size, hidden from screen readers.

``frame`` counts the frames; the view repaints when it changes and then records, on its
root element, the frame it shows (``data-frame``), a digest of what it shows
(``data-digest``) and the bytes that frame brought (``data-bytes``), so tests and the
benchmark can see a frame arrive without reading pixels.
"""

from __future__ import annotations

from collections.abc import Sequence

import anywidget
import traitlets

from skinlab.data.checks import checked

__all__ = ["FigureView"]

_ESM = """
const bytesOf = (view) => (view && view.byteLength !== undefined
  ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength) : new Uint8Array());

// A 32-bit FNV-1a digest, to tell frames apart in tests (not for security).
const fnv = (bytes, seed = 0x811c9dc5) => {
  let h = seed;
  for (let i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 16777619); }
  return h >>> 0;
};

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "skinlab-figure-view";
  const img = document.createElement("img");
  img.className = "skinlab-figure";
  const canvas = document.createElement("canvas");
  canvas.setAttribute("aria-hidden", "true");
  root.append(img, canvas);
  el.append(root);

  let shownBase = null;
  let baseDigest = 0;
  let baseUrl = null;
  let painting = 0;

  async function paint() {
    const mine = ++painting;
    const base = model.get("base");
    const patch = model.get("patch");
    const box = model.get("box");
    const [width, height] = model.get("size");
    let received = 0;
    img.alt = model.get("alt");
    if (base !== shownBase) {
      shownBase = base;
      const bytes = bytesOf(base);
      received += bytes.length;
      baseDigest = fnv(bytes);
      const url = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
      img.src = url;
      try { await img.decode(); } catch (err) { /* shown when it loads */ }
      if (baseUrl) URL.revokeObjectURL(baseUrl);
      baseUrl = url;
    }
    const patchBytes = bytesOf(patch);
    let bitmap = null;
    if (patchBytes.length) {
      received += patchBytes.length;
      bitmap = await createImageBitmap(new Blob([patchBytes], { type: "image/png" }));
    }
    if (mine !== painting) return;  // a newer frame has arrived: it paints instead
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const context = canvas.getContext("2d");
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (bitmap) context.drawImage(bitmap, box[0], box[1]);
    root.dataset.frame = String(model.get("frame"));
    root.dataset.digest = `${baseDigest.toString(16)}:${fnv(patchBytes, baseDigest)
      .toString(16)}:${box.join(",")}`;
    root.dataset.bytes = String(received);
    root.dataset.binary = String(base instanceof DataView);
    root.dispatchEvent(new CustomEvent("skinlab-frame", { bubbles: true }));
  }

  model.on("change:frame", paint);
  paint();
  return () => { if (baseUrl) URL.revokeObjectURL(baseUrl); };
}

export default { render };
"""

_CSS = """
/* The box shrinks to the picture (its natural size, or less on a narrow page), so the
   canvas laid over it always covers exactly the <img>. */
.skinlab-figure-view { position: relative; display: inline-block; max-width: 100%;
                       line-height: 0; vertical-align: top; }
.skinlab-figure-view img { display: block; max-width: 100%; height: auto; }
.skinlab-figure-view canvas { position: absolute; left: 0; top: 0; width: 100%;
                              height: 100%; pointer-events: none; }
"""


class FigureView(anywidget.AnyWidget):
    """A figure shown from binary PNG frames: a base image and a patch painted over it."""

    _esm = _ESM
    _css = _CSS
    base = traitlets.Bytes(b"").tag(sync=True)
    patch = traitlets.Bytes(b"").tag(sync=True)
    box = traitlets.List(traitlets.Int(), default_value=[0, 0, 0, 0]).tag(sync=True)
    size = traitlets.List(traitlets.Int(), default_value=[0, 0]).tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    frame = traitlets.Int(0).tag(sync=True)

    @checked
    def show(self, base: bytes, patch: bytes, box: Sequence[int], size: Sequence[int],
             alt: str) -> None:
        """Send one frame: ``base`` (unchanged bytes are not sent again) and ``patch``
        at ``box`` = (x, y, width, height) in a figure of ``size`` = (width, height)
        pixels, described by ``alt``. Everything goes in one message."""
        if not alt.strip():
            raise ValueError("alt must describe the picture in words; an empty alt hides "
                             "it from screen readers")
        if not base.startswith(b"\x89PNG") or (patch and not patch.startswith(b"\x89PNG")):
            raise ValueError("base and patch must be PNG bytes (patch may be empty)")
        if len(box) != 4 or len(size) != 2:
            raise ValueError("box is (x, y, width, height) and size (width, height)")
        with self.hold_sync():
            self.base = base
            self.patch = patch
            self.box = [int(v) for v in box]
            self.size = [int(v) for v in size]
            self.alt = alt
            self.frame += 1
