"""The treatment planner of notebook 05: one explorer from the client to the healed skin.

It only wires controls to :mod:`skinlab.models.plan`, whose steps are tested without
widgets, and to the painters of :mod:`skinlab.diagrams.plan`.

The controls come in three groups, in the order of the plan: the client (pick one of the
course's clients, or describe one), the device and its setting, and the sessions.
Picking a client fills in the description; changing any part of the description makes
it "your own client".
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
from matplotlib.artist import Artist

from skinlab.data.checks import checked
from skinlab.data.checks import choice as check_choice
from skinlab.diagrams.plan import draw_plan, plan_alt, plan_axes
from skinlab.explorers.base import FRAME_CACHE_SIZE, Explorer, site_dropdown
from skinlab.explorers.controls import float_slider, int_slider
from skinlab.models import anatomy, evidence, plan

__all__ = ["OWN_CLIENT", "PlanState", "TreatmentPlanner", "treatment_planner"]

WIDE = {"description_width": "initial"}
# The client drop-down's value for a client described with the controls.
OWN_CLIENT = "your own client"
OWN_NAME = "Your client"
NONE = "none"
AGE_RANGE = (18, 90)
# The intake questions, as the drop-downs ask them.
QUESTIONS = {
    "skin in the area today": "Skin in the area today",
    "medicines": "Medicines",
    "history and health": "History and health",
}
_ITEMS = {c.id: c.item for c in evidence.contraindications()}


@dataclass(frozen=True)
class PlanState:
    """What the planner shows: the client (a named one, or ``OWN_CLIENT`` with the
    description), the setting and the schedule."""

    client: str = "Ana"
    age: int = plan.CLIENTS["Ana"][0]
    skin_type: int = plan.CLIENTS["Ana"][1]
    conditions: tuple[str, ...] = plan.CLIENTS["Ana"][2]
    indication: str = plan.CLIENTS["Ana"][3]
    site: str = plan.CLIENTS["Ana"][4]
    device: str = "roller"
    length_mm: float = 1.5
    passes: int = 4
    sessions: int = 3
    interval_days: int = 28

    def to_client(self) -> plan.Client:
        name = OWN_NAME if self.client == OWN_CLIENT else self.client
        return plan.Client(name, self.age, self.skin_type, self.conditions, self.indication,
                           self.site)


def _answer(conditions: tuple[str, ...], question: str) -> str:
    found = [c for c in conditions if c in plan.INTAKE[question]]
    if len(found) > 1:
        raise ValueError(f"conditions: the planner takes at most one answer to {question!r} "
                         f"(one of: {', '.join(plan.INTAKE[question])}), got {found}")
    return found[0] if found else NONE


class TreatmentPlanner(Explorer):
    """Pick or describe a client, then a device, a needle length, passes, sessions and an
    interval; read each step's consequence, from screening to the healed skin."""

    @checked(age=AGE_RANGE, skin_type=plan.SKIN_TYPE_RANGE, length_mm=(0.25, 2.5),
             passes=(1, 10), sessions=(1, 6), interval_days=(14, 56))
    def __init__(self, client: str = PlanState.client, age: int | None = None,
                 skin_type: int | None = None, conditions: tuple[str, ...] | None = None,
                 indication: str | None = None, site: str | None = None,
                 device: str = PlanState.device, length_mm: float = PlanState.length_mm,
                 passes: int = PlanState.passes, sessions: int = PlanState.sessions,
                 interval_days: int = PlanState.interval_days) -> None:
        check_choice("client", client, [*plan.CLIENTS, OWN_CLIENT], plural="clients")
        check_choice("device", device, ("roller", "pen"))
        # A named client fills in what is not given; a given part that differs makes the
        # client "your own" (as changing a control does).
        preset = plan.CLIENTS.get(client, plan.CLIENTS[PlanState.client])
        described = plan.Client(OWN_NAME, *(
            preset[i] if given is None else given
            for i, given in enumerate((age, skin_type, conditions, indication, site))))
        if client != OWN_CLIENT and (described.age, described.skin_type, described.conditions,
                                     described.indication, described.site) != preset:
            client = OWN_CLIENT
        self._filling = False
        self.client = widgets.Dropdown(
            options=[(f"{name} ({age_}): {ind}, {site_}", name)
                     for name, (age_, _t, _c, ind, site_) in plan.CLIENTS.items()]
            + [("Your own client (describe below)", OWN_CLIENT)],
            value=client, description="Client", style=WIDE,
            layout=widgets.Layout(width="26em"))
        self.age = int_slider(value=described.age, min=AGE_RANGE[0], max=AGE_RANGE[1],
                              description="Age (years)")
        self.skin_type = int_slider(value=described.skin_type, min=plan.SKIN_TYPE_RANGE[0],
                                    max=plan.SKIN_TYPE_RANGE[1],
                                    description="Skin type (Fitzpatrick I–VI)")
        self.intake = {
            question: widgets.Dropdown(
                options=[("None of these", NONE)]
                + [(_ITEMS[c][0].upper() + _ITEMS[c][1:], c) for c in plan.INTAKE[question]],
                value=_answer(described.conditions, question), description=label, style=WIDE,
                layout=widgets.Layout(width="26em"))
            for question, label in QUESTIONS.items()}
        self.indication = widgets.Dropdown(
            options=[(i.name[0].upper() + i.name[1:], i.name) for i in evidence.indications()],
            value=described.indication, description="Asks about", style=WIDE,
            layout=widgets.Layout(width="26em"))
        self.site = site_dropdown(described.site, anatomy.sites())
        self.described = [self.age, self.skin_type, *self.intake.values(), self.indication,
                          self.site]
        self.device = widgets.ToggleButtons(
            options=[("Roller", "roller"), ("Pen", "pen")], value=device, description="Device",
            style={**WIDE, "button_width": "6em"},
            tooltips=["A drum of needles rolled by hand", "A motor stamps needles in and out"])
        self.length = float_slider(value=length_mm, min=0.25, max=2.5, step=0.25,
                                   description="Needle length (mm)", readout_format=".2f")
        self.passes = int_slider(value=passes, min=1, max=10, description="Passes")
        self.sessions = int_slider(value=sessions, min=1, max=6, description="Sessions")
        self.interval = int_slider(value=interval_days, min=14, max=56, step=7,
                                   description="Interval between sessions (days)")
        self.axes = plan_axes()
        # Lay the panels out once, for a plan that goes on, then keep them still:
        # constrained layout would otherwise take half of every frame, and a still layout
        # lets a change that only renames the client redraw the title alone (blitting).
        draw_plan(self.axes, plan.plan(plan.client(PlanState.client)))
        self.axes.figure.canvas.draw()
        self.axes.figure.set_layout_engine("none")
        super().__init__(self.axes.figure,
                         [self.client, *self.described, self.device, self.length,
                          self.passes, self.sessions, self.interval], name="treatment planner")
        # Three groups in the order of the plan, each under its heading (the controls stay
        # inside the explorer's first box, where keyboard order and the tests find them).
        self.widget.children[0].children = [
            self._group("1 · Client", [self.client, *self.described]),
            self._group("3 · Device and setting", [self.device, self.length, self.passes]),
            self._group("4 · Sessions", [self.sessions, self.interval]),
        ]
        # The one-page summary to copy, under the picture (folded: it is long).
        self.summary = widgets.HTML(layout=widgets.Layout(width="100%"))
        self._summaries: dict[PlanState, str] = {}
        self.widget.children = [*self.widget.children, self.summary]
        self.refresh()

    @staticmethod
    def _group(heading: str, controls: list[widgets.Widget]) -> widgets.VBox:
        title = widgets.HTML(f"<strong>{heading}</strong>")
        return widgets.VBox([title, *controls], layout=widgets.Layout(margin="0 2em 0.5em 0"))

    def _on_change(self, change: dict[str, Any]) -> None:
        if self._filling:
            return
        self._filling = True
        try:
            if change["owner"] is self.client and change["new"] != OWN_CLIENT:
                # Fill in the picked client's description, then draw once.
                age, skin_type, conditions, indication, site = plan.CLIENTS[change["new"]]
                self.age.value, self.skin_type.value = age, skin_type
                for question, dropdown in self.intake.items():
                    dropdown.value = _answer(conditions, question)
                self.indication.value, self.site.value = indication, site
            elif change["owner"] in self.described and self.client.value != OWN_CLIENT:
                self.client.value = OWN_CLIENT
        finally:
            self._filling = False
        super()._on_change(change)

    def state(self) -> PlanState:
        conditions = tuple(c for c in plan.CLIENT_CONDITIONS
                           if c in {d.value for d in self.intake.values()})
        return PlanState(str(self.client.value), int(self.age.value),
                         int(self.skin_type.value), conditions, str(self.indication.value),
                         str(self.site.value), str(self.device.value),
                         float(self.length.value), int(self.passes.value),
                         int(self.sessions.value), int(self.interval.value))

    def compute(self, state: PlanState) -> plan.Plan:
        return plan.plan(state.to_client(), state.device, state.length_mm, state.passes,
                         state.sessions, state.interval_days)

    def draw(self, state: PlanState) -> None:
        draw_plan(self.axes, self.computed(state))

    def background_key(self, state: PlanState) -> Hashable:
        # Everything but the title depends on these; the client's name, age, skin type,
        # indication and a decision that lets the plan go on appear in the title only.
        the_plan = self.computed(state)
        if the_plan.screening.stops:
            return ("stopped", the_plan.screening.reasons)
        return ("goes on", state.site, state.device, state.length_mm, state.passes,
                state.sessions, state.interval_days)

    def dynamic_artists(self) -> Sequence[Artist]:
        return [self.axes.title] if self.axes.title is not None else []

    def describe(self, state: PlanState) -> tuple[str, str]:
        the_plan = self.computed(state)
        steps = [f"Client: {the_plan.client.text()}.", the_plan.screening.text(),
                 the_plan.studied.brief()]
        if the_plan.setting is not None and the_plan.response is not None:
            steps += [f"Outside what was studied: {note}" for note in the_plan.study_notes]
            steps += [the_plan.setting.text(), the_plan.response.text()]
        else:
            steps.append("The plan stops here: no setting, no sessions.")
        return plan_alt(the_plan), "\n".join(steps)

    def refresh(self) -> None:
        super().refresh()
        state = self.state()
        text = self._summaries.get(state)
        if text is None:
            text = self._summaries[state] = self.computed(state).summary()
            if len(self._summaries) > FRAME_CACHE_SIZE:
                del self._summaries[next(iter(self._summaries))]
        self.summary.value = (
            '<details class="skinlab-plan-summary"><summary>The whole plan as text, with '
            'every source (select it to copy)</summary><pre style="white-space:pre-wrap">'
            f'{html.escape(text)}</pre></details>')

    @property
    def summary_text(self) -> str:
        """The one-page plan summary on show now, as plain text."""
        return self._summaries[self.state()]

    def close(self) -> None:
        super().close()  # closes the summary too: it is one of the explorer's widgets
        self._summaries.clear()


@checked
def treatment_planner(client: str = PlanState.client) -> TreatmentPlanner:
    """Show the treatment planner, opening on ``client`` (one of ``plan.CLIENTS``)."""
    return TreatmentPlanner(client)
