"""Kernels for lecture mode: how many may run, when an idle one ends, how much memory one
may take.

Voilà starts one kernel per page load. On a classroom network thirty students (or one
student with a script) can open pages faster than they close them, and an explorer's
kernel holds 55–180 MB. Three limits keep the instructor's machine up:

* :class:`BoundedKernelManager` refuses a new kernel once ``max_kernels`` run, with
  HTTP 503 and a page that says the lecture is full (the course's Voilà template);
* the same manager culls kernels idle for ``cull_idle_timeout`` seconds, whether or not
  a page is still connected (a forgotten tab must not hold a place for ever);
* :func:`limit_memory`, run by the kernel itself at start (``python -m
  skinlab.course.kernel``), caps the kernel's data segment, so a runaway allocation
  fails with ``MemoryError`` in that kernel instead of exhausting the machine.

This module is imported by Voilà's server, never by a notebook.
"""

from __future__ import annotations

import os
import resource
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer, default

from skinlab.data.checks import checked

__all__ = [
    "DEFAULT_KERNEL_MEMORY_MB",
    "FULL_MESSAGE",
    "KERNEL_MEMORY_RANGE_MB",
    "MAX_KERNELS_RANGE",
    "BoundedKernelManager",
    "default_max_kernels",
    "limit_memory",
    "physical_memory_mb",
]

# A kernel running notebook 03 measured 461 MB of data segment (172 MB resident): a
# gibibyte leaves room for every explorer and stops a runaway long before a laptop swaps.
DEFAULT_KERNEL_MEMORY_MB = 1024
KERNEL_MEMORY_RANGE_MB = (256, 65536)
MAX_KERNELS_RANGE = (1, 500)
# Memory budgeted per kernel when choosing the default cap: the largest kernel measured
# (notebook 03, 178 MB) with headroom.
BUDGET_PER_KERNEL_MB = 250
FULL_MESSAGE = ("The lecture is full: every place on this computer is taken. Wait a minute "
                "and reload the page; places free up as others close their pages.")


@checked
def physical_memory_mb() -> int:
    """Return this computer's physical memory in MiB (0 when the system will not say)."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        size = os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 0
    return max(0, int(pages) * int(size) // 2**20)


@checked
def default_max_kernels() -> int:
    """Return the default cap on lecture kernels: half the machine's memory at 250 MiB a
    kernel, at least 4 and at most 60 (a class of thirty opening two pages each)."""
    memory_mb = physical_memory_mb()
    if memory_mb == 0:
        return 12
    return max(4, min(60, memory_mb // 2 // BUDGET_PER_KERNEL_MB))


@checked(memory_mb=KERNEL_MEMORY_RANGE_MB)
def limit_memory(memory_mb: int) -> None:
    """Cap this process's data segment at ``memory_mb`` MiB (from 256 to 65536).

    Linux counts private anonymous mappings (where numpy keeps its arrays) in the data
    segment, so an allocation beyond the cap raises ``MemoryError`` in this process.
    Shared libraries and the code itself are not counted, so the cap stays meaningful
    even though a kernel maps over a gigabyte of address space.
    """
    limit = int(memory_mb) * 2**20
    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


class BoundedKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager with a cap on running kernels and culling switched on.

    Set as ``--VoilaConfiguration.multi_kernel_manager_class``; its limits are ordinary
    configurable traits (``--BoundedKernelManager.max_kernels=N``).
    """

    max_kernels = Integer(
        help="Most kernels running at once; a page asking for one more gets the 'full' page.",
        config=True,
    )

    @default("max_kernels")
    def _default_max_kernels(self) -> int:
        return default_max_kernels()

    # Culling is off in jupyter_server by default; a lecture needs it on.
    @default("cull_idle_timeout")
    def _default_cull_idle_timeout(self) -> int:
        return 15 * 60

    @default("cull_interval")
    def _default_cull_interval(self) -> int:
        return 60

    @default("cull_connected")
    def _default_cull_connected(self) -> bool:
        return True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Kernels asked for but not yet running: counted, so a burst of page loads cannot
        # all pass the check before the first of them is listed.
        self._starting = 0

    @property
    def places_taken(self) -> int:
        """Kernels running or starting."""
        return len(self.list_kernel_ids()) + self._starting

    async def start_kernel(self, *, kernel_id: str | None = None, path: str | None = None,
                           **kwargs: Any) -> str:
        """Start a kernel unless ``max_kernels`` are running or starting (HTTP 503)."""
        if kernel_id is None and self.places_taken >= self.max_kernels:
            self.log.warning("Lecture full: %d of %d kernels in use; page refused",
                             self.places_taken, self.max_kernels)
            raise web.HTTPError(503, FULL_MESSAGE, reason="Lecture full")
        self._starting += 1
        try:
            return await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        finally:
            self._starting -= 1
