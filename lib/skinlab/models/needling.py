"""Needles in skin: how deep they really go, what they reach, and how dense the punctures are.

Penetration
    Effective depth = fraction × nominal needle length, with a low, typical and high
    fraction per device class read from ``data/penetration_model.csv``. The bounds come
    from measured studies; the typical value is a model choice between them.

Reach
    The effective depths are placed in the site's profile from :mod:`skinlab.models.anatomy`;
    the clinical endpoint follows from the layer the tip ends in (no blood from the
    avascular epidermis; pinpoint bleeding once the papillary capillary loops are cut).

Density
    A roller lays ``N / (π D W)`` punctures per cm² per pass; a gliding pen lays
    ``N f / (v w)``. Passes add. The share of surface opened by holes of diameter ``d``
    placed at random is ``1 − exp(−ρ π d² / 4)``.

All lengths are in mm unless a name says otherwise; densities are per cm².
``docs/models/needling.md`` states every assumption and what the model leaves out.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from skinlab.data import column, records
from skinlab.data.checks import checked, choice, number
from skinlab.models import anatomy

# The data tables this model reads (the notebooks' Sources cells list their references).
TABLES: tuple[str, ...] = (
    "penetration_model", "penetration_studies", "devices", "needle_lengths", "face_zones",
    "endpoints",
)

__all__ = [
    "DEVICES",
    "EXAMPLE_HOLE_UM",
    "EXAMPLE_PEN",
    "LIMITS",
    "MM2_PER_CM2",
    "NOMINAL_MAX_MM",
    "PATCH_MM",
    "TABLES",
    "DepthBand",
    "Device",
    "Endpoint",
    "FaceZone",
    "Pattern",
    "PenetrationModel",
    "Reach",
    "StandardRoller",
    "StudiedLength",
    "check_device",
    "check_nominal",
    "devices",
    "effective_depth_mm",
    "endpoint_at",
    "endpoints",
    "face_zones",
    "mean_spacing_mm",
    "passes_for_density",
    "pen_density",
    "pen_pattern",
    "penetration_model",
    "perforated_fraction",
    "punctures_over_area",
    "punctures_per_second",
    "reach",
    "roller_density",
    "roller_pattern",
    "shortest_needle_to_reach",
    "standard_roller",
    "studied_lengths",
]

DEVICES: tuple[str, ...] = ("pen", "roller")
NOMINAL_MAX_MM = 3.0  # the longest needles described for any device (pen tips to 3.0 mm)
# A worked example of pen inputs and channel width, shared by the puncture explorer's opening
# state and the treatment planner. No source gives typical glide speeds or strip widths, so
# these are the course's example inputs (the explorer says so), not measurements.
EXAMPLE_PEN = {"needles": 12, "frequency_hz": 100, "speed_mm_s": 20, "width_mm": 5}
EXAMPLE_HOLE_UM = 100
MM2_PER_CM2 = 100.0

# Bounds on device settings: wide enough for every device the sources describe and for
# "what if" play, narrow enough that a typo (1920 needles, 9000 Hz) is caught.
LIMITS: dict[str, tuple[float, float]] = {
    "needles": (1, 1000),
    "passes": (1, 100),
    "frequency_hz": (1, 300),
    "speed_mm_s": (0.5, 500),
    "width_mm": (0.5, 50),
    "drum_width_mm": (1, 100),
    "drum_diameter_mm": (1, 100),
    "needle_diameter_mm": (0.01, 1.0),
    "density_per_cm2": (0, 1e8),  # 1 µm spacing: past any device, within float sense
    "area_cm2": (0, 1e5),
}



@dataclass(frozen=True)
class Endpoint:
    """What a tip in a given layer predicts you would see, why, and the sources."""

    endpoint: str
    text: str
    why: str
    source: str


@checked
@functools.cache
def endpoints() -> dict[str, Endpoint]:
    """The endpoint rule (``data/endpoints.csv``), keyed "none", "pinpoint", "more", "below"."""
    return {e.endpoint: e for e in records(Endpoint, "endpoints")}


# --- input checks -------------------------------------------------------------------
def _check_number(name: str, value: object, *, integer: bool = False,
                  limits: tuple[float, float] | None = None, why: str = "") -> float:
    """:func:`skinlab.data.checks.number` with the range from ``LIMITS`` by default."""
    low, high = limits or LIMITS[name]
    return number(name, value, low, high, integer=integer, why=why)


@checked
def check_device(device: str) -> str:
    """Return ``device`` in canonical form ("pen" or "roller") or raise ``ValueError``."""
    name = device.strip().lower() if isinstance(device, str) else device
    return choice("device", name, DEVICES)


@checked
def check_nominal(nominal_mm: float) -> float:
    """Return the needle length as a float if it lies in (0, ``NOMINAL_MAX_MM``], else raise."""
    message = (f"nominal_mm must be a needle length above 0 and at most {NOMINAL_MAX_MM:g} mm, "
               f"got {nominal_mm!r}")
    try:
        length = number("nominal_mm", nominal_mm, 0.0, NOMINAL_MAX_MM)
    except ValueError:
        raise ValueError(message) from None
    if length == 0:
        raise ValueError(message)
    return length


# --- penetration --------------------------------------------------------------------
class DepthBand(NamedTuple):
    """Low, typical and high effective depth of a needle tip, in mm."""

    low_mm: float
    typical_mm: float
    high_mm: float


@dataclass(frozen=True)
class PenetrationModel:
    """Fractions of the nominal length that a device's needles go in."""

    device: str
    low: float = column("low_fraction")
    typical: float = column("typical_fraction")  # a model choice between the bounds
    high: float = column("high_fraction")
    basis: str
    source: str


