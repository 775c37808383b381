"""Bargaining: BATNAs and what they rest on, the agreement space, the ZOPA, the Pareto frontier,
bargaining solutions and leverage.

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
from standoff.bargaining._frontier import pareto_frontier
from standoff.bargaining._result import (
    SOLUTION_LABELS,
    SOLUTIONS,
    BargainingAnalysis,
    Leverage,
    Perceived,
    Shift,
    Solution,
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
    "LEVERAGE_STEP",
    "MAX_OUTCOMES",
    "SOLUTIONS",
    "SOLUTION_LABELS",
    "AlternativeValue",
    "BargainingAnalysis",
    "BatnaAssessment",
    "Dependence",
    "Leverage",
    "OutcomeSpace",
    "Perceived",
    "Shift",
    "Solution",
    "Switch",
    "Zopa",
    "assess_batna",
    "bargain",
    "egalitarian_solution",
    "kalai_smorodinsky_solution",
    "nash_solution",
    "pareto_frontier",
    "utilitarian_solution",
]
