"""Skin anatomy by body site: layer depths and the structures that sit at each depth.

The model stacks five layers from the surface down. For each site it reads the
primary rows of ``data/layer_thickness.csv`` (whole epidermis, stratum corneum,
dermis, hypodermis) and derives the rest:

* viable epidermis = whole epidermis − stratum corneum;
* papillary dermis = ``PAPILLARY_FRACTION`` of the dermis (a teaching assumption,
  see ``docs/models/anatomy.md``); reticular dermis = the remainder;
* the hypodermis ends at its measured thickness where one was found, otherwise the
  profile stops at ``PROFILE_FLOOR_MM`` (the fat goes on, unmeasured).

Depths are in millimetres from the skin surface; thicknesses in the data are in µm.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from skinlab.data import fact, read_table, records
from skinlab.models.checks import choice, number

# The data tables this model reads (the notebooks' Sources cells list their references).
TABLES: tuple[str, ...] = ("layer_thickness", "structures")

__all__ = [
    "LAYERS", "PAPILLARY_FRACTION", "PROFILE_FLOOR_MM", "Layer", "Measurement", "Profile",
    "Structure", "check_depth", "check_site", "format_profile", "layer_at", "measurements",
    "profile", "sites", "structures", "structures_at",
]

LAYERS: tuple[str, ...] = (
    "stratum corneum",
    "viable epidermis",
    "papillary dermis",
    "reticular dermis",
    "hypodermis",
)
PAPILLARY_FRACTION = fact("papillary_fraction").value
PAPILLARY_SOURCE = fact("papillary_fraction").source
PROFILE_FLOOR_MM = 4.0
UM_PER_MM = 1000.0


@dataclass(frozen=True)
class Measurement:
    """One reported thickness of one layer at one site (all values in µm)."""

    site: str
    layer: str
    low_um: float
    typical_um: float
    high_um: float
    method: str
    primary: bool
    basis: str
    source: str


@dataclass(frozen=True)
class Layer:
    """A layer of a site's profile: where it starts and ends, and how sure we are."""

    name: str
    top_mm: float
    bottom_mm: float
    low_mm: float
    high_mm: float
    source: str
    basis: str
    measured: bool = True

    @property
    def thickness_mm(self) -> float:
        """Thickness used by the model (the typical value)."""
        return self.bottom_mm - self.top_mm


@dataclass(frozen=True)
class Structure:
    """A structure and the depth band it occupies at one site."""

    name: str
    top_mm: float
    bottom_mm: float
    evidence: str
    note: str
    source: str


@dataclass(frozen=True)
class Profile:
    """The ordered, contiguous layers of one site, from the surface (0 mm) down."""

    site: str
    layers: tuple[Layer, ...]
    hypodermis_measured: bool

    @property
    def bottom_mm(self) -> float:
        """Depth where the modelled profile ends."""
        return self.layers[-1].bottom_mm

    @property
    def epidermis_mm(self) -> float:
        """Depth of the dermo-epidermal junction."""
        return self.layer("viable epidermis").bottom_mm

    @property
    def dermis_bottom_mm(self) -> float:
        """Depth of the junction between dermis and hypodermis."""
        return self.layer("reticular dermis").bottom_mm

    def layer(self, name: str) -> Layer:
        """Return the layer called ``name``."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(f"unknown layer {name!r}; layers are: {', '.join(LAYERS)}")

    def boundaries_mm(self) -> list[float]:
        """Depths of the surface, every layer boundary and the bottom."""
        return [self.layers[0].top_mm] + [layer.bottom_mm for layer in self.layers]


# --- input checks -------------------------------------------------------------------
def sites() -> list[str]:
    """Return every site with rows in ``layer_thickness.csv``, in the table's order.

    The table lists the face first, then the body, each from head to toe; a site is
    added to the course by adding its rows there (and nowhere else).
    """
    return list(dict.fromkeys(row["site"] for row in read_table("layer_thickness")))


def check_site(site: str) -> str:
    """Return the canonical name of ``site`` or raise ``ValueError`` naming the valid sites."""
    name = " ".join(site.lower().split()) if isinstance(site, str) else site
    return choice("site", name, sites())


def check_depth(site: str, depth_mm: float) -> float:
    """Return ``depth_mm`` as a float if it lies within the site's profile, else raise."""
    prof = profile(site)
    try:
        depth = number("depth_mm", depth_mm, 0.0, math.inf)
    except ValueError:
        raise ValueError(f"depth_mm must be a finite number from 0 to {prof.bottom_mm:.2f} mm "
                         f"at the {prof.site}, got {depth_mm!r}") from None
    if depth > prof.bottom_mm:
        below = ("the hypodermis goes on, but its thickness here was not measured"
                 if not prof.hypodermis_measured
                 else "below the measured fat lie muscle and bone, which the model leaves out")
        raise ValueError(
            f"depth {depth:g} mm is below the modelled profile at the {prof.site}, which "
            f"ends at {prof.bottom_mm:.2f} mm ({below}); valid depths are 0 to "
            f"{prof.bottom_mm:.2f} mm"
        )
    return depth


