"""Start JupyterLab on the course notebooks (``make lab``) or lecture mode (``make present``).

JupyterLab binds to 127.0.0.1 only and always has a token, so nobody else on a
classroom network can run code on the instructor's machine.

Lecture mode (Voilà, code hidden) also binds to 127.0.0.1 unless the instructor asks to
share it (``make present SHARE=1`` or ``--share``); nothing read from the environment
can share it silently. Shared or not, it serves a copy of the course's own notebooks
only (a scratch notebook saved in ``notebooks/`` is never offered), and its kernels are
bounded: a cap on how many run, culling of idle ones and a memory ceiling for each
(:mod:`skinlab.course.kernels`).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import shutil
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from skinlab.course.kernels import MAX_KERNELS_RANGE, default_max_kernels
from skinlab.data.checks import checked, choice, number

__all__ = [
    "COURSE_NOTEBOOKS", "DEFAULT_PORT", "IDLE_MINUTES_RANGE", "JUPYTER_DATA", "LECTURE_DIR",
    "NOTEBOOK_DIR", "SLIDES_TEMPLATE", "START_PAGE", "VOILA_TEMPLATE", "free_port",
    "lab_command",
    "lab_environment", "lan_addresses", "main", "parse_args", "port_is_free",
    "present_banner", "present_command", "present_environment", "running_as_root",
    "stage_notebooks",
]

DEFAULT_PORT = 8888
ROOT = Path(__file__).resolve().parents[3]
NOTEBOOK_DIR = ROOT / "notebooks"
START_PAGE = "00-start-here.ipynb"
# The notebooks lecture mode offers, in teaching order. Anything else in notebooks/ (an
# Untitled.ipynb saved from JupyterLab, a student's copy) is never served.
COURSE_NOTEBOOKS = (
    "00-start-here.ipynb",
    "01-skin-layers.ipynb",
    "02-needle-depth.ipynb",
    "03-healing-cascade.ipynb",
    "04-evidence-and-safety.ipynb",
    "05-plan-a-treatment.ipynb",
)
# Where lecture mode's copy of the course notebooks is made (rebuilt at every start).
LECTURE_DIR = ROOT / "build" / "lecture"
IDLE_MINUTES_RANGE = (1, 24 * 60)
# The course's Voilà template lives in this Jupyter data folder (voila/templates/skinlab):
# Voilà's lab template with underlined links, so no link is told apart by colour alone.
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
VOILA_TEMPLATE = "skinlab"
# The slide decks' template (reveal.js), used by ``make slides`` (tools/slides.py).
SLIDES_TEMPLATE = "skinlab-slides"


@checked
def running_as_root() -> bool:
    """Return True when the process runs as root (Jupyter then needs ``--allow-root``)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _check_host(host: str) -> str:
    """Return ``host`` if it is a literal IPv4 address, else raise ValueError saying so."""
    try:
        return str(ipaddress.IPv4Address(host))
    except ValueError:
        raise ValueError(f"host must be an IPv4 address such as 127.0.0.1 (this computer "
                         f"only) or 0.0.0.0 (every network), got {host!r}") from None


