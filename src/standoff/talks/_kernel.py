"""The alternating-offers protocol, run for a whole batch of negotiations at once.

Protocol (Rubinstein 1982; the stacked alternating offers of Aydoğan et al. 2017 for two
parties). Rounds are numbered from 0. In round ``t`` the party ``(first + t) % 2`` proposes: it
offers an outcome, or *walks out* (makes no offer; the round passes and it may return in its next
turn). A party never offers an outcome worth less to it than its BATNA, nor one it may not sign
(infeasible, or across one of its red lines: see :class:`~standoff.talks.OutcomeTable`): it walks
out instead; and a responder rejects an offer it may not sign, whatever it is worth.
The other party accepts or rejects. Talks end

* by **agreement** when the responder accepts;
* by **breakdown**, with probability ``breakdown`` after each round without agreement;
* by a **deadline** passing after the last round of the party with the earliest deadline
  (deadlines are private: each party plans with its own and a belief about the other's);
* at the **round limit** after round ``rounds - 1``.

When a deadline and the round limit fall on the same round the ending is called a deadline; a
breakdown drawn for that round too is ignored.

What each party gets. Agreement on ``x`` in round ``t`` gives party ``i`` ``u_i(x)``, worth
``δ_i ** t * u_i(x)`` discounted. Talks that end without agreement in round ``t`` (the last round
played: the round of the breakdown, of the deadline or the round limit) give each party its BATNA
``w_i`` *in that round*, worth ``δ_i ** t * w_i`` discounted: the BATNA is an outside option
taken when the talks end, so waiting for it costs as much as waiting for a deal. Because a
responder never accepts an offer worth less to it than its BATNA, it can always leave with
``w_i`` in the round it rejects (it rejects and the talks end, or continue, as it prefers); this
is the outside-option model of Binmore, Shaked & Sutton (1989) and Osborne & Rubinstein (1990,
§3.12), in which a BATNA changes the deal only when it binds.

Vectorisation. Runs are sorted by (first mover, strategy of party 0, strategy of party 1), so that
every group of runs sharing them is a contiguous slice; each round calls the responding party's
strategy once per slice with arrays over its runs, and finished runs are dropped (compacted) when
they are half of those left. The breakdown round of each run is drawn up front from a geometric
distribution by inversion of one uniform draw per run, the only randomness (no draw at all when
every breakdown probability is 0): runs that share the seed share their uniform draws, so talks
with a higher breakdown probability break down no later, run by run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff.talks._batch import Batch
from standoff.talks._outcome import (
    AGREEMENT,
    BREAKDOWN,
    DEADLINE,
    ROUND_LIMIT,
    Outcomes,
)
from standoff.talks._strategy import Floats, Strategy, Turn
from standoff.talks._table import OutcomeTable

__all__ = ["Endings", "finish", "negotiate", "plan_endings", "run_batch"]


def negotiate(table: OutcomeTable, batch: Batch, seed: int | None = None) -> Outcomes:
    """Run every negotiation of ``batch`` on ``table``.

    Parameters
    ----------
    table
        The outcomes and utilities.
    batch
        Per-run inputs.
    seed
        Seeds the breakdown draws (the only randomness).

    Examples
    --------
    >>> from standoff.talks import Batch, OutcomeTable, linear
    >>> table = OutcomeTable([[1.0, 0.0], [0.6, 0.5], [0.0, 1.0]])
    >>> outcomes = negotiate(table, Batch.broadcast(10, linear(), 1, reservation=0.3))
    >>> outcomes.outcome.tolist(), outcomes.round.tolist(), outcomes.utility.tolist()
    ([1], [6], [[0.6, 0.5]])
    """
    return run_batch(table, batch, np.random.default_rng(seed))


@dataclass(frozen=True, eq=False)
class Endings:
    """When and how each run ends if no agreement comes first, with resolved deadlines."""

    last: NDArray[np.int64]
    ending: NDArray[np.int8]
    deadline: NDArray[np.int64]
    has_deadline: NDArray[np.bool_]
    believed_deadline: NDArray[np.int64]


def plan_endings(batch: Batch, rng: np.random.Generator) -> Endings:
    """Resolve deadlines (``rounds - 1`` when none) and draw each run's breakdown round."""
    final = batch.rounds - 1

    def resolve(deadline: NDArray[np.int64]) -> NDArray[np.int64]:
        return np.where((deadline < 0) | (deadline > final), final, deadline)

    deadline = resolve(batch.deadline)
    has_deadline = (batch.deadline >= 0) & (batch.deadline <= final)
    breaks = batch.breakdown > 0.0
    broken = np.full(batch.runs, batch.rounds, dtype=np.int64)
    if breaks.any():
        uniform = rng.random(batch.runs)
        with np.errstate(divide="ignore"):  # a probability of 1 breaks after round 0
            failures = np.log1p(-uniform) / np.log1p(-np.where(breaks, batch.breakdown, 0.5))
        draws = np.minimum(np.floor(failures), batch.rounds).astype(np.int64)
        broken = np.where(breaks, draws, broken)
    earliest = deadline.min(axis=1)
    last = np.minimum(earliest, broken)
    by_deadline = (has_deadline & (deadline == earliest[:, None])).any(axis=1)
    ending = np.where(
        earliest <= broken, np.where(by_deadline, DEADLINE, ROUND_LIMIT), BREAKDOWN
    ).astype(np.int8)
    return Endings(last, ending, deadline, has_deadline, resolve(batch.believed_deadline))


