"""``standoff import``: the group of commands that turn another tool's files into a scenario.

Each format registers its own subcommand on :data:`import_app` from its own module
(``_import_actors``, ``_import_genius``, ``_import_gmcr``); the scenario text goes to standard
output or ``--output``.
"""

from __future__ import annotations

import typer

from standoff.cli._app import app

__all__ = ["import_app"]

import_app = typer.Typer(
    name="import",
    help="Turn another tool's files into a scenario (YAML, format 1).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app)
