"""Whether one run of a command kept standoff's promise, and if not, how it broke it.

The promise (``docs/cli.md``, "Errors and exit status"): exit 0 on success; exit 2 for invalid
input, with one ``FILE:LINE:COLUMN: error: message`` line per problem on standard error, or the
usage error of the command line (``Usage:``, ``Try …``, a blank line, one ``Error:`` line);
exit 1 for anything else, with one line ``standoff: error: message``; never a traceback.

The kinds of finding, most severe first:

``CRASH``
    A traceback (an exception escaped the command), a worker killed by a signal, an exit
    status outside {0, 1, 2}, or exit 2 with standard error in neither documented form.
``HANG``
    Over the time limit of one input.
``MEMORY``
    Over the memory limit of one input (a ``MemoryError`` under ``RLIMIT_AS``).
``ERROR``
    Exit 1 with Python's own message: the failure was an exception standoff did not mean to
    raise (``RecursionError``, ``ZeroDivisionError``, ``OverflowError``, numpy's messages, …),
    not a :class:`standoff.errors.StandoffError`, an ``OSError`` or a ``ValueError`` that
    standoff raised itself.
``CONTRACT``
    No traceback, but a promise broken all the same: a Python warning or a raw control
    character reaching the terminal, standard error that is not one line on exit 1, invalid
    JSON on exit 0, an ``--output`` file damaged by a failing command.
"""

from __future__ import annotations

import json
import re
import traceback
from collections import Counter
from dataclasses import dataclass
from types import TracebackType

__all__ = ["KINDS", "Outcome", "Verdict", "frame_of", "judge", "printable"]

KINDS = ("CRASH", "HANG", "MEMORY", "ERROR", "CONTRACT")

DIAGNOSTIC = re.compile(r"^.+:\d+:\d+: error: ")
WARNING = re.compile(r"^(standoff|.+:\d+:\d+): warning: ")
"""A warning: the command's own, or a located one about the scenario (exit 0 or 1)."""
USAGE = re.compile(r"^Usage: standoff [a-z]+ \[OPTIONS\] \{FILE\}$")
TRY = re.compile(r"^Try 'standoff [a-z]+ --help' for help\.$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x80-\x9f]")
"""C0 and C1 control characters, except tab and newline: raw, they drive the terminal."""


