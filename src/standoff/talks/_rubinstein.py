"""Subgame-perfect play of Rubinstein's alternating-offers game, by backward induction.

Rubinstein (1982), "Perfect equilibrium in a bargaining model", Econometrica 50. The party
assumes complete information: both discount factors, the breakdown probability, its belief about
the opponent's BATNA and deadline, and its believed opponent utilities. Talks last until the
earlier deadline or the round limit: rounds ``0 .. H - 1``. Agreement on ``x`` in round ``t`` is
worth ``δ_i ** t * u_i(x)`` to party ``i``; talks that end without agreement in round ``t`` are
worth ``δ_i ** t * rv_i`` (the BATNA ``rv_i`` taken in that round, see
:mod:`standoff.talks._kernel`).

Backwards from the last round, with ``V_i(t)`` party i's equilibrium value from round ``t`` on
and ``E_i(t) = δ_i ** t * rv_i`` its value of the talks ending in round ``t``, its value of
rejecting in round ``t`` is ``W_i(t) = max(E_i(t), p * E_i(t) + (1 - p) * V_i(t + 1))``, where
``p`` is the breakdown probability and ``V_i(H) = E_i(H - 1)`` (after the last round the talks
end in it). The ``max`` is the responder's outside option: it may reject and leave with its
BATNA (Binmore, Shaked & Sutton 1989; Osborne & Rubinstein 1990, §3.12). The responder ``Q``
accepts ``x`` when ``δ_Q ** t * u_Q(x) >= W_Q(t)``; the proposer ``P`` offers the acceptable
outcome best for itself, if that is worth at least ``W_P(t)`` to it, and otherwise walks out.

On the pie ``(x, 1 - x)`` with BATNAs 0 and no deadline, the first proposer's share tends to
``(1 - δ2) / (1 - δ1 δ2)`` as the round limit grows; with ``T`` rounds and a common ``δ`` it is
``(1 - (-δ) ** T) / (1 + δ)``. With the responder's BATNA ``w`` and a common ``δ`` the responder
gets ``max(δ / (1 + δ), w)`` (the outside-option principle: a BATNA moves the deal only when it
binds); with breakdown probability ``p``, no discounting and BATNAs 0, the first proposer gets
``1 / (2 - p)`` (Binmore, Rubinstein & Wolinsky 1986).

Examples
--------
>>> Rubinstein().name
'rubinstein'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from standoff.talks._strategy import Floats, Plan, Strategy, Turn

__all__ = ["Rubinstein"]


@dataclass(frozen=True)
class Rubinstein(Strategy):
    """Equilibrium offers and acceptance for the given discount factors and deadlines.

    The state holds, per run and round, the party's demand in rounds it proposes (NaN: it walks
    out) and its acceptance threshold in rounds it responds.
    """

    name: str = "rubinstein"
    observes: ClassVar[bool] = False  # plans without what it received

    def start(self, turn: Turn) -> Floats:
        """Backward induction over the rounds, for every run at once."""
        table, party = turn.table, turn.party
        horizon = np.minimum(turn.deadline, turn.believed_deadline) + 1
        keep = 1.0 - turn.breakdown
        rv_own, rv_other = turn.reservation, turn.believed_reservation
        own, other = table.own[party], table.opponent[party]
        value_own, value_other = rv_own.copy(), rv_other.copy()
        plan = np.full((turn.size, turn.rounds), np.nan)
        for t in range(turn.rounds - 1, -1, -1):
            live = t < horizon
            weight_own, weight_other = turn.discount**t, turn.opponent_discount**t
            end_own, end_other = weight_own * rv_own, weight_other * rv_other
            going = t + 1 < horizon  # rejected in the last round, the talks end in it
            next_own = np.where(going, value_own, end_own)
            next_other = np.where(going, value_other, end_other)
            reject_own = np.maximum(end_own, turn.breakdown * end_own + keep * next_own)
            reject_other = np.maximum(end_other, turn.breakdown * end_other + keep * next_other)
            if (turn.first + t) % 2 == party:
                demand = table.best_for_self(party, reject_other / weight_other)
                deal = live & (weight_own * demand >= reject_own)
                outcome, _ = table.offer(party, demand)
                plan[:, t] = np.where(deal, demand, np.nan)
            else:
                needed = reject_own / weight_own
                outcome, own_value = table.offer(party, needed)
                deal = (
                    live & (own_value >= needed) & (weight_other * other[outcome] >= reject_other)
                )
                plan[:, t] = np.where(live, needed, np.nan)
            value_own = np.where(deal, weight_own * own[outcome], reject_own)
            value_other = np.where(deal, weight_other * other[outcome], reject_other)
        return plan

    def plan(self, turn: Turn) -> Plan:
        """The precomputed demand for ``turn.round`` and threshold for the offer just received."""
        assert turn.state is not None
        plan = turn.state
        last = turn.round >= turn.rounds
        target = np.full(turn.size, np.nan) if last else plan[:, turn.round]
        accept = plan[:, turn.round - 1] if turn.round >= 1 else None
        return Plan(target, accept_at_least=accept, walk_out=np.isnan(target))
