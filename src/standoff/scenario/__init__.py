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
    PreferenceAlternative,
    PreferenceUncertainty,
    Prioritization,
    Ranking,
    RankingEntry,
    Scenario,
)
from standoff.scenario._negotiation_model import (
    DEFAULT_RESOLUTION,
    Alternative,
    Batna,
    Belief,
    Distribution,
    Issue,
    IssueValues,
    Negotiation,
    Protocol,
    StrategyChoice,
    Utility,
)
from standoff.scenario._schema import scenario_schema
from standoff.scenario._strategies import STRATEGY_PARAMETERS

__all__ = [
    "DEFAULT_RESOLUTION",
    "STRATEGY_PARAMETERS",
    "SUPPORTED_FORMATS",
    "Alternative",
    "Batna",
    "Belief",
    "ConflictSpec",
    "Distribution",
    "Expression",
    "ExpressionSyntaxError",
    "ForbiddenMove",
    "Formula",
    "Issue",
    "IssueValues",
    "Negotiation",
    "Option",
    "Party",
    "Perception",
    "Preference",
    "PreferenceAlternative",
    "PreferenceUncertainty",
    "Prioritization",
    "Protocol",
    "Ranking",
    "RankingEntry",
    "Scenario",
    "StrategyChoice",
    "Utility",
    "load",
    "loads",
    "parse",
    "scenario_schema",
]
