"""Numbers the notebooks' prose states are the numbers the models and data give.

Each entry pairs a phrase, exactly as a notebook writes it, with a check of the number in it
against the library. When a table or a model changes, the test names the sentence that has
gone stale; when the sentence is reworded, the test asks for the registry to follow.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from skinlab.course.glossary import learner_text
from skinlab.data import fact, read_table
from skinlab.diagrams import anatomy as anatomy_diagrams
from skinlab.explorers import anatomy as anatomy_explorer
from skinlab.explorers import healing as healing_explorer
from skinlab.explorers import needling as needling_explorer
from skinlab.explorers.evidence import explorer_questions
from skinlab.models import anatomy, evidence, healing, needling, plan

ROOT = Path(__file__).resolve().parents[1]
FACE = {"forehead", "upper eyelid", "nose", "cheek", "chin"}


def _rows(layer: str, sites: set[str], method: str) -> list[dict[str, str]]:
    return [row for row in read_table("layer_thickness")
            if row["layer"] == layer and row["site"] in sites and row["method"].startswith(method)]


def _face_histology_um() -> tuple[float, float]:
    rows = _rows("epidermis", FACE, "histology")
    return min(float(r["low_um"]) for r in rows), max(float(r["high_um"]) for r in rows)


def _roller_per_pass() -> float:
    roller = needling.standard_roller()
    return needling.roller_density(roller.needles, roller.drum_width_mm, roller.drum_diameter_mm)


def _study(question: str, study: str) -> evidence.Evidence:
    return next(r for r in evidence.studies(question) if r.study == study)


def _explorer_sizes() -> list[int]:
    return [r.n_analysed for q in explorer_questions() for r in evidence.studies(q)
            if r.n_analysed]


def _timeline(event: str) -> tuple[float, float]:
    return next(e.day for e in healing.timeline_events() if e.event == event)


# (notebook, phrase as written, check that the library gives the phrase's number)
CLAIMS: list[tuple[str, str, Callable[[], bool]]] = [
    ("01", "About 11–18 µm on most sites",
     lambda: sum((round(p.layer("stratum corneum").low_mm * 1000),
                  round(p.layer("stratum corneum").high_mm * 1000)) == (11, 18)
                 for p in map(anatomy.profile, anatomy.sites())) > len(anatomy.sites()) / 2),
    ("01", "stops its table at 4 mm (the drawings stop at 3 mm)",
     lambda: anatomy.PROFILE_FLOOR_MM == 4.0
     and inspect.signature(anatomy_diagrams.draw_cross_section).parameters["max_depth_mm"].default
     == 3.0),
    ("01", "each step is 10 µm", lambda: anatomy_explorer.PROBE_STEP_UM == 10),
    ("01", "the model puts the boundary at the upper fifth of the dermis",
     lambda: anatomy.PAPILLARY_FRACTION == 0.2),
    ("01", "sit near 200 µm on the face",
     lambda: all(abs(float(r["typical_um"]) - 200) <= 30
                 for r in _rows("epidermis", FACE, "HFUS"))),
    ("01", "histology finds about 30–120 µm",
     lambda: (round(_face_histology_um()[0], -1), round(_face_histology_um()[1], -1)) == (30, 120)),
    ("02", "about 20 % (rat skin) to 77 % (human skin, an array) of their length",
     lambda: (needling.penetration_model("roller").low,
              needling.penetration_model("roller").high) == (0.2, 0.77)),
    ("02", "(50 % for a roller, 90 % for a pen)",
     lambda: (needling.penetration_model("roller").typical,
              needling.penetration_model("pen").typical) == (0.5, 0.9)),
    ("02", "0.25 to 2.5 mm in 0.25 mm steps",
     lambda: (needling_explorer.LENGTH_MIN_MM, needling_explorer.LENGTH_MAX_MM,
              needling_explorer.LENGTH_STEP_MM) == (0.25, 2.5, 0.25)),
    ("02", "a 0.5 mm roller already caused bleeding",
     lambda: fact("bleeding_starts_papillary").value == 0.5),
    ("02", "192 ÷ (π × 2 cm × 2 cm) ≈ 15.3",
     lambda: needling.standard_roller().needles == 192 and round(_roller_per_pass(), 1) == 15.3),
    ("02", "About 15 per cm² per pass", lambda: round(_roller_per_pass()) == 15),
    ("02", "# 14 passes", lambda: needling.passes_for_density(200, _roller_per_pass()) == 14),
    ("02", "# 1 pass (990 per cm²)", lambda: needling.pen_density(11, 90, 20, 5) == 990),
    ("02", "13 passes of the roller give only 199 per cm²",
     lambda: round(13 * _roller_per_pass()) == 199),
    ("02", "138–189 µm on the back of the hand",
     lambda: [(r["low_um"], r["high_um"])
              for r in _rows("epidermis", {"back of hand"}, "histology")]
     == [("138", "189")]),
    ("02", "a stated tolerance of ±0.15 mm", lambda: fact("depth_scale_tolerance").value == 0.15),
    ("02", "Tripling the length of single microneedles raised pain about sevenfold",
     lambda: fact("pain_ratio_for_3x_length").value == 7),
    ("02", "the median length in acne-scar studies is 1.5 mm",
     lambda: fact("acne_needle_median_mm").value == 1.5),
    ("02", "the studies the model pools put the dermis anywhere from 0.76 to 1.97 mm",
     lambda: (round(anatomy.layer_value("cheek", "dermis").low_um / 1000, 2),
              round(anatomy.layer_value("cheek", "dermis").high_um / 1000, 2)) == (0.76, 1.97)),
    ("02", "one 50-MHz ultrasound study at over 2 mm",
     lambda: max(
         float(r["high_um"]) for r in read_table("layer_thickness")
         if r["site"] == "cheek" and r["layer"] == "dermis" and "50 MHz" in r["method"]) > 2000),
    ("03", "Around day 3 the chain has almost as much tissue in proliferation as in inflammation",
     lambda: 0.8 < healing.phase_fractions(3.0)[2, 0] / healing.phase_fractions(3.0)[1, 0] < 1),
    ("03", "the skin's barrier was back within 2 hours",
     lambda: _timeline("skin barrier restored (human)")[1] * 24 <= 2.0),
    ("03", "the channels themselves took 12 to 18 hours to close",
     lambda: tuple(round(d * 24) for d in _timeline("needle channels closed (rat)")) == (12, 18)),
    ("03", "one review gives a half-life of about 15 years",
     lambda: fact("dermal_collagen_half_life").value == 15),
    ("03", "regains about 80–85 % of its strength",
     lambda: (fact("repaired_strength").low, fact("repaired_strength").high) == (80, 85)),
    ("03", "a median of 3 sessions, 4 weeks apart",
     lambda: _timeline("usual interval between sessions (acne scars)") == (28.0, 28.0)),
    ("03", 'Switch to "roller 1.5 mm, 15 passes"',
     lambda: any(p.label.startswith("roller 1.5 mm, 15 passes") for p in healing.injury_presets())),
    ("03", "Raise cortisol to 50",
     lambda: healing_explorer.InflammationExplorer().cortisol.max >= 50),
    ("04", "every claim that has evidence at all rests on very low-certainty evidence",
     lambda: {evidence.certainty(c.id).level for c in evidence.claims()} <= {None, "very low"}
     and any(evidence.certainty(c.id).level for c in evidence.claims())),
    ("04", "a review of 1,845 patients fits beside a pilot of 6",
     lambda: (max(_explorer_sizes()), min(_explorer_sizes())) == (1845, 6)),
    ("04", "of 0.2 to 6.5 points, and a **p-value** of .03",
     lambda: "interval 0.2 to 6.5; p = .03" in _study("acne scars", "Alam 2014").effect),
    ("04", "biopsied 20 people", lambda: _study("collagen", "Aust 2008").n_analysed == 20),
    ("04", "fell from 8.61 to 5.75",
     lambda: "8.61 to 5.75" in _study("melasma", "Ismail 2019").effect),
    ("04", "# about -33.2", lambda: round(evidence.relative_change_pct(8.61, 5.75), 1) == -33.2),
    ("04", "36 patients treated for acne scars, with no comparison group, and 92 % improved",
     lambda: (_study("acne scars", "Hong Kong 2018").n_analysed == 36
              and round(_study("acne scars", "Hong Kong 2018").effect_pct or 0) == 92)),
    ("05", "it ran from 1.5 to 2.5 mm; the review's 1.5 mm is a median",
     lambda: plan.studied_lengths_mm("acne scars")[:2] == (1.5, 2.5)
     and any(s.source == "harris2015" and s.low_mm == 1.5 and "median" in s.evidence
             for s in needling.studied_lengths())),
    ("05", "A roller session comes out near a thousandth of the reference wound",
     lambda: 0.0003 < plan.skin_response(plan.setting("cheek", "roller", 1.0, 4), 3,
                                          28).injury_scale < 0.003),
    ("05", "even the heaviest pen setting the planner offers stays below half of it",
     lambda: plan.skin_response(plan.setting("cheek", "pen", 2.5, 10), 1,
                                28).injury_scale < 0.5),
    ("05", "Redness lasted up to a week",
     lambda: fact("transient_effects_max_days").value == 7),
    ("05", "the trials spaced sessions from two weeks to a month apart",
     lambda: _timeline("intervals used in trials") == (14, 30)),
    ("05", "results judged two to three months after the last session",
     lambda: (fact("results_judged_after_last_days").low,
              fact("results_judged_after_last_days").high) == (60, 90)),
]


def _prose(number: str) -> str:
    path = next((ROOT / "notebooks").glob(f"{number}-*.ipynb"))
    return "\n".join(text for kind, text in learner_text(json.loads(path.read_text("utf-8")))
                     if kind == "prose")


@pytest.mark.parametrize(("notebook", "phrase", "check"), CLAIMS,
                         ids=[f"{nb}: {phrase[:40]}" for nb, phrase, _ in CLAIMS])
def test_the_phrase_is_in_the_notebook_and_its_number_is_the_librarys(
        notebook: str, phrase: str, check: Callable[[], bool]) -> None:
    assert phrase in _prose(notebook), f"notebook {notebook} no longer says {phrase!r}"
    assert check(), f"notebook {notebook} says {phrase!r}, which the library no longer gives"
