"""A numba prototype of :func:`standoff.forecast.run_challenge`, for comparison only.

Not part of standoff and not a dependency of it: it runs in ``benchmarks/compiled/.venv``
(``make bench-compiled``, see this folder's README). It covers the default
:class:`~standoff.forecast.ChallengeParameters` only (Q = T = 1, ``mu="median"``,
``ties="least_movement"``, ``risk=True``, ``silent_indifferent=True``), with the round limit and
the tolerance as arguments, and returns what the benchmark compares: the final positions and the
rounds each run took (no :class:`~standoff.forecast.RoundArrays`, no μ, which does not enter the
expected utilities when Q = 1).

The numpy kernel computes a round of many runs at once; here one ``@njit`` function (single
threaded) runs one run after another and one round after another, with work arrays allocated
once. It follows the numpy kernel operation by operation so that the results are bit-identical
on the same machine, which depends on:

- numpy's pairwise summation for ``.sum()`` (:func:`_pairwise_sum`), not a plain loop;
- the cumulative sums of the vote totals taken sequentially, as ``np.cumsum`` does;
- ``np.interp``'s formula for G at the midpoints (slope × (x − xp[j]) + fp[j], and fp[j] exactly
  at a breakpoint or beyond the last);
- no ``fastmath`` (which would let LLVM reorder sums and fuse multiplications and additions);
- the base ½ of ½^r passed at run time (see :func:`_round`);
- ``exp`` and ``log`` giving the same bits as numpy's (see the README for when they do not).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numba import njit

EQUAL = 1e-9
"""Expected utilities closer than this count as equal (``standoff.forecast._challenge.EQUAL``)."""
TIE = 1e-12
"""Relative tolerance of the ties between offers and between vote totals."""


class Work(NamedTuple):
    """The work arrays of one round of one run, ``actors`` long or ``actors × actors``.

    A distinct position is a position held by at least one actor; ``place`` lists them in
    ascending order and ``place_of[i]`` is the index there of actor i's position.
    """

    order: np.ndarray  # the actors by position (stable)
    sorted_position: np.ndarray
    sorted_weight: np.ndarray
    products: np.ndarray  # w·x, in whichever order the step at hand needs
    below_weight: np.ndarray  # cumulative sums of the weights and moments in sorted order
    below_moment: np.ndarray
    totals: np.ndarray  # G(x_i) = Σ_k w_k |x_k − x_i|
    left: np.ndarray  # L(x_i) = Σ_{x_k ≤ x_i} w_k (x_i − x_k)
    right: np.ndarray  # R(x_i) = Σ_{x_k ≥ x_i} w_k (x_k − x_i)
    place_of: np.ndarray
    place: np.ndarray
    place_totals: np.ndarray
    place_left: np.ndarray
    place_right: np.ndarray
    chance: np.ndarray  # P between distinct positions
    lower: np.ndarray  # log(½ − ½δ) between distinct positions
    upper: np.ndarray  # log(½ + ½δ)
    crowd: np.ndarray  # active actors at each distinct position
    spread: np.ndarray  # Σ_q n_q δ[q, p] per distinct position p
    exposed: np.ndarray  # Σ_q n_q δ[q, p] (1 − P[q, p])
    security: np.ndarray
    risk: np.ndarray
    utility: np.ndarray  # utility[j, i] = EU_i(j): target-major, the order the choice reads
    success: np.ndarray  # per distinct position of the target: (½ − ½δ)^r − ½^r
    failure: np.ndarray  # (1 − P) ((½ + ½δ)^r − (½ − ½δ)^r)


def work_arrays(actors: int) -> Work:
    """Fresh :class:`Work` for runs of ``actors`` actors."""

    def fresh(name: str) -> np.ndarray:
        if name in {"chance", "lower", "upper", "utility"}:
            return np.empty((actors, actors))
        if name in {"order", "place_of"}:
            return np.empty(actors, np.int64)
        return np.empty(actors)

    return Work(*(fresh(name) for name in Work._fields))


@njit(inline="always")
def _pairwise_sum(values: Any, count: int) -> float:
    """numpy's pairwise summation of ``values[:count]`` (a float64 ``add.reduce`` over a
    contiguous axis): a plain loop below 8 values, eight interleaved partial sums up to 128,
    and halves (cut at a multiple of 8) beyond."""
    if count < 8:
        result = 0.0
        for k in range(count):
            result += values[k]
        return result
    if count <= 128:
        r0, r1, r2, r3 = values[0], values[1], values[2], values[3]
        r4, r5, r6, r7 = values[4], values[5], values[6], values[7]
        k = 8
        while k < count - (count % 8):
            r0 += values[k]
            r1 += values[k + 1]
            r2 += values[k + 2]
            r3 += values[k + 3]
            r4 += values[k + 4]
            r5 += values[k + 5]
            r6 += values[k + 6]
            r7 += values[k + 7]
            k += 8
        result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while k < count:
            result += values[k]
            k += 1
        return result
    return _pairwise_halves(values, count)


@njit
def _pairwise_halves(values: Any, count: int) -> float:
    if count <= 128:
        return _pairwise_sum(values, count)
    half = count // 2
    half -= half % 8
    return _pairwise_halves(values[:half], half) + _pairwise_halves(values[half:], count - half)


@njit
def _vote_totals(x: Any, w: Any, work: Any) -> None:
    """G(x_i) into ``work.totals`` as ``standoff.forecast._vote.vote_totals`` computes it:
    G(x) = x (2 W₋ − W) + M − 2 M₋, with W₋ and M₋ the weights and moments w·x of the actors at
    or below x (cumulative sums up to the last actor of x's group of equal positions)."""
    n = x.shape[0]
    order, xs, ws, products = work.order, work.sorted_position, work.sorted_weight, work.products
    order[:] = np.argsort(x, kind="mergesort")  # stable, as the numpy kernel's sort
    for k in range(n):
        xs[k] = x[order[k]]
        ws[k] = w[order[k]]
    all_weight = _pairwise_sum(ws, n)
    for k in range(n):
        products[k] = ws[k] * xs[k]
    all_moment = _pairwise_sum(products, n)
    weight_sum = 0.0
    moment_sum = 0.0
    for k in range(n):
        weight_sum += ws[k]
        moment_sum += products[k]
        work.below_weight[k] = weight_sum
        work.below_moment[k] = moment_sum
    # from the top, one group of equal positions at a time: every actor of a group takes the
    # cumulative sums at the group's last actor
    end = n - 1
    while end >= 0:
        start = end
        while start > 0 and xs[start - 1] == xs[end]:
            start -= 1
        below_weight = work.below_weight[end]
        below_moment = work.below_moment[end]
        for k in range(start, end + 1):
            work.totals[order[k]] = (
                xs[k] * (2 * below_weight - all_weight) + all_moment - 2 * below_moment
            )
        end = start - 1


@njit
def _pair_terms(x: Any, w: Any, work: Any) -> int:
    """The distinct positions, and P and the logarithms between them (as ``pair_terms``);
    returns how many distinct positions there are. Reads the totals and the sorted positions
    :func:`_vote_totals` left in ``work``."""
    n = x.shape[0]
    totals, left, right, products = work.totals, work.left, work.right, work.products
    place, place_totals = work.place, work.place_totals
    total_weight = _pairwise_sum(w, n)
    for k in range(n):
        products[k] = w[k] * x[k]
    total_moment = _pairwise_sum(products, n)
    for k in range(n):
        left[k] = (totals[k] + total_weight * x[k] - total_moment) / 2
        right[k] = totals[k] - left[k]
    # the distinct positions, ascending, each with the totals of its first actor in sorted order
    width = 0
    for k in range(n):
        actor = work.order[k]
        xk = work.sorted_position[k]
        if k == 0 or xk != work.sorted_position[k - 1]:
            place[width] = xk
            place_totals[width] = totals[actor]
            work.place_left[width] = left[actor]
            work.place_right[width] = right[actor]
            width += 1
        work.place_of[actor] = width - 1
    # P[a, b] = (G(x_b) − G(x_a) + D) / 2D with D = 2 [G(m) − min(L) − min(R)] at the midpoint
    # m of the two positions; G(m) is np.interp(x_a + x_b, 2 place, place_totals), and as b
    # grows the key x_a + x_b grows, so the segment is found by walking on from the last one.
    threshold = 1e-12 * max(total_weight, 1e-300)
    for a in range(width):
        segment = 0
        for b in range(width):
            key = place[a] + place[b]
            while segment + 1 < width and 2 * place[segment + 1] <= key:
                segment += 1
            if segment == width - 1 or 2 * place[segment] == key:
                at_midpoint = place_totals[segment]
            else:
                slope = (place_totals[segment + 1] - place_totals[segment]) / (
                    2 * place[segment + 1] - 2 * place[segment]
                )
                at_midpoint = slope * (key - 2 * place[segment]) + place_totals[segment]
            denominator = at_midpoint - min(work.place_left[a], work.place_left[b])
            denominator = denominator - min(work.place_right[a], work.place_right[b])
            denominator = denominator * 2
            if denominator > threshold:
                gain = place_totals[b] - place_totals[a]
                gain = gain + denominator
                work.chance[a, b] = min(max(gain / (2 * denominator), 0.0), 1.0)
            else:  # nobody prefers either position
                work.chance[a, b] = 0.5
    for a in range(width):
        for b in range(a, width):
            gap = abs(place[b] - place[a]) / 2
            work.lower[a, b] = work.lower[b, a] = np.log(0.5 - gap)
            work.upper[a, b] = work.upper[b, a] = np.log(gap + 0.5)
    return width


@njit
def _risk_exponents(s: Any, active: Any, width: int, work: Any) -> None:
    """r_i into ``work.risk`` from the securities S_i = 2 D_i − 4 s_i E_i (Q = 1), summed over
    the distinct positions weighted by their active actors (as ``securities`` and
    ``risk_exponents``)."""
    n = s.shape[0]
    place, place_of, crowd = work.place, work.place_of, work.crowd
    for p in range(width):
        crowd[p] = 0.0
        work.spread[p] = 0.0
        work.exposed[p] = 0.0
    for k in range(n):
        if active[k]:
            crowd[place_of[k]] += 1.0
    for q in range(width):
        for p in range(width):
            distance = abs(place[p] - place[q])
            work.spread[p] += crowd[q] * distance
            work.exposed[p] += crowd[q] * ((1 - work.chance[q, p]) * distance)
    high = -np.inf
    low = np.inf
    for i in range(n):
        security = 2 * work.spread[place_of[i]] - 4 * s[i] * work.exposed[place_of[i]]
        work.security[i] = security
        if active[i]:
            high = max(high, security)
            low = min(low, security)
    spread = high - low
    usable = np.isfinite(spread) and spread > 1e-12 * max(abs(high), 1.0)
    for i in range(n):
        relative = (2 * work.security[i] - high - low) / spread if usable else 0.0
        relative = min(max(relative, -1.0), 1.0)
        work.risk[i] = (1 - relative / 3) / (1 + relative / 3)


@njit
def _round(x: Any, s: Any, w: Any, active: Any, after: Any, work: Any, half_base: float) -> None:
    """One round of one run: the positions ``x`` at its start, those at its end into ``after``.

    ``half_base`` is 0.5, passed at run time: with the constant in the code LLVM rewrites
    ``0.5 ** r`` (as exp2(−r) or similar), which differs from libm's ``pow`` — and numpy's
    ``np.power(0.5, r)`` — in the last bit for some r.
    """
    n = x.shape[0]
    _vote_totals(x, w, work)
    width = _pair_terms(x, w, work)
    _risk_exponents(s, active, width, work)
    place_of, utility, success, failure = work.place_of, work.utility, work.success, work.failure
    # EU_i(j) = −4 [s_j (1 − P) (b − a) + (a − ½^r)], a = (½ − ½δ)^r = exp(r log(½ − ½δ)) and
    # b = (½ + ½δ)^r: the powers per actor i and distinct position of the target, then spread
    for i in range(n):
        r = work.risk[i]
        a = place_of[i]
        half = half_base**r
        for b in range(width):
            low_power = np.exp(work.lower[a, b] * r)
            high_power = np.exp(work.upper[a, b] * r)
            high_power -= low_power
            high_power *= 1.0 - work.chance[a, b]
            success[b] = low_power - half
            failure[b] = high_power
        for j in range(n):
            b = place_of[j]
            utility[j, i] = -4 * (failure[b] * s[j] + success[b])
        utility[i, i] = 0.0
    # each target j takes the best offer above EQUAL from an active actor (equal within TIE:
    # the one that moves j least, then the first) and answers with its own EU_j(i)
    for j in range(n):
        best = -np.inf
        for i in range(n):
            if active[i]:
                best = max(best, utility[j, i])
        if not best > EQUAL:  # no offer: j stays
            after[j] = x[j]
            continue
        cut = best - TIE * abs(best)
        chosen = -1
        count = 0
        nearest = np.inf
        for i in range(n):
            if active[i] and utility[j, i] >= cut and utility[j, i] > EQUAL:
                if chosen < 0:
                    chosen = i
                count += 1
                nearest = min(nearest, abs(x[i] - x[j]))
        if count > 1:  # distances equal but for rounding count as equal: the first decides
            for i in range(n):
                if (
                    active[i]
                    and utility[j, i] >= cut
                    and utility[j, i] > EQUAL
                    and abs(x[i] - x[j]) <= nearest + TIE
                ):
                    chosen = i
                    break
        offer = utility[j, chosen]
        response = utility[chosen, j]
        towards = x[chosen]
        if response > EQUAL and response < offer - EQUAL:  # conflict, which j loses
            after[j] = towards
        elif response < -EQUAL and -response < offer - EQUAL:  # compromise
            after[j] = x[j] + (towards - x[j]) * (-response / offer)
        elif response < -EQUAL:  # capitulation
            after[j] = towards
        else:  # j expects to win or is indifferent; written as the numpy kernel computes it
            after[j] = x[j] + (towards - x[j]) * 0.0


@njit
def _run_challenge(
    unit: Any,
    capability: Any,
    salience: Any,
    rounds: int,
    tolerance: float,
    half_base: float,
    work: Any,
) -> tuple[Any, Any]:
    runs, n = unit.shape
    final = np.empty((runs, n))
    used = np.zeros(runs, np.int64)
    w = np.empty(n)
    active = np.empty(n, np.bool_)
    current = np.empty(n)
    after = np.empty(n)
    earlier = np.empty(n)  # the positions one round before current
    for run in range(runs):
        s = salience[run]
        for k in range(n):
            w[k] = capability[run, k] * s[k]
            active[k] = s[k] > 0
            current[k] = unit[run, k]
            earlier[k] = np.nan
        done = 0
        for _ in range(rounds):
            _round(current, s, w, active, after, work, half_base)
            done += 1
            moved = 0.0
            back = True  # whether after equals the positions of two rounds before
            for k in range(n):
                moved = max(moved, abs(after[k] - current[k]))
                if after[k] != earlier[k]:
                    back = False
            if moved > tolerance and back:
                # a two-round cycle repeats to the round limit: it ends on after if an even
                # number of rounds is left, otherwise on current (the numpy kernel's landing)
                for k in range(n):
                    landing = after[k] if (rounds - done) % 2 == 0 else current[k]
                    earlier[k] = current[k]
                    current[k] = landing
                done = rounds
                break
            for k in range(n):
                earlier[k] = current[k]
                current[k] = after[k]
            if not moved > tolerance:
                break
        final[run] = current
        used[run] = done
    return final, used


def run_challenge(
    unit: np.ndarray,
    capability: np.ndarray,
    salience: np.ndarray,
    rounds: int = 50,
    tolerance: float = 1e-6,
) -> tuple[np.ndarray, np.ndarray]:
    """The final positions ``(runs, actors)`` and the rounds each run took ``(runs,)``, from
    positions on the unit scale, as ``standoff.forecast.run_challenge`` with
    ``ChallengeParameters(rounds=rounds, tolerance=tolerance)``. The first call compiles."""
    unit = np.ascontiguousarray(unit, np.float64)
    return _run_challenge(
        unit,
        np.ascontiguousarray(capability, np.float64),
        np.ascontiguousarray(salience, np.float64),
        rounds,
        tolerance,
        0.5,
        work_arrays(unit.shape[1]),
    )
