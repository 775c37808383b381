"""Benchmark of the challenge model: 100 actors, 50 rounds, 1,000 Monte Carlo runs, one process.

Target (issue 17): under 10 s. With tolerance 0 a run stops only in a round where no position
moves at all or when its positions come back to those of two rounds before (a two-round cycle,
which then repeats to the round limit: in a sample of 40 runs four in five ended one of these
ways, on average after 25 rounds); the inputs are drawn uniformly (positions, capabilities,
saliences).

Timed, in chunks of 100 runs as ``standoff forecast`` runs them:

- the compiled kernel (``engine="compiled"``, numba, the optional extra ``standoff[fast]``),
  which ``standoff forecast`` takes for a job this size (``forecast()`` chooses on the whole
  job; a single chunk is below ``AUTO_WORK``); its first call in a fresh process, which
  compiles the kernel or loads it from numba's on-disk cache, is timed on its own (run the
  script twice to see both);
- the numpy kernel (``engine="numpy"``), and whether both give the same bits;
- both kernels on the local process pool of ``standoff.runner.run_tasks`` with two workers
  (what ``standoff forecast --workers 2`` does with its chunks), wall-clock.

Run: ``.venv/bin/python benchmarks/bench_forecast.py``
"""

from __future__ import annotations

import time

import numpy as np

from standoff.forecast import ChallengeParameters, run_challenge
from standoff.forecast._engine import Engine, compiled_usable, load_compiled
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


def _final(job: tuple[Engine, tuple[np.ndarray, np.ndarray, np.ndarray]]) -> np.ndarray:
    engine, chunk = job
    return run_challenge(*chunk, PARAMETERS, engine=engine)[0]


def bench_challenge_model(engine: Engine) -> tuple[float, float, np.ndarray]:
    """Wall-clock and CPU seconds for RUNS runs of ACTORS actors over ROUNDS rounds, in chunks
    of CHUNK runs, in this process (the CPU time is the fairer figure on a shared machine), and
    the final positions."""
    chunks = _chunks()
    start, cpu = time.perf_counter(), time.process_time()
    finals = [run_challenge(*chunk, PARAMETERS, engine=engine)[0] for chunk in chunks]
    return time.perf_counter() - start, time.process_time() - cpu, np.concatenate(finals)


def bench_first_compiled_call() -> float | None:
    """Seconds of the first call of the compiled kernel in this process (numba's import, and
    compiling or loading the kernel), or None without numba."""
    if compiled_usable() is not None:
        return None
    start = time.perf_counter()
    load_compiled()
    return time.perf_counter() - start


def bench_on_the_pool(engine: Engine, workers: int = 2) -> float:
    """Wall-clock seconds for the same runs on the local process pool (start-up, and loading
    the compiled kernel in each worker, included)."""
    jobs = [(engine, chunk) for chunk in _chunks()]
    start = time.perf_counter()
    run_tasks(_final, jobs, workers=workers)
    return time.perf_counter() - start


def _report(engine: str, seconds: float, cpu_seconds: float) -> None:
    verdict = "within" if seconds < TARGET_SECONDS else "over"
    print(
        f"challenge model, {engine} kernel, {ACTORS} actors x {ROUNDS} rounds x {RUNS:,} runs: "
        f"{seconds:.1f} s wall, {cpu_seconds:.1f} s CPU ({verdict} the {TARGET_SECONDS:g} s "
        "target)"
    )


if __name__ == "__main__":
    first = bench_first_compiled_call()
    compiled = None
    if first is None:
        print(f"compiled kernel: not installed ({compiled_usable()})")
    else:
        print(f"compiled kernel: first call (compile, or load from the cache) {first:.1f} s")
        *timing, compiled = bench_challenge_model("compiled")
        _report("compiled", *timing)
    *timing, numpy_final = bench_challenge_model("numpy")
    _report("numpy", *timing)
    if compiled is not None:
        same = np.array_equal(compiled.view(np.int64), numpy_final.view(np.int64))
        print(f"final positions of the two kernels {'bit-identical' if same else 'DIFFER'}")
    engines: tuple[Engine, ...] = ("numpy",) if compiled is None else ("compiled", "numpy")
    for engine in engines:
        print(f"{engine} kernel on the process pool, 2 workers: "
              f"{bench_on_the_pool(engine):.1f} s wall")  # fmt: skip
