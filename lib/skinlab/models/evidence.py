"""Claims, studies and safety: what the evidence on microneedling adds up to, graded as
GRADE grades it.

Every question the course asks of the literature (does needling help acne scars? is the
claim true? is this a reason not to treat?) has its studies in ``data/evidence.csv``,
one row per study, with GRADE's judgements and their reasons. The certainty of each row
is computed here from those judgements:

* it starts from the design: high for a randomised trial; low for a non-randomised study,
  a case series, a case report, or an animal or laboratory study; a systematic review
  starts where the designs it pooled start;
* it is rated down one or two levels for risk of bias, inconsistency, indirectness (to the
  question asked: population, intervention, outcome), imprecision and publication bias;
* it is rated up (large effect, dose-response, confounding that would shrink the effect)
  only for non-randomised evidence that was not rated down, as GRADE allows;
* it never goes below very low or above high.

GRADE rates a body of evidence for one outcome; the course simplifies by rating each row
and giving a question the certainty of its best row. A row that answers a related question
(``answers`` is no) is shown as context and not graded for this one. Expert opinion,
practice lists and makers' statements are listed but not graded: GRADE grades evidence, not
opinion.
``docs/models/evidence.md`` explains the approach and its sources.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from skinlab.data import column, records
from skinlab.data.checks import checked, choice
from skinlab.data.citations import cite

# The data tables this model reads (the notebooks' Sources cells list their references).
TABLES: tuple[str, ...] = (
    "evidence", "claims", "indications", "contraindications", "adverse_effects", "aftercare",
    "screening_cases", "anaesthesia", "regulation",
)

__all__ = [
    "CONTRAINDICATION_KINDS",
    "DESIGNS",
    "DOWN",
    "EFFECT_KINDS",
    "LEVELS",
    "POOLED",
    "SCREENING_ANSWERS",
    "TABLES",
    "UP",
    "VERDICTS",
    "AdverseEffect",
    "Aftercare",
    "AnaesthesiaRisk",
    "Certainty",
    "Claim",
    "Contraindication",
    "Evidence",
    "Indication",
    "Rule",
    "ScreeningCase",
    "Step",
    "adverse_effects",
    "aftercare",
    "anaesthesia_risks",
    "certainty",
    "claim",
    "claim_card",
    "claims",
    "contraindications",
    "evidence",
    "indication",
    "indication_text",
    "indications",
    "max_studies",
    "path_text",
    "question_text",
    "questions",
    "regulation",
    "relative_change_pct",
    "screening_cases",
    "screening_feedback",
    "studies",
    "study_line",
]

# GRADE's four levels of certainty, lowest first (a level's number is its index + 1).
LEVELS: tuple[str, ...] = ("very low", "low", "moderate", "high")
# Where each design starts; None: a review starts where what it pooled starts, and
# "not graded" rows (opinion, practice, makers' statements) have no level.
DESIGNS: dict[str, str | None] = {
    "randomised trial": "high",
    "non-randomised study": "low",
    "case series": "low",
    "case report": "low",
    "systematic review": None,
    # GRADE's starting levels were written for studies in people. Animal and laboratory
    # studies rarely report randomisation, and many only describe (a depth, a marker), so
    # the course starts them low, like other non-randomised evidence, and rates them down
    # for indirectness besides.
    "animal experiment": "low",
    "laboratory experiment": "low",
    "not graded": None,
}
POOLED: dict[str, str] = {
    "randomised trials": "high",
    "non-randomised studies": "low",
    "case reports": "low",
}
# The reasons to rate down and to rate up, with the words the course uses for them.
DOWN: dict[str, str] = {
    "bias": "risk of bias",
    "inconsistency": "inconsistency",
    "indirectness": "indirectness",
    "imprecision": "imprecision",
    "publication_bias": "publication bias",
}
UP: dict[str, str] = {
    "large_effect": "large effect",
    "dose_response": "dose-response gradient",
    "confounding": "confounding that would shrink the effect",
}
NOT_HUMAN = ("animal experiment", "laboratory experiment")

VERDICTS = ("supported", "partly supported", "not supported", "misleading", "unverified",
            "no evidence found")
EFFECT_KINDS: dict[str, str] = {
    "responders": "share of patients who improved",
    "score fall": "fall in a severity score",
    "measured rise": "rise in a measured quantity",
}
SCREENING_ANSWERS = ("proceed", "postpone", "refer")
CONTRAINDICATION_KINDS = ("absolute", "relative", "precaution", "never")


# --- the evidence rows and their certainty ---------------------------------------------
@dataclass(frozen=True)
class Step:
    """One GRADE judgement on a row: the domain, the levels it moves, why, and the level
    the row stands at after it."""

    domain: str
    change: int
    why: str
    level: str


@dataclass(frozen=True)
class Evidence:
    """One study's evidence on one question, with GRADE's judgements and their reasons."""

    question: str
    study: str
    design: str
    design_detail: str
    pooled: str
    subject: str
    n_enrolled: int | None
    n_analysed: int | None
    protocol: str
    outcome: str
    answers: bool  # False: a related finding, shown as context, not graded for this question
    effect: str
    effect_pct: float | None
    effect_kind: str
    bias: int
    bias_why: str
    inconsistency: int
    inconsistency_why: str
    indirectness: int
    indirectness_why: str
    imprecision: int
    imprecision_why: str
    publication_bias: int
    publication_bias_why: str
    large_effect: int
    dose_response: int
    confounding: int
    upgrade_why: str
    note: str
    source: str

    @property
    def graded(self) -> bool:
        """False for opinion, practice descriptions and makers' statements, and for a
        related finding that does not answer the question (``answers`` is False)."""
        return self.design != "not graded" and self.answers

    @property
    def start(self) -> str | None:
        """The level GRADE starts this row at (None when it is not graded)."""
        if self.design == "systematic review":
            return POOLED[self.pooled]
        return DESIGNS[self.design]

    @property
    def steps(self) -> tuple[Step, ...]:
        """The judgements that move the row, in GRADE's order, each with the level after it."""
        level = LEVELS.index(self.start) if self.start else 0
        steps = []
        for domain, words in DOWN.items():
            change = getattr(self, domain)
            if change:
                level = max(0, level + change)
                steps.append(Step(words, change, getattr(self, f"{domain}_why"), LEVELS[level]))
        for domain, words in UP.items():
            change = getattr(self, domain)
            if change:
                level = min(len(LEVELS) - 1, level + change)
                steps.append(Step(words, change, self.upgrade_why, LEVELS[level]))
        return tuple(steps)

    @property
    def certainty(self) -> str | None:
        """The certainty of this row's evidence for its question, computed from the
        judgements (None when it is not graded)."""
        if not self.graded:
            return None
        return self.steps[-1].level if self.steps else self.start

    @property
    def rank(self) -> int:
        """0 for ungraded rows, else 1 (very low) to 4 (high)."""
        return LEVELS.index(self.certainty) + 1 if self.certainty else 0


