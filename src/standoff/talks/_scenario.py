"""From a scenario's ``negotiation.protocol`` to simulated talks, and what-if variants.

The two parties at the table are party 0 and party 1 in the order of ``negotiation.parties``. The
outcome table is the bargaining layer's outcome space; the BATNAs are the assessed BATNA values;
party i's belief about the other's BATNA and utilities come from ``negotiation.beliefs``.
Rounds in the file count from 1 (``deadline: {US: 12}`` = the US's last round is the 12th); the
kernel counts from 0. A party knows the other's deadline (the one drawn in the run) unless
``negotiation.beliefs`` gives the deadline it believes the other has, or ``uncertain`` draws it
(``believed_deadline.PARTY``, on a random stream of its own).

Every variant changes one judgement and keeps the seed: for each party with a deadline, the same
talks without it; for each belief about a BATNA, the same talks with the belief corrected (equal,
run by run, to the other party's BATNA drawn in that run); when a party holds a belief about the
other's deadline, the same talks with each party reading the other's deadline correctly. The
variants run on common random numbers (:func:`~standoff.talks.simulate_variants`): run ``k`` of
every variant draws the same value of every input the variant does not change, so a variant that
changes nothing a strategy uses gives exactly the results as written, and each variant's
difference to the talks as written comes with its paired standard error
(:class:`~standoff.talks.Difference`). A party without a belief about an uncertain BATNA of the
other draws its belief from the same distribution, on a stream of its own: it knows the range,
not the value.

>>> from standoff.scenario import load
>>> talks = scenario_talks(load("examples/korea_2019.yaml"))
>>> talks.parties, talks.table.size
(('US', 'NK'), 36)
>>> for variant in variants(load("examples/korea_2019.yaml")):
...     print(variant.label)
as written
US without its deadline
US perceives the BATNA of NK correctly
Each party reads the other's deadline correctly
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining import OutcomeSpace, assess_batna, ruled_out
from standoff.scenario._model import Scenario
from standoff.scenario._negotiation_model import Distribution, Negotiation, StrategyChoice
from standoff.talks._batch import NO_DEADLINE
from standoff.talks._deals import Benchmark, Deals, benchmarks, deals_struck
from standoff.talks._distributions import (
    Choice,
    Distributions,
    Fixed,
    Normal,
    Spec,
    Truth,
    Uniform,
)
from standoff.talks._montecarlo import simulate_variants
from standoff.talks._outcome import Difference, Summary
from standoff.talks._registry import STRATEGIES
from standoff.talks._strategy import Strategy
from standoff.talks._table import OutcomeTable
from standoff.talks._tournament import Tournament, tournament

__all__ = [
    "CLOCKS_READ",
    "DEFAULT_STRATEGY",
    "STANDARD_STRATEGIES",
    "STRATEGIES",
    "Talks",
    "TalksSimulation",
    "Variant",
    "VariantResult",
    "scenario_talks",
    "simulate_talks",
    "tournament_strategies",
    "variants",
]

DEFAULT_STRATEGY = "linear"
"""The strategy of a party the protocol gives none."""


@dataclass(frozen=True)
class Talks:
    """A scenario's talks, ready to simulate."""

    parties: tuple[str, str]
    space: OutcomeSpace
    table: OutcomeTable
    distributions: Distributions


@dataclass(frozen=True)
class Variant:
    """One what-if: a label and the talks with that one judgement changed."""

    label: str
    talks: Talks


@dataclass(frozen=True)
class VariantResult:
    """The distribution of outcomes of one variant of the talks, the deals struck, and (for every
    variant but the talks as written) its paired difference to the talks as written."""

    label: str
    summary: Summary
    difference: Difference | None = None
    deals: Deals | None = None


@dataclass(frozen=True)
class TalksSimulation:
    """Simulated talks of a scenario: each variant's outcome distribution (the first is the
    talks as written) and, when asked for, a tournament of every strategy against every one."""

    source: str
    parties: tuple[str, str]
    runs: int
    seed: int | None
    variants: tuple[VariantResult, ...]
    tournament: Tournament | None
    benchmarks: tuple[Benchmark, ...] = ()
    """The Nash and Kalai–Smorodinsky agreements and how often the talks as written reach them."""
    space: OutcomeSpace | None = None
    """The outcome space the deals' outcome indices refer to."""

    @property
    def baseline(self) -> Summary:
        """The talks as written."""
        return self.variants[0].summary


