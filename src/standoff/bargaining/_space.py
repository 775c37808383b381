"""The outcome space: every combination of one level per issue, and utilities over it.

An outcome is an integer: its issue levels in mixed radix, the first issue most significant (the
order of :func:`numpy.ravel_multi_index`). A range issue contributes its ``steps`` evenly spaced
points (:data:`~standoff.scenario.DEFAULT_RESOLUTION` when the file names none). An additive
utility is evaluated for every outcome at once, one issue at a time, without materialising the
outcomes' levels: ``u = (u[:, None] + w_k · v_k[None, :]).ravel()``.

>>> from standoff.scenario import loads
>>> negotiation = loads('''
... standoff: 1
... title: Two issues
... parties: {A: {}, B: {}}
... negotiation:
...   parties: [A, B]
...   issues: {price: [low, high], speed: {range: [0, 10], steps: 3}}
...   utilities:
...     A:
...       weights: {price: 3, speed: 1}
...       values: {price: {low: 0, high: 1}, speed: [[0, 1], [10, 0]]}
...     B: {values: {price: {low: 1, high: 0}}}
...   batna: {A: 0.2, B: 0.3}
... ''').negotiation
>>> space = OutcomeSpace.of(negotiation)
>>> space.size, space.shape
(6, (2, 3))
>>> space.utilities(negotiation.utilities["A"]).round(3).tolist()
[0.25, 0.125, 0.0, 1.0, 0.875, 0.75]
>>> space.labels(4)
{'price': 'high', 'speed': '5'}
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from standoff.errors import Diagnostic, ScenarioTooLargeError
from standoff.scenario._negotiation_model import Issue, Negotiation, Utility

__all__ = ["MAX_OUTCOMES", "OutcomeSpace"]

MAX_OUTCOMES = 2**24
"""The largest outcome space analysed (16,777,216 outcomes, about 134 MB per party's utilities)."""


@dataclass(frozen=True)
class OutcomeSpace:
    """The cross product of the issues' levels (range issues discretised)."""

    issues: tuple[Issue, ...]
    shape: tuple[int, ...]
    size: int

    @classmethod
    def of(cls, negotiation: Negotiation) -> OutcomeSpace:
        """The outcome space of a negotiation; refused up front when beyond :data:`MAX_OUTCOMES`."""
        shape = tuple(issue.steps for issue in negotiation.issues)
        size = math.prod(shape)
        if size > MAX_OUTCOMES:
            sizes = " × ".join(str(n) for n in shape)
            raise ScenarioTooLargeError(
                [
                    Diagnostic(
                        negotiation.location,
                        f"the outcome space has {size:,} outcomes ({sizes}), more than the "
                        f"limit of {MAX_OUTCOMES:,}: use fewer levels or fewer 'steps'",
                    )
                ]
            )
        return cls(negotiation.issues, shape, size)

    def utilities(self, utility: Utility) -> NDArray[np.float64]:
        """The utility of every outcome, in [0, 1] (weights normalised to sum 1)."""
        total = sum(utility.weights.values())
        values = np.zeros(1)
        for issue in self.issues:
            weight = utility.weights.get(issue.id, 0.0) / total
            column = self.issue_values(issue, utility) * weight
            values = (values[:, None] + column[None, :]).ravel()
        return np.clip(values, 0.0, 1.0)

    @staticmethod
    def issue_values(issue: Issue, utility: Utility) -> NDArray[np.float64]:
        """A party's value of each of the issue's points (zeros for an issue it does not weigh)."""
        given = utility.values.get(issue.id)
        if given is None:
            return np.zeros(issue.steps)
        if given.points is not None:
            xs, vs = zip(*given.points, strict=True)
            points = np.interp(np.array(issue.points()), np.array(xs), np.array(vs))
            return np.asarray(points, dtype=np.float64)
        assert given.table is not None
        return np.array([given.table[level] for level in issue.levels], dtype=np.float64)

    def levels(self, outcome: int) -> tuple[int, ...]:
        """The index of each issue's level in an outcome."""
        return tuple(int(k) for k in np.unravel_index(outcome, self.shape))

    def labels(self, outcome: int) -> dict[str, str]:
        """Issue id -> how the outcome's level of that issue reads."""
        return {
            issue.id: issue.label(level)
            for issue, level in zip(self.issues, self.levels(outcome), strict=True)
        }

    def describe(self, outcome: int) -> str:
        """An outcome in words: ``price: high; speed: 5``."""
        return "; ".join(f"{issue}: {level}" for issue, level in self.labels(outcome).items())
