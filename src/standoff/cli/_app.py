"""The ``standoff`` command: ``check`` a scenario, ``analyze`` its stability.

Exit status: 0 success; 2 invalid input (one ``FILE:LINE:COLUMN: error: message`` line per problem
on standard error, or a usage error); 1 anything else, as one line, with no traceback unless
``--debug`` is given.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from standoff._version import __version__
from standoff.bargaining import BargainingAnalysis, bargain
from standoff.cli._extras import Request, extra_analyses, parse_horizons
from standoff.conflict import Conflict, build_conflict
from standoff.errors import ScenarioError
from standoff.perception import hypergame_analysis
from standoff.report import (
    analysis_document,
    analysis_view,
    bargaining_document,
    bargaining_view,
    conflict_view,
    explanation_document,
    explanation_view,
    options_view,
    perceptions_document,
    perceptions_view,
    scenario_document,
)
from standoff.scenario import Scenario, load
from standoff.scenario._source import did_you_mean
from standoff.stability import CONCEPTS, StabilityAnalysis, analyze
from standoff.stability import explain as explain_stability

__all__ = ["app", "main"]

app = typer.Typer(
    name="standoff",
    help="Analyse strategic conflicts and negotiations described in scenario files.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_PROGRESS_FROM = 20_000  # states; smaller analyses finish before a bar would be useful
T = TypeVar("T")


class OutputFormat(StrEnum):
    """Output formats of ``analyze``."""

    text = "text"
    json = "json"


class AnalyzeFormat(StrEnum):
    """Output formats of ``analyze``: also the briefing (``standoff report``)."""

    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


FileArgument = Annotated[
    str, typer.Argument(help="The scenario file (YAML, format 1).", metavar="FILE")
]
AllStates = Annotated[bool, typer.Option("--all-states", help="List every state, however many.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of unexpected errors.")]
ALL_CONCEPTS = ",".join(CONCEPTS)
Concepts = Annotated[
    str, typer.Option(help="Comma-separated concepts to compute: nash, gmr, smr, seq, sim, seqsim.")
]
TextOrJson = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="text or json.", case_sensitive=False)
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"standoff {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Analyse strategic conflicts and negotiations described in scenario files."""


@app.command()
def check(file: FileArgument, all_states: AllStates = False, debug: Debug = False) -> None:
    """Validate a scenario and list its options and states."""
    scenario = _guarded(debug, lambda: load(file))
    if scenario.conflict is None:
        note = "no 'conflict' section: nothing to analyse for stability"
        _console().print(scenario.title, "", options_view(scenario), "", note, sep="\n")
        return
    conflict = _guarded(debug, lambda: build_conflict(scenario))
    _console().print(conflict_view(conflict, all_states=all_states))


