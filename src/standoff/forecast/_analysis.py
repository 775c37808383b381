"""Forecast every issue of a scenario's ``forecast:`` section: :func:`forecast`.

From the stated inputs it computes the baselines (weighted mean, weighted median, pairwise-vote
position) and runs the challenge model round by round, keeping every exchange. With uncertain
inputs it also draws ``runs`` sets of inputs and forecasts each, in chunks of
:data:`CHUNK` runs that each draw from their own seed (spawned from ``seed``), on
:func:`standoff.runner.run_tasks`: the same seed gives the same forecasts in this process, on a
process pool or on Dask.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from standoff.forecast._challenge import OUTCOMES, run_challenge
from standoff.forecast._compromise import weighted_means
from standoff.forecast._engine import Engine, choose_engine, load_compiled
from standoff.forecast._median import weighted_medians
from standoff.forecast._parameters import ChallengeParameters
from standoff.forecast._result import (
    MODELS,
    Exchange,
    Forecast,
    ForecastRound,
    IssueForecast,
    Spread,
)
from standoff.forecast._vote import pairwise_votes
from standoff.runner import run_tasks
from standoff.scenario._forecast_model import ForecastIssue, ForecastSpec
from standoff.scenario._negotiation_model import Distribution

__all__ = ["CHUNK", "MAX_FORECAST_VALUES", "forecast", "parameters_of"]

CHUNK = 100
"""Monte Carlo runs per task: each task draws from its own seed, spawned in order from the one
seed, so the results do not depend on how tasks are spread over workers."""
MAX_FORECAST_VALUES = 50_000_000
"""The most forecasts one request may keep (runs × issues × models): 400 MB of numbers."""

Array = NDArray[np.float64]


def parameters_of(spec: ForecastSpec) -> ChallengeParameters:
    """The challenge model's parameters as the section sets them."""
    model = spec.model
    return ChallengeParameters(
        rounds=model.rounds,
        tolerance=model.tolerance,
        q=model.q,
        t=model.t,
        mu=model.mu,  # type: ignore[arg-type]
        ties=model.ties,  # type: ignore[arg-type]
        risk=model.risk,
        silent_indifferent=model.silent_indifferent,
    )


def _inputs(spec: ForecastSpec, issue: ForecastIssue) -> tuple[list[str], Array, Array, Array]:
    actors = [actor for actor in spec.actors if issue.id in actor.positions]
    names = [actor.id for actor in actors]
    positions = np.array([actor.positions[issue.id] for actor in actors], float)
    capability = np.array([actor.capability for actor in actors], float)
    salience = np.array([actor.salience.get(issue.id, 0.0) for actor in actors], float)
    return names, positions, capability, salience


def _models(
    unit: Array,
    capability: Array,
    salience: Array,
    parameters: ChallengeParameters,
    engine: Engine = "auto",
) -> Array:
    """Each model's forecast of each run on the unit scale: shape ``(models, runs)``."""
    winner, exists = pairwise_votes(unit, capability * salience)
    final, _, _ = run_challenge(unit, capability, salience, parameters, engine=engine)
    final_winner, final_exists = pairwise_votes(final, capability * salience)
    return np.stack(
        [
            weighted_means(unit, capability, salience),
            weighted_medians(unit, capability, salience),
            np.where(exists, winner, np.nan),
            np.where(final_exists, final_winner, np.nan),
            weighted_means(final, capability, salience),
        ]
    )


def forecast(
    spec: ForecastSpec,
    runs: int = 1,
    seed: int | None = 0,
    *,
    workers: int | None = 1,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    engine: Engine = "auto",
) -> Forecast:
    """Forecast every issue of ``spec``.

    Parameters
    ----------
    spec
        The ``forecast:`` section of a scenario.
    runs
        Monte Carlo runs when the section has uncertain inputs (ignored without them).
    seed
        The seed of the draws; ``None`` draws one (recorded in the result).
    workers, scheduler, progress
        Where the runs are computed, as for :func:`standoff.runner.run_tasks`.
    engine
        The kernel of the Monte Carlo runs, chosen once for all of them
        (:func:`~standoff.forecast._engine.choose_engine`, on their whole size); ``"auto"``
        takes the compiled kernel only where it gives the numpy kernel's results.

    Raises
    ------
    ValueError
        When ``runs`` × issues × models exceeds :data:`MAX_FORECAST_VALUES`, or for an engine
        that cannot run.
    """
    parameters = parameters_of(spec)
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1, np.uint64)[0])
    uncertain = bool(spec.uncertain)
    kept = runs if uncertain else 0
    values = kept * len(spec.issues) * len(MODELS)
    if values > MAX_FORECAST_VALUES:
        raise ValueError(
            f"{runs:,} runs of {len(spec.issues)} issues would keep {values:,} forecasts, more "
            f"than the limit of {MAX_FORECAST_VALUES:,} (ask for fewer runs)"
        )
    pairs = sum(len(_inputs(spec, issue)[0]) ** 2 for issue in spec.issues)
    chosen = choose_engine(engine, parameters, kept * pairs * parameters.rounds)
    spreads: list[dict[str, Spread]] = [{} for _ in spec.issues]
    if uncertain:
        if chosen == "compiled":  # compiled (or loaded) here once, before any worker needs it
            if progress is not None:  # the bar shows while the kernel compiles
                progress(0, runs)
            load_compiled()
        starts = list(range(0, runs, CHUNK))
        seeds = np.random.SeedSequence(seed).spawn(len(starts))
        jobs = [(spec, parameters, min(CHUNK, runs - start), seeds[k], chosen)
                for k, start in enumerate(starts)]  # fmt: skip
        found = run_tasks(_chunk, jobs, workers=workers, scheduler=scheduler,
                          progress=progress, sizes=[job[2] for job in jobs])  # fmt: skip
        every = np.concatenate(found, axis=2)  # (issues, models, runs)
        for index, issue in enumerate(spec.issues):
            span = issue.high - issue.low
            for model_index, model in enumerate(MODELS):
                spreads[index][model] = _spread(issue.low + span * every[index, model_index])
    issues = tuple(
        _issue(spec, issue, parameters, MappingProxyType(spreads[index]))
        for index, issue in enumerate(spec.issues)
    )
    labels = MappingProxyType({actor.id: actor.label for actor in spec.actors})
    return Forecast(issues, parameters, runs if uncertain else 1, seed, labels)


