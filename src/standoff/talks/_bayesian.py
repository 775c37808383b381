"""A Bayesian learner of the opponent's reservation value (Zeng & Sycara 1998, "Bayesian learning
in negotiation", International Journal of Human-Computer Studies 48).

The party keeps a belief over ``hypotheses`` evenly spaced candidate values ``h`` of the
opponent's BATNA (in the opponent's utility, as the party believes it), with a prior centred on
its initial belief ``Batch.believed_reservation``: ``p(h) ∝ exp(-(h - belief)² / (2 spread²))``.
It assumes the opponent concedes time-dependently towards its BATNA, so that an offer made in
round ``t`` gives the opponent about

    m(h, t) = h + (top - h) * (1 - (t / T) ** (1 / e))

(``top`` the opponent's best believed utility, ``T`` its believed deadline, ``e`` the assumed
exponent), and multiplies the belief by a Gaussian likelihood ``exp(-(u - m(h, t))² / (2 noise²))``
of each offer's believed utility ``u`` to the opponent. It concedes, time-dependently with its
own ``exponent``, from its best utility towards the most it can get while leaving the opponent
its expected reservation value ``E[h]`` (never below its own BATNA).

Acceptance is AC_next, except for an offer made in the last round the talks can reach as the
party believes it, ``end = min(own deadline, believed opponent deadline)`` (the round limit
without deadlines): rejecting it ends the talks with the BATNA, so it accepts any offer worth at
least its BATNA (Baarslag, Hindriks & Jonker 2014 combine AC_next with such an end-of-time
rule, AC_combi). Without this rule a learner whose floor stays above what the opponent will give
before the end rejects, in the last round, deals better than walking away: against an opponent
with a longer clock it then never agrees (docs/concepts.md, "The Bayesian learner").

Examples
--------
>>> BayesianLearner().hypotheses
21
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from standoff.talks._strategy import (
    Floats,
    Plan,
    Strategy,
    Turn,
    concession_time,
    time_dependent,
)

__all__ = ["BayesianLearner"]


@dataclass(frozen=True)
class BayesianLearner(Strategy):
    """Learn the opponent's reservation value from its offers and concede towards it.

    Attributes
    ----------
    hypotheses
        Number of candidate reservation values, evenly spaced in [0, 1] (at least 2).
    spread
        Standard deviation of the prior around the initial belief.
    noise
        Standard deviation of the likelihood of an offer around the assumed concession curve.
    assumed_exponent
        The exponent ``e`` of the opponent's assumed time-dependent concession.
    exponent
        The party's own concession exponent.
    """

    hypotheses: int = 21
    spread: float = 0.2
    noise: float = 0.1
    assumed_exponent: float = 1.0
    exponent: float = 1.0
    name: str = "bayesian"

    def __post_init__(self) -> None:
        if self.hypotheses < 2:
            raise ValueError(f"hypotheses must be at least 2, got {self.hypotheses}")
        if min(self.spread, self.noise, self.assumed_exponent, self.exponent) <= 0.0:
            raise ValueError("spread, noise and exponents must be positive")

    @property
    def grid(self) -> Floats:
        """The candidate reservation values."""
        return np.linspace(0.0, 1.0, self.hypotheses)

    def start(self, turn: Turn) -> Floats:
        """The log prior, one row per run."""
        distance = self.grid[None, :] - turn.believed_reservation[:, None]
        return -(distance**2) / (2.0 * self.spread**2)

    def update(self, turn: Turn, log_belief: Floats) -> Floats:
        """The log posterior after the offer received in ``turn.round - 1`` (where offered)."""
        if not turn.offered.any():
            return log_belief
        grid = self.grid[None, :]
        time = concession_time(turn.round - 1, turn.believed_deadline)
        shaped = np.power(time, 1.0 / self.assumed_exponent)[:, None]
        top = float(turn.table.opponent[turn.party].max())
        expected = grid + (top - grid) * (1.0 - shaped)
        error = np.nan_to_num(turn.received_by_opponent)[:, None] - expected
        likelihood = -(error**2) / (2.0 * self.noise**2)
        updated: Floats = log_belief + np.where(turn.offered[:, None], likelihood, 0.0)
        updated -= updated.max(axis=1, keepdims=True)
        return updated

    def expected_reservation(self, log_belief: Floats) -> Floats:
        """The posterior mean of the opponent's reservation value, per run."""
        weights = np.exp(log_belief - log_belief.max(axis=1, keepdims=True))
        mean: Floats = (weights * self.grid).sum(axis=1) / weights.sum(axis=1)
        return mean

    def plan(self, turn: Turn) -> Plan:
        """Update the belief, then concede towards the deal that leaves the opponent E[h]."""
        assert turn.state is not None
        log_belief = self.update(turn, turn.state)
        leave = self.expected_reservation(log_belief)
        floor = np.maximum(turn.table.best_for_self(turn.party, leave), turn.reservation)
        time = concession_time(turn.round, turn.deadline)
        target = time_dependent(time, floor, turn.best, self.exponent)
        end = np.minimum(turn.deadline, turn.believed_deadline)
        last_chance = turn.offered & (turn.round - 1 >= end)
        if not last_chance.any():
            return Plan(target, state=log_belief)
        _, own_next = turn.table.offer(turn.party, target)  # AC_next elsewhere
        accept = np.where(last_chance, turn.reservation, own_next)
        return Plan(target, accept_at_least=accept, state=log_belief)
