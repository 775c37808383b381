"""Status quo analysis: the states and equilibria reachable from where the conflict is today.

A state is *reachable by improvements* from the start when a legal sequence of unilateral
improvements leads there (every move strictly better for the party that makes it, no party moving
twice in succession, irreversible and forbidden moves respected), and *reachable by moves* when a
legal sequence of any unilateral moves does (Li, Kilgour & Hipel 2005). Both are breadth-first
searches from the start, so every reachable state comes with a shortest path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, Search, Step, search
from standoff.conflict._computed import ComputedOn
from standoff.stability import StabilityAnalysis

__all__ = ["Evolution", "status_quo_analysis"]


@dataclass(frozen=True, eq=False)
class Evolution(ComputedOn):
    """Where the conflict can go from ``start`` (a state index).

    Attributes
    ----------
    conflict
        The conflict analysed.
    start
        The state index the searches start from.
    by_improvements, by_moves
        The searches by legal sequences of unilateral improvements, and of any unilateral moves.
    equilibria
        Concept -> the equilibria reachable by improvements (state indices, ascending).
    equilibria_by_moves
        Concept -> the equilibria reachable by any moves.
    """

    conflict: Conflict = field(repr=False)
    start: int
    by_improvements: Search
    by_moves: Search
    equilibria: Mapping[str, tuple[int, ...]]
    equilibria_by_moves: Mapping[str, tuple[int, ...]]

    def path(self, state: int) -> tuple[Step, ...]:
        """A shortest sequence of improvements from the start to ``state``."""
        return self.by_improvements.path(state)


def status_quo_analysis(
    conflict: Conflict, analysis: StabilityAnalysis, start: int | None = None
) -> Evolution:
    """Reachable states and equilibria from ``start`` (default: the scenario's status quo).

    Parameters
    ----------
    conflict
        The conflict; the result keeps it (``evolution.conflict``).
    analysis
        A stability analysis of ``conflict``: its equilibria are the ones looked for.
    start
        A state index; by default the scenario's status quo.

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
        conflict,
        start,
        improving,
        moving,
        MappingProxyType(reachable_equilibria(improving)),
        MappingProxyType(reachable_equilibria(moving)),
    )


def _indices(mask: NDArray[np.bool_]) -> tuple[int, ...]:
    return tuple(int(i) for i in np.flatnonzero(mask))
