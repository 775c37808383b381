"""Hinges: which conclusions turn on a single preference judgement.

For each party and each single change of its judgements (two adjacent statements or ranking
entries swapped; one statement dropped, see :func:`~standoff.robustness._variants.single_changes`),
with every other judgement as stated, the equilibria of each concept are recomputed; a *hinge*
is a change under which some equilibrium disappears or a new one appears. No ``uncertainty:``
section is needed: the question is always "what if one judgement is a little wrong?".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from standoff.conflict import Conflict
from standoff.conflict._computed import ComputedOn
from standoff.robustness._batch import Progress, stable_variants
from standoff.robustness._variants import Change, single_changes
from standoff.stability import CONCEPTS

__all__ = ["HingeEffect", "Hinges", "hinges"]


@dataclass(frozen=True)
class HingeEffect:
    """What one single change does to the equilibria of each concept (state indices).

    Attributes
    ----------
    change
        The change.
    text
        The change in words (``"NK drops 'not freeze'"``).
    lost, gained
        Concept -> the equilibria it removes / adds, ascending.
    """

    change: Change
    text: str
    lost: Mapping[str, tuple[int, ...]]
    gained: Mapping[str, tuple[int, ...]]

    @property
    def matters(self) -> bool:
        """Whether the change moves any equilibrium of any concept."""
        return any(self.lost.values()) or any(self.gained.values())


@dataclass(frozen=True, eq=False)
class Hinges(ComputedOn):
    """The equilibria as stated and what every single change of a judgement does to them.

    Attributes
    ----------
    conflict
        The conflict analysed.
    concepts
        The concepts recomputed.
    stated
        Concept -> its equilibria with the preferences as stated (state indices).
    effects
        One per single change, party by party in file order.
    """

    conflict: Conflict = field(repr=False)
    concepts: tuple[str, ...]
    stated: Mapping[str, tuple[int, ...]]
    effects: tuple[HingeEffect, ...]

    def breaking(self, concept: str, state: int) -> tuple[HingeEffect, ...]:
        """The changes under which ``state`` stops being an equilibrium of ``concept``."""
        return tuple(e for e in self.effects if state in e.lost[concept])

    def making(self, concept: str, state: int) -> tuple[HingeEffect, ...]:
        """The changes under which ``state`` becomes an equilibrium of ``concept``."""
        return tuple(e for e in self.effects if state in e.gained[concept])

    def gained_states(self, concept: str) -> tuple[int, ...]:
        """Every state some single change makes an equilibrium of ``concept``, ascending."""
        return tuple(sorted({s for e in self.effects for s in e.gained[concept]}))


def hinges(
    conflict: Conflict, concepts: Iterable[str] = CONCEPTS, *, progress: Progress | None = None
) -> Hinges:
    """Recompute the equilibria under every single change of one judgement.

    Examples
    --------
    In the prisoner's dilemma mutual defection survives every single change of a judgement:

    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> result = hinges(build_conflict(load("examples/prisoners_dilemma.yaml")), ["nash"])
    >>> len(result.effects), [e.text for e in result.breaking("nash", 3)]
    (6, [])
    """
    wanted = tuple(c for c in CONCEPTS if c in set(concepts))
    changes = [
        change
        for party in conflict.movers
        if party.id in conflict.judgements
        for change in single_changes(conflict.judgements[party.id])
    ]
    count = len(changes) + 1  # row 0: as stated
    ranks = {}
    for party in conflict.movers:
        rows = np.repeat(conflict.ranks[party.id][None, :], count, axis=0)
        judgements = conflict.judgements.get(party.id)
        for row, change in enumerate(changes, start=1):
            if change.party == party.id and judgements is not None:
                rows[row] = judgements.ranks(change.places(judgements.count)[None, :])[0]
        ranks[party.id] = rows
    result = stable_variants(conflict, ranks, wanted, progress=progress)
    stated = {c: tuple(int(i) for i in np.flatnonzero(result.equilibria[c][0])) for c in wanted}
    effects = []
    for row, change in enumerate(changes, start=1):
        lost, gained = {}, {}
        for concept in wanted:
            before, after = result.equilibria[concept][0], result.equilibria[concept][row]
            lost[concept] = tuple(int(i) for i in np.flatnonzero(before & ~after))
            gained[concept] = tuple(int(i) for i in np.flatnonzero(after & ~before))
        text = change.describe(conflict.judgements[change.party])
        effects.append(HingeEffect(change, text, MappingProxyType(lost), MappingProxyType(gained)))
    return Hinges(conflict, wanted, MappingProxyType(stated), tuple(effects))
