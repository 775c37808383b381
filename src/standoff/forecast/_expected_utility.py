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
R(t) = Σ_{xₖ ≥ t} wₖ(xₖ − t). L never falls and R never rises as t grows, so L(min) + R(max)
is min(L(xᵢ), L(xⱼ)) + min(R(xᵢ), R(xⱼ)) whatever the order of i and j. G is linear between
consecutive positions, so G at the n² midpoints is a linear interpolation of G at the n
positions; with the midpoints of each actor taken in the order of the other actor's position
the interpolation finds each segment next to the previous one. Pᵢⱼ, and the logarithms the
risk-attitude powers need, depend on the two positions only, so they are computed once per pair
of *distinct* positions (actors that have moved onto a challenger's position share them), the
powers (½ ∓ ½δ)^rᵢ once per actor and distinct position, and spread to the actors. The
securities Sᵢ that set the risk exponents are sums over the distinct positions too
(:func:`securities`), without the matrix of expected utilities at r = 1. A round costs O(n²)
per run after one sort, vectorised across actors and runs.
:mod:`standoff.forecast._reference` computes the same from the formulas above.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from standoff.forecast._vote import vote_totals

__all__ = [
    "PairTerms",
    "expected_utilities",
    "pair_terms",
    "probabilities",
    "risk_exponents",
    "securities",
    "simple_expected_utilities",
]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class PairTerms:
    """What depends on the positions of i and j only, per pair of *distinct* positions.

    Actor i of run r sits at the ``place[r, i]``-th distinct position of run r (of ``width`` at
    most, ascending); ``place_distance`` is δ between distinct positions, ``place_chance`` P
    between them, and ``lower`` and ``upper`` are log(½ − ½δ) and log(½ + ½δ) there (empty
    without the logarithms), shape ``(runs, width, width)``, so that (½ ∓ ½δ)^r =
    exp(r · log(½ ∓ ½δ)). :meth:`by_pair` spreads such a table to every pair of actors.
    """

    place: NDArray[np.int64]
    place_distance: Array
    place_chance: Array
    lower: Array
    upper: Array

    def by_actor(self, table: Array) -> Array:
        """``table[r, place[r, i], q]`` for every actor i: shape ``(runs, actors, width)``."""
        runs, count = self.place.shape
        width = table.shape[2]
        rows = (self.place + (np.arange(runs) * width)[:, None]).reshape(-1)
        found: Array = table.reshape(runs * width, width).take(rows, axis=0)
        return found.reshape(runs, count, width)

    def by_pair(self, table: Array) -> Array:
        """``table[r, place[r, i], place[r, j]]`` for every pair: ``(runs, actors, actors)``."""
        return self.to_targets(self.by_actor(table))

    def to_targets(self, table: Array) -> Array:
        """``table[r, i, place[r, j]]`` of a per-actor table: ``(runs, actors, actors)``."""
        runs, count = self.place.shape
        found = np.empty((runs, count, count))
        for run in range(runs):  # a take per run is several times faster than one fancy index
            table[run].take(self.place[run], axis=1, out=found[run])
        return found

    @property
    def chance(self) -> Array:
        """Pᵢⱼ for every pair of actors, shape ``(runs, actors, actors)``."""
        return self.by_pair(self.place_chance)

    @property
    def distance(self) -> Array:
        """δ = |xᵢ − xⱼ| for every pair of actors, shape ``(runs, actors, actors)``."""
        return self.by_pair(self.place_distance)


def probabilities(unit: Array, weight: Array, totals: Array | None = None) -> Array:
    """P[r, i, j]: the probability that i prevails over j in run r.

    Parameters
    ----------
    unit
        Positions on the unit scale, shape ``(runs, actors)``.
    weight
        cᵢ sᵢ, the same shape.
    totals
        G(xᵢ) = Σₖ wₖ |xₖ − xᵢ| when already known (:func:`~standoff.forecast._vote.vote_totals`).

    Examples
    --------
    >>> chance = probabilities(np.array([[0.0, 0.5, 1.0]]), np.array([[1.0, 1.0, 2.0]]))
    >>> chance[0].round(3).tolist()
    [[0.5, 0.25, 0.333], [0.75, 0.5, 0.5], [0.667, 0.5, 0.5]]
    """
    return pair_terms(unit, weight, totals, logs=False).chance


def pair_terms(
    unit: Array, weight: Array, totals: Array | None = None, *, logs: bool = True
) -> PairTerms:
    """:class:`PairTerms` of every pair of actors in every run (the logarithms when ``logs``).

    Parameters
    ----------
    unit, weight, totals
        As for :func:`probabilities`.
    logs
        Also compute ``lower`` and ``upper`` (otherwise they are empty arrays).

    Examples
    --------
    >>> terms = pair_terms(np.array([[0.2, 0.8, 0.2]]), np.array([[1.0, 2.0, 1.0]]))
    >>> terms.place.tolist(), terms.place_chance.shape, terms.chance.shape
    ([[0, 1, 0]], (1, 2, 2), (1, 3, 3))
    """
    runs, count = unit.shape
    if totals is None:
        totals = vote_totals(unit, weight)
    total_weight = weight.sum(axis=1)
    total_moment = (weight * unit).sum(axis=1)
    left = (totals + total_weight[:, None] * unit - total_moment[:, None]) / 2  # L(xᵢ)
    right = totals - left  # R(xᵢ)
    # The distinct positions of each run, ascending, padded with the highest.
    order = np.argsort(unit, axis=1, kind="stable")
    ordered = np.take_along_axis(unit, order, axis=1)
    first = np.ones((runs, count), bool)
    first[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    group = np.cumsum(first, axis=1) - 1
    distinct = group[:, -1] + 1
    width = int(distinct.max()) if runs else 1
    slot = np.minimum(np.arange(width)[None, :], group[:, -1:])
    leader = np.sort(np.where(first, np.arange(count)[None, :], count), axis=1)[:, :width]
    pick = np.take_along_axis(leader, slot, axis=1)  # sorted index of each distinct position
    at = np.take_along_axis(order, pick, axis=1)  # an actor at each distinct position
    place = np.take_along_axis(unit, at, axis=1)
    place_totals = np.take_along_axis(totals, at, axis=1)
    place_left = np.take_along_axis(left, at, axis=1)
    place_right = np.take_along_axis(right, at, axis=1)
    # Pᵢⱼ among the distinct positions.
    keys = place[:, :, None] + place[:, None, :]
    at_midpoint = np.empty_like(keys)
    for run in range(runs):
        at_midpoint[run] = np.interp(keys[run], 2 * place[run], place_totals[run])
    denominator = at_midpoint
    denominator -= np.minimum(place_left[:, :, None], place_left[:, None, :])
    denominator -= np.minimum(place_right[:, :, None], place_right[:, None, :])
    denominator *= 2
    gain = place_totals[:, None, :] - place_totals[:, :, None]  # Σₖ dₖ wₖ = G(xⱼ) − G(xᵢ)
    positive = denominator > 1e-12 * np.maximum(total_weight, 1e-300)[:, None, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        gain += denominator
        gain /= 2 * denominator
    chance = np.where(positive, gain, 0.5)
    np.clip(chance, 0.0, 1.0, out=chance)
    own = np.empty_like(group)
    np.put_along_axis(own, order, group, axis=1)  # actor i sits at distinct position own_i
    spread = place[:, None, :] - place[:, :, None]
    np.abs(spread, out=spread)  # δ
    if not logs:
        empty = np.empty((0, 0, 0))
        return PairTerms(own, spread, chance, empty, empty)
    gap = spread / 2  # ½δ
    with np.errstate(divide="ignore"):
        lower = np.log(0.5 - gap)
    gap += 0.5
    upper = np.log(gap, out=gap)
    return PairTerms(own, spread, chance, lower, upper)


def expected_utilities(
    unit: Array,
    salience: Array,
    risk: Array,
    mu: Array,
    terms: PairTerms,
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
    terms
        :func:`pair_terms` of the positions (with the logarithms).
    q, t
        Q and T.

    Notes
    -----
    With a = (½ − ½δ)^r and b = (½ + ½δ)^r, U_s − U_sq = 4(½^r − a) and U_s − U_f = 4(b − a),
    so EUᵢ(j) = 4(½^r − a) − 4sⱼ(1 − Pᵢⱼ)(b − a) when Q = 1.
    """
    exponent = risk[:, :, None]
    # Per actor i and distinct position q of the target: ½^r − a and (1 − P)(b − a) (shape
    # runs × actors × width), then spread to the targets at each position.
    success = terms.by_actor(terms.lower)
    success *= exponent
    np.exp(success, out=success)  # a
    failure = terms.by_actor(terms.upper)
    failure *= exponent
    np.exp(failure, out=failure)
    failure -= success  # b − a
    losing = terms.by_actor(terms.place_chance)
    np.subtract(1.0, losing, out=losing)
    failure *= losing
    half = np.power(0.5, exponent)
    success -= half
    result = terms.to_targets(failure)
    result *= salience[:, None, :]
    result += terms.to_targets(success)
    result *= -4
    if q < 1:
        spread = (np.abs(unit - mu[:, None])[:, :, None] + terms.distance) / 4
        quo = 2 - 4 * half
        better = 2 - 4 * np.power(0.5 - spread, exponent)
        worse = 2 - 4 * np.power(0.5 + spread, exponent) if t < 1 else 0.0
        result += (1 - q) * (quo - t * better - (1 - t) * worse)
    diagonal = np.arange(unit.shape[1])
    result[:, diagonal, diagonal] = 0.0
    return result


def simple_expected_utilities(
    unit: Array, salience: Array, mu: Array, terms: PairTerms, *, q: float = 1.0, t: float = 1.0
) -> Array:
    """:func:`expected_utilities` with every risk exponent 1, where the powers drop out:
    U_s = 2δ, U_f = −2δ, U_b = ε + δ, U_w = −(ε + δ), U_sq = 0."""
    result: Array = 1 - terms.chance
    result *= salience[:, None, :]
    result *= -2
    result += 1
    result *= terms.distance
    result *= 2
    if q < 1:
        spread = np.abs(unit - mu[:, None])[:, :, None] + terms.distance
        result -= (1 - q) * (2 * t - 1) * spread
    diagonal = np.arange(unit.shape[1])
    result[:, diagonal, diagonal] = 0.0
    return result


def securities(
    unit: Array,
    salience: Array,
    mu: Array,
    terms: PairTerms,
    active: NDArray[np.bool_],
    *,
    q: float = 1.0,
    t: float = 1.0,
) -> Array:
    """Sᵢ = Σ_{j≠i, j active} EUⱼ(i) with every risk exponent 1, shape ``(runs, actors)``.

    With the expected utilities of :func:`simple_expected_utilities` and c = (1 − Q)(2T − 1),
    Sᵢ = 2Dᵢ − 4sᵢEᵢ − c(Dᵢ + Σ_{j≠i, j active} εⱼ), where Dᵢ = Σⱼ δⱼᵢ and
    Eᵢ = Σⱼ δⱼᵢ(1 − Pⱼᵢ) over the active j: sums over the distinct positions, weighted by how
    many active actors sit at each, without the matrix of every pair.
    """
    runs = unit.shape[0]
    width = terms.place_distance.shape[2]
    cells = (terms.place + (np.arange(runs) * width)[:, None]).reshape(-1)
    crowd = np.bincount(cells, active.reshape(-1), runs * width).reshape(runs, width)
    losing = 1 - terms.place_chance
    losing *= terms.place_distance
    # Actor i at distinct position p: Σ_q n_q δ[q, p] and Σ_q n_q δ[q, p](1 − P[q, p])
    spread = np.einsum("rq,rqp->rp", crowd, terms.place_distance)
    exposed = np.einsum("rq,rqp->rp", crowd, losing)
    spread = np.take_along_axis(spread, terms.place, axis=1)
    exposed = np.take_along_axis(exposed, terms.place, axis=1)
    result: Array = 2 * spread - 4 * salience * exposed
    if q < 1:
        away = np.abs(unit - mu[:, None]) * active
        others = away.sum(axis=1, keepdims=True) - away
        result -= (1 - q) * (2 * t - 1) * (spread + others)
    return result


def risk_exponents(security: Array, active: NDArray[np.bool_]) -> Array:
    """rᵢ from the security Sᵢ of each actor (:func:`securities`), shape ``(runs, actors)``.

    Only active actors span the range max S − min S; Rᵢ is clipped to [−1, 1], so rᵢ lies in
    [0.5, 2]. Where every active actor has the same security, every Rᵢ is 0 and every rᵢ 1.
    """
    high = np.where(active, security, -np.inf).max(axis=1, keepdims=True)
    low = np.where(active, security, np.inf).min(axis=1, keepdims=True)
    spread = high - low
    usable = np.isfinite(spread) & (spread > 1e-12 * np.maximum(np.abs(high), 1.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        relative = np.where(usable, (2 * security - high - low) / spread, 0.0)
    relative = np.clip(relative, -1.0, 1.0)
    result: Array = (1 - relative / 3) / (1 + relative / 3)
    return result
