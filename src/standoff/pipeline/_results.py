"""What :func:`standoff.pipeline.run` returns: every record, and where they come from."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from standoff._display import Shown
from standoff.conflict import Conflict
from standoff.errors import Diagnostic
from standoff.pipeline._provenance import Provenance
from standoff.pipeline._records import ConflictRecord, Record
from standoff.pipeline._request import Request
from standoff.scenario import Scenario

__all__ = ["Results"]

R = TypeVar("R", bound=Record)


@dataclass(frozen=True, eq=False)
class Results(Shown):
    """The records of every analysis that ran, in registry order, with their provenance.

    ``results["stability"]`` is the record of one analysis (a ``KeyError`` names the ones that
    ran); ``results.get(StabilityRecord)`` the record of that kind, or ``None``.

    Attributes
    ----------
    scenario
        The scenario analysed.
    request
        What was asked for.
    provenance
        Version, scenario file and hash, date, seed and parameters.
    records
        Analysis name -> record, in the order the analyses ran.
    warnings
        What was skipped and why (for example coalitions beyond the memory budget), as text; and
        preferences that are valid but probably not what was meant, as located
        :class:`~standoff.errors.Diagnostic` warnings
        (:func:`~standoff.conflict.preference_warnings`).
    """

    scenario: Scenario
    request: Request
    provenance: Provenance
    records: Mapping[str, Record]
    warnings: tuple[str | Diagnostic, ...] = ()

    def __getitem__(self, name: str) -> Record:
        try:
            return self.records[name]
        except KeyError:
            ran = ", ".join(self.records) or "none"
            raise KeyError(f"no analysis '{name}' ran (these did: {ran})") from None

    def __contains__(self, name: object) -> bool:
        return name in self.records

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records.values())

    def get(self, kind: type[R]) -> R | None:
        """The record of that kind, or ``None`` when its analysis did not run."""
        found = self.records.get(kind.name)
        return found if isinstance(found, kind) else None

    @property
    def conflict(self) -> Conflict | None:
        """The conflict analysed, or ``None`` without a ``conflict`` section."""
        found = self.get(ConflictRecord)
        return None if found is None else found.conflict