def finish(
    table: OutcomeTable,
    batch: Batch,
    endings: Endings,
    outcome: NDArray[np.int64],
    round_: NDArray[np.int64],
) -> Outcomes:
    """The outcome record from agreed outcomes (-1: none) and final rounds."""
    agreed = outcome >= 0
    utility = np.where(agreed[:, None], table.utilities[np.maximum(outcome, 0)], batch.reservation)
    weight = batch.discount ** round_[:, None]  # a deal or the BATNA, in the round talks ended
    hit = endings.has_deadline & (endings.deadline == round_[:, None])
    bound = (hit[:, 0] * 1 + hit[:, 1] * 2 - 1).astype(np.int8)
    ended_by = np.where(agreed, AGREEMENT, endings.ending).astype(np.int8)
    return Outcomes(
        outcome, round_, ended_by, bound, utility, utility * weight, parties=table.parties
    )


def run_batch(table: OutcomeTable, batch: Batch, rng: np.random.Generator) -> Outcomes:
    """:func:`negotiate` with a generator for the breakdown draws."""
    endings = plan_endings(batch, rng)
    talks = _Talks(table, batch, endings)
    outcome = np.full(batch.runs, -1, dtype=np.int64)
    round_ = endings.last.copy()
    earliest = int(endings.last.min())  # before it, talks end only by agreement
    for t in range(batch.rounds):
        agreed, offers = talks.play(t)
        done = agreed & talks.open if t < earliest else (agreed | (talks.last == t)) & talks.open
        if done.any():
            settled = agreed & done
            outcome[talks.index[settled]] = offers[settled]
            round_[talks.index[settled]] = t
            talks.close(done)
            if not talks.open.any():
                break
    return finish(table, batch, endings, outcome, round_)


