"""The deals struck in simulated talks: which packages, how often, and each issue's levels.

The kernel records the agreed outcome of every run; the Monte Carlo tally counts them per outcome
with one ``numpy.bincount`` (:class:`~standoff.talks.Summary` ``deals``). Here those counts become
packages an analyst can read (one level of every issue), the distribution of agreed levels per
issue (the counts summed over the other issues, one weighted ``bincount`` per issue), and the
bargaining solutions of the two parties at the table set against what the talks reach.

>>> from standoff.scenario import load
>>> from standoff.talks import simulate_talks
>>> talks = simulate_talks(load("examples/korea_2019.yaml"), 500, seed=1, workers=1)
>>> deals = talks.variants[0].deals
>>> deals.agreements == sum(package.runs for package in deals.all_packages(talks.space))
True
>>> [benchmark.label for benchmark in talks.benchmarks]
['Nash', 'Kalai–Smorodinsky']
>>> table = deals.to_pandas(talks.space)  # every package agreed, as a pandas table
>>> int(table["runs"].sum()) == deals.agreements, len(deals.to_pandas()) <= TOP_PACKAGES
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from standoff._frames import frame
from standoff.bargaining import OutcomeSpace, kalai_smorodinsky_solution, nash_solution
from standoff.talks._outcome import Summary
from standoff.talks._table import OutcomeTable

__all__ = ["TOP_PACKAGES", "Benchmark", "Deals", "Package", "benchmarks", "deals_struck"]

TOP_PACKAGES = 10
"""How many of the most frequent packages a :class:`Deals` record lists."""


@dataclass(frozen=True)
class Package:
    """One agreed package: its outcome index, its level of every issue, how many runs agreed on
    it and their share of all runs."""

    outcome: int
    levels: Mapping[str, str]
    runs: int
    share: float


@dataclass(frozen=True)
class Deals:
    """The distribution of the packages agreed in one variant's runs.

    Attributes
    ----------
    runs, agreements
        The runs simulated and those that reached agreement.
    distinct
        The number of different packages agreed.
    packages
        The most frequent packages (at most :data:`TOP_PACKAGES`), the most frequent first.
    levels
        Per issue, in the file's order: each level and the number of agreements on it.
    counts
        Every agreed outcome and its count (``Summary.deals``).
    """

    runs: int
    agreements: int
    distinct: int
    packages: tuple[Package, ...]
    levels: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    counts: tuple[tuple[int, int], ...]

    def all_packages(self, space: OutcomeSpace) -> tuple[Package, ...]:
        """Every agreed package, the most frequent first."""
        return tuple(_package(space, k, n, self.runs) for k, n in self.counts)

    def to_pandas(self, space: OutcomeSpace | None = None) -> Any:
        """The agreed packages, the most frequent first, indexed by outcome number: one column
        per issue (its level), ``runs`` and ``share`` (of all runs). The most frequent
        :data:`TOP_PACKAGES` only, or every one given the outcome ``space``. Needs pandas
        (``standoff[notebook]``); the module's example shows it.
        """
        packages = self.packages if space is None else self.all_packages(space)
        columns: dict[str, Any] = {"outcome": [p.outcome for p in packages]}
        for issue, _ in self.levels:
            columns[issue] = [p.levels[issue] for p in packages]
        columns["runs"] = [p.runs for p in packages]
        columns["share"] = [p.share for p in packages]
        return frame(columns, index="outcome")


@dataclass(frozen=True)
class Benchmark:
    """A bargaining solution of the two parties at the table and how often the talks as written
    agreed on it (``outcome`` is ``None`` when no package gives both parties their BATNA);
    ``utility`` maps each party to its utility of the package."""

    label: str
    outcome: int | None
    levels: Mapping[str, str] | None
    utility: Mapping[str, float] | None
    runs: int
    share: float


def _package(space: OutcomeSpace, outcome: int, runs: int, total: int) -> Package:
    return Package(outcome, space.labels(outcome), runs, runs / total)


def deals_struck(space: OutcomeSpace, summary: Summary, top: int = TOP_PACKAGES) -> Deals:
    """The deals of one simulated variant, from its per-outcome counts."""
    counts = summary.deals
    outcomes = np.array([k for k, _ in counts], dtype=np.int64)
    runs = np.array([n for _, n in counts], dtype=np.int64)
    per_issue = np.unravel_index(outcomes, space.shape) if counts else ()
    levels = []
    for position, issue in enumerate(space.issues):
        labels = issue.labels()
        tally = (
            np.bincount(per_issue[position], weights=runs, minlength=len(labels))
            if counts
            else np.zeros(len(labels))
        )
        levels.append((issue.id, tuple((labels[j], int(tally[j])) for j in range(len(labels)))))
    return Deals(
        runs=summary.runs,
        agreements=int(runs.sum()),
        distinct=len(counts),
        packages=tuple(_package(space, k, n, summary.runs) for k, n in counts[:top]),
        levels=tuple(levels),
        counts=counts,
    )


def benchmarks(
    space: OutcomeSpace, table: OutcomeTable, batnas: Mapping[str, float], baseline: Summary
) -> tuple[Benchmark, ...]:
    """The Nash and Kalai–Smorodinsky agreements of the two parties (their assessed BATNAs, by
    party name, as the disagreement point) over the packages both may sign, and the share of the
    talks as written that reached each."""
    disagreement = np.array([batnas[party] for party in table.parties], dtype=np.float64)
    found = dict(baseline.deals)
    signable = np.arange(table.size, dtype=np.int64)
    if table.signable is not None:  # no agreement across a red line, none infeasible
        signable = np.flatnonzero(table.signable.all(axis=1)).astype(np.int64)
    chosen = []
    for label, solve in (
        ("Nash", nash_solution),
        ("Kalai–Smorodinsky", kalai_smorodinsky_solution),
    ):
        picked = solve(table.utilities[signable], disagreement) if signable.size else None
        if picked is None:
            chosen.append(Benchmark(label, None, None, None, 0, 0.0))
            continue
        outcome = int(signable[picked])
        runs = found.get(outcome, 0)
        utility = table.utilities[outcome]
        chosen.append(
            Benchmark(
                label,
                outcome,
                space.labels(outcome),
                {party: float(utility[k]) for k, party in enumerate(table.parties)},
                runs,
                runs / baseline.runs,
            )
        )
    return tuple(chosen)
