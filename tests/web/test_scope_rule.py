"""One scope rule: the wizard shows a step exactly where the answers parser needs its answers.

Both read ``questionnaire.scoring.vocabulary``; this walks every role, placement and upstream
answer and checks that what the parser requires is always asked, and that nothing the parser
ignores is asked of a party it cannot concern.
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from questionnaire.scoring import AnswersError, load, parse_answers
from questionnaire.scoring.vocabulary import Placement, Role
from questionnaire.wizard.answers import step_of
from questionnaire.wizard.steps import CONDITIONS


def shown_steps(role: str, placement: str, upstream: bool) -> set[str]:
    data = {
        "model": {"model-role": role},
        "market": {"market-placement": placement},
        "upstream": {"upstream-upstream_excluded_eu": "yes" if upstream else "no"},
    }
    wizard = SimpleNamespace(storage=SimpleNamespace(get_step_data=data.get))
    always = {"model", "market", "review"}
    return always | {step for step, applies in CONDITIONS.items() if applies(wizard)}


def required_steps(role: str, placement: str, upstream: bool) -> set[str]:
    """The steps of every key the parser reports missing for a document with only these."""
    document = {"schema": 1, "role": role, "placement": placement}
    if role == Role.INTEGRATOR:
        document["upstream_excluded_eu"] = upstream
    try:
        parse_answers(document, load())
    except AnswersError as error:
        return {step_of(problem.path) for problem in error.problems}
    return set()


COMBINATIONS = list(itertools.product(Role, Placement, (False, True)))


@pytest.mark.parametrize(("role", "placement", "upstream"), COMBINATIONS)
def test_every_answer_the_parser_requires_is_asked(role, placement, upstream):
    assert required_steps(role, placement, upstream) <= shown_steps(role, placement, upstream)


def test_out_of_scope_parties_are_asked_nothing_more():
    assert shown_steps(Role.DEVELOPER, Placement.RESEARCH_ONLY, False) == {
        "model",
        "market",
        "review",
    }
    assert shown_steps(Role.INTEGRATOR, Placement.PLACED, False) == {
        "model",
        "upstream",
        "market",
        "review",
    }


def test_a_modifier_is_asked_about_the_modification_not_the_capabilities():
    steps = shown_steps(Role.MODIFIER, Placement.PLACED, False)
    assert {"modification", "compute", "release", "reach"} <= steps
    assert "capabilities" not in steps


def test_an_integrator_whose_upstream_excluded_the_union_is_asked_like_a_developer():
    assert shown_steps(Role.INTEGRATOR, Placement.PLACED, True) - {"upstream"} == shown_steps(
        Role.DEVELOPER, Placement.PLACED, False
    )
