"""The frozen records of a forecast: per issue, the baselines, the challenge model's rounds and
exchanges, and (with uncertain inputs) the distribution of each forecast over the runs.

Every number is a Python float or int, never a numpy scalar.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from standoff.forecast._parameters import ChallengeParameters

__all__ = [
    "MODELS",
    "Exchange",
    "Forecast",
    "ForecastRound",
    "IssueForecast",
    "Spread",
]

MODELS = ("weighted_mean", "weighted_median", "pairwise_vote", "challenge_median",
          "challenge_mean")  # fmt: skip
"""The forecasts made for every issue, in the order reports show them."""


@dataclass(frozen=True)
class Exchange:
    """One exchange of a round: ``challenger``'s offer taken by ``target``, and its outcome
    (``conflict``, ``compromise`` or ``capitulation``; ``none`` when the target stood firm)."""

    round: int
    challenger: str
    target: str
    outcome: str
    offer: float
    response: float
    before: float
    after: float

    @property
    def moved(self) -> float:
        """How far the target moved."""
        return abs(self.after - self.before)


@dataclass(frozen=True)
class ForecastRound:
    """One round: the positions it started from (by actor, in actor order), μ, the risk
    exponents used and the exchanges (one per target that received an offer)."""

    number: int
    positions: tuple[float, ...]
    mu: float
    risk: tuple[float, ...]
    exchanges: tuple[Exchange, ...]


@dataclass(frozen=True)
class Spread:
    """How one forecast spreads over the Monte Carlo runs: mean, standard deviation and the
    5th, 25th, 50th, 75th and 95th percentiles; ``missing`` runs had no such forecast (no
    Condorcet winner)."""

    mean: float
    sd: float
    quantiles: tuple[float, float, float, float, float]
    missing: int = 0


@dataclass(frozen=True)
class IssueForecast:
    """The forecasts of one issue.

    Attributes
    ----------
    issue, label, low, high, anchors
        The issue and its scale (anchors: (value, label) pairs).
    actors, capability, salience, positions
        The actors that hold a position on the issue, with their inputs (salience in [0, 1]).
    forecasts
        Model name (:data:`MODELS`) -> its forecast from the stated inputs (``None`` for a
        pairwise vote without a winner).
    rounds
        The challenge model's rounds from the stated inputs.
    final
        The positions after the last round.
    converged
        Whether the positions stopped moving before the round limit.
    quadrant
        EU[i][j] = EUᵢ(j) of the first round: with EU[j][i], actor i's quadrant view of j.
    spread
        Model name -> how it spreads over the runs (empty without uncertain inputs).
    """

    issue: str
    label: str
    low: float
    high: float
    anchors: tuple[tuple[float, str], ...]
    actors: tuple[str, ...]
    capability: tuple[float, ...]
    salience: tuple[float, ...]
    positions: tuple[float, ...]
    forecasts: Mapping[str, float | None]
    rounds: tuple[ForecastRound, ...]
    final: tuple[float, ...]
    converged: bool
    quadrant: tuple[tuple[float, ...], ...]
    spread: Mapping[str, Spread] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Forecast:
    """Every issue's forecast, with how it was made: the parameters, runs and seed."""

    issues: tuple[IssueForecast, ...]
    parameters: ChallengeParameters
    runs: int
    seed: int | None
    labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
