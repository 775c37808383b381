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
from standoff.conflict import Conflict, build_conflict
from standoff.errors import ScenarioError
from standoff.report import analysis_document, analysis_view, conflict_view, options_view
from standoff.scenario import load
from standoff.scenario._source import did_you_mean
from standoff.stability import CONCEPTS, StabilityAnalysis, analyze

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


FileArgument = Annotated[
    str, typer.Argument(help="The scenario file (YAML, format 1).", metavar="FILE")
]
AllStates = Annotated[bool, typer.Option("--all-states", help="List every state, however many.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of unexpected errors.")]


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
        OutputFormat,
        typer.Option(
            "--format", "-f", help="text (a table) or json (format 1).", case_sensitive=False
        ),
    ] = OutputFormat.text,
    concepts: Annotated[
        str,
        typer.Option(help="Comma-separated concepts to compute: nash, gmr, smr, seq, sim, seqsim."),
    ] = ",".join(CONCEPTS),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    all_states: AllStates = False,
    debug: Debug = False,
) -> None:
    """Stability of every state under each concept, and the equilibria."""
    wanted = _parse_concepts(concepts)
    conflict = _guarded(debug, lambda: _conflict(file))
    with _destination(output, debug) as console:
        analysis = _guarded(debug, lambda: _analyze(conflict, wanted))
        if output_format is OutputFormat.json:
            document = analysis_document(conflict, analysis)
            console.file.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        else:
            console.print(analysis_view(conflict, analysis, all_states=all_states))


def main() -> None:
    """Entry point of the ``standoff`` console script."""
    app()


# -- helpers ---------------------------------------------------------------------------------------


def _conflict(file: str) -> Conflict:
    return build_conflict(load(file))


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


def _parse_concepts(text: str) -> list[str]:
    aliases = {"seq+sim": "seqsim", "r": "nash"}
    chosen = []
    for raw in (item for item in text.split(",") if item.strip()):
        name = aliases.get(raw.strip().lower(), raw.strip().lower())
        if name not in CONCEPTS:
            hint = did_you_mean(name, CONCEPTS)
            raise typer.BadParameter(
                f"unknown concept '{raw.strip()}'{hint}; expected some of {', '.join(CONCEPTS)}",
                param_hint="'--concepts'",
            )
        chosen.append(name)
    if not chosen:
        raise typer.BadParameter(
            f"no concept given; expected some of {', '.join(CONCEPTS)}", param_hint="'--concepts'"
        )
    return chosen


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
