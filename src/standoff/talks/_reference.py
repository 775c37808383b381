"""A slow reference for the protocol: one negotiation at a time, offers by brute force.

Straight from the definitions in :mod:`standoff.talks._kernel` and
:class:`~standoff.talks.OutcomeTable`, with no sorting, grouping or compaction. Strategies
are called with one-run arrays. Tests check that the fast kernel gives identical outcomes.
"""

from __future__ import annotations

import numpy as np

from standoff.talks._batch import Batch
from standoff.talks._kernel import Endings, finish, plan_endings
from standoff.talks._outcome import Outcomes
from standoff.talks._strategy import Strategy, Turn
from standoff.talks._table import OutcomeTable

__all__ = ["negotiate_reference", "offer_reference"]


def offer_reference(table: OutcomeTable, party: int, target: float) -> int:
    """The outcome ``party`` offers for ``target``: among outcomes worth at least the target (its
    best ones if none is), the best for the opponent as ``party`` believes; ties to the better for
    ``party``, then to the larger index."""
    own = table.utilities[:, party]
    opponent = table.believed[:, party]
    allowed = list(range(table.size))
    if table.signable is not None and table.signable[:, party].any():
        allowed = [k for k in allowed if table.signable[k, party]]
    top = max(float(own[k]) for k in allowed)
    wanted = min(target, top) if target == target else top
    candidates = [k for k in allowed if own[k] >= wanted]
    return max(candidates, key=lambda k: (opponent[k], own[k], k))


def negotiate_reference(table: OutcomeTable, batch: Batch, seed: int | None = None) -> Outcomes:
    """Run each negotiation of ``batch`` on its own (same seed use as the fast kernel)."""
    endings = plan_endings(batch, np.random.default_rng(seed))
    outcome = np.full(batch.runs, -1, dtype=np.int64)
    round_ = endings.last.copy()
    for run in range(batch.runs):
        agreed = _one(table, batch, endings, run)
        if agreed is not None:
            outcome[run], round_[run] = agreed
    return finish(table, batch, endings, outcome, round_)


def _one(table: OutcomeTable, batch: Batch, endings: Endings, run: int) -> tuple[int, int] | None:
    first = int(batch.first[run])
    strategies: list[Strategy] = [batch.strategies[int(s)] for s in batch.strategy[run]]
    nothing = float("nan")
    seen = [dict.fromkeys(("received", "by_opponent", "first", "best", "previous"), nothing)
            for _ in (0, 1)]  # fmt: skip
    states: list[np.ndarray | None] = [None, None]

    def turn(party: int, round_: int, offered: bool) -> Turn:
        other = 1 - party

        def one(value: float) -> np.ndarray:
            return np.array([value], dtype=np.float64)

        return Turn(
            party=party, first=first, round=round_, rounds=batch.rounds, table=table,
            reservation=one(batch.reservation[run, party]),
            deadline=np.array([endings.deadline[run, party]]),
            discount=one(batch.discount[run, party]),
            opponent_discount=one(batch.discount[run, other]),
            breakdown=one(batch.breakdown[run]),
            believed_reservation=one(batch.believed_reservation[run, party]),
            believed_deadline=np.array([endings.believed_deadline[run, party]]),
            offered=np.array([offered]),
            received=one(seen[party]["received"]),
            received_by_opponent=one(seen[party]["by_opponent"]),
            first_received=one(seen[party]["first"]),
            best_received=one(seen[party]["best"]),
            previous_target=one(seen[party]["previous"]),
            state=states[party],
        )  # fmt: skip

    def plan(party: int, round_: int, offered: bool) -> tuple[int, bool, float]:
        decided = strategies[party].plan(turn(party, round_, offered))
        if decided.state is not None:
            states[party] = decided.state
        target = float(decided.target[0])
        seen[party]["previous"] = target
        offer = offer_reference(table, party, target)
        walks = decided.walk_out is not None and bool(decided.walk_out[0])
        walks = walks or float(table.utilities[offer, party]) < float(batch.reservation[run, party])
        walks = walks or (table.signable is not None and not table.signable[offer, party])
        threshold = (
            float(table.utilities[offer, party])
            if decided.accept_at_least is None
            else float(decided.accept_at_least[0])
        )
        return offer, walks, threshold

    for party in (0, 1):
        states[party] = strategies[party].start(turn(party, 0, False))
    offers, walks = [0, 0], [False, False]
    offers[first], walks[first], _ = plan(first, 0, False)
    for t in range(int(endings.last[run]) + 1):
        proposer = (first + t) % 2
        responder = 1 - proposer
        offer, offered = offers[proposer], not walks[proposer]
        value = float(table.utilities[offer, responder])
        if offered:
            mine = seen[responder]
            mine["received"] = value
            mine["by_opponent"] = float(table.believed[offer, responder])
            if mine["first"] != mine["first"]:
                mine["first"] = value
            mine["best"] = value if mine["best"] != mine["best"] else max(mine["best"], value)
        offers[responder], walks[responder], threshold = plan(responder, t + 1, offered)
        floor = float(batch.reservation[run, responder])
        signs = table.signable is None or bool(table.signable[offer, responder])
        if offered and signs and value >= max(threshold, floor):
            return offer, t
    return None
