"""One module per analysis: its section of every output, and its keys in the JSON document."""

from standoff.report._sections._bargaining import bargaining
from standoff.report._sections._bargaining_data import bargaining_data
from standoff.report._sections._coalitions import coalitions, coalitions_data
from standoff.report._sections._evolution import evolution, evolution_data
from standoff.report._sections._explanation import explanation, explanations_data
from standoff.report._sections._inverse import inverse, inverse_data
from standoff.report._sections._limited_move import limited_move, limited_move_data
from standoff.report._sections._perceptions import perceptions, perceptions_data
from standoff.report._sections._provenance import provenance
from standoff.report._sections._robustness import robustness, robustness_data
from standoff.report._sections._situation import situation
from standoff.report._sections._stability import stability, stability_data
from standoff.report._sections._states import states, states_data
from standoff.report._sections._talks import simulation
from standoff.report._sections._talks_data import simulation_data

__all__ = [
    "bargaining",
    "bargaining_data",
    "coalitions",
    "coalitions_data",
    "evolution",
    "evolution_data",
    "explanation",
    "explanations_data",
    "inverse",
    "inverse_data",
    "limited_move",
    "limited_move_data",
    "perceptions",
    "perceptions_data",
    "provenance",
    "robustness",
    "robustness_data",
    "simulation",
    "simulation_data",
    "situation",
    "stability",
    "stability_data",
    "states",
    "states_data",
]
