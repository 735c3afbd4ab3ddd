"""Drive the course in a real browser: servers, a network guard and explorer drivers.

Used by the browser tests (``tests/browser``) and by ``make bench`` (``tools/bench.py``).
Chromium comes from the system (Debian's ``chromium``); Playwright's own download needs
the internet.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from skinlab.course import launch

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "build" / "test-artifacts"

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser",
                       "/usr/lib/chromium/chromium", "/usr/bin/google-chrome")
# Flags that keep Chromium off the network and away from any user profile.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LOCAL_PREFIXES = ("http://127.0.0.1", "file://", "data:", "blob:", "about:")

# JupyterLab user settings for tests: render every cell (windowing hides off-screen
# outputs) and never fetch news or check for updates.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "checkForUpdates": False, "fetchNews": "false", "doNotDisturbMode": True},
}

READOUT = ".skinlab-readout"
EXPLORER = ".widget-vbox:has(> .widget-html .skinlab-readout)"
SLIDER_HANDLE = ".skinlab-range input[type=range]"
UPDATE_TIMEOUT_MS = 15_000


def chromium_path() -> str | None:
    """The Chromium to use: ``SKINLAB_CHROMIUM``, a system Chromium, or None."""
    chosen = os.environ.get("SKINLAB_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def strip_outputs(source: Path, target: Path) -> None:
    """Copy a notebook without outputs, counts or widget state: the browser makes them."""
    nb = nbformat.read(source, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, target)


def _wait_for(url: str, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} within {timeout_s:.0f} s")


@dataclass
class Server:
    """A running JupyterLab or Voilà, its address and folder, and how to stop it."""

    base_url: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def url(self, path: str, **query: str) -> str:
        params = dict(query)
        if self.token:
            params["token"] = self.token
        tail = "&".join(f"{k}={v}" if v else k for k, v in params.items())
        return f"{self.base_url}/{path}" + (f"?{tail}" if tail else "")

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(self.url(path), method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def _start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(cmd, env=env, stdout=handle, stderr=subprocess.STDOUT,
                            start_new_session=True, cwd=ROOT)


def _private_dirs(base: Path) -> dict[str, str]:
    dirs = {
        "JUPYTER_CONFIG_DIR": base / "config", "JUPYTER_RUNTIME_DIR": base / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": base / "settings",
        "JUPYTERLAB_WORKSPACES_DIR": base / "workspaces", "IPYTHONDIR": base / "ipython",
        "SKINLAB_PROGRESS_DIR": base / "progress",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    return {k: str(v) for k, v in dirs.items()}


def prepare_notebooks(folder: Path, *, extra: dict[str, nbformat.NotebookNode] | None = None
                      ) -> Path:
    """Fill ``folder`` with output-free copies of the course notebooks (plus ``extra``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in NOTEBOOKS:
        strip_outputs(ROOT / "notebooks" / name, folder / name)
    for name, nb in (extra or {}).items():
        nbformat.write(nb, folder / name)
    return folder


@contextlib.contextmanager
def jupyterlab(base: Path, notebooks: Path) -> Iterator[Server]:
    """Start JupyterLab as ``make lab`` does, with private settings; stop it afterwards."""
    env = dict(os.environ, **_private_dirs(base))
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"])
    for name, value in LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value))
    token = secrets.token_urlsafe(16)
    port = launch.free_port(18900)
    cmd = launch.lab_command(port, notebooks, open_browser=False,
                             extra=["--LabApp.expose_app_in_browser=True",
                                    "--LabApp.news_url=None",
                                    "--ServerApp.shutdown_no_activity_timeout=0"])
    log = base / "jupyterlab.log"
    proc = _start(cmd, launch.lab_environment(token, env), log)
    server = Server(f"http://127.0.0.1:{port}", token, notebooks, proc, log)
    try:
        _wait_for(server.url("api/status"))
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def _voila_server(base: Path, cmd: list[str], env: dict[str, str], log_name: str,
                  notebooks: Path, port: int) -> Iterator[Server]:
    proc = _start(cmd, env, base / log_name)
    server = Server(f"http://127.0.0.1:{port}", "", notebooks, proc, base / log_name)
    try:
        _wait_for(server.url(""))
        yield server
    finally:
        server.stop()


