"""The graph model of a conflict as arrays: feasible states, preference ranks and move rules.

A state is its option bit vector read as an integer (option k has weight 2^k: the *decimal code*).
The feasible states are kept as one ascending array of codes; a state's position in it is its
*index* (0-based) and ``index + 1`` its *id*, the number every output uses (GMCR II / GMCR+).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from standoff.conflict._judgements import Judgements
from standoff.scenario import Party, Scenario

__all__ = ["Conflict", "ForbiddenRule", "Ranks", "StateCodes"]

StateCodes = NDArray[np.int64]
Ranks = NDArray[np.int64]

MAX_TABLE_OPTIONS = 20
"""Up to this many options a conflict finds states by code in a table of 2^n entries."""


@dataclass(frozen=True, eq=False)
class ForbiddenRule:
    """``party`` may not move from a state where ``source`` is true to one where ``target`` is true.

    Both masks are boolean arrays over the feasible states (by index).
    """

    party: str
    source: NDArray[np.bool_]
    target: NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class Conflict:
    """A conflict ready for analysis; build it with :func:`standoff.conflict.build_conflict`.

    Attributes
    ----------
    scenario
        The scenario it was built from (parties, options, labels, source file).
    codes
        Decimal codes of the feasible states, ascending; position = state index.
    names
        State index -> state name, for the named states.
    status_quo
        Index of the status quo state, or ``None`` when the scenario names none.
    ranks
        Party id -> rank of every state (1 = most preferred, ties share a rank, dense ranking),
        for every party with preferences.
    once_taken, once_dropped
        Bit masks of the irreversible options by direction.
    forbidden
        The ``forbidden_moves`` rules, evaluated.
    beliefs
        The ``perceptions`` as ranks: ``(viewer,)`` -> the ranks the viewer believes other parties
        hold; ``(viewer, holder)`` -> the ranks the viewer believes ``holder`` ascribes to others.
    unaware
        Viewer -> bit mask of the options it does not know exist.
    judgements
        Party id -> the statements or ranking entries its ranks rest on, as arrays (what
        robustness and inverse analysis vary).
    alternatives
        Party id -> the ranks of each alternative preference set of its ``uncertainty`` entry.
    """

    scenario: Scenario
    codes: StateCodes
    names: Mapping[int, str]
    status_quo: int | None
    ranks: Mapping[str, Ranks]
    once_taken: int
    once_dropped: int
    forbidden: tuple[ForbiddenRule, ...]
    beliefs: Mapping[tuple[str, ...], Mapping[str, Ranks]] = field(default_factory=dict)
    unaware: Mapping[str, int] = field(default_factory=dict)
    judgements: Mapping[str, Judgements] = field(default_factory=dict)
    alternatives: Mapping[str, tuple[Ranks, ...]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The scenario's title."""
        return self.scenario.title

    @property
    def coalitions(self) -> tuple[tuple[str, ...], ...]:
        """The coalitions the scenario declares (a partition of some of the parties)."""
        spec = self.scenario.conflict
        return spec.coalitions if spec is not None else ()

    @property
    def state_count(self) -> int:
        """The number of feasible states N."""
        return int(self.codes.size)

    @property
    def option_count(self) -> int:
        """The number of options n (patterns have n characters)."""
        return len(self.scenario.options)

    @property
    def movers(self) -> tuple[Party, ...]:
        """The parties with options (the set N of the graph model), in file order."""
        return self.scenario.movers

    @cached_property
    def _masks(self) -> dict[str, int]:
        masks = {party.id: 0 for party in self.scenario.parties}
        for option in self.scenario.options:
            masks[option.party] |= 1 << option.index
        return masks

    def party_mask(self, party: str) -> int:
        """The bit mask of the options ``party`` controls."""
        return self._masks[party]

    def pattern(self, index: int) -> str:
        """The ``Y``/``N`` pattern of the state at ``index``, one character per option.

        >>> from standoff.conflict import build_conflict
        >>> from standoff.scenario import load
        >>> conflict = build_conflict(load("examples/chicken.yaml"))
        >>> [conflict.pattern(index) for index in range(conflict.state_count)]
        ['NN', 'YN', 'NY', 'YY']
        """
        code = int(self.codes[index])
        return "".join("Y" if code >> k & 1 else "N" for k in range(self.option_count))

    def describe(self, index: int) -> str:
        """The pattern of a state, with its name when it has one: ``NYNNN (status_quo)``."""
        name = self.names.get(index)
        return f"{self.pattern(index)} ({name})" if name else self.pattern(index)

    def find_state(self, text: str) -> int:
        """The index of the state named ``text``: a state name, an id, or a ``Y``/``N`` pattern.

        Raises
        ------
        ValueError
            When no state matches, with a suggestion for a misspelt name.

        >>> from standoff.conflict import build_conflict
        >>> from standoff.scenario import load
        >>> conflict = build_conflict(load("examples/chicken.yaml"))
        >>> conflict.find_state("crash"), conflict.find_state("2"), conflict.find_state("NY")
        (3, 1, 2)
        """
        by_name = {name: index for index, name in self.names.items()}
        if text in by_name:
            return by_name[text]
        if text.isdigit() and 1 <= int(text) <= self.state_count:
            return int(text) - 1
        if len(text) == self.option_count and set(text) <= {"Y", "N"}:
            code = sum(1 << k for k, letter in enumerate(text) if letter == "Y")
            index = int(self.index_of(np.array([code], dtype=np.int64))[0])
            if index >= 0:
                return index
            raise ValueError(f"pattern '{text}' is not a feasible state")
        close = difflib.get_close_matches(text, list(by_name), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ValueError(
            f"'{text}' is not a state name, an id from 1 to {self.state_count} or a pattern of "
            f"{self.option_count} Y/N letters{hint}"
        )

    @cached_property
    def _code_table(self) -> NDArray[np.int64] | None:
        """State index by code, -1 for an infeasible code; only for at most
        :data:`MAX_TABLE_OPTIONS` options (8 MiB), where one lookup beats a binary search."""
        if self.option_count > MAX_TABLE_OPTIONS:
            return None
        table = np.full(1 << self.option_count, -1, dtype=np.int64)
        table[self.codes] = np.arange(self.codes.size)
        return table

    def index_of(self, codes: StateCodes) -> NDArray[np.int64]:
        """Indices of the states with the given codes; -1 where a code is not feasible."""
        table = self._code_table
        if table is not None:
            return table[codes]  # codes are built from option bits: within the table
        position = np.searchsorted(self.codes, codes)
        position = np.minimum(position, self.codes.size - 1)
        return np.where(self.codes[position] == codes, position, -1).astype(np.int64)
