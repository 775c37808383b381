"""The pipeline: the one place that decides which analyses run for a request, runs them, and
returns one :class:`Results` record with its provenance.

The command line, the briefing, the notebook and the workspace all call :func:`run`; none of
them decides on its own what runs. Each analysis is listed once in :data:`ANALYSES`.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/chicken.yaml", Request(horizons=(2,)))
>>> list(results.records)
['conflict', 'stability', 'limited_move', 'robustness']
>>> results.provenance.parameters["horizons"]
[2]
"""

from standoff.pipeline._provenance import Provenance, provenance
from standoff.pipeline._records import (
    BargainingRecord,
    CoalitionsRecord,
    ComplianceRecord,
    ConflictRecord,
    DraftRecord,
    EvolutionRecord,
    ExplanationRecord,
    ForecastRecord,
    InverseRecord,
    LimitedMoveRecord,
    PerceptionsRecord,
    Record,
    RobustnessRecord,
    StabilityRecord,
    TalksRecord,
)
from standoff.pipeline._registry import ANALYSES, Analysis, Progress
from standoff.pipeline._request import DEFAULT_RUNS, DEFAULT_SEED, LIST_LIMIT, ROW_LIMIT, Request
from standoff.pipeline._results import Results
from standoff.pipeline._run import run

__all__ = [
    "ANALYSES",
    "DEFAULT_RUNS",
    "DEFAULT_SEED",
    "LIST_LIMIT",
    "ROW_LIMIT",
    "Analysis",
    "BargainingRecord",
    "CoalitionsRecord",
    "ComplianceRecord",
    "ConflictRecord",
    "DraftRecord",
    "EvolutionRecord",
    "ExplanationRecord",
    "ForecastRecord",
    "InverseRecord",
    "LimitedMoveRecord",
    "PerceptionsRecord",
    "Progress",
    "Provenance",
    "Record",
    "Request",
    "Results",
    "RobustnessRecord",
    "StabilityRecord",
    "TalksRecord",
    "provenance",
    "run",
]
