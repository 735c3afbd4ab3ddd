"""The skin-layer explorer driven through every site and across its slider."""

from __future__ import annotations

import pytest

from skinlab.explorers.anatomy import PROBE_MAX_UM, SkinLayersExplorer, SkinState, describe_depth
from skinlab.models import anatomy


@pytest.fixture(scope="module")
def app():
    return SkinLayersExplorer()


def test_starts_in_a_teaching_state(app):
    assert app.state() == SkinState("cheek", 100, True)
    assert app.readout_text.startswith("Cheek, 100 µm below the surface: papillary dermis")
    assert "capillary loops" in app.readout_text
    assert app.png.startswith(b"\x89PNG")
    assert app.image.alt == app.alt_text
    assert "cheek" in app.alt_text


def test_every_site_at_slider_min_max_and_a_sweep(app):
    for site in anatomy.sites():
        app.site.value = site
        seen_text, seen_png = set(), set()
        for depth in (app.probe.min, *range(0, PROBE_MAX_UM + 1, 250), app.probe.max):
            app.probe.value = depth
            assert app.readout_text == describe_depth(site, depth)
            assert anatomy.layer_at(site, depth / 1000) in app.readout_text
            seen_text.add(app.readout_text)
            seen_png.add(app.png)
        assert len(seen_text) >= 4 and len(seen_png) >= 4, site


def test_slider_is_bounded_to_the_modelled_depths(app):
    assert app.probe.min == 0
    assert app.probe.max <= min(anatomy.profile(s).bottom_mm for s in anatomy.sites()) * 1000
    app.probe.value = 10_000  # a student typing a huge value gets the maximum, not an error
    assert app.probe.value == app.probe.max


def test_enlarge_switch_changes_the_picture_not_the_reading(app):
    app.site.value, app.probe.value = "forearm", 50
    app.enlarge.value = True
    text, png = app.readout_text, app.png
    app.enlarge.value = False
    assert app.readout_text == text and app.png != png
    assert "to scale" in app.alt_text


def test_returning_to_a_state_reuses_the_cached_frame(app):
    app.site.value, app.probe.value, app.enlarge.value = "nose", 500, True
    first = app.png
    app.probe.value = 600
    app.probe.value = 500
    assert app.png == first


def test_controls_have_visible_labels_with_units():
    app = SkinLayersExplorer()
    assert app.probe.description == "Probe depth (µm)"
    assert app.site.description == "Body site"


def test_display_bundle_has_widget_static_image_with_alt_and_readable_text():
    app = SkinLayersExplorer()
    data, meta = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"].startswith("[skin-layer explorer] Cheek, 100 µm")
    assert meta["image/png"]["alt"] == app.alt_text


def test_bad_start_values_are_refused():
    with pytest.raises(ValueError, match="Valid sites"):
        SkinLayersExplorer(site="elbow")
    with pytest.raises(ValueError, match="0 to 3000"):
        SkinLayersExplorer(probe_um=-5)
