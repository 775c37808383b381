"""``standoff bargain``: who holds the strong hand (the ``negotiation`` section); with
``--deal``, the score of a draft agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from standoff.cli._app import app
from standoff.cli._options import Debug, FileArgument, Format, Output, TextFormat, TextOrJson
from standoff.cli._output import show
from standoff.cli._run import (
    check_output,
    destination,
    fail,
    guarded,
    load_scenario,
    run_request,
)

if TYPE_CHECKING:
    from pathlib import Path

    from standoff.scenario import Negotiation, Scenario

__all__ = ["bargain"]


@app.command()
def bargain(
    file: FileArgument,
    output_format: TextOrJson = TextFormat.text,
    output: Output = None,
    deal: Annotated[
        str | None,
        typer.Option(
            "--deal",
            help="Score this draft agreement instead: ISSUE=LEVEL for every issue, separated "
            'by commas (e.g. "sanctions=partial, program=verified_freeze").',
            show_default=False,
        ),
    ] = None,
    debug: Debug = False,
) -> None:
    """Who holds the strong hand: BATNAs and what they rest on, the ZOPA, fair agreements and
    leverage (the negotiation section); with a compliance part, which deals would be kept.
    With --deal: who gains from a draft agreement, who would reject it and why, and what would
    improve it."""
    from standoff.pipeline import Request

    check_output(output, file)
    scenario = load_scenario(file, debug)
    negotiation = scenario.negotiation
    if negotiation is None:
        fail(f"{file} has no 'negotiation' section")
    if deal is not None:
        _score_draft(scenario, negotiation, deal, output_format, output, debug)
        return
    analyses = frozenset({"bargaining", "compliance"})  # compliance: when the file has pledges
    results = run_request(scenario, Request(only=analyses), debug)
    with destination(output, debug) as console:
        show(console, results, Format(output_format), sections=("bargaining", "compliance"))


def _score_draft(
    scenario: Scenario,
    negotiation: Negotiation,
    deal: str,
    output_format: TextFormat,
    output: Path | None,
    debug: bool,
) -> None:
    """``--deal``: the draft checked against the issues (a bad one exits 2), then scored."""
    from standoff.bargaining import draft_outcome, parse_deal
    from standoff.pipeline import Request

    given = guarded(debug, lambda: parse_deal(deal))
    guarded(debug, lambda: draft_outcome(negotiation, given))
    # compliance too, when the file has pledges: whether the draft would be kept
    wanted = {"draft"} if negotiation.compliance.empty else {"draft", "compliance"}
    request = Request(only=frozenset(wanted), deal=tuple(given.items()))
    results = run_request(scenario, request, debug)
    with destination(output, debug) as console:
        show(console, results, Format(output_format), sections=("draft", "compliance"))