@checked
@functools.cache
def penetration_model(device: str) -> PenetrationModel:
    """Return the penetration fractions used for ``device`` ("pen" or "roller")."""
    name = check_device(device)
    model = next(m for m in records(PenetrationModel, "penetration_model") if m.device == name)
    if not 0 < model.low <= model.typical <= model.high <= 1:
        raise ValueError(f"penetration_model.csv: {name} needs 0 < low <= typical <= high <= 1")
    return model


@checked
def effective_depth_mm(nominal_mm: float, device: str) -> DepthBand:
    """Return how deep a needle of ``nominal_mm`` is likely to go with ``device``.

    Parameters
    ----------
    nominal_mm : float
        Needle length or dial setting, above 0 and at most 3 mm.
    device : str
        "pen" (motor-driven, perpendicular strokes) or "roller" (drum rolled by hand).

    Returns
    -------
    DepthBand
        ``(low_mm, typical_mm, high_mm)``; every value is at most ``nominal_mm``.

    Raises
    ------
    ValueError
        For a length outside (0, 3] mm, NaN, or an unknown device.
    """
    length = check_nominal(nominal_mm)
    model = penetration_model(device)
    return DepthBand(model.low * length, model.typical * length, model.high * length)


# --- reach and endpoint -------------------------------------------------------------
@checked
def endpoint_at(site: str, depth_mm: float) -> str:
    """Return the endpoint key for a tip at ``depth_mm``: "none" (in the epidermis),
    "pinpoint" (past the junction, above where the papillary–reticular boundary can lie),
    "uncertain" (inside the range that unmeasured boundary can take), "more" (below it, in
    the reticular dermis) or "below" (past the dermis)."""
    depth = anatomy.check_depth(site, depth_mm)
    prof = anatomy.profile(site)
    low, high = prof.papillary_boundary_mm
    if depth < prof.epidermis_mm:
        return "none"
    if depth < low:
        return "pinpoint"
    if depth <= high:
        return "uncertain"
    if depth < prof.dermis_bottom_mm:
        return "more"
    return "below"


