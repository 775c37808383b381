"""Why a state is or is not stable for a party: each improvement and the sanction that deters it.

For a party i, a state s and a concept, every unilateral improvement (UI) s → s₁ of i is listed
with the sanction found for it: the sequence of the others' moves from s₁ (for SIM, their
simultaneous responses from s) and the state it ends in, which i does not prefer to s. Among the
sanctions the shortest is shown. An improvement without a sanction is what makes s unstable.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from standoff.conflict import Conflict, Step, party_moves, search
from standoff.conflict._computed import ComputedOn

__all__ = ["Explanation", "ImprovementExplained", "explain"]


@dataclass(frozen=True)
class ImprovementExplained:
    """One unilateral improvement ``target`` of the party, and how it is sanctioned (if it is).

    ``sanction`` is the sequence of moves by the others (simultaneous for SIM) and
    ``sanctioned_state`` where it ends; both are ``None`` when nothing deters the improvement.
    """

    target: int
    sanction: tuple[Step, ...] | None
    sanctioned_state: int | None

    @property
    def deterred(self) -> bool:
        """Whether some sanction deters this improvement."""
        return self.sanctioned_state is not None


@dataclass(frozen=True)
class Explanation(ComputedOn):
    """The stability of ``state`` for ``party`` under ``concept``, improvement by improvement.

    ``conflict`` is the conflict explained; two explanations are equal when they explain the same
    conflict object in the same way.
    """

    conflict: Conflict = field(repr=False)
    party: str
    state: int
    concept: str
    improvements: tuple[ImprovementExplained, ...]
    basis: str
    """The concept whose sanctions are shown: the concept itself, or SEQ or SIM for SEQ+SIM."""

    @property
    def stable(self) -> bool:
        """Whether every improvement is deterred (for Nash: whether there is none)."""
        if self.concept == "nash":
            return not self.improvements
        return all(improvement.deterred for improvement in self.improvements)


def explain(conflict: Conflict, party: str, state: int, concept: str) -> Explanation:
    """Explain the stability of the state at index ``state`` for ``party`` under ``concept``.

    SEQ+SIM holds when SEQ or SIM does: its explanation is SEQ's when SEQ holds, else SIM's.
    """
    if concept == "seqsim":
        sequential = explain(conflict, party, state, "seq")
        chosen = sequential if sequential.stable else explain(conflict, party, state, "sim")
        return Explanation(conflict, party, state, concept, chosen.improvements, chosen.concept)
    improvements = party_moves(conflict, party).improvements
    targets = improvements.targets[improvements.indptr[state] : improvements.indptr[state + 1]]
    found = []
    for target in (int(t) for t in targets):
        sanction: tuple[tuple[Step, ...], int] | None = None
        if concept in ("gmr", "smr", "seq"):
            sanction = _sequential(conflict, party, state, target, concept)
        elif concept == "sim":
            sanction = _simultaneous(conflict, party, state, target)
        steps, end = sanction if sanction is not None else (None, None)
        found.append(ImprovementExplained(target, steps, end))
    return Explanation(conflict, party, state, concept, tuple(found), concept)


def _sequential(
    conflict: Conflict, party: str, state: int, target: int, concept: str
) -> tuple[tuple[Step, ...], int] | None:
    ranks = conflict.ranks[party]
    others = [p.id for p in conflict.movers if p.id != party]
    if not others:
        return None
    reached = search(conflict, others, [target], improving=concept == "seq")
    candidates = (reached.depth >= 1).any(axis=0) & (ranks >= ranks[state])
    if concept == "smr":  # the party must not escape the sanction by one more move
        escape = party_moves(conflict, party).reduce_with_self(ranks, np.minimum)
        candidates &= escape >= ranks[state]
    indices = np.flatnonzero(candidates)
    if not indices.size:
        return None
    distance = np.where(reached.depth >= 1, reached.depth, 1 << 62).min(axis=0)[indices]
    best = int(indices[np.lexsort((-ranks[indices], distance))[0]])
    return reached.path(best), best


def _simultaneous(
    conflict: Conflict, party: str, state: int, target: int
) -> tuple[tuple[Step, ...], int] | None:
    codes, ranks = conflict.codes, conflict.ranks[party]
    choices = []
    for other in (p.id for p in conflict.movers if p.id != party):
        replies = party_moves(conflict, other).improvements
        own = replies.targets[replies.indptr[state] : replies.indptr[state + 1]]
        choices.append([(other, None)] + [(other, int(t)) for t in own])
    for combination in itertools.product(*choices):
        moving = [(other, reply) for other, reply in combination if reply is not None]
        if not moving:
            continue
        code = int(codes[target])
        for other, reply in moving:
            mask = conflict.party_mask(other)
            code = (code & ~mask) | (int(codes[reply]) & mask)
        index = int(conflict.index_of(np.array([code], dtype=np.int64))[0])
        if index >= 0 and ranks[index] >= ranks[state]:
            return tuple(Step(other, state, reply) for other, reply in moving), index
    return None
