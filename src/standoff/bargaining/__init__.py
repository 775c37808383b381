"""Bargaining: BATNAs and what they rest on, the agreement space (infeasible packages and red lines
excluded), the ZOPA, the Pareto frontier, bargaining solutions, targets and leverage; and the score
of a draft agreement with its post-settlement improvements.

>>> from standoff.scenario import load
>>> analysis = bargain(load("examples/korea_2017.yaml"))
>>> analysis.batna("US").best
'maximum_pressure'
>>> analysis.solutions["nash"].labels["program"]
'verified_freeze'
"""

from standoff.bargaining._analysis import LEVERAGE_STEP, bargain
from standoff.bargaining._batna import (
    AlternativeValue,
    BatnaAssessment,
    Dependence,
    Switch,
    assess_batna,
)
from standoff.bargaining._constraints import RuledOut, ruled_out
from standoff.bargaining._draft import (
    IMPROVEMENTS_SHOWN,
    REJECTION_REASONS,
    DraftScore,
    Improvement,
    PartyScore,
    Rejection,
    draft_outcome,
    parse_deal,
    score_draft,
)
from standoff.bargaining._frontier import pareto_frontier
from standoff.bargaining._result import (
    SOLUTION_LABELS,
    SOLUTIONS,
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
from standoff.bargaining._space import MAX_OUTCOMES, OutcomeSpace

__all__ = [
    "IMPROVEMENTS_SHOWN",
    "LEVERAGE_STEP",
    "MAX_OUTCOMES",
    "REJECTION_REASONS",
    "SOLUTIONS",
    "SOLUTION_LABELS",
    "AlternativeValue",
    "BargainingAnalysis",
    "BatnaAssessment",
    "Dependence",
    "DraftScore",
    "Improvement",
    "Leverage",
    "OutcomeSpace",
    "PartyScore",
    "Perceived",
    "Rejection",
    "RuledOut",
    "Shift",
    "Solution",
    "Switch",
    "Target",
    "Zopa",
    "assess_batna",
    "bargain",
    "draft_outcome",
    "egalitarian_solution",
    "kalai_smorodinsky_solution",
    "nash_solution",
    "pareto_frontier",
    "parse_deal",
    "ruled_out",
    "score_draft",
    "utilitarian_solution",
]