# --- data ---------------------------------------------------------------------------
@functools.cache
def _measurements() -> tuple[Measurement, ...]:
    return records(Measurement, "layer_thickness")


def measurements(site: str, layer: str | None = None) -> list[Measurement]:
    """Return every reported thickness at ``site`` (optionally of one ``layer``), all methods."""
    name = check_site(site)
    return [m for m in _measurements() if m.site == name and (layer is None or m.layer == layer)]


def _primary(site: str, layer: str) -> Measurement | None:
    rows = [m for m in measurements(site, layer) if m.primary]
    if len(rows) > 1:
        raise ValueError(f"{site}/{layer}: more than one primary row in layer_thickness.csv")
    return rows[0] if rows else None


@functools.cache
def profile(site: str) -> Profile:
    """Return the layered profile of ``site``.

    Parameters
    ----------
    site : str
        One of :func:`sites` (case and extra spaces are forgiven).

    Returns
    -------
    Profile
        Five contiguous layers starting at 0 mm, each with its typical thickness and
        the range reported for it (in mm).

    Raises
    ------
    ValueError
        For an unknown site; the message lists the valid sites and the closest match.
    """
    name = check_site(site)
    sc = _primary(name, "stratum corneum")
    epi = _primary(name, "epidermis")
    derm = _primary(name, "dermis")
    fat = _primary(name, "hypodermis")
    if sc is None or epi is None or derm is None:
        raise ValueError(f"{name}: layer_thickness.csv lacks a primary epidermis, stratum "
                         "corneum or dermis row")
    mm = 1 / UM_PER_MM
    sc_mm, epi_mm, derm_mm = sc.typical_um * mm, epi.typical_um * mm, derm.typical_um * mm
    pap_mm = PAPILLARY_FRACTION * derm_mm
    derm_src = f"{derm.source};{PAPILLARY_SOURCE}"
    derived = "[derived]"
    top = 0.0
    layers = []
    specs = [
        ("stratum corneum", sc_mm, sc.low_um * mm, sc.high_um * mm, sc.source, sc.basis),
        ("viable epidermis", epi_mm - sc_mm, (epi.low_um - sc.typical_um) * mm,
         (epi.high_um - sc.typical_um) * mm, f"{epi.source};{sc.source}",
         f"whole epidermis minus stratum corneum {derived}"),
        ("papillary dermis", pap_mm, PAPILLARY_FRACTION * derm.low_um * mm,
         PAPILLARY_FRACTION * derm.high_um * mm, derm_src,
         f"upper {PAPILLARY_FRACTION:.0%} of the dermis (teaching assumption)"),
        ("reticular dermis", derm_mm - pap_mm, (1 - PAPILLARY_FRACTION) * derm.low_um * mm,
         (1 - PAPILLARY_FRACTION) * derm.high_um * mm, derm_src,
         f"lower {1 - PAPILLARY_FRACTION:.0%} of the dermis (teaching assumption)"),
    ]
    for layer_name, thick, low, high, source, basis in specs:
        layers.append(Layer(layer_name, top, top + thick, max(low, 0.0), high, source, basis))
        top += thick
    if fat is not None:
        fat_mm = fat.typical_um * mm
        layers.append(Layer("hypodermis", top, top + fat_mm, fat.low_um * mm,
                            fat.high_um * mm, fat.source, fat.basis))
    else:
        layers.append(Layer("hypodermis", top, max(PROFILE_FLOOR_MM, top + 0.5), math.nan,
                            math.nan, "", "thickness not measured at this site; drawn to "
                            f"{PROFILE_FLOOR_MM:g} mm", measured=False))
    return Profile(name, tuple(layers), hypodermis_measured=fat is not None)


