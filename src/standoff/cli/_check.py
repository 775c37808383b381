"""``standoff check``: validate a scenario and list its options and states."""

from __future__ import annotations

from standoff.cli._app import app
from standoff.cli._options import AllLists, AllStates, Debug, FileArgument, Format
from standoff.cli._output import show
from standoff.cli._run import console, guarded, load_scenario, run_request

__all__ = ["check"]


@app.command()
def check(
    file: FileArgument,
    all_states: AllStates = False,
    every_list: AllLists = False,
    debug: Debug = False,
) -> None:
    """Validate a scenario and list its options and states."""
    from standoff.pipeline import ROW_LIMIT, Request

    scenario = load_scenario(file, debug)
    request = guarded(
        debug,
        lambda: Request(
            only=frozenset({"conflict"}), row_limit=None if all_states or every_list else ROW_LIMIT
        ),
    )
    results = run_request(scenario, request, debug)
    show(console(), results, Format.text, sections=("situation", "states", "contents"))
    if scenario.conflict is None:
        console().print("no 'conflict' section: nothing to analyse for stability", markup=False)
