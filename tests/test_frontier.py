"""The Pareto frontier: the fast kernel against the brute-force reference, invariants, edge cases.

The reference (:mod:`standoff.bargaining._reference`) compares every pair of outcomes with the
definition; a second check, written here with numpy broadcasting, verifies directly that every
frontier outcome is undominated and every other outcome dominated, on inputs too large for the
pure-Python reference. Utilities are drawn from a few values as well as from floats, so that ties
and copies of the same vector are common.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from standoff.bargaining._frontier import (
    _frontier_many_parties,
    _frontier_two_parties,
    pareto_frontier,
)
from standoff.bargaining._reference import dominates, reference_pareto_frontier

FEW_VALUES = (-1.0, 0.0, 0.5, 1.0, 2.0)


@st.composite
def utility_matrices(
    draw: st.DrawFn, min_parties: int = 1, max_outcomes: int = 40, max_parties: int = 4
) -> list[list[float]]:
    """A small utility matrix: 1–4 parties (or up to ``max_parties``), 0–40 outcomes, values
    often tied."""
    parties = draw(st.integers(min_parties, max_parties))
    values = draw(
        st.sampled_from(
            [
                st.sampled_from(FEW_VALUES[:2]),
                st.sampled_from(FEW_VALUES),
                st.floats(-10, 10, allow_nan=False, allow_subnormal=False),
                st.integers(0, 3).map(float),
            ]
        )
    )
    row = st.lists(values, min_size=parties, max_size=parties)
    return draw(st.lists(row, max_size=max_outcomes))


def _matrix(rows: list[list[float]], parties: int) -> NDArray[np.float64]:
    return np.array(rows, dtype=np.float64).reshape(len(rows), parties)


def _dominated_mask(utilities: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Row a is dominated when some row b is >= a everywhere and > a somewhere (numpy, O(n²))."""
    at_least = (utilities[:, None, :] >= utilities[None, :, :]).all(axis=2)  # [b, a]
    larger = (utilities[:, None, :] > utilities[None, :, :]).any(axis=2)
    return np.asarray((at_least & larger).any(axis=0), dtype=np.bool_)


def _assert_is_frontier(utilities: NDArray[np.float64], frontier: NDArray[np.int64]) -> None:
    assert frontier.dtype == np.int64
    assert np.all(np.diff(frontier) > 0)  # ascending, no repeats
    expected = np.flatnonzero(~_dominated_mask(utilities))
    np.testing.assert_array_equal(frontier, expected)


# -- the fast kernel against the reference -------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(utility_matrices())
def test_frontier_matches_reference(rows: list[list[float]]) -> None:
    parties = len(rows[0]) if rows else 1
    frontier = pareto_frontier(_matrix(rows, parties))
    assert frontier.tolist() == reference_pareto_frontier(rows)


@settings(max_examples=100, deadline=None)
@given(utility_matrices(min_parties=2), st.sampled_from([1, 2, 4]), st.sampled_from([0, 3]))
def test_divide_and_conquer_matches_reference_at_every_depth(
    rows: list[list[float]], span: int, screen: int
) -> None:
    # a small span sends almost every pair through the divide and conquer; a small screen
    # exercises the screen on small inputs
    if not rows:
        return
    utilities = _matrix(rows, len(rows[0]))
    frontier = _frontier_many_parties(utilities, span=span, screen=screen)
    assert frontier.tolist() == reference_pareto_frontier(rows)


FIVE_PARTIES_EMPTY_STEP = [
    [1, 1, 0, 3, 0], [1, 0, 2, 2, 2], [1, 3, 0, 3, 0], [2, 0, 1, 0, 1], [3, 2, 2, 0, 3],
    [1, 2, 2, 0, 1], [1, 0, 0, 2, 2], [2, 1, 2, 2, 0], [3, 3, 0, 1, 3], [1, 1, 1, 3, 3],
    [2, 1, 1, 1, 0], [3, 1, 1, 3, 0], [3, 0, 0, 3, 1], [1, 0, 1, 1, 1], [3, 3, 1, 1, 0],
    [3, 1, 3, 3, 3], [1, 3, 3, 1, 2], [3, 3, 1, 2, 0], [1, 3, 3, 3, 2], [1, 2, 1, 0, 3],
    [0, 3, 0, 0, 3], [2, 2, 2, 1, 0], [2, 3, 0, 1, 2], [3, 0, 1, 1, 2], [3, 3, 0, 3, 1],
]  # fmt: skip
"""Issue 13: a block of the divide and conquer leaves no row for the next column, where the
recursion took the maximum of an empty array (numpy's "zero-size array" message)."""


def test_a_step_without_rows_is_no_failure() -> None:
    utilities = np.array(FIVE_PARTIES_EMPTY_STEP, dtype=np.float64)
    found = pareto_frontier(utilities).tolist()
    assert found == reference_pareto_frontier(FIVE_PARTIES_EMPTY_STEP)


@settings(max_examples=60, deadline=None)
@given(utility_matrices(min_parties=5, max_parties=6))
def test_frontier_of_five_or_six_parties_matches_reference(rows: list[list[float]]) -> None:
    parties = len(rows[0]) if rows else 5
    found = pareto_frontier(_matrix(rows, parties)).tolist()
    assert found == reference_pareto_frontier(rows)


