"""A mutation fuzzer for standoff's command line: crashes, hangs and memory blowups.

It mutates the shipped examples (``examples/**/*.yaml``), on their YAML tree and on their bytes,
runs each mutant through a command of the ``standoff`` command line (in worker processes, each
with a time and a memory limit per input) and checks the promise of ``docs/cli.md``: exit 0, 1
or 2 as documented, one ``FILE:LINE:COLUMN: error:`` line per problem, never a traceback. Every
distinct broken promise is saved as a reproducer under ``--out``. See ``judge.py`` for the kinds
of finding.

Usage::

    python fuzz/fuzz.py --seconds 600 --seed 1 --workers 2 --out fuzz/findings
    python fuzz/fuzz.py --replay fuzz/findings/CRASH-…   # does a reproducer still break?

Exit status: 0 when nothing was found, 1 when something was, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import itertools
import os
import secrets
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from findings import Findings, load_case
from inputs import Case, generate
from judge import Verdict, printable
from pool import Lost, Pool
from worker import Reply, Settings, prepare

THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Set to 1 before numpy is loaded: one thread per worker, as the workers are the CPUs."""

__all__ = ["main"]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="fuzz.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to fuzz (60)")
    parser.add_argument("--seed", type=int, default=None, help="the run's seed (default: random)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="worker processes (one per CPU)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent / "findings",
        help="where reproducers go (fuzz/findings)",
    )
    parser.add_argument("--inputs", type=int, default=None, help="stop after this many inputs")
    parser.add_argument(
        "--timeout", type=float, default=15.0, help="processor seconds one input may take (15)"
    )
    parser.add_argument(
        "--memory-mb",
        type=int,
        default=1024,
        help="memory one input may allocate, in MiB above the worker's own (1024)",
    )
    parser.add_argument(
        "--replay",
        type=Path,
        nargs="+",
        default=None,
        metavar="FOLDER",
        help="run saved reproducers again instead of fuzzing",
    )
    arguments = parser.parse_args(argv)
    if arguments.workers < 1 or arguments.seconds <= 0 or arguments.timeout <= 0:
        parser.error("--workers, --seconds and --timeout must be positive")
    return arguments


def _replay(pool: Pool, folders: list[Path]) -> int:
    cases = [load_case(folder) for folder in folders]
    broken = 0
    for folder, answer in zip(folders, _answers(pool, iter(cases)), strict=True):
        verdict = answer.verdict
        if verdict is None:
            print(f"{folder}: no longer breaks (exit {getattr(answer, 'exit_code', '?')})")
        else:
            broken += 1
            print(f"{folder}: {verdict.kind} {verdict.type} at {verdict.frame}")
            print(f"  {printable(verdict.message)}")
    return 1 if broken else 0


def _answers(pool: Pool, messages: Iterator[int | Case]) -> Iterator[Reply | Lost]:
    return pool.run(messages, deadline=float("inf"))


def _report_line(start: float, inputs: int, findings: Findings) -> str:
    elapsed = time.monotonic() - start
    return (
        f"[{elapsed:5.0f} s] {inputs} inputs, {inputs / max(elapsed, 1e-9):.1f}/s, "
        f"{len(findings.found)} findings"
    )


def _until_interrupted(answers: Iterator[Reply | Lost]) -> Iterator[Reply | Lost]:
    """The answers, until there are no more or Ctrl-C (then the run reports what it found)."""
    try:
        yield from answers
    except KeyboardInterrupt:
        print("\ninterrupted", flush=True)


class _SlowGenerationError(Exception):
    """Making an input again took longer than the time limit of one input."""


