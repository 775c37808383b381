"""The alternating-offers protocol: hand-worked negotiations, the rules for endings, and the fast
kernel against the one-negotiation-at-a-time reference."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standoff.talks import (
    AGREEMENT,
    BOTH,
    BREAKDOWN,
    DEADLINE,
    ROUND_LIMIT,
    Batch,
    BayesianLearner,
    Bluster,
    Hardliner,
    Outcomes,
    OutcomeTable,
    Rubinstein,
    Stall,
    TimeBased,
    TitForTat,
    boulware,
    conceder,
    linear,
    negotiate,
    split_the_pie,
)
from standoff.talks._reference import negotiate_reference

STRATEGIES = (boulware(), linear(), conceder(), TimeBased(0.7, 0.2, name="custom"), Hardliner(),
              TitForTat(), Stall(window=3), Stall(window=2, away=2, cycle=3, name="stall-2"),
              Bluster(), Bluster(cave=0, keep=0.5, distract=3, name="bluster-2"),
              BayesianLearner(hypotheses=11), Rubinstein())  # fmt: skip
FIELDS = ("outcome", "round", "ended_by", "bound", "utility", "discounted")


def assert_same(fast: Outcomes, slow: Outcomes) -> None:
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(fast, name), getattr(slow, name), err_msg=name)


def test_hand_worked_linear_negotiation() -> None:
    """Linear both sides, no deadline, 11 rounds (T = 10), BATNA 0, pie in steps of 0.1.

    Targets are 1 - t/10. Party 0 proposes at even rounds, party 1 at odd ones. Round 0: 0 asks
    1.0, 1 would next ask 0.9: reject. Round 1: 1 gives 0.1, 0 would next ask 0.8: reject.
    Round 2: 0 gives 0.2 < 0.7; round 3: 1 gives 0.3 < 0.6; round 4: 0 gives 0.4 < 0.5.
    Round 5: 1 offers (0.5, 0.5); 0 would next ask 0.4 and 0.5 >= 0.4: agreement.
    """
    batch = Batch.broadcast(11, linear(), 1)
    outcomes = negotiate(split_the_pie(11), batch)
    assert outcomes.round.tolist() == [5]
    assert outcomes.utility.tolist() == [[0.5, 0.5]]
    assert outcomes.ended_by.tolist() == [AGREEMENT]
    assert outcomes.bound.tolist() == [-1]


def test_hand_worked_three_outcomes() -> None:
    """Outcome 1 = (0.6, 0.5). Party 0's target 0.3 + 0.7 (1 - t/9) first falls to 0.6 or less at
    t = 6 (an even round, its own); party 1's next target 0.3 + 0.7 * 2/9 < 0.5 accepts."""
    table = OutcomeTable([[1.0, 0.0], [0.6, 0.5], [0.0, 1.0]])
    outcomes = negotiate(table, Batch.broadcast(10, linear(), 1, reservation=0.3))
    assert (outcomes.outcome.tolist(), outcomes.round.tolist()) == ([1], [6])


def test_discounting_applies_to_agreements_and_batnas() -> None:
    """Issue 14 changed the convention on purpose: a BATNA is received in the round the talks end
    (here the round limit, round 10) and discounted like an agreement then; it used to be
    received undiscounted, so that waiting for it cost nothing."""
    table = split_the_pie(11)
    batch = Batch.broadcast(11, (linear(), Hardliner()), 2, strategy=[[0, 0], [1, 1]],
                            discount=(0.9, 0.8), reservation=[[0.0, 0.0], [0.1, 0.1]])  # fmt: skip
    outcomes = negotiate(table, batch)
    assert outcomes.round.tolist()[0] == 5
    np.testing.assert_allclose(outcomes.discounted[0], [0.5 * 0.9**5, 0.5 * 0.8**5])
    assert outcomes.ended_by.tolist()[1] == ROUND_LIMIT
    assert outcomes.utility[1].tolist() == [0.1, 0.1]
    np.testing.assert_allclose(outcomes.discounted[1], [0.1 * 0.9**10, 0.1 * 0.8**10])


@pytest.mark.parametrize(
    ("deadline", "ending", "last", "bound"),
    [
        pytest.param((3, -1), DEADLINE, 3, 0, id="party-0"),
        pytest.param((8, 4), DEADLINE, 4, 1, id="party-1"),
        pytest.param((6, 6), DEADLINE, 6, BOTH, id="both"),
        pytest.param((-1, -1), ROUND_LIMIT, 9, -1, id="none"),
        pytest.param((9, -1), DEADLINE, 9, 0, id="at-the-round-limit"),
        pytest.param((12, 40), ROUND_LIMIT, 9, -1, id="beyond-the-round-limit"),
    ],
)
def test_deadlines(deadline: tuple[int, int], ending: int, last: int, bound: int) -> None:
    batch = Batch.broadcast(10, Hardliner(), 1, deadline=deadline, reservation=(0.3, 0.2))
    outcomes = negotiate(split_the_pie(11), batch)
    assert outcomes.ended_by.tolist() == [ending]
    assert outcomes.round.tolist() == [last]
    assert outcomes.bound.tolist() == [bound]
    assert outcomes.outcome.tolist() == [-1]
    assert outcomes.utility.tolist() == [[0.3, 0.2]]


