"""Hardliner: always demand one's best outcome; accept only an offer worth that much.

A plain definition (also called "hardheaded" or "take it or leave it"): the target is the
party's best utility in every round, and by AC_next it accepts only offers worth as much.

Examples
--------
>>> Hardliner().name
'hardliner'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from standoff.talks._strategy import Plan, Strategy, Turn

__all__ = ["Hardliner"]


@dataclass(frozen=True)
class Hardliner(Strategy):
    """Never concede."""

    name: str = "hardliner"
    observes: ClassVar[bool] = False  # plans without what it received

    def plan(self, turn: Turn) -> Plan:
        """Target: the party's best utility."""
        return Plan(np.full(turn.size, turn.best))
