"""The ``standoff`` command line (typer + rich): one module per command.

Each command parses its options into a :class:`standoff.pipeline.Request`, runs the pipeline and
draws the results with the report layer. The analyses and renderers are imported when a
command runs, so ``standoff --help`` starts quickly.
"""

from standoff.cli import (  # noqa: F401  (each module registers its command)
    _analyze,
    _bargain,
    _check,
    _compare,
    _explain,
    _export,
    _export_genius,
    _forecast,
    _hypergame,
    _import,
    _import_actors,
    _import_genius,
    _import_gmcr,
    _inverse,
    _report,
    _schema,
    _serve,
    _simulate,
)
from standoff.cli._app import app, main

__all__ = ["app", "main"]
