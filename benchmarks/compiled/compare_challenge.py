"""The challenge model: standoff's numpy kernel side by side with a numba prototype.

The task of ``benchmarks/bench_forecast.py``: 1,000 Monte Carlo runs of 100 actors over at most
50 rounds with tolerance 0, positions, capabilities and saliences drawn uniformly
(``np.random.default_rng(0)``, in that order), in chunks of 100 runs, one process.

- ``standoff``: :func:`standoff.forecast.run_challenge` in this process (wall-clock and CPU);
- ``numba``: :mod:`challenge_numba` (default parameters only) in ``benchmarks/compiled/.venv``
  through the worker ``numba_challenge.py``, which compiles first (timed on its own) and hands
  back its final positions and rounds, compared here with standoff's: bit-identical or not.

Usage::

    make bench-compiled        # creates benchmarks/compiled/.venv, runs this script
    .venv/bin/python benchmarks/compiled/compare_challenge.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_forecast import ACTORS, CHUNK, PARAMETERS, ROUNDS, RUNS
from standoff.forecast import run_challenge

HERE = Path(__file__).resolve().parent
COMPILED_PYTHON = HERE / ".venv" / "bin" / "python"
TIMEOUT = 1800.0
"""Seconds the worker may take, compiling included."""


def run_worker(worker: str, request: dict[str, Any]) -> dict[str, Any]:
    """Run ``worker`` (a file in this folder) with the compiled environment's Python on the JSON
    ``request``; return the JSON object it prints last."""
    if not COMPILED_PYTHON.exists():
        sys.exit(f"{COMPILED_PYTHON} is missing: run `make bench-compiled`, which creates it")
    done = subprocess.run(
        [str(COMPILED_PYTHON), str(HERE / worker)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{worker} failed ({done.returncode}):\n{done.stderr}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def main() -> None:
    """Time both sides and compare their results."""
    rng = np.random.default_rng(0)
    unit = rng.random((RUNS, ACTORS))
    capability = rng.random((RUNS, ACTORS))
    salience = rng.random((RUNS, ACTORS))

    parts = []
    started, cpu = time.perf_counter(), time.process_time()
    for first in range(0, RUNS, CHUNK):
        last = first + CHUNK
        found = run_challenge(
            unit[first:last], capability[first:last], salience[first:last], PARAMETERS
        )
        parts.append(found[:2])
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    final = np.concatenate([part[0] for part in parts])
    rounds = np.concatenate([part[1] for part in parts])

    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs.npz"
        np.savez(inputs, unit=unit, capability=capability, salience=salience)
        request = {
            "inputs": str(inputs),
            "output": folder,
            "rounds": PARAMETERS.rounds,
            "tolerance": PARAMETERS.tolerance,
            "chunk": CHUNK,
        }
        answer = run_worker("numba_challenge.py", request)
        compiled_final = np.load(Path(folder) / "final.npy")
        compiled_rounds = np.load(Path(folder) / "rounds.npy")

    print(
        f"Challenge model, {ACTORS} actors x {ROUNDS} rounds x {RUNS:,} runs in chunks of "
        f"{CHUNK}, tolerance {PARAMETERS.tolerance:g}, one thread"
    )
    print(f"  standoff (numpy {np.__version__}): {seconds:6.1f} s wall, {cpu_seconds:6.1f} s CPU")
    print(
        f"  numba {answer['numba']} (llvmlite {answer['llvmlite']}, numpy {answer['numpy']}): "
        f"{answer['seconds']:6.1f} s wall, {answer['cpu_seconds']:6.1f} s CPU, "
        f"after compiling for {answer['compile_seconds']:.1f} s"
    )
    differing = int((compiled_final != final).any(axis=1).sum())
    largest = float(np.abs(compiled_final - final).max())
    print(
        f"  final positions bit-identical: {np.array_equal(compiled_final, final)} "
        f"({differing} runs differ, largest difference {largest:.3g}); "
        f"rounds equal: {np.array_equal(compiled_rounds, rounds)}"
    )


if __name__ == "__main__":
    main()
