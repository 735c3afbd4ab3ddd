"""Lecture mode's kernels are bounded: a cap on how many run (with a clear 'full' page),
idle ones culled, and a memory ceiling inside each (findings 1 and 9 of issue 17)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import subprocess
import sys
import time

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from tornado import web

from skinlab.course import kernel, kernels, launch


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, **env), timeout=120)


def test_the_memory_ceiling_stops_a_runaway_allocation_and_not_a_normal_one():
    code = ("from skinlab.course.kernels import limit_memory\n"
            "limit_memory(512)\n"
            "import numpy as np\n"
            "small = np.ones(20 * 2**20 // 8)\n"  # 20 MiB: fine
            "try:\n"
            "    big = np.ones(2 * 2**30 // 8)\n"  # 2 GiB: refused
            "except MemoryError:\n"
            "    print('refused')\n")
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused"


def test_the_memory_ceiling_is_read_from_the_environment_and_checked():
    assert kernel.kernel_memory_mb({}) == kernels.DEFAULT_KERNEL_MEMORY_MB
    assert kernel.kernel_memory_mb({"SKINLAB_KERNEL_MEMORY_MB": " 2048 "}) == 2048
    for bad in ("lots", "100", "1e9", "-5"):
        with pytest.raises(ValueError, match="SKINLAB_KERNEL_MEMORY_MB must be"):
            kernel.kernel_memory_mb({"SKINLAB_KERNEL_MEMORY_MB": bad})
    with pytest.raises(ValueError, match="memory_mb must be a whole number from 256"):
        kernels.limit_memory(10)


def test_lecture_mode_runs_the_capped_kernel(monkeypatch):
    for key, value in launch.present_environment({}).items():
        if key == "JUPYTER_PATH":
            monkeypatch.setenv(key, value)
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[:3] == ["python", "-m", "skinlab.course.kernel"]
    monkeypatch.delenv("JUPYTER_PATH")
    assert "skinlab.course.kernel" not in KernelSpecManager().get_kernel_spec("python3").argv


@pytest.mark.parametrize(("memory_mb", "cap"), [
    (16384, 32),   # a 16 GB laptop: half its memory at 250 MiB a kernel
    (1000, 4),     # a small machine still takes a few pages
    (256000, 60),  # a server is capped for a class
    (0, 12),       # the system will not say: a modest default
])
def test_the_default_cap_follows_the_memory_of_the_machine(monkeypatch, memory_mb, cap):
    monkeypatch.setattr(kernels, "physical_memory_mb", lambda: memory_mb)
    assert kernels.default_max_kernels() == cap
    monkeypatch.undo()
    assert kernels.physical_memory_mb() > 0


async def _cap_and_cull() -> tuple[list[object], int]:
    # The culler starts with the first kernel, so its settings are given up front.
    manager = kernels.BoundedKernelManager(max_kernels=1, cull_idle_timeout=4, cull_interval=1)
    outcomes: list[object] = []
    try:
        # Two pages at once for one place: exactly one gets a kernel.
        results = await asyncio.gather(manager.start_kernel(), manager.start_kernel(),
                                       return_exceptions=True)
        outcomes.extend(results)
        assert manager.places_taken == 1
        deadline = time.monotonic() + 30
        while manager.list_kernel_ids() and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        left = len(manager.list_kernel_ids())
    finally:
        await manager.shutdown_all(now=True)
    return outcomes, left


def test_a_full_lecture_refuses_with_503_and_idle_kernels_are_culled():
    # A thread of its own: Playwright's sync API keeps an event loop running in the main
    # thread once a browser test has run in this session.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        outcomes, left = pool.submit(asyncio.run, _cap_and_cull()).result(timeout=120)
    refused = [o for o in outcomes if isinstance(o, web.HTTPError)]
    started = [o for o in outcomes if isinstance(o, str)]
    assert len(started) == 1 and len(refused) == 1, outcomes
    assert refused[0].status_code == 503 and "lecture is full" in refused[0].log_message
    assert left == 0, "an idle kernel was not culled"


def test_culling_is_on_by_default_and_includes_forgotten_open_tabs():
    manager = kernels.BoundedKernelManager()
    assert manager.cull_idle_timeout == 15 * 60
    assert manager.cull_connected is True
    assert manager.max_kernels == kernels.default_max_kernels()
