"""The forecasting models: published numbers, the kernel against its slow reference, invariants."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from standoff.forecast import (
    OUTCOMES,
    ChallengeParameters,
    challenge_round,
    pairwise_vote,
    run_challenge,
    weighted_mean,
    weighted_median,
)
from standoff.forecast._expected_utility import probabilities
from standoff.forecast._reference import reference_round
from standoff.forecast._vote import summed_votes

# Bueno de Mesquita (1994), reproduced in Scholz, Calbert and Smith (2011), Table 1:
# (capability, position, salience) of the EC car-emission issue.
EC = {
    "Netherlands": (0.08, 4, 80),
    "Belgium": (0.08, 7, 40),
    "Luxembourg": (0.03, 4, 20),
    "Germany": (0.16, 4, 80),
    "France": (0.16, 10, 60),
    "Italy": (0.16, 10, 60),
    "UK": (0.16, 10, 90),
    "Ireland": (0.05, 7, 10),
    "Denmark": (0.05, 4, 100),
    "Greece": (0.08, 7, 70),
}
CAPABILITY = [row[0] for row in EC.values()]
POSITION = [float(row[1]) for row in EC.values()]
SALIENCE = [row[2] / 100 for row in EC.values()]


def test_ec_weighted_mean() -> None:
    assert round(weighted_mean(POSITION, CAPABILITY, SALIENCE), 6) == 7.389956


def test_ec_pairwise_vote_position() -> None:
    assert pairwise_vote(POSITION, CAPABILITY, SALIENCE) == 7.0


def test_ec_pairwise_votes_seven_beats_four_and_ten_and_ten_beats_four() -> None:
    votes = summed_votes([4.0, 7.0, 10.0], *_grouped(), span=6.0)
    assert votes[1, 0] > 0
    assert votes[1, 2] > 0
    assert votes[2, 0] > 0  # 10 beats 4


def _grouped() -> tuple[list[float], list[float]]:
    """The EC actors grouped by position (4, 7, 10): total c·s as capability, salience 1."""
    totals = [0.0, 0.0, 0.0]
    for c, x, s in zip(CAPABILITY, POSITION, SALIENCE, strict=True):
        totals[[4.0, 7.0, 10.0].index(x)] += c * s
    return totals, [1.0, 1.0, 1.0]


def test_ec_weighted_median() -> None:
    assert weighted_median(POSITION, CAPABILITY, SALIENCE) == 7.0


def test_north_korea_2004_weighted_mean_step() -> None:
    # The Predictioneer's Game (2009), Appendix I, prints only the total Σ I·S·P = 1,757,649 of
    # its rows and the weighted mean 59.8; the step Σ I·S·P / Σ I·S then fixes Σ I·S to within
    # the rounding of 59.8. Two rows with those totals give the book's mean.
    total_isp = 1_757_649.0
    total_is = round(total_isp / 59.8)
    positions = [total_isp / total_is, total_isp / total_is]
    found = weighted_mean(positions, [total_is / 2, total_is / 2], [1.0, 1.0])
    assert round(found, 1) == 59.8
    assert 1_757_649 / 59.85 < total_is < 1_757_649 / 59.75


# -- the kernel against the reference -------------------------------------------------------


def _kernel(x: list[float], c: list[float], s: list[float], span: float, **kw: object) -> object:
    unit = np.array(x)[None] / span
    return challenge_round(unit, np.array(c)[None], np.array(s)[None], ChallengeParameters(**kw))  # type: ignore[arg-type]


actors = st.integers(min_value=1, max_value=7).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 20).map(float), min_size=n, max_size=n),
        st.lists(st.floats(0.0, 5.0).map(lambda v: round(v, 3)), min_size=n, max_size=n),
        st.lists(st.integers(0, 10).map(lambda v: v / 10), min_size=n, max_size=n),
    )
)


@settings(deadline=None, max_examples=150)
@given(
    actors,
    st.sampled_from([1.0, 0.5, 0.0]),
    st.sampled_from([1.0, 0.3]),
    st.sampled_from(["median", "mean"]),
    st.booleans(),
)
# offers from 1 and 15 to an actor at 8 move it equally far, but not on a unit scale's floats
@example(
    ([0.0, 0.0, 1.0, 8.0, 0.0, 0.0, 15.0], [0.0] * 7, [0.0, 0.0, 0.1, 0.0, 0.0, 0.0, 0.1]),
    1.0,
    1.0,
    "median",
    False,
)
# the summed distances to 1 and to 5 tie (0.8 + 0.1 and 0.4 + 0.5): the first position is μ
@example(
    ([0.0, 0.0, 1.0, 5.0, 0.0], [0.0, 0.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.1, 0.2, 0.1]),
    1.0,
    1.0,
    "median",
    False,
)
def test_one_round_matches_the_reference(
    inputs: tuple[list[float], list[float], list[float]], q: float, t: float, mu: str, risk: bool
) -> None:
    x, c, s = inputs
    span = 20.0
    found = _kernel(x, c, s, span, q=q, t=t, mu=mu, risk=risk)
    expected = reference_round(x, c, s, span, q=q, t=t, mu_kind=mu, risk=risk)
    assert found.mu[0] * span == pytest.approx(expected.mu, abs=1e-9)  # type: ignore[attr-defined]
    np.testing.assert_allclose(found.utilities[0], np.array(expected.utilities), atol=1e-9)  # type: ignore[attr-defined]
    np.testing.assert_allclose(found.risk[0], np.array(expected.risk), atol=1e-9)  # type: ignore[attr-defined]
    # Decisions compare utilities: where two differ by float noise the two may choose apart.
    if _decisive(expected):
        assert found.challenger[0].tolist() == expected.challenger  # type: ignore[attr-defined]
        np.testing.assert_allclose(found.after[0] * span, np.array(expected.after), atol=1e-7)  # type: ignore[attr-defined]


# Few distinct positions, equal capabilities and saliences: ties everywhere (equal positions,
# challengers at the same distance on either side, equal expected utilities).
tied_actors = st.integers(min_value=1, max_value=9).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from([0.0, 10.0, 20.0]), min_size=n, max_size=n),
        st.lists(st.sampled_from([0.0, 1.0, 2.0]), min_size=n, max_size=n),
        st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=n, max_size=n),
    )
)


@settings(deadline=None, max_examples=150)
@given(
    tied_actors,
    st.sampled_from(["least_movement", "first_actor"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["median", "mean"]),
)
def test_one_round_with_ties_matches_the_reference(
    inputs: tuple[list[float], list[float], list[float]],
    ties: str,
    silent: bool,
    risk: bool,
    mu: str,
) -> None:
    x, c, s = inputs
    span = 20.0
    found = _kernel(x, c, s, span, ties=ties, silent_indifferent=silent, risk=risk, mu=mu)
    expected = reference_round(x, c, s, span, risk=risk, mu_kind=mu, silent_indifferent=silent,
                               least_movement=ties == "least_movement")  # fmt: skip
    np.testing.assert_allclose(found.utilities[0], np.array(expected.utilities), atol=1e-9)  # type: ignore[attr-defined]
    np.testing.assert_allclose(found.risk[0], np.array(expected.risk), atol=1e-9)  # type: ignore[attr-defined]
    if _decisive(expected):
        assert found.challenger[0].tolist() == expected.challenger  # type: ignore[attr-defined]
        outcomes = [OUTCOMES[k] for k in found.outcome[0]]  # type: ignore[attr-defined]
        assert outcomes == expected.outcome
        np.testing.assert_allclose(found.after[0] * span, np.array(expected.after), atol=1e-7)  # type: ignore[attr-defined]


@settings(deadline=None, max_examples=100)
@given(tied_actors | actors)
def test_probabilities_match_the_formula(
    inputs: tuple[list[float], list[float], list[float]],
) -> None:
    x, c, s = inputs
    expected = reference_round(x, c, s, 20.0).chance
    weight = np.array(c)[None] * np.array(s)[None]
    found = probabilities(np.array(x)[None] / 20, weight)
    np.testing.assert_allclose(found[0], np.array(expected), atol=1e-9)


@settings(deadline=None, max_examples=40)
@given(st.integers(0, 2**32 - 1), st.integers(2, 12), st.integers(2, 5))
def test_runs_with_different_numbers_of_distinct_positions_match_the_reference(
    seed: int, count: int, runs: int
) -> None:
    """Runs computed together are padded to the most distinct positions of any of them; each
    run must still match the reference computed alone."""
    rng = np.random.default_rng(seed)
    levels = rng.integers(1, count + 1, runs)  # run r has about levels[r] distinct positions
    x = np.stack([rng.integers(0, k, count) * (20 // k) for k in levels]).astype(float)
    c = np.round(rng.random((runs, count)) * 5, 3)
    s = rng.integers(0, 11, (runs, count)) / 10
    found = challenge_round(x / 20, c, s, ChallengeParameters())
    for run in range(runs):
        expected = reference_round(x[run].tolist(), c[run].tolist(), s[run].tolist(), 20.0)
        np.testing.assert_allclose(found.utilities[run], np.array(expected.utilities), atol=1e-9)
        np.testing.assert_allclose(found.risk[run], np.array(expected.risk), atol=1e-9)


def test_a_run_ends_where_it_ends_when_computed_alone() -> None:
    """Runs are computed in groups of similar widths (their numbers of distinct positions,
    which pad the tables of a group to the widest): a run's rounds and final positions must be
    exactly those it has when computed alone, whatever runs are beside it."""
    rng = np.random.default_rng(3)
    runs, count = 40, 24
    levels = rng.integers(2, count + 1, runs)  # about levels[r] distinct positions
    unit = np.stack([rng.integers(0, k, count) / k for k in levels])
    c, s = rng.random((runs, count)), rng.random((runs, count))
    parameters = ChallengeParameters(rounds=20, tolerance=0.0)
    together, used, _ = run_challenge(unit, c, s, parameters)
    for run in range(runs):
        alone, alone_used, _ = run_challenge(unit[run : run + 1], c[run : run + 1],
                                             s[run : run + 1], parameters)  # fmt: skip
        np.testing.assert_array_equal(alone[0], together[run])
        assert alone_used[0] == used[run]


def test_a_cycle_ends_where_running_every_round_ends() -> None:
    """Runs that fall into a two-round cycle stop computing early (without ``keep``); with
    ``keep`` every round is computed. Both must give the same positions and round counts."""
    rng = np.random.default_rng(0)
    unit, c, s = rng.random((12, 30)), rng.random((12, 30)), rng.random((12, 30))
    for rounds in (49, 50):
        parameters = ChallengeParameters(rounds=rounds, tolerance=0.0)
        quick, quick_used, _ = run_challenge(unit, c, s, parameters)
        full, full_used, kept = run_challenge(unit, c, s, parameters, keep=True)
        assert len(kept) == rounds
        np.testing.assert_array_equal(quick, full)
        np.testing.assert_array_equal(quick_used, full_used)
    last, previous = kept[-1], kept[-2]
    assert last.after.shape == previous.before.shape
    assert (last.after == previous.before).all(axis=1).any()  # the sample has cycling runs


def _decisive(expected: object) -> bool:
    values = np.array(expected.utilities).ravel()  # type: ignore[attr-defined]
    near_zero = np.abs(values[values != 0]) < 1e-9
    gaps = np.abs(np.subtract.outer(values, values))
    close = (gaps > 0) & (gaps < 1e-9)
    return not near_zero.any() and not close.any()


def test_probabilities_match_the_formula_on_the_ec_case() -> None:
    found = _kernel(POSITION, CAPABILITY, SALIENCE, 10.0)
    expected = reference_round(POSITION, CAPABILITY, SALIENCE, 10.0)
    np.testing.assert_allclose(found.utilities[0], np.array(expected.utilities), atol=1e-12)  # type: ignore[attr-defined]
    assert expected.outcome.count("none") < len(POSITION)


# -- invariants -----------------------------------------------------------------------------


def test_a_single_actor_s_position_is_the_forecast() -> None:
    assert weighted_mean([3.0], [2.0], [0.5]) == 3.0
    assert weighted_median([3.0], [2.0], [0.5]) == 3.0
    assert pairwise_vote([3.0], [2.0], [0.5]) == 3.0
    final, _, _ = run_challenge(np.array([[0.3]]), np.array([[2.0]]), np.array([[0.5]]),
                                ChallengeParameters())  # fmt: skip
    assert final[0, 0] == 0.3


@settings(deadline=None, max_examples=60)
@given(actors, st.floats(0.01, 1000.0))
def test_scaling_every_capability_changes_nothing(
    inputs: tuple[list[float], list[float], list[float]], factor: float
) -> None:
    x, c, s = inputs
    unit = np.array(x)[None] / 20
    sal = np.array(s)[None]
    first, _, _ = run_challenge(unit, np.array(c)[None], sal, ChallengeParameters(rounds=5))
    scaled = np.array(c)[None] * factor
    second, _, _ = run_challenge(unit, scaled, sal, ChallengeParameters(rounds=5))
    np.testing.assert_allclose(first, second, atol=1e-6)


@settings(deadline=None, max_examples=60)
@given(actors, st.integers(0, 20).map(float), st.floats(0.0, 5.0))
def test_an_actor_with_salience_zero_moves_nobody(
    inputs: tuple[list[float], list[float], list[float]], where: float, capability: float
) -> None:
    x, c, s = inputs
    parameters = ChallengeParameters(rounds=5)
    alone, _, _ = run_challenge(np.array(x)[None] / 20, np.array(c)[None], np.array(s)[None],
                                parameters)  # fmt: skip
    joined, _, _ = run_challenge(
        np.array([*x, where])[None] / 20,
        np.array([*c, capability])[None],
        np.array([*s, 0.0])[None],
        parameters,
    )
    np.testing.assert_allclose(joined[0, :-1], alone[0], atol=1e-9)


def test_runs_are_independent_of_the_runs_beside_them() -> None:
    rng = np.random.default_rng(7)
    unit, c, s = rng.random((6, 8)), rng.random((6, 8)), rng.random((6, 8))
    together, rounds, _ = run_challenge(unit, c, s, ChallengeParameters(rounds=20))
    for run in range(6):
        alone, used, _ = run_challenge(unit[run : run + 1], c[run : run + 1], s[run : run + 1],
                                       ChallengeParameters(rounds=20))  # fmt: skip
        np.testing.assert_allclose(alone[0], together[run], atol=1e-12)
        assert used[0] == rounds[run]


def test_parameters_are_checked() -> None:
    with pytest.raises(ValueError, match="q must be in"):
        ChallengeParameters(q=2.0)
    with pytest.raises(ValueError, match="mu must be one of median, mean, got 'middle'"):
        ChallengeParameters(mu="middle")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda x, c, s: (x, c[:, :2], s),
         "positions, capabilities and saliences must have the same shape (runs, actors), got "
         "(2, 3), (2, 2) and (2, 3)"),
        (lambda x, c, s: (x[0], c[0], s[0]),
         "positions, capabilities and saliences must have the same shape (runs, actors), got "
         "(3,), (3,) and (3,)"),
        (lambda x, c, s: (x + np.array([[0, 0, 0], [0, 2, 0]]), c, s),
         "position 2.5 of actor 1 in run 1 is outside [0, 1]"),
        (lambda x, c, s: (x, c - [[0, 0, 3], [0, 0, 0]], s),
         "capability -2 of actor 2 in run 0 is outside [0, inf]"),
        (lambda x, c, s: (x, c, s * [[1, 1, 1], [np.nan, 1, 1]]),
         "salience nan of actor 0 in run 1 is outside [0, 1]"),
        (lambda x, c, s: (x * [[1, -1, 1], [1, 1, 1]], c, s),
         "position -0.5 of actor 1 in run 0 is outside [0, 1]"),
    ],
)  # fmt: skip
def test_challenge_inputs_are_checked(change: object, message: str) -> None:
    """Either kernel would otherwise compute nonsense (the compiled one without bounds checks)."""
    x = np.array([[0.0, 0.5, 1.0], [0.2, 0.5, 0.9]])
    c, s = np.ones((2, 3)), np.full((2, 3), 0.5)
    unit, capability, salience = change(x, c, s)  # type: ignore[operator]
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        run_challenge(unit, capability, salience, ChallengeParameters())
