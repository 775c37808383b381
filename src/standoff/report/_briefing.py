"""The record a briefing is rendered from: the scenario, every result computed, and provenance.

A :class:`Briefing` holds the same frozen result records the JSON output is made from, so the
HTML and Markdown briefings never compute anything of their own. :func:`build_briefing` runs the
analyses a scenario supports; the command line builds the record from what it already computed.

>>> from datetime import UTC, datetime
>>> brief = build_briefing("examples/prisoners_dilemma.yaml",
...                        generated=datetime(2024, 1, 2, 3, 4, tzinfo=UTC))
>>> brief.analysis.results["seq"].equilibrium_ids(), brief.evolution.start
([1, 4], 0)
>>> brief.provenance.generated_text, len(brief.provenance.sha256)
('2024-01-02 03:04 UTC', 64)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from standoff._version import __version__
from standoff.conflict import Conflict, build_conflict
from standoff.evolution import Evolution, status_quo_analysis
from standoff.perception import Hypergame, hypergame_analysis
from standoff.scenario import Scenario, load
from standoff.stability import CONCEPTS, StabilityAnalysis, analyze

__all__ = ["Briefing", "Provenance", "build_briefing", "provenance"]


@dataclass(frozen=True)
class Provenance:
    """What makes every number of a briefing traceable.

    Attributes
    ----------
    version
        The standoff version that computed it.
    file
        The scenario file as given.
    sha256
        The SHA-256 of the file's bytes, or ``None`` when it was not read from a file.
    generated
        When the briefing was made (timezone-aware).
    seed
        The seed of the random draws, or ``None`` when nothing random was computed.
    """

    version: str
    file: str
    sha256: str | None
    generated: datetime
    seed: int | None = None

    @property
    def generated_text(self) -> str:
        """The date and time in UTC, to the minute: ``2019-10-05 14:30 UTC``."""
        return self.generated.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def provenance(
    scenario: Scenario, generated: datetime | None = None, seed: int | None = None
) -> Provenance:
    """The provenance of results on ``scenario``, computed now (or at ``generated``).

    Without ``generated``, the time is that of ``SOURCE_DATE_EPOCH`` when the environment sets it
    (reproducible builds), else the current time.
    """
    if generated is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        generated = (
            datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
        )
    elif generated.tzinfo is None:
        raise ValueError("the generation time must be timezone-aware (for example tzinfo=UTC)")
    try:
        digest: str | None = hashlib.sha256(Path(scenario.file).read_bytes()).hexdigest()
    except OSError:
        digest = None
    return Provenance(__version__, scenario.file, digest, generated, seed)


@dataclass(frozen=True, eq=False)
class Briefing:
    """Everything a briefing shows; each analysis is ``None`` when it did not run.

    ``bargaining`` and ``simulation`` are reserved for the results of
    :mod:`standoff.bargaining` and :mod:`standoff.negotiation`, whose sections are added to
    :data:`standoff.report._contents.SECTIONS` when those analyses exist.
    """

    scenario: Scenario
    provenance: Provenance
    conflict: Conflict | None = None
    analysis: StabilityAnalysis | None = None
    evolution: Evolution | None = None
    hypergame: Hypergame | None = None
    bargaining: object | None = None
    simulation: object | None = None


def build_briefing(
    source: str | os.PathLike[str] | Scenario,
    *,
    concepts: Iterable[str] = CONCEPTS,
    start: int | None = None,
    generated: datetime | None = None,
) -> Briefing:
    """Load a scenario (unless given one) and run every analysis it supports.

    Stability under ``concepts`` and, when the scenario names a status quo (or ``start`` gives a
    state index), the evolution from it; the hypergame when it has perceptions.
    """
    scenario = source if isinstance(source, Scenario) else load(os.fspath(source))
    record = provenance(scenario, generated)
    if scenario.conflict is None:
        return Briefing(scenario, record)
    conflict = build_conflict(scenario)
    wanted = [c for c in CONCEPTS if c in set(concepts)]
    analysis = analyze(conflict, wanted)
    begin = start if start is not None else conflict.status_quo
    evolution = None if begin is None else status_quo_analysis(conflict, analysis, begin)
    hypergame = hypergame_analysis(conflict, wanted) if scenario.perceptions else None
    return Briefing(scenario, record, conflict, analysis, evolution, hypergame)
