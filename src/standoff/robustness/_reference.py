"""Slow references for hinges, counting, conditions and fewest changes, for tests only.

Each is written straight from its definition with plain Python loops and sets, and decides the
stability of one preference profile with the slow stability reference
(:mod:`standoff.stability._reference`) on a copy of the conflict carrying that profile's ranks.
Nothing is shared with the fast code of this package (no batched kernel, no conditions, no
integer program, no :meth:`~standoff.conflict.Judgements.ranks`), so the two can be compared on
random small conflicts. The cost grows with the number of profiles times the reference's own
cost: use them on a handful of states.

- **Hinges**: each single change of a party's judgements (two adjacent statements or ranking
  entries swapped, one statement dropped when it has several) is made in the *scenario* and the
  conflict rebuilt; the equilibria lost and gained are set differences.
- **Counting**: a party's ranking read as a strict order (ties broken by state number), the
  states at positions FROM..TO permuted in every way (:func:`itertools.permutations`), every
  combination of the parties' permutations evaluated; parties without a range keep their stated
  ranks.
- **Conditions**: whether a state is stable for a party once that party's ranks are replaced.
- **Fewest changes**: every strict order of every party, in increasing total Kendall distance
  from the stated rankings read as strict orders (ties broken in the target state's favour, then
  by state number), until one makes the state an equilibrium.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, build_conflict
from standoff.robustness._counting import RankRange
from standoff.scenario import Preference, Prioritization
from standoff.stability._reference import (
    Graph,
    _stable,
    reference_equilibria,
    reference_stability,
    unilateral_moves,
)

__all__ = [
    "FEWEST_MAX_PARTIES",
    "FEWEST_MAX_STATES",
    "ReferenceHinge",
    "kendall_distance",
    "ranks_of_order",
    "reference_conditions_hold",
    "reference_count",
    "reference_fewest",
    "reference_hinges",
    "replace_ranks",
]

T = TypeVar("T")

FEWEST_MAX_STATES = 5
"""Most states :func:`reference_fewest` accepts (5! = 120 orders per party)."""
FEWEST_MAX_PARTIES = 3
"""Most parties with options :func:`reference_fewest` accepts."""


def replace_ranks(conflict: Conflict, ranks: Mapping[str, NDArray[np.int64]]) -> Conflict:
    """A copy of ``conflict`` whose parties in ``ranks`` hold those ranks instead."""
    merged = dict(conflict.ranks)
    merged.update(ranks)
    return replace(conflict, ranks=MappingProxyType(merged))


def ranks_of_order(order: Sequence[int]) -> NDArray[np.int64]:
    """The ranks (1 = best) of a strict order given as states from most to least preferred."""
    ranks = [0] * len(order)
    for position, state in enumerate(order):
        ranks[state] = position + 1
    return np.array(ranks, dtype=np.int64)


def _equilibrium(conflict: Conflict, state: int, concept: str, moves: Graph) -> bool:
    """Whether ``state`` is stable for every party with options, by the stability reference
    (:func:`~standoff.stability._reference.reference_stability` restricted to one state, with the
    moves, which do not depend on preferences, listed once for all profiles)."""
    improvements = {
        party: [
            {t for t in targets if int(conflict.ranks[party][t]) < int(conflict.ranks[party][s])}
            for s, targets in enumerate(states)
        ]
        for party, states in moves.items()
    }
    return all(_stable(conflict, concept, party, state, moves, improvements) for party in moves)


def kendall_distance(first: Sequence[int], second: Sequence[int]) -> int:
    """The number of pairs of states two strict orders (most preferred first) put differently.

    >>> kendall_distance([0, 1, 2], [2, 0, 1])
    2
    """
    place = {state: position for position, state in enumerate(second)}
    return sum(
        1
        for a, b in itertools.combinations(first, 2)  # a before b in the first order
        if place[a] > place[b]
    )


# -- hinges ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceHinge:
    """One single change (as in :class:`~standoff.robustness.Change`) and what it does."""

    party: str
    first: int
    second: int | None
    lost: frozenset[int]
    gained: frozenset[int]


def reference_hinges(conflict: Conflict, concept: str) -> tuple[ReferenceHinge, ...]:
    """Every single change of one judgement, made in the scenario, and the equilibria of
    ``concept`` it removes and adds; party by party in file order, swaps before drops.

    Examples
    --------
    If Ann stops caring whether she defects, Bob defecting alone becomes a Nash equilibrium
    (state 3, index 2):

    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> [(h.first, h.second, sorted(h.gained)) for h in reference_hinges(conflict, "nash")[:3]]
    [(0, 1, []), (0, None, []), (1, None, [2])]
    """
    scenario = conflict.scenario
    spec = scenario.conflict
    assert spec is not None  # a conflict is always built from a conflict section
    stated = reference_equilibria(conflict, concept)
    found = []
    for party in (mover.id for mover in conflict.movers):
        preference = spec.preferences.get(party)
        if preference is None:
            continue
        count = (
            len(preference.statements)
            if isinstance(preference, Prioritization)
            else len(preference.entries)
        )
        changes: list[tuple[int, int | None]] = [(k, k + 1) for k in range(count - 1)]
        if isinstance(preference, Prioritization) and count > 1:
            changes += [(k, None) for k in range(count)]
        for first, second in changes:
            new: Preference
            if isinstance(preference, Prioritization):
                statements = _changed(preference.statements, first, second)
                new = replace(preference, statements=statements)
            else:
                new = replace(preference, entries=_changed(preference.entries, first, second))
            preferences = MappingProxyType({**spec.preferences, party: new})
            rebuilt = build_conflict(
                replace(scenario, conflict=replace(spec, preferences=preferences))
            )
            after = reference_equilibria(rebuilt, concept)
            found.append(ReferenceHinge(party, first, second, stated - after, after - stated))
    return tuple(found)


def _changed(items: tuple[T, ...], first: int, second: int | None) -> tuple[T, ...]:
    """``items`` with ``first`` and ``second`` swapped, or ``first`` dropped."""
    changed = list(items)
    if second is None:
        del changed[first]
    else:
        changed[first], changed[second] = changed[second], changed[first]
    return tuple(changed)


# -- counting --------------------------------------------------------------------------------------


def reference_count(
    conflict: Conflict, state: int, ranges: Sequence[RankRange], concept: str
) -> int:
    """In how many profiles of ``ranges`` is ``state`` an equilibrium of ``concept``.

    Examples
    --------
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> reference_count(conflict, 0, [RankRange("Ann", 1, 3)], "nash")   # mutual cooperation
    0
    """
    parties = []
    choices = []
    for rank_range in ranges:
        ranks = conflict.ranks[rank_range.party]
        order = sorted(range(conflict.state_count), key=lambda s: (int(ranks[s]), s))
        start, stop = rank_range.first - 1, rank_range.last
        parties.append(rank_range.party)
        choices.append(
            [
                ranks_of_order([*order[:start], *block, *order[stop:]])
                for block in itertools.permutations(order[start:stop])
            ]
        )
    moves = unilateral_moves(conflict)
    count = 0
    for profile in itertools.product(*choices):
        variant = replace_ranks(conflict, dict(zip(parties, profile, strict=True)))
        if _equilibrium(variant, state, concept, moves):
            count += 1
    return count


# -- conditions ------------------------------------------------------------------------------------


def reference_conditions_hold(
    conflict: Conflict, party: str, state: int, concept: str, ranks: NDArray[np.int64]
) -> bool:
    """Whether ``state`` is stable for ``party`` under ``concept`` when it holds ``ranks``
    (every other party as stated).

    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> reference_conditions_hold(conflict, "Ann", 0, "nash", np.array([1, 2, 3, 4]))
    True
    """
    variant = replace_ranks(conflict, {party: np.asarray(ranks, dtype=np.int64)})
    return state in reference_stability(variant, concept)[party]


# -- fewest changes --------------------------------------------------------------------------------


def reference_fewest(conflict: Conflict, state: int, concept: str) -> int | None:
    """The fewest pairs of states, summed over parties, whose order must be reversed in the
    stated rankings to make ``state`` an equilibrium of ``concept``; ``None`` if no profile does.

    Each party's stated ranking is read as a strict order: a state tied with ``state`` goes below
    it, other ties by state number. Every profile of strict orders is tried, in increasing total
    Kendall distance from those orders.

    Raises
    ------
    ValueError
        For more than :data:`FEWEST_MAX_STATES` states or :data:`FEWEST_MAX_PARTIES` parties.

    Examples
    --------
    Mutual cooperation in the prisoner's dilemma: each prisoner must put it above defecting
    alone.

    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> reference_fewest(conflict, 0, "nash")
    2
    """
    parties = [mover.id for mover in conflict.movers]
    count = conflict.state_count
    if count > FEWEST_MAX_STATES or len(parties) > FEWEST_MAX_PARTIES:
        raise ValueError(
            f"the reference tries every strict order of every party: at most "
            f"{FEWEST_MAX_STATES} states and {FEWEST_MAX_PARTIES} parties, not {count} and "
            f"{len(parties)}"
        )
    by_distance: list[dict[int, list[NDArray[np.int64]]]] = []
    for party in parties:
        ranks = conflict.ranks[party]
        stated = sorted(range(count), key=lambda s: (int(ranks[s]), s != state, s))
        groups: dict[int, list[NDArray[np.int64]]] = {}
        for order in itertools.permutations(range(count)):
            groups.setdefault(kendall_distance(stated, order), []).append(ranks_of_order(order))
        by_distance.append(groups)
    moves = unilateral_moves(conflict)
    most = count * (count - 1) // 2
    for total in range(most * len(parties) + 1):
        for split in itertools.product(range(most + 1), repeat=len(parties)):
            if sum(split) != total:
                continue
            groups_here = [groups.get(d, []) for groups, d in zip(by_distance, split, strict=True)]
            for profile in itertools.product(*groups_here):
                variant = replace_ranks(conflict, dict(zip(parties, profile, strict=True)))
                if _equilibrium(variant, state, concept, moves):
                    return total
    return None
