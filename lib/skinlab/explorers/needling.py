"""Needle explorers: how deep a needle really goes at a site, and how dense the punctures are."""

from __future__ import annotations

import html
from collections.abc import Hashable
from dataclasses import dataclass

import ipywidgets as widgets

from skinlab.data.checks import checked, number
from skinlab.data.citations import cite
from skinlab.diagrams.needling import (
    needle_alt,
    needle_figure,
    puncture_alt,
    puncture_caption,
    puncture_density_figure,
    update_needle,
    update_puncture_patch,
)
from skinlab.explorers.base import (
    FRAME_CACHE_SIZE,
    Explorer,
    enlarge_checkbox,
    site_dropdown,
    site_label,
)
from skinlab.explorers.controls import float_slider, int_slider
from skinlab.models import anatomy, needling

__all__ = ["DensityState", "NeedleDepthExplorer", "NeedleState", "PunctureDensityExplorer",
           "density_summary", "describe_reach", "needle_depth_explorer",
           "puncture_density_explorer"]

WIDE = {"description_width": "initial"}
LENGTH_MIN_MM, LENGTH_MAX_MM, LENGTH_STEP_MM = 0.25, 2.5, 0.25


@dataclass(frozen=True)
class NeedleState:
    """What the needle-depth explorer shows: site, device, needle length, enlarged view."""

    site: str = "cheek"
    device: str = "roller"
    length_mm: float = 0.5
    enlarge: bool = True


def _join(names: tuple[str, ...] | list[str], site: str) -> str:
    presence = {s.name: s.presence for s in anatomy.structures(site)}
    marked = [n if presence.get(n, "present") in ("present", "common") else f"{n} ({presence[n]})"
              for n in names]
    return ", ".join(marked) if marked else "no modelled structure"


@checked
def describe_reach(result: needling.Reach) -> str:
    """Say in words how deep the needle goes, what it passes and what to expect."""
    low, typical, high = result.depth
    ends = ""
    if result.layers["low"] != result.layers["high"]:
        ends = (f" Across the likely range the tip could stop anywhere from the "
                f"{result.layers['low']} to the {result.layers['high']}.")
    skins = ""
    thin, thick = result.layers_by_skin["thin"], result.layers_by_skin["thick"]
    if (thin, thick) != (result.layer, result.layer):
        skins = (f" People differ: in the thinnest skin reported at this site the typical tip "
                 f"would be in the {thin}, in the thickest in the {thick}.")
    return (
        f"{site_label(result.site)}, {result.device}, {result.nominal_mm:g} mm needle: the tip "
        f"most likely reaches {typical:.2f} mm (likely range {low:.2f}–{high:.2f} mm), in the "
        f"{result.layer}.{ends}{skins} On the way down it passes: "
        f"{_join(result.structures, result.site)}. "
        f"Expected: {result.endpoint_text}, because {result.endpoint_why} "
        f"({cite(result.endpoint_source)})."
    )


