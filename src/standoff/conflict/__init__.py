"""The graph model as arrays: feasible states, moves per party and preference ranks.

>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
>>> conflict.state_count, [party.id for party in conflict.movers]
(4, ['Ann', 'Bob'])
>>> conflict.ranks["Ann"].tolist()          # Ann: Bob cooperating matters most, then defecting
[2, 1, 4, 3]
"""

from standoff.conflict._build import MAX_OPTIONS, MAX_STATES, build_conflict
from standoff.conflict._judgements import Judgements
from standoff.conflict._model import Conflict, ForbiddenRule
from standoff.conflict._moves import PartyMoves, is_unilateral_move, party_moves
from standoff.conflict._paths import Search, Step, search
from standoff.conflict._warnings import preference_warnings

__all__ = [
    "MAX_OPTIONS",
    "MAX_STATES",
    "Conflict",
    "ForbiddenRule",
    "Judgements",
    "PartyMoves",
    "Search",
    "Step",
    "build_conflict",
    "is_unilateral_move",
    "party_moves",
    "preference_warnings",
    "search",
]