def test_agreement_in_a_party_last_round_records_its_deadline() -> None:
    """Party 0 (linear, BATNA 0.3, deadline 6) responds in even rounds. Party 1 (linear, no
    deadline: T = 19) keeps 1 - t/19 rounded up to the grid of 0.01 and offers party 0 the rest.
    Round 4: 0.21 < 0.42, party 0's next target 0.3 + 0.7 (1 - 5/6). Round 5: party 0 offers
    party 1 0.58 < 0.69, its next target rounded up. Round 6, party 0's last: 0.31 >= 0.3, all
    it asks now: agreement."""
    batch = Batch.broadcast(20, linear(), 1, deadline=(6, -1), reservation=(0.3, 0.0), first=1)
    outcomes = negotiate(split_the_pie(101), batch)
    assert outcomes.ended_by.tolist() == [AGREEMENT]
    assert outcomes.round.tolist() == [6]
    assert outcomes.utility[0].tolist() == pytest.approx([0.31, 0.69])
    assert outcomes.bound.tolist() == [0]


def test_breakdown_certain_after_the_first_round() -> None:
    batch = Batch.broadcast(10, Hardliner(), 3, breakdown=1.0, reservation=0.2)
    outcomes = negotiate(split_the_pie(11), batch, seed=3)
    assert outcomes.ended_by.tolist() == [BREAKDOWN] * 3
    assert outcomes.round.tolist() == [0, 0, 0]


def test_breakdown_rounds_are_geometric() -> None:
    """With probability p after each round, the breakdown round B has P(B = k) = (1-p)^k p."""
    p, rounds, runs = 0.1, 30, 20_000
    batch = Batch.broadcast(rounds, Hardliner(), runs, breakdown=p)
    outcomes = negotiate(split_the_pie(11), batch, seed=11)
    broke = outcomes.ended_by == BREAKDOWN
    expected = 1.0 - (1.0 - p) ** rounds
    assert broke.mean() == pytest.approx(
        expected, abs=4 * np.sqrt(expected * (1 - expected) / runs)
    )
    counts = np.bincount(outcomes.round[broke], minlength=rounds)
    assert counts[0] / runs == pytest.approx(p, abs=0.01)
    assert counts[5] / runs == pytest.approx(0.9**5 * p, abs=0.01)


def test_a_deadline_wins_over_a_breakdown_in_the_same_round() -> None:
    batch = Batch.broadcast(10, Hardliner(), 1, breakdown=1.0, deadline=(0, -1))
    outcomes = negotiate(split_the_pie(11), batch)
    assert outcomes.ended_by.tolist() == [DEADLINE]


def test_no_offer_below_the_batna() -> None:
    """Party 0's best outcome is worth 0.5 to it, its BATNA 0.6: it never offers, and party 1's
    offers are all below 0.6, so there is no deal, whatever party 1 would accept."""
    table = OutcomeTable([[0.5, 0.0], [0.2, 1.0]])
    batch = Batch.broadcast(8, (linear(), conceder()), 1, strategy=(0, 1), reservation=(0.6, 0.0))
    outcomes = negotiate(table, batch)
    assert outcomes.ended_by.tolist() == [ROUND_LIMIT]


def test_walk_outs_delay_agreement() -> None:
    """Against a conceder, a staller that never returns before its window agrees only then."""
    table = split_the_pie(101)
    batch = Batch.broadcast(30, (Stall(window=2, away=1, cycle=1), conceder()), 1,
                            strategy=(0, 1), believed_deadline=(20, -1))  # fmt: skip
    outcomes = negotiate(table, batch)
    assert outcomes.round.tolist()[0] >= 18


def test_order_of_runs_does_not_matter() -> None:
    rng = np.random.default_rng(5)
    runs = 60
    batch = random_batch(rng, runs, breakdown=False)
    table = OutcomeTable(rng.random((9, 2)))
    permutation = rng.permutation(runs)
    shuffled = Batch(batch.rounds, batch.strategies, *(
        getattr(batch, name)[permutation] for name in (
            "strategy", "reservation", "deadline", "discount", "breakdown", "first",
            "believed_reservation", "believed_deadline")))  # fmt: skip
    whole, reordered = negotiate(table, batch), negotiate(table, shuffled)
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(whole, name)[permutation], getattr(reordered, name))


