"""Time-based concession (Faratin, Sierra & Jennings 1998, "Negotiation decision functions for
autonomous agents", Robotics and Autonomous Systems 24).

The target utility falls from the party's best utility to its BATNA as its own deadline nears:

    target(t) = rv + (best - rv) * (1 - F(t)),   F(t) = k + (1 - k) * (t / T) ** (1 / e)

with ``t`` the round, ``T`` the party's own last round (the protocol's last round when it has no
deadline), ``k`` the initial concession and ``e`` the exponent: e < 1 is *Boulware* (holds firm,
concedes late), e = 1 *linear*, e > 1 *conceder* (concedes early). Acceptance is AC_next.

Examples
--------
>>> linear().name, boulware().exponent, conceder().exponent
('linear', 0.2, 2.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from standoff.talks._strategy import Plan, Strategy, Turn, concession_time, time_dependent

__all__ = ["TimeBased", "boulware", "conceder", "linear"]


@dataclass(frozen=True)
class TimeBased(Strategy):
    """Concede over time towards the BATNA, reaching it at the party's own deadline.

    Attributes
    ----------
    exponent
        ``e`` > 0: below 1 Boulware, 1 linear, above 1 conceder.
    initial
        ``k`` in [0, 1): the share of the range conceded at once, in round 0.
    name
        The label in tournaments and reports.
    """

    exponent: float = 1.0
    initial: float = 0.0
    name: str = "time-based"
    observes: ClassVar[bool] = False  # plans without what it received

    def __post_init__(self) -> None:
        if not self.exponent > 0.0:
            raise ValueError(f"exponent must be positive, got {self.exponent}")
        if not 0.0 <= self.initial < 1.0:
            raise ValueError(f"initial must be in [0, 1), got {self.initial}")

    def plan(self, turn: Turn) -> Plan:
        """Target from the Faratin et al. curve at the round of the next offer."""
        time = concession_time(turn.round, turn.deadline)
        target = time_dependent(time, turn.reservation, turn.best, self.exponent, self.initial)
        return Plan(target)


def boulware(exponent: float = 0.2) -> TimeBased:
    """A Boulware time-based strategy (concedes late); e = 0.2 as in Genius."""
    return TimeBased(exponent, name="boulware")


def linear() -> TimeBased:
    """A linear time-based strategy (e = 1)."""
    return TimeBased(1.0, name="linear")


def conceder(exponent: float = 2.0) -> TimeBased:
    """A conceder time-based strategy (concedes early); e = 2 as in Genius."""
    return TimeBased(exponent, name="conceder")
