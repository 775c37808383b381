"""Limited-move stability (Lh) and non-myopic stability (NM), for two parties.

Definitions (Kilgour 1985; Fang, Hipel & Kilgour 1993, chapter 5; Zeng, Fang, Hipel & Kilgour
2006). The parties alternate; the party to move may move or stay, and when it stays the conflict
ends where it is. With h moves left, G_h(p, s) is the state the conflict ends in when p is to move
at s: G_0(p, s) = s; for h ≥ 1, p looks at the outcome G_{h-1}(q, s₁) of each of its unilateral
moves s → s₁ (q being the other party) and moves towards the best of them if it strictly prefers
that outcome to s, otherwise it stays and G_h(p, s) = s. A state is *Lh stable* for p when
G_h(p, s) = s, and an Lh equilibrium when it is Lh stable for both. L1 is Nash stability.

Ties. When several moves lead to outcomes p likes equally, p is assumed to pick the one its
opponent likes least (then the lowest state id): a cautious reading from the opponent's side.

*Non-myopic* stability is the limit of Lh stability as h grows (Kilgour 1985). The anticipations
(G_h(p, ·), G_h(q, ·)) are computed until a pair repeats; from then on they cycle, and the limit
exists when Lh stability is the same at every horizon of the cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, party_moves
from standoff.conflict._computed import ComputedOn
from standoff.conflict._moves import Array
from standoff.stability._result import StabilityResult

__all__ = ["MAX_HORIZON", "NonMyopic", "limited_move", "non_myopic"]

MAX_HORIZON = 64
"""The longest horizon h accepted for Lh stability."""


@dataclass(frozen=True, eq=False)
class NonMyopic(ComputedOn):
    """Non-myopic stability: the limit of Lh as h grows, when it exists.

    ``result`` is ``None`` when Lh stability keeps changing along the cycle the anticipations
    enter; ``horizon`` is the horizon from which Lh stability equals the limit (or, without a
    limit, the first horizon of the cycle: the anticipations at h and h + ``period`` are the same
    from it on), ``period`` the length of that cycle. ``conflict`` is the conflict analysed.
    """

    conflict: Conflict = field(repr=False)
    result: StabilityResult | None
    horizon: int
    period: int


def limited_move(conflict: Conflict, horizon: int) -> StabilityResult:
    """Lh stability for the two parties of ``conflict``, with h = ``horizon``.

    Raises
    ------
    ValueError
        If the conflict does not have exactly two parties with options, or h is out of range.
    """
    if not 1 <= horizon <= MAX_HORIZON:
        raise ValueError(f"horizon {horizon} is out of range (expected 1 to {MAX_HORIZON})")
    anticipation = _Anticipation(conflict)
    for _ in range(horizon):
        anticipation.step()
    return anticipation.result(f"l{horizon}")


def non_myopic(conflict: Conflict) -> NonMyopic:
    """Non-myopic stability for the two parties of ``conflict`` (see the module notes)."""
    anticipation = _Anticipation(conflict)
    seen: dict[bytes, int] = {anticipation.key(): 0}
    stable_history = [anticipation.stable()]
    limit = 4 * conflict.state_count + 8
    for horizon in range(1, limit + 1):
        anticipation.step()
        stable_history.append(anticipation.stable())
        key = anticipation.key()
        if key in seen:
            first = seen[key]
            period = horizon - first
            cycle = stable_history[first + 1 : horizon + 1]
            if all(np.array_equal(cycle[0], other) for other in cycle[1:]):
                start = horizon
                while start > 1 and np.array_equal(stable_history[start - 1], cycle[0]):
                    start -= 1
                return NonMyopic(conflict, anticipation.result("nm"), start, period)
            return NonMyopic(conflict, None, max(first, 1), period)  # h = 0 is not a horizon
        seen[key] = horizon
    raise AssertionError("unreachable: anticipations over finitely many states must repeat")


class _Anticipation:
    def __init__(self, conflict: Conflict) -> None:
        movers = [party.id for party in conflict.movers]
        if len(movers) != 2:
            raise ValueError(
                "limited-move and non-myopic stability are defined here for two parties with "
                f"options; this conflict has {len(movers)}"
            )
        self.conflict = conflict
        self.movers = movers
        identity = np.arange(conflict.state_count, dtype=np.int64)
        self.outcome = [identity, identity.copy()]  # G_h(p, ·) for p = 0, 1

    def step(self) -> None:
        """From horizon h - 1 to h, for both parties at once."""
        self.outcome = [self._moves_for(p, self.outcome[1 - p]) for p in (0, 1)]

    def _moves_for(self, mover: int, opponent_outcome: Array) -> Array:
        conflict = self.conflict
        own, other = conflict.ranks[self.movers[mover]], conflict.ranks[self.movers[1 - mover]]
        moves = party_moves(conflict, self.movers[mover]).explicit
        sources = moves.sources
        outcomes = opponent_outcome[moves.targets]
        order = np.lexsort((outcomes, -other[outcomes], own[outcomes], sources))
        first = np.r_[True, sources[order][1:] != sources[order][:-1]] if order.size else order
        chosen_source, chosen = sources[order][first], outcomes[order][first]
        result = np.arange(conflict.state_count, dtype=np.int64)
        better = own[chosen] < own[chosen_source]
        result[chosen_source[better]] = chosen[better]
        return result

    def stable(self) -> NDArray[np.bool_]:
        identity = np.arange(self.conflict.state_count)
        return np.stack([self.outcome[p] == identity for p in (0, 1)])

    def key(self) -> bytes:
        return np.stack(self.outcome).tobytes()

    def result(self, concept: str) -> StabilityResult:
        stable = self.stable()
        for row in stable:
            row.flags.writeable = False
        equilibria = stable[0] & stable[1]
        equilibria.flags.writeable = False
        by_party = {self.movers[p]: stable[p] for p in (0, 1)}
        return StabilityResult(
            concept, self.conflict.scenario.file, MappingProxyType(by_party), equilibria
        )
