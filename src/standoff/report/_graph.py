"""The state graph of a conflict as a picture: states as nodes, unilateral moves as edges.

Nodes carry the state's id, and its name or pattern below; equilibria are filled green (dark
under every concept computed, light under some), the status quo has a black ring. An edge joins
two states when a party can move between them; it takes the party's colour, and its arrowhead
points to the state the party prefers when that move is a unilateral improvement. With an
evolution, the paths of improvements from the status quo to the reachable equilibria are drawn
over the faded graph, each move numbered by its place in the path.

Layout. When the conflict is small the states sit on a grid whose columns are the combinations of
the options of some parties and whose rows are those of the others (a Karnaugh-map layout: a
move by a column party stays in its row, a move by a row party in its column), choosing the
split with the fewest empty cells. Otherwise states are placed in layers by their distance from
the status quo. A conflict of more than :data:`MAX_DRAWN` states is collapsed to the status quo,
the states on the evolution paths and the equilibria under the most concepts, and the figure
says what was left out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from standoff.conflict import Conflict
from standoff.evolution import Evolution
from standoff.report._svg import PALETTE, element, group, number, svg_figure
from standoff.stability import StabilityAnalysis

__all__ = ["MAX_DRAWN", "Move", "chosen_states", "moves_between", "state_graph"]

MAX_DRAWN = 40
"""The most states a graph draws; larger conflicts are collapsed."""
RADIUS = 16.0
STEP_X, STEP_Y = 124.0, 112.0
EVERY, SOME, NONE = "#1B7837", "#A6DBA0", "#FFFFFF"


@dataclass(frozen=True)
class Move:
    """A unilateral move between states ``first`` < ``second`` by ``party``; ``towards`` is the
    state the party improves to by it (``None`` when it improves in neither direction)."""

    party: str
    first: int
    second: int
    towards: int | None


def moves_between(conflict: Conflict, states: Sequence[int]) -> list[Move]:
    """The unilateral moves among ``states`` (indices), straight from the definition: two states
    that differ only in one party's options, in a direction no irreversible option and no
    forbidden-move rule rules out. Quadratic in ``len(states)``: for a few dozen states."""
    codes = [int(conflict.codes[s]) for s in states]
    masks = {party.id: conflict.party_mask(party.id) for party in conflict.movers}
    found: list[Move] = []
    for i, a in enumerate(states):
        for j in range(i + 1, len(states)):
            b = states[j]
            difference = codes[i] ^ codes[j]
            party = next((p for p, mask in masks.items() if difference & ~mask == 0), None)
            if party is None or difference == 0:
                continue
            forward = _legal(conflict, party, a, b)
            backward = _legal(conflict, party, b, a)
            if not (forward or backward):
                continue
            ranks = conflict.ranks.get(party)
            towards = None
            if ranks is not None and ranks[b] < ranks[a] and forward:
                towards = b
            elif ranks is not None and ranks[a] < ranks[b] and backward:
                towards = a
            found.append(Move(party, min(a, b), max(a, b), towards))
    return found


def _legal(conflict: Conflict, party: str, source: int, target: int) -> bool:
    before, after = int(conflict.codes[source]), int(conflict.codes[target])
    if before & ~after & conflict.once_taken or ~before & after & conflict.once_dropped:
        return False
    return not any(
        rule.party == party and rule.source[source] and rule.target[target]
        for rule in conflict.forbidden
    )


def _concept_counts(analysis: StabilityAnalysis, count: int) -> np.ndarray:
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
    concepts = _concept_counts(analysis, count)
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


# -- layout ---------------------------------------------------------------------------------------


def _grid(conflict: Conflict, states: Sequence[int]) -> dict[int, tuple[int, int]] | None:
    """(column, row) of each state on the best option grid, or ``None`` when none fits well."""
    movers = [party.id for party in conflict.movers]
    if not movers or len(movers) > 10:
        return None
    codes = np.array([int(conflict.codes[s]) for s in states], dtype=np.int64)
    best: tuple[float, dict[int, tuple[int, int]]] | None = None
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


def _layers(
    conflict: Conflict, states: Sequence[int], evolution: Evolution | None
) -> dict[int, tuple[int, int]]:
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


# -- drawing --------------------------------------------------------------------------------------

Point = tuple[float, float]


@dataclass(frozen=True)
class _Curve:
    """A quadratic Bézier edge from ``start`` to ``end``."""

    start: Point
    control: Point
    end: Point

    def data(self) -> str:
        (x0, y0), (cx, cy), (x1, y1) = self.start, self.control, self.end
        return f"M{number(x0)} {number(y0)}Q{number(cx)} {number(cy)} {number(x1)} {number(y1)}"

    def reversed(self) -> _Curve:
        return _Curve(self.end, self.control, self.start)

    def middle(self) -> Point:
        (x0, y0), (cx, cy), (x1, y1) = self.start, self.control, self.end
        return (x0 + 2 * cx + x1) / 4, (y0 + 2 * cy + y1) / 4


def _towards(point: Point, aim: Point, gap: float) -> Point:
    dx, dy = aim[0] - point[0], aim[1] - point[1]
    size = math.hypot(dx, dy) or 1.0
    return point[0] + dx / size * gap, point[1] + dy / size * gap


def _curve(source: Point, target: Point, others: list[Point], side: Point) -> _Curve:
    """An edge from ``source`` to ``target``, bent towards ``side`` when the straight line
    would cross another node, trimmed to the node circles."""
    (x0, y0), (x1, y1) = source, target
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    blocked = any(
        0 < (px - x0) * ux + (py - y0) * uy < length
        and abs((px - x0) * uy - (py - y0) * ux) < RADIUS + 6
        for px, py in others
    )
    normal = (-uy, ux) if -uy * side[0] + ux * side[1] >= 0 else (uy, -ux)
    bend = min(0.3 * length, 84.0) if blocked else 0.0
    control = ((x0 + x1) / 2 + normal[0] * bend, (y0 + y1) / 2 + normal[1] * bend)
    return _Curve(
        _towards(source, control, RADIUS + 1), control, _towards(target, control, RADIUS + 1)
    )


def _side(
    first: tuple[int, int], second: tuple[int, int], size: tuple[int, int], party: int
) -> Point:
    """Where an edge between two grid places bends: outwards on the border rows and columns,
    else up or left for every other party and down or right for the rest."""
    (c0, r0), (c1, r1), (columns, rows) = first, second, size
    even = party % 2 == 0
    if r0 == r1:
        if r0 == 0 or (even and r0 != rows - 1):
            return (0.0, -1.0)
        return (0.0, 1.0)
    if c0 == c1:
        if c0 == 0 or (even and c0 != columns - 1):
            return (-1.0, 0.0)
        return (1.0, 0.0)
    return (0.0, -1.0) if even else (0.0, 1.0)


def _label(conflict: Conflict, state: int) -> str:
    name = conflict.names.get(state)
    if name is None:
        return conflict.pattern(state)
    return name if len(name) <= 18 else name[:17] + "…"


def state_graph(
    conflict: Conflict,
    analysis: StabilityAnalysis,
    evolution: Evolution | None = None,
    *,
    paths: bool = False,
    chart: str = "state-graph",
) -> tuple[str, str | None]:
    """The graph as an ``<svg>``, and the sentence on collapsed states (``None`` if all shown).

    ``paths`` draws the evolution's paths of improvements to its reachable equilibria over the
    faded graph (``evolution`` is required then). ``chart`` names the figure (``data-chart``)
    and prefixes its element ids, so several graphs can share a page.
    """
    if paths and evolution is None:
        raise ValueError("drawing evolution paths needs an evolution")
    states, note = chosen_states(conflict, analysis, evolution)
    places = _grid(conflict, states) or _layers(conflict, states, evolution)
    movers = [party.id for party in conflict.movers]
    colours = {party: PALETTE[k % len(PALETTE)] for k, party in enumerate(movers)}
    size = (max(c for c, _ in places.values()) + 1, max(r for _, r in places.values()) + 1)
    width = max(2 * 84 + STEP_X * (size[0] - 1), 560.0)
    left, top = (width - STEP_X * (size[0] - 1)) / 2, 84.0
    legend_top = top + STEP_Y * (size[1] - 1) + 92
    centre = {s: (left + c * STEP_X, top + r * STEP_Y) for s, (c, r) in places.items()}
    concepts = _concept_counts(analysis, conflict.state_count)
    start = evolution.start if evolution is not None else conflict.status_quo

    steps: dict[tuple[int, int], tuple[str, int]] = {}  # (from, to) -> (party, move number)
    targets: set[int] = set()
    if paths and evolution is not None:
        for state in sorted({s for found in evolution.equilibria.values() for s in found}):
            if state in centre:
                targets.add(state)
                for position, step in enumerate(evolution.path(state), 1):
                    steps.setdefault((step.source, step.target), (step.party, position))

    markers = "".join(
        f'<marker id="{chart}-arrow-{k}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0 0L10 5L0 10z" fill="{colours[party]}"/></marker>'
        for k, party in enumerate(movers)
    )
    edges: list[str] = []
    played: list[str] = []
    for move in moves_between(conflict, states):
        if note is not None and move.towards is None:
            continue  # a collapsed graph keeps the moves that improve the mover's position
        k = movers.index(move.party)
        source, target = move.first, move.second
        if move.towards == source:
            source, target = target, source
        others = [p for s, p in centre.items() if s not in (source, target)]
        side = _side(places[source], places[target], size, k)
        curve = _curve(centre[source], centre[target], others, side)
        if paths:
            edges.append(element("path", d=curve.data(), stroke="#CFCFCF", fill="none"))
        else:
            arrow = f"url(#{chart}-arrow-{k})" if move.towards is not None else None
            edges.append(
                element(
                    "path",
                    d=curve.data(),
                    stroke=colours[move.party],
                    fill="none",
                    stroke_width=1.4,
                    stroke_opacity=0.85,
                    marker_end=arrow,
                )
            )
        for pair in ((source, target), (target, source)):
            if steps.get(pair, ("", 0))[0] == move.party:
                along = curve if pair[0] == source else curve.reversed()
                played.append(_played(chart, k, colours[move.party], along, steps[pair][1]))
    nodes = [
        _node(
            conflict,
            state,
            centre[state],
            fill=EVERY
            if concepts[state] == len(analysis.results)
            else SOME
            if concepts[state]
            else NONE,
            status_quo=state == start,
            faded=evolution is not None
            and paths
            and not bool(evolution.by_improvements.reachable[state]),
            target=state in targets,
        )
        for state in states
    ]
    legend, used = _legend(conflict, colours, legend_top, width, paths=paths)
    title = (
        "Paths of improvements from the status quo" if paths else f"State graph: {conflict.title}"
    )
    description = (
        f"{len(states)} states; edges are unilateral moves coloured by party, arrows point to "
        "the state the mover prefers"
    )
    body = [f"<defs>{markers}</defs>", group(edges), group(played), *nodes, *legend]
    figure = svg_figure(
        body,
        width=width,
        height=legend_top + used,
        title=title,
        chart=chart,
        description=description,
    )
    return figure, note


def _played(chart: str, party: int, colour: str, curve: _Curve, position: int) -> str:
    """A move of an evolution path: a thick arrow with its number in the path."""
    x, y = curve.middle()
    return group(
        [
            element(
                "path",
                d=curve.data(),
                stroke=colour,
                fill="none",
                stroke_width=4,
                marker_end=f"url(#{chart}-arrow-{party})",
            ),
            element("circle", cx=x, cy=y, r=9, fill="#FFFFFF", stroke=colour, stroke_width=2),
            element(
                "text",
                str(position),
                x=x,
                y=y + 4,
                text_anchor="middle",
                font_weight="bold",
                fill="#222222",
            ),
        ]
    )


def _node(
    conflict: Conflict,
    state: int,
    centre: Point,
    *,
    fill: str,
    status_quo: bool,
    faded: bool,
    target: bool,
) -> str:
    x, y = centre
    parts = [element("title", f"{state + 1} {conflict.describe(state)}")]
    if status_quo:
        parts.append(
            element(
                "circle",
                cx=x,
                cy=y,
                r=RADIUS + 5,
                fill="#FFFFFF",
                stroke="#000000",
                stroke_width=2.5,
            )
        )
        parts.append(
            element(
                "text",
                "status quo",
                x=x,
                y=y - RADIUS - 10,
                text_anchor="middle",
                font_weight="bold",
                fill="#000000",
                stroke="#FFFFFF",
                stroke_width=3,
                paint_order="stroke",
            )
        )
    if target:
        parts.append(
            element(
                "circle",
                cx=x,
                cy=y,
                r=RADIUS + 5,
                fill="#FFFFFF",
                stroke=EVERY,
                stroke_width=2.5,
                stroke_dasharray="4 3",
            )
        )
    parts.append(
        element("circle", cx=x, cy=y, r=RADIUS, fill=fill, stroke="#333333", stroke_width=1.5)
    )
    parts.append(
        element(
            "text",
            str(state + 1),
            x=x,
            y=y + 4,
            text_anchor="middle",
            font_weight="bold",
            fill="#FFFFFF" if fill == EVERY else "#222222",
        )
    )
    monospace = "ui-monospace, Menlo, Consolas, monospace"
    parts.append(
        element(
            "text",
            _label(conflict, state),
            x=x,
            y=y + RADIUS + 15,
            text_anchor="middle",
            fill="#222222",
            stroke="#FFFFFF",
            stroke_width=3,
            paint_order="stroke",
            font_family=None if state in conflict.names else monospace,
        )
    )
    return group(parts, opacity=0.35 if faded else None)


def _legend(
    conflict: Conflict, colours: dict[str, str], top: float, width: float, *, paths: bool
) -> tuple[list[str], float]:
    """The key below the graph, wrapped to ``width``; returns its elements and height."""
    entries: list[tuple[str, str]] = []
    labels = {party.id: party.label for party in conflict.movers}
    for party, colour in colours.items():
        swatch = element("line", x1=0, y1=0, x2=22, y2=0, stroke=colour, stroke_width=3)
        entries.append((f"{labels[party]} moves", swatch))
    for fill, text in (
        (EVERY, "equilibrium under every concept"),
        (SOME, "equilibrium under some concepts"),
        (NONE, "no equilibrium"),
    ):
        entries.append((text, element("circle", cx=11, cy=0, r=7, fill=fill, stroke="#333333")))
    ring = element("circle", cx=11, cy=0, r=8, fill="none", stroke="#000000", stroke_width=2.5)
    entries.append(("the status quo", ring))
    if paths:
        dashed = element(
            "circle",
            cx=11,
            cy=0,
            r=8,
            fill="none",
            stroke=EVERY,
            stroke_width=2.5,
            stroke_dasharray="4 3",
        )
        entries.append(("a reachable equilibrium", dashed))
        entries.append(
            (
                "a path of improvements, move by move",
                element("line", x1=0, y1=0, x2=22, y2=0, stroke="#444444", stroke_width=4),
            )
        )
    else:
        entries.append(
            (
                "arrowhead: the state the mover prefers",
                element("path", d="M0 -5L10 0L0 5z", fill="#444444", transform="translate(6 0)"),
            )
        )
    parts: list[str] = []
    x, y = 16.0, top
    for text, swatch in entries:
        extent = 36 + 6.8 * len(text)
        if x + extent > width - 8 and x > 16:
            x, y = 16.0, y + 22
        parts.append(group([swatch], transform=f"translate({number(x)} {number(y)})"))
        parts.append(element("text", text, x=x + 28, y=y + 4, fill="#222222"))
        x += extent + 12
    return parts, y - top + 22
