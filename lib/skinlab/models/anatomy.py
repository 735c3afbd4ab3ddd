"""Skin anatomy by body site: layer depths and the structures that sit at each depth.

The model stacks five layers from the surface down. For each measured layer of a site
(stratum corneum, whole epidermis, dermis, hypodermis) it pools the rows of
``data/layer_thickness.csv`` marked ``use``, preferring those measured at the site itself;
its value is the middle of their span, and the span is kept as the layer's range. Then:

* viable epidermis = whole epidermis − stratum corneum;
* papillary dermis = ``PAPILLARY_FRACTION`` of the dermis, a rule of thumb: no source
  measured the papillary–reticular boundary, so the profile also carries the range that
  boundary can take (``Profile.papillary_boundary_mm``); reticular dermis = the rest;
* the hypodermis ends at its measured thickness where one was found, otherwise the
  profile stops at ``PROFILE_FLOOR_MM`` (the fat goes on, unmeasured).

``profile(site, skin="thin")`` or ``"thick"`` builds the same site from the low or high
end of every range: the thinnest and thickest skin the sources report there.

Depths are in millimetres from the skin surface; thicknesses in the data are in µm.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from skinlab.data import fact, read_table, records
from skinlab.data.checks import checked, choice, number

# The data tables this model reads (the notebooks' Sources cells list their references).
TABLES: tuple[str, ...] = ("layer_thickness", "structures")

__all__ = [
    "LAYERS", "MEASURED_LAYERS", "PAPILLARY_FRACTION", "PROFILE_FLOOR_MM", "SKINS", "Layer",
    "LayerValue", "Measurement", "Profile", "Structure", "check_depth", "check_site",
    "format_profile", "layer_at", "layer_value", "measurements", "profile", "sites",
    "skin_type", "structures", "structures_at",
]

LAYERS: tuple[str, ...] = (
    "stratum corneum",
    "viable epidermis",
    "papillary dermis",
    "reticular dermis",
    "hypodermis",
)
# The layers the data measure (the profile derives the other splits from them).
MEASURED_LAYERS: tuple[str, ...] = ("stratum corneum", "epidermis", "dermis", "hypodermis")
# Which end of every reported range a profile is built from.
SKINS: tuple[str, ...] = ("typical", "thin", "thick")
PAPILLARY_FRACTION = fact("papillary_fraction").value
PAPILLARY_SOURCE = fact("papillary_fraction").source
# A papilla is as tall as the Meissner corpuscle it can hold: the papillary dermis is at
# least this thick, whatever the rule of thumb gives.
PAPILLA_HEIGHT_MM = fact("papilla_height").value / 1000.0
PROFILE_FLOOR_MM = 4.0
UM_PER_MM = 1000.0


@dataclass(frozen=True)
class Measurement:
    """One reported thickness of one layer at one site (all values in µm)."""

    site: str
    skin: str
    layer: str
    low_um: float
    typical_um: float
    high_um: float
    method: str
    at_site: bool  # measured at this site (False: borrowed from another site or a pool)
    use: bool  # pooled by the model (ultrasound epidermis rows are kept but not used)
    basis: str
    source: str


@dataclass(frozen=True)
class LayerValue:
    """What the model takes for one measured layer at one site, and from which rows."""

    typical_um: float
    low_um: float
    high_um: float
    measured_here: bool
    rows: tuple[Measurement, ...]

    @property
    def source(self) -> str:
        """The citation keys of the rows pooled, without repeats."""
        keys = [k for m in self.rows for k in m.source.split(";")]
        return ";".join(dict.fromkeys(keys))

    def pick(self, skin: str) -> float:
        """The thickness in µm for ``skin`` ("typical", "thin" or "thick")."""
        return {"typical": self.typical_um, "thin": self.low_um, "thick": self.high_um}[skin]


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
    measured: bool = True  # False: no thickness was measured (the fat at some sites)
    borrowed: bool = False  # True: the value comes from another site or a pool

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
    presence: str = "present"  # or "common", "sparse" (the sources' word for this skin)


@dataclass(frozen=True)
class Profile:
    """The ordered, contiguous layers of one site, from the surface (0 mm) down."""

    site: str
    layers: tuple[Layer, ...]
    hypodermis_measured: bool
    skin: str = "typical"
    papillary_boundary_mm: tuple[float, float] = (math.nan, math.nan)

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

    def layer_at(self, depth_mm: float) -> str:
        """The layer holding ``depth_mm`` (unchecked: :func:`layer_at` checks the input);
        a boundary belongs to the deeper layer, anything at or below the bottom to the last."""
        return next((la.name for la in self.layers if depth_mm < la.bottom_mm),
                    self.layers[-1].name)

    def boundaries_mm(self) -> list[float]:
        """Depths of the surface, every layer boundary and the bottom."""
        return [self.layers[0].top_mm] + [layer.bottom_mm for layer in self.layers]


# --- input checks -------------------------------------------------------------------
@checked
def sites() -> list[str]:
    """Return every site with rows in ``layer_thickness.csv``, in the table's order.

    The table lists the face first, then the body, each from head to toe; a site is
    added to the course by adding its rows there (and nowhere else).
    """
    return list(dict.fromkeys(row["site"] for row in read_table("layer_thickness")))


@checked
def check_site(site: str) -> str:
    """Return the canonical name of ``site`` or raise ``ValueError`` naming the valid sites."""
    name = " ".join(site.lower().split()) if isinstance(site, str) else site
    return choice("site", name, sites())


@checked
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


@checked
def measurements(site: str, layer: str | None = None) -> list[Measurement]:
    """Return every reported thickness at ``site`` (optionally of one ``layer``), all methods."""
    name = check_site(site)
    if layer is not None:
        choice("layer", layer, MEASURED_LAYERS, plural="measured layers")
    return [m for m in _measurements() if m.site == name and (layer is None or m.layer == layer)]


@checked
def layer_value(site: str, layer: str) -> LayerValue | None:
    """The model's value of a measured ``layer`` at ``site``, or None where no row is used.

    The rows marked ``use`` are pooled, and only those measured at the site itself when
    there are any; where those are all ultrasound, the histology rows that cover the site
    (borrowed) are pooled with them. The value is the middle of the span from the lowest to
    the highest report, and that span is the layer's range.
    """
    name = check_site(site)
    choice("layer", layer, MEASURED_LAYERS)
    used = [m for m in measurements(name, layer) if m.use]
    if not used:
        return None
    here = [m for m in used if m.at_site]
    chosen = tuple(here or used)
    if here and all(not m.method.startswith("histology") for m in here):
        # Ultrasound alone does not set a layer: it reads facial skin thinner than histology
        # does, so the region's histology (borrowed) joins the site's own rows.
        chosen += tuple(m for m in used if not m.at_site and m.method.startswith("histology"))
    low = min(m.low_um for m in chosen)
    high = max(m.high_um for m in chosen)
    return LayerValue((low + high) / 2, low, high, bool(here), chosen)


@checked
@functools.cache
def profile(site: str, skin: str = "typical") -> Profile:
    """Return the layered profile of ``site``.

    Parameters
    ----------
    site : str
        One of :func:`sites` (case and extra spaces are forgiven).
    skin : {"typical", "thin", "thick"}
        Build it from the model's values, or from the low or the high end of every
        reported range (the thinnest or thickest skin the sources report at the site).

    Returns
    -------
    Profile
        Five contiguous layers starting at 0 mm, each with the thickness used and the
        range reported for it (in mm), and the range the papillary–reticular boundary
        can take.

    Raises
    ------
    ValueError
        For an unknown site or skin; the message lists the valid ones.
    """
    name = check_site(site)
    choice("skin", skin, SKINS)
    sc, epi, derm, fat = (layer_value(name, layer) for layer in MEASURED_LAYERS)
    if sc is None or epi is None or derm is None:
        raise ValueError(f"{name}: layer_thickness.csv lacks a used stratum corneum, "
                         "epidermis or dermis row")
    mm = 1 / UM_PER_MM
    sc_mm, epi_mm, derm_mm = sc.pick(skin) * mm, epi.pick(skin) * mm, derm.pick(skin) * mm
    pap_mm = max(PAPILLARY_FRACTION * derm_mm, PAPILLA_HEIGHT_MM)
    derm_src = f"{derm.source};{PAPILLARY_SOURCE}"
    rule = (f"the upper {PAPILLARY_FRACTION:.0%} of the dermis (a rule of thumb; the boundary "
            "was not measured)")
    specs = [
        ("stratum corneum", sc_mm, sc.low_um * mm, sc.high_um * mm, sc.source,
         "pooled stratum corneum rows", sc),
        ("viable epidermis", epi_mm - sc_mm, (epi.low_um - sc.typical_um) * mm,
         (epi.high_um - sc.typical_um) * mm, f"{epi.source};{sc.source}",
         "whole epidermis minus stratum corneum [derived]", epi),
        ("papillary dermis", pap_mm, max(PAPILLARY_FRACTION * derm.low_um * mm,
                                         PAPILLA_HEIGHT_MM),
         PAPILLARY_FRACTION * derm.high_um * mm, derm_src, rule, derm),
        ("reticular dermis", derm_mm - pap_mm, (1 - PAPILLARY_FRACTION) * derm.low_um * mm,
         (1 - PAPILLARY_FRACTION) * derm.high_um * mm, derm_src,
         "the rest of the dermis below that boundary", derm),
    ]
    top = 0.0
    layers = []
    for layer_name, thick, low, high, source, basis, value in specs:
        layers.append(Layer(layer_name, top, top + thick, max(low, 0.0), high, source, basis,
                            borrowed=not value.measured_here))
        top += thick
    if fat is not None:
        layers.append(Layer("hypodermis", top, top + fat.pick(skin) * mm, fat.low_um * mm,
                            fat.high_um * mm, fat.source, "pooled hypodermis rows",
                            borrowed=not fat.measured_here))
    else:
        layers.append(Layer("hypodermis", top, max(PROFILE_FLOOR_MM, top + 0.5), math.nan,
                            math.nan, "", "thickness not measured at this site; drawn to "
                            f"{PROFILE_FLOOR_MM:g} mm", measured=False))
    dej = epi_mm
    boundary = (dej + max(PAPILLARY_FRACTION * derm.low_um * mm, PAPILLA_HEIGHT_MM),
                dej + PAPILLARY_FRACTION * derm.high_um * mm)
    return Profile(name, tuple(layers), hypodermis_measured=fat is not None, skin=skin,
                   papillary_boundary_mm=boundary)


@checked
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
    return profile(site).layer_at(check_depth(site, depth_mm))


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


@checked
@functools.cache
def skin_type(site: str) -> str:
    """Whether ``site`` is "hairy" (hair-bearing) or "glabrous" skin (palms, soles)."""
    name = check_site(site)
    return next(m.skin for m in _measurements() if m.site == name)


@checked
@functools.cache
def structures(site: str) -> tuple[Structure, ...]:
    """Return every structure the site's kind of skin holds, with its depth band, top to
    bottom. A structure the sources call absent in that skin is left out; one they call
    sparse is kept, with ``presence`` saying so."""
    prof = profile(site)
    skin = skin_type(site)
    found = []
    for row in read_table("structures"):
        presence = row[f"in_{skin}_skin"]
        if presence == "absent":
            continue
        top = _anchor_mm(prof, row["top_anchor"]) + float(row["top_offset_um"]) / UM_PER_MM
        bottom = (_anchor_mm(prof, row["bottom_anchor"])
                  + float(row["bottom_offset_um"]) / UM_PER_MM)
        if row["structure"] == "sebaceous glands":
            # Glands hang off follicles inside the dermis; on thin skin keep them there.
            bottom = min(bottom, prof.dermis_bottom_mm)
            top = min(top, bottom - 0.1)
        top, bottom = max(top, 0.0), min(bottom, prof.bottom_mm)
        found.append(Structure(row["structure"], top, bottom, row["evidence"], row["note"],
                               row["source"], presence))
    return tuple(sorted(found, key=lambda s: (s.top_mm, s.bottom_mm)))


@checked
def structures_at(site: str, depth_mm: float) -> list[str]:
    """Return the names of the structures whose depth band contains ``depth_mm`` at ``site``.

    Raises
    ------
    ValueError
        As :func:`layer_at`.
    """
    depth = check_depth(site, depth_mm)
    return [s.name for s in structures(site) if s.top_mm <= depth <= s.bottom_mm]


@checked
def format_profile(site: str) -> str:
    """Return the site's profile as a plain-text table (depths and ranges in µm).

    A value borrowed from another site or a pool is marked with an asterisk, and the
    papillary–reticular boundary is given as the range it can take.
    """
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
        mark = "*" if layer.borrowed else " "
        lines.append(f"{layer.name:<18} {layer.top_mm * UM_PER_MM:6.0f} {bottom} {thick}{mark}  "
                     f"{span}")
    low, high = prof.papillary_boundary_mm
    lines.append(f"The papillary–reticular boundary was not measured: it can lie anywhere from "
                 f"{low * UM_PER_MM:.0f} to {high * UM_PER_MM:.0f} µm here.")
    if any(layer.borrowed for layer in prof.layers):
        lines.append("* borrowed: not measured at this site (from another site or a pooled "
                     "value)")
    return "\n".join(lines)
