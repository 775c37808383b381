"""The move rule on one pair of states, against a reference written from the definition.

Scenario format, "Moves": party P moves from s to t when s ≠ t, they differ only in P's options,
no irreversible option changes in its forbidden direction (``once_taken``: Y → N;
``once_dropped``: N → Y), and no ``forbidden_moves`` rule of P has ``from`` true at s and ``to``
true at t.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from tests.strategies import conflict_from_text, scenario_texts

from standoff.conflict import Conflict, build_conflict, is_unilateral_move, party_moves
from standoff.scenario import load, loads

ROOT = Path(__file__).resolve().parents[1]


def reference_moves(conflict: Conflict, party: str) -> set[tuple[int, int]]:
    """The definition, option by option, read from the scenario rather than from bit masks:
    every (source, target) pair of state indices ``party`` can move between."""
    spec = conflict.scenario.conflict
    assert spec is not None
    patterns = [conflict.pattern(s) for s in range(conflict.state_count)]
    rules = [rule for rule in conflict.forbidden if rule.party == party]

    def legal(source: int, target: int) -> bool:
        if source == target:
            return False
        for option in conflict.scenario.options:
            was, now = patterns[source][option.index], patterns[target][option.index]
            if was == now:
                continue
            if option.party != party:
                return False  # another party's option changes too
            direction = spec.irreversible.get(option.id)
            if direction == "once_taken" and was == "Y":
                return False
            if direction == "once_dropped" and was == "N":
                return False
        return not any(rule.source[source] and rule.target[target] for rule in rules)

    states = range(conflict.state_count)
    return {(s, t) for s in states for t in states if legal(s, t)}


def check(conflict: Conflict) -> None:
    """Every party and ordered pair of states: the rule equals the reference, and for a party
    with options it equals the engine's explicit move lists."""
    states = range(conflict.state_count)
    movers = {party.id for party in conflict.movers}
    for party in conflict.scenario.parties:
        found = {
            (s, t) for s in states for t in states if is_unilateral_move(conflict, party.id, s, t)
        }
        assert found == reference_moves(conflict, party.id), party.id
        if party.id not in movers:
            assert not found  # a party without options never moves
            continue
        lists = party_moves(conflict, party.id).explicit
        engine = {
            (s, int(t))
            for s in states
            for t in lists.targets[lists.indptr[s] : lists.indptr[s + 1]].tolist()
        }
        assert found == engine, party.id


@settings(max_examples=30, deadline=None)
@given(scenario_texts())
def test_the_rule_matches_the_definition(text: str) -> None:
    check(conflict_from_text(text))


@settings(max_examples=12, deadline=None)
@given(scenario_texts(chains=True))
def test_the_rule_matches_the_definition_with_forbidden_moves(text: str) -> None:
    check(conflict_from_text(text))


@settings(max_examples=30, deadline=None)
@given(scenario_texts())
def test_lists_built_a_few_states_at_a_time_are_the_same(text: str) -> None:
    """The explicit lists are built a chunk of candidate moves at a time (issue 13: the whole
    list at once needed some 57 bytes per candidate); chunks of three candidates, cutting through
    the blocks, give the same lists."""
    import standoff.conflict._moves as moves

    whole = conflict_from_text(text)
    expected = {party.id: party_moves(whole, party.id).explicit for party in whole.movers}
    chunked = conflict_from_text(text)
    saved = moves._CHUNK
    moves._CHUNK = 3
    try:
        for party, lists in expected.items():
            found = party_moves(chunked, party).explicit
            assert found.indptr.tolist() == lists.indptr.tolist()
            assert found.targets.tolist() == lists.targets.tolist()
    finally:
        moves._CHUNK = saved
    check(chunked)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (ROOT / "examples").glob("*.yaml") if load(p).conflict)
)
def test_the_rule_matches_the_definition_on_the_examples(name: str) -> None:
    check(build_conflict(load(ROOT / "examples" / name)))


# Elmira: MoE controls modify (once taken); Uniroyal delay (once dropped), accept and abandon
# (once taken), exactly one of the three; LG insist (reversible).
ELMIRA = [
    pytest.param("Uniroyal", "NYNNN", "NNNYN", True, id="uniroyal-abandons"),
    pytest.param("Uniroyal", "NNNYN", "NYNNN", False, id="abandon-is-once-taken"),
    pytest.param("Uniroyal", "NYNNN", "NNYNN", True, id="uniroyal-stops-delaying"),
    pytest.param("Uniroyal", "NNYNN", "NYNNN", False, id="delay-is-once-dropped"),
    pytest.param("MoE", "NYNNN", "YYNNN", True, id="moe-modifies"),
    pytest.param("MoE", "YYNNN", "NYNNN", False, id="modify-is-once-taken"),
    pytest.param("LG", "NYNNN", "NYNNY", True, id="lg-insists"),
    pytest.param("LG", "NYNNY", "NYNNN", True, id="insist-is-reversible"),
    pytest.param("MoE", "NYNNN", "NNNYN", False, id="not-its-options"),
    pytest.param("LG", "NYNNN", "YYNNY", False, id="two-parties-at-once"),
    pytest.param("LG", "NYNNN", "NYNNN", False, id="staying-is-no-move"),
]


@pytest.mark.parametrize(("party", "source", "target", "legal"), ELMIRA)
def test_elmira_moves(party: str, source: str, target: str, legal: bool) -> None:
    conflict = build_conflict(load(ROOT / "examples" / "elmira.yaml"))
    first, second = conflict.find_state(source), conflict.find_state(target)
    assert is_unilateral_move(conflict, party, first, second) is legal


FORBIDDEN = """
standoff: 1
title: Forbidden
parties:
  A: {options: {a0: a0, a1: a1}}
  B: {options: {b0: b0}}
conflict:
  forbidden_moves:
  - party: A
    from: not a0
    to: a1
  preferences:
    A: [a0, a1]
    B: [b0]
"""


@pytest.mark.parametrize(
    ("party", "source", "target", "legal"),
    [
        pytest.param("A", "NNN", "NYN", False, id="forbidden-rule"),
        pytest.param("A", "NNN", "YYN", False, id="forbidden-rule-several-options"),
        pytest.param("A", "YNN", "YYN", True, id="rule-not-matching-from"),
        pytest.param("A", "NYN", "NNN", True, id="rule-not-matching-to"),
        pytest.param("B", "NNN", "NNY", True, id="rule-binds-its-party-only"),
    ],
)
def test_forbidden_moves(party: str, source: str, target: str, legal: bool) -> None:
    conflict = build_conflict(loads(FORBIDDEN, "forbidden.yaml"))
    first, second = conflict.find_state(source), conflict.find_state(target)
    assert is_unilateral_move(conflict, party, first, second) is legal


def test_an_unknown_party_is_a_key_error() -> None:
    conflict = build_conflict(load(ROOT / "examples" / "chicken.yaml"))
    with pytest.raises(KeyError, match="Nobody"):
        is_unilateral_move(conflict, "Nobody", 0, 1)
