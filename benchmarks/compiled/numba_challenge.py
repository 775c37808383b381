"""Worker: the numba prototype of the challenge model (runs in ``benchmarks/compiled/.venv``).

Reads a JSON request on stdin::

    {"inputs": "/tmp/.../inputs.npz",   # arrays unit, capability, salience, (runs, actors)
     "output": "/tmp/...",              # folder for final.npy and rounds.npy
     "rounds": 50, "tolerance": 0.0, "chunk": 100}

compiles :mod:`challenge_numba` (a call with no rounds, timed on its own), runs the challenge
model on the runs in chunks of ``chunk`` runs (timed: wall-clock and CPU), saves the final
positions and the rounds each run took as ``final.npy`` and ``rounds.npy`` in ``output``, and
writes one JSON line: ``{"compile_seconds": c, "seconds": s, "cpu_seconds": p, "numba": ...,
"llvmlite": ..., "numpy": ...}``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import llvmlite
import numba
import numpy as np
from challenge_numba import run_challenge


def main() -> None:
    """Answer one request."""
    request = json.loads(sys.stdin.read())
    rounds, tolerance, chunk = int(request["rounds"]), float(request["tolerance"]), request["chunk"]
    with np.load(request["inputs"]) as inputs:
        unit, capability, salience = (inputs[name] for name in ("unit", "capability", "salience"))
    started = time.perf_counter()
    run_challenge(unit[:1], capability[:1], salience[:1], 0, tolerance)  # compiles, runs nothing
    compile_seconds = time.perf_counter() - started
    parts = []
    started, cpu = time.perf_counter(), time.process_time()
    for first in range(0, unit.shape[0], chunk):
        last = first + chunk
        parts.append(
            run_challenge(
                unit[first:last], capability[first:last], salience[first:last], rounds, tolerance
            )
        )
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    output = Path(request["output"])
    np.save(output / "final.npy", np.concatenate([final for final, _ in parts]))
    np.save(output / "rounds.npy", np.concatenate([used for _, used in parts]))
    answer = {
        "compile_seconds": compile_seconds,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "numba": numba.__version__,
        "llvmlite": llvmlite.__version__,
        "numpy": np.__version__,
    }
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
