"""The typed, immutable model of the ``negotiation:`` section (issues, utilities, BATNAs, beliefs).

The reader (:mod:`standoff.scenario._negotiation`) builds these records after checking them; the
bargaining layer evaluates them over the outcome space.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from standoff.errors import Location

__all__ = [
    "DEFAULT_RESOLUTION",
    "Alternative",
    "Batna",
    "Belief",
    "Distribution",
    "Issue",
    "IssueValues",
    "Negotiation",
    "Protocol",
    "StrategyChoice",
    "Utility",
]

DEFAULT_RESOLUTION = 11
"""Points a numeric-range issue is discretised into when it names no ``steps`` (ends included)."""


@dataclass(frozen=True)
class Issue:
    """One issue on the table: discrete ``levels``, or a numeric range discretised into ``steps``
    evenly spaced points (both ends included).

    >>> Issue("exercises", (), (0.0, 100.0), "%", 5, Location("f", 1, 1)).points()
    (0.0, 25.0, 50.0, 75.0, 100.0)
    """

    id: str
    levels: tuple[str, ...]
    range: tuple[float, float] | None
    unit: str | None
    steps: int
    location: Location

    def points(self) -> tuple[float, ...]:
        """The numeric values of a range issue's discrete points (empty for a discrete issue)."""
        if self.range is None:
            return ()
        low, high = self.range
        if self.steps == 1:
            return (low,)
        step = (high - low) / (self.steps - 1)
        return (*(low + k * step for k in range(self.steps - 1)), high)

    def labels(self) -> tuple[str, ...]:
        """How each of the issue's discrete points reads: its level, or its number and unit."""
        if self.range is None:
            return self.levels
        unit = self.unit or ""
        unit = unit if unit.startswith("%") or not unit else f" {unit}"
        return tuple(f"{value:g}{unit}" for value in self.points())


@dataclass(frozen=True)
class IssueValues:
    """A party's value of each level of one issue (a table), or piecewise-linear ``points``
    ``(x, value)`` over a range issue (flat beyond the first and last point)."""

    table: Mapping[str, float] | None
    points: tuple[tuple[float, float], ...] | None
    location: Location


@dataclass(frozen=True)
class Utility:
    """An additive utility: ``weights`` (as written; normalised to sum 1 when evaluated) and each
    weighted issue's values in [0, 1]."""

    weights: Mapping[str, float]
    values: Mapping[str, IssueValues]
    location: Location


@dataclass(frozen=True)
class Alternative:
    """One alternative to a negotiated agreement.

    It is worth ``utility`` when every party in ``needs`` cooperates (each independently, with the
    given probability) and ``otherwise`` when one does not.
    """

    name: str
    utility: float
    needs: Mapping[str, float]
    otherwise: float
    location: Location

    def cooperation(self, override: Mapping[str, float] | None = None) -> float:
        """The probability that every needed party cooperates (``override`` replaces some).

        >>> where = Location("f", 1, 1)
        >>> Alternative("pressure", 0.5, {"China": 0.5, "ROK": 0.8}, 0.1, where).cooperation()
        0.4
        """
        probability = 1.0
        for party, chance in self.needs.items():
            probability *= (override or {}).get(party, chance)
        return probability

    def value(self, override: Mapping[str, float] | None = None) -> float:
        """The alternative's expected utility: p·utility + (1 − p)·otherwise.

        >>> Alternative("pressure", 0.45, {"China": 0.3}, 0.15, Location("f", 1, 1)).value()
        0.24
        """
        probability = self.cooperation(override)
        return round(probability * self.utility + (1 - probability) * self.otherwise, 12)


@dataclass(frozen=True)
class Batna:
    """A party's alternatives to a negotiated agreement; a plain number is one sure alternative."""

    alternatives: tuple[Alternative, ...]
    location: Location

    def value(self, override: Mapping[str, float] | None = None) -> float:
        """The BATNA's value: the best expected utility over the alternatives."""
        return max(alternative.value(override) for alternative in self.alternatives)


@dataclass(frozen=True)
class Belief:
    """What ``holder`` believes about ``about``: its BATNA and/or its utilities."""

    holder: str
    about: str
    batna: Batna | None
    utility: Utility | None
    location: Location


@dataclass(frozen=True)
class StrategyChoice:
    """A negotiating strategy by name, with the parameters the file sets (others take defaults)."""

    name: str
    parameters: Mapping[str, float]
    location: Location


@dataclass(frozen=True)
class Distribution:
    """An uncertain input: ``uniform`` over [a, b], ``normal`` (mean, sd) clipped to the input's
    bounds, or a ``choice`` among ``values`` with ``probabilities`` (equal when not given).
    A deadline's value ``None`` means no deadline."""

    kind: str
    parameters: tuple[float, ...]
    values: tuple[float | str | None, ...]
    probabilities: tuple[float, ...]
    location: Location


@dataclass(frozen=True)
class Protocol:
    """How the talks are simulated: alternating offers between the two parties at the table.

    ``deadline`` maps a party to its own last round (known to both; absent = none);
    ``discount`` to its per-round discount factor (absent = 1); ``strategies`` to its strategy;
    ``uncertain`` maps an
    input (``batna.P``, ``deadline.P``, ``discount.P``, ``belief.P``, ``strategy.P``,
    ``breakdown``) to the distribution it is drawn from in each simulated negotiation.
    """

    first: str
    rounds: int
    deadline: Mapping[str, int]
    discount: Mapping[str, float]
    breakdown: float
    strategies: Mapping[str, StrategyChoice]
    uncertain: Mapping[str, Distribution]
    location: Location


@dataclass(frozen=True)
class Negotiation:
    """The ``negotiation:`` section: who is at the table, over what, with what alternatives."""

    parties: tuple[str, ...]
    issues: tuple[Issue, ...]
    utilities: Mapping[str, Utility]
    batnas: Mapping[str, Batna]
    beliefs: tuple[Belief, ...]
    protocol: Protocol | None
    location: Location

    def belief(self, holder: str, about: str) -> Belief | None:
        """What ``holder`` believes about ``about``, if the file says."""
        for belief in self.beliefs:
            if belief.holder == holder and belief.about == about:
                return belief
        return None
