"""Simultaneous sanctioning (SIM).

A state s is SIM-stable for party i when, for every unilateral improvement (UI) s → s₁ of i, each
other party j can pick either no move or one of *its* UIs from s, at least one of them moving, such
that applying i's option changes and all the chosen changes to s at once gives a feasible state x
with x ⪯ᵢ s (rank_i(x) ≥ rank_i(s)).

The candidate responses to one UI form a product Π_j ({stay} ∪ UI_j(s)); the kernel enumerates it
vectorised, in chunks of bounded size, after a cheap first pass that settles every UI a single
responding party can sanction on its own (the common case).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, party_moves
from standoff.conflict._moves import Array

__all__ = ["sim_stable"]

_CHUNK = 1 << 21  # candidate combined states examined per vectorised step


def sim_stable(conflict: Conflict, party: str) -> NDArray[np.bool_]:
    """States where every UI of ``party`` meets a simultaneous sanction by the others."""
    improvements = party_moves(conflict, party).improvements
    sources = improvements.sources
    ranks = conflict.ranks[party]
    codes = conflict.codes
    responders = [party_moves(conflict, o.id) for o in conflict.movers if o.id != party]
    settled = np.zeros(sources.size, dtype=np.bool_)
    # first pass: one responding party at a time
    for responder in responders:
        pending = np.flatnonzero(~settled)
        replies = responder.improvements
        count = np.diff(replies.indptr)[sources[pending]]
        edge = np.repeat(pending, count)
        reply = replies.targets[_ranges(replies.indptr[sources[pending]], count)]
        combined = (codes[improvements.targets[edge]] & ~np.int64(responder.mask)) | (
            codes[reply] & responder.mask
        )
        settled[edge[_weakly_worse(conflict, ranks, combined, ranks[sources[edge]])]] = True
    # full pass: every combination, for the improvements still unsettled
    pending = np.flatnonzero(~settled)
    if pending.size and len(responders) > 1:
        sizes = np.ones(pending.size, dtype=np.float64)
        for responder in responders:
            sizes *= 1 + np.diff(responder.improvements.indptr)[sources[pending]]
        chunk_of = (np.cumsum(sizes) // _CHUNK).astype(np.int64)
        for group in np.split(pending, np.flatnonzero(np.diff(chunk_of)) + 1):
            settled[_sanctioned_by_combinations(conflict, party, group)] = True
    unsanctioned = np.zeros(codes.size, dtype=np.bool_)
    unsanctioned[sources[~settled]] = True
    return ~unsanctioned


def _sanctioned_by_combinations(conflict: Conflict, party: str, edges: Array) -> Array:
    """The improvements among ``edges`` that some combination of responses sanctions."""
    improvements = party_moves(conflict, party).improvements
    sources = improvements.sources
    codes = conflict.codes
    edge = edges
    combined = codes[improvements.targets[edges]]
    moved = np.zeros(edges.size, dtype=np.bool_)
    for other in conflict.movers:
        if other.id == party:
            continue
        replies = party_moves(conflict, other.id).improvements
        count = np.diff(replies.indptr)[sources[edge]]
        options = count + 1  # staying, or one of the replies
        edge = np.repeat(edge, options)
        combined = np.repeat(combined, options)
        moved = np.repeat(moved, options)
        choice = _ranges(np.zeros(options.size, dtype=np.int64), options)
        moving = choice > 0
        reply = replies.targets[replies.indptr[sources[edge[moving]]] + choice[moving] - 1]
        mask = np.int64(party_moves(conflict, other.id).mask)
        combined[moving] = (combined[moving] & ~mask) | (codes[reply] & mask)
        moved |= moving
    edge, combined = edge[moved], combined[moved]
    ranks = conflict.ranks[party]
    return np.unique(edge[_weakly_worse(conflict, ranks, combined, ranks[sources[edge]])])


def _weakly_worse(
    conflict: Conflict, ranks: Array, combined: Array, threshold: Array
) -> NDArray[np.bool_]:
    """Whether each combined code is a feasible state ranked at ``threshold`` or worse."""
    index = conflict.index_of(combined)
    feasible = index >= 0
    result = np.zeros(combined.size, dtype=np.bool_)
    result[feasible] = ranks[index[feasible]] >= threshold[feasible]
    return result


def _ranges(starts: Array, counts: Array) -> Array:
    """Concatenated ``arange(start, start + count)`` for each pair."""
    total = int(counts.sum())
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + offsets