def _spread(values: Array) -> Spread:
    present = values[np.isfinite(values)]
    missing = int(values.size - present.size)
    if present.size == 0:
        nan = float("nan")
        return Spread(nan, nan, (nan, nan, nan, nan, nan), missing)
    quantiles = np.quantile(present, [0.05, 0.25, 0.5, 0.75, 0.95])
    q05, q25, q50, q75, q95 = (float(q) for q in quantiles)
    return Spread(float(present.mean()), float(present.std()), (q05, q25, q50, q75, q95), missing)


def _issue(
    spec: ForecastSpec,
    issue: ForecastIssue,
    parameters: ChallengeParameters,
    spread: MappingProxyType[str, Spread],
) -> IssueForecast:
    names, positions, capability, salience = _inputs(spec, issue)
    span = issue.high - issue.low
    unit = ((positions - issue.low) / span)[None]
    c, s = capability[None], salience[None]
    final, used, rounds = run_challenge(unit, c, s, parameters, keep=True)
    models = _models(unit, c, s, parameters)[:, 0]
    forecasts = {
        model: None if np.isnan(value) else float(issue.low + span * value)
        for model, value in zip(MODELS, models, strict=True)
    }
    kept: list[ForecastRound] = []
    for number, found in enumerate(rounds, start=1):
        exchanges = []
        for target in range(len(names)):
            challenger = int(found.challenger[0, target])
            if challenger < 0:
                continue
            exchanges.append(
                Exchange(
                    round=number,
                    challenger=names[challenger],
                    target=names[target],
                    outcome=OUTCOMES[int(found.outcome[0, target])],
                    offer=float(found.offer[0, target]),
                    response=float(found.response[0, target]),
                    before=float(issue.low + span * found.before[0, target]),
                    after=float(issue.low + span * found.after[0, target]),
                )
            )
        kept.append(
            ForecastRound(
                number=number,
                positions=tuple(float(issue.low + span * v) for v in found.before[0]),
                mu=float(issue.low + span * found.mu[0]),
                risk=tuple(float(v) for v in found.risk[0]),
                exchanges=tuple(exchanges),
            )
        )
    converged = bool(used[0] < parameters.rounds) or (
        bool(rounds)
        and float(np.abs(rounds[-1].after - rounds[-1].before).max()) <= parameters.tolerance
    )
    quadrant = rounds[0].utilities[0] if rounds else np.zeros((len(names), len(names)))
    return IssueForecast(
        issue=issue.id,
        label=issue.label,
        low=issue.low,
        high=issue.high,
        anchors=issue.anchors,
        actors=tuple(names),
        capability=tuple(float(v) for v in capability),
        salience=tuple(float(v) for v in salience),
        positions=tuple(float(v) for v in positions),
        forecasts=MappingProxyType(forecasts),
        rounds=tuple(kept),
        final=tuple(float(issue.low + span * v) for v in final[0]),
        converged=converged,
        quadrant=tuple(tuple(float(v) for v in row) for row in quadrant),
        spread=spread,
    )


def _draw(distribution: Distribution, size: int, low: float, high: float,
          rng: np.random.Generator) -> Array:  # fmt: skip
    if distribution.kind == "uniform":
        a, b = distribution.parameters
        return rng.uniform(a, b, size)
    if distribution.kind == "normal":
        mean, sd = distribution.parameters
        return np.clip(rng.normal(mean, sd, size), low, high)
    values = np.array(distribution.values, float)
    return values[rng.choice(len(values), size=size, p=np.array(distribution.probabilities))]


def _chunk(
    job: tuple[ForecastSpec, ChallengeParameters, int, np.random.SeedSequence, Engine],
) -> Array:
    """The forecasts of one chunk of runs: shape ``(issues, models, runs)``, unit scale."""
    spec, parameters, size, seed, engine = job
    rng = np.random.default_rng(seed)
    capability = {actor.id: np.full(size, actor.capability) for actor in spec.actors}
    for name, distribution in spec.uncertain.items():  # drawn in file order, once per run
        kind, actor, *rest = name.split(".")
        if kind == "capability":
            capability[actor] = _draw(distribution, size, 0.0, np.inf, rng)
    results = []
    for issue in spec.issues:
        names, positions, _, salience = _inputs(spec, issue)
        x = np.tile(positions, (size, 1))
        s = np.tile(salience, (size, 1))
        for name, distribution in spec.uncertain.items():
            kind, actor, *rest = name.split(".")
            if kind == "capability" or rest[0] != issue.id:
                continue
            column = names.index(actor)
            if kind == "position":
                x[:, column] = _draw(distribution, size, issue.low, issue.high, rng)
            else:
                s[:, column] = _draw(distribution, size, 0.0, 100.0, rng) / 100
        c = np.stack([capability[name] for name in names], axis=1)
        unit = (x - issue.low) / (issue.high - issue.low)
        results.append(_models(unit, c, s, parameters, engine))
    return np.stack(results)
