"""Claims, studies and safety: what the evidence on microneedling adds up to.

Read from ``data/claims.csv``, ``clinical_studies.csv``, ``indications.csv``,
``contraindications.csv``, ``adverse_effects.csv``, ``aftercare.csv``,
``facts.csv`` and ``screening_cases.csv``. Every grade is on one scale, :data:`GRADES`; see
``docs/models/evidence.md`` for how grades are assigned and what they leave out.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from skinlab.data import column, records
from skinlab.data.citations import cite

# The data tables this model reads (the notebooks' Sources cells list their references).
TABLES: tuple[str, ...] = (
    "claims", "clinical_studies", "indications", "contraindications", "adverse_effects",
    "aftercare", "screening_cases",
)

__all__ = [
    "CONTRAINDICATION_KINDS",
    "EFFECT_KINDS",
    "GRADES",
    "SCREENING_ANSWERS",
    "TABLES",
    "VERDICTS",
    "AdverseEffect",
    "Aftercare",
    "Claim",
    "Contraindication",
    "Indication",
    "ScreeningCase",
    "Study",
    "adverse_effects",
    "aftercare",
    "claim",
    "claim_card",
    "claims",
    "contraindications",
    "grade_label",
    "indication",
    "indication_text",
    "indications",
    "max_studies",
    "relative_change_pct",
    "screening_cases",
    "screening_feedback",
    "studies",
    "study_line",
]

# The course's evidence scale, strongest first. A grade says what kind of study stands
# behind a statement, not how large or how certain the effect is.
GRADES: dict[str, str] = {
    "A": "randomised trial or systematic review",
    "B": "prospective study without a control group",
    "C": "case series or case report",
    "D": "animal or laboratory study only",
    "E": "expert opinion, practice lists or makers' statements",
    "F": "no evidence found",
}

VERDICTS = ("supported", "partly supported", "not supported", "misleading", "unverified",
            "no evidence found")
EFFECT_KINDS: dict[str, str] = {
    "responders": "share of patients who improved",
    "score fall": "fall in a severity score",
    "measured rise": "rise in a measured quantity",
}
SCREENING_ANSWERS = ("proceed", "postpone", "refer")
CONTRAINDICATION_KINDS = ("absolute", "relative", "precaution", "never")


def grade_label(grade: str) -> str:
    """``"B · prospective study without a control group"`` for grade ``"B"``."""
    if grade not in GRADES:
        raise ValueError(f"no evidence grade {grade!r}; grades: {', '.join(GRADES)}")
    return f"{grade} · {GRADES[grade]}"


# --- studies and indications ---------------------------------------------------------
@dataclass(frozen=True)
class Study:
    """One clinical study of one indication."""

    study: str
    indication: str
    design: str
    grade: str
    n_enrolled: int
    n_analysed: int
    protocol: str
    outcome: str
    effect: str
    effect_pct: float | None
    effect_kind: str
    note: str
    source: str


@dataclass(frozen=True)
class Indication:
    """What the evidence for one use of microneedling adds up to."""

    name: str = column("indication")
    grade: str
    verdict: str
    summary: str
    source: str


@functools.cache
def _studies() -> tuple[Study, ...]:
    return records(Study, "clinical_studies")


@functools.cache
def indications() -> tuple[Indication, ...]:
    """Every indication the course weighs, best-studied first."""
    return records(Indication, "indications")


def indication(name: str) -> Indication:
    """The verdict on one indication; ``ValueError`` lists the known names."""
    for item in indications():
        if item.name == name:
            return item
    known = ", ".join(i.name for i in indications())
    raise ValueError(f"no indication {name!r}; indications: {known}")


def studies(name: str | None = None) -> tuple[Study, ...]:
    """The studies of indication ``name`` (all studies when ``None``), strongest grade first.

    An indication with no study returns an empty tuple: that absence is the finding.
    """
    chosen = _studies() if name is None else tuple(
        s for s in _studies() if s.indication == indication(name).name)
    order = list(GRADES)
    return tuple(sorted(chosen, key=lambda s: (order.index(s.grade), -s.n_analysed)))


def max_studies() -> int:
    """The most studies any one indication has (at least 1): the rows a chart needs."""
    return max(1, *(len(studies(i.name)) for i in indications()))


def study_line(study: Study) -> str:
    """One study in a line: name, design, n, effect and source."""
    n = (f"n = {study.n_analysed}" if study.n_analysed == study.n_enrolled
         else f"n = {study.n_analysed} of {study.n_enrolled} enrolled")
    return (f"{study.study} [{study.grade}] {study.design}, {n}, {study.protocol}: "
            f"{study.effect} ({cite(study.source)})")


def indication_text(name: str) -> str:
    """The verdict on an indication and its studies, as plain text."""
    item = indication(name)
    found = studies(name)
    lines = [f"{item.name.capitalize()}: {item.verdict}. Best evidence: "
             f"{grade_label(item.grade)}.", item.summary]
    if found:
        lines += [f"- {study_line(s)}" for s in found]
    else:
        lines.append("No study with this as its outcome was found.")
    return "\n".join(lines)


# --- claims --------------------------------------------------------------------------
@dataclass(frozen=True)
class Claim:
    """A claim as marketing words it, with the course's reading of the evidence."""

    id: str
    claim: str
    mechanism: str
    evidence: str
    grade: str
    verdict: str
    why: str
    source: str