@dataclass(frozen=True)
class Reach:
    """What a needle reaches at one site: the depth band and what lies at each end of it."""

    site: str
    device: str
    nominal_mm: float
    depth: DepthBand
    layer: str
    layers: dict[str, str]
    structures: tuple[str, ...]
    structures_at_tip: tuple[str, ...]
    endpoint: str
    endpoints: dict[str, str]
    layers_by_skin: dict[str, str]

    @property
    def endpoint_text(self) -> str:
        """The predicted endpoint at typical depth, in words."""
        return endpoints()[self.endpoint].text

    @property
    def endpoint_why(self) -> str:
        """Why that endpoint is expected."""
        return endpoints()[self.endpoint].why

    @property
    def endpoint_source(self) -> str:
        """Citation keys behind the endpoint rule at the typical depth."""
        return endpoints()[self.endpoint].source


@checked
def reach(site: str, device: str, nominal_mm: float) -> Reach:
    """Return the layer, structures and endpoint a needle reaches at ``site``.

    Parameters
    ----------
    site : str
        One of :func:`skinlab.models.anatomy.sites`.
    device : str
        "pen" or "roller".
    nominal_mm : float
        Needle length, above 0 and at most 3 mm.

    Returns
    -------
    Reach
        ``layer`` is the layer at the typical depth (same names as
        :func:`skinlab.models.anatomy.layer_at`); ``layers`` and ``endpoints`` give the layer and
        endpoint key at the "low", "typical" and "high" depths; ``structures`` lists every
        structure the typical tip reaches into (its band starts above the tip), and
        ``structures_at_tip`` those the tip sits among; ``layers_by_skin`` gives the layer
        of the typical tip in the "thin" and "thick" skin the sources report at the site.
    """
    name = anatomy.check_site(site)
    band = effective_depth_mm(nominal_mm, device)
    depths = dict(zip(("low", "typical", "high"), band, strict=True))
    tip = band.typical_mm
    reached = tuple(s.name for s in anatomy.structures(name) if s.top_mm <= tip)
    return Reach(
        site=name, device=check_device(device), nominal_mm=float(nominal_mm), depth=band,
        layer=anatomy.layer_at(name, tip),
        layers={k: anatomy.layer_at(name, d) for k, d in depths.items()},
        structures=reached,
        structures_at_tip=tuple(anatomy.structures_at(name, tip)),
        endpoint=endpoint_at(name, tip),
        endpoints={k: endpoint_at(name, d) for k, d in depths.items()},
        layers_by_skin={skin: anatomy.profile(name, skin).layer_at(tip)
                        for skin in ("thin", "thick")},
    )


@checked
def shortest_needle_to_reach(site: str, device: str, layer: str, *, step_mm: float = 0.25,
                             which: str = "typical") -> float | None:
    """Return the shortest needle (on a ``step_mm`` grid up to 3 mm) whose tip reaches ``layer``.

    ``which`` picks the "low", "typical" or "high" depth. Returns None if no needle up to
    3 mm gets there.
    """
    if layer not in anatomy.LAYERS:
        raise ValueError(f"unknown layer {layer!r}; layers are: {', '.join(anatomy.LAYERS)}")
    if which not in ("low", "typical", "high"):
        raise ValueError(f"which must be 'low', 'typical' or 'high', got {which!r}")
    _check_number("step_mm", step_mm, limits=(0.01, NOMINAL_MAX_MM))
    target = anatomy.LAYERS.index(layer)
    steps = round(NOMINAL_MAX_MM / step_mm)
    for k in range(1, steps + 1):
        length = round(k * step_mm, 6)
        depth = getattr(effective_depth_mm(length, device), f"{which}_mm")
        if anatomy.LAYERS.index(anatomy.layer_at(site, depth)) >= target:
            return length
    return None


