"""The Pareto frontier of a finite set of outcomes.

An outcome ``b`` *Pareto dominates* an outcome ``a`` when every party values ``b`` at least as much
as ``a`` and some party values it strictly more: ``b >= a`` in every column of the utility matrix
and ``b > a`` in at least one. The *Pareto frontier* (the efficient outcomes) is the set of
outcomes that no outcome dominates (Pareto 1906; Raiffa, *The Art and Science of Negotiation*,
1982, ch. 10). Outcomes with identical utility vectors do not dominate each other, so every copy
of an efficient vector is efficient.

How it is computed
------------------
- **One party**: the outcomes of maximal utility.
- **Two parties**: sort and sweep, O(n log n). Sort by ``u0`` descending, so the rows with equal
  ``u0`` form runs. A row is efficient exactly when its ``u1`` equals the largest ``u1`` of its run
  (else a row of the run dominates it) and is strictly larger than every ``u1`` of the earlier
  runs, which have a strictly larger ``u0`` (else such a row dominates it). Both maxima come from
  one pass (a maximum per run and a running maximum), so the cost is one sort whatever the shape
  of the frontier or the number of ties; sorting ``u1`` within the runs as well is not needed.
- **Three or more parties**: a vectorised divide and conquer over integer ranks,
  O(n log^(k-1) n). Each column is replaced by its dense rank (dominance only compares values
  within a column), duplicate vectors are merged, and the distinct vectors are sorted in
  descending lexicographic order. A dominating vector is lexicographically larger, so it comes
  earlier; conversely an earlier vector that is at least as large in columns 1..k-1 dominates (it
  is distinct and no smaller in column 0). So the question becomes: *is some earlier row at least
  as large in the remaining columns?* It is answered for every row at once. Pairs of rows inside
  one aligned block of 8 positions are compared directly. Every other pair lies in the left and
  the right half of exactly one aligned block of 16, 32, 64, ... positions; for each block size,
  sorting every block on the next column (left rows first on ties) turns "a left row at least as
  large as this right row" into the same question with one column fewer, solved the same way,
  down to a running maximum for the last column. Every step is a numpy sort or pass over all
  rows, never a Python loop over outcomes. Before that, a screen drops the rows dominated by one
  of the 64 rows with the largest rank sums, which settles most outcomes when the frontier is
  small.

Examples
--------
>>> import numpy as np
>>> utilities = np.array([[3.0, 1.0], [2.0, 2.0], [1.0, 1.0], [2.0, 2.0], [1.0, 3.0]])
>>> pareto_frontier(utilities).tolist()     # (1, 1) is dominated; both copies of (2, 2) stay
[0, 1, 3, 4]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["pareto_frontier", "utility_matrix"]

BRUTE_FORCE_SPAN = 8
"""Rows inside one aligned block of this many positions are compared pairwise."""
SCREEN_SIZE = 64
"""How many rows with the largest rank sums screen the others before the divide and conquer."""
_SCREEN_CHUNK = 8192


def pareto_frontier(utilities: NDArray[np.float64]) -> NDArray[np.int64]:
    """The indices of the outcomes that no other outcome Pareto dominates.

    Parameters
    ----------
    utilities
        Shape ``(n_outcomes, k)``, ``k >= 1``: row ``i`` holds each party's utility for outcome
        ``i``. Infinite values are allowed, NaN is not.

    Returns
    -------
    NDArray[np.int64]
        The efficient outcomes' row indices, ascending. Copies of an efficient utility vector are
        all included. Empty when there are no outcomes.

    Raises
    ------
    ValueError
        When ``utilities`` is not a 2-D array with at least one column, or contains NaN.

    Notes
    -----
    Two parties cost one sort (see the module docstring): about 0.1 s for 10^6 outcomes on the
    development machine, whatever the shape of the frontier. Three and four parties cost
    O(log n) and O(log^2 n) sorts: for 10^5 outcomes that all lie on the frontier, about 0.1 s
    and 0.6 s (``benchmarks/bench_bargaining.py``).

    Examples
    --------
    >>> import numpy as np
    >>> pareto_frontier(np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 2.0], [0.0, 0.0, 2.0]])).tolist()
    [0, 1]
    >>> pareto_frontier(np.array([[4.0], [7.0], [7.0]])).tolist()
    [1, 2]
    """
    values = utility_matrix(utilities)
    count, parties = values.shape
    if count == 0:
        return np.empty(0, dtype=np.int64)
    if parties == 1:
        column = values[:, 0]
        return np.flatnonzero(column == column.max()).astype(np.int64)
    if parties == 2:
        return _frontier_two_parties(values)
    return _frontier_many_parties(values)


def utility_matrix(utilities: ArrayLike, *, name: str = "utilities") -> NDArray[np.float64]:
    """``utilities`` as a float64 matrix, checked: 2-D, at least one column, no NaN.

    Examples
    --------
    >>> utility_matrix([[1, 2]]).dtype
    dtype('float64')
    >>> utility_matrix([1.0, 2.0])
    Traceback (most recent call last):
    ...
    ValueError: utilities must be a 2-D array of shape (n_outcomes, n_parties), got shape (2,)
    """
    values = np.asarray(utilities, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D array of shape (n_outcomes, n_parties), got shape {values.shape}"
        )
    if values.shape[1] == 0:
        raise ValueError(
            f"{name} must have at least one column (one per party), got shape {values.shape}"
        )
    if np.isnan(values).any():
        row = int(np.flatnonzero(np.isnan(values).any(axis=1))[0])
        raise ValueError(f"{name} must not contain NaN (row {row})")
    return values


def _frontier_two_parties(values: NDArray[np.float64]) -> NDArray[np.int64]:
    """Sort and sweep: the efficient rows of a two-column matrix, ascending."""
    order = np.argsort(-values[:, 0])
    first = values[order, 0]
    second = values[order, 1]
    starts = np.flatnonzero(np.concatenate(([True], first[1:] != first[:-1])))
    group = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(order))))
    # the largest u1 among the rows with the same u0
    group_best = np.maximum.reduceat(second, starts)
    # the largest u1 among the rows with a strictly larger u0 (none for the first group)
    running = np.maximum.accumulate(second)
    better_before = np.empty(len(starts))
    better_before[0] = -np.inf
    better_before[1:] = running[starts[1:] - 1]
    kept = (second == group_best[group]) & ((group == 0) | (second > better_before[group]))
    return np.sort(order[kept]).astype(np.int64)


def _frontier_many_parties(
    values: NDArray[np.float64],
    *,
    span: int = BRUTE_FORCE_SPAN,
    screen: int = SCREEN_SIZE,
) -> NDArray[np.int64]:
    """Divide and conquer over ranks: the efficient rows of a matrix with any number of columns.

    ``span`` (a power of two) and ``screen`` only change the speed; tests set them small to
    exercise every path on small inputs.
    """
    count, parties = values.shape
    ranks = np.empty((count, parties), dtype=np.int64)
    for column in range(parties):
        ranks[:, column] = np.unique(values[:, column], return_inverse=True)[1].reshape(-1)
    # descending lexicographic order (np.lexsort takes its primary key last)
    order = np.lexsort(tuple(-ranks[:, column] for column in reversed(range(parties))))
    ranked = ranks[order]
    new = np.ones(count, dtype=bool)
    new[1:] = (ranked[1:] != ranked[:-1]).any(axis=1)
    distinct = ranked[new]
    dominated = _screen(distinct, screen)
    rest = np.flatnonzero(~dominated)
    rows = distinct[rest]
    everywhere = np.ones(len(rest), dtype=bool)
    found = _dominated_by_earlier(
        rows[:, 1:], np.zeros(len(rest), dtype=np.int64), everywhere, everywhere, span
    )
    dominated[rest[found]] = True
    kept = ~dominated[np.cumsum(new) - 1]
    return np.sort(order[kept]).astype(np.int64)


def _screen(distinct: NDArray[np.int64], size: int) -> NDArray[np.bool_]:
    """Rows dominated by one of the ``size`` distinct rows with the largest normalised rank sums."""
    count = len(distinct)
    dominated = np.zeros(count, dtype=bool)
    if size <= 0 or count <= size:
        return dominated
    scale = np.maximum(distinct.max(axis=0), 1).astype(np.float64)
    strength = (distinct / scale).sum(axis=1)
    chosen = np.argpartition(-strength, size)[:size]
    screens = distinct[chosen]
    for start in range(0, count, _SCREEN_CHUNK):
        chunk = distinct[start : start + _SCREEN_CHUNK]
        at_least = np.ones((size, len(chunk)), dtype=bool)
        for column in range(distinct.shape[1]):
            at_least &= screens[:, column, None] >= chunk[None, :, column]
        # the rows are distinct, so a screen at least as good as a row, and not the row, dominates
        itself = (chosen >= start) & (chosen < start + len(chunk))
        at_least[np.flatnonzero(itself), chosen[itself] - start] = False
        dominated[start : start + len(chunk)] = at_least.any(axis=0)
    return dominated


def _dominated_by_earlier(
    values: NDArray[np.int64],
    group: NDArray[np.int64],
    source: NDArray[np.bool_],
    target: NDArray[np.bool_],
    span: int,
) -> NDArray[np.bool_]:
    """For each target row q: is there a source row p before q, in q's group, with p >= q?

    ``values`` holds non-negative integer ranks, shape ``(n, m)`` with ``m >= 1``; ``group`` is
    non-decreasing (groups are runs of rows). The comparison is weak in every column.
    """
    count, columns = values.shape
    if count == 0:  # a block of the level above may leave no row to compare
        return np.zeros(0, dtype=bool)
    if columns == 1:
        return _dominated_by_earlier_one_column(values[:, 0], group, source, target)
    dominated = np.zeros(count, dtype=bool)
    position = np.arange(count)
    # pairs less than `span` apart within one aligned block of `span` rows: compare directly
    offset = position % span
    for shift in range(1, min(span, count)):
        pairs = (
            (offset[shift:] >= shift)
            & (group[shift:] == group[:-shift])
            & source[:-shift]
            & target[shift:]
        )
        if pairs.any():
            at_least = (values[:-shift] >= values[shift:]).all(axis=1)
            dominated[shift:] |= pairs & at_least
    # every other pair lies in the left and right halves of exactly one aligned block
    width = int(values[:, 0].max()) + 1
    half = span
    while half < count:
        right = (position // half) % 2 == 1
        block = position // (2 * half)
        left_source = source & ~right
        right_target = target & right & ~dominated
        if right_target.any():
            rows = np.flatnonzero(left_source | right_target)
            change = np.ones(len(rows), dtype=bool)
            change[1:] = (group[rows[1:]] != group[rows[:-1]]) | (
                block[rows[1:]] != block[rows[:-1]]
            )
            subgroup = np.cumsum(change) - 1
            has_source = np.zeros(len(rows), dtype=bool)
            has_source[subgroup[left_source[rows]]] = True
            has_target = np.zeros(len(rows), dtype=bool)
            has_target[subgroup[right_target[rows]]] = True
            useful = has_source[subgroup] & has_target[subgroup]
            rows, subgroup = rows[useful], subgroup[useful]
            # within each block: next column descending, left rows first on ties
            key = (subgroup * width + (width - 1 - values[rows, 0])) * 2 + right[rows]
            order = np.argsort(key)
            rows, subgroup = rows[order], subgroup[order]
            found = _dominated_by_earlier(
                values[rows, 1:], subgroup, left_source[rows], right_target[rows], span
            )
            dominated[rows[found]] = True
        half *= 2
    return dominated


def _dominated_by_earlier_one_column(
    values: NDArray[np.int64],
    group: NDArray[np.int64],
    source: NDArray[np.bool_],
    target: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """:func:`_dominated_by_earlier` for one column: a running maximum within each group."""
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    width = int(values.max()) + 2
    # value + 1 for sources, 0 for other rows; the group offset keeps earlier groups below
    keyed = group * width + np.where(source, values + 1, 0)
    running = np.maximum.accumulate(keyed)
    before = np.empty_like(running)
    before[0] = -1
    before[1:] = running[:-1]
    best = before - group * width
    return target & (best >= values + 1)
