"""Load a scenario file (format 1) into a validated :class:`~standoff.scenario.Scenario`.

Everything that can be checked without enumerating states is checked here, and every problem of a
file is reported at once, each with ``FILE:LINE:COLUMN``: unknown or missing keys, malformed and
duplicate ids, reserved words used as ids, undefined names (with a "did you mean"), malformed
expressions, state names defined in terms of themselves, parties with options but no preferences.

This module reads the top level (format version, title, description, sources) and hands each
section to its reader: the ``parties:`` section and every reference to what it defines to
:class:`~standoff.scenario._definitions.Definitions`, then ``conflict:``
(:mod:`~standoff.scenario._conflict`), ``perceptions:`` (:mod:`~standoff.scenario._perceptions`),
``negotiation:`` (:mod:`~standoff.scenario._negotiation`) and ``uncertainty:``
(:mod:`~standoff.scenario._uncertainty`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import yaml

from standoff.scenario._conflict import read_conflict
from standoff.scenario._definitions import Definitions
from standoff.scenario._forecast import read_forecast
from standoff.scenario._keys import Keys
from standoff.scenario._model import Perception, PreferenceUncertainty, Scenario
from standoff.scenario._negotiation import read_negotiation
from standoff.scenario._perceptions import read_perceptions
from standoff.scenario._source import SourceReader, compose, describe, read_text
from standoff.scenario._uncertainty import read_uncertainty

__all__ = ["SUPPORTED_FORMATS", "TOP_KEYS", "load", "loads"]

SUPPORTED_FORMATS = (1,)
TOP_KEYS = Keys(
    {
        "standoff": "The format version of the file: 1.",
        "title": "A one-line title, used in every report.",
        "description": "Free text in Markdown: the situation, the modelling choices and what is "
        "left out.",
        "sources": "The documents the scenario is based on: citations, links.",
        "parties": "The parties, by id, in display order: each with an optional label and its "
        "options. At least one.",
        "conflict": "The graph model: feasible states, moves, named states, the status quo, "
        "preferences and coalitions. Stability analysis needs it.",
        "perceptions": "How parties see the conflict (a hypergame), by viewer: beliefs about "
        "the others' preferences, options of others it does not know exist, views of what the "
        "others believe. Needs a 'conflict' section.",
        "negotiation": "The bargaining side: the parties at the table, the issues, utilities, "
        "BATNAs, beliefs and a protocol for simulated talks. Bargaining analysis needs it.",
        "uncertainty": "How far each party's preferences may be from those 'conflict' states: "
        "a radius of swaps, uncertain statements, weighted alternatives. Needs a 'conflict' "
        "section.",
        "forecast": "Many actors on policy scales: the issues, each actor's capability, "
        "salience and positions, the challenge model's settings and uncertain inputs.",
    },
    required=("standoff", "title", "parties"),
)


def load(path: str | os.PathLike[str]) -> Scenario:
    """Load and validate a scenario file.

    Raises
    ------
    standoff.errors.ScenarioError
        Listing every problem found, each as ``FILE:LINE:COLUMN: error: message``.

    Examples
    --------
    >>> scenario = load("examples/prisoners_dilemma.yaml")
    >>> [party.id for party in scenario.parties]
    ['Ann', 'Bob']
    """
    shown = os.fspath(path)
    return loads(read_text(Path(shown), shown), shown)


def loads(text: str, file: str = "<string>") -> Scenario:
    """Validate scenario text; ``file`` is the name used in error messages.

    >>> loads("standoff: 1\\ntitle: Empty\\nparties: {Alone: {}}\\n").parties[0].label
    'Alone'
    """
    return _scenario(Definitions(SourceReader(file)), compose(text, file))


def _scenario(definitions: Definitions, root: yaml.Node) -> Scenario:
    """Read every section of the file, then raise every problem found, or return the scenario."""
    reader = definitions.reader
    top = reader.mapping(root, "the scenario", TOP_KEYS, TOP_KEYS.required)
    if top is None:
        reader.raise_if_any()
        raise AssertionError("unreachable")  # pragma: no cover
    _check_version(reader, top)
    title = reader.text(top["title"][1], "'title'") if "title" in top else None
    description = None
    if "description" in top and not reader.is_null(top["description"][1]):
        description = reader.text(top["description"][1], "'description'")
    sources = _sources(reader, top["sources"][1]) if "sources" in top else ()
    if "parties" in top:
        definitions.read_parties(top["parties"][1])
    conflict = read_conflict(definitions, top["conflict"][1]) if "conflict" in top else None
    perceptions: tuple[Perception, ...] = ()
    if "perceptions" in top:
        perceptions = read_perceptions(definitions, top["perceptions"][1])
    if perceptions and conflict is None:
        reader.error(top["perceptions"][0], "'perceptions' need a 'conflict' section to refine")
    negotiation = None
    if "negotiation" in top:
        negotiation = read_negotiation(definitions, top["negotiation"][1])
    uncertainty: Mapping[str, PreferenceUncertainty] = MappingProxyType({})
    if "uncertainty" in top:
        key, value = top["uncertainty"]
        uncertainty = read_uncertainty(definitions, value, conflict, key)
    forecast = read_forecast(definitions, top["forecast"][1]) if "forecast" in top else None
    reader.raise_if_any()
    return Scenario(
        file=reader.file,
        format=1,
        title=title or "",
        description=description,
        sources=sources,
        parties=tuple(definitions.parties.values()),
        options=tuple(definitions.options.values()),
        conflict=conflict,
        perceptions=perceptions,
        negotiation=negotiation,
        location=reader.location(root),
        uncertainty=uncertainty,
        forecast=forecast,
    )


def _check_version(reader: SourceReader, top: Mapping[str, tuple[yaml.Node, yaml.Node]]) -> None:
    """Stop at once on a missing or unsupported version: the rest may follow another format."""
    if "standoff" not in top:
        reader.raise_if_any()
        return
    node = top["standoff"][1]
    supported = ", ".join(str(version) for version in SUPPORTED_FORMATS)
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        problem = f"'standoff' must be a format version number, found {describe(node)}"
    elif node.value not in {str(version) for version in SUPPORTED_FORMATS}:
        problem = f"unsupported format version {node.value}"
    else:
        return
    reader.error(node, f"{problem} (this standoff reads format {supported})")
    reader.raise_if_any()


def _sources(reader: SourceReader, node: yaml.Node) -> tuple[str, ...]:
    items = reader.sequence(node, "'sources'")
    texts = (reader.text(item, "each source") for item in items or ())
    return tuple(text for text in texts if text is not None)
