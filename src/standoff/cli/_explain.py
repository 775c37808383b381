"""``standoff explain``: why a state is or is not stable for a party."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from standoff.cli._app import app
from standoff.cli._options import (
    ALL_CONCEPTS,
    Debug,
    FileArgument,
    Format,
    TextFormat,
    TextOrJson,
    parse_concepts,
)
from standoff.cli._output import show
from standoff.cli._run import console, guarded, load_scenario, run_request

__all__ = ["explain"]


@app.command()
def explain(
    file: FileArgument,
    party: Annotated[str, typer.Option(help="The party whose stability to explain.")],
    state: Annotated[str, typer.Option(help="The state: a name, an id or a pattern.")],
    concept: Annotated[
        str, typer.Option(help="Concepts to explain, comma-separated (default: all six).")
    ] = ALL_CONCEPTS,
    output_format: TextOrJson = TextFormat.text,
    debug: Debug = False,
) -> None:
    """Why a state is or is not stable for a party: each improvement and its sanction."""
    from standoff.pipeline import Request
    from standoff.report._sections._explanation import explanations_data

    chosen = parse_concepts(concept, "--concept")
    scenario = load_scenario(file, debug)
    request = guarded(
        debug,
        lambda: Request(concepts=chosen, explain=(party, state), only=frozenset({"explanation"})),
    )
    results = run_request(scenario, request, debug)
    if output_format is TextFormat.json:
        documents = explanations_data(results).get("explanations", [])
        console().file.write(json.dumps(documents, indent=2, ensure_ascii=False) + "\n")
        return
    show(console(), results, Format.text, sections=("explanation",))
