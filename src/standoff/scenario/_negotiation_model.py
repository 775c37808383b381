"""The typed, immutable model of the ``negotiation:`` section (issues, utilities, BATNAs, beliefs).

The reader (:mod:`standoff.scenario._negotiation`) builds these records after checking them; the
bargaining layer evaluates them over the outcome space.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from standoff.errors import Location
from standoff.scenario._expressions import Expression

__all__ = [
    "DEFAULT_RESOLUTION",
    "NO_COMPLIANCE",
    "Alternative",
    "Batna",
    "Belief",
    "BelievedNone",
    "Commitment",
    "Compliance",
    "Constraint",
    "Distribution",
    "Issue",
    "IssueValues",
    "Negotiation",
    "Protocol",
    "Repetition",
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
        return tuple(self._reading(value) for value in self.points())

    def label(self, point: int) -> str:
        """How the issue's discrete point number ``point`` reads (without listing the others).

        >>> Issue("exercises", (), (0.0, 100.0), "%", 5, Location("f", 1, 1)).label(3)
        '75%'
        """
        if self.range is None:
            return self.levels[point]
        low, high = self.range
        last = self.steps - 1
        value = high if point == last and last > 0 else low + point * (high - low) / max(last, 1)
        return self._reading(value)

    def _reading(self, value: float) -> str:
        unit = self.unit or ""
        unit = unit if unit.startswith("%") or not unit else f" {unit}"
        return f"{value:g}{unit}"


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


BelievedNone = Literal["none"]
"""A belief that the other party has no deadline."""


@dataclass(frozen=True)
class Constraint:
    """A constraint on deals (an infeasible package, a red line): an expression whose atoms
    compare an issue with a level, and where it is written."""

    expression: Expression
    location: Location

    @property
    def text(self) -> str:
        """The expression as written."""
        return self.expression.text


@dataclass(frozen=True)
class Belief:
    """What ``holder`` believes about ``about``: its BATNA, its utilities and/or its red lines
    (``red_lines`` None: the holder knows the real ones)."""

    holder: str
    about: str
    batna: Batna | None
    utility: Utility | None
    location: Location
    red_lines: tuple[Constraint, ...] | None = None
    deadline: int | BelievedNone | None = None
    """The other's last round as the holder believes it (1-based, as in the file), ``"none"``
    (it believes the other has no deadline), or None (it knows the real one)."""

    @property
    def concerns_the_deal(self) -> bool:
        """Whether the belief changes the bargaining problem as the holder sees it (a BATNA,
        utilities or red lines); a belief about a deadline alone matters only to simulated
        talks."""
        return self.batna is not None or self.utility is not None or self.red_lines is not None


@dataclass(frozen=True)
class StrategyChoice:
    """A negotiating strategy by name, with the parameters the file sets (others take defaults)."""

    name: str
    parameters: Mapping[str, float]
    location: Location

    @property
    def label(self) -> str:
        """The strategy as reports name it: with the parameters the file sets, sorted by name.

        >>> StrategyChoice("boulware", {"exponent": 0.3}, Location("f", 1, 1)).label
        'boulware(exponent=0.3)'
        >>> StrategyChoice("stall", {}, Location("f", 1, 1)).label
        'stall'
        """
        if not self.parameters:
            return self.name
        settings = ", ".join(f"{key}={value:g}" for key, value in sorted(self.parameters.items()))
        return f"{self.name}({settings})"


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

    ``deadline`` maps a party to its own last round (absent = none; the other party knows it
    unless a belief says otherwise);
    ``discount`` to its per-round discount factor (absent = 1); ``strategies`` to its strategy;
    ``uncertain`` maps an
    input (``batna.P``, ``deadline.P``, ``discount.P``, ``belief.P``, ``strategy.P``,
    ``believed_deadline.P``, ``breakdown``) to the distribution it is drawn from in each
    simulated negotiation.
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
class Commitment:
    """What ``party`` pledges on ``issue`` and could secretly break after signing (the
    ``compliance:`` part, :mod:`standoff.scenario._compliance`).

    ``gains[k]`` is what breaking the pledge is worth to the party (in its utility) when the
    agreement sets the issue at its ``k``-th point; ``detection[j]`` the probability a violation
    is found when the agreement sets the ``verification`` issue at its ``j``-th point (one
    constant when ``verification`` is None); ``penalty`` what the party loses if caught, an
    alternative whose ``needs`` are the third parties the penalty rests on. ``losses`` (what an
    undetected violation costs the other side, per point of the issue) and ``inspection_cost``
    (what one inspection costs it) feed the inspection game; None when not given.
    """

    party: str
    issue: str
    gains: tuple[float, ...]
    verification: str | None
    detection: tuple[float, ...]
    penalty: Alternative
    losses: tuple[float, ...] | None
    inspection_cost: float | None
    location: Location


@dataclass(frozen=True)
class Repetition:
    """How a party weighs the future of a deal kept round after round: ``discount`` per round
    and the ``rounds`` still to come (None: no end). A detected violation ends the deal, so it
    also costs the party its surplus over its BATNA in every later round, weighted by
    :meth:`future_weight`."""

    discount: float
    rounds: int | None
    location: Location

    def future_weight(self) -> float:
        """Σ δᵗ over the later rounds: δ(1 − δᴿ)/(1 − δ), or δ/(1 − δ) without an end.

        >>> Repetition(0.5, None, Location("f", 1, 1)).future_weight()
        1.0
        >>> Repetition(1.0, 3, Location("f", 1, 1)).future_weight()
        3.0
        """
        delta = self.discount
        if self.rounds is None:
            return delta / (1 - delta)
        if delta == 1:
            return float(self.rounds)
        return delta * (1 - delta**self.rounds) / (1 - delta)


@dataclass(frozen=True)
class Compliance:
    """The ``compliance:`` part of a negotiation: the pledges that could be broken, and how
    each party that cares weighs the future of the deal (empty: agreements are binding)."""

    commitments: tuple[Commitment, ...]
    repetition: Mapping[str, Repetition]

    @property
    def empty(self) -> bool:
        """Whether the file says nothing about compliance."""
        return not self.commitments


NO_COMPLIANCE = Compliance((), MappingProxyType({}))
"""Agreements are binding: the default when a negotiation has no ``compliance:`` part."""


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
    compliance: Compliance = NO_COMPLIANCE
    infeasible: tuple[Constraint, ...] = ()
    """Packages no one can sign (``negotiation.infeasible``): expressions over issue levels."""
    red_lines: Mapping[str, tuple[Constraint, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    """Party -> the packages it rejects whatever its utility (``negotiation.red_lines``)."""
    targets: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    """Party -> its aspiration: the utility it aims for (``negotiation.targets``)."""

    def belief(self, holder: str, about: str) -> Belief | None:
        """What ``holder`` believes about ``about``, if the file says."""
        for belief in self.beliefs:
            if belief.holder == holder and belief.about == about:
                return belief
        return None
