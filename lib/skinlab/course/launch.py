"""Start JupyterLab on the course notebooks, the way ``make lab`` does.

The server binds to 127.0.0.1 only and always has a token, so nobody else on a
classroom network can run code on the instructor's machine.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "DEFAULT_PORT", "JUPYTER_DATA", "NOTEBOOK_DIR", "START_PAGE", "VOILA_TEMPLATE", "free_port",
    "lab_command", "lab_environment", "main", "port_is_free", "present_command",
    "present_environment", "running_as_root",
]

DEFAULT_PORT = 8888
NOTEBOOK_DIR = Path(__file__).resolve().parents[3] / "notebooks"
START_PAGE = "00-start-here.ipynb"
# The course's Voilà template lives in this Jupyter data folder (voila/templates/skinlab):
# Voilà's lab template with underlined links, so no link is told apart by colour alone.
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
VOILA_TEMPLATE = "skinlab"


def running_as_root() -> bool:
    """Return True when the process runs as root (Jupyter then needs ``--allow-root``)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Return True when nothing listens on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(preferred: int = DEFAULT_PORT) -> int:
    """Return ``preferred`` if it is free, else a free port chosen by the OS."""
    if port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def lab_command(
    port: int,
    notebook_dir: Path = NOTEBOOK_DIR,
    *,
    open_browser: bool = True,
    extra: Sequence[str] = (),
) -> list[str]:
    """Build the command line that starts JupyterLab for the course.

    Parameters
    ----------
    port : int
        Loopback port to listen on (1–65535); no fallback port is tried.
    notebook_dir : Path
        Folder served as the root of the file browser.
    open_browser : bool
        Whether JupyterLab should open a browser tab itself.
    extra : sequence of str
        Further ``--Class.trait=value`` options (the browser tests add their own).
    """
    if not 1 <= port <= 65535:
        raise ValueError(f"port must be between 1 and 65535, got {port}")
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={notebook_dir}",
        f"--ServerApp.open_browser={open_browser}",
    ]
    if running_as_root():
        cmd.append("--allow-root")
    cmd.extend(extra)
    return cmd


def present_command(port: int, notebook_dir: Path = NOTEBOOK_DIR, *, host: str = "127.0.0.1",
                    open_browser: bool = True, extra: Sequence[str] = ()) -> list[str]:
    """Build the command line that serves the notebooks with Voilà for a lecture.

    Voilà runs each notebook and shows its outputs and widgets with the code hidden;
    the audience can move the controls but cannot run code of their own.

    Parameters
    ----------
    port : int
        Port to listen on (1–65535); no fallback port is tried.
    notebook_dir : Path
        Folder whose notebooks are offered.
    host : str
        Address to bind: 127.0.0.1 (this computer only) unless the instructor chooses
        to share on a classroom network.
    open_browser : bool
        Whether Voilà should open a browser tab itself.
    extra : sequence of str
        Further ``--Class.trait=value`` options.
    """
    if not 1 <= port <= 65535:
        raise ValueError(f"port must be between 1 and 65535, got {port}")
    cmd = [
        sys.executable, "-m", "voila", str(notebook_dir),
        f"--Voila.ip={host}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--Voila.open_browser={open_browser}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaConfiguration.template={VOILA_TEMPLATE}",
    ]
    cmd.extend(extra)
    return cmd


def present_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """Return the environment for Voilà: the caller's, with presenter mode switched on and
    the course's Voilà template (``JUPYTER_DATA``) first on Jupyter's data path."""
    env = dict(os.environ if base is None else base)
    env["SKINLAB_PRESENTER"] = "1"
    paths = [str(JUPYTER_DATA), *(p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p)]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def lab_environment(token: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """Return the environment for the server: the caller's plus the token.

    The token travels in ``JUPYTER_TOKEN`` rather than on the command line, where any
    user of the machine could read it with ``ps``.
    """
    if not token:
        raise ValueError("the token must not be empty: an open server runs anyone's code")
    env = dict(os.environ if base is None else base)
    env["JUPYTER_TOKEN"] = token
    return env


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point.

    ``python -m skinlab.course.launch lab [--port N] [--no-browser]`` starts JupyterLab;
    ``python -m skinlab.course.launch present [--port N] [--host ADDRESS] [--no-browser]``
    starts Voilà in presenter mode.
    """
    parser = argparse.ArgumentParser(prog="python -m skinlab.course.launch")
    parser.add_argument("what", choices=["lab", "present"], help="what to start")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", DEFAULT_PORT)))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"),
                        help="address to bind for 'present' (default: this computer only)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser tab")
    args = parser.parse_args(argv)

    port = free_port(args.port)
    if args.what == "present":
        cmd = present_command(port, host=args.host, open_browser=not args.no_browser)
        shown = "127.0.0.1" if args.host in ("127.0.0.1", "0.0.0.0") else args.host
        print(f"\n  Lecture mode (Voilà, code hidden). Open:\n\n    http://{shown}:{port}/"
              f"voila/render/{START_PAGE}\n", flush=True)
        if args.host != "127.0.0.1":
            print(f"  Shared on the network at {args.host}: anyone who can reach this "
                  "computer can open the pages (they cannot run code).\n", flush=True)
        os.execvpe(cmd[0], cmd, present_environment())
    token = os.environ.get("JUPYTER_TOKEN") or secrets.token_urlsafe(24)
    cmd = lab_command(port, open_browser=not args.no_browser)
    url = f"http://127.0.0.1:{port}/lab/tree/{START_PAGE}?token={token}"
    print(f"\n  The course is starting. Open this address in your browser:\n\n    {url}\n",
          flush=True)
    os.execvpe(cmd[0], cmd, lab_environment(token))
    return 0  # not reached: execvpe replaces this process


if __name__ == "__main__":
    raise SystemExit(main())
