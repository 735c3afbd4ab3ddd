"""Valid example calls for every public callable of ``skinlab`` (fuzzing seeds).

``EXAMPLES[key]()`` returns a fresh dict of keyword arguments forming a valid call of the
callable named ``key`` ("module.name", the module being the one whose ``__all__`` lists
it, e.g. ``"skinlab.models.anatomy.profile"``). Each factory builds whatever the call
needs (figures, Axes, model results, artists from the matching ``draw_*``) anew, so a
call that mutates its arguments never affects another call.

``POSITIONAL[key]`` lists, in order, the parameters that must be passed positionally.
A name starting with ``*`` is a var-positional parameter (``*topics``): its entry in the
kwargs dict holds a tuple that is unpacked. :func:`call` applies this convention.

``SKIPPED[key]`` gives a one-line reason for the few callables that are left out by
design (they write into the repository, exec a server, ...).

Matplotlib is forced to the non-interactive Agg backend. Used by ``tests/test_fuzz.py``:
when a public function is added, give it an example here (the test says which).
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np

from skinlab.course import glossary as _glossary
from skinlab.course.exercises import expected_day_below as _expected_day_below
from skinlab.course.quiz import Option as _Option
from skinlab.data import Fact as _Fact
from skinlab.data import read_table as _read_table
from skinlab.diagrams import Picture as _Picture
from skinlab.diagrams import anatomy as _d_anatomy
from skinlab.diagrams import catalogue as _d_catalogue
from skinlab.diagrams import evidence as _d_evidence
from skinlab.diagrams import healing as _d_healing
from skinlab.diagrams import needling as _d_needling
from skinlab.diagrams import new_figure as _new_figure
from skinlab.diagrams import plan as _d_plan
from skinlab.diagrams.canvas import one_axes_picture as _one_axes_picture
from skinlab.explorers.base import enlarge_checkbox as _enlarge_checkbox
from skinlab.models import anatomy as _anatomy
from skinlab.models import evidence as _evidence
from skinlab.models import healing as _healing
from skinlab.models import needling as _needling
from skinlab.models import plan as _plan
from skinlab.models import scars as _scars
from skinlab.models import validation as _validation

__all__ = ["EXAMPLES", "POSITIONAL", "SKIPPED", "call", "resolve"]

Factory = Callable[[], dict[str, object]]

SITE = "cheek"
SEED = 0
# The standard roller (192 needles on a 20 x 20 mm drum, 8 rows) and a typical pen setting.
ROLLER = dict(needles=192, drum_width_mm=20.0, drum_diameter_mm=20.0)
PEN = dict(needles=12, frequency_hz=100.0, speed_mm_s=20.0, width_mm=5.0)
HOLE_MM = 0.1
QUESTION = "acne scars"  # an indication, and a question of the evidence explorer
CLAIM = "reach"
SHORT_DAYS = 21.0  # a short inflammation run keeps the solves fast


# --- builders of arguments (public API only) ----------------------------------------------
def _profile(site: str = SITE):
    return _anatomy.profile(site)


def _structs(site: str = SITE):
    return _anatomy.structures(site)


def _axes(width_in: float = 6.0, height_in: float = 4.0, *, layout: str | None = "constrained"):
    return _new_figure(width_in, height_in, scaled=False, layout=layout).add_subplot()


def _axes_pair(width_in: float = 10.0, height_in: float = 5.0, **subplots: Any):
    fig = _new_figure(width_in, height_in, scaled=False)
    first, second = fig.subplots(1, 2, **subplots)
    return first, second


def _section_axes():
    """An Axes laid out like the cross-section builder's (figure without layout engine)."""
    fig = _new_figure(9.0, 6.0, scaled=False, layout=None)
    fig.subplots_adjust(left=0.13, right=0.68, top=0.86, bottom=0.25)
    return fig.add_subplot()


def _cross_section(site: str = SITE):
    return _d_anatomy.draw_cross_section(_section_axes(), _profile(site), _structs(site))


def _small_figure():
    fig = _new_figure(2.0, 1.5, scaled=False)
    fig.add_subplot().plot([0, 1], [0, 1])
    return fig


def _small_picture():
    return _one_axes_picture(2.0, 1.5, lambda ax: ax.plot([0, 1], [0, 1]),
                             "A straight line rising from the lower left to the upper right.")


def _all_rows():
    return [m for s in _anatomy.sites() for m in _anatomy.measurements(s)]


def _model_um(sites):
    return {(s, layer): _anatomy.layer_value(s, layer).typical_um
            for s in sites for layer in ("epidermis", "dermis")}


def _inflammation(days: float = SHORT_DAYS):
    return _healing.simulate_inflammation(days)


def _sessions_result():
    return _healing.simulate_sessions(2, 28.0, 90.0)


def _roller_pattern():
    return _needling.roller_pattern(**ROLLER, passes=1, rows=8, seed=SEED)


def _patch_axes():
    fig = _new_figure(6.0, 6.5, scaled=False, layout=None)
    fig.subplots_adjust(left=0.12, right=0.95, top=0.86, bottom=0.12)
    return fig.add_subplot()


