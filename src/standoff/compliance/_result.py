"""Frozen records of a compliance analysis."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining import OutcomeSpace, Zopa
from standoff.compliance._inspection import InspectionGame

__all__ = [
    "AgreementCompliance",
    "ComplianceAnalysis",
    "Inspection",
    "PerceivedCompliance",
    "Pledge",
]


@dataclass(frozen=True)
class Pledge:
    """One pledge of one agreement: whether breaking it pays, and what would stop it.

    Attributes
    ----------
    level, verification_level
        How the agreement sets the pledged issue and the verification issue (``None`` when
        detection does not depend on one).
    gain, detection, penalty, future
        ``g``, ``β``, the expected penalty ``P`` and the surplus ``W`` of the later rounds that
        a detected violation forfeits (0 for a one-off deal).
    net
        ``g − β(P + W)``: breaking the pledge pays when it is positive.
    penalty_with, penalty_without
        The penalty when every third party it rests on cooperates, and when one does not (both
        equal to ``penalty`` when it rests on nobody).
    needed_penalty
        The least expected penalty that deters at this detection: ``g/β − W`` (at least 0);
        ``None`` when nothing is detected (``β = 0``) and there is something to gain.
    needed_cooperation
        Third party the penalty rests on -> the least probability of its cooperation that makes
        the penalty deter, the others' as assumed (0 when it is not needed; ``None`` when even
        its certain cooperation is not enough).
    """

    party: str
    issue: str
    level: str
    verification: str | None
    verification_level: str | None
    gain: float
    detection: float
    penalty: float
    future: float
    net: float
    pays: bool
    penalty_with: float
    penalty_without: float
    needed_penalty: float | None
    needed_cooperation: Mapping[str, float | None]


@dataclass(frozen=True)
class AgreementCompliance:
    """Whether one agreement would be kept, and the least verification that would make it so.

    ``name`` is the bargaining solution that picked it; ``least_verification`` maps each
    verification issue to the first of its levels (in the issue's order) at which the agreement,
    with that level and the rest unchanged, is self-enforcing (``None``: no level is enough).
    """

    name: str
    outcome: int
    labels: Mapping[str, str]
    utilities: Mapping[str, float]
    self_enforcing: bool
    temptations: Mapping[str, float]
    pledges: tuple[Pledge, ...]
    least_verification: Mapping[str, str | None]


@dataclass(frozen=True)
class Inspection:
    """The inspection game of one pledge of the Nash agreement (when the file gives the loss
    and the inspection cost)."""

    party: str
    issue: str
    outcome: int
    game: InspectionGame


@dataclass(frozen=True)
class PerceivedCompliance:
    """The verifiable ZOPA as ``holder`` sees it, from its beliefs about the others' BATNAs,
    utilities and red lines: ``zopa`` is the size of the ZOPA it perceives (as in the bargaining
    analysis), ``verifiable`` how many of those it sees as self-enforcing, and ``overlap`` how
    many of those are in the real verifiable ZOPA."""

    holder: str
    zopa: int
    verifiable: int
    overlap: int


@dataclass(frozen=True, eq=False)
class ComplianceAnalysis:
    """Which agreements would be kept, and what verification they need.

    Attributes
    ----------
    self_enforcing
        Read-only boolean array over the outcomes: no party gains by breaking a pledge.
    temptations
        Read-only array (outcomes × parties at the table): each party's gain from breaking
        every pledge that pays, 0 where it keeps its word.
    zopa, verifiable
        The ZOPA, and the verifiable ZOPA: its agreements that are self-enforcing.
    zopa_outcomes, verifiable_outcomes
        Read-only arrays of the outcomes of the ZOPA (signable, above every BATNA) and of the
        verifiable ZOPA, ascending.
    solutions
        The bargaining solutions over the whole ZOPA, each assessed.
    restricted
        The Nash and Kalai–Smorodinsky agreements over the verifiable ZOPA (empty when it is).
    draft
        The draft agreement asked about (``Request.deal``), assessed; ``None`` without one.
    """

    source: str
    parties: tuple[str, ...]
    space: OutcomeSpace
    self_enforcing: NDArray[np.bool_]
    temptations: NDArray[np.float64]
    zopa: Zopa
    verifiable: Zopa
    zopa_outcomes: NDArray[np.int64]
    verifiable_outcomes: NDArray[np.int64]
    perceived: tuple[PerceivedCompliance, ...]
    solutions: Mapping[str, AgreementCompliance]
    restricted: Mapping[str, AgreementCompliance]
    inspections: tuple[Inspection, ...]
    labels: Mapping[str, str]
    draft: AgreementCompliance | None = None
