"""Coalition analysis: can a group of parties, acting together, leave an equilibrium?

Definitions (after Kilgour, Hipel, Fang & Peng 2001 and Inohara & Hipel 2008). For a coalition C
(a set of parties with options):

- a *coalitional move* of C from s reaches any state of R_C(s): a legal sequence of unilateral
  moves by members of C (no member moving twice in succession);
- a *coalitional improvement* (CI) is a coalitional move to a state every member strictly prefers;
- s is *coalition Nash* stable for C when C has no CI from s;
- *coalition GMR*: every CI t is sanctioned: the parties outside C can reach from t, by a legal
  sequence of their unilateral moves, a state u that at least one member of C does not prefer to s
  (so that member would not join);
- *coalition SMR*: as GMR, and from u no coalitional move of C reaches a state every member
  strictly prefers to s;
- *coalition SEQ*: as GMR, with every sanctioning move a unilateral improvement for its mover.

For a single party these are the individual definitions. Given a partition of the parties, a
*coalition equilibrium* under a concept is an equilibrium of that concept that is also stable for
every coalition of the partition. The search mode tries every coalition of two or more parties and
reports which equilibria each would break, and where to.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, search
from standoff.conflict._computed import ComputedOn
from standoff.errors import AnalysisTooLargeError
from standoff.stability._result import StabilityAnalysis

__all__ = [
    "COALITION_CONCEPTS",
    "MAX_COALITION_STATES",
    "Break",
    "CoalitionAnalysis",
    "coalition_analysis",
    "coalition_stable",
]

COALITION_CONCEPTS = ("nash", "gmr", "smr", "seq")
MAX_COALITION_STATES = 5000
"""Coalition analysis searches from every state; larger conflicts are refused up front."""


@dataclass(frozen=True)
class Break:
    """``coalition`` can leave the equilibrium ``state`` of ``concept`` for each of ``targets``
    (state indices), every member better off and no sanction deterring it."""

    coalition: tuple[str, ...]
    concept: str
    state: int
    targets: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class CoalitionAnalysis(ComputedOn):
    """Coalition equilibria for a partition, and which coalitions break which equilibria.

    Attributes
    ----------
    conflict
        The conflict analysed.
    partition
        The coalitions, each in party order, parties outside every declared coalition alone.
    equilibria
        Concept -> read-only boolean array over state indices: the equilibria of the concept
        that are also stable for every coalition of the partition.
    breaks
        The equilibria that a coalition can leave, and where to.
    """

    conflict: Conflict = field(repr=False)
    partition: tuple[tuple[str, ...], ...]
    equilibria: Mapping[str, NDArray[np.bool_]]
    breaks: tuple[Break, ...]


def coalition_stable(
    conflict: Conflict, coalition: Sequence[str], concept: str, states: Iterable[int]
) -> dict[int, tuple[int, ...]]:
    """For each of ``states``: the coalition's unsanctioned improvements (empty when stable)."""
    return _Coalition(conflict, tuple(coalition)).unsanctioned(concept, states)


def coalition_analysis(
    conflict: Conflict,
    analysis: StabilityAnalysis,
    partition: Sequence[Sequence[str]] | None = None,
    *,
    every_coalition: bool = False,
) -> CoalitionAnalysis:
    """Coalition equilibria under ``partition`` (default: the scenario's ``coalitions``), and the
    breaks of equilibria by its coalitions, or by every coalition when ``every_coalition``.

    Raises
    ------
    standoff.errors.AnalysisTooLargeError
        Beyond :data:`MAX_COALITION_STATES` states.
    """
    if conflict.state_count > MAX_COALITION_STATES:
        raise AnalysisTooLargeError(
            f"coalition analysis searches from every state; this conflict has "
            f"{conflict.state_count:,} states, beyond the limit of {MAX_COALITION_STATES:,}"
        )
    movers = [party.id for party in conflict.movers]
    declared = partition if partition is not None else conflict.coalitions
    groups = [tuple(p for p in movers if p in group) for group in declared]  # in party order
    listed = {party for group in groups for party in group}
    groups += [(party,) for party in movers if party not in listed]
    candidates = groups
    if every_coalition:
        candidates = [
            tuple(c)
            for size in range(2, len(movers) + 1)
            for c in itertools.combinations(movers, size)
        ]
    concepts = [c for c in COALITION_CONCEPTS if c in analysis.results]
    equilibria: dict[str, NDArray[np.bool_]] = {}
    breaks: list[Break] = []
    for concept in concepts:
        individual = analysis.results[concept].equilibria
        coalition_equilibria = individual.copy()
        for coalition in candidates:
            if len(coalition) < 2:
                continue
            states = np.flatnonzero(individual).tolist()
            found = coalition_stable(conflict, coalition, concept, states)
            for state, targets in found.items():
                if targets:
                    breaks.append(Break(coalition, concept, state, targets))
                    if coalition in groups:
                        coalition_equilibria[state] = False
        coalition_equilibria.flags.writeable = False
        equilibria[concept] = coalition_equilibria
    return CoalitionAnalysis(conflict, tuple(groups), MappingProxyType(equilibria), tuple(breaks))


class _Coalition:
    def __init__(self, conflict: Conflict, members: tuple[str, ...]) -> None:
        self.conflict = conflict
        self.members = members
        self.others = [p.id for p in conflict.movers if p.id not in members]
        self.ranks = np.stack([conflict.ranks[m] for m in members])  # (members, states)
        self._reach: dict[tuple[str, int], NDArray[np.bool_]] = {}

    def reach(self, who: str, state: int) -> NDArray[np.bool_]:
        """States reached from ``state`` by legal sequences of the coalition ('in'), of the
        others by any moves ('out'), or of the others by improvements ('out+')."""
        key = (who, state)
        if key not in self._reach:
            if who == "in":
                movers, improving = list(self.members), False
            else:
                movers, improving = self.others, who == "out+"
            reached: NDArray[np.bool_] = np.zeros(self.conflict.state_count, dtype=np.bool_)
            if movers:
                found = search(self.conflict, movers, [state], improving=improving)
                reached = np.asarray((found.depth >= 1).any(axis=0))
            self._reach[key] = reached
        return self._reach[key]

    def unsanctioned(self, concept: str, states: Iterable[int]) -> dict[int, tuple[int, ...]]:
        result = {}
        for state in states:
            threshold = self.ranks[:, state][:, None]
            improvements = np.flatnonzero(
                self.reach("in", state) & (self.ranks < threshold).all(axis=0)
            )
            if concept == "nash":
                result[state] = tuple(int(t) for t in improvements)
                continue
            some_member_not_better = (self.ranks >= threshold).any(axis=0)
            open_targets = []
            for target in (int(t) for t in improvements):
                sanctions = self.reach("out+" if concept == "seq" else "out", target)
                sanctions = sanctions & some_member_not_better
                if concept == "smr":
                    sanctions = self._no_escape(sanctions, threshold)
                if not sanctions.any():
                    open_targets.append(target)
            result[state] = tuple(open_targets)
        return result

    def _no_escape(
        self, sanctions: NDArray[np.bool_], threshold: NDArray[np.int64]
    ) -> NDArray[np.bool_]:
        """Among ``sanctions``, those from which the coalition cannot reach a state every member
        strictly prefers to the original state."""
        all_better = (self.ranks < threshold).all(axis=0)
        keep = np.zeros_like(sanctions)
        for u in np.flatnonzero(sanctions):
            keep[u] = not (self.reach("in", int(u)) & all_better).any()
        return keep
