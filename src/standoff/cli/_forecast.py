"""``standoff forecast``: where many actors' positions on each policy scale converge."""

from __future__ import annotations

from typing import Annotated

import typer

from standoff.cli._app import app
from standoff.cli._options import (
    Debug,
    FileArgument,
    Format,
    Output,
    Scheduler,
    TextFormat,
    TextOrJson,
    Workers,
)
from standoff.cli._output import show
from standoff.cli._run import (
    check_output,
    destination,
    fail,
    guarded,
    load_scenario,
    run_request,
)

__all__ = ["forecast"]


@app.command()
def forecast(
    file: FileArgument,
    runs: Annotated[
        int, typer.Option(min=1, help="Monte Carlo runs when the section has uncertain inputs.")
    ] = 1_000,
    seed: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="The seed (default: fresh entropy, printed so a run can be repeated).",
            show_default=False,
        ),
    ] = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
    output_format: TextOrJson = TextFormat.text,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Many actors on policy scales: the compromise, the weighted median, the pairwise-vote
    position and the expected-utility challenge model, round by round."""  # fmt: skip
    from standoff.pipeline import Request

    check_output(output, file)
    scenario = load_scenario(file, debug)
    if scenario.forecast is None:
        fail(f"{file} has no 'forecast' section")
    request = guarded(
        debug,
        lambda: Request(
            only=frozenset({"forecast"}),
            runs=runs,
            seed=seed,
            workers=workers,
            scheduler=scheduler,
        ),
    )
    results = run_request(scenario, request, debug)
    with destination(output, debug) as console:
        show(
            console,
            results,
            Format(output_format),
            sections=("forecast", "provenance"),
            parties=False,
        )
