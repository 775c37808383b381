"""Compliance: would an agreement be kept once signed, and what verification would make it so?

Every negotiation tool assumes agreements are binding. This package asks, for every agreement of
the outcome space, whether a party would gain by secretly breaking a pledge (the gain against the
detection probability times the penalty, which may rest on third parties), which agreements of
the ZOPA are self-enforcing (the *verifiable ZOPA*), the bargaining solutions restricted to them,
the least verification that makes a given agreement self-enforcing, and the mixed equilibrium of
the inspection game (Avenhaus, von Stengel & Zamir 2002).

>>> from standoff.scenario import load
>>> analysis = assess_compliance(load("examples/korea_2017.yaml"))
>>> analysis.zopa.size, analysis.verifiable.size
(53, 27)
"""

from standoff.compliance._agreement import assess_agreement, least_cooperation
from standoff.compliance._analysis import RESTRICTED, assess_compliance, verifiable_zone
from standoff.compliance._inspection import REGIMES, InspectionGame, inspection_game
from standoff.compliance._kernel import TOLERANCE, net_temptations, self_enforcing, temptations
from standoff.compliance._result import (
    AgreementCompliance,
    ComplianceAnalysis,
    Inspection,
    PerceivedCompliance,
    Pledge,
)

__all__ = [
    "REGIMES",
    "RESTRICTED",
    "TOLERANCE",
    "AgreementCompliance",
    "ComplianceAnalysis",
    "Inspection",
    "InspectionGame",
    "PerceivedCompliance",
    "Pledge",
    "assess_agreement",
    "assess_compliance",
    "inspection_game",
    "least_cooperation",
    "net_temptations",
    "self_enforcing",
    "temptations",
    "verifiable_zone",
]
