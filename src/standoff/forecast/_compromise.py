"""The compromise model: the capability- and salience-weighted mean of the positions.

Achen, C. H. (2006), "Evolving party positions and the compromise model", in Thomson, Stokman,
Achen and König (eds), *The European Union Decides*, Cambridge University Press:

    x̂ = Σᵢ cᵢ sᵢ xᵢ / Σᵢ cᵢ sᵢ

Every function takes arrays whose last axis runs over the actors, so one call computes the
forecast of many Monte Carlo runs at once.

Examples
--------
>>> weighted_mean([4.0, 10.0], [1.0, 1.0], [0.5, 1.0])
8.0
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["weighted_mean"]


def weighted_mean(positions: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> float:
    """The compromise x̂ = Σ cᵢ sᵢ xᵢ / Σ cᵢ sᵢ of one set of actors (a Python float).

    Returns NaN when every weight cᵢ sᵢ is zero (nobody cares, or nobody can act).
    """
    found = weighted_means(
        np.asarray(positions, float)[None], np.asarray(capability, float)[None],
        np.asarray(salience, float)[None],
    )  # fmt: skip
    return float(found[0])


def weighted_means(
    positions: NDArray[np.float64], capability: NDArray[np.float64], salience: NDArray[np.float64]
) -> NDArray[np.float64]:
    """The compromise of each run: arrays of shape ``(runs, actors)`` give shape ``(runs,)``."""
    weight = capability * salience
    total = weight.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: NDArray[np.float64] = (weight * positions).sum(axis=-1) / total
    return np.where(total > 0, result, np.nan)
