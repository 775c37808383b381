"""Rounds of the expected-utility challenge model, vectorised across actors and runs.

A round (Bueno de Mesquita 1994; Scholz, Calbert and Smith 2011): every actor i with
EUᵢ(j) > 0 offers j to move to xᵢ. Each target j takes the offer of highest EUᵢ(j) (ties:
:attr:`~standoff.forecast.ChallengeParameters.ties`) and answers by its own EUⱼ(i):

- 0 < EUⱼ(i) < EUᵢ(j): **conflict**, which j loses: xⱼ ← xᵢ;
- EUⱼ(i) < 0 and |EUⱼ(i)| < EUᵢ(j): **compromise**: xⱼ ← xⱼ + (xᵢ − xⱼ)|EUⱼ(i)/EUᵢ(j)|;
- EUⱼ(i) < 0 and |EUⱼ(i)| ≥ EUᵢ(j): **capitulation**: xⱼ ← xᵢ;
- otherwise (j expects to win, or is indifferent) j stays.

Every target's answer is computed from the positions at the start of the round and all moves
apply together (simultaneous application, as in Scholz et al.). Rounds repeat until no position
moves by more than the tolerance (each run stops on its own, so a run's result never depends on
the runs computed beside it) or until the round limit. A round is a function of the positions
alone, so a run whose positions come back exactly to those of two rounds before repeats those
two rounds until the limit: its final positions are known then and the run stops computing
(with the same result as running the rest).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import NDArray

from standoff.forecast._compromise import weighted_means
from standoff.forecast._engine import Engine, choose_engine
from standoff.forecast._expected_utility import (
    expected_utilities,
    pair_terms,
    risk_exponents,
    securities,
    simple_expected_utilities,
)
from standoff.forecast._parameters import ChallengeParameters
from standoff.forecast._vote import pairwise_votes, vote_totals

__all__ = ["NO_OUTCOME", "OUTCOMES", "RoundArrays", "challenge_round", "run_challenge"]

Array = NDArray[np.float64]

OUTCOMES = ("none", "conflict", "compromise", "capitulation")
"""Outcome codes of an exchange, by index."""
NO_OUTCOME = 0
GROUP = 16
"""Runs computed together in a round (see :func:`challenge_round`)."""
TIE = 1e-12
"""Offers to a target within this relative difference of the best are equal (and so are their
distances to the target under the least-movement rule)."""
EQUAL = 1e-9
"""Expected utilities closer than this count as equal (they are sums of terms of order 1, and
the kernel and the formulas round differently): an offer or answer of EQUAL or less is none, and
an answer equal to the offer is neither a conflict nor a compromise."""


@dataclass(frozen=True)
class RoundArrays:
    """One round of every run: shapes ``(runs, actors)`` unless said otherwise.

    ``challenger[r, j]`` is the actor whose offer j took (−1 for none), ``outcome[r, j]`` an
    index of :data:`OUTCOMES`, ``offer`` EUᵢ(j) and ``response`` EUⱼ(i) of that exchange;
    ``utilities`` the matrix EU[r, i, j] and ``risk`` the exponents used; ``mu`` μ, ``(runs,)``.
    """

    before: Array
    after: Array
    challenger: NDArray[np.int64]
    outcome: NDArray[np.int8]
    offer: Array
    response: Array
    utilities: Array
    risk: Array
    mu: Array


def _mu(unit: Array, capability: Array, salience: Array, mu: str, totals: Array) -> Array:
    if mu == "mean":
        found = weighted_means(unit, capability, salience)
        return np.where(np.isnan(found), 0.5, found)
    winner, _ = pairwise_votes(unit, capability * salience, totals)
    return winner


def _choose(
    unit: Array, utilities: Array, active: NDArray[np.bool_], parameters: ChallengeParameters
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Whose offer each target takes, and whether it has one, shapes ``(runs, actors)``.

    The offers to j are the EUᵢ(j) above EQUAL of the (active) actors i; those within rounding
    of the best are equal, and among equal offers the tie rule decides (then the lowest index).
    """
    offers = utilities
    if parameters.silent_indifferent and not active.all():
        offers = utilities.copy()
        np.copyto(offers, -np.inf, where=~active[:, :, None])
    best = offers.max(axis=1)  # where it is above EQUAL, it is the best offer
    has = best > EQUAL
    close = offers >= (best - TIE * np.abs(best))[:, None, :]
    close &= offers > EQUAL
    chosen = np.argmax(close, axis=1)
    if parameters.ties == "least_movement":
        tied = np.nonzero(has & (close.sum(axis=1) > 1))
        if tied[0].size:
            # the nearest offer; distances equal but for rounding (|1 − 8| and |15 − 8| on a
            # unit scale) are equal, so that the lowest index decides, as in the reference
            candidates = close.transpose(0, 2, 1)[tied]
            distance = np.abs(unit[tied[0]] - unit[tied][:, None])
            distance[~candidates] = np.inf
            nearest = distance.min(axis=1, keepdims=True)
            chosen[tied] = np.argmax(distance <= nearest + TIE, axis=1)
    return chosen, has


