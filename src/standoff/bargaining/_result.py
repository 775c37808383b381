"""Frozen records of a bargaining analysis."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from standoff._frames import frame
from standoff.bargaining._batna import BatnaAssessment
from standoff.bargaining._space import OutcomeSpace

__all__ = [
    "SOLUTIONS",
    "SOLUTION_LABELS",
    "BargainingAnalysis",
    "Leverage",
    "Perceived",
    "Shift",
    "Solution",
    "Target",
    "Zopa",
]

SOLUTIONS = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
"""The bargaining solutions, in the order outputs list them."""
SOLUTION_LABELS = {
    "nash": "Nash bargaining",
    "kalai_smorodinsky": "Kalai–Smorodinsky",
    "egalitarian": "Egalitarian",
    "utilitarian": "Utilitarian",
}


@dataclass(frozen=True)
class Solution:
    """One outcome chosen by a bargaining solution: its levels and every party's utility."""

    name: str
    outcome: int
    labels: Mapping[str, str]
    utilities: Mapping[str, float]


@dataclass(frozen=True)
class Zopa:
    """The zone of possible agreement: outcomes every party prefers to its BATNA.

    ``frontier`` lists the efficient outcomes inside it; ``ranges`` gives each party's lowest and
    highest utility over it.
    """

    size: int
    frontier: tuple[int, ...]
    ranges: Mapping[str, tuple[float, float]]

    @property
    def empty(self) -> bool:
        """Whether no outcome beats every party's BATNA."""
        return self.size == 0


@dataclass(frozen=True)
class Perceived:
    """The bargaining problem as ``holder`` sees it, from its beliefs about the others.

    ``zopa`` is the zone ``holder`` believes in; ``overlap`` how many of its outcomes are in the
    real zone; ``expected`` the Nash agreement ``holder`` expects (``None`` when it sees no zone),
    with its real utilities; ``rejected_by`` the parties who would in fact refuse that agreement.
    """

    holder: str
    believed_batnas: Mapping[str, float]
    zopa: Zopa
    overlap: int
    expected: Solution | None
    rejected_by: tuple[str, ...]
    believed_red_lines: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Party -> the red lines ``holder`` believes it holds, where a belief says (as written);
    ``holder`` knows the real red lines of every other party."""


@dataclass(frozen=True)
class Target:
    """A party's aspiration level set against the ZOPA and the bargaining solutions.

    ``best_in_zopa`` is the most the party gets in the ZOPA (``None`` when it is empty), so the
    target is within reach when it is at least ``target``; ``gaps`` maps each solution to the
    party's utility in it minus its target (negative: the solution falls short).
    """

    party: str
    target: float
    best_in_zopa: float | None
    gaps: Mapping[str, float]

    @property
    def reachable(self) -> bool:
        """Whether some agreement in the ZOPA gives the party its target."""
        return self.best_in_zopa is not None and self.best_in_zopa >= self.target


@dataclass(frozen=True)
class Shift:
    """The Nash agreement when one party's BATNA is moved to ``batna``: the party's utility and
    share in it (``None`` when the zone of agreement vanishes)."""

    batna: float
    utility: float | None
    share: float | None


@dataclass(frozen=True)
class Leverage:
    """A party's position in the Nash agreement and how it moves with its BATNA (±0.1).

    ``gain`` is what the party would lose if talks fail (its utility in the agreement minus its
    BATNA); ``at_stake`` the gain as a fraction of its utility in the agreement; ``share`` its
    fraction of the agreement's total utility (``None`` when that total is 0).
    """

    party: str
    batna: float
    utility: float
    gain: float
    at_stake: float
    share: float | None
    lower: Shift
    higher: Shift


@dataclass(frozen=True, eq=False)
class BargainingAnalysis:
    """Everything the bargaining layer finds about a negotiation.

    Attributes
    ----------
    utilities
        Read-only array (outcomes × parties at the table) of every outcome's utility.
    frontier
        Read-only array of the Pareto-efficient outcomes, ascending.
    solutions
        Solution name -> the outcome it picks inside the ZOPA (empty when the ZOPA is empty).
    leverage
        One record per party at the table (empty when the ZOPA is empty).
    strong_hand
        The party with the least at stake in an agreement, or ``None`` when there is none.
    labels
        Party id -> display label, for every party of the scenario.
    infeasible
        How many outcomes no one can sign (``negotiation.infeasible``).
    red_lines
        Party -> how many feasible outcomes cross its red lines, for each party that has some.
    zopa_without_red_lines
        The size the ZOPA would have without red lines (``None`` when no party has any): what
        the red lines cost the talks.
    targets
        Each party's target against the ZOPA and the solutions, for the parties that have one.
    """

    source: str
    parties: tuple[str, ...]
    space: OutcomeSpace
    utilities: NDArray[np.float64]
    batnas: tuple[BatnaAssessment, ...]
    frontier: NDArray[np.int64]
    zopa: Zopa
    perceived: tuple[Perceived, ...]
    solutions: Mapping[str, Solution]
    leverage: tuple[Leverage, ...]
    strong_hand: str | None
    labels: Mapping[str, str]
    infeasible: int = 0
    red_lines: Mapping[str, int] = field(default_factory=dict)
    zopa_without_red_lines: int | None = None
    targets: tuple[Target, ...] = ()

    def batna(self, party: str) -> BatnaAssessment:
        """The assessment of ``party``'s BATNA."""
        return next(b for b in self.batnas if b.party == party)

    def to_pandas(self, table: Literal["frontier", "solutions"] = "frontier") -> Any:
        """The Pareto frontier (indexed by outcome number) or the solutions (indexed by name),
        one column per issue (its level) and one per party at the table (its utility). Needs
        pandas (``standoff[notebook]``).

        >>> from standoff.bargaining import bargain
        >>> from standoff.scenario import load
        >>> analysis = bargain(load("examples/korea_2017.yaml"))
        >>> frontier = analysis.to_pandas()
        >>> len(frontier) == len(analysis.frontier), list(frontier.columns)[-2:]
        (True, ['US', 'NK'])
        >>> nash = analysis.solutions["nash"]
        >>> row = analysis.to_pandas("solutions").loc["nash"]
        >>> int(row["outcome"]) == nash.outcome, row["sanctions"] == nash.labels["sanctions"]
        (True, True)
        """
        if table == "solutions":
            chosen = list(self.solutions.values())
            outcomes = [s.outcome for s in chosen]
            columns: dict[str, Any] = {"solution": [s.name for s in chosen], "outcome": outcomes}
            index = "solution"
        else:
            outcomes = [int(x) for x in self.frontier]
            columns = {"outcome": outcomes}
            index = "outcome"
        levels = [self.space.labels(x) for x in outcomes]
        for issue in self.space.issues:
            columns[issue.id] = [chosen_levels[issue.id] for chosen_levels in levels]
        for k, party in enumerate(self.parties):
            columns[party] = self.utilities[outcomes, k] if outcomes else []
        return frame(columns, index=index)
