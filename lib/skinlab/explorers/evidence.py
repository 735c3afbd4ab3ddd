"""The evidence explorer and the screening exercise of notebook 4."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from skinlab.data.checks import checked
from skinlab.data.checks import choice as check_choice
from skinlab.diagrams.evidence import evidence_alt, evidence_figure, update_evidence
from skinlab.explorers.base import Explorer
from skinlab.models import evidence

__all__ = ["EvidenceExplorer", "EvidenceState", "ScreeningExercise", "evidence_explorer",
           "explorer_questions", "screening_exercise"]


@dataclass(frozen=True)
class EvidenceState:
    """What the evidence explorer shows: one question (an indication or a claim)."""

    question: str = "acne scars"


@checked
def explorer_questions() -> dict[str, str]:
    """The questions the explorer offers: the indications, then the claims."""
    wanted = {i.name for i in evidence.indications()} | {c.id for c in evidence.claims()}
    return {q: title for q, title in evidence.questions().items() if q in wanted}


class EvidenceExplorer(Explorer):
    """Pick an indication or a claim; see each study's way to its GRADE certainty."""

    @checked
    def __init__(self, question: str = EvidenceState.question) -> None:
        options = explorer_questions()
        question = check_choice("question", question, options, plural="questions")
        self.question = widgets.Dropdown(
            options=[(title, q) for q, title in options.items()], value=question,
            description="Question", style={"description_width": "initial"},
            layout=widgets.Layout(width="46em"))
        picture = evidence_figure(question, scaled=True)
        self.chart = picture.artists
        super().__init__(picture.figure, [self.question], name="evidence explorer")
        self.refresh()

    def state(self) -> EvidenceState:
        return EvidenceState(str(self.question.value))

    def compute(self, state: EvidenceState) -> tuple[evidence.Evidence, ...]:
        return evidence.studies(state.question)

    def draw(self, state: EvidenceState) -> None:
        update_evidence(self.chart, self.computed(state), evidence.questions()[state.question])

    def prefetch_states(self) -> list[EvidenceState]:
        # A handful of questions, each a full redraw (about 0.1 s): drawn ahead while
        # the kernel is idle, choosing one then costs nothing.
        return [EvidenceState(q) for q in explorer_questions()]

    def describe(self, state: EvidenceState) -> tuple[str, str]:
        title = evidence.questions()[state.question]
        return (evidence_alt(title, self.computed(state)),
                evidence.question_text(state.question))


@checked
def evidence_explorer(question: str = EvidenceState.question) -> EvidenceExplorer:
    """Show the evidence explorer, opening on ``question`` (an indication or a claim id)."""
    return EvidenceExplorer(question)


class ScreeningExercise:
    """Fictional clients one at a time: choose proceed, postpone or refer; read why."""

    def __init__(self) -> None:
        self.cases = evidence.screening_cases()
        self.index = 0
        self.answers: dict[int, str] = {}
        self.heading = widgets.HTML()
        self.story = widgets.HTML(layout=widgets.Layout(min_height="3em"))
        self.buttons = {
            choice: widgets.Button(description=choice.capitalize(),
                                   tooltip=f"Choose: {choice}",
                                   layout=widgets.Layout(width="9em"))
            for choice in evidence.SCREENING_ANSWERS}
        for choice, button in self.buttons.items():
            button.on_click(lambda _b, choice=choice: self.choose(choice))
        self.feedback = widgets.HTML(layout=widgets.Layout(min_height="3em"))
        self.previous = widgets.Button(description="Previous client", icon="arrow-left",
                                       tooltip="Go back one client")
        self.next = widgets.Button(description="Next client", icon="arrow-right",
                                   tooltip="Go on to the next client")
        self.previous.on_click(lambda _b: self.go(self.index - 1))
        self.next.on_click(lambda _b: self.go(self.index + 1))
        self.score = widgets.HTML()
        self.widget = widgets.VBox([
            self.heading, self.story, widgets.HBox(list(self.buttons.values())),
            self.feedback, widgets.HBox([self.previous, self.next]), self.score])
        self.go(0)

    @property
    def matched(self) -> int:
        """How many answers so far match the course's answer."""
        return sum(1 for i, choice in self.answers.items() if self.cases[i].answer == choice)

    def go(self, index: int) -> None:
        """Show client ``index`` (0 to number of clients − 1)."""
        if not 0 <= index < len(self.cases):
            raise ValueError(f"client index must be 0 to {len(self.cases) - 1}, got {index}")
        self.index = index
        case = self.cases[index]
        self.heading.value = (f"<p style='font-size:1.1em'><b>Client {index + 1} of "
                              f"{len(self.cases)}: {html.escape(case.client)}</b></p>")
        self.story.value = f"<p style='font-size:1.1em'>{html.escape(case.story)}</p>"
        self.previous.disabled = index == 0
        self.next.disabled = index == len(self.cases) - 1
        earlier = self.answers.get(index)
        self._show(evidence.screening_feedback(case, earlier) if earlier
                   else "Proceed, postpone or refer? Choose one.")

    def choose(self, choice: str) -> str:
        """Answer the client on screen with ``choice``; show and return the feedback."""
        text = evidence.screening_feedback(self.cases[self.index], choice)
        self.answers[self.index] = choice
        self._show(text)
        return text

    def _show(self, text: str) -> None:
        self.feedback.value = (f'<div role="status" aria-live="polite" '
                               f'style="font-size:1.1em">{html.escape(text)}</div>')
        self.score.value = (f"Answered {len(self.answers)} of {len(self.cases)}; "
                            f"{self.matched} matched the course's answer.")

    def _static_html(self) -> str:
        items = "".join(
            f"<li><b>{html.escape(c.client)}</b>: {html.escape(c.story)}<details><summary>"
            f"Course's answer</summary>{html.escape(c.answer.capitalize())}. "
            f"{html.escape(c.why)}</details></li>" for c in self.cases)
        return (f"<p><b>Screening exercise.</b> For each client choose proceed, postpone or "
                f"refer.</p><ol>{items}</ol>")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        data = self.widget._repr_mimebundle_()
        data["text/plain"] = (f"Screening exercise: {len(self.cases)} fictional clients; "
                              f"first: {self.cases[0].client}")
        data["text/html"] = self._static_html()
        return data


@checked
def screening_exercise() -> ScreeningExercise:
    """Show the screening exercise, starting with the first client."""
    return ScreeningExercise()
