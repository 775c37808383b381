"""From :class:`~standoff.pipeline.Results` to the document every format draws, and to the JSON
document (output format 1, a contract).

:data:`PARTS` lists the sections in the order every output shows them; each part turns the
results into one :class:`~standoff.report._blocks.Section` (``None`` when its analysis did not
run) and, for the JSON document, into its top-level keys. Adding an analysis's output is writing
one module in :mod:`standoff.report._sections` and listing it here; every renderer then shows it.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/chicken.yaml", Request(horizons=(2,)))
>>> [section.key for section in build_document(results).sections]
['situation', 'states', 'conflict', 'limited-move', 'robustness', 'provenance']
>>> list(json_document(results))[6:]
['stability', 'limited_move', 'robustness']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from standoff._version import __version__
from standoff.pipeline import Results
from standoff.report._blocks import Section
from standoff.report._sections import (
    bargaining,
    bargaining_data,
    coalitions,
    coalitions_data,
    evolution,
    evolution_data,
    explanation,
    explanations_data,
    inverse,
    inverse_data,
    limited_move,
    limited_move_data,
    perceptions,
    perceptions_data,
    provenance,
    robustness,
    robustness_data,
    simulation,
    simulation_data,
    situation,
    stability,
    stability_data,
    states,
    states_data,
)
from standoff.report._sections._compliance import compliance
from standoff.report._sections._compliance_data import compliance_data
from standoff.report._sections._draft import draft, draft_data
from standoff.report._sections._forecast import forecast, forecast_data
from standoff.scenario import Scenario

__all__ = ["FORMAT", "PARTS", "Document", "Part", "build_document", "head", "json_document"]

FORMAT = 1
"""The version of the JSON output's shape (docs/output-format.md)."""


@dataclass(frozen=True)
class Part:
    """One part of every output: its section, and its keys in the JSON document (if any)."""

    key: str
    section: Callable[[Results], Section | None]
    data: Callable[[Results], dict[str, Any]] | None = None


PARTS: tuple[Part, ...] = (
    Part("situation", situation),
    Part("states", states, states_data),
    Part("conflict", stability, stability_data),
    Part("evolution", evolution, evolution_data),
    Part("coalitions", coalitions, coalitions_data),
    Part("limited-move", limited_move, limited_move_data),
    Part("perceptions", perceptions, perceptions_data),
    Part("explanation", explanation, explanations_data),
    Part("robustness", robustness, robustness_data),
    Part("inverse", inverse, inverse_data),
    Part("bargaining", bargaining, bargaining_data),
    Part("draft", draft, draft_data),
    Part("compliance", compliance, compliance_data),
    Part("simulation", simulation, simulation_data),
    Part("forecast", forecast, forecast_data),
    Part("provenance", provenance),
)
"""The parts of every output, in order."""


@dataclass(frozen=True)
class Document:
    """What every format draws: a title, a byline and the sections."""

    title: str
    byline: str
    sections: tuple[Section, ...]


def build_document(results: Results) -> Document:
    """The sections of every analysis that ran, in :data:`PARTS` order."""
    record = results.provenance
    byline = f"Briefing · {record.generated_text} · standoff {record.version}"
    found = tuple(section for part in PARTS if (section := part.section(results)) is not None)
    return Document(results.scenario.title, byline, found)


def head(scenario: Scenario, *, parties: bool = True) -> dict[str, Any]:
    """The keys every JSON document starts with: format, tool, scenario and (optionally)
    parties."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "tool": {"name": "standoff", "version": __version__},
        "scenario": {"title": scenario.title, "file": scenario.file},
    }
    if parties:
        document["parties"] = [
            {"id": party.id, "label": party.label, "options": list(party.options)}
            for party in scenario.parties
        ]
    return document


def json_document(results: Results, *, parties: bool = True) -> dict[str, Any]:
    """The JSON document of the results: the head, then each part's keys, in order."""
    document = head(results.scenario, parties=parties)
    for part in PARTS:
        if part.data is not None:
            document |= part.data(results)
    return document
