"""Run what a request asks for on a scenario: the one place that decides which analyses run."""

from __future__ import annotations

import os
from datetime import datetime
from types import MappingProxyType

from standoff.errors import RequestError
from standoff.pipeline._provenance import provenance
from standoff.pipeline._records import TalksRecord
from standoff.pipeline._registry import ANALYSES, Analysis, Context, Progress
from standoff.pipeline._request import Request
from standoff.pipeline._results import Results
from standoff.scenario import Scenario, load

__all__ = ["run"]

_BY_NAME = {analysis.name: analysis for analysis in ANALYSES}


def run(
    source: Scenario | str | os.PathLike[str],
    request: Request | None = None,
    *,
    progress: Progress | None = None,
    generated: datetime | None = None,
) -> Results:
    """Run every analysis that applies to the scenario and the request.

    Parameters
    ----------
    source
        A scenario, or the path of a scenario file to load.
    request
        What to compute; by default what ``standoff analyze FILE`` computes.
    progress
        Told ``progress(what, done, total)`` as the work advances (the pipeline never prints).
    generated
        The time to record (timezone-aware); by default now, or ``SOURCE_DATE_EPOCH``.

    Raises
    ------
    ScenarioError
        If the file is not a valid scenario.
    RequestError
        If the request names something the scenario lacks (a state, a party, an analysis).

    Examples
    --------
    >>> results = run("examples/prisoners_dilemma.yaml", Request(concepts=("nash", "seq")))
    >>> list(results.records)
    ['conflict', 'stability', 'evolution', 'robustness']
    >>> results["stability"].analysis.results["seq"].equilibrium_ids()
    [1, 4]
    """
    scenario = source if isinstance(source, Scenario) else load(os.fspath(source))
    chosen = request or Request()
    context = Context(scenario, chosen, progress)
    for analysis in _selected(chosen):
        if any(need not in context.records for need in analysis.needs):
            continue
        if not analysis.applies(context):
            continue
        record = analysis.run(context)
        if record is not None:
            context.records[analysis.name] = record
    talks = context.records.get("talks")
    seed = talks.simulation.seed if isinstance(talks, TalksRecord) else None
    return Results(
        scenario,
        chosen,
        provenance(scenario, generated, seed, chosen.parameters()),
        MappingProxyType(dict(context.records)),
        tuple(context.warnings),
    )


def _selected(request: Request) -> list[Analysis]:
    """The analyses the request allows, with what they need, in registry order."""
    if request.only is None:
        return list(ANALYSES)
    unknown = sorted(request.only - set(_BY_NAME))
    if unknown:
        known = ", ".join(_BY_NAME)
        raise RequestError("only", f"unknown analysis '{unknown[0]}' (expected some of {known})")
    wanted: set[str] = set()
    pending = list(request.only)
    while pending:
        name = pending.pop()
        if name not in wanted:
            wanted.add(name)
            pending.extend(_BY_NAME[name].needs)
    return [analysis for analysis in ANALYSES if analysis.name in wanted]
