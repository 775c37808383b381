"""The feasible states: each state's id, name, decimal code, Y/N pattern and each party's rank.

Its JSON is the contract's ``options``, ``states`` and ``status_quo`` keys (output format 1).

>>> from standoff.pipeline import Request, run
>>> results = run("examples/chicken.yaml", Request(only=frozenset({"conflict"})))
>>> states_data(results)["states"][3]
{'id': 4, 'decimal': 3, 'pattern': 'YY', 'name': 'crash', 'rank': {'Ann': 4, 'Bob': 4}}
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict
from standoff.pipeline import ConflictRecord, Results
from standoff.report._blocks import Cell, Paragraph, Section, Span, Table
from standoff.report._wording import ROWS_HINT, Lister, state_words, the

__all__ = ["patterns", "states", "states_data"]


def patterns(conflict: Conflict) -> list[str]:
    """The ``Y``/``N`` pattern of every state, vectorised."""
    count = conflict.option_count
    if count == 0:
        return [""] * conflict.state_count
    bits = (conflict.codes[:, None] >> np.arange(count, dtype=np.int64)[None, :]) & 1
    letters: NDArray[np.uint8] = np.where(bits == 1, ord("Y"), ord("N")).astype(np.uint8)
    return [row.decode("ascii") for row in letters.view(f"S{count}").ravel()]


def states_data(results: Results) -> dict[str, Any]:
    """The ``options``, ``states`` and ``status_quo`` keys."""
    record = results.get(ConflictRecord)
    if record is None:
        return {}
    conflict = record.conflict
    ranks = {party: values.tolist() for party, values in conflict.ranks.items()}
    listed: list[dict[str, Any]] = []
    for index, (code, pattern) in enumerate(
        zip(conflict.codes.tolist(), patterns(conflict), strict=True)
    ):
        state: dict[str, Any] = {"id": index + 1, "decimal": code, "pattern": pattern}
        if index in conflict.names:
            state["name"] = conflict.names[index]
        state["rank"] = {party: values[index] for party, values in ranks.items()}
        listed.append(state)
    document: dict[str, Any] = {
        "options": [
            {"id": option.id, "party": option.party, "label": option.label, "index": option.index}
            for option in conflict.scenario.options
        ],
        "states": listed,
    }
    if conflict.status_quo is not None:
        document["status_quo"] = conflict.status_quo + 1
    return document


def states(results: Results) -> Section | None:
    """The table of feasible states with each party's rank (1 = most preferred)."""
    record = results.get(ConflictRecord)
    if record is None:
        return None
    conflict = record.conflict
    limit = results.request.row_limit
    shown = conflict.state_count if limit is None else min(limit, conflict.state_count)
    all_patterns = patterns(conflict)
    rows = tuple(
        (
            Cell((str(index + 1),)),
            Cell((state_words(conflict, index),)),
            *(Cell((str(int(ranks[index])),)) for ranks in conflict.ranks.values()),
            Cell((Span(all_patterns[index], "code"),)),
            Cell((str(int(conflict.codes[index])),)),
        )
        for index in range(shown)
    )
    header = ("id", "state", *(f"rank {p}" for p in conflict.ranks), "pattern", "decimal")
    lister = Lister(conflict, results.request.list_limit)
    labels = {party.id: party.label for party in conflict.scenario.parties}
    favourites = [
        f"{the(labels, party)} {lister.mask(ranks == 1, 4)}"
        for party, ranks in conflict.ranks.items()
    ]
    numeric = (0, *range(2, 2 + len(conflict.ranks)), 3 + len(conflict.ranks))
    blocks: list[Table | Paragraph] = []
    if favourites:
        blocks.append(
            Paragraph(
                (
                    f"{conflict.state_count:,} states are possible. What each party wants most: "
                    f"{'; '.join(favourites)}.",
                )
            )
        )
    blocks += [
        Table(header, rows, numeric=numeric, caption="Feasible states"),
        Paragraph(
            (
                "A state is shown by its name or, when it has none, by what is done in it (the "
                "options taken, by party). Its pattern has one letter per option, in option "
                "order: Y taken, N not. Rank 1 is the party's most preferred state; equally "
                "preferred states share a rank.",
            ),
            note=True,
        ),
    ]
    if (note := lister.note()) is not None:
        blocks.append(note)
    if shown < conflict.state_count:
        blocks.append(
            Paragraph(
                (f"Showing the first {shown:,} of {conflict.state_count:,} states; ", *ROWS_HINT),
                note=True,
            )
        )
    return Section("states", "The states", tuple(blocks))
