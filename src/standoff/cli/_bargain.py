"""``standoff bargain``: who holds the strong hand (the ``negotiation`` section)."""

from __future__ import annotations

from standoff.cli._app import app
from standoff.cli._options import Debug, FileArgument, Format, Output, TextFormat, TextOrJson
from standoff.cli._output import show
from standoff.cli._run import check_output, destination, fail, load_scenario, run_request

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

    check_output(output, file)
    scenario = load_scenario(file, debug)
    if scenario.negotiation is None:
        fail(f"{file} has no 'negotiation' section")
    results = run_request(scenario, Request(only=frozenset({"bargaining"})), debug)
    with destination(output, debug) as console:
        show(console, results, Format(output_format), sections=("bargaining",))
