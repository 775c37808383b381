"""What every command does around the pipeline: load, run with a progress bar on a terminal,
turn failures into exit codes, and write the output atomically.

Invalid input exits 2 with one ``FILE:LINE:COLUMN: error: message`` line per problem (or a
usage error naming the option); any other failure exits 1 with one line, and the traceback only
with ``--debug``. Every message is one line: what the user wrote is shown with its control
characters escaped.

An output file is written whole or not at all (:func:`standoff._files.write_atomically`): into a
temporary file beside it, renamed over the file only once everything is written; an output that
would overwrite the scenario file is refused (exit 2), and a failure to write (a full device, a
missing folder, a closed pipe on standard output) is one line and exit 1. Text that no encoding
can write (a lone surrogate) is written as its escape.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO, TextIOBase
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn, TypeVar, cast

import typer

from standoff._files import write_atomically
from standoff._text import encodable, printable

if TYPE_CHECKING:
    from rich.console import Console

    from standoff.pipeline import Request, Results
    from standoff.scenario import Scenario

__all__ = [
    "check_output",
    "console",
    "destination",
    "guarded",
    "load_scenario",
    "run_request",
    "standard_streams",
    "warn",
    "write_atomically",
]

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
    "inverse": "--state",
    "vary": "--vary",
    "samples": "--samples",
}
"""The command-line option of each request field a :class:`RequestError` can name."""


def guarded(debug: bool, action: Callable[[], T]) -> T:
    """Run ``action``; invalid input exits 2, other failures exit 1 (one line each)."""
    from standoff.errors import RequestError, ScenarioError

    try:
        return action()
    except ScenarioError as error:
        for diagnostic in error.diagnostics:
            typer.echo(printable(str(diagnostic)), err=True)
        raise typer.Exit(2) from None
    except RequestError as error:
        hint = _OPTIONS.get(error.field, f"--{error.field}")
        raise typer.BadParameter(printable(str(error)), param_hint=f"'{hint}'") from None
    except Exception as error:
        if debug:
            raise
        fail(_describe(error))


def _describe(error: BaseException) -> str:
    """What went wrong, in words, even for an exception without a message."""
    if isinstance(error, MemoryError):
        return "out of memory" + (f": {error}" if str(error) else "")
    return str(error) or type(error).__name__


def fail(message: str) -> NoReturn:
    """Print ``message`` as one ``standoff: error:`` line and exit 1."""
    typer.echo(f"standoff: error: {printable(message)}", err=True)
    raise typer.Exit(1)


def warn(message: str) -> None:
    """A warning on standard error."""
    typer.echo(f"standoff: warning: {printable(message)}", err=True)


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
        from rich.markup import escape
        from rich.progress import Progress

        with Progress(console=stderr, transient=True) as bar:
            task = bar.add_task("analysing", total=None)

            def advance(what: str, done: int, total: int) -> None:
                shown = escape(printable(what))  # the bar reads its description as markup
                bar.update(task, description=shown, completed=done, total=total or None)

            results = guarded(debug, lambda: run(scenario, request, progress=advance))
    for message in results.warnings:
        if isinstance(message, str):
            warn(message)
        else:  # located: FILE:LINE:COLUMN: warning: ...
            typer.echo(str(message), err=True)
    return results


class _StandardOutput(TextIOBase):
    """Standard output as the consoles see it: what cannot be encoded is written as its escape,
    and a failure to write (a full device, a closed pipe) is one line and exit 1, not a
    traceback. It writes to whatever ``sys.stdout`` is at the time."""

    def write(self, text: str) -> int:
        try:
            return sys.stdout.write(encodable(text))
        except OSError as error:
            self._failed(error)

    def flush(self) -> None:
        try:
            sys.stdout.flush()
        except OSError as error:
            self._failed(error)

    def isatty(self) -> bool:
        return sys.stdout.isatty()

    def fileno(self) -> int:
        return sys.stdout.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(sys.stdout, "encoding", None) or "utf-8"

    def _failed(self, error: OSError) -> NoReturn:
        _silence_standard_output()
        fail(f"cannot write to standard output: {error.strerror or error}")


def _silence_standard_output() -> None:
    """Send what is left of standard output to the null device, so that the flush at exit
    cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@contextmanager
def standard_streams() -> Iterator[None]:
    """Around the whole program: characters the terminal's encoding lacks are written as escapes,
    and a failure to flush standard output at the end (a full device) is one line and exit 1."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        yield
    finally:
        try:
            sys.stdout.flush()
        except OSError as error:
            _silence_standard_output()
            message = f"cannot write to standard output: {error.strerror or error}"
            typer.echo(f"standoff: error: {message}", err=True)
            raise SystemExit(1) from None


def console() -> Console:
    """The console of standard output: the terminal's width, or 120 columns when piped."""
    from rich.console import Console

    output = cast("IO[str]", _StandardOutput())
    return Console(file=output, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def check_output(output: Path | None, source: str) -> Path | None:
    """``output``, unless it is the scenario file ``source`` itself: then a usage error (exit 2)
    on ``--output``, before anything runs."""
    if output is not None and _same_file(output, Path(source)):
        raise typer.BadParameter(
            printable(f"'{output}' is the scenario file; writing there would destroy it"),
            param_hint="'--output'",
        )
    return output


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them does not exist (yet)
        return os.path.abspath(one) == os.path.abspath(other)


@contextmanager
def destination(output: Path | None, debug: bool) -> Iterator[Console]:
    """A console writing to standard output, or to ``output`` once everything is written.

    The file is written only when the block ends without an error, so a failing command leaves
    an existing ``output`` as it was.
    """
    from rich.console import Console

    if output is None:
        shown = console()
        yield shown
        shown.file.flush()
        return
    buffer = StringIO()
    yield Console(file=buffer, width=120, color_system=None, soft_wrap=False)
    guarded(debug, lambda: write_atomically(output, buffer.getvalue()))
