"""Self-check questions with feedback in words.

A question shows as radio buttons, a "Check answer" button and a feedback line.
Feedback is text with a symbol (never colour alone). Without a kernel (GitHub, an
HTML export) the same question shows as plain HTML with the answer folded away.
"""

from __future__ import annotations

import ast
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from skinlab.course import progress

__all__ = [
    "AnswerCheck", "Option", "Quiz", "quiz_parts",
]

NOT_SAVED = "Answers on this page are not saved (lecture mode)."

LETTERS = "abcdefghij"


@dataclass(frozen=True)
class Option:
    """One answer option and the feedback a student gets for choosing it."""

    text: str
    correct: bool = False
    why: str = ""

    def __post_init__(self) -> None:
        for name, kind in (("text", str), ("correct", bool), ("why", str)):
            value = getattr(self, name)
            if not isinstance(value, kind):
                raise TypeError(f"{name} must be a {kind.__name__}, not "
                                f"{type(value).__name__}")
        if not self.text.strip():
            raise ValueError("text must say what the option is; got an empty string")


class Quiz:
    """A multiple-choice self-check.

    Parameters
    ----------
    question : str
        The question, one or two sentences.
    options : sequence of Option
        Two to ten options; at least one must be correct.
    """

    def __init__(self, question: str, options: Sequence[Option]) -> None:
        if not isinstance(question, str):
            raise TypeError(f"question must be a str, not {type(question).__name__}")
        if not question.strip():
            raise ValueError("a quiz needs a question")
        if isinstance(options, str) or not isinstance(options, Sequence) or not all(
                isinstance(o, Option) for o in options):
            raise TypeError("options must be a sequence of Option")
        if not 2 <= len(options) <= len(LETTERS):
            raise ValueError(f"a quiz needs 2 to {len(LETTERS)} options, got {len(options)}")
        if not any(o.correct for o in options):
            raise ValueError("a quiz needs at least one correct option")
        if any(not o.text.strip() for o in options):
            raise ValueError("every option needs text")
        self.question = question
        self.options = list(options)
        self.choices = widgets.RadioButtons(
            options=[(f"{LETTERS[i]}) {o.text}", i) for i, o in enumerate(self.options)],
            value=None,
            description="Your answer",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.button = widgets.Button(description="Check answer", icon="check",
                                     tooltip="Check the answer you chose")
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _button: self.check(self.choices.value))
        prompt = widgets.HTML(f"<p style='font-size:1.1em'><b>Self-check.</b> "
                              f"{html.escape(question)}</p>")
        parts: list[widgets.Widget] = [prompt, self.choices, self.button, self.feedback]
        if not progress.enabled():
            parts.append(widgets.HTML(f"<p><small>{NOT_SAVED}</small></p>"))
        self.widget = widgets.VBox(parts)
        # A run of the notebook shows the student's last saved answer, with its feedback.
        last = progress.last_answer(question)
        if last is not None and 0 <= last[0] < len(self.options):
            self.choices.value = last[0]
            self._show(f"Your last answer, saved: {self._verdict(last[0])}")

    def check(self, index: int | None) -> str:
        """Mark option ``index`` (or nothing chosen, ``None``); show and return the feedback."""
        if index is None:
            text = "Choose one of the answers first, then press “Check answer”."
        elif not 0 <= index < len(self.options):
            raise ValueError(f"option index must be 0 to {len(self.options) - 1}, got {index}")
        else:
            text = self._verdict(index)
            progress.record_answer(self.question, index, self.options[index].correct)
        self._show(text)
        return text

    def _verdict(self, index: int) -> str:
        option = self.options[index]
        verdict = "✓ Correct." if option.correct else "✗ Not quite."
        text = f"{verdict} {option.why}".strip()
        return text + ("" if option.correct else " Have another go.")

    def _show(self, text: str) -> None:
        self.feedback.value = f'<div role="status" aria-live="polite">{html.escape(text)}</div>'

    def answer_text(self) -> str:
        """The correct option(s) with their explanations, as plain text."""
        return " ".join(
            f"{LETTERS[i]}) {o.text}: {o.why}".strip() for i, o in enumerate(self.options)
            if o.correct
        )

    def _static_html(self) -> str:
        items = "".join(f"<li>{LETTERS[i]}) {html.escape(o.text)}</li>"
                        for i, o in enumerate(self.options))
        return (f"<p><b>Self-check.</b> {html.escape(self.question)}</p>"
                f"<ul style='list-style:none'>{items}</ul>"
                f"<details><summary>Show the answer</summary><p>"
                f"{html.escape(self.answer_text())}</p></details>"
                "<p><small>This copy keeps no answers; run the notebook to check and save "
                "yours.</small></p>")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        data = self.widget._repr_mimebundle_()
        options = "  ".join(f"{LETTERS[i]}) {o.text}" for i, o in enumerate(self.options))
        data["text/plain"] = f"Self-check: {self.question}  {options}"
        data["text/html"] = self._static_html()
        return data


