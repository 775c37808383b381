"""A slow reference of the verifiable ZOPA, for tests only.

Written straight from the definitions, outcome by outcome with plain Python loops and nothing
shared with :mod:`standoff.compliance._kernel`:

- the levels of outcome ``x`` are its digits in mixed radix (the first issue most significant);
- a pledge pays when ``g − β·(P + F·max(0, uᵢ(x) − dᵢ)) > 10⁻¹²``, with ``P = o + p·(u − o)``,
  ``p`` the product of the needed parties' cooperation, and ``F = Σ_{t=1..R} δᵗ`` (``δ/(1 − δ)``
  without an end, 0 when the party does not repeat);
- the verifiable ZOPA is every signable ``x`` (the caller says which, by default all) with
  ``uᵢ(x) > dᵢ`` for every party and no pledge that pays.
"""

from __future__ import annotations

from collections.abc import Sequence

from standoff.scenario import Negotiation

__all__ = ["reference_verifiable_zone"]


def _digits(outcome: int, shape: Sequence[int]) -> list[int]:
    digits = []
    for size in reversed(shape):
        digits.append(outcome % size)
        outcome //= size
    return digits[::-1]


def _future_weight(discount: float, rounds: int | None) -> float:
    if rounds is None:
        return discount / (1 - discount)
    return sum(discount**t for t in range(1, rounds + 1))


def reference_verifiable_zone(
    negotiation: Negotiation,
    utilities: Sequence[Sequence[float]],
    disagreement: Sequence[float],
    signable: Sequence[bool] | None = None,
) -> list[int]:
    """The verifiable ZOPA, ascending, from ``utilities`` (outcome -> each party's utility) and
    ``signable`` (outcome -> whether it may be signed; every outcome when None)."""
    shape = [issue.steps for issue in negotiation.issues]
    ids = [issue.id for issue in negotiation.issues]
    parties = list(negotiation.parties)
    found = []
    for outcome, row in enumerate(utilities):
        if signable is not None and not signable[outcome]:
            continue
        if not all(row[k] > disagreement[k] for k in range(len(parties))):
            continue
        levels = dict(zip(ids, _digits(outcome, shape), strict=True))
        kept = True
        for pledge in negotiation.compliance.commitments:
            gain = pledge.gains[levels[pledge.issue]]
            if pledge.verification is None:
                detection = pledge.detection[0]
            else:
                detection = pledge.detection[levels[pledge.verification]]
            cooperation = 1.0
            for chance in pledge.penalty.needs.values():
                cooperation *= chance
            penalty = pledge.penalty.otherwise + cooperation * (
                pledge.penalty.utility - pledge.penalty.otherwise
            )
            future = 0.0
            repetition = negotiation.compliance.repetition.get(pledge.party)
            if repetition is not None:
                k = parties.index(pledge.party)
                weight = _future_weight(repetition.discount, repetition.rounds)
                future = weight * max(0.0, row[k] - disagreement[k])
            if gain - detection * (penalty + future) > 1e-12:
                kept = False
        if kept:
            found.append(outcome)
    return found
