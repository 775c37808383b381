"""The state graph as a picture: states as nodes, unilateral moves as edges, and a key.

Nodes carry the state's id, and below it its name or what is done in it, wrapped but never cut
mid-word; equilibria are filled green (dark under every concept computed, light under some),
the status quo has a black ring. An edge takes
the colour of the party that moves along it, with an arrowhead towards the state the party
prefers (see :mod:`standoff.report._graph._moves`). With an evolution, the paths of improvements
from the status quo to the reachable equilibria are drawn over the faded graph, each move
numbered by its place in the path.
"""

from __future__ import annotations

import re

from standoff.conflict import Conflict
from standoff.evolution import Evolution
from standoff.report._graph._geometry import (
    RADIUS,
    STEP_X,
    STEP_Y,
    Curve,
    Point,
    bend_side,
    edge_curve,
)
from standoff.report._graph._layout import chosen_states, concept_counts, place_states
from standoff.report._graph._moves import moves_between
from standoff.report._svg import PALETTE, element, group, number, svg_figure
from standoff.report._wording import state_words
from standoff.stability import StabilityAnalysis

__all__ = ["EVERY", "NONE", "SOME", "state_graph"]

EVERY, SOME, NONE = "#1B7837", "#A6DBA0", "#FFFFFF"
"""Node fills: an equilibrium under every concept, under some, under none."""


MIN_WIDTH = 480.0
"""The narrowest graph, in pixels: at three quarters of this (9 px text) it fits a phone."""
LABEL_WIDTH, LABEL_LINES = 18, 4
"""A node's label is wrapped to lines of at most this many characters, and this many lines."""
LETTER = 6.6
"""The width of an average letter of a label, in pixels: the white card behind a label (which
keeps the edges that pass under it from crossing its words) is this wide per letter."""


def label_lines(text: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> list[str]:
    """``text`` wrapped to at most ``lines`` lines of about ``width`` characters, never cut inside
    a word: lines break at spaces and after underscores; a word longer than ``width`` keeps a
    line of its own; what does not fit is left out after the last whole word, marked ``…``.

    >>> label_lines("US relief & exercises + China enforcement")
    ['US relief &', 'exercises + China', 'enforcement']
    >>> label_lines("nk_resumes_testing_after_the_deadline")
    ['nk_resumes_', 'testing_after_the_', 'deadline']
    >>> label_lines("a b c d e f g h i j k l m n o p q r s t u v w x y z", width=6, lines=2)
    ['a b c', 'd e …']
    """
    pieces: list[tuple[str, bool]] = []  # each piece, and whether it follows an underscore
    for part in text.split(" "):
        found = re.findall(r"[^_]*_+|[^_]+", part) or [part]
        pieces += [(piece, k > 0) for k, piece in enumerate(found)]
    result: list[str] = []
    line = ""
    for piece, joined in pieces:
        candidate = line + piece if joined or not line else f"{line} {piece}"
        if line and len(candidate) > width:
            result.append(line)
            line = piece
        else:
            line = candidate
    if line:
        result.append(line)
    if len(result) <= lines:
        return result
    kept = result[:lines]
    last = kept[-1]
    while last and len(last) + 2 > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    kept[-1] = f"{last} …"
    return kept


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
    places = place_states(conflict, states, evolution)
    movers = [party.id for party in conflict.movers]
    colours = {party: PALETTE[k % len(PALETTE)] for k, party in enumerate(movers)}
    size = (max(c for c, _ in places.values()) + 1, max(r for _, r in places.values()) + 1)
    width = max(2 * 84 + STEP_X * (size[0] - 1), MIN_WIDTH)
    left, top = (width - STEP_X * (size[0] - 1)) / 2, 84.0
    legend_top = top + STEP_Y * (size[1] - 1) + 92
    centre = {s: (left + c * STEP_X, top + r * STEP_Y) for s, (c, r) in places.items()}
    concepts = concept_counts(analysis, conflict.state_count)
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
        side = bend_side(places[source], places[target], size, k)
        curve = edge_curve(centre[source], centre[target], others, side)
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


def _played(chart: str, party: int, colour: str, curve: Curve, position: int) -> str:
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
    """A state's node: its circle, id and label, with a ring for the status quo (``status_quo``)
    or a reachable equilibrium (``target``); ``faded`` draws it pale."""
    x, y = centre
    words = state_words(conflict, state)
    parts = [element("title", f"{state + 1} {words} ({conflict.pattern(state)})")]
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
    lines = label_lines(words)
    widest = max(len(text) for text in lines) * LETTER + 6
    parts.append(
        element(
            "rect",
            x=x - widest / 2,
            y=y + RADIUS + 3,
            width=widest,
            height=14 * len(lines) + 3,
            rx=3,
            fill="#FFFFFF",
            fill_opacity=0.85,
        )
    )
    for line, text in enumerate(lines):
        parts.append(
            element(
                "text",
                text,
                x=x,
                y=y + RADIUS + 15 + 14 * line,
                text_anchor="middle",
                fill="#222222",
                stroke="#FFFFFF",
                stroke_width=3,
                paint_order="stroke",
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
