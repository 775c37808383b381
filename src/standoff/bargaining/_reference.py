"""Slow reference implementations of the bargaining kernels, for tests only.

Written straight from the definitions with plain Python loops and exact rational arithmetic
(:class:`fractions.Fraction`), sharing nothing with the fast kernels in
:mod:`standoff.bargaining._frontier` and :mod:`standoff.bargaining._solutions`, so that the two can
be compared on random outcome sets. The frontier is quadratic in the number of outcomes; use both
on small inputs.

- ``b`` Pareto dominates ``a`` when ``b_i >= a_i`` for every party ``i`` and ``b_i > a_i`` for
  some; the frontier is the set of undominated outcomes (identical vectors do not dominate each
  other).
- An outcome is individually rational when ``u_i >= d_i`` for every party.
- Among the individually rational outcomes, the solutions maximise: ``prod_i (u_i - d_i)`` (Nash
  1950); ``min_i (u_i - d_i) / (a_i - d_i)`` over the parties with ``a_i > d_i``, where ``a_i`` is
  party i's best individually rational utility (Kalai & Smorodinsky 1975); ``min_i (u_i - d_i)``
  (Kalai 1977); ``sum_i u_i`` (utilitarian). Ties go to the larger utility sum, then the lowest
  index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from math import prod

__all__ = ["REFERENCE_SOLUTIONS", "dominates", "reference_pareto_frontier", "reference_solution"]

Vector = Sequence[float]


def dominates(better: Vector, worse: Vector) -> bool:
    """Whether ``better`` Pareto dominates ``worse``.

    Examples
    --------
    >>> dominates([2, 1], [1, 1]), dominates([1, 1], [1, 1]), dominates([2, 0], [1, 1])
    (True, False, False)
    """
    at_least = all(b >= w for b, w in zip(better, worse, strict=True))
    return at_least and any(b > w for b, w in zip(better, worse, strict=True))


def reference_pareto_frontier(utilities: Sequence[Vector]) -> list[int]:
    """Indices (ascending) of the outcomes no outcome dominates, by comparing every pair.

    Examples
    --------
    >>> reference_pareto_frontier([[3, 1], [2, 2], [1, 1], [2, 2], [1, 3]])
    [0, 1, 3, 4]
    """
    rows = [list(row) for row in utilities]
    return [i for i, a in enumerate(rows) if not any(dominates(b, a) for b in rows)]


def _nash(gains: list[Fraction], ideal: list[Fraction]) -> Fraction:
    return prod(gains, start=Fraction(1))


def _kalai_smorodinsky(gains: list[Fraction], ideal: list[Fraction]) -> Fraction:
    ratios = [g / a for g, a in zip(gains, ideal, strict=True) if a > 0]
    return min(ratios) if ratios else Fraction(0)


def _egalitarian(gains: list[Fraction], ideal: list[Fraction]) -> Fraction:
    return min(gains)


def _utilitarian(gains: list[Fraction], ideal: list[Fraction]) -> Fraction:
    return sum(gains, start=Fraction(0))  # the sum of utilities minus a constant


REFERENCE_SOLUTIONS: dict[str, Callable[[list[Fraction], list[Fraction]], Fraction]] = {
    "nash": _nash,
    "kalai_smorodinsky": _kalai_smorodinsky,
    "egalitarian": _egalitarian,
    "utilitarian": _utilitarian,
}
"""Solution name -> the score it maximises, from an outcome's gains over d and the ideal gains."""


def reference_solution(utilities: Sequence[Vector], disagreement: Vector, rule: str) -> int | None:
    """The outcome chosen by ``rule`` (a key of :data:`REFERENCE_SOLUTIONS`), exactly.

    Examples
    --------
    >>> reference_solution([[1, 4], [2, 3], [3, 1]], [0, 0], "nash")
    1
    >>> reference_solution([[1, 4]], [2, 0], "egalitarian") is None
    True
    """
    score = REFERENCE_SOLUTIONS[rule]
    d = [Fraction(x) for x in disagreement]
    rows = [[Fraction(x) for x in row] for row in utilities]
    rational = [
        i for i, row in enumerate(rows) if all(u >= di for u, di in zip(row, d, strict=True))
    ]
    if not rational:
        return None
    ideal = [max(rows[i][p] for i in rational) - d[p] for p in range(len(d))]
    best: tuple[Fraction, Fraction, int] | None = None
    for i in rational:
        gains = [u - di for u, di in zip(rows[i], d, strict=True)]
        key = (score(gains, ideal), sum(rows[i], start=Fraction(0)), -i)
        if best is None or key > best:
            best = key
    assert best is not None
    return -best[2]
