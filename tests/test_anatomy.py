"""The anatomy model: contiguous profiles, consistent look-ups, clear errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skinlab.models import anatomy, needling

SITES = anatomy.sites()
REQUIRED_SITES = {"forehead", "upper eyelid", "nose", "cheek", "upper lip", "chin", "jawline",
                  "neck", "chest", "back of hand", "forearm", "abdomen", "back", "thigh"}


def test_the_fourteen_course_sites_are_modelled():
    assert REQUIRED_SITES <= set(SITES)


@pytest.mark.parametrize("site", SITES)
def test_profile_is_ordered_contiguous_and_starts_at_the_surface(site):
    prof = anatomy.profile(site)
    assert [layer.name for layer in prof.layers] == list(anatomy.LAYERS)
    assert prof.layers[0].top_mm == 0.0
    for upper, lower in zip(prof.layers, prof.layers[1:], strict=False):
        assert lower.top_mm == pytest.approx(upper.bottom_mm, abs=1e-12)
    assert all(layer.thickness_mm > 0 for layer in prof.layers)
    assert np.all(np.diff(prof.boundaries_mm()) > 0)


@pytest.mark.parametrize("site", SITES)
def test_layer_at_agrees_with_profile_one_micrometre_either_side_of_each_boundary(site):
    prof = anatomy.profile(site)
    for upper, lower in zip(prof.layers, prof.layers[1:], strict=False):
        assert anatomy.layer_at(site, upper.bottom_mm - 0.001) == upper.name
        assert anatomy.layer_at(site, upper.bottom_mm + 0.001) == lower.name
    assert anatomy.layer_at(site, 0.0) == "stratum corneum"
    assert anatomy.layer_at(site, prof.bottom_mm) == "hypodermis"


@settings(max_examples=300, deadline=None)
@given(site=st.sampled_from(SITES), fraction=st.floats(0, 1))
def test_layer_at_returns_the_layer_whose_band_holds_the_depth(site, fraction):
    prof = anatomy.profile(site)
    depth = fraction * prof.bottom_mm
    name = anatomy.layer_at(site, depth)
    layer = prof.layer(name)
    assert layer.top_mm <= depth <= layer.bottom_mm


@settings(max_examples=200, deadline=None)
@given(site=st.sampled_from(SITES), a=st.floats(0, 1), b=st.floats(0, 1))
def test_deeper_never_means_a_shallower_layer(site, a, b):
    bottom = anatomy.profile(site).bottom_mm
    shallow, deep = sorted((a * bottom, b * bottom))
    order = anatomy.LAYERS.index
    assert order(anatomy.layer_at(site, shallow)) <= order(anatomy.layer_at(site, deep))


def test_typical_values_sit_inside_their_reported_ranges():
    for site in SITES:
        for m in anatomy.measurements(site):
            assert m.low_um <= m.typical_um <= m.high_um, (site, m.layer, m.method)


def test_every_site_has_a_used_row_for_every_required_layer():
    for site in SITES:
        for layer in ("stratum corneum", "epidermis", "dermis"):
            assert any(m.use for m in anatomy.measurements(site, layer)), (site, layer)


@pytest.mark.parametrize("site", SITES)
def test_a_layer_is_the_middle_of_the_span_of_the_rows_used_preferring_the_site(site):
    for layer in anatomy.MEASURED_LAYERS:
        value = anatomy.layer_value(site, layer)
        rows = [m for m in anatomy.measurements(site, layer) if m.use]
        if not rows:
            assert value is None
            continue
        here = [m for m in rows if m.at_site]
        chosen = here or rows
        if here and not any(m.method.startswith("histology") for m in here):
            # ultrasound alone never sets a layer: the region's histology joins it
            chosen = here + [m for m in rows if not m.at_site and m.method.startswith("histology")]
        assert value.rows == tuple(chosen) and value.measured_here == bool(here)
        assert value.low_um == min(m.low_um for m in chosen)
        assert value.high_um == max(m.high_um for m in chosen)
        assert value.typical_um == pytest.approx((value.low_um + value.high_um) / 2)


def test_ultrasound_epidermis_is_kept_but_never_used():
    echo = [m for s in SITES for m in anatomy.measurements(s, "epidermis")
            if m.method.startswith("HFUS")]
    assert echo and not any(m.use for m in echo)


def test_borrowed_values_are_marked_in_the_profile():
    cheek = anatomy.profile("cheek")
    assert cheek.layer("viable epidermis").borrowed  # a face-wide value
    assert not cheek.layer("reticular dermis").borrowed  # measured at the cheek
    assert not anatomy.profile("forearm").layer("viable epidermis").borrowed
    assert "* borrowed" in anatomy.format_profile("cheek")


def test_thin_and_thick_skin_come_from_the_ends_of_the_ranges():
    for site in SITES:
        thin, typical, thick = (anatomy.profile(site, skin)
                                for skin in ("thin", "typical", "thick"))
        assert thin.dermis_bottom_mm <= typical.dermis_bottom_mm <= thick.dermis_bottom_mm
    with pytest.raises(ValueError, match="Valid skins"):
        anatomy.profile("cheek", "wrinkled")


def test_the_papillary_boundary_range_holds_the_model_boundary_and_a_papilla():
    for site in SITES:
        prof = anatomy.profile(site)
        low, high = prof.papillary_boundary_mm
        assert low <= prof.layer("papillary dermis").bottom_mm <= high
        assert low - prof.epidermis_mm >= anatomy.PAPILLA_HEIGHT_MM - 1e-12


def test_the_facial_pattern_holds_eyelid_thinnest_dermis():
    face = SITES[:SITES.index("jawline") + 1]  # the table lists the face first
    dermis = {s: anatomy.profile(s).dermis_bottom_mm for s in face}
    assert min(dermis, key=dermis.get) == "upper eyelid"


def test_epidermis_is_thin_compared_with_dermis_everywhere():
    for site in SITES:
        prof = anatomy.profile(site)
        assert prof.epidermis_mm < 0.25 * (prof.dermis_bottom_mm - prof.epidermis_mm)


def test_papillary_dermis_is_the_documented_fraction_of_the_dermis():
    prof = anatomy.profile("cheek")
    dermis = prof.dermis_bottom_mm - prof.epidermis_mm
    assert prof.layer("papillary dermis").thickness_mm == pytest.approx(
        anatomy.PAPILLARY_FRACTION * dermis)


def test_hypodermis_ends_at_the_measured_fat_or_at_the_floor():
    assert anatomy.profile("forehead").layer("hypodermis").thickness_mm == pytest.approx(2.0)
    cheek = anatomy.profile("cheek")
    assert not cheek.hypodermis_measured and cheek.bottom_mm == anatomy.PROFILE_FLOOR_MM


def test_structures_at_the_junction_include_capillary_loops_everywhere():
    for site in SITES:
        prof = anatomy.profile(site)
        assert "capillary loops" in anatomy.structures_at(site, prof.epidermis_mm + 0.02)
        assert "capillary loops" not in anatomy.structures_at(site, prof.epidermis_mm / 2)


def test_deep_plexus_sits_at_the_dermis_hypodermis_junction():
    for site in SITES:
        prof = anatomy.profile(site)
        assert "deep vascular plexus" in anatomy.structures_at(site, prof.dermis_bottom_mm)


def test_structure_bands_lie_inside_the_profile():
    for site in SITES:
        prof = anatomy.profile(site)
        for s in anatomy.structures(site):
            assert 0 <= s.top_mm < s.bottom_mm <= prof.bottom_mm, (site, s.name)


def test_site_names_are_forgiving_about_case_and_spaces():
    assert anatomy.profile("  Upper   Eyelid ").site == "upper eyelid"


def test_unknown_site_lists_valid_sites_and_the_closest():
    with pytest.raises(ValueError, match=r"Did you mean 'cheek'\?.*Valid sites: forehead"):
        anatomy.profile("cheeks")
    with pytest.raises(TypeError, match="site must be a str, not NoneType"):
        anatomy.layer_at(None, 0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize("depth", [-0.001, -1, math.nan, math.inf, -math.inf])
def test_bad_depths_name_the_valid_range(depth):
    with pytest.raises(ValueError, match=r"from 0 to 4\.00 mm"):
        anatomy.layer_at("cheek", depth)
    with pytest.raises(ValueError, match=r"from 0 to"):
        anatomy.structures_at("cheek", depth)


@pytest.mark.parametrize("depth", ["deep", None, True])
def test_non_numbers_are_rejected(depth):
    with pytest.raises(ValueError, match="depth_mm"):
        anatomy.layer_at("cheek", depth)


def test_depth_below_the_profile_says_so():
    with pytest.raises(ValueError, match=r"below the modelled profile at the cheek.*not measured"):
        anatomy.layer_at("cheek", 4.5)
    with pytest.raises(ValueError, match="muscle and bone"):
        anatomy.layer_at("forehead", anatomy.profile("forehead").bottom_mm + 0.05)


def test_ultrasound_alone_does_not_set_the_cheek_and_a_15_mm_pen_stays_in_the_dermis():
    # The review's defect: a 1.5 mm pen passed the whole dermis at the cheek and forehead at
    # every point of its band, because the dermis came from one method at its low end.
    cheek = anatomy.layer_value("cheek", "dermis")
    assert {m.method.split(" ")[0] for m in cheek.rows} >= {"HFUS", "histology"}
    for site in ("cheek", "forehead"):
        reach = needling.reach(site, "pen", 1.5)
        assert reach.layers["typical"] == "reticular dermis", site
        assert reach.layers_by_skin["thin"] == "hypodermis"  # thin skin: it can pass
    assert needling.reach("upper eyelid", "pen", 1.5).layer == "hypodermis"  # thin eyelid
