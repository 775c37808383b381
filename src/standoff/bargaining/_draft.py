"""Scoring a draft agreement: who gains, who would reject it and why, and what would improve it.

A *draft* sets one level of every issue. For each party at the table it reports the party's
utility and its gain over its BATNA, whether the draft is in the real ZOPA and in the ZOPA as
each party perceives it (its beliefs about the others' BATNAs, utilities and red lines in place
of the truth; a party without beliefs perceives the real ZOPA), and who would reject it and why:
the draft is infeasible, crosses a party's red line, or gives a party no more than its BATNA.

A **post-settlement improvement** of the draft is a signable package (feasible, across no red
line) that leaves every party at least as well off and some party strictly better off (Raiffa
1985, "Post-settlement settlements", *Negotiation Journal* 1(1), 9–12). The draft is Pareto
efficient among the signable packages exactly when it has none. Utilities within ``1e-9`` count
as equal, so that rounding in the sum of an additive utility makes no spurious improvement, and
a utility that only rounding puts above a BATNA (0.30000000000000004 for 0.3) is not above it. The
improvements are counted, and the best few listed: largest Nash product of the gains over the
BATNAs (a gain below 0 counts as 0), then largest sum of utilities, then lowest outcome index
(products and sums are compared to 9 decimal places, so that two packages that tie exactly are
not ranked by rounding).

Everything is one vectorised pass over the integer-coded outcomes (:class:`OutcomeSpace`): each
party's utilities, the constraints, the comparison with the draft, and a partial sort for the
best few.

>>> from standoff.scenario import load
>>> korea = load("examples/korea_2017.yaml")
>>> draft = score_draft(
...     korea, "sanctions=partial_relief, program=verified_freeze, inspections=declared_sites, "
...     "exercises=50"
... )
>>> [(p.party, round(p.utility, 3), p.accepts) for p in draft.parties]
[('US', 0.618, True), ('NK', 0.505, False)]
>>> [(r.party, r.reason, r.detail) for r in draft.rejections]
[('NK', 'below_batna', '0.505 <= 0.552')]
>>> draft.efficient, draft.improvement_count, draft.improvements[0].labels["program"]
(False, 7, 'rollback')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining._batna import assess_batna
from standoff.bargaining._constraints import holds, perceived_signable, ruled_out
from standoff.bargaining._space import OutcomeSpace
from standoff.errors import RequestError
from standoff.scenario._model import Scenario
from standoff.scenario._negotiation_model import Issue, Negotiation, Utility
from standoff.scenario._source import did_you_mean

__all__ = [
    "IMPROVEMENTS_SHOWN",
    "REJECTION_REASONS",
    "TOLERANCE",
    "DraftScore",
    "Improvement",
    "PartyScore",
    "Rejection",
    "draft_outcome",
    "parse_deal",
    "score_draft",
]

IMPROVEMENTS_SHOWN = 5
"""How many post-settlement improvements a score lists (all are counted)."""
TOLERANCE = 1e-9
"""Utilities closer than this count as equal when comparing packages with the draft."""
REJECTION_REASONS = ("infeasible", "red_line", "below_batna")
"""Why a party would reject a draft, in the order they are reported."""
_RANK_DECIMALS = 9


@dataclass(frozen=True)
class Rejection:
    """Why ``party`` would reject the draft: ``reason`` is one of :data:`REJECTION_REASONS`;
    ``detail`` the constraint it meets (as written) or, below the BATNA, ``utility <= BATNA``.
    ``party`` is ``None`` for an infeasible draft: no one can sign it."""

    party: str | None
    reason: str
    detail: str


@dataclass(frozen=True)
class PartyScore:
    """The draft for one party at the table.

    ``gain`` is its utility minus its BATNA; ``target`` its aspiration (``None`` without one);
    ``accepts`` whether it would sign (feasible, across none of its red lines, above its BATNA);
    ``in_perceived_zopa`` whether the draft is in the ZOPA as the party perceives it.
    """

    party: str
    utility: float
    batna: float
    gain: float
    target: float | None
    accepts: bool
    in_perceived_zopa: bool


@dataclass(frozen=True)
class Improvement:
    """A package that leaves every party at least as well off as the draft, one strictly better."""

    outcome: int
    labels: Mapping[str, str]
    utilities: Mapping[str, float]
    nash_product: float


@dataclass(frozen=True, eq=False)
class DraftScore:
    """A draft agreement scored against the negotiation (see the module docstring).

    Attributes
    ----------
    outcome, labels
        The draft's outcome code and its level of every issue.
    parties
        One score per party at the table, in the table's order.
    in_zopa
        Whether the draft is signable and beats every party's BATNA.
    rejections
        Who would reject it and why, party by party (a party may have several reasons).
    efficient
        Whether no signable package improves on it (Pareto efficiency among signable packages).
    improvements
        The best :data:`IMPROVEMENTS_SHOWN` post-settlement improvements, best first.
    improvement_count
        How many post-settlement improvements there are.
    """

    source: str
    outcome: int
    labels: Mapping[str, str]
    parties: tuple[PartyScore, ...]
    in_zopa: bool
    rejections: tuple[Rejection, ...]
    efficient: bool
    improvements: tuple[Improvement, ...]
    improvement_count: int

    def party(self, party: str) -> PartyScore:
        """The score of ``party``."""
        return next(score for score in self.parties if score.party == party)


def parse_deal(text: str) -> dict[str, str]:
    """``"sanctions=partial, program=verified_freeze"`` as issue -> level.

    Raises
    ------
    standoff.errors.RequestError
        When a part is not ``ISSUE=LEVEL`` or an issue is given twice (field ``"deal"``).

    Examples
    --------
    >>> parse_deal("sanctions = partial, program=verified_freeze")
    {'sanctions': 'partial', 'program': 'verified_freeze'}
    """
    found: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        issue, equals, level = (x.strip() for x in part.partition("="))
        if not part:
            continue
        if not equals or not issue or not level:
            raise RequestError(
                "deal", f"'{part}' is not ISSUE=LEVEL (e.g. 'sanctions=partial, program=none')"
            )
        if issue in found:
            raise RequestError("deal", f"issue '{issue}' is given twice")
        found[issue] = level
    if not found:
        raise RequestError("deal", "the draft is empty: give ISSUE=LEVEL for every issue")
    return found


def draft_outcome(negotiation: Negotiation, deal: Mapping[str, str | float] | str) -> int:
    """The outcome code of a draft that sets every issue, checked against the issues.

    A range issue takes one of its points, as a number (``50``) or as it reads (``50%``).

    Raises
    ------
    standoff.errors.RequestError
        When the draft names an unknown issue or level (with a suggestion), or leaves an issue
        out (field ``"deal"``).
    """
    given = parse_deal(deal) if isinstance(deal, str) else dict(deal)
    issues = {issue.id: issue for issue in negotiation.issues}
    for name in given:
        if name not in issues:
            hint = did_you_mean(name, issues) or f" (expected one of {_listing(issues)})"
            raise RequestError("deal", f"'{name}' is not an issue{hint}")
    chosen = {name: _level(issues[name], level) for name, level in given.items()}
    missing = [issue for issue in issues if issue not in given]
    if missing:
        raise RequestError(
            "deal",
            f"the draft does not set {_listing(missing)}: give a level of every issue",
        )
    levels = tuple(chosen[name] for name in issues)
    return int(np.ravel_multi_index(levels, tuple(issue.steps for issue in issues.values())))


def score_draft(
    scenario: Scenario | Negotiation, deal: Mapping[str, str | float] | str
) -> DraftScore:
    """Score a draft agreement (one level of every issue) against the negotiation.

    Parameters
    ----------
    scenario
        A scenario with a ``negotiation`` section, or the section itself.
    deal
        Issue -> level (a range issue: a number or the point as it reads), or the same as text:
        ``"sanctions=partial, program=verified_freeze"``.

    Returns
    -------
    DraftScore
        Utilities and gains, the real and perceived ZOPAs, rejections, efficiency and the
        post-settlement improvements.

    Raises
    ------
    ValueError
        When the scenario has no ``negotiation`` section.
    standoff.errors.RequestError
        When the draft names an unknown issue or level, or leaves an issue out.
    standoff.errors.ScenarioTooLargeError
        When the outcome space is beyond :data:`~standoff.bargaining.MAX_OUTCOMES`.
    """
    negotiation = _negotiation(scenario)
    outcome = draft_outcome(negotiation, deal)
    space = OutcomeSpace.of(negotiation)
    parties = negotiation.parties
    batnas = np.array([assess_batna(p, negotiation.batnas[p]).value for p in parties])
    columns = [space.utilities(negotiation.utilities[p]) for p in parties]
    point = np.array([column[outcome] for column in columns])
    here = np.array([outcome], dtype=np.int64)
    rejections = _rejections(negotiation, space, here, point, batnas)
    refusing = {rejection.party for rejection in rejections}
    if None in refusing:  # infeasible: no one can sign it
        refusing.update(parties)
    scores = tuple(
        PartyScore(
            party=party,
            utility=float(point[k]),
            batna=float(batnas[k]),
            gain=float(point[k] - batnas[k]),
            target=negotiation.targets.get(party),
            accepts=party not in refusing,
            in_perceived_zopa=_in_perceived_zopa(negotiation, space, party, here, point, batnas),
        )
        for k, party in enumerate(parties)
    )
    improvements, count = _improvements(negotiation, space, columns, point, batnas)
    return DraftScore(
        source=negotiation.location.file,
        outcome=outcome,
        labels=space.labels(outcome),
        parties=scores,
        in_zopa=not refusing,
        rejections=rejections,
        efficient=count == 0,
        improvements=improvements,
        improvement_count=count,
    )


def _negotiation(scenario: Scenario | Negotiation) -> Negotiation:
    if isinstance(scenario, Negotiation):
        return scenario
    if scenario.negotiation is None:
        raise ValueError(f"{scenario.file} has no 'negotiation' section")
    return scenario.negotiation


def _level(issue: Issue, given: str | float) -> int:
    """The index of the draft's point of ``issue``."""
    text = str(given).strip()
    if issue.range is None:
        if text in issue.levels:
            return issue.levels.index(text)
        hint = did_you_mean(text, issue.levels) or f" (expected one of {_listing(issue.levels)})"
        raise RequestError("deal", f"'{text}' is not a level of '{issue.id}'{hint}")
    labels = issue.labels()
    if text in labels:
        return labels.index(text)
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    points = np.array(issue.points())
    width = max(1.0, issue.range[1] - issue.range[0])
    close = np.flatnonzero(np.abs(points - value) <= 1e-9 * width)
    if close.size:
        return int(close[0])
    raise RequestError(
        "deal", f"'{text}' is not a point of '{issue.id}' (expected one of {_listing(labels)})"
    )


