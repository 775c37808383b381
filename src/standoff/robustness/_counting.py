"""Counting: in how many preference profiles is a state an equilibrium? (inverse GMCR)

A *range* ``P:FROM-TO`` takes party P's ranking as a strict order (ties broken by state number)
and permutes the states at positions FROM to TO (1 = most preferred) in every way; the other
states keep their places, and parties without a range keep their stated ranks. The profiles are
every combination of the parties' permutations.

The count is exact and never enumerates more than it must:

- under Nash, GMR and SMR a party's stability depends on its own ranks only (the others' moves
  and reachable sets do not depend on preferences), so the count is the product over parties of
  the number of that party's orders in which the state is stable for it;
- under SEQ, SIM and SEQ+SIM a party's stability also depends on the others' improvements, so
  every profile is evaluated, all at once as arrays (:func:`~standoff.robustness.stable_variants`),
  up to ``exact_limit`` profiles (:data:`SIM_EXACT_LIMIT` for SIM, decided one profile at a time);
  beyond, ``samples`` profiles are drawn with the seed and the count is estimated with a 95%
  Wilson interval.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import factorial, prod

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict
from standoff.errors import AnalysisTooLargeError
from standoff.robustness._batch import stable_variants
from standoff.robustness._robustness import wilson
from standoff.stability import CONCEPTS

__all__ = [
    "COUNT_EXACT_LIMIT",
    "MAX_RANGE",
    "SIM_EXACT_LIMIT",
    "Count",
    "RankRange",
    "count_profiles",
    "strict_order",
]

MAX_RANGE = 10
"""Most positions one range may permute (10! = 3,628,800 orders)."""
COUNT_EXACT_LIMIT = 4_000_000
"""Most profiles evaluated one by one under SEQ."""
SIM_EXACT_LIMIT = 20_000
"""Most profiles evaluated one by one under SIM and SEQ+SIM."""
_OWN_RANKS_ONLY = ("nash", "gmr", "smr")


@dataclass(frozen=True)
class RankRange:
    """Positions ``first`` to ``last`` (1-based, inclusive) of ``party``'s ranking vary."""

    party: str
    first: int
    last: int

    @property
    def orders(self) -> int:
        """How many orders the range takes: (last - first + 1)!."""
        return factorial(self.last - self.first + 1)

    def __str__(self) -> str:
        return f"{self.party}:{self.first}-{self.last}"


@dataclass(frozen=True)
class Count:
    """How many profiles make the state an equilibrium of one concept.

    ``low`` and ``high`` bound a sampled estimate (95%); they equal ``count`` when exact.
    """

    concept: str
    count: float
    total: int
    exact: bool
    low: float
    high: float


def strict_order(ranks: NDArray[np.int64]) -> NDArray[np.int64]:
    """State indices from most to least preferred, ties broken by state number.

    >>> strict_order(np.array([2, 1, 2, 3])).tolist()
    [1, 0, 2, 3]
    """
    return np.lexsort((np.arange(ranks.size), ranks)).astype(np.int64)


def range_ranks(conflict: Conflict, rank_range: RankRange) -> NDArray[np.int64]:
    """The ranks (order × state) of every order the range gives its party, stated order first."""
    order = strict_order(conflict.ranks[rank_range.party])
    start, stop = rank_range.first - 1, rank_range.last
    block = order[start:stop]
    permutations = np.array(list(itertools.permutations(range(block.size))), dtype=np.int64)
    orders = np.repeat(order[None, :], permutations.shape[0], axis=0)
    orders[:, start:stop] = block[permutations]
    ranks = np.empty_like(orders)
    rows = np.arange(orders.shape[0])[:, None]
    ranks[rows, orders] = np.arange(1, order.size + 1)[None, :]
    return ranks


