"""Status quo analysis: where the conflict can go from where it is today.

From a start state (the scenario's ``status_quo`` unless another is given), a state is *reachable by
improvements* when a legal sequence of unilateral improvements leads there (every move strictly
better for the party that makes it, no party moving twice in succession, irreversible and forbidden
moves respected), and *reachable by moves* when a legal sequence of any unilateral moves does. The
analysis lists the equilibria of each concept that are reachable, each with a shortest path, and
answers the reverse question: from which states a chosen state can be reached. This is the question
of status quo analysis in the graph model (Li, Kilgour & Hipel 2005; Xu, Kilgour, Hipel & Kemkes
2010, there with matrices); here it is a breadth-first search, linear in the moves it touches.

Examples
--------
>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> from standoff.stability import analyze
>>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
>>> evolution = status_quo_analysis(conflict, analyze(conflict))
>>> evolution.equilibria["nash"]                # mutual defection (state 4) is reachable
(3,)
>>> [describe_step(conflict, step) for step in evolution.path(3)]
['Bob: Bob defects', 'Ann: Ann defects']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, Search, Step, search
from standoff.stability import StabilityAnalysis

__all__ = ["Evolution", "Reaching", "describe_step", "reaching", "status_quo_analysis"]


@dataclass(frozen=True, eq=False)
class Evolution:
    """Where the conflict can go from ``start`` (a state index).

    Attributes
    ----------
    by_improvements, by_moves
        The searches by legal sequences of unilateral improvements, and of any unilateral moves.
    equilibria
        Concept -> the equilibria reachable by improvements (state indices, ascending).
    equilibria_by_moves
        Concept -> the equilibria reachable by any moves.
    """

    source: str
    start: int
    by_improvements: Search
    by_moves: Search
    equilibria: Mapping[str, tuple[int, ...]]
    equilibria_by_moves: Mapping[str, tuple[int, ...]]

    def path(self, state: int) -> tuple[Step, ...]:
        """A shortest sequence of improvements from the start to ``state``."""
        return self.by_improvements.path(state)


@dataclass(frozen=True, eq=False)
class Reaching:
    """From which states ``target`` can be reached (by improvements, and by any moves)."""

    source: str
    target: int
    by_improvements: Search
    by_moves: Search

    def path(self, state: int) -> tuple[Step, ...]:
        """A shortest sequence of improvements from ``state`` to the target."""
        return self.by_improvements.path(state)


def status_quo_analysis(
    conflict: Conflict, analysis: StabilityAnalysis, start: int | None = None
) -> Evolution:
    """Reachable states and equilibria from ``start`` (default: the scenario's status quo).

    Raises
    ------
    ValueError
        When no start is given and the scenario names no status quo.
    """
    if start is None:
        if conflict.status_quo is None:
            raise ValueError("the scenario names no status quo: give a state to start from")
        start = conflict.status_quo
    movers = [party.id for party in conflict.movers]
    improving = search(conflict, movers, [start], improving=True)
    moving = search(conflict, movers, [start])

    def reachable_equilibria(found: Search) -> dict[str, tuple[int, ...]]:
        return {
            concept: _indices(result.equilibria & found.reachable)
            for concept, result in analysis.results.items()
        }

    return Evolution(
        conflict.scenario.file,
        start,
        improving,
        moving,
        MappingProxyType(reachable_equilibria(improving)),
        MappingProxyType(reachable_equilibria(moving)),
    )


def reaching(conflict: Conflict, target: int) -> Reaching:
    """The states from which ``target`` can be reached, with shortest paths."""
    movers = [party.id for party in conflict.movers]
    return Reaching(
        conflict.scenario.file,
        target,
        search(conflict, movers, [target], improving=True, backward=True),
        search(conflict, movers, [target], backward=True),
    )


def describe_step(conflict: Conflict, step: Step) -> str:
    """A move in words, from the option labels: ``'NK: Resume testing, drop Verified freeze'``."""
    before, after = int(conflict.codes[step.source]), int(conflict.codes[step.target])
    changes = []
    for option in conflict.scenario.options:
        bit = 1 << option.index
        if (before ^ after) & bit:
            changes.append(option.label if after & bit else f"drop {option.label}")
    return f"{step.party}: {', '.join(changes)}"


def _indices(mask: NDArray[np.bool_]) -> tuple[int, ...]:
    return tuple(int(i) for i in np.flatnonzero(mask))
