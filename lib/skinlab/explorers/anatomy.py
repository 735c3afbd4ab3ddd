"""The skin-layer explorer: pick a site, slide a probe down, read what is there."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from skinlab.data.checks import checked, number
from skinlab.diagrams.anatomy import cross_section_alt, cross_section_figure, update_cross_section
from skinlab.explorers.base import Explorer, enlarge_checkbox, site_dropdown, site_label
from skinlab.explorers.controls import int_slider
from skinlab.models import anatomy

__all__ = ["PROBE_MAX_UM", "SkinLayersExplorer", "SkinState", "describe_depth",
           "skin_layers_explorer"]

PROBE_MAX_UM = 3000
PROBE_STEP_UM = 10


@dataclass(frozen=True)
class SkinState:
    """What the skin-layer explorer shows: a site, the probe's depth, the enlarged view."""

    site: str = "cheek"
    probe_um: int = 100
    enlarge: bool = True


@checked(depth_um=(0, PROBE_MAX_UM))
def describe_depth(site: str, depth_um: int) -> str:
    """One or two sentences on what lies ``depth_um`` below the surface at ``site``."""
    depth_mm = depth_um / 1000
    prof = anatomy.profile(site)
    layer_name = anatomy.layer_at(site, depth_mm)
    layer = prof.layer(layer_name)
    position = anatomy.LAYERS.index(layer_name) + 1
    extent = (f"from {layer.top_mm * 1000:.0f} to {layer.bottom_mm * 1000:.0f} µm here"
              if layer.measured else f"from {layer.top_mm:.2f} mm down; thickness not measured")
    if layer.borrowed:
        extent += ", a value borrowed from other sites"
    low, high = prof.papillary_boundary_mm
    boundary = (f" The papillary–reticular boundary was never measured; from {low * 1000:.0f} "
                f"to {high * 1000:.0f} µm here the tip could be in either layer."
                if low <= depth_mm <= high else "")
    presence = {s.name: s.presence for s in anatomy.structures(site)}
    found = [name if presence[name] in ("present", "common") else f"{name} ({presence[name]})"
             for name in anatomy.structures_at(site, depth_mm)]
    among = f" Around the tip: {', '.join(found)}." if found else " No modelled structure here."
    return (f"{site_label(site)}, {depth_um} µm below the surface: {layer_name} "
            f"(layer {position} of {len(anatomy.LAYERS)}, {extent}).{boundary}{among}")


class SkinLayersExplorer(Explorer):
    """Site drop-down, probe-depth slider (µm) and an enlarge switch over a cross-section."""

    @checked
    def __init__(self, site: str = SkinState.site, probe_um: int = SkinState.probe_um,
                 enlarge: bool = SkinState.enlarge) -> None:
        site = anatomy.check_site(site)
        probe_um = int(number("probe_um", probe_um, 0, PROBE_MAX_UM, integer=True))
        self.site = site_dropdown(site, anatomy.sites())
        self.probe = int_slider(
            value=probe_um, min=0, max=PROBE_MAX_UM, step=PROBE_STEP_UM,
            description="Probe depth (µm)",
            layout=widgets.Layout(width="28em"), continuous_update=True,
        )
        self.enlarge = enlarge_checkbox(enlarge)
        picture = cross_section_figure(site, probe_mm=probe_um / 1000, enlarge=enlarge,
                                       scaled=True)
        self.section = picture.artists
        super().__init__(picture.figure, [self.site, self.probe, self.enlarge],
                         name="skin-layer explorer")
        self.refresh()

    def state(self) -> SkinState:
        return SkinState(self.site.value, int(self.probe.value), bool(self.enlarge.value))

    def draw(self, state: SkinState) -> None:
        update_cross_section(self.section, anatomy.profile(state.site),
                             anatomy.structures(state.site), probe_mm=state.probe_um / 1000,
                             enlarge=state.enlarge)

    def background_key(self, state: SkinState) -> tuple[str, bool, str]:
        # The site's layers and which of them is highlighted; the probe is drawn on top.
        return (state.site, state.enlarge, anatomy.layer_at(state.site, state.probe_um / 1000))

    def dynamic_artists(self) -> list:
        return [self.section.probe_line, self.section.needle, self.section.probe_text]

    def describe(self, state: SkinState) -> tuple[str, str]:
        alt = cross_section_alt(anatomy.profile(state.site), anatomy.structures(state.site),
                                probe_mm=state.probe_um / 1000, enlarge=state.enlarge)
        return alt, describe_depth(state.site, state.probe_um)


@checked
def skin_layers_explorer(**start: object) -> SkinLayersExplorer:
    """Build the skin-layer explorer (display it by leaving it last in a cell)."""
    return SkinLayersExplorer(**start)  # type: ignore[arg-type]
