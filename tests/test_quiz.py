"""Self-check questions: feedback in words, validation, and a static fallback."""

from __future__ import annotations

import pytest

from skinlab.course.quiz import Option, Quiz


def make_quiz() -> Quiz:
    return Quiz("Which layer has no blood vessels?", [
        Option("The dermis", why="The dermis carries the capillary loops."),
        Option("The epidermis", correct=True, why="It is fed by diffusion from below."),
    ])


def test_right_answer_says_correct_in_words():
    quiz = make_quiz()
    text = quiz.check(1)
    assert text.startswith("✓ Correct.")
    assert "diffusion" in quiz.feedback.value


def test_wrong_answer_explains_and_invites_a_retry():
    text = make_quiz().check(0)
    assert text.startswith("✗ Not quite.") and "capillary" in text and "another go" in text


def test_checking_with_nothing_chosen_asks_for_a_choice():
    assert "Choose" in make_quiz().check(None)


def test_button_marks_the_chosen_option():
    quiz = make_quiz()
    quiz.choices.value = 1
    quiz.button.click()
    assert "Correct" in quiz.feedback.value


def test_feedback_is_announced_to_screen_readers():
    quiz = make_quiz()
    quiz.check(0)
    assert 'role="status"' in quiz.feedback.value


@pytest.mark.parametrize("options, message", [
    ([Option("a", correct=True)], "2 to"),
    ([Option("a"), Option("b")], "correct"),
])
def test_bad_quizzes_are_rejected(options, message):
    with pytest.raises(ValueError, match=message):
        Quiz("Q?", options)


def test_an_option_without_text_is_refused_where_it_is_made():
    with pytest.raises(ValueError, match="text must say"):
        Option(" ")
    with pytest.raises(TypeError, match="correct must be a bool"):
        Option("a", correct="yes")  # type: ignore[arg-type]


def test_out_of_range_option_is_rejected():
    with pytest.raises(ValueError, match="0 to 1"):
        make_quiz().check(5)


def test_static_fallback_shows_question_options_and_folded_answer():
    data = make_quiz()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "Which layer" in data["text/plain"] and "b) The epidermis" in data["text/plain"]
    assert "<details>" in data["text/html"] and "diffusion" in data["text/html"]
