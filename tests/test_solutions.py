"""Bargaining solutions: closed forms, the exact reference, Pareto efficiency, ties and bad input.

The closed forms are for continuous frontiers sampled on a fine grid, so the discrete solution
must lie within one grid step of the continuous one:

- Nash on the linear frontier ``u1 + u2 = S``: equal gains, ``u_i = d_i + (S − d1 − d2) / 2``;
  on ``2·u1 + u2 = S``: maximising ``(u1 − d1)(S − 2·u1 − d2)`` gives ``u1 = (S − d2 + 2·d1) / 4``.
- Egalitarian on a linear frontier: equal gains; on ``2·u1 + u2 = S``,
  ``u1 − d1 = S − 2·u1 − d2`` gives ``u1 = (S − d2 + d1) / 3``.
- Kalai–Smorodinsky on ``u2 = 1 − u1²`` with ``d = 0``: the ideal point is ``a = (1, 1)``, so the
  solution is where the curve meets the diagonal, ``t = 1 − t²``, i.e. ``t = (√5 − 1) / 2``
  (≈ 0.618). For general ``d`` the individually rational part ends at ``a1 = √(1 − d2)`` and
  ``a2 = 1 − d1²``; with ``r = (a2 − d2) / (a1 − d1)`` the point on the segment solves
  ``r·(u1 − d1) = 1 − u1² − d2``, i.e. ``u1 = (−r + √(r² + 4·(1 − d2 + r·d1))) / 2``.
- Utilitarian on ``u2 = 1 − u1²``: maximising ``u1 + 1 − u1²`` gives ``u1 = 1/2``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from standoff.bargaining._frontier import pareto_frontier
from standoff.bargaining._reference import REFERENCE_SOLUTIONS, reference_solution
from standoff.bargaining._solutions import (
    egalitarian_solution,
    individually_rational,
    kalai_smorodinsky_solution,
    nash_solution,
    utilitarian_solution,
)

Solver = Callable[[NDArray[np.float64], NDArray[np.float64]], int | None]
SOLVERS: dict[str, Solver] = {
    "nash": nash_solution,
    "kalai_smorodinsky": kalai_smorodinsky_solution,
    "egalitarian": egalitarian_solution,
    "utilitarian": utilitarian_solution,
}
GRID = 10_000  # 10,001 points on each frontier


def _linear(total: float, weight: float = 1.0) -> tuple[NDArray[np.float64], float]:
    """Points of ``weight·u1 + u2 = total`` with u1, u2 >= 0, and the grid step in u1."""
    first = np.linspace(0.0, total / weight, GRID + 1)
    return np.column_stack([first, total - weight * first]), total / weight / GRID


def _concave(scale: float = 1.0) -> tuple[NDArray[np.float64], float]:
    """Points of ``u2 = scale·(1 − u1²)`` for u1 in [0, 1], and the grid step in u1."""
    first = np.linspace(0.0, 1.0, GRID + 1)
    return np.column_stack([first, scale * (1.0 - first**2)]), 1.0 / GRID


# -- closed forms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "d"),
    [
        pytest.param(10.0, (0.0, 0.0), id="split-10"),
        pytest.param(10.0, (2.0, 5.0), id="unequal-batnas"),
        pytest.param(1.0, (0.7, 0.0), id="strong-first"),
        pytest.param(3.0, (-1.0, 0.5), id="negative-batna"),
    ],
)
def test_nash_and_egalitarian_split_the_surplus_equally_on_a_line(
    total: float, d: tuple[float, float]
) -> None:
    utilities, step = _linear(total)
    disagreement = np.array(d)
    expected = d[0] + (total - d[0] - d[1]) / 2
    for solver in (nash_solution, egalitarian_solution):
        chosen = solver(utilities, disagreement)
        assert chosen is not None
        assert abs(utilities[chosen, 0] - expected) <= step
        gains = utilities[chosen] - disagreement
        assert abs(gains[0] - gains[1]) <= 2 * step


@pytest.mark.parametrize("d", [(0.0, 0.0), (1.0, 2.0), (0.5, 4.0)])
def test_nash_and_egalitarian_differ_on_a_weighted_line(d: tuple[float, float]) -> None:
    total = 12.0
    utilities, step = _linear(total, weight=2.0)
    disagreement = np.array(d)
    nash = nash_solution(utilities, disagreement)
    egalitarian = egalitarian_solution(utilities, disagreement)
    assert nash is not None
    assert egalitarian is not None
    assert abs(utilities[nash, 0] - (total - d[1] + 2 * d[0]) / 4) <= step
    assert abs(utilities[egalitarian, 0] - (total - d[1] + d[0]) / 3) <= step


def test_kalai_smorodinsky_on_a_parabola() -> None:
    utilities, step = _concave()
    chosen = kalai_smorodinsky_solution(utilities, np.zeros(2))
    assert chosen is not None
    golden = (math.sqrt(5) - 1) / 2
    assert abs(utilities[chosen, 0] - golden) <= step
    assert abs(utilities[chosen, 1] - golden) <= 2 * step  # |du2/du1| <= 2


def test_kalai_smorodinsky_is_scale_invariant_unlike_egalitarian() -> None:
    # u2 = 2(1 − u1²): the ideal point is (1, 2), the KS point keeps u1 = (√5 − 1)/2
    utilities, step = _concave(scale=2.0)
    chosen = kalai_smorodinsky_solution(utilities, np.zeros(2))
    assert chosen is not None
    assert abs(utilities[chosen, 0] - (math.sqrt(5) - 1) / 2) <= step
    # egalitarian: u1 = 2(1 − u1²), u1 = (−1 + √17) / 4
    egalitarian = egalitarian_solution(utilities, np.zeros(2))
    assert egalitarian is not None
    assert abs(utilities[egalitarian, 0] - (math.sqrt(17) - 1) / 4) <= step


@pytest.mark.parametrize("d", [(0.2, 0.1), (0.5, 0.0), (0.0, 0.6)])
def test_kalai_smorodinsky_on_a_parabola_with_batnas(d: tuple[float, float]) -> None:
    utilities, step = _concave()
    chosen = kalai_smorodinsky_solution(utilities, np.array(d))
    assert chosen is not None
    ideal = (math.sqrt(1 - d[1]), 1 - d[0] ** 2)
    r = (ideal[1] - d[1]) / (ideal[0] - d[0])
    expected = (-r + math.sqrt(r * r + 4 * (1 - d[1] + r * d[0]))) / 2
    assert abs(utilities[chosen, 0] - expected) <= 2 * step


def test_utilitarian_on_a_parabola() -> None:
    utilities, step = _concave()
    chosen = utilitarian_solution(utilities, np.zeros(2))
    assert chosen is not None
    assert abs(utilities[chosen, 0] - 0.5) <= step


def test_three_parties_split_a_simplex_equally() -> None:
    # outcomes (i, j, 30 − i − j)/10: Nash, KS and egalitarian give everyone 1
    i, j = np.meshgrid(np.arange(31), np.arange(31), indexing="ij")
    keep = (i + j <= 30).reshape(-1)
    grid = np.column_stack([i.reshape(-1), j.reshape(-1)])[keep]
    utilities = np.column_stack([grid, 30 - grid.sum(axis=1)]) / 10
    for name in ("nash", "kalai_smorodinsky", "egalitarian"):
        chosen = SOLVERS[name](utilities, np.zeros(3))
        assert chosen is not None
        np.testing.assert_allclose(utilities[chosen], [1.0, 1.0, 1.0], err_msg=name)


# -- the exact reference, efficiency, invariance ---------------------------------------------------


@st.composite
def bargaining_problems(draw: st.DrawFn) -> tuple[list[list[float]], list[float]]:
    """Integer-valued utilities (1–4 parties, 0–25 outcomes, many ties) and a disagreement point."""
    parties = draw(st.integers(1, 4))
    values = st.integers(0, draw(st.sampled_from([2, 6]))).map(float)
    rows = draw(st.lists(st.lists(values, min_size=parties, max_size=parties), max_size=25))
    disagreement = draw(st.lists(st.integers(0, 3).map(float), min_size=parties, max_size=parties))
    return rows, disagreement


def _arrays(
    problem: tuple[list[list[float]], list[float]],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    rows, disagreement = problem
    parties = len(disagreement)
    return np.array(rows, dtype=np.float64).reshape(len(rows), parties), np.array(disagreement)


@settings(max_examples=100, deadline=None)
@given(bargaining_problems())
def test_solutions_match_the_exact_reference(
    problem: tuple[list[list[float]], list[float]],
) -> None:
    utilities, disagreement = _arrays(problem)
    for name, solver in SOLVERS.items():
        chosen = solver(utilities, disagreement)
        assert chosen is None or type(chosen) is int
        assert chosen == reference_solution(problem[0], problem[1], name), name


@settings(max_examples=100, deadline=None)
@given(bargaining_problems())
def test_solutions_are_individually_rational_and_on_the_pareto_frontier(
    problem: tuple[list[list[float]], list[float]],
) -> None:
    utilities, disagreement = _arrays(problem)
    rational = individually_rational(utilities, disagreement)
    frontier = set(pareto_frontier(utilities).tolist())
    for name, solver in SOLVERS.items():
        chosen = solver(utilities, disagreement)
        if not rational.any():
            assert chosen is None, name
            continue
        assert chosen is not None, name
        assert rational[chosen], name
        assert chosen in frontier, name


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.floats(0, 100, allow_subnormal=False), min_size=2, max_size=2),
    st.integers(1, 300),
    st.integers(0, 2**32 - 1),
)
def test_the_nash_point_lies_on_the_pareto_frontier(
    disagreement: list[float], count: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    utilities = rng.random((count, 2)) * 200
    chosen = nash_solution(utilities, np.array(disagreement))
    if chosen is None:
        assert not individually_rational(utilities, np.array(disagreement)).any()
    else:
        assert chosen in set(pareto_frontier(utilities).tolist())


@settings(max_examples=60, deadline=None)
@given(bargaining_problems(), st.data())
def test_nash_and_kalai_smorodinsky_ignore_positive_affine_rescaling(
    problem: tuple[list[list[float]], list[float]], data: st.DataObject
) -> None:
    # powers of two and integer shifts keep the arithmetic exact
    utilities, disagreement = _arrays(problem)
    parties = len(disagreement)
    scale = 2.0 ** np.array(
        data.draw(st.lists(st.integers(-3, 3), min_size=parties, max_size=parties))
    )
    shift = np.array(data.draw(st.lists(st.integers(-5, 5), min_size=parties, max_size=parties)))
    moved_utilities, moved_disagreement = utilities * scale + shift, disagreement * scale + shift
    for solver in (nash_solution, kalai_smorodinsky_solution):
        before = solver(utilities, disagreement)
        after = solver(moved_utilities, moved_disagreement)
        if before is None or after is None:
            assert before is after
        else:
            # the same score; the sum tie-break may pick another outcome among equal scores
            assert before == after or _same_score(solver, utilities, disagreement, before, after)


def _same_score(
    solver: Solver,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    first: int,
    second: int,
) -> bool:
    """Whether ``first`` and ``second`` alone tie for ``solver``, so either may be chosen."""
    rational = individually_rational(utilities, disagreement)
    gains = utilities - disagreement
    if solver is nash_solution:
        return bool(gains[first].prod() == gains[second].prod())
    ideal = gains[rational].max(axis=0)
    active = ideal > 0
    ratios = gains[:, active] / ideal[active]
    return bool(ratios[first].min() == ratios[second].min()) if active.any() else True


def test_reference_knows_the_four_solutions() -> None:
    assert set(REFERENCE_SOLUTIONS) == set(SOLVERS)


# -- ties, no agreement, bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rows", "d", "expected"),
    [
        # equal products 2·3 = 1·6; the sums 5 and 7 decide
        pytest.param("nash", [[2, 3], [1, 6]], [0, 0], 1, id="nash-larger-sum"),
        # equal products and sums: the lowest index
        pytest.param("nash", [[3, 2], [2, 3], [3, 2]], [0, 0], 0, id="nash-lowest-index"),
        # only the disagreement point and (1, 6) are rational: both have product 0
        pytest.param("nash", [[1, 1], [1, 6], [0, 9]], [1, 1], 1, id="nash-zero-gains"),
        pytest.param("egalitarian", [[1, 1], [1, 5], [5, 1]], [0, 0], 1, id="egal-larger-sum"),
        pytest.param("egalitarian", [[2, 2], [2, 2]], [0, 0], 0, id="egal-lowest-index"),
        pytest.param("utilitarian", [[4, 0], [0, 4], [2, 2]], [0, 0], 0, id="util-lowest-index"),
        # ideal (4, 4): (4, 2) and (2, 4) both score 1/2, (1, 4) scores 1/4
        pytest.param("kalai_smorodinsky", [[1, 4], [4, 2], [2, 4]], [0, 0], 1, id="ks-tie"),
        # nobody can gain: every rational outcome is d itself, the first copy wins
        pytest.param("kalai_smorodinsky", [[0, 5], [1, 1], [1, 1]], [1, 1], 1, id="ks-no-gain"),
    ],
)
def test_ties(name: str, rows: list[list[float]], d: list[float], expected: int) -> None:
    assert SOLVERS[name](np.array(rows, dtype=np.float64), np.array(d)) == expected
    assert reference_solution(rows, d, name) == expected


@pytest.mark.parametrize("name", list(SOLVERS))
def test_no_individually_rational_outcome_gives_none(name: str) -> None:
    utilities = np.array([[5.0, 0.0], [0.0, 5.0], [2.0, 2.9]])
    assert SOLVERS[name](utilities, np.array([3.0, 3.0])) is None
    assert SOLVERS[name](np.empty((0, 2)), np.array([0.0, 0.0])) is None


@pytest.mark.parametrize("name", list(SOLVERS))
def test_the_disagreement_point_itself_counts(name: str) -> None:
    assert SOLVERS[name](np.array([[3.0, 3.0], [4.0, 2.0]]), np.array([3.0, 3.0])) == 0


def test_individually_rational() -> None:
    utilities = np.array([[1.0, 3.0], [3.0, 1.0], [2.0, 2.0]])
    assert individually_rational(utilities, np.array([2.0, 1.0])).tolist() == [False, True, True]


@pytest.mark.parametrize("name", list(SOLVERS))
@pytest.mark.parametrize(
    ("utilities", "d", "message"),
    [
        pytest.param(
            [[1.0, 2.0]],
            [0.0],
            "disagreement must have shape (2,), one value per party (column of utilities), "
            "got shape (1,)",
            id="short-d",
        ),
        pytest.param(
            [[1.0, 2.0]],
            [[0.0, 0.0]],
            "disagreement must have shape (2,), one value per party (column of utilities), "
            "got shape (1, 2)",
            id="2-D-d",
        ),
        pytest.param(
            [1.0, 2.0],
            [0.0, 0.0],
            "utilities must be a 2-D array of shape (n_outcomes, n_parties), got shape (2,)",
            id="1-D-utilities",
        ),
        pytest.param([[1.0, 2.0]], [0.0, np.nan], "disagreement must be finite", id="nan-d"),
        pytest.param(
            [[1.0, np.inf]],
            [0.0, 0.0],
            "utilities must be finite for a bargaining solution",
            id="infinite-utility",
        ),
    ],
)
def test_bad_input_is_refused(
    name: str, utilities: list[list[float]], d: list[float], message: str
) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        SOLVERS[name](np.array(utilities), np.array(d))
