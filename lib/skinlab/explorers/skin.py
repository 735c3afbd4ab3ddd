"""The skin-layer explorer: pick a site, slide a probe down, read what is there."""

from __future__ import annotations

import ipywidgets as widgets

from skinlab import anatomy
from skinlab.diagrams import new_figure
from skinlab.diagrams.skin import draw_cross_section, update_cross_section
from skinlab.explorers.base import Explorer, enlarge_checkbox, site_dropdown, site_label
from skinlab.explorers.controls import int_slider

PROBE_MAX_UM = 3000
PROBE_STEP_UM = 10
START = {"site": "cheek", "probe_um": 100, "enlarge": True}


def describe_depth(site: str, depth_um: int) -> str:
    """One or two sentences on what lies ``depth_um`` below the surface at ``site``."""
    depth_mm = depth_um / 1000
    prof = anatomy.profile(site)
    layer_name = anatomy.layer_at(site, depth_mm)
    layer = prof.layer(layer_name)
    number = anatomy.LAYERS.index(layer_name) + 1
    extent = (f"from {layer.top_mm * 1000:.0f} to {layer.bottom_mm * 1000:.0f} µm here"
              if layer.measured else f"from {layer.top_mm:.2f} mm down; thickness not measured")
    found = anatomy.structures_at(site, depth_mm)
    among = f" Around the tip: {', '.join(found)}." if found else " No modelled structure here."
    return (f"{site_label(site)}, {depth_um} µm below the surface: {layer_name} "
            f"(layer {number} of 5, {extent}).{among}")


class SkinLayersExplorer(Explorer):
    """Site drop-down, probe-depth slider (µm) and an enlarge switch over a cross-section."""

    def __init__(self, site: str = START["site"], probe_um: int = START["probe_um"],
                 enlarge: bool = START["enlarge"]) -> None:
        site = anatomy.check_site(site)
        if not 0 <= probe_um <= PROBE_MAX_UM:
            raise ValueError(f"probe_um must be 0 to {PROBE_MAX_UM}, got {probe_um}")
        self.site = site_dropdown(site, anatomy.sites())
        self.probe = int_slider(
            value=probe_um, min=0, max=PROBE_MAX_UM, step=PROBE_STEP_UM,
            description="Probe depth (µm)",
            layout=widgets.Layout(width="28em"), continuous_update=True,
        )
        self.enlarge = enlarge_checkbox(enlarge)
        fig = new_figure(9, 5.5, layout=None)
        fig.subplots_adjust(left=0.13, right=0.68, top=0.94, bottom=0.2)
        ax = fig.add_subplot()
        self.section = draw_cross_section(ax, anatomy.profile(site), anatomy.structures(site),
                                          probe_mm=probe_um / 1000, enlarge=enlarge)
        super().__init__(fig, [self.site, self.probe, self.enlarge], name="skin-layer explorer")
        self.refresh()

    def state(self) -> tuple[str, int, bool]:
        return self.site.value, int(self.probe.value), bool(self.enlarge.value)

    def draw(self, state: tuple[str, int, bool]) -> None:
        site, probe_um, enlarge = state
        update_cross_section(self.section, anatomy.profile(site), anatomy.structures(site),
                             probe_mm=probe_um / 1000, enlarge=enlarge)

    def background_key(self, state: tuple[str, int, bool]) -> tuple[str, bool, str]:
        # The site's layers and which of them is highlighted; the probe is drawn on top.
        site, probe_um, enlarge = state
        return (site, enlarge, anatomy.layer_at(site, probe_um / 1000))

    def dynamic_artists(self) -> list:
        return [self.section.probe_line, self.section.needle, self.section.probe_text]

    def describe(self, state: tuple[str, int, bool]) -> tuple[str, str]:
        site, probe_um, enlarge = state
        prof = anatomy.profile(site)
        scale = "epidermis enlarged" if enlarge else "all layers to scale"
        alt = (f"Cross-section of {site} skin to 3 mm depth ({scale}): stratum corneum, viable "
               f"epidermis, papillary and reticular dermis, hypodermis; the dermis ends at "
               f"{prof.dermis_bottom_mm:.2f} mm. A probe marks {probe_um} µm, in the "
               f"{anatomy.layer_at(site, probe_um / 1000)}.")
        return alt, describe_depth(site, probe_um)


def skin_layers_explorer(**start: object) -> SkinLayersExplorer:
    """Build the skin-layer explorer (display it by leaving it last in a cell)."""
    return SkinLayersExplorer(**start)  # type: ignore[arg-type]
