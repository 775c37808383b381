"""Benchmark of the challenge model: 100 actors, 50 rounds, 1,000 Monte Carlo runs, one process.

Target (issue 17): under 10 s. With tolerance 0 a run stops only in a round where no position
moves at all or when its positions come back to those of two rounds before (a two-round cycle,
which then repeats to the round limit: in a sample of 40 runs four in five ended one of these
ways, on average after 25 rounds); the inputs are drawn uniformly (positions, capabilities,
saliences).

Also timed: the same runs on the local process pool of ``standoff.runner.run_tasks`` with two
workers (what ``standoff forecast --workers 2`` does with its chunks), wall-clock.

Run: ``.venv/bin/python benchmarks/bench_forecast.py``
"""

from __future__ import annotations

import time

import numpy as np

from standoff.forecast import ChallengeParameters, run_challenge
from standoff.runner import run_tasks

ACTORS = 100
ROUNDS = 50
RUNS = 1_000
CHUNK = 100  # as standoff forecast (standoff.forecast._analysis.CHUNK)
TARGET_SECONDS = 10.0


PARAMETERS = ChallengeParameters(rounds=ROUNDS, tolerance=0.0)


def _chunks() -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(0)
    unit = rng.random((RUNS, ACTORS))
    capability = rng.random((RUNS, ACTORS))
    salience = rng.random((RUNS, ACTORS))
    return [
        (unit[first : first + CHUNK], capability[first : first + CHUNK],
         salience[first : first + CHUNK])
        for first in range(0, RUNS, CHUNK)
    ]  # fmt: skip


def _final(chunk: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    return run_challenge(*chunk, PARAMETERS)[0]


def bench_challenge_model() -> tuple[float, float]:
    """Wall-clock and CPU seconds for RUNS runs of ACTORS actors over ROUNDS rounds, in chunks
    of CHUNK runs, in this process (the CPU time is the fairer figure on a shared machine)."""
    chunks = _chunks()
    start, cpu = time.perf_counter(), time.process_time()
    for chunk in chunks:
        _final(chunk)
    return time.perf_counter() - start, time.process_time() - cpu


def bench_on_the_pool(workers: int = 2) -> float:
    """Wall-clock seconds for the same runs on the local process pool (start-up included)."""
    chunks = _chunks()
    start = time.perf_counter()
    run_tasks(_final, chunks, workers=workers)
    return time.perf_counter() - start


if __name__ == "__main__":
    seconds, cpu_seconds = bench_challenge_model()
    verdict = "within" if seconds < TARGET_SECONDS else "over"
    print(
        f"challenge model, {ACTORS} actors x {ROUNDS} rounds x {RUNS:,} runs: {seconds:.1f} s "
        f"wall, {cpu_seconds:.1f} s CPU ({verdict} the {TARGET_SECONDS:g} s target)"
    )
    print(f"the same on the process pool, 2 workers: {bench_on_the_pool(2):.1f} s wall")
