"""Simulated talks run in the background, so that the page can show their progress.

A simulation is started (:meth:`Jobs.start`), runs in its own thread (at most
:data:`RUNNING` at once; the others wait), and is polled (:meth:`Jobs.get`) for how far it got
and, at the end, its panels or its error. The last :data:`KEPT` simulations are kept.

>>> jobs = Jobs()
>>> number = jobs.start(lambda tell: (tell(1, 2), {"sections": []})[1])
>>> jobs.wait(number)["finished"]
True
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from standoff.errors import StandoffError

__all__ = ["KEPT", "MAX_TALKS_RUNS", "RUNNING", "Jobs"]

MAX_TALKS_RUNS = 20_000
"""The most simulated negotiations the workspace runs per variant (the command line allows
more)."""
RUNNING = 2
"""Simulations that run at once."""
KEPT = 20
"""Simulations whose state is kept for polling."""

Tell = Callable[[int, int], None]
Work = Callable[[Tell], dict[str, Any]]


class Jobs:
    """The simulations of one workspace."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(RUNNING)
        self._numbers = itertools.count(1)
        self._states: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._threads: dict[str, threading.Thread] = {}

    def start(self, work: Work) -> str:
        """Run ``work(tell)`` in the background; returns the simulation's number (as text)."""
        number = str(next(self._numbers))
        state: dict[str, Any] = {"done": 0, "total": 0, "finished": False}
        with self._lock:
            self._states[number] = state
            while len(self._states) > KEPT:
                forgotten, _ = self._states.popitem(last=False)
                self._threads.pop(forgotten, None)

        def tell(done: int, total: int) -> None:
            state["done"], state["total"] = done, total

        def body() -> None:
            with self._slots:
                try:
                    state["result"] = work(tell)
                except StandoffError as error:
                    state["error"] = str(error)
                except Exception as error:  # one line for the page, never a dead thread
                    state["error"] = f"the simulation failed: {error or type(error).__name__}"
                finally:
                    state["finished"] = True

        thread = threading.Thread(target=body, daemon=True, name=f"standoff-talks-{number}")
        with self._lock:
            self._threads[number] = thread
        thread.start()
        return number

    def get(self, number: str) -> dict[str, Any] | None:
        """How far the simulation got (``done``, ``total``, ``finished``) and, once finished,
        its ``result`` or ``error``; ``None`` for an unknown number."""
        with self._lock:
            state = self._states.get(number)
            return None if state is None else dict(state)

    def wait(self, number: str, timeout: float | None = None) -> dict[str, Any]:
        """Wait for a simulation to finish (for tests and scripts); its state."""
        thread = self._threads.get(number)
        if thread is not None:
            thread.join(timeout)
        found = self.get(number)
        assert found is not None
        return found
