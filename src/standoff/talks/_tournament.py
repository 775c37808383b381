"""Tournaments: every strategy against every strategy, in both roles and both orders of moving.

For strategies ``s_1 .. s_K`` each ordered pairing (party 0 plays ``a``, party 1 plays ``b``) is
played ``runs`` times with party 0 moving first and ``runs`` times with party 1 moving first,
with the other inputs drawn from the given distributions (their ``strategy`` and ``first`` are
ignored). All ``2 K² runs`` negotiations go through :func:`~standoff.talks.simulate`, so the
seed fixes the table whatever the runner.

Examples
--------
>>> from standoff.talks import Distributions, Hardliner, boulware, linear, split_the_pie
>>> strategies = (linear(), Hardliner(), boulware())
>>> settings = Distributions(rounds=20, strategies=strategies, reservation=0.2)
>>> table = tournament(split_the_pie(101), settings, runs=1, seed=0)
>>> cell = table.pairing("boulware", "linear")
>>> cell.strategies
{'party 0': 'boulware', 'party 1': 'linear'}
>>> cell.agreement, {p: round(u, 2) for p, u in cell.utility.items()}, cell.mean_round
(1.0, {'party 0': 0.67, 'party 1': 0.33}, 16.0)
>>> table.pairing("linear", "hardliner").agreement      # a hardliner never gets a deal here
0.0
>>> [name for name, _ in table.scores()]
['boulware', 'linear', 'hardliner']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from standoff.talks._batch import Batch
from standoff.talks._distributions import Distributions
from standoff.talks._montecarlo import DEFAULT_CHUNK_SIZE, run_chunks
from standoff.talks._outcome import AGREEMENT, BREAKDOWN
from standoff.talks._table import OutcomeTable

__all__ = ["Pairing", "Tournament", "tournament"]


@dataclass(frozen=True)
class Pairing:
    """One cell of the table: party 0's strategy against party 1's, over both first movers.

    ``strategies`` maps each party (by name, party 0 first) to the strategy it plays;
    ``utility`` and ``discounted`` map each party to its mean utility (BATNA without agreement);
    ``mean_round`` is the mean round of agreement (``None`` without agreements).
    """

    strategies: Mapping[str, str]
    runs: int
    agreement: float
    breakdown: float
    no_agreement_in_time: float
    utility: Mapping[str, float]
    discounted: Mapping[str, float]
    mean_round: float | None


@dataclass(frozen=True)
class Tournament:
    """Every strategy against every strategy (``pairings`` row-major: party 0's, party 1's)."""

    names: tuple[str, ...]
    runs: int
    seed: int | None
    pairings: tuple[Pairing, ...]

    def pairing(self, first: str, second: str) -> Pairing:
        """The cell where party 0 plays ``first`` and party 1 plays ``second``."""
        return self.pairings[self.names.index(first) * len(self.names) + self.names.index(second)]

    def scores(self) -> tuple[tuple[str, float], ...]:
        """Each strategy's mean discounted utility over all its games in both roles, best first
        (ties by name)."""
        totals = dict.fromkeys(self.names, 0.0)
        for cell in self.pairings:
            for party, name in cell.strategies.items():
                totals[name] += cell.discounted[party]
        games = 2 * len(self.names)
        return tuple(
            sorted(((n, v / games) for n, v in totals.items()), key=lambda x: (-x[1], x[0]))
        )


@dataclass(frozen=True, eq=False)
class _Design:
    """Inputs from the settings, with strategies and first mover fixed by each run's position."""

    settings: Distributions
    runs: int

    @property
    def rounds(self) -> int:
        return self.settings.rounds

    def sample_at(self, offset: int, runs: int, rng: np.random.Generator) -> Batch:
        batch = self.settings.sample(runs, rng)
        cell = (offset + np.arange(runs)) // self.runs
        count = len(self.settings.strategies)
        pair = cell // 2
        return replace(
            batch, strategy=np.column_stack([pair // count, pair % count]), first=cell % 2
        )


def tournament(
    table: OutcomeTable,
    settings: Distributions,
    runs: int = 1,
    seed: int | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Tournament:
    """Play every strategy of ``settings.strategies`` against every one, ``runs`` times per
    pairing and first mover.

    Raises
    ------
    ValueError
        If strategy names repeat or ``runs`` is not positive.
    """
    names = tuple(strategy.name for strategy in settings.strategies)
    if len(set(names)) != len(names):
        raise ValueError(f"strategy names must be distinct, got {list(names)}")
    if runs < 1:
        raise ValueError(f"runs must be positive, got {runs}")
    count = len(names)
    design = _Design(settings, runs)
    result = run_chunks(
        table,
        design,
        2 * count * count * runs,
        seed,
        chunk_size=chunk_size,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        keep_outcomes=True,
    )
    outcomes = result.outcomes
    assert outcomes is not None
    pair = np.arange(outcomes.runs) // (2 * runs)
    cells = count * count

    def mean(values: np.ndarray) -> np.ndarray:
        return np.bincount(pair, weights=values, minlength=cells) / (2 * runs)

    agreed = outcomes.ended_by == AGREEMENT
    shares = {
        "agreement": mean(agreed),
        "breakdown": mean(outcomes.ended_by == BREAKDOWN),
        "late": mean(outcomes.ended_by > BREAKDOWN),
    }
    parties = table.parties
    utility = {p: mean(values) for p, values in outcomes.utility_by_party.items()}
    discounted = {p: mean(values) for p, values in outcomes.discounted_by_party.items()}
    agreements = np.bincount(pair, weights=agreed, minlength=cells)
    round_sums = np.bincount(pair, weights=np.where(agreed, outcomes.round, 0), minlength=cells)
    pairings = tuple(
        Pairing(
            strategies={parties[0]: names[cell // count], parties[1]: names[cell % count]},
            runs=2 * runs,
            agreement=float(shares["agreement"][cell]),
            breakdown=float(shares["breakdown"][cell]),
            no_agreement_in_time=float(shares["late"][cell]),
            utility={p: float(utility[p][cell]) for p in parties},
            discounted={p: float(discounted[p][cell]) for p in parties},
            mean_round=float(round_sums[cell] / agreements[cell]) if agreements[cell] else None,
        )
        for cell in range(cells)
    )
    return Tournament(names, runs, result.summary.seed, pairings)
