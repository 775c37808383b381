"""A slow reference implementation of the six stability concepts, for tests only.

Written straight from the definitions of the scenario format ("Moves", "Stability"), with plain
Python sets and loops and nothing shared with the fast kernel, so that the two can be compared on
random conflicts. It is quadratic or worse in the number of states; use it on small conflicts.

Definitions (Fang, Hipel & Kilgour 1993; Xu, Hipel, Kilgour & Fang 2018):

- Party P *moves* from s to t when s ≠ t, both are feasible, they differ only in P's options, no
  irreversible option changes in its forbidden direction (``once_taken``: Y → N;
  ``once_dropped``: N → Y) and no ``forbidden_moves`` rule of P has ``from`` true at s and ``to``
  true at t. A *unilateral improvement* (UI) is a move to a state P strictly prefers (lower rank).
- R_H(s) is the set of states reachable from s by one or more moves of members of H in which no
  party moves twice in succession; R⁺_H(s) is the same with every move a UI of its mover.
- ``x ⪯ᵢ s`` (i does not strictly prefer x to s) means ``rank_i(x) >= rank_i(s)``.
  N is the set of parties with options and "others" is N ∖ {i}.

State s is stable for party i under

- **Nash**: i has no UI from s;
- **GMR**: every UI s₁ of i from s has some s₂ ∈ R_others(s₁) with s₂ ⪯ᵢ s;
- **SMR**: as GMR, with an s₂ such that every move s₃ of i from s₂ also has s₃ ⪯ᵢ s;
- **SEQ**: as GMR, with s₂ ∈ R⁺_others(s₁);
- **SIM**: for every UI s₁ of i from s, some choice for each other party j of no move or one UI of j
  from s, with at least one j moving, makes the state x that applies i's changes and all chosen
  changes to s at once feasible, with x ⪯ᵢ s;
- **SEQ+SIM**: SEQ or SIM.

A state is an equilibrium when it is stable for every party in N.

For a coalition C (see :mod:`standoff.stability._coalitions`), a *coalitional improvement* (CI)
from s is a state t ∈ R_C(s) that every member strictly prefers to s. A CI t is *sanctioned*
under GMR when some u ∈ R_{N∖C}(t) is not strictly preferred to s by some member; under SEQ, the
same with u ∈ R⁺_{N∖C}(t); under SMR, as GMR, with an u from which no state of R_C(u) is strictly
preferred to s by every member. Under Nash no CI is sanctioned.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from itertools import product

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict

__all__ = [
    "REFERENCE_CONCEPTS",
    "reachable",
    "reference_coalition_improvements",
    "reference_equilibria",
    "reference_stability",
    "unilateral_moves",
]

REFERENCE_CONCEPTS = ("nash", "gmr", "smr", "seq", "sim", "seqsim")
"""The concepts :func:`reference_stability` knows, by name."""

Graph = dict[str, list[set[int]]]
"""Party id -> state index -> the indices of the states the party can move to."""


def reference_stability(conflict: Conflict, concept: str) -> dict[str, frozenset[int]]:
    """The states stable for each party with options under ``concept``, computed by brute force.

    Parameters
    ----------
    conflict
        The conflict to analyse (small: the cost grows fast with the number of states).
    concept
        One of ``"nash"``, ``"gmr"``, ``"smr"``, ``"seq"``, ``"sim"``, ``"seqsim"``.

    Returns
    -------
    dict[str, frozenset[int]]
        Party id -> indices (0-based) of the states stable for that party, for every mover.

    Raises
    ------
    ValueError
        When ``concept`` is not one of the six names.

    Examples
    --------
    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> sorted(reference_stability(conflict, "nash")["Ann"])
    [1, 3]
    """
    if concept not in REFERENCE_CONCEPTS:
        raise ValueError(f"unknown concept {concept!r}; expected one of {REFERENCE_CONCEPTS}")
    moves = unilateral_moves(conflict)
    improvements = {
        party: [
            {t for t in targets if _prefers(conflict.ranks[party], t, s)}
            for s, targets in enumerate(states)
        ]
        for party, states in moves.items()
    }
    stable: dict[str, frozenset[int]] = {}
    for party in moves:
        stable[party] = frozenset(
            s
            for s in range(conflict.state_count)
            if _stable(conflict, concept, party, s, moves, improvements)
        )
    return stable


def reference_equilibria(conflict: Conflict, concept: str) -> frozenset[int]:
    """The indices of the states stable for every party with options under ``concept``.

    Examples
    --------
    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> sorted(reference_equilibria(conflict, "nash"))
    [3]
    """
    everything = frozenset(range(conflict.state_count))
    return everything.intersection(*reference_stability(conflict, concept).values())


def unilateral_moves(conflict: Conflict) -> Graph:
    """Every party's unilateral moves, by checking each ordered pair of states (see "Moves")."""
    codes = [int(code) for code in conflict.codes]
    moves: Graph = {}
    for party in conflict.movers:
        mask = conflict.party_mask(party.id)
        rules = [rule for rule in conflict.forbidden if rule.party == party.id]
        moves[party.id] = [
            {
                t
                for t, target in enumerate(codes)
                if t != s
                and source & ~mask == target & ~mask
                and not source & ~target & conflict.once_taken  # an option taken, then dropped
                and not ~source & target & conflict.once_dropped  # an option dropped, then taken
                and not any(rule.source[s] and rule.target[t] for rule in rules)
            }
            for s, source in enumerate(codes)
        ]
    return moves