def layer_at(site: str, depth_mm: float) -> str:
    """Return the name of the layer at ``depth_mm`` below the surface at ``site``.

    A depth exactly on a boundary belongs to the deeper layer; the bottom of the
    profile belongs to the hypodermis.

    Raises
    ------
    ValueError
        For an unknown site, a negative, NaN or infinite depth, or a depth below the
        modelled profile; the message names the valid range.
    """
    depth = check_depth(site, depth_mm)
    prof = profile(site)
    for layer in prof.layers:
        if depth < layer.bottom_mm:
            return layer.name
    return prof.layers[-1].name


# --- structures ---------------------------------------------------------------------
def _anchor_mm(prof: Profile, anchor: str) -> float:
    anchors = {
        "surface": 0.0,
        "viable_top": prof.layer("stratum corneum").bottom_mm,
        "dej": prof.epidermis_mm,
        "papillary_bottom": prof.layer("papillary dermis").bottom_mm,
        "dermis_bottom": prof.dermis_bottom_mm,
    }
    if anchor not in anchors:
        raise ValueError(f"unknown anchor {anchor!r} in structures.csv; use {sorted(anchors)}")
    return anchors[anchor]


@functools.cache
def structures(site: str) -> tuple[Structure, ...]:
    """Return every modelled structure with its depth band at ``site``, top to bottom."""
    prof = profile(site)
    found = []
    for row in read_table("structures"):
        top = _anchor_mm(prof, row["top_anchor"]) + float(row["top_offset_um"]) / UM_PER_MM
        bottom = (_anchor_mm(prof, row["bottom_anchor"])
                  + float(row["bottom_offset_um"]) / UM_PER_MM)
        if row["structure"] == "sebaceous glands":
            # Glands hang off follicles inside the dermis; on thin skin keep them there.
            bottom = min(bottom, prof.dermis_bottom_mm)
            top = min(top, bottom - 0.1)
        top, bottom = max(top, 0.0), min(bottom, prof.bottom_mm)
        found.append(Structure(row["structure"], top, bottom, row["evidence"], row["note"],
                               row["source"]))
    return tuple(sorted(found, key=lambda s: (s.top_mm, s.bottom_mm)))


def structures_at(site: str, depth_mm: float) -> list[str]:
    """Return the names of the structures whose depth band contains ``depth_mm`` at ``site``.

    Raises
    ------
    ValueError
        As :func:`layer_at`.
    """
    depth = check_depth(site, depth_mm)
    return [s.name for s in structures(site) if s.top_mm <= depth <= s.bottom_mm]


def format_profile(site: str) -> str:
    """Return the site's profile as a plain-text table (depths and ranges in µm)."""
    prof = profile(site)
    lines = [f"{prof.site}: the layers the model uses, from the surface down (µm)",
             f"{'layer':<18} {'top':>6} {'bottom':>7} {'thick':>6}   reported range"]
    for layer in prof.layers:
        if layer.measured:
            span = f"{layer.low_mm * UM_PER_MM:.0f}–{layer.high_mm * UM_PER_MM:.0f}"
            bottom = f"{layer.bottom_mm * UM_PER_MM:7.0f}"
            thick = f"{layer.thickness_mm * UM_PER_MM:6.0f}"
        else:
            span, bottom, thick = "not measured here", "      –", "     –"
        lines.append(f"{layer.name:<18} {layer.top_mm * UM_PER_MM:6.0f} {bottom} {thick}   {span}")
    return "\n".join(lines)
