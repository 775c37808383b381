"""Status quo analysis: where the conflict can go from where it is today.

From a start state (the scenario's ``status_quo`` unless another is given), a state is *reachable by
improvements* when a legal sequence of unilateral improvements leads there (every move strictly
better for the party that makes it, no party moving twice in succession, irreversible and forbidden
moves respected), and *reachable by moves* when a legal sequence of any unilateral moves does. The
analysis lists the equilibria of each concept that are reachable, each with a shortest path, and
answers the reverse question: from which states a chosen state can be reached. This is the question
of status quo analysis in the graph model (Li, Kilgour & Hipel 2005; Xu, Kilgour, Hipel & Kemkes
2010, there with matrices); here it is a breadth-first search, linear in the moves it touches.

Examples
--------
>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> from standoff.stability import analyze
>>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
>>> evolution = status_quo_analysis(conflict, analyze(conflict))
>>> evolution.equilibria["nash"]                # mutual defection (state 4) is reachable
(3,)
>>> [describe_step(conflict, step) for step in evolution.path(3)]
['Bob: Bob defects', 'Ann: Ann defects']
"""

from standoff.evolution._describe import describe_step
from standoff.evolution._reaching import Reaching, reaching
from standoff.evolution._status_quo import Evolution, status_quo_analysis

__all__ = ["Evolution", "Reaching", "describe_step", "reaching", "status_quo_analysis"]
