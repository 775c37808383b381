"""Monte Carlo: seeded, chunked, and the same whichever runner runs the chunks."""

from __future__ import annotations

import builtins
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from standoff.talks import (
    QUANTILES,
    Batch,
    Choice,
    Distributions,
    Fixed,
    Hardliner,
    Normal,
    Stall,
    Truth,
    Uniform,
    boulware,
    linear,
    negotiate,
    simulate,
    simulate_variants,
    split_the_pie,
    summarize,
)
from standoff.talks._distributions import draw

TABLE = split_the_pie(101)
UNCERTAIN = Distributions(
    rounds=30,
    strategies=(linear(), boulware(), Stall(), Hardliner()),
    strategy=Choice((0, 1, 2, 3), (0.4, 0.3, 0.2, 0.1)),
    reservation=(Uniform(0.1, 0.5), Normal(0.3, 0.1, 0.0, 0.6)),
    deadline=(Choice((-1, 12, 20)), Fixed(-1)),
    discount=Uniform(0.9, 1.0),
    breakdown=0.02,
    first=Choice((0, 1)),
)


def summaries_equal(*results: Any) -> None:
    first = results[0]
    for other in results[1:]:
        assert other.summary == first.summary
        for name in ("outcome", "round", "ended_by", "bound", "utility", "discounted"):
            np.testing.assert_array_equal(getattr(other.outcomes, name),
                                          getattr(first.outcomes, name))  # fmt: skip


def test_same_seed_same_results_and_different_seed_differs() -> None:
    one = simulate(TABLE, UNCERTAIN, 3_000, 42, chunk_size=700, workers=1, keep_outcomes=True)
    two = simulate(TABLE, UNCERTAIN, 3_000, 42, chunk_size=700, workers=1, keep_outcomes=True)
    summaries_equal(one, two)
    other = simulate(TABLE, UNCERTAIN, 3_000, 43, chunk_size=700, workers=1)
    assert other.summary != one.summary
    assert one.summary.seed == 42


def test_process_pool_gives_the_same_results() -> None:
    local = simulate(TABLE, UNCERTAIN, 2_000, 9, chunk_size=500, workers=1, keep_outcomes=True)
    pooled = simulate(TABLE, UNCERTAIN, 2_000, 9, chunk_size=500, workers=2, keep_outcomes=True)
    summaries_equal(local, pooled)


