"""Which states a state graph draws, and where: the (column, row) place of each.

A conflict of at most :data:`MAX_DRAWN` states is drawn whole; a larger one is collapsed by
:func:`chosen_states` to the status quo, the states on the evolution paths and the equilibria
under the most concepts. :func:`place_states` puts the chosen states on a grid whose columns are
the combinations of the options of some parties and whose rows are those of the others (a
Karnaugh-map layout: a move by a column party stays in its row, a move by a row party in its
column), choosing the split with the fewest empty cells; when no split fits, states go in layers
by their distance from the status quo.

>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> from standoff.stability import analyze
>>> conflict = build_conflict(load("examples/chicken.yaml"))
>>> states, note = chosen_states(conflict, analyze(conflict), None)
>>> states, note
([0, 1, 2, 3], None)
>>> place_states(conflict, states, None)
{0: (0, 0), 1: (1, 0), 2: (0, 1), 3: (1, 1)}
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from standoff.conflict import Conflict
from standoff.evolution import Evolution
from standoff.stability import StabilityAnalysis

__all__ = [
    "MAX_DRAWN",
    "Places",
    "chosen_states",
    "concept_counts",
    "grid_places",
    "layer_places",
    "place_states",
]

MAX_DRAWN = 40
"""The most states a graph draws; larger conflicts are collapsed."""

Places = dict[int, tuple[int, int]]
"""State index -> (column, row) of its place in the picture."""


def concept_counts(analysis: StabilityAnalysis, count: int) -> np.ndarray:
    """For each of the ``count`` states, under how many of the analysed concepts it is an
    equilibrium."""
    total = np.zeros(count, dtype=np.int64)
    for result in analysis.results.values():
        total += result.equilibria
    return total


def chosen_states(
    conflict: Conflict, analysis: StabilityAnalysis, evolution: Evolution | None
) -> tuple[list[int], str | None]:
    """The states a graph draws, and a sentence on what was left out (``None``: nothing)."""
    count = conflict.state_count
    if count <= MAX_DRAWN:
        return list(range(count)), None
    concepts = concept_counts(analysis, count)
    chosen: dict[int, None] = {}
    start = evolution.start if evolution is not None else conflict.status_quo
    if start is not None:
        chosen[start] = None
    paths = 0  # reachable equilibria other than the start whose paths are shown
    if evolution is not None:
        reachable = sorted(
            {s for states in evolution.equilibria.values() for s in states},
            key=lambda s: (-int(concepts[s]), int(evolution.by_improvements.distance[s]), s),
        )
        for state in reachable:
            on_path = [step.target for step in evolution.path(state)]
            if len(chosen.keys() | set(on_path)) > MAX_DRAWN:
                continue
            chosen.update(dict.fromkeys(on_path))
            paths += 1 if on_path else 0
    before = len(chosen)
    ranked = np.lexsort((np.arange(count), -concepts))
    for state in ranked[: MAX_DRAWN + len(chosen)].tolist():
        if len(chosen) >= MAX_DRAWN or concepts[state] == 0:
            break
        chosen.setdefault(int(state), None)
    parts = []
    if start is not None:
        parts.append("the status quo" if start == conflict.status_quo else f"state {start + 1}")
    if paths:
        targets = "equilibrium" if paths == 1 else f"{paths} equilibria"
        parts.append(f"the states on the paths of improvements from it to {targets}")
    extra = len(chosen) - before
    equilibria = int(np.count_nonzero(concepts))
    if extra:
        noun = "equilibrium" if extra == 1 else "equilibria"
        parts.append(f"{extra} {noun} under the most concepts (of {equilibria:,} in all)")
    if not chosen:
        chosen = dict.fromkeys(range(MAX_DRAWN))
        parts.append(f"the first {MAX_DRAWN} (there is no status quo and no equilibrium)")
    left_out = count - len(chosen)
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    note = (
        f"Showing {len(chosen)} of {count:,} states: {listed}. The other {left_out:,} states "
        "and the moves through them are left out, and so are the moves between the states "
        "shown that improve no party's position."
    )
    return sorted(chosen), note


def grid_places(conflict: Conflict, states: Sequence[int]) -> Places | None:
    """(column, row) of each state on the best option grid, or ``None`` when none fits well."""
    movers = [party.id for party in conflict.movers]
    if not movers or len(movers) > 10:
        return None
    codes = np.array([int(conflict.codes[s]) for s in states], dtype=np.int64)
    best: tuple[float, Places] | None = None
    for assignment in range(1 << len(movers)):
        x_mask = 0
        for k, party in enumerate(movers):
            if assignment >> k & 1:
                x_mask |= conflict.party_mask(party)
        columns = np.unique(codes & x_mask)
        rows = np.unique(codes & ~np.int64(x_mask))
        cells = columns.size * rows.size
        if cells > 2.5 * len(states) + 2 or columns.size > 12 or rows.size > 8:
            continue
        # few empty cells, then a grid a little wider than high (it must read on a phone too)
        score = 2 * (cells - len(states)) + abs(math.log(columns.size / rows.size / 1.3))
        if best is None or score < best[0]:
            column_of = np.searchsorted(columns, codes & x_mask)
            row_of = np.searchsorted(rows, codes & ~np.int64(x_mask))
            places = {
                s: (int(c), int(r))
                for s, c, r in zip(states, column_of.tolist(), row_of.tolist(), strict=True)
            }
            best = (float(score), places)
    return None if best is None else best[1]


def layer_places(conflict: Conflict, states: Sequence[int], evolution: Evolution | None) -> Places:
    """(column, row): columns by distance from the start by improvements, the rest after."""
    per_column = max(4, math.ceil(math.sqrt(len(states) / 2)))
    columns: list[list[int]] = []
    rest = list(states)
    if evolution is not None:
        distance = evolution.by_improvements.distance
        reached = [s for s in states if distance[s] >= 0]
        depth = max((int(distance[s]) for s in reached), default=-1)
        for level in range(depth + 1):
            columns.append([s for s in reached if distance[s] == level])
        rest = [s for s in states if distance[s] < 0]
        per_column = max([per_column, *(len(c) for c in columns)])
    columns += [rest[i : i + per_column] for i in range(0, len(rest), per_column)]
    return {s: (c, r) for c, column in enumerate(columns) for r, s in enumerate(column)}


def place_states(conflict: Conflict, states: Sequence[int], evolution: Evolution | None) -> Places:
    """(column, row) of each state: on the option grid when one fits well, else in layers."""
    return grid_places(conflict, states) or layer_places(conflict, states, evolution)
