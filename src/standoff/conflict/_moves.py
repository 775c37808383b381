"""Unilateral moves of one party, stored by blocks instead of as an N×N matrix.

A party's move changes only its own options, so the states that share every *other* option form a
*block* and a move never leaves its block. When the party has no irreversible option and no
forbidden-move rule, it can move from any state of a block to any other (the block is a clique) and
aggregates over its moves are per-block reductions, linear in N. Otherwise the moves are listed
explicitly, CSR-style (``indptr`` per state into ``targets``), which costs the sum of the squared
block sizes: at most N · 2^k for a party with k options. The lists of one conflict share one
budget, :data:`MAX_LISTED_MOVES` candidate moves in all, checked before anything is allocated;
a list is built a bounded chunk of states at a time, so that building it needs little more memory
than the list itself.

Definition (scenario format, "Moves"): party P moves from s to t when s ≠ t, both are feasible, they
differ only in P's options, no irreversible option changes in its forbidden direction, and no
``forbidden_moves`` rule of P has ``from`` true at s and ``to`` true at t.
:func:`is_unilateral_move` applies it to one pair of states; :class:`PartyMoves` to all at once.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from standoff.conflict._model import Conflict, Ranks
from standoff.errors import AnalysisTooLargeError

__all__ = [
    "MAX_LISTED_MOVES",
    "PartyMoves",
    "Reduction",
    "check_listing_sizes",
    "is_unilateral_move",
    "party_moves",
    "with_ranks",
]

MAX_LISTED_MOVES = 1 << 27
"""Most candidate moves (sums of squared block sizes) the explicit lists of one conflict may
examine, all parties together: each candidate costs up to 16 bytes kept (the move and, for the
improvements, again), so the lists stay within about 2 GB (SIM on 5 parties of 4 options each,
1,048,576 states, lists 83,886,080 candidates)."""
_CHUNK = 1 << 21
"""Candidate moves examined at once while a list is built."""

Array = NDArray[np.int64]
Reduction = np.ufunc
"""``numpy.minimum`` or ``numpy.maximum``."""


def is_unilateral_move(conflict: Conflict, party: str, source: int, target: int) -> bool:
    """Whether ``party`` can move from the state ``source`` to the state ``target`` by itself.

    The rule of the scenario format ("Moves"): the two states differ, only in options of
    ``party``; no irreversible option is reversed (an option ``once_taken`` dropped, or an option
    ``once_dropped`` taken); and no ``forbidden_moves`` rule of ``party`` has ``from`` true at
    ``source`` and ``to`` true at ``target``. It looks at one pair of states, so it suits a few;
    :func:`party_moves` lists every move of a party at once.

    Parameters
    ----------
    conflict
        The conflict the states belong to.
    party
        The id of the party that would move (a party without options has no moves).
    source, target
        Indices (0-based) of the state before and after the move.

    Returns
    -------
    bool
        ``True`` when the move is legal.

    Raises
    ------
    KeyError
        When ``party`` is not a party of the conflict.

    Examples
    --------
    In the Elmira dispute Uniroyal may stop delaying and abandon its plant, but not go back:
    ``abandon`` is irreversible once taken and ``delay`` once dropped.

    >>> from standoff.conflict import build_conflict, is_unilateral_move
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/elmira.yaml"))
    >>> delaying, abandoned = conflict.find_state("NYNNN"), conflict.find_state("NNNYN")
    >>> is_unilateral_move(conflict, "Uniroyal", delaying, abandoned)
    True
    >>> is_unilateral_move(conflict, "Uniroyal", abandoned, delaying)
    False
    >>> is_unilateral_move(conflict, "MoE", delaying, abandoned)  # not the ministry's options
    False
    """
    before, after = int(conflict.codes[source]), int(conflict.codes[target])
    difference = before ^ after
    if difference == 0 or difference & ~conflict.party_mask(party):
        return False
    if before & ~after & conflict.once_taken or ~before & after & conflict.once_dropped:
        return False
    return not any(
        rule.party == party and rule.source[source] and rule.target[target]
        for rule in conflict.forbidden
    )


SHARED_CACHES = ("_code_table", "_option_partners")
"""What a conflict caches that does not depend on preferences: a variant made by
:func:`with_ranks` shares it (the state lookup table, each option's partner states)."""


def with_ranks(conflict: Conflict, ranks: Mapping[str, Ranks]) -> Conflict:
    """``conflict`` with other ranks, sharing the moves already built for it.

    Robustness analysis evaluates many preference variants of one conflict; the moves do not
    depend on preferences, so each variant reuses them.
    """
    variant = replace(conflict, ranks=MappingProxyType(dict(ranks)))
    cache: dict[str, PartyMoves] = conflict.__dict__.get("_party_moves", {})
    variant.__dict__["_party_moves"] = {p: m.with_ranks(variant) for p, m in cache.items()}
    for name in SHARED_CACHES:
        if name in conflict.__dict__:
            variant.__dict__[name] = conflict.__dict__[name]
    return variant


def party_moves(conflict: Conflict, party: str) -> PartyMoves:
    """The moves of ``party`` in ``conflict`` (built once per conflict and party)."""
    cache: dict[str, PartyMoves] = conflict.__dict__.setdefault("_party_moves", {})
    if party not in cache:
        cache[party] = PartyMoves(conflict, party)
    return cache[party]


@dataclass(frozen=True, eq=False)
class _Csr:
    indptr: Array  # state index -> start in targets; length N + 1
    targets: Array

    @property
    def sources(self) -> Array:
        return np.repeat(np.arange(self.indptr.size - 1), np.diff(self.indptr))

    def reduce(self, values: Array, reduction: Reduction, identity: int) -> Array:
        """``reduction`` of ``values`` over each state's targets (``identity`` where none)."""
        result = np.full(self.indptr.size - 1, identity, dtype=np.int64)
        if self.targets.size:
            starts = self.indptr[:-1]
            present = starts < self.indptr[1:]
            result[present] = reduction.reduceat(values[self.targets], starts[present])
        return result


class PartyMoves:
    """The unilateral moves of one party, with the aggregates the stability kernel needs."""

    def __init__(self, conflict: Conflict, party: str) -> None:
        self.conflict = conflict
        self.party = party
        self.mask = conflict.party_mask(party)
        self.ranks: Array = conflict.ranks.get(party, np.zeros(conflict.state_count, np.int64))
        own_irreversible = (conflict.once_taken | conflict.once_dropped) & self.mask
        self.rules = tuple(rule for rule in conflict.forbidden if rule.party == party)
        self.clique = own_irreversible == 0 and not self.rules
        self.transitive = not self.rules
        """Whether two moves in a row always equal one move or none (no forbidden moves)."""
        others = conflict.codes & ~np.int64(self.mask)
        # states sorted by block (the options of the others), then by code
        self.order: Array = np.lexsort((conflict.codes, others)).astype(np.int64)
        sorted_others = others[self.order]
        first = np.r_[True, sorted_others[1:] != sorted_others[:-1]]
        self.block_starts: Array = np.flatnonzero(first).astype(np.int64)
        block_sorted = np.cumsum(first) - 1
        self.block_of: Array = np.empty(conflict.state_count, dtype=np.int64)
        self.block_of[self.order] = block_sorted

    def with_ranks(self, conflict: Conflict) -> PartyMoves:
        """These moves in ``conflict``, which differs from this one only in its ranks.

        The block structure and the explicit list are shared; what depends on preferences is
        recomputed on first use.
        """
        copy = object.__new__(PartyMoves)
        copy.__dict__.update(self.__dict__)
        for cached in ("improvements", "_by_rank"):
            copy.__dict__.pop(cached, None)
        copy.conflict = conflict
        copy.ranks = conflict.ranks.get(self.party, np.zeros(conflict.state_count, np.int64))
        return copy

    # -- explicit lists --------------------------------------------------------------------------

    @property
    def listing_size(self) -> int:
        """How many candidate moves an explicit list examines: the sum of squared block sizes."""
        sizes = np.diff(np.r_[self.block_starts, self.order.size])
        return int(np.sum(sizes * sizes))

    def check_listing_size(self, why: str, hint: str = "") -> None:
        """Refuse, before any allocation, to list this party's moves when that would take the
        conflict's lists beyond :data:`MAX_LISTED_MOVES` (see :func:`check_listing_sizes`)."""
        check_listing_sizes(self.conflict, [self.party], why, hint)

    @property
    def listed(self) -> bool:
        """Whether the explicit list has been built."""
        return "explicit" in self.__dict__

    @cached_property
    def explicit(self) -> _Csr:
        """Every move as an explicit list (built on first use, a chunk of states at a time)."""
        self.check_listing_size("this analysis")
        conflict, codes = self.conflict, self.conflict.codes
        sizes = np.diff(np.r_[self.block_starts, self.order.size])
        size_of_state = sizes[self.block_of]
        start_of_state = self.block_starts[self.block_of]
        ends = np.cumsum(size_of_state)
        cuts = np.searchsorted(ends, np.arange(_CHUNK, int(ends[-1]) if ends.size else 0, _CHUNK))
        counts = np.zeros(codes.size, dtype=np.int64)
        kept: list[Array] = []
        for first, last in itertools.pairwise([0, *np.unique(cuts).tolist(), codes.size]):
            if first == last:
                continue
            chunk_sizes = size_of_state[first:last]
            sources = np.repeat(np.arange(first, last, dtype=np.int64), chunk_sizes)
            offsets = np.arange(sources.size, dtype=np.int64) - np.repeat(
                np.cumsum(chunk_sizes) - chunk_sizes, chunk_sizes
            )
            targets = self.order[np.repeat(start_of_state[first:last], chunk_sizes) + offsets]
            before, after = codes[sources], codes[targets]
            allowed = sources != targets
            allowed &= (before & ~after & conflict.once_taken) == 0
            allowed &= (~before & after & conflict.once_dropped) == 0
            for rule in self.rules:
                allowed &= ~(rule.source[sources] & rule.target[targets])
            counts[first:last] = np.bincount(sources[allowed] - first, minlength=last - first)
            kept.append(targets[allowed])
        indptr = np.r_[0, np.cumsum(counts)].astype(np.int64)
        targets = np.concatenate(kept) if kept else np.zeros(0, dtype=np.int64)
        return _Csr(indptr, targets.astype(np.int64, copy=False))

    @cached_property
    def improvements(self) -> _Csr:
        """Every unilateral improvement (move to a strictly preferred state) as an explicit list."""
        moves = self.explicit
        sources = moves.sources
        better = self.ranks[moves.targets] < self.ranks[sources]
        return _from_edges(self.ranks.size, sources[better], moves.targets[better])

    # -- aggregates ------------------------------------------------------------------------------

    def reduce_with_self(self, values: Array, reduction: Reduction) -> Array:
        """``reduction`` of ``values`` over each state and every state it can move to."""
        if self.clique:
            per_block = reduction.reduceat(values[self.order], self.block_starts)
            return per_block[self.block_of]
        identity = _identity(values, reduction)
        return np.asarray(reduction(values, self.explicit.reduce(values, reduction, identity)))

    def reduce_moves(self, values: Array, reduction: Reduction, identity: int) -> Array:
        """``reduction`` of ``values`` over the states each state can move to (not itself)."""
        return self.explicit.reduce(values, reduction, identity)

    def reduce_improvements(self, values: Array, reduction: Reduction, identity: int) -> Array:
        """``reduction`` of ``values`` over each state's unilateral improvements for this party."""
        if not self.clique:
            return self.improvements.reduce(values, reduction, identity)
        order, blocks, has_better, previous = self._by_rank
        sorted_values = values[order]
        low = int(sorted_values.min())
        span = int(sorted_values.max()) - low + 1
        if reduction is np.maximum:
            shifted = sorted_values - low + blocks * span
            running = np.maximum.accumulate(shifted) - blocks * span + low
        else:
            offset = (int(blocks[-1]) - blocks) * span
            running = np.minimum.accumulate(sorted_values - low + offset) - offset + low
        result_sorted = np.where(has_better, running[previous], identity)
        result = np.empty_like(result_sorted)
        result[order] = result_sorted
        return result

    @cached_property
    def _by_rank(self) -> tuple[Array, Array, NDArray[np.bool_], Array]:
        """States sorted by block then rank; whether each has a better state in its block; and
        the position of the last state of the next better rank group."""
        order = np.lexsort((self.ranks, self.block_of)).astype(np.int64)
        blocks = self.block_of[order]
        ranks = self.ranks[order]
        positions = np.arange(order.size, dtype=np.int64)
        new_block = np.r_[True, blocks[1:] != blocks[:-1]]
        new_group = new_block | np.r_[True, ranks[1:] != ranks[:-1]]
        block_start = np.maximum.accumulate(np.where(new_block, positions, 0))
        group_start = np.maximum.accumulate(np.where(new_group, positions, 0))
        has_better = group_start > block_start
        return order, blocks, has_better, np.maximum(group_start - 1, 0)


def check_listing_sizes(
    conflict: Conflict, parties: Iterable[str], why: str, hint: str = ""
) -> None:
    """Refuse, before any allocation, to list the moves of ``parties`` one by one when the lists
    of the conflict, those already built and these, would examine more than
    :data:`MAX_LISTED_MOVES` candidate moves in all.

    Raises
    ------
    standoff.errors.AnalysisTooLargeError
        Naming the parties, the candidate moves, the states and the limit; ``why`` says what
        needs the lists and ``hint`` (appended) what to do about it.
    """
    wanted = set(parties)
    counted = [
        moves
        for moves in (party_moves(conflict, party.id) for party in conflict.movers)
        if moves.party in wanted or moves.listed
    ]
    total = sum(moves.listing_size for moves in counted)
    if total <= MAX_LISTED_MOVES:
        return
    names = [f"'{moves.party}'" for moves in counted]
    which = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    blocks = (
        "a party with many options makes" if len(names) == 1 else "parties with many options make"
    )
    raise AnalysisTooLargeError(
        f"{why} needs the moves of {which} listed one by one: {total:,} candidate moves over "
        f"{conflict.state_count:,} states, beyond the limit of {MAX_LISTED_MOVES:,} ({blocks} "
        f"large blocks){hint}"
    )


def _identity(values: Array, reduction: Reduction) -> int:
    if values.size == 0:
        return 0
    return int(values.max()) if reduction is np.minimum else int(values.min())


def _from_edges(state_count: int, sources: Array, targets: Array) -> _Csr:
    """CSR lists from edges whose ``sources`` are already in ascending order."""
    counts = np.bincount(sources, minlength=state_count)
    indptr = np.r_[0, np.cumsum(counts)].astype(np.int64)
    return _Csr(indptr, targets.astype(np.int64))


def ranges(starts: Array, counts: Array) -> Array:
    """Concatenated ``arange(start, start + count)`` for each pair, vectorised."""
    total = int(counts.sum())
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + offsets
