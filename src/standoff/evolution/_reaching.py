"""The reverse question of status quo analysis: from which states can a chosen state be reached.

The searches run backwards from the target over the same legal sequences as
:func:`~standoff.evolution.status_quo_analysis` (by unilateral improvements, and by any unilateral
moves), so each state that reaches the target comes with a shortest path to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from standoff.conflict import Conflict, Search, Step, search
from standoff.conflict._computed import ComputedOn

__all__ = ["Reaching", "reaching"]


@dataclass(frozen=True, eq=False)
class Reaching(ComputedOn):
    """From which states ``target`` can be reached (by improvements, and by any moves).

    Attributes
    ----------
    conflict
        The conflict analysed.
    target
        The state index to be reached.
    by_improvements, by_moves
        The backward searches by legal sequences of unilateral improvements, and of any moves.
    """

    conflict: Conflict = field(repr=False)
    target: int
    by_improvements: Search
    by_moves: Search

    def path(self, state: int) -> tuple[Step, ...]:
        """A shortest sequence of improvements from ``state`` to the target."""
        return self.by_improvements.path(state)


def reaching(conflict: Conflict, target: int) -> Reaching:
    """The states from which ``target`` can be reached, with shortest paths.

    Parameters
    ----------
    conflict
        The conflict; the result keeps it (``result.conflict``).
    target
        A state index.
    """
    movers = [party.id for party in conflict.movers]
    return Reaching(
        conflict,
        target,
        search(conflict, movers, [target], improving=True, backward=True),
        search(conflict, movers, [target], backward=True),
    )
