"""Simulate a class opening lecture mode: ``make load-test`` (not part of ``make test``).

Starts lecture mode exactly as ``make present`` builds it (course notebooks only, bounded
kernels, memory-capped kernel), on 127.0.0.1 only, then lets simulated visitors arrive
over a few minutes. Each visitor asks for a course notebook page; when it gets one it
"reads" for a while and then either closes the tab (Voilà's page asks the server to
shut its kernel, as a browser does on leaving) or walks away with the tab open (the
kernel is left to the idle culler). Every second the tool records how many kernels run
and the memory of the server and its kernels.

It checks what a class needs: every visitor gets the page or the clear "lecture is full"
page (nothing else), the kernel count never passes the cap, the memory stays bounded,
kernels left behind are culled, and the server still serves a page afterwards.

Bounded by design: the visitor count is capped at 100 and the run at 15 minutes; all
traffic goes to 127.0.0.1; the server is stopped at the end whatever happens.

Usage: python -m tools.load_test [--visitors 40] [--arrive-over 120] [--max-kernels 12]
                                 [--idle-minutes 1] [--out build/load-test.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from skinlab.course import launch

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # never anything else: see the module docstring
MAX_VISITORS = 100
HARD_LIMIT_S = 15 * 60
FULL_TEXT = "The lecture is full"


@dataclass
class Visit:
    """What one simulated visitor saw."""

    notebook: str
    arrived_s: float
    status: int = 0
    outcome: str = ""  # "page", "full" or "error: ..."
    load_s: float = 0.0
    closed_tab: bool = False


@dataclass
class Sample:
    """One reading of the server: time, kernels running, memory (MiB)."""

    t_s: float
    kernels: int
    server_mib: float
    kernels_mib: float


@dataclass
class Report:
    visitors: int
    max_kernels: int
    idle_minutes: int
    visits: list[Visit] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)
    after_status: int = 0
    culled_by_s: float | None = None


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (Linux /proc)."""
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(entry.name))
                frontier.append(int(entry.name))
    return found


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _is_kernel(pid: int) -> bool:
    try:
        return b"skinlab.course.kernel" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def sample(server_pid: int, t_s: float) -> Sample:
    """Kernels running under the server and the memory they and the server hold."""
    kernels = [pid for pid in _children(server_pid) if _is_kernel(pid)]
    return Sample(round(t_s, 1), len(kernels), round(_rss_mib(server_pid), 1),
                  round(sum(_rss_mib(pid) for pid in kernels), 1))


