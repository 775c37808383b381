"""The typed, immutable model of the ``forecast:`` section (many actors on policy scales)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from standoff.errors import Location
from standoff.scenario._negotiation_model import Distribution

__all__ = ["ForecastActor", "ForecastIssue", "ForecastModel", "ForecastSpec"]


@dataclass(frozen=True)
class ForecastIssue:
    """A policy scale from ``low`` to ``high``, with labels at some of its points (``anchors``,
    (value, label) pairs in increasing order)."""

    id: str
    label: str
    low: float
    high: float
    anchors: tuple[tuple[float, str], ...]
    location: Location


@dataclass(frozen=True)
class ForecastActor:
    """An actor of the forecast: its capability (influence, any scale), its salience per issue
    (in [0, 1]; the file gives 0 to 100) and its position per issue it takes part in.
    ``party`` is the party of the file it stands for, when its id is one."""

    id: str
    label: str
    party: str | None
    capability: float
    salience: Mapping[str, float]
    positions: Mapping[str, float]
    location: Location


@dataclass(frozen=True)
class ForecastModel:
    """The challenge model's settings as the file gives them (see
    :class:`standoff.forecast.ChallengeParameters` for what each means)."""

    rounds: int = 50
    tolerance: float = 1e-6
    q: float = 1.0
    t: float = 1.0
    mu: str = "median"
    ties: str = "least_movement"
    risk: bool = True
    silent_indifferent: bool = True


@dataclass(frozen=True)
class ForecastSpec:
    """The ``forecast:`` section: issues, actors, model settings and the uncertain inputs
    (``position.ACTOR.ISSUE``, ``salience.ACTOR.ISSUE``, ``capability.ACTOR`` -> distribution,
    salience on the file's 0–100 scale)."""

    issues: tuple[ForecastIssue, ...]
    actors: tuple[ForecastActor, ...]
    model: ForecastModel
    uncertain: Mapping[str, Distribution]
    location: Location
