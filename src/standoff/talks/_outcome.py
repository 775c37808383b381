"""Frozen records of simulated talks: per-run outcomes, and their summary as distributions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from standoff.talks._table import DEFAULT_PARTIES

__all__ = [
    "AGREEMENT",
    "BOTH",
    "BREAKDOWN",
    "DEADLINE",
    "ENDINGS",
    "NOISE",
    "QUANTILES",
    "ROUND_LIMIT",
    "Difference",
    "Outcomes",
    "Summary",
    "summarize",
]

ENDINGS = ("agreement", "breakdown", "deadline", "round-limit")
"""How talks end, indexed by the codes in :attr:`Outcomes.ended_by`."""
AGREEMENT, BREAKDOWN, DEADLINE, ROUND_LIMIT = range(4)
BOTH = 2
"""The :attr:`Outcomes.bound` code when both parties' deadlines fell on the same round."""
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
"""The quantiles of the agreement round a :class:`Summary` reports."""
NOISE = 2.0
"""A paired difference within this many standard errors of zero is called within noise."""


@dataclass(frozen=True, eq=False)
class Outcomes:
    """How each of a batch's negotiations ended (arrays over runs, read-only).

    Attributes
    ----------
    outcome
        The agreed outcome's index, or -1.
    round
        The round of agreement, or the last round played.
    ended_by
        Codes into :data:`ENDINGS`.
    bound
        Whose deadline bound: 0 or 1 when that party's last round was the round the talks ended
        in (by agreement or by the deadline passing), :data:`BOTH` for both, -1 for neither.
    utility
        ``(runs, 2)``: each party's utility of the agreement, or its BATNA (column ``i``:
        ``parties[i]``; :attr:`utility_by_party` gives the columns by name).
    discounted
        ``(runs, 2)``: the same, discounted by ``discount ** round``: an agreement to the round
        it was struck, a BATNA to the round the talks ended.
    parties
        The names of party 0 and party 1 (the table's :attr:`~OutcomeTable.parties`).

    The per-run values stay ``(runs, 2)`` arrays, as the kernel writes them, so that a batch is
    summed and concatenated whole; the ``*_by_party`` properties give the same numbers keyed by
    party name, like every per-party value of the summaries.
    """

    outcome: NDArray[np.int64]
    round: NDArray[np.int64]
    ended_by: NDArray[np.int8]
    bound: NDArray[np.int8]
    utility: NDArray[np.float64]
    discounted: NDArray[np.float64]
    parties: tuple[str, str] = DEFAULT_PARTIES

    @property
    def runs(self) -> int:
        """The number of negotiations."""
        return int(self.outcome.shape[0])

    @property
    def utility_by_party(self) -> Mapping[str, NDArray[np.float64]]:
        """Party name -> its utility in every run (a column of :attr:`utility`, not a copy)."""
        return _columns(self.parties, self.utility)

    @property
    def discounted_by_party(self) -> Mapping[str, NDArray[np.float64]]:
        """Party name -> its discounted utility in every run (a column of :attr:`discounted`)."""
        return _columns(self.parties, self.discounted)

    @property
    def agreement(self) -> NDArray[np.bool_]:
        """True where the parties agreed."""
        agreed: NDArray[np.bool_] = self.ended_by == AGREEMENT
        return agreed

    @staticmethod
    def concatenate(parts: Sequence[Outcomes]) -> Outcomes:
        """The runs of several records of the same parties, in order."""
        names = ("outcome", "round", "ended_by", "bound", "utility", "discounted")
        joined = {name: np.concatenate([getattr(part, name) for part in parts]) for name in names}
        return Outcomes(**joined, parties=parts[0].parties)


def _columns(
    parties: tuple[str, str], values: NDArray[np.float64]
) -> dict[str, NDArray[np.float64]]:
    return {party: values[:, k] for k, party in enumerate(parties)}


def _per_party(parties: tuple[str, str], values: NDArray[np.float64]) -> dict[str, float]:
    """Two values as party name -> Python float, in the parties' order."""
    return {party: float(values[k]) for k, party in enumerate(parties)}