def random_batch(rng: np.random.Generator, runs: int, breakdown: bool = True) -> Batch:
    rounds = int(rng.integers(1, 26))
    return Batch(
        rounds=rounds,
        strategies=STRATEGIES,
        strategy=rng.integers(0, len(STRATEGIES), (runs, 2)),
        reservation=rng.random((runs, 2)) * 0.7,
        deadline=rng.integers(-1, rounds + 3, (runs, 2)),
        discount=rng.uniform(0.6, 1.0, (runs, 2)),
        breakdown=rng.random(runs) * 0.2 * (rng.random(runs) < 0.5) * breakdown,
        first=rng.integers(0, 2, runs),
        believed_reservation=rng.random((runs, 2)) * 0.7,
        believed_deadline=rng.integers(-1, rounds + 3, (runs, 2)),
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 15), st.booleans())
def test_fast_kernel_equals_reference(seed: int, outcomes: int, beliefs: bool) -> None:
    rng = np.random.default_rng(seed)
    values = np.round(rng.random((outcomes, 2)), 1)  # ties on a coarse grid
    believed = np.round(rng.random((outcomes, 2)), 1) if beliefs else None
    table = OutcomeTable(values, believed)
    batch = random_batch(rng, int(rng.integers(1, 40)))
    assert_same(negotiate(table, batch, seed=seed), negotiate_reference(table, batch, seed=seed))


def test_fast_kernel_equals_reference_on_a_larger_batch() -> None:
    """Enough runs that finished runs are dropped several times along the way."""
    rng = np.random.default_rng(2024)
    table = OutcomeTable(rng.random((40, 2)))
    batch = random_batch(rng, 400)
    fast, slow = negotiate(table, batch, seed=1), negotiate_reference(table, batch, seed=1)
    assert_same(fast, slow)
    assert len(set(fast.ended_by.tolist())) >= 3


def test_outcome_arrays() -> None:
    outcomes = negotiate(split_the_pie(11), Batch.broadcast(11, linear(), 4))
    assert outcomes.runs == 4
    assert outcomes.agreement.tolist() == [True] * 4
    assert outcomes.outcome.dtype == np.int64
    assert outcomes.ended_by.dtype == outcomes.bound.dtype == np.int8


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"rounds": 0}, "rounds must be a positive integer, got 0", id="rounds"),
        pytest.param({"strategy": 2}, r"strategy\[0, 0\] is 2, expected an index into the 1 "
                     "strategies", id="strategy"),
        pytest.param({"reservation": (0.2, 1.2)}, r"reservation\[0, 1\] is 1.2, expected a "
                     r"number in \[0, 1\]", id="reservation"),
        pytest.param({"deadline": (-2, 3)}, r"deadline\[0, 0\] is -2, expected a round >= 0 or "
                     r"-1 \(no deadline\)", id="deadline"),
        pytest.param({"deadline": 2.5}, "deadline must hold whole numbers", id="fraction"),
        pytest.param({"discount": 0.0}, r"discount\[0, 0\] is 0.0, expected a number in "
                     r"\(0, 1\]", id="discount"),
        pytest.param({"breakdown": -0.1}, r"breakdown\[0\] is -0.1, expected a probability",
                     id="breakdown"),
        pytest.param({"first": 2}, r"first\[0\] is 2, expected 0 or 1", id="first"),
        pytest.param({"strategies": ()}, "strategies must be a non-empty sequence",
                     id="no-strategies"),
    ],
)  # fmt: skip
def test_bad_batches(changes: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {"rounds": 5, "strategies": linear(), "runs": 1} | changes
    with pytest.raises(ValueError, match=message):
        Batch.broadcast(**arguments)


def test_batch_shapes_are_checked() -> None:
    batch = Batch.broadcast(5, linear(), 2)
    with pytest.raises(ValueError, match=r"reservation has shape \(3, 2\), expected \(2, 2\)"):
        Batch(5, batch.strategies, batch.strategy, np.zeros((3, 2)), batch.deadline,
              batch.discount, batch.breakdown, batch.first, batch.believed_reservation,
              batch.believed_deadline)  # fmt: skip


def test_batch_select_and_read_only() -> None:
    batch = Batch.broadcast(5, linear(), 4, reservation=[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6],
                                                         [0.7, 0.8]])  # fmt: skip
    part = batch.select(1, 3)
    assert part.runs == 2
    assert part.reservation.tolist() == [[0.3, 0.4], [0.5, 0.6]]
    assert part.believed_reservation.tolist() == [[0.4, 0.3], [0.6, 0.5]]
    with pytest.raises(ValueError, match="read-only"):
        batch.reservation[0, 0] = 0.5
