"""Standoff's Pareto frontier side by side with NegMAS's, on the same outcome spaces.

Two parties, two families of outcome spaces:

- **linear additive**: the cross product of 4, 5 and 6 issues of 10 levels (10^4, 10^5 and
  10^6 outcomes), each party's utility a weighted sum of per-issue values, the parties' values
  mostly opposed (what NegMAS sees in a typical bilateral domain);
- **all efficient**: one issue of 10^3, 10^4 and 10^5 levels with ``u1 = x`` and
  ``u2 = 1 − x²`` for ``x = i / n``: every outcome is on the frontier.

Every utility is computed exactly by both tools (weights and values are dyadic rationals with few
bits, or table look-ups), so both see the same numbers. Columns:

- ``standoff``: ``pareto_frontier`` on the utility matrix (best of 3 runs; it is fast);
- ``standoff e2e``: building the matrix from the issue tables with numpy, then the frontier;
- ``negmas ufuns``: ``negmas.preferences.pareto_frontier(ufuns, issues=...)`` over
  ``LinearAdditiveUtilityFunction`` objects (enumeration, evaluation and frontier), compared with
  ``standoff e2e``;
- ``negmas points``: ``negmas.preferences.ops.pareto_frontier_numpy`` on the same utility
  matrix, compared with ``standoff``.

NegMAS runs once per case in the peers' virtual environment under a time budget (``--budget``,
60 s by default); a case that runs out prints ``> budget``. The check column compares the sets of
distinct frontier utility vectors: NegMAS keeps one copy of vectors that occur several times,
standoff keeps every copy, so the sizes compared are the distinct ones (``frontier`` shows
standoff's full count, then the distinct count when it differs).

Usage::

    make bench-peers                       # creates benchmarks/peers/.venv, runs every compare_*.py
    .venv/bin/python benchmarks/peers/compare_pareto.py --budget 30
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from _peers import run_peer, seconds_text
from numpy.typing import NDArray

from standoff.bargaining._frontier import pareto_frontier

LEVELS = 10


@dataclass(frozen=True)
class Space:
    """Two parties' linear additive utilities: ``weights[p][i] * tables[p][i][level_i]``."""

    name: str
    weights: list[list[float]]
    tables: list[list[list[float]]]

    @property
    def outcomes(self) -> int:
        """Number of outcomes (the product of the issues' sizes)."""
        return int(np.prod([len(table) for table in self.tables[0]]))

    def utilities(self) -> NDArray[np.float64]:
        """The utility matrix, outcomes in the order of ``itertools.product`` over the levels."""
        columns = []
        for weights, tables in zip(self.weights, self.tables, strict=True):
            column = np.zeros(1)
            for weight, table in zip(weights, tables, strict=True):
                column = (column[:, None] + weight * np.asarray(table)[None, :]).reshape(-1)
            columns.append(column)
        return np.column_stack(columns)


def linear_additive(issues: int, seed: int) -> Space:
    """``issues`` issues of 10 levels; values in 1/256 steps, weights in 1/8 steps, opposed."""
    rng = np.random.default_rng(seed)
    first = rng.integers(0, 256, size=(issues, LEVELS))
    second = np.clip(255 - first + rng.integers(-48, 49, size=first.shape), 0, 255)
    weights = rng.integers(1, 9, size=(2, issues)) / 8
    tables = [(first / 256).tolist(), (second / 256).tolist()]
    return Space(f"linear additive {issues}x{LEVELS}", weights.tolist(), tables)


def all_efficient(count: int) -> Space:
    """One issue of ``count`` levels on the concave curve ``u2 = 1 − u1²``."""
    x = np.arange(count) / count
    return Space("all efficient (concave)", [[1.0], [1.0]], [[x.tolist()], [(1 - x**2).tolist()]])


def best_of(runs: int, task: Any) -> tuple[float, Any]:
    """The shortest of ``runs`` timings of ``task()`` and its last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = task()
        best = min(best, time.perf_counter() - started)
    return best, result


def distinct_rows(points: NDArray[np.float64] | list[list[float]]) -> set[tuple[float, ...]]:
    """The distinct rows of a matrix, as tuples."""
    return {tuple(map(float, row)) for row in points}


def compare(space: Space, budget: float, workdir: Path) -> set[str]:
    """Time both tools on one space, print one line, return the NegMAS versions that answered."""
    utilities = space.utilities()
    kernel, frontier = best_of(3, lambda: pareto_frontier(utilities))
    end_to_end, _ = best_of(3, lambda: pareto_frontier(space.utilities()))
    mine = distinct_rows(utilities[frontier])
    matrix = workdir / "utilities.npy"
    np.save(matrix, utilities)
    request = {"weights": space.weights, "tables": space.tables}
    answers = {
        method: run_peer(
            "negmas_pareto.py", {**request, "method": method, "points": str(matrix)}, budget
        )
        for method in ("ufuns", "points")
    }
    checks = []
    for method, answer in answers.items():
        if answer.get("over_budget"):
            continue
        theirs = distinct_rows(answer["frontier"])
        same = answer["count"] == len(mine) and theirs == mine
        checks.append(f"{method} {'same' if same else 'DIFFERENT'} ({answer['count']})")
    count = f"{len(frontier):,}" + (f" ({len(mine):,})" if len(mine) != len(frontier) else "")

    def ratio(answer: dict[str, Any], mine: float) -> str:
        return "" if answer.get("over_budget") else f"x{answer['seconds'] / mine:,.0f}"

    print(
        f"{space.name:<26} {space.outcomes:>10,} {count:>18}  "
        f"{kernel:9.3g} {end_to_end:12.3g}  "
        f"{seconds_text(answers['ufuns'], budget):>15} {ratio(answers['ufuns'], end_to_end):>7}  "
        f"{seconds_text(answers['points'], budget):>15} {ratio(answers['points'], kernel):>7}  "
        f"{'; '.join(checks) or '-'}",
        flush=True,
    )
    return {answer["version"] for answer in answers.values() if "version" in answer}


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per NegMAS run")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    spaces = [linear_additive(issues, args.seed + issues) for issues in (4, 5, 6)]
    spaces += [all_efficient(count) for count in (10**3, 10**4, 10**5)]
    print("Pareto frontier of two parties: standoff vs NegMAS (seconds; ratio = NegMAS / standoff)")
    print(
        f"{'case':<26} {'outcomes':>10} {'frontier':>18}  {'standoff':>9} {'standoff e2e':>12}  "
        f"{'negmas ufuns':>15} {'ratio':>7}  {'negmas points':>15} {'ratio':>7}  check"
    )
    versions: set[str] = set()
    with tempfile.TemporaryDirectory() as workdir:
        for space in spaces:
            versions |= compare(space, args.budget, Path(workdir))
    print(f"NegMAS {', '.join(sorted(versions))}; budget {args.budget:g} s per NegMAS run")


if __name__ == "__main__":
    main()
