"""What every negotiating strategy implements, and what it sees when it moves.

A strategy is a small frozen dataclass. The protocol calls it for a whole group of negotiations
at once (arrays over runs), never once per run:

* :meth:`Strategy.start` once, before round 0, to create per-run state (or ``None``);
* :meth:`Strategy.plan` each time the party is about to propose: at the opening if it moves
  first, and after each round in which it was the responder. It returns a :class:`Plan`: the
  *target* utility of its next offer (the protocol turns it into an offer, see
  :class:`~standoff.talks.OutcomeTable`), whether it walks out instead of offering, and the
  lowest own utility at which it accepts the offer it has just received.

By default a party accepts an offer worth at least as much to it as the offer it would make next
(AC_next; Baarslag, Hindriks & Jonker 2014, "Effective acceptance conditions in real-time
automated negotiation"), and never below its BATNA.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from standoff.talks._table import OutcomeTable

__all__ = ["Plan", "Strategy", "Turn", "concession_time", "time_dependent"]

Floats = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Turn:
    """What a party knows when it plans, for a group of runs (arrays have one entry per run).

    Attributes
    ----------
    party
        The party planning (0 or 1).
    first
        The party that proposed in round 0.
    round
        The round of the offer being planned; an offer received now was made in ``round - 1``.
    rounds
        The protocol's round limit.
    table
        The outcome table.
    reservation, discount
        The party's BATNA and discount factor.
    deadline
        The party's own last round (``rounds - 1`` when it has none).
    opponent_discount
        The opponent's discount factor (common knowledge, as in Rubinstein's model).
    breakdown
        Per-round probability that talks break down.
    believed_reservation, believed_deadline
        The party's belief about the opponent's BATNA and last round (``rounds - 1`` for none).
    offered
        True where the opponent made an offer in ``round - 1`` (False at the opening and after a
        walk-out).
    received, received_by_opponent
        Own and believed opponent utility of the latest offer received (NaN before any).
    first_received, best_received
        Own utility of the first offer received and of the best one so far (NaN before any).
    previous_target
        The party's previous target (NaN before its first offer).
    state
        The strategy's per-run state (first axis: runs), or ``None``.
    """

    party: int
    first: int
    round: int
    rounds: int
    table: OutcomeTable
    reservation: Floats
    deadline: NDArray[np.int64]
    discount: Floats
    opponent_discount: Floats
    breakdown: Floats
    believed_reservation: Floats
    believed_deadline: NDArray[np.int64]
    offered: NDArray[np.bool_]
    received: Floats
    received_by_opponent: Floats
    first_received: Floats
    best_received: Floats
    previous_target: Floats
    state: Floats | None = None

    @property
    def size(self) -> int:
        """The number of runs."""
        return int(self.reservation.shape[0])

    @property
    def best(self) -> float:
        """The party's best utility in the table."""
        return self.table.maximum[self.party]


@dataclass(frozen=True, eq=False)
class Plan:
    """A strategy's decision for a group of runs.

    Attributes
    ----------
    target
        The own utility wanted from the next offer (in round ``turn.round``).
    accept_at_least
        The lowest own utility at which to accept the offer just received; ``None`` for AC_next
        (the own utility of the next offer). The BATNA is always a floor.
    walk_out
        True where the party makes no offer in round ``turn.round``; ``None`` for never.
    state
        The new per-run state (``None`` keeps the old one).
    """

    target: Floats
    accept_at_least: Floats | None = None
    walk_out: NDArray[np.bool_] | None = None
    state: Floats | None = None


class Strategy(ABC):
    """Base class of negotiating strategies (subclasses are frozen dataclasses with a ``name``).

    ``observes`` (a class attribute) says whether :meth:`plan` reads what the party has
    received (``received``, ``received_by_opponent``, ``first_received``, ``best_received``) or
    its ``previous_target``. The protocol keeps those up to date only for strategies that do (for
    the others they stay NaN), which saves work and changes no result. It is True unless a
    strategy says otherwise.
    """

    name: str
    observes: ClassVar[bool] = True

    def start(self, turn: Turn) -> Floats | None:
        """Per-run state before round 0 (``turn.round`` is 0, nothing received); none by default."""
        return None

    @abstractmethod
    def plan(self, turn: Turn) -> Plan:
        """The party's next target (and acceptance, walk-out and new state) for each run."""


def concession_time(round_: int, deadline: NDArray[np.int64]) -> Floats:
    """Normalised time ``min(round, deadline) / deadline`` in [0, 1] (1 where the deadline is 0).

    >>> concession_time(3, np.array([6, 2, 0])).tolist()
    [0.5, 1.0, 1.0]
    """
    # min(round, d) / d == min(round / d, 1) exactly (both are 1.0 once round >= d)
    lowest = int(deadline.min()) if deadline.size else 1
    horizon = deadline if lowest > 0 else np.maximum(deadline, 1)
    time: Floats = np.divide(round_, horizon, dtype=np.float64)
    np.minimum(time, 1.0, out=time)
    if lowest <= 0:
        time[deadline <= 0] = 1.0
    return time


def time_dependent(
    time: Floats, floor: Floats, top: float | Floats, exponent: float, initial: float = 0.0
) -> Floats:
    """Faratin, Sierra & Jennings (1998) time-dependent target at normalised time ``time``.

    ``floor + (top - floor) * (1 - F(time))`` with ``F(time) = k + (1 - k) * time ** (1 / e)``,
    ``k`` the initial concession and ``e`` the exponent (e < 1 Boulware, e = 1 linear, e > 1
    conceder).

    >>> time_dependent(np.array([0.0, 0.25, 1.0]), np.zeros(3), 1.0, 0.5).tolist()
    [1.0, 0.9375, 0.0]
    """
    shaped = time if exponent == 1.0 else np.power(time, 1.0 / exponent)
    conceded = shaped if initial == 0.0 else initial + (1.0 - initial) * shaped
    target: Floats = np.subtract(top, floor)  # in place from here: the same values, fewer arrays
    target *= 1.0 - conceded
    target += floor
    return target
