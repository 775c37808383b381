"""The ``standoff`` command line (typer + rich)."""

from standoff.cli._app import app, main

__all__ = ["app", "main"]