class AnswerCheck:
    """An exercise answered without code: labelled answer boxes, a "Check answer" button
    and feedback in words, from the same checker as the exercise's Python version.

    Parameters
    ----------
    question : str
        What to work out, in a sentence.
    fields : sequence of ipywidgets widgets
        The answer boxes (a ``Text`` for a number, a ``Dropdown`` for a choice), each with
        its description.
    check : callable
        Called with the fields' values, in order; returns the feedback text. It must
        accept anything a learner can type and answer in words, never raise.
    exercise : str
        The name the exercise's result is saved under (the same as its Python version's),
        or empty for no saving.
    """

    def __init__(self, question: str, fields: Sequence[widgets.Widget],
                 check: Callable[..., str], *, exercise: str = "") -> None:
        if not isinstance(question, str) or not question.strip():
            raise ValueError("question must be a sentence, not empty")
        if not fields or not all(isinstance(f, widgets.ValueWidget) for f in fields):
            raise TypeError("fields must be a non-empty sequence of ipywidgets value widgets")
        if not callable(check):
            raise TypeError("check must be a function of the fields' values")
        self.question = question
        self.fields = list(fields)
        self._check = check
        self.exercise = exercise
        self.button = widgets.Button(description="Check answer", icon="check",
                                     tooltip="Check the answer you entered")
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _button: self.check())
        prompt = widgets.HTML(f"<p style='font-size:1.1em'><b>Without code.</b> "
                              f"{html.escape(question)}</p>")
        self.widget = widgets.VBox([prompt, *self.fields, self.button, self.feedback])

    def check(self, *values: Any) -> str:
        """Mark ``values`` (by default what the boxes hold); show and return the feedback."""
        text = self._check(*(values or [f.value for f in self.fields]))
        if self.exercise and text.startswith(("✓", "✗")):
            progress.record_exercise(self.exercise, text.startswith("✓"))
        self.feedback.value = f'<div role="status" aria-live="polite">{html.escape(text)}</div>'
        return text

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        data = self.widget._repr_mimebundle_()
        data["text/plain"] = f"Without code: {self.question}"
        data["text/html"] = (f"<p><b>Without code.</b> {html.escape(self.question)} "
                             "(Run the notebook to enter and check an answer.)</p>")
        return data


def quiz_parts(source: str) -> tuple[str, list[Option]]:
    """The question and options of a self-check cell (``Quiz("…", [Option(…), …])``),
    read from its source without running it.

    Raises
    ------
    ValueError
        If ``source`` is not a single ``Quiz(...)`` call with literal arguments.
    """
    if not isinstance(source, str):
        raise TypeError(f"source must be a cell's text, got {type(source).__name__}")
    try:
        call = ast.parse(source.strip(), mode="eval").body
        if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Quiz"):
            raise ValueError
        question = ast.literal_eval(call.args[0])
        options = [Option(*[ast.literal_eval(a) for a in node.args],
                          **{k.arg: ast.literal_eval(k.value) for k in node.keywords})
                   for node in call.args[1].elts]
    except (SyntaxError, ValueError, IndexError, AttributeError, TypeError):
        raise ValueError(f"source must be a self-check cell, Quiz(question, [Option(...)]), "
                         f"got {source.strip()[:60]!r}") from None
    return question, options