def check_ranges(conflict: Conflict, ranges: Sequence[RankRange]) -> None:
    """Refuse ranges that name no party with preferences, fall outside the ranking or are too
    long, or vary one party twice.

    Raises
    ------
    ValueError
        For the first range at fault, saying why.
    """
    seen: set[str] = set()
    for rank_range in ranges:
        if rank_range.party not in conflict.ranks:
            known = ", ".join(conflict.ranks)
            raise ValueError(f"'{rank_range.party}' is not a party with preferences ({known})")
        if rank_range.party in seen:
            raise ValueError(f"'{rank_range.party}' is varied twice")
        seen.add(rank_range.party)
        if not 1 <= rank_range.first <= rank_range.last <= conflict.state_count:
            raise ValueError(
                f"positions {rank_range.first}-{rank_range.last} are not within 1-"
                f"{conflict.state_count}, the positions of a ranking of "
                f"{conflict.state_count} states"
            )
        if rank_range.last - rank_range.first + 1 > MAX_RANGE:
            raise AnalysisTooLargeError(
                f"{rank_range} permutes {rank_range.last - rank_range.first + 1} positions "
                f"({rank_range.orders:,} orders), more than the limit of {MAX_RANGE}"
            )


def count_profiles(
    conflict: Conflict,
    state: int,
    ranges: Sequence[RankRange],
    concepts: Iterable[str] = CONCEPTS,
    *,
    samples: int = 20_000,
    seed: int = 0,
    exact_limit: int = COUNT_EXACT_LIMIT,
) -> tuple[Count, ...]:
    """Count the profiles of ``ranges`` in which ``state`` is an equilibrium, per concept.

    Examples
    --------
    The GMCR+ guide's example: Syria–Iraq, state 2, Syria's ranking varied over all 720 orders.

    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/syria_iraq_1975.yaml"))
    >>> found = count_profiles(conflict, 1, [RankRange("Syria", 1, 6)], ["nash"])
    >>> found[0].count, found[0].total
    (240, 720)
    """
    check_ranges(conflict, ranges)
    wanted = tuple(c for c in CONCEPTS if c in set(concepts))
    per_party = {r.party: range_ranks(conflict, r) for r in ranges}
    total = prod(r.orders for r in ranges)
    counts = []
    for concept in wanted:
        if concept in _OWN_RANKS_ONLY:
            counts.append(_factored(conflict, state, concept, per_party, total))
            continue
        limit = min(exact_limit, SIM_EXACT_LIMIT) if concept in ("sim", "seqsim") else exact_limit
        counts.append(_evaluated(conflict, state, concept, per_party, total, limit, samples, seed))
    return tuple(counts)


def _factored(
    conflict: Conflict,
    state: int,
    concept: str,
    per_party: Mapping[str, NDArray[np.int64]],
    total: int,
) -> Count:
    stated = stable_variants(conflict, {}, [concept]).stable[concept]
    count = 1
    for party in (p.id for p in conflict.movers):
        if party in per_party:
            stable = stable_variants(conflict, {party: per_party[party]}, [concept], distinct=True)
            count *= int(stable.stable[concept][party][:, state].sum())
        else:
            count *= int(stated[party][0, state])
    return Count(concept, count, total, True, count, count)


def _evaluated(
    conflict: Conflict,
    state: int,
    concept: str,
    per_party: Mapping[str, NDArray[np.int64]],
    total: int,
    limit: int,
    samples: int,
    seed: int,
) -> Count:
    parties = list(per_party)
    sizes = [per_party[p].shape[0] for p in parties]
    exact = total <= limit
    if exact:
        hits = 0
        step = max(1, (1 << 21) // max(conflict.state_count, 1))
        for start in range(0, total, step):
            flat = np.arange(start, min(start + step, total), dtype=np.int64)
            picks = np.unravel_index(flat, sizes) if sizes else ()
            hits += _hits(conflict, state, concept, per_party, parties, picks)
        return Count(concept, hits, total, True, hits, hits)
    rng = np.random.default_rng(seed)
    picks = tuple(rng.integers(0, size, samples) for size in sizes)
    share = _hits(conflict, state, concept, per_party, parties, picks) / samples
    low, high = (float(bound[0]) for bound in wilson(np.array([share]), samples))
    return Count(concept, share * total, total, False, low * total, high * total)


def _hits(
    conflict: Conflict,
    state: int,
    concept: str,
    per_party: Mapping[str, NDArray[np.int64]],
    parties: list[str],
    picks: tuple[NDArray[np.intp], ...],
) -> int:
    ranks = {p: per_party[p][pick] for p, pick in zip(parties, picks, strict=True)}
    result = stable_variants(conflict, ranks, [concept], distinct=True)
    return int(result.equilibria[concept][:, state].sum())
