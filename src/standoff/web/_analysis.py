"""What the workspace computes, as plain data for its JSON answers: validation, the panels of
each part of the analysis, a state's view, and the exports.

Everything here is synchronous and runs in the workspace's worker threads, never on the event
loop. The scenario comes from the editor's text (through the real loader,
:func:`standoff.scenario.loads`) or, for exports, from the file on disk (as the command line reads
it). The analyses come from :func:`standoff.pipeline.run`; the panels are the briefing's own
sections (:func:`standoff.report.build_document`) drawn by the briefing's HTML renderer.

>>> validation("a.yaml", "standoff: 1\\ntitle: A\\nparties: {X: {}}\\n")["valid"]
True
>>> validation("a.yaml", "standoff: 1\\ntitle: A\\n")["diagnostics"][0]["message"]
"missing required key 'parties' in the scenario"
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from standoff._text import encodable
from standoff.errors import Diagnostic, RequestError, ScenarioError
from standoff.pipeline import (
    EvolutionRecord,
    ExplanationRecord,
    Progress,
    Request,
    Results,
    StabilityRecord,
    run,
)
from standoff.report._blocks import Cell, Section, Table
from standoff.report._document import build_document, json_document
from standoff.report._html import render_block
from standoff.report._svg import escape_text
from standoff.scenario import Scenario, load, loads
from standoff.stability import CONCEPT_LABELS
from standoff.web._jobs import MAX_TALKS_RUNS

__all__ = [
    "MAX_TALKS_RUNS",
    "PARTS",
    "Export",
    "comparison",
    "diagnostic_data",
    "export",
    "inverse_view",
    "panels",
    "section_html",
    "state_view",
    "validation",
]

Part = Literal["core", "more", "talks"]
PARTS: dict[str, frozenset[str]] = {
    "core": frozenset(
        {"conflict", "stability", "evolution", "coalitions", "perceptions", "bargaining"}
    ),
    "more": frozenset({"robustness", "forecast"}),
    "talks": frozenset({"talks"}),
}
"""The analyses of each part of the workspace: the quick ones on every valid change (the
stability table, the state graph, evolution, coalitions, perceptions, bargaining); then the
slower robustness and forecast; the simulated talks only when asked for."""
_SHOWN: dict[str, frozenset[str] | None] = {
    "core": None,
    "more": frozenset({"robustness", "forecast"}),
    "talks": frozenset({"simulation"}),
}
"""The sections each part shows (``None``: every section but the provenance)."""

Export = Literal["html", "markdown", "json"]


def diagnostic_data(diagnostic: Diagnostic) -> dict[str, Any]:
    """One problem as the editor shows it: line, column, severity and the loader's message."""
    return {
        "line": diagnostic.location.line,
        "column": diagnostic.location.column,
        "severity": diagnostic.severity,
        "message": diagnostic.message,
        "text": str(diagnostic),
    }


def validation(name: str, text: str) -> dict[str, Any]:
    """Whether ``text`` is a valid scenario, with every problem the loader finds."""
    try:
        loads(text, name)
    except ScenarioError as error:
        return {"valid": False, "diagnostics": [diagnostic_data(d) for d in error.diagnostics]}
    return {"valid": True, "diagnostics": []}


def section_html(section: Section) -> str:
    """A section of the briefing as an HTML fragment (the workspace's panels)."""
    body = "".join(render_block(block) for block in section.blocks)
    key, title = escape_text(section.key), escape_text(section.title)
    return f'<section id="panel-{key}" data-section="{key}"><h2>{title}</h2>{body}</section>'


def _warnings(found: Iterable[str | Diagnostic]) -> tuple[list[str], list[dict[str, Any]]]:
    texts, located = [], []
    for warning in found:
        if isinstance(warning, str):
            texts.append(warning)
        else:
            located.append(diagnostic_data(warning))
    return texts, located


