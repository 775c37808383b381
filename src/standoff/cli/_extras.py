"""The analyses ``standoff analyze`` adds to the stability table when asked or when the scenario
supports them: evolution from the status quo, coalitions and limited-move stability."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import typer
from rich.console import RenderableType

from standoff.conflict import Conflict
from standoff.errors import AnalysisTooLargeError
from standoff.evolution import Evolution, Reaching, reaching, status_quo_analysis
from standoff.perception import Hypergame, hypergame_analysis
from standoff.report import (
    coalitions_document,
    coalitions_view,
    evolution_document,
    evolution_view,
    limited_move_document,
    limited_move_view,
    perceptions_document,
    perceptions_view,
)
from standoff.stability import (
    MAX_HORIZON,
    CoalitionAnalysis,
    NonMyopic,
    StabilityAnalysis,
    StabilityResult,
    coalition_analysis,
    limited_move,
    non_myopic,
)

__all__ = ["Extras", "Request", "extra_analyses", "parse_horizons"]


@dataclass(frozen=True)
class Request:
    """What the command line asked for beyond stability (state indices, horizons)."""

    start: int | None = None
    target: int | None = None
    every_coalition: bool = False
    horizons: tuple[int, ...] = ()


@dataclass(frozen=True)
class Extras:
    """The extra analyses computed, each ``None`` when not asked for or not supported."""

    evolution: Evolution | None = None
    reached_from: Reaching | None = None
    coalitions: CoalitionAnalysis | None = None
    searched: str = "declared"
    horizons: tuple[StabilityResult, ...] = ()
    limit: NonMyopic | None = None
    hypergame: Hypergame | None = None

    def document(self, conflict: Conflict) -> dict[str, Any]:
        """The extra top-level keys of the JSON document."""
        document: dict[str, Any] = {}
        if self.evolution is not None or self.reached_from is not None:
            document["evolution"] = evolution_document(conflict, self.evolution, self.reached_from)
        if self.coalitions is not None:
            document["coalitions"] = coalitions_document(self.coalitions, self.searched)
        if self.limit is not None:
            document["limited_move"] = limited_move_document(self.horizons, self.limit)
        if self.hypergame is not None:
            document["perceptions"] = perceptions_document(self.hypergame)
        return document

    def views(self, conflict: Conflict) -> list[RenderableType]:
        """The extra sections of the text output."""
        views: list[RenderableType] = []
        if self.evolution is not None or self.reached_from is not None:
            views.append(evolution_view(conflict, self.evolution, self.reached_from))
        if self.coalitions is not None:
            views.append(coalitions_view(conflict, self.coalitions))
        if self.limit is not None:
            views.append(limited_move_view(conflict, list(self.horizons), self.limit))
        if self.hypergame is not None:
            views.append(perceptions_view(conflict, self.hypergame))
        return views


def parse_horizons(text: str | None) -> tuple[int, ...]:
    """Horizons from "2-8", "3" or "2,4,6"; a usage error when malformed or out of range."""
    if text is None:
        return ()
    horizons: set[int] = set()
    try:
        for part in (p.strip() for p in text.split(",") if p.strip()):
            low, _, high = part.partition("-")
            horizons.update(range(int(low), int(high or low) + 1))
    except ValueError:
        raise typer.BadParameter(
            f"'{text}' is not a list of horizons (expected e.g. 2-8 or 2,4,6)",
            param_hint="'--horizons'",
        ) from None
    outside = sorted(h for h in horizons if not 1 <= h <= MAX_HORIZON)
    if outside or not horizons:
        shown = outside[0] if outside else text
        raise typer.BadParameter(
            f"horizon {shown} is out of range (expected 1 to {MAX_HORIZON})",
            param_hint="'--horizons'",
        )
    return tuple(sorted(horizons))


def extra_analyses(
    conflict: Conflict,
    analysis: StabilityAnalysis,
    request: Request,
    warn: Callable[[str], None],
) -> Extras:
    """Compute what ``request`` asks for and what the scenario supports."""
    evolution = reached_from = None
    start = request.start if request.start is not None else conflict.status_quo
    if start is not None:
        evolution = status_quo_analysis(conflict, analysis, start)
    if request.target is not None:
        reached_from = reaching(conflict, request.target)
    coalitions = None
    if request.every_coalition:
        coalitions = coalition_analysis(conflict, analysis, every_coalition=True)
    elif conflict.coalitions:
        try:
            coalitions = coalition_analysis(conflict, analysis)
        except AnalysisTooLargeError as error:
            warn(f"coalitions skipped: {error}")
    horizons: tuple[StabilityResult, ...] = ()
    limit = None
    if request.horizons:
        horizons = tuple(limited_move(conflict, h) for h in request.horizons)
        limit = non_myopic(conflict)
    hypergame = None
    if conflict.scenario.perceptions:
        hypergame = hypergame_analysis(conflict, analysis.concepts)
    return Extras(
        evolution,
        reached_from,
        coalitions,
        "all" if request.every_coalition else "declared",
        horizons,
        limit,
        hypergame,
    )
