"""Monte Carlo over negotiations, in seeded chunks, locally, on a process pool or on Dask.

The runs are cut into chunks of ``chunk_size`` (the last may be shorter). Chunk ``i`` gets the
``i``-th child of ``numpy.random.SeedSequence(seed)`` (``SeedSequence.spawn``): it samples its
inputs and its breakdown draws from that child alone, and chunk results are merged in chunk
order. The result therefore depends on the seed and the chunk size only, never on where or in
which order the chunks ran: in this process, in a ``concurrent.futures`` process pool, or on a
``dask.distributed`` cluster (an optional dependency, used when a scheduler address is given).

What-ifs (:func:`simulate_variants`) run every variant on the same chunk seeds, chunk by chunk in
one task, with common random numbers (see :mod:`standoff.talks._distributions`): run ``k`` of
every variant draws the same values of every input the variants share, so the difference between
a variant and the first one is measured run by run, with a paired standard error.

Examples
--------
>>> from standoff.talks import Distributions, Uniform, linear, split_the_pie
>>> uncertain = Distributions(rounds=30, strategies=(linear(),), reservation=Uniform(0.2, 0.6))
>>> result = simulate(split_the_pie(101), uncertain, runs=2_000, seed=1, workers=1)
>>> result.summary.agreement, result.summary.runs, result.summary.seed
(0.8635, 2000, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from standoff.runner import run_tasks
from standoff.talks._batch import Batch
from standoff.talks._distributions import Distributions
from standoff.talks._kernel import run_batch
from standoff.talks._outcome import Difference, Outcomes, PairedTally, Summary, Tally
from standoff.talks._table import OutcomeTable

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "Simulation",
    "Source",
    "run_chunks",
    "simulate",
    "simulate_variants",
]

DEFAULT_CHUNK_SIZE = 50_000
"""Runs per chunk: large enough for the array kernel to run at full speed."""

Progress = Callable[[int, int], None]


class _Sampled(Protocol):
    """A source of inputs that knows each run's global position (tournament designs)."""

    @property
    def rounds(self) -> int: ...

    def sample_at(self, offset: int, runs: int, rng: np.random.Generator) -> Batch: ...


Source = Batch | Distributions | _Sampled


@dataclass(frozen=True, eq=False)
class Simulation:
    """The summary of a Monte Carlo run, and every run's outcome when they were kept."""

    summary: Summary
    outcomes: Outcomes | None


@dataclass(frozen=True, eq=False)
class _Job:
    table: OutcomeTable
    source: Source
    offset: int
    runs: int
    seed: np.random.SeedSequence
    keep: bool


def _negotiate(job: _Job) -> tuple[Outcomes, int]:
    """One chunk's outcomes (sampled unless given a batch) and its round limit."""
    rng = np.random.default_rng(job.seed)
    if isinstance(job.source, Batch):
        batch = job.source
    elif isinstance(job.source, Distributions):
        batch = job.source.sample(job.runs, rng)
    else:
        batch = job.source.sample_at(job.offset, job.runs, rng)
    return run_batch(job.table, batch, rng), batch.rounds


def _run_job(job: _Job) -> tuple[Tally, Outcomes | None]:
    """One chunk: sample (unless given a batch), negotiate, tally (with the deals struck)."""
    outcomes, rounds = _negotiate(job)
    return Tally.of(outcomes, rounds, job.table.size), outcomes if job.keep else None


@dataclass(frozen=True, eq=False)
class _Variants:
    jobs: tuple[_Job, ...]


def _run_variants(task: _Variants) -> tuple[list[Tally], list[PairedTally]]:
    """One chunk of every variant on the same seed; each variant's differences to the first."""
    tallies, paired = [], []
    baseline: Outcomes | None = None
    for job in task.jobs:
        outcomes, rounds = _negotiate(job)
        tallies.append(Tally.of(outcomes, rounds, job.table.size))
        if baseline is None:
            baseline = outcomes
        else:
            paired.append(PairedTally.of(outcomes, baseline))
    return tallies, paired