class NeedleDepthExplorer(Explorer):
    """Site, device and needle length over the cross-section, with nominal and likely depth."""

    @checked
    def __init__(self, site: str = NeedleState.site, device: str = NeedleState.device,
                 length_mm: float = NeedleState.length_mm,
                 enlarge: bool = NeedleState.enlarge) -> None:
        site = anatomy.check_site(site)
        device = needling.check_device(device)
        length_mm = number("length_mm", length_mm, LENGTH_MIN_MM, LENGTH_MAX_MM)
        self.site = site_dropdown(site, anatomy.sites())
        self.device = widgets.ToggleButtons(
            options=[("Roller", "roller"), ("Pen", "pen")], value=device, description="Device",
            style={**WIDE, "button_width": "6em"},
            tooltips=["A drum of needles rolled by hand", "A motor stamps needles in and out"],
        )
        self.length = float_slider(
            value=length_mm, min=LENGTH_MIN_MM, max=LENGTH_MAX_MM, step=LENGTH_STEP_MM,
            description="Needle length (mm)", readout_format=".2f",
            layout=widgets.Layout(width="26em"),
        )
        self.enlarge = enlarge_checkbox(enlarge)
        picture = needle_figure(site, device, length_mm, enlarge=enlarge, scaled=True)
        self.overlay = picture.artists
        super().__init__(picture.figure, [self.site, self.device, self.length, self.enlarge],
                         name="needle-depth explorer")
        self.refresh()

    def state(self) -> NeedleState:
        return NeedleState(self.site.value, self.device.value,
                           round(float(self.length.value), 2), bool(self.enlarge.value))

    def compute(self, state: NeedleState) -> needling.Reach:
        return needling.reach(state.site, state.device, state.length_mm)

    def draw(self, state: NeedleState) -> None:
        update_needle(self.overlay, self.computed(state), anatomy.profile(state.site),
                      anatomy.structures(state.site), enlarge=state.enlarge)

    def background_key(self, state: NeedleState) -> tuple[str, bool, str]:
        # The site's layers and which of them is highlighted; the needle is drawn on top.
        return (state.site, state.enlarge, self.computed(state).layer)

    def dynamic_artists(self) -> list:
        section = self.overlay.section
        return [*self.overlay.artists(), section.probe_line, section.needle,
                section.probe_text]

    def describe(self, state: NeedleState) -> tuple[str, str]:
        result = self.computed(state)
        return needle_alt(result), describe_reach(result)


@checked
def needle_depth_explorer(**start: object) -> NeedleDepthExplorer:
    """Build the needle-depth explorer (display it by leaving it last in a cell)."""
    return NeedleDepthExplorer(**start)  # type: ignore[arg-type]


# --- puncture density ---------------------------------------------------------------
ROLLER = needling.standard_roller()


@dataclass(frozen=True)
class DensityState:
    """What the puncture-density explorer shows. The pen's settings are None for a roller."""

    device: str = "roller"
    needles: int = ROLLER.needles
    passes: int = 1
    hole_um: int = 100
    area_cm2: int = 100
    frequency_hz: int | None = None
    speed_mm_s: int | None = None
    width_mm: int | None = None


DENSITY_START = {"device": "roller", "roller_needles": ROLLER.needles, "passes": 1,
                 "pen_needles": needling.EXAMPLE_PEN["needles"],
                 **{k: v for k, v in needling.EXAMPLE_PEN.items() if k != "needles"},
                 "hole_um": needling.EXAMPLE_HOLE_UM, "area_cm2": 100}


def _slider() -> dict:
    # A fresh Layout per control: a shared one would hide or show every control at once.
    return {"layout": widgets.Layout(width="24em")}


