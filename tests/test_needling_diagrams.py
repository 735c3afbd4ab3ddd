"""Needle painters show what the model says: checked through their artists."""

from __future__ import annotations

import numpy as np
import pytest

from skinlab.data import read_table
from skinlab.diagrams import new_figure
from skinlab.diagrams.anatomy import draw_cross_section
from skinlab.diagrams.needling import (
    BAND_X,
    draw_face_zones,
    draw_needle_overlay,
    draw_penetration_chart,
    draw_puncture_patch,
    draw_studied_lengths,
    face_zones_figure,
    penetration_figure,
    update_needle,
    update_puncture_patch,
)
from skinlab.models import anatomy, needling


def _needle_axes(site="cheek", enlarge=False):
    fig = new_figure(9, 6, layout=None, scaled=False)
    fig.subplots_adjust(left=0.13, right=0.68, top=0.86, bottom=0.2)
    section = draw_cross_section(fig.add_subplot(), anatomy.profile(site),
                                 anatomy.structures(site), enlarge=enlarge)
    return section, draw_needle_overlay(section)


def _update(overlay, result, **options):
    # The painter draws what it is given: the site's profile and structures come along.
    update_needle(overlay, result, anatomy.profile(result.site),
                  anatomy.structures(result.site), **options)


def test_band_and_lines_sit_at_the_models_depths():
    section, overlay = _needle_axes(enlarge=False)  # to scale: drawing height = depth
    result = needling.reach("cheek", "roller", 1.5)
    _update(overlay, result)
    low, typical, high = result.depth
    assert overlay.band.get_y() == pytest.approx(low)
    assert overlay.band.get_height() == pytest.approx(high - low)
    assert overlay.band.get_x() == pytest.approx(BAND_X[0])
    assert overlay.nominal_line.get_ydata()[0] == pytest.approx(1.5)
    assert section.probe_line.get_ydata()[0] == pytest.approx(typical)
    assert section.needle.get_xy()[2][1] == pytest.approx(typical)
    assert overlay.nominal_needle.get_xy()[2][1] == pytest.approx(1.5)
    assert f"{low:.2f}–{high:.2f} mm" in overlay.band_text.get_text()
    assert result.endpoint_text in overlay.endpoint_text.get_text()
    assert section.highlighted == result.layer


def test_enlarged_view_maps_the_band_through_the_depth_map():
    section, overlay = _needle_axes(enlarge=True)
    result = needling.reach("cheek", "pen", 0.25)
    _update(overlay, result, enlarge=True)
    dm = section.depth_map
    assert dm.factor > 1
    assert overlay.band.get_y() == pytest.approx(dm(result.depth.low_mm))


def test_needle_update_makes_no_new_artists():
    section, overlay = _needle_axes()
    _update(overlay, needling.reach("cheek", "pen", 0.5))
    ax = section.ax
    before = (len(ax.patches), len(ax.lines), len(ax.texts))
    for site in ("upper eyelid", "back"):
        for length in (0.25, 2.5):
            _update(overlay, needling.reach(site, "roller", length))
    assert (len(ax.patches), len(ax.lines), len(ax.texts)) == before


def _patch_axes(pattern, hole_mm):
    fig = new_figure(6, 6.5, layout=None, scaled=False)
    fig.subplots_adjust(left=0.12, right=0.95, top=0.86, bottom=0.12)
    return draw_puncture_patch(fig.add_subplot(), pattern, hole_mm)


def test_patch_shows_every_hole_at_true_relative_size():
    pattern = needling.roller_pattern(192, 20, 20, 15)
    artists = _patch_axes(pattern, 0.1)
    assert np.array_equal(artists.holes.get_offsets(), pattern.points_mm)
    ax = artists.ax
    assert ax.get_xlim() == (0, 10) and ax.get_ylim() == (0, 10)
    # Marker diameter in points equals 0.1 mm at the axes' points-per-mm scale.
    side_pt = min(ax.get_position().width * 6, ax.get_position().height * 6.5) * 72
    assert np.sqrt(artists.holes.get_sizes()[0]) == pytest.approx(0.1 * side_pt / 10)
    assert f"{pattern.total:,} punctures" in artists.caption.get_text()


