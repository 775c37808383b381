"""The machine-readable analysis document (output format 1, normative).

Shape (see docs/output-format.md)::

    {"format": 1, "tool": {...}, "scenario": {"title", "file"}, "parties": [...], "options": [...],
     "states": [{"id", "decimal", "pattern", "name"?, "rank": {party: rank}}], "status_quo"?: id,
     "stability": {concept: {"equilibria": [ids], "stable": {party: [ids]}}}}

Every list of states uses state ids (1..N by increasing decimal code), sorted ascending.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff._version import __version__
from standoff.conflict import Conflict
from standoff.stability import StabilityAnalysis

__all__ = ["FORMAT", "analysis_document", "patterns"]

FORMAT = 1


def patterns(conflict: Conflict) -> list[str]:
    """The ``Y``/``N`` pattern of every state, vectorised."""
    count = conflict.option_count
    if count == 0:
        return [""] * conflict.state_count
    bits = (conflict.codes[:, None] >> np.arange(count, dtype=np.int64)[None, :]) & 1
    letters: NDArray[np.uint8] = np.where(bits == 1, ord("Y"), ord("N")).astype(np.uint8)
    return [row.decode("ascii") for row in letters.view(f"S{count}").ravel()]


def analysis_document(conflict: Conflict, analysis: StabilityAnalysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready data, in the contract's key order."""
    scenario = conflict.scenario
    ranks = {party: values.tolist() for party, values in conflict.ranks.items()}
    states: list[dict[str, Any]] = []
    for index, (code, pattern) in enumerate(
        zip(conflict.codes.tolist(), patterns(conflict), strict=True)
    ):
        state: dict[str, Any] = {"id": index + 1, "decimal": code, "pattern": pattern}
        if index in conflict.names:
            state["name"] = conflict.names[index]
        state["rank"] = {party: values[index] for party, values in ranks.items()}
        states.append(state)
    document: dict[str, Any] = {
        "format": FORMAT,
        "tool": {"name": "standoff", "version": __version__},
        "scenario": {"title": scenario.title, "file": scenario.file},
        "parties": [
            {"id": party.id, "label": party.label, "options": list(party.options)}
            for party in scenario.parties
        ],
        "options": [
            {"id": option.id, "party": option.party, "label": option.label, "index": option.index}
            for option in scenario.options
        ],
        "states": states,
    }
    if conflict.status_quo is not None:
        document["status_quo"] = conflict.status_quo + 1
    document["stability"] = {
        concept: {
            "equilibria": result.equilibrium_ids(),
            "stable": {party: result.stable_ids(party) for party in result.stable},
        }
        for concept, result in analysis.results.items()
    }
    return document
