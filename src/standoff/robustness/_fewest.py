"""Fewest changes: the smallest change of preferences that makes a state an equilibrium.

The distance between two rankings is the Kendall distance: the number of pairs of states the
two order differently. Rankings are read as strict orders; ties of the stated ranking are broken
in the target state's favour (a state tied with it counts as below it) and otherwise by state
number, so no change is ever charged for breaking a tie.

For one party i with the others' preferences fixed, the conditions
(:mod:`standoff.robustness._conditions`) involve only atoms "S ⪰ᵢ x". A ranking meeting them
at least cost keeps every state above S or below S in its stated order, so (see the note in the
docs) it is determined by the set M of states moved from above S to just below it, at cost
|M| + #{(y ∈ M, x above S not in M) : y was above x}, which is Σ_{y ∈ M} (n − k_y) − m(m − 1)/2
for y at position k_y of the n states above S and m = |M|. Choosing M is an integer program
solved exactly with HiGHS (:func:`scipy.optimize.milp`): binaries m_y, one binary per possible
size m, one variable per term, one constraint per clause.

Exactness. Under Nash, GMR and SMR a party's stability depends on its own preferences only, so
the sum over parties of their minima is the exact minimum. Under SEQ, SIM and SEQ+SIM each party's
minimum is exact with the others' preferences fixed; but one party's change can remove a reply
another party's stability rested on, so the conditions are recomputed with the changes made so
far and the parties whose stability broke change again (from their stated rankings), until every
party is stable (*verified*) or a party cannot be. The sum is then the fewest changes *when each
party changes only to meet its own conditions*: a change of one party made to create a sanction
for another is not searched, so a smaller joint change may exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict
from standoff.conflict._moves import with_ranks
from standoff.robustness._conditions import Clauses, Conditions, conditions

__all__ = ["EXACT_CONCEPTS", "FewestChanges", "PartyChange", "fewest_changes"]

EXACT_CONCEPTS = ("nash", "gmr", "smr")
"""Concepts whose fewest changes are exact jointly, not only party by party."""


@dataclass(frozen=True)
class PartyChange:
    """The least change of one party's ranking that makes the state stable for it.

    Attributes
    ----------
    party
        The party.
    distance
        Pairs of states reversed (0 when the state is already stable for it).
    moved
        States moved from above the target state to just below it.
    order
        The new ranking as state indices, most preferred first.
    """

    party: str
    distance: int
    moved: tuple[int, ...]
    order: tuple[int, ...]


@dataclass(frozen=True)
class FewestChanges:
    """The fewest reversed pairwise preferences that make ``state`` an equilibrium of
    ``concept``.

    ``exact`` says whether ``distance`` is proven minimal over every change of every party
    (:data:`EXACT_CONCEPTS`); ``verified`` whether the combined changes make the state an
    equilibrium. ``possible`` is false when no ranking of some party makes it stable.
    """

    state: int
    concept: str
    possible: bool
    distance: int
    changes: tuple[PartyChange, ...]
    exact: bool
    verified: bool
    conditions: tuple[Conditions, ...] = field(repr=False)


def fewest_changes(
    conflict: Conflict, state: int, concept: str, parties: Iterable[str] | None = None
) -> FewestChanges:
    """The least change of preferences (of ``parties``, every party by default) making
    ``state`` an equilibrium of ``concept``.

    Examples
    --------
    In the prisoner's dilemma mutual cooperation becomes a Nash equilibrium when each prisoner
    puts it above defecting alone: one reversed pair each.

    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> found = fewest_changes(conflict, 0, "nash")
    >>> found.distance, [change.moved for change in found.changes], found.verified
    (2, [(1,), (2,)], True)
    """
    allowed = set(parties) if parties is not None else None
    movers = [p.id for p in conflict.movers]
    found = tuple(conditions(conflict, party, state, concept) for party in movers)
    changes: dict[str, PartyChange] = {}
    current, possible, verified = conflict, True, False
    for _ in range(len(movers) + 1):  # a change of one party may undo another's sanction
        unmet = [
            condition
            for condition in (conditions(current, p, state, concept) for p in movers)
            if not condition.holds
        ]
        if not unmet:
            verified = True
            break
        for condition in unmet:
            change = _cheapest(conflict, condition) if _may_change(condition, allowed) else None
            if change is None:
                possible = False
                break
            changes[condition.party] = change
        if not possible:
            break
        ranks = dict(conflict.ranks)
        ranks.update({party: _ranks_of(change.order) for party, change in changes.items()})
        current = with_ranks(conflict, ranks)
    ordered = tuple(changes[p] for p in movers if p in changes)
    return FewestChanges(
        state,
        concept,
        possible,
        sum(c.distance for c in ordered),
        ordered,
        concept in EXACT_CONCEPTS and verified,
        verified,
        found,
    )


def _may_change(condition: Conditions, allowed: set[str] | None) -> bool:
    return allowed is None or condition.party in allowed


def _cheapest(conflict: Conflict, condition: Conditions) -> PartyChange | None:
    """The least change of the party's stated ranking that meets one of the condition's ways."""
    stated = conflict.ranks[condition.party]
    best = None
    for way in condition.ways:
        change = _least_change(condition.party, stated, condition.state, way)
        if change is not None and (best is None or change.distance < best.distance):
            best = change
    return best


def _ranks_of(order: tuple[int, ...]) -> NDArray[np.int64]:
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[list(order)] = np.arange(1, len(order) + 1)
    return ranks


def _least_change(
    party: str, stated: NDArray[np.int64], state: int, clauses: Clauses
) -> PartyChange | None:
    """The cheapest set of states to move below ``state`` so that every clause holds."""
    count = stated.size
    # strict order: by rank, the target first among its ties, then by state number
    key = np.where(np.arange(count) == state, -1, np.arange(count))
    order = np.lexsort((key, stated)).astype(np.int64)
    position = int(np.flatnonzero(order == state)[0])
    above = [int(x) for x in order[:position]]  # most preferred first
    column = {x: k for k, x in enumerate(above)}
    needed: list[list[tuple[int, ...]]] = []
    for clause in clauses:
        terms = [tuple(column[x] for x in term if x in column) for term in clause]
        if any(not term for term in terms):
            continue  # some term already holds
        needed.append(terms)
    if not needed:
        moved: tuple[int, ...] = ()
    else:
        chosen = _solve(len(above), needed)
        if chosen is None:
            return None
        moved = tuple(above[k] for k in chosen)
    kept = [x for x in above if x not in moved]
    new_order = (*kept, state, *moved, *(int(x) for x in order[position + 1 :]))
    moved_columns = np.array([column[y] for y in moved], dtype=np.int64)
    kept_columns = np.array([column[x] for x in kept], dtype=np.int64)
    passed = int((moved_columns[:, None] < kept_columns[None, :]).sum())
    distance = len(moved) + passed
    return PartyChange(party, distance, moved, new_order)


def _solve(size: int, clauses: list[list[tuple[int, ...]]]) -> list[int] | None:
    """Minimise |M| + #{(y, x): y < x, y ∈ M, x ∉ M} subject to the clauses (over 0..size-1).

    For y at position k the second count is (size − 1 − k) minus the members of M after it, and
    summed over M those members are the m(m − 1)/2 pairs within M (m = |M|). The cost is thus
    Σ_{y ∈ M} (size − k_y) − m(m − 1)/2: a weight per member and a function of |M|, so no
    variable per pair is needed. Binaries z_j select m = j; t per clause term, t ≤ m_atom. Of
    equally cheap sets the one with the fewest states is chosen: it is the shorter sentence.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp  # slow to import: only when used
    from scipy.sparse import coo_array

    terms = sum(len(clause) for clause in clauses)
    chooser = size  # z_0 .. z_size follow the members
    variables = size + (size + 1) + terms
    # scaled by size + 1, plus one per member: among the cheapest sets, one with fewest states
    scale = size + 1.0
    cost = np.zeros(variables)
    cost[:size] = scale * (size - np.arange(size)) + 1.0
    sizes = np.arange(size + 1)
    cost[chooser : chooser + size + 1] = -scale * (sizes * (sizes - 1) / 2)
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    lower: list[float] = []
    upper: list[float] = []

    def add(entries: list[tuple[int, float]], low: float, high: float) -> None:
        row = len(lower)
        for col, value in entries:
            rows.append(row)
            cols.append(col)
            values.append(value)
        lower.append(low)
        upper.append(high)

    add([(chooser + j, 1.0) for j in range(size + 1)], 1.0, 1.0)  # exactly one size
    members = [(k, 1.0) for k in range(size)]
    add(members + [(chooser + j, -float(j)) for j in range(1, size + 1)], 0.0, 0.0)
    term_index = chooser + size + 1
    for clause in clauses:
        chosen = []
        for term in clause:
            for atom in term:  # t <= m_atom
                add([(term_index, 1.0), (atom, -1.0)], -np.inf, 0.0)
            chosen.append((term_index, 1.0))
            term_index += 1
        add(chosen, 1.0, np.inf)
    matrix = coo_array((values, (rows, cols)), shape=(len(lower), variables)).tocsr()
    result = milp(
        cost,
        constraints=LinearConstraint(matrix, lower, upper),
        integrality=np.ones(variables),
        bounds=Bounds(0, 1),
    )
    if result.x is None:
        return None
    return [k for k in range(size) if result.x[k] > 0.5]