@app.command("analyze")
def analyze_command(
    file: FileArgument,
    output_format: Annotated[
        AnalyzeFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (a table), json (format 1), or a briefing: markdown or html.",
            case_sensitive=False,
        ),
    ] = AnalyzeFormat.text,
    concepts: Concepts = ALL_CONCEPTS,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Status quo analysis from this state (name, id or pattern).",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Also list the states from which this state can be reached.",
            show_default=False,
        ),
    ] = None,
    coalitions: Annotated[
        bool, typer.Option("--coalitions", help="Try every coalition of two or more parties.")
    ] = False,
    horizons: Annotated[
        str | None,
        typer.Option(
            help="Limited-move stability for these horizons (e.g. 2-8), and NM; two parties only.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    all_states: AllStates = False,
    debug: Debug = False,
) -> None:
    """Everything the scenario supports: stability of every state under each concept, the
    equilibria, and the sections for perceptions and bargaining."""
    wanted = _parse_concepts(concepts)
    chosen_horizons = parse_horizons(horizons)
    scenario = _guarded(debug, lambda: load(file))
    if scenario.conflict is None and scenario.negotiation is not None:
        only = _guarded(debug, lambda: bargain(scenario))
        with _destination(output, debug) as console:
            if output_format in (AnalyzeFormat.markdown, AnalyzeFormat.html):
                _report.write_briefing(console, output_format, scenario, bargaining=only)
                return
            if output_format is AnalyzeFormat.json:
                _show_bargaining(console, scenario, only, True, _simulated(scenario, debug))
            else:
                _show_bargaining(console, scenario, only, False)
                _show_simulation(console, scenario, debug)
        return
    conflict = _guarded(debug, lambda: build_conflict(scenario))
    request = Request(
        start=_state_option(conflict, start, "--from"),
        target=_state_option(conflict, target, "--to"),
        every_coalition=coalitions,
        horizons=chosen_horizons,
    )
    with _destination(output, debug) as console:
        analysis = _guarded(debug, lambda: _analyze(conflict, wanted))
        extras = _guarded(debug, lambda: extra_analyses(conflict, analysis, request, _warn))
        bargaining: BargainingAnalysis | None = None
        if scenario.negotiation is not None:
            bargaining = _guarded(debug, lambda: bargain(scenario))
        if output_format in (AnalyzeFormat.markdown, AnalyzeFormat.html):
            _report.write_briefing(
                console,
                output_format,
                scenario,
                conflict=conflict,
                analysis=analysis,
                extras=extras,
                bargaining=bargaining,
            )
        elif output_format is AnalyzeFormat.json:
            document = analysis_document(conflict, analysis) | extras.document(conflict)
            if bargaining is not None:
                document["bargaining"] = bargaining_document(bargaining)
            simulated = _simulated(scenario, debug)
            if simulated is not None:
                document["simulation"] = simulated
            console.file.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        else:
            console.print(analysis_view(conflict, analysis, all_states=all_states))
            for view in extras.views(conflict):
                console.print()
                console.print(view)
            if bargaining is not None:
                console.print()
                console.print(bargaining_view(bargaining))
            _show_simulation(console, scenario, debug)


@app.command("bargain")
def bargain_command(
    file: FileArgument,
    output_format: TextOrJson = OutputFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    debug: Debug = False,
) -> None:
    """Who holds the strong hand: BATNAs and what they rest on, the ZOPA, fair agreements and
    leverage (the negotiation section)."""
    scenario = _guarded(debug, lambda: load(file))
    if scenario.negotiation is None:
        typer.echo(f"standoff: error: {file} has no 'negotiation' section", err=True)
        raise typer.Exit(1)
    bargaining = _guarded(debug, lambda: bargain(scenario))
    with _destination(output, debug) as console:
        _show_bargaining(console, scenario, bargaining, output_format is OutputFormat.json)


@app.command()
def explain(
    file: FileArgument,
    party: Annotated[str, typer.Option(help="The party whose stability to explain.")],
    state: Annotated[str, typer.Option(help="The state: a name, an id or a pattern.")],
    concept: Annotated[
        str, typer.Option(help="Concepts to explain, comma-separated (default: all six).")
    ] = ALL_CONCEPTS,
    output_format: TextOrJson = OutputFormat.text,
    debug: Debug = False,
) -> None:
    """Why a state is or is not stable for a party: each improvement and its sanction."""
    wanted = [c for c in CONCEPTS if c in _parse_concepts(concept, "--concept")]
    conflict = _guarded(debug, lambda: _conflict(file))
    movers = [p.id for p in conflict.movers]
    if party not in movers:
        hint = did_you_mean(party, movers) or f" (expected one of {', '.join(movers)})"
        raise typer.BadParameter(
            f"'{party}' is not a party with options{hint}", param_hint="'--party'"
        )
    index = _state_option(conflict, state, "--state")
    assert index is not None
    explanations = [explain_stability(conflict, party, index, c) for c in wanted]
    console = _console()
    if output_format is OutputFormat.json:
        documents = [explanation_document(conflict, e) for e in explanations]
        console.file.write(json.dumps(documents, indent=2, ensure_ascii=False) + "\n")
        return
    for position, explanation in enumerate(explanations):
        if position:
            console.print()
        console.print(explanation_view(conflict, explanation))


@app.command()
def hypergame(
    file: FileArgument,
    concepts: Concepts = ALL_CONCEPTS,
    output_format: TextOrJson = OutputFormat.text,
    debug: Debug = False,
) -> None:
    """What each party believes, and where a misjudgment leads (the perceptions section)."""
    wanted = _parse_concepts(concepts)
    conflict = _guarded(debug, lambda: _conflict(file))
    if not conflict.scenario.perceptions:
        typer.echo(f"standoff: error: {file} has no 'perceptions' section", err=True)
        raise typer.Exit(1)
    analysis = _guarded(debug, lambda: _analyze(conflict, wanted))
    found = _guarded(debug, lambda: hypergame_analysis(conflict, wanted))
    console = _console()
    if output_format is OutputFormat.json:
        document = analysis_document(conflict, analysis) | {
            "perceptions": perceptions_document(found)
        }
        console.file.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    console.print(perceptions_view(conflict, found, detail=True))


def main() -> None:
    """Entry point of the ``standoff`` console script."""
    app()


# -- helpers ---------------------------------------------------------------------------------------


def _conflict(file: str) -> Conflict:
    return build_conflict(load(file))


def _simulated(scenario: Scenario, debug: bool) -> dict[str, object] | None:
    """The ``simulation`` document of the summary ``analyze`` includes, if there is a protocol."""
    from standoff.cli._simulate import run_simulation
    from standoff.report._simulation import simulation_document

    result = run_simulation(scenario, debug)
    return None if result is None else simulation_document(result)


def _show_simulation(console: Console, scenario: Scenario, debug: bool) -> None:
    """The simulated talks in ``analyze``'s text, if the scenario has a protocol."""
    from standoff.cli._simulate import run_simulation
    from standoff.report._simulation_view import simulation_view

    result = run_simulation(scenario, debug)
    if result is not None:
        console.print()
        console.print(simulation_view(result))


def _show_bargaining(
    console: Console,
    scenario: Scenario,
    bargaining: BargainingAnalysis,
    as_json: bool,
    simulation: dict[str, object] | None = None,
) -> None:
    if as_json:
        document = scenario_document(scenario) | {"bargaining": bargaining_document(bargaining)}
        if simulation is not None:
            document["simulation"] = simulation
        console.file.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        console.print(bargaining_view(bargaining))


def _analyze(conflict: Conflict, concepts: list[str]) -> StabilityAnalysis:
    stderr = Console(stderr=True)
    if not stderr.is_terminal or conflict.state_count < _PROGRESS_FROM:
        return analyze(conflict, concepts)
    from rich.progress import Progress

    computed = set(concepts) | ({"seq", "sim"} if "seqsim" in concepts else set())
    steps = len(conflict.movers) * len(computed - {"seqsim"})
    with Progress(console=stderr, transient=True) as progress:
        task = progress.add_task("analysing", total=steps)

        def advance(concept: str, party: str) -> None:
            progress.update(task, advance=1, description=f"{concept.upper()} for {party}")

        return analyze(conflict, concepts, progress=advance)


def _parse_concepts(text: str, option: str = "--concepts") -> list[str]:
    aliases = {"seq+sim": "seqsim", "r": "nash"}
    chosen = []
    for raw in (item for item in text.split(",") if item.strip()):
        name = aliases.get(raw.strip().lower(), raw.strip().lower())
        if name not in CONCEPTS:
            hint = did_you_mean(name, CONCEPTS)
            raise typer.BadParameter(
                f"unknown concept '{raw.strip()}'{hint}; expected some of {', '.join(CONCEPTS)}",
                param_hint=f"'{option}'",
            )
        chosen.append(name)
    if not chosen:
        raise typer.BadParameter(
            f"no concept given; expected some of {', '.join(CONCEPTS)}", param_hint=f"'{option}'"
        )
    return chosen


def _state_option(conflict: Conflict, text: str | None, option: str) -> int | None:
    if text is None:
        return None
    try:
        return conflict.find_state(text)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None


def _warn(message: str) -> None:
    typer.echo(f"standoff: warning: {message}", err=True)


def _guarded(debug: bool, action: Callable[[], T]) -> T:
    """Run ``action``; report invalid input with exit 2 and other failures with exit 1."""
    try:
        return action()
    except ScenarioError as error:
        for diagnostic in error.diagnostics:
            typer.echo(str(diagnostic), err=True)
        raise typer.Exit(2) from None
    except Exception as error:
        if debug:
            raise
        typer.echo(f"standoff: error: {error}", err=True)
        raise typer.Exit(1) from None


@contextmanager
def _destination(output: Path | None, debug: bool) -> Iterator[Console]:
    if output is None:
        yield _console()
        return
    try:
        handle = output.open("w", encoding="utf-8")
    except OSError as error:
        if debug:
            raise
        typer.echo(f"standoff: error: cannot write '{output}': {error.strerror}", err=True)
        raise typer.Exit(1) from None
    with handle:
        yield Console(file=handle, width=120, color_system=None, soft_wrap=False)


def _console() -> Console:
    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 120)


from standoff.cli import _report, _simulate  # noqa: E402, F401  (register `report`, `simulate`)
