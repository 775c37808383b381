"""Benchmark of the challenge model: 100 actors, 50 rounds, 1,000 Monte Carlo runs, one process.

Target (issue 17): under 10 s. With tolerance 0 a run stops only in a round where no position
moves at all or when its positions come back to those of two rounds before (a two-round cycle,
which then repeats to the round limit: in a sample of 40 runs four in five ended one of these
ways, on average after 25 rounds); the inputs are drawn uniformly (positions, capabilities,
saliences).

Run: ``.venv/bin/python benchmarks/bench_forecast.py``
"""

from __future__ import annotations

import time

import numpy as np

from standoff.forecast import ChallengeParameters, run_challenge

ACTORS = 100
ROUNDS = 50
RUNS = 1_000
CHUNK = 50
TARGET_SECONDS = 10.0


def bench_challenge_model() -> tuple[float, float]:
    """Wall-clock and CPU seconds for RUNS runs of ACTORS actors over ROUNDS rounds, in chunks
    of CHUNK runs (the CPU time is the fairer figure on a shared machine)."""
    rng = np.random.default_rng(0)
    unit = rng.random((RUNS, ACTORS))
    capability = rng.random((RUNS, ACTORS))
    salience = rng.random((RUNS, ACTORS))
    parameters = ChallengeParameters(rounds=ROUNDS, tolerance=0.0)
    start, cpu = time.perf_counter(), time.process_time()
    for first in range(0, RUNS, CHUNK):
        part = slice(first, first + CHUNK)
        run_challenge(unit[part], capability[part], salience[part], parameters)
    return time.perf_counter() - start, time.process_time() - cpu


if __name__ == "__main__":
    seconds, cpu_seconds = bench_challenge_model()
    verdict = "within" if seconds < TARGET_SECONDS else "over"
    print(
        f"challenge model, {ACTORS} actors x {ROUNDS} rounds x {RUNS:,} runs: {seconds:.1f} s "
        f"wall, {cpu_seconds:.1f} s CPU ({verdict} the {TARGET_SECONDS:g} s target)"
    )