@dataclass(frozen=True)
class Summary:
    """Distributions over simulated negotiations (Python scalars only).

    Attributes
    ----------
    runs, rounds, seed
        How many negotiations, the round limit, and the seed that reproduces them.
    agreement, breakdown, deadline, round_limit
        The share of runs that ended each way.
    utility, discounted
        Party name -> its expected utility (BATNA when no agreement), raw and discounted; the
        parties in the table's order.
    utility_sd, discounted_sd
        Party name -> the standard deviations of those.
    agreement_rounds
        Histogram: the number of agreements in each round ``0 .. rounds - 1``.
    quantiles
        The agreement round at each of :data:`QUANTILES` (lower quantiles), ``None`` without
        agreements.
    mean_agreement_round
        The mean round of agreement, ``None`` without agreements.
    deadline_bound
        Runs that ended by a deadline passing: party name -> those ended by its deadline, and
        ``"both"`` -> those in which both deadlines fell on the same round.
    agreed_at_deadline
        Agreements struck in a party's last round: party name -> those in its last round,
        ``"both"`` -> those in a round that was both parties' last.
    """

    runs: int
    rounds: int
    seed: int | None
    agreement: float
    breakdown: float
    deadline: float
    round_limit: float
    utility: Mapping[str, float]
    discounted: Mapping[str, float]
    utility_sd: Mapping[str, float]
    discounted_sd: Mapping[str, float]
    agreement_rounds: tuple[int, ...]
    quantiles: tuple[int, ...] | None
    mean_agreement_round: float | None
    deadline_bound: Mapping[str, int]
    agreed_at_deadline: Mapping[str, int]
    deals: tuple[tuple[int, int], ...] = ()
    """Every outcome agreed at least once and how often: ``(outcome index, runs)``, the most
    frequent first (ties: the lower index first)."""


@dataclass(frozen=True)
class Difference:
    """A variant minus the talks as written, run by run on common random numbers (paired).

    Attributes
    ----------
    runs
        The number of paired runs.
    changed
        The share of runs whose outcome (the agreement or ending, and its round) differs.
    agreement, agreement_se
        The difference in the share of runs that reach agreement, and its standard error.
    utility, utility_se
        Party name -> the difference in its expected utility, and its standard error.
    discounted, discounted_se
        The same for discounted utilities.

    Each party's runs are paired with its own runs in the talks as written (when the variant
    names the same two parties, in either order; otherwise party 0 with party 0).

    The standard error of a mean difference ``d̄`` over ``n`` paired runs is ``s_d / √n``, ``s_d``
    the sample standard deviation of the per-run differences.
    """

    runs: int
    changed: float
    agreement: float
    agreement_se: float
    utility: Mapping[str, float]
    utility_se: Mapping[str, float]
    discounted: Mapping[str, float]
    discounted_se: Mapping[str, float]

    @property
    def within_noise(self) -> bool:
        """True when every difference is within :data:`NOISE` standard errors of zero."""
        pairs = [
            (self.agreement, self.agreement_se),
            *((self.utility[party], self.utility_se[party]) for party in self.utility),
            *((self.discounted[party], self.discounted_se[party]) for party in self.discounted),
        ]
        return all(abs(mean) <= NOISE * se for mean, se in pairs)


@dataclass(frozen=True, eq=False)
class PairedTally:
    """Sums of per-run differences (variant minus baseline) that merge across chunks."""

    runs: int
    changed: int
    sums: NDArray[np.float64]
    squares: NDArray[np.float64]
    parties: tuple[str, str] = DEFAULT_PARTIES

    @staticmethod
    def of(variant: Outcomes, baseline: Outcomes) -> PairedTally:
        """The differences of one chunk's runs, each party's against its own (by name)."""
        same = sorted(variant.parties) == sorted(baseline.parties)
        columns = [baseline.parties.index(p) for p in variant.parties] if same else [0, 1]

        def measures(outcomes: Outcomes, order: list[int]) -> NDArray[np.float64]:
            agreed = outcomes.agreement.astype(np.float64)[:, None]
            values = [outcomes.utility[:, order], outcomes.discounted[:, order]]
            return np.concatenate([agreed, *values], axis=1)

        difference = measures(variant, [0, 1]) - measures(baseline, columns)
        changed = (
            (variant.outcome != baseline.outcome)
            | (variant.round != baseline.round)
            | (variant.ended_by != baseline.ended_by)
        )
        return PairedTally(
            variant.runs,
            int(changed.sum()),
            difference.sum(axis=0),
            (difference**2).sum(axis=0),
            variant.parties,
        )

    def merge(self, other: PairedTally) -> PairedTally:
        """The differences of both sets of runs."""
        return PairedTally(
            self.runs + other.runs,
            self.changed + other.changed,
            self.sums + other.sums,
            self.squares + other.squares,
            self.parties,
        )

    def difference(self) -> Difference:
        """The mean differences and their standard errors."""
        runs = self.runs
        mean = self.sums / runs
        if runs > 1:
            variance = np.maximum(self.squares - runs * mean**2, 0.0) / (runs - 1)
            error = np.sqrt(variance / runs)
        else:
            error = np.zeros_like(mean)
        mean = np.where(np.abs(mean) < 1e-15, 0.0, mean)  # rounding of exact zeros
        error = np.where(error < 1e-12, 0.0, error)
        parties = self.parties
        return Difference(
            runs=runs,
            changed=self.changed / runs,
            agreement=float(mean[0]),
            agreement_se=float(error[0]),
            utility=_per_party(parties, mean[1:3]),
            utility_se=_per_party(parties, error[1:3]),
            discounted=_per_party(parties, mean[3:5]),
            discounted_se=_per_party(parties, error[3:5]),
        )


