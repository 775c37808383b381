"""The registry of analyses: each listed once, with when it applies and how it runs.

:data:`ANALYSES` is the only place that says which analyses exist, in the order they run (an
analysis may use the records of those before it). Adding an analysis is adding one
:class:`Analysis` here (and its record in :mod:`standoff.pipeline._records`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from standoff.conflict import Conflict, build_conflict, preference_warnings
from standoff.errors import AnalysisTooLargeError, Diagnostic, RequestError
from standoff.pipeline._records import (
    BargainingRecord,
    CoalitionsRecord,
    ComplianceRecord,
    ConflictRecord,
    DraftRecord,
    EvolutionRecord,
    ExplanationRecord,
    ForecastRecord,
    InverseRecord,
    LimitedMoveRecord,
    PerceptionsRecord,
    Record,
    RobustnessRecord,
    StabilityRecord,
    TalksRecord,
)
from standoff.pipeline._request import Request
from standoff.scenario import Scenario
from standoff.scenario._source import did_you_mean

__all__ = ["ANALYSES", "Analysis", "Context", "Progress"]

MAX_HINGE_STATES = 1 << 14
"""Most states for which every single change of a judgement is recomputed by default (each change
is a whole stability analysis)."""

Progress = Callable[[str, int, int], None]
"""Told ``progress(what, done, total)`` as work advances; ``total`` 0 when unknown."""


@dataclass
class Context:
    """What an analysis runs on: the scenario, the request, and the records made before it."""

    scenario: Scenario
    request: Request
    progress: Progress | None = None
    records: dict[str, Record] = field(default_factory=dict)
    warnings: list[str | Diagnostic] = field(default_factory=list)

    @property
    def conflict(self) -> Conflict:
        """The conflict (the ``conflict`` analysis has run before any that needs it)."""
        record = self.records["conflict"]
        assert isinstance(record, ConflictRecord)
        return record.conflict

    def record(self, kind: type[Any]) -> Any:
        """The record of the analysis of that kind, which must have run."""
        record = self.records[kind.name]
        assert isinstance(record, kind)
        return record

    def state(self, text: str, field_name: str) -> int:
        """The index of the state ``text`` names; a :class:`RequestError` if none."""
        try:
            return self.conflict.find_state(text)
        except ValueError as error:
            raise RequestError(field_name, str(error)) from None

    def tell(self, what: str, done: int = 0, total: int = 0) -> None:
        """Report progress, if anyone listens."""
        if self.progress is not None:
            self.progress(what, done, total)


@dataclass(frozen=True)
class Analysis:
    """One analysis of the registry.

    Attributes
    ----------
    name
        Its name: the key of its record in :class:`~standoff.pipeline.Results`.
    summary
        What it answers, in a line.
    needs
        The analyses whose records it uses (they run first).
    applies
        Whether it runs for this scenario and request (its needs have run).
    run
        Computes its record, or ``None`` when it had to be skipped (with a warning).
    """

    name: str
    summary: str
    needs: tuple[str, ...]
    applies: Callable[[Context], bool]
    run: Callable[[Context], Record | None]


def _has_conflict(context: Context) -> bool:
    return context.scenario.conflict is not None


def _conflict(context: Context) -> Record:
    context.tell("building the conflict")
    conflict = build_conflict(context.scenario)
    context.warnings.extend(preference_warnings(conflict))
    return ConflictRecord(conflict)


def _stability(context: Context) -> Record:
    from standoff.stability import analyze

    conflict = context.conflict
    concepts = context.request.concepts
    computed = set(concepts) | ({"seq", "sim"} if "seqsim" in concepts else set())
    total = len(conflict.movers) * len(computed - {"seqsim"})
    done = 0

    def advance(concept: str, party: str) -> None:
        nonlocal done
        context.tell(f"{concept.upper()} for {party}", done, total)
        done += 1

    return StabilityRecord(conflict, analyze(conflict, concepts, progress=advance))


def _evolution_applies(context: Context) -> bool:
    request = context.request
    return (
        request.start is not None
        or request.target is not None
        or context.conflict.status_quo is not None
    )


def _evolution(context: Context) -> Record:
    from standoff.evolution import reaching, status_quo_analysis

    conflict, request = context.conflict, context.request
    context.tell("evolution from the status quo")
    analysis = context.record(StabilityRecord).analysis
    start = conflict.status_quo if request.start is None else context.state(request.start, "start")
    target = None if request.target is None else context.state(request.target, "target")
    evolution = None if start is None else status_quo_analysis(conflict, analysis, start)
    reached = None if target is None else reaching(conflict, target)
    return EvolutionRecord(conflict, evolution, reached)


def _coalitions_apply(context: Context) -> bool:
    return context.request.coalitions == "all" or bool(context.conflict.coalitions)


def _coalitions(context: Context) -> Record | None:
    from standoff.stability import coalition_analysis

    conflict = context.conflict
    every = context.request.coalitions == "all"
    context.tell("coalitions")
    analysis = context.record(StabilityRecord).analysis
    try:
        found = coalition_analysis(conflict, analysis, every_coalition=every)
    except AnalysisTooLargeError as error:
        if every:
            raise
        context.warnings.append(f"coalitions skipped: {error}")
        return None
    return CoalitionsRecord(conflict, found, "all" if every else "declared")


def _limited_move(context: Context) -> Record:
    from standoff.stability import limited_move, non_myopic

    conflict = context.conflict
    horizons = []
    for horizon in context.request.horizons:
        context.tell(f"limited-move stability, horizon {horizon}")
        horizons.append(limited_move(conflict, horizon))
    return LimitedMoveRecord(conflict, tuple(horizons), non_myopic(conflict))


def _perceptions(context: Context) -> Record:
    from standoff.perception import hypergame_analysis

    context.tell("perceptions")
    conflict = context.conflict
    return PerceptionsRecord(conflict, hypergame_analysis(conflict, context.request.concepts))


def _explanation(context: Context) -> Record:
    from standoff.stability import explain

    conflict = context.conflict
    assert context.request.explain is not None
    party, text = context.request.explain
    movers = [p.id for p in conflict.movers]
    if party not in movers:
        hint = did_you_mean(party, movers) or f" (expected one of {', '.join(movers)})"
        raise RequestError("party", f"'{party}' is not a party with options{hint}")
    state = context.state(text, "state")
    found = tuple(explain(conflict, party, state, c) for c in context.request.concepts)
    return ExplanationRecord(conflict, party, state, found)


def _robustness_applies(context: Context) -> bool:
    has_judgements = bool(context.conflict.judgements)
    return has_judgements and (context.request.hinges or bool(context.scenario.uncertainty))


def _robustness(context: Context) -> Record | None:
    from standoff.robustness import hinges, robustness

    conflict, request = context.conflict, context.request
    try:
        found = None
        if request.hinges and conflict.state_count > MAX_HINGE_STATES:
            context.warnings.append(
                f"single changes of the preferences skipped: {conflict.state_count:,} states, "
                f"beyond the limit of {MAX_HINGE_STATES:,} for this analysis"
            )
        elif request.hinges:
            context.tell("single changes of the preferences")
            found = hinges(conflict, request.concepts)
        chance = None
        if context.scenario.uncertainty:

            def advance(done: int, total: int) -> None:
                context.tell("preference profiles", done, total)

            chance = robustness(
                conflict,
                request.concepts,
                samples=request.samples,
                seed=0 if request.seed is None else request.seed,
                workers=request.workers,
                scheduler=request.scheduler,
                progress=advance if context.progress is not None else None,
            )
    except AnalysisTooLargeError as error:
        context.warnings.append(f"robustness skipped: {error}")
        return None
    return RobustnessRecord(conflict, found, chance)


def _inverse(context: Context) -> Record:
    from standoff.robustness import RankRange, inverse

    conflict, request = context.conflict, context.request
    assert request.inverse is not None
    state = context.state(request.inverse, "inverse")
    ranges = []
    for text in request.vary:
        party, _, span = text.rpartition(":")
        first, _, last = span.partition("-")
        ranges.append(RankRange(party, int(first), int(last)))
    movers = [p.id for p in conflict.movers if p.id in conflict.ranks]
    for party in request.inverse_parties:
        if party not in movers:
            hint = did_you_mean(party, movers) or f" (expected one of {', '.join(movers)})"
            raise RequestError("party", f"'{party}' is not a party with preferences{hint}")
    context.tell("inverse analysis")
    try:
        found = inverse(
            conflict,
            state,
            request.concepts,
            parties=request.inverse_parties or None,
            ranges=ranges,
            samples=request.samples,
            seed=0 if request.seed is None else request.seed,
        )
    except AnalysisTooLargeError:
        raise
    except ValueError as error:  # only the ranges remain to be checked
        raise RequestError("vary", str(error)) from None
    return InverseRecord(conflict, found)


def _bargaining(context: Context) -> Record:
    from standoff.bargaining import bargain

    context.tell("bargaining")
    return BargainingRecord(context.scenario, bargain(context.scenario))


def _draft(context: Context) -> Record:
    from standoff.bargaining import score_draft

    deal = context.request.deal
    assert deal is not None
    context.tell("draft")
    return DraftRecord(context.scenario, score_draft(context.scenario, dict(deal)))


def _has_compliance(context: Context) -> bool:
    negotiation = context.scenario.negotiation
    return negotiation is not None and not negotiation.compliance.empty


def _compliance(context: Context) -> Record:
    from standoff.compliance import assess_compliance

    context.tell("compliance")
    bargaining = context.record(BargainingRecord).analysis
    deal = None if context.request.deal is None else dict(context.request.deal)
    found = assess_compliance(context.scenario, bargaining, deal)
    return ComplianceRecord(context.scenario, found)


def _has_protocol(context: Context) -> bool:
    negotiation = context.scenario.negotiation
    return negotiation is not None and negotiation.protocol is not None


def _talks(context: Context) -> Record:
    from standoff.talks import simulate_talks

    request = context.request

    def advance(done: int, total: int) -> None:
        context.tell("simulated talks", done, total)

    simulation = simulate_talks(
        context.scenario,
        request.runs,
        request.seed,
        with_variants=request.variants,
        with_tournament=request.tournament,
        workers=request.workers,
        scheduler=request.scheduler,
        progress=advance if context.progress is not None else None,
    )
    return TalksRecord(context.scenario, simulation)


def _forecast(context: Context) -> Record:
    from standoff.forecast import forecast

    request, spec = context.request, context.scenario.forecast
    assert spec is not None

    def advance(done: int, total: int) -> None:
        context.tell("forecast runs", done, total)

    try:
        found = forecast(
            spec,
            request.runs,
            request.seed,
            workers=request.workers,
            scheduler=request.scheduler,
            progress=advance if context.progress is not None else None,
        )
    except ValueError as error:  # too many runs to keep
        raise RequestError("runs", str(error)) from None
    return ForecastRecord(context.scenario, found)


ANALYSES: tuple[Analysis, ...] = (
    Analysis(
        "conflict",
        "the feasible states, their patterns and each party's ranks",
        (),
        _has_conflict,
        _conflict,
    ),
    Analysis(
        "stability",
        "which states are stable for each party, under each concept",
        ("conflict",),
        lambda context: True,
        _stability,
    ),
    Analysis(
        "evolution",
        "which equilibria the status quo can reach, and which states reach a target",
        ("stability",),
        _evolution_applies,
        _evolution,
    ),
    Analysis(
        "coalitions",
        "which equilibria coalitions break, and the coalition equilibria",
        ("stability",),
        _coalitions_apply,
        _coalitions,
    ),
    Analysis(
        "limited_move",
        "limited-move stability at each horizon, and non-myopic stability",
        ("conflict",),
        lambda context: bool(context.request.horizons),
        _limited_move,
    ),
    Analysis(
        "perceptions",
        "what each party believes, and where its misjudgments lead",
        ("conflict",),
        lambda context: bool(context.scenario.perceptions),
        _perceptions,
    ),
    Analysis(
        "explanation",
        "why a state is or is not stable for a party",
        ("conflict",),
        lambda context: context.request.explain is not None,
        _explanation,
    ),
    Analysis(
        "robustness",
        "how the equilibria move when a preference judgement changes or is uncertain",
        ("conflict",),
        _robustness_applies,
        _robustness,
    ),
    Analysis(
        "inverse",
        "what would have to change in the preferences for a state to be stable",
        ("conflict",),
        lambda context: context.request.inverse is not None,
        _inverse,
    ),
    Analysis(
        "bargaining",
        "BATNAs, the ZOPA, fair agreements and leverage",
        (),
        lambda context: context.scenario.negotiation is not None,
        _bargaining,
    ),
    Analysis(
        "draft",
        "a draft agreement scored: gains, rejections, efficiency and improvements",
        (),
        lambda context: (
            context.scenario.negotiation is not None and context.request.deal is not None
        ),
        _draft,
    ),
    Analysis(
        "compliance",
        "which agreements would be kept once signed, and what verification they need",
        ("bargaining",),
        _has_compliance,
        _compliance,
    ),
    Analysis(
        "talks",
        "simulated talks under the protocol's deadlines, tactics and uncertainty",
        (),
        _has_protocol,
        _talks,
    ),
    Analysis(
        "forecast",
        "where many actors' positions on each policy scale converge",
        (),
        lambda context: context.scenario.forecast is not None,
        _forecast,
    ),
)
"""Every analysis, in the order they run."""
