"""``standoff import gmcr``: a GMCR+ save file (``.gmcr``) as a scenario.

The scenario goes to standard output or ``--output`` (written whole or not at all); what the
import could not carry over, or where GMCR+'s own results would differ from standoff's, is printed
on standard error as ``FILE: note: ...`` lines, and the command still succeeds. A malformed file
exits 2 with one ``FILE:LINE:COLUMN: error: PATH: message`` line per problem.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from standoff._text import printable
from standoff.cli._import import import_app
from standoff.cli._options import Debug, Output
from standoff.cli._run import destination, guarded

__all__ = ["gmcr"]


@import_app.command("gmcr")
def gmcr(
    file: Annotated[str, typer.Argument(help="The GMCR+ save file (.gmcr, JSON).", metavar="FILE")],
    output: Output = None,
    title: Annotated[
        str | None,
        typer.Option(help="The scenario's title (default: FILE's name without its extension)."),
    ] = None,
    debug: Debug = False,
) -> None:
    """Turn a GMCR+ save file (.gmcr) into a scenario (YAML, format 1)."""
    from standoff.interop import gmcr_scenario, read_gmcr

    _check_output(output, file)
    imported = guarded(debug, lambda: gmcr_scenario(read_gmcr(file), title=title))
    with destination(output, debug) as console:
        console.file.write(imported.text)
    for note in imported.notes:
        typer.echo(printable(f"{file}: note: {note}"), err=True)


def _check_output(output: Path | None, source: str) -> None:
    """A usage error on ``--output`` when it is the file read (writing would destroy it)."""
    if output is None:
        return
    try:
        same = os.path.samefile(output, source)
    except OSError:  # one of them does not exist
        same = os.path.abspath(output) == os.path.abspath(source)
    if same:
        raise typer.BadParameter(
            printable(f"'{output}' is the GMCR+ file read; writing there would destroy it"),
            param_hint="'--output'",
        )