def _zone_ends():
    return {z.zone: tuple(_anatomy.profile(z.site, skin).dermis_bottom_mm
                          for skin in ("typical", "thin", "thick"))
            for z in _needling.face_zones()}


def _penetration_bands(lengths):
    return {device: np.array([_needling.effective_depth_mm(x, device) for x in lengths])
            for device in ("roller", "pen")}


def _reach(site: str = SITE):
    return _needling.reach(site, "roller", 1.5)


def _study():
    return _evidence.studies(QUESTION)[0]


def _evidence_chart():
    ax_path, ax_n = _axes_pair(12.0, 6.5, width_ratios=(1.5, 1))
    return _d_evidence.draw_evidence(ax_path, ax_n, _evidence.max_studies())


def _options():
    return [_Option("A needle reaches the dermis.", correct=True, why="It is long enough."),
            _Option("A needle never passes the epidermis.", why="Longer needles do.")]


def _plan_client():
    return _plan.Client("Ana", 35, 2, (), "acne scars", SITE)


def _example_function(site: str, depth_mm: float = 0.1) -> str:
    return f"{site} at {depth_mm} mm"


# --- the examples ---------------------------------------------------------------------------
EXAMPLES: dict[str, Factory] = {
    # ---- skinlab.course.exercises
    "skinlab.course.exercises.check_day_below": lambda: {
        "student": _expected_day_below},
    "skinlab.course.exercises.check_epidermis_extremes": lambda: {
        "student": lambda: ("cheek", 1.5)},
    "skinlab.course.exercises.check_passes_needed": lambda: {
        "student": lambda per_pass, target: _needling.passes_for_density(target, per_pass)},
    "skinlab.course.exercises.check_percent_change": lambda: {
        "student": lambda before, after: _evidence.relative_change_pct(before, after)},
    "skinlab.course.exercises.expected_day_below": lambda: {
        "t": np.arange(6, dtype=float), "activity": np.array([0.0, 1.0, 3.0, 2.0, 1.0, 0.5]),
        "share": 0.5},

    # ---- skinlab.course.glossary
    "skinlab.course.glossary.abbreviations_in": lambda: {
        "text": "High-frequency ultrasound (HFUS) measures the epidermis; so does OCT."},
    "skinlab.course.glossary.first_use": lambda: {
        "cells": ["An introduction.", "The **dermis** lies under the epidermis."],
        "entry": _glossary.term("dermis")},
    "skinlab.course.glossary.glossary_markdown": lambda: {},
    "skinlab.course.glossary.learner_text": lambda: {
        "notebook": {"cells": [
            {"cell_type": "markdown", "source": ["# Title\n", "Some **dermis** prose."]},
            {"cell_type": "code", "source": ["print('hi')"],
             "outputs": [{"output_type": "stream", "text": ["hi\n"]}]},
        ]}},
    "skinlab.course.glossary.prose_problems": lambda: {
        "cells": ["The **dermis** lies under the **epidermis**.", "HFUS measured it."]},
    "skinlab.course.glossary.slug": lambda: {"text": "Papillary dermis"},
    "skinlab.course.glossary.term": lambda: {"name": "dermis"},
    "skinlab.course.glossary.terms": lambda: {},

    # ---- skinlab.course.launch (pure command/environment builders; nothing is started)
    "skinlab.course.exercises.epidermis_exercise": lambda: {},
    "skinlab.course.exercises.case_exercise": lambda: {"case": "Hiro"},
    "skinlab.course.exercises.check_cases": lambda: {
        "student": lambda case: _plan.PlanChoice("go", "roller", 1.5, 3, 28)},
    "skinlab.course.exercises.passes_exercise": lambda: {},
    "skinlab.course.exercises.day_below_exercise": lambda: {},
    "skinlab.course.exercises.percent_change_exercise": lambda: {},
    "skinlab.course.instructor.render_text": lambda: {"text": "About {{ mm(1.5) }} [@lee2002]."},
    "skinlab.course.instructor.render_answer": lambda: {"think_id": "02-price-list"},
    "skinlab.course.instructor.unsourced_numbers": lambda: {"answer": "It is 2 mm.",
                                                            "prompt": "Why?"},
    "skinlab.course.instructor.think_prompts": lambda: {
        "notebook": Path(__file__).resolve().parents[1] / "notebooks" / "02-needle-depth.ipynb"},
    "skinlab.course.instructor.answers": lambda: {},
    "skinlab.course.instructor.plans": lambda: {},
    "skinlab.course.bank.bank": lambda: {},
    "skinlab.course.bank.questions": lambda: {"notebook": "02-needle-depth"},
    "skinlab.course.bank.notebook_objectives": lambda: {"notebook": "02-needle-depth"},
    "skinlab.course.progress.enabled": lambda: {},
    "skinlab.course.progress.progress_path": lambda: {},
    "skinlab.course.progress.question_id": lambda: {"question": "Which layer?"},
    "skinlab.course.progress.load": lambda: {},
    "skinlab.course.progress.record_answer": lambda: {"question": "Which layer?", "choice": 1,
                                                      "correct": False},
    "skinlab.course.progress.last_answer": lambda: {"question": "Which layer?"},
    "skinlab.course.progress.record_exercise": lambda: {"name": "passes-needed",
                                                        "passed": True},
    "skinlab.course.progress.exercise_result": lambda: {"name": "passes-needed"},
    "skinlab.course.progress.reset": lambda: {},
    "skinlab.course.progress.summary": lambda: {
        "notebooks": {"02-needle-depth": (["Which layer?"], ["passes-needed"])}},
    "skinlab.course.notebook.progress_table": lambda: {},
    "skinlab.course.quiz.quiz_parts": lambda: {
        "source": "Quiz('Which?', [Option('A', True, 'yes'), Option('B')])"},
    "skinlab.course.launch.free_port": lambda: {},
    "skinlab.course.launch.lab_command": lambda: {"port": 8888},
    "skinlab.course.launch.lab_environment": lambda: {"token": "fuzz-token", "base": {}},
    "skinlab.course.launch.port_is_free": lambda: {"port": 8888},
    "skinlab.course.launch.present_command": lambda: {"port": 8866},
    "skinlab.course.launch.present_environment": lambda: {},
    "skinlab.course.launch.running_as_root": lambda: {},
    "skinlab.course.launch.lan_addresses": lambda: {},
    "skinlab.course.launch.parse_args": lambda: {"argv": ["present", "--max-kernels", "5"]},
    "skinlab.course.launch.present_banner": lambda: {"port": 8866, "share": True,
                                                     "addresses": ["192.168.1.20"]},
    "skinlab.course.launch.stage_notebooks": lambda: {
        "dest": Path(tempfile.mkdtemp(prefix="skinlab-fuzz-")) / "lecture"},

    # ---- skinlab.course.kernels and skinlab.course.kernel (lecture mode's kernels)
    "skinlab.course.kernels.default_max_kernels": lambda: {},
    "skinlab.course.kernels.physical_memory_mb": lambda: {},
    # The largest ceiling: it does bind this test process, harmlessly.
    "skinlab.course.kernels.limit_memory": lambda: {"memory_mb": 65536},
    "skinlab.course.kernel.kernel_memory_mb": lambda: {"environ": {}},

    # ---- skinlab.course.notebook
    "skinlab.course.notebook.show": lambda: {"picture": _small_picture()},
    "skinlab.course.notebook.source_keys": lambda: {"topics": ("anatomy",)},
    "skinlab.course.notebook.sources": lambda: {"topics": ("anatomy",)},

    # ---- skinlab.course.quiz (constructors)
    "skinlab.course.quiz.Option": lambda: {"text": "The dermis."},
    "skinlab.course.quiz.Quiz": lambda: {
        "question": "Which layer does a 1.5 mm needle reach on the cheek?",
        "options": _options()},

    # ---- skinlab.data
    "skinlab.data.column": lambda: {"name": "low_fraction"},
    "skinlab.data.fact": lambda: {"name": "papillary_fraction"},
    "skinlab.data.facts": lambda: {},
    "skinlab.data.find_row": lambda: {"name": "devices", "column": "kind", "value": "roller"},
    "skinlab.data.read_table": lambda: {"name": "devices"},
    "skinlab.data.records": lambda: {"kind": _Fact, "table": "facts"},
    "skinlab.data.split_keys": lambda: {"cell": "meng2022; lee2002"},
    "skinlab.data.table_names": lambda: {},

    # ---- skinlab.data.citations
    "skinlab.data.citations.bibliography_markdown": lambda: {"keys": ["meng2022", "lee2002"]},
    "skinlab.data.citations.cite": lambda: {"keys": "meng2022"},
    "skinlab.data.citations.keys_used_in_data": lambda: {},
    "skinlab.data.citations.parse_bibtex": lambda: {
        "text": "@article{doe2020,\n  author = {Doe, Jane},\n  title = {A {Title}},\n"
                "  year = {2020},\n  journal = \"J. Skin\"\n}\n"},
    "skinlab.data.citations.reference": lambda: {"key": "meng2022"},
    "skinlab.data.citations.references": lambda: {},

    # ---- skinlab.diagrams (re-exports) and skinlab.diagrams.canvas
    "skinlab.diagrams.new_figure": lambda: {"width_in": 4.0, "height_in": 3.0},
    "skinlab.diagrams.render_png": lambda: {"fig": _small_figure()},
    "skinlab.diagrams.canvas.new_figure": lambda: {"width_in": 4.0, "height_in": 3.0},
    "skinlab.diagrams.canvas.render_png": lambda: {"fig": _small_figure()},
    "skinlab.diagrams.canvas.encode_canvas_png": lambda: {
        "fig": (lambda fig: (fig.canvas.draw(), fig)[1])(_small_figure())},
    "skinlab.diagrams.canvas.encode_rgb_png": lambda: {"rgb": np.zeros((4, 5, 3), np.uint8)},
    "skinlab.diagrams.canvas.encode_rgba_png": lambda: {"rgba": np.zeros((4, 5, 4), np.uint8)},
    "skinlab.diagrams.canvas.img_tag": lambda: {"png": b"\x89PNG\r\n\x1a\n", "alt": "Nothing."},
    "skinlab.diagrams.canvas.one_axes_picture": lambda: {
        "width_in": 2.0, "height_in": 1.5, "paint": lambda ax: ax.plot([0, 1], [1, 0]),
        "alt": "A straight line falling from the upper left to the lower right."},

    # ---- skinlab.diagrams.anatomy
    "skinlab.diagrams.anatomy.cross_section_alt": lambda: {
        "profile": _profile(), "structs": _structs(), "probe_mm": 0.1, "enlarge": True},
    "skinlab.diagrams.anatomy.cross_section_figure": lambda: {"site": SITE},
    "skinlab.diagrams.anatomy.draw_cross_section": lambda: {
        "ax": _section_axes(), "profile": _profile(), "structs": _structs()},
    "skinlab.diagrams.anatomy.draw_site_comparison": lambda: (lambda axes: {
        "ax_epidermis": axes[0], "ax_dermis": axes[1], "sites": _anatomy.sites(),
        "rows": _all_rows(), "model_um": _model_um(_anatomy.sites())})(
        _axes_pair(13.0, 7.5)),
    "skinlab.diagrams.anatomy.site_comparison_alt": lambda: {
        "sites": _anatomy.sites(), "rows": _all_rows(), "model_um": _model_um(_anatomy.sites())},
    "skinlab.diagrams.anatomy.site_comparison_figure": lambda: {},
    "skinlab.diagrams.anatomy.update_cross_section": lambda: {
        "section": _cross_section(SITE), "profile": _profile("back"),
        "structs": _structs("back"), "probe_mm": 0.5},

    # ---- skinlab.diagrams.catalogue
    "skinlab.diagrams.catalogue.catalogue": lambda: {},
    "skinlab.diagrams.catalogue.fingerprint": lambda: {"fig": _small_figure()},
    "skinlab.diagrams.catalogue.readme": lambda: (lambda fig: {"pictures": {
        spec.name: _Picture(fig, f"Stand-in alt text for {spec.name}.")
        for spec in _d_catalogue.catalogue()}})(_small_figure()),

    # ---- skinlab.diagrams.evidence
    "skinlab.diagrams.evidence.draw_evidence": lambda: (lambda axes: {
        "ax_path": axes[0], "ax_n": axes[1], "rows": _evidence.max_studies()})(
        _axes_pair(12.0, 6.5, width_ratios=(1.5, 1))),
    "skinlab.diagrams.evidence.evidence_alt": lambda: {
        "title": _evidence.questions()[QUESTION], "studies": _evidence.studies(QUESTION)},
    "skinlab.diagrams.evidence.evidence_figure": lambda: {"question": QUESTION},
    "skinlab.diagrams.evidence.update_evidence": lambda: {
        "chart": _evidence_chart(), "studies": _evidence.studies(CLAIM),
        "title": _evidence.questions()[CLAIM]},

    # ---- skinlab.diagrams.healing
    "skinlab.diagrams.healing.cascade_alt": lambda: {"day": 3.0, "phase": "inflammation"},
    "skinlab.diagrams.healing.cascade_figure": lambda: {"model": _inflammation(), "day": 3.0},
    "skinlab.diagrams.healing.cell_curves_alt": lambda: {"result": _inflammation()},
    "skinlab.diagrams.healing.collagen_alt": lambda: {"events": _healing.timeline_events()},
    "skinlab.diagrams.healing.collagen_figure": lambda: {},
    "skinlab.diagrams.healing.collagen_schematic_curves": lambda: {
        "days": np.array([0.5, 3.0, 30.0, 365.0])},
    "skinlab.diagrams.healing.draw_cell_curves": lambda: {
        "ax": _axes(9.0, 4.5), "result": _inflammation()},
    "skinlab.diagrams.healing.draw_collagen_schematic": lambda: {
        "ax": _axes(10.0, 4.5), "events": _healing.timeline_events()},
    "skinlab.diagrams.healing.draw_phase_timeline": lambda: {
        "ax": _axes(12.0, 5.0), "spans": _healing.phase_spans()},
    "skinlab.diagrams.healing.draw_sessions": lambda: (lambda axes: {
        "ax_waves": axes[0], "ax_repair": axes[1], "result": _sessions_result()})(
        _new_figure(10.0, 5.6, scaled=False).subplots(2, 1, sharex=True)),
    "skinlab.diagrams.healing.draw_timeline_events": lambda: (lambda ax: (
        _d_healing.draw_phase_timeline(ax, _healing.phase_spans()),
        {"ax": ax, "events": _healing.timeline_events(), "kinds": ["cells", "signs"]})[1])(
        _axes(12.0, 8.5)),
    "skinlab.diagrams.healing.format_day": lambda: {"day": 3.0},
    "skinlab.diagrams.healing.format_range": lambda: {"low_day": 1.0, "high_day": 3.0},
    "skinlab.diagrams.healing.healing_timeline_alt": lambda: {
        "spans": _healing.phase_spans(), "events": _healing.timeline_events()},
    "skinlab.diagrams.healing.healing_timeline_figure": lambda: {},
    "skinlab.diagrams.healing.inflammation_curves_figure": lambda: {
        "result": _healing.simulate_inflammation(SHORT_DAYS, cortisol=50.0),
        "reference": _inflammation(), "setting": " for the reference wound, cortisol 50",
        "top": 1.0},
    "skinlab.diagrams.healing.inflammation_figure": lambda: {},
    "skinlab.diagrams.healing.sessions_alt": lambda: {"result": _sessions_result()},
    "skinlab.diagrams.healing.sessions_figure": lambda: {
        "sessions": 2, "interval_days": 28.0, "span_days": 90.0, "injury_scale": 1.0},
    "skinlab.diagrams.healing.update_cell_curves": lambda: {
        "curves": _d_healing.draw_cell_curves(_axes(9.0, 4.5), _inflammation()),
        "result": _healing.simulate_inflammation(SHORT_DAYS, oestrogen=2.0)},
    "skinlab.diagrams.healing.update_sessions": lambda: (lambda axes: {
        "artists": _d_healing.draw_sessions(axes[0], axes[1], _sessions_result()),
        "result": _healing.simulate_sessions(3, 14.0, 90.0)})(
        _new_figure(10.0, 5.6, scaled=False).subplots(2, 1, sharex=True)),
    "skinlab.diagrams.healing.update_timeline": lambda: {
        "timeline": _d_healing.draw_phase_timeline(_axes(12.0, 5.0), _healing.phase_spans()),
        "day": 3.0},
    "skinlab.diagrams.healing.wave_text": lambda: {
        "result": _inflammation(), "name": "neutrophils"},

    # ---- skinlab.diagrams.needling
    "skinlab.diagrams.needling.draw_face_zones": lambda: {
        "ax": _axes(10.0, 8.0), "zones": _needling.face_zones(), "dermis_end_mm": _zone_ends()},
    "skinlab.diagrams.needling.draw_needle_overlay": lambda: {"section": _cross_section()},
    "skinlab.diagrams.needling.draw_penetration_chart": lambda: (lambda lengths: {
        "ax": _axes(7.5, 7.5), "lengths_mm": lengths, "bands_mm": _penetration_bands(lengths),
        "studies": _read_table("penetration_studies")})(np.linspace(0.05, 3.0, 12)),
    "skinlab.diagrams.needling.draw_puncture_patch": lambda: {
        "ax": _patch_axes(), "pattern": _roller_pattern(), "hole_mm": HOLE_MM},
    "skinlab.diagrams.needling.draw_studied_lengths": lambda: {
        "ax": _axes(11.5, 6.5), "rows": _needling.studied_lengths()},
    "skinlab.diagrams.needling.face_zones_alt": lambda: {
        "zones": _needling.face_zones(), "dermis_end_mm": _zone_ends()},
    "skinlab.diagrams.needling.face_zones_figure": lambda: {},
    "skinlab.diagrams.needling.needle_alt": lambda: {"result": _reach()},
    "skinlab.diagrams.needling.needle_figure": lambda: {
        "site": SITE, "device": "roller", "length_mm": 1.5},
    "skinlab.diagrams.needling.penetration_alt": lambda: {
        "models": [_needling.penetration_model(d) for d in ("roller", "pen")],
        "studies": _read_table("penetration_studies")},
    "skinlab.diagrams.needling.penetration_figure": lambda: {},
    "skinlab.diagrams.needling.puncture_alt": lambda: {
        "pattern": _roller_pattern(), "hole_mm": HOLE_MM,
        "setting": "1 pass of the standard 192-needle roller"},
    "skinlab.diagrams.needling.puncture_density_figure": lambda: {
        "pattern": _roller_pattern(), "hole_mm": HOLE_MM,
        "setting": "1 pass of the standard 192-needle roller"},
    "skinlab.diagrams.needling.puncture_patch_figure": lambda: {"passes": 1},
    "skinlab.diagrams.needling.studied_lengths_alt": lambda: {
        "rows": _needling.studied_lengths()},
    "skinlab.diagrams.needling.studied_lengths_figure": lambda: {},
    "skinlab.diagrams.needling.update_needle": lambda: {
        "overlay": _d_needling.draw_needle_overlay(_cross_section(SITE)),
        "result": _needling.reach(SITE, "pen", 0.5), "profile": _profile(),
        "structs": _structs()},
    "skinlab.diagrams.needling.puncture_caption": lambda: {
        "pattern": _roller_pattern(), "hole_mm": HOLE_MM},
    "skinlab.diagrams.needling.update_puncture_patch": lambda: {
        "artists": _d_needling.draw_puncture_patch(_patch_axes(), _roller_pattern(), HOLE_MM),
        "pattern": _needling.pen_pattern(**PEN, passes=1, seed=SEED), "hole_mm": 0.2},

    # ---- skinlab.diagrams.scars
    "skinlab.diagrams.scars.draw_scar_types": lambda: {
        "axes": _new_figure(12.0, 3.8, scaled=False).subplots(1, 3),
        "types": _scars.scar_types()},
    "skinlab.diagrams.scars.scar_profile": lambda: {"name": "boxcar"},
    "skinlab.diagrams.scars.scar_release_alt": lambda: {"types": _scars.scar_types()},
    "skinlab.diagrams.scars.scar_release_figure": lambda: {},
    "skinlab.diagrams.scars.scar_types_alt": lambda: {"types": _scars.scar_types()},
    "skinlab.diagrams.scars.scar_types_figure": lambda: {},

    # ---- skinlab.diagrams.style (use() with no argument keeps the current mode)
    "skinlab.diagrams.style.presenting": lambda: {},
    "skinlab.diagrams.style.rc": lambda: {},
    "skinlab.diagrams.style.scale": lambda: {},
    "skinlab.diagrams.style.use": lambda: {},

    # ---- skinlab.explorers.anatomy
    "skinlab.explorers.anatomy.describe_depth": lambda: {"site": SITE, "depth_um": 100},
    "skinlab.explorers.anatomy.skin_layers_explorer": lambda: {},
    "skinlab.explorers.anatomy.SkinLayersExplorer": lambda: {},

    # ---- skinlab.explorers.base
    "skinlab.explorers.base.enlarge_checkbox": lambda: {"value": True},
    "skinlab.explorers.base.site_dropdown": lambda: {"site": SITE, "sites": _anatomy.sites()},
    "skinlab.explorers.base.site_label": lambda: {"site": "back of hand"},

    # ---- skinlab.explorers.controls
    "skinlab.explorers.controls.float_slider": lambda: {
        "value": 0.5, "min": 0.25, "max": 2.5, "step": 0.25, "description": "Needle length (mm)"},
    "skinlab.explorers.controls.int_slider": lambda: {
        "value": 3, "min": 1, "max": 8, "description": "Sessions"},
    "skinlab.explorers.controls.kernel_bounded": lambda: {"control": _enlarge_checkbox(True)},
    "skinlab.explorers.controls.log_slider": lambda: {
        "value": 3.0, "min": -2.0, "max": 2.5, "step": 0.01, "description": "Day"},

    # ---- skinlab.explorers.evidence
    "skinlab.explorers.evidence.evidence_explorer": lambda: {},
    "skinlab.explorers.evidence.explorer_questions": lambda: {},
    "skinlab.explorers.evidence.screening_exercise": lambda: {},
    "skinlab.explorers.evidence.EvidenceExplorer": lambda: {},

    # ---- skinlab.explorers.healing
    "skinlab.explorers.healing.axis_top": lambda: {"injury_scale": 1.0},
    "skinlab.explorers.healing.cascade_explorer": lambda: {},
    "skinlab.explorers.healing.inflammation_explorer": lambda: {},
    "skinlab.explorers.healing.planner_limits": lambda: {"sessions": 1, "injury_scale": 1.0},
    "skinlab.explorers.healing.planner_span": lambda: {"sessions": 3},
    "skinlab.explorers.healing.session_planner": lambda: {},
    "skinlab.explorers.healing.signs_under_way": lambda: {"day": 3.0},
    "skinlab.explorers.healing.CascadeExplorer": lambda: {},
    "skinlab.explorers.healing.InflammationExplorer": lambda: {},
    "skinlab.explorers.healing.SessionPlanner": lambda: {},

    # ---- skinlab.explorers.needling
    "skinlab.explorers.needling.density_summary": lambda: {
        "per_pass": 15.28, "passes": 5, "hole_mm": HOLE_MM, "area_cm2": 100.0},
    "skinlab.explorers.needling.describe_reach": lambda: {"result": _reach()},
    "skinlab.explorers.needling.needle_depth_explorer": lambda: {},
    "skinlab.explorers.needling.puncture_density_explorer": lambda: {},
    "skinlab.explorers.needling.NeedleDepthExplorer": lambda: {},
    "skinlab.explorers.needling.PunctureDensityExplorer": lambda: {},

    # ---- skinlab.explorers.registry
    "skinlab.explorers.registry.build": lambda: {"name": "skin layers"},
    "skinlab.explorers.registry.control_values": lambda: {"control": _enlarge_checkbox(True)},
    "skinlab.explorers.registry.explorer_class": lambda: {"name": "skin layers"},
    "skinlab.explorers.registry.explorer_classes": lambda: {},

    # ---- skinlab.models.anatomy
    "skinlab.models.anatomy.check_depth": lambda: {"site": SITE, "depth_mm": 0.5},
    "skinlab.models.anatomy.check_site": lambda: {"site": SITE},
    "skinlab.models.anatomy.format_profile": lambda: {"site": SITE},
    "skinlab.models.anatomy.layer_at": lambda: {"site": SITE, "depth_mm": 0.5},
    "skinlab.models.anatomy.layer_value": lambda: {"site": SITE, "layer": "epidermis"},
    "skinlab.models.anatomy.measurements": lambda: {"site": SITE},
    "skinlab.models.anatomy.profile": lambda: {"site": SITE},
    "skinlab.models.anatomy.sites": lambda: {},
    "skinlab.models.anatomy.skin_type": lambda: {"site": SITE},
    "skinlab.models.anatomy.structures": lambda: {"site": SITE},
    "skinlab.models.anatomy.structures_at": lambda: {"site": SITE, "depth_mm": 0.5},

    # ---- skinlab.data.checks
    "skinlab.data.checks.checked": lambda: {"func": _example_function},
    "skinlab.data.checks.choice": lambda: {
        "name": "device", "value": "pen", "choices": ["roller", "pen"]},
    "skinlab.data.checks.number": lambda: {"name": "passes", "value": 3, "low": 1, "high": 30},

    # ---- skinlab.models.evidence
    "skinlab.models.evidence.adverse_effects": lambda: {},
    "skinlab.models.evidence.aftercare": lambda: {},
    "skinlab.models.evidence.anaesthesia_risks": lambda: {},
    "skinlab.models.evidence.certainty": lambda: {"question": QUESTION},
    "skinlab.models.evidence.claim": lambda: {"claim_id": CLAIM},
    "skinlab.models.evidence.claim_card": lambda: {"claim_id": CLAIM},
    "skinlab.models.evidence.claims": lambda: {},
    "skinlab.models.evidence.contraindications": lambda: {},
    "skinlab.models.evidence.evidence": lambda: {},
    "skinlab.models.evidence.indication": lambda: {"name": QUESTION},
    "skinlab.models.evidence.indication_text": lambda: {"name": QUESTION},
    "skinlab.models.evidence.indications": lambda: {},
    "skinlab.models.evidence.max_studies": lambda: {},
    "skinlab.models.evidence.path_text": lambda: {"row": _study()},
    "skinlab.models.evidence.question_text": lambda: {"question": QUESTION},
    "skinlab.models.evidence.questions": lambda: {},
    "skinlab.models.evidence.regulation": lambda: {},
    "skinlab.models.evidence.relative_change_pct": lambda: {"before": 11.73, "after": 6.5},
    "skinlab.models.evidence.screening_cases": lambda: {},
    "skinlab.models.evidence.screening_feedback": lambda: {
        "case": _evidence.screening_cases()[0], "choice": "refer"},
    "skinlab.models.evidence.studies": lambda: {},
    "skinlab.models.evidence.study_line": lambda: {"row": _study()},

    # ---- skinlab.models.healing
    "skinlab.models.healing.chain_rates_per_day": lambda: {},
    "skinlab.models.healing.check_value": lambda: {"name": "day", "value": 3.0},
    "skinlab.models.healing.clear_caches": lambda: {},
    "skinlab.models.healing.findings": lambda: {"topic": "collagen III"},
    "skinlab.models.healing.findings_text": lambda: {"topic": "collagen III"},
    "skinlab.models.healing.inflammation_parameters": lambda: {},
    "skinlab.models.healing.inflammation_start": lambda: {},
    "skinlab.models.healing.injury_presets": lambda: {},
    "skinlab.models.healing.injury_scale_for": lambda: {
        "effective_depth_mm": 0.5, "density_per_cm2": 76.4},
    "skinlab.models.healing.phase_changes": lambda: {},
    "skinlab.models.healing.phase_fractions": lambda: {"day": 3.0},
    "skinlab.models.healing.phase_on": lambda: {"day": 3.0},
    "skinlab.models.healing.phase_spans": lambda: {},
    "skinlab.models.healing.repair_parameters": lambda: {},
    "skinlab.models.healing.roller_session_scale": lambda: {"nominal_mm": 1.5, "passes": 15},
    "skinlab.models.healing.session_days": lambda: {"sessions": 3, "interval_days": 28.0},
    "skinlab.models.healing.simulate_inflammation": lambda: {},
    "skinlab.models.healing.simulate_repair": lambda: {},
    "skinlab.models.healing.simulate_sessions": lambda: {
        "sessions": 2, "interval_days": 28.0, "days": 90.0},
    "skinlab.models.healing.timeline_events": lambda: {},

    # ---- skinlab.models.needling
    "skinlab.models.needling.check_device": lambda: {"device": "pen"},
    "skinlab.models.needling.check_nominal": lambda: {"nominal_mm": 1.5},
    "skinlab.models.needling.devices": lambda: {},
    "skinlab.models.needling.effective_depth_mm": lambda: {"nominal_mm": 1.5, "device": "roller"},
    "skinlab.models.needling.endpoint_at": lambda: {"site": SITE, "depth_mm": 0.5},
    "skinlab.models.needling.endpoints": lambda: {},
    "skinlab.models.needling.face_zones": lambda: {},
    "skinlab.models.needling.mean_spacing_mm": lambda: {"density_per_cm2": 76.4},
    "skinlab.models.needling.passes_for_density": lambda: {
        "target_per_cm2": 200.0, "per_pass_per_cm2": 15.28},
    "skinlab.models.needling.pen_density": lambda: dict(PEN),
    "skinlab.models.needling.pen_pattern": lambda: {**PEN, "seed": SEED},
    "skinlab.models.needling.penetration_model": lambda: {"device": "pen"},
    "skinlab.models.needling.perforated_fraction": lambda: {
        "density_per_cm2": 76.4, "needle_diameter_mm": HOLE_MM},
    "skinlab.models.needling.punctures_over_area": lambda: {
        "density_per_cm2": 76.4, "area_cm2": 100.0},
    "skinlab.models.needling.punctures_per_second": lambda: {
        "needles": 12, "frequency_hz": 100.0},
    "skinlab.models.needling.reach": lambda: {
        "site": SITE, "device": "roller", "nominal_mm": 1.5},
    "skinlab.models.needling.roller_density": lambda: dict(ROLLER),
    "skinlab.models.needling.roller_pattern": lambda: {**ROLLER, "seed": SEED},
    "skinlab.models.needling.shortest_needle_to_reach": lambda: {
        "site": SITE, "device": "roller", "layer": "papillary dermis"},
    "skinlab.models.needling.standard_roller": lambda: {},
    "skinlab.models.needling.studied_lengths": lambda: {},

    # ---- skinlab.models.plan
    "skinlab.models.plan.screen": lambda: {"client": _plan_client()},
    "skinlab.models.plan.studied": lambda: {"indication": "acne scars"},
    "skinlab.models.plan.setting": lambda: {"site": SITE, "device": "roller",
                                            "length_mm": 1.0, "passes": 2},
    "skinlab.models.plan.skin_response": lambda: {
        "chosen": _plan.setting(SITE, "roller", 1.0, 2), "sessions": 2, "interval_days": 28},
    "skinlab.models.plan.plan": lambda: {"client": _plan_client(), "sessions": 2},

    "skinlab.models.plan.client": lambda: {"name": "Ben"},
    "skinlab.models.plan.case_story": lambda: {"case": "Gus"},
    "skinlab.models.plan.studied_sessions": lambda: {"indication": "acne scars"},
    "skinlab.models.plan.study_checks": lambda: {
        "indication": "acne scars", "length_mm": 1.5, "sessions": 3, "interval_days": 28},
    "skinlab.models.plan.follow_up": lambda: {
        "response": _plan.skin_response(_plan.setting(SITE, "roller", 1.0, 2), 2, 28)},
    "skinlab.models.plan.studied_lengths_mm": lambda: {"indication": "acne scars"},
    "skinlab.models.plan.studied_intervals_days": lambda: {"indication": "acne scars"},
    "skinlab.models.plan.case_feedback": lambda: {
        "case": "Farah", "chosen": _plan.PlanChoice("go", "roller", 1.5, 3, 28)},
    "skinlab.diagrams.plan.plan_axes": lambda: {"width_in": 6.0, "height_in": 4.0},
    "skinlab.diagrams.plan.draw_depth_column": lambda: {
        "ax": _new_figure(4, 4).add_subplot(), "the_plan": _plan.plan(_plan_client())},
    "skinlab.diagrams.plan.draw_plan": lambda: {
        "axes": _d_plan.plan_axes(6.0, 4.0), "the_plan": _plan.plan(_plan_client())},
    "skinlab.diagrams.plan.plan_alt": lambda: {"the_plan": _plan.plan(_plan_client())},
    "skinlab.diagrams.plan.draw_milestones": lambda: {
        "axes": _d_plan.plan_axes(6.0, 4.0), "the_plan": _plan.plan(_plan_client())},
    "skinlab.explorers.plan.treatment_planner": lambda: {"client": "Dev"},

    # ---- skinlab.models.scars
    "skinlab.models.scars.scar_types": lambda: {},

    # ---- skinlab.models.validation
    "skinlab.models.validation.check": lambda: {"obs": _validation.observations()[0]},
    "skinlab.models.validation.checks": lambda: {},
    "skinlab.models.validation.counts": lambda: {},
    "skinlab.models.validation.observations": lambda: {},
    "skinlab.models.validation.summary_text": lambda: {},
    "skinlab.models.validation.table_text": lambda: {"model": "anatomy"},
}

