"""Time simulated negotiations: bilateral alternating offers, 100 rounds, time-based strategies.

The domain has 3 issues with 5 levels each (125 outcomes) and linear additive utilities: random
issue weights per party, party 0 preferring high levels and party 1 low ones, each normalised to
[0, 1]. Both parties concede linearly (Faratin et al. 1998, e = 1) over the 100 rounds with no
deadline; BATNAs are drawn uniformly from [0.6, 0.95], so that many runs go the distance (the
script prints how the runs ended). The first mover is drawn at random.

It times :func:`standoff.talks.simulate` (sampling the inputs, negotiating, summarising, with the
distribution of the deals struck recorded) in this process and on the local process pool, and
prints negotiations per second. The target on the 2-core reference machine is at least 300,000
per second in one process (issue 14). On a shared machine the wall-clock figure moves with the
load, so the in-process run also reports its figure per second of this process's CPU time, and
the script prints the load average. ``benchmarks/peers/compare_simulation.py`` runs the same
task in NegMAS.

Usage::

    python benchmarks/bench_simulation.py                # 400,000 negotiations
    python benchmarks/bench_simulation.py --runs 1000000 --seed 3
"""

from __future__ import annotations

import argparse
import itertools
import os
import time

import numpy as np

from standoff.talks import (
    ENDINGS,
    Choice,
    Distributions,
    OutcomeTable,
    Uniform,
    linear,
    simulate,
)

ISSUES = 3
LEVELS = 5
ROUNDS = 100


def weights(seed: int = 0) -> np.ndarray:
    """Each party's issue weights (rows), drawn from a flat Dirichlet distribution."""
    return np.random.default_rng(seed).dirichlet(np.ones(ISSUES), size=2)


def domain(seed: int = 0) -> OutcomeTable:
    """The 3 × 5 linear additive domain: 125 outcomes, opposed preferences.

    Level ``l`` of an issue is worth ``l / 4`` to party 0 and ``1 - l / 4`` to party 1; outcomes
    are in ``itertools.product`` order over the levels.
    """
    levels = np.array(list(itertools.product(range(LEVELS), repeat=ISSUES)), dtype=np.float64)
    scaled = levels / (LEVELS - 1)
    issue_weights = weights(seed)
    utilities = np.column_stack([scaled @ issue_weights[0], (1.0 - scaled) @ issue_weights[1]])
    return OutcomeTable(utilities)


def settings() -> Distributions:
    """Linear concession on both sides, BATNAs in [0.6, 0.95], random first mover."""
    return Distributions(
        rounds=ROUNDS,
        strategies=(linear(),),
        reservation=Uniform(0.6, 0.95),
        first=Choice((0, 1)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=400_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="processes for the pool run")
    arguments = parser.parse_args()
    table = domain()
    simulate(table, settings(), 10_000, 0, workers=1)  # warm up imports and caches
    print(f"load average (1, 5, 15 minutes): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for label, workers in (("in process", 1), (f"pool of {arguments.workers}", arguments.workers)):
        started, cpu = time.perf_counter(), time.process_time()
        result = simulate(table, settings(), arguments.runs, arguments.seed, workers=workers)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        summary = result.summary
        endings = {name: getattr(summary, name.replace("-", "_")) for name in ENDINGS}
        print(
            f"{label:>12}: {arguments.runs:,} negotiations of {ROUNDS} rounds on "
            f"{table.size} outcomes in {elapsed:.2f} s = {arguments.runs / elapsed:,.0f} per second"
            + (f" ({arguments.runs / cpu:,.0f} per CPU second)" if workers == 1 else "")
        )
        print(
            "              ended: "
            + ", ".join(f"{name} {share:.1%}" for name, share in endings.items())
            + f"; mean agreement round {summary.mean_agreement_round:.1f}"
        )


if __name__ == "__main__":
    main()