def _test_env(base: Path) -> dict[str, str]:
    # SKINLAB_TRACEBACKS: a failing explorer shows the kernel's traceback to the test
    # (visitors of a real lecture get the message only).
    return dict(os.environ, SKINLAB_TRACEBACKS="1", **_private_dirs(base))


@contextlib.contextmanager
def voila(base: Path, notebooks: Path) -> Iterator[Server]:
    """Start Voilà as ``make present`` does (presenter mode, loopback); stop it afterwards."""
    port = launch.free_port(18950)
    cmd = launch.present_command(port, notebooks, open_browser=False)
    with _voila_server(base, cmd, launch.present_environment(_test_env(base)), "voila.log",
                       notebooks, port) as server:
        yield server


@contextlib.contextmanager
def slides_server(base: Path, notebooks: Path) -> Iterator[Server]:
    """Start the slide decks as ``make slides`` does (loopback); stop them afterwards."""
    from tools import slides

    slides.prepare()
    port = launch.free_port(18960)
    cmd = slides.command(port, notebooks, open_browser=False)
    with _voila_server(base, cmd, slides.environment(slides.DATA_DIR, _test_env(base)),
                       "slides.log", notebooks, port) as server:
        yield server


# --- pages ----------------------------------------------------------------------------
@dataclass
class PageWatch:
    """What a page did that a test should know about: console errors, outside requests."""

    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)


