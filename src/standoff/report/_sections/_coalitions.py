"""Coalitions: the equilibria under the coalition partition, and each equilibrium a coalition
would break because all its members gain by moving together. Its JSON is the ``coalitions`` key.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/prisoners_dilemma.yaml", Request(coalitions="all"))
>>> coalitions_data(results)["coalitions"]["breaks"][0]["to"]
[1]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from standoff.pipeline import CoalitionsRecord, Results
from standoff.report._blocks import Block, Cell, Items, Paragraph, Section, Span, Table, Text
from standoff.report._sections._evolution import ids
from standoff.report._wording import Lister, state_text
from standoff.stability import CONCEPT_LABELS

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
    """The partition, the coalition equilibria per concept, and the breaks."""
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
        Table(
            ("concept", "coalition equilibria"),
            tuple(
                (Cell((CONCEPT_LABELS[concept],)), Cell((lister.mask(equilibria),)))
                for concept, equilibria in found.equilibria.items()
            ),
            caption="Equilibria when coalitions move together",
        ),
    ]
    if not found.breaks:
        blocks.append(Paragraph(("No coalition breaks an equilibrium.",)))
    else:
        items: list[Text] = []
        for item in found.breaks:
            items.append(
                (
                    Span(" + ".join(item.coalition), "strong"),
                    f" break the {CONCEPT_LABELS[item.concept]} equilibrium "
                    f"{state_text(record.conflict, item.state)}: all gain by moving to "
                    f"{lister.states(item.targets)}.",
                )
            )
        blocks.append(Items(tuple(items)))
    if (note := lister.note()) is not None:
        blocks.append(note)
    return Section("coalitions", "Coalitions", tuple(blocks))
