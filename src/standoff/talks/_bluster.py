"""Bluster, distract, cave: extreme demands and threats, then a sudden large concession.

A plain definition of a tactic seen in high-stakes talks. The talks end at the earlier of the two
deadlines, so the party plans with ``end = min(own deadline, believed opponent deadline)`` (it
knows the opponent's deadline only through its belief, ``Batch.believed_deadline``; by default
the truth). Until ``cave`` rounds before ``end`` the party *blusters* (demands its best outcome,
accepting only that) and *distracts*: it carries out its threats to leave by walking out on every
``distract``-th of its proposing turns. From ``end - cave`` on it *caves*: its target drops at
once to

    rv + keep * (best - rv)

(``keep = 0``: all the way to its BATNA). Acceptance is AC_next.

Examples
--------
>>> Bluster().cave, Bluster().keep, Bluster().distract
(2, 0.0, 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from standoff.talks._strategy import Plan, Strategy, Turn

__all__ = ["Bluster"]


@dataclass(frozen=True)
class Bluster(Strategy):
    """Demand the best, walk out now and then, and cave as the end of the talks nears: the
    earlier of its own deadline and the one it believes the other has.

    Attributes
    ----------
    cave
        Rounds before the end of the talks (as it believes it) at which it caves (>= 0).
    keep
        Share in [0, 1] of the range between BATNA and best utility it still demands after
        caving.
    distract
        It walks out on every ``distract``-th proposing turn while blustering (0: never).
    """

    cave: int = 2
    keep: float = 0.0
    distract: int = 2
    name: str = "bluster"
    observes: ClassVar[bool] = False  # plans without what it received

    def __post_init__(self) -> None:
        if self.cave < 0 or self.distract < 0 or not 0.0 <= self.keep <= 1.0:
            raise ValueError("need cave >= 0, distract >= 0 and keep in [0, 1]")

    def plan(self, turn: Turn) -> Plan:
        """Best utility until ``end - cave``, then a drop to ``rv + keep * (best - rv)``."""
        end = np.minimum(turn.deadline, turn.believed_deadline)
        caved = turn.round >= end - self.cave
        floor = turn.reservation + self.keep * (turn.best - turn.reservation)
        target = np.where(caved, floor, turn.best)
        if self.distract == 0:
            return Plan(target)
        turn_number = turn.round // 2
        return Plan(target, walk_out=~caved & (turn_number % self.distract == self.distract - 1))