@settings(max_examples=100, deadline=None)
@given(utility_matrices())
def test_frontier_outcomes_are_undominated_and_the_others_dominated(
    rows: list[list[float]],
) -> None:
    parties = len(rows[0]) if rows else 1
    utilities = _matrix(rows, parties)
    frontier = set(pareto_frontier(utilities).tolist())
    for a, row in enumerate(rows):
        dominated = any(dominates(other, row) for other in rows)
        assert (a in frontier) is not dominated


def _space(shape: str, count: int, parties: int, seed: int) -> NDArray[np.float64]:
    rng = np.random.default_rng(seed)
    if shape == "uniform":
        return np.asarray(rng.random((count, parties)), dtype=np.float64)
    if shape == "sphere":  # every outcome efficient
        points = np.abs(rng.normal(size=(count, parties)))
        return np.asarray(points / np.linalg.norm(points, axis=1, keepdims=True), dtype=np.float64)
    if shape == "rounded-sphere":  # mostly efficient, with many ties and copies
        return np.round(_space("sphere", count, parties, seed), 1)
    if shape == "levels":
        return np.asarray(rng.integers(0, 4, size=(count, parties)), dtype=np.float64)
    # "additive": linear additive utilities over the cross product of 3 issues of 8 values
    grids = np.meshgrid(*(np.arange(8),) * 3, indexing="ij")
    levels = np.stack([grid.reshape(-1) for grid in grids], axis=1)[:count]
    weights = rng.random((3, parties))
    values = rng.random((3, 8, parties))
    return np.asarray(
        np.sum([weights[i] * values[i, levels[:, i]] for i in range(3)], axis=0), dtype=np.float64
    )


@pytest.mark.parametrize("parties", [2, 3, 4])
@pytest.mark.parametrize("shape", ["uniform", "sphere", "rounded-sphere", "levels", "additive"])
def test_frontier_of_larger_spaces(shape: str, parties: int) -> None:
    # large enough for several levels of the divide and conquer (and for the screen)
    utilities = _space(shape, 512, parties, seed=parties)
    _assert_is_frontier(utilities, pareto_frontier(utilities))
    _assert_is_frontier(utilities, _frontier_many_parties(utilities, span=2, screen=0))


@pytest.mark.parametrize("shape", ["uniform", "sphere", "rounded-sphere", "levels", "additive"])
def test_two_party_sweep_agrees_with_divide_and_conquer(shape: str) -> None:
    utilities = _space(shape, 5000, 2, seed=7)
    np.testing.assert_array_equal(
        _frontier_two_parties(utilities), _frontier_many_parties(utilities)
    )


# -- hand-made cases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([[3, 1], [2, 2], [1, 1], [2, 2], [1, 3]], [0, 1, 3, 4], id="copies-kept"),
        pytest.param([[2, 1], [2, 3], [2, 3], [1, 3]], [1, 2], id="tie-in-first-column"),
        pytest.param([[1, 2], [3, 2], [0, 5]], [1, 2], id="tie-in-second-column"),
        pytest.param([[0.0, 1.0], [-0.0, 1.0]], [0, 1], id="minus-zero-equals-zero"),
        pytest.param([[np.inf, 0], [5, 5], [-np.inf, 6]], [0, 1, 2], id="infinities"),
        pytest.param([[-np.inf, -np.inf], [-np.inf, -np.inf]], [0, 1], id="all-minus-infinity"),
        pytest.param([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]], [0, 1, 2], id="three-axes"),
        pytest.param([[1, 1, 1, 0], [1, 1, 1, 1], [1, 1, 1, 1]], [1, 2], id="four-parties"),
        pytest.param([[5], [7], [7], [6]], [1, 2], id="one-party-maxima"),
    ],
)
def test_hand_made_frontiers(rows: list[list[float]], expected: list[int]) -> None:
    assert pareto_frontier(np.array(rows, dtype=np.float64)).tolist() == expected


@pytest.mark.parametrize("parties", [1, 2, 3, 4, 5])
def test_edge_cases(parties: int) -> None:
    empty = pareto_frontier(np.empty((0, parties)))
    assert empty.dtype == np.int64
    assert empty.tolist() == []
    assert pareto_frontier(np.ones((1, parties))).tolist() == [0]
    assert pareto_frontier(np.full((6, parties), 2.5)).tolist() == list(range(6))


def test_a_concave_curve_is_all_efficient() -> None:
    angle = np.linspace(0, np.pi / 2, 10_001)
    curve = np.column_stack([np.cos(angle), np.sin(angle)])
    assert pareto_frontier(curve).tolist() == list(range(10_001))


def test_accepts_integer_arrays() -> None:
    assert pareto_frontier(np.array([[1, 2], [2, 1], [1, 1]])).tolist() == [0, 1]


@pytest.mark.parametrize(
    ("utilities", "message"),
    [
        pytest.param(
            np.zeros(3),
            "utilities must be a 2-D array of shape (n_outcomes, n_parties), got shape (3,)",
            id="1-D",
        ),
        pytest.param(
            np.zeros((2, 2, 2)),
            "utilities must be a 2-D array of shape (n_outcomes, n_parties), got shape (2, 2, 2)",
            id="3-D",
        ),
        pytest.param(
            np.zeros((3, 0)),
            "utilities must have at least one column (one per party), got shape (3, 0)",
            id="no-parties",
        ),
        pytest.param(
            np.array([[1.0, 2.0], [np.nan, 0.0]]),
            "utilities must not contain NaN (row 1)",
            id="nan",
        ),
    ],
)
def test_bad_input_is_refused(utilities: NDArray[np.float64], message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        pareto_frontier(utilities)
