"""Legal-sequence search against breadth-first search written from the definitions."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from tests.strategies import conflict_from_text, scenario_texts

from standoff.conflict import Conflict, Step, search
from standoff.stability._reference import reachable, unilateral_moves

Graphs = dict[str, list[set[int]]]


def _assert_legal(path: tuple[Step, ...], graphs: Graphs, start: int, end: int) -> None:
    assert path[0].source == start
    assert path[-1].target == end
    for before, after in pairwise(path):
        assert before.party != after.party  # nobody moves twice in succession
        assert before.target == after.source
    for step in path:
        assert step.target in graphs[step.party][step.source]


def _check(conflict: Conflict) -> None:
    movers = [party.id for party in conflict.movers]
    moves = unilateral_moves(conflict)
    for improving in (False, True):
        graphs = {
            party: [
                {t for t in moves[party][s] if not improving or ranks[t] < ranks[s]}
                for s in range(conflict.state_count)
            ]
            for party, ranks in ((p, conflict.ranks[p]) for p in movers)
        }
        for group in [movers] + [[m for m in movers if m != x] for x in movers]:
            if not group:
                continue
            sub = {party: graphs[party] for party in group}
            reach = [reachable(sub, x) for x in range(conflict.state_count)]
            for start in range(conflict.state_count):
                forward = search(conflict, group, [start], improving=improving)
                reached = set(np.flatnonzero((forward.depth >= 1).any(axis=0)).tolist())
                assert reached == reach[start]
                for state in reached - {start}:
                    _assert_legal(forward.path(state), sub, start, state)
                backward = search(conflict, group, [start], improving=improving, backward=True)
                reaching = set(np.flatnonzero((backward.depth >= 1).any(axis=0)).tolist())
                assert reaching == {x for x in range(conflict.state_count) if start in reach[x]}
                for state in reaching - {start}:
                    _assert_legal(backward.path(state), sub, state, start)


@pytest.mark.slow
@settings(max_examples=12, deadline=None)
@given(scenario_texts())
def test_search_matches_the_definitions(text: str) -> None:
    _check(conflict_from_text(text))


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(scenario_texts(chains=True))
def test_search_matches_the_definitions_with_chains_of_moves(text: str) -> None:
    _check(conflict_from_text(text))
