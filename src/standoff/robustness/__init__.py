"""How conclusions move when preferences move: hinges, robustness and inverse analysis."""

from standoff.robustness._batch import VariantStability, stable_variants
from standoff.robustness._hinges import HingeEffect, Hinges, hinges
from standoff.robustness._variants import Change, PartyVariants, party_variants, single_changes

__all__ = [
    "Change",
    "HingeEffect",
    "Hinges",
    "PartyVariants",
    "VariantStability",
    "hinges",
    "party_variants",
    "single_changes",
    "stable_variants",
]
