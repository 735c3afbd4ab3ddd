"""Slides with live explorers, offline: ``make slides``.

Usage: python -m tools.slides [--share] [--port N] [--no-browser]
       python -m tools.slides --mark      (re-apply the slide rules to the notebooks)

Serves each course notebook as a reveal.js deck through Voilà (template
``skinlab-slides``): one idea per slide, explorers live, code hidden, prose at least
28 px on a 1280 x 720 slide, with lecture mode's protections (course notebooks only,
bounded kernels, sharing only when asked).

Voilà's reveal template loads reveal.js's style sheets and jQuery from CDNs, so offline
the deck is blank. This tool takes them from the npm registry instead (pinned versions,
checked against the registry's sha512 integrity), once, into ``build/vendor/``, and
unpacks the few files the deck needs into a Jupyter data folder of its own
(``build/slides/jupyter``). Nothing minified is copied into the repository.

Slide boundaries are cell metadata (``slideshow.slide_type``), set by :func:`slide_types`
and stored in the notebooks; ``tests/test_slides.py`` checks them.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import urllib.request
from pathlib import Path

import nbformat

from skinlab.course import launch

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "build" / "vendor"
DATA_DIR = ROOT / "build" / "slides" / "jupyter"
TEMPLATE = "skinlab-slides"
REGISTRY = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org").rstrip("/")
# name -> (version, the registry's sha512 integrity, files to unpack: tarball path -> target)
PACKAGES = {
    "reveal.js": ("4.6.1",
                  "sha512-1CW0auaXNPmwmvQ7TwpszwVxMi2Xr5cTS3J3EBC/HHgbPF32Dn7aiu/LKWDOGjMbaDwKQiGmfqcoGQ74HUHCMw==",
                  {"package/dist/reveal.css": "reveal/dist/reveal.css",
                   "package/dist/theme/white.css": "reveal/dist/theme/white.css",
                   "package/dist/theme/fonts/source-sans-pro/":
                       "reveal/dist/theme/fonts/source-sans-pro/",
                   "package/LICENSE": "reveal/LICENSE"}),
    "jquery": ("3.7.1",
               "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
               {"package/dist/jquery.min.js": "jquery.min.js",
                "package/LICENSE.txt": "jquery-LICENSE.txt"}),
}
# The deck: reveal's own size, no transition (calmer on a projector), slide numbers,
# scrolling inside a slide that is taller than the screen.
RESOURCES = {"reveal": {"url_prefix": f"/voila/templates/{TEMPLATE}/static/reveal",
                        "theme": "white", "transition": "none", "number": "c/t",
                        "width": 1280, "height": 720, "scroll": True}}


def tarball(name: str) -> bytes:
    """The npm tarball of ``name`` at its pinned version, from the cache or the registry,
    checked against the pinned integrity."""
    version, integrity, _ = PACKAGES[name]
    cached = VENDOR / f"{name}-{version}.tgz"
    if cached.exists():
        data = cached.read_bytes()
    else:
        url = f"{REGISTRY}/{name}/-/{name.split('/')[-1]}-{version}.tgz"
        with urllib.request.urlopen(url, timeout=120) as reply:
            data = reply.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != integrity:
        raise RuntimeError(f"{name}@{version}: integrity mismatch (got {digest}); "
                           "the download is not the package that was pinned")
    VENDOR.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    return data


def prepare(data_dir: Path = DATA_DIR) -> Path:
    """Unpack the files the deck needs into ``data_dir``'s template static folder."""
    static = data_dir / "voila" / "templates" / TEMPLATE / "static"
    for name, (_version, _integrity, files) in PACKAGES.items():
        with tarfile.open(fileobj=io.BytesIO(tarball(name)), mode="r:gz") as archive:
            for member in archive.getmembers():
                for source, target in files.items():
                    if member.isfile() and (member.name == source or (
                            source.endswith("/") and member.name.startswith(source))):
                        out = static / (target + member.name[len(source):]
                                        if source.endswith("/") else target)
                        out.parent.mkdir(parents=True, exist_ok=True)
                        out.write_bytes(archive.extractfile(member).read())
    return data_dir


