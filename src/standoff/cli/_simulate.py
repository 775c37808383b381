"""The ``standoff simulate`` command: Monte Carlo over the talks of ``negotiation.protocol``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from standoff.cli._app import (
    Debug,
    FileArgument,
    OutputFormat,
    TextOrJson,
    _destination,
    _guarded,
    app,
)
from standoff.negotiation import TalksSimulation, simulate_talks
from standoff.report import scenario_document
from standoff.report._simulation import simulation_document
from standoff.scenario import Scenario, load

__all__ = ["ANALYZE_RUNS", "ANALYZE_SEED", "run_simulation", "simulate", "simulation_json"]

ANALYZE_RUNS = 2000
"""Runs per variant when ``analyze`` summarises the simulated talks."""
ANALYZE_SEED = 0
"""The seed ``analyze`` uses, so that its output is reproducible."""


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
        bool, typer.Option("--tournament", help="Also play every strategy against every one.")
    ] = False,
    variants: Annotated[
        bool,
        typer.Option(
            "--variants/--no-variants",
            help="Also run the talks without each deadline and with each belief corrected.",
        ),
    ] = True,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, help="Processes of the local pool (default: one per CPU).", show_default=False
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run on this Dask scheduler (tcp://HOST:PORT) instead of locally.",
            show_default=False,
        ),
    ] = None,
    output_format: TextOrJson = OutputFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    debug: Debug = False,
) -> None:
    """Simulated talks under the protocol's deadlines, tactics and uncertainty: how often they
    end in agreement, breakdown or deadline, and what each side can expect."""  # fmt: skip
    scenario = _guarded(debug, lambda: load(file))
    negotiation = scenario.negotiation
    if negotiation is None or negotiation.protocol is None:
        typer.echo(f"standoff: error: {file} has no 'negotiation.protocol' section", err=True)
        raise typer.Exit(1)
    with _progress() as progress:
        result = _guarded(
            debug,
            lambda: simulate_talks(
                scenario,
                runs,
                seed,
                with_variants=variants,
                with_tournament=tournament,
                workers=workers,
                scheduler=scheduler,
                progress=progress,
            ),
        )
    with _destination(output, debug) as console:
        if output_format is OutputFormat.json:
            document = simulation_json(scenario, result)
            console.file.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        else:
            from standoff.report._simulation_view import simulation_view

            console.print(simulation_view(result))


def run_simulation(scenario: Scenario, debug: bool) -> TalksSimulation | None:
    """The summary ``analyze`` shows: :data:`ANALYZE_RUNS` runs per variant, seed
    :data:`ANALYZE_SEED`, in this process; ``None`` without a protocol."""
    negotiation = scenario.negotiation
    if negotiation is None or negotiation.protocol is None:
        return None
    return _guarded(debug, lambda: simulate_talks(scenario, ANALYZE_RUNS, ANALYZE_SEED, workers=1))


def simulation_json(scenario: Scenario, result: TalksSimulation) -> dict[str, object]:
    """The document ``simulate --format json`` writes."""
    return scenario_document(scenario, parties=False) | {"simulation": simulation_document(result)}


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal's standard error; nothing when it is piped."""
    stderr = Console(stderr=True)
    if not stderr.is_terminal:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=stderr, transient=True) as bar:
        task = bar.add_task("simulating", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
