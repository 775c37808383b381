"""``standoff export``: the group of commands that write a scenario in another tool's format.

Each format registers its own subcommand on :data:`export_app` from its own module
(``_export_genius``).
"""

from __future__ import annotations

import typer

from standoff.cli._app import app

__all__ = ["export_app"]

export_app = typer.Typer(
    name="export",
    help="Write a scenario's model in another tool's format.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app)
