"""Simultaneous sanctioning (SIM).

A state s is SIM-stable for party i when, for every unilateral improvement (UI) s → s₁ of i, each
other party j can pick either no move or one of *its* UIs from s, at least one of them moving, such
that applying i's option changes and all the chosen changes to s at once gives a feasible state x
with x ⪯ᵢ s (rank_i(x) ≥ rank_i(s)).

The candidate responses to one UI form a product Π_j ({stay} ∪ UI_j(s)), which the kernel shrinks
before enumerating it:

- Only the options that i's ranking or feasibility depend on matter (the *relevant* options, found
  from the arrays and then verified). Responses of j that agree on them are interchangeable, so each
  j keeps one response per distinct relevant pattern, and i's UIs from s likewise. A response equal
  to staying on the relevant options merges with staying: whatever it combines with, it cannot turn
  a combination into a sanction that staying would not give, except through "at least one moves",
  and the combination where every response matches staying is x ≡ s₁, which i strictly prefers
  to s and so never sanctions.
- A first pass settles every UI that one responding party can sanction alone.
- The rest is enumerated vectorised, in chunks of bounded size.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, party_moves
from standoff.conflict._moves import Array, _Csr, _from_edges, ranges

__all__ = ["relevant_options", "sim_stable"]

_CHUNK = 1 << 21  # combined states examined per vectorised step


def sim_stable(conflict: Conflict, party: str) -> NDArray[np.bool_]:
    """States where every UI of ``party`` meets a simultaneous sanction by the others."""
    relevant = relevant_options(conflict, party)
    own = _distinct_by_pattern(conflict, party_moves(conflict, party).improvements, relevant)
    sources = own.sources
    responders = [
        (moves.mask, _distinct_by_pattern(conflict, moves.improvements, relevant & moves.mask))
        for moves in (party_moves(conflict, o.id) for o in conflict.movers if o.id != party)
    ]
    ranks = conflict.ranks[party]
    codes = conflict.codes
    settled = np.zeros(sources.size, dtype=np.bool_)
    for mask, replies in responders:  # one responding party at a time
        pending = np.flatnonzero(~settled)
        count = np.diff(replies.indptr)[sources[pending]]
        edge = np.repeat(pending, count)
        reply = replies.targets[ranges(replies.indptr[sources[pending]], count)]
        combined = (codes[own.targets[edge]] & ~np.int64(mask)) | (codes[reply] & mask)
        settled[edge[_weakly_worse(conflict, ranks, combined, ranks[sources[edge]])]] = True
    pending = np.flatnonzero(~settled)
    if pending.size and len(responders) > 1:  # every combination, for the UIs still unsettled
        sizes = np.ones(pending.size, dtype=np.float64)
        for _, replies in responders:
            sizes *= 1 + np.diff(replies.indptr)[sources[pending]]
        chunk_of = (np.cumsum(sizes) // _CHUNK).astype(np.int64)
        for group in np.split(pending, np.flatnonzero(np.diff(chunk_of)) + 1):
            edge, combined = group, codes[own.targets[group]]
            for mask, replies in responders:
                count = np.diff(replies.indptr)[sources[edge]]
                choice = ranges(np.zeros(edge.size, dtype=np.int64), count + 1)
                edge = np.repeat(edge, count + 1)
                combined = np.repeat(combined, count + 1)
                moving = choice > 0
                reply = replies.targets[replies.indptr[sources[edge[moving]]] + choice[moving] - 1]
                combined[moving] = (combined[moving] & ~np.int64(mask)) | (codes[reply] & mask)
            found = _weakly_worse(conflict, ranks, combined, ranks[sources[edge]])
            settled[edge[found]] = True
    stable = np.ones(codes.size, dtype=np.bool_)
    stable[sources[~settled]] = False
    return stable


def relevant_options(conflict: Conflict, party: str) -> int:
    """A bit mask of options that ``party``'s ranks and the feasibility of states depend on.

    Verified: every two feasible states that agree on these options have the same rank for
    ``party``, and every candidate state agreeing with a feasible one on them is feasible.
    Falls back to all options when the verification fails.
    """
    cache: dict[str, int] = conflict.__dict__.setdefault("_relevant_options", {})
    if party not in cache:
        cache[party] = _relevant_options(conflict, party)
    return cache[party]


def _option_partners(conflict: Conflict) -> list[NDArray[np.int64]]:
    """For each option, the state that differs from each state in that option alone (-1 when
    infeasible); the same for every preference variant, which shares it
    (:data:`standoff.conflict._moves.SHARED_CACHES`)."""
    cache: list[NDArray[np.int64]] | None = conflict.__dict__.get("_option_partners")
    if cache is None:
        codes = conflict.codes
        cache = [conflict.index_of(codes ^ (1 << bit)) for bit in range(conflict.option_count)]
        conflict.__dict__["_option_partners"] = cache
    return cache


def _relevant_options(conflict: Conflict, party: str) -> int:
    everything = (1 << conflict.option_count) - 1
    codes, ranks = conflict.codes, conflict.ranks[party]
    feasibility = rank = 0
    for bit, partner in enumerate(_option_partners(conflict)):
        present = partner >= 0
        if not present.all():
            feasibility |= 1 << bit
        if np.any(ranks[present] != ranks[partner[present]]):
            rank |= 1 << bit
    mask = feasibility | rank
    keys = codes & mask
    order = np.argsort(keys, kind="stable")
    sorted_keys, sorted_ranks = keys[order], ranks[order]
    same_key = sorted_keys[1:] == sorted_keys[:-1]
    if np.any(same_key & (sorted_ranks[1:] != sorted_ranks[:-1])):
        return everything
    free_bits = conflict.option_count - int(np.bitwise_count(np.int64(feasibility)))
    class_keys = codes & feasibility
    _, counts = np.unique(class_keys, return_counts=True)
    if np.any(counts != 1 << free_bits):
        return everything
    return mask


def _distinct_by_pattern(conflict: Conflict, moves: _Csr, relevant: int) -> _Csr:
    """Per state, one move for each distinct pattern of the target on the ``relevant`` options,
    leaving out moves that do not change those options."""
    codes = conflict.codes
    sources, targets = moves.sources, moves.targets
    key = codes[targets] & relevant
    keep = key != (codes[sources] & relevant)
    sources, targets, key = sources[keep], targets[keep], key[keep]
    order = np.lexsort((key, sources))
    sources, targets, key = sources[order], targets[order], key[order]
    first = np.ones(sources.size, dtype=np.bool_)
    first[1:] = (sources[1:] != sources[:-1]) | (key[1:] != key[:-1])
    return _from_edges(codes.size, sources[first], targets[first])


def _weakly_worse(
    conflict: Conflict, ranks: Array, combined: Array, threshold: Array
) -> NDArray[np.bool_]:
    """Whether each combined code is a feasible state ranked at ``threshold`` or worse."""
    index = conflict.index_of(combined)
    feasible = index >= 0
    result = np.zeros(combined.size, dtype=np.bool_)
    result[feasible] = ranks[index[feasible]] >= threshold[feasible]
    return result
