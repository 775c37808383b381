"""Evolution: the equilibria the status quo can reach, with the paths to them, and the states
from which a chosen target can be reached. Its JSON is the ``evolution`` key.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/prisoners_dilemma.yaml", Request(target="4"))
>>> evolution_data(results)["evolution"]["reaching"]
{'to': 4, 'by_improvements': [1, 2, 3, 4], 'by_moves': [1, 2, 3, 4]}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from standoff.conflict import Conflict, Step
from standoff.evolution import Evolution, Reaching, describe_step
from standoff.pipeline import EvolutionRecord, Results, StabilityRecord
from standoff.report._blocks import Block, Cell, Figure, Items, Paragraph, Section, Table, Text
from standoff.report._wording import Lister, count, join_words, path_text, state_text
from standoff.stability import CONCEPT_LABELS

__all__ = ["evolution", "evolution_data", "ids", "steps_data"]

LEADS = 3
"""The most equilibria reachable from the start that the findings spell out, nearest first."""


def ids(indices: Iterable[int]) -> list[int]:
    """State indices as the ids of the JSON output (1-based)."""
    return [int(i) + 1 for i in indices]


def steps_data(conflict: Conflict, steps: Iterable[Step]) -> list[dict[str, Any]]:
    """A path of moves as JSON: mover, from, to, and the move in words."""
    return [
        {
            "party": step.party,
            "from": step.source + 1,
            "to": step.target + 1,
            "description": describe_step(conflict, step),
        }
        for step in steps
    ]


def evolution_data(results: Results) -> dict[str, Any]:
    """The ``evolution`` key: reachable states and equilibria from the start, with paths, and
    (``reaching``) the states from which a chosen state can be reached."""
    record = results.get(EvolutionRecord)
    if record is None:
        return {}
    document: dict[str, Any] = {}
    if record.evolution is not None:
        document |= _from_start(record.conflict, record.evolution)
    if record.reaching is not None:
        reached = record.reaching
        document["reaching"] = {
            "to": reached.target + 1,
            "by_improvements": ids(np.flatnonzero(reached.by_improvements.reachable)),
            "by_moves": ids(np.flatnonzero(reached.by_moves.reachable)),
        }
    return {"evolution": document}


def _from_start(conflict: Conflict, evolution: Evolution) -> dict[str, Any]:
    by_improvements = evolution.by_improvements
    return {
        "from": evolution.start + 1,
        "by_improvements": {
            "reachable": ids(np.flatnonzero(by_improvements.reachable)),
            "equilibria": {
                concept: [
                    {
                        "state": state + 1,
                        "moves": int(by_improvements.distance[state]),
                        "path": steps_data(conflict, evolution.path(state)),
                    }
                    for state in states
                ]
                for concept, states in evolution.equilibria.items()
            },
        },
        "by_moves": {
            "reachable": ids(np.flatnonzero(evolution.by_moves.reachable)),
            "equilibria": {c: ids(s) for c, s in evolution.equilibria_by_moves.items()},
        },
    }


def evolution(results: Results) -> Section | None:
    """The equilibria reachable from the start, with the paths drawn on the graph, and the
    states from which the target is reached."""
    record = results.get(EvolutionRecord)
    if record is None:
        return None
    found = record.conflict
    lister = Lister(found, results.request.list_limit)
    blocks: list[Block] = []
    title = "Evolution"
    if record.evolution is not None:
        blocks += _from_start_blocks(results, record.evolution, lister)
        start = record.evolution.start
        title = (
            "Evolution from the status quo"
            if start == found.status_quo
            else f"Evolution from state {state_text(found, start)}"
        )
    if record.reaching is not None:
        blocks += _reaching_blocks(record.reaching, lister)
        if record.evolution is None:
            title = f"Reaching state {state_text(found, record.reaching.target)}"
    if (note := lister.note()) is not None:
        blocks.append(note)
    return Section("evolution", title, tuple(blocks))


def _from_start_blocks(results: Results, moves: Evolution, lister: Lister) -> list[Block]:
    found = lister.conflict
    start = state_text(found, moves.start)
    improving = moves.by_improvements
    reached = int(improving.reachable.sum()) - 1
    by_moves = int(moves.by_moves.reachable.sum()) - 1
    blocks: list[Block] = [
        Paragraph(
            (
                f"From state {start}, the parties can reach "
                f"{count(reached, 'other state')} by unilateral improvements (each move better "
                f"for the party that makes it, no party moving twice in a row), and "
                f"{by_moves:,} by any moves.",
            )
        )
    ]
    concepts_of: dict[int, list[str]] = {}
    for concept, states in moves.equilibria.items():
        for state in states:
            concepts_of.setdefault(state, []).append(CONCEPT_LABELS.get(concept, concept))
    order = sorted(concepts_of, key=lambda s: (int(improving.distance[s]), s))
    blocks.append(Items(tuple(_findings(found, moves, concepts_of, order))))
    stable = results.get(StabilityRecord)
    if stable is not None and any(s != moves.start for s in order):
        from standoff.report._graph import state_graph

        svg, note = state_graph(found, stable.analysis, moves, paths=True, chart="evolution")
        caption = (
            "The paths of improvements from the start (black ring) to each reachable equilibrium "
            "(dashed ring), numbered move by move; states that cannot be reached are faded."
        )
        blocks.append(Figure(svg, caption + (f" {note}" if note else ""), "evolution"))
    if order:
        rows = tuple(
            (
                Cell((state_text(found, s),)),
                Cell((", ".join(concepts_of[s]),)),
                Cell((str(int(improving.distance[s])),)),
                Cell((path_text(found, moves.path(s)),)),
            )
            for s in order
        )
        blocks.append(
            Table(
                ("equilibrium", "reachable under", "moves", "shortest path of improvements"),
                rows,
                numeric=(2,),
                caption="Equilibria reachable by improvements, nearest first",
            )
        )
    else:
        blocks.append(Paragraph(("No equilibrium is reachable by improvements.",)))
    only_by_moves = sorted(
        {s for states in moves.equilibria_by_moves.values() for s in states} - set(concepts_of)
    )
    if only_by_moves:
        blocks.append(
            Paragraph(
                (
                    "Reachable only through moves someone does not gain by: "
                    f"{lister.states(only_by_moves)}.",
                )
            )
        )
    return blocks


def _findings(
    conflict: Conflict, moves: Evolution, concepts_of: dict[int, list[str]], order: list[int]
) -> list[Text]:
    """Where moves each party gains by lead from the start: whether the start itself holds, and
    the nearest other equilibria with their paths, a sentence per move."""
    every = len(moves.equilibria)
    lines: list[Text] = []

    def under(state: int) -> str:
        labels = concepts_of[state]
        return "every concept" if len(labels) == every and every > 1 else join_words(labels)

    start = "The status quo" if moves.start == conflict.status_quo else "The start"
    if moves.start in concepts_of:
        lines.append((f"{start} itself holds: it is an equilibrium under {under(moves.start)}.",))
    else:
        lines.append(
            (f"{start} is not an equilibrium under any concept: someone gains by leaving.",)
        )
    others = [s for s in order if s != moves.start]
    for state in others[:LEADS]:
        steps = int(moves.by_improvements.distance[state])
        lines.append(
            (
                f"In {count(steps, 'move')}, each a gain for the party that makes it, the "
                f"parties can reach {state_text(conflict, state)}, an equilibrium under "
                f"{under(state)}: {path_text(conflict, moves.path(state))}.",
            )
        )
    if len(others) > LEADS:
        more = count(len(others) - LEADS, "more equilibrium", "more equilibria")
        lines.append((f"They can reach {more} that way (see the table).",))
    if not others:
        lines.append(("No other equilibrium can be reached by moves the movers gain by.",))
    return lines


def _reaching_blocks(reached: Reaching, lister: Lister) -> list[Block]:
    found = lister.conflict
    target = state_text(found, reached.target)
    sources = [
        int(s) for s in np.flatnonzero(reached.by_improvements.reachable) if s != reached.target
    ]
    by_moves = int(reached.by_moves.reachable.sum()) - 1
    return [
        Paragraph(
            (
                f"State {target} can be reached by unilateral improvements from "
                f"{count(len(sources), 'other state')}: {lister.states(sources)}; "
                f"by any moves, from {count(by_moves, 'other state')}.",
            )
        )
    ]
