"""Constraints on deals over the outcome space: infeasible packages and red lines.

A constraint (``negotiation.infeasible``, ``negotiation.red_lines``) is an expression whose atoms
compare an issue with a level. Over the outcome space an atom is a truth table over the issue's
points, looked up with the issue's digit of each outcome code (:class:`OutcomeSpace` numbers
outcomes in mixed radix), so an expression is evaluated for every outcome at once. A discrete
issue compares the position of its level (levels are ordered as listed); a range issue compares
its points with the number, two numbers closer than ``1e-9`` times the range's width counting as
equal.

A package is **signable** when no constraint rules it out: it is not infeasible and crosses no
party's red line. A party rejects a package across one of its red lines whatever its utility,
where an additive utility would trade any issue against the others (Keeney & Raiffa 1976,
*Decisions with Multiple Objectives*); the agreement space, its Pareto frontier, the ZOPA and the
bargaining solutions are taken over the signable packages.

>>> from standoff.scenario import loads
>>> negotiation = loads('''
... standoff: 1
... title: Red lines
... parties: {A: {}, B: {}}
... negotiation:
...   parties: [A, B]
...   issues: {program: [none, freeze, dismantle], exercises: {range: [0, 100], steps: 3}}
...   utilities: {A: {values: {program: {none: 0, freeze: 0.5, dismantle: 1}}},
...               B: {values: {program: {none: 1, freeze: 0.5, dismantle: 0}}}}
...   batna: {A: 0, B: 0}
...   infeasible: [program == none and exercises > 50]
...   red_lines: {B: [program >= dismantle]}
... ''').negotiation
>>> space = OutcomeSpace.of(negotiation)
>>> ruled = ruled_out(negotiation, space)
>>> ruled.infeasible.astype(int).tolist(), ruled.red_lines[:, 1].astype(int).tolist()
([0, 0, 1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1, 1, 1])
>>> int(ruled.signable.sum())
5
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining._space import OutcomeSpace
from standoff.scenario._expressions import Comparison, Predicate
from standoff.scenario._negotiation_model import Constraint, Negotiation

__all__ = ["RuledOut", "believed_red_lines", "holds", "perceived_signable", "ruled_out"]

_RELATIVE_TOLERANCE = 1e-9


@dataclass(frozen=True, eq=False)
class RuledOut:
    """Which outcomes the constraints rule out.

    Attributes
    ----------
    infeasible
        Per outcome: whether some ``negotiation.infeasible`` expression holds (no one can sign it).
    red_lines
        Outcomes × parties (in the order of the ``parties`` asked for): whether the outcome
        crosses one of that party's red lines.
    """

    infeasible: NDArray[np.bool_]
    red_lines: NDArray[np.bool_]

    @property
    def signable(self) -> NDArray[np.bool_]:
        """Per outcome: feasible and across no party's red line."""
        return ~self.infeasible & ~self.red_lines.any(axis=1)


def holds(
    space: OutcomeSpace, formulas: Iterable[Constraint], outcomes: NDArray[np.int64] | None = None
) -> NDArray[np.bool_]:
    """Whether some of ``formulas`` holds at each outcome (every outcome when ``outcomes`` is
    None); all false when there are none."""
    chosen = tuple(formulas)
    found = np.zeros(space.size if outcomes is None else outcomes.shape, dtype=np.bool_)
    if not chosen:
        return found
    codes = np.arange(space.size, dtype=np.int64) if outcomes is None else outcomes
    compare = _comparer(space)
    for formula in chosen:
        found |= formula.expression.compile(_no_name, compare)(codes)
    return found


def ruled_out(
    negotiation: Negotiation,
    space: OutcomeSpace,
    parties: tuple[str, ...] | None = None,
    outcomes: NDArray[np.int64] | None = None,
) -> RuledOut:
    """The infeasible outcomes and each party's red lines (``parties``: the table's by default),
    over every outcome or over ``outcomes``."""
    chosen = negotiation.parties if parties is None else parties
    infeasible = holds(space, negotiation.infeasible, outcomes)
    count = infeasible.shape[0]
    red_lines = np.zeros((count, len(chosen)), dtype=np.bool_)
    for k, party in enumerate(chosen):
        lines = negotiation.red_lines.get(party, ())
        if lines:
            red_lines[:, k] = holds(space, lines, outcomes)
    return RuledOut(infeasible, red_lines)


