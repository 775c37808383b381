"""The records charts are drawn from, and the inks they default to.

A chart takes its data as small frozen records: :class:`Points` (a scatter), :class:`Line` (a
polyline), :class:`Region` (a shaded polygon), :class:`Rule` (a line across the plot),
:class:`Marker` (a labelled point) for :func:`~standoff.report._charts.plane_chart`, and
:class:`Style` for the dots of a :func:`~standoff.report._charts.dot_matrix`. Coordinates are in
data units; the chart maps them to pixels.

>>> Rule("BATNA", "x", 0.4)
Rule(label='BATNA', axis='x', value=0.4, colour=None, dashed=True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "GRID_LINE",
    "INK",
    "MUTED",
    "Line",
    "Marker",
    "Point",
    "Points",
    "Region",
    "Rule",
    "Style",
]

INK = "#222222"
"""The colour of labels, titles and markers."""
MUTED = "#666666"
"""The colour of tick labels and of the frame around a plot."""
GRID_LINE = "#DDDDDD"
"""The colour of grid lines."""

Point = tuple[float, float]
"""An (x, y) pair, in data units or in pixels."""


@dataclass(frozen=True)
class Points:
    """A scatter of points (for example every outcome of a negotiation): pairs, or an array of
    shape (n, 2) when there are many."""

    label: str
    points: Sequence[Point] | NDArray[np.float64]
    colour: str = "#999999"
    radius: float = 2.5
    tips: Sequence[str] = ()
    """When given, one per point: each point is drawn as a dot (never binned), above the lines,
    with its tip as an SVG ``<title>``, which a browser shows as a tooltip on pointing at it."""


@dataclass(frozen=True)
class Line:
    """A polyline through ``points`` in order (for example the Pareto frontier)."""

    label: str
    points: Sequence[Point]
    colour: str | None = None
    dashed: bool = False


@dataclass(frozen=True)
class Region:
    """A shaded polygon (for example the ZOPA); ``dashed`` draws its outline dashed (for example
    the ZOPA as a party perceives it)."""

    label: str
    points: Sequence[Point]
    colour: str | None = None
    opacity: float = 0.2
    dashed: bool = False


@dataclass(frozen=True)
class Rule:
    """A line across the whole plot at ``value``: vertical for ``axis="x"``, horizontal for
    ``axis="y"`` (for example a party's BATNA)."""

    label: str
    axis: Literal["x", "y"]
    value: float
    colour: str | None = None
    dashed: bool = True


@dataclass(frozen=True)
class Marker:
    """A labelled point (for example the Nash bargaining solution)."""

    label: str
    point: Point
    colour: str = INK
    shape: Literal["circle", "square", "diamond", "triangle"] = "diamond"
    tip: str = ""
    """What pointing at the marker shows (an SVG ``<title>``); nothing when empty."""


@dataclass(frozen=True)
class Style:
    """How a kind of cell of a :func:`~standoff.report._charts.dot_matrix` is drawn, and its
    legend text."""

    label: str
    fill: str
    stroke: str = INK