def challenge_round(
    unit: Array,
    capability: Array,
    salience: Array,
    parameters: ChallengeParameters,
) -> RoundArrays:
    """One round of every run from positions on the unit scale, shape ``(runs, actors)``.

    The tables of pair terms are as wide as the most distinct positions of any run computed
    with them, so runs are computed in groups of about :data:`GROUP` with similar numbers of
    distinct positions (a run's result does not depend on the runs beside it).
    """
    runs = unit.shape[0]
    if runs <= GROUP:
        return _one_group(unit, capability, salience, parameters)
    ordered = np.sort(unit, axis=1)
    width = 1 + (ordered[:, 1:] != ordered[:, :-1]).sum(axis=1)
    groups = np.array_split(np.argsort(width, kind="stable"), -(-runs // GROUP))
    parts = [_one_group(unit[g], capability[g], salience[g], parameters) for g in groups]
    joined = {}
    for field in fields(RoundArrays):
        first = getattr(parts[0], field.name)
        whole = np.empty((runs, *first.shape[1:]), first.dtype)
        for group, part in zip(groups, parts, strict=True):
            whole[group] = getattr(part, field.name)
        joined[field.name] = whole
    return RoundArrays(**joined)


def _one_group(
    unit: Array, capability: Array, salience: Array, parameters: ChallengeParameters
) -> RoundArrays:
    weight = capability * salience
    active = salience > 0 if parameters.silent_indifferent else np.ones_like(salience, bool)
    totals = vote_totals(unit, weight)
    mu = _mu(unit, capability, salience, parameters.mu, totals)
    terms = pair_terms(unit, weight, totals, logs=parameters.risk)
    q, t = parameters.q, parameters.t
    if parameters.risk:
        risk = risk_exponents(securities(unit, salience, mu, terms, active, q=q, t=t), active)
        utilities = expected_utilities(unit, salience, risk, mu, terms, q=q, t=t)
    else:
        risk = np.ones_like(unit)
        utilities = simple_expected_utilities(unit, salience, mu, terms, q=q, t=t)
    chosen, has = _choose(unit, utilities, active, parameters)
    offer = np.where(has, np.take_along_axis(utilities, chosen[:, None, :], axis=1)[:, 0], 0.0)
    answers = utilities.transpose(0, 2, 1)  # answers[r, i, j] = EUⱼ(i)
    response = np.take_along_axis(answers, chosen[:, None, :], axis=1)[:, 0]
    response = np.where(has, response, 0.0)
    towards = np.take_along_axis(unit, chosen, axis=1)
    conflict = has & (response > EQUAL) & (response < offer - EQUAL)
    compromise = has & (response < -EQUAL) & (-response < offer - EQUAL)
    capitulation = has & (response < -EQUAL) & (-response >= offer - EQUAL)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(compromise, -response / np.where(has, offer, 1.0), 0.0)
    after = np.where(conflict | capitulation, towards, unit + (towards - unit) * share)
    outcome = np.zeros(unit.shape, np.int8)
    outcome[conflict] = 1
    outcome[compromise] = 2
    outcome[capitulation] = 3
    return RoundArrays(
        before=unit,
        after=after,
        challenger=np.where(has, chosen, -1).astype(np.int64),
        outcome=outcome,
        offer=offer,
        response=response,
        utilities=utilities,
        risk=risk,
        mu=mu,
    )


def _check_inputs(unit: Array, capability: Array, salience: Array) -> None:
    if unit.ndim != 2 or capability.shape != unit.shape or salience.shape != unit.shape:
        raise ValueError(
            "positions, capabilities and saliences must have the same shape (runs, actors), got "
            f"{unit.shape}, {capability.shape} and {salience.shape}"
        )
    for name, values, low, high in (
        ("position", unit, 0.0, 1.0),
        ("capability", capability, 0.0, np.inf),
        ("salience", salience, 0.0, 1.0),
    ):
        outside = ~((values >= low) & (values <= high) & np.isfinite(values))
        if outside.any():
            run, actor = np.argwhere(outside)[0]
            raise ValueError(
                f"{name} {values[run, actor]:g} of actor {actor} in run {run} is outside "
                f"[{low:g}, {high:g}]"
            )


def run_challenge(
    unit: Array,
    capability: Array,
    salience: Array,
    parameters: ChallengeParameters,
    *,
    keep: bool = False,
    engine: Engine = "auto",
) -> tuple[Array, NDArray[np.int64], list[RoundArrays]]:
    """Run the rounds from positions on the unit scale, shape ``(runs, actors)``.

    ``engine`` chooses the kernel (:func:`~standoff.forecast._engine.choose_engine`): this
    module's numpy rounds or the compiled loop of :mod:`standoff.forecast._compiled`, which
    keeps no rounds and gives the same results wherever numpy's ``exp``, ``log`` and ``pow``
    are the C library's (``"auto"`` takes it only there).

    Raises
    ------
    ValueError
        When the three arrays differ in shape, or a position is off the unit scale, a
        capability negative or a salience outside [0, 1] (or any of them not finite).

    Returns
    -------
    final
        The positions after the last round of each run.
    rounds
        How many rounds each run took (a run that converged stops early).
    kept
        Each round's :class:`RoundArrays` (of every run) when ``keep``; otherwise empty.
    """
    _check_inputs(unit, capability, salience)
    runs, actors = unit.shape
    work = runs * actors * actors * parameters.rounds
    if choose_engine(engine, parameters, work, keep=keep) == "compiled":
        from standoff.forecast._compiled import run_compiled

        final, rounds = run_compiled(
            unit,
            capability,
            salience,
            rounds=parameters.rounds,
            tolerance=parameters.tolerance,
            least_movement=parameters.ties == "least_movement",
            risk=parameters.risk,
            silent_indifferent=parameters.silent_indifferent,
        )
        return final, rounds, []
    current = np.array(unit, dtype=np.float64, copy=True)
    used = np.zeros(current.shape[0], np.int64)
    going = np.arange(current.shape[0])
    earlier = np.full_like(current, np.nan)  # each run's positions one round before current
    kept: list[RoundArrays] = []
    for _ in range(parameters.rounds):
        if going.size == 0:
            break
        found = challenge_round(current[going], capability[going], salience[going], parameters)
        if keep:
            kept.append(found)
        moved = np.abs(found.after - found.before).max(axis=1)
        used[going] += 1
        # Positions back where they were two rounds ago repeat those two rounds to the limit.
        cycling = (moved > parameters.tolerance) & (found.after == earlier[going]).all(axis=1)
        if keep:
            cycling[:] = False
        even = (parameters.rounds - used[going]) % 2 == 0
        landing = np.where((cycling & ~even)[:, None], found.before, found.after)
        earlier[going] = found.before
        current[going] = landing
        used[going[cycling]] = parameters.rounds
        going = going[(moved > parameters.tolerance) & ~cycling]
    return current, used, kept
