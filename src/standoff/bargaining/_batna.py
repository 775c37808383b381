"""BATNA assessment: what each party's best alternative is worth and what it rests on.

An alternative with utility u, fallback o and needed parties cooperating independently with
probabilities p₁…p_k is worth p·u + (1 − p)·o with p = p₁⋯p_k; the BATNA's value is the best
alternative's (Fisher & Ury 1981, *Getting to Yes*, ch. 6; the expected-value reading follows
Raiffa 1982, *The Art and Science of Negotiation*). For each third party T the assessment gives the
value with T's cooperation certain and with it refused, and the probabilities of T's cooperation
at which another alternative becomes best: each alternative's value is linear in T's probability,
so the BATNA's value is the upper envelope of lines, and its breakpoints are found exactly.

>>> from standoff.scenario import load
>>> negotiation = load("examples/korea_2017.yaml").negotiation
>>> us = assess_batna("US", negotiation.batnas["US"])
>>> us.best, round(us.value, 3)
('maximum_pressure', 0.31)
>>> china = us.dependence[0]
>>> china.party, round(china.value_with, 3), round(china.value_without, 3)
('China', 0.55, 0.25)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from standoff.scenario._negotiation_model import Alternative, Batna

__all__ = ["AlternativeValue", "BatnaAssessment", "Dependence", "Switch", "assess_batna"]


@dataclass(frozen=True)
class AlternativeValue:
    """One alternative: its expected ``value`` and the chance that every party it needs helps."""

    name: str
    value: float
    utility: float
    otherwise: float
    needs: Mapping[str, float]
    cooperation: float


@dataclass(frozen=True)
class Switch:
    """As the third party's cooperation probability rises past ``probability``, the best
    alternative changes from ``below`` to ``above``."""

    probability: float
    below: str
    above: str


@dataclass(frozen=True)
class Dependence:
    """How much a party's BATNA rests on one third party's cooperation.

    ``probability`` is the chance of its cooperation the file assumes (the first alternative's
    that needs it); ``switches`` are the probabilities at which the best alternative changes.
    """

    party: str
    probability: float
    value_with: float
    best_with: str
    value_without: float
    best_without: str
    switches: tuple[Switch, ...]

    @property
    def stake(self) -> float:
        """What the third party's refusal costs the BATNA, against its certain cooperation."""
        return self.value_with - self.value_without


@dataclass(frozen=True)
class BatnaAssessment:
    """A party's BATNA: its value, the alternative that achieves it, and its dependence."""

    party: str
    value: float
    best: str
    alternatives: tuple[AlternativeValue, ...]
    dependence: tuple[Dependence, ...]


def assess_batna(party: str, batna: Batna) -> BatnaAssessment:
    """Value, best alternative and third-party dependence of ``party``'s BATNA."""
    alternatives = tuple(
        AlternativeValue(
            a.name, a.value(), a.utility, a.otherwise, dict(a.needs), round(a.cooperation(), 12)
        )
        for a in batna.alternatives
    )
    best = _best(batna.alternatives, {})
    helpers = list(dict.fromkeys(p for a in batna.alternatives for p in a.needs))
    return BatnaAssessment(
        party=party,
        value=best[1],
        best=best[0],
        alternatives=alternatives,
        dependence=tuple(_dependence(batna, helper) for helper in helpers),
    )


def _best(
    alternatives: tuple[Alternative, ...], override: Mapping[str, float]
) -> tuple[str, float]:
    """The best alternative and its value; ties go to the first listed."""
    name, value = alternatives[0].name, alternatives[0].value(override)
    for alternative in alternatives[1:]:
        candidate = alternative.value(override)
        if candidate > value:
            name, value = alternative.name, candidate
    return name, value


def _dependence(batna: Batna, helper: str) -> Dependence:
    alternatives = batna.alternatives
    best_with, value_with = _best(alternatives, {helper: 1.0})
    best_without, value_without = _best(alternatives, {helper: 0.0})
    # value_a(q) = intercept_a + slope_a · q, with q the helper's cooperation probability
    lines = []
    for alternative in alternatives:
        at_zero = alternative.value({helper: 0.0})
        lines.append((at_zero, alternative.value({helper: 1.0}) - at_zero))
    crossings = sorted(
        {
            (b0 - a0) / (a1 - b1)
            for a0, a1 in lines
            for b0, b1 in lines
            if a1 != b1 and 0 < (b0 - a0) / (a1 - b1) < 1
        }
    )
    edges = [0.0, *crossings, 1.0]
    names = [_best(alternatives, {helper: (low + high) / 2})[0] for low, high in pairwise(edges)]
    switches = [
        Switch(round(edges[k + 1], 12), names[k], names[k + 1])
        for k in range(len(names) - 1)
        if names[k] != names[k + 1]
    ]
    assumed = next(a.needs[helper] for a in alternatives if helper in a.needs)
    return Dependence(
        helper, assumed, value_with, best_with, value_without, best_without, tuple(switches)
    )
