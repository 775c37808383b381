"""Stability of many preference variants of one conflict at once.

Moves do not depend on preferences, so one conflict serves every variant: the ranks become a
2-D array (variant × state) per party, and each aggregate of the stability kernel
(:mod:`standoff.stability._kernel`) becomes one vectorised reduction over the moves of a party
for all variants together. The definitions are those of :mod:`standoff.stability`:

- Nash: party i has no unilateral improvement (UI) from s.
- GMR: every UI s → s₁ of i meets some s₂ ∈ R_others(s₁) with rank_i(s₂) ≥ rank_i(s).
- SMR: as GMR, with min(rank_i(s₂), the best i can move to from s₂) ≥ rank_i(s).
- SEQ: as GMR within R⁺_others(s₁), the others' own improvements (which depend on *their* ranks
  in the same variant).
- SIM and SEQ+SIM are decided one variant at a time by the single-conflict kernel.

Variants are processed in chunks whose arrays stay within :data:`CHUNK_CELLS` cells, laid out
state × variant so that every reduction over moves gathers and reduces whole rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, party_moves
from standoff.conflict._moves import ranges, with_ranks
from standoff.stability import CONCEPTS, analyze
from standoff.stability._simultaneous import sim_stable

__all__ = ["BATCH_STATES", "CHUNK_CELLS", "VariantStability", "stable_variants"]

CHUNK_CELLS = 1 << 22
"""Most variant × (state or move) cells one vectorised step holds (32 MiB per int64 array)."""
BATCH_STATES = 256
"""Conflicts with more states are evaluated one variant at a time: there the single-conflict
kernel's per-block reductions beat gathering every move of every variant."""

Ranks2D = NDArray[np.int64]
Stable2D = NDArray[np.bool_]
Progress = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class VariantStability:
    """Which states are stable, per concept and party, in each of many preference variants.

    Attributes
    ----------
    concepts
        The concepts computed, in :data:`~standoff.stability.CONCEPTS` order.
    stable
        Concept -> party -> variant × state: stable for that party.
    equilibria
        Concept -> variant × state: stable for every party with options.
    """

    concepts: tuple[str, ...]
    stable: Mapping[str, Mapping[str, Stable2D]]
    equilibria: Mapping[str, Stable2D]


def stable_variants(
    conflict: Conflict,
    ranks: Mapping[str, Ranks2D],
    concepts: Iterable[str] = CONCEPTS,
    *,
    progress: Progress | None = None,
    distinct: bool = False,
) -> VariantStability:
    """Stability of every variant: ``ranks[party]`` is variant × state (1 × state broadcasts).

    Parties missing from ``ranks`` keep their stated ranks. Repeated profiles are computed once,
    unless the caller knows them ``distinct``.

    Examples
    --------
    Swap the two statements of Ann in the prisoner's dilemma: mutual defection stops being the
    only Nash equilibrium.

    >>> import numpy as np
    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> ann = conflict.judgements["Ann"].ranks(np.array([[0, 1], [1, 0]]))
    >>> stable_variants(conflict, {"Ann": ann}, ["nash"]).equilibria["nash"].tolist()
    [[False, False, False, True], [False, False, False, True]]
    """
    wanted = tuple(c for c in CONCEPTS if c in set(concepts))
    movers = [party.id for party in conflict.movers]
    variants = max((np.shape(r)[0] for r in ranks.values()), default=1)
    full = {
        party: np.broadcast_to(
            np.asarray(ranks.get(party, conflict.ranks[party][None, :]), dtype=np.int64),
            (variants, conflict.state_count),
        )
        for party in movers
    }
    if distinct:
        unique, back = dict(full), np.arange(variants)
    else:
        unique, back = _distinct_profiles(full, variants)
    result = _stable_distinct(conflict, unique, wanted, progress)
    if distinct:
        return result
    return VariantStability(
        wanted,
        MappingProxyType(
            {c: MappingProxyType({p: a[back] for p, a in result.stable[c].items()}) for c in wanted}
        ),
        MappingProxyType({c: result.equilibria[c][back] for c in wanted}),
    )


def _distinct_profiles(
    ranks: Mapping[str, Ranks2D], variants: int
) -> tuple[dict[str, Ranks2D], NDArray[np.int64]]:
    """The distinct profiles (rows of every party's ranks together) and where each variant is."""
    if variants == 1 or not ranks:
        return {p: np.asarray(r) for p, r in ranks.items()}, np.zeros(variants, np.int64)
    joined = np.concatenate([np.asarray(r) for r in ranks.values()], axis=1)
    _, first, back = np.unique(joined, axis=0, return_index=True, return_inverse=True)
    return {p: np.asarray(r)[first] for p, r in ranks.items()}, back.reshape(-1).astype(np.int64)


