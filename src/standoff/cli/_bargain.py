"""``standoff bargain``: who holds the strong hand (the ``negotiation`` section)."""

from __future__ import annotations

import typer

from standoff.cli._app import app
from standoff.cli._options import Debug, FileArgument, Format, Output, TextFormat, TextOrJson
from standoff.cli._output import show
from standoff.cli._run import destination, load_scenario, run_request

__all__ = ["bargain"]


@app.command()
def bargain(
    file: FileArgument,
    output_format: TextOrJson = TextFormat.text,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Who holds the strong hand: BATNAs and what they rest on, the ZOPA, fair agreements and
    leverage (the negotiation section)."""
    from standoff.pipeline import Request

    scenario = load_scenario(file, debug)
    if scenario.negotiation is None:
        typer.echo(f"standoff: error: {file} has no 'negotiation' section", err=True)
        raise typer.Exit(1)
    results = run_request(scenario, Request(only=frozenset({"bargaining"})), debug)
    with destination(output, debug) as console:
        show(console, results, Format(output_format), sections=("bargaining",))
