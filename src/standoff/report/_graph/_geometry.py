"""The geometry of a state graph: node size, place spacing, and the curves of its edges.

An edge is a quadratic Bézier :class:`Curve` between two node centres, trimmed to the node
circles; it bends (:func:`edge_curve`) when the straight line would cross another node, to the
side :func:`bend_side` picks so that the edges of different parties between the same rows or
columns do not lie on top of each other.

>>> curve = edge_curve((0.0, 0.0), (100.0, 0.0), [], (0.0, -1.0))
>>> curve.data()
'M17 0Q50 0 83 0'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from standoff.report._svg import number

__all__ = ["RADIUS", "STEP_X", "STEP_Y", "Curve", "Point", "bend_side", "edge_curve"]

RADIUS = 16.0
"""The radius of a node's circle, in pixels."""
STEP_X, STEP_Y = 140.0, 124.0
"""The distance between neighbouring places across and down, in pixels."""

Point = tuple[float, float]
"""An (x, y) pair in pixels."""


@dataclass(frozen=True)
class Curve:
    """A quadratic Bézier edge from ``start`` to ``end``."""

    start: Point
    control: Point
    end: Point

    def data(self) -> str:
        """The ``d`` attribute of a ``<path>`` along the curve."""
        (x0, y0), (cx, cy), (x1, y1) = self.start, self.control, self.end
        return f"M{number(x0)} {number(y0)}Q{number(cx)} {number(cy)} {number(x1)} {number(y1)}"

    def reversed(self) -> Curve:
        """The same curve, run from ``end`` to ``start``."""
        return Curve(self.end, self.control, self.start)

    def middle(self) -> Point:
        """The point halfway along the curve (at t = 1/2)."""
        (x0, y0), (cx, cy), (x1, y1) = self.start, self.control, self.end
        return (x0 + 2 * cx + x1) / 4, (y0 + 2 * cy + y1) / 4


def _towards(point: Point, aim: Point, gap: float) -> Point:
    """The point ``gap`` pixels from ``point`` in the direction of ``aim``."""
    dx, dy = aim[0] - point[0], aim[1] - point[1]
    size = math.hypot(dx, dy) or 1.0
    return point[0] + dx / size * gap, point[1] + dy / size * gap


def edge_curve(source: Point, target: Point, others: list[Point], side: Point) -> Curve:
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
    return Curve(
        _towards(source, control, RADIUS + 1), control, _towards(target, control, RADIUS + 1)
    )


def bend_side(
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