def reachable(graphs: Mapping[str, list[set[int]]], start: int) -> set[int]:
    """States reachable from ``start`` by one or more moves, no party moving twice in succession.

    ``graphs`` gives the moves of each party of the coalition H (all moves for R_H, only the
    unilateral improvements for R⁺_H). The search runs over (state, last mover) pairs.
    """
    first: tuple[int, str | None] = (start, None)
    seen = {first}
    queue = deque([first])
    while queue:
        state, last = queue.popleft()
        for party, graph in graphs.items():
            if party == last:
                continue
            for target in graph[state]:
                node = (target, party)
                if node not in seen:
                    seen.add(node)
                    queue.append(node)
    return {state for state, last in seen if last is not None}


def reference_coalition_improvements(
    conflict: Conflict, coalition: tuple[str, ...], concept: str
) -> dict[int, frozenset[int]]:
    """State -> the unsanctioned coalitional improvements of ``coalition`` from it under
    ``concept`` (``"nash"``, ``"gmr"``, ``"smr"`` or ``"seq"``), by brute force.

    Examples
    --------
    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> sorted(reference_coalition_improvements(conflict, ("Ann", "Bob"), "nash")[3])
    [0]
    """
    moves = unilateral_moves(conflict)
    members = {party: moves[party] for party in coalition}
    others = {party: graph for party, graph in moves.items() if party not in coalition}
    improving = {
        party: [
            {t for t in graph[x] if _prefers(conflict.ranks[party], t, x)}
            for x in range(len(graph))
        ]
        for party, graph in others.items()
    }
    inside = [reachable(members, x) for x in range(conflict.state_count)]
    outside = [
        reachable(improving if concept == "seq" else others, x) for x in range(conflict.state_count)
    ]
    found: dict[int, frozenset[int]] = {}
    for s in range(conflict.state_count):

        def all_better(x: int, s: int = s) -> bool:
            return all(_prefers(conflict.ranks[member], x, s) for member in coalition)

        open_targets = set()
        for t in (t for t in inside[s] if all_better(t)):
            sanctions = [u for u in outside[t] if not all_better(u)]
            if concept == "smr":
                sanctions = [u for u in sanctions if not any(all_better(v) for v in inside[u])]
            if concept == "nash" or not sanctions:
                open_targets.add(t)
        found[s] = frozenset(open_targets)
    return found


def _prefers(ranks: NDArray[np.int64], x: int, s: int) -> bool:
    """True when the party with ``ranks`` strictly prefers state ``x`` to state ``s``."""
    return int(ranks[x]) < int(ranks[s])


def _stable(
    conflict: Conflict, concept: str, party: str, s: int, moves: Graph, improvements: Graph
) -> bool:
    ranks = conflict.ranks[party]

    def no_better(x: int) -> bool:  # x ⪯ᵢ s
        return int(ranks[x]) >= int(ranks[s])

    others = [other for other in moves if other != party]
    if concept == "nash":
        return not improvements[party][s]
    if concept == "seqsim":
        return _stable(conflict, "seq", party, s, moves, improvements) or _stable(
            conflict, "sim", party, s, moves, improvements
        )
    if concept == "sim":
        return all(
            _simultaneous_sanction(conflict, party, s, s1, others, improvements, no_better)
            for s1 in improvements[party][s]
        )
    graphs = improvements if concept == "seq" else moves
    coalition = {other: graphs[other] for other in others}
    for s1 in improvements[party][s]:
        sanctions = [s2 for s2 in reachable(coalition, s1) if no_better(s2)]
        if concept == "smr":
            sanctions = [s2 for s2 in sanctions if all(no_better(s3) for s3 in moves[party][s2])]
        if not sanctions:
            return False
    return True


def _simultaneous_sanction(
    conflict: Conflict,
    party: str,
    s: int,
    s1: int,
    others: list[str],
    improvements: Graph,
    no_better: Callable[[int], bool],
) -> bool:
    """True when some simultaneous choice of the others' UIs from ``s`` sanctions ``s → s1``."""
    codes = [int(code) for code in conflict.codes]
    feasible = {code: index for index, code in enumerate(codes)}
    choices = [[None, *sorted(improvements[other][s])] for other in others]
    for choice in product(*choices):
        if all(t is None for t in choice):
            continue
        code = codes[s1]  # i's changes applied to s
        for other, t in zip(others, choice, strict=True):
            if t is not None:
                mask = conflict.party_mask(other)
                code = code & ~mask | codes[t] & mask
        x = feasible.get(code)
        if x is not None and no_better(x):
            return True
    return False
