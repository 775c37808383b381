"""Where embarrassingly parallel work runs: in this process, on a local process pool, or on a
Dask cluster.

Every parallel computation of standoff (Monte Carlo talks, tournaments, and sweeps to come) is a
list of independent tasks, each a pure function of its inputs and its own seed. :func:`run_tasks`
runs them where asked and returns their results in task order, so the answer never depends on
the runner. A task and its inputs must be picklable (module-level functions) for the pool and
for Dask.

>>> run_tasks(abs, [-3, 2, -1], workers=1)
[3, 2, 1]

A scheduler address is checked before anything connects, and a scheduler that does not answer
within :data:`CONNECT_TIMEOUT` seconds is given up on:

>>> check_scheduler_address("not-an-address")
Traceback (most recent call last):
...
ValueError: 'not-an-address' is not a Dask scheduler address (expected tcp://HOST:PORT, \
with PORT from 1 to 65535)
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

__all__ = ["CONNECT_TIMEOUT", "Progress", "check_scheduler_address", "run_tasks"]

Job = TypeVar("Job")
Result = TypeVar("Result")
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` each time a task finishes (in units of ``sizes``)."""

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a Dask scheduler to answer before giving up."""
_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
_ADDRESS = re.compile(
    r"(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?"
    r"(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]@]+):(?P<port>[0-9]{1,5})/?"
)


def check_scheduler_address(address: str) -> None:
    """Check that ``address`` has the form of a Dask scheduler address, ``[SCHEME://]HOST:PORT``
    (the scheme one of tcp, tls, ws, wss and ucx; tcp when left out), or ``inproc://...`` for a
    cluster running in this process, before connecting.

    Raises
    ------
    ValueError
        When it does not, saying what is expected.
    """
    if address.startswith("inproc://"):  # a cluster in this very process (LocalCluster)
        return
    match = _ADDRESS.fullmatch(address)
    scheme = (match.group("scheme") or "tcp").lower() if match else ""
    if match is None or not 1 <= int(match.group("port")) <= 65535:
        raise ValueError(
            f"{address!r} is not a Dask scheduler address (expected tcp://HOST:PORT, with PORT "
            "from 1 to 65535)"
        )
    if scheme not in _SCHEMES:
        raise ValueError(
            f"{address!r} is not a Dask scheduler address: unknown protocol '{scheme}' "
            f"(expected one of {', '.join(_SCHEMES)})"
        )


def run_tasks(
    task: Callable[[Job], Result],
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    sizes: Sequence[int] | None = None,
) -> list[Result]:
    """``[task(job) for job in jobs]``, computed where asked.

    Parameters
    ----------
    task
        A pure, picklable function of one job.
    jobs
        The inputs, one per task.
    workers
        Processes of the local pool; ``None`` uses one per CPU when there is more than one job;
        1 runs everything in this process.
    scheduler
        The address of a ``dask.distributed`` scheduler (``tcp://HOST:PORT``) to run on instead.
    progress
        Told ``progress(done, total)`` as tasks finish.
    sizes
        The weight of each job in ``progress`` (for example its number of runs); 1 each by
        default.

    Raises
    ------
    ValueError
        If ``workers`` is not positive, ``sizes`` does not match ``jobs`` or ``scheduler`` is
        not an address (:func:`check_scheduler_address`).
    ImportError
        If ``scheduler`` is given and ``dask.distributed`` is not installed.
    ConnectionError
        If the scheduler cannot be reached, or does not answer, within :data:`CONNECT_TIMEOUT`
        seconds.

    Notes
    -----
    The process pool starts its workers with ``forkserver`` (``spawn`` where that is missing),
    which is safe in programs that run threads; a script that uses the pool must guard its entry
    point with ``if __name__ == "__main__":``.
    """
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be positive, got {workers}")
    weights = [1] * len(jobs) if sizes is None else list(sizes)
    if len(weights) != len(jobs):
        raise ValueError(f"{len(weights)} sizes for {len(jobs)} jobs")
    total = sum(weights)
    if scheduler is not None:
        return _run_on_dask(task, jobs, scheduler, progress, weights, total)
    processes = min(workers or os.cpu_count() or 1, len(jobs))
    if processes <= 1:
        results = []
        done = 0
        for job, weight in zip(jobs, weights, strict=True):
            results.append(task(job))
            done += weight
            if progress is not None:
                progress(done, total)
        return results
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(method)) as pool:
        futures = {pool.submit(task, job): i for i, job in enumerate(jobs)}
        return _collect(futures, as_completed(futures), progress, weights, total)


def _collect(
    positions: dict[Any, int],
    finished: Iterator[Any],
    progress: Progress | None,
    weights: list[int],
    total: int,
) -> list[Any]:
    results: list[Any] = [None] * len(weights)
    done = 0
    for future in finished:
        index = positions[future]
        results[index] = future.result()
        done += weights[index]
        if progress is not None:
            progress(done, total)
    return results


def _run_on_dask(
    task: Callable[[Job], Result],
    jobs: Sequence[Job],
    scheduler: str,
    progress: Progress | None,
    weights: list[int],
    total: int,
) -> list[Result]:
    check_scheduler_address(scheduler)
    try:
        distributed = importlib.import_module("dask.distributed")
    except ImportError as error:
        raise ImportError(
            "running on a Dask scheduler needs dask.distributed: pip install 'dask[distributed]'"
        ) from error
    failure = None
    try:
        client = distributed.Client(scheduler, set_as_default=False, timeout=CONNECT_TIMEOUT)
    except Exception as error:  # unreachable, or something that does not answer as a scheduler
        _abandon_client(error, distributed.Client)
        failure = f"cannot use the Dask scheduler at {scheduler!r}: {error}"
    if failure is not None:  # raised here, so the failed client is not kept alive by the error
        raise ConnectionError(failure)
    with client:
        futures: dict[Future[Any], int] = {
            client.submit(task, job, pure=False): i for i, job in enumerate(jobs)
        }
        finished = distributed.as_completed(list(futures), loop=client.loop)
        return _collect(futures, finished, progress, weights, total)


def _abandon_client(error: BaseException, kind: type) -> None:
    """Mark the client whose start failed as closed, so that its finaliser does not wait for a
    connection that never came (and print its own traceback) when the program ends."""
    trace = error.__traceback__
    while trace is not None:
        client = trace.tb_frame.f_locals.get("self")
        if isinstance(client, kind) and getattr(client, "status", "closed") != "closed":
            setattr(client, "status", "closed")  # noqa: B010  (a type mypy does not know)
        trace = trace.tb_next