# Parameters passed positionally, in order ("*name": a var-positional parameter whose
# kwargs entry is a tuple to unpack). No public callable has positional-only parameters;
# these two take their topics only as ``*topics``.
POSITIONAL: dict[str, list[str]] = {
    "skinlab.data.checks.checked": ["func"],
    "skinlab.course.notebook.source_keys": ["*topics"],
    "skinlab.course.notebook.sources": ["*topics"],
}

SKIPPED: dict[str, str] = {
    "skinlab.course.kernel.main":
        "the lecture kernel's entry point: it becomes an IPython kernel and never returns",
    "skinlab.course.launch.main":
        "command-line entry point: os.execvpe() replaces the process with JupyterLab or Voilà",
    "skinlab.diagrams.catalogue.main":
        "command-line entry point of `make figures`: writes every figure into the repository",
    "skinlab.diagrams.catalogue.write_all":
        "writes every figure into figures/ of the repository by default (and takes >1 s)",
}


def resolve(key: str) -> Any:
    """The callable named ``key`` ("package.module.name")."""
    parts = key.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(f"cannot resolve {key!r}")


def call(key: str) -> Any:
    """Call the callable ``key`` with a fresh copy of its example arguments."""
    kwargs = dict(EXAMPLES[key]())
    args: list[Any] = []
    for name in POSITIONAL.get(key, []):
        if name.startswith("*"):
            args.extend(kwargs.pop(name[1:]))
        else:
            args.append(kwargs.pop(name))
    return resolve(key)(*args, **kwargs)
