"""How conclusions move when preferences move: hinges, robustness and inverse analysis.

>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> conflict = build_conflict(load("examples/syria_iraq_1975.yaml"))
>>> count_profiles(conflict, 1, [RankRange("Syria", 1, 6)], ["nash"])[0].count
240
"""

from standoff.robustness._batch import VariantStability, stable_variants
from standoff.robustness._conditions import Conditions, conditions
from standoff.robustness._counting import Count, RankRange, count_profiles
from standoff.robustness._fewest import FewestChanges, PartyChange, fewest_changes
from standoff.robustness._hinges import HingeEffect, Hinges, hinges
from standoff.robustness._inverse import Inverse, inverse
from standoff.robustness._robustness import JudgementEffect, Robustness, robustness
from standoff.robustness._variants import Change, PartyVariants, party_variants, single_changes

__all__ = [
    "Change",
    "Conditions",
    "Count",
    "FewestChanges",
    "HingeEffect",
    "Hinges",
    "Inverse",
    "JudgementEffect",
    "PartyChange",
    "PartyVariants",
    "RankRange",
    "Robustness",
    "VariantStability",
    "conditions",
    "count_profiles",
    "fewest_changes",
    "hinges",
    "inverse",
    "party_variants",
    "robustness",
    "single_changes",
    "stable_variants",
]
