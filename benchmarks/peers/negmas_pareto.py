"""Worker: NegMAS's Pareto frontier of a linear additive outcome space (runs in the peers' venv).

Reads a JSON request on stdin::

    {"weights": [[w_party_issue, ...], ...],          # one list per party
     "tables": [[[value, ...], ...], ...],             # party -> issue -> value of each level
     "method": "ufuns" | "points",
     "points": "path/to/utilities.npy",                # for "points" only
     "budget": seconds}

and writes one JSON line on stdout: ``{"seconds": s, "count": n, "frontier": [[u, ...], ...],
"version": "0.16.0"}`` or ``{"over_budget": true}``.

- ``ufuns``: what a NegMAS user calls with utility functions,
  ``negmas.preferences.pareto_frontier(ufuns, issues=issues)``, over
  ``LinearAdditiveUtilityFunction`` objects built from the tables (it enumerates the outcomes,
  evaluates every utility function on each, then extracts the frontier). Building the issues and
  utility functions is not timed.
- ``points``: ``negmas.preferences.ops.pareto_frontier_numpy`` on the utility matrix standoff was
  given (NegMAS's recommended extractor when the utilities are already computed). Loading the
  matrix is not timed.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from importlib import metadata
from typing import Any

import numpy as np
from _peers import OverBudget, budget_alarm


def main() -> None:
    """Answer one request."""
    request = json.loads(sys.stdin.read())
    warnings.simplefilter("ignore")
    try:
        answer = _frontier(request)
    except OverBudget:
        answer = {"over_budget": True}
    print(json.dumps(answer))


def _frontier(request: dict[str, Any]) -> dict[str, Any]:
    from negmas import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction, pareto_frontier
    from negmas.preferences.ops import pareto_frontier_numpy
    from negmas.preferences.value_fun import TableFun

    if request["method"] == "points":
        points = np.load(request["points"])
        budget_alarm(request["budget"])
        started = time.perf_counter()
        indices = pareto_frontier_numpy(points)
        seconds = time.perf_counter() - started
        budget_alarm(0)
        frontier = points[np.asarray(indices, dtype=np.int64)].tolist()
    else:
        sizes = [len(table) for table in request["tables"][0]]
        issues = [make_issue(size, name=f"issue{i}") for i, size in enumerate(sizes)]
        ufuns = [
            LinearAdditiveUtilityFunction(
                values=[TableFun(dict(enumerate(table))) for table in tables],
                weights=weights,
                issues=issues,
            )
            for weights, tables in zip(request["weights"], request["tables"], strict=True)
        ]
        budget_alarm(request["budget"])
        started = time.perf_counter()
        points_found, _ = pareto_frontier(ufuns, issues=issues)
        seconds = time.perf_counter() - started
        budget_alarm(0)
        frontier = [list(point) for point in points_found]
    version = metadata.version("negmas")
    return {"seconds": seconds, "count": len(frontier), "frontier": frontier, "version": version}


if __name__ == "__main__":
    main()