def watch(page, *, ignore_console: tuple[str, ...] = ()) -> PageWatch:
    """Record console errors and block (and record) every request that would leave
    the machine."""
    seen = PageWatch()

    def on_console(message) -> None:
        if message.type == "error" and not any(s in message.text for s in ignore_console):
            seen.console_errors.append(message.text)

    def on_route(route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            seen.outside_requests.append(url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught: {error}"))
    page.route("**/*", on_route)
    return seen


def screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot under build/test-artifacts (not committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# The notebook's kernel is connected and idle (the toolbar indicator says "idle" before
# a kernel exists, so ask the session itself).
KERNEL_IDLE_JS = """() => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    const ctx = panel && panel.sessionContext;
    const kernel = ctx && ctx.isReady && ctx.session && ctx.session.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""
# Every code cell shows an execution count (not "[ ]" or "[*]").
ALL_RUN_JS = """() => {
    const prompts = [...document.querySelectorAll(
        '.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')];
    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


def run_all_in_lab(page, server: Server, notebook: str, *, timeout_ms: int = 180_000) -> None:
    """Open ``notebook`` in JupyterLab, run every cell, and wait until all have run."""
    for session in server.api("GET", "api/sessions") or []:  # a fresh start every time
        try:
            server.api("DELETE", f"api/sessions/{session['id']}")
        except urllib.error.HTTPError as err:
            # A session whose kernel a test restarted can answer 500 while the kernel is
            # still coming back; its kernel is shut down instead, which is what matters.
            if err.code != 500:
                raise
            time.sleep(1)
            with contextlib.suppress(urllib.error.HTTPError):
                server.api("DELETE", f"api/kernels/{session['kernel']['id']}")
    page.goto(server.url(f"lab/tree/{notebook}", reset=""))
    page.wait_for_function(KERNEL_IDLE_JS, timeout=90_000)
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(ALL_RUN_JS, timeout=timeout_ms)
    page.wait_for_function(KERNEL_IDLE_JS, timeout=timeout_ms)


def error_outputs(page) -> list[str]:
    """Text of every error or stderr output in the page."""
    return page.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()


# --- explorers ------------------------------------------------------------------------
# The figure view records a digest of the frame it shows (its base and patch bytes and
# the patch's place) once the frame is painted; "" before the first paint.
FIGURE_VIEW = ".skinlab-figure-view"
IMAGE_DIGEST_JS = "(view) => view.dataset.digest || ''"


@dataclass
class Snapshot:
    readout: str
    image: str


def snapshot(explorer) -> Snapshot:
    """The explorer's readout text and a digest of the image it shows now."""
    view = explorer.locator(FIGURE_VIEW).first
    return Snapshot(explorer.locator(READOUT).inner_text(), view.evaluate(IMAGE_DIGEST_JS))


OVERLAY_ALIGNED_JS = """(view) => {
    const a = view.querySelector('img').getBoundingClientRect();
    const b = view.querySelector('canvas').getBoundingClientRect();
    return a.width > 0 && Math.abs(a.left - b.left) <= 1 && Math.abs(a.top - b.top) <= 1
        && Math.abs(a.width - b.width) <= 1 && Math.abs(a.height - b.height) <= 1;
}"""


def overlay_covers_the_picture(explorer) -> bool:
    """True when the canvas the moving parts are painted on lies exactly over the
    picture (same place and size on screen), so a patch lands where it belongs."""
    return bool(explorer.locator(FIGURE_VIEW).first.evaluate(OVERLAY_ALIGNED_JS))


def frames_arrive_as_buffers(explorer) -> bool:
    """True when the explorer's last frame reached the page as binary buffers (a
    DataView), not as text."""
    return explorer.locator(FIGURE_VIEW).first.get_attribute("data-binary") == "true"


SETTLED_MS = 400


def settle(page, explorer, now: Snapshot) -> Snapshot:
    """Wait until the explorer has shown the same thing for SETTLED_MS (a drag sends
    a burst of updates; the next action must not be confused with its tail)."""
    stable_since = time.monotonic()
    deadline = stable_since + UPDATE_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)
        later = snapshot(explorer)
        if later != now:
            now, stable_since = later, time.monotonic()
        elif (time.monotonic() - stable_since) * 1000 >= SETTLED_MS:
            return now
    raise AssertionError("the explorer kept changing for "
                         f"{UPDATE_TIMEOUT_MS / 1000:.0f} s after one action")


def failure(explorer) -> str:
    """The explorer's report of a setting it could not draw, with the kernel's traceback
    when the page shows one; empty when it has none."""
    error = explorer.locator(".skinlab-error")
    if error.count() == 0:
        return ""
    detail = explorer.locator(".skinlab-error-detail pre")
    trace = detail.first.text_content() if detail.count() else "(no traceback on this page)"
    return f"{error.first.inner_text()}\n--- kernel traceback ---\n{trace}"


def wait_for_change(page, explorer, before: Snapshot, what: str) -> Snapshot:
    """Wait until the readout or the image differs from ``before``; fail with ``what``,
    at once and with the kernel's traceback if the explorer reports a failure."""
    deadline = time.monotonic() + UPDATE_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        failed = failure(explorer)
        if failed:
            raise AssertionError(f"{what}: the kernel could not draw this setting: {failed}")
        now = snapshot(explorer)
        if now != before:
            after = settle(page, explorer, now)
            failed = failure(explorer)
            if failed:
                raise AssertionError(f"{what}: the kernel could not draw this setting: "
                                     f"{failed}")
            return after
        page.wait_for_timeout(20)
    raise AssertionError(f"{what}: neither the readout nor the image changed within "
                         f"{UPDATE_TIMEOUT_MS / 1000:.0f} s")


def explorers(page) -> list:
    """Every explorer on the page, in order."""
    return page.locator(EXPLORER).all()


def _slider_key(handle) -> str:
    at_top = handle.evaluate("h => Number(h.value) >= Number(h.max)")
    return "ArrowLeft" if at_top else "ArrowRight"


@dataclass
class Change:
    control: str
    readout_changed: bool
    image_changed: bool


def _label(handle) -> str:
    # The visible label text, which the input sits inside (its accessible name).
    return handle.evaluate(
        "h => h.closest('.skinlab-range').querySelector('.skinlab-range-label').textContent")


def drive(page, explorer, *, thorough: bool = True) -> list[Change]:
    """Change every visible control of ``explorer`` and record what changed.

    Sliders move by keyboard and (when ``thorough``) by dragging; drop-downs go to each
    option; toggle buttons go to each option, and the sliders each option reveals are
    driven too; checkboxes are clicked. Raises AssertionError when a change does not
    reach the readout.
    """
    changes: list[Change] = []
    state = snapshot(explorer)
    controls = explorer.locator(":scope > .widget-hbox").first
    driven: set[str] = set()

    def record(label: str, action) -> None:
        nonlocal state
        action()
        after = wait_for_change(page, explorer, state, label)
        changes.append(Change(label, after.readout != state.readout, after.image != state.image))
        state = after

    def drag(handle) -> None:
        box = handle.bounding_box()
        # Grab the thumb where the value puts it, then drag it a third of the track.
        share = handle.evaluate(
            "h => (Number(h.value) - Number(h.min)) / (Number(h.max) - Number(h.min))")
        x, y = box["x"] + share * box["width"], box["y"] + box["height"] / 2
        third = box["width"] / 3
        target = x - third if share > 0.5 else x + third
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(target, y, steps=5)
        page.mouse.up()

    def sliders() -> None:
        for handle in controls.locator(SLIDER_HANDLE).all():
            label = _label(handle)
            if not handle.is_visible() or label in driven:
                continue
            driven.add(label)
            record(f"{label} (keyboard)", lambda h=handle: (h.focus(), h.press(_slider_key(h))))
            if thorough:
                record(f"{label} (drag)", lambda h=handle: drag(h))

    sliders()
    for select in controls.locator(".widget-dropdown select").all():
        if not select.is_visible():
            continue
        values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        current = select.input_value()
        order = [v for v in values if v != current] + [current]
        for value in (order if thorough else order[:1]):
            record(f"drop-down option {value}", lambda s=select, v=value: s.select_option(v))
    for group in controls.locator(".widget-toggle-buttons").all():
        if not group.is_visible():
            continue
        buttons = group.locator("button").all()
        for button in buttons[1:] + buttons[:1]:
            if "mod-active" in (button.get_attribute("class") or ""):
                continue
            record(f"toggle {button.inner_text()}", button.click)
            if thorough:
                sliders()
    for box in controls.locator(".widget-checkbox").all():
        if box.is_visible():
            record(box.inner_text().strip() or "checkbox", box.locator("input").click)
    return changes


def drive_one(page, explorer) -> Change:
    """Change one control of ``explorer`` (its first slider, by keyboard, or else its
    first drop-down) and report what changed."""
    before = snapshot(explorer)
    controls = explorer.locator(":scope > .widget-hbox").first
    handles = [h for h in controls.locator(SLIDER_HANDLE).all() if h.is_visible()]
    if handles:
        label = _label(handles[0])
        handles[0].focus()
        handles[0].press(_slider_key(handles[0]))
    else:
        select = controls.locator(".widget-dropdown select").first
        label = "drop-down"
        values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        select.select_option(next(v for v in values if v != select.input_value()))
    after = wait_for_change(page, explorer, before, label)
    return Change(label, after.readout != before.readout, after.image != before.image)


def expected_explorers(notebook: str) -> int:
    """How many explorers the committed notebook shows (their text form is "[name] …")."""
    nb = nbformat.read(ROOT / "notebooks" / notebook, as_version=4)
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = data.get("text/plain", "")
            if "application/vnd.jupyter.widget-view+json" in data and text.startswith("[") \
                    and "] " in text:
                count += 1
    return count


def serious_accessibility_findings(page) -> list[str]:
    """Serious or critical axe-core violations on the page (none is excused)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            found.append(f"{violation['id']} ({violation['impact']}): {node['html'][:120]}")
    return found