# --- puncture density ---------------------------------------------------------------
@checked
def roller_density(needles: int, drum_width_mm: float, drum_diameter_mm: float,
                   passes: int = 1) -> float:
    """Return punctures per cm² left by a roller: ``needles × passes / (π × D × W)``.

    Parameters
    ----------
    needles : int
        Needles on the drum (1 to 1000); the standard roller has 192.
    drum_width_mm, drum_diameter_mm : float
        Drum size in mm (1 to 100); the standard drum is 20 × 20 mm.
    passes : int
        Full passes over the same skin (1 to 100), assumed not to overlap hole for hole.

    Raises
    ------
    ValueError
        For any input outside its range, NaN, or a non-integer needle or pass count.
    """
    n = _check_number("needles", needles, integer=True, why="a roller needs needles")
    w = _check_number("drum_width_mm", drum_width_mm)
    d = _check_number("drum_diameter_mm", drum_diameter_mm)
    p = _check_number("passes", passes, integer=True)
    area_cm2 = math.pi * d * w / MM2_PER_CM2  # skin touched in one turn of the drum
    return _check_density(n * p / area_cm2)


@checked
def pen_density(needles: int, frequency_hz: float, speed_mm_s: float, width_mm: float,
                passes: int = 1) -> float:
    """Return punctures per cm² left by a gliding pen: ``needles × f × passes / (v × w)``.

    Parameters
    ----------
    needles : int
        Needles in the cartridge (1 to 1000).
    frequency_hz : float
        Strokes per second (1 to 300 Hz).
    speed_mm_s : float
        Glide speed across the skin (0.5 to 500 mm/s). No source gives a typical value.
    width_mm : float
        Width of the strip the cartridge covers (0.5 to 50 mm).
    passes : int
        Passes over the same skin (1 to 100).

    Raises
    ------
    ValueError
        For any input outside its range. A speed of zero is refused on purpose: a pen
        held still keeps stamping the same spot, so "punctures per cm²" has no meaning.
    """
    n = _check_number("needles", needles, integer=True, why="a cartridge needs needles")
    f = _check_number("frequency_hz", frequency_hz, why="a pen that does not stroke makes no holes")
    v = _check_number("speed_mm_s", speed_mm_s,
                      why="a pen held still stamps the same spot over and over, so the "
                          "density per cm² is undefined; glide it to spread the punctures")
    w = _check_number("width_mm", width_mm)
    p = _check_number("passes", passes, integer=True)
    per_mm2 = n * f * p / (v * w)
    return _check_density(per_mm2 * MM2_PER_CM2)


def _check_density(density: float) -> float:
    # Each setting may lie in its range while their product does not (1000 needles at
    # 300 Hz over a 0.5 mm strip at 0.5 mm/s): refuse the combination by name.
    high = LIMITS["density_per_cm2"][1]
    if density > high:
        raise ValueError(f"these settings give {density:.3g} punctures per cm², beyond the "
                         f"{high:g} per cm² the course models (holes 1 µm apart); choose "
                         "fewer needles, strokes or passes, or a faster or wider sweep")
    return density


@checked
def punctures_per_second(needles: int, frequency_hz: float) -> float:
    """Return how many punctures a pen makes each second: needles × strokes per second."""
    n = _check_number("needles", needles, integer=True)
    return n * _check_number("frequency_hz", frequency_hz)


@checked
def perforated_fraction(density_per_cm2: float, needle_diameter_mm: float) -> float:
    """Return the share of the surface opened by holes placed at random.

    ``1 − exp(−ρ a)`` with ``a = π d² / 4``: close to ``ρ a`` while holes rarely overlap,
    and never above 1 however many passes are made.

    Parameters
    ----------
    density_per_cm2 : float
        Punctures per cm² (0 to 1,000,000).
    needle_diameter_mm : float
        Diameter of each hole at the surface, 0.01 to 1 mm (the needle's diameter is an
        upper bound; a measured hole was 0.07 mm).
    """
    rho = _check_number("density_per_cm2", density_per_cm2)
    d = _check_number("needle_diameter_mm", needle_diameter_mm)
    hole_cm2 = math.pi * d * d / 4 / MM2_PER_CM2
    return 1.0 - math.exp(-rho * hole_cm2)


