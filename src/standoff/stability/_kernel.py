"""The fast kernel: which states are stable for one party under Nash, GMR, SMR and SEQ.

Ranks run 1 = most preferred, so "x ⪯ᵢ s" (i does not strictly prefer x to s) is
rank_i(x) ≥ rank_i(s), and a sanction against a unilateral improvement (UI) s → s₁ exists when
the worst state for i that the others can reach from s₁ has a rank at least rank_i(s). Every
concept therefore reduces to one aggregate over reachable sets
(:func:`standoff.stability._reach.reach_maximum`) followed by one pass over i's improvements.

- Nash (R): i has no UI from s.
- GMR: every UI s₁ has some s₂ ∈ R_others(s₁) with rank_i(s₂) ≥ rank_i(s).
- SMR: as GMR, and every state i can move to from that s₂ also has rank ≥ rank_i(s); that is,
  min(rank_i(s₂), best rank i can move to from s₂) ≥ rank_i(s).
- SEQ: as GMR with s₂ ∈ R⁺_others(s₁) (every sanctioning move an improvement for its mover).

Each function returns a boolean array over state indices: True where the state is stable for i.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, party_moves
from standoff.conflict._moves import Array
from standoff.stability._reach import reach_maximum

__all__ = ["gmr_stable", "nash_stable", "seq_stable", "smr_stable"]

Stable = NDArray[np.bool_]


def nash_stable(conflict: Conflict, party: str) -> Stable:
    """States where ``party`` has no unilateral improvement."""
    ranks = conflict.ranks[party]
    best = party_moves(conflict, party).reduce_with_self(ranks, np.minimum)
    return np.asarray(best >= ranks)


def gmr_stable(conflict: Conflict, party: str) -> Stable:
    """States where every UI of ``party`` can be sanctioned by the others' legal sequences."""
    sanction = _others_reach(conflict, party, conflict.ranks[party], improving=False)
    return _every_improvement_sanctioned(conflict, party, sanction)


def smr_stable(conflict: Conflict, party: str) -> Stable:
    """As GMR, counting a sanction only if ``party`` cannot escape it by one more move."""
    escape = party_moves(conflict, party).reduce_with_self(conflict.ranks[party], np.minimum)
    sanction = _others_reach(conflict, party, escape, improving=False)
    return _every_improvement_sanctioned(conflict, party, sanction)


def seq_stable(conflict: Conflict, party: str) -> Stable:
    """As GMR, with sanctions made only of the others' unilateral improvements."""
    sanction = _others_reach(conflict, party, conflict.ranks[party], improving=True)
    return _every_improvement_sanctioned(conflict, party, sanction)


def _others_reach(conflict: Conflict, party: str, values: Array, *, improving: bool) -> Array:
    others = [party_moves(conflict, other.id) for other in conflict.movers if other.id != party]
    return reach_maximum(others, values, improving=improving)


def _every_improvement_sanctioned(conflict: Conflict, party: str, sanction: Array) -> Stable:
    """True where every UI s -> s₁ of ``party`` has ``sanction[s₁] >= rank(s)``."""
    ranks = conflict.ranks[party]
    unsanctioned_floor = int(ranks.max()) + 1
    weakest = party_moves(conflict, party).reduce_improvements(
        sanction, np.minimum, unsanctioned_floor
    )
    return np.asarray(weakest >= ranks)
