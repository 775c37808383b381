"""Preference variants of one party: single changes, orderings within a radius, alternatives.

A variant is the *place* of each of the party's judgements in a new order (0 first, -1 dropped),
turned into ranks by :meth:`standoff.conflict.Judgements.ranks`, or, for an alternative
preference set, its ranks directly.

- **Single changes** (hinges): two adjacent judgements swapped; for statements, one dropped.
- **Radius** k: every order of the *certain* judgements whose Kendall distance from the stated
  order (the number of pairs in the other order, that is the fewest adjacent swaps) is at most
  k; the *uncertain* judgements are then inserted anywhere (statements may also drop out).
- **Alternatives**: each alternative preference set of the ``uncertainty`` entry.

Within its stated family every variant is equally likely; the family and each alternative carry
their weights. The number of orders within radius k is a sum of Mahonian numbers, counted
before anything is listed so that a request too large is refused up front.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from math import prod

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, Judgements
from standoff.errors import AnalysisTooLargeError
from standoff.scenario import PreferenceUncertainty

__all__ = [
    "MAX_PARTY_VARIANTS",
    "Change",
    "PartyVariants",
    "orders_within",
    "orders_within_count",
    "party_variants",
    "single_changes",
    "variant_count",
]

MAX_PARTY_VARIANTS = 200_000
"""Most variants one party's uncertainty may describe."""


@dataclass(frozen=True)
class Change:
    """One single change of a party's judgements: two adjacent ones swapped, or one dropped.

    ``first`` is the 0-based index of the (first) judgement changed; ``second`` the other one of a
    swap (``first + 1``), ``None`` for a drop.
    """

    party: str
    first: int
    second: int | None

    def places(self, count: int) -> NDArray[np.int64]:
        """The places of every judgement after the change."""
        places = np.arange(count, dtype=np.int64)
        if self.second is None:
            places[self.first] = -1
        else:
            places[[self.first, self.second]] = places[[self.second, self.first]]
        return places

    def describe(self, judgements: Judgements) -> str:
        """The change in words: ``NK ranks 'b' above 'a'`` or ``NK drops 'a'``."""
        first = judgements.texts[self.first]
        if self.second is None:
            return f"{self.party} drops '{first}'"
        return f"{self.party} puts '{judgements.texts[self.second]}' before '{first}'"


def single_changes(judgements: Judgements) -> tuple[Change, ...]:
    """Every swap of two adjacent judgements, then (for statements) every single drop.

    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> ann = build_conflict(load("examples/prisoners_dilemma.yaml")).judgements["Ann"]
    >>> [change.describe(ann) for change in single_changes(ann)]
    ["Ann puts 'ann_defects' before 'not bob_defects'", "Ann drops 'not bob_defects'", \
"Ann drops 'ann_defects'"]
    """
    party, count = judgements.party, judgements.count
    swaps = [Change(party, k, k + 1) for k in range(count - 1)]
    drops = (
        [Change(party, k, None) for k in range(count)] if judgements.kind == "statements" else []
    )
    if judgements.kind == "statements" and count == 1:
        drops = []  # dropping the only statement leaves no preference at all
    return tuple(swaps + drops)


def orders_within_count(count: int, radius: int) -> int:
    """How many orders of ``count`` items lie within Kendall distance ``radius`` of one order.

    >>> orders_within_count(4, 1), orders_within_count(4, 6)
    (4, 24)
    """
    ways = [1] + [0] * radius  # Mahonian numbers: orders of n items with k inversions, k ≤ radius
    for n in range(2, count + 1):
        ways = [sum(ways[k - j] for j in range(min(k, n - 1) + 1)) for k in range(radius + 1)]
    return sum(ways)


def orders_within(count: int, radius: int) -> Iterator[tuple[int, ...]]:
    """Every order of ``range(count)`` within Kendall distance ``radius``, stated order first.

    >>> list(orders_within(3, 1))
    [(0, 1, 2), (0, 2, 1), (1, 0, 2)]
    """

    def extend(
        prefix: tuple[int, ...], left: tuple[int, ...], budget: int
    ) -> Iterator[tuple[int, ...]]:
        if not left:
            yield prefix
            return
        for skipped, item in enumerate(left[: budget + 1]):
            rest = left[:skipped] + left[skipped + 1 :]
            yield from extend((*prefix, item), rest, budget - skipped)

    yield from extend((), tuple(range(count)), radius)