@checked
def mean_spacing_mm(density_per_cm2: float) -> float:
    """Return the centre-to-centre spacing of punctures on a square grid of that density.

    Random placement leaves nearest neighbours about half this far apart on average.
    """
    rho = _check_number("density_per_cm2", density_per_cm2)
    if rho == 0:
        raise ValueError("density_per_cm2 must be above 0 for a spacing to exist, got 0")
    return math.sqrt(MM2_PER_CM2 / rho)


@checked
def punctures_over_area(density_per_cm2: float, area_cm2: float) -> float:
    """Return the number of punctures over ``area_cm2`` of skin at ``density_per_cm2``."""
    return (_check_number("density_per_cm2", density_per_cm2)
            * _check_number("area_cm2", area_cm2))


@checked
def passes_for_density(target_per_cm2: float, per_pass_per_cm2: float) -> int:
    """Return the fewest whole passes that reach ``target_per_cm2`` at ``per_pass_per_cm2``."""
    target = _check_number("target_per_cm2", target_per_cm2, limits=(0, 1e6))
    per_pass = _check_number("per_pass_per_cm2", per_pass_per_cm2, limits=(1e-9, 1e6),
                             why="each pass must add punctures")
    return max(1, math.ceil(target / per_pass - 1e-9))


# --- puncture patterns -------------------------------------------------------------
PATCH_MM = 10.0  # a 1 cm² patch
PASS_ANGLES_DEG = (0.0, 90.0, 45.0, 135.0)  # passes change direction, as practice describes
MAX_DRAWN = 20_000
# Puncture candidates a pattern may build in memory at once (about 100 MB of arrays at the
# most). Past this, the pattern samples holes one by one instead of building them all: the
# audit found 1000 needles at 300 Hz over a 0.5 mm strip asking for gigabytes.
RAW_BUDGET = 1_000_000
PATTERN_LIMITS: dict[str, tuple[float, float]] = {
    "patch_mm": (0.1, 100.0),
    "max_points": (1, 1_000_000),
    "seed": (0, 2**32 - 1),
}


@dataclass(frozen=True)
class Pattern:
    """Puncture centres on a square patch of skin, in mm from its lower-left corner."""

    points_mm: np.ndarray
    patch_mm: float
    total: int
    sampled: bool

    @property
    def drawn(self) -> int:
        """How many punctures ``points_mm`` holds."""
        return len(self.points_mm)


def _on_patch(u: np.ndarray, v: np.ndarray, theta: float, patch_mm: float) -> np.ndarray:
    centre = patch_mm / 2
    x = centre + u * math.cos(theta) - v * math.sin(theta)
    y = centre + u * math.sin(theta) + v * math.cos(theta)
    keep = (x >= 0) & (x < patch_mm) & (y >= 0) & (y < patch_mm)
    return np.column_stack([x[keep], y[keep]])


