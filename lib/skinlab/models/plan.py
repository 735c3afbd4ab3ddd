"""Plan a treatment, end to end: the course's models joined into one teaching pipeline.

Each step takes what the previous one decided, so a learner sees the consequence of each
choice (notebook 05):

1. :func:`screen` runs the client through the contraindication list first, and stops the
   plan with its reasons, and the certainty of the evidence behind each, when it should;
2. :func:`studied` lists what studies of the indication used, with their certainty, or
   says that nothing was studied;
3. :func:`setting` predicts where the needles go at that site (depth band, layer, what
   they pass, expected endpoint), warns when the band reaches the fat, and counts the
   punctures per cm² and the share of surface opened;
4. :func:`skin_response` feeds the injury size of that setting to the healing models (one
   session's inflammation wave, when redness should be gone, and the session plan);
5. :func:`plan` adds the aftercare and writes a one-page summary with every source.

A teaching exercise, not a treatment plan: the summary says so. Pure: no widgets, no
figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skinlab.data import fact
from skinlab.data.checks import checked, choice, number
from skinlab.data.citations import cite
from skinlab.models import anatomy, evidence, healing, needling

__all__ = [
    "CASES",
    "CASE_STORIES",
    "CLIENTS",
    "CLIENT_CONDITIONS",
    "DECISIONS",
    "INTAKE",
    "Client",
    "Plan",
    "PlanChoice",
    "Response",
    "Screening",
    "Setting",
    "Studied",
    "case_feedback",
    "case_story",
    "client",
    "follow_up",
    "plan",
    "screen",
    "setting",
    "skin_response",
    "studied",
    "studied_intervals_days",
    "studied_lengths_mm",
    "studied_sessions",
    "study_checks",
]

# What a client can bring: the contraindication list's items about the client (the
# "never" items are rules for the practitioner, and darker skin follows from skin type).
CLIENT_CONDITIONS = tuple(c.id for c in evidence.contraindications()
                          if c.kind in ("absolute", "relative", "precaution")
                          and c.id != "darker-skin")
# Fictional clients for the planner, one per kind of outcome (they differ from notebook 4's
# screening vignettes): name -> (age, skin type, conditions, indication, site).
CLIENTS: dict[str, tuple[int, int, tuple[str, ...], str, str]] = {
    "Ana": (35, 2, (), "acne scars", "cheek"),
    "Ben": (52, 3, ("anticoagulants",), "fine lines and wrinkles", "forehead"),
    "Chloé": (31, 5, (), "melasma", "cheek"),
    "Dev": (44, 2, ("infection",), "acne scars", "cheek"),
    "Eva": (27, 2, (), "enlarged pores", "nose"),
}
# The intake questions of the planner's "describe a client" controls, each answered there
# with at most one item of the list: what the skin in the area shows today, which
# medicines the client takes, and their history and health. (A Client made in code may
# have any number.)
INTAKE: dict[str, tuple[str, ...]] = {
    "skin in the area today": ("infection", "acne"),
    "medicines": ("isotretinoin", "anticoagulants"),
    "history and health": ("cold-sores", "keloids", "pregnancy", "immunosuppression",
                           "metal-allergy"),
}
DECISIONS = ("go", "go with care", "stop: a clinician decides first", "stop: do not treat now")
SKIN_TYPE_RANGE = (1, 6)  # Fitzpatrick I-VI
DARKER_FROM = 4  # the contraindication list: darker skin means Fitzpatrick IV-VI


@dataclass(frozen=True)
class Client:
    """A (fictional) client: who they are and what they ask for."""

    name: str
    age: int
    skin_type: int
    conditions: tuple[str, ...]
    indication: str
    site: str

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("name must name the client, not be empty")
        number("age", self.age, 18, 100, integer=True,
               why="the course's clients are adults")
        number("skin_type", self.skin_type, *SKIN_TYPE_RANGE, integer=True)
        if not isinstance(self.conditions, tuple):
            raise TypeError("conditions must be a tuple of condition ids")
        for item in self.conditions:
            choice("conditions", item, CLIENT_CONDITIONS, plural="conditions")
        choice("indication", self.indication, [i.name for i in evidence.indications()],
               plural="indications")
        choice("site", self.site, anatomy.sites(), plural="sites")

    def text(self) -> str:
        """The client in one line, e.g. "Ana, 35, skin type II: acne scars at the cheek"."""
        roman = ("I", "II", "III", "IV", "V", "VI")[self.skin_type - 1]
        return (f"{self.name}, {self.age}, skin type {roman}: {self.indication} at the "
                f"{self.site}")


@dataclass(frozen=True)
class Screening:
    """Step 1: the decision, and each item that led to it with its evidence."""

    decision: str
    reasons: tuple[tuple[str, str, str, str], ...]  # (item, kind, certainty, sources)
    # Facts worth saying that do not change the decision (e.g. the US device grant).
    notes: tuple[str, ...] = ()

    @property
    def stops(self) -> bool:
        """True when the plan must stop here."""
        return self.decision.startswith("stop")

    def text(self) -> str:
        if not self.reasons:
            lines = ["Screening: nothing on the list applies, so the plan can go on."]
        else:
            lines = [f"Screening: {self.decision}."]
            lines += [f"- {item} ({kind}; certainty of the evidence: {certainty}; {sources})"
                      for item, kind, certainty, sources in self.reasons]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)


@checked
def client(name: str) -> Client:
    """One of the planner's fictional clients (``CLIENTS``), by name."""
    choice("name", name, CLIENTS, plural="clients")
    return Client(name, *CLIENTS[name])


