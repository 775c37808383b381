"""Stability analysis of the graph model: Nash, GMR, SMR, SEQ, SIM and SEQ+SIM.

The definitions are those of the scenario format (Fang, Hipel & Kilgour 1993; Xu, Hipel, Kilgour &
Fang 2018), including legal sequences of moves for three or more parties. Each concept is a plain
function over a :class:`~standoff.conflict.Conflict` returning a frozen
:class:`StabilityResult`; :func:`analyze` computes several at once and shares the work.

Examples
--------
>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
>>> nash(conflict).equilibrium_ids()             # both defect
[4]
>>> seq(conflict).equilibrium_ids()              # mutual cooperation is sequentially stable
[1, 4]
"""

from standoff.stability._analyze import analyze, gmr, nash, seq, seqsim, sim, smr
from standoff.stability._coalitions import (
    COALITION_CONCEPTS,
    MAX_COALITION_STATES,
    Break,
    CoalitionAnalysis,
    coalition_analysis,
)
from standoff.stability._explain import Explanation, ImprovementExplained, explain
from standoff.stability._limited import MAX_HORIZON, NonMyopic, limited_move, non_myopic
from standoff.stability._result import (
    CONCEPT_LABELS,
    CONCEPTS,
    StabilityAnalysis,
    StabilityResult,
)

__all__ = [
    "COALITION_CONCEPTS",
    "CONCEPTS",
    "CONCEPT_LABELS",
    "MAX_COALITION_STATES",
    "MAX_HORIZON",
    "Break",
    "CoalitionAnalysis",
    "Explanation",
    "ImprovementExplained",
    "NonMyopic",
    "StabilityAnalysis",
    "StabilityResult",
    "analyze",
    "coalition_analysis",
    "explain",
    "gmr",
    "limited_move",
    "nash",
    "non_myopic",
    "seq",
    "seqsim",
    "sim",
    "smr",
]
