"""``standoff simulate``: Monte Carlo over the talks of ``negotiation.protocol``."""

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

__all__ = ["simulate"]


@app.command()
def simulate(
    file: FileArgument,
    runs: Annotated[int, typer.Option(min=1, help="Simulated negotiations per variant.")] = 10_000,
    seed: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="The seed (default: fresh entropy, printed so a run can be repeated).",
            show_default=False,
        ),
    ] = None,
    tournament: Annotated[
        bool,
        typer.Option(
            "--tournament",
            help="Also play every strategy against every one: the standard ones and the "
            "file's own, with their parameters.",
        ),
    ] = False,
    variants: Annotated[
        bool,
        typer.Option(
            "--variants/--no-variants",
            help="Also run the talks without each deadline and with each belief corrected.",
        ),
    ] = True,
    workers: Workers = None,
    scheduler: Scheduler = None,
    output_format: TextOrJson = TextFormat.text,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Simulated talks under the protocol's deadlines, tactics and uncertainty: how often they
    end in agreement, breakdown or deadline, and what each side can expect."""  # fmt: skip
    from standoff.pipeline import Request

    check_output(output, file)
    scenario = load_scenario(file, debug)
    negotiation = scenario.negotiation
    if negotiation is None or negotiation.protocol is None:
        fail(f"{file} has no 'negotiation.protocol' section")
    request = guarded(
        debug,
        lambda: Request(
            only=frozenset({"talks"}),
            runs=runs,
            seed=seed,
            variants=variants,
            tournament=tournament,
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
            sections=("simulation", "provenance"),
            parties=False,
        )
