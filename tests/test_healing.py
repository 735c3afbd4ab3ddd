"""The healing models: reference behaviour, invariants and input checks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from skinlab.data import fact
from skinlab.models import healing, needling

# Reference behaviour of the Cooper 2015 model (healing sheet, Part B: a LSODA run of the
# BioModels encoding) and the tolerances the course accepts (docs/models/healing.md).
NEUTROPHIL_PEAK_DAY, NEUTROPHIL_TOL_DAY = 0.76, 0.1
MACROPHAGE_PEAK_DAY, MACROPHAGE_TOL_DAY = 4.1, 0.3
DEBRIS_GONE_BY_DAY = 7.0


@pytest.fixture(scope="module")
def reference():
    return healing.simulate_inflammation(60)


def test_neutrophils_peak_near_day_0_8(reference):
    day, value = reference.peak("neutrophils")
    assert abs(day - NEUTROPHIL_PEAK_DAY) <= NEUTROPHIL_TOL_DAY
    assert value == pytest.approx(0.148, abs=0.005)


def test_macrophages_peak_near_day_4(reference):
    day, value = reference.peak("macrophages")
    assert abs(day - MACROPHAGE_PEAK_DAY) <= MACROPHAGE_TOL_DAY
    assert value == pytest.approx(0.27, abs=0.01)


def test_debris_follows_the_reference_run(reference):
    debris = [reference.at(d)["debris"] for d in (1, 3, 7)]
    assert debris == pytest.approx([0.87, 0.16, 0.004], abs=0.02)
    gone = reference.first_day_below("debris", 0.01)
    assert gone is not None and gone <= DEBRIS_GONE_BY_DAY
    assert reference.at(14)["macrophages"] == pytest.approx(0.02, abs=0.005)


def test_the_oestrogen_encoding_moves_the_neutrophil_peak_a_little():
    variant = healing.simulate_inflammation(20, encoding="oestrogen")
    day, _ = variant.peak("neutrophils")
    assert abs(day - 0.85) <= NEUTROPHIL_TOL_DAY
    with pytest.raises(ValueError, match="biomodels, oestrogen"):
        healing.simulate_inflammation(20, encoding="sbml")


def test_loose_tolerances_agree_with_a_tight_solve(reference):
    rhs = healing._inflammation_rhs(0.0, 0.0, "biomodels")
    tight = solve_ivp(rhs, (0, 60), list(healing.inflammation_start()), method="LSODA",
                      rtol=1e-9, atol=1e-12, dense_output=True).sol(reference.t)
    ours = np.vstack([reference.pathogen, reference.debris, reference.neutrophils,
                      reference.macrophages])
    assert np.abs(ours - tight).max() < 1e-3
    for k in (2, 3):
        assert abs(reference.t[ours[k].argmax()] - reference.t[tight[k].argmax()]) <= 0.1


def test_parameters_and_start_come_from_the_data_table():
    params = healing.inflammation_parameters()
    assert len(params) == 32
    assert params["k_mpt"] == 41.5 and params["c_m2"] == 13.06
    assert healing.inflammation_start() == (0.1, 2.0, 0.1, 0.0)


@settings(max_examples=25, deadline=None)
@given(scale=st.floats(1e-4, 4.0), cortisol=st.floats(0, 100), oestrogen=st.floats(0, 10))
def test_populations_stay_non_negative_and_finite(scale, cortisol, oestrogen):
    # The raw solution, before the module clips round-off: only solver noise far below
    # the tolerance may dip under zero.
    atol = healing.ATOL * min(1.0, scale)
    raw = healing._integrate(healing._inflammation_rhs(cortisol, oestrogen, "biomodels"),
                             healing._insult(scale), np.linspace(0, 30, 301), atol)
    assert np.all(np.isfinite(raw))
    assert raw.min() >= -healing.NEGATIVE_SLACK * atol
    result = healing.simulate_inflammation(30, injury_scale=scale, cortisol=cortisol,
                                           oestrogen=oestrogen)
    for name in ("pathogen", "debris", "neutrophils", "macrophages"):
        assert getattr(result, name).min() >= 0.0, name


def test_cortisol_delays_resolution_and_oestrogen_speeds_it(reference):
    base = reference.first_day_below("debris", 0.01)
    stressed = healing.simulate_inflammation(60, cortisol=50).first_day_below("debris", 0.01)
    boosted = healing.simulate_inflammation(60, oestrogen=2).first_day_below("debris", 0.01)
    assert stressed > base + 1 and boosted < base - 1


def test_a_smaller_injury_gives_a_smaller_neutrophil_wave():
    peaks = [healing.simulate_inflammation(30, injury_scale=s).peak("neutrophils")[1]
             for s in (0.001, 0.01, 0.1, 1.0)]
    assert peaks == sorted(peaks) and peaks[-1] > 30 * peaks[0]


def test_results_are_cached_and_read_only(reference):
    assert healing.simulate_inflammation(60) is reference
    with pytest.raises(ValueError):
        reference.neutrophils[0] = 1.0


def test_the_grid_is_fine_in_the_first_day(reference):
    assert reference.t[1] <= 1 / 1440 + 1e-12
    assert np.all(np.diff(reference.t) > 0)


@pytest.mark.parametrize("kwargs, name", [
    ({"days": -1}, "days"), ({"days": 0}, "days"), ({"days": math.nan}, "days"),
    ({"days": 1e4}, "days"), ({"injury_scale": 0}, "injury_scale"),
    ({"injury_scale": math.inf}, "injury_scale"), ({"cortisol": -1}, "cortisol"),
    ({"oestrogen": 11}, "oestrogen"), ({"cortisol": "high"}, "cortisol"),
])
def test_bad_inflammation_inputs_name_the_range(kwargs, name):
    with pytest.raises(ValueError, match=rf"{name} must be a number from \S+ to \S+"):
        healing.simulate_inflammation(**kwargs)


# --- the phase chain ----------------------------------------------------------------
def test_chain_matches_a_numerical_solve():
    a, b, c = healing.chain_rates_per_day()
    days = np.linspace(0, 200, 401)
    numeric = solve_ivp(lambda _t, y: [-a * y[0], a * y[0] - b * y[1], b * y[1] - c * y[2],
                                       c * y[2]], (0, 200), [1, 0, 0, 0], t_eval=days,
                        rtol=1e-10, atol=1e-12).y
    assert np.abs(healing.phase_fractions(days) - numeric).max() < 1e-6
    assert np.allclose(healing.phase_fractions(days).sum(axis=0), 1.0)


def test_chain_rates_give_the_sheets_peaks():
    days = np.linspace(0, 200, 200001)
    shares = healing.phase_fractions(days)
    assert days[shares[1].argmax()] == pytest.approx(0.74, abs=0.01)
    assert days[shares[2].argmax()] == pytest.approx(8.5, abs=0.1)
    assert days[np.argmax(shares[3] > 0.95)] == pytest.approx(68, abs=1)


def test_phase_on_walks_through_the_four_phases_in_order():
    days = np.concatenate([[0.0], np.geomspace(1e-3, healing.MAX_DAYS, 2000)])
    order = [healing.PHASES.index(healing.phase_on(float(d))) for d in days]
    assert order == sorted(order)
    assert set(order) == {0, 1, 2, 3}
    assert healing.phase_on(0) == "haemostasis"
    assert healing.phase_on(365) == "remodelling"


def test_phase_changes_fall_inside_the_sources_ranges():
    to_inflammation, to_proliferation, to_remodelling = healing.phase_changes()
    spans = {s.phase: s for s in healing.phase_spans()}
    assert spans["haemostasis"].end_day[0] <= to_inflammation <= spans["haemostasis"].end_day[1]
    assert spans["proliferation"].start_day[0] <= to_proliferation <= \
        spans["proliferation"].start_day[1]
    assert spans["remodelling"].start_day[0] <= to_remodelling <= spans["remodelling"].end_day[0]
    for day in healing.phase_changes():
        before, after = healing.phase_on(day - 0.002), healing.phase_on(day + 0.002)
        assert healing.PHASES.index(after) == healing.PHASES.index(before) + 1


@pytest.mark.parametrize("bad", [-0.1, math.nan, math.inf, 731, None, "3"])
def test_phase_on_refuses_bad_days(bad):
    with pytest.raises(ValueError, match="day must be a number from 0 to 730"):
        healing.phase_on(bad)


# --- repair -------------------------------------------------------------------------
def test_repair_model_reproduces_the_reference_run():
    run = healing.simulate_repair(60)
    assert run.peak("m1") == pytest.approx((2.1, 0.60), abs=0.15)
    assert run.peak("m2") == pytest.approx((9.3, 0.59), abs=0.3)
    assert run.peak("temporary_tissue") == pytest.approx((14.5, 2.3), abs=0.3)
    assert np.all(np.diff(run.accumulated_repair) >= 0)


# --- sessions -----------------------------------------------------------------------
@pytest.mark.parametrize("sessions, interval", [(1, 28), (3, 28), (4, 14), (6, 7), (8, 84)])
def test_each_session_starts_a_wave_on_its_day(sessions, interval):
    span = (sessions - 1) * interval + 60
    result = healing.simulate_sessions(sessions, interval, span)
    assert result.session_days == tuple(float(k * interval) for k in range(sessions))
    for day in result.session_days:
        before = result.activity_before(day)
        k = np.searchsorted(result.t, day)
        just_after = result.inflammatory_activity[k + 2]  # half a day later
        assert just_after > before, day
    # The wave after each session peaks inside its own stretch, a few days after the session.
    for day, (peak_day, _) in zip(result.session_days, result.wave_peaks(), strict=True):
        assert day < peak_day <= day + min(interval, 10)


def test_short_intervals_overlap_and_long_ones_separate():
    close = healing.simulate_sessions(3, 5, 100)
    apart = healing.simulate_sessions(3, 42, 150)
    assert close.activity_before(5) > 0.5 * close.wave_peaks()[0][1]
    assert apart.activity_before(42) < 0.1 * apart.wave_peaks()[0][1]


def test_accumulated_repair_adds_one_session_at_a_time():
    one = healing.simulate_sessions(1, 28, 365).accumulated_repair[-1]
    four = healing.simulate_sessions(4, 28, 365)
    assert four.accumulated_repair[-1] == pytest.approx(4 * one, rel=0.01)
    assert np.all(np.diff(four.accumulated_repair) >= -1e-12)


@pytest.mark.parametrize("args, message", [
    ((0, 28, 100), "sessions must be a whole number from 1 to 12"),
    ((2.5, 28, 100), "sessions must be a whole number from 1 to 12"),
    ((3, 0, 100), "interval_days must be a number from 1 to 180"),
    ((3, -7, 100), "interval_days must be a number from 1 to 180"),
    ((3, math.nan, 100), "interval_days must be a number from 1 to 180"),
    ((3, 28, -5), "days must be a number from 1 to 730"),
    ((4, 28, 84), r"days must be from 85 to 730, or sessions from 1 to 3"),
    ((12, 90, 730), r"sessions from 1 to 9"),
])
def test_bad_session_plans_name_the_valid_range(args, message):
    with pytest.raises(ValueError, match=message):
        healing.simulate_sessions(*args)


# --- needles to injury size ---------------------------------------------------------
def test_injury_scale_grows_with_depth_and_density():
    shallow = healing.injury_scale_for(0.25, 250)
    deep = healing.injury_scale_for(0.75, 250)
    dense = healing.injury_scale_for(0.75, 500)
    assert shallow < deep < dense <= 1
    assert healing.injury_scale_for(0.1, 1) == healing.LIMITS["injury_scale"][0]


def test_standard_roller_session_is_a_fraction_of_a_percent_of_the_reference_wound():
    roller = needling.standard_roller()
    density = needling.roller_density(roller.needles, roller.drum_width_mm,
                                      roller.drum_diameter_mm, 15)
    scale = healing.roller_session_scale(1.5, 15)
    opened = needling.perforated_fraction(density, 0.0707)
    assert scale == pytest.approx(opened * 0.75 / 2.0)
    assert 0.001 < scale < 0.01


@pytest.mark.parametrize("bad", [-0.1, 3.5, math.nan])
def test_injury_scale_refuses_bad_depths(bad):
    with pytest.raises(ValueError, match="effective_depth_mm must be a number from 0 to 3"):
        healing.injury_scale_for(bad, 250)


def test_presets_are_valid_injury_sizes():
    low, high = healing.LIMITS["injury_scale"]
    scales = [p.injury_scale for p in healing.injury_presets()]
    assert scales == sorted(scales, reverse=True)
    assert all(low <= s <= high for s in scales)


def test_timeline_data_is_ordered_and_cited():
    for event in healing.timeline_events():
        assert 0 <= event.day[0] <= event.day[1] <= 365, event
        assert event.evidence in ("verified", "recalled", "claim"), event
        assert event.source
    for span in healing.phase_spans():
        assert span.start_day[0] <= span.start_day[1] < span.end_day[0] <= span.end_day[1]
    assert [s.phase for s in healing.phase_spans()] == list(healing.PHASES)


def test_facts_lookup():
    found = fact("repaired_strength")
    assert (found.low, found.high, found.unit) == (80.0, 85.0, "% of unwounded skin")
    with pytest.raises(ValueError, match="repaired_strength"):
        fact("400 percent collagen")


def test_disputed_findings_keep_both_directions():
    collagen = healing.findings("collagen III")
    assert any("fell" in f.finding for f in collagen)
    assert any("rose" in f.finding or "more active" in f.finding for f in collagen)
    signals = healing.findings("inflammatory signals")
    assert {f.evidence for f in signals} == {"verified", "claim"}
    with pytest.raises(ValueError, match="collagen III, inflammatory signals, channel closure"):
        healing.findings("pores")


def test_findings_text_names_each_source():
    text = healing.findings_text("channel closure")
    assert text.count("\n") == len(healing.findings("channel closure")) - 1
    assert "Kelchen 2016" in text and "Brogden 2012" in text and "Gupta 2011" in text
