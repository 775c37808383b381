"""The compliance analysis: which agreements would be kept once signed, and what verification
they need.

With the parties' BATNAs ``d`` and the ``compliance:`` part of the negotiation:

- an agreement is **self-enforcing** when no party gains by secretly breaking one of its pledges
  (:mod:`standoff.compliance._kernel`);
- the **verifiable ZOPA** is the set of agreements in the ZOPA (every party strictly prefers them
  to its BATNA) that are self-enforcing; it is also computed as each party with beliefs perceives
  it, within the ZOPA it perceives in the bargaining analysis (its beliefs about the others'
  BATNAs, utilities and red lines in place of the truth; the pledges are the file's);
- the Nash and Kalai–Smorodinsky agreements are taken over the verifiable ZOPA and set against
  those over the whole ZOPA; every solution of the bargaining analysis gets the least
  verification level, penalty and third-party cooperation that would make it self-enforcing
  (:mod:`standoff.compliance._agreement`);
- for each pledge of the Nash agreement whose loss and inspection cost the file gives, the
  inspection game is solved (:mod:`standoff.compliance._inspection`).

>>> from standoff.scenario import load
>>> analysis = assess_compliance(load("examples/korea_2017.yaml"))
>>> analysis.solutions["nash"].self_enforcing
False
>>> analysis.solutions["nash"].least_verification
{'inspections': 'intrusive'}
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining import (
    BargainingAnalysis,
    OutcomeSpace,
    Zopa,
    bargain,
    draft_outcome,
    kalai_smorodinsky_solution,
    nash_solution,
    pareto_frontier,
    ruled_out,
)
from standoff.bargaining._analysis import believed_values
from standoff.bargaining._constraints import perceived_signable
from standoff.compliance._agreement import assess_agreement, pledges
from standoff.compliance._inspection import inspection_game
from standoff.compliance._kernel import net_temptations, self_enforcing, temptations
from standoff.compliance._result import (
    AgreementCompliance,
    ComplianceAnalysis,
    Inspection,
    PerceivedCompliance,
)
from standoff.scenario import Negotiation, Scenario

__all__ = ["RESTRICTED", "assess_compliance", "verifiable_zone"]

RESTRICTED = ("nash", "kalai_smorodinsky")
"""The bargaining solutions also taken over the verifiable ZOPA."""


def verifiable_zone(
    negotiation: Negotiation,
    space: OutcomeSpace,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    signable: NDArray[np.bool_] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """(the ZOPA, the verifiable ZOPA, the self-enforcing mask): outcomes ascending.

    The ZOPA is the bargaining layer's: the ``signable`` outcomes (by default the really
    signable ones: feasible, across no red line) that every party strictly prefers to its BATNA.
    """
    nets = net_temptations(negotiation, space, utilities, disagreement)
    kept = self_enforcing(nets, space.size)
    if signable is None:
        signable = ruled_out(negotiation, space).signable
    zone = _zone(utilities, disagreement, signable)
    return zone, zone[kept[zone]], kept


def _zone(
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    signable: NDArray[np.bool_],
) -> NDArray[np.int64]:
    inside = np.all(utilities > disagreement, axis=1) & signable
    return np.flatnonzero(inside).astype(np.int64)


def assess_compliance(
    scenario: Scenario,
    bargaining: BargainingAnalysis | None = None,
    deal: Mapping[str, str | float] | str | None = None,
) -> ComplianceAnalysis:
    """Analyse the ``compliance:`` part of the scenario's negotiation.

    ``bargaining`` is the scenario's bargaining analysis when it has been computed already;
    ``deal`` a draft agreement to assess too (as :func:`standoff.bargaining.score_draft` takes
    it).

    Raises
    ------
    ValueError
        When the scenario has no ``negotiation`` section.
    standoff.errors.RequestError
        When the draft names an unknown issue or level, or leaves an issue out.
    """
    negotiation = scenario.negotiation
    if negotiation is None:
        raise ValueError(f"{scenario.file} has no 'negotiation' section")
    analysis = bargaining if bargaining is not None else bargain(scenario)
    space, parties, utilities = analysis.space, analysis.parties, analysis.utilities
    disagreement = np.array([b.value for b in analysis.batnas])
    nets = net_temptations(negotiation, space, utilities, disagreement)
    tempted = temptations(negotiation, nets, space.size)
    kept = self_enforcing(nets, space.size)
    zone = _zone(utilities, disagreement, ruled_out(negotiation, space).signable)
    verifiable = zone[kept[zone]]
    for array in (kept, tempted, zone, verifiable):
        array.setflags(write=False)

    def assessed(name: str, outcome: int) -> AgreementCompliance:
        return assess_agreement(name, negotiation, space, utilities, disagreement, outcome)

    restricted = {}
    if verifiable.size:
        solvers = (("nash", nash_solution), ("kalai_smorodinsky", kalai_smorodinsky_solution))
        for name, solver in solvers:
            chosen = solver(utilities[verifiable], disagreement)
            if chosen is not None:
                restricted[name] = assessed(name, int(verifiable[chosen]))
    solutions = {
        name: assessed(name, solution.outcome) for name, solution in analysis.solutions.items()
    }
    return ComplianceAnalysis(
        source=scenario.file,
        parties=parties,
        space=space,
        self_enforcing=kept,
        temptations=tempted,
        zopa=analysis.zopa,
        verifiable=_zopa(parties, utilities, verifiable),
        zopa_outcomes=zone,
        verifiable_outcomes=verifiable,
        perceived=tuple(
            _perceived(negotiation, space, holder, utilities, disagreement, verifiable)
            for holder in parties
            if any(b.holder == holder and b.concerns_the_deal for b in negotiation.beliefs)
        ),
        solutions=solutions,
        restricted=restricted,
        inspections=_inspections(negotiation, space, utilities, disagreement, analysis),
        labels=analysis.labels,
        draft=None if deal is None else assessed("draft", draft_outcome(negotiation, deal)),
    )


def _zopa(
    parties: tuple[str, ...], utilities: NDArray[np.float64], zone: NDArray[np.int64]
) -> Zopa:
    """The zone as a :class:`~standoff.bargaining.Zopa`; its frontier is the efficient outcomes
    within the zone."""
    inside = utilities[zone]
    ranges = {
        party: (float(inside[:, k].min()), float(inside[:, k].max())) if zone.size else (0.0, 0.0)
        for k, party in enumerate(parties)
    }
    efficient = zone[pareto_frontier(inside)] if zone.size else zone
    return Zopa(int(zone.size), tuple(int(x) for x in np.sort(efficient)), ranges)


def _perceived(
    negotiation: Negotiation,
    space: OutcomeSpace,
    holder: str,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    verifiable: NDArray[np.int64],
) -> PerceivedCompliance:
    believed_utilities, believed = believed_values(
        negotiation, space, holder, utilities, disagreement
    )
    signable = perceived_signable(negotiation, space, holder)
    zone, their_verifiable, _ = verifiable_zone(
        negotiation, space, believed_utilities, believed, signable
    )
    overlap = np.intersect1d(their_verifiable, verifiable, assume_unique=True).size
    return PerceivedCompliance(holder, int(zone.size), int(their_verifiable.size), int(overlap))


def _inspections(
    negotiation: Negotiation,
    space: OutcomeSpace,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    analysis: BargainingAnalysis,
) -> tuple[Inspection, ...]:
    nash = analysis.solutions.get("nash")
    if nash is None:
        return ()
    found = []
    evaluated = pledges(negotiation, space, utilities, disagreement, nash.outcome)
    levels = space.levels(nash.outcome)
    position = {issue.id: k for k, issue in enumerate(space.issues)}
    for commitment, pledge in zip(negotiation.compliance.commitments, evaluated, strict=True):
        if commitment.losses is None or commitment.inspection_cost is None:
            continue
        game = inspection_game(
            gain=pledge.gain,
            penalty=pledge.penalty + pledge.future,
            detection=pledge.detection,
            inspection_cost=commitment.inspection_cost,
            loss=commitment.losses[levels[position[commitment.issue]]],
        )
        found.append(Inspection(pledge.party, pledge.issue, nash.outcome, game))
    return tuple(found)
