"""One agreement under the loupe: each pledge's temptation, and the least verification, penalty
and third-party cooperation that would make the agreement self-enforcing.

For a pledge with gain ``g``, detection ``β``, expected penalty ``P`` and forfeited future ``W``,
breaking it stops paying once ``β(P + W) ≥ g``:

- the **least penalty** that deters at this detection is ``g/β − W`` (none suffices when
  ``β = 0``);
- a penalty resting on third parties is worth ``o + p·(u − o)`` with ``p`` the product of their
  cooperation probabilities, so the **least cooperation** of one of them, the others' as
  assumed, solves ``o + pₜ·Π·(u − o) = g/β − W``;
- the **least verification level** of a verification issue is the first of its levels (in the
  issue's order) at which the agreement, with that level and every other level unchanged, is
  signable (feasible, across no red line) and self-enforcing. Changing the level changes the
  parties' utilities too, and so the future a violation forfeits.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining import OutcomeSpace, ruled_out
from standoff.compliance._kernel import TOLERANCE
from standoff.compliance._result import AgreementCompliance, Pledge
from standoff.scenario import Negotiation
from standoff.scenario._negotiation_model import Commitment

__all__ = ["assess_agreement", "least_cooperation", "pledges"]


def pledges(
    negotiation: Negotiation,
    space: OutcomeSpace,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    outcome: int,
) -> tuple[Pledge, ...]:
    """Every pledge of ``outcome``, evaluated."""
    levels = space.levels(outcome)
    labels = space.labels(outcome)
    position = {issue.id: k for k, issue in enumerate(space.issues)}
    found = []
    for commitment in negotiation.compliance.commitments:
        level = levels[position[commitment.issue]]
        verification_level = None
        detection = commitment.detection[0]
        if commitment.verification is not None:
            verification_level = levels[position[commitment.verification]]
            detection = commitment.detection[verification_level]
        gain = commitment.gains[level]
        penalty = commitment.penalty.value()
        future = _future(negotiation, utilities, disagreement, commitment, outcome)
        net = gain - detection * (penalty + future)
        needed = _needed_penalty(gain, detection, future)
        found.append(
            Pledge(
                party=commitment.party,
                issue=commitment.issue,
                level=labels[commitment.issue],
                verification=commitment.verification,
                verification_level=None
                if commitment.verification is None
                else labels[commitment.verification],
                gain=gain,
                detection=detection,
                penalty=penalty,
                future=future,
                net=net,
                pays=net > TOLERANCE,
                penalty_with=commitment.penalty.utility,
                penalty_without=commitment.penalty.otherwise,
                needed_penalty=needed,
                needed_cooperation={
                    helper: least_cooperation(commitment, helper, needed)
                    for helper in commitment.penalty.needs
                },
            )
        )
    return tuple(found)


def _future(
    negotiation: Negotiation,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    commitment: Commitment,
    outcome: int,
) -> float:
    repetition = negotiation.compliance.repetition.get(commitment.party)
    if repetition is None:
        return 0.0
    k = negotiation.parties.index(commitment.party)
    surplus = max(0.0, float(utilities[outcome, k] - disagreement[k]))
    return repetition.future_weight() * surplus


def _needed_penalty(gain: float, detection: float, future: float) -> float | None:
    if detection <= 0:
        return None if gain > TOLERANCE else 0.0
    return round(max(0.0, gain / detection - future), 12)


def least_cooperation(commitment: Commitment, helper: str, needed: float | None) -> float | None:
    """The least probability of ``helper``'s cooperation that makes the pledge's penalty worth
    ``needed``, the other needed parties' as assumed; ``None`` when even certain cooperation is
    not enough.

    >>> from types import MappingProxyType
    >>> from standoff.errors import Location
    >>> from standoff.scenario._negotiation_model import Alternative
    >>> where = Location("f", 1, 1)
    >>> snap_back = Alternative("penalty", 0.5, MappingProxyType({"China": 0.4}), 0.1, where)
    >>> pledge = Commitment("NK", "program", (0.2,), None, (0.5,), snap_back, None, None, where)
    >>> least_cooperation(pledge, "China", 0.3), least_cooperation(pledge, "China", 0.6)
    (0.5, None)
    """
    if needed is None:
        return None
    penalty = commitment.penalty
    if penalty.otherwise >= needed:
        return 0.0
    others = math.prod(p for party, p in penalty.needs.items() if party != helper)
    slope = (penalty.utility - penalty.otherwise) * others
    if slope <= 0:
        return None
    probability = (needed - penalty.otherwise) / slope
    if probability > 1 + TOLERANCE:
        return None
    return round(min(probability, 1.0), 12)


def assess_agreement(
    name: str,
    negotiation: Negotiation,
    space: OutcomeSpace,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    outcome: int,
) -> AgreementCompliance:
    """The pledges of ``outcome``, its temptations and its least verification levels."""
    found = pledges(negotiation, space, utilities, disagreement, outcome)
    parties = negotiation.parties
    temptations = dict.fromkeys(parties, 0.0)
    for pledge in found:
        if pledge.pays:
            temptations[pledge.party] += pledge.net
    return AgreementCompliance(
        name=name,
        outcome=outcome,
        labels=space.labels(outcome),
        utilities={p: float(utilities[outcome, k]) for k, p in enumerate(parties)},
        self_enforcing=not any(pledge.pays for pledge in found),
        temptations=temptations,
        pledges=found,
        least_verification=_least_verification(
            negotiation, space, utilities, disagreement, outcome
        ),
    )


def _least_verification(
    negotiation: Negotiation,
    space: OutcomeSpace,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    outcome: int,
) -> dict[str, str | None]:
    verifications = dict.fromkeys(
        c.verification for c in negotiation.compliance.commitments if c.verification is not None
    )
    axis = {issue.id: k for k, issue in enumerate(space.issues)}
    found: dict[str, str | None] = {}
    for issue_id in verifications:
        issue = space.issues[axis[issue_id]]
        found[issue_id] = None
        levels = list(space.levels(outcome))
        for level in range(issue.steps):
            levels[axis[issue_id]] = level
            changed = int(np.ravel_multi_index(levels, space.shape))
            if _signable(negotiation, space, changed) and not any(
                p.pays for p in pledges(negotiation, space, utilities, disagreement, changed)
            ):
                found[issue_id] = issue.labels()[level]
                break
    return found


def _signable(negotiation: Negotiation, space: OutcomeSpace, outcome: int) -> bool:
    """Whether the outcome is feasible and across no party's red line."""
    ruled = ruled_out(negotiation, space, outcomes=np.array([outcome], dtype=np.int64))
    return bool(ruled.signable[0])