def _check_row(row: Evidence) -> None:
    """Refuse a row GRADE would not allow, naming the study and the rule."""
    where = f"evidence.csv, {row.question} / {row.study}"
    choice("design", row.design, DESIGNS)
    if row.design == "systematic review":
        choice("pooled design", row.pooled, POOLED)
    moves = {d: getattr(row, d) for d in (*DOWN, *UP)}
    if row.design == "not graded" and any(moves.values()):
        raise ValueError(f"{where}: an ungraded row carries no judgements")
    for domain in DOWN:
        if moves[domain] not in (0, -1, -2):
            raise ValueError(f"{where}: {domain} must be 0, -1 or -2, got {moves[domain]}")
        if moves[domain] and not getattr(row, f"{domain}_why"):
            raise ValueError(f"{where}: rated down for {DOWN[domain]} without a reason")
    ups = [moves[d] for d in UP]
    if any(v not in (0, 1, 2) for v in ups):
        raise ValueError(f"{where}: rating up must be 0, +1 or +2")
    if any(ups):
        if row.start != "low" or any(moves[d] for d in DOWN):
            raise ValueError(f"{where}: GRADE rates up only non-randomised evidence that was "
                             "not rated down")
        if not row.upgrade_why:
            raise ValueError(f"{where}: rated up without a reason")
    if row.design in NOT_HUMAN and row.indirectness > -1:
        raise ValueError(f"{where}: an animal or laboratory study is indirect evidence for a "
                         "question about people; rate it down for indirectness")


@checked
@functools.cache
def evidence() -> tuple[Evidence, ...]:
    """Every row of ``data/evidence.csv``, checked against GRADE's rules."""
    rows = records(Evidence, "evidence")
    for row in rows:
        _check_row(row)
    return rows


@dataclass(frozen=True)
class Certainty:
    """What the evidence on one question adds up to."""

    level: str | None  # one of LEVELS, or None where nothing was graded
    label: str  # the level in words, with what it rests on


