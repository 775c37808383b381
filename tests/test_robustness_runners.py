"""Sampled robustness gives the same answer wherever its tasks run, and only its seed moves it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from standoff.conflict import build_conflict
from standoff.robustness import Robustness, _batch, robustness
from standoff.scenario import load

KOREA = build_conflict(load(Path(__file__).resolve().parent.parent / "examples/korea_2019.yaml"))
CONCEPTS = ("nash", "seq")


def same(one: Robustness, two: Robustness) -> None:
    for concept in CONCEPTS:
        assert np.array_equal(one.equilibrium[concept], two.equilibrium[concept])
        assert np.array_equal(one.low[concept], two.low[concept])
    assert one.effects == two.effects


def sampled(**where: object) -> Robustness:
    return robustness(KOREA, CONCEPTS, samples=600, seed=5, exact_limit=0, **where)


def test_sampling_follows_the_seed() -> None:
    first, again, other = (
        sampled(),
        sampled(),
        robustness(KOREA, CONCEPTS, samples=600, seed=6, exact_limit=0),
    )
    same(first, again)
    assert first.method == "sampled"
    assert first.seed == 5
    assert first.profiles == 600
    assert not all(np.array_equal(first.equilibrium[c], other.equilibrium[c]) for c in CONCEPTS)


def test_a_sample_estimates_the_exact_probabilities() -> None:
    exact = robustness(KOREA, CONCEPTS)
    estimate = sampled()
    assert exact.method == "exact"
    assert exact.profiles == exact.total == 144
    for concept in CONCEPTS:
        inside = (estimate.low[concept] <= exact.equilibrium[concept] + 1e-12) & (
            exact.equilibrium[concept] - 1e-12 <= estimate.high[concept]
        )
        assert inside.mean() > 0.9  # a 95% interval misses now and then, not often


def test_the_process_pool_gives_the_same_results() -> None:
    same(sampled(workers=1), sampled(workers=2))


def test_one_variant_at_a_time_agrees_with_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    batched = sampled()
    monkeypatch.setattr(_batch, "BATCH_STATES", 0)
    same(batched, sampled())


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_results() -> None:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        remote = sampled(scheduler=cluster.scheduler_address)
    same(sampled(), remote)
