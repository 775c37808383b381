"""Hypergames: what each party believes, and where a misjudgment leads.

Each party with options acts on its *perceived game*: the true conflict with the other parties'
preferences replaced by what it believes them to be, and with the options it does not know exist
frozen (it neither fears nor expects moves that change them). From these games (first-level
hypergames: Bennett 1977, 1980; Wang, Hipel & Fraser 1988):

- a party's *expected equilibria* are the equilibria of its perceived game;
- a *hyper-equilibrium* is a state at which every party is stable in the game it perceives: where
  the conflict can actually rest, each party acting on its own view;
- at the *second level*, a party predicts each other party from its model of that party's view
  (``views`` in the scenario): its predicted outcomes are the states stable for itself in its own
  game and for every other party in the game it believes that party perceives;
- a *misjudgment* of party P by a viewer V: a state V expects P to stay at (stable for P in V's
  game) that P leaves in reality (unstable for P in P's own game), with P's move that breaks it, or
  a state V expects P to leave that P in fact keeps;
- a *surprise*: a hyper-equilibrium that no party expects (an equilibrium of nobody's game);
- the *value of a perception*: the hyper-equilibria that appear and disappear because a party
  holds its beliefs rather than the truth.

Examples
--------
>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> conflict = build_conflict(load("examples/korea_2019.yaml"))
>>> hypergame = hypergame_analysis(conflict, ["seq"])
>>> interim = conflict.find_state("interim_deal")
>>> bool(hypergame.expected["US"]["seq"][interim]), bool(hypergame.hyper_equilibria["seq"][interim])
(True, False)
"""

from standoff.perception._hypergame import hypergame_analysis
from standoff.perception._perceived import perceived_conflict
from standoff.perception._result import Hypergame, Misjudgment, PerceptionValue

__all__ = [
    "Hypergame",
    "Misjudgment",
    "PerceptionValue",
    "hypergame_analysis",
    "perceived_conflict",
]