@dataclass(frozen=True, eq=False)
class PartyVariants:
    """The variants of one party's preferences with their probabilities.

    Attributes
    ----------
    party
        The party.
    ranks
        Variant × state.
    probability
        Per variant; they sum to 1.
    features
        Named yes/no facts about each variant (``"'not freeze' keeps its place"``, ``"holds the
        alternative 'trades'"``...): the uncertain judgements whose effect is measured.
    """

    party: str
    ranks: NDArray[np.int64]
    probability: NDArray[np.float64]
    features: tuple[tuple[str, NDArray[np.bool_]], ...]

    @property
    def count(self) -> int:
        """The number of variants."""
        return int(self.probability.size)


def variant_count(judgements: Judgements, uncertainty: PreferenceUncertainty) -> int:
    """How many variants ``uncertainty`` describes for this party (before listing any)."""
    certain = judgements.count - len(uncertainty.uncertain)
    drop = 1 if judgements.kind == "statements" else 0
    insertions = prod(certain + k + 1 + drop for k in range(len(uncertainty.uncertain)))
    stated = orders_within_count(certain, uncertainty.radius) * insertions
    return stated + len(uncertainty.alternatives)


def party_variants(conflict: Conflict, uncertainty: PreferenceUncertainty) -> PartyVariants:
    """The variants the ``uncertainty`` entry of one party describes.

    Raises
    ------
    standoff.errors.AnalysisTooLargeError
        When they number more than :data:`MAX_PARTY_VARIANTS` (counted before listing).
    """
    party = uncertainty.party
    judgements = conflict.judgements[party]
    total = variant_count(judgements, uncertainty)
    if total > MAX_PARTY_VARIANTS:
        raise AnalysisTooLargeError(
            f"{uncertainty.location}: the uncertainty of '{party}' describes {total:,} variants "
            f"of its preferences, more than the limit of {MAX_PARTY_VARIANTS:,} "
            "(lower the radius or mark fewer judgements uncertain)"
        )
    uncertain = list(uncertainty.uncertain)
    certain = [k for k in range(judgements.count) if k not in uncertain]
    droppable = judgements.kind == "statements"
    orders: list[list[int]] = []
    for base in orders_within(len(certain), uncertainty.radius):
        partial: list[list[int]] = [[certain[i] for i in base]]
        for item in uncertain:
            grown: list[list[int]] = []
            for order in partial:
                grown.extend([*order[:at], item, *order[at:]] for at in range(len(order) + 1))
                if droppable:
                    grown.append(list(order))
            partial = grown
        orders.extend(list(order) for order in partial)
    places = np.full((len(orders), judgements.count), -1, dtype=np.int64)
    for row, order in enumerate(orders):
        for position, item in enumerate(order):
            places[row, item] = position
    stated_ranks = judgements.ranks(places) if len(orders) else np.zeros((0, conflict.state_count))
    alternatives = conflict.alternatives.get(party, ())
    ranks = np.concatenate(
        [stated_ranks.astype(np.int64), *(a[None, :].astype(np.int64) for a in alternatives)]
    )
    weights = [a.weight for a in uncertainty.alternatives]
    family = uncertainty.weight / max(len(orders), 1)
    probability = np.array([family] * len(orders) + weights, dtype=np.float64)
    probability /= probability.sum()
    none = np.zeros(len(alternatives), np.bool_)
    features: list[tuple[str, NDArray[np.bool_]]] = []
    if len(alternatives) > 1:  # with one alternative, holding it says the same
        stated = np.r_[np.ones(len(orders), np.bool_), none]
        features.append((f"{party} holds its stated preferences or a variant of them", stated))
    if uncertainty.radius and len(certain) > 1:
        in_order = (np.diff(places[:, certain], axis=1) > 0).all(axis=1)
        features.append((f"{party} keeps its stated order", np.r_[in_order, none]))
    for item in uncertain:
        kept = np.r_[places[:, item] == item, none]
        features.append((f"'{judgements.texts[item]}' keeps its place for {party}", kept))
    for k, alternative in enumerate(uncertainty.alternatives):
        holds = np.zeros(probability.size, np.bool_)
        holds[len(orders) + k] = True
        name = alternative.label or f"alternative {k + 1}"
        features.append((f"{party} holds '{name}'", holds))
    return PartyVariants(party, ranks, probability, tuple(features))
