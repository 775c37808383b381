"""Explanations: they agree with the kernel, their sanctions are real, and the command works."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from tests.strategies import conflict_from_text, scenario_texts
from typer.testing import CliRunner

from standoff import analyze, build_conflict, load
from standoff.cli import app
from standoff.conflict import party_moves
from standoff.stability import CONCEPTS, explain

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(scenario_texts())
def test_explanations_agree_with_the_kernel_and_their_sanctions_hold(text: str) -> None:
    conflict = conflict_from_text(text)
    analysis = analyze(conflict)
    for concept in CONCEPTS:
        for party in conflict.movers:
            ranks = conflict.ranks[party.id]
            for state in range(conflict.state_count):
                explanation = explain(conflict, party.id, state, concept)
                assert explanation.stable == analysis.results[concept].stable[party.id][state]
                for item in explanation.improvements:
                    assert ranks[item.target] < ranks[state]  # a real improvement
                    if item.sanctioned_state is None or item.sanction is None:
                        continue
                    assert ranks[item.sanctioned_state] >= ranks[state]  # i is not better off
                    steps = item.sanction
                    assert all(step.party != party.id for step in steps)
                    if explanation.basis != "sim":
                        assert steps[0].source == item.target
                        assert steps[-1].target == item.sanctioned_state
                        for before, after in pairwise(steps):
                            assert before.party != after.party
                        for step in steps:
                            moves = party_moves(conflict, step.party).explicit
                            own = moves.targets[
                                moves.indptr[step.source] : moves.indptr[step.source + 1]
                            ]
                            assert step.target in own


def test_prisoners_dilemma_cooperation_is_deterred_by_defection() -> None:
    conflict = build_conflict(load(EXAMPLES / "prisoners_dilemma.yaml"))
    explanation = explain(conflict, "Ann", 0, "seq")
    assert explanation.stable
    (item,) = explanation.improvements
    assert item.target == 1  # Ann defects ...
    assert item.sanctioned_state == 3  # ... Bob answers by defecting too
    assert not explain(conflict, "Ann", 0, "nash").stable


def test_explain_command_in_words() -> None:
    result = CliRunner().invoke(
        app,
        [
            "explain", str(EXAMPLES / "prisoners_dilemma.yaml"),
            "--party", "Ann", "--state", "both_cooperate", "--concept", "nash,seq",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2:] == [
        "1. Why state 1 both_cooperate is or is not stable for Ann",
        "State 1 both_cooperate is at rank 2 of 4 for Ann (rank 1: Ann's favourite). It is stable "
        "for Ann under SEQ, not under ",
        "Nash.",
        "1 both_cooperate is not stable for Ann under Nash",
        "• Improvement: Ann takes up defection, to 2 (Ann defection), rank 1 of 4 for Ann.",
        "1 both_cooperate is stable for Ann under SEQ",
        "• Improvement: Ann takes up defection, to 2 (Ann defection), rank 1 of 4 for Ann. "
        "Sanction: Bob takes up defection → ",
        "ends at 4 (Ann defection + Bob defection), rank 3 of 4 for Ann.",
    ]


def test_explain_command_as_json() -> None:
    result = CliRunner().invoke(
        app,
        [
            "explain", str(EXAMPLES / "chicken.yaml"), "--party", "Bob", "--state", "1",
            "--concept", "sim", "--format", "json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "party": "Bob", "state": 1, "concept": "sim", "basis": "sim", "stable": True,
            "improvements": [{"to": 3, "sanctioned": True, "sanction": {
                "path": [{"party": "Ann", "from": 1, "to": 2,
                          "description": "Ann: Ann drives straight"}],
                "ends_at": 4,
            }}],
        }
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(["--party", "Bobb", "--state", "1"], "(did you mean 'Bob'?)", id="party"),
        pytest.param(["--party", "Bob", "--state", "crsh"], "(did you mean 'crash'?)", id="state"),
        pytest.param(
            ["--party", "Bob", "--state", "1", "--concept", "seqq"], "(did you mean 'seq'?)",
            id="concept",
        ),
    ],
)  # fmt: skip
def test_explain_rejects_unknown_names(arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["explain", str(EXAMPLES / "chicken.yaml"), *arguments])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
