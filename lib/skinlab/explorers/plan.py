"""The treatment planner of notebook 05: one explorer from the client to the healed skin.

It only wires controls to :mod:`skinlab.models.plan`, whose steps are tested without
widgets, and to the painters of :mod:`skinlab.diagrams.plan`.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from skinlab.data.checks import checked
from skinlab.data.checks import choice as check_choice
from skinlab.diagrams.plan import draw_plan, plan_alt, plan_axes
from skinlab.explorers.base import Explorer
from skinlab.explorers.controls import float_slider, int_slider
from skinlab.models import plan

__all__ = ["PlanState", "TreatmentPlanner", "treatment_planner"]

WIDE = {"description_width": "initial"}


@dataclass(frozen=True)
class PlanState:
    """What the planner shows: a client and the chosen setting and schedule."""

    client: str = "Ana"
    device: str = "roller"
    length_mm: float = 1.0
    passes: int = 4
    sessions: int = 3
    interval_days: int = 28


class TreatmentPlanner(Explorer):
    """Pick a client, a device, a needle length, passes, sessions and an interval; read each
    step's consequence, from screening to the healed skin."""

    @checked(length_mm=(0.25, 2.5), passes=(1, 10), sessions=(1, 6), interval_days=(14, 56))
    def __init__(self, client: str = PlanState.client, device: str = PlanState.device,
                 length_mm: float = PlanState.length_mm, passes: int = PlanState.passes,
                 sessions: int = PlanState.sessions,
                 interval_days: int = PlanState.interval_days) -> None:
        check_choice("client", client, plan.CLIENTS, plural="clients")
        check_choice("device", device, ("roller", "pen"))
        self.client = widgets.Dropdown(
            options=[(f"{name} ({age}): {indication}, {site}", name)
                     for name, (age, _t, _c, indication, site) in plan.CLIENTS.items()],
            value=client, description="Client", style=WIDE,
            layout=widgets.Layout(width="30em"))
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
        super().__init__(self.axes.figure,
                         [self.client, self.device, self.length, self.passes, self.sessions,
                          self.interval], name="treatment planner")
        self.refresh()

    def state(self) -> PlanState:
        return PlanState(str(self.client.value), str(self.device.value),
                         float(self.length.value), int(self.passes.value),
                         int(self.sessions.value), int(self.interval.value))

    def compute(self, state: PlanState) -> plan.Plan:
        return plan.plan(plan.client(state.client), state.device, state.length_mm,
                         state.passes, state.sessions, state.interval_days)

    def draw(self, state: PlanState) -> None:
        draw_plan(self.axes, self.computed(state))

    def describe(self, state: PlanState) -> tuple[str, str]:
        the_plan = self.computed(state)
        steps = [the_plan.screening.text(), the_plan.studied.text().split("\n", 1)[0]]
        if the_plan.setting is not None and the_plan.response is not None:
            steps += [the_plan.setting.text(), the_plan.response.text()]
        else:
            steps.append("The plan stops here: no setting, no sessions.")
        return plan_alt(the_plan), "\n".join(steps)


@checked
def treatment_planner(client: str = PlanState.client) -> TreatmentPlanner:
    """Show the treatment planner, opening on ``client`` (one of ``plan.CLIENTS``)."""
    return TreatmentPlanner(client)
