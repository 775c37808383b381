"""The outcome table of a bilateral negotiation and the lookups that turn targets into offers.

A table lists every outcome the parties can agree on with each party's utility of it, in [0, 1],
and what each party believes the *other* values it at. Strategies decide a *target*: the utility
a party wants for itself in its next offer. The offer made from a target is, among the outcomes
whose own utility is at least the target, the one the party believes best for its opponent
(ties: the one better for the party itself). When no outcome reaches the target, the party offers
its best outcome.

Each party's outcomes are sorted by own utility once, with a suffix arg-max of the believed
opponent utility, so an offer is one binary search per negotiation and round. Most offers need
not even that: [0, 1] is cut into ``buckets`` equal slices (a power of two, so that ``target *
buckets`` is exact), and each slice records the offer made from any target in it when that offer
is the same throughout the slice (all but the few slices that hold a sorted utility). An offer is
then one multiplication and one look-up, with the binary search kept for targets in the other
slices; the result is the same as the search's, target by target.

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

from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

Element = TypeVar("Element", bound=np.generic)

__all__ = ["DEFAULT_PARTIES", "OutcomeTable", "split_the_pie"]

DEFAULT_PARTIES = ("party 0", "party 1")
"""The names of the two parties of a table made without names (results are keyed by them)."""


class OutcomeTable:
    """Utilities of every outcome for parties 0 and 1, with each party's beliefs about the other.

    Parameters
    ----------
    utilities
        Shape ``(n_outcomes, 2)``: column ``i`` is party ``i``'s utility, in [0, 1].
    believed
        Shape ``(n_outcomes, 2)``: column ``j`` is what party ``j`` believes the *other* party's
        utility of each outcome is. Defaults to the truth (``utilities[:, ::-1]``).
    signable
        Shape ``(n_outcomes, 2)``: column ``i`` is true for the outcomes party ``i`` may sign
        (feasible and across none of its red lines); ``None`` (the default) for all of them. A
        party offers only outcomes it may sign, and the protocol has it reject the others (when
        it may sign none, it walks out).
    parties
        The names of party 0 and party 1: the keys of every per-party value in the results
        (:class:`~standoff.talks.Summary` ``utility`` and the like); by default
        ``("party 0", "party 1")``.

    Raises
    ------
    ValueError
        If a shape is wrong, the table is empty, a utility is not a finite number in [0, 1], or
        the parties are not two distinct names.

    Notes
    -----
    The table is immutable: its arrays are read-only copies.
    """

    def __init__(
        self,
        utilities: ArrayLike,
        believed: ArrayLike | None = None,
        signable: ArrayLike | None = None,
        *,
        parties: tuple[str, str] = DEFAULT_PARTIES,
    ) -> None:
        if len(parties) != 2 or parties[0] == parties[1]:
            raise ValueError(f"parties must be two distinct names, got {list(parties)}")
        self.parties: tuple[str, str] = (str(parties[0]), str(parties[1]))
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
        self.signable: NDArray[np.bool_] | None = None
        if signable is not None:
            self.signable = np.array(signable, dtype=np.bool_)
            if self.signable.shape != self.utilities.shape:
                raise ValueError(
                    f"signable has shape {self.signable.shape}, expected {self.utilities.shape}"
                )
            self.signable.setflags(write=False)
        allowed = [self._allowed(i) for i in (0, 1)]
        self.maximum: tuple[float, float] = (
            float(self.own[0][allowed[0]].max()),
            float(self.own[1][allowed[1]].max()),
        )
        offers = [_offer_lookup(self.own[i], self.opponent[i], allowed[i]) for i in (0, 1)]
        self._sorted_own = tuple(sorted_own for sorted_own, _, _ in offers)
        self._offer_outcome = tuple(outcome for _, outcome, _ in offers)
        self._offer_own = tuple(own for _, _, own in offers)
        # Targets above the best are read as the best: offers come from the tied best outcomes.
        self._top_position = tuple(
            int(np.searchsorted(self._sorted_own[i], self.maximum[i])) for i in (0, 1)
        )
        self.buckets = _bucket_count(self.size)
        slices = [
            _bucket_lookup(
                self._sorted_own[i],
                self._top_position[i],
                self._offer_outcome[i],
                self._offer_own[i],
                self.buckets,
            )
            for i in (0, 1)
        ]
        self._bucket_outcome = tuple(outcome for outcome, _, _ in slices)
        self._bucket_own = tuple(own for _, own, _ in slices)
        self._bucket_unsure = tuple(unsure for _, _, unsure in slices)
        demands = [_demand_lookup(self.own[i], self.opponent[i], allowed[i]) for i in (0, 1)]
        self._sorted_opponent = tuple(sorted_opponent for sorted_opponent, _ in demands)
        self._best_own = tuple(best for _, best in demands)

    def _allowed(self, party: int) -> NDArray[np.bool_] | slice:
        """The outcomes ``party`` may offer: those it may sign (all of them when it may sign none:
        the protocol then has it walk out)."""
        if self.signable is None or not self.signable[:, party].any():
            return slice(None)
        return np.ascontiguousarray(self.signable[:, party])

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
        scaled = np.multiply(target, self.buckets)  # exact: buckets is a power of two
        np.fmin(scaled, self.buckets, out=scaled)  # NaN and targets of 1 or more: the top slice
        np.maximum(scaled, -1.0, out=scaled)  # -1 (the last entry): targets of -1/buckets or less
        bucket = scaled.astype(np.intp)  # truncated towards 0
        outcome = self._bucket_outcome[party][bucket]
        own = self._bucket_own[party][bucket]
        unsure = np.flatnonzero(self._bucket_unsure[party][bucket])
        if unsure.size:
            position = np.searchsorted(self._sorted_own[party], target[unsure])
            np.minimum(position, self._top_position[party], out=position)
            outcome[unsure] = self._offer_outcome[party][position]
            own[unsure] = self._offer_own[party][position]
        return outcome, own

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


def _frozen(array: NDArray[Element]) -> NDArray[Element]:
    copy = np.ascontiguousarray(array)
    copy.setflags(write=False)
    return copy


def _offer_lookup(
    own: NDArray[np.float64],
    opponent: NDArray[np.float64],
    allowed: NDArray[np.bool_] | slice = slice(None),
) -> tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.float64]]:
    """Own utilities of the allowed outcomes sorted ascending; per position, the outcome chosen
    from there on."""
    order = np.argsort(own, kind="stable")
    if not isinstance(allowed, slice):
        order = order[allowed[order]]
    sorted_own = own[order]
    chosen = order[_suffix_argmax(opponent[order])]
    return _frozen(sorted_own), chosen.astype(np.int64), _frozen(own[chosen])


def _bucket_count(outcomes: int) -> int:
    """Slices of [0, 1] for the offer look-up: a power of two, about 128 per outcome (so that
    about one target in a hundred falls in a slice that needs the binary search), within [1024,
    65536].

    >>> _bucket_count(125), _bucket_count(1), _bucket_count(10**6)
    (16384, 1024, 65536)
    """
    wanted = min(max(128 * outcomes, 1024), 65536)
    return 1 << (wanted - 1).bit_length()


def _bucket_lookup(
    sorted_own: NDArray[np.float64],
    top: int,
    outcome: NDArray[np.int64],
    own: NDArray[np.float64],
    buckets: int,
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.bool_]]:
    """Per slice, the offer made from any target in it, and whether that offer varies within it.

    Slice ``b`` holds the targets ``x`` whose ``fmin(x * buckets, buckets)``, raised to at least
    -1 and truncated towards 0, is ``b``: ``[b / buckets, (b + 1) / buckets)`` for ``1 <= b <
    buckets``, ``(-1 / buckets, 1 / buckets)`` for ``b = 0``, 1 or more (or NaN) for ``b =
    buckets``, and ``-1 / buckets`` or less for ``b = -1``, stored last so that index -1 finds
    it. (``x * buckets`` is exact, a power of two.) A target's position among the sorted
    utilities lies between the positions of the slice's ends, widened to ``[(b - 1) / buckets,
    (b + 1) / buckets]``; where the two agree (after the cap at the top position), every target
    in the slice makes the same offer.
    """
    slice_ = np.append(np.arange(buckets + 1, dtype=np.float64), -1.0)
    lower = (slice_ - 1.0) / buckets
    upper = (slice_ + 1.0) / buckets
    lower[-1], upper[buckets] = -np.inf, np.inf
    low = np.minimum(np.searchsorted(sorted_own, lower, side="left"), top)
    high = np.minimum(np.searchsorted(sorted_own, upper, side="right"), top)
    return _frozen(outcome[low]), _frozen(own[low]), _frozen(low != high)


def _demand_lookup(
    own: NDArray[np.float64],
    opponent: NDArray[np.float64],
    allowed: NDArray[np.bool_] | slice = slice(None),
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Believed opponent utilities of the allowed outcomes sorted ascending; per position, the
    best own utility from there on, with ``-inf`` appended for 'no outcome'."""
    order = np.argsort(opponent, kind="stable")
    if not isinstance(allowed, slice):
        order = order[allowed[order]]
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
