"""Strategies: each unit against its formula or definition, and a contract they all keep."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any

import numpy as np
import pytest

from standoff.talks import (
    Batch,
    BayesianLearner,
    Bluster,
    Hardliner,
    OutcomeTable,
    Rubinstein,
    Stall,
    Strategy,
    TimeBased,
    TitForTat,
    Turn,
    boulware,
    conceder,
    linear,
    negotiate,
    split_the_pie,
)

PIE = split_the_pie(101)
ALL = (boulware(), linear(), conceder(), TimeBased(0.5, 0.1, name="custom"), Hardliner(),
       TitForTat(), Stall(), Bluster(), BayesianLearner(), Rubinstein())  # fmt: skip


def turn(round_: int, size: int = 1, **given: Any) -> Turn:
    """A turn for party 0 on the pie, moving first, with arrays filled from scalars."""
    nan = np.nan
    values: dict[str, Any] = {
        "party": 0, "first": 0, "round": round_, "rounds": 20, "table": PIE,
        "reservation": 0.0, "deadline": 19, "discount": 1.0, "opponent_discount": 1.0,
        "breakdown": 0.0, "believed_reservation": 0.0, "believed_deadline": 19,
        "offered": False, "received": nan, "received_by_opponent": nan, "first_received": nan,
        "best_received": nan, "previous_target": nan, "state": None,
    }  # fmt: skip
    values.update(given)
    for name, value in values.items():
        if name not in ("party", "first", "round", "rounds", "table", "state"):
            kind = np.int64 if "deadline" in name else bool if name == "offered" else np.float64
            values[name] = np.full(size, value, dtype=kind)
    return Turn(**values)


# Time-based concession: Faratin, Sierra & Jennings (1998), worked by hand with best = 1.
@pytest.mark.parametrize(
    ("strategy", "round_", "deadline", "reservation", "expected"),
    [
        pytest.param(linear(), 0, 10, 0.2, 1.0, id="linear-start"),
        pytest.param(linear(), 5, 10, 0.2, 0.6, id="linear-middle"),  # 0.2 + 0.8 * 0.5
        pytest.param(linear(), 10, 10, 0.2, 0.2, id="linear-deadline"),
        pytest.param(linear(), 14, 10, 0.2, 0.2, id="linear-after"),
        pytest.param(boulware(), 5, 10, 0.2, 0.975, id="boulware-middle"),  # 0.5 ** 5 = 1/32
        pytest.param(conceder(), 4, 16, 0.0, 0.5, id="conceder"),  # (1/4) ** (1/2) = 1/2
        pytest.param(TimeBased(1.0, 0.5), 0, 10, 0.0, 0.5, id="initial-concession"),
        pytest.param(TimeBased(1.0, 0.5), 5, 10, 0.0, 0.25, id="initial-then-linear"),
        pytest.param(linear(), 3, 0, 0.4, 0.4, id="deadline-now"),
    ],
)
def test_time_based_curve(
    strategy: TimeBased, round_: int, deadline: int, reservation: float, expected: float
) -> None:
    plan = strategy.plan(turn(round_, deadline=deadline, reservation=reservation))
    assert plan.target.tolist() == pytest.approx([expected])
    assert plan.accept_at_least is None
    assert plan.walk_out is None


@pytest.mark.parametrize("exponent", [0.2, 0.5, 1.0, 2.0, 5.0])
def test_time_based_whole_curve(exponent: float) -> None:
    rounds = np.arange(0, 31)
    targets = [
        TimeBased(exponent).plan(turn(int(t), deadline=30, reservation=0.3)).target[0]
        for t in rounds
    ]
    formula = 0.3 + 0.7 * (1.0 - (rounds / 30.0) ** (1.0 / exponent))
    np.testing.assert_allclose(targets, formula, rtol=0, atol=1e-12)
    assert np.all(np.diff(targets) <= 0)


def test_boulware_holds_firmer_than_linear_than_conceder() -> None:
    middle = turn(10, deadline=20, reservation=0.1)
    boulder, straight, yielding = (s.plan(middle).target[0] for s in (boulware(), linear(),
                                                                      conceder()))  # fmt: skip
    assert boulder > straight > yielding


def test_hardliner() -> None:
    plan = Hardliner().plan(turn(7, size=3, reservation=0.5))
    assert plan.target.tolist() == [1.0, 1.0, 1.0]


def test_tit_for_tat_returns_the_opponent_concession() -> None:
    """Opponent first offered 0.1 to us, its best so far 0.35: it conceded 0.25."""
    strategy = TitForTat(reciprocity=1.0, kindness=0.05)
    before = strategy.plan(turn(0, reservation=0.2))
    assert before.target.tolist() == [1.0]
    heard = turn(4, reservation=0.2, first_received=0.1, best_received=0.35, received=0.3)
    assert strategy.plan(heard).target.tolist() == pytest.approx([1.0 - 0.05 - 0.25])
    half = TitForTat(reciprocity=0.5, kindness=0.0).plan(heard)
    assert half.target.tolist() == pytest.approx([1.0 - 0.125])
    floor = strategy.plan(turn(4, reservation=0.8, first_received=0.0, best_received=0.9))
    assert floor.target.tolist() == [0.8]


def test_stall_walks_out_then_concedes_as_the_other_deadline_nears() -> None:
    """Believed opponent deadline 12 (own 19): stall to round 8, concede to the BATNA by 12."""
    strategy = Stall(window=4, away=1, cycle=2)
    plans = [strategy.plan(turn(t, reservation=0.2, believed_deadline=12)) for t in range(16)]
    targets = [plan.target[0] for plan in plans]
    expected = [1.0] * 9 + [0.8, 0.6, 0.4, 0.2, 0.2, 0.2, 0.2]
    assert targets == pytest.approx(expected)
    walks = [bool(plan.walk_out[0]) for plan in plans if plan.walk_out is not None]
    # Proposing turns are every other round: t // 2 = 0, 2, 4 walk out; 1, 3 come back.
    assert walks[:9] == [True, True, False, False, True, True, False, False, True]
    assert not any(walks[9:])


def test_stall_settles_by_its_own_deadline_if_earlier() -> None:
    plan = Stall(window=2).plan(turn(6, reservation=0.0, deadline=6, believed_deadline=15))
    assert plan.target.tolist() == [0.0]


def test_bluster_caves_near_its_own_deadline() -> None:
    strategy = Bluster(cave=3, keep=0.25, distract=2)
    plans = [strategy.plan(turn(t, deadline=10, reservation=0.2)) for t in range(12)]
    assert [p.target[0] for p in plans] == pytest.approx([1.0] * 7 + [0.4] * 5)
    walks = [bool(p.walk_out[0]) for p in plans if p.walk_out is not None]
    assert walks == [False, False, True, True, False, False, True, False, False, False, False,
                     False]  # fmt: skip
    assert Bluster(distract=0).plan(turn(0)).walk_out is None


def test_bluster_caves_before_the_deadline_it_believes_the_other_has() -> None:
    """Own deadline 10, the other's believed to be 6: the talks end at 6, so it caves at 6 - 3.
    Believing the other has none (19 here), it caves by its own deadline as before."""
    strategy = Bluster(cave=3, keep=0.0, distract=0)
    early = [strategy.plan(turn(t, deadline=10, believed_deadline=6)).target[0] for t in range(8)]
    assert early == [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    late = [strategy.plan(turn(t, deadline=10, believed_deadline=19)).target[0] for t in range(8)]
    assert late == [1.0] * 7 + [0.0]


def test_bayesian_learner_finds_the_opponent_reservation() -> None:
    """The opponent concedes linearly to 0.6 over 20 rounds; the prior is centred on 0.1."""
    strategy = BayesianLearner(hypotheses=41, spread=0.3, noise=0.05)
    state = strategy.start(turn(0, believed_reservation=0.1))
    prior = strategy.expected_reservation(state)[0]
    for t in range(1, 12, 2):
        offer_round = t - 1
        opponent_value = 0.6 + 0.4 * (1.0 - offer_round / 19)
        plan = strategy.plan(
            turn(t, state=state, offered=True, received_by_opponent=opponent_value)
        )
        assert plan.state is not None
        state = plan.state
    posterior = strategy.expected_reservation(state)[0]
    assert prior < 0.3
    assert posterior == pytest.approx(0.6, abs=0.03)
    # It concedes towards leaving the opponent 0.6: its own floor is about 0.4 on the pie.
    final = strategy.plan(turn(19, state=state))
    assert final.target[0] == pytest.approx(0.4, abs=0.04)


def test_bayesian_learner_ignores_rounds_without_offers() -> None:
    strategy = BayesianLearner()
    state = strategy.start(turn(0, size=2, believed_reservation=0.3))
    updated = strategy.update(turn(1, size=2, received_by_opponent=0.9), state)
    assert updated is state


@pytest.mark.parametrize("strategy", [pytest.param(s, id=s.name) for s in ALL])
def test_contract(strategy: Strategy) -> None:
    """Every strategy: frozen, named, one target per run, within [BATNA, best] unless walking
    out, deterministic, and usable by the protocol on a table with ties."""
    with pytest.raises(FrozenInstanceError):
        strategy.name = "other"  # type: ignore[misc]
    assert isinstance(strategy.name, str)
    assert strategy.name
    size = 5
    reservation = np.linspace(0.0, 0.4, size)
    start = turn(0, size=size, reservation=reservation)
    state = strategy.start(start)
    if state is not None:
        assert state.shape[0] == size
    for round_ in range(1, 20):
        given = turn(round_, size=size, reservation=reservation, offered=True, received=0.3,
                     received_by_opponent=0.7, first_received=0.1, best_received=0.3,
                     state=state)  # fmt: skip
        plan = strategy.plan(given)
        again = strategy.plan(given)
        assert plan.target.shape == (size,)
        np.testing.assert_array_equal(plan.target, again.target)
        walking = np.zeros(size, bool) if plan.walk_out is None else plan.walk_out
        offering = ~walking & ~np.isnan(plan.target)
        assert np.all(plan.target[offering] <= 1.0 + 1e-12)
        if not isinstance(strategy, Rubinstein):
            assert np.all(plan.target[offering] >= reservation[offering] - 1e-12)
        state = plan.state if plan.state is not None else state
    table = OutcomeTable([[1.0, 0.0], [1.0, 0.3], [0.5, 0.5], [0.2, 1.0], [0.2, 0.9]])
    batch = Batch.broadcast(30, (strategy, linear()), 4, strategy=(0, 1), first=[0, 1, 0, 1],
                            reservation=[[0.1, 0.1], [0.3, 0.2], [0.0, 0.6], [0.6, 0.6]],
                            deadline=[[-1, -1], [10, 20], [25, 5], [-1, 3]])  # fmt: skip
    outcomes = negotiate(table, batch, seed=0)
    assert np.all(outcomes.utility >= batch.reservation - 1e-12)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda: TimeBased(0.0), "exponent must be positive", id="exponent"),
        pytest.param(lambda: TimeBased(1.0, 1.0), r"initial must be in \[0, 1\)", id="initial"),
        pytest.param(lambda: TitForTat(-1.0), "must be non-negative", id="tit-for-tat"),
        pytest.param(lambda: Stall(window=0), "need window >= 1", id="stall"),
        pytest.param(lambda: Stall(away=3, cycle=2), "away <= cycle", id="stall-away"),
        pytest.param(lambda: Bluster(keep=2.0), r"keep in \[0, 1\]", id="bluster"),
        pytest.param(lambda: BayesianLearner(hypotheses=1), "at least 2", id="hypotheses"),
        pytest.param(lambda: BayesianLearner(noise=0.0), "must be positive", id="noise"),
    ],
)
def test_bad_parameters(make: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_bayesian_learner_takes_a_deal_above_its_batna_in_the_last_round() -> None:
    """Deadline 10, BATNA 0.2, a prior that the opponent's BATNA is 0.1. In round 11 it judges
    the offer of round 10, the last one the talks reach: rejecting it ends the talks with 0.2,
    so it accepts at 0.2 although its own next target (its floor, 0.72 on the pie) is far above
    the offer's 0.3. An offer of round 9 is judged by AC_next (the kernel's default, ``None``)."""
    strategy = BayesianLearner()
    state = strategy.start(turn(0, believed_reservation=0.1))
    common = {"deadline": 10, "reservation": 0.2, "offered": True, "received": 0.3,
              "received_by_opponent": 0.7, "state": state}  # fmt: skip
    last = strategy.plan(turn(11, **common))
    assert last.target[0] == pytest.approx(0.72)
    assert last.accept_at_least is not None
    assert last.accept_at_least.tolist() == [0.2]
    assert strategy.plan(turn(10, **common)).accept_at_least is None
    # The end is the earlier of its own deadline and the one it believes the other has.
    early = strategy.plan(turn(6, **{**common, "believed_deadline": 5}))
    assert early.accept_at_least is not None
    assert early.accept_at_least.tolist() == [0.2]
    # After a walk-out there is no offer to judge.
    assert strategy.plan(turn(11, **{**common, "offered": False})).accept_at_least is None


def test_a_bayesian_us_with_a_deadline_agrees_with_a_patient_opponent_in_korea_2019() -> None:
    """The Korea 2019 table: the US (deadline round 12, BATNA 0.25, believing NK's BATNA is 0.2)
    plays bayesian against a linear NK without a deadline (BATNA 0.57). NK's offer in the US's
    last round gives the US 0.278: more than its BATNA, far less than its floor. The learner
    takes it; under plain AC_next it would reject it and the talks end at the deadline."""
    from standoff.scenario import load
    from standoff.talks import Batch, negotiate
    from standoff.talks._scenario import scenario_talks

    table = scenario_talks(load("examples/korea_2019.yaml")).table
    batch = Batch.broadcast(26, (BayesianLearner(), linear()), 1, strategy=(0, 1),
                            reservation=(0.25, 0.57), deadline=(11, -1),
                            believed_reservation=(0.2, 0.25))  # fmt: skip
    outcome = negotiate(table, batch, seed=0)
    assert outcome.round.tolist() == [11]
    assert outcome.utility[0].tolist() == pytest.approx([0.2778, 0.8222], abs=1e-4)


@pytest.mark.parametrize(
    "strategy", [pytest.param(s, id=s.name) for s in ALL if not type(s).observes]
)
def test_a_strategy_that_does_not_observe_plans_the_same_whatever_it_received(
    strategy: Strategy,
) -> None:
    """The protocol skips updating what such a strategy received; its plans must not read it."""
    size = 4
    blank = turn(0, size=size)
    state = strategy.start(blank)
    for round_ in range(1, 20):
        unseen = strategy.plan(turn(round_, size=size, offered=True, state=state))
        seen = strategy.plan(
            turn(round_, size=size, offered=True, state=state, received=0.3,
                 received_by_opponent=0.7, first_received=0.1, best_received=0.45,
                 previous_target=0.8)
        )  # fmt: skip
        assert np.array_equal(unseen.target, seen.target, equal_nan=True)
        for first, second in ((unseen.accept_at_least, seen.accept_at_least),
                              (unseen.walk_out, seen.walk_out)):  # fmt: skip
            assert (first is None) == (second is None)
            if first is not None and second is not None:
                assert np.array_equal(first, second, equal_nan=True)


def test_the_strategies_that_learn_from_offers_say_so() -> None:
    assert [s.name for s in ALL if type(s).observes] == ["tit-for-tat", "bayesian"]
