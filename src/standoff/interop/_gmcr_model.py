"""A GMCR+ save file as a frozen record, and its feasible states (docs/gmcr.md).

GMCR+ puts each decision maker's options together, in decision-maker order, before it numbers
anything: option k of that order has weight 2^k, and the feasible states, sorted by decimal code,
are numbered 1..N. standoff numbers options and states the same way when each party's options are
listed in that order, so the record keeps the options in GMCR+'s order (each remembers its index
in the file), and the state numbers of the file are standoff's state ids.

>>> taken = GmcrCondition((((0, True), (1, True)),))
>>> dropped = GmcrCondition((((2, False),),))
>>> import numpy as np
>>> taken.holds(np.arange(8)).tolist()
[False, False, False, True, False, False, False, True]
>>> feasible_states(3, (taken, dropped), limit=8).tolist()   # not (0 and 1), and 2 taken
[4, 5, 6]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "DIRECTIONS",
    "MAX_COUNTED_OPTIONS",
    "Direction",
    "GmcrCondition",
    "GmcrDecisionMaker",
    "GmcrModel",
    "GmcrOption",
    "TooManyStatesError",
    "count_feasible",
    "feasible_states",
]

Direction = Literal["both", "fwd", "back"]
DIRECTIONS: tuple[Direction, ...] = ("both", "fwd", "back")
"""GMCR+'s ``permittedDirection`` values: reversible, once taken for good, once dropped for good."""

MAX_COUNTED_OPTIONS = 22
"""The most options whose 2^n combinations an import searches for the feasible states (about a
second): enough for any manual ranking a scenario file can hold. Beyond it, the states are left
for standoff's analyses to enumerate."""

_CHUNK = 1 << 20
"""Candidate states evaluated at a time."""


@dataclass(frozen=True)
class GmcrOption:
    """An option: its name, the direction it may change in, and its index in the file."""

    name: str
    direction: Direction
    file_index: int


@dataclass(frozen=True)
class GmcrCondition:
    """A GMCR+ condition: an OR of ANDs of literals, each literal ``(option, taken)``.

    A plain GMCR+ CONDITION is one AND (one member); a COMPOUND is an OR of several. Options are
    positions in GMCR+'s order (:class:`GmcrModel`), not indexes in the file.
    """

    members: tuple[tuple[tuple[int, bool], ...], ...]
    compound: bool = False

    def holds(self, codes: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether the condition holds in each state (decimal codes, option k has weight 2^k)."""
        result = np.zeros(codes.shape, dtype=np.bool_)
        for member in self.members:
            taken = dropped = 0
            for option, value in member:  # a literal may repeat: masks are ORed, not added
                if value:
                    taken |= 1 << option
                else:
                    dropped |= 1 << option
            result |= ((codes & taken) == taken) & ((codes & dropped) == 0)
        return result


@dataclass(frozen=True)
class GmcrDecisionMaker:
    """A decision maker: its options (positions in GMCR+'s order), its prioritization
    statements, its manual ranking when the file uses them (groups of tied state numbers, most
    preferred first) and its misperceptions (the states it does not perceive)."""

    name: str
    options: tuple[int, ...]
    preferences: tuple[GmcrCondition, ...]
    ranking: tuple[tuple[int, ...], ...] | None
    misperceptions: tuple[GmcrCondition, ...]


@dataclass(frozen=True)
class GmcrModel:
    """A validated GMCR+ save file.

    Attributes
    ----------
    file
        The file, as given.
    options
        The options in GMCR+'s order: the first decision maker's, then the next one's.
    decision_makers
        In file order.
    infeasibles
        The conditions that make a combination of options infeasible.
    coalitions
        The file's coalitions: groups of decision-maker indexes (a lone decision maker is a
        group of one).
    manual_ranking
        Whether preferences are the decision makers' manual rankings rather than their
        prioritization statements.
    feasible_count
        The number of feasible states; None for a conflict of more than
        :data:`MAX_COUNTED_OPTIONS` options, whose states are not searched at import.
    program, version
        What wrote the file, when it says (``gmcr-py``, ``0.4.1``).
    notes
        What the reader noticed and did not refuse: keys it ignored, older keys it read.
    """

    file: str
    options: tuple[GmcrOption, ...]
    decision_makers: tuple[GmcrDecisionMaker, ...]
    infeasibles: tuple[GmcrCondition, ...]
    coalitions: tuple[tuple[int, ...], ...]
    manual_ranking: bool
    feasible_count: int | None
    program: str | None
    version: str | None
    notes: tuple[str, ...]


class TooManyStatesError(ValueError):
    """More feasible states than a caller's limit."""


def _feasible_chunks(
    option_count: int, infeasibles: tuple[GmcrCondition, ...]
) -> Iterator[NDArray[np.int64]]:
    for start in range(0, 1 << option_count, _CHUNK):
        codes = np.arange(start, min(start + _CHUNK, 1 << option_count), dtype=np.int64)
        excluded = np.zeros(codes.shape, dtype=np.bool_)
        for condition in infeasibles:
            excluded |= condition.holds(codes)
        yield codes[~excluded]


def count_feasible(option_count: int, infeasibles: tuple[GmcrCondition, ...]) -> int:
    """How many of the 2^option_count combinations no infeasible condition holds in."""
    return sum(len(chunk) for chunk in _feasible_chunks(option_count, infeasibles))


def feasible_states(
    option_count: int, infeasibles: tuple[GmcrCondition, ...], *, limit: int
) -> NDArray[np.int64]:
    """The decimal codes of the feasible states, increasing: state number k is entry k - 1.

    Raises
    ------
    TooManyStatesError
        When there are more than ``limit``, as soon as the count passes it.
    """
    found: list[NDArray[np.int64]] = []
    total = 0
    for chunk in _feasible_chunks(option_count, infeasibles):
        total += len(chunk)
        if total > limit:
            raise TooManyStatesError(f"more than {limit:,} feasible states")
        found.append(chunk)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
