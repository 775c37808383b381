"""The machine-readable analysis document (output format 1, normative).

Shape (see docs/output-format.md)::

    {"format": 1, "tool": {...}, "scenario": {"title", "file"}, "parties": [...], "options": [...],
     "states": [{"id", "decimal", "pattern", "name"?, "rank": {party: rank}}], "status_quo"?: id,
     "stability": {concept: {"equilibria": [ids], "stable": {party: [ids]}}}}

Every list of states uses state ids (1..N by increasing decimal code), sorted ascending.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff._version import __version__
from standoff.conflict import Conflict, Step
from standoff.evolution import Evolution, Reaching, describe_step
from standoff.perception import Hypergame
from standoff.scenario import Scenario
from standoff.stability import (
    CoalitionAnalysis,
    Explanation,
    NonMyopic,
    StabilityAnalysis,
    StabilityResult,
)

__all__ = [
    "FORMAT",
    "analysis_document",
    "coalitions_document",
    "evolution_document",
    "explanation_document",
    "limited_move_document",
    "patterns",
    "perceptions_document",
    "scenario_document",
    "stability_document",
]

FORMAT = 1


def patterns(conflict: Conflict) -> list[str]:
    """The ``Y``/``N`` pattern of every state, vectorised."""
    count = conflict.option_count
    if count == 0:
        return [""] * conflict.state_count
    bits = (conflict.codes[:, None] >> np.arange(count, dtype=np.int64)[None, :]) & 1
    letters: NDArray[np.uint8] = np.where(bits == 1, ord("Y"), ord("N")).astype(np.uint8)
    return [row.decode("ascii") for row in letters.view(f"S{count}").ravel()]


def scenario_document(scenario: Scenario, *, parties: bool = True) -> dict[str, Any]:
    """The head every document starts with: format, tool, scenario and (optionally) parties."""
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
    document: dict[str, Any] = scenario_document(scenario) | {
        "options": [
            {"id": option.id, "party": option.party, "label": option.label, "index": option.index}
            for option in scenario.options
        ],
        "states": states,
    }
    if conflict.status_quo is not None:
        document["status_quo"] = conflict.status_quo + 1
    document["stability"] = {
        concept: stability_document(result) for concept, result in analysis.results.items()
    }
    return document


def _ids(indices: Iterable[int]) -> list[int]:
    return [int(i) + 1 for i in indices]


def _steps(conflict: Conflict, steps: Iterable[Step]) -> list[dict[str, Any]]:
    return [
        {
            "party": step.party,
            "from": step.source + 1,
            "to": step.target + 1,
            "description": describe_step(conflict, step),
        }
        for step in steps
    ]


def stability_document(result: StabilityResult) -> dict[str, Any]:
    """One concept's equilibria and per-party stable states, as ids."""
    return {
        "equilibria": result.equilibrium_ids(),
        "stable": {party: result.stable_ids(party) for party in result.stable},
    }


def evolution_document(
    conflict: Conflict, evolution: Evolution | None, reached_from: Reaching | None = None
) -> dict[str, Any]:
    """The ``evolution`` key: reachable states and equilibria from the start, with paths, and
    (``reaching``) the states from which a chosen state can be reached."""
    document: dict[str, Any] = {}
    if evolution is not None:
        document |= _evolution_from(conflict, evolution)
    if reached_from is not None:
        document["reaching"] = {
            "to": reached_from.target + 1,
            "by_improvements": _ids(np.flatnonzero(reached_from.by_improvements.reachable)),
            "by_moves": _ids(np.flatnonzero(reached_from.by_moves.reachable)),
        }
    return document


def _evolution_from(conflict: Conflict, evolution: Evolution) -> dict[str, Any]:
    by_improvements = evolution.by_improvements
    return {
        "from": evolution.start + 1,
        "by_improvements": {
            "reachable": _ids(np.flatnonzero(by_improvements.reachable)),
            "equilibria": {
                concept: [
                    {
                        "state": state + 1,
                        "moves": int(by_improvements.distance[state]),
                        "path": _steps(conflict, evolution.path(state)),
                    }
                    for state in states
                ]
                for concept, states in evolution.equilibria.items()
            },
        },
        "by_moves": {
            "reachable": _ids(np.flatnonzero(evolution.by_moves.reachable)),
            "equilibria": {c: _ids(s) for c, s in evolution.equilibria_by_moves.items()},
        },
    }


def coalitions_document(coalitions: CoalitionAnalysis, searched: str) -> dict[str, Any]:
    """The ``coalitions`` key: the partition, coalition equilibria and the breaks found."""
    return {
        "partition": [list(group) for group in coalitions.partition],
        "searched": searched,
        "equilibria": {c: _ids(np.flatnonzero(e)) for c, e in coalitions.equilibria.items()},
        "breaks": [
            {
                "coalition": list(b.coalition),
                "concept": b.concept,
                "state": b.state + 1,
                "to": _ids(b.targets),
            }
            for b in coalitions.breaks
        ],
    }


def limited_move_document(horizons: Iterable[StabilityResult], limit: NonMyopic) -> dict[str, Any]:
    """The ``limited_move`` key: Lh stability per horizon and non-myopic stability."""
    non_myopic: dict[str, Any] = {"from_horizon": limit.horizon, "period": limit.period}
    if limit.result is None:
        non_myopic["equilibria"] = None
    else:
        non_myopic.update(stability_document(limit.result))
    return {
        "horizons": {result.concept[1:]: stability_document(result) for result in horizons},
        "non_myopic": non_myopic,
    }


def explanation_document(conflict: Conflict, explanation: Explanation) -> dict[str, Any]:
    """An explanation: each improvement and its sanction (or none)."""
    return {
        "party": explanation.party,
        "state": explanation.state + 1,
        "concept": explanation.concept,
        "basis": explanation.basis,
        "stable": explanation.stable,
        "improvements": [
            {
                "to": item.target + 1,
                "sanctioned": item.deterred,
                "sanction": None
                if item.sanction is None
                else {
                    "path": _steps(conflict, item.sanction),
                    "ends_at": None if item.sanctioned_state is None else item.sanctioned_state + 1,
                },
            }
            for item in explanation.improvements
        ],
    }


def perceptions_document(hypergame: Hypergame) -> dict[str, Any]:
    """The ``perceptions`` key: expected, hyper- and predicted equilibria, misjudgments, surprises
    and the value of each perception."""
    return {
        "viewers": list(hypergame.viewers),
        "concepts": {
            concept: {
                "expected": {
                    v: _ids(np.flatnonzero(hypergame.expected[v][concept]))
                    for v in hypergame.viewers
                },
                "hyper_equilibria": _ids(np.flatnonzero(hypergame.hyper_equilibria[concept])),
                "predicted": {
                    v: _ids(np.flatnonzero(hypergame.predicted[v][concept]))
                    for v in hypergame.viewers
                },
                "surprises": _ids(np.flatnonzero(hypergame.surprises[concept])),
            }
            for concept in hypergame.concepts
        },
        "misjudgments": [
            {
                "viewer": m.viewer,
                "party": m.party,
                "concept": m.concept,
                "breaks": [{"state": s + 1, "to": t + 1} for s, t in m.breaks],
                "keeps": _ids(m.keeps),
            }
            for m in hypergame.misjudgments
        ],
        "value_of_perception": [
            {
                "viewer": v.viewer,
                "concept": v.concept,
                "gained": _ids(v.gained),
                "lost": _ids(v.lost),
            }
            for v in hypergame.values
        ],
    }
