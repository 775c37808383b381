"""The exceptions standoff raises, and the positioned diagnostics they carry.

Every error standoff raises derives from :class:`StandoffError`. An error that refines a builtin
also inherits it, so ``except ValueError`` keeps working for callers who do not know standoff.

Examples
--------
>>> where = Location("korea.yaml", 12, 7)
>>> print(Diagnostic(where, "option 'stirke' is not defined (did you mean 'strike'?)"))
korea.yaml:12:7: error: option 'stirke' is not defined (did you mean 'strike'?)

A diagnostic is always one line: control characters in what the user wrote (an id with a newline,
an escape sequence) are shown escaped, so they can neither split the line nor drive the terminal.

>>> print(Diagnostic(where, "'A\\nB\\x1b[31m' is not a party"))
korea.yaml:12:7: error: 'A\\nB\\x1b[31m' is not a party
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "AnalysisTooLargeError",
    "Diagnostic",
    "Location",
    "RequestError",
    "ScenarioError",
    "ScenarioTooLargeError",
    "StandoffError",
]

MAX_DIAGNOSTICS = 100
"""The most problems a :class:`ScenarioError` lists; one last line counts the others."""

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Control characters, line and paragraph separators, bidirectional overrides, lone surrogates."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _printable(text: str) -> str:
    """``text`` with every character of :data:`_UNSAFE` written as a Python escape (``\\n``)."""
    if text.isprintable():  # the common case: nothing to escape
        return text
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{_printable(self.file)}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in an input file, printed as ``FILE:LINE:COLUMN: error: message``
    (or ``warning:`` for something valid that is probably not what was meant)."""

    location: Location
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {_printable(self.message)}"


class StandoffError(Exception):
    """Base class of every error raised by standoff."""


class ScenarioError(StandoffError, ValueError):
    """A scenario file is invalid; :attr:`diagnostics` lists every problem found, in file order.

    At most :data:`MAX_DIAGNOSTICS` problems are listed, the first in file order; when there are
    more, a last diagnostic, where the first one left out is, says how many were left out.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        unique = set(diagnostics)
        if len(unique) <= MAX_DIAGNOSTICS:
            kept = sorted(unique, key=_in_file_order)
        else:
            *kept, first_left_out = heapq.nsmallest(MAX_DIAGNOSTICS + 1, unique, key=_in_file_order)
            more = len(unique) - MAX_DIAGNOSTICS
            message = f"and {more:,} more problems (only the first {MAX_DIAGNOSTICS} are listed)"
            kept.append(Diagnostic(first_left_out.location, message))
        self.diagnostics: tuple[Diagnostic, ...] = tuple(kept)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def _in_file_order(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    """The order of :class:`Diagnostic` (file, line, column, message), as a fast sort key."""
    where = diagnostic.location
    return (where.file, where.line, where.column, diagnostic.message)


class ScenarioTooLargeError(ScenarioError):
    """A scenario is beyond the engine's limits; refused before any large allocation."""


class AnalysisTooLargeError(StandoffError, ValueError):
    """An analysis would need more memory than its budget; refused before allocating it."""


class RequestError(StandoffError, ValueError):
    """A request names something the scenario does not have (a state, a party, a horizon).

    :attr:`field` is the request field at fault (``"start"``, ``"target"``, ...), so that a
    command line can name its own option.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)
