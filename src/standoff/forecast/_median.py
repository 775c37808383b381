"""The weighted median: the position where half of Σ cᵢ sᵢ lies on each side.

Sort the actors by position and accumulate the weights cᵢ sᵢ: the weighted median is the first
position at which the running total reaches half of the whole. When the running total equals
exactly half at a position and more weight lies further on, every point between that position and
the next is a median; the midpoint of the two is returned (the usual convention, and the one that
is symmetric under reflecting the scale).

Examples
--------
>>> weighted_median([4.0, 7.0, 10.0], [1.0, 1.0, 1.0], [0.8, 0.4, 0.9])
7.0
>>> weighted_median([0.0, 10.0], [1.0, 1.0], [1.0, 1.0])
5.0
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["weighted_median"]

_TIE = 1e-12
"""Relative tolerance under which the running total counts as exactly half."""


def weighted_median(positions: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> float:
    """The weighted median of one set of actors (NaN when every weight cᵢ sᵢ is zero)."""
    found = weighted_medians(
        np.asarray(positions, float)[None], np.asarray(capability, float)[None],
        np.asarray(salience, float)[None],
    )  # fmt: skip
    return float(found[0])


def weighted_medians(
    positions: NDArray[np.float64], capability: NDArray[np.float64], salience: NDArray[np.float64]
) -> NDArray[np.float64]:
    """The weighted median of each run: shape ``(runs, actors)`` in, ``(runs,)`` out."""
    order = np.argsort(positions, axis=-1, kind="stable")
    sorted_positions = np.take_along_axis(positions, order, axis=-1)
    weight = np.take_along_axis(capability * salience, order, axis=-1)
    running = np.cumsum(weight, axis=-1)
    half = running[..., -1:] / 2
    reached = running >= half * (1 - _TIE)
    first = np.argmax(reached, axis=-1)[..., None]
    at = np.take_along_axis(sorted_positions, first, axis=-1)[..., 0]
    exactly = np.abs(np.take_along_axis(running, first, axis=-1)[..., 0] - half[..., 0]) <= (
        _TIE * half[..., 0]
    )
    # On an exact half, the median spans up to the next actor with weight.
    later = (np.arange(weight.shape[-1]) > first) & (weight > 0)
    has_next = later.any(axis=-1)
    following = np.take_along_axis(sorted_positions, np.argmax(later, axis=-1)[..., None], -1)
    split = exactly & has_next
    result = np.where(split, (at + following[..., 0]) / 2, at)
    return np.where(half[..., 0] > 0, result, np.nan)
