"""The typed, immutable model of a scenario file (format 1).

The loader (:mod:`standoff.scenario._loader`) builds these records after checking everything
that can be checked without enumerating states; the conflict layer checks the rest (state names
that match zero or several states, rankings that miss or repeat states, an empty feasible set) and
reports it against the :class:`~standoff.errors.Location` kept in each record.
"""

from __future__ import annotations

import copyreg
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from standoff.errors import Location
from standoff.scenario._expressions import Expression
from standoff.scenario._forecast_model import ForecastSpec
from standoff.scenario._negotiation_model import Negotiation

__all__ = [
    "ConflictSpec",
    "ForbiddenMove",
    "Formula",
    "Option",
    "Party",
    "Perception",
    "Preference",
    "PreferenceAlternative",
    "PreferenceUncertainty",
    "Prioritization",
    "Ranking",
    "RankingEntry",
    "Scenario",
]

Irreversibility = Literal["once_taken", "once_dropped"]


def read_only(entries: dict[object, object]) -> MappingProxyType[object, object]:
    """A read-only view of ``entries``; how the records' mappings are rebuilt when unpickled."""
    return MappingProxyType(entries)


# The records hold their mappings read-only; registering how to pickle such a view lets a
# scenario travel to the worker processes and Dask workers that robustness sweeps run on.
copyreg.pickle(MappingProxyType, lambda view: (read_only, (dict(view),)))


@dataclass(frozen=True)
class Formula:
    """An expression together with where it was written.

    ``exact_columns`` is true when character offsets inside the text map one-to-one onto columns of
    the file (a single-line plain or quoted scalar); otherwise positions point at the scalar's
    start.
    """

    expression: Expression
    location: Location
    exact_columns: bool = True

    @property
    def text(self) -> str:
        """The expression as written."""
        return self.expression.text

    def location_of(self, offset: int) -> Location:
        """The file position of character ``offset`` of the expression text."""
        if not self.exact_columns:
            return self.location
        where = self.location
        return Location(where.file, where.line, where.column + offset)


@dataclass(frozen=True)
class Option:
    """One option: a yes/no choice controlled by one party. ``index`` is its bit in state codes;
    ``short`` is the few words that name it in descriptions of states and moves (``""``: none
    given, see :attr:`words`)."""

    id: str
    label: str
    party: str
    index: int
    location: Location
    short: str = ""

    @property
    def words(self) -> str:
        """What descriptions of states and moves call the option: its ``short`` label, or else its
        id with spaces for underscores, less a leading party id (descriptions name the party).

        >>> from standoff.errors import Location
        >>> where = Location("f.yaml", 1, 1)
        >>> Option("nuclear_tests", "Resume tests", "NK", 0, where).words
        'nuclear tests'
        >>> Option("nk_tests", "Resume tests", "NK", 0, where).words
        'tests'
        >>> Option("testing", "Resume tests", "NK", 0, where, short="tests").words
        'tests'
        """
        if self.short:
            return self.short
        name = self.id
        prefix = f"{self.party.lower()}_"
        if name.lower().startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix) :]
        return name.replace("_", " ")


@dataclass(frozen=True)
class Party:
    """A party (decision maker); ``options`` are its option ids in file order."""

    id: str
    label: str
    options: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class ForbiddenMove:
    """``party`` may not move from a state where ``source`` holds to one where ``target`` holds."""

    party: str
    source: Formula
    target: Formula
    location: Location


@dataclass(frozen=True)
class Prioritization:
    """Option prioritization statements, most important first (GMCR II / GMCR+)."""

    statements: tuple[Formula, ...]
    location: Location


@dataclass(frozen=True)
class RankingEntry:
    """One place in an explicit ranking: every feasible state matching any member, tied together."""

    members: tuple[Formula, ...]
    location: Location


@dataclass(frozen=True)
class Ranking:
    """An explicit ranking of states, most preferred entry first."""

    entries: tuple[RankingEntry, ...]
    location: Location


Preference = Prioritization | Ranking


@dataclass(frozen=True)
class PreferenceAlternative:
    """Another preference set a party may hold, with its weight (``uncertainty.alternatives``)."""

    preference: Preference
    weight: float
    label: str | None
    location: Location


@dataclass(frozen=True)
class PreferenceUncertainty:
    """How one party's preferences may vary (the ``uncertainty:`` section).

    ``radius`` allows every ordering of the stated judgements within that many adjacent swaps;
    ``uncertain`` (0-based judgement indices) may move anywhere, and statements among them may
    drop out; ``weight`` is the weight of the stated preferences and their variants against the
    ``alternatives``.
    """

    party: str
    radius: int
    uncertain: tuple[int, ...]
    weight: float
    alternatives: tuple[PreferenceAlternative, ...]
    location: Location


@dataclass(frozen=True)
class ConflictSpec:
    """The ``conflict:`` section: the graph model as written in the file."""

    infeasible: tuple[Formula, ...]
    mutually_exclusive: tuple[tuple[str, ...], ...]
    exactly_one: tuple[tuple[str, ...], ...]
    irreversible: Mapping[str, Irreversibility]
    forbidden_moves: tuple[ForbiddenMove, ...]
    states: Mapping[str, Formula]
    status_quo: Formula | None
    preferences: Mapping[str, Preference]
    location: Location
    coalitions: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Perception:
    """How ``viewer`` sees the conflict: its beliefs about other parties' preferences, the options
    of others it does not know exist, and (``views``) what it believes other parties believe
    about the preferences of parties other than themselves."""

    viewer: str
    preferences: Mapping[str, Preference]
    unaware_of: tuple[str, ...]
    views: Mapping[str, Mapping[str, Preference]]
    location: Location


@dataclass(frozen=True)
class Scenario:
    """A validated scenario file."""

    file: str
    format: int
    title: str
    description: str | None
    sources: tuple[str, ...]
    parties: tuple[Party, ...]
    options: tuple[Option, ...]
    conflict: ConflictSpec | None
    perceptions: tuple[Perception, ...]
    negotiation: Negotiation | None
    location: Location
    uncertainty: Mapping[str, PreferenceUncertainty] = field(
        default_factory=lambda: MappingProxyType({})
    )
    forecast: ForecastSpec | None = None

    @property
    def movers(self) -> tuple[Party, ...]:
        """The parties that have options (the set N of the graph model), in file order."""
        return tuple(party for party in self.parties if party.options)
