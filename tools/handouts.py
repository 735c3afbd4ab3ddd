"""Printable handouts: ``make handouts`` writes one PDF per notebook, and one of the
instructors' notes, into ``build/handouts/``.

Usage: python -m tools.handouts [OUT_DIR]   (default: build/handouts)

Each notebook is laid out for paper from its stored outputs: prose, figures, printed
tables and each explorer's static picture with its reading; code is left out (as in
lecture mode). Self-checks are printed as questions, and their answers, with the hidden
exercise solutions, go to an answer section at the end. The page is printed by headless
Chromium (the system's, found as the browser tests find it) on A4 with its margins; maths,
if any, is typeset by a local MathJax (Debian ``libjs-mathjax``), never one from the
internet. Before printing, the page is measured: a line or figure wider than the text
column is an error, not a clipped handout.
"""

from __future__ import annotations

import base64
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import mistune
import nbformat

from skinlab.course.launch import COURSE_NOTEBOOKS
from skinlab.course.quiz import LETTERS, quiz_parts
from tools.browser import CHROMIUM_ARGS, chromium_path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
MATHJAX = Path("/usr/share/javascript/mathjax/MathJax.js")
DETAILS = re.compile(r"<details>\s*<summary>(.*?)</summary>(.*?)</details>", re.S)
_markdown = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html { font: 10.5pt/1.45 "DejaVu Sans", system-ui, sans-serif; color: #111; }
body { margin: 0; }
h1 { font-size: 18pt; margin: 0 0 .4em; }
h2 { font-size: 13.5pt; margin: 1.2em 0 .3em; break-after: avoid; }
h3 { font-size: 11.5pt; break-after: avoid; }
img { max-width: 100%; height: auto; display: block; margin: .4em auto; }
figure { margin: .6em 0; break-inside: avoid; }
figcaption { font-size: 9.5pt; color: #333; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 8.5pt; line-height: 1.3;
      background: #f4f4f4; padding: .4em .6em; break-inside: avoid; }
code { font-size: .92em; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: 9pt; max-width: 100%; }
td, th { border: 1px solid #999; padding: .15em .35em; vertical-align: top;
         overflow-wrap: anywhere; }
blockquote { border-left: 3px solid #b35806; margin: .6em 0; padding: .1em .8em;
             background: #fff7ee; break-inside: avoid; }
a { color: inherit; text-decoration: underline; }
.selfcheck { border: 1px solid #999; padding: .3em .8em; margin: .6em 0; break-inside: avoid; }
.selfcheck ol { list-style: none; padding-left: .5em; }
.answers { break-before: page; }
.reading { font-style: italic; }
"""


@dataclass
class Handout:
    """A notebook laid out for paper: the body, and the answers collected on the way."""

    title: str
    body: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)


def _markdown_html(source: str, handout: Handout) -> str:
    # Hidden solutions (<details>) move to the answer section: paper cannot unfold.
    def move(match: re.Match[str]) -> str:
        summary = re.sub(r"<[^>]+>", "", match.group(1)).strip()
        handout.answers.append(f"<h3>{html.escape(summary)}</h3>{_markdown(match.group(2))}")
        return f"<p><i>({html.escape(summary)}: see the answers at the end.)</i></p>"

    text = DETAILS.sub(move, source)
    # Links to other notebooks and documents cannot be followed on paper: keep the words.
    text = re.sub(r"\]\((?!https?:)[^)]*\)", "]()", text).replace("]()", "]")
    text = re.sub(r"\[([^\]]+)\](?!\()", r"\1", text)
    return str(_markdown(text))


def _output_html(output: dict) -> str:
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return f"<pre>{html.escape(output.get('text', ''))}</pre>"
    if "image/png" in data:
        alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
        text = data.get("text/plain", "")
        reading = ""
        if text.startswith("[") and "] " in text:  # an explorer: its opening reading
            reading = f"<figcaption class='reading'>{html.escape(text)}</figcaption>"
        png = data["image/png"]
        png = png if isinstance(png, str) else base64.b64encode(png).decode()
        return (f"<figure><img alt='{html.escape(alt, quote=True)}' "
                f"src='data:image/png;base64,{png.strip()}'>{reading}</figure>")
    if "text/markdown" in data:
        return str(_markdown(data["text/markdown"]))
    if "text/html" in data:
        return data["text/html"]
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def handout(path: Path) -> Handout:
    """Lay out the notebook at ``path`` for paper."""
    nb = nbformat.read(path, as_version=4)
    first = next(c.source for c in nb.cells if c.cell_type == "markdown")
    title = first.splitlines()[0].lstrip("# ").strip()
    sheet = Handout(title)
    checks = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            sheet.body.append(_markdown_html(cell.source, sheet))
        elif cell.source.lstrip().startswith("Quiz("):
            checks += 1
            question, options = quiz_parts(cell.source)
            items = "".join(f"<li>{LETTERS[i]}) {html.escape(o.text)}</li>"
                            for i, o in enumerate(options))
            sheet.body.append(f"<div class='selfcheck'><p><b>Self-check {checks}.</b> "
                              f"{html.escape(question)}</p><ol>{items}</ol></div>")
            right = " ".join(f"<b>{LETTERS[i]})</b> {html.escape(o.text)}. "
                             f"{html.escape(o.why)}" for i, o in enumerate(options) if o.correct)
            sheet.answers.insert(checks - 1, f"<p><b>Self-check {checks}.</b> {right}</p>")
        else:
            sheet.body.extend(_output_html(o) for o in cell.get("outputs", []))
    return sheet


def page(title: str, body: str) -> str:
    """A printable HTML page (local MathJax when the machine has it)."""
    mathjax = ""
    if MATHJAX.exists():
        mathjax = (f"<script src='{MATHJAX.as_uri()}?config=TeX-AMS_CHTML'></script>"
                   "<script>MathJax.Hub.Config({tex2jax:{inlineMath:[['$','$']]}});</script>")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>{CSS}</style>{mathjax}</head>"
            f"<body>{body}</body></html>")


def notebook_page(sheet: Handout) -> str:
    answers = ""
    if sheet.answers:
        answers = ("<section class='answers'><h2>Answers</h2>"
                   + "".join(sheet.answers) + "</section>")
    footer = ("<hr><p><small>From the skinlab course notebooks, printed from their stored "
              "outputs. Education, not medical advice.</small></p>")
    return page(sheet.title, "".join(sheet.body) + answers + footer)


OVERFLOW_JS = """() => {
  const width = document.body.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    const clipped = el.scrollWidth > el.clientWidth + 1
      && getComputedStyle(el).overflowX !== 'visible';
    if (box.right > width + 1 || clipped)
      out.push(el.tagName + ': ' + (el.textContent || el.getAttribute('alt') || '').slice(0, 80));
  }
  return out;
}"""


def print_pdfs(pages: dict[str, str], out_dir: Path) -> dict[str, list[str]]:
    """Print each HTML page to ``out_dir/<name>.pdf`` with headless Chromium; return what
    overflowed the text column on each (empty lists when nothing did)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("no Chromium found: install it (apt-get install chromium) or set "
                           "SKINLAB_CHROMIUM; handouts are printed by the browser")
    overflow: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        # The viewport is A4's text column (180 mm at 96 px per inch), so the page is
        # measured at the width it is printed at.
        tab = browser.new_page(viewport={"width": 680, "height": 1000})
        tab.route(re.compile(r"^https?://"), lambda route: route.abort())
        for name, text in pages.items():
            source = out_dir / f"{name}.html"
            source.write_text(text, encoding="utf-8")
            tab.goto(source.as_uri())
            if MATHJAX.exists():
                tab.wait_for_function("() => !window.MathJax || MathJax.isReady", timeout=30_000)
                tab.evaluate("() => new Promise(r => window.MathJax ? "
                             "MathJax.Hub.Queue(r) : r())")
            tab.emulate_media(media="print")
            overflow[name] = tab.evaluate(OVERFLOW_JS)
            tab.pdf(path=str(out_dir / f"{name}.pdf"), format="A4", print_background=True,
                    prefer_css_page_size=True)
            source.unlink()
        browser.close()
    return overflow


def notes_page() -> str:
    """The instructors' notes (``docs/instructors/``) as one printable page."""
    folder = ROOT / "docs" / "instructors"
    parts = [str(_markdown(p.read_text(encoding="utf-8")))
             for p in sorted(folder.glob("*.md"))]
    return page("Instructors' notes", "".join(parts))


def build(out_dir: Path) -> dict[str, list[str]]:
    """Write every handout into ``out_dir``; return overflow findings per PDF."""
    out_dir = Path(out_dir).resolve()  # the browser opens the pages by file:// address
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = {Path(name).stem: notebook_page(handout(NOTEBOOKS / name))
             for name in COURSE_NOTEBOOKS}
    pages["instructors-notes"] = notes_page()
    return print_pdfs(pages, out_dir)


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "build" / "handouts"
    overflow = build(out_dir)
    for name, found in overflow.items():
        size = (out_dir / f"{name}.pdf").stat().st_size
        print(f"{name}.pdf  {size / 1024:.0f} KiB" + (f"  OVERFLOW: {found}" if found else ""))
    return 1 if any(overflow.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