@checked
def screen(client: Client) -> Screening:
    """Step 1: run ``client`` through the contraindication list.

    An absolute item stops the plan ("do not treat now"); a relative one stops it until a
    clinician has decided or it has passed; a precaution lets it go on with care.
    """
    present = set(client.conditions)
    if client.skin_type >= DARKER_FROM:
        present.add("darker-skin")
    items = [c for c in evidence.contraindications() if c.id in present]
    kinds = {c.kind for c in items}
    decision = ("stop: do not treat now" if "absolute" in kinds
                else "stop: a clinician decides first" if "relative" in kinds
                else "go with care" if items else "go")
    order = {"absolute": 0, "relative": 1, "precaution": 2}
    reasons = tuple((c.item, c.kind, evidence.certainty(c.id).label, cite(c.source))
                    for c in sorted(items, key=lambda c: order[c.kind]))
    return Screening(decision, reasons, _grant_notes(client))


def _grant_notes(client: Client) -> tuple[str, ...]:
    """What the first US device grant says about this client: it does not decide the
    screening (it is one country's rule for one device), but a practitioner should know."""
    grant = fact("first_grant_min_age")
    outside = []
    if client.age < grant.value:
        outside.append(f"the client is {client.age} (under {grant.value:g})")
    if client.indication != "acne scars":
        outside.append(f"the indication ({client.indication}) is not acne scars")
    if not outside:
        return ()
    return (f"in the United States the first authorised microneedling device covers facial "
            f"acne scars in adults {grant.value:g} or over ({cite(grant.source)}); here "
            f"{' and '.join(outside)}, so this use falls outside that first grant (the "
            "course's tables hold no later ones): check what is authorised where you "
            "work.",)


