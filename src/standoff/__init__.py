"""standoff: analyse strategic conflicts and negotiations.

>>> import standoff
>>> scenario = standoff.load("examples/prisoners_dilemma.yaml")
>>> conflict = standoff.build_conflict(scenario)
>>> standoff.analyze(conflict).results["gmr"].equilibrium_ids()
[1, 4]
"""

from standoff._version import __version__
from standoff.bargaining import BargainingAnalysis, bargain
from standoff.conflict import Conflict, build_conflict
from standoff.errors import ScenarioError, ScenarioTooLargeError, StandoffError
from standoff.scenario import Scenario, load, loads
from standoff.stability import StabilityAnalysis, StabilityResult, analyze

__all__ = [
    "BargainingAnalysis",
    "Conflict",
    "Scenario",
    "ScenarioError",
    "ScenarioTooLargeError",
    "StabilityAnalysis",
    "StabilityResult",
    "StandoffError",
    "__version__",
    "analyze",
    "bargain",
    "build_conflict",
    "load",
    "loads",
]