@functools.cache
def claims() -> tuple[Claim, ...]:
    """The claims notebook 4 examines, in its order."""
    return records(Claim, "claims")


def claim(claim_id: str) -> Claim:
    """One claim by id; ``ValueError`` lists the ids."""
    for item in claims():
        if item.id == claim_id:
            return item
    raise ValueError(f"no claim {claim_id!r}; claims: {', '.join(c.id for c in claims())}")


def claim_card(claim_id: str) -> str:
    """A claim with its mechanism, evidence, grade and verdict, as plain text."""
    c = claim(claim_id)
    return "\n".join([
        f"Claim:     “{c.claim}”",
        f"Mechanism: {c.mechanism}",
        f"Evidence:  {c.evidence}",
        f"Grade:     {grade_label(c.grade)}",
        f"Verdict:   {c.verdict.upper()}. {c.why}",
        f"Sources:   {cite(c.source)}",
    ])


# --- safety --------------------------------------------------------------------------
@dataclass(frozen=True)
class Contraindication:
    """One item on the screening list."""

    item: str
    kind: str
    grade: str
    note: str
    source: str


@dataclass(frozen=True)
class AdverseEffect:
    """One reported adverse effect, as often and as long as reported."""

    effect: str
    frequency: str
    duration: str
    note: str
    source: str


@functools.cache
def contraindications() -> tuple[Contraindication, ...]:
    """The screening list, in the order absolute, relative, precaution, never."""
    return tuple(sorted(records(Contraindication, "contraindications"),
                        key=lambda c: CONTRAINDICATION_KINDS.index(c.kind)))


@functools.cache
def adverse_effects() -> tuple[AdverseEffect, ...]:
    """Reported adverse effects, most common first."""
    return records(AdverseEffect, "adverse_effects")


@dataclass(frozen=True)
class Aftercare:
    """One piece of aftercare advice, why, and how strong the evidence is."""

    advice: str
    why: str
    grade: str
    source: str


@functools.cache
def aftercare() -> tuple[Aftercare, ...]:
    """Aftercare advice, in the order a client needs it."""
    return records(Aftercare, "aftercare")


@dataclass(frozen=True)
class ScreeningCase:
    """A fictional client, the teaching answer, and why."""

    client: str
    story: str
    answer: str
    why: str
    source: str


@functools.cache
def screening_cases() -> tuple[ScreeningCase, ...]:
    """The fictional clients of the screening exercise."""
    return records(ScreeningCase, "screening_cases")


def screening_feedback(case: ScreeningCase, choice: str) -> str:
    """Feedback in words on choosing ``choice`` for ``case``."""
    if choice not in SCREENING_ANSWERS:
        raise ValueError(f"choice must be one of {', '.join(SCREENING_ANSWERS)}, got {choice!r}")
    if choice == case.answer:
        return f"✓ Yes, {choice}. {case.why}"
    return (f"✗ Not {choice}: the course's answer is {case.answer}. {case.why}")


def relative_change_pct(before: float, after: float) -> float:
    """Percentage change from ``before`` to ``after`` (negative for a fall).

    Raises
    ------
    ValueError
        If either value is not a finite number, or ``before`` is zero (no baseline).
    """
    for label, value in (("before", before), ("after", after)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
                value):
            raise ValueError(f"{label} must be a finite number, got {value!r}")
    if before == 0:
        raise ValueError("before must not be zero: a change from zero has no percentage")
    return 100.0 * (after - before) / before
