"""The ``standoff report`` command: the briefing, one self-contained HTML file (or Markdown).

``standoff analyze --format html|markdown`` writes the same briefing from the analyses it ran
(:func:`write_briefing`). A scenario with a ``negotiation.protocol`` gets its talks simulated
(``--runs`` per variant, from ``--seed``), in this process.
"""

from __future__ import annotations

from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from standoff.bargaining import BargainingAnalysis, bargain
from standoff.cli._app import (
    _PROGRESS_FROM,
    ALL_CONCEPTS,
    Concepts,
    Debug,
    FileArgument,
    _analyze,
    _destination,
    _guarded,
    _parse_concepts,
    _state_option,
    app,
)
from standoff.cli._extras import Extras
from standoff.conflict import Conflict, build_conflict
from standoff.evolution import status_quo_analysis
from standoff.negotiation import TalksSimulation
from standoff.perception import hypergame_analysis
from standoff.report._briefing import (
    SIMULATED_RUNS,
    SIMULATION_SEED,
    Briefing,
    provenance,
    simulated_talks,
)
from standoff.scenario import Scenario, load
from standoff.stability import StabilityAnalysis

__all__ = ["BriefingFormat", "briefing_text", "report", "write_briefing"]


class BriefingFormat(StrEnum):
    """Formats of the briefing."""

    html = "html"
    markdown = "markdown"


def briefing_text(brief: Briefing, output_format: str) -> str:
    """The briefing as HTML or Markdown text (the renderers are imported here, when needed)."""
    if output_format == BriefingFormat.markdown:
        from standoff.report._markdown import briefing_markdown

        return briefing_markdown(brief)
    from standoff.report._html import briefing_html

    return briefing_html(brief)


def write_briefing(
    console: Console,
    output_format: str,
    scenario: Scenario,
    *,
    conflict: Conflict | None = None,
    analysis: StabilityAnalysis | None = None,
    extras: Extras | None = None,
    bargaining: BargainingAnalysis | None = None,
    simulation: TalksSimulation | None = None,
    runs: int = SIMULATED_RUNS,
    seed: int = SIMULATION_SEED,
    debug: bool = False,
) -> None:
    """Write the briefing of analyses already run (``standoff analyze --format html``).

    The talks of a scenario with a ``negotiation.protocol`` are simulated ``runs`` times per
    variant from ``seed`` unless ``simulation`` gives them; a failure there exits as every
    command's failures do (``debug``: with the traceback).
    """
    if simulation is None:
        simulation = _guarded(debug, lambda: simulated_talks(scenario, runs, seed))
    brief = Briefing(
        scenario,
        provenance(scenario, seed=None if simulation is None else simulation.seed),
        conflict,
        analysis,
        None if extras is None else extras.evolution,
        None if extras is None else extras.hypergame,
        bargaining,
        simulation,
    )
    console.file.write(briefing_text(brief, output_format))


def _format_of(output: Path | None, chosen: BriefingFormat | None) -> BriefingFormat:
    if chosen is not None:
        return chosen
    if output is not None and output.suffix.lower() in {".md", ".markdown"}:
        return BriefingFormat.markdown
    return BriefingFormat.html


@app.command()
def report(
    file: FileArgument,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the briefing to this file instead of stdout."),
    ] = None,
    output_format: Annotated[
        BriefingFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html or markdown (default: markdown for a .md output, else html).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    concepts: Concepts = ALL_CONCEPTS,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Evolution from this state instead of the status quo (name, id or pattern).",
            show_default=False,
        ),
    ] = None,
    runs: Annotated[
        int,
        typer.Option(
            min=1, help="Simulated negotiations per variant, when the scenario has a protocol."
        ),
    ] = SIMULATED_RUNS,
    seed: Annotated[
        int, typer.Option(min=0, help="The seed of the simulated talks, named in the briefing.")
    ] = SIMULATION_SEED,
    debug: Debug = False,
) -> None:
    """A briefing to hand on: one self-contained HTML file with everything the scenario
    supports."""
    wanted = _parse_concepts(concepts)
    chosen = _format_of(output, output_format)
    scenario = _guarded(debug, lambda: load(file))
    bargaining = None
    if scenario.negotiation is not None:
        bargaining = _guarded(debug, lambda: bargain(scenario))
    simulation = _guarded(debug, lambda: simulated_talks(scenario, runs, seed))
    record = provenance(scenario, seed=None if simulation is None else simulation.seed)
    if scenario.conflict is None:
        brief = Briefing(scenario, record, bargaining=bargaining, simulation=simulation)
        with _destination(output, debug) as console:
            console.file.write(briefing_text(brief, chosen))
        return
    conflict = _guarded(debug, lambda: build_conflict(scenario))
    begin = _state_option(conflict, start, "--from")
    if begin is None:
        begin = conflict.status_quo
    with _destination(output, debug) as console:
        analysis = _guarded(debug, lambda: _analyze(conflict, wanted))
        stderr = Console(stderr=True)
        busy = stderr.is_terminal and conflict.state_count >= _PROGRESS_FROM
        with stderr.status("writing the briefing") if busy else nullcontext():
            evolution = None
            if begin is not None:
                evolution = _guarded(debug, lambda: status_quo_analysis(conflict, analysis, begin))
            hypergame = None
            if scenario.perceptions:
                hypergame = _guarded(debug, lambda: hypergame_analysis(conflict, wanted))
            brief = Briefing(
                scenario, record, conflict, analysis, evolution, hypergame, bargaining, simulation
            )
            text = _guarded(debug, lambda: briefing_text(brief, chosen))
        console.file.write(text)
