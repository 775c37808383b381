"""``standoff hypergame``: what each party believes, and where a misjudgment leads."""

from __future__ import annotations

from standoff.cli._app import app
from standoff.cli._options import (
    ALL_CONCEPTS,
    Concepts,
    Debug,
    FileArgument,
    Format,
    TextFormat,
    TextOrJson,
    parse_concepts,
)
from standoff.cli._output import show
from standoff.cli._run import console, fail, guarded, load_scenario, run_request

__all__ = ["hypergame"]


@app.command()
def hypergame(
    file: FileArgument,
    concepts: Concepts = ALL_CONCEPTS,
    output_format: TextOrJson = TextFormat.text,
    debug: Debug = False,
) -> None:
    """What each party believes, and where a misjudgment leads (the perceptions section)."""
    from standoff.pipeline import Request

    chosen = parse_concepts(concepts)
    scenario = load_scenario(file, debug)
    if not scenario.perceptions:
        fail(f"{file} has no 'perceptions' section")
    request = guarded(
        debug,
        lambda: Request(
            concepts=chosen, only=frozenset({"stability", "perceptions"}), list_limit=None
        ),
    )
    results = run_request(scenario, request, debug)
    show(console(), results, Format(output_format), sections=("perceptions",))