@dataclass
class _Talks:
    """The live runs, sorted into contiguous groups, with what each party has seen and planned."""

    table: OutcomeTable
    batch: Batch
    endings: Endings
    index: NDArray[np.int64] = field(init=False)
    units: list[tuple[int, int, int, int]] = field(init=False)
    states: dict[tuple[int, int], Floats | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        batch, count = self.batch, len(self.batch.strategies)
        key = (batch.first * count + batch.strategy[:, 0]) * count + batch.strategy[:, 1]
        self.index = np.argsort(key, kind="stable")
        self.key = key[self.index]
        self.units = [
            (int(k), int(k) // (count * count), int(k) // count % count, int(k) % count)
            for k in np.unique(self.key)
        ]
        pick = self.index
        self.open = np.ones(batch.runs, dtype=bool)
        self.last = self.endings.last[pick]
        self.party_major: dict[str, NDArray[Any]] = {
            "reservation": batch.reservation[pick].T.copy(),
            "deadline": self.endings.deadline[pick].T.copy(),
            "discount": batch.discount[pick].T.copy(),
            "believed_reservation": batch.believed_reservation[pick].T.copy(),
            "believed_deadline": self.endings.believed_deadline[pick].T.copy(),
        }
        self.breakdown = batch.breakdown[pick]
        blank = np.full((2, batch.runs), np.nan)
        self.seen = {
            name: blank.copy()
            for name in ("received", "received_by_opponent", "first_received", "best_received")
        }
        self.previous_target = blank.copy()
        self.next_offer = np.zeros((2, batch.runs), dtype=np.int64)
        self.next_walk = np.zeros((2, batch.runs), dtype=bool)
        self.bounds = self._bounds()
        for unit in self.units:
            for party in (0, 1):
                turn = self._turn(unit, party, 0, np.zeros(self._size(unit), dtype=bool))
                self.states[unit[0], party] = self._strategy(unit, party).start(turn)
            first = unit[1]
            self._plan(unit, first, 0, np.zeros(self._size(unit), dtype=bool))

    def _bounds(self) -> dict[int, slice]:
        keys = np.array([unit[0] for unit in self.units])
        starts = np.searchsorted(self.key, keys, side="left")
        stops = np.searchsorted(self.key, keys, side="right")
        return {int(k): slice(int(a), int(b)) for k, a, b in zip(keys, starts, stops, strict=True)}

    def _size(self, unit: tuple[int, int, int, int]) -> int:
        where = self.bounds[unit[0]]
        return int(where.stop - where.start)

    def _strategy(self, unit: tuple[int, int, int, int], party: int) -> Strategy:
        return self.batch.strategies[unit[2 + party]]

    def _turn(
        self, unit: tuple[int, int, int, int], party: int, round_: int, offered: NDArray[np.bool_]
    ) -> Turn:
        at, other = self.bounds[unit[0]], 1 - party
        data = self.party_major
        return Turn(
            party=party,
            first=unit[1],
            round=round_,
            rounds=self.batch.rounds,
            table=self.table,
            reservation=data["reservation"][party, at],
            deadline=data["deadline"][party, at],
            discount=data["discount"][party, at],
            opponent_discount=data["discount"][other, at],
            breakdown=self.breakdown[at],
            believed_reservation=data["believed_reservation"][party, at],
            believed_deadline=data["believed_deadline"][party, at],
            offered=offered,
            received=self.seen["received"][party, at],
            received_by_opponent=self.seen["received_by_opponent"][party, at],
            first_received=self.seen["first_received"][party, at],
            best_received=self.seen["best_received"][party, at],
            previous_target=self.previous_target[party, at],
            state=self.states.get((unit[0], party)),
        )

    def _plan(
        self, unit: tuple[int, int, int, int], party: int, round_: int, offered: NDArray[np.bool_]
    ) -> tuple[Floats, Floats | None]:
        """Let ``party`` plan its offer for ``round_``; its next own utility and threshold."""
        strategy = self._strategy(unit, party)
        plan = strategy.plan(self._turn(unit, party, round_, offered))
        at = self.bounds[unit[0]]
        outcome, own = self.table.offer(party, plan.target)
        self.next_offer[party, at] = outcome
        if strategy.observes:
            self.previous_target[party, at] = plan.target
        walks = self.next_walk[party, at]  # a view: written in place, below the BATNA first
        np.less(own, self.party_major["reservation"][party, at], out=walks)
        if self.table.signable is not None:  # an outcome it may not sign: it walks out
            walks |= ~self.table.signable[outcome, party]
        if plan.walk_out is not None:
            walks |= plan.walk_out
        if plan.state is not None:
            self.states[unit[0], party] = plan.state
        return own, plan.accept_at_least

    def play(self, t: int) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
        """Round ``t`` in every run: who accepted, and the offers made."""
        agreed = np.zeros(self.key.size, dtype=bool)
        offers = np.empty(self.key.size, dtype=np.int64)
        for unit in self.units:
            at = self.bounds[unit[0]]
            if at.start == at.stop:
                continue
            proposer = (unit[1] + t) & 1
            responder = 1 - proposer
            offer = self.next_offer[proposer, at]
            offers[at] = offer
            walked = self.next_walk[proposer, at]
            offered = ~walked
            value = self.table.own[responder][offer]
            if self._strategy(unit, responder).observes:
                self._observe(responder, at, offer, value, offered, bool(walked.any()))
            own_next, threshold = self._plan(unit, responder, t + 1, offered)
            floor = self.party_major["reservation"][responder, at]
            least = np.maximum(own_next if threshold is None else threshold, floor)
            accept = value >= least
            if self.table.signable is not None:  # never across a red line, never infeasible
                accept &= self.table.signable[offer, responder]
            np.logical_and(accept, offered, out=agreed[at])
        return agreed, offers

    def _observe(
        self,
        party: int,
        at: slice,
        offer: NDArray[np.int64],
        value: Floats,
        offered: NDArray[np.bool_],
        walked: bool,
    ) -> None:
        received = self.seen["received"][party, at]
        by_opponent = self.seen["received_by_opponent"][party, at]
        first = self.seen["first_received"][party, at]
        best = self.seen["best_received"][party, at]
        opponent_value = self.table.opponent[party][offer]
        if walked:
            np.copyto(received, value, where=offered)
            np.copyto(by_opponent, opponent_value, where=offered)
            np.copyto(first, value, where=offered & np.isnan(first))
            np.fmax(best, np.where(offered, value, np.nan), out=best)
        else:
            received[...] = value
            by_opponent[...] = opponent_value
            np.copyto(first, value, where=np.isnan(first))
            np.fmax(best, value, out=best)

    def close(self, done: NDArray[np.bool_]) -> None:
        """Mark runs finished; drop finished runs once they are half of those kept."""
        self.open &= ~done
        remaining = int(self.open.sum())
        if remaining > self.open.size // 2:
            return
        keep = self.open
        for unit in self.units:
            for party in (0, 1):
                state = self.states.get((unit[0], party))
                if state is not None:
                    self.states[unit[0], party] = state[keep[self.bounds[unit[0]]]]
        self.index, self.key, self.last = self.index[keep], self.key[keep], self.last[keep]
        self.breakdown = self.breakdown[keep]
        for group in (self.party_major, self.seen):
            for name, values in group.items():
                group[name] = values[:, keep]
        self.previous_target = self.previous_target[:, keep]
        self.next_offer = self.next_offer[:, keep]
        self.next_walk = self.next_walk[:, keep]
        self.open = np.ones(remaining, dtype=bool)
        self.bounds = self._bounds()
