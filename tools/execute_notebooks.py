"""Re-execute notebooks top to bottom in a fresh kernel and store their outputs.

Usage: python tools/execute_notebooks.py notebooks/*.ipynb

Each notebook runs in its own new kernel with the notebook's folder as the working
directory; outputs and widget state are written back, so the notebooks read well on
the web and ``pytest --nbval`` has something to compare.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KERNEL = "python3"


def execute(path: Path) -> float:
    """Execute the notebook at ``path`` in place; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=300,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
        record_timing=False,  # timestamps would make every re-run a diff
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def main(paths: list[str]) -> int:
    if not paths:
        print("usage: execute_notebooks.py NOTEBOOK.ipynb ...", file=sys.stderr)
        return 2
    # Stored outputs never depend on anyone's saved answers: a throw-away progress folder.
    os.environ["SKINLAB_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="skinlab-progress-")
    for name in paths:
        seconds = execute(Path(name))
        print(f"executed {name} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