def panels(
    name: str,
    text: str,
    part: Part = "core",
    runs: int = 2_000,
    seed: int = 0,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The panels of one part of the analysis of ``text``; ``progress`` is told how the work
    advances (as :func:`standoff.pipeline.run` tells it).

    Raises
    ------
    RequestError
        For runs or a seed out of range.
    """
    try:
        scenario = loads(text, name)
    except ScenarioError as error:
        return {"valid": False, "diagnostics": [diagnostic_data(d) for d in error.diagnostics]}
    if not 1 <= runs <= MAX_TALKS_RUNS:
        raise RequestError("runs", f"runs must be 1 to {MAX_TALKS_RUNS:,} in the workspace")
    request = Request(only=PARTS[part], runs=runs, seed=seed)
    try:
        results = run(scenario, request, progress=progress)
    except ScenarioError as error:  # too large to analyse: the loader's message, located
        return {"valid": False, "diagnostics": [diagnostic_data(d) for d in error.diagnostics]}
    shown = _SHOWN[part]
    sections = [
        {"key": section.key, "title": section.title, "html": section_html(section)}
        for section in build_document(results).sections
        if (section.key != "provenance" if shown is None else section.key in shown)
    ]
    messages, located = _warnings(results.warnings)
    stability = results.get(StabilityRecord)
    equilibria = (
        {}
        if stability is None
        else {c: r.equilibrium_ids() for c, r in stability.analysis.results.items()}
    )
    return {
        "valid": True,
        "diagnostics": located,
        "warnings": messages,
        "title": scenario.title,
        "part": part,
        "sections": sections,
        "equilibria": equilibria,
    }


def state_view(name: str, text: str, state: str) -> dict[str, Any]:
    """One state of the graph: its stability per concept, why it is or is not stable for each
    party, and the path to it from the status quo.

    Raises
    ------
    ScenarioError
        If the text is not a valid scenario.
    RequestError
        If the scenario has no conflict, or no such state.
    """
    scenario = loads(text, name)
    if scenario.conflict is None:
        raise RequestError("state", "the scenario has no 'conflict' section, so no states")
    results = run(scenario, Request(only=frozenset({"stability", "evolution"})))
    record = results.get(StabilityRecord)
    assert record is not None
    conflict = record.conflict
    try:
        index = conflict.find_state(state)
    except ValueError as error:
        raise RequestError("state", str(error)) from None
    from standoff.report._sections._explanation import explanation
    from standoff.report._wording import path_text, state_text

    movers = [party.id for party in conflict.movers]
    rows = tuple(
        (
            Cell((CONCEPT_LABELS.get(concept, concept),)),
            Cell(
                ("equilibrium" if result.equilibria[index] else "no",),
                "good" if result.equilibria[index] else "",
            ),
            *(
                Cell(
                    ("stable" if result.stable[p][index] else "not stable",),
                    "good" if result.stable[p][index] else "",
                )
                for p in movers
            ),
        )
        for concept, result in record.analysis.results.items()
    )
    table = Table(("concept", "equilibrium", *movers), rows, caption="Stability per concept")
    explanations = []
    for party in movers:
        asked = Request(explain=(party, str(index + 1)), only=frozenset({"explanation"}))
        found = explanation(_run(scenario, asked))
        if found is not None:
            explanations.append({"party": party, "html": section_html(found)})
    evolution = results.get(EvolutionRecord)
    if evolution is None or evolution.evolution is None:
        path = "The scenario names no status quo, so there is no path from it."
    elif not bool(evolution.evolution.by_improvements.reachable[index]):
        path = "Not reachable from the status quo by moves each party gains by."
    else:
        path = "From the status quo: " + path_text(conflict, evolution.evolution.path(index))
    return {
        "state": index + 1,
        "title": state_text(conflict, index),
        "pattern": conflict.pattern(index),
        "stability": render_block(table),
        "explanations": explanations,
        "path": path,
    }


def inverse_view(name: str, text: str, state: str, concept: str = "seq") -> dict[str, Any]:
    """What would have to change in the preferences for ``state`` to be stable under
    ``concept``: the inverse analysis's section (as ``standoff inverse`` shows it).

    Raises
    ------
    ScenarioError
        If the text is not a valid scenario.
    RequestError
        If the scenario has no conflict, no such state or no such concept.
    """
    scenario = loads(text, name)
    if scenario.conflict is None:
        raise RequestError("state", "the scenario has no 'conflict' section, so no states")
    request = Request(inverse=state, concepts=(concept,), only=frozenset({"inverse"}))
    sections = [s for s in build_document(run(scenario, request)).sections if s.key == "inverse"]
    return {"state": state, "concept": concept, "html": "".join(map(section_html, sections))}


def _run(scenario: Scenario, request: Request) -> Results:
    results = run(scenario, request)
    assert results.get(ExplanationRecord) is not None
    return results


def comparison(
    before_name: str, before_text: str, after_name: str, after_text: str
) -> dict[str, Any]:
    """What changed from one text of a scenario to another, in the file and in the conclusions
    of the quick analyses (as ``standoff compare --format json`` says it).

    Raises
    ------
    ScenarioError
        If either text is not a valid scenario.
    """
    from standoff.report._compare import COMPARED, compare, comparison_data

    request = Request(only=COMPARED)
    before = run(loads(before_text, before_name), request)
    after = run(loads(after_text, after_name), request)
    return comparison_data(compare(before, after, before_text, after_text))


def export(path: str, kind: Export) -> str:
    """What ``standoff report PATH`` (``html``, ``markdown``) or ``standoff analyze PATH
    --format json`` writes, for the file on disk and the command line's default request.

    Raises
    ------
    ScenarioError
        If the file is not a valid scenario.
    """
    results = run(load(path), Request())
    if kind == "json":
        text = json.dumps(json_document(results), indent=2, ensure_ascii=False) + "\n"
    elif kind == "markdown":
        from standoff.report import briefing_markdown

        text = briefing_markdown(results)
    else:
        from standoff.report import briefing_html

        text = briefing_html(results)
    return encodable(text)
