"""The course's glossary: one table of terms, a page every notebook links to, and the check
that a notebook defines or links each term where it first uses it.

A notebook *defines* a term at its first use by writing it in bold in that cell (with the
explanation beside it), or *links* it to its entry in ``docs/glossary.md``. An
abbreviation is either in the glossary (and then defined or linked the same way) or spelled
out at its first use, as in "optical coherence tomography (OCT)".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from skinlab.data import records
from skinlab.data.checks import checked
from skinlab.data.citations import cite

__all__ = ["EXEMPT", "GLOSSARY_PAGE", "Term", "abbreviations_in", "first_use",
           "glossary_markdown", "learner_text", "prose_problems", "slug", "term", "terms"]

GLOSSARY_PAGE = "glossary.md"
# Capitals that are not abbreviations to define: Roman numerals (skin types, device class),
# countries and chemical formulae.
EXEMPT = frozenset({"I", "II", "III", "IV", "V", "VI", "US", "UK", "CO2", "OK"})
ABBREVIATION = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z0-9](?:-[0-9A-Za-zα-ω]+)?)(?![\w-])")


@checked
def slug(text: str) -> str:
    """The anchor of a glossary entry: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9α-ω]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    term: str
    aliases: str
    abbreviation: str
    definition: str
    notebook: str
    source: str

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling that counts as this term, longest first."""
        found = [self.term, *(a for a in self.aliases.split("|") if a)]
        if self.abbreviation:
            found.append(self.abbreviation)
        return tuple(sorted(set(found), key=len, reverse=True))

    @property
    def anchor(self) -> str:
        """The term's anchor in ``docs/glossary.md``."""
        return slug(self.term)


@checked
@functools.cache
def terms() -> tuple[Term, ...]:
    """Every glossary entry, alphabetically."""
    return tuple(sorted(records(Term, "glossary"), key=lambda t: t.term.lower()))


@checked
def term(name: str) -> Term:
    """The entry one of whose forms is ``name`` (case forgiven for lower-case terms)."""
    for entry in terms():
        if any(form == name or form.lower() == name.lower() for form in entry.forms):
            return entry
    raise ValueError(f"no glossary term {name!r}: name must be a term or one of its "
                     "forms listed in lib/skinlab/data/glossary.csv")


@checked
def glossary_markdown() -> str:
    """The text of ``docs/glossary.md``: every term with its anchor and definition."""
    lines = ["# Glossary", "",
             "Every term the course uses, in plain words. Generated from "
             "`lib/skinlab/data/glossary.csv` by `make docs`; each notebook links here.", ""]
    for entry in terms():
        short = f" ({entry.abbreviation})" if entry.abbreviation else ""
        sources = "" if entry.source == "course_glossary" else f" *({cite(entry.source)})*"
        lines.append(f'<a id="{entry.anchor}"></a>**{entry.term}**{short}: {entry.definition}'
                     f"{sources} First used in notebook {entry.notebook}.")
        lines.append("")
    return "\n".join(lines)


def _plain(cell: str) -> str:
    """Prose without code blocks, inline code or link targets (they name no terms)."""
    text = re.sub(r"```.*?```", " ", cell, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


@functools.cache
def _pattern(form: str) -> re.Pattern[str]:
    # A form with capitals beyond its first letter (OCT, TGF-β, M1) must match exactly.
    flags = 0 if any(c.isupper() for c in form[1:]) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", flags)


def _defined(cell: str, entry: Term) -> bool:
    if f"{GLOSSARY_PAGE}#{entry.anchor}" in cell:
        return True
    bold = " ".join(re.findall(r"\*\*(.+?)\*\*", cell, flags=re.S))
    return any(_pattern(form).search(bold) for form in entry.forms)


@checked
def abbreviations_in(text: str) -> list[str]:
    """The abbreviations in ``text``, in order, without the exempt ones."""
    return [m.group(1) for m in ABBREVIATION.finditer(_plain(text))
            if m.group(1) not in EXEMPT]


@checked
def first_use(cells: list[str], entry: Term) -> int | None:
    """The index of the first cell of ``cells`` that uses ``entry``, or None if none does.

    A use of a longer glossary term does not count: "dermis" inside "papillary dermis" is a
    use of the longer term.
    """
    if not isinstance(entry, Term):
        raise TypeError(f"entry must be a glossary Term, not {type(entry).__name__}")
    patterns = [_pattern(form) for form in entry.forms]
    longer = [_pattern(form) for form in _every_form()
              if form not in entry.forms and any(_pattern(f).search(form) for f in entry.forms)]
    for k, cell in enumerate(cells):
        text = _plain(cell)
        for pattern in longer:
            text = pattern.sub(" ", text)
        if any(p.search(text) for p in patterns):
            return k
    return None


def _every_form() -> set[str]:
    return {form for entry in terms() for form in entry.forms}


@checked
def learner_text(notebook: dict) -> list[tuple[str, str]]:
    """What a learner reads in a notebook, in order, as ``(kind, text)`` pairs.

    ``notebook`` is the notebook's JSON (as ``json.load`` returns it). ``kind`` is
    ``"prose"`` for a Markdown cell or a self-check (a cell that builds a ``Quiz``), whose
    wording is the author's, and ``"output"`` for text a code cell printed. The reference
    list printed by ``sources(...)`` is left out: titles of papers are not the course's
    prose.
    """
    if not isinstance(notebook, dict) or "cells" not in notebook:
        raise TypeError("notebook must be a notebook's JSON: a dict with a 'cells' list")
    found: list[tuple[str, str]] = []
    for cell in notebook["cells"]:
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown" or source.lstrip().startswith("Quiz("):
            found.append(("prose", source))
        if cell.get("cell_type") != "code" or source.lstrip().startswith("sources("):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = "".join(output.get("text", "")) or "".join(data.get("text/markdown", ""))
            if text:
                found.append(("output", text))
    return found


@checked
def prose_problems(cells: list[str]) -> list[str]:
    """What a notebook's prose (its Markdown cells, in order) uses before defining it.

    Returns one sentence per problem: a glossary term whose first use is neither in bold
    nor linked to the glossary in that cell, and an abbreviation that is neither in the
    glossary nor spelled out at its first use.
    """
    problems = []
    plain = [_plain(cell) for cell in cells]
    for entry in terms():
        first = first_use(cells, entry)
        if first is not None and not _defined(cells[first], entry):
            problems.append(f"cell {first}: '{entry.term}' is used before it is defined "
                            "(bold it there, or link it to the glossary)")
    known = {form for entry in terms() for form in entry.forms}
    seen: set[str] = set()
    for k, text in enumerate(plain):
        for abbreviation in abbreviations_in(text):
            if abbreviation in seen:
                continue
            seen.add(abbreviation)
            if abbreviation in known:
                continue  # checked above as a glossary term
            spelled = re.search(rf"[A-Za-z][\w *-]{{3,}} \({re.escape(abbreviation)}\)", text)
            if not spelled:
                problems.append(f"cell {k}: the abbreviation {abbreviation} is neither in the "
                                "glossary nor spelled out at its first use")
    return problems
