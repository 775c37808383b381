"""Simulated negotiations per second: standoff side by side with NegMAS, on the same task.

The task of ``benchmarks/bench_simulation.py``: bilateral alternating offers over 100 rounds on a
3-issue × 5-level linear additive domain (125 outcomes), both parties conceding linearly in time
(standoff's ``linear()``, NegMAS's ``LinearTBNegotiator``), BATNAs drawn uniformly from
[0.6, 0.95] so that many negotiations go the distance, random first mover.

- ``standoff``: :func:`standoff.talks.simulate` on ``--runs`` negotiations in this process
  (sampling inputs, negotiating, summarising), and on the same ``--negotiations`` inputs NegMAS
  gets, to compare the agreement rates;
- ``negmas``: ``SAOMechanism(n_steps=100)`` run once per negotiation on ``--negotiations``
  negotiations in the peers' virtual environment (``benchmarks/peers/.venv``), under a time
  budget.

The two implementations differ in details (NegMAS's offering and acceptance policies, its
relative time), so agreement rates are shown as a sanity check, not expected to match.

Usage::

    make bench-peers                       # creates benchmarks/peers/.venv, runs every compare_*.py
    .venv/bin/python benchmarks/peers/compare_simulation.py --negotiations 300
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from _peers import run_peer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_simulation import LEVELS, ROUNDS, domain, settings, weights
from standoff.talks import Batch, linear, negotiate, simulate


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=400_000, help="standoff negotiations")
    parser.add_argument("--negotiations", type=int, default=200, help="NegMAS negotiations")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds for NegMAS")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    table = domain()
    simulate(table, settings(), 10_000, 0, workers=1)  # warm up
    started = time.perf_counter()
    simulate(table, settings(), args.runs, args.seed, workers=1)
    standoff_rate = args.runs / (time.perf_counter() - started)

    shared = settings().sample(args.negotiations, np.random.default_rng(args.seed))
    same = negotiate(
        table,
        Batch.broadcast(
            ROUNDS, linear(), args.negotiations, reservation=shared.reservation, first=shared.first
        ),
    )
    request = {
        "weights": weights().tolist(),
        "levels": LEVELS,
        "reservation": shared.reservation.tolist(),
        "first": shared.first.tolist(),
        "rounds": ROUNDS,
        "negotiator": "LinearTBNegotiator",
    }
    answer = run_peer("negmas_simulation.py", request, args.budget)
    print(
        f"Simulated negotiations: {ROUNDS} rounds, {table.size} outcomes (3 issues x {LEVELS} "
        "levels), linear time-based concession on both sides"
    )
    print(f"  standoff: {standoff_rate:12,.0f} negotiations per second ({args.runs:,} runs)")
    if answer.get("over_budget"):
        print(f"  negmas:   did not finish {args.negotiations} negotiations in {args.budget:g} s")
        return
    negmas_rate = answer["negotiations"] / answer["seconds"]
    print(
        f"  negmas:   {negmas_rate:12,.1f} negotiations per second "
        f"({answer['negotiations']} runs, NegMAS {answer['version']})"
    )
    print(f"  ratio standoff / negmas: x{standoff_rate / negmas_rate:,.0f}")
    print(
        f"  on the same {args.negotiations} inputs: agreement standoff "
        f"{same.agreement.mean():.0%} (mean round {same.round[same.agreement].mean():.1f}), "
        f"negmas {answer['agreements'] / answer['negotiations']:.0%} "
        f"(mean step {answer['mean_step'] or float('nan'):.1f})"
    )


if __name__ == "__main__":
    main()
