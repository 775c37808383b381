"""Distributions of uncertain inputs, for Monte Carlo over negotiations.

A *spec* draws ``size`` values from a ``numpy.random.Generator``: a plain number or :class:`Fixed`,
:class:`Uniform`, :class:`Normal` (optionally clipped) and :class:`Choice`, or any callable
``(rng, size) -> array``. :class:`Distributions` gives one spec (or one per party) for each input
of a :class:`~standoff.talks.Batch` and samples batches from them; a seed fixes the result.

Common random numbers. Each input (and each party's half of a party input) draws from a random
stream of its own, derived from the generator by a fixed key per input name, so what one input
draws never depends on the specs of the others. Two distributions that differ in one input
therefore give, run by run, the very same values of every other input: a what-if compared with
the talks as written differs by its change alone (Glasserman 2004, *Monte Carlo Methods in
Financial Engineering*, §4.2). A belief given as :class:`Truth` is the other party's drawn value
in the same run.

Examples
--------
>>> import numpy as np
>>> from standoff.talks import linear
>>> uncertain = Distributions(
...     rounds=50, strategies=(linear(),),
...     reservation=(Uniform(0.2, 0.4), Fixed(0.3)), deadline=Choice((20, 49), (0.5, 0.5)),
... )
>>> batch = uncertain.sample(4, np.random.default_rng(7))
>>> batch.reservation.shape, bool(np.all(batch.reservation[:, 1] == 0.3))
((4, 2), True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray

from standoff.talks._batch import NO_DEADLINE, Batch, integers
from standoff.talks._strategy import Strategy

__all__ = ["Choice", "Distributions", "Fixed", "Normal", "Spec", "Truth", "Uniform", "draw"]


@dataclass(frozen=True)
class Fixed:
    """Always ``value`` (draws no random numbers)."""

    value: float

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """``size`` copies of the value."""
        return np.full(size, float(self.value))


@dataclass(frozen=True)
class Uniform:
    """Uniform on [``low``, ``high``)."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if not self.low <= self.high:
            raise ValueError(f"uniform needs low <= high, got {self.low} and {self.high}")

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """``size`` uniform draws."""
        return rng.uniform(self.low, self.high, size)


@dataclass(frozen=True)
class Normal:
    """Normal with ``mean`` and standard deviation ``sd``, clipped to [``low``, ``high``]."""

    mean: float
    sd: float
    low: float = -np.inf
    high: float = np.inf

    def __post_init__(self) -> None:
        if self.sd < 0.0 or not self.low <= self.high:
            raise ValueError("normal needs sd >= 0 and low <= high")

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """``size`` clipped normal draws."""
        return np.clip(rng.normal(self.mean, self.sd, size), self.low, self.high)


@dataclass(frozen=True)
class Choice:
    """One of ``values``, with ``probabilities`` (equal when ``None``)."""

    values: tuple[float, ...]
    probabilities: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError("choice needs at least one value")
        if self.probabilities is not None and (
            len(self.probabilities) != len(self.values)
            or min(self.probabilities) < 0.0
            or not np.isclose(sum(self.probabilities), 1.0)
        ):
            raise ValueError("choice needs one non-negative probability per value, summing to 1")

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """``size`` draws of the values."""
        picks = rng.choice(len(self.values), size, p=self.probabilities)
        return np.asarray(self.values, dtype=np.float64)[picks]


@dataclass(frozen=True)
class Truth:
    """A belief equal to the truth: the other party's value drawn in the same run (only for
    ``believed_reservation`` and ``believed_deadline``)."""


Sampler = Callable[[np.random.Generator, int], ArrayLike]
Spec = float | Fixed | Uniform | Normal | Choice | Sampler
"""A distribution of one input: a number (fixed), a spec or a callable ``(rng, size) -> array``."""
PartySpec = Spec | tuple[Spec, Spec]
"""One spec for both parties, or one each."""
BeliefSpec = Spec | Truth | tuple[Spec | Truth, Spec | Truth]
"""A belief about the other party: a spec, or :class:`Truth`; one for both parties or one each."""

