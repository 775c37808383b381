"""The pairwise-vote (Condorcet) position among the actors' positions.

Bueno de Mesquita, B. (1994), "Political forecasting: an expected utility method", in Bueno de
Mesquita and Stokman (eds), *European Community Decision Making*, Yale University Press. Actor i's
vote for position j over position k is

    vᵢ(j, k) = cᵢ sᵢ (|xᵢ − x_k| − |xᵢ − x_j|) / dx,        dx = the scale's range,

and the forecast is the actor position that beats every other in the summed votes. Summed over
i the votes are Σᵢ vᵢ(j, k) = (G(x_k) − G(x_j)) / dx with G(t) = Σᵢ cᵢ sᵢ |xᵢ − t|, so position j
beats k exactly when G(x_j) < G(x_k): the winner is the actor position of least weighted distance
to all, computed here in O(n log n) per run (one sort) without forming the n³ votes. There is
none when two different positions share the least G (a tie of the summed votes).

Examples
--------
>>> pairwise_vote([4.0, 7.0, 10.0], [1.0, 1.0, 1.0], [0.8, 0.4, 0.9])
7.0
>>> pairwise_vote([0.0, 10.0], [1.0, 1.0], [1.0, 1.0]) is None
True
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["pairwise_vote", "summed_votes", "vote_totals"]

_TIE = 1e-12
"""Relative tolerance under which two summed distances count as equal."""


def vote_totals(positions: NDArray[np.float64], weight: NDArray[np.float64]) -> NDArray[np.float64]:
    """G(x_j) = Σᵢ wᵢ |xᵢ − x_j| for each actor j of each run (shape ``(runs, actors)``).

    From the positions in order: G(x) = x·W₋ − M₋ + M₊ − x·W₊, with W₋ and M₋ the summed
    weights and moments wᵢxᵢ of the actors at or below x and W₊, M₊ those above, so a run
    costs a sort, not the n² distances. Actors at the same position get the same total.

    >>> vote_totals(np.array([[0.0, 0.5, 1.0, 0.5]]), np.array([[1.0, 2.0, 1.0, 1.0]])).tolist()
    [[2.5, 1.0, 2.5, 1.0]]
    """
    order = np.argsort(positions, axis=-1, kind="stable")
    x = np.take_along_axis(positions, order, axis=-1)
    w = np.take_along_axis(weight, order, axis=-1)
    count = x.shape[-1]
    # the last actor of each group of equal positions, for every actor of the group
    last = np.ones(x.shape, bool)
    last[..., :-1] = x[..., 1:] != x[..., :-1]
    end = np.where(last, np.arange(count), count)
    end = np.flip(np.minimum.accumulate(np.flip(end, axis=-1), axis=-1), axis=-1)
    below_weight = np.take_along_axis(np.cumsum(w, axis=-1), end, axis=-1)
    below_moment = np.take_along_axis(np.cumsum(w * x, axis=-1), end, axis=-1)
    all_weight = w.sum(axis=-1, keepdims=True)
    all_moment = (w * x).sum(axis=-1, keepdims=True)
    ordered = x * (2 * below_weight - all_weight) + all_moment - 2 * below_moment
    result: NDArray[np.float64] = np.empty_like(ordered)
    np.put_along_axis(result, order, ordered, axis=-1)
    return result


def summed_votes(positions: ArrayLike, capability: ArrayLike, salience: ArrayLike, span: float
                 ) -> NDArray[np.float64]:  # fmt: skip
    """The matrix V[j, k] = Σᵢ vᵢ(j, k) of one set of actors: the summed votes for j over k."""
    x = np.asarray(positions, float)
    weight = np.asarray(capability, float) * np.asarray(salience, float)
    totals = vote_totals(x[None], weight[None])[0]
    result: NDArray[np.float64] = (totals[None, :] - totals[:, None]) / span
    return result


def pairwise_vote(positions: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> float | None:
    """The position that beats every other actor's position in pairwise votes, or None."""
    x = np.asarray(positions, float)
    weight = np.asarray(capability, float) * np.asarray(salience, float)
    winners, exists = pairwise_votes(x[None], weight[None])
    return float(winners[0]) if bool(exists[0]) else None


def pairwise_votes(
    positions: NDArray[np.float64],
    weight: NDArray[np.float64],
    totals: NDArray[np.float64] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """The Condorcet position of each run and whether it is a strict winner.

    Only actors with a positive weight are candidates (an actor nobody weighs cannot carry a
    vote of its own). Where two different positions tie, the first of them is returned with
    ``False``: callers that need a position regardless (the challenge model's μ) use it.
    ``totals`` are :func:`vote_totals` when already known.
    """
    if totals is None:
        totals = vote_totals(positions, weight)
    candidates = np.where(weight > 0, totals, np.inf)
    least = candidates.min(axis=-1, keepdims=True)
    scale = np.maximum(np.abs(least), 1.0)
    lowest = candidates <= least + _TIE * scale  # equal but for rounding: the first decides
    best = np.argmax(lowest, axis=-1)[..., None]
    winner = np.take_along_axis(positions, best, axis=-1)
    tied = lowest & (positions != winner)
    exists = ~tied.any(axis=-1) & np.isfinite(least[..., 0])
    return winner[..., 0], exists
