"""Frozen records of a hypergame analysis."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict
from standoff.conflict._computed import ComputedOn

__all__ = ["Hypergame", "Mask", "Misjudgment", "PerceptionValue"]

Mask = NDArray[np.bool_]
"""A read-only boolean array over state indices."""


@dataclass(frozen=True)
class Misjudgment:
    """How ``viewer`` misjudges ``party`` under ``concept``.

    ``breaks`` lists (state, the state ``party`` moves to) for states the viewer expects the party
    to accept but which it leaves in reality; ``keeps`` the states the viewer expects it to leave
    but which it keeps.
    """

    viewer: str
    party: str
    concept: str
    breaks: tuple[tuple[int, int], ...]
    keeps: tuple[int, ...]


@dataclass(frozen=True)
class PerceptionValue:
    """Hyper-equilibria that ``viewer``'s beliefs add (``gained``) or remove (``lost``) compared
    with the viewer seeing the true conflict, everyone else's views unchanged."""

    viewer: str
    concept: str
    gained: tuple[int, ...]
    lost: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class Hypergame(ComputedOn):
    """The first- and second-level hypergame analysis of a conflict with perceptions.

    All state sets are read-only boolean arrays over state indices, per concept.

    Attributes
    ----------
    conflict
        The true conflict analysed (with its perceptions).
    concepts
        The concepts computed, in :data:`~standoff.stability.CONCEPTS` order.
    viewers
        The parties with options, in file order.
    expected
        Viewer -> concept -> the equilibria of the viewer's perceived game.
    hyper_equilibria
        Concept -> the states stable for every party in the game it perceives.
    predicted
        Viewer -> concept -> the outcomes the viewer predicts at the second level.
    misjudgments
        Where a viewer expects a party to stay and it leaves, or the reverse.
    surprises
        Concept -> the hyper-equilibria that no party expects.
    values
        What each viewer's beliefs add to and remove from the hyper-equilibria.
    """

    conflict: Conflict = field(repr=False)
    concepts: tuple[str, ...]
    viewers: tuple[str, ...]
    expected: Mapping[str, Mapping[str, Mask]]
    hyper_equilibria: Mapping[str, Mask]
    predicted: Mapping[str, Mapping[str, Mask]]
    misjudgments: tuple[Misjudgment, ...]
    surprises: Mapping[str, Mask]
    values: tuple[PerceptionValue, ...]
