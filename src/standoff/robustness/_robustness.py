"""Robustness under the ``uncertainty:`` section: how likely each conclusion is to hold.

Each party's preferences vary as its ``uncertainty`` entry says
(:func:`~standoff.robustness._variants.party_variants`), independently of the other parties; a
*profile* picks one variant per party. For every state and concept the analysis gives the
probability that the state is an equilibrium, and that it is stable for each party:

- **exact** when the profiles number at most ``exact_limit``: every profile is evaluated and
  weighted by its probability;
- **sampled** otherwise: ``samples`` profiles drawn with the seed, each probability reported with
  its 95% Wilson score interval.

A conclusion is *robust* when it holds in at least :data:`ROBUST_SHARE` of the profiles. Which
uncertain judgements matter most is measured by their *swing*: how much a state's probability of
being an equilibrium differs between the profiles where the judgement is as stated (a statement
keeps its place, the stated order holds, an alternative is held) and those where it is not.

Sampled work is split into tasks of :data:`TASK_SAMPLES` profiles, each seeded from the seed and
its own number, so the result does not depend on where the tasks run
(:func:`standoff.runner.run_tasks`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from math import prod
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from standoff._frames import frame
from standoff.conflict import Conflict, build_conflict
from standoff.conflict._computed import ComputedOn
from standoff.robustness._batch import stable_variants
from standoff.robustness._variants import PartyVariants, party_variants
from standoff.runner import Progress, run_tasks
from standoff.scenario import Scenario
from standoff.stability import CONCEPTS

__all__ = [
    "EXACT_LIMIT",
    "ROBUST_SHARE",
    "TASK_SAMPLES",
    "JudgementEffect",
    "Robustness",
    "robustness",
]

EXACT_LIMIT = 20_000
"""Most profiles evaluated one by one; beyond, profiles are sampled."""
ROBUST_SHARE = 0.9
"""The share of profiles in which a conclusion must hold to be called robust."""
TASK_SAMPLES = 250
"""Profiles per task of a sampled run."""
_Z = 1.959963984540054  # the 97.5% quantile of the standard normal

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class JudgementEffect:
    """How much fixing one uncertain judgement moves one state's probability of equilibrium.

    ``held`` and ``not_held`` are the probabilities among the profiles where the judgement is as
    stated and where it is not.
    """

    judgement: str
    concept: str
    state: int
    held: float
    not_held: float

    @property
    def swing(self) -> float:
        """``held - not_held``."""
        return self.held - self.not_held


@dataclass(frozen=True, eq=False)
class Robustness(ComputedOn):
    """Probabilities of every conclusion under the preference uncertainty of a scenario.

    Attributes
    ----------
    conflict
        The conflict analysed.
    concepts
        The concepts computed.
    method
        ``"exact"`` (every profile) or ``"sampled"``.
    profiles
        The profiles evaluated.
    total
        The profiles the uncertainty describes.
    seed
        The seed of a sampled run (``None`` when exact).
    varied
        The parties whose preferences vary, with their number of variants.
    stated
        Concept -> equilibria with the preferences as stated (boolean per state).
    equilibrium, low, high
        Concept -> per state: the probability of being an equilibrium and its 95% interval
        (equal to it when exact).
    stable
        Concept -> party -> per state: the probability of being stable for that party.
    effects
        For each uncertain judgement, its largest swing over states and concepts, largest first.
    """

    conflict: Conflict = field(repr=False)
    concepts: tuple[str, ...]
    method: Literal["exact", "sampled"]
    profiles: int
    total: int
    seed: int | None
    varied: Mapping[str, int]
    stated: Mapping[str, NDArray[np.bool_]]
    equilibrium: Mapping[str, Floats]
    low: Mapping[str, Floats]
    high: Mapping[str, Floats]
    stable: Mapping[str, Mapping[str, Floats]]
    effects: tuple[JudgementEffect, ...]

    def robust(self, concept: str) -> tuple[int, ...]:
        """States that are equilibria of ``concept`` in :data:`ROBUST_SHARE` of profiles or more."""
        return tuple(int(i) for i in np.flatnonzero(self.equilibrium[concept] >= ROBUST_SHARE))

    def fragile(self, concept: str) -> tuple[int, ...]:
        """Equilibria as stated that hold in fewer than :data:`ROBUST_SHARE` of profiles."""
        weak = self.stated[concept] & (self.equilibrium[concept] < ROBUST_SHARE)
        return tuple(int(i) for i in np.flatnonzero(weak))

    def to_pandas(self) -> Any:
        """One row per state and concept (columns ``state``, its 1-based id, and ``concept``):
        whether it is an equilibrium as stated, the probability that it is one with its 95%
        interval (``low``, ``high``), and the probability that it is stable for each party
        (``stable US``, ...). Needs pandas (``standoff[notebook]``).

        >>> from standoff.conflict import build_conflict
        >>> from standoff.scenario import load
        >>> found = robustness(build_conflict(load("examples/korea_2019.yaml")), ["nash"])
        >>> table = found.to_pandas()
        >>> len(table) == found.conflict.state_count
        True
        >>> table["equilibrium"].tolist() == found.equilibrium["nash"].tolist()
        True
        """
        states = np.arange(self.conflict.state_count)
        blocks: dict[str, list[Any]] = {"state": [], "concept": [], "stated": []}
        for name in ("equilibrium", "low", "high"):
            blocks[name] = []
        parties = list(next(iter(self.stable.values()), {}))
        for party in parties:
            blocks[f"stable {party}"] = []
        for concept in self.concepts:
            blocks["state"].extend((states + 1).tolist())
            blocks["concept"].extend([concept] * len(states))
            blocks["stated"].extend(self.stated[concept].tolist())
            blocks["equilibrium"].extend(self.equilibrium[concept].tolist())
            blocks["low"].extend(self.low[concept].tolist())
            blocks["high"].extend(self.high[concept].tolist())
            for party in parties:
                blocks[f"stable {party}"].extend(self.stable[concept][party].tolist())
        return frame(blocks)


def robustness(
    conflict: Conflict,
    concepts: Iterable[str] = CONCEPTS,
    *,
    samples: int = 2000,
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    workers: int | None = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> Robustness:
    """Evaluate every profile of the scenario's ``uncertainty`` (or a sample of them).

    Parameters
    ----------
    conflict
        Built from a scenario with an ``uncertainty:`` section.
    concepts
        The concepts to compute.
    samples
        Profiles drawn when there are more than ``exact_limit``.
    seed
        The seed of the draws.
    exact_limit
        Most profiles evaluated exactly.
    workers, scheduler, progress
        Where the tasks run and who is told (:func:`standoff.runner.run_tasks`).

    Raises
    ------
    ValueError
        When the scenario has no ``uncertainty:`` section.
    standoff.errors.AnalysisTooLargeError
        When one party's variants exceed their limit.
    """
    scenario = conflict.scenario
    if not scenario.uncertainty:
        raise ValueError("the scenario has no 'uncertainty' section")
    wanted = tuple(c for c in CONCEPTS if c in set(concepts))
    parties = tuple(scenario.uncertainty)
    variants = [party_variants(conflict, scenario.uncertainty[p]) for p in parties]
    total = prod(v.count for v in variants)
    exact = total <= exact_limit
    size = total if exact else samples
    jobs = [
        _Job(scenario, wanted, exact, start, min(start + TASK_SAMPLES, size), seed)
        for start in range(0, size, TASK_SAMPLES)
    ]
    sums = run_tasks(
        _evaluate,
        jobs,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        sizes=[job.stop - job.start for job in jobs],
    )
    stated = stable_variants(conflict, {}, wanted).equilibria
    tally = _Tally.combined(sums)
    return _record(conflict, wanted, variants, tally, exact, size, total, seed, stated)


@dataclass(frozen=True)
class _Job:
    scenario: Scenario
    concepts: tuple[str, ...]
    exact: bool
    start: int
    stop: int
    seed: int


@dataclass
class _Tally:
    """Weighted sums over the profiles of one task (weights sum to the profiles' share)."""

    weight: float
    equilibrium: dict[str, Floats]
    stable: dict[str, dict[str, Floats]]
    feature_weight: Floats  # per feature
    feature_equilibrium: dict[str, Floats]  # concept -> feature × state

    @classmethod
    def combined(cls, parts: Sequence[_Tally]) -> _Tally:
        first = parts[0]
        return cls(
            sum(p.weight for p in parts),
            {
                c: sum((p.equilibrium[c] for p in parts), np.zeros_like(a))
                for c, a in first.equilibrium.items()
            },
            {
                c: {q: sum((p.stable[c][q] for p in parts), np.zeros_like(a)) for q, a in m.items()}
                for c, m in first.stable.items()
            },
            sum((p.feature_weight for p in parts), np.zeros_like(first.feature_weight)),
            {
                c: sum((p.feature_equilibrium[c] for p in parts), np.zeros_like(a))
                for c, a in first.feature_equilibrium.items()
            },
        )


def _evaluate(job: _Job) -> _Tally:
    """The sums of one task: build the conflict, pick its profiles, evaluate them."""
    conflict = build_conflict(job.scenario)
    parties = tuple(job.scenario.uncertainty)
    variants = [party_variants(conflict, job.scenario.uncertainty[p]) for p in parties]
    picks, weight = _profiles(variants, job)
    ranks = {v.party: v.ranks[pick] for v, pick in zip(variants, picks, strict=True)}
    result = stable_variants(conflict, ranks, job.concepts)
    features = [
        flags[pick] for v, pick in zip(variants, picks, strict=True) for _, flags in v.features
    ]
    feature_matrix = (
        np.stack(features).astype(np.float64) if features else np.zeros((0, weight.size))
    )
    return _Tally(
        float(weight.sum()),
        {c: weight @ result.equilibria[c] for c in job.concepts},
        {c: {p: weight @ a for p, a in result.stable[c].items()} for c in job.concepts},
        feature_matrix @ weight,
        {c: (feature_matrix * weight) @ result.equilibria[c] for c in job.concepts},
    )


def _profiles(
    variants: Sequence[PartyVariants], job: _Job
) -> tuple[list[NDArray[np.int64]], Floats]:
    """Each party's variant in every profile of the job, and the profiles' weights."""
    counts = [v.count for v in variants]
    if job.exact:
        flat = np.arange(job.start, job.stop, dtype=np.int64)
        picks = list(np.unravel_index(flat, counts)) if counts else []
        weight = np.ones(flat.size)
        for v, pick in zip(variants, picks, strict=True):
            weight = weight * v.probability[pick]
        return [np.asarray(p, dtype=np.int64) for p in picks], weight
    rng = np.random.default_rng([job.seed, job.start])
    size = job.stop - job.start
    picks = [rng.choice(v.count, size=size, p=v.probability) for v in variants]
    return [np.asarray(p, dtype=np.int64) for p in picks], np.ones(size)


def _record(
    conflict: Conflict,
    concepts: tuple[str, ...],
    variants: Sequence[PartyVariants],
    tally: _Tally,
    exact: bool,
    size: int,
    total: int,
    seed: int,
    stated: Mapping[str, NDArray[np.bool_]],
) -> Robustness:
    share = {c: np.clip(tally.equilibrium[c] / tally.weight, 0.0, 1.0) for c in concepts}
    low, high = {}, {}
    for c in concepts:
        low[c], high[c] = (share[c], share[c]) if exact else wilson(share[c], size)
    names = [name for v in variants for name, _ in v.features]
    effects = []
    for k, name in enumerate(names):
        held_weight = tally.feature_weight[k]
        rest_weight = tally.weight - held_weight
        if held_weight <= 0 or rest_weight <= 1e-12:
            continue
        best: JudgementEffect | None = None
        for c in concepts:
            held = np.clip(tally.feature_equilibrium[c][k] / held_weight, 0.0, 1.0)
            rest = np.clip(
                (tally.equilibrium[c] - tally.feature_equilibrium[c][k]) / rest_weight, 0.0, 1.0
            )
            state = int(np.argmax(np.abs(held - rest)))
            effect = JudgementEffect(name, c, state, float(held[state]), float(rest[state]))
            if best is None or abs(effect.swing) > abs(best.swing) + 1e-12:
                best = effect
        if best is not None:
            effects.append(best)
    effects.sort(key=lambda e: -abs(e.swing))
    return Robustness(
        conflict,
        concepts,
        "exact" if exact else "sampled",
        size,
        total,
        None if exact else seed,
        MappingProxyType({v.party: v.count for v in variants}),
        MappingProxyType({c: stated[c][0] for c in concepts}),
        MappingProxyType(share),
        MappingProxyType(low),
        MappingProxyType(high),
        MappingProxyType(
            {
                c: MappingProxyType({p: a / tally.weight for p, a in m.items()})
                for c, m in tally.stable.items()
            }
        ),
        tuple(effects),
    )


def wilson(share: Floats, size: int) -> tuple[Floats, Floats]:
    """The 95% Wilson score interval of proportions ``share`` observed in ``size`` draws."""
    z2 = _Z * _Z
    centre = (share + z2 / (2 * size)) / (1 + z2 / size)
    half = _Z * np.sqrt(share * (1 - share) / size + z2 / (4 * size * size)) / (1 + z2 / size)
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)