def _stable_distinct(
    conflict: Conflict,
    full: Mapping[str, Ranks2D],
    wanted: tuple[str, ...],
    progress: Progress | None,
) -> VariantStability:
    movers = list(full)
    variants = next(iter(full.values())).shape[0] if full else 1
    if conflict.state_count > BATCH_STATES:
        return _one_by_one(conflict, full, wanted, progress)
    moves = {party: _Moves.of(conflict, party) for party in movers}
    width = max([conflict.state_count, *(m.targets.size for m in moves.values())])
    chunk = max(1, CHUNK_CELLS // max(width, 1))
    needed = set(wanted) | ({"seq", "sim"} if "seqsim" in wanted else set())
    sim_tables = (
        {party: _SimTable.of(conflict, party, moves) for party in movers} if "sim" in needed else {}
    )
    parts: dict[str, dict[str, list[Stable2D]]] = {c: {p: [] for p in movers} for c in needed}
    for start in range(0, variants, chunk):
        block = {party: full[party][start : start + chunk] for party in movers}
        by_state = {
            party: np.ascontiguousarray(ranks.T, dtype=_narrowest(block.values()))
            for party, ranks in block.items()
        }
        improvements = {party: moves[party].improvements(by_state[party]) for party in movers}
        for concept in needed - {"sim", "seqsim"}:
            for party in movers:
                stable_by_state = _stable(concept, party, by_state, moves, improvements)
                parts[concept][party].append(stable_by_state.T)
        if "sim" in needed:
            sims = _sim(conflict, block, moves, by_state, improvements, sim_tables)
            for party, sim in sims.items():
                parts["sim"][party].append(sim)
        if progress is not None:
            progress(min(start + chunk, variants), variants)
    stable: dict[str, Mapping[str, Stable2D]] = {}
    for concept in (c for c in CONCEPTS if c in needed and c != "seqsim"):
        stable[concept] = MappingProxyType(
            {party: _joined(parts[concept][party], variants, conflict) for party in movers}
        )
    if "seqsim" in needed:
        stable["seqsim"] = MappingProxyType(
            {party: stable["seq"][party] | stable["sim"][party] for party in movers}
        )
    equilibria = {}
    for concept in wanted:
        together = np.ones((variants, conflict.state_count), dtype=np.bool_)
        for array in stable[concept].values():
            together &= array
        equilibria[concept] = together
    return VariantStability(
        wanted,
        MappingProxyType({c: stable[c] for c in wanted}),
        MappingProxyType(equilibria),
    )


def _one_by_one(
    conflict: Conflict,
    full: Mapping[str, Ranks2D],
    wanted: tuple[str, ...],
    progress: Progress | None,
) -> VariantStability:
    """Each variant by the single-conflict kernel, on the moves built once for ``conflict``."""
    movers = list(full)
    variants = next(iter(full.values())).shape[0] if full else 1
    for party in movers:
        party_moves(conflict, party)  # built once; every variant shares them
    stable = {
        c: {p: np.zeros((variants, conflict.state_count), np.bool_) for p in movers} for c in wanted
    }
    equilibria = {c: np.zeros((variants, conflict.state_count), np.bool_) for c in wanted}
    for v in range(variants):
        variant = with_ranks(conflict, {p: np.ascontiguousarray(r[v]) for p, r in full.items()})
        for concept, result in analyze(variant, wanted).results.items():
            equilibria[concept][v] = result.equilibria
            for party, array in result.stable.items():
                stable[concept][party][v] = array
        if progress is not None:
            progress(v + 1, variants)
    return VariantStability(
        wanted,
        MappingProxyType({c: MappingProxyType(stable[c]) for c in wanted}),
        MappingProxyType(equilibria),
    )


def _narrowest(ranks: Iterable[Ranks2D]) -> type[np.signedinteger[Any]]:
    """The smallest integer type that holds every rank and one more (a floor above them all):
    narrower arrays make every reduction over moves move less memory."""
    top = max((int(r.max()) for r in ranks if r.size), default=0) + 1
    for kind in (np.int8, np.int16, np.int32):
        if top <= np.iinfo(kind).max:
            return kind
    return np.int64


def _joined(parts: list[Stable2D], variants: int, conflict: Conflict) -> Stable2D:
    if not parts:
        return np.ones((variants, conflict.state_count), dtype=np.bool_)
    return np.concatenate(parts, axis=0)


@dataclass(frozen=True, eq=False)
class _Moves:
    """One party's moves as edge lists (sources ascending), shared by every variant.

    ``slots[k]`` holds the states with more than k moves and the index of the k-th move of
    each: a reduction over moves is then one element-wise step per slot, over whole rows.
    """

    sources: NDArray[np.int64]
    targets: NDArray[np.int64]
    slots: tuple[tuple[NDArray[np.int64], NDArray[np.int64]], ...]
    transitive: bool

    @classmethod
    def of(cls, conflict: Conflict, party: str) -> _Moves:
        moves = party_moves(conflict, party)
        moves.check_listing_size("robustness analysis")
        listed = moves.explicit
        degree = np.diff(listed.indptr)
        slots = []
        for k in range(int(degree.max(initial=0))):
            states = np.flatnonzero(degree > k)
            slots.append((states, listed.indptr[states] + k))
        return cls(listed.sources, listed.targets, tuple(slots), moves.transitive)

    def improvements(self, mover_ranks: Ranks2D) -> NDArray[np.bool_]:
        """Move × variant: whether the move improves its mover's rank (ranks state × variant)."""
        return np.asarray(mover_ranks[self.targets] < mover_ranks[self.sources])

    def reduce(
        self,
        values: Ranks2D,
        reduction: np.ufunc,
        identity: int,
        allowed: NDArray[np.bool_] | None = None,
    ) -> Ranks2D:
        """``reduction`` of ``values`` (state × variant) over each state's moves (only the
        ``allowed`` ones, move × variant, when given); ``identity`` where there are none."""
        result = np.full(values.shape, identity, dtype=values.dtype)
        for states, edges in self.slots:
            gathered = values[self.targets[edges]]
            if allowed is not None:
                if reduction is np.maximum and identity == 0:  # values are never negative
                    gathered = gathered * allowed[edges]
                else:
                    gathered = np.where(allowed[edges], gathered, identity)
            if states.size == len(result):
                reduction(result, gathered, out=result)
            else:
                result[states] = reduction(result[states], gathered)
        return result


def _stable(
    concept: str,
    party: str,
    ranks: Mapping[str, Ranks2D],
    moves: Mapping[str, _Moves],
    improvements: Mapping[str, NDArray[np.bool_]],
) -> Stable2D:
    own = ranks[party]
    mine = moves[party]
    floor = int(own.max()) + 1
    if concept == "nash":
        return np.asarray(mine.reduce(own, np.minimum, floor) >= own)
    improving = concept == "seq"
    others = [(moves[p], improvements[p] if improving else None) for p in moves if p != party]
    values = np.minimum(own, mine.reduce(own, np.minimum, floor)) if concept == "smr" else own
    sanction = _reach_maximum(others, values)
    weakest = mine.reduce(sanction, np.minimum, floor, improvements[party])
    return np.asarray(weakest >= own)


def _reach_maximum(
    others: list[tuple[_Moves, NDArray[np.bool_] | None]], values: Ranks2D
) -> Ranks2D:
    """``max values`` over R_H(s) for every variant, as in
    :func:`standoff.stability._reach.reach_maximum`; within R⁺_H(s) when each party's moves
    come with the improvements allowed."""
    if not others:
        return np.zeros_like(values)
    if all(moves.transitive for moves, _ in others):
        best = np.array(values)
        changed = True
        while changed:
            changed = False
            for moves, allowed in others:
                reached = moves.reduce(best, np.maximum, 0, allowed)
                if (reached > best).any():
                    best = np.maximum(best, reached)
                    changed = True
        return best
    after = [np.array(values) for _ in others]
    while True:
        through = np.stack(
            [
                moves.reduce(after[k], np.maximum, 0, allowed)
                for k, (moves, allowed) in enumerate(others)
            ]
        )
        updated = [np.maximum(values, _maximum_of_others(through, k)) for k in range(len(others))]
        if all(np.array_equal(new, old) for new, old in zip(updated, after, strict=True)):
            return np.asarray(through.max(axis=0))
        after = updated


def _maximum_of_others(rows: NDArray[np.int64], k: int) -> Ranks2D:
    if rows.shape[0] == 1:
        return np.zeros_like(rows[0])
    return np.asarray(np.delete(rows, k, axis=0).max(axis=0))


@dataclass(frozen=True)
class _SimTable:
    """Every simultaneous sanction SIM may try against one party's moves, for every variant.

    Entry k pairs the party's move ``edge[k]`` (an index into its :class:`_Moves`) with one
    response of each other party (``replies[j][k]``: an index into that party's moves, or -1
    for staying), and ``state[k]`` is the state all of them together lead to (-1 when it is
    infeasible). Which entries are sanctions depends on the variant's ranks alone: the moves
    that are improvements, and how the party ranks the state reached against the one it left.
    """

    edge: NDArray[np.int64]
    edge_starts: NDArray[np.int64]
    replies: tuple[tuple[str, NDArray[np.int64]], ...]
    state: NDArray[np.int64]

    @classmethod
    def of(cls, conflict: Conflict, party: str, moves: Mapping[str, _Moves]) -> _SimTable | None:
        """The table, or None when it would hold more than :data:`CHUNK_CELLS` entries."""
        mine, codes, count = moves[party], conflict.codes, conflict.state_count
        edge = np.arange(mine.sources.size, dtype=np.int64)
        combined = codes[mine.targets]  # the party's change; the others' options as they were
        replies: list[tuple[str, NDArray[np.int64]]] = []
        for other, theirs in moves.items():
            if other == party:
                continue
            indptr = np.searchsorted(theirs.sources, np.arange(count + 1)).astype(np.int64)
            source = mine.sources[edge]
            choices = np.diff(indptr)[source] + 1  # stay, or one of its moves
            if int(choices.sum()) > CHUNK_CELLS:
                return None
            choice = ranges(np.zeros(edge.size, dtype=np.int64), choices)
            edge, combined = np.repeat(edge, choices), np.repeat(combined, choices)
            replies = [(name, np.repeat(reply, choices)) for name, reply in replies]
            reply = np.full(edge.size, -1, dtype=np.int64)
            moving = choice > 0
            reply[moving] = np.repeat(indptr[source], choices)[moving] + choice[moving] - 1
            mask = np.int64(conflict.party_mask(other))
            combined[moving] = (combined[moving] & ~mask) | (
                codes[theirs.targets[reply[moving]]] & mask
            )
            replies.append((other, reply))
        starts = np.flatnonzero(np.r_[True, edge[1:] != edge[:-1]]) if edge.size else edge
        return cls(edge, starts.astype(np.int64), tuple(replies), conflict.index_of(combined))

    def stable(
        self,
        party: str,
        moves: Mapping[str, _Moves],
        by_state: Mapping[str, Ranks2D],
        improvements: Mapping[str, NDArray[np.bool_]],
    ) -> Stable2D:
        """State × variant: SIM stability of ``party`` (ranks state × variant)."""
        own, mine = by_state[party], moves[party]
        variants = own.shape[1]
        unstable = np.zeros(own.shape, dtype=np.bool_)
        if not self.edge.size:
            return ~unstable
        feasible = self.state >= 0
        left = mine.sources[self.edge]
        sanction = np.zeros((self.edge.size, variants), dtype=np.bool_)
        sanction[feasible] = own[self.state[feasible]] >= own[left[feasible]]
        for other, reply in self.replies:
            moving = reply >= 0
            sanction[moving] &= improvements[other][reply[moving]]
        sanctioned = np.logical_or.reduceat(sanction, self.edge_starts, axis=0)
        escapes = improvements[party] & ~sanctioned  # an improvement no response sanctions
        np.logical_or.at(unstable, mine.sources, escapes)
        return ~unstable


def _sim(
    conflict: Conflict,
    ranks: Mapping[str, Ranks2D],
    moves: Mapping[str, _Moves],
    by_state: Mapping[str, Ranks2D],
    improvements: Mapping[str, NDArray[np.bool_]],
    tables: Mapping[str, _SimTable | None],
) -> dict[str, Stable2D]:
    """SIM of every variant (variant × state per party): batched over variants where the
    party's table of sanctions fits, one variant at a time otherwise."""
    variants = next(iter(ranks.values())).shape[0]
    result: dict[str, Stable2D] = {}
    for party in ranks:
        table = tables.get(party)
        if table is None:
            continue
        step = max(1, CHUNK_CELLS // max(table.edge.size, 1))
        result[party] = np.concatenate(
            [
                table.stable(
                    party,
                    moves,
                    {p: r[:, start : start + step] for p, r in by_state.items()},
                    {p: m[:, start : start + step] for p, m in improvements.items()},
                ).T
                for start in range(0, variants, step)
            ]
        )
    rest = [party for party in ranks if party not in result]
    if rest:
        one_by_one = {p: np.zeros((variants, conflict.state_count), dtype=np.bool_) for p in rest}
        for v in range(variants):
            variant = with_ranks(
                conflict, {party: np.ascontiguousarray(r[v]) for party, r in ranks.items()}
            )
            for party in rest:
                one_by_one[party][v] = sim_stable(variant, party)
        result.update(one_by_one)
    return result
