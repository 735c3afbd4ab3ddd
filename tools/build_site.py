"""Export every notebook to a static HTML site that works offline: ``make site``.

Usage: python tools/build_site.py [OUT_DIR]   (default: build/site)

The pages use their stored outputs (notebooks are committed executed). Live widget
views need a kernel, so they are dropped and each explorer's stored static PNG and
text take their place; self-checks keep their HTML form, whose answers open with a
click. The template leaves out every script that would load from the internet, and
links between notebooks point at the exported pages. The documents in ``docs/`` (the
glossary, the model notes, the validation and certainty pages) are rendered to HTML too, so
a glossary link from a notebook lands on the term in a browser without any server.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import mistune
import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TEMPLATE = Path(__file__).resolve().parent / "site_template" / "skinlab_site.html.j2"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NOTEBOOK_LINK = re.compile(r'href="(\d\d-[\w-]+)\.ipynb(#[^"]*)?"')
DOCS_LINK = re.compile(r'href="\.\./docs/')
MARKDOWN_LINK = re.compile(r'href="([^":#]+)\.md(#[^"]*)?"')


def static_notebook(path: Path) -> nbformat.NotebookNode:
    """Read a notebook and drop what only a live kernel can show."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
        if cell.cell_type == "code" and "progress_table()" in cell.source:
            # A static page keeps no progress: say so instead of showing an empty table.
            cell.outputs = [nbformat.v4.new_output("display_data", data={
                "text/markdown": "*This static copy keeps no progress: your answers are "
                                 "saved only when you run the notebooks yourself.*",
                "text/plain": "This static copy keeps no progress."})]
    return nb


def export(path: Path, out_dir: Path, exporter: HTMLExporter) -> Path:
    """Write ``path`` as ``out_dir/<stem>.html`` and return the new file."""
    body, _ = exporter.from_notebook_node(static_notebook(path),
                                          resources={"metadata": {"name": path.stem}})
    body = NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
    body = _html_links(DOCS_LINK.sub('href="docs/', body))
    target = out_dir / f"{path.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def _html_links(body: str) -> str:
    # Links to Markdown documents point at their rendered pages.
    return MARKDOWN_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)


def document_page(markdown_text: str, title: str) -> str:
    """One ``docs/`` document as a self-contained HTML page (its own anchors kept)."""
    render = mistune.create_markdown(escape=False, plugins=["table"])
    body = _html_links(str(render(markdown_text)))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title><style>"
            "body{font:1.05rem/1.55 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
            "padding:0 1rem;color:#111}table{border-collapse:collapse}"
            "td,th{border:1px solid #999;padding:.3rem .5rem;vertical-align:top}"
            ":target{background:#fff3b0}code{font-size:.95em}</style></head><body>\n"
            f"{body}</body></html>\n")


def render_documents(source: Path, target: Path) -> list[Path]:
    """Write every Markdown file under ``source`` as HTML under ``target``; copy the rest."""
    if target.exists():
        shutil.rmtree(target)
    written = []
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            title = next((line.lstrip("# ").strip() for line in text.splitlines()
                          if line.startswith("# ")), path.stem)
            out = out.with_suffix(".html")
            out.write_text(document_page(text, title), encoding="utf-8")
            written.append(out)
        else:
            shutil.copy2(path, out)
    return written


def index_page(pages: list[Path]) -> str:
    """A plain list of the exported notebooks."""
    items = "\n".join(f'<li><a href="{p.name}">{html.escape(p.stem)}</a></li>' for p in pages)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Microneedling, from the skin up</title></head><body>"
            "<h1>Microneedling, from the skin up</h1>"
            "<p>Static pages of the course notebooks. This course is for education only; "
            f"it is not medical advice.</p><ul>\n{items}\n</ul>"
            "<h2>Reference</h2><ul>"
            '<li><a href="docs/glossary.html">Glossary</a></li>'
            '<li><a href="docs/models/validation.html">The models against the observations '
            "they cite</a></li>"
            '<li><a href="docs/models/certainty.html">Certainty of the evidence, question by '
            "question</a></li></ul>"
            "<h2>For instructors</h2><ul>"
            '<li><a href="docs/instructors/README.html">Lecture plans</a></li>'
            '<li><a href="docs/instructors/answers.html">Model answers to the Think! '
            "prompts</a></li></ul></body></html>\n")


def build(out_dir: Path) -> list[Path]:
    """Export every notebook, the documents of ``docs/`` and an index into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_file=str(TEMPLATE),
                            extra_template_basedirs=[str(TEMPLATE.parent)])
    pages = [export(p, out_dir, exporter) for p in sorted(NOTEBOOKS.glob("*.ipynb"))]
    render_documents(ROOT / "docs", out_dir / "docs")
    (out_dir / "index.html").write_text(index_page(pages), encoding="utf-8")
    return pages


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "build" / "site"
    for page in build(out_dir):
        print(page)
    print(f"open {out_dir / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
