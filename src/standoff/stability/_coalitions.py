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

How it is computed: for one coalition, every equilibrium is one column of bit matrices, and each
question above (which states a coalitional move reaches, whether a sanction exists, whether the
coalition escapes it) is one pass of :func:`standoff.stability._bitsets.reach_any` over the
parties' moves for all columns at once, instead of a search from every state. Trying every
coalition of many parties is refused up front beyond :data:`MAX_COALITION_WORK`.
:func:`standoff.stability._reference.reference_coalition_improvements` is the slow reference.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, party_moves
from standoff.conflict._computed import ComputedOn
from standoff.errors import AnalysisTooLargeError
from standoff.stability._bitsets import StepCache, pack, reach_any, unpack
from standoff.stability._result import StabilityAnalysis

__all__ = [
    "COALITION_CONCEPTS",
    "MAX_COALITION_STATES",
    "MAX_COALITION_WORK",
    "Break",
    "CoalitionAnalysis",
    "coalition_analysis",
    "coalition_stable",
]

COALITION_CONCEPTS = ("nash", "gmr", "smr", "seq")
MAX_COALITION_STATES = 5000
"""Coalition analysis searches from every state; larger conflicts are refused up front."""
MAX_COALITION_WORK = 1 << 20
"""Most coalitions times states that trying every coalition may take on, each coalition counting
for at least :data:`_COALITION_OVERHEAD` states (its fixed cost); larger searches are refused up
front. Within it every coalition of 10 parties over 1,024 states, or of 8 over 4,096, takes about
a second."""
_COALITION_OVERHEAD = 512


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
    chosen = [int(state) for state in states]
    found = _Questions(conflict, chosen).unsanctioned(tuple(coalition), (concept,))[concept]
    return {state: found.get(state, ()) for state in chosen}


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
        Beyond :data:`MAX_COALITION_STATES` states, or when the coalitions to try times the
        states exceed :data:`MAX_COALITION_WORK`; both are checked before anything is computed.
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
    if every_coalition:
        count = 2 ** len(movers) - len(movers) - 1
        work = count * max(conflict.state_count, _COALITION_OVERHEAD)
        if work > MAX_COALITION_WORK:
            raise AnalysisTooLargeError(
                f"trying every coalition of {len(movers)} parties means {count:,} coalitions "
                f"over {conflict.state_count:,} states ({work:,} coalition-states, counting each "
                f"coalition as at least {_COALITION_OVERHEAD}), beyond the limit of "
                f"{MAX_COALITION_WORK:,}; declare the coalitions to try in the scenario's "
                "'coalitions' instead"
            )
        candidates = [
            tuple(c)
            for size in range(2, len(movers) + 1)
            for c in itertools.combinations(movers, size)
        ]
    else:
        candidates = [group for group in groups if len(group) >= 2]
    concepts = [c for c in COALITION_CONCEPTS if c in analysis.results]
    individual = {concept: analysis.results[concept].equilibria for concept in concepts}
    some_equilibrium = np.zeros(conflict.state_count, dtype=np.bool_)
    for concept in concepts:
        some_equilibrium |= individual[concept]
    questions = _Questions(conflict, np.flatnonzero(some_equilibrium).tolist())
    found = {coalition: questions.unsanctioned(coalition, concepts) for coalition in candidates}
    equilibria: dict[str, NDArray[np.bool_]] = {}
    breaks: list[Break] = []
    for concept in concepts:
        coalition_equilibria = individual[concept].copy()
        for coalition in candidates:
            for state, targets in found[coalition][concept].items():
                if not individual[concept][state]:
                    continue
                breaks.append(Break(coalition, concept, state, targets))
                if coalition in groups:
                    coalition_equilibria[state] = False
        coalition_equilibria.flags.writeable = False
        equilibria[concept] = coalition_equilibria
    return CoalitionAnalysis(conflict, tuple(groups), MappingProxyType(equilibria), tuple(breaks))


class _Questions:
    """The coalition questions about ``states`` (each a column of bit matrices), answered for
    one coalition at a time by :meth:`unsanctioned`.

    With A(u) "every member strictly prefers u to s" (s the column's state) and N(u) its
    negation, some member not better off:

    - the coalitional improvements from s are the states of R_C(s) where A holds (found
      backwards, for every column at once: the states that s reaches);
    - GMR sanctions an improvement t when some u in R_others(t) has N(u); SEQ, when some u in
      R⁺_others(t) does;
    - SMR, when some u in R_others(t) has N(u) and no state of R_C(u) has A.

    Each is one :func:`~standoff.stability._bitsets.reach_any` over every column; A is the AND
    of each member's "strictly better" bits, computed once per party.
    """

    def __init__(self, conflict: Conflict, states: Sequence[int]) -> None:
        self.conflict = conflict
        self.states = [int(state) for state in states]
        index = np.asarray(self.states, dtype=np.int64)
        columns = np.arange(index.size)
        start = np.zeros((conflict.state_count, index.size), dtype=np.bool_)
        start[index, columns] = True
        self.start = pack(start)
        self.steps: StepCache = {}  # each party's moves, prepared once for every coalition
        self.better = {
            party.id: pack(conflict.ranks[party.id][:, None] < conflict.ranks[party.id][index])
            for party in conflict.movers
        }

    def unsanctioned(
        self, members: tuple[str, ...], concepts: Sequence[str]
    ) -> dict[str, dict[int, tuple[int, ...]]]:
        """Concept -> state -> the coalition's unsanctioned improvements from it (states with
        none left out)."""
        result: dict[str, dict[int, tuple[int, ...]]] = {concept: {} for concept in concepts}
        if not self.states:
            return result
        conflict = self.conflict
        inside = [party_moves(conflict, member) for member in members]
        outside = [party_moves(conflict, p.id) for p in conflict.movers if p.id not in members]
        all_better = self.better[members[0]].copy()
        for member in members[1:]:
            all_better &= self.better[member]
        improvements = reach_any(inside, self.start, backward=True, cache=self.steps) & all_better
        if not improvements.any():
            return result
        for concept in concepts:
            if concept == "nash":
                open_targets = improvements
            elif concept == "smr":
                escape = reach_any(inside, all_better, cache=self.steps)
                sanctions = reach_any(outside, ~all_better & ~escape, cache=self.steps)
                open_targets = improvements & ~sanctions
            else:
                improving = concept == "seq"
                sanctions = reach_any(outside, ~all_better, improving=improving, cache=self.steps)
                open_targets = improvements & ~sanctions
            rows = np.flatnonzero(open_targets.any(axis=1))  # few: unpack only these
            found, columns = np.nonzero(unpack(open_targets[rows], len(self.states)))
            targets = rows[found]
            order = np.lexsort((targets, columns))
            result[concept] = _by_column(self.states, columns[order], targets[order])
        return result


def _by_column(
    states: Sequence[int], columns: NDArray[np.intp], targets: NDArray[np.intp]
) -> dict[int, tuple[int, ...]]:
    """State -> its targets, from (column, target) pairs sorted by column then target."""
    if not columns.size:
        return {}
    starts = np.flatnonzero(np.r_[True, columns[1:] != columns[:-1]])
    ends = np.r_[starts[1:], columns.size]
    return {
        states[int(columns[first])]: tuple(int(t) for t in targets[first:last])
        for first, last in zip(starts, ends, strict=True)
    }
