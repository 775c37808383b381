"""Temptation over every agreement at once: whether breaking each pledge pays.

A party ``i`` that pledged on issue ``k`` gains ``g(x)`` by secretly breaking the pledge of the
agreement ``x`` (a function of the level ``x`` sets for ``k``); the violation is found with
probability ``β(x)`` (a function of the level ``x`` sets for the verification issue) and then
costs the party the expected penalty ``P`` (its value as an alternative resting on third parties)
and, when the deal is kept round after round, the future of the deal: its surplus over its BATNA
in every later round, ``W(x) = F · max(0, uᵢ(x) − dᵢ)`` with ``F = Σ δᵗ`` over the later rounds.
Breaking the pledge *pays* when its net value is positive::

    net(x) = g(x) − β(x) · (P + W(x))

The party breaks every pledge that pays (pledges are independent), so its **temptation** is
``Σ max(0, net)`` over its pledges; an agreement is **self-enforcing** when no party is tempted
(Fearon 1998, "Bargaining, enforcement, and international cooperation", *International
Organization* 52; Downs & Rocke 1990, *Tacit Bargaining, Arms Races, and Arms Control*).

Each pledge is one pass over the outcome space: its gains vary along one axis of the outcome
array and its detection along another, so both are broadcast, never looked up per outcome.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining import OutcomeSpace
from standoff.scenario import Negotiation
from standoff.scenario._negotiation_model import Commitment

__all__ = ["TOLERANCE", "along", "net_temptations", "self_enforcing", "temptations"]

TOLERANCE = 1e-12
"""A net gain from cheating at most this large counts as none: an indifferent party keeps its
word."""


def along(space: OutcomeSpace, issue: str, values: tuple[float, ...]) -> NDArray[np.float64]:
    """``values`` (one per point of ``issue``) for every outcome, ``issue``'s level deciding.

    >>> from standoff.scenario import loads
    >>> space = OutcomeSpace.of(loads('''
    ... standoff: 1
    ... title: T
    ... parties: {A: {}, B: {}}
    ... negotiation:
    ...   parties: [A, B]
    ...   issues: {x: [a, b], y: [c, d, e]}
    ...   utilities: {A: {values: {x: {a: 0, b: 1}}}, B: {values: {x: {a: 1, b: 0}}}}
    ...   batna: {A: 0, B: 0}
    ... ''').negotiation)
    >>> along(space, "y", (0.0, 0.5, 1.0)).tolist()
    [0.0, 0.5, 1.0, 0.0, 0.5, 1.0]
    """
    axis = next(k for k, found in enumerate(space.issues) if found.id == issue)
    shape = [1] * len(space.shape)
    shape[axis] = len(values)
    column = np.asarray(values, dtype=np.float64).reshape(shape)
    return np.broadcast_to(column, space.shape).reshape(-1)


def net_temptations(
    negotiation: Negotiation,
    space: OutcomeSpace,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
) -> list[NDArray[np.float64]]:
    """``net(x)`` of every pledge (in the order of ``negotiation.compliance.commitments``).

    ``utilities`` (outcomes × parties at the table) and ``disagreement`` (each party's BATNA)
    give the surplus a detected violation forfeits in a repeated deal.
    """
    parties = negotiation.parties
    compliance = negotiation.compliance
    found = []
    for commitment in compliance.commitments:
        gain = along(space, commitment.issue, commitment.gains)
        detection = _detection(space, commitment)
        penalty = commitment.penalty.value()
        cost: NDArray[np.float64] | float = penalty
        repetition = compliance.repetition.get(commitment.party)
        if repetition is not None:
            k = parties.index(commitment.party)
            surplus = np.maximum(utilities[:, k] - disagreement[k], 0.0)
            cost = penalty + repetition.future_weight() * surplus
        found.append(gain - detection * cost)
    return found


def _detection(space: OutcomeSpace, commitment: Commitment) -> NDArray[np.float64] | float:
    if commitment.verification is None:
        return commitment.detection[0]
    return along(space, commitment.verification, commitment.detection)


def temptations(
    negotiation: Negotiation, nets: list[NDArray[np.float64]], size: int
) -> NDArray[np.float64]:
    """Each party's temptation (outcomes × parties at the table): ``Σ max(0, net)``, 0 within
    :data:`TOLERANCE`."""
    parties = negotiation.parties
    found = np.zeros((size, len(parties)))
    for commitment, net in zip(negotiation.compliance.commitments, nets, strict=True):
        k = parties.index(commitment.party)
        found[:, k] += np.where(net > TOLERANCE, net, 0.0)
    return found


def self_enforcing(nets: list[NDArray[np.float64]], size: int) -> NDArray[np.bool_]:
    """Whether no pledge of the agreement pays to break, for every agreement."""
    kept = np.ones(size, dtype=np.bool_)
    for net in nets:
        kept &= net <= TOLERANCE
    return kept
