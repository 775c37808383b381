"""Bargaining solutions over a finite set of outcomes.

The parties choose one outcome from a finite set; row ``i`` of the utility matrix ``u`` holds each
party's utility for outcome ``i`` and ``d`` is the *disagreement point*, each party's value of
walking away (its BATNA). Only *individually rational* outcomes count: those with
``u_i >= d_i`` for every party ``i``, which no party would rather refuse. Over them:

- the **Nash** solution maximises the product of gains ``prod_i (u_i - d_i)`` (Nash 1950, "The
  bargaining problem", *Econometrica* 18);
- the **Kalai–Smorodinsky** solution takes the ideal point ``a`` (``a_i`` is the best utility party
  ``i`` gets in any individually rational outcome) and maximises
  ``min_i (u_i - d_i) / (a_i - d_i)`` over the parties with ``a_i > d_i``: the discrete form of
  "the frontier point on the segment from d to a" (Kalai & Smorodinsky 1975, "Other solutions to
  Nash's bargaining problem", *Econometrica* 43);
- the **egalitarian** solution maximises the smallest gain ``min_i (u_i - d_i)`` (Kalai 1977,
  "Proportional solutions to bargaining situations", *Econometrica* 45);
- the **utilitarian** solution maximises the sum of utilities ``sum_i u_i``.

Ties are broken by the larger utility sum, then by the lowest outcome index. Each score never
decreases when an outcome improves for some party, and the sum then strictly increases, so the
chosen outcome is always Pareto efficient. Each function is one vectorised pass over the outcomes
(no need to compute the frontier first).

Examples
--------
>>> import numpy as np
>>> u = np.array([[0.0, 10.0], [2.0, 9.0], [4.0, 7.0], [6.0, 4.0], [8.0, 1.0]])
>>> d = np.array([3.0, 0.0])     # outcomes 0 and 1 give the first party less than its BATNA
>>> nash_solution(u, d), kalai_smorodinsky_solution(u, d), egalitarian_solution(u, d)
(3, 3, 3)
>>> utilitarian_solution(u, d)
2
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from standoff.bargaining._frontier import utility_matrix

__all__ = [
    "egalitarian_solution",
    "individually_rational",
    "kalai_smorodinsky_solution",
    "nash_solution",
    "utilitarian_solution",
]


def individually_rational(
    utilities: NDArray[np.float64], disagreement: NDArray[np.float64]
) -> NDArray[np.bool_]:
    """Which outcomes give every party at least its disagreement value.

    Parameters
    ----------
    utilities
        Shape ``(n_outcomes, k)``: each party's utility for each outcome.
    disagreement
        Shape ``(k,)``: each party's value of no agreement (its BATNA).

    Returns
    -------
    NDArray[np.bool_]
        Shape ``(n_outcomes,)``: True where ``utilities[i, p] >= disagreement[p]`` for every ``p``.

    Raises
    ------
    ValueError
        When the shapes do not match or a value is not finite.

    Examples
    --------
    >>> import numpy as np
    >>> individually_rational(np.array([[1.0, 3.0], [3.0, 1.0]]), np.array([2.0, 0.0])).tolist()
    [False, True]
    """
    values, floor = _checked(utilities, disagreement)
    return np.asarray((values >= floor).all(axis=1), dtype=np.bool_)


def nash_solution(utilities: NDArray[np.float64], disagreement: NDArray[np.float64]) -> int | None:
    """The individually rational outcome that maximises the product of gains (Nash 1950).

    Parameters
    ----------
    utilities
        Shape ``(n_outcomes, k)``: each party's utility for each outcome.
    disagreement
        Shape ``(k,)``: each party's value of no agreement (its BATNA).

    Returns
    -------
    int | None
        The chosen outcome's row index; ties go to the larger utility sum, then the lowest index.
        None when no outcome is individually rational.

    Raises
    ------
    ValueError
        When the shapes do not match or a value is not finite.

    Examples
    --------
    >>> import numpy as np
    >>> splits = np.array([[x, 10.0 - x] for x in range(11)])    # split 10 between two
    >>> nash_solution(splits, np.array([0.0, 0.0])), nash_solution(splits, np.array([4.0, 0.0]))
    (5, 7)
    """
    values, floor, rows = _rational(utilities, disagreement)
    if rows.size == 0:
        return None
    return _best(rows, (values[rows] - floor).prod(axis=1), values[rows])


def kalai_smorodinsky_solution(
    utilities: NDArray[np.float64], disagreement: NDArray[np.float64]
) -> int | None:
    """The individually rational outcome with the largest smallest share of the ideal gain.

    The ideal point ``a`` holds each party's best utility over the individually rational outcomes;
    the score of an outcome is ``min_i (u_i - d_i) / (a_i - d_i)`` over the parties with
    ``a_i > d_i`` (0 for every outcome when there are none), and the chosen outcome maximises it
    (Kalai & Smorodinsky 1975).

    Parameters
    ----------
    utilities
        Shape ``(n_outcomes, k)``: each party's utility for each outcome.
    disagreement
        Shape ``(k,)``: each party's value of no agreement (its BATNA).

    Returns
    -------
    int | None
        The chosen outcome's row index; ties go to the larger utility sum, then the lowest index.
        None when no outcome is individually rational.

    Raises
    ------
    ValueError
        When the shapes do not match or a value is not finite.

    Examples
    --------
    >>> import numpy as np
    >>> u = np.array([[0.0, 1.0], [0.5, 0.9], [0.6, 0.6], [1.0, 0.0]])   # ideal (1, 1)
    >>> kalai_smorodinsky_solution(u, np.array([0.0, 0.0]))
    2
    """
    values, floor, rows = _rational(utilities, disagreement)
    if rows.size == 0:
        return None
    gains = values[rows] - floor
    ideal = gains.max(axis=0)
    active = ideal > 0
    # with no party able to gain, every outcome scores 0 and the tie-break decides
    score = (gains[:, active] / ideal[active]).min(axis=1) if active.any() else np.zeros(len(rows))
    return _best(rows, score, values[rows])


def egalitarian_solution(
    utilities: NDArray[np.float64], disagreement: NDArray[np.float64]
) -> int | None:
    """The individually rational outcome that maximises the smallest gain (Kalai 1977).

    Parameters
    ----------
    utilities
        Shape ``(n_outcomes, k)``: each party's utility for each outcome.
    disagreement
        Shape ``(k,)``: each party's value of no agreement (its BATNA).

    Returns
    -------
    int | None
        The chosen outcome's row index; ties go to the larger utility sum, then the lowest index.
        None when no outcome is individually rational.

    Raises
    ------
    ValueError
        When the shapes do not match or a value is not finite.

    Examples
    --------
    >>> import numpy as np
    >>> u = np.array([[1.0, 9.0], [3.0, 5.0], [4.0, 3.0]])
    >>> egalitarian_solution(u, np.array([0.0, 0.0])), egalitarian_solution(u, np.array([0.0, 4.0]))
    (1, 0)
    """
    values, floor, rows = _rational(utilities, disagreement)
    if rows.size == 0:
        return None
    return _best(rows, (values[rows] - floor).min(axis=1), values[rows])


def utilitarian_solution(
    utilities: NDArray[np.float64], disagreement: NDArray[np.float64]
) -> int | None:
    """The individually rational outcome with the largest sum of utilities.

    Parameters
    ----------
    utilities
        Shape ``(n_outcomes, k)``: each party's utility for each outcome.
    disagreement
        Shape ``(k,)``: each party's value of no agreement (its BATNA).

    Returns
    -------
    int | None
        The chosen outcome's row index; ties go to the lowest index. None when no outcome is
        individually rational.

    Raises
    ------
    ValueError
        When the shapes do not match or a value is not finite.

    Examples
    --------
    >>> import numpy as np
    >>> u = np.array([[9.0, 0.0], [5.0, 3.0], [3.0, 5.0]])
    >>> utilitarian_solution(u, np.array([0.0, 0.0])), utilitarian_solution(u, np.array([0.0, 1.0]))
    (0, 1)
    """
    values, _, rows = _rational(utilities, disagreement)
    if rows.size == 0:
        return None
    inside = values[rows]
    return _best(rows, inside.sum(axis=1), inside)


def _checked(
    utilities: ArrayLike, disagreement: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    values = utility_matrix(utilities)
    floor = np.asarray(disagreement, dtype=np.float64)
    if floor.shape != (values.shape[1],):
        raise ValueError(
            f"disagreement must have shape ({values.shape[1]},), one value per party (column of "
            f"utilities), got shape {floor.shape}"
        )
    if not np.isfinite(floor).all():
        raise ValueError("disagreement must be finite")
    if not np.isfinite(values).all():
        raise ValueError("utilities must be finite for a bargaining solution")
    return values, floor


def _rational(
    utilities: ArrayLike, disagreement: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    values, floor = _checked(utilities, disagreement)
    rows = np.flatnonzero((values >= floor).all(axis=1)).astype(np.int64)
    return values, floor, rows


def _best(rows: NDArray[np.int64], score: NDArray[np.float64], inside: NDArray[np.float64]) -> int:
    """The row with the largest score; ties go to the larger utility sum, then the lowest index."""
    tied = np.flatnonzero(score == score.max())
    sums = inside[tied].sum(axis=1)
    return int(rows[tied[np.argmax(sums)]])
