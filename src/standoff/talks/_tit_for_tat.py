"""Tit-for-tat in utility: concede as much as the opponent has conceded.

After Baarslag, Hindriks & Jonker (2013), "A tit for tat negotiation strategy for real-time
bilateral negotiations" (Nice Tit for Tat), simplified to the party's own utility scale: the
opponent's concession so far is how much better its best offer is for the party than its first,
and the party gives up that much (times ``reciprocity``) from its best utility. Once the opponent
has made an offer, it also makes one unconditional "nice" concession ``kindness`` so that two
tit-for-tat players do not stall at their opening demands:

    target = clip(best - kindness - reciprocity * (best_received - first_received), rv, best)

and ``best`` before any offer is received. Acceptance is AC_next.

Examples
--------
>>> TitForTat().reciprocity, TitForTat().kindness
(1.0, 0.05)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from standoff.talks._strategy import Plan, Strategy, Turn

__all__ = ["TitForTat"]


@dataclass(frozen=True)
class TitForTat(Strategy):
    """Reciprocate the opponent's concessions, measured in own utility.

    Attributes
    ----------
    reciprocity
        How much of the opponent's concession is returned (1 = the same amount).
    kindness
        The one-off concession made once the opponent has made an offer.
    """

    reciprocity: float = 1.0
    kindness: float = 0.05
    name: str = "tit-for-tat"

    def __post_init__(self) -> None:
        if self.reciprocity < 0.0 or self.kindness < 0.0:
            raise ValueError("reciprocity and kindness must be non-negative")

    def plan(self, turn: Turn) -> Plan:
        """Target: best utility less the opponent's concession (and the one-off kindness)."""
        conceded = np.nan_to_num(turn.best_received - turn.first_received, nan=0.0)
        heard = ~np.isnan(turn.first_received)
        wanted = turn.best - self.kindness * heard - self.reciprocity * conceded
        return Plan(np.clip(wanted, turn.reservation, turn.best))
