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

A scenario with talks to simulate (``negotiation.protocol``) gets them simulated from a seed, which
the provenance records:

>>> talks = build_briefing("examples/korea_2019.yaml", runs=200, seed=7)
>>> talks.provenance.seed, talks.simulation.runs, talks.bargaining.strong_hand
(7, 200, 'NK')
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from standoff._version import __version__
from standoff.bargaining import BargainingAnalysis, bargain
from standoff.conflict import Conflict, build_conflict
from standoff.evolution import Evolution, status_quo_analysis
from standoff.negotiation import TalksSimulation, simulate_talks
from standoff.perception import Hypergame, hypergame_analysis
from standoff.scenario import Scenario, load
from standoff.stability import CONCEPTS, StabilityAnalysis, analyze

__all__ = [
    "SIMULATED_RUNS",
    "SIMULATION_SEED",
    "Briefing",
    "Provenance",
    "build_briefing",
    "provenance",
    "simulated_talks",
]

SIMULATED_RUNS = 2_000
"""Simulated negotiations per variant in a briefing, unless asked for another number."""
SIMULATION_SEED = 0
"""The seed of a briefing's simulated talks, unless given another: the same file and version
always give the same briefing."""


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

    ``bargaining`` is the analysis of the scenario's ``negotiation`` section and ``simulation``
    the simulated talks of its ``negotiation.protocol``; the seed of the simulation is also
    ``provenance.seed``.
    """

    scenario: Scenario
    provenance: Provenance
    conflict: Conflict | None = None
    analysis: StabilityAnalysis | None = None
    evolution: Evolution | None = None
    hypergame: Hypergame | None = None
    bargaining: BargainingAnalysis | None = None
    simulation: TalksSimulation | None = None


def simulated_talks(
    scenario: Scenario, runs: int = SIMULATED_RUNS, seed: int = SIMULATION_SEED
) -> TalksSimulation | None:
    """The talks of the scenario's protocol simulated ``runs`` times per variant from ``seed``,
    in this process (no process pool inside a report); ``None`` without a protocol."""
    negotiation = scenario.negotiation
    if negotiation is None or negotiation.protocol is None:
        return None
    if runs < 1:
        raise ValueError(f"the number of simulated runs must be at least 1, got {runs}")
    return simulate_talks(scenario, runs, seed, workers=1)


def build_briefing(
    source: str | os.PathLike[str] | Scenario,
    *,
    concepts: Iterable[str] = CONCEPTS,
    start: int | None = None,
    generated: datetime | None = None,
    runs: int = SIMULATED_RUNS,
    seed: int = SIMULATION_SEED,
) -> Briefing:
    """Load a scenario (unless given one) and run every analysis it supports.

    Stability under ``concepts`` and, when the scenario names a status quo (or ``start`` gives a
    state index), the evolution from it; the hypergame when it has perceptions; the bargaining
    analysis when it has a ``negotiation`` section, and ``runs`` simulated talks per variant from
    ``seed`` when that section has a ``protocol`` (the provenance then records the seed).
    """
    scenario = source if isinstance(source, Scenario) else load(os.fspath(source))
    bargaining = bargain(scenario) if scenario.negotiation is not None else None
    simulation = simulated_talks(scenario, runs, seed)
    record = provenance(scenario, generated, None if simulation is None else simulation.seed)
    if scenario.conflict is None:
        return Briefing(scenario, record, bargaining=bargaining, simulation=simulation)
    conflict = build_conflict(scenario)
    wanted = [c for c in CONCEPTS if c in set(concepts)]
    analysis = analyze(conflict, wanted)
    begin = start if start is not None else conflict.status_quo
    evolution = None if begin is None else status_quo_analysis(conflict, analysis, begin)
    hypergame = hypergame_analysis(conflict, wanted) if scenario.perceptions else None
    return Briefing(
        scenario, record, conflict, analysis, evolution, hypergame, bargaining, simulation
    )
