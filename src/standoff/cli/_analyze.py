"""``standoff analyze``: everything the scenario supports, in any format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from standoff.cli._app import app
from standoff.cli._options import (
    ALL_CONCEPTS,
    AllLists,
    AllStates,
    CoalitionsOption,
    Concepts,
    Debug,
    FileArgument,
    Format,
    FromState,
    Horizons,
    Output,
    Runs,
    Samples,
    Seed,
    ToState,
    parse_concepts,
    parse_horizons,
)
from standoff.cli._output import show
from standoff.cli._run import check_output, destination, guarded, load_scenario, run_request

if TYPE_CHECKING:
    from standoff.pipeline import Request

__all__ = ["analysis_request", "analyze"]


def analysis_request(
    concepts: str,
    start: str | None,
    target: str | None,
    coalitions: bool,
    horizons: str | None,
    runs: int,
    seed: int,
    every_list: bool,
    all_states: bool = False,
    debug: bool = False,
    samples: int = 2_000,
) -> Request:
    """The request the analysis options ask for."""
    from standoff.pipeline import ROW_LIMIT, Request

    chosen = parse_concepts(concepts)
    chosen_horizons = parse_horizons(horizons)
    return guarded(
        debug,
        lambda: Request(
            concepts=chosen,
            start=start,
            target=target,
            coalitions="all" if coalitions else "declared",
            horizons=chosen_horizons,
            runs=runs,
            seed=seed,
            samples=samples,
            list_limit=None if every_list else Request().list_limit,
            row_limit=None if every_list or all_states else ROW_LIMIT,
        ),
    )


@app.command()
def analyze(
    file: FileArgument,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="text (tables), json (format 1), or a briefing: markdown or html.",
            case_sensitive=False,
        ),
    ] = Format.text,
    concepts: Concepts = ALL_CONCEPTS,
    start: FromState = None,
    target: ToState = None,
    coalitions: CoalitionsOption = False,
    horizons: Horizons = None,
    runs: Runs = 2_000,
    seed: Seed = 0,
    samples: Samples = 2_000,
    output: Output = None,
    every_list: AllLists = False,
    all_states: AllStates = False,
    debug: Debug = False,
) -> None:
    """Everything the scenario supports: stability of every state under each concept, the
    equilibria, evolution, coalitions, perceptions, robustness, bargaining and simulated
    talks."""
    request = analysis_request(
        concepts,
        start,
        target,
        coalitions,
        horizons,
        runs,
        seed,
        every_list,
        all_states,
        debug,
        samples,
    )
    check_output(output, file)
    scenario = load_scenario(file, debug)
    if scenario.conflict is None and scenario.negotiation is None:
        from standoff.conflict import build_conflict

        guarded(debug, lambda: build_conflict(scenario))  # says there is nothing to analyse
    results = run_request(scenario, request, debug)
    with destination(output, debug) as console:
        show(console, results, output_format)
