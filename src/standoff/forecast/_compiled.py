"""The challenge model compiled with numba: :func:`run_compiled`, the ``"compiled"`` engine.

The numpy kernel (:mod:`standoff.forecast._challenge`) computes a round of many runs at once,
array operation after array operation; every operation reads and writes a table of every pair,
and without AVX-512 numpy's ``exp`` and ``log`` are not vectorised. Here one compiled loop runs
one run after another and one round after another, and a pair's terms are computed in one
pass, which is two to three times faster on one core.

It computes exactly what :func:`~standoff.forecast.run_challenge` computes with Q = 1 (where μ
and T drop out), for every choice of ``ties``, ``risk`` and ``silent_indifferent``: the same
operations in the same order, so that the results are the same to the bit. That needs

- numpy's pairwise summation for ``.sum()`` (:func:`_pairwise_sum`) and sequential cumulative
  sums, as ``np.cumsum`` and ``np.einsum`` take them;
- ``np.interp``'s formula for G at the midpoints;
- no ``fastmath``, so that LLVM neither reorders sums nor fuses multiplications and additions;
- the base ½ of ½^r passed at run time (LLVM rewrites ``0.5 ** r`` with a constant base, which
  then differs from ``pow`` in the last bit for some r);
- numba's ``exp``, ``log`` and ``pow`` (the C library's) giving the bits numpy's give, which
  holds where numpy has no vectorised versions of its own (:func:`libm_like_numpy`).

numba is an optional dependency (``pip install 'standoff[fast]'``); this module imports it, so
it is imported only when the compiled engine is used. The first use compiles the kernel (about
ten seconds) and caches it on disk; later processes load it in about one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np
from numpy.typing import NDArray

from standoff.forecast._challenge import EQUAL, TIE

__all__ = ["libm_like_numpy", "run_compiled"]

Array = NDArray[np.float64]
_Function = TypeVar("_Function", bound=Callable[..., Any])


def _compile(function: _Function) -> _Function:
    """``numba.njit``, cached on disk, without fastmath."""
    return cast(_Function, numba.njit(cache=True, nogil=True)(function))


@_compile
def _block_sum(values: Array, start: int, count: int) -> float:
    """numpy's sum of at most 128 values: a plain loop below 8 values, otherwise eight
    interleaved partial sums added as a tree, then the rest one by one."""
    if count < 8:
        result = 0.0
        for k in range(start, start + count):
            result += values[k]
        return result
    partial = np.empty(8)
    for lane in range(8):
        partial[lane] = values[start + lane]
    k = 8
    while k < count - count % 8:
        for lane in range(8):
            partial[lane] += values[start + k + lane]
        k += 8
    result = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + (
        (partial[4] + partial[5]) + (partial[6] + partial[7])
    )
    while k < count:
        result += values[start + k]
        k += 1
    return float(result)


@_compile
def _pairwise_sum(values: Array, start: int, count: int) -> float:
    """numpy's pairwise sum of ``values[start:start + count]`` (``np.add.reduce`` over a
    contiguous axis): blocks of at most 128 (:func:`_block_sum`), and above that the sum of two
    halves cut at a multiple of 8. The halving is walked with a stack, not by recursion (numba
    cannot load recursive functions from its cache)."""
    if count <= 128:
        return _block_sum(values, start, count)
    starts = np.empty(64, np.int64)
    counts = np.empty(64, np.int64)
    left_done = np.zeros(64, np.bool_)
    left_sum = np.empty(64)
    top = 0
    starts[0], counts[0], left_done[0] = start, count, False
    while True:
        if counts[top] > 128:  # descend into the left half
            half = counts[top] // 2
            half -= half % 8
            top += 1
            starts[top], counts[top], left_done[top] = starts[top - 1], half, False
            continue
        value = _block_sum(values, starts[top], counts[top])
        top -= 1
        while top >= 0 and left_done[top]:  # a right half: finish its parents
            value = left_sum[top] + value
            top -= 1
        if top < 0:
            return float(value)
        left_sum[top], left_done[top] = value, True  # a left half: go on to the right one
        half = counts[top] // 2
        half -= half % 8
        top += 1
        starts[top], counts[top] = starts[top - 1] + half, counts[top - 1] - half
        left_done[top] = False


@_compile
def _stable_order(x: Array, order: NDArray[np.int64], spare: NDArray[np.int64]) -> None:
    """The indices of ``x`` in ascending order, equal values in index order, into ``order``
    (what ``np.argsort(kind="stable")`` gives): a bottom-up merge sort through ``spare``."""
    n = x.shape[0]
    for k in range(n):
        order[k] = k
    run = 1
    while run < n:
        for low in range(0, n, 2 * run):
            middle = min(low + run, n)
            high = min(low + 2 * run, n)
            left, right = low, middle
            for k in range(low, high):
                if right >= high or (left < middle and x[order[left]] <= x[order[right]]):
                    spare[k] = order[left]
                    left += 1
                else:
                    spare[k] = order[right]
                    right += 1
        for k in range(n):
            order[k] = spare[k]
        run *= 2


@_compile
def _pair_tables(
    x: Array,
    w: Array,
    order: NDArray[np.int64],
    place_of: NDArray[np.int64],
    place: Array,
    chance: Array,
    lower: Array,
    upper: Array,
    logs: bool,
) -> int:
    """The distinct positions of one run in ``place`` (ascending), each actor's among them in
    ``place_of``, and P, log(½ − ½δ) and log(½ + ½δ) between them (as ``pair_terms``).

    Returns how many distinct positions there are. ``order`` holds the actors by position.
    """
    n = x.shape[0]
    sorted_x = np.empty(n)
    sorted_w = np.empty(n)
    products = np.empty(n)
    for k in range(n):
        sorted_x[k] = x[order[k]]
        sorted_w[k] = w[order[k]]
        products[k] = sorted_w[k] * sorted_x[k]
    # G(x) = x (2 W₋ − W) + M − 2 M₋ (vote_totals), W₋ and M₋ the cumulative sums of the weights
    # and moments up to the last actor at x
    all_weight = _pairwise_sum(sorted_w, 0, n)
    all_moment = _pairwise_sum(products, 0, n)
    below_weight = np.empty(n)
    below_moment = np.empty(n)
    weight_sum = 0.0
    moment_sum = 0.0
    for k in range(n):
        weight_sum += sorted_w[k]
        moment_sum += products[k]
        below_weight[k] = weight_sum
        below_moment[k] = moment_sum
    totals = np.empty(n)
    end = n - 1
    while end >= 0:
        start = end
        while start > 0 and sorted_x[start - 1] == sorted_x[end]:
            start -= 1
        for k in range(start, end + 1):
            totals[order[k]] = (
                sorted_x[k] * (2 * below_weight[end] - all_weight)
                + all_moment
                - 2 * below_moment[end]
            )
        end = start - 1
    # L(x) and R(x), from the sums in the actors' own order (pair_terms)
    total_weight = _pairwise_sum(w, 0, n)
    for k in range(n):
        products[k] = w[k] * x[k]
    total_moment = _pairwise_sum(products, 0, n)
    place_totals = np.empty(n)
    place_left = np.empty(n)
    place_right = np.empty(n)
    width = 0
    for k in range(n):
        actor = order[k]
        if k == 0 or sorted_x[k] != sorted_x[k - 1]:
            left = (totals[actor] + total_weight * x[actor] - total_moment) / 2
            place[width] = sorted_x[k]
            place_totals[width] = totals[actor]
            place_left[width] = left
            place_right[width] = totals[actor] - left
            width += 1
        place_of[actor] = width - 1
    # P[a, b] = (G(x_b) − G(x_a) + D) / 2D, D = 2 [G(m) − min L − min R] at the midpoint m; G(m)
    # as np.interp(x_a + x_b, 2 place, place_totals), walking the segments as x_b grows
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
            denominator = at_midpoint - min(place_left[a], place_left[b])
            denominator -= min(place_right[a], place_right[b])
            denominator *= 2
            if denominator > threshold:
                found = (place_totals[b] - place_totals[a] + denominator) / (2 * denominator)
                chance[a, b] = min(max(found, 0.0), 1.0)
            else:  # nobody prefers either position
                chance[a, b] = 0.5
    if logs:  # δ is symmetric: each logarithm once per unordered pair
        for a in range(width):
            for b in range(a, width):
                gap = abs(place[b] - place[a]) / 2
                lower[a, b] = lower[b, a] = math.log(0.5 - gap) if gap < 0.5 else -math.inf
                upper[a, b] = upper[b, a] = math.log(gap + 0.5)
    return width


@_compile
def _risk_exponents(
    s: Array,
    active: NDArray[np.bool_],
    place_of: NDArray[np.int64],
    place: Array,
    chance: Array,
    width: int,
    risk: Array,
) -> None:
    """rᵢ into ``risk`` from the securities Sᵢ = 2Dᵢ − 4sᵢEᵢ (Q = 1), summed over the distinct
    positions weighted by their active actors (``securities`` and ``risk_exponents``)."""
    n = s.shape[0]
    crowd = np.zeros(width)
    spread = np.zeros(width)
    exposed = np.zeros(width)
    for k in range(n):
        if active[k]:
            crowd[place_of[k]] += 1.0
    for q in range(width):
        for p in range(width):
            distance = abs(place[p] - place[q])
            spread[p] += crowd[q] * distance
            exposed[p] += crowd[q] * ((1 - chance[q, p]) * distance)
    security = np.empty(n)
    high = -math.inf
    low = math.inf
    for i in range(n):
        security[i] = 2 * spread[place_of[i]] - 4 * s[i] * exposed[place_of[i]]
        if active[i]:
            high = max(high, security[i])
            low = min(low, security[i])
    gap = high - low
    usable = math.isfinite(gap) and gap > 1e-12 * max(abs(high), 1.0)
    for i in range(n):
        relative = (2 * security[i] - high - low) / gap if usable else 0.0
        relative = min(max(relative, -1.0), 1.0)
        risk[i] = (1 - relative / 3) / (1 + relative / 3)


@_compile
def _utilities(
    s: Array,
    place_of: NDArray[np.int64],
    place: Array,
    chance: Array,
    lower: Array,
    upper: Array,
    width: int,
    risk: Array,
    with_risk: bool,
    half_base: float,
    utility: Array,
) -> None:
    """``utility[j, i]`` = EUᵢ(j) (target-major, the order the choice reads), 0 for i = j.

    With risk exponents (``expected_utilities``): EUᵢ(j) = −4[sⱼ(1 − P)(b − a) + (a − ½^r)],
    a = (½ − ½δ)^r and b = (½ + ½δ)^r, computed per actor and distinct position of the target;
    without (``simple_expected_utilities``): EUᵢ(j) = 2δ(1 − 2sⱼ(1 − P)).
    """
    n = s.shape[0]
    success = np.empty(width)
    failure = np.empty(width)
    for i in range(n):
        a = place_of[i]
        if with_risk:
            r = risk[i]
            half = half_base**r
            for b in range(width):
                low_power = math.exp(lower[a, b] * r)
                failure[b] = (math.exp(upper[a, b] * r) - low_power) * (1.0 - chance[a, b])
                success[b] = low_power - half
            for j in range(n):
                b = place_of[j]
                utility[j, i] = -4 * (failure[b] * s[j] + success[b])
        else:
            for j in range(n):
                b = place_of[j]
                utility[j, i] = ((1 - chance[a, b]) * s[j] * -2 + 1) * abs(place[b] - place[a]) * 2
        utility[i, i] = 0.0


@_compile
def _answer(
    x: Array,
    active: NDArray[np.bool_],
    utility: Array,
    least_movement: bool,
    after: Array,
) -> None:
    """Each target takes the best offer above EQUAL from an active actor (equal within TIE:
    by the tie rule, then the first) and answers with its own EUⱼ(i) (``_one_group``)."""
    n = x.shape[0]
    for j in range(n):
        best = -math.inf
        for i in range(n):
            if active[i]:
                best = max(best, utility[j, i])
        chosen = 0
        if best > EQUAL:
            cut = best - TIE * abs(best)
            chosen = -1
            count = 0
            nearest = math.inf
            for i in range(n):
                if active[i] and utility[j, i] >= cut and utility[j, i] > EQUAL:
                    if chosen < 0:
                        chosen = i
                    count += 1
                    nearest = min(nearest, abs(x[i] - x[j]))
            if least_movement and count > 1:  # distances equal but for rounding are equal
                for i in range(n):
                    if (
                        active[i]
                        and utility[j, i] >= cut
                        and utility[j, i] > EQUAL
                        and abs(x[i] - x[j]) <= nearest + TIE
                    ):
                        chosen = i
                        break
        towards = x[chosen]
        if best > EQUAL:
            offer = utility[j, chosen]
            response = utility[chosen, j]
            if response > EQUAL and response < offer - EQUAL:  # conflict, which j loses
                after[j] = towards
                continue
            if response < -EQUAL and -response < offer - EQUAL:  # compromise
                after[j] = x[j] + (towards - x[j]) * (-response / offer)
                continue
            if response < -EQUAL:  # capitulation
                after[j] = towards
                continue
        after[j] = x[j] + (towards - x[j]) * 0.0  # as the numpy kernel writes "stays"


@_compile
def _copy(source: Array, target: Array) -> None:
    """``target[:] = source``, as a loop (a slice assignment takes seconds to compile)."""
    for k in range(source.shape[0]):
        target[k] = source[k]


@_compile
def _runs(
    unit: Array,
    capability: Array,
    salience: Array,
    rounds: int,
    tolerance: float,
    least_movement: bool,
    with_risk: bool,
    silent_indifferent: bool,
    half_base: float,
) -> tuple[Array, NDArray[np.int64]]:
    """Every run, round after round, as ``run_challenge`` without ``keep``."""
    runs, n = unit.shape
    final = np.empty((runs, n))
    used = np.zeros(runs, np.int64)
    w = np.empty(n)
    active = np.empty(n, np.bool_)
    current = np.empty(n)
    after = np.empty(n)
    earlier = np.empty(n)  # the positions one round before current
    order = np.empty(n, np.int64)
    spare = np.empty(n, np.int64)
    place_of = np.empty(n, np.int64)
    place = np.empty(n)
    chance = np.empty((n, n))
    lower = np.empty((n, n))
    upper = np.empty((n, n))
    risk = np.ones(n)
    utility = np.empty((n, n))
    for run in range(runs):
        s = salience[run]
        for k in range(n):
            w[k] = capability[run, k] * s[k]
            active[k] = s[k] > 0 or not silent_indifferent
            current[k] = unit[run, k]
            earlier[k] = math.nan
        done = 0
        for _ in range(rounds):
            _stable_order(current, order, spare)
            width = _pair_tables(current, w, order, place_of, place, chance, lower, upper,
                                 with_risk)  # fmt: skip
            if with_risk:
                _risk_exponents(s, active, place_of, place, chance, width, risk)
            _utilities(s, place_of, place, chance, lower, upper, width, risk, with_risk,
                       half_base, utility)  # fmt: skip
            _answer(current, active, utility, least_movement, after)
            done += 1
            moved = 0.0
            back = True  # whether after equals the positions of two rounds before
            for k in range(n):
                moved = max(moved, abs(after[k] - current[k]))
                back = back and after[k] == earlier[k]
            if moved > tolerance and back:
                # a two-round cycle repeats to the round limit: it ends on after when an even
                # number of rounds is left, otherwise on current
                if (rounds - done) % 2 == 0:
                    _copy(after, current)
                done = rounds
                break
            _copy(current, earlier)
            _copy(after, current)
            if not moved > tolerance:
                break
        _copy(current, final[run])
        used[run] = done
    return final, used


def run_compiled(
    unit: Array,
    capability: Array,
    salience: Array,
    *,
    rounds: int,
    tolerance: float,
    least_movement: bool = True,
    risk: bool = True,
    silent_indifferent: bool = True,
) -> tuple[Array, NDArray[np.int64]]:
    """The final positions and the rounds each run took, from positions on the unit scale,
    shape ``(runs, actors)``: :func:`~standoff.forecast.run_challenge` with Q = 1.

    Examples
    --------
    >>> unit = np.array([[0.0, 0.3, 0.4, 1.0]])
    >>> capability, salience = np.array([[1.0, 2.0, 1.0, 1.0]]), np.array([[0.9, 0.5, 0.8, 0.6]])
    >>> final, used = run_compiled(unit, capability, salience, rounds=50, tolerance=1e-6)
    >>> final.round(6).tolist(), used.tolist()
    ([[0.3, 0.3, 0.3, 0.3]], [3])
    """
    final, used = _runs(  # plain Python types: any other would compile another version
        np.ascontiguousarray(unit, np.float64),
        np.ascontiguousarray(capability, np.float64),
        np.ascontiguousarray(salience, np.float64),
        int(rounds),
        float(tolerance),
        bool(least_movement),
        bool(risk),
        bool(silent_indifferent),
        0.5,
    )
    return final, used


def libm_like_numpy() -> bool:
    """Whether numpy's float64 ``exp``, ``log`` and ``pow`` give the C library's bits on this
    machine (they do unless numpy uses its AVX-512 versions), the condition for the compiled
    engine's results to equal the numpy kernel's to the bit. Checked over the ranges the kernel
    uses: exponents r·log(½ ∓ ½δ) down to 2·log(2⁻⁵³), logarithms of (0, 1], powers ½^r for r in
    [½, 2] (numba calls the C library, as Python's ``math`` does)."""
    exponents = np.linspace(-80.0, 0.0, 1999)
    exps = np.exp(exponents).tolist() == [math.exp(v) for v in exponents.tolist()]
    positive = np.linspace(1e-9, 1.0, 1999)
    logs = np.log(positive).tolist() == [math.log(v) for v in positive.tolist()]
    risks = np.linspace(0.5, 2.0, 1999)
    powers = np.power(0.5, risks).tolist() == [0.5**v for v in risks.tolist()]
    return bool(exps and logs and powers)
