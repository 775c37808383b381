"""The expected-utility ("challenge") model's quantities for every pair of actors at once.

Bueno de Mesquita (1985, 1994), as reconstructed by Scholz, Calbert and Smith, "Unravelling
Bueno de Mesquita's group decision model", *Journal of Theoretical Politics* 23(4):510–531
(2011). Positions here are on the unit scale (``(x − low) / dx``), so dx = 1; wᵢ = cᵢ sᵢ.

- Probability that i prevails over j: Pᵢⱼ = Σₖ max(0, dₖ) wₖ / Σₖ |dₖ| wₖ with
  dₖ = |xₖ − xⱼ| − |xₖ − xᵢ| (½ when the denominator is 0: nobody prefers either).
- Utilities with i's risk exponent rᵢ: U_s = 2 − 4(½ − ½δ)^r, U_f = 2 − 4(½ + ½δ)^r,
  U_b = 2 − 4(½ − ¼(ε + δ))^r, U_w = 2 − 4(½ + ¼(ε + δ))^r, U_sq = 2 − 4(½)^r, where
  δ = |xᵢ − xⱼ| and ε = |xᵢ − μ|.
- EUᵢ(j) = sⱼ[Pᵢⱼ U_s + (1 − Pᵢⱼ) U_f] + (1 − sⱼ) U_s − [Q U_sq + (1 − Q)(T U_b + (1 − T) U_w)].
- Security Sᵢ = Σ_{j≠i} EUⱼ(i); Rᵢ = (2Sᵢ − max S − min S)/(max S − min S);
  rᵢ = (1 − Rᵢ/3)/(1 + Rᵢ/3).

**How Pᵢⱼ avoids the n³ sum.** Σₖ dₖ wₖ = G(xⱼ) − G(xᵢ) with G(t) = Σₖ wₖ |xₖ − t|, and
max(0, d) = (d + |d|)/2, so only the denominator needs work. For xᵢ < xⱼ an actor outside
[xᵢ, xⱼ] has |dₖ| = xⱼ − xᵢ and one inside has |dₖ| = 2|m − xₖ| with m the midpoint, which
adds up to Σₖ |dₖ| wₖ = 2[G(m) − L(xᵢ) − R(xⱼ)], L(t) = Σ_{xₖ ≤ t} wₖ(t − xₖ) and
R(t) = Σ_{xₖ ≥ t} wₖ(xₖ − t). G at the n² midpoints comes from prefix sums over the sorted
positions and one binary search per pair, so a round costs O(n² log n) per run, vectorised across
runs and actors. :mod:`standoff.forecast._reference` computes the same from the formulas above.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["expected_utilities", "probabilities", "risk_exponents", "simple_expected_utilities"]

Array = NDArray[np.float64]


def probabilities(unit: Array, weight: Array) -> Array:
    """P[r, i, j]: the probability that i prevails over j in run r.

    Parameters
    ----------
    unit
        Positions on the unit scale, shape ``(runs, actors)``.
    weight
        cᵢ sᵢ, the same shape.
    """
    runs, count = unit.shape
    order = np.argsort(unit, axis=1)
    ordered = np.take_along_axis(unit, order, axis=1)
    ordered_weight = np.take_along_axis(weight, order, axis=1)
    zero = np.zeros((runs, 1))
    below_weight = np.concatenate([zero, np.cumsum(ordered_weight, axis=1)], axis=1)
    below_moment = np.concatenate([zero, np.cumsum(ordered_weight * ordered, axis=1)], axis=1)
    total_weight = below_weight[:, -1:]
    total_moment = below_moment[:, -1:]
    # G, L and R at the actors' own positions.
    distance = np.abs(unit[:, :, None] - unit[:, None, :])
    at_actor = np.einsum("rk,rkl->rl", weight, distance)
    left = (at_actor + total_weight * unit - total_moment) / 2
    right = at_actor - left
    # G at the midpoints: the weight and moment strictly below each, by one binary search in
    # the runs laid end to end (run r shifted by 3r, so that no run's values meet another's).
    midpoint = (unit[:, :, None] + unit[:, None, :]) / 2
    shift = 3.0 * np.arange(runs, dtype=np.float64)
    haystack = (ordered + shift[:, None]).ravel()
    needles = (midpoint + shift[:, None, None]).reshape(runs, count * count)
    below = np.searchsorted(haystack, needles.ravel(), side="left").reshape(runs, count * count)
    below -= (np.arange(runs) * count)[:, None]
    weight_below = np.take_along_axis(below_weight, below, axis=1).reshape(runs, count, count)
    moment_below = np.take_along_axis(below_moment, below, axis=1).reshape(runs, count, count)
    at_midpoint = (
        midpoint * (2 * weight_below - total_weight[:, :, None])
        - 2 * moment_below
        + total_moment[:, :, None]
    )
    lower = unit[:, :, None] <= unit[:, None, :]
    outer = np.where(
        lower, left[:, :, None] + right[:, None, :], right[:, :, None] + left[:, None, :]
    )
    denominator = np.maximum(2 * (at_midpoint - outer), 0.0)
    gain = at_actor[:, None, :] - at_actor[:, :, None]  # Σₖ dₖ wₖ = G(xⱼ) − G(xᵢ)
    scale = np.maximum(total_weight[:, :, None], 1e-300)
    positive = denominator > 1e-12 * scale
    with np.errstate(invalid="ignore", divide="ignore"):
        chance = np.where(positive, (gain + denominator) / (2 * denominator), 0.5)
    result: Array = np.clip(chance, 0.0, 1.0)
    return result


def expected_utilities(
    unit: Array,
    salience: Array,
    risk: Array,
    mu: Array,
    chance: Array,
    *,
    q: float = 1.0,
    t: float = 1.0,
) -> Array:
    """EU[r, i, j]: EUᵢ(j), i's expected utility of challenging j in run r (0 on the diagonal).

    Parameters
    ----------
    unit, salience, risk
        Positions on the unit scale, saliences in [0, 1] and risk exponents, ``(runs, actors)``.
    mu
        μ of each run, shape ``(runs,)``, on the unit scale.
    chance
        Pᵢⱼ from :func:`probabilities`.
    q, t
        Q and T.
    """
    delta = np.abs(unit[:, :, None] - unit[:, None, :])
    exponent = risk[:, :, None]
    success = 2 - 4 * np.power(0.5 - 0.5 * delta, exponent)
    failure = 2 - 4 * np.power(0.5 + 0.5 * delta, exponent)
    target = salience[:, None, :]
    challenge = success - target * (1 - chance) * (success - failure)
    quo: Array = 2 - 4 * np.power(0.5, exponent)
    if q < 1:
        spread = (np.abs(unit - mu[:, None])[:, :, None] + delta) / 4
        better = 2 - 4 * np.power(0.5 - spread, exponent)
        worse = 2 - 4 * np.power(0.5 + spread, exponent) if t < 1 else 0.0
        quo = q * quo + (1 - q) * (t * better + (1 - t) * worse)
    result: Array = challenge - quo
    diagonal = np.arange(unit.shape[1])
    result[:, diagonal, diagonal] = 0.0
    return result


def simple_expected_utilities(
    unit: Array, salience: Array, mu: Array, chance: Array, *, q: float = 1.0, t: float = 1.0
) -> Array:
    """:func:`expected_utilities` with every risk exponent 1, where the powers drop out:
    U_s = 2δ, U_f = −2δ, U_b = ε + δ, U_w = −(ε + δ), U_sq = 0."""
    delta = np.abs(unit[:, :, None] - unit[:, None, :])
    result: Array = 2 * delta * (1 - 2 * salience[:, None, :] * (1 - chance))
    if q < 1:
        spread = np.abs(unit - mu[:, None])[:, :, None] + delta
        result -= (1 - q) * (2 * t - 1) * spread
    diagonal = np.arange(unit.shape[1])
    result[:, diagonal, diagonal] = 0.0
    return result


def risk_exponents(utilities: Array, active: NDArray[np.bool_]) -> Array:
    """rᵢ from the security Sᵢ = Σ_{j≠i} EUⱼ(i) of each actor, shape ``(runs, actors)``.

    Only ``active`` actors' challenges count towards a security, and only active actors span
    the range max S − min S; Rᵢ is clipped to [−1, 1], so rᵢ lies in [0.5, 2]. Where every
    active actor has the same security, every Rᵢ is 0 and every rᵢ 1.
    """
    security = np.einsum("rji,rj->ri", utilities, active.astype(np.float64))
    high = np.where(active, security, -np.inf).max(axis=1, keepdims=True)
    low = np.where(active, security, np.inf).min(axis=1, keepdims=True)
    spread = high - low
    usable = np.isfinite(spread) & (spread > 1e-12 * np.maximum(np.abs(high), 1.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        relative = np.where(usable, (2 * security - high - low) / spread, 0.0)
    relative = np.clip(relative, -1.0, 1.0)
    result: Array = (1 - relative / 3) / (1 + relative / 3)
    return result
