"""What a notebook shows for results and result records (``_repr_html_``).

Everything is drawn from the record itself, which carries the conflict or scenario it was
computed on; nothing is read from disk. :class:`~standoff.pipeline.Results` shows its whole
briefing, a pipeline record its own section, and a record of an analysis package (a
``StabilityAnalysis``, a ``Hypergame``, ...) the section of the pipeline record it belongs in.

>>> from standoff.pipeline import run
>>> results = run("examples/chicken.yaml")
>>> html = notebook_html(results["stability"])
>>> html.startswith('<div class="standoff-brief">'), 'data-chart="state-graph"' in html
(True, True)
"""

from __future__ import annotations

import html as escaping
from datetime import UTC, datetime
from types import MappingProxyType

from standoff._version import __version__
from standoff.evolution import Evolution, Reaching
from standoff.perception import Hypergame
from standoff.pipeline import (
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
    Provenance,
    Record,
    Request,
    Results,
    RobustnessRecord,
    StabilityRecord,
    TalksRecord,
)
from standoff.report._document import PARTS, build_document
from standoff.report._html import render_fragment
from standoff.robustness import Hinges, Inverse, Robustness
from standoff.stability import CoalitionAnalysis, Explanation, NonMyopic, StabilityAnalysis

__all__ = ["notebook_html"]


def notebook_html(shown: object) -> str:
    """The HTML fragment a notebook shows for ``shown``."""
    if isinstance(shown, Results):
        return render_fragment(build_document(shown).sections)
    record = shown if isinstance(shown, Record) else _as_record(shown)
    if record is None:
        return f"<pre>{escaping.escape(repr(shown))}</pre>"
    results = _alone(record)
    sections = []
    for part in PARTS:
        if part.key in ("situation", "provenance"):
            continue
        if part.key == "states" and not isinstance(record, ConflictRecord):
            continue
        section = part.section(results)
        if section is not None:
            sections.append(section)
    return render_fragment(sections)


def _as_record(shown: object) -> Record | None:
    """The pipeline record a record of an analysis package belongs in."""
    if isinstance(shown, StabilityAnalysis):
        return StabilityRecord(shown.conflict, shown)
    if isinstance(shown, Hypergame):
        return PerceptionsRecord(shown.conflict, shown)
    if isinstance(shown, Evolution):
        return EvolutionRecord(shown.conflict, shown, None)
    if isinstance(shown, Reaching):
        return EvolutionRecord(shown.conflict, None, shown)
    if isinstance(shown, CoalitionAnalysis):
        return CoalitionsRecord(shown.conflict, shown, "declared")
    if isinstance(shown, NonMyopic):
        return LimitedMoveRecord(shown.conflict, (), shown)
    if isinstance(shown, Explanation):
        return ExplanationRecord(shown.conflict, shown.party, shown.state, (shown,))
    if isinstance(shown, Hinges):
        return RobustnessRecord(shown.conflict, shown, None)
    if isinstance(shown, Robustness):
        return RobustnessRecord(shown.conflict, None, shown)
    if isinstance(shown, Inverse):
        return InverseRecord(shown.conflict, shown)
    return None


def _alone(record: Record) -> Results:
    """Results holding just ``record`` (and its conflict), to draw its section."""
    records: dict[str, Record] = {}
    if isinstance(
        record, BargainingRecord | DraftRecord | ComplianceRecord | TalksRecord | ForecastRecord
    ):
        scenario = record.scenario
    else:
        scenario = record.conflict.scenario
        records["conflict"] = ConflictRecord(record.conflict)
    records[record.name] = record
    stamp = Provenance(__version__, scenario.file, None, datetime.now(UTC))
    return Results(scenario, Request(), stamp, MappingProxyType(records))