@pytest.mark.slow
def test_dask_cluster_gives_the_same_results() -> None:
    distributed = pytest.importorskip("dask.distributed")
    local = simulate(TABLE, UNCERTAIN, 2_000, 9, chunk_size=500, workers=1, keep_outcomes=True)
    calls: list[tuple[int, int]] = []
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        remote = simulate(TABLE, UNCERTAIN, 2_000, 9, chunk_size=500, keep_outcomes=True,
                          scheduler=cluster.scheduler_address,
                          progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    summaries_equal(local, remote)
    assert [done for done, _ in calls] == [500, 1000, 1500, 2000]
    assert {total for _, total in calls} == {2000}


def test_missing_dask_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("dask"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    monkeypatch.delitem(__import__("sys").modules, "dask.distributed", raising=False)
    monkeypatch.delitem(__import__("sys").modules, "dask", raising=False)
    with pytest.raises(ImportError, match=r"needs dask.distributed: pip install"):
        simulate(TABLE, UNCERTAIN, 10, 0, scheduler="tcp://127.0.0.1:1")


def test_progress_is_reported_per_chunk() -> None:
    calls: list[tuple[int, int]] = []
    simulate(TABLE, UNCERTAIN, 1_050, 0, chunk_size=500, workers=1,
             progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    assert calls == [(500, 1050), (1000, 1050), (1050, 1050)]


def test_summary_matches_the_outcomes() -> None:
    result = simulate(TABLE, UNCERTAIN, 2_500, 4, chunk_size=1_000, workers=1, keep_outcomes=True)
    outcomes, summary = result.outcomes, result.summary
    assert outcomes is not None
    agreed = outcomes.agreement
    assert summary.runs == 2_500
    assert summary.agreement == pytest.approx(agreed.mean())
    assert summary.agreement + summary.breakdown + summary.deadline + summary.round_limit == (
        pytest.approx(1.0)
    )
    first, second = TABLE.parties
    assert summary.utility == pytest.approx(
        {first: outcomes.utility[:, 0].mean(), second: outcomes.utility[:, 1].mean()}
    )
    assert summary.discounted_sd == pytest.approx(
        {p: values.std() for p, values in outcomes.discounted_by_party.items()}
    )
    rounds = np.sort(outcomes.round[agreed])
    assert summary.quantiles == tuple(
        int(rounds[int(np.ceil(q * rounds.size)) - 1]) for q in QUANTILES
    )
    assert summary.mean_agreement_round == pytest.approx(rounds.mean())
    assert sum(summary.agreement_rounds) == agreed.sum()
    assert list(summary.deadline_bound) == [first, second, "both"]
    assert sum(summary.deadline_bound.values()) == round(summary.deadline * summary.runs)
    assert summary.deadline_bound[second] == 0  # party 1 never has a deadline here
    assert summary.breakdown > 0
    assert all(isinstance(value, float) for value in summary.utility.values())
    assert isinstance(summary.agreement, float)


def test_a_fixed_batch_runs_as_given() -> None:
    """Without breakdowns a batch's outcomes do not depend on the chunking or the seed."""
    batch = Batch.broadcast(30, (linear(), boulware()), 1_000, strategy=(0, 1),
                            reservation=np.linspace(0, 0.5, 1_000)[:, None] * [1, 1])  # fmt: skip
    direct = negotiate(TABLE, batch)
    chunked = simulate(TABLE, batch, seed=1, chunk_size=300, workers=1, keep_outcomes=True)
    assert chunked.outcomes is not None
    np.testing.assert_array_equal(chunked.outcomes.utility, direct.utility)
    whole = summarize(direct, 30, seed=1)
    # Sums over chunks add up in another order than one sum over all runs: equal to rounding.
    assert chunked.summary.utility == pytest.approx(whole.utility, abs=1e-12)
    floats = ("utility", "discounted", "utility_sd", "discounted_sd")
    same_floats = replace(chunked.summary, **{name: getattr(whole, name) for name in floats})
    assert same_floats == whole


def test_no_seed_records_the_entropy_used() -> None:
    result = simulate(TABLE, UNCERTAIN, 200, workers=1)
    assert isinstance(result.summary.seed, int)
    again = simulate(TABLE, UNCERTAIN, 200, result.summary.seed, workers=1)
    assert again.summary == result.summary


def test_beliefs_default_to_the_truth_and_can_be_drawn() -> None:
    rng = np.random.default_rng(0)
    batch = UNCERTAIN.sample(50, rng)
    np.testing.assert_array_equal(batch.believed_reservation, batch.reservation[:, ::-1])
    np.testing.assert_array_equal(batch.believed_deadline, batch.deadline[:, ::-1])
    wrong = Distributions(rounds=10, strategies=(linear(),), believed_reservation=Fixed(0.9),
                          believed_deadline=(Fixed(3), Fixed(-1)))  # fmt: skip
    drawn = wrong.sample(5, rng)
    assert drawn.believed_reservation.tolist() == [[0.9, 0.9]] * 5
    assert drawn.believed_deadline.tolist() == [[3, -1]] * 5


def test_specs() -> None:
    rng = np.random.default_rng(1)
    assert draw(0.25, rng, 3).tolist() == [0.25] * 3
    uniform = draw(Uniform(2.0, 3.0), rng, 1_000)
    assert uniform.min() >= 2.0
    assert uniform.max() < 3.0
    assert uniform.mean() == pytest.approx(2.5, abs=0.05)
    normal = draw(Normal(0.5, 1.0, 0.0, 1.0), rng, 1_000)
    assert normal.min() == 0.0
    assert normal.max() == 1.0
    choice = draw(Choice((1, 2), (0.9, 0.1)), rng, 2_000)
    assert set(choice.tolist()) == {1.0, 2.0}
    assert (choice == 1).mean() == pytest.approx(0.9, abs=0.03)
    assert draw(lambda g, n: np.arange(n), rng, 3).tolist() == [0.0, 1.0, 2.0]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda: Uniform(2, 1), "uniform needs low <= high", id="uniform"),
        pytest.param(lambda: Normal(0, -1), "normal needs sd >= 0", id="normal"),
        pytest.param(lambda: Choice(()), "at least one value", id="empty-choice"),
        pytest.param(lambda: Choice((1, 2), (0.5, 0.6)), "summing to 1", id="probabilities"),
        pytest.param(lambda: draw(lambda g, n: np.zeros(n + 1), np.random.default_rng(), 2),
                     r"a sampler returned shape \(3,\), expected \(2,\)", id="sampler"),
        pytest.param(lambda: simulate(TABLE, UNCERTAIN), "runs must be a positive number",
                     id="no-runs"),
        pytest.param(lambda: simulate(TABLE, Batch.broadcast(5, linear(), 2), runs=3),
                     "runs is 3 but the batch has 2 runs", id="runs-mismatch"),
        pytest.param(lambda: simulate(TABLE, UNCERTAIN, 5, chunk_size=0),
                     "chunk_size must be positive", id="chunk-size"),
        pytest.param(lambda: simulate(TABLE, UNCERTAIN, 5, workers=0),
                     "workers must be positive", id="workers"),
        pytest.param(lambda: Distributions(5, (linear(),), strategy=Fixed(1)).sample(
                     2, np.random.default_rng()), "expected an index into the 1 strategies",
                     id="strategy-index"),
    ],
)  # fmt: skip
def test_bad_input(make: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


# Common random numbers for what-ifs (issue 14).


def test_each_input_draws_from_its_own_stream() -> None:
    """Changing one input's spec leaves every other input's draws as they were, run by run."""
    changed = replace(UNCERTAIN, deadline=Fixed(-1), discount=Fixed(0.95))
    one = UNCERTAIN.sample(500, np.random.default_rng(3))
    two = changed.sample(500, np.random.default_rng(3))
    for name in ("strategy", "reservation", "breakdown", "first"):
        np.testing.assert_array_equal(getattr(one, name), getattr(two, name))
    assert not np.array_equal(one.deadline, two.deadline)


def test_a_true_belief_is_the_value_drawn_in_the_same_run() -> None:
    settings = replace(UNCERTAIN, believed_reservation=(Truth(), Uniform(0.0, 0.2)))
    batch = settings.sample(400, np.random.default_rng(5))
    np.testing.assert_array_equal(batch.believed_reservation[:, 0], batch.reservation[:, 1])
    assert batch.believed_reservation[:, 1].max() < 0.2
    with pytest.raises(ValueError, match="Truth is a belief"):
        replace(UNCERTAIN, discount=Truth()).sample(3, np.random.default_rng(0))  # type: ignore[arg-type]


def test_a_change_no_strategy_uses_gives_identical_results() -> None:
    """Linear and Boulware ignore beliefs: a variant that only changes a belief reproduces the
    talks as written in every run, and its paired difference is exactly zero."""
    unused = replace(UNCERTAIN, believed_reservation=Uniform(0.0, 1.0))
    (written, none), (variant, difference) = simulate_variants(
        [(TABLE, UNCERTAIN), (TABLE, unused)], 3_000, 11, chunk_size=1_000, workers=1
    )
    assert none is None
    assert difference is not None
    assert variant == written
    assert difference.changed == 0.0
    assert (difference.agreement, difference.agreement_se) == (0.0, 0.0)
    assert difference.utility == difference.utility_se == dict.fromkeys(TABLE.parties, 0.0)
    assert difference.within_noise


def test_paired_differences_and_their_standard_errors() -> None:
    """The first variant equals simulate() with the same seed; the paired difference and its
    standard error match the per-run outcomes of both."""
    later = replace(UNCERTAIN, deadline=Fixed(-1))
    (written, _), (variant, difference) = simulate_variants(
        [(TABLE, UNCERTAIN), (TABLE, later)], 2_000, 4, chunk_size=700, workers=1
    )
    alone = simulate(TABLE, UNCERTAIN, 2_000, 4, chunk_size=700, workers=1, keep_outcomes=True)
    other = simulate(TABLE, later, 2_000, 4, chunk_size=700, workers=1, keep_outcomes=True)
    assert alone.summary == written
    assert other.summary == variant
    assert alone.outcomes is not None
    assert other.outcomes is not None
    per_run = other.outcomes.agreement.astype(float) - alone.outcomes.agreement.astype(float)
    assert difference is not None
    assert difference.agreement == pytest.approx(per_run.mean(), abs=1e-12)
    assert difference.agreement_se == pytest.approx(per_run.std(ddof=1) / np.sqrt(2_000))
    gains = other.outcomes.utility[:, 0] - alone.outcomes.utility[:, 0]
    first = TABLE.parties[0]
    assert difference.utility[first] == pytest.approx(gains.mean(), abs=1e-12)
    assert difference.utility_se[first] == pytest.approx(gains.std(ddof=1) / np.sqrt(2_000))
    # the runs that share the deadline draw (party 0 had none) are the very same negotiations
    assert difference.changed < 1.0


def test_paired_variants_on_a_process_pool_give_the_same_results() -> None:
    pair = [(TABLE, UNCERTAIN), (TABLE, replace(UNCERTAIN, breakdown=0.05))]
    local = simulate_variants(pair, 1_500, 9, chunk_size=500, workers=1)
    pooled = simulate_variants(pair, 1_500, 9, chunk_size=500, workers=2)
    assert local == pooled


def test_the_deals_are_counted_per_outcome() -> None:
    result = simulate(TABLE, UNCERTAIN, 2_500, 4, chunk_size=1_000, workers=1, keep_outcomes=True)
    outcomes, summary = result.outcomes, result.summary
    assert outcomes is not None
    agreed = outcomes.outcome[outcomes.agreement]
    expected = np.bincount(agreed, minlength=TABLE.size)
    assert dict(summary.deals) == {k: int(n) for k, n in enumerate(expected) if n}
    counts = [n for _, n in summary.deals]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == round(summary.agreement * summary.runs)
