"""``standoff import actors``: an actor table (CSV) as a scenario with a ``forecast:`` section.

The columns are documented in docs/scenario-format.md ("Importing an actor table"). The scenario
goes to standard output or ``--output`` (written whole or not at all); columns that are not read
are named on standard error as ``FILE: note: ...`` lines, and the command still succeeds. A
malformed table exits 2 with one ``FILE:LINE:COLUMN: error: message`` line per problem.
"""

from __future__ import annotations

from typing import Annotated

import typer

from standoff._text import printable
from standoff.cli._import import import_app
from standoff.cli._import_gmcr import _check_output
from standoff.cli._options import Debug, Output
from standoff.cli._run import destination, guarded

__all__ = ["actors"]


def _scale(text: str) -> tuple[float, float]:
    """``LOW,HIGH`` as two numbers, low below high."""
    parts = text.split(",")
    try:
        low, high = (float(part) for part in parts)
    except ValueError:
        raise typer.BadParameter(
            printable(f"'{text}' is not LOW,HIGH (two numbers)"), param_hint="'--scale'"
        ) from None
    if not low < high:
        raise typer.BadParameter(
            f"the low end {low:g} must be below the high end {high:g}", param_hint="'--scale'"
        )
    return low, high


@import_app.command("actors")
def actors(
    file: Annotated[str, typer.Argument(help="The actor table (CSV).", metavar="FILE")],
    issue: Annotated[
        str | None,
        typer.Option(help="The issue of the plain 'position' and 'salience' columns."),
    ] = None,
    scale: Annotated[
        str, typer.Option(help="LOW,HIGH: the ends of every issue's scale.", metavar="LOW,HIGH")
    ] = "0,100",
    output: Output = None,
    title: Annotated[
        str | None,
        typer.Option(help="The scenario's title (default: FILE's name without its extension)."),
    ] = None,
    debug: Debug = False,
) -> None:
    """Turn an actor table (CSV: actor, capability, position, salience) into a scenario."""
    from standoff.interop import actor_table_scenario, read_actor_table

    ends = _scale(scale)
    if issue is not None and not issue.isidentifier():
        raise typer.BadParameter(
            printable(f"'{issue}' is not a valid issue id (letters, digits and '_')"),
            param_hint="'--issue'",
        )
    _check_output(output, file)
    imported = guarded(
        debug,
        lambda: actor_table_scenario(read_actor_table(file, issue=issue, scale=ends), title=title),
    )
    with destination(output, debug) as console:
        console.file.write(imported.text)
    for note in imported.notes:
        typer.echo(printable(f"{file}: note: {note}"), err=True)
