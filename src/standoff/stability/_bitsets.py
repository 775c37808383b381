"""Many reachability questions at once: bit sets over the states a group of parties can reach.

A *bit matrix* has one row per state and one bit per question (column), 64 to a ``uint64`` word.
:func:`reach_any` answers, for every state s and every column j at once, whether some state
reached from s by a legal sequence of moves of a group H (see :mod:`standoff.stability._reach`)
has bit j set: the OR of the rows over R_H(s), or over R⁺_H(s) when every move must be an
improvement for its mover. With ``backward=True`` it follows the moves backwards: the OR over the
states from which s is reached. Coalition analysis asks one such question per equilibrium, so a
whole coalition costs a handful of passes over the moves instead of one search per state.

The method is that of :func:`standoff.stability._reach.reach_maximum` with OR for the maximum:
a fixed point over the parties' moves, with one value per state when no party of H has
forbidden moves (then legal sequences reach what unrestricted sequences reach, apart from the
start state, and the result at s may include s's own row), and one per state and last mover
otherwise. A party whose moves are cliques on its blocks ORs whole blocks; the others use their
explicit lists.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import PartyMoves
from standoff.conflict._moves import Array, _Csr, _from_edges

__all__ = ["Bits", "StepCache", "pack", "reach_any", "unpack"]

Bits = NDArray[np.uint64]
"""A bit matrix: shape (states, words), bit j of row s in word j // 64, position j % 64."""


