"""Needle explorers: how deep a needle really goes at a site, and how dense the punctures are."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from skinlab import anatomy, needling
from skinlab.citations import cite
from skinlab.diagrams import new_figure
from skinlab.diagrams.needles import (
    draw_puncture_patch,
    needle_section_figure,
    update_needle,
    update_puncture_patch,
)
from skinlab.explorers.base import Explorer, enlarge_checkbox, site_dropdown, site_label
from skinlab.explorers.controls import float_slider, int_slider

WIDE = {"description_width": "initial"}
LENGTH_MIN_MM, LENGTH_MAX_MM, LENGTH_STEP_MM = 0.25, 2.5, 0.25
DEPTH_START = {"site": "cheek", "device": "roller", "length_mm": 0.5, "enlarge": True}


def _join(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(names) if names else "no modelled structure"


def describe_reach(result: needling.Reach) -> str:
    """Say in words how deep the needle goes, what it passes and what to expect."""
    low, typical, high = result.depth
    ends = ""
    if result.layers["low"] != result.layers["high"]:
        ends = (f" Across the likely range the tip could stop anywhere from the "
                f"{result.layers['low']} to the {result.layers['high']}.")
    return (
        f"{site_label(result.site)}, {result.device}, {result.nominal_mm:g} mm needle: the tip "
        f"most likely reaches {typical:.2f} mm (likely range {low:.2f}–{high:.2f} mm), in the "
        f"{result.layer}.{ends} On the way down it passes: {_join(result.structures)}. "
        f"Expected: {result.endpoint_text}, because {result.endpoint_why} "
        f"({cite(result.endpoint_source)})."
    )


class NeedleDepthExplorer(Explorer):
    """Site, device and needle length over the cross-section, with nominal and likely depth."""

    def __init__(self, site: str = DEPTH_START["site"], device: str = DEPTH_START["device"],
                 length_mm: float = DEPTH_START["length_mm"],
                 enlarge: bool = DEPTH_START["enlarge"]) -> None:
        site = anatomy.check_site(site)
        device = needling.check_device(device)
        if not LENGTH_MIN_MM <= length_mm <= LENGTH_MAX_MM:
            raise ValueError(f"length_mm must be {LENGTH_MIN_MM} to {LENGTH_MAX_MM} mm, "
                             f"got {length_mm}")
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
        fig, self.overlay = needle_section_figure(site, enlarge=enlarge)
        super().__init__(fig, [self.site, self.device, self.length, self.enlarge],
                         name="needle-depth explorer")
        self.refresh()

    def state(self) -> tuple[str, str, float, bool]:
        return (self.site.value, self.device.value, round(float(self.length.value), 2),
                bool(self.enlarge.value))

    def compute(self, state: tuple[str, str, float, bool]) -> needling.Reach:
        site, device, length_mm, _ = state
        return needling.reach(site, device, length_mm)

    def draw(self, state: tuple[str, str, float, bool]) -> None:
        update_needle(self.overlay, self.computed(state), enlarge=state[3])

    def background_key(self, state: tuple[str, str, float, bool]) -> tuple[str, bool, str]:
        # The site's layers and which of them is highlighted; the needle is drawn on top.
        return (state[0], state[3], self.computed(state).layer)

    def dynamic_artists(self) -> list:
        section = self.overlay.section
        return [*self.overlay.artists(), section.probe_line, section.needle,
                section.probe_text]

    def describe(self, state: tuple[str, str, float, bool]) -> tuple[str, str]:
        site, device, length_mm, _ = state
        result = self.computed(state)
        low, typical, high = result.depth
        alt = (f"Cross-section of {site} skin with a {length_mm:g} mm {device} needle. A dotted "
               f"line marks the full needle length; a hatched band marks the likely tip depth, "
               f"{low:.2f} to {high:.2f} mm, and the needle is drawn to {typical:.2f} mm, in the "
               f"{result.layer}. Expected endpoint: {result.endpoint_text}.")
        return alt, describe_reach(result)


def needle_depth_explorer(**start: object) -> NeedleDepthExplorer:
    """Build the needle-depth explorer (display it by leaving it last in a cell)."""
    return NeedleDepthExplorer(**start)  # type: ignore[arg-type]


# --- puncture density ---------------------------------------------------------------
ROLLER = needling.standard_roller()
DENSITY_START = {"device": "roller", "roller_needles": ROLLER.needles, "passes": 1,
                 "pen_needles": 12, "frequency_hz": 100, "speed_mm_s": 20, "width_mm": 5,
                 "hole_um": 100, "area_cm2": 100}


def _slider() -> dict:
    # A fresh Layout per control: a shared one would hide or show every control at once.
    # Redrawing the pattern takes longer than a drag's stream of events is apart, so the
    # figure follows a drag when it is released (arrow keys still update on every step).
    return {"layout": widgets.Layout(width="24em"), "continuous_update": False}


def _count(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


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
        fig = new_figure(10, 6, layout=None)
        fig.subplots_adjust(left=0.07, right=0.55, top=0.86, bottom=0.1)
        ax = fig.add_subplot()
        self.figures_text = fig.text(0.6, 0.86, "", ha="left", va="top", fontsize="large",
                                     linespacing=1.6)
        # Drawn empty: refresh() below fills in the opening state.
        empty = needling.Pattern(np.zeros((0, 2)), needling.PATCH_MM, 0, False)
        self.patch = draw_puncture_patch(ax, empty, s["hole_um"] / 1000)
        controls = [self.device, self.roller_needles, self.pen_needles, self.frequency,
                    self.speed, self.width, self.passes, self.hole, self.area]
        super().__init__(fig, controls, name="puncture-density explorer")
        self.device.observe(self._show_controls, names="value")
        self._show_controls()
        self.refresh()

    def _show_controls(self, _change: object = None) -> None:
        pen = self.device.value == "pen"
        for control in (self.pen_needles, self.frequency, self.speed, self.width):
            control.layout.display = None if pen else "none"
        self.roller_needles.layout.display = "none" if pen else None

    def state(self) -> tuple:
        common = (int(self.passes.value), int(self.hole.value), int(self.area.value))
        if self.device.value == "roller":
            return ("roller", int(self.roller_needles.value), *common)
        return ("pen", int(self.pen_needles.value), int(self.frequency.value),
                int(self.speed.value), int(self.width.value), *common)

    def compute(self, state: tuple) -> tuple[needling.Pattern, dict[str, float], str]:
        device, *rest = state
        passes, hole_um, area = rest[-3:]
        if device == "roller":
            needles = rest[0]
            per_pass = needling.roller_density(needles, ROLLER.drum_width_mm,
                                               ROLLER.drum_diameter_mm)
            pattern = needling.roller_pattern(needles, ROLLER.drum_width_mm,
                                              ROLLER.drum_diameter_mm, passes, rows=ROLLER.rows)
            setting = (f"Roller, {needles} needles on a {ROLLER.drum_diameter_mm / 10:g} × "
                       f"{ROLLER.drum_width_mm / 10:g} cm drum, {passes} pass"
                       f"{'es' if passes > 1 else ''}")
        else:
            needles, frequency, speed, width = rest[:4]
            per_pass = needling.pen_density(needles, frequency, speed, width)
            pattern = needling.pen_pattern(needles, frequency, speed, width, passes)
            setting = (f"Pen, {needles} needles at {frequency} Hz "
                       f"({needling.punctures_per_second(needles, frequency):,.0f} punctures/s), "
                       f"gliding {speed} mm/s over a {width} mm strip, {passes} pass"
                       f"{'es' if passes > 1 else ''}")
        figures = density_summary(per_pass, passes, hole_um / 1000, area)
        return pattern, figures, setting

    def draw(self, state: tuple) -> None:
        pattern, figures, _ = self.computed(state)
        passes, hole_um, area = state[-3:]
        update_puncture_patch(self.patch, pattern, hole_um / 1000)
        self.figures_text.set_text(
            f"per pass: {_count(figures['per_pass'])} /cm²\n"
            f"after {passes} pass{'es' if passes > 1 else ''}: {figures['total']:,.0f} /cm²\n"
            f"spacing on a grid: {figures['spacing_mm']:.2f} mm\n"
            f"surface opened: {figures['opened']:.1%}\n"
            f"over {area} cm²: {figures['over_area']:,.0f} punctures")

    def describe(self, state: tuple) -> tuple[str, str]:
        pattern, f, setting = self.computed(state)
        passes, hole_um, area = state[-3:]
        text = (f"{setting}: {_count(f['per_pass'])} punctures/cm² per pass, {f['total']:,.0f} in "
                f"all; about {f['spacing_mm']:.2f} mm apart if evenly spread; {f['opened']:.1%} "
                f"of the surface opened by {hole_um} µm holes; {f['over_area']:,.0f} punctures "
                f"over {area} cm².")
        if state[0] == "pen":
            text += " Glide speed and strip width are your inputs: no source gives typical values."
        shown = "a random sample of " if pattern.sampled else ""
        alt = (f"A 1 cm square of skin drawn to scale with {shown}{pattern.drawn:,} puncture "
               f"holes, {hole_um} µm across, laid in lines by {passes} pass"
               f"{'es' if passes > 1 else ''} of a {state[0]}.")
        return alt, text


def puncture_density_explorer(**start: object) -> PunctureDensityExplorer:
    """Build the puncture-density explorer (display it by leaving it last in a cell)."""
    return PunctureDensityExplorer(**start)
