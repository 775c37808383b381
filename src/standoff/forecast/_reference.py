"""A slow reference of one round of the challenge model, written straight from the formulas.

Plain Python loops over actors (and, for Pᵢⱼ, over every third actor k), with no algebra of its
own: the tests check the vectorised kernel (:mod:`standoff.forecast._challenge`) against it.
Positions may be on any scale; ``span`` is dx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ReferenceRound", "reference_round"]

EQUAL = 1e-9
"""Expected utilities closer than this are equal (as in the kernel; see its ``EQUAL``)."""


@dataclass(frozen=True)
class ReferenceRound:
    """What one round computes, as nested lists."""

    mu: float
    chance: list[list[float]]
    utilities: list[list[float]]
    risk: list[float]
    after: list[float]
    challenger: list[int]
    outcome: list[str]


def _chance(x: Sequence[float], w: Sequence[float], i: int, j: int) -> float:
    top = bottom = 0.0
    for k in range(len(x)):
        d = abs(x[k] - x[j]) - abs(x[k] - x[i])
        top += max(0.0, d) * w[k]
        bottom += abs(d) * w[k]
    return top / bottom if bottom > 1e-12 * max(sum(w), 1e-300) else 0.5


def _utility(value: float, r: float) -> float:
    return 2.0 - 4.0 * float(value**r)


def _expected(x: Sequence[float], s: Sequence[float], r: Sequence[float], chance: list[list[float]],
              mu: float, span: float, q: float, t: float, i: int, j: int) -> float:  # fmt: skip
    if i == j:
        return 0.0
    gap = abs(x[i] - x[j]) / span
    away = abs(x[i] - mu) / span
    success = _utility(0.5 - 0.5 * gap, r[i])
    failure = _utility(0.5 + 0.5 * gap, r[i])
    better = _utility(0.5 - 0.25 * (away + gap), r[i])
    worse = _utility(0.5 + 0.25 * (away + gap), r[i])
    quo = _utility(0.5, r[i])
    p = chance[i][j]
    return (
        s[j] * (p * success + (1 - p) * failure)
        + (1 - s[j]) * success
        - (q * quo + (1 - q) * (t * better + (1 - t) * worse))
    )


def reference_round(
    x: Sequence[float],
    c: Sequence[float],
    s: Sequence[float],
    span: float,
    *,
    q: float = 1.0,
    t: float = 1.0,
    mu_kind: str = "median",
    risk: bool = True,
    silent_indifferent: bool = True,
    least_movement: bool = True,
) -> ReferenceRound:
    """One round from positions ``x``, capabilities ``c`` and saliences ``s`` (in [0, 1])."""
    n = len(x)
    w = [c[i] * s[i] for i in range(n)]
    active = [s[i] > 0 or not silent_indifferent for i in range(n)]
    if mu_kind == "mean":
        mu = sum(w[i] * x[i] for i in range(n)) / sum(w) if sum(w) > 0 else x[0] * 0 + span / 2
    else:  # the actor position with the most summed pairwise votes against every other
        totals = [sum(w[i] * abs(x[i] - x[j]) for i in range(n)) for j in range(n)]
        candidates = [j for j in range(n) if w[j] > 0] or list(range(n))
        least = min(totals[j] for j in candidates)
        # totals equal but for rounding are equal: the first candidate decides
        mu = x[next(j for j in candidates if totals[j] <= least + 1e-12 * max(abs(least), 1.0))]
    chance = [[_chance(x, w, i, j) for j in range(n)] for i in range(n)]
    ones = [1.0] * n
    r = ones
    if risk:
        simple = [[_expected(x, s, ones, chance, mu, span, q, t, i, j) for j in range(n)]
                  for i in range(n)]  # fmt: skip
        security = [sum(simple[j][i] for j in range(n) if j != i and active[j]) for i in range(n)]
        shown = [security[i] for i in range(n) if active[i]]
        high, low = (max(shown), min(shown)) if shown else (0.0, 0.0)
        r = []
        for i in range(n):
            big = high - low > 1e-12 * max(abs(high), 1.0)
            relative = (
                min(1.0, max(-1.0, (2 * security[i] - high - low) / (high - low))) if big else 0.0
            )
            r.append((1 - relative / 3) / (1 + relative / 3))
    eu = [[_expected(x, s, r, chance, mu, span, q, t, i, j) for j in range(n)] for i in range(n)]
    after, challenger, outcome = list(x), [], []
    for j in range(n):
        offers = [i for i in range(n) if i != j and active[i] and eu[i][j] > EQUAL]
        if not offers:
            challenger.append(-1)
            outcome.append("none")
            continue
        best = max(eu[i][j] for i in offers)
        close = [i for i in offers if eu[i][j] >= best - 1e-12 * abs(best)]
        i = min(close, key=lambda k: (abs(x[k] - x[j]), k)) if least_movement else min(close)
        challenger.append(i)
        offer, answer = eu[i][j], eu[j][i]
        if EQUAL < answer < offer - EQUAL:
            after[j], kind = x[i], "conflict"
        elif answer < -EQUAL and -answer < offer - EQUAL:
            after[j], kind = x[j] + (x[i] - x[j]) * abs(answer / offer), "compromise"
        elif answer < -EQUAL:
            after[j], kind = x[i], "capitulation"
        else:
            kind = "none"
        outcome.append(kind)
    return ReferenceRound(mu, chance, eu, r, after, challenger, outcome)
