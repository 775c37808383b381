"""A batch of negotiations on one outcome table: every per-run input as an array over runs.

Party-indexed inputs have shape ``(runs, 2)``: column 0 is party 0, column 1 party 1. Deadlines
are a party's own last round (rounds count from 0), private to it; :data:`NO_DEADLINE` (-1) means
none, and a deadline after the protocol's last round ``rounds - 1`` has no effect. Beliefs are
what party ``i`` thinks of the *other* party: ``believed_reservation[:, 0]`` is party 0's estimate
of party 1's BATNA.

Examples
--------
>>> from standoff.talks import linear
>>> batch = Batch.broadcast(rounds=10, strategies=(linear(),), runs=3, reservation=(0.2, 0.3))
>>> batch.runs, batch.reservation.tolist()[0], batch.deadline.tolist()[0]
(3, [0.2, 0.3], [-1, -1])
>>> batch.believed_reservation.tolist()[0]     # by default each party knows the other's BATNA
[0.3, 0.2]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray

from standoff.talks._strategy import Strategy

__all__ = ["NO_DEADLINE", "Batch"]

NO_DEADLINE = -1
"""The deadline of a party that has none."""


@dataclass(frozen=True, eq=False)
class Batch:
    """The inputs of ``runs`` negotiations on one table (arrays are read-only).

    Attributes
    ----------
    rounds
        The protocol's round limit, the same for every run: rounds ``0 .. rounds - 1``.
    strategies
        The strategies the runs use; ``strategy`` indexes into them.
    strategy
        ``(runs, 2)`` int: each party's strategy.
    reservation
        ``(runs, 2)``: each party's BATNA value (what it gets without agreement).
    deadline
        ``(runs, 2)`` int: each party's own last round, or :data:`NO_DEADLINE`.
    discount
        ``(runs, 2)``: per-round discount factors in (0, 1]; agreement in round t is worth
        ``discount ** t`` times its utility.
    breakdown
        ``(runs,)``: probability in [0, 1] that talks break down after a round without agreement.
    first
        ``(runs,)`` int: the party that proposes in round 0.
    believed_reservation
        ``(runs, 2)``: each party's belief about the other's BATNA.
    believed_deadline
        ``(runs, 2)`` int: each party's belief about the other's deadline (or NO_DEADLINE).
    """

    rounds: int
    strategies: tuple[Strategy, ...]
    strategy: NDArray[np.int64]
    reservation: NDArray[np.float64]
    deadline: NDArray[np.int64]
    discount: NDArray[np.float64]
    breakdown: NDArray[np.float64]
    first: NDArray[np.int64]
    believed_reservation: NDArray[np.float64]
    believed_deadline: NDArray[np.int64]

    def __post_init__(self) -> None:
        if not isinstance(self.rounds, int | np.integer) or self.rounds < 1:
            raise ValueError(f"rounds must be a positive integer, got {self.rounds!r}")
        object.__setattr__(self, "rounds", int(self.rounds))
        strategies = tuple(self.strategies)
        if not strategies or not all(isinstance(s, Strategy) for s in strategies):
            raise ValueError("strategies must be a non-empty sequence of Strategy instances")
        object.__setattr__(self, "strategies", strategies)
        runs = np.shape(self.breakdown)[0] if np.ndim(self.breakdown) == 1 else -1
        if runs < 1:
            raise ValueError("breakdown must be a one-dimensional array over at least one run")
        for field in fields(self)[2:]:
            shape = (runs,) if field.name in ("breakdown", "first") else (runs, 2)
            convert = integers if field.name in _INTEGER else numbers
            array = convert(getattr(self, field.name), field.name)
            if array.shape != shape:
                raise ValueError(f"{field.name} has shape {array.shape}, expected {shape}")
            object.__setattr__(self, field.name, array)
        self._check_ranges(len(strategies))

    def _check_ranges(self, strategy_count: int) -> None:
        checks = [
            ("strategy", (self.strategy >= 0) & (self.strategy < strategy_count),
             f"an index into the {strategy_count} strategies"),
            ("reservation", _unit(self.reservation), "a number in [0, 1]"),
            ("believed_reservation", _unit(self.believed_reservation), "a number in [0, 1]"),
            ("deadline", self.deadline >= NO_DEADLINE, "a round >= 0 or -1 (no deadline)"),
            ("believed_deadline", self.believed_deadline >= NO_DEADLINE,
             "a round >= 0 or -1 (no deadline)"),
            ("discount", (self.discount > 0.0) & (self.discount <= 1.0), "a number in (0, 1]"),
            ("breakdown", _unit(self.breakdown), "a probability in [0, 1]"),
            ("first", (self.first == 0) | (self.first == 1), "0 or 1"),
        ]  # fmt: skip
        for name, valid, expected in checks:
            if not np.all(valid):
                where = np.argwhere(~valid)[0]
                value = getattr(self, name)[tuple(where)].item()
                raise ValueError(
                    f"{name}[{', '.join(str(int(i)) for i in where)}] is {value!r}, "
                    f"expected {expected}"
                )

    @property
    def runs(self) -> int:
        """The number of negotiations."""
        return int(self.breakdown.shape[0])

    def select(self, start: int, stop: int) -> Batch:
        """The runs ``start .. stop - 1`` as a batch of their own."""
        return Batch(
            self.rounds,
            self.strategies,
            *(getattr(self, field.name)[start:stop] for field in fields(self)[2:]),
        )

    @classmethod
    def broadcast(
        cls,
        rounds: int,
        strategies: Strategy | Sequence[Strategy],
        runs: int = 1,
        *,
        strategy: ArrayLike = 0,
        reservation: ArrayLike = 0.0,
        deadline: ArrayLike = NO_DEADLINE,
        discount: ArrayLike = 1.0,
        breakdown: ArrayLike = 0.0,
        first: ArrayLike = 0,
        believed_reservation: ArrayLike | None = None,
        believed_deadline: ArrayLike | None = None,
    ) -> Batch:
        """A batch from scalars, per-party pairs or full arrays, broadcast to ``runs`` runs.

        Unless given, each party's beliefs about the other's BATNA and deadline are the truth.

        >>> from standoff.talks import boulware, conceder
        >>> batch = Batch.broadcast(5, (boulware(), conceder()), 2, strategy=(0, 1))
        >>> batch.strategy.tolist()
        [[0, 1], [0, 1]]
        """
        chosen = (strategies,) if isinstance(strategies, Strategy) else tuple(strategies)

        def pairs(values: ArrayLike, name: str) -> NDArray[np.float64]:
            return np.broadcast_to(numbers(values, name), (runs, 2))

        def whole_pairs(values: ArrayLike, name: str) -> NDArray[np.int64]:
            return np.broadcast_to(integers(values, name), (runs, 2))

        truth_reservation = pairs(reservation, "reservation")
        truth_deadline = whole_pairs(deadline, "deadline")
        return cls(
            rounds=rounds,
            strategies=chosen,
            strategy=whole_pairs(strategy, "strategy"),
            reservation=truth_reservation,
            deadline=truth_deadline,
            discount=pairs(discount, "discount"),
            breakdown=np.broadcast_to(numbers(breakdown, "breakdown"), (runs,)),
            first=np.broadcast_to(integers(first, "first"), (runs,)),
            believed_reservation=(
                truth_reservation[:, ::-1]
                if believed_reservation is None
                else pairs(believed_reservation, "believed_reservation")
            ),
            believed_deadline=(
                truth_deadline[:, ::-1]
                if believed_deadline is None
                else whole_pairs(believed_deadline, "believed_deadline")
            ),
        )


_INTEGER = frozenset({"strategy", "deadline", "first", "believed_deadline"})


def integers(values: ArrayLike, name: str) -> NDArray[np.int64]:
    """A read-only int64 copy of whole numbers; ValueError naming ``name`` otherwise."""
    array = np.asarray(values)
    if array.dtype.kind == "f":
        if not np.all(np.isfinite(array)) or not np.all(array == np.round(array)):
            raise ValueError(f"{name} must hold whole numbers")
    elif array.dtype.kind not in "iub":
        raise ValueError(f"{name} must hold whole numbers")
    result = np.array(array, dtype=np.int64)
    result.setflags(write=False)
    return result


def numbers(values: ArrayLike, name: str) -> NDArray[np.float64]:
    """A read-only float64 copy of numbers; ValueError naming ``name`` otherwise."""
    array = np.asarray(values)
    if array.dtype.kind not in "fiub":
        raise ValueError(f"{name} must hold numbers")
    result = np.array(array, dtype=np.float64)
    result.setflags(write=False)
    return result


def _unit(values: NDArray[np.float64]) -> NDArray[np.bool_]:
    return (values >= 0.0) & (values <= 1.0)
