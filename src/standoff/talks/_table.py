"""The outcome table of a bilateral negotiation and the lookups that turn targets into offers.

A table lists every outcome the parties can agree on with each party's utility of it, in [0, 1],
and what each party believes the *other* values it at. Strategies decide a *target*: the utility
a party wants for itself in its next offer. The offer made from a target is, among the outcomes
whose own utility is at least the target, the one the party believes best for its opponent
(ties: the one better for the party itself). When no outcome reaches the target, the party offers
its best outcome.

Each party's outcomes are sorted by own utility once, with a suffix arg-max of the believed
opponent utility, so an offer costs one binary search per negotiation and round.

Examples
--------
>>> table = OutcomeTable([[1.0, 0.0], [0.7, 0.6], [0.5, 0.9], [0.0, 1.0]])
>>> outcome, own = table.offer(0, np.array([0.6, 0.1, 2.0]))
>>> outcome.tolist(), own.tolist()       # best for party 1 among outcomes worth >= target to 0
([1, 2, 0], [0.7, 0.5, 1.0])
>>> table.best_for_self(1, np.array([0.6, 1.1])).tolist()   # party 1 keeps party 0 at >= 0.6
[0.6, -inf]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["OutcomeTable", "split_the_pie"]


class OutcomeTable:
    """Utilities of every outcome for parties 0 and 1, with each party's beliefs about the other.

    Parameters
    ----------
    utilities
        Shape ``(n_outcomes, 2)``: column ``i`` is party ``i``'s utility, in [0, 1].
    believed
        Shape ``(n_outcomes, 2)``: column ``j`` is what party ``j`` believes the *other* party's
        utility of each outcome is. Defaults to the truth (``utilities[:, ::-1]``).

    Raises
    ------
    ValueError
        If a shape is wrong, the table is empty, or a utility is not a finite number in [0, 1].

    Notes
    -----
    The table is immutable: its arrays are read-only copies.
    """

    def __init__(self, utilities: ArrayLike, believed: ArrayLike | None = None) -> None:
        self.utilities: NDArray[np.float64] = _checked(utilities, "utilities")
        self.believed: NDArray[np.float64] = (
            np.ascontiguousarray(self.utilities[:, ::-1])
            if believed is None
            else _checked(believed, "believed")
        )
        if self.believed.shape != self.utilities.shape:
            raise ValueError(
                f"believed has shape {self.believed.shape}, expected {self.utilities.shape}"
            )
        self.believed.setflags(write=False)
        # Party-major copies: own[i] and opponent[i] (as party i believes it) are contiguous.
        self.own: NDArray[np.float64] = _frozen(self.utilities.T)
        self.opponent: NDArray[np.float64] = _frozen(self.believed.T)
        self.maximum: tuple[float, float] = (float(self.own[0].max()), float(self.own[1].max()))
        offers = [_offer_lookup(self.own[i], self.opponent[i]) for i in (0, 1)]
        self._sorted_own = tuple(sorted_own for sorted_own, _, _ in offers)
        self._offer_outcome = tuple(outcome for _, outcome, _ in offers)
        self._offer_own = tuple(own for _, _, own in offers)
        # Targets above the best are read as the best: offers come from the tied best outcomes.
        self._top_position = tuple(
            int(np.searchsorted(self._sorted_own[i], self.maximum[i])) for i in (0, 1)
        )
        demands = [_demand_lookup(self.own[i], self.opponent[i]) for i in (0, 1)]
        self._sorted_opponent = tuple(sorted_opponent for sorted_opponent, _ in demands)
        self._best_own = tuple(best for _, best in demands)

    @property
    def size(self) -> int:
        """The number of outcomes."""
        return int(self.utilities.shape[0])

    def offer(
        self, party: int, target: NDArray[np.float64]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """The outcome ``party`` offers for each target, and its own utility of that outcome.

        Among outcomes worth at least the target to ``party``, the one it believes best for its
        opponent; its best outcome when none reaches the target (or the target is NaN).
        """
        position = np.searchsorted(self._sorted_own[party], target)
        np.minimum(position, self._top_position[party], out=position)
        return self._offer_outcome[party][position], self._offer_own[party][position]

    def best_for_self(
        self, party: int, opponent_at_least: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """The most ``party`` can get while giving its opponent (as it believes) at least a value.

        ``-inf`` where no outcome gives the opponent that much.
        """
        position = np.searchsorted(self._sorted_opponent[party], opponent_at_least)
        return self._best_own[party][position]


def split_the_pie(levels: int = 1001) -> OutcomeTable:
    """Rubinstein's pie: outcomes ``(x, 1 - x)`` for ``x`` on a grid of ``levels`` points in [0, 1].

    >>> split_the_pie(3).utilities.tolist()
    [[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]]
    """
    if levels < 2:
        raise ValueError(f"levels must be at least 2, got {levels}")
    share = np.linspace(0.0, 1.0, levels)
    return OutcomeTable(np.column_stack([share, 1.0 - share]))


def _checked(values: ArrayLike, name: str) -> NDArray[np.float64]:
    array = np.array(values, dtype=np.float64)
    if array.ndim != 2 or array.shape[1] != 2 or array.shape[0] == 0:
        raise ValueError(f"{name} must have shape (n_outcomes, 2) with n_outcomes >= 1")
    if not np.all(np.isfinite(array)) or array.min() < 0.0 or array.max() > 1.0:
        raise ValueError(f"{name} must be finite numbers in [0, 1]")
    array.setflags(write=False)
    return array


def _frozen(array: NDArray[np.float64]) -> NDArray[np.float64]:
    copy = np.ascontiguousarray(array)
    copy.setflags(write=False)
    return copy


def _offer_lookup(
    own: NDArray[np.float64], opponent: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.float64]]:
    """Own utilities sorted ascending; per position, the outcome chosen from there on."""
    order = np.argsort(own, kind="stable")
    sorted_own = own[order]
    chosen = order[_suffix_argmax(opponent[order])]
    return _frozen(sorted_own), chosen.astype(np.int64), _frozen(own[chosen])


def _demand_lookup(
    own: NDArray[np.float64], opponent: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Believed opponent utilities sorted ascending; per position, the best own utility from there
    on, with ``-inf`` appended for 'no outcome'."""
    order = np.argsort(opponent, kind="stable")
    best = np.maximum.accumulate(own[order][::-1])[::-1]
    return _frozen(opponent[order]), _frozen(np.append(best, -np.inf))


def _suffix_argmax(values: NDArray[np.float64]) -> NDArray[np.int64]:
    """For each position k, the position of the largest value at k or after (ties: the last one,
    which sorts highest in own utility)."""
    backwards = values[::-1]
    running = np.maximum.accumulate(backwards)
    previous = np.concatenate([[-np.inf], running[:-1]])
    record = np.where(backwards > previous, np.arange(values.size), 0)
    first_of_max = np.maximum.accumulate(record)
    return (values.size - 1 - first_of_max)[::-1].astype(np.int64)