@dataclass(frozen=True)
class Verdict:
    """A broken promise: its kind, the exception type (or a name for it) and where it happened."""

    kind: str
    type: str
    frame: str
    """The innermost frame in standoff (``package/module.py:function``), or where known."""
    message: str
    details: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What two findings must share to be the same one."""
        return (self.kind, self.type, self.frame)


@dataclass
class Outcome:
    """What one run of a command did."""

    exit_code: int
    stdout: str
    stderr: str
    escaped: BaseException | None
    """An exception that escaped the command (a traceback)."""
    cause: BaseException | None
    """The exception a failing exit (1 or 2) was raised from, if any."""
    warnings: list[str]
    json_output: bool
    output_file: str | None
    """The ``--output`` file after the run: its text, or None when it does not exist."""
    sentinel: str | None
    """What the ``--output`` file held before the run (None without ``--output``)."""


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters, newlines and surrogates
    escaped as in Python."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _where(filename: str) -> str:
    marker = "/standoff/"
    if marker in filename:
        return filename[filename.rindex(marker) + len(marker) :]
    return filename.rsplit("/", 1)[-1]


def frame_of(error: BaseException | None, tb: TracebackType | None = None) -> tuple[str, str]:
    """The frame to group a failure by, and the line to show: the innermost frame in standoff
    (the one repeated most, for a ``RecursionError``), or the innermost frame at all."""
    frames = traceback.extract_tb(tb or (error.__traceback__ if error else None))
    if not frames:
        return "?", "?"
    ours = [f for f in frames if "/standoff/" in f.filename] or list(frames)
    if isinstance(error, RecursionError):
        counts = Counter((f.filename, f.name) for f in ours)
        filename, name = counts.most_common(1)[0][0]
        chosen = next(f for f in reversed(ours) if (f.filename, f.name) == (filename, name))
    else:
        chosen = ours[-1]
    where = f"{_where(chosen.filename)}:{chosen.name}"
    return where, f"{_where(chosen.filename)}:{chosen.lineno} in {chosen.name}"


def _exception(kind: str, error: BaseException) -> Verdict:
    frame, line = frame_of(error)
    text = "".join(traceback.format_exception(error))
    message = f"{type(error).__name__}: {error}"[:300]
    return Verdict(kind, type(error).__name__, frame, message, f"at {line}\n\n{text}")


def _intended(error: BaseException) -> bool:
    """Whether an exit 1 from ``error`` is a failure standoff means to report in one line."""
    from standoff.errors import StandoffError

    if isinstance(error, (StandoffError, OSError, ImportError)):
        return True
    if type(error) is ValueError:  # raised by standoff itself, with its own message
        frames = traceback.extract_tb(error.__traceback__)
        return bool(frames) and "/standoff/" in frames[-1].filename
    return False


def _usage_error(lines: list[str]) -> bool:
    return (
        len(lines) == 4
        and bool(USAGE.match(lines[0]))
        and bool(TRY.match(lines[1]))
        and lines[2] == ""
        and lines[3].startswith("Error: ")
    )


def _shape(line: str) -> str:
    """A message with its particulars left out, to group messages of the same form."""
    line = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", line)
    return re.sub(r"\d+", "N", line)[:120]


def judge(outcome: Outcome) -> Verdict | None:
    """The broken promise of one run, or None when it kept every one."""
    error = outcome.escaped
    if error is not None:
        return _exception("MEMORY" if isinstance(error, MemoryError) else "CRASH", error)
    code = outcome.exit_code
    stderr = outcome.stderr
    lines = stderr[:-1].split("\n") if stderr.endswith("\n") else stderr.split("\n")
    if code not in (0, 1, 2):
        return Verdict("CRASH", f"Exit{code}", "?", f"exit status {code}", stderr[:2000])
    cause = outcome.cause
    if code == 1 and isinstance(cause, MemoryError):
        return _exception("MEMORY", cause)
    if code == 1 and cause is not None and not _intended(cause):
        return _exception("ERROR", cause)
    if code == 2 and not _usage_error(lines):
        bad = [line for line in lines if not DIAGNOSTIC.match(line)] if stderr else ["(nothing)"]
        if bad:
            where = frame_of(cause)[0] if cause is not None else "?"
            return Verdict(
                "CRASH",
                "MalformedDiagnostics",
                f"{where} {_shape(bad[0])}",
                f"exit 2, but standard error has a line that is not FILE:LINE:COLUMN: error: "
                f"{bad[0][:200]!r}",
                stderr[:3000],
            )
    if outcome.warnings:
        first = outcome.warnings[0]
        return Verdict("CONTRACT", "PythonWarning", first.split(": ", 1)[0], first[:300])
    if code == 1:
        failures = [line for line in lines if not WARNING.match(line)]
        if len(failures) != 1 or not failures[0].startswith("standoff: error: "):
            return Verdict(
                "CONTRACT",
                "MalformedFailure",
                _shape(failures[0] if failures else ""),
                f"exit 1, but standard error is not one 'standoff: error:' line: {stderr[:200]!r}",
                stderr[:3000],
            )
    if code == 0 and any(line and not WARNING.match(line) for line in lines):
        return Verdict("CONTRACT", "UnexpectedStderr", _shape(lines[0]), stderr[:300])
    streams = [("stderr", stderr)]
    if not outcome.json_output:  # JSON escapes what it must; its strings are data
        streams.insert(0, ("stdout", outcome.stdout))
    for stream, text in streams:
        found = CONTROL.search(text)
        if found:
            start = max(found.start() - 40, 0)
            return Verdict(
                "CONTRACT",
                "RawControlCharacter",
                stream,
                f"{found.group()!r} reaches {stream} raw: {text[start : found.end() + 40]!r}",
            )
    if code == 0 and outcome.json_output and outcome.sentinel is None:
        try:
            json.loads(outcome.stdout)
        except ValueError as problem:
            return Verdict(
                "CONTRACT", "InvalidJSON", "stdout", f"{problem}: {outcome.stdout[:200]!r}"
            )
    if outcome.sentinel is not None:
        if code != 0 and outcome.output_file != outcome.sentinel:
            return Verdict(
                "CONTRACT",
                "OutputFileDamaged",
                f"exit {code}",
                f"exit {code}, and the --output file changed: {str(outcome.output_file)[:100]!r}",
            )
        if code == 0 and (outcome.output_file is None or outcome.output_file == outcome.sentinel):
            return Verdict("CONTRACT", "OutputFileMissing", "exit 0", "exit 0, no output written")
    return None