def _count(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _passes(passes: int) -> str:
    return f"{passes} pass{'es' if passes > 1 else ''}"


@checked(per_pass=needling.LIMITS["density_per_cm2"], passes=needling.LIMITS["passes"],
         hole_mm=needling.LIMITS["needle_diameter_mm"], area_cm2=needling.LIMITS["area_cm2"])
def density_summary(per_pass: float, passes: int, hole_mm: float,
                    area_cm2: float) -> dict[str, float]:
    """Return the density figures the explorer shows, keyed by name."""
    total = per_pass * passes
    return {
        "per_pass": per_pass,
        "total": total,
        "spacing_mm": needling.mean_spacing_mm(total),
        "opened": needling.perforated_fraction(total, hole_mm),
        "over_area": needling.punctures_over_area(total, area_cm2),
    }


@dataclass(frozen=True)
class DensityResult:
    """The models' answer for one :class:`DensityState`."""

    pattern: needling.Pattern
    figures: dict[str, float]
    setting: str


class PunctureDensityExplorer(Explorer):
    """Roller or pen settings → punctures per cm², spacing, surface opened, and the pattern."""

    def __init__(self, **start: object) -> None:
        unknown = set(start) - set(DENSITY_START)
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}; "
                             f"settings: {', '.join(DENSITY_START)}")
        s = {**DENSITY_START, **start}
        self.device = widgets.ToggleButtons(
            options=[("Roller", "roller"), ("Pen", "pen")], value=needling.check_device(
                str(s["device"])), description="Device", style={**WIDE, "button_width": "6em"})
        self.roller_needles = int_slider(
            value=s["roller_needles"], min=ROLLER.rows, max=600, step=ROLLER.rows,
            description="Needles on the drum", **_slider())
        self.pen_needles = int_slider(value=s["pen_needles"], min=1, max=36,
                                      description="Needles in the cartridge", **_slider())
        self.frequency = int_slider(value=s["frequency_hz"], min=50, max=150, step=5,
                                    description="Strokes per second (Hz)", **_slider())
        self.speed = int_slider(value=s["speed_mm_s"], min=5, max=100, step=5,
                                description="Glide speed (mm/s)", **_slider())
        self.width = int_slider(value=s["width_mm"], min=2, max=10,
                                description="Strip width (mm)", **_slider())
        self.passes = int_slider(value=s["passes"], min=1, max=30,
                                 description="Passes", **_slider())
        self.hole = int_slider(value=s["hole_um"], min=50, max=350, step=10,
                               description="Hole diameter (µm)", **_slider())
        self.area = int_slider(value=s["area_cm2"], min=10, max=400, step=10,
                               description="Treated area (cm²)", **_slider())
        controls = [self.device, self.roller_needles, self.pen_needles, self.frequency,
                    self.speed, self.width, self.passes, self.hole, self.area]
        opening = self.compute(self._read())
        # The picture is the patch alone; its caption and the figures are written beside
        # it as text, and only the holes move over a still background (blitting).
        picture = puncture_density_figure(opening.pattern, self._read().hole_um / 1000,
                                          opening.setting, words=False)
        self.patch = picture.artists.patch
        super().__init__(picture.figure, controls, name="puncture-density explorer")
        self.figures = widgets.HTML(layout=widgets.Layout(min_width="16em", margin="0 0 0 1em"))
        self._figures: dict[DensityState, str] = {}
        self.widget.children = [
            *self.widget.children[:-1],
            widgets.HBox([self.image, self.figures],
                         layout=widgets.Layout(width="100%", align_items="flex-start"))]
        self.image.layout.width = "60%"
        self.device.observe(self._show_controls, names="value")
        self._show_controls()
        self.refresh()

    @classmethod
    def from_state(cls, state: DensityState) -> PunctureDensityExplorer:
        """A new explorer opening on ``state`` (the other device keeps its defaults)."""
        start: dict[str, object] = {"device": state.device, "passes": state.passes,
                                    "hole_um": state.hole_um, "area_cm2": state.area_cm2}
        if state.device == "roller":
            start["roller_needles"] = state.needles
        else:
            start.update(pen_needles=state.needles, frequency_hz=state.frequency_hz,
                         speed_mm_s=state.speed_mm_s, width_mm=state.width_mm)
        return cls(**start)

    def _show_controls(self, _change: object = None) -> None:
        pen = self.device.value == "pen"
        for control in (self.pen_needles, self.frequency, self.speed, self.width):
            control.layout.display = None if pen else "none"
        self.roller_needles.layout.display = "none" if pen else None

    def _read(self) -> DensityState:
        common = {"passes": int(self.passes.value), "hole_um": int(self.hole.value),
                  "area_cm2": int(self.area.value)}
        if self.device.value == "roller":
            return DensityState("roller", int(self.roller_needles.value), **common)
        return DensityState("pen", int(self.pen_needles.value), **common,
                            frequency_hz=int(self.frequency.value),
                            speed_mm_s=int(self.speed.value), width_mm=int(self.width.value))

    def state(self) -> DensityState:
        return self._read()

    def compute(self, state: DensityState) -> DensityResult:
        if state.device == "roller":
            per_pass = needling.roller_density(state.needles, ROLLER.drum_width_mm,
                                               ROLLER.drum_diameter_mm)
            pattern = needling.roller_pattern(state.needles, ROLLER.drum_width_mm,
                                              ROLLER.drum_diameter_mm, state.passes,
                                              rows=ROLLER.rows)
            setting = (f"Roller, {state.needles} needles on a {ROLLER.drum_diameter_mm / 10:g} × "
                       f"{ROLLER.drum_width_mm / 10:g} cm drum, {_passes(state.passes)}")
        else:
            per_pass = needling.pen_density(state.needles, state.frequency_hz, state.speed_mm_s,
                                            state.width_mm)
            pattern = needling.pen_pattern(state.needles, state.frequency_hz, state.speed_mm_s,
                                           state.width_mm, state.passes)
            rate = needling.punctures_per_second(state.needles, state.frequency_hz)
            setting = (f"Pen, {state.needles} needles at {state.frequency_hz} Hz "
                       f"({rate:,.0f} punctures/s), gliding {state.speed_mm_s} mm/s over a "
                       f"{state.width_mm} mm strip, {_passes(state.passes)}")
        figures = density_summary(per_pass, state.passes, state.hole_um / 1000, state.area_cm2)
        return DensityResult(pattern, figures, setting)

    def draw(self, state: DensityState) -> None:
        result = self.computed(state)
        update_puncture_patch(self.patch, result.pattern, state.hole_um / 1000)

    def background_key(self, state: DensityState) -> Hashable:
        # Axes, ticks, scale bar: one square patch of skin, whatever the setting.
        return ("patch", self.computed(state).pattern.patch_mm)

    def dynamic_artists(self) -> list:
        return [self.patch.holes]

    def figures_text(self, state: DensityState) -> str:
        """The caption and the figures written beside the picture, as plain text."""
        result = self.computed(state)
        f = result.figures
        return (f"{puncture_caption(result.pattern, state.hole_um / 1000)}\n\n"
                f"per pass: {_count(f['per_pass'])} /cm²\n"
                f"after {_passes(state.passes)}: {f['total']:,.0f} /cm²\n"
                f"spacing on a grid: {f['spacing_mm']:.2f} mm\n"
                f"surface opened: {f['opened']:.1%}\n"
                f"over {state.area_cm2} cm²: {f['over_area']:,.0f} punctures")

    def refresh(self) -> None:
        super().refresh()
        state = self.state()
        text = self._figures.get(state)
        if text is None:
            text = self._figures[state] = self.figures_text(state)
            if len(self._figures) > FRAME_CACHE_SIZE:
                del self._figures[next(iter(self._figures))]
        # aria-hidden: the readout above says the same for screen readers.
        self.figures.value = (
            '<div class="skinlab-figures" aria-hidden="true" style="font-size:1.25em;'
            f'line-height:1.6;white-space:pre-line">{html.escape(text)}</div>')

    def close(self) -> None:
        super().close()  # closes the figures' panel too: it is inside the explorer's widget
        self._figures.clear()

    def describe(self, state: DensityState) -> tuple[str, str]:
        result = self.computed(state)
        f = result.figures
        text = (f"{result.setting}: {_count(f['per_pass'])} punctures/cm² per pass, "
                f"{f['total']:,.0f} in all; about {f['spacing_mm']:.2f} mm apart if evenly "
                f"spread; {f['opened']:.1%} of the surface opened by {state.hole_um} µm holes; "
                f"{f['over_area']:,.0f} punctures over {state.area_cm2} cm².")
        if state.device == "pen":
            text += " Glide speed and strip width are your inputs: no source gives typical values."
        setting = f"{_passes(state.passes)} of a {state.device}"
        return puncture_alt(result.pattern, state.hole_um / 1000, setting), text


@checked
def puncture_density_explorer(**start: object) -> PunctureDensityExplorer:
    """Build the puncture-density explorer (display it by leaving it last in a cell)."""
    return PunctureDensityExplorer(**start)