def _regenerate(run_seed: int, index: int, seconds: float) -> Case | None:
    """Input ``index`` again, for its reproducer; None when making it takes over ``seconds``
    (the worker hung in the fuzzer's own generator, which would hang the harness too)."""

    def give_up(*_: object) -> None:
        raise _SlowGenerationError

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return generate(run_seed, index)
    except _SlowGenerationError:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _case_of(
    answer: Reply | Lost, run_seed: int, seconds: float
) -> tuple[Verdict | None, Case | None, int]:
    if isinstance(answer, Lost):
        message = answer.message
        if isinstance(message, int):
            return answer.verdict, _regenerate(run_seed, message, seconds), message
        return answer.verdict, message, -1
    return answer.verdict, answer.case, answer.index


def main(argv: list[str] | None = None) -> int:
    """Fuzz for ``--seconds`` (or replay reproducers); 1 if anything was found."""
    arguments = _arguments(argv)
    run_seed = arguments.seed if arguments.seed is not None else secrets.randbelow(2**31)
    scratch = Path(tempfile.mkdtemp(prefix="standoff-fuzz-"))
    settings = Settings(run_seed, arguments.memory_mb, scratch)
    workers = 1 if arguments.replay else arguments.workers
    limits = f"limits {arguments.timeout:g} s and {arguments.memory_mb} MiB per input"
    if arguments.replay:
        print(f"standoff fuzz: {len(arguments.replay)} reproducers again, {limits}", flush=True)
    else:
        print(
            f"standoff fuzz: seed {run_seed}, {workers} workers, {arguments.seconds:g} s, {limits}",
            flush=True,
        )
    begun = time.monotonic()
    os.environ.update(dict.fromkeys(THREADS, "1"))
    prepare()
    pool = Pool(workers, settings, arguments.timeout)
    try:
        pool.wait_ready()
        print(f"workers ready after {time.monotonic() - begun:.1f} s", flush=True)
        if arguments.replay:
            return _replay(pool, arguments.replay)
        return _fuzz(pool, arguments, run_seed)
    finally:
        pool.close()
        shutil.rmtree(scratch, ignore_errors=True)


def _fuzz(pool: Pool, arguments: argparse.Namespace, run_seed: int) -> int:
    findings = Findings(arguments.out, run_seed)
    indices: Iterator[int] = itertools.count()
    if arguments.inputs is not None:
        indices = iter(range(arguments.inputs))
    start = time.monotonic()
    inputs = 0
    exits: Counter[str] = Counter()
    last_report = start
    answers = pool.run(indices, deadline=start + arguments.seconds)
    for answer in _until_interrupted(answers):
        inputs += 1
        verdict, case, index = _case_of(answer, run_seed, arguments.timeout)
        if isinstance(answer, Lost) and case is None:
            exits["hung in the fuzzer's own generator (a fuzzer bug)"] += 1
        elif isinstance(answer, Lost):
            exits[answer.verdict.kind.lower()] += 1
        elif answer.exit_code < 0:
            exits["not made (a fuzzer bug: see the worker's log)"] += 1
        else:
            exits[f"exit {answer.exit_code}"] += 1
        if verdict is not None and case is not None and findings.add(verdict, case, index):
            line = f"  new: {verdict.kind} {verdict.type} at {verdict.frame}: {verdict.message}"
            print(printable(line)[:240], flush=True)
        if time.monotonic() - last_report >= 30:
            last_report = time.monotonic()
            print(_report_line(start, inputs, findings), flush=True)
    findings.update_counts()
    elapsed = time.monotonic() - start
    print()
    rate = inputs / max(elapsed, 1e-9)
    print(f"inputs covered:   {inputs} in {elapsed:.0f} s ({rate:.1f} inputs/s)")
    print(f"outcomes:         {', '.join(f'{k}: {v}' for k, v in sorted(exits.items()))}")
    print(f"worker restarts:  {pool.restarts}")
    print(f"findings:         {len(findings.found)} (reproducers in {arguments.out})")
    for finding in sorted(findings.found.values(), key=lambda f: f.verdict.key):
        print(finding.describe())
    return 1 if findings.found else 0


if __name__ == "__main__":
    sys.exit(main())