def test_patch_update_changes_holes_in_place_and_reports_sampling():
    artists = _patch_axes(needling.roller_pattern(192, 20, 20, 1), 0.1)
    n_collections = len(artists.ax.collections)
    dense = needling.pen_pattern(36, 150, 5, 2, 5, max_points=3000)
    update_puncture_patch(artists, dense, 0.25)
    assert len(artists.ax.collections) == n_collections
    assert len(artists.holes.get_offsets()) == 3000
    assert "random sample" in artists.caption.get_text()
    assert "250 µm" in artists.caption.get_text()


def test_penetration_chart_draws_the_models_bands_and_each_study():
    picture = penetration_figure()
    drawn = picture.artists
    roller_line = drawn["lines"][0]
    x, y = roller_line.get_data()
    assert np.allclose(y, [needling.effective_depth_mm(v, "roller").typical_mm for v in x])
    ids = {a.get_gid() for a in drawn["studies"]}
    assert {"Kalluri 2011", "Donnelly 2011", "Sasaki 2019", "Lam 2008"} <= ids
    kalluri = next(a for a in drawn["studies"] if a.get_gid() == "Kalluri 2011")
    assert kalluri.get_xydata()[0] == pytest.approx((0.77, 0.1525))
    assert "Kalluri 2011 at about 20 %" in picture.alt


def test_penetration_painter_draws_the_bands_it_is_given():
    ax = new_figure(7, 7, scaled=False).add_subplot()
    lengths = np.array([1.0, 2.0])
    bands = {"roller": np.array([[0.1, 0.2, 0.3], [0.2, 0.4, 0.6]]),
             "pen": np.array([[0.5, 0.6, 0.7], [1.0, 1.2, 1.4]])}
    drawn = draw_penetration_chart(ax, lengths, bands, read_table("penetration_studies"))
    assert list(drawn["lines"][0].get_ydata()) == [0.2, 0.4]
    assert list(drawn["lines"][1].get_ydata()) == [0.6, 1.2]


def test_studied_lengths_chart_shows_lengths_gaps_and_evidence():
    fig = new_figure(11, 6, scaled=False)
    ax = fig.add_subplot()
    rows = needling.studied_lengths()
    drawn = draw_studied_lengths(ax, rows)
    texts = [a.get_text() for a in drawn if hasattr(a, "get_text")]
    assert texts.count("length not retrieved") == sum(r.low_mm is None for r in rows)
    assert any("randomised controlled trial · Kumar 2018" in t for t in texts)
    review = [a for a in drawn if getattr(a, "get_gid", lambda: None)() == "hair loss"
              and len(a.get_xdata()) == 2]
    assert review and list(review[0].get_xdata()) == [0.5, 2.5]
    assert [t.get_text() for t in ax.get_yticklabels()] == [r.indication for r in rows]


def test_face_zones_are_labelled_in_words_not_colour_alone():
    picture = face_zones_figure()
    fig, drawn = picture.figure, picture.artists
    ax = fig.axes[0]
    labels = " ".join(t.get_text() for t in ax.texts)
    for zone in needling.face_zones():
        assert zone.zone in drawn
        assert zone.zone in labels
        end = anatomy.profile(zone.site).dermis_bottom_mm
        thin = anatomy.profile(zone.site, "thin").dermis_bottom_mm
        thick = anatomy.profile(zone.site, "thick").dermis_bottom_mm
        assert f"dermis ends {end:.2f} mm\n(studies: {thin:.2f}–{thick:.2f} mm)" in labels
    assert "charts 0.5–2 mm" in labels and "no chart value" in labels
    assert len(drawn["cheek"]) == 2  # both cheeks
    assert drawn["neck"][0].get_hatch()  # no value: hatched, not just blank
    assert "not evidence" in fig.axes[-1].get_ylabel()
    assert "cheek 0.5 to 2 mm" in picture.alt and "chin and neck have no chart" in picture.alt


def test_face_zone_painter_labels_the_depths_it_is_given():
    ax = new_figure(10, 8, scaled=False).add_subplot()
    zones = needling.face_zones()
    draw_face_zones(ax, zones, {z.zone: (9.99, 8.88, 11.11) for z in zones})
    text = " ".join(t.get_text() for t in ax.texts)
    assert text.count("dermis ends 9.99 mm\n(studies: 8.88–11.11 mm)") == len(zones)
