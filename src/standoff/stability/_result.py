"""Frozen records of stability analyses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff._frames import frame
from standoff.conflict import Conflict
from standoff.conflict._computed import ComputedOn

__all__ = ["CONCEPTS", "CONCEPT_LABELS", "StabilityAnalysis", "StabilityResult"]

CONCEPTS = ("nash", "gmr", "smr", "seq", "sim", "seqsim")
"""The solution concepts, in the order outputs list them."""
CONCEPT_LABELS = {
    "nash": "Nash",
    "gmr": "GMR",
    "smr": "SMR",
    "seq": "SEQ",
    "sim": "SIM",
    "seqsim": "SEQ+SIM",
}


@dataclass(frozen=True, eq=False)
class StabilityResult:
    """Which states are stable for each party under one concept, and the equilibria.

    Attributes
    ----------
    concept
        One of :data:`CONCEPTS`.
    source
        The scenario file the conflict came from.
    stable
        Party id -> read-only boolean array over state indices (True = stable for that party).
    equilibria
        Read-only boolean array over state indices: stable for every party with options.
    """

    concept: str
    source: str
    stable: Mapping[str, NDArray[np.bool_]]
    equilibria: NDArray[np.bool_]

    @property
    def label(self) -> str:
        """The concept's display name (``"SEQ+SIM"``, ``"L3"``, ``"NM"``)."""
        return CONCEPT_LABELS.get(self.concept, self.concept.upper())

    def stable_ids(self, party: str) -> list[int]:
        """Ids (1-based, ascending) of the states stable for ``party``."""
        return [int(i) + 1 for i in np.flatnonzero(self.stable[party])]

    def equilibrium_ids(self) -> list[int]:
        """Ids (1-based, ascending) of the equilibria."""
        return [int(i) + 1 for i in np.flatnonzero(self.equilibria)]


@dataclass(frozen=True, eq=False)
class StabilityAnalysis(ComputedOn):
    """The results of several concepts on one conflict, in :data:`CONCEPTS` order.

    Attributes
    ----------
    conflict
        The conflict analysed.
    results
        Concept -> its result.
    """

    conflict: Conflict = field(repr=False)
    results: Mapping[str, StabilityResult]

    @property
    def concepts(self) -> tuple[str, ...]:
        """The concepts computed."""
        return tuple(self.results)

    def to_pandas(self) -> Any:
        """One row per state (indexed by its 1-based id): its name, its pattern, then for each
        concept whether it is an equilibrium (column ``nash``, ...) and whether it is stable for
        each party (``nash US``, ...). Needs pandas (``standoff[notebook]``).

        >>> from standoff.stability import analyze
        >>> from standoff.conflict import build_conflict
        >>> from standoff.scenario import load
        >>> table = analyze(build_conflict(load("examples/prisoners_dilemma.yaml"))).to_pandas()
        >>> table.index[table["nash"]].tolist(), table.loc[4, "pattern"]
        ([4], 'YY')
        >>> table["nash Ann"].tolist(), table.loc[1, "name"]
        ([False, True, False, True], 'both_cooperate')
        """
        conflict = self.conflict
        states = range(conflict.state_count)
        columns: dict[str, Any] = {
            "state": [k + 1 for k in states],
            "name": [conflict.names.get(k, "") for k in states],
            "pattern": [conflict.pattern(k) for k in states],
        }
        for concept, result in self.results.items():
            columns[concept] = result.equilibria
            for party, stable in result.stable.items():
                columns[f"{concept} {party}"] = stable
        return frame(columns, index="state")