def _listing(names: Mapping[str, object] | list[str] | tuple[str, ...]) -> str:
    shown = [f"'{name}'" for name in list(names)[:12]]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _rejections(
    negotiation: Negotiation,
    space: OutcomeSpace,
    here: NDArray[np.int64],
    point: NDArray[np.float64],
    batnas: NDArray[np.float64],
) -> tuple[Rejection, ...]:
    found = [
        Rejection(None, "infeasible", f.text)
        for f in negotiation.infeasible
        if holds(space, (f,), here)[0]
    ]
    for k, party in enumerate(negotiation.parties):
        for line in negotiation.red_lines.get(party, ()):
            if holds(space, (line,), here)[0]:
                found.append(Rejection(party, "red_line", line.text))
        if not point[k] > batnas[k] + TOLERANCE:
            detail = f"{point[k]:.3f} <= {batnas[k]:.3f}"
            found.append(Rejection(party, "below_batna", detail))
    return tuple(found)


def _utility_at(space: OutcomeSpace, utility: Utility, outcome: int) -> float:
    """One outcome's utility, without evaluating the whole space."""
    total = sum(utility.weights.values())
    value = 0.0
    for issue, level in zip(space.issues, space.levels(outcome), strict=True):
        weight = utility.weights.get(issue.id, 0.0) / total
        value += weight * float(space.issue_values(issue, utility)[level])
    return min(max(value, 0.0), 1.0)


