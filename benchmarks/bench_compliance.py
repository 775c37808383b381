"""Time the compliance analysis over 10^6 outcomes with three pledges that can be broken.

The generated negotiation has four issues: three that a party could secretly break (100, 100
and 50 levels) and a verification issue of two levels, 10^6 outcomes in all. Party ``A`` pledges
on two issues and ``B`` on one; the detection of every pledge depends on the verification issue;
one penalty rests on a third party, and ``B`` keeps the deal round after round (a discount),
so the forfeited future is computed for every outcome too.

Timed once each, with ``time.perf_counter``, after the bargaining analysis (which the pipeline
computes before compliance and hands to it):

- the kernel: the net gain of every pledge, the temptations and the self-enforcing mask;
- the whole compliance analysis: the kernel, the verifiable ZOPA, the restricted solutions and
  the least verification of every bargaining solution.

The issue's target: under 1 s for 10^6 outcomes with three pledges.

Usage::

    python benchmarks/bench_compliance.py
    python benchmarks/bench_compliance.py --seed 3
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from standoff.bargaining import bargain
from standoff.compliance import assess_compliance, net_temptations, self_enforcing, temptations
from standoff.scenario import Scenario, loads

SIZES = {"a": 100, "b": 100, "c": 50, "checks": 2}


def scenario(seed: int) -> Scenario:
    """The generated negotiation (10^6 outcomes, three pledges)."""
    rng = np.random.default_rng(seed)
    issues = {name: [f"{name}{k}" for k in range(n)] for name, n in SIZES.items()}

    def values() -> dict[str, dict[str, float]]:
        return {
            name: {
                level: round(float(v), 3)
                for level, v in zip(levels, rng.random(len(levels)), strict=True)
            }
            for name, levels in issues.items()
        }

    def pledge(issue: str) -> dict[str, object]:
        gains = rng.random(len(issues[issue])) * 0.3
        return {
            "gain": {
                level: round(float(g), 3) for level, g in zip(issues[issue], gains, strict=True)
            },
            "detection": {"checks": {"checks0": 0.2, "checks1": 0.8}},
            "penalty": {"utility": 0.4, "needs": {"C": 0.5}, "otherwise": 0.1},
        }

    text = {
        "standoff": 1,
        "title": "Compliance benchmark",
        "parties": {"A": {}, "B": {}, "C": {}},
        "negotiation": {
            "parties": ["A", "B"],
            "issues": issues,
            "utilities": {"A": {"values": values()}, "B": {"values": values()}},
            "batna": {"A": 0.4, "B": 0.4},
            "compliance": {
                "A": {"issues": {"a": pledge("a"), "b": pledge("b")}},
                "B": {"issues": {"c": pledge("c")}, "discount": 0.5},
            },
        },
    }
    return loads(json.dumps(text), "benchmark.yaml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    seed = parser.parse_args().seed
    case = scenario(seed)
    negotiation = case.negotiation
    assert negotiation is not None
    analysis = bargain(case)
    disagreement = np.array([b.value for b in analysis.batnas])
    size = analysis.space.size
    print(f"compliance over {size:,} outcomes, {len(negotiation.compliance.commitments)} pledges")

    start = time.perf_counter()
    nets = net_temptations(negotiation, analysis.space, analysis.utilities, disagreement)
    tempted = temptations(negotiation, nets, size)
    kept = self_enforcing(nets, size)
    kernel = time.perf_counter() - start
    print(f"  kernel (nets, temptations, self-enforcing): {kernel:.3f} s")

    start = time.perf_counter()
    found = assess_compliance(case, analysis)
    whole = time.perf_counter() - start
    print(f"  whole analysis (with restricted solutions, least verification): {whole:.3f} s")
    print(
        f"  self-enforcing: {int(kept.sum()):,}; ZOPA {found.zopa.size:,}, verifiable "
        f"{found.verifiable.size:,}; most tempted {float(tempted.max()):.3f}"
    )
    verdict = "meets" if whole < 1.0 else "misses"
    print(f"  target under 1 s for the whole analysis: {verdict}")


if __name__ == "__main__":
    main()