def simulate_variants(
    variants: Sequence[tuple[OutcomeTable, Distributions]],
    runs: int,
    seed: int | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[tuple[Summary, Difference | None]]:
    """Simulate several variants of the same talks on common random numbers.

    Each variant's summary equals what :func:`simulate` gives for it with the same seed and
    chunk size; every variant after the first also gets its paired difference to the first
    (``None`` for the first). Progress counts negotiations over all variants.

    Examples
    --------
    >>> from standoff.talks import Distributions, Uniform, linear, split_the_pie
    >>> written = Distributions(rounds=30, strategies=(linear(),), reservation=Uniform(0.2, 0.6))
    >>> same = Distributions(rounds=30, strategies=(linear(),), reservation=Uniform(0.2, 0.6),
    ...                      believed_reservation=Uniform(0.0, 1.0))   # linear ignores beliefs
    >>> table = split_the_pie(101)
    >>> (_, none), (_, difference) = simulate_variants([(table, written), (table, same)], 500, 1)
    >>> none is None, difference.changed, difference.agreement, difference.within_noise
    (True, 0.0, 0.0, True)
    """
    if not variants:
        raise ValueError("simulate_variants needs at least one variant")
    if runs < 1:
        raise ValueError(f"runs must be a positive number of negotiations, got {runs}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    sequence = np.random.SeedSequence(seed)
    entropy = sequence.entropy
    recorded = int(entropy) if isinstance(entropy, int) else None
    per_variant = [
        list(_jobs(table, source, runs, chunk_size, np.random.SeedSequence(entropy), False))
        for table, source in variants
    ]
    tasks = [_Variants(tuple(jobs)) for jobs in zip(*per_variant, strict=True)]
    results = run_tasks(
        _run_variants,
        tasks,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        sizes=[task.jobs[0].runs * len(task.jobs) for task in tasks],
    )
    tallies, paired = results[0]
    for more_tallies, more_paired in results[1:]:
        tallies = [a.merge(b) for a, b in zip(tallies, more_tallies, strict=True)]
        paired = [a.merge(b) for a, b in zip(paired, more_paired, strict=True)]
    differences: list[Difference | None] = [None, *(p.difference() for p in paired)]
    return [
        (tally.summary(source.rounds, recorded), difference)
        for tally, (_, source), difference in zip(tallies, variants, differences, strict=True)
    ]


def simulate(
    table: OutcomeTable,
    source: Batch | Distributions,
    runs: int | None = None,
    seed: int | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    keep_outcomes: bool = False,
) -> Simulation:
    """Run ``runs`` negotiations drawn from ``source`` and summarise them.

    Parameters
    ----------
    table
        The outcome table.
    source
        Fixed inputs (a :class:`Batch`; ``runs`` must then be ``None`` or its size) or
        :class:`Distributions` to draw them from.
    runs
        The number of negotiations (needed with distributions).
    seed
        The seed; ``None`` draws fresh entropy, recorded in the summary so the run can be
        repeated.
    chunk_size
        Runs per chunk. Results depend on it (through the per-chunk seeds), not on the runner.
    workers
        Processes for the local pool; ``None`` uses one per CPU when there is more than one
        chunk; 1 runs everything in this process.
    scheduler
        The address of a ``dask.distributed`` scheduler to run the chunks on instead.
    progress
        Called as ``progress(done_runs, total_runs)`` each time a chunk finishes.
    keep_outcomes
        Also return every run's outcome (concatenated in run order).

    Raises
    ------
    ValueError
        If a count is not positive or ``runs`` does not fit the batch.
    ImportError
        If ``scheduler`` is given and ``dask.distributed`` is not installed.

    Notes
    -----
    The process pool starts its workers with ``forkserver`` (``spawn`` where that is missing),
    which is safe in programs that run threads; as with any such start method, a script that
    uses the pool must guard its entry point with ``if __name__ == "__main__":``. Callable
    samplers in :class:`Distributions` must then be picklable (module-level functions).
    """
    return run_chunks(
        table,
        source,
        _count(source, runs),
        seed,
        chunk_size=chunk_size,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        keep_outcomes=keep_outcomes,
    )


def run_chunks(
    table: OutcomeTable,
    source: Source,
    total: int,
    seed: int | None,
    *,
    chunk_size: int,
    workers: int | None,
    scheduler: str | None,
    progress: Progress | None,
    keep_outcomes: bool,
) -> Simulation:
    """:func:`simulate` for any source of inputs, ``total`` runs."""
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    sequence = np.random.SeedSequence(seed)
    entropy = sequence.entropy
    recorded = int(entropy) if isinstance(entropy, int) else None
    jobs = list(_jobs(table, source, total, chunk_size, sequence, keep_outcomes))
    results = run_tasks(
        _run_job,
        jobs,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        sizes=[job.runs for job in jobs],
    )
    tally = results[0][0]
    for part, _ in results[1:]:
        tally = tally.merge(part)
    kept = [outcomes for _, outcomes in results if outcomes is not None]
    return Simulation(
        summary=tally.summary(source.rounds, recorded),
        outcomes=Outcomes.concatenate(kept) if keep_outcomes else None,
    )


def _count(source: Source, runs: int | None) -> int:
    if isinstance(source, Batch):
        if runs is not None and runs != source.runs:
            raise ValueError(f"runs is {runs} but the batch has {source.runs} runs")
        return source.runs
    if runs is None or runs < 1:
        raise ValueError(f"runs must be a positive number of negotiations, got {runs}")
    return runs


def _jobs(
    table: OutcomeTable,
    source: Source,
    total: int,
    chunk_size: int,
    sequence: np.random.SeedSequence,
    keep: bool,
) -> Iterator[_Job]:
    starts = range(0, total, chunk_size)
    for start, child in zip(starts, sequence.spawn(len(starts)), strict=True):
        stop = min(start + chunk_size, total)
        part = source.select(start, stop) if isinstance(source, Batch) else source
        yield _Job(table, part, start, stop - start, child, keep)
