"""A worker process: runs fuzz inputs through the command line, in-process, and judges each.

The harness calls :func:`prepare` once (import standoff, build the typer command, run every
command once so that the modules each imports lazily are loaded) and then forks its workers,
which start warm at once. Each worker limits its address space (``RLIMIT_AS``) to what it has
plus the memory limit of one input, and serves inputs from its connection until it receives
``None``. Each input runs the ``standoff`` typer application with typer's ``CliRunner``: the
same code as the console script, minus a process start. A worker dumps its Python stack to a
file on ``SIGUSR1`` (the harness sends it before killing a worker that hangs) and on a fatal
signal, so that hangs and crashes are located.

Two things differ from a command run in a shell, both on purpose: ``os.cpu_count()`` is 1, so
that the simulated talks run in the worker rather than in a process pool of their own (as on a
one-CPU machine); and the exception each failing exit was raised from is recorded (see
:func:`_record_cause`), which the shell never sees.
"""

from __future__ import annotations

import faulthandler
import os
import resource
import signal
import sys
import time
import traceback
import warnings
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from inputs import INPUT, Case, generate
from judge import Outcome, Verdict, judge

__all__ = ["Reply", "Settings", "prepare", "serve"]

SENTINEL = "standoff-fuzz sentinel: a failing command must leave this file as it is\n"


@dataclass(frozen=True)
class Settings:
    """What every worker of a run shares, and its own folder."""

    run_seed: int
    memory_mb: int
    folder: Path

    @property
    def stack_file(self) -> Path:
        """Where the worker's stack goes on SIGUSR1 and on a fatal signal."""
        return self.folder / "stack.txt"


@dataclass(frozen=True)
class Reply:
    """What the worker says about one input."""

    index: int
    exit_code: int
    seconds: float
    verdict: Verdict | None
    case: Case | None
    """The input, when there is a verdict (the harness saves it)."""


_cause: list[BaseException | None] = [None]


def _record_cause() -> None:
    """Remember the exception each ``typer.Exit`` is raised from (``guarded`` raises it inside
    ``except``, so the error is the one being handled)."""
    import typer.exceptions

    original = typer.exceptions.Exit.__init__

    def init(self: Any, code: int = 0) -> None:
        _cause[0] = sys.exc_info()[1] if code else None
        original(self, code)

    typer.exceptions.Exit.__init__ = init  # type: ignore[method-assign]


def _build_once() -> None:
    """Build the click command of the typer application once, not on every input: the console
    script builds it once per process too, and building it costs more than most inputs."""
    import typer.main
    import typer.testing

    from standoff.cli import app

    command = typer.main.get_command(app)
    setattr(typer.testing, "_get_command", lambda typer_instance: command)  # noqa: B010


def _virtual_memory() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _prepare(case: Case) -> str | None:
    """Write the input and the sentinel of ``--output``; the sentinel, if any."""
    Path(INPUT).write_bytes(case.data)
    for stale in Path(".").glob(".out*"):
        stale.unlink(missing_ok=True)
    if case.argv[1] == "FIFO" and not Path("FIFO").exists():
        os.mkfifo("FIFO")
    output = case.output
    if output is None:
        return None
    Path(output).write_text(SENTINEL)
    return SENTINEL


def _warning_line(caught: warnings.WarningMessage) -> str:
    filename = caught.filename
    if "/standoff/" in filename:
        filename = filename[filename.rindex("/standoff/") + 10 :]
    category = caught.category.__name__
    return f"{filename}:{caught.lineno}: {category}: {caught.message}"


def run_case(case: Case) -> tuple[int, Verdict | None]:
    """Run one input through the command line; its exit status and verdict."""
    from typer.testing import CliRunner

    from standoff.cli import app

    sentinel = _prepare(case)
    _cause[0] = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = CliRunner().invoke(app, list(case.argv), catch_exceptions=True)
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    output = case.output
    written = None
    if output is not None and Path(output).is_file():
        written = Path(output).read_text(encoding="utf-8", errors="replace")
    outcome = Outcome(
        exit_code=result.exit_code,
        stdout=result.stdout,
        stderr=result.stderr,
        escaped=escaped,
        cause=_cause[0] if result.exit_code in (1, 2) else None,
        warnings=[_warning_line(w) for w in caught],
        json_output="json" in case.argv,
        output_file=written,
        sentinel=sentinel,
    )
    if output is not None:
        Path(output).unlink(missing_ok=True)
    return result.exit_code, judge(outcome)


def _warm_up() -> None:
    """Run every command once on the richest example, so that lazy imports happen now."""
    from corpus import EXAMPLES

    korea = (EXAMPLES / "korea_2019.yaml").read_bytes()
    commands = [
        ("check", INPUT),
        ("analyze", INPUT, "--runs", "2", "--coalitions", "--horizons", "2", "--to", "1"),
        ("analyze", INPUT, "--runs", "2", "--format", "json"),
        ("analyze", INPUT, "--runs", "2", "--format", "markdown"),
        ("report", INPUT, "--runs", "2", "--output", "out.html"),
        ("bargain", INPUT),
        ("simulate", INPUT, "--runs", "2", "--tournament"),
        ("hypergame", INPUT),
        ("explain", INPUT, "--party", "US", "--state", "1"),
    ]
    for argv in commands:
        run_case(Case(korea, argv, "warm-up"))
    forecast = (EXAMPLES / "forecast" / "ec_emissions.yaml").read_bytes()
    run_case(Case(forecast, ("forecast", INPUT, "--runs", "2"), "warm-up"))
    run_case(Case(b"standoff: [", ("check", INPUT), "warm-up"))
    _warm_compiled_kernel()


def _warm_compiled_kernel() -> None:
    """Large forecasts run on the compiled kernel when numba is installed: compile it (or load
    it from numba's cache) here, once, so that no input pays for it within its time limit."""
    from standoff.forecast._engine import compiled_usable, load_compiled

    if compiled_usable() is None:
        load_compiled()


def prepare() -> None:
    """Import standoff, build its command once and run every command once (in a scratch
    folder), so that the lazy imports are done. The harness calls this before it starts its
    workers, which it forks: each worker then starts at once, already warm."""
    import tempfile

    os.cpu_count = lambda: 1
    import standoff.cli  # noqa: F401

    _record_cause()
    _build_once()
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="standoff-fuzz-warm-up-") as folder:
        os.chdir(folder)
        try:
            _warm_up()
        finally:
            os.chdir(here)


def serve(connection: Connection, settings: Settings) -> None:
    """Serve inputs (an index of the run, or a :class:`Case`) until ``None`` arrives.

    Runs in a process forked from one that called :func:`prepare`.
    """
    settings.folder.mkdir(parents=True, exist_ok=True)
    os.chdir(settings.folder)
    log = os.open("worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    stack = open(settings.stack_file, "ab")  # noqa: SIM115 (open for the life of the worker)
    faulthandler.enable(stack, all_threads=True)
    faulthandler.register(signal.SIGUSR1, stack, all_threads=True)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the harness stops its workers itself
    limit = _virtual_memory() + settings.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    connection.send("ready")
    while True:
        message = connection.recv()
        if message is None:
            break
        index = message if isinstance(message, int) else -1
        try:
            case = generate(settings.run_seed, message) if isinstance(message, int) else message
        except Exception:  # a bug of the fuzzer, not of standoff: say so, and go on
            traceback.print_exc()
            connection.send(Reply(index, -1, 0.0, None, None))
            continue
        start = time.perf_counter()
        code, verdict = run_case(case)
        seconds = time.perf_counter() - start
        connection.send(Reply(index, code, seconds, verdict, case if verdict else None))