def _lane_pattern(offsets_mm: np.ndarray, lane_mm: float, along_mm: float, passes: int,
                  patch_mm: float, rng: np.random.Generator, max_points: int,
                  mean_total: float) -> Pattern:
    """Lay ``passes`` sweeps of parallel lanes over the patch; each lane holds one line of
    holes per needle track, spaced ``along_mm`` apart.

    Every hole is built when they fit ``RAW_BUDGET``; otherwise holes are drawn one by one
    at random from the same lanes (each equally likely), never building the whole set,
    and ``total`` is the model's mean count on the patch, ``mean_total``.
    """
    radius = patch_mm * math.sqrt(0.5) + lane_mm  # every rotated sweep covers the patch
    count = int(2 * radius / along_mm) + 2
    lanes = math.ceil(2 * radius / lane_mm)
    raw = lanes * offsets_mm.size * count * passes
    sweeps = []
    for k in range(passes):
        theta = math.radians(PASS_ANGLES_DEG[k % len(PASS_ANGLES_DEG)])
        lane_starts = np.arange(-radius, radius, lane_mm) + rng.uniform(0, lane_mm)
        # Every needle of a drum ring or a cartridge strikes together: one phase per lane.
        sweeps.append((theta, lane_starts, rng.uniform(0, along_mm, size=lane_starts.size)))
    if raw <= RAW_BUDGET:
        chunks = []
        for theta, lane_starts, phase in sweeps:
            across = (lane_starts[:, None] + offsets_mm[None, :]).ravel()
            phases = np.repeat(phase, offsets_mm.size)
            along = -radius + phases[:, None] + along_mm * np.arange(count)[None, :]
            u = np.broadcast_to(across[:, None], along.shape).ravel()
            chunks.append(_on_patch(u, along.ravel(), theta, patch_mm))
        points = np.concatenate(chunks) if chunks else np.zeros((0, 2))
        total = len(points)
        if total > max_points:
            points = points[rng.choice(total, size=max_points, replace=False)]
        return Pattern(points, patch_mm, total, total > max_points)
    # Too many to build: each sweep holds the same number of holes on the patch, so draw
    # an equal share from each, a batch of candidates at a time.
    share = -(-max_points // passes)
    chunks = []
    for theta, lane_starts, phase in sweeps:
        kept = np.zeros((0, 2))
        while len(kept) < share:
            n = 2 * share
            lane = rng.integers(lane_starts.size, size=n)
            u = lane_starts[lane] + offsets_mm[rng.integers(offsets_mm.size, size=n)]
            v = -radius + phase[lane] + along_mm * rng.integers(count, size=n)
            kept = np.concatenate([kept, _on_patch(u, v, theta, patch_mm)])
        chunks.append(kept[:share])
    points = np.concatenate(chunks)[:max_points]
    return Pattern(points, patch_mm, round(mean_total), True)


def _check_pattern_options(patch_mm: float, seed: int, max_points: int) -> tuple[float, int,
                                                                                   int]:
    return (_check_number("patch_mm", patch_mm, limits=PATTERN_LIMITS["patch_mm"]),
            int(_check_number("seed", seed, integer=True, limits=PATTERN_LIMITS["seed"])),
            int(_check_number("max_points", max_points, integer=True,
                              limits=PATTERN_LIMITS["max_points"])))


@checked
def roller_pattern(needles: int, drum_width_mm: float, drum_diameter_mm: float,
                   passes: int = 1, *, rows: int = 8, patch_mm: float = PATCH_MM,
                   seed: int = 0, max_points: int = MAX_DRAWN) -> Pattern:
    """Return where a roller's punctures land on a ``patch_mm`` square.

    The drum carries ``rows`` rings of needles across its width; one turn prints each
    ring as a line of holes one circumference-share apart. Passes run at 0°, 90°, 45°
    and 135° in turn, each with a random start, so later passes fall between earlier
    holes. Beyond ``max_points`` holes a random sample is returned (``sampled`` is True).
    The pattern's mean density equals :func:`roller_density`.
    """
    density = roller_density(needles, drum_width_mm, drum_diameter_mm, passes)  # validates
    rows = int(_check_number("rows", rows, integer=True, limits=(1, needles)))
    patch_mm, seed, max_points = _check_pattern_options(patch_mm, seed, max_points)
    rng = np.random.default_rng(seed)
    offsets = (np.arange(rows) + 0.5) * drum_width_mm / rows
    along = math.pi * drum_diameter_mm * rows / needles
    return _lane_pattern(offsets, float(drum_width_mm), along, int(passes), patch_mm, rng,
                         max_points, density * patch_mm**2 / MM2_PER_CM2)


@checked
def pen_pattern(needles: int, frequency_hz: float, speed_mm_s: float, width_mm: float,
                passes: int = 1, *, patch_mm: float = PATCH_MM, seed: int = 0,
                max_points: int = MAX_DRAWN) -> Pattern:
    """Return where a gliding pen's punctures land on a ``patch_mm`` square.

    Each needle traces a line across the strip the cartridge covers, stamping every
    ``speed / frequency`` mm; the needles' tracks are spread evenly over the strip's
    width. Passes change direction as for :func:`roller_pattern`. The pattern's mean
    density equals :func:`pen_density`.
    """
    density = pen_density(needles, frequency_hz, speed_mm_s, width_mm, passes)  # validates
    patch_mm, seed, max_points = _check_pattern_options(patch_mm, seed, max_points)
    rng = np.random.default_rng(seed)
    offsets = (np.arange(int(needles)) + 0.5) * width_mm / needles
    along = speed_mm_s / frequency_hz
    return _lane_pattern(offsets, float(width_mm), along, int(passes), patch_mm, rng,
                         max_points, density * patch_mm**2 / MM2_PER_CM2)


# --- data tables ----------------------------------------------------------------------
def _pair(low: float | None, high: float | None) -> tuple[float, float] | None:
    return (low, high) if low is not None and high is not None else None


@dataclass(frozen=True)
class Device:
    """A device preset from the sources (one row of ``data/devices.csv``)."""

    name: str = column("device")
    kind: str
    needles: str
    stroke_hz_low: float | None
    stroke_hz_high: float | None
    depth_min_mm: float | None
    depth_max_mm: float | None
    needle_diameter_mm_low: float | None
    needle_diameter_mm_high: float | None
    drum_diameter_mm: float | None
    drum_width_mm: float | None
    rows: float | None
    evidence: str
    source: str

    @property
    def stroke_hz(self) -> tuple[float, float] | None:
        """Strokes per second (low, high), or None where no source gives them."""
        return _pair(self.stroke_hz_low, self.stroke_hz_high)

    @property
    def depth_mm(self) -> tuple[float, float] | None:
        """Needle lengths the device offers (shortest, longest), or None."""
        return _pair(self.depth_min_mm, self.depth_max_mm)


@checked
@functools.cache
def devices() -> tuple[Device, ...]:
    """Return the device presets described by the sources (``data/devices.csv``)."""
    return records(Device, "devices")


@dataclass(frozen=True)
class StandardRoller:
    """The roller the literature describes: needle count, rows and drum size."""

    needles: int
    rows: int
    drum_diameter_mm: float
    drum_width_mm: float
    needle_diameter_mm: tuple[float, float]
    source: str


@checked
@functools.cache
def standard_roller() -> StandardRoller:
    """Return the standard 192-needle roller from ``data/devices.csv``."""
    row = next(d for d in devices() if d.name == "standard dermaroller")
    return StandardRoller(int(row.needles), int(row.rows or 0), float(row.drum_diameter_mm or 0),
                          float(row.drum_width_mm or 0),
                          (float(row.needle_diameter_mm_low or 0),
                           float(row.needle_diameter_mm_high or 0)), row.source)


@dataclass(frozen=True)
class StudiedLength:
    """A needle length (or range) used in a published study for one indication."""

    indication: str
    low_mm: float | None = column("length_low_mm")  # None: not retrieved
    high_mm: float | None = column("length_high_mm")
    device: str
    schedule: str
    evidence: str
    source: str


@checked
@functools.cache
def studied_lengths() -> tuple[StudiedLength, ...]:
    """Return the needle lengths used in published studies, by indication (gaps included)."""
    return records(StudiedLength, "needle_lengths")


@dataclass(frozen=True)
class FaceZone:
    """A face zone, the depths circulating charts give for it, and the model's site."""

    zone: str
    site: str = column("model_site")
    chart_low_mm: float | None
    chart_high_mm: float | None
    chart_note: str
    regulatory_note: str
    source: str

    @property
    def chart_mm(self) -> tuple[float, float] | None:
        """The range circulating charts give (shallowest, deepest), or None."""
        return _pair(self.chart_low_mm, self.chart_high_mm)


@checked
@functools.cache
def face_zones() -> tuple[FaceZone, ...]:
    """Return the face zones with chart depths (non-peer-reviewed, for comparison only)."""
    zones = records(FaceZone, "face_zones")
    for zone in zones:
        anatomy.check_site(zone.site)  # a zone must point at a modelled site
    return zones
