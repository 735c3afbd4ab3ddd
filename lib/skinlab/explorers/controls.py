"""A slider with an accessible name: a native ``<input type="range">`` and its ``<label>``.

ipywidgets 8 draws sliders with noUiSlider, whose handle (``role="slider"``) has no
accessible name and no way to give it one from Python, so screen readers announce a bare
number. This control is a plain range input, named by a real ``<label>``: keyboard, screen
readers and axe-core treat it like any form field. The value a screen reader announces
(``aria-valuetext``) is the formatted value, also on the log-scale slider, whose input
position is the exponent.

The Python side mirrors the parts of ``ipywidgets.IntSlider`` / ``FloatSlider`` /
``FloatLogSlider`` the explorers use: ``value``, ``min``, ``max``, ``step``,
``description``, ``continuous_update``, ``layout`` and ``observe``.
"""

from __future__ import annotations

import math
import re
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

__all__ = [
    "IntRangeSlider", "RangeSlider", "float_slider", "int_slider", "log_slider",
]

_ESM = """
function render({ model, el }) {
  // The input sits inside its <label>: that names it without ids, which could repeat
  // when several sliders share one page.
  const box = document.createElement("label");
  box.className = "skinlab-range";
  // JupyterLab would take the arrow keys as notebook shortcuts; keep them for the slider
  // (Lumino skips shortcuts inside this attribute; ipywidgets' own inputs stop the event).
  box.setAttribute("data-lm-suppress-shortcuts", "true");
  const label = document.createElement("span");
  label.className = "skinlab-range-label";
  const input = document.createElement("input");
  input.type = "range";
  const output = document.createElement("output");
  output.setAttribute("aria-hidden", "true");  // the input announces its own value
  box.append(label, input, output);
  el.append(box);

  const base = () => model.get("log_base");
  const toPosition = (v) => (base() ? Math.log(v) / Math.log(base()) : v);
  const fromPosition = (p) => (base() ? Math.pow(base(), p) : p);
  const format = (v) => {
    const digits = model.get("readout_digits");
    return base() ? String(Number(v.toPrecision(digits))) : v.toFixed(digits);
  };
  const show = (v) => {
    const text = format(v);
    output.textContent = text;
    input.setAttribute("aria-valuetext", text);
  };
  const sync = () => {
    label.textContent = model.get("description");
    input.min = model.get("min");
    input.max = model.get("max");
    input.step = model.get("step");
    input.value = toPosition(model.get("value"));
    input.disabled = model.get("disabled");
    show(model.get("value"));
  };
  const send = () => {
    model.set("value", fromPosition(Number(input.value)));
    model.save_changes();
  };
  input.addEventListener("input", () => {
    show(fromPosition(Number(input.value)));
    if (model.get("continuous_update")) send();
  });
  input.addEventListener("change", send);
  input.addEventListener("keydown", (event) => event.stopPropagation());
  for (const name of ["value", "min", "max", "step", "description", "disabled"]) {
    model.on(`change:${name}`, sync);
  }
  sync();
}

export default { render };
"""

_CSS = """
.skinlab-range { display: flex; align-items: center; gap: 0.6em; width: 100%; }
.skinlab-range-label { white-space: nowrap; }
.skinlab-range input[type="range"] { flex: 1 1 auto; min-width: 6em; }
.skinlab-range output { min-width: 3.5em; font-variant-numeric: tabular-nums; }
"""


class RangeSlider(anywidget.AnyWidget):
    """A labelled range input over decimals; :class:`IntRangeSlider` is the whole-number
    kind. Make them with :func:`int_slider`, :func:`float_slider` or :func:`log_slider`."""

    _esm = _ESM
    _css = _CSS
    value = traitlets.CFloat(0.0).tag(sync=True)
    min = traitlets.CFloat(0.0).tag(sync=True)
    max = traitlets.CFloat(100.0).tag(sync=True)
    step = traitlets.CFloat(1.0).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    continuous_update = traitlets.Bool(True).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    # 0: a linear slider; otherwise the input's position is log_base-exponent of the value.
    log_base = traitlets.CFloat(0.0).tag(sync=True)
    # Decimals shown (linear) or significant digits (log).
    readout_digits = traitlets.Int(0).tag(sync=True)

    @traitlets.validate("value")
    def _clamp(self, proposal: dict[str, Any]) -> float:
        value = proposal["value"]
        if not math.isfinite(value):
            raise traitlets.TraitError(f"{self.description}: value must be a number")
        low, high = self.value_range
        return type(value)(min(max(value, low), high))

    @property
    def value_range(self) -> tuple[float, float]:
        """The smallest and largest value (for a log slider, not the exponents)."""
        if self.log_base:
            return self.log_base ** self.min, self.log_base ** self.max
        return self.min, self.max


class IntRangeSlider(RangeSlider):
    """A labelled range input over whole numbers."""

    value = traitlets.CInt(0).tag(sync=True)
    min = traitlets.CInt(0).tag(sync=True)
    max = traitlets.CInt(100).tag(sync=True)
    step = traitlets.CInt(1).tag(sync=True)


def _digits(readout_format: str | None, step: float) -> int:
    match = re.fullmatch(r"\.(\d+)[fg]", readout_format or "")
    if match:
        return int(match.group(1))
    return max(0, -math.floor(math.log10(step))) if 0 < step < 1 else 0


def _make(value: float, min: float, max: float, step: float, description: str, *,
          integer: bool, log_base: float = 0.0, readout_format: str | None = None,
          layout: widgets.Layout | None = None, continuous_update: bool = True) -> RangeSlider:
    if not min < max or step <= 0:
        raise ValueError(f"{description}: need min < max and step > 0, got {min}, {max}, {step}")
    kind = IntRangeSlider if integer else RangeSlider
    slider = kind(min=min, max=max, step=step, description=description, log_base=log_base,
                  readout_digits=_digits(readout_format, step) if not log_base else 3,
                  continuous_update=continuous_update,
                  layout=layout or widgets.Layout(width="26em"))
    slider.value = value  # after the range is known, so it is clamped against it
    return slider


def int_slider(*, value: int, min: int, max: int, description: str, step: int = 1,
               **options: Any) -> RangeSlider:
    """A slider over whole numbers, called like ``ipywidgets.IntSlider``."""
    return _make(value, min, max, step, description, integer=True, **options)


def float_slider(*, value: float, min: float, max: float, step: float, description: str,
                 **options: Any) -> RangeSlider:
    """A slider over decimals, called like ``ipywidgets.FloatSlider``."""
    return _make(value, min, max, step, description, integer=False, **options)


def log_slider(*, value: float, min: float, max: float, step: float, description: str,
               base: float = 10.0, **options: Any) -> RangeSlider:
    """A slider whose position is the exponent, called like ``ipywidgets.FloatLogSlider``
    (``min`` and ``max`` are exponents of ``base``)."""
    return _make(value, min, max, step, description, integer=False, log_base=base, **options)
