"""Aggregates over the states a group of parties can reach by legal sequences of moves.

For a set H of parties, R_H(s) holds the states reachable from s by one or more unilateral moves of
members of H in which no party moves twice in succession; R⁺_H(s) is the same with every move a
unilateral improvement for its mover. Stability concepts only ask for the *best value* of some
function f over such a set (for example the worst rank a sanctioned party can be pushed to), so
:func:`reach_maximum` computes ``max f over R_H(s)`` for every s at once, without listing any set.

Method. Let W(x, l) be the maximum of f over x and everything reachable from x when l moved last,
and M_k(x) the maximum of W(y, k) over k's moves x -> y. Then W(x, l) = max(f(x), max_{k ≠ l}
M_k(x)) and the answer for s is max_k M_k(s). Iterating these equations from W = f converges to the
least fixed point (values only grow and are bounded); each round is one vectorised reduction per
party over its moves. When no party of H has forbidden-move rules, two moves in a row by one party
always equal a single move (or none), so legal sequences reach exactly what unrestricted sequences
reach, apart from the start state: then one value per state suffices, W(x) = max(f(x), max_k
max over k's moves of W), and W(s) may stand for the answer because every caller's f at the start
state is already below the threshold it tests.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from standoff.conflict import PartyMoves
from standoff.conflict._moves import Array

__all__ = ["reach_maximum"]

_NONE = 0  # the maximum over an empty set: below every rank


def reach_maximum(movers: Sequence[PartyMoves], values: Array, *, improving: bool) -> Array:
    """``max values`` over R_H(s) (or R⁺_H(s) when ``improving``) for every state s.

    ``movers`` are the moves of the parties in H. Where the set is empty the result is 0. In the
    transitive case (no forbidden moves in H) the result at s may also include ``values[s]``.
    """
    if not movers:
        return np.full(values.size, _NONE, dtype=np.int64)
    if all(moves.transitive for moves in movers):
        return _transitive(movers, values, improving=improving)
    return _legal_sequences(movers, values, improving=improving)


def _transitive(movers: Sequence[PartyMoves], values: Array, *, improving: bool) -> Array:
    best = values.copy()
    changed = True
    while changed:
        changed = False
        for moves in movers:
            if improving:
                reached = moves.reduce_improvements(best, np.maximum, _NONE)
            else:
                reached = moves.reduce_with_self(best, np.maximum)
            grown = reached > best
            if grown.any():
                best = np.maximum(best, reached)
                changed = True
    return best


def _legal_sequences(movers: Sequence[PartyMoves], values: Array, *, improving: bool) -> Array:
    after = [values.copy() for _ in movers]  # W(x, k): k moved last into x
    while True:
        through = np.stack(
            [  # M_k(x): best continuation when k moves next from x
                moves.reduce_improvements(after[k], np.maximum, _NONE)
                if improving
                else moves.reduce_moves(after[k], np.maximum, _NONE)
                for k, moves in enumerate(movers)
            ]
        )
        best_other = _maximum_excluding_each(through)
        updated = [np.maximum(values, best_other[k]) for k in range(len(movers))]
        if all(np.array_equal(new, old) for new, old in zip(updated, after, strict=True)):
            return np.asarray(through.max(axis=0), dtype=np.int64)
        after = updated


def _maximum_excluding_each(rows: Array) -> Array:
    """Row k of the result is the element-wise maximum of all rows but k (0 when only one row)."""
    if rows.shape[0] == 1:
        return np.full_like(rows, _NONE)
    top = rows.argmax(axis=0)
    first = rows.max(axis=0)
    masked = rows.copy()
    masked[top, np.arange(rows.shape[1])] = _NONE
    second = masked.max(axis=0)
    k = np.arange(rows.shape[0])[:, None]
    return np.asarray(np.where(k == top[None, :], second[None, :], first[None, :]), np.int64)
