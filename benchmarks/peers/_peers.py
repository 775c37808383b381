"""Running a peer tool in its own virtual environment, for the ``compare_*.py`` scripts.

The peers (NegMAS, ...) are never dependencies of standoff: ``make bench-peers`` installs them
from ``requirements.txt`` into ``benchmarks/peers/.venv`` and runs every ``compare_*.py`` here
with the project's own interpreter. A compare script times standoff in its own process and hands
the peer's side to a *worker* script run by the peers' interpreter through :func:`run_peer`: the
worker reads a JSON request on stdin and writes one JSON object on stdout. A worker enforces the
time budget itself (see :func:`budget_alarm`) so a hopeless case ends as ``{"over_budget": true}``
instead of holding up the run.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import Any

HERE = Path(__file__).resolve().parent
PEERS_PYTHON = HERE / ".venv" / "bin" / "python"
SETUP_ALLOWANCE = 600.0
"""Seconds a worker may spend importing and building its inputs, on top of the budget."""


class OverBudget(BaseException):
    """Raised inside a worker when its time budget runs out.

    A ``BaseException``, like ``KeyboardInterrupt``, so that a peer's ``except Exception`` (NegMAS
    skips outcomes whose utility raises) cannot swallow it and carry on.
    """


def run_peer(worker: str, request: dict[str, Any], budget: float) -> dict[str, Any]:
    """Run ``worker`` (a file in this folder) with the peers' Python; return its JSON answer.

    The worker gets ``request`` plus ``{"budget": budget}`` on stdin. A worker that has not
    answered after ``budget`` plus :data:`SETUP_ALLOWANCE` seconds is killed and counted as over
    budget.
    """
    if not PEERS_PYTHON.exists():
        sys.exit(f"{PEERS_PYTHON} is missing: run `make bench-peers`, which creates it")
    try:
        done = subprocess.run(
            [str(PEERS_PYTHON), str(HERE / worker)],
            input=json.dumps({**request, "budget": budget}),
            capture_output=True,
            text=True,
            timeout=budget + SETUP_ALLOWANCE,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"over_budget": True}
    if done.returncode != 0:
        raise RuntimeError(f"{worker} failed ({done.returncode}):\n{done.stderr}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def budget_alarm(seconds: float) -> None:
    """In a worker: raise :class:`OverBudget` after ``seconds`` (0 cancels the alarm)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise OverBudget

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def seconds_text(answer: dict[str, Any], budget: float) -> str:
    """A peer's time for a table cell: ``"12.3"``, ``"0.000456"`` or ``"> 60 s budget"``."""
    if answer.get("over_budget"):
        return f"> {budget:g} s budget"
    return f"{answer['seconds']:.3g}"
