"""Measure how fast the course answers: ``make bench`` (not part of ``make test``).

Prints one table and writes every figure to ``bench-results.json`` (not committed):

* in-kernel update: a control set → new PNG ready, per explorer (median and p95 over
  >= 50 changes across the slider's range; the frame cache is emptied before each change,
  so every frame is drawn), against a naive baseline that builds a new figure for every
  change;
* end-to-end in JupyterLab in headless Chromium: key press on a slider → new image loaded,
  per explorer (>= 30 changes), against a plain ``ipywidgets.interact`` cell that makes a
  new pyplot figure every time;
* each notebook's execution time in a fresh kernel and the kernel's peak memory;
* one 60-day healing solve, and the import time of ``skinlab`` and of an explorer module.

Usage: python tools/bench.py [--no-browser] [--out bench-results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import nbformat
import numpy as np
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MIN_KERNEL_CHANGES = 50
BROWSER_CHANGES = 30


def summary(seconds: Sequence[float]) -> dict[str, float]:
    values = np.asarray(seconds) * 1000
    return {"median_ms": round(float(np.median(values)), 1),
            "p95_ms": round(float(np.percentile(values, 95)), 1), "n": len(values)}


# --- in the kernel --------------------------------------------------------------------
def _sweep(values: Sequence[float], count: int = MIN_KERNEL_CHANGES) -> list[float]:
    """``count`` values walking up and down ``values`` (so neighbours always differ)."""
    walk = list(values) + list(values)[-2:0:-1]
    return [walk[k % len(walk)] for k in range(max(count, len(values)))]


def kernel_cases() -> list[tuple[str, Callable, str, list, Callable]]:
    from skinlab import evidence
    from skinlab.explorers.evidence import EvidenceExplorer
    from skinlab.explorers.healing import CascadeExplorer, InflammationExplorer, SessionPlanner
    from skinlab.explorers.needles import NeedleDepthExplorer, PunctureDensityExplorer
    from skinlab.explorers.skin import SkinLayersExplorer

    return [
        ("skin layers: probe depth", SkinLayersExplorer, "probe",
         _sweep(range(0, 3001, 50)), lambda app: SkinLayersExplorer(
             site=app.site.value, probe_um=app.probe.value, enlarge=app.enlarge.value)),
        ("needle depth: needle length", NeedleDepthExplorer, "length",
         _sweep(np.arange(0.25, 2.51, 0.25).round(2)), lambda app: NeedleDepthExplorer(
             length_mm=app.length.value)),
        ("puncture density: passes", PunctureDensityExplorer, "passes",
         _sweep(range(1, 31)), lambda app: PunctureDensityExplorer(passes=app.passes.value)),
        ("healing cascade: day", CascadeExplorer, "day",
         _sweep(np.geomspace(0.02, 300, 60).round(3)), lambda app: CascadeExplorer(
             day=float(app.day.value))),
        ("inflammation: cortisol", InflammationExplorer, "cortisol",
         _sweep(range(0, 101, 5)), lambda app: InflammationExplorer(
             cortisol=float(app.cortisol.value))),
        ("session planner: interval", SessionPlanner, "interval",
         _sweep(range(3, 85)), lambda app: SessionPlanner(interval_days=app.interval.value)),
        ("evidence: indication", EvidenceExplorer, "indication",
         _sweep([i.name for i in evidence.indications()]),
         lambda app: EvidenceExplorer(app.indication.value)),
    ]


def kernel_updates() -> dict[str, dict]:
    results = {}
    for name, factory, control, values, naive in kernel_cases():
        app = factory()
        ours, baseline = [], []
        for value in values:
            app._frames.clear()  # measure drawing, not the frame cache
            start = time.perf_counter()
            getattr(app, control).value = value
            ours.append(time.perf_counter() - start)
        for value in values[:MIN_KERNEL_CHANGES]:
            getattr(app, control).value = value
            start = time.perf_counter()
            naive(app)  # a new figure, drawn in full, for this one change
            baseline.append(time.perf_counter() - start)
        results[name] = {"ours": summary(ours), "naive": summary(baseline)}
        results[name]["speed-up"] = round(results[name]["naive"]["median_ms"]
                                          / results[name]["ours"]["median_ms"], 1)
    return results


def healing_solve() -> dict[str, float]:
    from skinlab import healing

    times = []
    for _ in range(20):
        healing._inflammation.cache_clear()
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
BENCH_CELLS = [
    "from skinlab.explorers.skin import skin_layers_explorer\nskin_layers_explorer()",
    "from skinlab.explorers.needles import needle_depth_explorer\nneedle_depth_explorer()",
    "from skinlab.explorers.needles import puncture_density_explorer\n"
    "puncture_density_explorer()",
    "from skinlab.explorers.healing import cascade_explorer\ncascade_explorer()",
    "from skinlab.explorers.healing import inflammation_explorer\ninflammation_explorer()",
    "from skinlab.explorers.healing import session_planner\nsession_planner()",
    # The usual notebook pattern, for comparison: interact + a new pyplot figure each time.
    "%matplotlib inline\n"
    "import matplotlib.pyplot as plt\n"
    "from ipywidgets import interact\n"
    "from skinlab import anatomy\n"
    "from skinlab.diagrams.skin import draw_cross_section\n\n"
    "@interact(probe_um=(0, 3000, 50))\n"
    "def naive(probe_um=100):\n"
    "    fig, ax = plt.subplots(figsize=(9, 5.5))\n"
    "    draw_cross_section(ax, anatomy.profile('cheek'), anatomy.structures('cheek'),\n"
    "                       probe_mm=probe_um / 1000, enlarge=True)\n"
    "    plt.show()",
]
BROWSER_NAMES = ["skin layers: probe depth", "needle depth: needle length",
                 "puncture density: needles on the drum", "healing cascade: day",
                 "inflammation: cortisol", "session planner: sessions",
                 "naive interact (skin cross-section)"]

# Timestamps in the page: the key press (capture phase) and the load of the next image.
TIMING_JS = """(root) => {
    window.__bench = {down: 0, loaded: 0};
    root.addEventListener('keydown', () => { window.__bench.down = performance.now();
                                              window.__bench.loaded = 0; }, true);
    new MutationObserver((records) => {
        for (const r of records) {
            const nodes = r.type === 'attributes' ? [r.target] : [...r.addedNodes];
            for (const n of nodes) {
                const imgs = n.tagName === 'IMG' ? [n] : (n.querySelectorAll ?
                    [...n.querySelectorAll('img')] : []);
                for (const img of imgs) {
                    const mark = () => { if (!window.__bench.loaded)
                        window.__bench.loaded = performance.now(); };
                    if (img.complete) { img.decode().then(mark, mark); }
                    else { img.addEventListener('load', mark, {once: true}); }
                }
            }
        }
    }).observe(root, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ['src']});
}"""


def browser_updates() -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    from tests.browser import harness

    if not harness.chromium_path():
        return {"skipped": "no Chromium found (apt-get install chromium)"}
    nb = new_notebook(cells=[new_markdown_cell("benchmark")] + [new_code_cell(c)
                                                                for c in BENCH_CELLS],
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
            for name, output in zip(BROWSER_NAMES, outputs, strict=True):
                output.scroll_into_view_if_needed()
                output.evaluate(TIMING_JS)
                # The course's range inputs, or the ipywidgets slider of the naive cell.
                handle = output.locator(f"{harness.SLIDER_HANDLE}, .noUi-handle").first
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
                results[name] = summary(times)
            browser.close()
    naive = results["naive interact (skin cross-section)"]["median_ms"]
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
    print("In-kernel update (control set -> PNG ready), ms")
    print(f"{'explorer: control':<36}{'median':>8}{'p95':>8}{'naive':>8}{'speed-up':>10}")
    for name, r in results["kernel"].items():
        print(f"{name:<36}{r['ours']['median_ms']:>8}{r['ours']['p95_ms']:>8}"
              f"{r['naive']['median_ms']:>8}{r['speed-up']:>9}x")
    browser = results.get("browser", {})
    if "skipped" in browser:
        print(f"\nBrowser: {browser['skipped']}")
    elif browser:
        print("\nEnd to end in JupyterLab + Chromium (key press -> new image loaded), ms")
        print(f"{'explorer: control':<40}{'median':>8}{'p95':>8}{'naive/ours':>12}")
        for name, r in browser.items():
            print(f"{name:<40}{r['median_ms']:>8}{r['p95_ms']:>8}{r['naive/ours']:>11}x")
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
    parser = argparse.ArgumentParser(prog="tools/bench.py")
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
