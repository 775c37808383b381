"""Coalition analysis: the published Elmira finding, a reference check, and bad input."""

from __future__ import annotations

import itertools
import json
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from tests.strategies import conflict_from_text, scenario_texts
from typer.testing import CliRunner

from standoff import analyze, build_conflict, load, loads
from standoff.cli import app
from standoff.conflict import Conflict
from standoff.errors import AnalysisTooLargeError, ScenarioError
from standoff.stability import coalition_analysis
from standoff.stability._coalitions import coalition_stable
from standoff.stability._reference import (
    reachable,
    reference_coalition_improvements,
    unilateral_moves,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_elmira_moe_and_uniroyal_break_the_status_quo_side_equilibrium() -> None:
    """Kilgour, Hipel, Fang & Peng (2001); Inohara & Hipel (2008): in Elmira the equilibrium where
    Uniroyal keeps delaying and Local Government insists (published state 5, here 7: NYNNY) is
    unstable for the coalition of MoE and Uniroyal, which moves to the modified order accepted
    (published 8, here 10: YNYNY)."""
    conflict = build_conflict(load(EXAMPLES / "elmira.yaml"))
    analysis = analyze(conflict, ["nash", "gmr", "smr", "seq"])
    delayed, modified = conflict.find_state("NYNNY"), conflict.find_state("YNYNY")
    result = coalition_analysis(conflict, analysis, [["MoE", "Uniroyal"]])
    for concept in ("nash", "gmr", "smr", "seq"):
        assert analysis.results[concept].equilibria[delayed]
        assert not result.equilibria[concept][delayed]
        assert result.equilibria[concept][modified]
    breaks = {(b.coalition, b.concept, b.state): b.targets for b in result.breaks}
    assert breaks[("MoE", "Uniroyal"), "nash", delayed] == (modified,)
    searched = coalition_analysis(conflict, analysis, every_coalition=True)
    assert {b.coalition for b in searched.breaks} == {("MoE", "Uniroyal")}


def _reference_coalition_nash(
    conflict: Conflict, moves: dict[str, list[set[int]]], coalition: tuple[str, ...], s: int
) -> set[int]:
    reach = reachable({p: moves[p] for p in coalition}, s)
    return {t for t in reach if all(conflict.ranks[p][t] < conflict.ranks[p][s] for p in coalition)}


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(scenario_texts())
def test_coalition_improvements_match_the_definition(text: str) -> None:
    conflict = conflict_from_text(text)
    movers = [p.id for p in conflict.movers]
    moves = unilateral_moves(conflict)
    for size in range(2, len(movers) + 1):
        for coalition in itertools.combinations(movers, size):
            found = coalition_stable(conflict, coalition, "nash", range(conflict.state_count))
            for state, targets in found.items():
                expected = _reference_coalition_nash(conflict, moves, coalition, state)
                assert set(targets) == expected


def _check_every_coalition(conflict: Conflict) -> None:
    movers = [p.id for p in conflict.movers]
    everything = range(conflict.state_count)
    for size in range(1, len(movers) + 1):
        for coalition in itertools.combinations(movers, size):
            for concept in ("nash", "gmr", "smr", "seq"):
                found = coalition_stable(conflict, coalition, concept, everything)
                expected = reference_coalition_improvements(conflict, coalition, concept)
                assert {s: set(t) for s, t in found.items()} == expected, (coalition, concept)


@pytest.mark.parametrize("name", ["elmira.yaml", "prisoners_dilemma.yaml", "syria_iraq_1975.yaml"])
def test_coalition_sanctions_match_the_definition_on_the_examples(name: str) -> None:
    _check_every_coalition(build_conflict(load(EXAMPLES / name)))


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(scenario_texts())
def test_coalition_sanctions_match_the_definition(text: str) -> None:
    """Every coalition, every concept, every state: the unsanctioned coalitional improvements the
    bit-set kernel finds are those of the definition (``reference_coalition_improvements``)."""
    _check_every_coalition(conflict_from_text(text))


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(scenario_texts())
def test_single_party_coalitions_are_individual_stability(text: str) -> None:
    conflict = conflict_from_text(text)
    analysis = analyze(conflict, ["nash", "gmr", "smr", "seq"])
    for party in conflict.movers:
        for concept in ("nash", "gmr", "smr", "seq"):
            found = coalition_stable(conflict, (party.id,), concept, range(conflict.state_count))
            stable = np.array([not found[s] for s in range(conflict.state_count)])
            assert np.array_equal(stable, analysis.results[concept].stable[party.id])


def test_declared_coalitions_appear_in_json(tmp_path: Path) -> None:
    text = (
        (EXAMPLES / "elmira.yaml")
        .read_text()
        .replace("conflict:\n", "conflict:\n  coalitions:\n  - [MoE, Uniroyal]\n", 1)
    )
    path = tmp_path / "elmira.yaml"
    path.write_text(text)
    result = CliRunner().invoke(app, ["analyze", str(path), "-f", "json", "--concepts", "nash"])
    assert result.exit_code == 0, result.output
    coalitions = json.loads(result.stdout)["coalitions"]
    assert coalitions == {
        "partition": [["MoE", "Uniroyal"], ["LG"]],
        "searched": "declared",
        "equilibria": {"nash": [5, 6, 10, 11, 12]},
        "breaks": [{"coalition": ["MoE", "Uniroyal"], "concept": "nash", "state": 7, "to": [10]}],
    }


OVERLAP = "(coalitions must not overlap)"
BASE = """\
standoff: 1
title: T
parties:
  A: {options: {a: A}}
  B: {options: {b: B}}
  C: {}
conflict:
  coalitions: COALITIONS
  preferences: {A: [a], B: [b]}
"""


@pytest.mark.parametrize(
    ("coalitions", "errors"),
    [
        pytest.param(
            "[[A, B], [B]]",
            [(8, 25, f"party 'B' is already in the coalition at line 8 {OVERLAP}")],
            id="not-a-partition",
        ),
        pytest.param("[[A, D]]", [(8, 20, "'D' is not a party (expected one of 'A', 'B', 'C')")],
                     id="unknown-party"),
        pytest.param("[[A, C]]", [(8, 20, "party 'C' has no options, so it cannot move")],
                     id="party-without-options"),
        pytest.param("[[]]", [(8, 16, "a coalition must list at least one party")], id="empty"),
        pytest.param("[A, B]", [
            (8, 16, "each coalition (a list of parties) must be a list, found 'A'"),
            (8, 19, "each coalition (a list of parties) must be a list, found 'B'"),
        ], id="not-lists"),
    ],
)  # fmt: skip
def test_bad_coalitions_are_reported(coalitions: str, errors: list[tuple[int, int, str]]) -> None:
    with pytest.raises(ScenarioError) as caught:
        loads(BASE.replace("COALITIONS", coalitions), "f.yaml")
    found = [(d.location.line, d.location.column, d.message) for d in caught.value.diagnostics]
    assert found == errors


def test_large_conflicts_are_refused_up_front(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("standoff.stability._coalitions.MAX_COALITION_STATES", 3)
    conflict = build_conflict(load(EXAMPLES / "chicken.yaml"))
    with pytest.raises(AnalysisTooLargeError, match="4 states, beyond the limit of 3"):
        coalition_analysis(conflict, analyze(conflict, ["nash"]), every_coalition=True)
    text = textwrap.dedent(BASE).replace("COALITIONS", "[[A, B]]")
    conflict = build_conflict(loads(text))
    assert conflict.coalitions == (("A", "B"),)
