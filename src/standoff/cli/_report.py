"""``standoff report``: the briefing, one self-contained HTML file (or Markdown).

Without ``--output``, the briefing goes to ``<scenario stem>.html`` (or ``.md``) in the current
directory when standard output is a terminal, and the command says where; piped, it goes to
standard output.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from standoff._text import printable
from standoff.cli._analyze import analysis_request
from standoff.cli._app import app
from standoff.cli._options import (
    ALL_CONCEPTS,
    AllLists,
    CoalitionsOption,
    Concepts,
    Debug,
    FileArgument,
    Format,
    FromState,
    Horizons,
    Runs,
    Samples,
    Seed,
    ToState,
)
from standoff.cli._output import show
from standoff.cli._run import check_output, destination, load_scenario, run_request

__all__ = ["BriefingFormat", "report"]


class BriefingFormat(StrEnum):
    """Formats of the briefing."""

    html = "html"
    markdown = "markdown"


def _format_of(output: Path | None, chosen: BriefingFormat | None) -> BriefingFormat:
    if chosen is not None:
        return chosen
    if output is not None and output.suffix.lower() in {".md", ".markdown"}:
        return BriefingFormat.markdown
    return BriefingFormat.html


def _on_terminal() -> bool:
    """Whether standard output is a terminal (a briefing then goes to a file)."""
    return sys.stdout.isatty()


@app.command()
def report(
    file: FileArgument,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the briefing to this file (default: FILE's stem with .html in the "
            "current directory on a terminal, standard output when piped).",
            show_default=False,
        ),
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
    start: FromState = None,
    target: ToState = None,
    coalitions: CoalitionsOption = False,
    horizons: Horizons = None,
    runs: Runs = 2_000,
    seed: Seed = 0,
    samples: Samples = 2_000,
    every_list: AllLists = False,
    debug: Debug = False,
) -> None:
    """A briefing to hand on: one self-contained HTML file with every analysis the scenario
    and the options ask for."""
    request = analysis_request(
        concepts,
        start,
        target,
        coalitions,
        horizons,
        runs,
        seed,
        every_list,
        debug=debug,
        samples=samples,
    )
    chosen = _format_of(output, output_format)
    said = None
    if output is None and _on_terminal():
        suffix = ".md" if chosen is BriefingFormat.markdown else ".html"
        output = Path(Path(file).stem + suffix)
        said = output
    check_output(output, file)
    scenario = load_scenario(file, debug)
    results = run_request(scenario, request, debug)
    with destination(output, debug) as console:
        show(console, results, Format(chosen.value))
    if said is not None:
        typer.echo(printable(f"The briefing is in {said.resolve()}"), err=True)