def _in_perceived_zopa(
    negotiation: Negotiation,
    space: OutcomeSpace,
    holder: str,
    here: NDArray[np.int64],
    point: NDArray[np.float64],
    batnas: NDArray[np.float64],
) -> bool:
    """Whether the draft is in the ZOPA as ``holder`` perceives it."""
    if not perceived_signable(negotiation, space, holder, here)[0]:
        return False
    outcome = int(here[0])
    for k, other in enumerate(negotiation.parties):
        utility, batna = float(point[k]), float(batnas[k])
        belief = negotiation.belief(holder, other) if other != holder else None
        if belief is not None and belief.utility is not None:
            utility = _utility_at(space, belief.utility, outcome)
        if belief is not None and belief.batna is not None:
            batna = assess_batna(other, belief.batna).value
        if not utility > batna + TOLERANCE:
            return False
    return True


def _improvements(
    negotiation: Negotiation,
    space: OutcomeSpace,
    columns: list[NDArray[np.float64]],
    point: NDArray[np.float64],
    batnas: NDArray[np.float64],
) -> tuple[tuple[Improvement, ...], int]:
    """The best few post-settlement improvements of ``point``, and how many there are (one pass
    per party's column of utilities)."""
    at_least = columns[0] >= point[0] - TOLERANCE
    better = columns[0] > point[0] + TOLERANCE
    for k in range(1, len(columns)):
        at_least &= columns[k] >= point[k] - TOLERANCE
        better |= columns[k] > point[k] + TOLERANCE
    candidates = np.flatnonzero(at_least & better).astype(np.int64)
    if candidates.size and (negotiation.infeasible or any(negotiation.red_lines.values())):
        candidates = candidates[ruled_out(negotiation, space, outcomes=candidates).signable]
    count = int(candidates.size)
    if count == 0:
        return (), 0
    utilities = np.column_stack([column[candidates] for column in columns])
    exact = np.prod(np.maximum(utilities - batnas, 0.0), axis=1)
    product = np.round(exact, _RANK_DECIMALS)  # a rounding difference is no reason to rank
    if count > IMPROVEMENTS_SHOWN:  # keep the best few, with every tie of the last one
        threshold = np.partition(product, count - IMPROVEMENTS_SHOWN)[count - IMPROVEMENTS_SHOWN]
        best = product >= threshold
        candidates, product, exact = candidates[best], product[best], exact[best]
        utilities = utilities[best]
    inside = utilities
    total = np.round(inside.sum(axis=1), _RANK_DECIMALS)
    order = np.lexsort((candidates, -total, -product))[:IMPROVEMENTS_SHOWN]
    parties = negotiation.parties
    shown = tuple(
        Improvement(
            outcome=int(candidates[i]),
            labels=space.labels(int(candidates[i])),
            utilities={p: float(inside[i, k]) for k, p in enumerate(parties)},
            nash_product=float(exact[i]),
        )
        for i in order
    )
    return shown, count
