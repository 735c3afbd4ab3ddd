"""The needling model: penetration, reach, endpoint, puncture density and patterns."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from skinlab.data import fact, read_table
from skinlab.models import anatomy, needling
from skinlab.models.needling import (
    effective_depth_mm,
    pen_density,
    perforated_fraction,
    reach,
    roller_density,
)

LENGTHS = [round(0.25 * k, 2) for k in range(1, 11)]  # the explorer's 0.25–2.5 mm grid
lengths = st.floats(min_value=0.01, max_value=needling.NOMINAL_MAX_MM)
devices = st.sampled_from(needling.DEVICES)


# --- penetration ----------------------------------------------------------------------
@given(lengths, devices)
def test_effective_depth_is_a_band_no_deeper_than_the_needle(length, device):
    low, typical, high = effective_depth_mm(length, device)
    assert 0 < low <= typical <= high <= length + 1e-12


def test_model_fractions_come_from_the_measured_studies():
    roller, pen = needling.penetration_model("roller"), needling.penetration_model("pen")
    studies = {r["study"]: r for r in read_table("penetration_studies")}
    assert roller.low == pytest.approx(float(studies["Kalluri 2011"]["fraction_low"]))
    assert roller.high == pytest.approx(float(studies["Donnelly 2011"]["fraction_high"]))
    assert pen.high == pytest.approx(float(studies["Sasaki 2019"]["fraction_high"]))
    # The measurements behind the bounds: 152.5 of 770 µm, 460 of 600 µm.
    assert 152.5 / 770 == pytest.approx(roller.low, abs=0.01)
    assert 460 / 600 == pytest.approx(roller.high, abs=0.01)
    # A pen goes in further than a roller, and neither is a single number.
    assert pen.typical > roller.typical and roller.low < roller.high and pen.low < pen.high


def test_roller_band_spans_the_literatures_range():
    low, typical, high = effective_depth_mm(1.0, "roller")
    assert (low, high) == pytest.approx((0.20, 0.77))
    assert low < typical < high


@pytest.mark.parametrize("bad", [0, -0.5, math.nan, math.inf, 3.5, "1", None, True])
def test_bad_needle_lengths_are_refused_naming_the_range(bad):
    with pytest.raises(ValueError, match="above 0 and at most 3 mm"):
        effective_depth_mm(bad, "pen")


@pytest.mark.parametrize("bad", ["stamp", "", "PENS"])
def test_unknown_devices_are_refused_naming_the_valid_ones(bad):
    with pytest.raises(ValueError, match="Valid devices: pen, roller"):
        effective_depth_mm(1.0, bad)
    with pytest.raises(TypeError, match="device must be a str, not NoneType"):
        effective_depth_mm(1.0, None)  # type: ignore[arg-type]


def test_device_names_forgive_case_and_spaces():
    assert effective_depth_mm(1.0, " Pen ") == effective_depth_mm(1.0, "pen")


# --- reach and endpoint ----------------------------------------------------------------
@pytest.mark.parametrize("site", anatomy.sites())
@pytest.mark.parametrize("device", needling.DEVICES)
def test_layer_reached_never_gets_shallower_as_the_needle_gets_longer(site, device):
    order = [anatomy.LAYERS.index(reach(site, device, length).layer) for length in LENGTHS]
    assert order == sorted(order), (site, device, order)
    for which in ("low", "high"):
        seq = [anatomy.LAYERS.index(reach(site, device, x).layers[which]) for x in LENGTHS]
        assert seq == sorted(seq)


def test_reach_uses_the_anatomy_models_layer_names_and_depths():
    result = reach("cheek", "pen", 1.0)
    assert result.layer == anatomy.layer_at("cheek", result.depth.typical_mm)
    assert result.layer in anatomy.LAYERS
    assert set(result.layers) == {"low", "typical", "high"}
    assert result.layers["typical"] == result.layer
    assert set(result.structures_at_tip) <= set(result.structures)


def test_structures_reached_are_those_that_start_above_the_tip():
    result = reach("back", "roller", 2.5)
    tip = result.depth.typical_mm
    expected = {s.name for s in anatomy.structures("back") if s.top_mm <= tip}
    assert set(result.structures) == expected
    assert "capillary loops" in result.structures


def test_endpoint_follows_the_layer_the_tip_ends_in():
    prof = anatomy.profile("cheek")
    dej = prof.epidermis_mm
    low, high = prof.papillary_boundary_mm
    assert needling.endpoint_at("cheek", dej * 0.5) == "none"
    assert needling.endpoint_at("cheek", dej) == "pinpoint"
    assert needling.endpoint_at("cheek", (dej + low) / 2) == "pinpoint"
    # Where the unmeasured boundary could lie, the model does not pretend to know.
    assert needling.endpoint_at("cheek", (low + high) / 2) == "uncertain"
    assert needling.endpoint_at("cheek", high + 0.01) == "more"
    assert needling.endpoint_at("cheek", prof.dermis_bottom_mm + 0.1) == "below"


def test_a_quarter_millimetre_roller_does_not_reach_the_dermis_everywhere():
    # The misconception notebook 2 takes on: at the low end of the roller band a 0.25 mm
    # needle stays in the epidermis on thicker-skinned sites.
    shallow = [s for s in anatomy.sites() if reach(s, "roller", 0.25).layers["low"]
               in ("stratum corneum", "viable epidermis")]
    assert "back of hand" in shallow and "neck" in shallow
    assert reach("back of hand", "roller", 0.25).endpoints["low"] == "none"


def test_endpoint_text_cites_its_sources():
    result = reach("cheek", "roller", 0.5)
    assert result.endpoint_text in {e.text for e in needling.endpoints().values()}
    assert "lima2013" in result.endpoint_source


def test_shortest_needle_to_reach_the_dermis_matches_a_direct_search():
    for site in ("upper eyelid", "back of hand"):
        length = needling.shortest_needle_to_reach(site, "roller", "papillary dermis")
        assert length is not None
        assert reach(site, "roller", length).layer != "viable epidermis"
        if length > 0.25:
            shorter = reach(site, "roller", length - 0.25).layer
            assert anatomy.LAYERS.index(shorter) < anatomy.LAYERS.index("papillary dermis")


def test_reach_refuses_unknown_sites_with_the_valid_list():
    with pytest.raises(ValueError, match="Did you mean 'cheek'"):
        reach("cheeks", "pen", 1.0)


# --- density ---------------------------------------------------------------------------
def test_standard_roller_reproduces_the_literature():
    roller = needling.standard_roller()
    assert (roller.needles, roller.rows) == (192, 8)
    per_pass = roller_density(192, roller.drum_width_mm, roller.drum_diameter_mm, 1)
    assert per_pass == pytest.approx(15.3, abs=0.05)
    after_15 = roller_density(192, 20, 20, 15)
    assert after_15 == pytest.approx(229, abs=1)
    stated = fact("roller_holes_after_15_passes").value
    assert abs(after_15 - stated) / stated < 0.1  # "about 250" in the source


def test_pen_examples_from_the_sources():
    assert needling.punctures_per_second(11, 90) == 990
    assert needling.punctures_per_second(6, 150) == 900
    assert pen_density(12, 100, 10, 5, 1) == pytest.approx(2400)  # the sheet's worked example


@given(st.integers(1, 1000), st.floats(1, 100), st.floats(1, 100), st.integers(1, 50))
def test_roller_density_scales_with_needles_and_passes(needles, width, diameter, passes):
    one = roller_density(needles, width, diameter, 1)
    assert roller_density(needles, width, diameter, passes) == pytest.approx(one * passes)
    if needles <= 500:
        assert roller_density(2 * needles, width, diameter, 1) == pytest.approx(2 * one)


@given(st.integers(1, 500), st.floats(1, 300), st.floats(0.5, 250), st.floats(0.5, 50),
       st.integers(1, 50))
def test_pen_density_scales_with_needles_passes_and_inverse_speed(n, f, v, w, passes):
    high = needling.LIMITS["density_per_cm2"][1]
    if 2 * n * f * passes / (v * w) * 100 > high:
        # the product of in-range settings can pass the modelled limit: refused by name
        with pytest.raises(ValueError, match="punctures per cm², beyond"):
            pen_density(2 * n, f, v, w, passes)
        return
    one = pen_density(n, f, v, w, 1)
    assert pen_density(n, f, v, w, passes) == pytest.approx(one * passes)
    assert pen_density(2 * n, f, v, w, 1) == pytest.approx(2 * one)
    assert pen_density(n, f, 2 * v, w, 1) == pytest.approx(one / 2)


def test_a_still_pen_is_an_error_that_explains_itself():
    with pytest.raises(ValueError, match="held still"):
        pen_density(12, 100, 0, 5)


@pytest.mark.parametrize("kwargs, name", [
    ({"needles": 0}, "needles"), ({"needles": -3}, "needles"), ({"needles": 2.5}, "needles"),
    ({"frequency_hz": 0}, "frequency_hz"), ({"frequency_hz": math.nan}, "frequency_hz"),
    ({"speed_mm_s": -1}, "speed_mm_s"), ({"width_mm": 0}, "width_mm"),
    ({"passes": 0}, "passes"), ({"passes": math.inf}, "passes"),
])
def test_bad_pen_settings_are_refused_naming_the_range(kwargs, name):
    settings = {"needles": 12, "frequency_hz": 100, "speed_mm_s": 10, "width_mm": 5,
                "passes": 1, **kwargs}
    with pytest.raises(ValueError, match=rf"{name} must be .* from .* to"):
        pen_density(**settings)


@pytest.mark.parametrize("kwargs", [{"needles": 0}, {"drum_width_mm": -1},
                                    {"drum_diameter_mm": math.nan}, {"passes": 0}])
def test_bad_roller_settings_are_refused(kwargs):
    settings = {"needles": 192, "drum_width_mm": 20, "drum_diameter_mm": 20, "passes": 1,
                **kwargs}
    with pytest.raises(ValueError, match="must be"):
        roller_density(**settings)


def test_perforated_fraction_matches_the_worked_examples():
    # ρ = 250/cm²: 70.7 µm holes ≈ 1.0 %, 100 µm ≈ 2.0 %, 250 µm ≈ 12 % (random overlap).
    assert perforated_fraction(250, 0.0707) == pytest.approx(0.0098, abs=0.0005)
    assert perforated_fraction(250, 0.1) == pytest.approx(0.0194, abs=0.0005)
    assert perforated_fraction(250, 0.25) == pytest.approx(0.115, abs=0.005)


@given(st.floats(0, 1e6), st.floats(0.01, 1.0))
def test_perforated_fraction_is_a_share_that_grows_with_density(rho, d):
    share = perforated_fraction(rho, d)
    assert 0 <= share <= 1
    assert perforated_fraction(rho * 0.5, d) <= share + 1e-12


def test_spacing_area_and_passes_helpers():
    assert needling.mean_spacing_mm(100) == pytest.approx(1.0)
    assert needling.punctures_over_area(229, 100) == pytest.approx(22_900)
    assert needling.passes_for_density(200, 15.28) == 14
    assert needling.passes_for_density(200, 200) == 1
    with pytest.raises(ValueError, match="above 0"):
        needling.mean_spacing_mm(0)
    with pytest.raises(ValueError, match="each pass must add"):
        needling.passes_for_density(200, 0)


# --- patterns ---------------------------------------------------------------------------
def test_roller_pattern_density_matches_the_formula_on_average():
    counts = [needling.roller_pattern(192, 20, 20, 15, seed=s).total for s in range(8)]
    assert np.mean(counts) == pytest.approx(roller_density(192, 20, 20, 15), rel=0.08)


def test_pen_pattern_density_matches_the_formula_and_stays_on_the_patch():
    pattern = needling.pen_pattern(12, 100, 20, 5, 3, seed=1)
    assert pattern.total == pytest.approx(pen_density(12, 100, 20, 5, 3), rel=0.05)
    pts = pattern.points_mm
    assert (pts >= 0).all() and (pts < pattern.patch_mm).all()


def test_single_roller_pass_is_a_lattice_with_the_drum_spacing():
    pts = needling.roller_pattern(192, 20, 20, 1, seed=3).points_mm
    xs = np.unique(np.round(pts[:, 0], 6))
    assert np.allclose(np.diff(xs), 20 / 8)  # rows 2.5 mm apart across the drum
    ys = np.sort(pts[np.isclose(pts[:, 0], xs[0]), 1])
    assert np.allclose(np.diff(ys), math.pi * 20 / 24)  # 24 needles round the drum


def test_dense_patterns_are_sampled_and_say_so():
    pattern = needling.pen_pattern(36, 150, 5, 2, 10, max_points=5000)
    assert pattern.sampled and pattern.drawn == 5000 and pattern.total > 5000


def test_patterns_are_repeatable():
    a = needling.pen_pattern(12, 100, 20, 5, 2, seed=4).points_mm
    b = needling.pen_pattern(12, 100, 20, 5, 2, seed=4).points_mm
    assert np.array_equal(a, b)


# --- data tables -------------------------------------------------------------------------
def test_device_presets_and_studied_lengths_load_with_their_gaps():
    names = {d.name for d in needling.devices()}
    assert {"standard dermaroller", "Exceed", "Dermapen (2012 model)"} <= names
    exceed = next(d for d in needling.devices() if d.name == "Exceed")
    assert exceed.stroke_hz == (100, 150) and exceed.depth_mm == (0.0, 1.9)
    rows = needling.studied_lengths()
    acne = [r for r in rows if r.indication == "acne scars"]
    assert any(r.low_mm == 1.5 and "median" in r.evidence for r in acne)
    assert any(r.low_mm is None for r in rows), "gaps must stay visible"


def test_face_zones_point_at_model_sites_and_are_marked_as_charts():
    zones = needling.face_zones()
    assert {z.zone for z in zones} >= {"forehead", "periorbital", "cheek", "nose", "perioral"}
    assert all(z.site in anatomy.sites() for z in zones)
    assert all("depth_charts" in z.source for z in zones)
    cheek = next(z for z in zones if z.zone == "cheek")
    assert cheek.chart_mm == (0.5, 2.0)


def test_unknown_fact_names_the_known_ones():
    with pytest.raises(ValueError, match="roller_holes_after_15_passes"):
        fact("holes")


def test_patterns_too_large_to_build_are_sampled_without_building_them():
    # The audit: pen_pattern(1000, 300, 0.5, 0.5, 100) was killed for memory. In-range
    # settings whose product the course still models are sampled in small batches.
    import resource
    import time

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    pattern = needling.pen_pattern(50, 300, 0.5, 0.5, 10)  # 6e7 per cm²
    assert time.perf_counter() - start < 2
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 200  # MB
    assert pattern.sampled and pattern.drawn == needling.MAX_DRAWN
    assert pattern.total == round(needling.pen_density(50, 300, 0.5, 0.5, 10))
    assert ((pattern.points_mm >= 0) & (pattern.points_mm < pattern.patch_mm)).all()
    with pytest.raises(ValueError, match="punctures per cm², beyond"):
        needling.pen_pattern(1000, 300, 0.5, 0.5, 100)


@pytest.mark.parametrize("option, value", [("patch_mm", 0), ("max_points", 0),
                                           ("seed", -1), ("patch_mm", math.nan)])
def test_pattern_options_are_checked(option, value):
    with pytest.raises(ValueError, match=rf"{option} must be"):
        needling.roller_pattern(192, 20, 20, 1, **{option: value})
