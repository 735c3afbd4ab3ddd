"""What the cross-section and comparison chart show, read from their artists."""

from __future__ import annotations

import numpy as np
import pytest

from skinlab.diagrams import new_figure, style
from skinlab.diagrams.anatomy import (
    BORROWED_FACE,
    GLYPHS,
    DepthMap,
    draw_cross_section,
    draw_site_comparison,
    update_cross_section,
)
from skinlab.models import anatomy


def section(site="cheek", probe=0.1, enlarge=True):
    ax = new_figure(9, 5.5, layout=None).add_subplot()
    return draw_cross_section(ax, anatomy.profile(site), anatomy.structures(site),
                              probe_mm=probe, enlarge=enlarge)


def test_to_scale_bands_match_the_profile_depths():
    sec = section(site="back", enlarge=False)
    prof = anatomy.profile("back")
    for layer in prof.layers:
        band = sec.bands[layer.name]
        assert band.get_y() == pytest.approx(layer.top_mm)
        assert band.get_y() + band.get_height() == pytest.approx(min(layer.bottom_mm, 3.0))
    assert sec.enlarge_note.get_text() == "All layers drawn to scale"


def test_enlarged_mode_stretches_only_the_epidermis_and_says_so():
    sec = section(site="cheek", enlarge=True)
    prof = anatomy.profile("cheek")
    factor = sec.depth_map.factor
    assert factor > 5
    assert sec.bands["viable epidermis"].get_height() == pytest.approx(
        factor * prof.layer("viable epidermis").thickness_mm)
    assert sec.bands["reticular dermis"].get_height() == pytest.approx(
        prof.layer("reticular dermis").thickness_mm)
    assert f"{factor:.0f}× taller" in sec.enlarge_note.get_text()


def test_ruler_labels_are_true_depths_in_mm_and_um():
    sec = section(site="cheek", enlarge=True)
    ax = sec.ax
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "1 mm" in labels and any(label.endswith("µm") for label in labels)
    dm = sec.depth_map
    for tick, label in zip(ax.get_yticks(), labels, strict=True):
        value_mm = float(label.split()[0]) / (1000 if label.endswith("µm") else 1)
        assert dm(value_mm) == pytest.approx(tick)


def test_probe_marks_its_depth_and_the_layer_it_is_in_is_highlighted():
    sec = section(site="forearm", probe=0.6, enlarge=False)
    assert sec.probe_line.get_ydata()[0] == pytest.approx(0.6)
    assert sec.needle.get_xy()[2][1] == pytest.approx(0.6)
    assert sec.highlighted == "reticular dermis"
    assert sec.bands["reticular dermis"].get_edgecolor()[:3] == pytest.approx(
        tuple(int(style.HIGHLIGHT[i:i + 2], 16) / 255 for i in (1, 3, 5)))
    assert sec.labels["reticular dermis"].get_text().startswith("▶")
    assert sec.probe_text.get_text() == "probe 600 µm"


def test_update_moves_artists_in_place_without_new_ones():
    sec = section()
    ax = sec.ax
    before = (len(ax.patches), len(ax.lines), len(ax.texts))
    ids = [id(a) for a in sec.artists()]
    update_cross_section(sec, anatomy.profile("back"), anatomy.structures("back"),
                         probe_mm=1.5, enlarge=False)
    assert (len(ax.patches), len(ax.lines), len(ax.texts)) == before
    assert [id(a) for a in sec.artists()] == ids
    assert sec.highlighted == "reticular dermis"
    assert sec.bands["hypodermis"].get_y() == pytest.approx(
        anatomy.profile("back").dermis_bottom_mm)


def test_every_structure_is_drawn_inside_its_band():
    sec = section(site="chest", enlarge=False)
    prof = anatomy.profile("chest")
    bands = {s.name: (s.top_mm, s.bottom_mm) for s in anatomy.structures("chest")}
    assert set(GLYPHS) - {"hair follicle"} <= set(bands)
    deep = sec.glyphs["deep vascular plexus"].get_ydata()
    assert np.nanmin(deep) >= bands["deep vascular plexus"][0] - 0.03
    assert np.nanmax(deep) <= bands["deep vascular plexus"][1] + 0.03
    loops = sec.glyphs["capillary loops"].get_ydata()
    assert np.nanmin(loops) >= prof.epidermis_mm - 1e-9
    legend = [t.get_text() for t in sec.ax.get_legend().get_texts()]
    sparse = {s.name for s in anatomy.structures("cheek") if s.presence == "sparse"}
    assert legend[:len(GLYPHS)] == [f"{n} (sparse here)" if n in sparse else n for n in GLYPHS]
    assert "papillary–reticular" in legend[-1]


def test_depth_map_is_identity_without_enlargement_and_monotone_with():
    prof = anatomy.profile("cheek")
    plain = DepthMap.for_profile(prof, 3.0, enlarge=False)
    assert plain(1.234) == pytest.approx(1.234)
    stretched = DepthMap.for_profile(prof, 3.0, enlarge=True)
    depths = np.linspace(0, 3, 301)
    assert np.all(np.diff(stretched(depths)) > 0)


def test_comparison_chart_shows_each_measurement_with_its_range():
    fig = new_figure(10, 6)
    ax_e, ax_d = fig.subplots(1, 2)
    rows = [m for s in anatomy.sites() for m in anatomy.measurements(s)]
    model_um = {(s, "dermis"): 1000.0 + k for k, s in enumerate(anatomy.sites())}
    drawn = draw_site_comparison(ax_e, ax_d, anatomy.sites(), rows, model_um)
    n_epi = sum(m.layer == "epidermis" for m in rows)
    assert len(drawn["epidermis"]) == n_epi
    assert [t.get_text() for t in ax_e.get_yticklabels()] == anatomy.sites()
    for container in drawn["dermis"] + drawn["epidermis"]:
        marker = container.lines[0]
        kind = marker.get_gid().split("|")[2]
        face = marker.get_mfc()
        assert (face == "white") == (kind == "unused")
        assert (face == BORROWED_FACE) == (kind == "borrowed")
    ticks = {line.get_gid().split("|")[0]: line.get_xdata()[0] for line in drawn["model"]}
    assert ticks == pytest.approx({s: v / 1000 for (s, _), v in model_um.items()})
    legend = [t.get_text() for t in ax_d.get_legend().get_texts()]
    assert {"histology", "HFUS"} <= set(legend)
    assert any("borrowed" in t for t in legend)


def test_fast_png_encoder_round_trips_the_pixels():
    import io

    import numpy as np
    from PIL import Image

    from skinlab.diagrams.canvas import encode_rgb_png

    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, size=(37, 53, 3), dtype=np.uint8)
    decoded = np.asarray(Image.open(io.BytesIO(encode_rgb_png(pixels))).convert("RGB"))
    assert np.array_equal(decoded, pixels)


def test_the_cross_section_names_its_site_even_when_two_sites_share_every_value():
    from skinlab.diagrams.anatomy import cross_section_figure
    from skinlab.models import anatomy as model

    chin, jaw = model.profile("chin"), model.profile("jawline")
    assert [la.bottom_mm for la in chin.layers[:4]] == [la.bottom_mm for la in jaw.layers[:4]]
    for site in ("chin", "jawline"):
        picture = cross_section_figure(site)
        assert picture.figure.axes[0].get_ylabel().endswith(site)
