"""Only the latest frame counts (issue 20): changes that arrive from the page while a
frame is being drawn are applied, and only the newest state is drawn; the last state is
always drawn. Changes made by code are drawn at once."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import time

from jupyter_client.manager import start_new_kernel

from skinlab.explorers.registry import build, control_values


def _counting(app) -> list:
    drawn = []
    draw = app.draw
    app.draw = lambda state: (drawn.append(state), draw(state))[1]
    return drawn


def _run(coroutine):
    # A fresh event loop in a thread of its own: the browser tests' Playwright keeps a
    # loop running in the main thread, where asyncio.run() is refused.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _page_sets(control, value) -> None:
    # What a comm message from the page does: ipywidgets applies it under its property
    # lock (kernel_bounded lets only the value through).
    control.set_state({"value": value})


def _page_moves(name: str, index: int, count: int, gap_s: float) -> tuple:
    """Move control ``index`` of a new ``name`` explorer through ``count`` new values from
    the page, ``gap_s`` apart, in a running loop; return the explorer, the values and
    the states drawn."""
    app = build(name)
    slider = app.controls[index]
    values = [v for v in control_values(slider) if v != slider.value][:count]
    drawn = _counting(app)

    async def moves() -> None:
        for value in values:
            _page_sets(slider, value)
            await asyncio.sleep(gap_s)  # the kernel goes back to its loop between messages
        await asyncio.sleep(0.2)

    _run(moves())
    return app, values, drawn


def test_a_burst_from_the_page_draws_only_its_last_state():
    app, values, drawn = _page_moves("session planner", 0, 6, 0)
    assert len(drawn) == 1 and getattr(drawn[0], "sessions", None) == values[-1]
    assert app.state() == drawn[0]
    assert str(values[-1]) in app.readout_text


def test_changes_further_apart_than_a_frame_are_each_drawn():
    _app, values, drawn = _page_moves("skin layers", 1, 4, 0.05)
    assert [s.probe_um for s in drawn] == values


def test_a_change_made_by_code_is_drawn_at_once_even_in_a_running_loop():
    app = build("skin layers")
    slider = app.controls[1]
    value = control_values(slider)[5]

    async def cell() -> str:
        slider.value = value  # a notebook cell setting a control
        return app.readout_text

    assert f"{value:g} µm" in _run(cell())


def test_a_failing_deferred_draw_is_reported_and_the_next_one_still_works():
    app = build("skin layers")
    slider = app.controls[1]
    good, bad = control_values(slider)[3:5]
    draw = app.draw

    def draw_or_fail(state):
        if state.probe_um == bad:
            raise RuntimeError("broken on purpose")
        draw(state)

    app.draw = draw_or_fail

    async def moves() -> None:
        _page_sets(slider, bad)
        await asyncio.sleep(0.05)
        assert "could not be drawn" in app.readout_text
        _page_sets(slider, good)
        await asyncio.sleep(0.05)

    _run(moves())
    assert "could not be drawn" not in app.readout_text and f"{good:g} µm" in app.readout_text


# --- in a real kernel -----------------------------------------------------------------
SETUP = """
import json
from skinlab.explorers.registry import build
app = build("session planner")
drawn = []  # the state each frame shown was made for (drawn, or from the frame cache)
_refresh = app.refresh
app.refresh = lambda: (_refresh(), drawn.append(app.frame.text))[0]
print(json.dumps({"comm": app.controls[0].comm.comm_id, "value": app.controls[0].value}))
"""
PROBE = "print(json.dumps({'drawn': drawn, 'value': app.state().sessions, "\
        "'reading': app.readout_text, 'expected': app.describe(app.state())[1]}))"


def _execute(client, code: str) -> str:
    msg_id = client.execute(code)
    printed = []
    while True:
        reply = client.get_iopub_msg(timeout=120)
        if reply["parent_header"].get("msg_id") != msg_id:
            continue
        if reply["msg_type"] == "stream":
            printed.append(reply["content"]["text"])
        elif reply["msg_type"] == "error":
            raise AssertionError("\n".join(reply["content"]["traceback"]))
        elif reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
            return "".join(printed)


def test_a_drag_sent_to_a_real_kernel_is_drawn_once_per_frame_and_ends_on_its_last_value():
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        opened = json.loads(_execute(client, SETUP).strip().splitlines()[-1])
        # Thirty updates back to back, as a dragged slider sends them; each redraw of the
        # session planner takes tens of milliseconds, so most arrive while one is drawn.
        values = [1 + (k % 8) for k in range(1, 31)]
        for value in values:
            client.shell_channel.send(client.session.msg("comm_msg", {
                "comm_id": opened["comm"],
                "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}}))
        # The probe is a cell: it runs after the queued updates, and the deferred draw
        # of the last one follows within a few milliseconds.
        result = {}
        for _ in range(60):
            result = json.loads(_execute(client, PROBE).strip().splitlines()[-1])
            if result["drawn"] and result["drawn"][-1] == result["expected"]:
                break
            time.sleep(0.5)
        # The last value is the state, and the frame on show was made for it.
        assert result["value"] == values[-1]
        assert result["drawn"][-1] == result["expected"] == result["reading"]
        assert len(result["drawn"]) < len(values) // 2, len(result["drawn"])
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_the_evidence_questions_are_drawn_ahead_while_the_kernel_is_idle():
    async def idle():
        # Made and shown inside a running loop, as in a kernel: drawing ahead starts.
        app = build("evidence")
        wanted = list(app.prefetch_states())
        for _ in range(300):
            await asyncio.sleep(0.1)
            if all(state in app._frames for state in wanted):
                break
        return app, wanted

    app, wanted = _run(idle())
    assert len(wanted) > 6 and all(state in app._frames for state in wanted)
    drawn = _counting(app)
    for question in app.question.options[-3:]:
        app.question.value = question[1]
    assert drawn == [], "a question drawn ahead costs no drawing when chosen"
