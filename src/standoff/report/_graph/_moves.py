"""The moves a state graph draws as edges, and which way each one's arrow points.

An edge joins two drawn states when a party can move between them, in either direction (the rule
is :func:`standoff.conflict.is_unilateral_move`); its arrow points to the state the party
prefers when the move towards it is a unilateral improvement.

>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
>>> moves_between(conflict, [0, 1])
[Move(party='Ann', first=0, second=1, towards=1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from standoff.conflict import Conflict, is_unilateral_move

__all__ = ["Move", "moves_between"]


@dataclass(frozen=True)
class Move:
    """A unilateral move between states ``first`` < ``second`` by ``party``; ``towards`` is the
    state the party improves to by it (``None`` when it improves in neither direction)."""

    party: str
    first: int
    second: int
    towards: int | None


def moves_between(conflict: Conflict, states: Sequence[int]) -> list[Move]:
    """The unilateral moves among ``states`` (indices), one per pair of states a party can move
    between in either direction (:func:`~standoff.conflict.is_unilateral_move`). Quadratic in
    ``len(states)``: for a few dozen states."""
    codes = [int(conflict.codes[s]) for s in states]
    masks = {party.id: conflict.party_mask(party.id) for party in conflict.movers}
    found: list[Move] = []
    for i, a in enumerate(states):
        for j in range(i + 1, len(states)):
            b = states[j]
            difference = codes[i] ^ codes[j]
            party = next((p for p, mask in masks.items() if difference & ~mask == 0), None)
            if party is None or difference == 0:
                continue
            forward = is_unilateral_move(conflict, party, a, b)
            backward = is_unilateral_move(conflict, party, b, a)
            if not (forward or backward):
                continue
            ranks = conflict.ranks.get(party)
            towards = None
            if ranks is not None and ranks[b] < ranks[a] and forward:
                towards = b
            elif ranks is not None and ranks[a] < ranks[b] and backward:
                towards = a
            found.append(Move(party, min(a, b), max(a, b), towards))
    return found
