"""Breadth-first search over legal sequences of moves, with shortest paths.

A *legal sequence* is a sequence of unilateral moves by parties of a group H in which no party moves
twice in succession. The search runs over (state, last mover) pairs, level by level, so the first
time a pair is reached is along a shortest legal sequence; each pair keeps its predecessor, from
which :meth:`Search.path` rebuilds that sequence. With ``improving=True`` every move must be a
unilateral improvement for the party making it; with ``backward=True`` the search follows moves
backwards, answering "from which states can the start be reached".

Each level expands every party once: for a party whose blocks are cliques (see
:mod:`standoff.conflict._moves`) this touches only the blocks the frontier lies in; otherwise it
follows the explicit move lists. Work is linear in the states and moves touched, never N².
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from standoff.conflict._model import Conflict
from standoff.conflict._moves import Array, PartyMoves, _Csr, _from_edges, party_moves, ranges

__all__ = ["Search", "Step", "search"]


@dataclass(frozen=True)
class Step:
    """One unilateral move: ``party`` moves from state index ``source`` to ``target``."""

    party: str
    source: int
    target: int


@dataclass(frozen=True, eq=False)
class Search:
    """Where legal sequences from (or, backwards, to) the start states lead.

    ``depth[k, s]`` is the length of a shortest legal sequence that reaches state s with party
    ``movers[k]`` moving last (backwards: starting at s with that party moving first), or -1.
    """

    conflict: Conflict
    movers: tuple[str, ...]
    starts: tuple[int, ...]
    improving: bool
    backward: bool
    depth: NDArray[np.int64]
    parent_state: NDArray[np.int64]
    parent_mover: NDArray[np.int64]

    @cached_property
    def distance(self) -> NDArray[np.int64]:
        """Fewest moves to each state (0 for a start, -1 if unreachable)."""
        reached = np.where(self.depth >= 0, self.depth, np.iinfo(np.int64).max)
        best = reached.min(axis=0, initial=np.iinfo(np.int64).max)
        best[list(self.starts)] = 0
        return np.where(best == np.iinfo(np.int64).max, -1, best)

    @property
    def reachable(self) -> NDArray[np.bool_]:
        """Whether each state is reached (a start counts, with no move)."""
        return np.asarray(self.distance >= 0)

    def path(self, state: int) -> tuple[Step, ...]:
        """A shortest legal sequence between a start and ``state``, in the order it is played."""
        if state in self.starts:
            return ()
        if self.distance[state] < 0:
            raise ValueError(f"state {state + 1} is not reached")
        mover = int(np.argmin(np.where(self.depth[:, state] >= 0, self.depth[:, state], 1 << 62)))
        steps: list[Step] = []
        while mover >= 0:
            previous = int(self.parent_state[mover, state])
            party = self.movers[mover]
            if self.backward:  # moving from `state` to `previous` is the played move
                steps.append(Step(party, state, previous))
            else:
                steps.append(Step(party, previous, state))
            state, mover = previous, int(self.parent_mover[mover, state])
        return tuple(steps) if self.backward else tuple(reversed(steps))


def search(
    conflict: Conflict,
    movers: Sequence[str],
    starts: Sequence[int],
    *,
    improving: bool = False,
    backward: bool = False,
    first_mover_excluded: str | None = None,
) -> Search:
    """Search legal sequences of moves by ``movers`` from (or, ``backward``, to) ``starts``.

    ``first_mover_excluded`` names a party that may not make the first move (the party that just
    moved, when the search continues a sequence).
    """
    count, state_count = len(movers), conflict.state_count
    depth = np.full((count, state_count), -1, dtype=np.int64)
    parent_state = np.full((count, state_count), -1, dtype=np.int64)
    parent_mover = np.full((count, state_count), -1, dtype=np.int64)
    expanders = [_Expander(party_moves(conflict, party), improving, backward) for party in movers]
    frontier_states = np.asarray(starts, dtype=np.int64)
    frontier_movers = np.full(frontier_states.size, -1, dtype=np.int64)
    if first_mover_excluded is not None and first_mover_excluded in movers:
        frontier_movers[:] = list(movers).index(first_mover_excluded)
    level = 0
    while frontier_states.size:
        level += 1
        new_states, new_movers = [], []
        for k, expander in enumerate(expanders):
            allowed = frontier_movers != k
            sources, source_movers = frontier_states[allowed], frontier_movers[allowed]
            if not sources.size:
                continue
            first = np.unique(sources, return_index=True)[1]
            sources, source_movers = sources[first], source_movers[first]
            targets, via = expander.expand(sources)
            fresh = depth[k, targets] < 0
            targets, via = targets[fresh], via[fresh]
            depth[k, targets] = level
            parent_state[k, targets] = sources[via]
            parent_mover[k, targets] = source_movers[via]
            new_states.append(targets)
            new_movers.append(np.full(targets.size, k, dtype=np.int64))
        frontier_states = np.concatenate(new_states) if new_states else np.zeros(0, np.int64)
        frontier_movers = np.concatenate(new_movers) if new_movers else np.zeros(0, np.int64)
    return Search(
        conflict, tuple(movers), tuple(int(s) for s in starts), improving, backward,
        depth, parent_state, parent_mover,
    )  # fmt: skip


class _Expander:
    """One party's moves from a set of states: each reached state once, with one source."""

    def __init__(self, moves: PartyMoves, improving: bool, backward: bool) -> None:
        self.moves = moves
        self.improving = improving
        self.backward = backward

    @cached_property
    def lists(self) -> _Csr:
        forward = self.moves.improvements if self.improving else self.moves.explicit
        if not self.backward:
            return forward
        sources = forward.sources
        order = np.argsort(forward.targets, kind="stable")
        return _from_edges(self.moves.ranks.size, forward.targets[order], sources[order])

    def expand(self, sources: Array) -> tuple[Array, Array]:
        """Reached states (unique) and, for each, the position in ``sources`` it came from."""
        if self.moves.clique:
            targets, via = self._expand_blocks(sources)
        else:
            counts = np.diff(self.lists.indptr)[sources]
            via = np.repeat(np.arange(sources.size, dtype=np.int64), counts)
            targets = self.lists.targets[ranges(self.lists.indptr[sources], counts)]
        unique, first = np.unique(targets, return_index=True)
        return unique, via[first]

    def _expand_blocks(self, sources: Array) -> tuple[Array, Array]:
        moves = self.moves
        ranks = moves.ranks
        blocks = moves.block_of[sources]
        # one representative source per block: the worst for the mover going forward (it can
        # improve to the most states), the best going backward; for plain moves, any two
        key = -ranks[sources] if self.improving and not self.backward else ranks[sources]
        order = np.lexsort((key, blocks))
        sorted_blocks = blocks[order]
        heads = np.flatnonzero(np.r_[True, sorted_blocks[1:] != sorted_blocks[:-1]])
        ends = np.r_[heads[1:], order.size]
        first_source = order[heads]
        second_source = np.where(heads + 1 < ends, order[np.minimum(heads + 1, order.size - 1)], -1)
        touched = sorted_blocks[heads]
        sizes = np.diff(np.r_[moves.block_starts, moves.order.size])[touched]
        members = moves.order[ranges(moves.block_starts[touched], sizes)]
        block_index = np.repeat(np.arange(touched.size, dtype=np.int64), sizes)
        via = first_source[block_index]
        if self.improving:
            better = ranks[members] < ranks[sources[via]]
            keep = ~better if self.backward else better
            keep &= ranks[members] != ranks[sources[via]]
        else:
            same = members == sources[via]
            via = np.where(same, second_source[block_index], via)
            keep = via >= 0
        return members[keep], via[keep]