def believed_red_lines(negotiation: Negotiation, holder: str, about: str) -> tuple[Constraint, ...]:
    """The red lines ``holder`` believes ``about`` holds: the real ones unless a belief says.

    A party knows its own red lines.
    """
    belief = negotiation.belief(holder, about) if holder != about else None
    if belief is not None and belief.red_lines is not None:
        return belief.red_lines
    return tuple(negotiation.red_lines.get(about, ()))


def perceived_signable(
    negotiation: Negotiation,
    space: OutcomeSpace,
    holder: str,
    outcomes: NDArray[np.int64] | None = None,
) -> NDArray[np.bool_]:
    """Per outcome (every outcome when ``outcomes`` is None): signable as ``holder`` sees it.

    Feasible, and across none of the red lines ``holder`` believes each party at the table
    holds (:func:`believed_red_lines`: its own and those it holds no belief about are the real
    ones). The perceived ZOPA of the bargaining analysis, of a draft and of the compliance
    analysis are all taken over these outcomes.

    >>> from standoff.scenario import loads
    >>> negotiation = loads('''
    ... standoff: 1
    ... title: A hidden red line
    ... parties: {A: {}, B: {}}
    ... negotiation:
    ...   parties: [A, B]
    ...   issues: {program: [none, freeze, dismantle]}
    ...   utilities: {A: {values: {program: {none: 0, freeze: 0.5, dismantle: 1}}},
    ...               B: {values: {program: {none: 1, freeze: 0.5, dismantle: 0}}}}
    ...   batna: {A: 0, B: 0}
    ...   red_lines: {B: [program == dismantle]}
    ...   beliefs: {A: {B: {red_lines: []}}}
    ... ''').negotiation
    >>> space = OutcomeSpace.of(negotiation)
    >>> perceived_signable(negotiation, space, "A").tolist()
    [True, True, True]
    >>> perceived_signable(negotiation, space, "B").tolist()
    [True, True, False]
    """
    found = ~holds(space, negotiation.infeasible, outcomes)
    for about in negotiation.parties:
        lines = believed_red_lines(negotiation, holder, about)
        if lines:
            found &= ~holds(space, lines, outcomes)
    return found


def _no_name(name: str) -> Predicate:
    raise ValueError(f"'{name}' is not a comparison of an issue with a level")


def _comparer(space: OutcomeSpace) -> Callable[[Comparison], Predicate]:
    positions = {issue.id: k for k, issue in enumerate(space.issues)}
    strides = np.cumprod((1, *space.shape[::-1]))[::-1][1:]

    def compare(comparison: Comparison) -> Predicate:
        k = positions[comparison.name]
        truth = _truth_table(space, k, comparison)
        stride, steps = int(strides[k]), space.shape[k]

        def predicate(codes: NDArray[np.int64]) -> NDArray[np.bool_]:
            digits = codes // stride if stride > 1 else codes
            if k > 0:
                digits = digits % steps
            return truth[digits]

        return predicate

    return compare


def _truth_table(space: OutcomeSpace, k: int, comparison: Comparison) -> NDArray[np.bool_]:
    """Whether the comparison holds at each point of issue ``k``."""
    issue = space.issues[k]
    operator = comparison.operator
    if issue.range is None:
        position = np.arange(issue.steps)
        level = issue.levels.index(comparison.value)
        return np.asarray(_ORDER[operator](position, level), dtype=np.bool_)
    points = np.array(issue.points())
    value = float(comparison.value)
    tolerance = _RELATIVE_TOLERANCE * max(1.0, issue.range[1] - issue.range[0])
    equal = np.abs(points - value) <= tolerance
    table = {
        "==": equal,
        "!=": ~equal,
        "<": (points < value) & ~equal,
        "<=": (points < value) | equal,
        ">": (points > value) & ~equal,
        ">=": (points > value) | equal,
    }
    return table[operator]


_ORDER = {
    "==": np.equal,
    "!=": np.not_equal,
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
}
