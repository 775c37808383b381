"""The worker processes of a run, and the watchdog that catches hangs and deaths.

Each worker runs one input at a time. The harness gives a worker an input and waits; a worker
that takes longer than the time limit (in processor time, or three times that in wall time) is
asked for its stack (``SIGUSR1``) and killed, and the input is a ``HANG``; a worker that dies (a
signal, an abort) makes the input a ``CRASH``. Either way a fresh worker takes its place.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from inputs import Case
from judge import Verdict
from worker import Reply, Settings, serve

__all__ = ["Lost", "Pool"]

RECYCLE_AFTER = 3000
"""A worker is replaced after this many inputs, so that what one input leaves behind (memory,
caches) does not build up over a long run."""

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

FRAME = re.compile(r'^\s+File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<name>\S+)', re.M)


@dataclass(frozen=True)
class Lost:
    """An input whose worker never answered: it hung, or it died."""

    message: int | Case
    verdict: Verdict


def _innermost(stack: str) -> tuple[str, str]:
    """The frame to group by and the line to show, from a faulthandler dump (innermost first)."""
    block = stack.split("\n\n")[0] if "(most recent call first)" in stack else stack
    frames = list(FRAME.finditer(block)) or list(FRAME.finditer(stack))
    if not frames:
        return "?", "?"
    ours = [f for f in frames if "/standoff/" in f["file"]] or frames
    chosen = ours[0]
    name = chosen["file"]
    name = name[name.rindex("/standoff/") + 10 :] if "/standoff/" in name else name.rsplit("/")[-1]
    return f"{name}:{chosen['name']}", f"{name}:{chosen['line']} in {chosen['name']}"


class _Worker:
    """One worker process: starting (until it says it is ready), idle, or busy with an input."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.message: int | Case | None = None
        self.ready = False
        self.started = 0.0
        self.cpu_started = 0.0
        self.served = 0
        self.restarts = 0
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child, self.settings), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.started = time.monotonic()
        self.served = 0

    def restart(self, kill: bool = False) -> None:
        """Stop the process and start another (which is ready a few seconds later)."""
        self.stop(kill)
        self.restarts += 1
        self._start()

    def became_ready(self) -> None:
        """Read the greeting of a starting worker."""
        try:
            greeting = self.connection.recv()
        except (EOFError, OSError):
            greeting = None
        if greeting != "ready":
            raise RuntimeError(f"a worker did not start; see {self.settings.folder}/worker.log")
        self.ready = True

    def submit(self, message: int | Case) -> None:
        self.message = message
        self.started = time.monotonic()
        self.cpu_started = self.cpu_seconds()
        self.served += 1
        self.connection.send(message)

    def cpu_seconds(self) -> float:
        """The processor time the worker has used so far (user and system)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return 0.0
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def overdue(self, timeout: float) -> float | None:
        """How long the input has run, if that is over the limit: ``timeout`` seconds of
        processor time (so that a busy machine does not make hangs), or three times that
        of wall time (for an input that waits on something forever)."""
        wall = time.monotonic() - self.started
        cpu = self.cpu_seconds() - self.cpu_started
        if cpu > timeout or wall > 3 * timeout:
            return cpu if cpu > timeout else wall
        return None

    def _stack_size(self) -> int:
        path = self.settings.stack_file
        return path.stat().st_size if path.exists() else 0

    def _new_stack(self, offset: int) -> str:
        with open(self.settings.stack_file, "rb") as file:
            file.seek(offset)
            return file.read().decode("utf-8", "replace")

    def hung(self, seconds: float) -> Verdict:
        """Ask for the stack, kill the worker and start another; the verdict."""
        offset = self._stack_size()
        if self.process.pid is not None:
            os.kill(self.process.pid, signal.SIGUSR1)
        time.sleep(0.3)
        stack = self._new_stack(offset)
        frame, line = _innermost(stack)
        self.message = None
        self.restart(kill=True)
        return Verdict(
            "HANG",
            "Timeout",
            frame,
            f"no answer after {seconds:.1f} s; it was at {line}",
            stack[:6000],
        )

    def died(self) -> Verdict:
        """The verdict on a worker that died, and a fresh one in its place."""
        self.process.join(5)
        code = self.process.exitcode
        stack = self._new_stack(0) if self._stack_size() else ""
        self.settings.stack_file.unlink(missing_ok=True)
        frame, line = _innermost(stack[stack.rfind("Fatal Python error") :] if stack else "")
        name = signal.Signals(-code).name if code is not None and code < 0 else f"exit {code}"
        self.message = None
        self.restart()
        return Verdict(
            "CRASH", f"Died:{name}", frame, f"the process died ({name}) at {line}", stack
        )

    def stop(self, kill: bool = False) -> None:
        """End the process: asked to, or killed when it does not end within a second."""
        if self.process.is_alive() and not kill and self.ready and self.message is None:
            with contextlib.suppress(OSError):
                self.connection.send(None)
            self.process.join(1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class Pool:
    """``workers`` worker processes with a time limit per input."""

    def __init__(self, workers: int, settings: Settings, timeout: float) -> None:
        self.timeout = timeout
        self.workers = [
            _Worker(Settings(settings.run_seed, settings.memory_mb, settings.folder / f"w{n}"))
            for n in range(workers)
        ]

    @property
    def restarts(self) -> int:
        """How many times a worker was replaced (after a hang, a death, a memory error, or
        ``RECYCLE_AFTER`` inputs)."""
        return sum(w.restarts for w in self.workers)

    def wait_ready(self, seconds: float = 600) -> None:
        """Wait until every worker has started."""
        deadline = time.monotonic() + seconds
        for worker in self.workers:
            if not worker.ready:
                if not worker.connection.poll(max(deadline - time.monotonic(), 0)):
                    raise RuntimeError(f"a worker did not start within {seconds:g} s")
                worker.became_ready()

    def run(self, messages: Iterator[int | Case], deadline: float) -> Iterator[Reply | Lost]:
        """Run the inputs, as many at once as there are ready workers, until there are no more
        or the deadline has passed; each answer (or lost input) as it comes."""
        pending = True
        while True:
            for worker in self.workers:
                if worker.ready and worker.message is None and pending:
                    message = next(messages, None) if time.monotonic() < deadline else None
                    if message is None:
                        pending = False
                    else:
                        worker.submit(message)
            busy = [w for w in self.workers if w.message is not None]
            starting = [w for w in self.workers if not w.ready]
            if not busy and not (pending and starting):
                return
            waiting = busy + starting
            ready = set(wait([w.connection for w in waiting], timeout=0.05))
            for worker in waiting:
                yield from self._look_at(worker, worker.connection in ready)

    def _look_at(self, worker: _Worker, readable: bool) -> Iterator[Reply | Lost]:
        if not worker.ready:
            if readable:
                worker.became_ready()
            return
        message = worker.message
        if message is None:
            return
        if readable or worker.connection.poll(0):
            try:
                reply: Any = worker.connection.recv()
            except (EOFError, OSError):
                yield Lost(message, worker.died())
                return
            worker.message = None
            yield reply
            if worker.served >= RECYCLE_AFTER or (
                reply.verdict is not None and reply.verdict.kind == "MEMORY"
            ):
                worker.restart()
        elif (seconds := worker.overdue(self.timeout)) is not None:
            yield Lost(message, worker.hung(seconds))
        elif not worker.process.is_alive():
            yield Lost(message, worker.died())

    def close(self) -> None:
        """Stop every worker."""
        for worker in self.workers:
            worker.stop()
