"""Time the whole analysis on random conflicts of a given size.

Each conflict has P parties with K options each (all 2^(P·K) combinations feasible) and, per party,
K + 1 random prioritization statements (literals, conjunctions, disjunctions and conditionals over
random options, half of them the party's own). The script writes the scenario as YAML text, then
times loading, building the conflict, computing all six stability concepts and a status quo
analysis from the all-"N" state (reachable states and equilibria by improvements and by any moves),
and prints the peak resident memory of the process.

With ``--coalitions`` it times coalition analysis instead: every coalition of two or more parties
tried against the Nash, GMR, SMR and SEQ equilibria (``standoff analyze --coalitions``). Its
reference sizes are 9 parties with 1 option (512 states, 502 coalitions) and 6 parties with 2
options (4,096 states, 57 coalitions); the target is under 2 s each.

Usage::

    python benchmarks/bench_stability.py                     # the reference sizes, both kinds
    python benchmarks/bench_stability.py --parties 3 --options 4 --seed 7 --concepts nash,gmr
    python benchmarks/bench_stability.py --coalitions --parties 10 --options 1
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from standoff.conflict import build_conflict
from standoff.evolution import status_quo_analysis
from standoff.scenario import loads
from standoff.stability import COALITION_CONCEPTS, CONCEPTS, analyze, coalition_analysis

REFERENCE_SIZES = ((4, 3), (5, 4))
COALITION_SIZES = ((9, 1), (6, 2))


def random_scenario(parties: int, options: int, seed: int) -> str:
    """YAML text of a random conflict with ``parties`` × ``options`` options."""
    rng = random.Random(seed)
    owned = {f"P{p}": [f"o{p}_{k}" for k in range(options)] for p in range(parties)}
    everything = [option for own in owned.values() for option in own]
    lines = ["standoff: 1", f"title: Random conflict {parties}x{options} seed {seed}", "parties:"]
    for party, own in owned.items():
        lines += [f"  {party}:", "    options:"] + [f"      {o}: option {o}" for o in own]
    lines += ["conflict:", "  preferences:"]

    def literal(party: str) -> str:
        option = rng.choice(owned[party] if rng.random() < 0.5 else everything)
        return option if rng.random() < 0.5 else f"not {option}"

    for party in owned:
        lines.append(f"    {party}:")
        for _ in range(options + 1):
            form = rng.choice(["{a}", "{a} and {b}", "{a} or {b}", "{a} if {b}"])
            lines.append(f"      - {form.format(a=literal(party), b=literal(party))}")
    return "\n".join(lines) + "\n"


def run(parties: int, options: int, seed: int, concepts: list[str]) -> None:
    """Build and analyse one random conflict, printing a line of figures."""
    text = random_scenario(parties, options, seed)
    started = time.perf_counter()
    conflict = build_conflict(loads(text, "<random>"))
    built = time.perf_counter()
    analysis = analyze(conflict, concepts)
    finished = time.perf_counter()
    status_quo_analysis(conflict, analysis, 0)
    evolved = time.perf_counter()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{parties} parties x {options} options  states={conflict.state_count:>9,}  "
        f"build={built - started:7.2f}s  analyze={finished - built:7.2f}s  "
        f"total={finished - started:7.2f}s  status quo analysis={evolved - finished:6.2f}s  "
        f"peak={peak_mib:8.0f} MiB  "
        f"concepts={','.join(concepts)}  seed={seed}",
        flush=True,
    )


def run_coalitions(parties: int, options: int, seed: int) -> None:
    """Try every coalition on one random conflict, printing a line of figures."""
    conflict = build_conflict(loads(random_scenario(parties, options, seed), "<random>"))
    analysis = analyze(conflict, COALITION_CONCEPTS)
    started = time.perf_counter()
    found = coalition_analysis(conflict, analysis, every_coalition=True)
    finished = time.perf_counter()
    coalitions = 2**parties - parties - 1
    equilibria = sum(int(result.equilibria.sum()) for result in analysis.results.values())
    print(
        f"coalitions: {parties} parties x {options} options  states={conflict.state_count:>6,}  "
        f"coalitions={coalitions:>5,}  equilibria={equilibria:>5,}  "
        f"breaks={len(found.breaks):>5,}  time={finished - started:6.2f}s  seed={seed}",
        flush=True,
    )


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int)
    parser.add_argument("--options", type=int, help="options per party")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concepts", default=",".join(CONCEPTS))
    parser.add_argument("--coalitions", action="store_true", help="time coalition analysis instead")
    args = parser.parse_args()
    concepts = args.concepts.split(",")
    if args.parties is None or args.options is None:
        if not args.coalitions:
            for parties, options in REFERENCE_SIZES:
                run(parties, options, args.seed, concepts)
        for parties, options in COALITION_SIZES:
            run_coalitions(parties, options, args.seed)
    elif args.coalitions:
        run_coalitions(args.parties, args.options, args.seed)
    else:
        run(args.parties, args.options, args.seed, concepts)


if __name__ == "__main__":
    main()
