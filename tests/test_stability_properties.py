"""Properties of the stability concepts: the fast kernel against the slow reference, and invariants.

The reference (:mod:`standoff.stability._reference`) is written straight from the definitions of
the scenario format; the fast kernel must agree with it on every random conflict, for every
concept and every party. The reference itself is checked against the published cases and against
the inclusions the definitions imply (Fang, Hipel & Kilgour 1993).
"""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from tests.strategies import conflict_from_text, scenario_texts

from standoff.conflict import Conflict, build_conflict
from standoff.scenario import load
from standoff.stability import CONCEPTS, analyze
from standoff.stability._reference import (
    REFERENCE_CONCEPTS,
    reachable,
    reference_equilibria,
    reference_stability,
    unilateral_moves,
)

CASES = Path(__file__).resolve().parent / "cases"  # the published cases, copied as they are
CASE_NAMES = ("prisoners_dilemma", "chicken", "syria_iraq_1975", "elmira")


def _indices(mask: np.typing.NDArray[np.bool_]) -> frozenset[int]:
    return frozenset(int(i) for i in np.flatnonzero(mask))


# -- the fast kernel against the reference -------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(scenario_texts())
def test_fast_kernel_matches_reference(text: str) -> None:
    _assert_fast_matches_reference(conflict_from_text(text))


# In about one in five of these conflicts the legal-sequence rule changes GMR for some party (it
# almost never does in the general strategy above, where moves are mostly transitive).
@settings(max_examples=150, deadline=None)
@given(scenario_texts(chains=True))
def test_fast_kernel_matches_reference_with_chains_of_moves(text: str) -> None:
    _assert_fast_matches_reference(conflict_from_text(text))


def _assert_fast_matches_reference(conflict: Conflict) -> None:
    analysis = analyze(conflict)
    assert tuple(analysis.results) == CONCEPTS
    for concept in CONCEPTS:
        reference = reference_stability(conflict, concept)
        result = analysis.results[concept]
        assert set(result.stable) == set(reference)
        for party, stable in reference.items():
            assert _indices(result.stable[party]) == stable, (concept, party)
        assert _indices(result.equilibria) == reference_equilibria(conflict, concept), concept


def test_reference_knows_the_same_concepts() -> None:
    assert REFERENCE_CONCEPTS == CONCEPTS


# -- invariants of the reference -----------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(scenario_texts())
def test_reference_inclusions(text: str) -> None:
    conflict = conflict_from_text(text)
    result = {concept: reference_stability(conflict, concept) for concept in REFERENCE_CONCEPTS}
    for party in (mover.id for mover in conflict.movers):
        nash, gmr, smr = result["nash"][party], result["gmr"][party], result["smr"][party]
        seq, sim, seqsim = result["seq"][party], result["sim"][party], result["seqsim"][party]
        assert nash <= seq <= gmr
        assert nash <= smr <= gmr
        assert nash <= sim
        assert seq | sim == seqsim


# -- published cases -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [pytest.param(name, id=name) for name in CASE_NAMES])
def test_reference_reproduces_published_case(name: str) -> None:
    conflict = build_conflict(load(CASES / f"{name}.yaml"))
    expected = json.loads((CASES / f"{name}.expected.json").read_text())["stability"]
    for concept in REFERENCE_CONCEPTS:
        stable = reference_stability(conflict, concept)
        ids = {party: sorted(i + 1 for i in states) for party, states in stable.items()}
        assert ids == expected[concept]["stable"], concept
        equilibria = sorted(i + 1 for i in reference_equilibria(conflict, concept))
        assert equilibria == expected[concept]["equilibria"], concept


# -- the legal-sequence rule with three parties --------------------------------------------------

# Options a (A), b1 and b2 (B), c (C); codes: a = 1, b1 = 2, b2 = 4, c = 8. A cares most about B
# not taking b2, then about taking a, so from the status quo s = NNNN (nothing taken) A improves to
# s1 = YNNN (take a), and the only states A ranks no better than s are those with b2 taken.
# B may never take b2 while b1 is not taken (the forbidden move), so to sanction A, B must first
# take b1 (YYNN, which A still prefers to s) and then b2 (YYYN): two moves of B.
#
# - In LOCKED, C can never take c (c is irreversible once dropped, and it starts dropped), so C
#   never moves. B's two moves would have to follow each other, which a legal sequence forbids:
#   R_{B,C}(s1) = {YYNN}, the UI is unsanctioned and s is NOT GMR-stable for A. Were consecutive
#   moves of one party allowed, YYYN would be reachable and s would be GMR-stable.
# - In ALTERNATING, C can take c between B's moves: B, C, B reaches YYYY, which sanctions the UI,
#   so s IS GMR-stable for A (a party may move again once another has moved).
_LEGAL_SEQUENCE_SCENARIO = """\
standoff: 1
title: Legal sequences
parties:
  A:
    options:
      a: A acts
  B:
    options:
      b1: B prepares
      b2: B retaliates
  C:
    options:
      c: C acts
conflict:
{irreversible}  forbidden_moves:
  - party: B
    from: not b1
    to: b2
  states:
    s: not a and not b1 and not b2 and not c
  status_quo: s
  preferences:
    A:
    - not b2
    - a
    B:
    - b1
    C:
    - c
"""
LOCKED = _LEGAL_SEQUENCE_SCENARIO.format(irreversible="  irreversible:\n    c: once_dropped\n")
ALTERNATING = _LEGAL_SEQUENCE_SCENARIO.format(irreversible="")


def _reachable_with_repeats(conflict: Conflict, start: int, parties: list[str]) -> set[int]:
    """States reachable from ``start`` when one party may also move several times in a row."""
    moves = unilateral_moves(conflict)
    seen: set[int] = set()
    queue = deque([start])
    while queue:
        state = queue.popleft()
        for party in parties:
            for target in moves[party][state] - seen:
                seen.add(target)
                queue.append(target)
    return seen


@pytest.mark.parametrize(
    ("text", "stable"),
    [
        pytest.param(LOCKED, False, id="B-cannot-move-twice-in-a-row"),
        pytest.param(ALTERNATING, True, id="B-moves-again-after-C"),
    ],
)
def test_legal_sequence_rule_decides_gmr(text: str, stable: bool) -> None:
    conflict = conflict_from_text(text)
    index = {int(code): i for i, code in enumerate(conflict.codes)}
    s, s1 = conflict.status_quo, index[0b0001]
    assert s == index[0b0000]
    # the states A ranks no better than s that others can reach from s1: a and b2 taken
    sanctions = {index[code] for code in (0b0101, 0b0111, 0b1101, 0b1111)}
    others = {party: graph for party, graph in unilateral_moves(conflict).items() if party != "A"}
    legal = reachable(others, s1)
    # consecutive moves of B would reach a sanction in both cases
    assert _reachable_with_repeats(conflict, s1, ["B", "C"]) & sanctions
    # with the legal-sequence rule only the alternating case does
    assert bool(legal & sanctions) is stable
    assert (s in reference_stability(conflict, "gmr")["A"]) is stable
    assert bool(analyze(conflict, ["gmr"]).results["gmr"].stable["A"][s]) is stable
