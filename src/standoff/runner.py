"""Where embarrassingly parallel work runs: in this process, on a local process pool, or on a
Dask cluster.

Every parallel computation of standoff (Monte Carlo talks, tournaments, and sweeps to come) is a
list of independent tasks, each a pure function of its inputs and its own seed. :func:`run_tasks`
runs them where asked and returns their results in task order, so the answer never depends on
the runner. A task and its inputs must be picklable (module-level functions) for the pool and
for Dask.

>>> run_tasks(abs, [-3, 2, -1], workers=1)
[3, 2, 1]
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

__all__ = ["Progress", "run_tasks"]

Job = TypeVar("Job")
Result = TypeVar("Result")
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` each time a task finishes (in units of ``sizes``)."""


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
        If ``workers`` is not positive or ``sizes`` does not match ``jobs``.
    ImportError
        If ``scheduler`` is given and ``dask.distributed`` is not installed.

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
    try:
        distributed = importlib.import_module("dask.distributed")
    except ImportError as error:
        raise ImportError(
            "running on a Dask scheduler needs dask.distributed: pip install 'dask[distributed]'"
        ) from error
    with distributed.Client(scheduler, set_as_default=False) as client:
        futures: dict[Future[Any], int] = {
            client.submit(task, job, pure=False): i for i, job in enumerate(jobs)
        }
        finished = distributed.as_completed(list(futures), loop=client.loop)
        return _collect(futures, finished, progress, weights, total)