@dataclass(frozen=True)
class Studied:
    """Step 2: what studies of the indication used."""

    indication: str
    verdict: str
    certainty: str
    protocols: tuple[tuple[str, str, str], ...]  # (study, protocol, certainty)
    lengths: tuple[tuple[str, str, str, str], ...]  # (length, device, schedule, source)

    def text(self) -> str:
        if not self.protocols and not self.lengths:
            return (f"What was studied for {self.indication}: nothing the course could "
                    f"find, so no setting here rests on a study (verdict: {self.verdict}).")
        lines = [f"What was studied for {self.indication} (overall certainty: "
                 f"{self.certainty}; verdict: {self.verdict}):"]
        lines += [f"- needles {length}, {device}, {schedule} ({source})"
                  for length, device, schedule, source in self.lengths]
        lines += [f"- {study}: {protocol} ({certainty})"
                  for study, protocol, certainty in self.protocols]
        return "\n".join(lines)

    def brief(self) -> str:
        """One line: how many studies, their certainty, and the needle lengths and
        intervals they used (the summary lists each study)."""
        if not self.protocols and not self.lengths:
            return self.text()
        lengths = studied_lengths_mm(self.indication)
        counts = studied_sessions(self.indication)
        intervals = studied_intervals_days(self.indication)
        used = [f"needles {_span(lengths[0], lengths[1])} mm" if lengths
                else "needle lengths not recorded",
                f"{_span(counts[0], counts[1])} sessions" if counts
                else "numbers of sessions not stated",
                f"{_span(intervals[0], intervals[1])} days apart" if intervals
                else "intervals not stated"]
        return (f"What was studied for {self.indication}: {len(self.protocols)} studies, "
                f"overall certainty {self.certainty} (verdict: {self.verdict}); where the "
                f"course found them: {', '.join(used)}.")