_STREAMS = {
    name: number
    for number, name in enumerate(
        ("strategy", "reservation", "deadline", "discount", "breakdown", "first",
         "believed_reservation", "believed_deadline")
    )
}  # fmt: skip
"""The key of each input's random stream: fixed, so that adding an input never moves the others."""
_TRUTH_OF = {"believed_reservation": "reservation", "believed_deadline": "deadline"}


def draw(spec: Spec, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
    """``size`` values from a spec or a callable sampler.

    >>> draw(lambda rng, size: rng.integers(0, 2, size), np.random.default_rng(0), 3).shape
    (3,)
    """
    if isinstance(spec, int | float):
        return Fixed(spec).sample(rng, size)
    if isinstance(spec, Fixed | Uniform | Normal | Choice):
        return spec.sample(rng, size)
    values = np.asarray(spec(rng, size), dtype=np.float64)
    if values.shape != (size,):
        raise ValueError(f"a sampler returned shape {values.shape}, expected ({size},)")
    return values


@dataclass(frozen=True, eq=False)
class Distributions:
    """Distributions of a batch's inputs (see :class:`~standoff.talks.Batch`).

    Party inputs take one spec for both parties or a pair. ``strategy`` draws indices into
    ``strategies`` and deadlines draw round numbers (rounded to whole numbers; -1 is no
    deadline). ``believed_reservation`` and ``believed_deadline`` default to the truth: each
    party knows the other's drawn value (:class:`Truth`, which can also be given for one party).
    Every input draws from a stream of its own (see the module notes), so a change to one input
    leaves the draws of every other input as they were, run by run.
    """

    rounds: int
    strategies: tuple[Strategy, ...]
    strategy: PartySpec = Fixed(0)
    reservation: PartySpec = Fixed(0.0)
    deadline: PartySpec = Fixed(NO_DEADLINE)
    discount: PartySpec = Fixed(1.0)
    breakdown: Spec = Fixed(0.0)
    first: Spec = Fixed(0)
    believed_reservation: BeliefSpec | None = None
    believed_deadline: BeliefSpec | None = None

    def sample(self, runs: int, rng: np.random.Generator) -> Batch:
        """A batch of ``runs`` negotiations drawn from the distributions.

        ``rng`` gives one fixed-size key (so it is left in the same state whatever the specs);
        each input draws from its own stream under that key.
        """
        key = [int(word) for word in rng.integers(0, 2**63, size=4)]

        def stream(name: str, party: int) -> np.random.Generator:
            sequence = np.random.SeedSequence(key, spawn_key=(_STREAMS[name], party))
            return np.random.default_rng(sequence)

        drawn: dict[str, NDArray[np.float64]] = {}
        for field in fields(self)[2:]:
            name, spec = field.name, getattr(self, field.name)
            if spec is None:
                spec = Truth()
            if name in ("breakdown", "first"):
                drawn[name] = draw(spec, stream(name, 0), runs)
                continue
            pair = spec if isinstance(spec, tuple) else (spec, spec)
            columns = []
            for party, part in enumerate(pair):
                if isinstance(part, Truth):
                    if name not in _TRUTH_OF:
                        raise ValueError(f"Truth is a belief, not a spec for {name}")
                    columns.append(drawn[_TRUTH_OF[name]][:, 1 - party])
                else:
                    columns.append(draw(part, stream(name, party), runs))
            drawn[name] = np.column_stack(columns)
        whole = {
            name: integers(np.rint(drawn[name]), name)
            for name in ("strategy", "deadline", "first", "believed_deadline")
            if name in drawn
        }
        return Batch(
            rounds=self.rounds,
            strategies=tuple(self.strategies),
            strategy=whole["strategy"],
            reservation=drawn["reservation"],
            deadline=whole["deadline"],
            discount=drawn["discount"],
            breakdown=drawn["breakdown"],
            first=whole["first"],
            believed_reservation=drawn["believed_reservation"],
            believed_deadline=whole["believed_deadline"],
        )
