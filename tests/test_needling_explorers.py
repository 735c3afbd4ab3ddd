"""Needle explorers driven through every control's range and option."""

from __future__ import annotations

import pytest

from skinlab.explorers.needling import (
    NeedleDepthExplorer,
    NeedleState,
    PunctureDensityExplorer,
    describe_reach,
)
from skinlab.models import anatomy, needling


@pytest.fixture(scope="module")
def depth_app():
    return NeedleDepthExplorer()


def test_depth_explorer_opens_on_a_teaching_state(depth_app):
    assert depth_app.state() == NeedleState("cheek", "roller", 0.5, True)
    assert depth_app.readout_text == describe_reach(needling.reach("cheek", "roller", 0.5))
    assert "likely range 0.10–0.39 mm" in depth_app.readout_text
    assert depth_app.png.startswith(b"\x89PNG")
    assert "0.5 mm roller needle" in depth_app.alt_text


def test_depth_slider_is_the_issues_grid(depth_app):
    assert (depth_app.length.min, depth_app.length.max, depth_app.length.step) == (0.25, 2.5,
                                                                                    0.25)
    assert depth_app.length.description == "Needle length (mm)"


def test_depth_explorer_every_site_device_and_length_extreme(depth_app):
    for site in anatomy.sites():
        depth_app.site.value = site
        for device in needling.DEVICES:
            depth_app.device.value = device
            texts, pngs = set(), set()
            for length in (depth_app.length.min, 1.0, depth_app.length.max):
                depth_app.length.value = length
                result = needling.reach(site, device, length)
                assert depth_app.readout_text == describe_reach(result)
                assert result.layer in depth_app.readout_text
                assert result.endpoint_text in depth_app.readout_text
                texts.add(depth_app.readout_text)
                pngs.add(depth_app.png)
            assert len(texts) == 3 and len(pngs) == 3, (site, device)


def test_depth_explorer_enlarge_changes_picture_only(depth_app):
    depth_app.site.value, depth_app.device.value, depth_app.length.value = "nose", "pen", 0.25
    depth_app.enlarge.value = True
    text, png = depth_app.readout_text, depth_app.png
    depth_app.enlarge.value = False
    assert depth_app.readout_text == text and depth_app.png != png


def test_depth_explorer_refuses_bad_start_values():
    with pytest.raises(ValueError, match=r"0\.25 to 2\.5"):
        NeedleDepthExplorer(length_mm=3.0)
    with pytest.raises(ValueError, match="Valid devices"):
        NeedleDepthExplorer(device="stamp")


@pytest.fixture(scope="module")
def density_app():
    return PunctureDensityExplorer()


def test_density_explorer_opens_on_the_standard_roller(density_app):
    assert (density_app.state().device, density_app.state().needles) == ("roller", 192)
    assert "15.3 punctures/cm² per pass" in density_app.readout_text
    assert density_app.roller_needles.layout.display is None
    assert density_app.speed.layout.display == "none"


def test_fifteen_roller_passes_give_the_literatures_figure(density_app):
    density_app.device.value = "roller"
    density_app.roller_needles.value = 192
    density_app.passes.value = 15
    assert "229 in all" in density_app.readout_text
    assert "after 15 passes: 229 /cm²" in density_app.figures_text(density_app.state())
    assert "after 15 passes: 229 /cm²" in density_app.figures.value
    density_app.passes.value = 1


def test_switching_device_shows_the_right_controls(density_app):
    density_app.device.value = "pen"
    assert density_app.speed.layout.display is None
    assert density_app.roller_needles.layout.display == "none"
    assert "no source gives typical values" in density_app.readout_text
    density_app.device.value = "roller"
    assert density_app.speed.layout.display == "none"


def test_every_density_control_at_min_and_max_changes_the_readout(density_app):
    for device, controls in (
        ("roller", ["roller_needles", "passes", "hole", "area"]),
        ("pen", ["pen_needles", "frequency", "speed", "width", "passes", "hole", "area"]),
    ):
        density_app.device.value = device
        for name in controls:
            control = getattr(density_app, name)
            start = control.value
            seen = set()
            for value in (control.min, control.max):
                control.value = value
                seen.add(density_app.readout_text)
            assert len(seen) == 2, (device, name)
            control.value = start


def test_density_readout_agrees_with_the_model():
    density_app = PunctureDensityExplorer()
    density_app.device.value = "pen"
    for name, value in (("pen_needles", 11), ("frequency", 90), ("speed", 10), ("width", 5),
                        ("passes", 2), ("hole", 100), ("area", 50)):
        getattr(density_app, name).value = value
    per_pass = needling.pen_density(11, 90, 10, 5)
    assert f"{per_pass:,.0f} punctures/cm² per pass" in density_app.readout_text
    assert "990 punctures/s" in density_app.readout_text
    opened = needling.perforated_fraction(2 * per_pass, 0.1)
    assert f"{opened:.1%} of the surface opened" in density_app.readout_text


def test_density_explorer_refuses_unknown_settings():
    with pytest.raises(ValueError, match="unknown setting"):
        PunctureDensityExplorer(rpm=7000)


def test_display_bundles_carry_text_and_static_image():
    for app, name in ((NeedleDepthExplorer(), "needle-depth explorer"),
                      (PunctureDensityExplorer(), "puncture-density explorer")):
        data, meta = app._repr_mimebundle_()
        assert data["text/plain"].startswith(f"[{name}]")
        assert "image/png" in data and meta["image/png"]["alt"] == app.alt_text


def test_models_run_once_per_state_change(monkeypatch):
    app = PunctureDensityExplorer()
    calls = []
    real = needling.roller_pattern
    monkeypatch.setattr(needling, "roller_pattern",
                        lambda *a, **k: calls.append(a) or real(*a, **k))
    app.passes.value = 7
    assert len(calls) == 1  # draw and describe share one computation
