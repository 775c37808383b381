"""What every command does around the pipeline: load, run with a progress bar on a terminal,
turn failures into exit codes, and write the output atomically.

Invalid input exits 2 with one ``FILE:LINE:COLUMN: error: message`` line per problem (or a
usage error naming the option); any other failure exits 1 with one line, and the traceback only
with ``--debug``. An output file is written whole or not at all: into a temporary file beside
it, then renamed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from standoff.pipeline import Request, Results
    from standoff.scenario import Scenario

__all__ = ["console", "destination", "guarded", "load_scenario", "run_request", "warn"]

T = TypeVar("T")

_OPTIONS = {
    "start": "--from",
    "target": "--to",
    "party": "--party",
    "state": "--state",
    "concepts": "--concepts",
    "horizons": "--horizons",
    "runs": "--runs",
    "seed": "--seed",
    "workers": "--workers",
}
"""The command-line option of each request field a :class:`RequestError` can name."""


def guarded(debug: bool, action: Callable[[], T]) -> T:
    """Run ``action``; invalid input exits 2, other failures exit 1 (one line each)."""
    from standoff.errors import RequestError, ScenarioError

    try:
        return action()
    except ScenarioError as error:
        for diagnostic in error.diagnostics:
            typer.echo(str(diagnostic), err=True)
        raise typer.Exit(2) from None
    except RequestError as error:
        hint = _OPTIONS.get(error.field, f"--{error.field}")
        raise typer.BadParameter(str(error), param_hint=f"'{hint}'") from None
    except Exception as error:
        if debug:
            raise
        typer.echo(f"standoff: error: {error}", err=True)
        raise typer.Exit(1) from None


def warn(message: str) -> None:
    """A warning on standard error."""
    typer.echo(f"standoff: warning: {message}", err=True)


def load_scenario(file: str, debug: bool) -> Scenario:
    """The scenario in ``file``, or exit 2 with its problems."""
    from standoff.scenario import load

    return guarded(debug, lambda: load(file))


def run_request(scenario: Scenario, request: Request, debug: bool) -> Results:
    """Run the pipeline, with a progress bar on standard error when it is a terminal."""
    from rich.console import Console

    from standoff.pipeline import run

    stderr = Console(stderr=True)
    if not stderr.is_terminal:
        results = guarded(debug, lambda: run(scenario, request))
    else:
        from rich.progress import Progress

        with Progress(console=stderr, transient=True) as bar:
            task = bar.add_task("analysing", total=None)

            def advance(what: str, done: int, total: int) -> None:
                bar.update(task, description=what, completed=done, total=total or None)

            results = guarded(debug, lambda: run(scenario, request, progress=advance))
    for message in results.warnings:
        warn(message)
    return results


def console() -> Console:
    """The console of standard output: the terminal's width, or 120 columns when piped."""
    from rich.console import Console

    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 120)


@contextmanager
def destination(output: Path | None, debug: bool) -> Iterator[Console]:
    """A console writing to standard output, or to ``output`` once everything is written."""
    from rich.console import Console

    if output is None:
        yield console()
        return
    buffer = StringIO()
    yield Console(file=buffer, width=120, color_system=None, soft_wrap=False)
    guarded(debug, lambda: write_atomically(output, buffer.getvalue()))


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file, then a rename).

    Raises
    ------
    OSError
        With a message naming the file when it cannot be written.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise OSError(f"cannot write '{path}': {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
