"""Measure how fast the course answers: ``make bench`` (not part of ``make test``).

Prints one table and writes every figure to ``bench-results.json`` (not committed):

* in-kernel update: a control set → new frame ready, per explorer and control (median
  and p95 over >= 50 changes across the control's range; the frame cache is emptied
  before each change, so every frame is drawn), against a naive baseline that builds a
  new figure for every change; with the bytes each frame sends (median), beside what the
  same frame cost as a whole base64 PNG in an HTML string (the course before issue 20);
* end-to-end in JupyterLab in headless Chromium: key press on a slider → the frame
  painted on screen, per explorer (>= 30 changes), against a plain
  ``ipywidgets.interact`` cell that makes a new pyplot figure every time;
* a drag: 60 input events in one second on each slider, with the frames drawn and the
  lag from the last event to the last frame;
* each notebook's execution time in a fresh kernel and the kernel's peak memory;
* one 60-day healing solve, and the import time of ``skinlab`` and of an explorer module.

Usage: python -m tools.bench [--no-browser] [--out bench-results.json]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import nbformat
import numpy as np
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

MIN_KERNEL_CHANGES = 50
BROWSER_CHANGES = 30


def summary(seconds: Sequence[float]) -> dict[str, float]:
    values = np.asarray(seconds) * 1000
    return {"median_ms": round(float(np.median(values)), 1),
            "p95_ms": round(float(np.percentile(values, 95)), 1), "n": len(values)}


# --- in the kernel --------------------------------------------------------------------
def _sweep(values: Sequence, count: int = MIN_KERNEL_CHANGES) -> list:
    """``count`` values walking up and down ``values`` (so neighbours always differ)."""
    walk = list(values) + list(values)[-2:0:-1]
    return [walk[k % len(walk)] for k in range(max(count, len(values)))] if len(walk) > 1 \
        else list(values)


def _spread(values: list, most: int = 60) -> list:
    """At most ``most`` values spread evenly over ``values``, both ends kept."""
    if len(values) <= most:
        return values
    picks = np.linspace(0, len(values) - 1, most).round().astype(int)
    return [values[k] for k in dict.fromkeys(picks)]


def kernel_updates() -> dict[str, dict]:
    """Every control of every registered explorer, swept across its range."""
    from skinlab.explorers.registry import REGISTRY, build, control_values

    results = {}
    for name in REGISTRY:
        probe = build(name)
        for index, control in enumerate(probe.controls):
            label = control.description
            app = build(name)
            control = app.controls[index]
            if control.layout.display == "none":  # shown only for the other device
                continue
            values = _sweep(_spread(control_values(control)))
            ours, baseline, sent, before = [], [], [], []
            shown_base = app.image.base
            for value in values:
                app._frames.clear()  # measure drawing, not the frame cache
                start = time.perf_counter()
                control.value = value
                ours.append(time.perf_counter() - start)
                # What went to the page: the base when it changed, and the patch.
                base = app.image.base
                sent.append((len(base) if base != shown_base else 0) + len(app.image.patch))
                shown_base = base
                before.append(len(base64.b64encode(app.png)))
            for value in values[:MIN_KERNEL_CHANGES // 2]:
                control.value = value
                start = time.perf_counter()
                type(app).from_state(app.state())  # a new figure, drawn in full
                baseline.append(time.perf_counter() - start)
            key = f"{name}: {label}"
            results[key] = {"ours": summary(ours), "naive": summary(baseline),
                            "bytes_per_frame": int(statistics.median(sent)),
                            "bytes_before": int(statistics.median(before))}
            results[key]["speed-up"] = round(results[key]["naive"]["median_ms"]
                                             / max(results[key]["ours"]["median_ms"], 0.1), 1)
    return results


def healing_solve() -> dict[str, float]:
    from skinlab.models import healing

    times = []
    for _ in range(20):
        healing.clear_caches()
        start = time.perf_counter()
        healing.simulate_inflammation(60)
        times.append(time.perf_counter() - start)
    return summary(times)


def import_times() -> dict[str, float]:
    def wall(code: str) -> float:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    bare = wall("pass")
    return {"import skinlab (ms)": round((wall("import skinlab") - bare) * 1000, 1),
            "import skinlab.explorers.healing (ms)": round(
                (wall("import skinlab.explorers.healing") - bare) * 1000, 1)}


# VmHWM (peak resident memory) starts afresh at exec; ru_maxrss would carry over the
# peak of the process that forked the kernel.
PEAK_MEMORY_CELL = ("import pathlib\n"
                    "hwm = [l for l in pathlib.Path('/proc/self/status').read_text().splitlines()"
                    " if l.startswith('VmHWM')][0]\n"
                    "print('peak-rss-kb', hwm.split()[1])")


def notebooks() -> dict[str, dict]:
    results = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(new_code_cell(PEAK_MEMORY_CELL))
        client = NotebookClient(nb, kernel_name="python3", timeout=300,
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        client.execute()
        seconds = time.perf_counter() - start
        text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
        peak_kb = int(text.split()[-1])
        results[path.name] = {"execute_s": round(seconds, 2),
                              "kernel_peak_mb": round(peak_kb / 1024, 1)}
    return results


# --- in the browser -------------------------------------------------------------------
SLIDER_POSITION_JS = """h => h.matches('input') ?
    [Number(h.value), Number(h.min), Number(h.max)] :
    ['aria-valuenow', 'aria-valuemin', 'aria-valuemax'].map(a => Number(h.getAttribute(a)))"""
# The usual notebook pattern, for comparison: interact + a new pyplot figure each time.
NAIVE_CELL = (
    "%matplotlib inline\n"
    "import matplotlib.pyplot as plt\n"
    "from ipywidgets import interact\n"
    "from skinlab.diagrams.anatomy import cross_section_figure\n\n"
    "@interact(probe_um=(0, 3000, 50))\n"
    "def naive(probe_um=100):\n"
    "    fig, ax = plt.subplots(figsize=(9, 5.5))\n"
    "    from skinlab.diagrams.anatomy import draw_cross_section\n"
    "    from skinlab.models import anatomy\n"
    "    draw_cross_section(ax, anatomy.profile('cheek'), anatomy.structures('cheek'),\n"
    "                       probe_mm=probe_um / 1000, enlarge=True)\n"
    "    plt.show()"
)
NAIVE_NAME = "naive interact (skin cross-section)"


def bench_cells() -> list[tuple[str, str]]:
    """(name, code) of every registered explorer with a slider, then the naive cell."""
    from skinlab.explorers.controls import RangeSlider
    from skinlab.explorers.registry import REGISTRY, build

    cells = []
    for name in REGISTRY:
        slider = next((c for c in build(name).controls if isinstance(c, RangeSlider)), None)
        if slider is not None:
            cells.append((f"{name}: {slider.description}",
                          f"from skinlab.explorers.registry import build\nbuild({name!r})"))
    return [*cells, (NAIVE_NAME, NAIVE_CELL)]


# Timestamps in the page: the key press (capture phase) and the next frame on screen: a
# course figure view says when it has painted a frame; the naive cell's <img> loads.
TIMING_JS = """(root) => {
    window.__bench = {down: 0, loaded: 0, frames: []};
    const mark = () => { const now = performance.now();
                         window.__bench.frames.push(now);
                         if (!window.__bench.loaded) window.__bench.loaded = now; };
    root.addEventListener('keydown', () => { window.__bench.down = performance.now();
                                              window.__bench.loaded = 0; }, true);
    root.addEventListener('skinlab-frame', mark);
    new MutationObserver((records) => {
        for (const r of records) {
            const nodes = r.type === 'attributes' ? [r.target] : [...r.addedNodes];
            for (const n of nodes) {
                if (n.closest && n.closest('.skinlab-figure-view')) continue;
                const imgs = n.tagName === 'IMG' ? [n] : (n.querySelectorAll ?
                    [...n.querySelectorAll('img')] : []);
                for (const img of imgs) {
                    if (img.closest('.skinlab-figure-view')) continue;
                    if (img.complete) { img.decode().then(mark, mark); }
                    else { img.addEventListener('load', mark, {once: true}); }
                }
            }
        }
    }).observe(root, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ['src']});
}"""

# A drag: 60 input events in one second, sweeping the slider up and back, as a hand
# dragging the thumb would send them. Resolves with the time of the last event.
DRAG_JS = """(input) => new Promise((done) => {
    const low = Number(input.min), high = Number(input.max), step = Number(input.step) || 1;
    const positions = Math.max(1, Math.round((high - low) / step));
    let k = 0;
    window.__bench.frames = [];
    const timer = setInterval(() => {
        const phase = k / 59;  // 0 .. 1 and back: up for the first half, down after
        const share = phase <= 0.5 ? phase * 2 : 2 - phase * 2;
        input.value = String(low + Math.round(share * positions * 0.9) * step);
        input.dispatchEvent(new Event('input', {bubbles: true}));
        k += 1;
        if (k === 60) { clearInterval(timer); input.dispatchEvent(new Event('change',
            {bubbles: true})); done(performance.now()); }
    }, 1000 / 60);
})"""


def _key_presses(page, handle) -> dict[str, float]:
    """Key press -> frame on screen, over BROWSER_CHANGES presses after two warm-ups."""
    handle.focus()
    times = []
    key = "ArrowRight"
    for k in range(BROWSER_CHANGES + 2):  # the first two warm up
        now, low, high = handle.evaluate(SLIDER_POSITION_JS)
        if now >= high:
            key = "ArrowLeft"
        elif now <= low:
            key = "ArrowRight"
        handle.press(key)
        page.wait_for_function("() => window.__bench.loaded > 0", timeout=30_000)
        timing = page.evaluate("() => window.__bench")
        if k >= 2:
            times.append((timing["loaded"] - timing["down"]) / 1000)
        page.wait_for_timeout(150)  # let the slider settle between presses
    return summary(times)


QUIET_MS = 1500


def _drag(page, handle) -> dict[str, float]:
    """60 input events in one second; the frames drawn, and the lag from the last event
    to the last frame (waiting until no frame has come for QUIET_MS)."""
    last_event = handle.evaluate(DRAG_JS)
    deadline = time.monotonic() + 20
    seen = -1
    while time.monotonic() < deadline:
        page.wait_for_timeout(QUIET_MS)
        frames = page.evaluate("() => window.__bench.frames")
        if len(frames) == seen:
            break
        seen = len(frames)
    frames = page.evaluate("() => window.__bench.frames")
    lag = (max(frames) - last_event) if frames else float("nan")
    return {"drag_frames": len(frames), "drag_lag_ms": round(max(lag, 0.0), 1)}


def browser_updates() -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    from tools import browser as harness

    if not harness.chromium_path():
        return {"skipped": "no Chromium found (apt-get install chromium)"}
    cells = bench_cells()
    nb = new_notebook(cells=[new_markdown_cell("benchmark")] + [new_code_cell(code)
                                                                for _name, code in cells],
                      metadata={"kernelspec": {"name": "python3", "language": "python",
                                               "display_name": "Python 3"}})
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folder = harness.prepare_notebooks(base / "notebooks", extra={"bench.ipynb": nb})
        with harness.jupyterlab(base, folder) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=harness.chromium_path(),
                                                 args=harness.CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            harness.run_all_in_lab(page, server, "bench.ipynb")
            outputs = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-Cell-outputArea").all()
            for (name, _code), output in zip(cells, outputs, strict=True):
                output.scroll_into_view_if_needed()
                output.evaluate(TIMING_JS)
                # Every range input of a course explorer; the naive cell's one slider.
                handles = output.locator(harness.SLIDER_HANDLE).all() or \
                    [output.locator(".noUi-handle").first]
                for handle in handles:
                    if not handle.is_visible():
                        continue
                    label = (f"{name.split(':')[0]}: {harness._label(handle)}"
                             if name != NAIVE_NAME else name)
                    results[label] = _key_presses(page, handle)
                    if name != NAIVE_NAME:
                        results[label].update(_drag(page, handle))
            browser.close()
    naive = results[NAIVE_NAME]["median_ms"]
    for result in results.values():
        result["naive/ours"] = round(naive / result["median_ms"], 1)
    return results


# --- report ---------------------------------------------------------------------------
def machine() -> dict[str, str]:
    import matplotlib

    return {"cpu cores": str(os.cpu_count()), "python": platform.python_version(),
            "platform": platform.platform(), "matplotlib": matplotlib.__version__}


def print_report(results: dict) -> None:
    print(f"\nMachine: {results['machine']}\n")
    print("In-kernel update (control set -> frame ready), ms; bytes sent per frame")
    print(f"{'explorer: control':<48}{'median':>8}{'p95':>8}{'naive':>8}{'speed-up':>10}"
          f"{'bytes':>9}{'before':>9}")
    for name, r in results["kernel"].items():
        print(f"{name:<48}{r['ours']['median_ms']:>8}{r['ours']['p95_ms']:>8}"
              f"{r['naive']['median_ms']:>8}{r['speed-up']:>9}x{r['bytes_per_frame']:>9}"
              f"{r['bytes_before']:>9}")
    browser = results.get("browser", {})
    if "skipped" in browser:
        print(f"\nBrowser: {browser['skipped']}")
    elif browser:
        print("\nEnd to end in JupyterLab + Chromium (key press -> frame on screen), ms;"
              " drag: 60 events in 1 s")
        print(f"{'explorer: control':<48}{'median':>8}{'p95':>8}{'naive/ours':>12}"
              f"{'frames':>8}{'lag':>8}")
        for name, r in browser.items():
            print(f"{name:<48}{r['median_ms']:>8}{r['p95_ms']:>8}{r['naive/ours']:>11}x"
                  f"{r.get('drag_frames', ''):>8}{r.get('drag_lag_ms', ''):>8}")
    print("\nNotebooks (fresh kernel)")
    for name, r in results["notebooks"].items():
        print(f"{name:<28}{r['execute_s']:>6} s{r['kernel_peak_mb']:>8} MB peak")
    total = sum(r["execute_s"] for r in results["notebooks"].values())
    print(f"{'all notebooks':<28}{round(total, 1):>6} s")
    solve = results["healing_solve_60_days"]
    print(f"\nHealing model, one 60-day solve: median {solve['median_ms']} ms, "
          f"p95 {solve['p95_ms']} ms")
    for name, ms in results["imports"].items():
        print(f"{name}: {ms}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench-results.json"))
    args = parser.parse_args(argv)
    results = {"machine": machine(), "kernel": kernel_updates(),
               "healing_solve_60_days": healing_solve(), "imports": import_times(),
               "notebooks": notebooks()}
    if not args.no_browser:
        results["browser"] = browser_updates()
    Path(args.out).write_text(json.dumps(results, indent=2))
    print_report(results)
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