def _span(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


@checked
def studied(indication: str) -> Studied:
    """Step 2: the protocols that studies of ``indication`` used, with their certainty."""
    found = evidence.indication(indication)
    rows = evidence.studies(indication)
    certainty = evidence.certainty(indication).label if rows else "no studies"
    lengths = tuple(
        ("not retrieved" if s.low_mm is None else f"{s.low_mm:g} mm" if s.low_mm == s.high_mm
         else f"{s.low_mm:g}–{s.high_mm:g} mm", s.device, s.schedule, cite(s.source))
        for s in needling.studied_lengths() if s.indication == indication)
    return Studied(indication, found.verdict, certainty,
                   tuple((r.study, r.protocol, r.certainty) for r in rows), lengths)


@dataclass(frozen=True)
class Setting:
    """Step 3: where the needles go, and how much surface they open."""

    reach: needling.Reach
    passes: int
    density_per_cm2: float
    opened_fraction: float
    warnings: tuple[str, ...]

    @property
    def tip_in_fat(self) -> bool:
        """True when the typical tip, in typical skin at the site, is below the dermis."""
        return self.reach.layer == "hypodermis"

    def text(self) -> str:
        r = self.reach
        lines = [f"Setting (model): {r.device}, {r.nominal_mm:g} mm at the {r.site}: tip likely "
                 f"at {r.depth.low_mm:.2f}–{r.depth.high_mm:.2f} mm (typical "
                 f"{r.depth.typical_mm:.2f} mm), in the {r.layer}; passes "
                 f"{', '.join(r.structures) or 'nothing named'}; expected endpoint: "
                 f"{r.endpoint_text} ({r.endpoint_why}).",
                 f"{self.passes} pass(es): about {self.density_per_cm2:.0f} punctures per cm², "
                 f"{self.opened_fraction:.1%} of the surface opened."]
        lines += [f"Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


# The puncture explorer's example pen and channel width (notebook 2).
HOLE_MM = needling.EXAMPLE_HOLE_UM / 1000


@checked(length_mm=(0.25, 2.5), passes=(1, 30))
def setting(site: str, device: str, length_mm: float, passes: int) -> Setting:
    """Step 3: a roller or pen of ``length_mm`` at ``site``, ``passes`` times (the
    standard roller, or the pen preset of the course's device table)."""
    reach = needling.reach(site, device, length_mm)
    if device == "roller":
        roller = needling.standard_roller()
        per_pass = needling.roller_density(roller.needles, roller.drum_width_mm,
                                           roller.drum_diameter_mm)
    else:
        per_pass = needling.pen_density(**needling.EXAMPLE_PEN)
    density = per_pass * int(passes)
    opened = needling.perforated_fraction(density, HOLE_MM)
    warnings = []
    profile = anatomy.profile(site)
    if reach.depth.high_mm > profile.dermis_bottom_mm:
        warnings.append(f"the deep end of the band ({reach.depth.high_mm:.2f} mm) is past the "
                        f"end of the dermis here ({profile.dermis_bottom_mm:.2f} mm): the tip "
                        "may reach the fat.")
    if reach.layers_by_skin.get("thin") not in (None, reach.layer):
        warnings.append(f"in the thinnest skin reported at this site the typical tip is in "
                        f"the {reach.layers_by_skin['thin']}.")
    return Setting(reach, int(passes), density, opened, tuple(warnings))


@dataclass(frozen=True, eq=False)
class Response:
    """Step 4: what the skin does. The waves, phases and repair come from the healing
    models (none measured after needling); how long redness lasted and when studies
    judged a result are reported ranges, with their sources."""

    injury_scale: float
    neutrophil_peak_day: float
    macrophage_peak_day: float
    phase_change_days: tuple[float, float, float]  # haemostasis→inflammation→…→remodelling
    side_effects_days: float
    judged_after_last_days: tuple[float, float]  # how long after the last session
    judged_source: str
    sessions: int
    interval_days: int
    overlap: str
    accumulated_vs_one: float
    wave: healing.Inflammation
    run: healing.Sessions

    @property
    def last_session_day(self) -> int:
        """The day of the last session, counted from the first (day 0)."""
        return (self.sessions - 1) * self.interval_days

    @property
    def judge_from_day(self) -> int:
        """The earliest day, counted from the first session, on which studies judged a
        result: the shorter wait after the last session."""
        return self.last_session_day + int(self.judged_after_last_days[0])

    def text(self) -> str:
        to_inflammation, to_proliferation, to_remodelling = self.phase_change_days
        low, high = self.judged_after_last_days
        return (f"What the skin does (model, not measured after needling): injury "
                f"{self.injury_scale:.2g} × the reference wound; neutrophils peak about day "
                f"{self.neutrophil_peak_day:.1f}, macrophages about day "
                f"{self.macrophage_peak_day:.1f}. Phases (model): inflammation leads from "
                f"hour {to_inflammation * 24:.0f}, proliferation from day "
                f"{to_proliferation:.0f}, remodelling from day {to_remodelling:.0f}.\n"
                f"Redness and swelling (measured): lasted up to {self.side_effects_days:g} "
                f"days in a systematic review ({cite('chu2021')}). {self.sessions} "
                f"session(s) {self.interval_days} days apart, the last on day "
                f"{self.last_session_day}: the modelled waves are {self.overlap}; "
                f"accumulated repair {self.accumulated_vs_one:.2f} × one session (model).\n"
                f"Judging the result (measured): studies of acne scars judged it "
                f"{low:g}–{high:g} days after the last session ({self.judged_source}), so not "
                f"before about day {self.judge_from_day}; in the one randomised trial the "
                f"change was significant at 6 months but not at 3 ({cite('alam2014')}).")


@checked(sessions=(1, 8), interval_days=(7, 84))
def skin_response(chosen: Setting, sessions: int, interval_days: int) -> Response:
    """Step 4: feed the setting's injury size to the healing models."""
    scale = healing.injury_scale_for(chosen.reach.depth.typical_mm, chosen.density_per_cm2)
    wave = healing.simulate_inflammation(30, injury_scale=scale)
    judged = fact("results_judged_after_last_days")
    # Long enough to show the last wave settle and the days on which studies judged a
    # result after the last session.
    days = int(sessions - 1) * int(interval_days) + int(judged.high) + 30
    plan_run = healing.simulate_sessions(int(sessions), int(interval_days), days,
                                         injury_scale=scale)
    one = healing.simulate_sessions(1, 1, days, injury_scale=scale)
    side_effects = fact("transient_effects_max_days")
    _share, overlap = plan_run.overlap()
    return Response(scale, wave.peak("neutrophils")[0], wave.peak("macrophages")[0],
                    healing.phase_changes(), float(side_effects.value),
                    (judged.low, judged.high), cite(judged.source), int(sessions),
                    int(interval_days), overlap,
                    float(plan_run.accumulated_repair[-1] / one.accumulated_repair[-1]),
                    wave, plan_run)


@dataclass(frozen=True, eq=False)
class Plan:
    """A whole plan: each step's result (None for the steps a stop left out)."""

    client: Client
    screening: Screening
    studied: Studied
    setting: Setting | None
    response: Response | None
    aftercare: tuple[str, ...]
    follow_up: tuple[str, ...] = ()
    # Where the setting or schedule falls outside what studies of the indication used.
    study_notes: tuple[str, ...] = ()

    def summary(self) -> str:
        """The one-page summary, as text to copy, with every number's source."""
        c = self.client
        parts = ["TEACHING EXERCISE: not a treatment plan, and not medical advice.",
                 f"Client: {c.text()}.", self.screening.text(), self.studied.text()]
        if self.screening.stops:
            parts.append("The plan stops at screening: no setting, no sessions.")
        else:
            assert self.setting is not None and self.response is not None
            parts += [f"Outside what was studied: {note}" for note in self.study_notes]
            parts += [self.setting.text(), self.response.text(), "Aftercare:"]
            parts += [f"- {line}" for line in self.aftercare]
            parts += ["Follow-up:"] + [f"- {line}" for line in self.follow_up]
        parts.append("Sources: depths, densities and healing from the course's models "
                     "(notebooks 2 and 3, each with its sources); screening, studies and "
                     "aftercare as cited above.")
        return "\n".join(parts)


@checked(sessions=(1, 8), interval_days=(7, 84), length_mm=(0.25, 2.5), passes=(1, 30))
def plan(client: Client, device: str = "roller", length_mm: float = 0.5, passes: int = 4,
         sessions: int = 3, interval_days: int = 28) -> Plan:
    """Steps 1-5 for ``client``: stops after screening when the screen says so."""
    screening = screen(client)
    found = studied(client.indication)
    if screening.stops:
        return Plan(client, screening, found, None, None, ())
    chosen = setting(client.site, device, length_mm, passes)
    response = skin_response(chosen, sessions, interval_days)
    aftercare = tuple(f"{a.advice} Why: {a.why} ({cite(a.source)}; certainty "
                      f"{evidence.certainty(a.id).label})" for a in evidence.aftercare())
    return Plan(client, screening, found, chosen, response, aftercare, follow_up(response),
                study_checks(client.indication, length_mm, sessions, interval_days))


@checked
def follow_up(response: Response) -> tuple[str, ...]:
    """When to see the client again, and why, for the sessions of ``response``."""
    lines = [f"Check the skin before each next session: redness and swelling lasted up to "
             f"{response.side_effects_days:g} days in a systematic review "
             f"({cite('chu2021')}); if they have not settled, wait."]
    if response.sessions > 1:
        days = [str(d) for d in range(response.interval_days, response.last_session_day + 1,
                                      response.interval_days)]
        listed = days[0] if len(days) == 1 else f"{', '.join(days[:-1])} and {days[-1]}"
        lines.append(f"Next session(s) on day {listed} (the first is day 0), at the "
                     "interval chosen here.")
    low, high = response.judged_after_last_days
    lines.append(f"Judge the result from about day {response.judge_from_day}: studies of acne "
                 f"scars judged it {low:g}–{high:g} days after the last session "
                 f"({response.judged_source}).")
    return tuple(lines)


# --- the case exercises of notebook 05 ---------------------------------------------------
# Three fictional clients, unlike notebook 4's vignettes: a clear go, a clear no-go and one
# a clinician must decide. name -> (age, skin type, conditions, indication, site).
CASES: dict[str, tuple[int, int, tuple[str, ...], str, str]] = {
    "Farah": (38, 3, (), "acne scars", "cheek"),
    "Gus": (60, 2, ("infection",), "fine lines and wrinkles", "forehead"),
    "Hiro": (26, 3, ("isotretinoin",), "acne scars", "cheek"),
}


# What each case's client tells you at the first visit (made up, like the clients).
CASE_STORIES: dict[str, str] = {
    "Farah": ("has rolling acne scars (wide, shallow dips with a wavy surface) on both "
              "cheeks, left from her teens. She is healthy, "
              "takes no medicines, has never had cold sores or raised scars, and her skin "
              "sometimes burns and tans gradually."),
    "Gus": ("wants the lines on his forehead softened. Today there is a crusted, weeping patch "
            "on his forehead that his doctor diagnosed last week as a bacterial skin "
            "infection (impetigo); otherwise he is well."),
    "Hiro": ("has boxcar acne scars (round pits with steep edges and a flat floor) on his "
             "cheeks. He finished a course of isotretinoin for severe acne four months ago "
             "and is otherwise well."),
}


@checked
def case_story(case: str) -> str:
    """The case's client as a sentence or three: who they are and what they tell you."""
    choice("case", case, CASES, plural="cases")
    age, skin_type, _conditions, _indication, _site = CASES[case]
    roman = ("I", "II", "III", "IV", "V", "VI")[skin_type - 1]
    return f"{case}, {age}, skin type {roman}, {CASE_STORIES[case]}"


@dataclass(frozen=True)
class PlanChoice:
    """A student's plan for a case: the screening decision and, when it goes on, the
    device, needle length (mm), sessions and interval (days); None where a stopped plan
    has nothing."""

    decision: str
    device: str | None = None
    length_mm: float | None = None
    sessions: int | None = None
    interval_days: int | None = None


@checked
def studied_lengths_mm(indication: str) -> tuple[float, float, str] | None:
    """The shortest and longest needle lengths recorded in studies of ``indication`` (a
    review's median is left out: it is no bound), with their sources; None when no
    length was recorded."""
    _check_indication(indication)
    # A review's median length says what was typical, not the shortest or longest used.
    rows = [s for s in needling.studied_lengths()
            if s.indication == indication and s.low_mm is not None
            and "median" not in s.evidence]
    if not rows:
        return None
    return (min(s.low_mm for s in rows), max(s.high_mm or s.low_mm for s in rows),
            cite(";".join(dict.fromkeys(s.source for s in rows))))


def _check_indication(indication: str) -> None:
    choice("indication", indication, [i.name for i in evidence.indications()],
           plural="indications")


_APART = re.compile(r"(\d+) (week|day)s? apart|a (month) apart")


@checked
def studied_intervals_days(indication: str) -> tuple[int, int, str] | None:
    """The shortest and longest intervals between sessions in the studies of
    ``indication`` whose protocol states one (a month read as 28 days), with the sources
    of both."""
    _check_indication(indication)
    found: list[tuple[int, str]] = []
    for row in evidence.studies(indication):
        match = _APART.search(row.protocol)
        if match:
            count, unit, month = match.groups()
            days = 28 if month else int(count) * (7 if unit == "week" else 1)
            found.append((days, row.source))
    if not found:
        return None
    shortest, longest = min(d for d, _ in found), max(d for d, _ in found)
    # The sources of the two ends: the ones a plan is checked against.
    return (shortest, longest, cite(";".join(dict.fromkeys(
        src for d, src in found if d in (shortest, longest)))))


_SESSIONS = re.compile(r"(\d+) sessions")


@checked
def studied_sessions(indication: str) -> tuple[int, int, str] | None:
    """The fewest and most sessions in the studies of ``indication`` whose protocol states
    a number, with their sources; None when none does."""
    _check_indication(indication)
    found = [(int(m.group(1)), row.source) for row in evidence.studies(indication)
             if (m := _SESSIONS.search(row.protocol))]
    if not found:
        return None
    return (min(n for n, _ in found), max(n for n, _ in found),
            cite(";".join(dict.fromkeys(src for _, src in found))))


@checked(length_mm=(0.25, 2.5), sessions=(1, 8), interval_days=(7, 84))
def study_checks(indication: str, length_mm: float, sessions: int,
                 interval_days: int) -> tuple[str, ...]:
    """Where a plan's needle length, sessions or interval falls outside what studies of
    ``indication`` recorded, one sentence each with the sources (empty when inside, or
    when the studies recorded nothing to compare with)."""
    found = []
    lengths = studied_lengths_mm(indication)
    if lengths and not lengths[0] <= length_mm <= lengths[1]:
        found.append(f"needle length: studies of {indication} whose length the course found "
                     f"used {_span(lengths[0], lengths[1])} mm ({lengths[2]}); "
                     f"{length_mm:g} mm is not among them.")
    counts = studied_sessions(indication)
    if counts and not counts[0] <= sessions <= counts[1]:
        found.append(f"sessions: studies of {indication} used {_span(counts[0], counts[1])} "
                     f"sessions ({counts[2]}); {sessions} was not studied.")
    intervals = studied_intervals_days(indication)
    if intervals and not intervals[0] <= interval_days <= intervals[1]:
        found.append(f"interval: studies of {indication} spaced sessions "
                     f"{_span(intervals[0], intervals[1])} days apart ({intervals[2]}); "
                     f"{interval_days} days was not studied.")
    return tuple(found)


@checked
def case_feedback(case: str, chosen: PlanChoice) -> str:
    """Mark a student's plan for ``case`` step by step; the first wrong step is named, with
    why and its source. Starts with ✓ when the plan is sound, ✗ otherwise."""
    choice("case", case, CASES, plural="cases")
    if not isinstance(chosen, PlanChoice):
        raise TypeError("chosen must be a PlanChoice")
    who = Client(case, *CASES[case])
    screening = screen(who)
    if chosen.decision != screening.decision:
        why = "; ".join(f"{item} is {kind} ({sources})"
                        for item, kind, _c, sources in screening.reasons) or \
            "nothing on the contraindication list applies"
        return (f"✗ Step 1, screening: the course's rule gives \"{screening.decision}\", not "
                f"\"{chosen.decision}\": {why}.")
    if screening.stops:
        if any(v is not None for v in (chosen.device, chosen.length_mm, chosen.sessions,
                                       chosen.interval_days)):
            return ("✗ Step 1 stops the plan: a plan that stops at screening has no device, "
                    "needle or sessions.")
        return f"✓ Right: the plan stops at screening ({screening.decision})."
    if None in (chosen.device, chosen.length_mm, chosen.sessions, chosen.interval_days):
        return "✗ The plan goes on, so give a device, a needle length, sessions and an interval."
    outside = study_checks(who.indication, chosen.length_mm, chosen.sessions,
                           chosen.interval_days)
    step = {"needle length": "Step 2, what was studied", "sessions": "Step 4, sessions",
            "interval": "Step 4, sessions"}
    chosen_setting = setting(who.site, chosen.device, chosen.length_mm, 1)
    if outside and outside[0].startswith("needle length"):
        return f"✗ {step['needle length']}: {outside[0].split(': ', 1)[1]}"
    if chosen_setting.tip_in_fat:
        r = chosen_setting.reach
        return (f"✗ Step 3, device and setting: at the {who.site} the typical tip of a "
                f"{r.nominal_mm:g} mm {r.device} reaches {r.depth.typical_mm:.2f} mm, below "
                f"the dermis, in the fat (the model of notebook 2).")
    if outside:
        aspect, why = outside[0].split(": ", 1)
        return f"✗ {step[aspect]}: {why}"
    sessions = f"{chosen.sessions} session" + ("s" if chosen.sessions != 1 else "")
    caution = "".join(f" Caution (model): {w}" for w in chosen_setting.warnings)
    return (f"✓ A plan the course's sources support at each step: {chosen.device}, "
            f"{chosen.length_mm:g} mm, {sessions} {chosen.interval_days} days apart."
            f"{caution} Still a teaching exercise, not a treatment plan.")
