"""``standoff inverse``: what would have to change in the preferences for a state to be stable."""

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

__all__ = ["inverse"]


@app.command()
def inverse(
    file: FileArgument,
    state: Annotated[str, typer.Option(help="The desired state: a name, an id or a pattern.")],
    concept: Annotated[
        str, typer.Option(help="Concepts to ask about, comma-separated (default: all six).")
    ] = ALL_CONCEPTS,
    party: Annotated[
        list[str] | None,
        typer.Option(
            help="Only this party's preferences may change (repeat for several).",
            metavar="PARTY",
        ),
    ] = None,
    vary: Annotated[
        list[str] | None,
        typer.Option(
            help="Count the profiles that permute positions FROM-TO of PARTY's ranking "
            "(PARTY:FROM-TO; repeat for several parties).",
            metavar="PARTY:FROM-TO",
        ),
    ] = None,
    samples: Annotated[
        int,
        typer.Option(
            min=1,
            max=10_000_000,
            help="Profiles drawn when a count has too many to evaluate one by one.",
        ),
    ] = 20_000,
    seed: Annotated[int, typer.Option(min=0, help="The seed of drawn profiles.")] = 0,
    output_format: TextOrJson = TextFormat.text,
    debug: Debug = False,
) -> None:
    """What would make a state stable: conditions, fewest changes and counts of profiles."""
    from standoff.pipeline import Request
    from standoff.report._sections._inverse import inverse_data

    chosen = parse_concepts(concept, "--concept")
    scenario = load_scenario(file, debug)
    request = guarded(
        debug,
        lambda: Request(
            concepts=chosen,
            inverse=state,
            inverse_parties=tuple(party or ()),
            vary=tuple(vary or ()),
            samples=samples,
            seed=seed,
            hinges=False,
            only=frozenset({"inverse"}),
        ),
    )
    results = run_request(scenario, request, debug)
    if output_format is TextFormat.json:
        document = inverse_data(results).get("inverse", {})
        console().file.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    show(console(), results, Format.text, sections=("inverse",))