@dataclass(frozen=True, eq=False)
class Tally:
    """Sums over runs that merge exactly (in a fixed order) across chunks."""

    runs: int
    endings: NDArray[np.int64]
    sums: NDArray[np.float64]
    squares: NDArray[np.float64]
    agreement_rounds: NDArray[np.int64]
    bound: NDArray[np.int64]
    deals: NDArray[np.int64]
    parties: tuple[str, str] = DEFAULT_PARTIES

    @staticmethod
    def of(outcomes: Outcomes, rounds: int, size: int = 0) -> Tally:
        """The tally of one batch's outcomes on a table of ``size`` outcomes."""
        values = np.concatenate([outcomes.utility, outcomes.discounted], axis=1)
        agreed = outcomes.agreement
        bound = np.zeros((2, 3), dtype=np.int64)
        for row, mask in enumerate((outcomes.ended_by == DEADLINE, agreed)):
            codes = outcomes.bound[mask]
            bound[row] = np.bincount(codes[codes >= 0], minlength=3)
        return Tally(
            runs=outcomes.runs,
            endings=np.bincount(outcomes.ended_by, minlength=len(ENDINGS)).astype(np.int64),
            sums=values.sum(axis=0),
            squares=(values**2).sum(axis=0),
            agreement_rounds=np.bincount(outcomes.round[agreed], minlength=rounds),
            bound=bound,
            deals=np.bincount(outcomes.outcome[agreed], minlength=size),
            parties=outcomes.parties,
        )

    def merge(self, other: Tally) -> Tally:
        """The tally of both sets of runs."""
        return Tally(
            self.runs + other.runs,
            self.endings + other.endings,
            self.sums + other.sums,
            self.squares + other.squares,
            self.agreement_rounds + other.agreement_rounds,
            self.bound + other.bound,
            _add(self.deals, other.deals),
            self.parties,
        )

    def summary(self, rounds: int, seed: int | None) -> Summary:
        """The summary record."""
        runs = self.runs
        share = [float(count) / runs for count in self.endings]
        mean = self.sums / runs
        sd = np.sqrt(np.maximum(self.squares / runs - mean**2, 0.0))
        histogram = self.agreement_rounds
        agreements = int(histogram.sum())
        quantiles: tuple[int, ...] | None = None
        mean_round: float | None = None
        if agreements:
            cumulative = np.cumsum(histogram)
            quantiles = tuple(
                int(np.searchsorted(cumulative, q * agreements, side="left")) for q in QUANTILES
            )
            mean_round = float(histogram @ np.arange(histogram.size)) / agreements

        parties = self.parties

        def counts(values: NDArray[np.int64]) -> dict[str, int]:
            return {parties[0]: int(values[0]), parties[1]: int(values[1]), "both": int(values[2])}

        struck = np.flatnonzero(self.deals)
        order = struck[np.argsort(-self.deals[struck], kind="stable")]
        return Summary(
            runs=runs,
            rounds=rounds,
            seed=seed,
            agreement=share[AGREEMENT],
            breakdown=share[BREAKDOWN],
            deadline=share[DEADLINE],
            round_limit=share[ROUND_LIMIT],
            utility=_per_party(parties, mean[:2]),
            discounted=_per_party(parties, mean[2:]),
            utility_sd=_per_party(parties, sd[:2]),
            discounted_sd=_per_party(parties, sd[2:]),
            agreement_rounds=tuple(int(count) for count in histogram),
            quantiles=quantiles,
            mean_agreement_round=mean_round,
            deadline_bound=counts(self.bound[0]),
            agreed_at_deadline=counts(self.bound[1]),
            deals=tuple((int(k), int(self.deals[k])) for k in order),
        )


def _add(first: NDArray[np.int64], second: NDArray[np.int64]) -> NDArray[np.int64]:
    """Two counts per outcome added (the shorter padded with zeros)."""
    if first.size < second.size:
        first, second = second, first
    total = first.copy()
    total[: second.size] += second
    return total


def summarize(outcomes: Outcomes, rounds: int, seed: int | None = None) -> Summary:
    """The summary of one record of outcomes.

    >>> import numpy as np
    >>> outcomes = Outcomes(
    ...     outcome=np.array([3, -1]), round=np.array([2, 9]),
    ...     ended_by=np.array([AGREEMENT, DEADLINE], dtype=np.int8),
    ...     bound=np.array([-1, 1], dtype=np.int8),
    ...     utility=np.array([[0.6, 0.4], [0.2, 0.1]]),
    ...     discounted=np.array([[0.5, 0.3], [0.2, 0.1]]), parties=("US", "NK"),
    ... )
    >>> summary = summarize(outcomes, rounds=10)
    >>> summary.agreement, summary.deadline
    (0.5, 0.5)
    >>> summary.utility, summary.deadline_bound
    ({'US': 0.4, 'NK': 0.25}, {'US': 0, 'NK': 1, 'both': 0})
    """
    size = int(outcomes.outcome.max(initial=-1)) + 1
    return Tally.of(outcomes, rounds, size).summary(rounds, seed)
