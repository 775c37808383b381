"""Scenario files: load YAML with positions and validate it into typed, immutable models.

>>> from standoff.scenario import load
>>> scenario = load("examples/chicken.yaml")
>>> [option.id for option in scenario.options]
['ann_straight', 'bob_straight']
"""

from standoff.scenario._expressions import Expression, ExpressionSyntaxError, parse
from standoff.scenario._loader import SUPPORTED_FORMATS, load, loads
from standoff.scenario._model import (
    ConflictSpec,
    ForbiddenMove,
    Formula,
    Option,
    Party,
    Perception,
    Preference,
    Prioritization,
    Ranking,
    RankingEntry,
    Scenario,
)

__all__ = [
    "SUPPORTED_FORMATS",
    "ConflictSpec",
    "Expression",
    "ExpressionSyntaxError",
    "ForbiddenMove",
    "Formula",
    "Option",
    "Party",
    "Perception",
    "Preference",
    "Prioritization",
    "Ranking",
    "RankingEntry",
    "Scenario",
    "load",
    "loads",
    "parse",
]
