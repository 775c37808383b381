"""standoff: analyse strategic conflicts and negotiations.

:func:`run` runs every analysis a scenario supports (or those asked for) and returns
:class:`~standoff.pipeline.Results`, which show themselves in a notebook:

>>> import standoff
>>> results = standoff.run("examples/prisoners_dilemma.yaml", concepts=["nash", "seq"])
>>> results["stability"].analysis.results["seq"].equilibrium_ids()
[1, 4]

The analyses can also be called one by one:

>>> scenario = standoff.load("examples/prisoners_dilemma.yaml")
>>> conflict = standoff.build_conflict(scenario)
>>> standoff.analyze(conflict).results["gmr"].equilibrium_ids()
[1, 4]

The names are imported when first used, so that ``import standoff`` (and the command line) start
quickly.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from standoff import _display
from standoff._version import __version__
from standoff.errors import ScenarioError, ScenarioTooLargeError, StandoffError

if TYPE_CHECKING:
    from standoff.bargaining import BargainingAnalysis, bargain
    from standoff.conflict import Conflict, build_conflict
    from standoff.pipeline import Progress, Results
    from standoff.scenario import Scenario, load, loads
    from standoff.stability import StabilityAnalysis, StabilityResult, analyze

__all__ = [
    "BargainingAnalysis",
    "Conflict",
    "Results",
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
    "run",
]

_LAZY = {
    "BargainingAnalysis": "standoff.bargaining",
    "bargain": "standoff.bargaining",
    "Conflict": "standoff.conflict",
    "build_conflict": "standoff.conflict",
    "Results": "standoff.pipeline",
    "Scenario": "standoff.scenario",
    "load": "standoff.scenario",
    "loads": "standoff.scenario",
    "StabilityAnalysis": "standoff.stability",
    "StabilityResult": "standoff.stability",
    "analyze": "standoff.stability",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'standoff' has no attribute {name!r}")


def run(
    scenario: Scenario | str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    **request: Any,
) -> Results:
    """Run the analyses ``request`` asks for on a scenario (or the path of a scenario file).

    The keywords are the fields of :class:`standoff.pipeline.Request` (``concepts``, ``start``,
    ``target``, ``coalitions``, ``horizons``, ``runs``, ``seed``, ...); without any, every
    analysis the scenario supports runs with its defaults.

    Raises
    ------
    ScenarioError
        If the file is not a valid scenario.
    RequestError
        If a keyword names something the scenario lacks, or a value is out of range.
    TypeError
        For an unknown keyword.
    """
    from standoff.pipeline import Request
    from standoff.pipeline import run as run_pipeline

    return run_pipeline(scenario, Request(**request), progress=progress)


def _notebook_html(record: object) -> str:
    from standoff.report import notebook_html

    return notebook_html(record)


_display.set_html_renderer(_notebook_html)  # records show themselves through the report layer
