"""Time scoring a draft agreement on a 10^6-outcome space, post-settlement improvements included.

The negotiation is generated: six issues of ten levels each (10^6 packages), two or three parties
with random weights and values (mostly opposed), an ``infeasible`` expression and a red line per
party. Each draft is scored with :func:`standoff.bargaining.score_draft` from the negotiation
record: both utility columns over the whole space, the constraints, the comparison with the draft,
the improvements counted and the best five ranked. The target of issue 14 is under 0.5 s.

Drafts: one in the middle of the space (many improvements) and the package best for the first
party (nothing improves on it for that party, so it is efficient).

Usage::

    python benchmarks/bench_draft.py
    python benchmarks/bench_draft.py --parties 3 --repeat 5
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from standoff.bargaining import OutcomeSpace, score_draft
from standoff.scenario import Negotiation, loads

ISSUES = 6
LEVELS = 10


def negotiation_text(parties: int, seed: int) -> str:
    """A scenario with a generated negotiation of ``ISSUES`` issues of ``LEVELS`` levels."""
    rng = np.random.default_rng(seed)
    names = ["A", "B", "C"][:parties]
    lines = [
        "standoff: 1",
        "title: Draft benchmark",
        "parties: {" + ", ".join(f"{name}: {{}}" for name in names) + "}",
        "negotiation:",
        f"  parties: [{', '.join(names)}]",
        "  issues:",
    ]
    for issue in range(ISSUES):
        levels = ", ".join(f"l{level}" for level in range(LEVELS))
        lines.append(f"    i{issue}: [{levels}]")
    lines.append("  utilities:")
    for k, name in enumerate(names):
        weights = ", ".join(f"i{issue}: {rng.integers(1, 6)}" for issue in range(ISSUES))
        tables = []
        for issue in range(ISSUES):
            rising = np.sort(np.round(rng.random(LEVELS), 3))
            values = rising if (issue + k) % 2 == 0 else rising[::-1]
            table = ", ".join(f"l{level}: {value:g}" for level, value in enumerate(values))
            tables.append(f"i{issue}: {{{table}}}")
        lines.append(f"    {name}: {{weights: {{{weights}}}, values: {{{', '.join(tables)}}}}}")
    lines.append("  batna: {" + ", ".join(f"{name}: 0.3" for name in names) + "}")
    lines.append('  infeasible: ["i0 == l9 and i1 == l9"]')
    lines.append(
        "  red_lines: {"
        + ", ".join(
            f'{name}: ["i{k + 2} >= l8 and i{k + 3} <= l1"]' for k, name in enumerate(names)
        )
        + "}"
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=2, choices=(2, 3))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    scenario = loads(negotiation_text(arguments.parties, arguments.seed))
    negotiation = scenario.negotiation
    assert isinstance(negotiation, Negotiation)
    space = OutcomeSpace.of(negotiation)
    middle = {f"i{issue}": "l5" if issue % 2 else "l4" for issue in range(ISSUES)}
    best = int(np.argmax(space.utilities(negotiation.utilities["A"])))
    efficient = dict(space.labels(best))
    print(f"{space.size:,} outcomes, {arguments.parties} parties, best of {arguments.repeat}")
    for label, deal in (("middle draft", middle), ("best for A", efficient)):
        times = []
        for _ in range(arguments.repeat):
            start = time.perf_counter()
            score = score_draft(negotiation, deal)
            times.append(time.perf_counter() - start)
        print(
            f"  {label:<14} {min(times):.3f} s  "
            f"({score.improvement_count:,} improvements, efficient: {score.efficient})"
        )


if __name__ == "__main__":
    main()
