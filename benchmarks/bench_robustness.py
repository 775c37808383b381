"""Time robustness and inverse analysis against the targets of the robustness issue.

1. Hinges of examples/korea_2019.yaml, all six concepts, as a whole process (interpreter start,
   imports, load, build, hinges).
2. Counting: Syria–Iraq 1975, desired state 2, both parties' full rankings varied (518,400
   profiles), under Nash, GMR, SMR and SEQ.
3. Sampled robustness: 1,000 preference profiles of a random 4-party, 4,096-state conflict, all
   six concepts, on the local process pool (``--workers``, default 2).
4. Fewest changes under SEQ for the states of a random 3-party, 256-state conflict (the slowest
   of ``--states`` states tried is reported).
5. With ``--dask N``: N sampled profiles on a dask LocalCluster of ``--workers`` workers, in
   profiles per second per worker (needs the ``distributed`` extra).

Usage::

    python benchmarks/bench_robustness.py
    python benchmarks/bench_robustness.py --dask 100000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from bench_stability import random_scenario
from standoff.conflict import build_conflict
from standoff.robustness import RankRange, count_profiles, fewest_changes, robustness
from standoff.scenario import load, loads

ROOT = Path(__file__).resolve().parent.parent


def hinges_process() -> None:
    """Whole-process time of the hinges of the Korea scenario."""
    code = (
        "from standoff.conflict import build_conflict;"
        "from standoff.scenario import load;"
        "from standoff.robustness import hinges;"
        f"hinges(build_conflict(load({str(ROOT / 'examples/korea_2019.yaml')!r})))"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    print(f"hinges korea_2019, six concepts, whole process: {time.perf_counter() - started:.2f} s")


def counting() -> None:
    """Counting over both parties' full rankings of Syria–Iraq."""
    conflict = build_conflict(load(ROOT / "examples/syria_iraq_1975.yaml"))
    ranges = [RankRange("Syria", 1, 6), RankRange("Iraq", 1, 6)]
    started = time.perf_counter()
    counts = count_profiles(conflict, 1, ranges, ["nash", "gmr", "smr", "seq"])
    took = time.perf_counter() - started
    shown = ", ".join(f"{c.concept} {int(c.count):,}" for c in counts)
    print(f"counting Syria–Iraq, 518,400 profiles (Nash, GMR, SMR, SEQ): {took:.2f} s ({shown})")


def uncertain_scenario(parties: int, options: int, seed: int) -> str:
    """A random conflict whose every party's statement order may be off by two swaps."""
    text = random_scenario(parties, options, seed)
    lines = ["uncertainty:"]
    for p in range(parties):
        lines += [f"  P{p}:", "    radius: 2", "    uncertain: [1]"]
    return text + "\n".join(lines) + "\n"


def sampled(workers: int, samples: int, scheduler: str | None = None) -> float:
    """Seconds for ``samples`` sampled profiles of a 4-party, 4,096-state conflict."""
    conflict = build_conflict(loads(uncertain_scenario(4, 3, 1), "<random>"))
    started = time.perf_counter()
    result = robustness(
        conflict,
        samples=samples,
        seed=1,
        exact_limit=0,
        workers=workers,
        scheduler=scheduler,
    )
    took = time.perf_counter() - started
    assert result.profiles == samples, result.method
    return took


def fewest(states: int) -> None:
    """The slowest fewest-changes search under SEQ over a few states of a 256-state conflict."""
    text = random_scenario(3, 3, 2).replace("conflict:\n", "conflict:\n  infeasible: [o2_2]\n")
    conflict = build_conflict(loads(text, "<random>"))  # 2^9 / 2 = 256 states
    rng = np.random.default_rng(0)
    slowest = 0.0
    for state in rng.choice(conflict.state_count, size=states, replace=False):
        started = time.perf_counter()
        found = fewest_changes(conflict, int(state), "seq")
        slowest = max(slowest, time.perf_counter() - started)
        assert found.possible or not found.changes
    print(
        f"fewest changes under SEQ, 3 parties, {conflict.state_count} states: slowest of "
        f"{states} states {slowest:.2f} s"
    )


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--states", type=int, default=10)
    parser.add_argument("--dask", type=int, default=0, metavar="PROFILES")
    arguments = parser.parse_args()
    hinges_process()
    counting()
    took = sampled(arguments.workers, arguments.samples)
    print(
        f"robustness, {arguments.samples:,} sampled profiles, 4 parties, 4,096 states, six "
        f"concepts, {arguments.workers} workers: {took:.1f} s"
    )
    fewest(arguments.states)
    if arguments.dask:
        from distributed import LocalCluster

        with LocalCluster(n_workers=arguments.workers, threads_per_worker=1) as cluster:
            took = sampled(arguments.workers, arguments.dask, cluster.scheduler_address)
        rate = arguments.dask / took / arguments.workers
        print(
            f"dask LocalCluster, {arguments.dask:,} profiles, {arguments.workers} workers: "
            f"{took:.1f} s, {rate:,.0f} profiles per second per worker"
        )


if __name__ == "__main__":
    main()