@checked
@functools.cache
def questions() -> dict[str, str]:
    """Every question the evidence answers: id -> title (indications, then claims, then
    contraindications, then aftercare)."""
    found: dict[str, str] = {}
    for kind, items in (("", [(i.name, i.name.capitalize()) for i in indications()]),
                        ("Claim: ", [(c.id, c.claim) for c in claims()]),
                        ("Contraindication: ", [(c.id, c.item) for c in contraindications()]),
                        ("Aftercare: ", [(a.id, a.advice) for a in aftercare()])):
        for key, title in items:
            if key in found:  # one id, two questions: their evidence rows would mix
                raise ValueError(f"question id {key!r} names both {found[key]!r} and "
                                 f"{kind}{title!r}; ids must be unique across the tables")
            found[key] = f"{kind}{title}"
    return found


@checked
def studies(question: str | None = None) -> tuple[Evidence, ...]:
    """The rows on ``question`` (every row when None), most certain first, then largest.

    A question with no row returns an empty tuple: that absence is the finding.
    """
    if question is not None:
        choice("question", question, questions(), plural="questions")
    chosen = [e for e in evidence() if question is None or e.question == question]
    return tuple(sorted(chosen, key=lambda e: (-e.rank, -(e.n_analysed or 0))))


@checked
@functools.cache
def certainty(question: str) -> Certainty:
    """The certainty of the evidence on ``question``: that of its best graded row."""
    found = studies(question)
    graded = [e for e in found if e.graded]
    if not found:
        return Certainty(None, "no evidence found")
    if not graded:
        if any(e.design != "not graded" for e in found):
            return Certainty(None, "no evidence found that answers it (related findings shown)")
        return Certainty(None, "not graded: expert opinion or practice only")
    best = max(graded, key=lambda e: e.rank)
    label = best.certainty
    if all(e.design in NOT_HUMAN for e in graded):
        label += " (mechanism shown in animals or the lab only)"
    return Certainty(best.certainty, label)


@checked
def max_studies() -> int:
    """The most rows any one question has (at least 1): the rows a chart needs."""
    return max(1, *(len(studies(q)) for q in questions()))


@checked
def path_text(row: Evidence) -> str:
    """A row's way from its starting level to its certainty, in words."""
    if row.design == "not graded":
        return f"{row.study}: not graded ({row.design_detail})"
    if not row.answers:
        return (f"{row.study}: a related finding ({row.outcome}), shown as context; it does "
                "not answer this question, so it is not graded for it")
    start = (f"a systematic review of {row.pooled}, so it starts {row.start}"
             if row.design == "systematic review" else f"{row.design}, starts {row.start}")
    moves = "; ".join(f"{s.change:+d} {s.domain} ({s.why})" for s in row.steps)
    return f"{row.study}: {start}" + (f"; {moves}" if moves else "; nothing to rate down") + \
        f" → {row.certainty}"


@checked(question=lambda: questions())
def question_text(question: str) -> str:
    """A question's verdict and certainty, and each study's way to its certainty, as text."""
    title = questions()[question]
    found = studies(question)
    item = next((c for c in claims() if c.id == question), None)
    if item is None and question in {i.name for i in indications()}:
        item = indication(question)
    verdict = f" Verdict: {item.verdict}." if item is not None else ""
    lines = [f"{title.rstrip('.')}.{verdict} Certainty of the evidence (GRADE): "
             f"{certainty(question).label}."]
    if not found:
        lines.append("No study on this question was found: that absence is the finding.")
    lines += [f"- {path_text(s)}" for s in found]
    return "\n".join(lines)


@checked
def study_line(row: Evidence) -> str:
    """One study in a line: name, design, n, effect, certainty and source."""
    if row.n_analysed is None:
        n = ""
    elif row.n_analysed == row.n_enrolled:
        n = f", n = {row.n_analysed}"
    else:
        n = f", n = {row.n_analysed} of {row.n_enrolled} enrolled"
    level = row.certainty or "not graded"
    return (f"{row.study} [{level}] {row.design_detail}{n}"
            f"{', ' + row.protocol if row.protocol else ''}: {row.effect} ({cite(row.source)})")


# --- indications -----------------------------------------------------------------------
@dataclass(frozen=True)
class Indication:
    """What the evidence for one use of microneedling adds up to."""

    name: str = column("indication")
    verdict: str
    summary: str
    source: str


@checked
@functools.cache
def indications() -> tuple[Indication, ...]:
    """Every indication the course weighs, best-studied first."""
    return records(Indication, "indications")


