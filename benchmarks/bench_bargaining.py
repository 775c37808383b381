"""Time the bargaining kernels: Pareto frontiers and the four solutions, on generated outcome sets.

Frontier shapes (each timed once, with ``time.perf_counter``):

- ``uniform``: independent uniform utilities (a small frontier);
- ``concave``: points on the quarter circle ``u1² + u2² = 1`` (every outcome efficient), and for
  3–4 parties on the unit sphere;
- ``simplex``: points with ``sum u = 1`` (every outcome efficient, linear frontier);
- ``linear additive``: weighted sums of per-issue values over the cross product of issues of 10
  levels (what a negotiation tool such as NegMAS sees), the parties' values mostly opposed;
- ``ties``: integer utilities from a few levels, so most outcomes share values and copies abound;
- ``line with copies``: ``u1 + u2 = 1`` on 1,001 levels, so every outcome is efficient and each
  vector occurs about 1,000 times.

Two parties over 10^6 outcomes, three and four parties over 10^5; then the four bargaining
solutions over 10^6 outcomes of two parties. The architecture's budget is under 1 s for the
two-party frontier of 10^6 outcomes whatever its shape.

Usage::

    python benchmarks/bench_bargaining.py
    python benchmarks/bench_bargaining.py --seed 3
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining._frontier import pareto_frontier
from standoff.bargaining._solutions import (
    egalitarian_solution,
    kalai_smorodinsky_solution,
    nash_solution,
    utilitarian_solution,
)

Matrix = NDArray[np.float64]
LEVELS = 10


def uniform(rng: np.random.Generator, count: int, parties: int) -> Matrix:
    """Independent uniform utilities."""
    return rng.random((count, parties))


def concave(rng: np.random.Generator, count: int, parties: int) -> Matrix:
    """Random points on the positive part of the unit sphere: all efficient."""
    points = np.abs(rng.normal(size=(count, parties)))
    return np.asarray(points / np.linalg.norm(points, axis=1, keepdims=True), dtype=np.float64)


def simplex(rng: np.random.Generator, count: int, parties: int) -> Matrix:
    """Random points with utilities summing to 1: all efficient."""
    points = rng.exponential(size=(count, parties))
    return np.asarray(points / points.sum(axis=1, keepdims=True), dtype=np.float64)


def linear_additive(rng: np.random.Generator, count: int, parties: int) -> Matrix:
    """Weighted sums of per-issue values over the cross product of issues of 10 levels."""
    issues = round(np.log10(count))
    base = rng.random((issues, LEVELS))
    columns = []
    for party in range(parties):
        # the first party likes what `base` likes, the others mostly the opposite
        values = base if party == 0 else np.clip(1 - base + 0.2 * rng.normal(size=base.shape), 0, 1)
        weights = rng.random(issues)
        column = np.zeros(1)
        for issue in range(issues):
            column = (column[:, None] + weights[issue] * values[issue][None, :]).reshape(-1)
        columns.append(column)
    return np.column_stack(columns)


def ties(rng: np.random.Generator, count: int, parties: int) -> Matrix:
    """Integer utilities from 100 levels (two parties) or 10 (more): heavy ties."""
    levels = 100 if parties == 2 else 10
    return rng.integers(0, levels, size=(count, parties)).astype(np.float64)


def line_with_copies(rng: np.random.Generator, count: int, parties: int) -> Matrix:
    """``u1 + u2 = 1`` on 1,001 levels: all efficient, each vector repeated."""
    first = rng.integers(0, 1001, size=count) / 1000
    return np.column_stack([first, 1 - first])


SHAPES: dict[str, Callable[[np.random.Generator, int, int], Matrix]] = {
    "uniform": uniform,
    "concave": concave,
    "simplex": simplex,
    "linear additive": linear_additive,
    "ties": ties,
}
CASES = [
    (2, 10**6, [*SHAPES, "line with copies"]),
    (3, 10**5, list(SHAPES)),
    (4, 10**5, list(SHAPES)),
]


def time_frontier(name: str, utilities: Matrix) -> None:
    """Time one frontier and print a line."""
    started = time.perf_counter()
    frontier = pareto_frontier(utilities)
    seconds = time.perf_counter() - started
    count, parties = utilities.shape
    print(
        f"frontier  {parties} parties  {name:<17} outcomes={count:>9,}  "
        f"efficient={len(frontier):>9,}  {seconds:7.3f} s",
        flush=True,
    )


def time_solutions(utilities: Matrix, disagreement: NDArray[np.float64]) -> None:
    """Time the four solutions on one outcome set and print a line each."""
    solvers = {
        "nash": nash_solution,
        "kalai_smorodinsky": kalai_smorodinsky_solution,
        "egalitarian": egalitarian_solution,
        "utilitarian": utilitarian_solution,
    }
    count, parties = utilities.shape
    for name, solver in solvers.items():
        started = time.perf_counter()
        chosen = solver(utilities, disagreement)
        seconds = time.perf_counter() - started
        print(
            f"solution  {parties} parties  {name:<17} outcomes={count:>9,}  "
            f"chosen={chosen!s:>12}  {seconds:7.3f} s",
            flush=True,
        )


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    shapes: dict[str, Callable[[np.random.Generator, int, int], Matrix]] = {
        **SHAPES,
        "line with copies": line_with_copies,
    }
    pareto_frontier(uniform(rng, 1000, 2))  # warm-up: numpy's first calls page in code
    for parties, count, names in CASES:
        for name in names:
            time_frontier(name, shapes[name](rng, count, parties))
    time_solutions(linear_additive(rng, 10**6, 2), np.array([1.0, 1.0]))


if __name__ == "__main__":
    main()
