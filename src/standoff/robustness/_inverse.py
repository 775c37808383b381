"""Inverse analysis: what would have to change for a state to be stable.

For a desired state and each concept: the exact conditions on each party's preferences
(:mod:`~standoff.robustness._conditions`), the fewest reversed preferences that make it an
equilibrium (:mod:`~standoff.robustness._fewest`), and, for rank ranges, how many profiles
make it one (:mod:`~standoff.robustness._counting`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from standoff.conflict import Conflict
from standoff.conflict._computed import ComputedOn
from standoff.robustness._conditions import Conditions, conditions
from standoff.robustness._counting import Count, RankRange, check_ranges, count_profiles
from standoff.robustness._fewest import FewestChanges, fewest_changes
from standoff.stability import CONCEPTS

__all__ = ["Inverse", "inverse"]


@dataclass(frozen=True, eq=False)
class Inverse(ComputedOn):
    """What would make ``state`` stable, per concept.

    Attributes
    ----------
    conflict
        The conflict analysed.
    state
        The desired state (index).
    concepts
        The concepts asked about.
    parties
        The parties whose preferences may change.
    conditions
        Per concept, then party: when the state is stable for that party.
    fewest
        Per concept: the fewest changes that make it an equilibrium.
    ranges, counts
        The rank ranges varied and, per concept, the profiles that make it an equilibrium
        (empty without ranges).
    """

    conflict: Conflict = field(repr=False)
    state: int
    concepts: tuple[str, ...]
    parties: tuple[str, ...]
    conditions: tuple[Conditions, ...]
    fewest: tuple[FewestChanges, ...]
    ranges: tuple[RankRange, ...] = ()
    counts: tuple[Count, ...] = ()

    def conditions_of(self, concept: str) -> tuple[Conditions, ...]:
        """The conditions of every party under ``concept``."""
        return tuple(c for c in self.conditions if c.concept == concept)


def inverse(
    conflict: Conflict,
    state: int,
    concepts: Iterable[str] = CONCEPTS,
    *,
    parties: Iterable[str] | None = None,
    ranges: Sequence[RankRange] = (),
    samples: int = 20_000,
    seed: int = 0,
) -> Inverse:
    """Conditions, fewest changes and (with ``ranges``) counts for ``state``.

    Raises
    ------
    ValueError
        For a party without options or a range that does not fit (see
        :func:`~standoff.robustness._counting.check_ranges`).

    Examples
    --------
    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> found = inverse(conflict, 0, ["nash"])
    >>> [c.holds for c in found.conditions], found.fewest[0].distance
    ([False, False], 2)
    """
    movers = [p.id for p in conflict.movers if p.id in conflict.ranks]
    chosen = tuple(movers if parties is None else parties)
    unknown = [p for p in chosen if p not in movers]
    if unknown:
        raise ValueError(
            f"'{unknown[0]}' is not a party with preferences (expected one of {', '.join(movers)})"
        )
    check_ranges(conflict, ranges)
    wanted = tuple(c for c in CONCEPTS if c in set(concepts))
    found = tuple(conditions(conflict, p, state, c) for c in wanted for p in chosen)
    fewest = tuple(fewest_changes(conflict, state, c, chosen) for c in wanted)
    counts = (
        count_profiles(conflict, state, ranges, wanted, samples=samples, seed=seed)
        if ranges
        else ()
    )
    return Inverse(conflict, state, wanted, chosen, found, fewest, tuple(ranges), counts)