@checked
def indication(name: str) -> Indication:
    """The verdict on one indication; ``ValueError`` lists the known names."""
    for item in indications():
        if item.name == name:
            return item
    known = ", ".join(i.name for i in indications())
    raise ValueError(f"unknown indication {name!r}. Valid indications (name): {known}")


@checked
def indication_text(name: str) -> str:
    """The verdict on an indication, its certainty and its studies, as plain text."""
    item = indication(name)
    found = studies(name)
    lines = [f"{item.name.capitalize()}: {item.verdict}. Certainty of the evidence (GRADE): "
             f"{certainty(name).label}.", item.summary]
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
    verdict: str
    why: str
    source: str


@checked
@functools.cache
def claims() -> tuple[Claim, ...]:
    """The claims notebook 4 examines, in its order."""
    return records(Claim, "claims")


@checked
def claim(claim_id: str) -> Claim:
    """One claim by id; ``ValueError`` lists the ids."""
    for item in claims():
        if item.id == claim_id:
            return item
    raise ValueError(f"unknown claim {claim_id!r}. Valid claim ids (claim_id): "
                     f"{', '.join(c.id for c in claims())}")


@checked
def claim_card(claim_id: str) -> str:
    """A claim with its mechanism, evidence, certainty and verdict, as plain text."""
    c = claim(claim_id)
    return "\n".join([
        f"Claim:      “{c.claim}”",
        f"Mechanism:  {c.mechanism}",
        f"Evidence:   {c.evidence}",
        f"Certainty:  {certainty(c.id).label} (GRADE, from {len(studies(c.id))} "
        f"row{'s' if len(studies(c.id)) != 1 else ''} of evidence)",
        f"Verdict:    {c.verdict.upper()}. {c.why}",
        f"Sources:    {cite(c.source)}",
    ])


# --- safety --------------------------------------------------------------------------
@dataclass(frozen=True)
class Contraindication:
    """One item on the screening list."""

    id: str
    item: str
    kind: str
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


@checked
@functools.cache
def contraindications() -> tuple[Contraindication, ...]:
    """The screening list, in the order absolute, relative, precaution, never."""
    return tuple(sorted(records(Contraindication, "contraindications"),
                        key=lambda c: CONTRAINDICATION_KINDS.index(c.kind)))


@checked
@functools.cache
def adverse_effects() -> tuple[AdverseEffect, ...]:
    """Reported adverse effects, most common first."""
    return records(AdverseEffect, "adverse_effects")


@dataclass(frozen=True)
class Aftercare:
    """One piece of aftercare advice and why."""

    id: str
    advice: str
    why: str
    source: str


@checked
@functools.cache
def aftercare() -> tuple[Aftercare, ...]:
    """Aftercare advice, in the order a client needs it."""
    return records(Aftercare, "aftercare")


@dataclass(frozen=True)
class AnaesthesiaRisk:
    """One way numbing cream before needling can go wrong, and the evidence."""

    risk: str
    detail: str
    source: str


@checked
@functools.cache
def anaesthesia_risks() -> tuple[AnaesthesiaRisk, ...]:
    """The risks of topical anaesthetics the course teaches (``data/anaesthesia.csv``)."""
    return records(AnaesthesiaRisk, "anaesthesia")


@dataclass(frozen=True)
class Rule:
    """One rule on who may sell or use a microneedling device, and where it holds."""

    where: str
    rule: str
    detail: str
    source: str


@checked
@functools.cache
def regulation() -> tuple[Rule, ...]:
    """The rules the course found sources for (``data/regulation.csv``)."""
    return records(Rule, "regulation")


@dataclass(frozen=True)
class ScreeningCase:
    """A fictional client, the teaching answer, and why."""

    client: str
    story: str
    answer: str
    why: str
    source: str


@checked
@functools.cache
def screening_cases() -> tuple[ScreeningCase, ...]:
    """The fictional clients of the screening exercise."""
    return records(ScreeningCase, "screening_cases")


@checked
def screening_feedback(case: ScreeningCase, choice: str) -> str:
    """Feedback in words on choosing ``choice`` for ``case``."""
    if choice not in SCREENING_ANSWERS:
        raise ValueError(f"choice must be one of {', '.join(SCREENING_ANSWERS)}, got {choice!r}")
    if choice == case.answer:
        return f"✓ Yes, {choice}. {case.why}"
    return (f"✗ Not {choice}: the course's answer is {case.answer}. {case.why}")


@checked(before=(1e-9, 1e9), after=(0.0, 1e9))
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
