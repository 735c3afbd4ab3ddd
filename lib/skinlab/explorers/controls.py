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

from skinlab.data.checks import checked, number

__all__ = [
    "FRONT_END_KEYS", "IntRangeSlider", "KernelWatch", "RangeSlider", "float_slider",
    "int_slider", "kernel_bounded", "log_slider",
]

# What a page may change on a control: its value (or, for a list, the chosen index).
# Bounds, steps, options and labels belong to the kernel: a visitor who rewrites a
# slider's max over the widget connection must not reach a state the page never offers.
FRONT_END_KEYS = frozenset({"value", "index"})

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
        # The kernel's bounds and grid, whatever the page sent: clamp into range and, on a
        # linear slider, snap to the nearest step. (A log slider's values are powers of
        # its exponent grid already; they are only clamped.)
        value = proposal["value"]
        if not math.isfinite(value):
            raise traitlets.TraitError(f"{self.description}: value must be a number")
        low, high = self.value_range
        value = min(max(value, low), high)
        if self.step > 0 and not self.log_base:
            steps = round((value - self.min) / self.step)
            value = min(max(round(self.min + steps * self.step, 10), low), high)
        return type(proposal["value"])(value)

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Apply what the page sent, keeping only the value (see ``FRONT_END_KEYS``)."""
        _set_front_end_state(self, sync_data, super().set_state)

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


def _set_front_end_state(control: widgets.Widget, sync_data: dict[str, Any],
                         apply: Any) -> None:
    allowed = {key: value for key, value in sync_data.items() if key in FRONT_END_KEYS}
    if not allowed:
        return
    try:
        apply(allowed)
    except (traitlets.TraitError, ValueError, TypeError):
        # Refused: not a value this control can take. The kernel keeps its state and
        # tells the page so, which puts the control back where it was.
        control.send_state(list(allowed))


@checked
def kernel_bounded(control: widgets.Widget) -> widgets.Widget:
    """Make ``control`` accept from the page only a change of value (or chosen index);
    a change of bounds, options or labels sent over the widget connection is ignored,
    and a value the control cannot take is refused. Returns ``control``."""
    if not isinstance(control, widgets.Widget):
        raise TypeError(f"control must be an ipywidgets Widget, not {type(control).__name__}")
    if isinstance(control, RangeSlider):
        return control  # its class already does this
    apply = control.set_state
    control.set_state = lambda sync_data: _set_front_end_state(  # type: ignore[method-assign]
        control, sync_data, apply)
    return control


_WATCH_ESM = """
function render({ model, el }) {
  // Nothing to show while the kernel is there. When the page loses it (a restart, a
  // crash, a closed server), every widget model is marked disconnected: say so here,
  // where the picture is, instead of letting the controls move over a dead picture.
  el.className = "skinlab-kernel-watch";
  const warn = () => {
    if (el.childElementCount) return;
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "skinlab-kernel-gone";
    box.textContent = model.get("message");
    el.append(box);
    const explorer = el.closest(".skinlab-explorer");
    if (explorer) explorer.classList.add("skinlab-explorer-stopped");
  };
  model.on("comm_live_update", warn);
}
export default { render };
"""

_WATCH_CSS = """
.skinlab-kernel-gone { font-size: 1.15em; font-weight: bold; padding: 0.6em 0.9em;
  border: 3px solid #b35806; background: #fff3e0; color: #1a1a1a; margin: 0.4em 0; }
.skinlab-explorer-stopped img, .skinlab-explorer-stopped canvas { opacity: 0.35; }
"""


class KernelWatch(anywidget.AnyWidget):
    """Shows nothing while the kernel runs; once the page loses the kernel, says so in
    words where the explorer's picture is (and dims the picture)."""

    _esm = _WATCH_ESM
    _css = _WATCH_CSS
    message = traitlets.Unicode(
        "The kernel restarted or stopped, so this explorer no longer answers. "
        "Run this cell again (or Run All) to bring it back.").tag(sync=True)

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """The page never changes the message."""


def _digits(readout_format: str | None, step: float) -> int:
    match = re.fullmatch(r"\.(\d+)[fg]", readout_format or "")
    if match:
        return int(match.group(1))
    return max(0, -math.floor(math.log10(step))) if 0 < step < 1 else 0


def _make(value: float, min: float, max: float, step: float, description: str, *,
          integer: bool, log_base: float = 0.0, readout_format: str | None = None,
          layout: widgets.Layout | None = None, continuous_update: bool = True) -> RangeSlider:
    # A log slider's min and max are exponents: keep base ** exponent a finite float.
    span = (-300.0, 300.0) if log_base else (-1e12, 1e12)
    min = number("min", min, *span)
    max = number("max", max, *span)
    step = number("step", step, 1e-12, max - min if max > min else 1e12)
    value = number("value", value, -1e300, 1e300)
    if not min < max:
        raise ValueError(f"min must be below max, got min={min:g} and max={max:g}"
                         f" ({description})")
    kind = IntRangeSlider if integer else RangeSlider
    slider = kind(min=min, max=max, step=step, description=description, log_base=log_base,
                  readout_digits=_digits(readout_format, step) if not log_base else 3,
                  continuous_update=continuous_update,
                  layout=layout or widgets.Layout(width="26em"))
    slider.value = value  # after the range is known, so it is clamped against it
    return slider


@checked
def int_slider(*, value: int, min: int, max: int, description: str, step: int = 1,
               **options: Any) -> RangeSlider:
    """A slider over whole numbers, called like ``ipywidgets.IntSlider``."""
    return _make(value, min, max, step, description, integer=True, **options)


@checked
def float_slider(*, value: float, min: float, max: float, step: float, description: str,
                 **options: Any) -> RangeSlider:
    """A slider over decimals, called like ``ipywidgets.FloatSlider``."""
    return _make(value, min, max, step, description, integer=False, **options)


@checked(base=(1.01, 1000.0))
def log_slider(*, value: float, min: float, max: float, step: float, description: str,
               base: float = 10.0, **options: Any) -> RangeSlider:
    """A slider whose position is the exponent, called like ``ipywidgets.FloatLogSlider``
    (``min`` and ``max`` are exponents of ``base``)."""
    return _make(value, min, max, step, description, integer=False, log_base=base, **options)