def simulate_talks(
    scenario: Scenario,
    runs: int,
    seed: int | None = None,
    *,
    with_variants: bool = True,
    with_tournament: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> TalksSimulation:
    """Simulate the scenario's talks ``runs`` times per variant (and per tournament pairing and
    first mover, ``max(1, runs // 100)`` times), all from one seed.

    Progress is reported over all the work: ``progress(done, total)`` in negotiations. Without
    a seed, one is drawn (31 bits, so that JSON readers keep it exact) and recorded.
    """
    if seed is None:
        seed = int(np.random.default_rng().integers(2**31))
    chosen = (
        variants(scenario) if with_variants else [Variant("as written", scenario_talks(scenario))]
    )
    talks = chosen[0].talks
    every = tournament_strategies(_negotiation(scenario))
    pairing_runs = max(1, runs // 100)
    total = runs * len(chosen) + (2 * len(every) ** 2 * pairing_runs if with_tournament else 0)
    done = 0

    def step(count: int) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        base = done
        return lambda finished, _total: progress(base + finished, total)

    simulated = simulate_variants(
        [(variant.talks.table, variant.talks.distributions) for variant in chosen],
        runs,
        seed,
        workers=workers,
        scheduler=scheduler,
        progress=step(runs * len(chosen)),
    )
    done += runs * len(chosen)
    results = [
        VariantResult(variant.label, summary, difference, deals_struck(talks.space, summary))
        for variant, (summary, difference) in zip(chosen, simulated, strict=True)
    ]
    played = None
    if with_tournament:
        settings = replace(talks.distributions, strategies=every)
        played = tournament(
            talks.table,
            settings,
            pairing_runs,
            seed,
            workers=workers,
            scheduler=scheduler,
            progress=step(total - done),
        )
    negotiation = _negotiation(scenario)
    batnas = {p: assess_batna(p, negotiation.batnas[p]).value for p in talks.parties}
    return TalksSimulation(
        scenario.file,
        talks.parties,
        runs,
        results[0].summary.seed,
        tuple(results),
        played,
        benchmarks(talks.space, talks.table, batnas, results[0].summary),
        talks.space,
    )


STANDARD_STRATEGIES = tuple(name for name in STRATEGIES if name != "rubinstein")
"""The strategies every tournament plays, with their default parameters (``rubinstein`` plays
only when a file names it: its equilibrium demands assume common knowledge of the inputs)."""


def tournament_strategies(negotiation: Negotiation) -> tuple[Strategy, ...]:
    """The standard strategies (named as files name them), then every strategy the file's
    protocol names that is not one of them (with the file's parameters, named with them), in
    order of first mention.

    >>> from standoff.scenario import load
    >>> [s.name for s in tournament_strategies(load("examples/korea_2019.yaml").negotiation)]
    ['boulware', 'linear', 'conceder', 'hardliner', 'tit_for_tat', 'stall', 'bluster', 'bayesian']
    """
    chosen: dict[str, Strategy] = {
        name: replace(STRATEGIES[name](), name=name)  # type: ignore[type-var]
        for name in STANDARD_STRATEGIES
    }
    for label, choice in _strategy_names(negotiation).items():
        chosen.setdefault(label, _strategy(choice))
    return tuple(chosen.values())


def variants(scenario: Scenario) -> list[Variant]:
    """The talks as written, then one variant per deadline dropped and per belief corrected."""
    negotiation = _negotiation(scenario)
    protocol = negotiation.protocol
    assert protocol is not None
    found = [Variant("as written", scenario_talks(scenario))]
    for party in negotiation.parties:
        if party in protocol.deadline or f"deadline.{party}" in protocol.uncertain:
            talks = scenario_talks(scenario, without_deadline={party})
            found.append(Variant(f"{party} without its deadline", talks))
    for belief in negotiation.beliefs:
        if belief.batna is not None or f"belief.{belief.holder}" in protocol.uncertain:
            talks = scenario_talks(scenario, corrected={belief.holder})
            label = f"{belief.holder} perceives the BATNA of {belief.about} correctly"
            found.append(Variant(label, talks))
    if _deadline_believers(negotiation):
        talks = scenario_talks(scenario, clocks_read=True)
        found.append(Variant(CLOCKS_READ, talks))
    return found


CLOCKS_READ = "Each party reads the other's deadline correctly"
"""The label of the what-if in which every believed deadline is the real one."""


def _deadline_believers(negotiation: Negotiation) -> tuple[str, ...]:
    """The parties at the table whose view of the other's deadline is not simply the truth."""
    protocol = negotiation.protocol
    assert protocol is not None
    return tuple(
        party
        for party in negotiation.parties
        if f"believed_deadline.{party}" in protocol.uncertain
        or any(b.holder == party and b.deadline is not None for b in negotiation.beliefs)
    )


def scenario_talks(
    scenario: Scenario,
    *,
    without_deadline: Collection[str] = (),
    corrected: Collection[str] = (),
    clocks_read: bool = False,
) -> Talks:
    """The outcome table and the input distributions of the scenario's protocol.

    ``without_deadline`` drops those parties' deadlines; ``corrected`` replaces those parties'
    beliefs about the other's BATNA by the truth; ``clocks_read`` makes every party's belief
    about the other's deadline the truth (the deadline drawn in the run).

    Raises
    ------
    ValueError
        When the scenario has no ``negotiation.protocol``.
    """
    negotiation = _negotiation(scenario)
    protocol = negotiation.protocol
    assert protocol is not None
    parties = (negotiation.parties[0], negotiation.parties[1])
    space = OutcomeSpace.of(negotiation)
    utilities = np.column_stack([space.utilities(negotiation.utilities[p]) for p in parties])
    believed = utilities[:, ::-1].copy()  # column k: what party k believes the other gets
    for k, party in enumerate(parties):
        belief = negotiation.belief(party, parties[1 - k])
        if belief is not None and belief.utility is not None and party not in corrected:
            believed[:, k] = space.utilities(belief.utility)
    names = _strategy_names(negotiation)
    strategies = tuple(_strategy(choice) for choice in names.values())
    index = {name: k for k, name in enumerate(names)}
    uncertain = protocol.uncertain

    def per_party(
        kind: str, fixed: Callable[[str], Spec], convert: Callable[[Any], Any] = float
    ) -> tuple[Spec, Spec]:
        def one(party: str) -> Spec:
            name = f"{kind}.{party}"
            if name not in uncertain:
                return fixed(party)
            if kind == "deadline":
                return _deadline_spec(uncertain[name], protocol.rounds)
            return _spec(uncertain[name], convert)

        return (one(parties[0]), one(parties[1]))

    def strategy_of(party: str) -> Spec:
        chosen = protocol.strategies.get(party)
        return Fixed(index[_key(chosen) if chosen else DEFAULT_STRATEGY])

    def deadline_of(party: str) -> Spec:
        last = protocol.deadline.get(party)
        return Fixed(NO_DEADLINE if last is None or party in without_deadline else last - 1)

    def batna_of(party: str) -> Spec:
        return Fixed(assess_batna(party, negotiation.batnas[party]).value)

    def belief_of(holder: str) -> Spec:
        other = parties[1 - parties.index(holder)]
        belief = negotiation.belief(holder, other)
        if belief is None or belief.batna is None:
            # no belief: the other's BATNA distribution, drawn on a stream of its own (the
            # holder knows the range, not the value)
            return reservation[parties.index(other)]
        return Fixed(assess_batna(other, belief.batna).value)

    reservation = per_party("batna", batna_of)
    deadline = per_party("deadline", deadline_of)
    if without_deadline:
        dropped = [Fixed(NO_DEADLINE) if p in without_deadline else deadline[k]
                   for k, p in enumerate(parties)]  # fmt: skip
        deadline = (dropped[0], dropped[1])

    def belief_spec(holder: str) -> Spec | Truth:
        if holder in corrected:
            return Truth()
        if f"belief.{holder}" in uncertain:
            return _spec(uncertain[f"belief.{holder}"], float)
        return belief_of(holder)

    believed_reservation = (belief_spec(parties[0]), belief_spec(parties[1]))

    def believed_deadline_spec(holder: str) -> Spec | Truth:
        """The other's deadline as ``holder`` believes it, in kernel rounds (0-based)."""
        name = f"believed_deadline.{holder}"
        belief = negotiation.belief(holder, parties[1 - parties.index(holder)])
        if clocks_read:
            return Truth()
        if name in uncertain:
            return _deadline_spec(uncertain[name], protocol.rounds)
        if belief is None or belief.deadline is None:
            return Truth()
        return Fixed(NO_DEADLINE if belief.deadline == "none" else belief.deadline - 1)

    believed_deadline = (believed_deadline_spec(parties[0]), believed_deadline_spec(parties[1]))
    distributions = Distributions(
        rounds=protocol.rounds,
        strategies=strategies,
        strategy=per_party("strategy", strategy_of, lambda name: index[name]),
        reservation=reservation,
        deadline=deadline,
        discount=per_party("discount", lambda p: Fixed(protocol.discount.get(p, 1.0))),
        breakdown=(
            _spec(uncertain["breakdown"], float)
            if "breakdown" in uncertain
            else Fixed(protocol.breakdown)
        ),
        first=Fixed(parties.index(protocol.first)),
        believed_reservation=believed_reservation,
        believed_deadline=(
            None if all(isinstance(b, Truth) for b in believed_deadline) else believed_deadline
        ),
    )
    table = OutcomeTable(
        utilities, believed, _signable(negotiation, space, parties), parties=parties
    )
    return Talks(parties, space, table, distributions)


def _signable(
    negotiation: Negotiation, space: OutcomeSpace, parties: tuple[str, str]
) -> NDArray[np.bool_] | None:
    """Per outcome and party: feasible and across none of its red lines (None: no constraint)."""
    if not negotiation.infeasible and not any(negotiation.red_lines.values()):
        return None
    ruled = ruled_out(negotiation, space, parties)
    return ~ruled.infeasible[:, None] & ~ruled.red_lines


def _negotiation(scenario: Scenario) -> Negotiation:
    negotiation = scenario.negotiation
    if negotiation is None or negotiation.protocol is None:
        raise ValueError(f"{scenario.file} has no 'negotiation.protocol' section to simulate")
    return negotiation


def _key(choice: StrategyChoice) -> str:
    """A strategy with its parameters, as a distinct name."""
    return choice.label


def _strategy_names(negotiation: Negotiation) -> dict[str, StrategyChoice]:
    """Every strategy the protocol can use, by distinct name, in order of first mention."""
    protocol = negotiation.protocol
    assert protocol is not None
    found: dict[str, StrategyChoice] = {}
    for party in negotiation.parties:
        chosen = protocol.strategies.get(party)
        if chosen is None:
            chosen = StrategyChoice(DEFAULT_STRATEGY, {}, protocol.location)
        found.setdefault(_key(chosen), chosen)
        drawn = protocol.uncertain.get(f"strategy.{party}")
        if drawn is not None:
            for name in drawn.values:
                found.setdefault(str(name), StrategyChoice(str(name), {}, drawn.location))
    return found


def _strategy(choice: StrategyChoice) -> Strategy:
    strategy = STRATEGIES[choice.name](**dict(choice.parameters))
    return replace(strategy, name=_key(choice))  # type: ignore[type-var]


def _deadline_spec(distribution: Distribution, rounds: int) -> Spec:
    """A deadline drawn in whole rounds of the file (1-based), as kernel rounds (0-based): a
    uniform deadline is equally likely to be any whole round in [a, b]; a normal one is rounded
    and kept within 1..rounds."""
    if distribution.kind == "uniform":
        low, high = distribution.parameters
        whole = range(math.ceil(low), math.floor(high) + 1) or range(round(low), round(low) + 1)
        return Choice(tuple(float(r - 1) for r in whole))
    if distribution.kind == "normal":
        mean, sd = distribution.parameters
        return Normal(mean - 1, sd, 0.0, float(rounds - 1))
    values = tuple(float(NO_DEADLINE if v is None else float(v) - 1) for v in distribution.values)
    return Choice(values, distribution.probabilities)


def _spec(distribution: Distribution, convert: Callable[[Any], Any]) -> Spec:
    if distribution.kind == "uniform":
        low, high = distribution.parameters
        return Uniform(float(convert(low)), float(convert(high)))
    if distribution.kind == "normal":
        mean, sd = distribution.parameters
        return Normal(mean, sd, 0.0, 1.0)
    values = tuple(convert(value) for value in distribution.values)
    return Choice(values, distribution.probabilities)