def pack(matrix: NDArray[np.bool_]) -> Bits:
    """The boolean matrix ``matrix`` (states × columns) as a bit matrix."""
    rows, columns = matrix.shape
    words = max(1, -(-columns // 64))
    packed = np.zeros((rows, words * 8), dtype=np.uint8)
    packed[:, : -(-columns // 8)] = np.packbits(matrix, axis=1, bitorder="little")
    return packed.view(np.uint64)


def unpack(bits: Bits, columns: int) -> NDArray[np.bool_]:
    """The first ``columns`` columns of the bit matrix ``bits`` as a boolean matrix."""
    unpacked = np.unpackbits(bits.view(np.uint8), axis=1, count=columns, bitorder="little")
    return unpacked.astype(np.bool_)


def reach_any(
    movers: Sequence[PartyMoves],
    values: Bits,
    *,
    improving: bool = False,
    backward: bool = False,
    cache: StepCache | None = None,
) -> Bits:
    """For every state s, the OR of the rows of ``values`` over the states reached from s by
    legal sequences of moves of ``movers`` (improvements only, when ``improving``), or from which
    s is reached (``backward``). Zero where nothing is reached.

    When no mover has forbidden moves the row of s itself may be included (see the module
    notes); callers ask questions whose answer at s does not change by it. ``cache`` keeps the
    parties' prepared moves between calls on one conflict.
    """
    if not movers:
        return np.zeros_like(values)
    exact = not all(moves.transitive for moves in movers)
    steps = []
    for moves in movers:
        key = (moves.party, improving, backward, exact)
        step = cache.get(key) if cache is not None else None
        if step is None:
            step = _Step(moves, improving, backward, exact=exact)
            if cache is not None:
                cache[key] = step
        steps.append(step)
    return _legal_sequences(steps, values) if exact else _transitive(steps, values)


StepCache = dict[tuple[str, bool, bool, bool], "_Step"]
"""Each party's moves prepared for :func:`reach_any`, by party, direction and kind of move."""


class _Step:
    """One party's moves as an OR over bit matrices: row s gets the OR of the rows of the states
    s moves to (the states that move to s, backwards)."""

    def __init__(self, moves: PartyMoves, improving: bool, backward: bool, *, exact: bool) -> None:
        self.flips: list[Array] | None = None
        self.spread: Array | None = None  # state -> its group, when the groups are blocks
        if moves.clique and not improving and not exact:
            # every state of a block moves to every other: OR the block (s included, which only
            # an exact step must avoid)
            self.flips = _hypercube_flips(moves)
            self.groups = _Segments(np.r_[moves.block_starts, moves.order.size], moves.order)
            self.spread = moves.block_of
        else:
            forward = moves.improvements if improving else moves.explicit
            lists = _reversed(forward, moves.ranks.size) if backward else forward
            self.groups = _Segments(lists.indptr, lists.targets)

    def __call__(self, bits: Bits) -> Bits:
        if self.flips is not None:  # every block a hypercube: OR along each option in turn
            result = bits.copy()
            for partner in self.flips:
                result |= result[partner]
            return result
        grouped = self.groups.reduce(bits)
        return grouped if self.spread is None else np.asarray(grouped[self.spread])


class _Segments:
    """Groups of rows (CSR: ``indptr`` into ``members``) and the OR of each group's rows: by
    gathering from a table padded to the largest group when groups are about the same size
    (a few fast passes), else by a reduction over the segments."""

    def __init__(self, indptr: Array, members: Array) -> None:
        self.indptr, self.members = indptr, members
        count = indptr.size - 1
        sizes = np.diff(indptr)
        widest = int(sizes.max()) if count else 0
        self.table: Array | None = None
        if widest and widest * count <= 2 * members.size + count:
            table = np.full((count, widest), -1, dtype=np.int64)  # -1: the zero row appended
            rows = np.repeat(np.arange(count), sizes)
            table[rows, np.arange(members.size) - np.repeat(indptr[:-1], sizes)] = members
            self.table = table

    def reduce(self, bits: Bits) -> Bits:
        count = self.indptr.size - 1
        if self.table is not None:
            padded = np.vstack([bits, np.zeros((1, bits.shape[1]), dtype=bits.dtype)])
            result = padded[self.table[:, 0]]
            for column in range(1, self.table.shape[1]):
                result |= padded[self.table[:, column]]
            return result
        result = np.zeros((count, bits.shape[1]), dtype=bits.dtype)
        if self.members.size:
            starts = self.indptr[:-1]
            present = starts < self.indptr[1:]
            result[present] = np.bitwise_or.reduceat(bits[self.members], starts[present], axis=0)
        return result


def _hypercube_flips(moves: PartyMoves) -> list[Array] | None:
    """When every block holds all 2^k combinations of the party's k options: for each option,
    the state with that option flipped (ORing along each in turn ORs whole blocks, faster than a
    reduction over blocks). ``None`` otherwise."""
    options = [bit for bit in range(moves.mask.bit_length()) if moves.mask >> bit & 1]
    if moves.block_starts.size << len(options) != moves.order.size:
        return None
    conflict = moves.conflict
    return [conflict.index_of(conflict.codes ^ np.int64(1 << bit)) for bit in options]


def _reversed(lists: _Csr, state_count: int) -> _Csr:
    """The same moves, listed by the state they reach."""
    sources = lists.sources
    order = np.argsort(lists.targets, kind="stable")
    return _from_edges(state_count, lists.targets[order], sources[order])


def _transitive(steps: Sequence[_Step], values: Bits) -> Bits:
    best = values
    while True:  # sweeps over the parties until one changes nothing
        before = best
        for step in steps:
            best = best | step(best)
        if all(step.flips is not None for step in steps):
            return best  # flipping each option in turn already reached every combination
        if np.array_equal(best, before):
            return best


def _legal_sequences(steps: Sequence[_Step], values: Bits) -> Bits:
    """M_k, what is reached when k moves next, from W(x, k) = values | OR of M_l over l ≠ k (the
    last mover may not move again); updated party by party until a sweep changes nothing."""
    through = [np.zeros_like(values) for _ in steps]
    changed = True
    while changed:
        changed = False
        for k, step in enumerate(steps):
            after = values.copy()
            for other, reached in enumerate(through):
                if other != k:
                    after |= reached
            grown = step(after)
            if not np.array_equal(grown, through[k]):
                through[k] = grown
                changed = True
    result = through[0].copy()
    for reached in through[1:]:
        result |= reached
    return result
