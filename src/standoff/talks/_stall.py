"""Stalling: walk out and come back, concede nothing until the other side's deadline nears.

A plain definition. The staller settles by ``end = min(own deadline, believed opponent deadline)``
(it knows the opponent's deadline only through its belief, ``Batch.believed_deadline``; a wrong
belief makes it concede too early or too late). Before ``end - window`` it demands its best
outcome and, on its proposing turns, walks out (makes no offer, the round passes) on ``away`` of
every ``cycle`` of them, coming back for the others. From ``end - window`` to ``end`` it stays at
the table and concedes linearly from its best utility to its BATNA, which it then keeps:

    target(t) = best                                          t <= end - window
              = best - (best - rv) * (t - end + window) / window   after that, until end
              = rv                                            t >= end

Acceptance is AC_next, so while stalling it accepts only offers worth its best.

Examples
--------
>>> Stall().window, Stall().away, Stall().cycle
(4, 1, 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from standoff.talks._strategy import Plan, Strategy, Turn

__all__ = ["Stall"]


@dataclass(frozen=True)
class Stall(Strategy):
    """Stall, walking out now and then, and concede only as the other's deadline nears.

    Attributes
    ----------
    window
        Rounds before ``end`` in which it concedes (at least 1).
    away, cycle
        While stalling it walks out on ``away`` of every ``cycle`` of its proposing turns
        (``0 <= away <= cycle``, ``cycle >= 1``; ``away = 0`` never walks out).
    """

    window: int = 4
    away: int = 1
    cycle: int = 2
    name: str = "stall"
    observes: ClassVar[bool] = False  # plans without what it received

    def __post_init__(self) -> None:
        if self.window < 1 or self.cycle < 1 or not 0 <= self.away <= self.cycle:
            raise ValueError("need window >= 1, cycle >= 1 and 0 <= away <= cycle")

    def plan(self, turn: Turn) -> Plan:
        """Best utility while stalling (with walk-outs), then a linear concession to the BATNA."""
        end = np.minimum(turn.deadline, turn.believed_deadline)
        progress = np.clip((turn.round - end + self.window) / self.window, 0.0, 1.0)
        target = turn.best - (turn.best - turn.reservation) * progress
        stalling = progress <= 0.0
        away = (turn.round // 2) % self.cycle < self.away
        return Plan(target, walk_out=stalling & away)
