"""Coalitions: the equilibria under the coalition partition, and each equilibrium a coalition
would break because all its members gain by moving together. Its JSON is the ``coalitions`` key.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/prisoners_dilemma.yaml", Request(coalitions="all"))
>>> coalitions_data(results)["coalitions"]["breaks"][0]["to"]
[1]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from standoff.conflict import Conflict
from standoff.pipeline import CoalitionsRecord, Results
from standoff.report._blocks import Block, Cell, Items, Paragraph, Section, Span, Table, Text
from standoff.report._sections._evolution import ids
from standoff.report._wording import Lister, join_words, state_text
from standoff.stability import CONCEPT_LABELS, Break

__all__ = ["coalitions", "coalitions_data"]


def coalitions_data(results: Results) -> dict[str, Any]:
    """The ``coalitions`` key: the partition, coalition equilibria and the breaks found."""
    record = results.get(CoalitionsRecord)
    if record is None:
        return {}
    found = record.analysis
    return {
        "coalitions": {
            "partition": [list(group) for group in found.partition],
            "searched": record.searched,
            "equilibria": {c: ids(np.flatnonzero(e)) for c, e in found.equilibria.items()},
            "breaks": [
                {
                    "coalition": list(b.coalition),
                    "concept": b.concept,
                    "state": b.state + 1,
                    "to": ids(b.targets),
                }
                for b in found.breaks
            ],
        }
    }


def coalitions(results: Results) -> Section | None:
    """The partition, the equilibria coalitions break (the findings), then the coalition
    equilibria per concept."""
    record = results.get(CoalitionsRecord)
    if record is None:
        return None
    found = record.analysis
    lister = Lister(record.conflict, results.request.list_limit)
    groups = " | ".join(" + ".join(group) for group in found.partition)
    searched = (
        "every coalition of two or more parties was tried"
        if record.searched == "all"
        else "the coalitions the scenario declares"
    )
    blocks: list[Block] = [
        Paragraph(
            (
                "Parties in a coalition move together and count a move as an improvement only "
                f"when it is one for every member. Partition: {groups} ({searched}).",
            )
        ),
        _findings(record.conflict, found.breaks, lister),
        Table(
            ("concept", "coalition equilibria"),
            tuple(
                (Cell((CONCEPT_LABELS[concept],)), Cell((lister.mask(equilibria),)))
                for concept, equilibria in found.equilibria.items()
            ),
            caption="Equilibria when coalitions move together",
        ),
    ]
    if (note := lister.note()) is not None:
        blocks.append(note)
    return Section("coalitions", "Coalitions", tuple(blocks))


def _findings(conflict: Conflict, breaks: Sequence[Break], lister: Lister) -> Block:
    """The equilibria a coalition breaks, one sentence per coalition, state and destination
    (the concepts under which the state is an equilibrium said together)."""
    if not breaks:
        return Paragraph(("No coalition breaks an equilibrium.",))
    grouped: dict[tuple[tuple[str, ...], int, tuple[int, ...]], list[str]] = {}
    for item in breaks:
        key = (tuple(item.coalition), item.state, tuple(item.targets))
        grouped.setdefault(key, []).append(CONCEPT_LABELS[item.concept])
    items: list[Text] = [
        (
            Span(" + ".join(coalition), "strong"),
            f" break {state_text(conflict, state)}, an equilibrium under {join_words(concepts)}: "
            f"all gain by moving to {lister.states(targets)}.",
        )
        for (coalition, state, targets), concepts in grouped.items()
    ]
    return Items(tuple(items))
