"""Citations: load ``data/references.bib`` and turn keys into readable references.

The parser reads the plain BibTeX the project writes (``@type{key, field = {value}, ...}``
with braces or quotes); it is not a general BibTeX implementation.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field

from skinlab.data import DATA_DIR, SOURCE_COLUMN, read_table, split_keys, table_names
from skinlab.data.checks import checked

__all__ = [
    "Reference", "bibliography_markdown", "cite", "keys_used_in_data", "parse_bibtex",
    "reference", "references",
]

BIB_PATH = DATA_DIR / "references.bib"

_ENTRY_START = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,")
_FIELD_NAME = re.compile(r"\s*(\w+)\s*=\s*")


@dataclass(frozen=True)
class Reference:
    """One bibliography entry."""

    key: str
    kind: str
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def peer_reviewed(self) -> bool:
        """False for entries the bibliography marks ``peer_reviewed = {no}``."""
        return self.fields.get("peer_reviewed", "yes").lower() != "no"

    def short(self) -> str:
        """Author–year label such as ``Meng 2022``."""
        year = self.fields.get("year", "n.d.").replace("--", "–")
        if "label" in self.fields:  # organisations and documents name themselves
            label = _plain_tex(self.fields["label"])
            return label if year in label else f"{label} {year}"
        author = _plain_tex(self.fields.get("author", self.fields.get("organization", self.key)))
        first = author.split(" and ")[0].split(",")[0].strip()
        return f"{first} {year}"

    def full(self) -> str:
        """A one-line reference in plain text.

        Entries whose authors or title the course could not retrieve say so in words
        rather than pretending to a complete reference; the course's own summary of what
        the source reports follows as a note.
        """
        fields = {name: _plain_tex(value) for name, value in self.fields.items()}
        who = fields.get("author", fields.get("organization", ""))
        parts = [_with_stop(who) if who else "Authors not recorded."]
        parts.append(f"({fields.get('year', 'n.d.').replace('--', '–')})")
        title = fields.get("title", "")
        parts.append(_with_stop(title) if title else "Title not recorded.")
        venue = fields.get("journal") or fields.get("booktitle") or fields.get("publisher", "")
        if venue:
            where = venue
            if "volume" in fields:
                where += f" {fields['volume']}"
                if "pages" in fields:
                    where += f":{fields['pages'].replace('--', '–')}"
            parts.append(_with_stop(where))
        if "doi" in fields:
            parts.append(f"doi:{fields['doi']}")
        if "summary" in fields:
            parts.append(f"What the course uses: {_with_stop(fields['summary'])}")
        if "note" in fields:
            parts.append(_with_stop(fields["note"][0].upper() + fields["note"][1:]))
        if not self.peer_reviewed:
            parts.append("[not peer-reviewed]")
        return " ".join(p for p in parts if p)


# The few TeX accents the bibliography uses, written as the letters they stand for.
_TEX_ACCENTS = {
    r"{\o}": "ø", r"\o{}": "ø", r'{\"u}': "ü", r'{\"o}': "ö", r'{\"a}': "ä",
    r"{\'e}": "é", r"{\'a}": "á", r"{\'i}": "í", r"{\~a}": "ã", r"{\c c}": "ç",
}


def _plain_tex(text: str) -> str:
    for tex, letter in _TEX_ACCENTS.items():
        text = text.replace(tex, letter)
    return text.replace("{", "").replace("}", "").replace("--", "–")


def _with_stop(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _read_value(text: str, pos: int) -> tuple[str, int]:
    """Read a braced, quoted or bare value starting at ``pos``; return it and the end."""
    opener = text[pos]
    if opener == "{":
        depth, i = 0, pos
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    return text[pos + 1 : i], i + 1
            i += 1
        raise ValueError(f"unbalanced braces in references.bib near offset {pos}")
    if opener == '"':
        end = text.index('"', pos + 1)
        return text[pos + 1 : end], end + 1
    match = re.match(r"[^,}\s]+", text[pos:])
    if not match:
        raise ValueError(f"missing value in references.bib near offset {pos}")
    return match.group(0), pos + match.end()


@checked
def parse_bibtex(text: str) -> dict[str, Reference]:
    """Parse BibTeX ``text`` into references keyed by citation key.

    Raises
    ------
    ValueError
        On a duplicate key or a malformed entry.
    """
    refs: dict[str, Reference] = {}
    for match in _ENTRY_START.finditer(text):
        kind, key = match.group(1).lower(), match.group(2)
        if key in refs:
            raise ValueError(f"duplicate citation key {key!r} in references.bib")
        fields: dict[str, str] = {}
        pos = match.end()
        while True:
            name = _FIELD_NAME.match(text, pos)
            if not name:
                break
            value, pos = _read_value(text, name.end())
            fields[name.group(1).lower()] = " ".join(value.split())
            pos = re.match(r"\s*,?", text[pos:]).end() + pos  # type: ignore[union-attr]
        refs[key] = Reference(key, kind, fields)
    return refs


@checked
@functools.lru_cache(maxsize=1)
def references() -> dict[str, Reference]:
    """Return every reference in ``data/references.bib``, keyed by citation key."""
    return parse_bibtex(BIB_PATH.read_text(encoding="utf-8"))


@checked
def reference(key: str) -> Reference:
    """Return the reference for ``key``.

    Raises
    ------
    ValueError
        If the key is unknown; the message names the closest keys.
    """
    refs = references()
    if key not in refs:
        close = difflib.get_close_matches(key, refs, n=3)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise ValueError(f"unknown citation key {key!r}{hint}; valid keys are those of "
                         "lib/skinlab/data/references.bib")
    return refs[key]


@checked
def cite(keys: str) -> str:
    """Return the short labels for a ``;``-separated key list, e.g. ``"Meng 2022; Lee 2002"``."""
    found = split_keys(keys)
    if not found:
        raise ValueError(f"keys must name at least one citation key, got {keys!r}")
    return "; ".join(reference(k).short() for k in found)


@checked
def keys_used_in_data() -> dict[str, set[str]]:
    """Map each citation key used in a data table to the tables that use it."""
    used: dict[str, set[str]] = {}
    for name in table_names():
        for row in read_table(name):
            for key in split_keys(row.get(SOURCE_COLUMN, "")):
                used.setdefault(key, set()).add(name)
    return used


@checked
def bibliography_markdown(keys: list[str] | set[str]) -> str:
    """Return a Markdown bullet list of the given references, sorted by label."""
    refs = sorted((reference(k) for k in set(keys)), key=lambda r: (r.short(), r.key))
    return "\n".join(f"- **{r.short()}** — {r.full()}" for r in refs)
