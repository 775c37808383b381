"""Frozen records of a bargaining analysis."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

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

    def batna(self, party: str) -> BatnaAssessment:
        """The assessment of ``party``'s BATNA."""
        return next(b for b in self.batnas if b.party == party)