def environment(data_dir: Path = DATA_DIR, base: dict[str, str] | None = None
                ) -> dict[str, str]:
    """Lecture mode's environment with the deck's data folder first on Jupyter's path and
    its configuration (the reveal settings, which the command line cannot carry as a
    nested dictionary) first on Jupyter's config path."""
    env = launch.present_environment(base)
    env["JUPYTER_PATH"] = os.pathsep.join([str(data_dir), env["JUPYTER_PATH"]])
    config = data_dir.parent / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "voila.json").write_text(
        json.dumps({"VoilaConfiguration": {"resources": RESOURCES}}, indent=1))
    paths = [str(config), *(p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p)]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(paths)
    return env


def command(port: int, folder: Path, *, host: str = "127.0.0.1", open_browser: bool = True,
            max_kernels: int | None = None) -> list[str]:
    """The Voilà command for the decks (run it with :func:`environment`)."""
    return launch.present_command(port, folder, host=host, max_kernels=max_kernels,
                                  open_browser=open_browser, template=TEMPLATE)


# --- slide boundaries -----------------------------------------------------------------
PROSE_PER_SLIDE = 450  # characters of prose before a new slide starts


def slide_types(nb: nbformat.NotebookNode) -> list[str]:
    """The slide type of each cell, by the course's rules: a # or ## heading starts a
    slide and a ### heading a sub-slide; a Think! prompt, an explorer and a self-check
    each have a sub-slide of their own; prose flows onto a new sub-slide past
    PROSE_PER_SLIDE characters; code that shows nothing (imports, a student's exercise)
    is skipped."""
    types: list[str] = []
    prose = 0
    for cell in nb.cells:
        source = cell.source.strip()
        if cell.cell_type == "markdown":
            text = re.sub(r"\([^)]*\)|<[^>]+>", "", source)
            if re.match(r"#{1,2} ", source):
                kind = "slide"
            elif source.startswith("### ") or "**Think!**" in source.split("\n", 1)[0]:
                kind = "subslide"
            elif prose + len(text) > PROSE_PER_SLIDE and prose > 0:
                kind = "subslide"
            else:
                kind = "-"
            prose = len(text) if kind != "-" else prose + len(text)
        elif not cell.get("outputs"):
            kind = "skip"
        else:
            widget = any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                         for o in cell.outputs)
            text = sum(len(o.get("text", "")) for o in cell.outputs)
            if widget:  # an explorer or a self-check: a slide of its own, to fit the screen
                kind = "subslide"
            else:
                kind = "subslide" if prose + text > PROSE_PER_SLIDE * 2 else "-"
            prose = text if kind == "subslide" else prose + text
        types.append(kind)
    return types


def mark(path: Path) -> bool:
    """Store the slide types in the notebook at ``path``; return True if any changed."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell, kind in zip(nb.cells, slide_types(nb), strict=True):
        if cell.metadata.get("slideshow", {}).get("slide_type") != kind:
            cell.metadata["slideshow"] = {"slide_type": kind}
            changed = True
    if changed:
        nbformat.write(nb, path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.slides")
    parser.add_argument("--mark", action="store_true",
                        help="store the slide boundaries in the notebooks and stop")
    parser.add_argument("--prepare", action="store_true",
                        help="fetch and unpack reveal.js and jQuery, then stop")
    parser.add_argument("--share", action="store_true")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8877)))
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    if args.mark:
        for name in launch.COURSE_NOTEBOOKS:
            if mark(launch.NOTEBOOK_DIR / name):
                print(f"marked {name}")
        return 0
    prepare()
    if args.prepare:
        return 0
    host = "0.0.0.0" if args.share else "127.0.0.1"
    port = launch.free_port(args.port)
    folder = launch.stage_notebooks(ROOT / "build" / "slides" / "notebooks")
    cmd = command(port, folder, host=host, open_browser=not args.no_browser)
    banner = launch.present_banner(port, args.share,
                                   launch.lan_addresses() if args.share else ())
    print(banner.replace("Lecture mode (Voilà, code hidden)", "Slides (Voilà, reveal.js)")
          .replace("make present SHARE=1", "make slides SHARE=1"), flush=True)
    print("  Arrow keys move between slides; Esc shows every slide.\n", flush=True)
    os.execvpe(cmd[0], cmd, environment())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