def visit(base: str, item: Visit, rng: random.Random, stop: threading.Event) -> None:
    """One visitor: load the page, read, then close the tab or walk away."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(f"{base}/voila/render/{item.notebook}", timeout=300) as reply:
            item.status, body = reply.status, reply.read().decode()
    except urllib.error.HTTPError as err:
        item.status, body = err.code, err.read().decode(errors="replace")
    except (urllib.error.URLError, OSError) as err:
        item.outcome, item.load_s = f"error: {err}", time.monotonic() - start
        return
    item.load_s = round(time.monotonic() - start, 2)
    if item.status == 200 and "jupyter-widgets" in body:
        item.outcome = "page"
    elif item.status == 503 and FULL_TEXT in body:
        item.outcome = "full"
        return
    else:
        item.outcome = f"error: HTTP {item.status}"
        return
    stop.wait(rng.uniform(5, 40))  # reading
    if rng.random() < 0.5:
        # Closing the tab: Voilà's page posts the kernel's shutdown with the XSRF pair a
        # browser holds (the same value in a cookie and in the form).
        kernel = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', body)
        xsrf = f"{rng.getrandbits(128):032x}"
        if kernel:
            request = urllib.request.Request(
                f"{base}/voila/api/shutdown/{kernel.group(1)}",
                data=f"_xsrf={xsrf}".encode(), method="POST",
                headers={"Cookie": f"_xsrf={xsrf}",
                         "Content-Type": "application/x-www-form-urlencoded"})
            try:
                with urllib.request.urlopen(request, timeout=30) as reply:
                    item.closed_tab = reply.status == 204
            except (urllib.error.URLError, OSError):
                pass


def run(visitors: int, arrive_over_s: float, max_kernels: int, idle_minutes: int,
        seed: int = 1) -> Report:
    """Start lecture mode, send the visitors, watch, and stop the server."""
    if not 1 <= visitors <= MAX_VISITORS:
        raise ValueError(f"visitors must be from 1 to {MAX_VISITORS}, got {visitors}")
    rng = random.Random(seed)
    report = Report(visitors, max_kernels, idle_minutes)
    port = launch.free_port(18900)
    with tempfile.TemporaryDirectory() as tmp:
        folder = launch.stage_notebooks(Path(tmp) / "lecture")
        cmd = launch.present_command(
            port, folder, host=HOST, max_kernels=max_kernels, idle_minutes=idle_minutes,
            open_browser=False, extra=["--BoundedKernelManager.cull_interval=10"])
        env = dict(launch.present_environment(), JUPYTER_RUNTIME_DIR=str(Path(tmp) / "rt"),
                   JUPYTER_CONFIG_DIR=str(Path(tmp) / "cfg"))
        log = open(Path(tmp) / "server.log", "w")  # closed in the finally below
        server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        base = f"http://{HOST}:{port}"
        stop = threading.Event()
        t0 = time.monotonic()
        try:
            _wait_until_up(base, server, Path(tmp) / "server.log")
            t0 = time.monotonic()
            threads = []
            arrivals = sorted(rng.uniform(0, arrive_over_s) for _ in range(visitors))
            for arrived in arrivals:
                item = Visit(rng.choice(launch.COURSE_NOTEBOOKS), round(arrived, 1))
                report.visits.append(item)
                thread = threading.Thread(target=visit, args=(base, item, random.Random(
                    rng.random()), stop), daemon=True)
                threads.append((arrived, thread))
            pending = list(threads)
            while time.monotonic() - t0 < HARD_LIMIT_S:
                now = time.monotonic() - t0
                while pending and pending[0][0] <= now:
                    pending.pop(0)[1].start()
                report.samples.append(sample(server.pid, now))
                visitors_done = not pending and not any(t.is_alive() for _, t in threads)
                if visitors_done and report.samples[-1].kernels == 0:
                    report.culled_by_s = round(now, 1)
                    break
                time.sleep(1)
            stop.set()
            report.after_status = _get_status(f"{base}/voila/render/{launch.START_PAGE}")
            report.samples.append(sample(server.pid, time.monotonic() - t0))
        finally:
            stop.set()
            _stop(server)
            log.close()
    return report


def _stop(server: subprocess.Popen) -> None:
    """Stop the server and its kernels (its whole process group)."""
    for sig, wait_s in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


def _get_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as reply:
            return reply.status
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, OSError):
        return 0


def _wait_until_up(base: str, server: subprocess.Popen, log: Path,
                   timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"lecture mode stopped at start:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(f"{base}/voila/static/", timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers: up
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise RuntimeError(f"lecture mode did not start within 90 s:\n{log.read_text()[-3000:]}")


def summary(report: Report) -> dict[str, object]:
    """The figures the docs quote."""
    outcomes = [v.outcome if not v.outcome.startswith("error") else "error"
                for v in report.visits]
    pages = [v.load_s for v in report.visits if v.outcome == "page"]
    total = [s.server_mib + s.kernels_mib for s in report.samples]
    return {
        "visitors": report.visitors,
        "max_kernels": report.max_kernels,
        "idle_minutes": report.idle_minutes,
        "pages": outcomes.count("page"),
        "full_pages": outcomes.count("full"),
        "errors": outcomes.count("error"),
        "closed_tabs": sum(v.closed_tab for v in report.visits),
        "peak_kernels": max(s.kernels for s in report.samples),
        "peak_memory_mib": round(max(total)),
        "peak_kernel_memory_mib": round(max(s.kernels_mib for s in report.samples)),
        "final_memory_mib": round(total[-1]),
        "page_load_median_s": round(statistics.median(pages), 1) if pages else None,
        "page_load_max_s": round(max(pages), 1) if pages else None,
        "all_kernels_gone_at_s": report.culled_by_s,
        "served_afterwards": report.after_status == 200,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.load_test")
    parser.add_argument("--visitors", type=int, default=40)
    parser.add_argument("--arrive-over", type=float, default=120.0,
                        help="seconds over which visitors arrive")
    parser.add_argument("--max-kernels", type=int, default=12)
    parser.add_argument("--idle-minutes", type=int, default=1,
                        help="idle kernels are culled after this long (lecture default: 15)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "load-test.json")
    args = parser.parse_args(argv)
    report = run(args.visitors, args.arrive_over, args.max_kernels, args.idle_minutes)
    figures = summary(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": figures, **asdict(report)}, indent=1))
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    print(f"\nwritten: {args.out}")
    ok = (figures["errors"] == 0 and figures["served_afterwards"]
          and figures["peak_kernels"] <= args.max_kernels)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
