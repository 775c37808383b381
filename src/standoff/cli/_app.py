"""The ``standoff`` typer application; each command is registered by its own module.

Exit status: 0 success; 2 invalid input (one ``FILE:LINE:COLUMN: error: message`` line per problem
on standard error, or a usage error); 1 anything else, as one line, with no traceback unless
``--debug`` is given.
"""

from __future__ import annotations

from typing import Annotated

import typer

from standoff._version import __version__

__all__ = ["app", "main"]

app = typer.Typer(
    name="standoff",
    help="Analyse strategic conflicts and negotiations described in scenario files.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"standoff {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Analyse strategic conflicts and negotiations described in scenario files."""


def main() -> None:
    """Entry point of the ``standoff`` console script."""
    from standoff.cli._run import standard_streams

    with standard_streams():
        app()
