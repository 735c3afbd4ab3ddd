"""Every state an explorer's controls can reach gives a picture and a reading.

Hypothesis draws any combination of every control of every registered explorer (so a new
explorer is covered the day it is listed in the registry) and sets them as a page would.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skinlab.explorers.registry import REGISTRY, build, control_values

APPS = {name: build(name) for name in REGISTRY}


@pytest.mark.parametrize("name", REGISTRY)
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_combination_of_controls_draws_a_frame_and_a_reading(name, data):
    app = APPS[name]
    for control in app.controls:
        values = control_values(control)
        control.value = data.draw(st.sampled_from(values), label=control.description)
    state = app.state()
    assert app.png[:8] == b"\x89PNG\r\n\x1a\n", state
    assert app.readout_text.strip() and app.alt_text.strip(), state


def test_every_control_lists_the_values_it_can_take():
    for app in APPS.values():
        for control in app.controls:
            values = control_values(control)
            assert values and len(values) == len(set(map(repr, values)))


# Up to this many controls every corner is drawn; beyond it (2^n grows too fast: the
# treatment planner has 13 controls, 8192 corners), every combination of ends of any
# three controls is (a strength-3 covering array of the corners).
ALL_CORNERS_UP_TO = 10


def corner_rows(n: int) -> list[tuple[int, ...]]:
    """Corners to draw for ``n`` controls, as 0 (first value) / 1 (last value) per control:
    all 2^n of them when ``n <= ALL_CORNERS_UP_TO``, else a set that holds every
    combination of ends of every three controls (built greedily, deterministically)."""
    import itertools
    import random

    if n <= ALL_CORNERS_UP_TO:
        return list(itertools.product((0, 1), repeat=n))
    triples = list(itertools.combinations(range(n), 3))
    uncovered = {(t, ends) for t in triples for ends in itertools.product((0, 1), repeat=3)}
    rows = [(0,) * n, (1,) * n]
    pick = random.Random(n)
    while True:
        for row in rows[-1:] if len(rows) > 2 else rows:
            uncovered -= {(t, tuple(row[i] for i in t)) for t in triples}
        if not uncovered:
            return rows
        pool = [tuple(pick.randint(0, 1) for _ in range(n)) for _ in range(200)]
        rows.append(max(pool, key=lambda row: sum(
            (t, tuple(row[i] for i in t)) in uncovered for t in triples)))


def test_the_corner_rows_cover_every_three_controls():
    import itertools

    for n in (3, ALL_CORNERS_UP_TO + 1, 13):
        rows = corner_rows(n)
        for triple in itertools.combinations(range(n), 3):
            seen = {tuple(row[i] for i in triple) for row in rows}
            assert len(seen) == 8, (n, triple)
    assert len(corner_rows(13)) < 40


@pytest.mark.parametrize("name", REGISTRY)
def test_every_corner_of_the_control_space_draws_a_frame_and_a_reading(name):
    # Random draws rarely reach the corners, where the audit found the density explorer
    # failing (pen, 36 needles, 150 Hz, 5 mm/s, a 2 mm strip, 30 passes). Try them: each
    # control at its first or last value (all 2^n corners for up to ten controls).
    app = APPS[name]
    ends = [(vals[0], vals[-1]) for vals in map(control_values, app.controls)]
    for row in corner_rows(len(ends)):
        corner = [end[i] for end, i in zip(ends, row, strict=True)]
        for control, value in zip(app.controls, corner, strict=True):
            control.value = value
        assert app.png[:4] == b"\x89PNG" and app.readout_text.strip(), corner
