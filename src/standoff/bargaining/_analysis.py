"""The bargaining analysis: BATNAs, the agreement space, the ZOPA, solutions and leverage.

With the parties' BATNA values d as the disagreement point:

- the **agreement space** is the set of *signable* outcomes: feasible, and across no party's red
  line (:mod:`standoff.bargaining._constraints`); the Pareto frontier is taken over it;
- the **ZOPA** is the set of signable outcomes x with uᵢ(x) > dᵢ for every party i (each strictly
  prefers the agreement to walking away); it is also computed as each party perceives it, with
  its beliefs about the others' BATNAs, utilities and red lines in place of the truth, so a red
  line the holder does not know about leaves outcomes in its perceived ZOPA that are not in the
  real one;
- the **solutions** (Nash 1950; Kalai & Smorodinsky 1975; Kalai 1977; the utilitarian sum) are
  taken over the ZOPA, and each party's **target** (its aspiration level) is set against them;
- **leverage** is read off the Nash agreement: each party's gain uᵢ − dᵢ (what it loses if talks
  fail), that gain as a fraction of uᵢ (how much of the deal's worth is at stake for it), its share
  uᵢ / Σⱼ uⱼ of the agreement's total utility (on a linear frontier u₁ + u₂ = S this is the Nash
  split dᵢ + (S − d₁ − d₂)/2 over S), and how both move when its BATNA moves by ±0.1. The party
  with the least at stake holds the **strong hand**: it can walk away at the smallest cost.

>>> from standoff.scenario import load
>>> analysis = bargain(load("examples/korea_2017.yaml"))
>>> analysis.strong_hand
'NK'
>>> analysis.zopa.empty
False
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining._batna import assess_batna
from standoff.bargaining._constraints import RuledOut, believed_red_lines, holds, ruled_out
from standoff.bargaining._frontier import pareto_frontier
from standoff.bargaining._result import (
    BargainingAnalysis,
    Leverage,
    Perceived,
    Shift,
    Solution,
    Target,
    Zopa,
)
from standoff.bargaining._solutions import (
    egalitarian_solution,
    kalai_smorodinsky_solution,
    nash_solution,
    utilitarian_solution,
)
from standoff.bargaining._space import OutcomeSpace
from standoff.scenario._model import Scenario
from standoff.scenario._negotiation_model import Negotiation

__all__ = ["LEVERAGE_STEP", "bargain"]

LEVERAGE_STEP = 0.1
"""How far a BATNA is moved, down and up, to measure leverage."""

_SOLVERS: Mapping[str, Callable[[NDArray[np.float64], NDArray[np.float64]], int | None]] = {
    "nash": nash_solution,
    "kalai_smorodinsky": kalai_smorodinsky_solution,
    "egalitarian": egalitarian_solution,
    "utilitarian": utilitarian_solution,
}


def bargain(scenario: Scenario) -> BargainingAnalysis:
    """Analyse the scenario's ``negotiation`` section.

    Raises
    ------
    ValueError
        When the scenario has no ``negotiation`` section.
    standoff.errors.ScenarioTooLargeError
        When the outcome space is beyond :data:`~standoff.bargaining.MAX_OUTCOMES`.
    """
    negotiation = scenario.negotiation
    if negotiation is None:
        raise ValueError(f"{scenario.file} has no 'negotiation' section")
    space = OutcomeSpace.of(negotiation)
    parties = negotiation.parties
    utilities = np.column_stack([space.utilities(negotiation.utilities[p]) for p in parties])
    utilities.setflags(write=False)
    batnas = tuple(assess_batna(p, negotiation.batnas[p]) for p in parties)
    disagreement = np.array([b.value for b in batnas])
    ruled = ruled_out(negotiation, space)
    signable = None if not (ruled.infeasible.any() or ruled.red_lines.any()) else ruled.signable
    frontier = _frontier(utilities, signable)
    frontier.setflags(write=False)
    zone = _zone(utilities, disagreement, signable)
    solutions = _solutions(space, parties, utilities, disagreement, zone)
    leverage = _leverage(parties, utilities, disagreement, solutions.get("nash"), signable)
    strong_hand = min(leverage, key=lambda entry: entry.at_stake).party if leverage else None
    return BargainingAnalysis(
        source=scenario.file,
        parties=parties,
        space=space,
        utilities=utilities,
        batnas=batnas,
        frontier=frontier,
        zopa=_zopa(parties, utilities, zone, frontier),
        perceived=tuple(
            _perceived(negotiation, space, holder, utilities, disagreement, zone, ruled)
            for holder in parties
            if any(b.holder == holder and b.concerns_the_deal for b in negotiation.beliefs)
        ),
        solutions=solutions,
        leverage=leverage,
        strong_hand=strong_hand,
        labels={party.id: party.label for party in scenario.parties},
        infeasible=int(ruled.infeasible.sum()),
        red_lines={
            party: int((ruled.red_lines[:, k] & ~ruled.infeasible).sum())
            for k, party in enumerate(parties)
            if negotiation.red_lines.get(party)
        },
        zopa_without_red_lines=(
            int(_zone(utilities, disagreement, ~ruled.infeasible).size)
            if any(negotiation.red_lines.get(p) for p in parties)
            else None
        ),
        targets=_targets(negotiation, parties, utilities, zone, solutions),
    )


def _frontier(
    utilities: NDArray[np.float64], signable: NDArray[np.bool_] | None
) -> NDArray[np.int64]:
    """The Pareto frontier of the signable outcomes (of every outcome when ``signable`` is None)."""
    if signable is None:
        return pareto_frontier(utilities)
    candidates = np.flatnonzero(signable).astype(np.int64)
    return candidates[pareto_frontier(utilities[candidates])]


def _targets(
    negotiation: Negotiation,
    parties: tuple[str, ...],
    utilities: NDArray[np.float64],
    zone: NDArray[np.int64],
    solutions: Mapping[str, Solution],
) -> tuple[Target, ...]:
    found = []
    for k, party in enumerate(parties):
        aim = negotiation.targets.get(party)
        if aim is None:
            continue
        best = float(utilities[zone, k].max()) if zone.size else None
        found.append(
            Target(
                party=party,
                target=aim,
                best_in_zopa=best,
                gaps={name: s.utilities[party] - aim for name, s in solutions.items()},
            )
        )
    return tuple(found)


def _zone(
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    signable: NDArray[np.bool_] | None = None,
) -> NDArray[np.int64]:
    """The signable outcomes every party strictly prefers to its BATNA, ascending."""
    inside = np.all(utilities > disagreement, axis=1)
    if signable is not None:
        inside &= signable
    return np.flatnonzero(inside).astype(np.int64)


def _zopa(
    parties: tuple[str, ...],
    utilities: NDArray[np.float64],
    zone: NDArray[np.int64],
    frontier: NDArray[np.int64],
) -> Zopa:
    inside = utilities[zone]
    ranges = {
        party: (float(inside[:, k].min()), float(inside[:, k].max())) if zone.size else (0.0, 0.0)
        for k, party in enumerate(parties)
    }
    efficient = np.intersect1d(frontier, zone, assume_unique=True)
    return Zopa(int(zone.size), tuple(int(x) for x in efficient), ranges)


def _solution(
    name: str,
    space: OutcomeSpace,
    parties: tuple[str, ...],
    utilities: NDArray[np.float64],
    outcome: int,
) -> Solution:
    row = utilities[outcome]
    values = {party: float(row[k]) for k, party in enumerate(parties)}
    return Solution(name, outcome, space.labels(outcome), values)


def _solutions(
    space: OutcomeSpace,
    parties: tuple[str, ...],
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    zone: NDArray[np.int64],
) -> dict[str, Solution]:
    if zone.size == 0:
        return {}
    inside = utilities[zone]
    found = {}
    for name, solver in _SOLVERS.items():
        chosen = solver(inside, disagreement)
        if chosen is not None:
            found[name] = _solution(name, space, parties, utilities, int(zone[chosen]))
    return found


def _nash_point(
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    signable: NDArray[np.bool_] | None,
) -> NDArray[np.float64] | None:
    zone = _zone(utilities, disagreement, signable)
    if zone.size == 0:
        return None
    chosen = nash_solution(utilities[zone], disagreement)
    return None if chosen is None else utilities[zone[chosen]]


def _share(point: NDArray[np.float64], k: int) -> float | None:
    total = float(point.sum())
    return float(point[k]) / total if total > 0 else None


def _leverage(
    parties: tuple[str, ...],
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    nash: Solution | None,
    signable: NDArray[np.bool_] | None = None,
) -> tuple[Leverage, ...]:
    if nash is None:
        return ()
    point = utilities[nash.outcome]
    found = []
    for k, party in enumerate(parties):
        shifts = []
        for direction in (-1, 1):
            moved = disagreement.copy()
            moved[k] = float(np.clip(moved[k] + direction * LEVERAGE_STEP, 0.0, 1.0))
            new_point = _nash_point(utilities, moved, signable)
            shifts.append(
                Shift(
                    round(float(moved[k]), 12),
                    None if new_point is None else float(new_point[k]),
                    None if new_point is None else _share(new_point, k),
                )
            )
        utility = float(point[k])
        gain = utility - float(disagreement[k])
        found.append(
            Leverage(
                party=party,
                batna=float(disagreement[k]),
                utility=utility,
                gain=gain,
                at_stake=gain / utility,
                share=_share(point, k),
                lower=shifts[0],
                higher=shifts[1],
            )
        )
    return tuple(found)


def believed_values(
    negotiation: Negotiation,
    space: OutcomeSpace,
    holder: str,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Every outcome's utility (outcomes × parties at the table) and each BATNA as ``holder``
    believes them: the real ones, but for the utilities and BATNAs its beliefs replace."""
    believed_utilities, believed = utilities.copy(), disagreement.copy()
    for k, other in enumerate(negotiation.parties):
        belief = negotiation.belief(holder, other)
        if belief is None:
            continue
        if belief.utility is not None:
            believed_utilities[:, k] = space.utilities(belief.utility)
        if belief.batna is not None:
            believed[k] = assess_batna(other, belief.batna).value
    return believed_utilities, believed


