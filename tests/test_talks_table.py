"""Outcome tables: offers from targets and demands, against brute force from the definitions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from standoff.talks import OutcomeTable, split_the_pie
from standoff.talks._reference import offer_reference

# Utilities on a coarse grid so that ties (the hard cases) are common.
utilities = st.integers(1, 12).flatmap(
    lambda n: arrays(np.float64, (n, 2), elements=st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]))
)


@settings(max_examples=80, deadline=None)
@given(utilities, utilities, st.lists(st.floats(-0.5, 1.5) | st.just(np.nan), max_size=8))
def test_offer_is_the_best_for_the_opponent_among_acceptable_outcomes(
    values: np.ndarray, believed: np.ndarray, targets: list[float]
) -> None:
    believed = believed[: values.shape[0]] if believed.shape[0] >= values.shape[0] else None
    table = OutcomeTable(values, believed)
    for party in (0, 1):
        outcome, own = table.offer(party, np.array(targets, dtype=np.float64))
        expected = [offer_reference(table, party, target) for target in targets]
        assert outcome.tolist() == expected
        assert own.tolist() == [table.utilities[k, party] for k in expected]


@settings(max_examples=80, deadline=None)
@given(utilities, st.lists(st.floats(-0.5, 1.5), max_size=8))
def test_best_for_self_is_the_constrained_maximum(values: np.ndarray, floors: list[float]) -> None:
    table = OutcomeTable(values)
    for party in (0, 1):
        got = table.best_for_self(party, np.array(floors, dtype=np.float64))
        other = values[:, 1 - party]
        for floor, value in zip(floors, got.tolist(), strict=True):
            allowed = values[other >= floor, party]
            assert value == (allowed.max() if allowed.size else -np.inf)


def test_offers_by_hand() -> None:
    """Party 0 values outcome 0 most; party 1 is believed to value outcome 2 most."""
    table = OutcomeTable([[1.0, 0.0], [0.7, 0.6], [0.5, 0.9], [0.0, 1.0]])
    outcome, own = table.offer(0, np.array([1.0, 0.7, 0.6, 0.5, 0.0, 5.0]))
    assert outcome.tolist() == [0, 1, 1, 2, 3, 0]
    assert own.tolist() == [1.0, 0.7, 0.7, 0.5, 0.0, 1.0]
    outcome, _ = table.offer(1, np.array([0.95, 0.5]))
    assert outcome.tolist() == [3, 1]


def test_ties_at_the_top_go_to_the_opponent() -> None:
    """Two outcomes party 0 likes equally: a demand above both picks the one better for 1."""
    table = OutcomeTable([[1.0, 0.2], [1.0, 0.4], [0.0, 1.0]])
    outcome, _ = table.offer(0, np.array([2.0, np.nan]))
    assert outcome.tolist() == [1, 1]


def test_beliefs_steer_offers() -> None:
    truth = [[0.8, 0.1], [0.8, 0.9]]
    assert OutcomeTable(truth).offer(0, np.array([0.5]))[0].tolist() == [1]
    wrong = OutcomeTable(truth, believed=[[0.9, 0.8], [0.1, 0.8]])
    assert wrong.offer(0, np.array([0.5]))[0].tolist() == [0]


def test_split_the_pie() -> None:
    table = split_the_pie(5)
    assert table.utilities.tolist() == [[0.0, 1.0], [0.25, 0.75], [0.5, 0.5], [0.75, 0.25],
                                        [1.0, 0.0]]  # fmt: skip
    assert table.believed.tolist() == table.utilities[:, ::-1].tolist()
    assert table.maximum == (1.0, 1.0)
    assert not table.utilities.flags.writeable


@pytest.mark.parametrize(
    ("values", "believed", "message"),
    [
        pytest.param([0.5, 0.5], None, "utilities must have shape", id="one-dimensional"),
        pytest.param(np.zeros((0, 2)), None, "utilities must have shape", id="empty"),
        pytest.param([[0.5, 1.5]], None, r"utilities must be finite numbers in \[0, 1\]",
                     id="above-one"),
        pytest.param([[0.5, np.nan]], None, "utilities must be finite", id="nan"),
        pytest.param([[0.5, 0.5]], [[0.5, 0.5], [0.1, 0.1]],
                     r"believed has shape \(2, 2\), expected \(1, 2\)", id="belief-shape"),
    ],
)  # fmt: skip
def test_bad_tables(values: object, believed: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OutcomeTable(values, believed)  # type: ignore[arg-type]


def test_split_the_pie_needs_two_levels() -> None:
    with pytest.raises(ValueError, match="levels must be at least 2, got 1"):
        split_the_pie(1)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 300), st.just(2)), elements=st.floats(0.0, 1.0)),
    st.lists(st.integers(0, 299), max_size=10),
    st.lists(st.sampled_from([-1, 0, 1]), min_size=10, max_size=10),
)
def test_offers_from_targets_at_and_beside_the_utilities_match_the_binary_search(
    values: np.ndarray, picks: list[int], nudges: list[int]
) -> None:
    """The slice look-up agrees with the reference where it is hardest: targets equal to a
    utility, one floating-point step below or above it, and at the slice edges."""
    table = OutcomeTable(values)
    for party in (0, 1):
        own = values[:, party]
        targets = [
            float(np.nextafter(own[k % own.size], np.inf * nudge)) if nudge else own[k % own.size]
            for k, nudge in zip(picks, nudges, strict=False)
        ]
        edges = [j / table.buckets for j in (-1, 0, 1, table.buckets - 1, table.buckets)]
        targets += edges + [float(np.nextafter(e, side)) for e in edges for side in (-2, 2)]
        outcome, _ = table.offer(party, np.array(targets, dtype=np.float64))
        assert outcome.tolist() == [offer_reference(table, party, t) for t in targets]
