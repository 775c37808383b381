"""Bluster, distract, cave: extreme demands and threats, then a sudden large concession.

A plain definition of a tactic seen in high-stakes talks. Until ``cave`` rounds before its own
deadline the party *blusters* (demands its best outcome, accepting only that) and *distracts*: it
carries out its threats to leave by walking out on every ``distract``-th of its proposing turns.
From ``deadline - cave`` on it *caves*: its target drops at once to

    rv + keep * (best - rv)

(``keep = 0``: all the way to its BATNA). Acceptance is AC_next.

Examples
--------
>>> Bluster().cave, Bluster().keep, Bluster().distract
(2, 0.0, 2)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from standoff.talks._strategy import Plan, Strategy, Turn

__all__ = ["Bluster"]


@dataclass(frozen=True)
class Bluster(Strategy):
    """Demand the best, walk out now and then, and cave near one's own deadline.

    Attributes
    ----------
    cave
        Rounds before its own deadline at which it caves (>= 0).
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

    def __post_init__(self) -> None:
        if self.cave < 0 or self.distract < 0 or not 0.0 <= self.keep <= 1.0:
            raise ValueError("need cave >= 0, distract >= 0 and keep in [0, 1]")

    def plan(self, turn: Turn) -> Plan:
        """Best utility until ``deadline - cave``, then a drop to ``rv + keep * (best - rv)``."""
        caved = turn.round >= turn.deadline - self.cave
        floor = turn.reservation + self.keep * (turn.best - turn.reservation)
        target = np.where(caved, floor, turn.best)
        if self.distract == 0:
            return Plan(target)
        turn_number = turn.round // 2
        return Plan(target, walk_out=~caved & (turn_number % self.distract == self.distract - 1))