@checked(port=(1, 65535))
def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Return True when nothing listens on ``host:port`` (``host`` an IPv4 address)."""
    host = _check_host(host)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


@checked(preferred=(1, 65535))
def free_port(preferred: int = DEFAULT_PORT) -> int:
    """Return ``preferred`` if it is free, else a free port chosen by the OS."""
    if port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@checked(port=(1, 65535))
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
        Loopback port to listen on (1–65535). JupyterLab itself tries no other port
        (``port_retries=0``); :func:`main` picks a free one before it calls this.
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


@checked(port=(1, 65535), max_kernels=MAX_KERNELS_RANGE, idle_minutes=IDLE_MINUTES_RANGE)
def present_command(port: int, notebook_dir: Path = LECTURE_DIR, *, host: str = "127.0.0.1",
                    max_kernels: int | None = None, idle_minutes: int = 15,
                    template: str = VOILA_TEMPLATE, open_browser: bool = True,
                    extra: Sequence[str] = ()) -> list[str]:
    """Build the command line that serves the notebooks with Voilà for a lecture.

    Voilà runs each notebook and shows its outputs and widgets with the code hidden;
    the audience can move the controls but cannot run code of their own. Each page
    load starts a kernel, so the kernels are bounded (:mod:`skinlab.course.kernels`).

    Parameters
    ----------
    port : int
        Port to listen on (1–65535). Voilà tries no other port (``port_retries=0``);
        :func:`main` picks a free one before it calls this.
    notebook_dir : Path
        Folder whose notebooks are offered: :func:`stage_notebooks` fills
        ``LECTURE_DIR`` with the course's notebooks only.
    host : str
        IPv4 address to bind: 127.0.0.1 (this computer only) unless the instructor
        chooses to share on a classroom network (0.0.0.0).
    max_kernels : int or None
        Most kernels (open pages) at once, 1–500; ``None`` for the default, half this
        computer's memory at 250 MiB a kernel (:func:`~skinlab.course.kernels.default_max_kernels`).
    idle_minutes : int
        A kernel idle this long (1–1440 minutes) is shut down, page open or not.
    template : str
        The course's Voilà template: ``"skinlab"`` (pages) or ``"skinlab-slides"``
        (reveal.js decks, whose static files ``make slides`` provides).
    open_browser : bool
        Whether Voilà should open a browser tab itself.
    extra : sequence of str
        Further ``--Class.trait=value`` options.
    """
    host = _check_host(host)
    choice("template", template, (VOILA_TEMPLATE, SLIDES_TEMPLATE))
    cap = default_max_kernels() if max_kernels is None else int(max_kernels)
    cmd = [
        sys.executable, "-m", "voila", str(notebook_dir),
        f"--Voila.ip={host}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--Voila.open_browser={open_browser}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaConfiguration.template={template}",
        "--VoilaConfiguration.multi_kernel_manager_class="
        "skinlab.course.kernels.BoundedKernelManager",
        f"--BoundedKernelManager.max_kernels={cap}",
        f"--BoundedKernelManager.cull_idle_timeout={int(idle_minutes) * 60}",
    ]
    cmd.extend(extra)
    return cmd


@checked
def stage_notebooks(dest: Path = LECTURE_DIR, source: Path = NOTEBOOK_DIR) -> Path:
    """Fill ``dest`` with copies of the course's notebooks (``COURSE_NOTEBOOKS``) only.

    ``dest`` is emptied first, so a notebook removed from the course is not left behind.

    Raises
    ------
    ValueError
        If ``dest`` is ``source`` (emptying it would delete the course) or a course
        notebook is missing from ``source``.
    """
    dest, source = Path(dest).resolve(), Path(source).resolve()
    if dest == source or dest in source.parents:
        raise ValueError(f"dest must be a folder of its own, not {source} or above it: "
                         "it is emptied before the copy")
    missing = [name for name in COURSE_NOTEBOOKS if not (source / name).is_file()]
    if missing:
        raise ValueError(f"course notebooks missing from {source}: {', '.join(missing)}")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COURSE_NOTEBOOKS:
        shutil.copy2(source / name, dest / name)
    return dest


@checked
def lan_addresses() -> list[str]:
    """Return this computer's IPv4 addresses that other machines could reach (no loopback).

    Asks the operating system which address it would use to reach a documentation-only
    address (a UDP "connect" sends no packet), and what the host name resolves to.
    Empty when the computer is on no network.
    """
    found: list[str] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): nothing is sent
            found.append(sock.getsockname()[0])
        except OSError:
            pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found.extend(info[4][0] for info in infos)
    except OSError:
        pass
    usable = [a for a in dict.fromkeys(found)
              if not ipaddress.IPv4Address(a).is_loopback and a != "0.0.0.0"]
    return usable


@checked(port=(1, 65535))
def present_banner(port: int, share: bool, addresses: Sequence[str] = ()) -> str:
    """Return what ``make present`` prints: the address to open here and, when shared, the
    addresses students can use (or a warning that there is none)."""
    page = f"voila/render/{START_PAGE}"
    lines = ["", "  Lecture mode (Voilà, code hidden). On this computer open:", "",
             f"    http://127.0.0.1:{port}/{page}", ""]
    if share:
        if addresses:
            lines += ["  Shared on the classroom network. Students open one of:", ""]
            lines += [f"    http://{address}:{port}/{page}" for address in addresses]
            lines += ["", "  Anyone who can reach this computer can open the pages. They "
                      "cannot run code; each open page holds a kernel, and the number of "
                      "kernels is capped.", ""]
        else:
            lines += ["  Sharing was asked for, but this computer has no network address "
                      "other students could reach: connect it to the classroom network.", ""]
    else:
        lines += ["  Not shared: only this computer can open it (make present SHARE=1 "
                  "shares it on the classroom network).", ""]
    return "\n".join(lines)


@checked
def present_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """Return the environment for Voilà: the caller's, with presenter mode switched on and
    the course's Voilà template (``JUPYTER_DATA``) first on Jupyter's data path."""
    env = dict(os.environ if base is None else base)
    env["SKINLAB_PRESENTER"] = "1"
    paths = [str(JUPYTER_DATA), *(p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p)]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


@checked
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


@checked
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line of ``python -m skinlab.course.launch``.

    Only the command line decides; no environment variable can share lecture mode.
    """
    parser = argparse.ArgumentParser(prog="python -m skinlab.course.launch")
    parser.add_argument("what", choices=["lab", "present"], help="what to start")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", DEFAULT_PORT)),
                        help="port to try first (a free one is chosen if it is taken)")
    parser.add_argument("--share", action="store_true",
                        help="'present' only: serve on the classroom network (0.0.0.0) "
                             "instead of this computer only")
    parser.add_argument("--max-kernels", type=int, default=None,
                        help="'present' only: most open pages at once "
                             f"(default {default_max_kernels()} on this computer)")
    parser.add_argument("--idle-minutes", type=int, default=15,
                        help="'present' only: shut a kernel idle this long (default 15)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser tab")
    args = parser.parse_args(argv)
    number("--port", args.port, 1, 65535, integer=True)
    if args.max_kernels is not None:
        number("--max-kernels", args.max_kernels, *MAX_KERNELS_RANGE, integer=True)
    number("--idle-minutes", args.idle_minutes, *IDLE_MINUTES_RANGE, integer=True)
    return args


@checked
def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point.

    ``python -m skinlab.course.launch lab [--port N] [--no-browser]`` starts JupyterLab;
    ``python -m skinlab.course.launch present [--share] [--max-kernels N]
    [--idle-minutes M] [--port N] [--no-browser]`` starts lecture mode.
    """
    args = parse_args(argv)
    port = free_port(args.port)
    if args.what == "present":
        host = "0.0.0.0" if args.share else "127.0.0.1"
        if not port_is_free(port, host):
            port = free_port(port + 1)
        folder = stage_notebooks()
        cmd = present_command(port, folder, host=host, max_kernels=args.max_kernels,
                              idle_minutes=args.idle_minutes, open_browser=not args.no_browser)
        print(present_banner(port, args.share, lan_addresses() if args.share else ()),
              flush=True)
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
