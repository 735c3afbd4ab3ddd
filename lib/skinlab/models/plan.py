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
    "CASES", "CASE_STORIES", "CLIENTS", "CLIENT_CONDITIONS", "DECISIONS", "INTAKE", "Client",
    "Plan", "PlanChoice", "Response", "Screening", "Setting", "Studied", "case_feedback",
    "case_story", "client", "follow_up", "plan",
    "screen", "setting", "skin_response", "studied", "studied_intervals_days",
    "studied_lengths_mm",
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
        outside.append(f"{client.indication} is not acne scars")
    if not outside:
        return ()
    return (f"in the United States the first authorised microneedling device covers facial "
            f"acne scars in adults {grant.value:g} or over ({cite(grant.source)}); here "
            f"{' and '.join(outside)}, so that grant does not cover this use.",)


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
        intervals = studied_intervals_days(self.indication)
        used = [f"needles {_span(lengths[0], lengths[1])} mm" if lengths
                else "needle lengths not recorded",
                f"intervals of {_span(intervals[0], intervals[1])} days" if intervals
                else "intervals not stated"]
        return (f"What was studied for {self.indication}: {len(self.protocols)} studies, "
                f"overall certainty {self.certainty} (verdict: {self.verdict}); "
                f"{', '.join(used)}.")


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

    def text(self) -> str:
        r = self.reach
        lines = [f"Setting: {r.device}, {r.nominal_mm:g} mm at the {r.site}: tip likely at "
                 f"{r.depth.low_mm:.2f}–{r.depth.high_mm:.2f} mm (typical "
                 f"{r.depth.typical_mm:.2f} mm), in the {r.layer}; passes "
                 f"{', '.join(r.structures) or 'nothing named'}; expected: {r.endpoint_text}.",
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
    models (none measured after needling); the side-effect duration and the time to judge
    a result are reported ranges, with their sources."""

    injury_scale: float
    neutrophil_peak_day: float
    macrophage_peak_day: float
    phase_change_days: tuple[float, float, float]  # haemostasis→inflammation→…→remodelling
    side_effects_days: float
    results_days: tuple[float, float]
    results_source: str
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

    def text(self) -> str:
        to_inflammation, to_proliferation, to_remodelling = self.phase_change_days
        return (f"What the skin does (model, not measured after needling): injury "
                f"{self.injury_scale:.2g} × the reference wound; neutrophils peak about day "
                f"{self.neutrophil_peak_day:.1f}, macrophages about day "
                f"{self.macrophage_peak_day:.1f}. Phases (model): inflammation leads from "
                f"hour {to_inflammation * 24:.0f}, proliferation from day "
                f"{to_proliferation:.0f}, remodelling from day {to_remodelling:.0f}.\n"
                f"Redness and swelling (measured): gone within {self.side_effects_days:g} "
                f"days in a systematic review ({cite('chu2021')}). {self.sessions} "
                f"session(s) {self.interval_days} days apart, the last on day "
                f"{self.last_session_day}: the modelled waves are {self.overlap}; "
                f"accumulated repair {self.accumulated_vs_one:.2f} × one session (model).\n"
                f"Judging the result (measured): trials saw visible change "
                f"{self.results_days[0]:g}–{self.results_days[1]:g} days after treatment "
                f"began ({self.results_source}), so not before day "
                f"{self.results_days[0]:g}.")


def _results_window() -> tuple[tuple[float, float], str]:
    """When trials measured a visible result, in days, with the sources."""
    event = next(e for e in healing.timeline_events() if e.event == "visible results measured")
    return event.day, cite(event.source)


@checked(sessions=(1, 8), interval_days=(7, 84))
def skin_response(chosen: Setting, sessions: int, interval_days: int) -> Response:
    """Step 4: feed the setting's injury size to the healing models."""
    scale = healing.injury_scale_for(chosen.reach.depth.typical_mm, chosen.density_per_cm2)
    wave = healing.simulate_inflammation(30, injury_scale=scale)
    results_days, results_source = _results_window()
    # Long enough to show the last session's wave settle and the window in which trials
    # judged a result.
    days = max(int(sessions - 1) * int(interval_days) + 90, int(results_days[1]) + 10)
    plan_run = healing.simulate_sessions(int(sessions), int(interval_days), days,
                                         injury_scale=scale)
    one = healing.simulate_sessions(1, 1, days, injury_scale=scale)
    side_effects = fact("transient_effects_max_days")
    _share, overlap = plan_run.overlap()
    return Response(scale, wave.peak("neutrophils")[0], wave.peak("macrophages")[0],
                    healing.phase_changes(), float(side_effects.value), results_days,
                    results_source, int(sessions), int(interval_days), overlap,
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

    def summary(self) -> str:
        """The one-page summary, as text to copy, with every number's source."""
        c = self.client
        parts = ["TEACHING EXERCISE: not a treatment plan, and not medical advice.",
                 f"Client: {c.text()}.", self.screening.text(), self.studied.text()]
        if self.screening.stops:
            parts.append("The plan stops at screening: no setting, no sessions.")
        else:
            assert self.setting is not None and self.response is not None
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
    return Plan(client, screening, found, chosen, response, aftercare, follow_up(response))


@checked
def follow_up(response: Response) -> tuple[str, ...]:
    """When to see the client again, and why, for the sessions of ``response``."""
    lines = [f"Check the skin before each next session: redness and swelling should be gone "
             f"within {response.side_effects_days:g} days ({cite('chu2021')}); if not, wait."]
    if response.sessions > 1:
        days = [str(d) for d in range(response.interval_days, response.last_session_day + 1,
                                      response.interval_days)]
        listed = days[0] if len(days) == 1 else f"{', '.join(days[:-1])} and {days[-1]}"
        lines.append(f"Next session(s) on day {listed} (the first is day 0), at the "
                     "interval chosen here.")
    lines.append(f"Judge the result from day {response.results_days[0]:g} at the earliest, "
                 f"when trials first measured visible change ({response.results_source}).")
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
    "Farah": ("has rolling acne scars on both cheeks, left from her teens. She is healthy, "
              "takes no medicines, has never had cold sores or raised scars, and her skin "
              "sometimes burns and tans gradually."),
    "Gus": ("wants the lines on his forehead softened. Today there is a crusted, weeping patch "
            "on his forehead that his doctor diagnosed last week as a bacterial skin "
            "infection (impetigo); otherwise he is well."),
    "Hiro": ("has boxcar acne scars on his cheeks. He finished a course of isotretinoin for "
             "severe acne four months ago and is otherwise well."),
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
    """The shortest and longest needle lengths studies of ``indication`` used, with their
    sources; None when no length was recorded."""
    _check_indication(indication)
    rows = [s for s in needling.studied_lengths()
            if s.indication == indication and s.low_mm is not None]
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
    of the shortest."""
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
    shortest = min(d for d, _ in found)
    # The sources of the shortest interval: the one a plan is checked against.
    return (shortest, max(d for d, _ in found),
            cite(";".join(dict.fromkeys(src for d, src in found if d == shortest))))


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
    lengths = studied_lengths_mm(who.indication)
    if lengths and not lengths[0] <= chosen.length_mm <= lengths[1]:
        return (f"✗ Step 2, what was studied: studies of {who.indication} used "
                f"{lengths[0]:g}–{lengths[1]:g} mm needles ({lengths[2]}); "
                f"{chosen.length_mm:g} mm rests on no study.")
    chosen_setting = setting(who.site, chosen.device, chosen.length_mm, 1)
    fat = [w for w in chosen_setting.warnings if "fat" in w]
    if fat:
        return f"✗ Step 3, device and setting: at the {who.site} {fat[0]}"
    intervals = studied_intervals_days(who.indication)
    if intervals and chosen.interval_days < intervals[0]:
        return (f"✗ Step 4, sessions: the shortest interval studies of {who.indication} used "
                f"was {intervals[0]} days ({intervals[2]}); {chosen.interval_days} days "
                "was not studied.")
    return (f"✓ A plan the course's sources support at each step: {chosen.device}, "
            f"{chosen.length_mm:g} mm, {chosen.sessions} sessions {chosen.interval_days} days "
            "apart. Still a teaching exercise, not a treatment plan.")
