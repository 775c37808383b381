"""The frozen records the pipeline returns, one kind per analysis.

Each record holds the analysis's answer, the parameters it was computed with, and the conflict
or scenario it was computed on, so that it can be shown (in a terminal, a briefing, a notebook)
without anything else: never by reading the scenario file again. ``name`` is the analysis's
name in the registry (:data:`standoff.pipeline.ANALYSES`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from standoff._display import Shown

if TYPE_CHECKING:  # the records only hold these; the analyses are imported when they run
    from standoff.bargaining import BargainingAnalysis, DraftScore
    from standoff.compliance import ComplianceAnalysis
    from standoff.conflict import Conflict
    from standoff.evolution import Evolution, Reaching
    from standoff.forecast import Forecast
    from standoff.perception import Hypergame
    from standoff.robustness import Hinges, Inverse, Robustness
    from standoff.scenario import Scenario
    from standoff.stability import (
        CoalitionAnalysis,
        Explanation,
        NonMyopic,
        StabilityAnalysis,
        StabilityResult,
    )
    from standoff.talks import TalksSimulation

__all__ = [
    "BargainingRecord",
    "CoalitionsRecord",
    "ComplianceRecord",
    "ConflictRecord",
    "DraftRecord",
    "EvolutionRecord",
    "ExplanationRecord",
    "ForecastRecord",
    "InverseRecord",
    "LimitedMoveRecord",
    "PerceptionsRecord",
    "Record",
    "RobustnessRecord",
    "StabilityRecord",
    "TalksRecord",
]


@dataclass(frozen=True, eq=False)
class ConflictRecord(Shown):
    """The feasible states of the ``conflict`` section, their patterns and each party's ranks."""

    name: ClassVar[str] = "conflict"
    conflict: Conflict = field(repr=False)


@dataclass(frozen=True, eq=False)
class StabilityRecord(Shown):
    """Stability of every state under each requested concept."""

    name: ClassVar[str] = "stability"
    conflict: Conflict = field(repr=False)
    analysis: StabilityAnalysis


@dataclass(frozen=True, eq=False)
class EvolutionRecord(Shown):
    """Status quo analysis from ``evolution.start`` and/or the states that reach a target."""

    name: ClassVar[str] = "evolution"
    conflict: Conflict = field(repr=False)
    evolution: Evolution | None
    reaching: Reaching | None


@dataclass(frozen=True, eq=False)
class CoalitionsRecord(Shown):
    """Coalition stability; ``searched`` is ``"declared"`` or ``"all"`` (every coalition)."""

    name: ClassVar[str] = "coalitions"
    conflict: Conflict = field(repr=False)
    analysis: CoalitionAnalysis
    searched: str


@dataclass(frozen=True, eq=False)
class LimitedMoveRecord(Shown):
    """Limited-move stability at each requested horizon, and non-myopic stability."""

    name: ClassVar[str] = "limited_move"
    conflict: Conflict = field(repr=False)
    horizons: tuple[StabilityResult, ...]
    non_myopic: NonMyopic


@dataclass(frozen=True, eq=False)
class PerceptionsRecord(Shown):
    """The hypergame of the ``perceptions`` section."""

    name: ClassVar[str] = "perceptions"
    conflict: Conflict = field(repr=False)
    hypergame: Hypergame


@dataclass(frozen=True, eq=False)
class ExplanationRecord(Shown):
    """Why ``state`` (an index) is or is not stable for ``party``, under each concept."""

    name: ClassVar[str] = "explanation"
    conflict: Conflict = field(repr=False)
    party: str
    state: int
    explanations: tuple[Explanation, ...]


@dataclass(frozen=True, eq=False)
class RobustnessRecord(Shown):
    """How the equilibria move under single changes of the preference judgements (``hinges``)
    and, with an ``uncertainty`` section, how likely each conclusion is (``robustness``)."""

    name: ClassVar[str] = "robustness"
    conflict: Conflict = field(repr=False)
    hinges: Hinges | None
    robustness: Robustness | None


@dataclass(frozen=True, eq=False)
class InverseRecord(Shown):
    """What would have to change in the preferences for the requested state to be stable."""

    name: ClassVar[str] = "inverse"
    conflict: Conflict = field(repr=False)
    inverse: Inverse


@dataclass(frozen=True, eq=False)
class BargainingRecord(Shown):
    """The bargaining analysis of the ``negotiation`` section."""

    name: ClassVar[str] = "bargaining"
    scenario: Scenario = field(repr=False)
    analysis: BargainingAnalysis


@dataclass(frozen=True, eq=False)
class DraftRecord(Shown):
    """A draft agreement (``Request.deal``) scored against the ``negotiation`` section."""

    name: ClassVar[str] = "draft"
    scenario: Scenario = field(repr=False)
    score: DraftScore


@dataclass(frozen=True, eq=False)
class ComplianceRecord(Shown):
    """Which agreements of the ``negotiation`` section would be kept once signed."""

    name: ClassVar[str] = "compliance"
    scenario: Scenario = field(repr=False)
    analysis: ComplianceAnalysis


@dataclass(frozen=True, eq=False)
class TalksRecord(Shown):
    """The simulated talks of ``negotiation.protocol`` (runs and seed are in ``simulation``)."""

    name: ClassVar[str] = "talks"
    scenario: Scenario = field(repr=False)
    simulation: TalksSimulation


@dataclass(frozen=True, eq=False)
class ForecastRecord(Shown):
    """The forecasts of the ``forecast`` section (runs and seed are in ``forecast``)."""

    name: ClassVar[str] = "forecast"
    scenario: Scenario = field(repr=False)
    forecast: Forecast


Record = (
    ConflictRecord
    | StabilityRecord
    | EvolutionRecord
    | CoalitionsRecord
    | LimitedMoveRecord
    | PerceptionsRecord
    | ExplanationRecord
    | RobustnessRecord
    | InverseRecord
    | BargainingRecord
    | DraftRecord
    | ComplianceRecord
    | TalksRecord
    | ForecastRecord
)
"""Any record of the pipeline."""
