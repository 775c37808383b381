"""The exact preference conditions under which a state is stable for a party.

Fix the other parties' preferences. Whether state S is stable for party i under a concept then
depends on i's preferences only through comparisons of S with other states, the *atoms*
"i likes S at least as much as x" (S ⪰ᵢ x). Straight from the definitions, S is stable for i when
every move S → t that i can make is either no improvement or sanctioned:

- Nash: S ⪰ᵢ t for every move.
- GMR: S ⪰ᵢ t, or S ⪰ᵢ x for some x ∈ R_others(t).
- SMR: S ⪰ᵢ t, or for some x ∈ R_others(t), S ⪰ᵢ x and S ⪰ᵢ y for every y i can move to from x.
- SEQ: as GMR within R⁺_others(t) (the others' own improvements, from their fixed preferences).
- SIM: S ⪰ᵢ t, or S ⪰ᵢ x for some x obtained by combining t with replies of the others, each
  staying or taking one of its improvements from S, at least one moving.
- SEQ+SIM: the SEQ conditions or the SIM conditions.

So the conditions are a conjunction of *clauses*, one per move, each a disjunction of *terms*,
each a conjunction of atoms. Clauses that hold whatever i prefers (a term whose atoms all
compare S with itself) are dropped, and a clause or term implied by another is removed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, party_moves, search
from standoff.errors import AnalysisTooLargeError

__all__ = ["MAX_COMBINATIONS", "Clauses", "Conditions", "conditions"]

MAX_COMBINATIONS = 100_000
"""Most simultaneous replies the SIM conditions of one state may combine."""

Term = tuple[int, ...]
"""Atoms "S ⪰ x" for these states x, all required."""
Clause = tuple[Term, ...]
"""Some term must hold."""
Clauses = tuple[Clause, ...]
"""Every clause must hold."""


@dataclass(frozen=True)
class Conditions:
    """When ``state`` is stable for ``party`` under ``concept``, the others' preferences fixed.

    Attributes
    ----------
    party, state, concept
        What the conditions are about (``state`` is an index).
    ways
        Alternatives, each a conjunction of clauses; the state is stable when every clause of
        some way holds (one way, except SEQ+SIM: the SEQ way and the SIM way).
    holds
        Whether the conditions hold with the stated preferences.
    """

    party: str
    state: int
    concept: str
    ways: tuple[Clauses, ...]
    holds: bool

    def satisfied(self, ranks: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether the conditions hold for each row of ``ranks`` (variant × state) of the party.

        >>> from standoff.conflict import build_conflict
        >>> from standoff.scenario import load
        >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
        >>> found = conditions(conflict, "Ann", 0, "nash")    # mutual cooperation
        >>> found.ways, found.holds
        (((((1,),),),), False)
        >>> found.satisfied(np.array([[1, 2, 3, 4], [2, 1, 3, 4]])).tolist()
        [True, False]
        """
        ranks = np.atleast_2d(ranks)
        at_least = ranks[:, [self.state]] <= ranks  # atom x: S ⪰ x
        result = np.zeros(ranks.shape[0], dtype=np.bool_)
        for way in self.ways:
            met = np.ones(ranks.shape[0], dtype=np.bool_)
            for clause in way:
                met &= np.any([at_least[:, list(term)].all(axis=1) for term in clause], axis=0)
            result |= met
        return result


def conditions(conflict: Conflict, party: str, state: int, concept: str) -> Conditions:
    """The preference conditions under which ``state`` is stable for ``party``.

    Raises
    ------
    standoff.errors.AnalysisTooLargeError
        When the SIM replies to combine exceed :data:`MAX_COMBINATIONS`.
    """
    parts = ("seq", "sim") if concept == "seqsim" else (concept,)
    ways = tuple(_clauses(conflict, party, state, part) for part in parts)
    found = Conditions(party, state, concept, ways, False)
    holds = bool(found.satisfied(conflict.ranks[party][None, :])[0])
    return Conditions(party, state, concept, ways, holds)


def _clauses(conflict: Conflict, party: str, state: int, concept: str) -> Clauses:
    moves = party_moves(conflict, party).explicit
    targets = [int(t) for t in moves.targets[moves.indptr[state] : moves.indptr[state + 1]]]
    others = [p.id for p in conflict.movers if p.id != party]
    clauses = []
    for target in targets:
        terms: list[Term] = [(target,)]
        if concept in ("gmr", "smr", "seq") and others:
            reached = search(conflict, others, [target], improving=concept == "seq")
            sanctions = np.flatnonzero((reached.depth >= 1).any(axis=0))
            if concept == "smr":
                terms.extend((int(x), *_moves_from(conflict, party, int(x))) for x in sanctions)
            else:
                terms.extend((int(x),) for x in sanctions)
        elif concept == "sim":
            terms.extend((x,) for x in _simultaneous(conflict, party, state, target, others))
        clause = _simplified(terms, state)
        if clause is not None:
            clauses.append(clause)
    return _absorbed(clauses)


def _moves_from(conflict: Conflict, party: str, state: int) -> tuple[int, ...]:
    moves = party_moves(conflict, party).explicit
    return tuple(int(t) for t in moves.targets[moves.indptr[state] : moves.indptr[state + 1]])


def _simultaneous(
    conflict: Conflict, party: str, state: int, target: int, others: list[str]
) -> list[int]:
    """The feasible states the others' simultaneous replies from ``state`` make of ``target``."""
    choices = []
    for other in others:
        replies = party_moves(conflict, other).improvements
        own = replies.targets[replies.indptr[state] : replies.indptr[state + 1]]
        choices.append([None, *(int(t) for t in own)])
    combinations = int(np.prod([len(c) for c in choices], dtype=np.float64)) if choices else 0
    if combinations > MAX_COMBINATIONS:
        raise AnalysisTooLargeError(
            f"the SIM conditions of state {state + 1} for '{party}' combine {combinations:,} "
            f"replies, more than the limit of {MAX_COMBINATIONS:,}"
        )
    codes = conflict.codes
    found = []
    for combination in itertools.product(*choices):
        if all(reply is None for reply in combination):
            continue
        code = int(codes[target])
        for other, reply in zip(others, combination, strict=True):
            if reply is not None:
                mask = conflict.party_mask(other)
                code = (code & ~mask) | (int(codes[reply]) & mask)
        index = int(conflict.index_of(np.array([code], dtype=np.int64))[0])
        if index >= 0:
            found.append(index)
    return found


def _simplified(terms: list[Term], state: int) -> Clause | None:
    """The clause without atoms that always hold; ``None`` when the whole clause always holds."""
    kept: list[Term] = []
    for term in terms:
        atoms = tuple(sorted({x for x in term if x != state}))
        if not atoms:
            return None
        kept.append(atoms)
    unique = sorted(set(kept), key=lambda t: (len(t), t))
    minimal = [t for t in unique if not any(set(o) < set(t) for o in unique)]
    return tuple(minimal)


def _absorbed(clauses: list[Clause]) -> Clauses:
    """Drop every clause implied by another (one whose terms include all of another's)."""
    unique = sorted(set(clauses), key=lambda c: (len(c), c))
    kept = [c for c in unique if not any(set(o) < set(c) for o in unique)]
    return tuple(kept)
