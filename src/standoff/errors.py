"""The exceptions standoff raises, and the positioned diagnostics they carry.

Every error standoff raises derives from :class:`StandoffError`. An error that refines a builtin
also inherits it, so ``except ValueError`` keeps working for callers who do not know standoff.

Examples
--------
>>> where = Location("korea.yaml", 12, 7)
>>> print(Diagnostic(where, "option 'stirke' is not defined (did you mean 'strike'?)"))
korea.yaml:12:7: error: option 'stirke' is not defined (did you mean 'strike'?)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "AnalysisTooLargeError",
    "Diagnostic",
    "Location",
    "RequestError",
    "ScenarioError",
    "ScenarioTooLargeError",
    "StandoffError",
]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in an input file, printed as ``FILE:LINE:COLUMN: error: message``."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: error: {self.message}"


class StandoffError(Exception):
    """Base class of every error raised by standoff."""


class ScenarioError(StandoffError, ValueError):
    """A scenario file is invalid; :attr:`diagnostics` lists every problem found, in file order."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(sorted(set(diagnostics)))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


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