def _perceived(
    negotiation: Negotiation,
    space: OutcomeSpace,
    holder: str,
    utilities: NDArray[np.float64],
    disagreement: NDArray[np.float64],
    zone: NDArray[np.int64],
    ruled: RuledOut,
) -> Perceived:
    parties = negotiation.parties
    believed_utilities, believed = believed_values(
        negotiation, space, holder, utilities, disagreement
    )
    signable = ~ruled.infeasible
    believed_lines: dict[str, tuple[str, ...]] = {}
    for k, other in enumerate(parties):
        belief = negotiation.belief(holder, other)
        if belief is None or belief.red_lines is None:
            signable &= ~ruled.red_lines[:, k]  # the real red lines, known to the holder
        else:
            lines = believed_red_lines(negotiation, holder, other)
            signable &= ~holds(space, lines)
            believed_lines[other] = tuple(line.text for line in lines)
    their_zone = _zone(believed_utilities, believed, signable)
    frontier = pareto_frontier(believed_utilities[their_zone])
    zopa = _zopa(parties, believed_utilities, their_zone, their_zone[frontier])
    expected = None
    rejected: tuple[str, ...] = ()
    if their_zone.size:
        chosen = nash_solution(believed_utilities[their_zone], believed)
        if chosen is not None:
            outcome = int(their_zone[chosen])
            expected = _solution("nash", space, parties, utilities, outcome)
            rejected = tuple(
                party
                for k, party in enumerate(parties)
                if not utilities[outcome, k] > disagreement[k] or ruled.red_lines[outcome, k]
            )
    return Perceived(
        holder=holder,
        believed_batnas={party: float(believed[k]) for k, party in enumerate(parties)},
        zopa=zopa,
        overlap=int(np.intersect1d(their_zone, zone, assume_unique=True).size),
        expected=expected,
        rejected_by=rejected,
        believed_red_lines=believed_lines,
    )
