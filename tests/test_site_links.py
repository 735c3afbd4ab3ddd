"""`make site`: every link of the static pages lands on a page, and on an anchor that exists,
without a server (the glossary links above all)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools import build_site

HREF = re.compile(r'href="([^"]+)"')
ANCHOR = re.compile(r'id="([^"]+)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site.build(out)
    return out


def test_every_local_link_and_anchor_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert any(p.name == "glossary.html" for p in pages)
    broken = []
    checked = 0
    for page in pages:
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "data:")) or not parts.path:
                continue
            target = (page.parent / parts.path).resolve()
            checked += 1
            if not target.exists():
                broken.append(f"{page.name}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".html" and \
                    parts.fragment not in ANCHOR.findall(target.read_text(encoding="utf-8")):
                broken.append(f"{page.name}: {href} (no such anchor)")
    assert checked > 100
    assert broken == []


def test_glossary_links_from_the_notebooks_point_at_the_rendered_page(site: Path) -> None:
    text = (site / "01-skin-layers.html").read_text(encoding="utf-8")
    assert 'href="docs/glossary.html#dermis"' in text
    assert not re.search(r'href="[^"]+\.md[#"]', text)


def test_documents_render_their_tables_and_the_index_links_them(site: Path) -> None:
    validation = (site / "docs" / "models" / "validation.html").read_text(encoding="utf-8")
    assert "<table>" in validation and "<th>observation</th>" in validation
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "not medical advice" in index and 'href="docs/glossary.html"' in index
