"""The lecture kernel: IPython's kernel, started with a memory cap and one thread.

Lecture mode's kernelspec runs ``python -m skinlab.course.kernel -f {connection_file}``.
Before the kernel starts, the process caps its own data segment
(``SKINLAB_KERNEL_MEMORY_MB``, default 1024) and asks numerical libraries for one thread
each: many kernels share a few cores, and each extra thread reserves its own memory.
"""

from __future__ import annotations

import os

from skinlab.course.kernels import DEFAULT_KERNEL_MEMORY_MB, KERNEL_MEMORY_RANGE_MB, limit_memory
from skinlab.data.checks import checked, number

__all__ = ["THREAD_VARIABLES", "kernel_memory_mb", "main"]

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@checked
def kernel_memory_mb(environ: dict[str, str] | None = None) -> int:
    """Return the memory cap in MiB from ``SKINLAB_KERNEL_MEMORY_MB`` (default 1024).

    Raises
    ------
    ValueError
        If the variable is set to something other than a whole number from 256 to 65536.
    """
    env = os.environ if environ is None else environ
    raw = env.get("SKINLAB_KERNEL_MEMORY_MB", "").strip()
    if not raw:
        return DEFAULT_KERNEL_MEMORY_MB
    try:
        value = int(raw)
    except ValueError:
        value = raw  # number() below names the variable and the range
    return int(number("SKINLAB_KERNEL_MEMORY_MB", value, *KERNEL_MEMORY_RANGE_MB, integer=True))


def main() -> None:
    """Cap memory and threads, then run IPython's kernel with this process's arguments."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    limit_memory(kernel_memory_mb())
    from ipykernel import kernelapp  # imported after the limits, so they cover it

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
