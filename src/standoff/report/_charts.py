"""Generic charts in hand-built SVG: a chart of the plane, bars, a histogram and a dot matrix.

- :func:`plane_chart` draws points, lines, shaded regions, rules across the plot and labelled
  markers in x–y coordinates: the utility space of a bargaining problem (outcomes, the Pareto
  frontier, each party's BATNA as a rule, the ZOPA as a region, the Nash and Kalai–Smorodinsky
  points as markers). More than :data:`MAX_POINTS` points are drawn as the cells of a grid they
  occupy, so a million outcomes cost a few kilobytes.
- :func:`bar_chart` draws one horizontal bar per category; :func:`grouped_bar_chart` draws them
  in groups (the outcome distribution of each variant of simulated talks); :func:`histogram`
  bins numbers (times to agreement) and draws the counts, with rules such as a deadline.
- :func:`dot_matrix` marks cells of a table of rows and columns with styled dots (who expects
  which outcome).

Every chart is an ``<svg>`` element (see :func:`standoff.report._svg.svg_figure`).

>>> svg = plane_chart(
...     chart="utility-space", title="Utilities", x_label="US", y_label="NK",
...     points=[Points("outcomes", [(0.1, 0.9), (0.5, 0.5)])],
...     markers=[Marker("Nash", (0.5, 0.5))],
... )
>>> svg.startswith("<svg") and 'data-chart="utility-space"' in svg and ">Nash</text>" in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from standoff.report._svg import PALETTE, element, group, number, path_data, svg_figure

__all__ = [
    "MAX_POINTS",
    "Line",
    "Marker",
    "Points",
    "Region",
    "Rule",
    "Style",
    "bar_chart",
    "dot_matrix",
    "grouped_bar_chart",
    "histogram",
    "nice_ticks",
    "plane_chart",
]

MAX_POINTS = 2_000
"""Beyond this many points a :class:`Points` series is drawn as occupied grid cells."""
_GRID = 120  # cells per axis for dense point clouds
_TEXT_LETTER = 6.6  # the width of a 12 px letter, roughly, in a system sans-serif font
Point = tuple[float, float]
INK, MUTED, GRID_LINE = "#222222", "#666666", "#DDDDDD"


@dataclass(frozen=True)
class Points:
    """A scatter of points (for example every outcome of a negotiation)."""

    label: str
    points: Sequence[Point]
    colour: str = "#999999"
    radius: float = 2.5


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


@dataclass(frozen=True)
class Style:
    """How a kind of cell of a :func:`dot_matrix` is drawn, and its legend text."""

    label: str
    fill: str
    stroke: str = INK


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values covering ``[low, high]`` (steps 1, 2, 2.5 or 5 × 10^k).

    >>> nice_ticks(0, 1)
    [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    >>> nice_ticks(3, 97, 4)
    [0.0, 25.0, 50.0, 75.0, 100.0]
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"cannot place ticks on [{low}, {high}]")
    if high <= low:
        high = low + 1.0
    raw = (high - low) / max(count, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [round(k * step, 10) + 0.0 for k in range(first, last + 1)]


def _tick_text(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class _Frame:
    """The plotting area of a chart and its data ranges."""

    left: float
    top: float
    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def x(self, value: float) -> float:
        low, high = self.x_range
        return self.left + (value - low) / (high - low) * self.width

    def y(self, value: float) -> float:
        low, high = self.y_range
        return self.top + (1 - (value - low) / (high - low)) * self.height

    def point(self, point: Point) -> Point:
        return self.x(point[0]), self.y(point[1])


def _span(values: list[float], given: tuple[float, float] | None) -> tuple[float, float]:
    if given is not None:
        return given
    if not values:
        return 0.0, 1.0
    ticks = nice_ticks(min(values), max(values))
    return ticks[0], ticks[-1]


def _axes(
    frame: _Frame,
    x_label: str,
    y_label: str,
    *,
    x_ticks: bool = True,
    x_values: Sequence[float] | None = None,
) -> list[str]:
    """Grid lines, tick labels, the frame and the axis labels; ``x_values`` sets the ticks of
    the x axis (round numbers by default)."""
    parts: list[str] = []
    bottom = frame.top + frame.height
    for value in nice_ticks(*frame.y_range):
        if frame.y_range[0] - 1e-9 <= value <= frame.y_range[1] + 1e-9:
            y = frame.y(value)
            parts.append(
                element(
                    "line", x1=frame.left, y1=y, x2=frame.left + frame.width, y2=y, stroke=GRID_LINE
                )
            )
            parts.append(
                element(
                    "text",
                    _tick_text(value),
                    x=frame.left - 6,
                    y=y + 4,
                    text_anchor="end",
                    fill=MUTED,
                )
            )
    if x_ticks:
        for value in nice_ticks(*frame.x_range) if x_values is None else x_values:
            if frame.x_range[0] - 1e-9 <= value <= frame.x_range[1] + 1e-9:
                x = frame.x(value)
                parts.append(element("line", x1=x, y1=frame.top, x2=x, y2=bottom, stroke=GRID_LINE))
                parts.append(
                    element(
                        "text",
                        _tick_text(value),
                        x=x,
                        y=bottom + 16,
                        text_anchor="middle",
                        fill=MUTED,
                    )
                )
    parts.append(
        element(
            "rect",
            x=frame.left,
            y=frame.top,
            width=frame.width,
            height=frame.height,
            fill="none",
            stroke=MUTED,
        )
    )
    parts.append(
        element(
            "text",
            x_label,
            x=frame.left + frame.width / 2,
            y=bottom + 34,
            text_anchor="middle",
            fill=INK,
        )
    )
    middle = frame.top + frame.height / 2
    parts.append(
        element(
            "text",
            y_label,
            x=14,
            y=middle,
            text_anchor="middle",
            fill=INK,
            transform=f"rotate(-90 14 {number(middle)})",
        )
    )
    return parts


def _legend(
    entries: list[tuple[str, str]], top: float, width: float, *, fit: bool = False
) -> tuple[list[str], float]:
    """Legend entries (label, swatch element drawn at the origin) from ``top`` in two columns
    (``fit``: in one when the longest label would not fit in half the width); returns the
    elements and the height used."""
    parts: list[str] = []
    column_width = width / 2
    longest = max((len(label) for label, _ in entries), default=0)
    too_long = 16 + 22 + _TEXT_LETTER * longest + 8 > column_width
    columns = 1 if fit and too_long else 2
    for position, (label, swatch) in enumerate(entries):
        x = 16 + (position % columns) * column_width
        y = top + (position // columns) * 20
        parts.append(group([swatch], transform=f"translate({number(x)} {number(y)})"))
        parts.append(element("text", label, x=x + 22, y=y + 4, fill=INK))
    return parts, 20 * ((len(entries) + columns - 1) // columns)


def _marker_shape(shape: str, x: float, y: float, colour: str, size: float = 6) -> str:
    if shape == "circle":
        return element("circle", cx=x, cy=y, r=size, fill=colour, stroke="#FFFFFF")
    if shape == "square":
        return element(
            "rect",
            x=x - size,
            y=y - size,
            width=2 * size,
            height=2 * size,
            fill=colour,
            stroke="#FFFFFF",
        )
    corners = (
        [(x, y - size * 1.3), (x + size * 1.2, y + size), (x - size * 1.2, y + size)]
        if shape == "triangle"
        else [(x, y - size * 1.3), (x + size, y), (x, y + size * 1.3), (x - size, y)]
    )
    return element("path", d=path_data(corners, closed=True), fill=colour, stroke="#FFFFFF")


def _cloud(frame: _Frame, series: Points) -> list[str]:
    data = np.asarray(series.points, dtype=np.float64).reshape(-1, 2)
    if len(data) <= MAX_POINTS:
        return [
            element(
                "circle",
                cx=frame.x(x),
                cy=frame.y(y),
                r=series.radius,
                fill=series.colour,
                fill_opacity=0.7,
            )
            for x, y in data.tolist()
        ]
    (x0, x1), (y0, y1) = frame.x_range, frame.y_range
    column = np.clip(((data[:, 0] - x0) / (x1 - x0) * _GRID).astype(np.int64), 0, _GRID - 1)
    row = np.clip(((data[:, 1] - y0) / (y1 - y0) * _GRID).astype(np.int64), 0, _GRID - 1)
    cells = np.unique(column * _GRID + row)
    cell_w, cell_h = frame.width / _GRID, frame.height / _GRID
    rects = [
        element(
            "rect",
            x=frame.left + (cell // _GRID) * cell_w,
            y=frame.top + frame.height - (cell % _GRID + 1) * cell_h,
            width=cell_w,
            height=cell_h,
        )
        for cell in cells.tolist()
    ]
    return [group(rects, fill=series.colour, fill_opacity=0.6)]


_LETTER = 7.2  # the width of a bold 12 px letter, roughly: enough to keep labels apart
Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlaps(first: Box, second: Box) -> bool:
    return not (
        first[2] <= second[0]
        or second[2] <= first[0]
        or first[3] <= second[1]
        or second[3] <= first[1]
    )


def _label_places(
    frame: _Frame, markers: Sequence[Marker], centres: list[Point]
) -> list[tuple[float, float, str]]:
    """Where each marker's label goes (x, baseline y, text-anchor): beside its marker, on the
    first side where it stays inside the plot and clear of the other markers and labels."""
    taken: list[Box] = [(x - 8, y - 8, x + 8, y + 8) for x, y in centres]
    inside = (frame.left, frame.top, frame.left + frame.width, frame.top + frame.height)
    places: list[tuple[float, float, str]] = []
    for marker, (x, y) in zip(markers, centres, strict=True):
        wide = _LETTER * len(marker.label)
        candidates = [
            (x + 10, y - 8, "start"),
            (x + 10, y + 16, "start"),
            (x - 10, y - 8, "end"),
            (x - 10, y + 16, "end"),
            (x + 10, y - 24, "start"),
            (x - 10, y + 32, "end"),
            (x + 10, y + 32, "start"),
            (x - 10, y - 24, "end"),
        ]

        def box(place: tuple[float, float, str], wide: float = wide) -> Box:
            left = place[0] if place[2] == "start" else place[0] - wide
            return (left, place[1] - 11, left + wide, place[1] + 3)

        def fits(place: tuple[float, float, str]) -> bool:
            edges = box(place)
            return (
                edges[0] >= inside[0]
                and edges[2] <= inside[2]
                and edges[1] >= inside[1]
                and edges[3] <= inside[3]
            )

        clear = [p for p in candidates if fits(p) and not any(_overlaps(box(p), t) for t in taken)]
        within = [p for p in candidates if fits(p)]
        # too long for either side: written towards the middle of the plot
        towards = candidates[0] if x < frame.left + frame.width / 2 else candidates[2]
        chosen = (clear or within or [towards])[0]
        taken.append(box(chosen))
        places.append(chosen)
    return places


def plane_chart(
    *,
    chart: str,
    title: str,
    x_label: str,
    y_label: str,
    points: Sequence[Points] = (),
    lines: Sequence[Line] = (),
    regions: Sequence[Region] = (),
    rules: Sequence[Rule] = (),
    markers: Sequence[Marker] = (),
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    width: float = 560,
    height: float = 420,
) -> str:
    """A chart of the plane; the ranges default to round numbers around everything drawn.

    Layers, bottom to top: regions, points, lines, rules, markers. Unset colours come from
    :data:`~standoff.report._svg.PALETTE` in order of appearance.
    """
    xs: list[float] = []
    ys: list[float] = []
    shapes: list[Points | Line | Region] = [*points, *lines, *regions]
    for shape in shapes:
        for x, y in shape.points:
            xs.append(float(x))
            ys.append(float(y))
    for marker in markers:
        xs.append(float(marker.point[0]))
        ys.append(float(marker.point[1]))
    for rule in rules:
        (xs if rule.axis == "x" else ys).append(float(rule.value))
    frame = _Frame(64, 16, width - 84, height - 72, _span(xs, x_range), _span(ys, y_range))
    colours = iter(PALETTE)
    body = _axes(frame, x_label, y_label)
    legend: list[tuple[str, str]] = []
    clip = f"{chart}-plot"
    body.append(
        f'<defs><clipPath id="{clip}">'
        + element("rect", x=frame.left, y=frame.top, width=frame.width, height=frame.height)
        + "</clipPath></defs>"
    )
    layers: list[str] = []
    for region in regions:
        colour = region.colour or next(colours)
        corners = [frame.point(p) for p in region.points]
        layers.append(
            element(
                "path",
                d=path_data(corners, closed=True),
                fill=colour,
                fill_opacity=region.opacity,
                stroke=colour,
                stroke_dasharray="6 4" if region.dashed else None,
            )
        )
        legend.append(
            (
                region.label,
                element(
                    "rect",
                    x=0,
                    y=-6,
                    width=16,
                    height=12,
                    fill=colour,
                    fill_opacity=region.opacity,
                    stroke=colour,
                    stroke_dasharray="4 2" if region.dashed else None,
                ),
            )
        )
    for series in points:
        layers += _cloud(frame, series)
        legend.append((series.label, element("circle", cx=8, cy=0, r=4, fill=series.colour)))
    for line in lines:
        colour = line.colour or next(colours)
        dash = "6 4" if line.dashed else None
        layers.append(
            element(
                "path",
                d=path_data([frame.point(p) for p in line.points]),
                fill="none",
                stroke=colour,
                stroke_width=2,
                stroke_dasharray=dash,
            )
        )
        legend.append(
            (
                line.label,
                element(
                    "line",
                    x1=0,
                    y1=0,
                    x2=16,
                    y2=0,
                    stroke=colour,
                    stroke_width=2,
                    stroke_dasharray=dash,
                ),
            )
        )
    for rule in rules:
        colour = rule.colour or next(colours)
        dash = "6 4" if rule.dashed else None
        if rule.axis == "x":
            x = frame.x(rule.value)
            ends = {"x1": x, "y1": frame.top, "x2": x, "y2": frame.top + frame.height}
        else:
            y = frame.y(rule.value)
            ends = {"x1": frame.left, "y1": y, "x2": frame.left + frame.width, "y2": y}
        layers.append(
            element("line", **ends, stroke=colour, stroke_width=1.5, stroke_dasharray=dash)
        )
        legend.append(
            (
                rule.label,
                element(
                    "line",
                    x1=0,
                    y1=0,
                    x2=16,
                    y2=0,
                    stroke=colour,
                    stroke_width=1.5,
                    stroke_dasharray=dash,
                ),
            )
        )
    body.append(group(layers, clip_path=f"url(#{clip})"))
    centres = [frame.point(marker.point) for marker in markers]
    for marker, (x, y) in zip(markers, centres, strict=True):
        body.append(_marker_shape(marker.shape, x, y, marker.colour))
    for marker, (x, y, anchor) in zip(markers, _label_places(frame, markers, centres), strict=True):
        body.append(
            element(
                "text",
                marker.label,
                x=x,
                y=y,
                text_anchor=anchor,
                fill=INK,
                font_weight="bold",
                stroke="#FFFFFF",
                stroke_width=3,
                paint_order="stroke",
            )
        )
    entries, used = _legend(legend, height - 8, width, fit=True)
    total = height + used
    return svg_figure(body + entries, width=width, height=total, title=title, chart=chart)


def bar_chart(
    *,
    chart: str,
    title: str,
    categories: Sequence[str],
    values: Sequence[float],
    value_label: str,
    colour: str = PALETTE[0],
    percent: bool = False,
    width: float = 560,
) -> str:
    """One horizontal bar per category, with its value written at the end of the bar
    (``percent``: values are shares from 0 to 1, written as percentages)."""
    if len(categories) != len(values):
        raise ValueError(f"{len(categories)} categories but {len(values)} values")
    label_width = min(220.0, 12 + 7 * max((len(c) for c in categories), default=0))
    bar_height, gap = 22.0, 8.0
    height = 24 + len(categories) * (bar_height + gap) + 40
    top_value = max([float(v) for v in values] + [0.0])
    ticks = nice_ticks(0.0, top_value if top_value > 0 else 1.0, 4)
    frame = _Frame(
        label_width, 12, width - label_width - 56, height - 52, (0.0, ticks[-1]), (0.0, 1.0)
    )
    body: list[str] = []
    bottom = frame.top + frame.height
    for value in ticks:
        x = frame.x(value)
        body.append(element("line", x1=x, y1=frame.top, x2=x, y2=bottom, stroke=GRID_LINE))
        text = f"{value:.0%}" if percent else _tick_text(value)
        body.append(element("text", text, x=x, y=bottom + 16, text_anchor="middle", fill=MUTED))
    for position, (category, value) in enumerate(zip(categories, values, strict=True)):
        y = frame.top + 8 + position * (bar_height + gap)
        end = frame.x(float(value))
        body.append(
            element(
                "text",
                category,
                x=label_width - 8,
                y=y + bar_height / 2 + 4,
                text_anchor="end",
                fill=INK,
            )
        )
        body.append(
            element(
                "rect",
                x=frame.left,
                y=y,
                width=max(end - frame.left, 0.0),
                height=bar_height,
                fill=colour,
            )
        )
        text = f"{float(value):.1%}" if percent else f"{float(value):,.4g}"
        body.append(element("text", text, x=end + 6, y=y + bar_height / 2 + 4, fill=INK))
    body.append(
        element(
            "text",
            value_label,
            x=frame.left + frame.width / 2,
            y=bottom + 34,
            text_anchor="middle",
            fill=INK,
        )
    )
    return svg_figure(body, width=width, height=height, title=title, chart=chart)


def histogram(
    *,
    chart: str,
    title: str,
    values: Sequence[float] | np.ndarray,
    x_label: str,
    bins: int | Sequence[float] = 20,
    y_label: str = "count",
    colour: str = PALETTE[0],
    rules: Sequence[Rule] = (),
    x_ticks: Sequence[float] | None = None,
    width: float = 560,
    height: float = 300,
) -> str:
    """Counts of ``values`` in ``bins`` (a number of equal bins, or their edges) as bars;
    ``rules`` across the x axis (for example a deadline) are drawn over them and listed in a
    legend below; ``x_ticks`` replaces the round tick values of the x axis."""
    data = np.asarray(values, dtype=np.float64).ravel()
    data = data[np.isfinite(data)]
    if isinstance(bins, int) and data.size and float(data.min()) == float(data.max()):
        centre = float(data.min())
        edges: np.ndarray = np.array([centre - 0.5, centre + 0.5])
    else:
        edges = np.histogram_bin_edges(data, bins=bins if isinstance(bins, int) else list(bins))
    counts, edges = np.histogram(data, bins=edges)
    top = int(counts.max()) if counts.size else 0
    frame = _Frame(
        64,
        16,
        width - 84,
        height - 60,
        (float(edges[0]), float(edges[-1])),
        (0.0, nice_ticks(0.0, max(top, 1), 4)[-1]),
    )
    body = _axes(frame, x_label, y_label, x_values=x_ticks)
    bars = [
        element(
            "rect",
            x=frame.x(float(low)),
            y=frame.y(float(count)),
            width=max(frame.x(float(high)) - frame.x(float(low)) - 1, 0.5),
            height=frame.y(0.0) - frame.y(float(count)),
        )
        for low, high, count in zip(
            edges[:-1].tolist(), edges[1:].tolist(), counts.tolist(), strict=True
        )
        if count > 0
    ]
    body.append(group(bars, fill=colour))
    legend: list[tuple[str, str]] = []
    colours = iter(PALETTE[1:])
    for rule in rules:
        if rule.axis != "x":
            raise ValueError(f"a histogram draws rules across its x axis only, not {rule.label!r}")
        line_colour = rule.colour or next(colours)
        dash = "6 4" if rule.dashed else None
        x = frame.x(rule.value)
        body.append(
            element(
                "line",
                x1=x,
                y1=frame.top,
                x2=x,
                y2=frame.top + frame.height,
                stroke=line_colour,
                stroke_width=2,
                stroke_dasharray=dash,
            )
        )
        swatch = element(
            "line",
            x1=0,
            y1=0,
            x2=16,
            y2=0,
            stroke=line_colour,
            stroke_width=2,
            stroke_dasharray=dash,
        )
        legend.append((rule.label, swatch))
    if not legend:
        return svg_figure(body, width=width, height=height, title=title, chart=chart)
    entries, used = _legend(legend, height + 10, width, fit=True)  # below the x axis label
    total = height + used + 4
    return svg_figure(body + entries, width=width, height=total, title=title, chart=chart)


def grouped_bar_chart(
    *,
    chart: str,
    title: str,
    groups: Sequence[str],
    series: Sequence[str],
    values: Sequence[Sequence[float]],
    value_label: str,
    colours: Sequence[str] = PALETTE,
    percent: bool = False,
    width: float = 560,
) -> str:
    """Horizontal bars in groups: under each group's title, one labelled bar per series
    (``values[group][series]``), coloured by series, with its value written at its end
    (``percent``: shares from 0 to 1, written as percentages). All groups share one scale."""
    if len(values) != len(groups) or any(len(row) != len(series) for row in values):
        raise ValueError(
            f"values must be {len(groups)} rows (groups) of {len(series)} values (series)"
        )
    label_width = min(200.0, 28 + 7 * max((len(name) for name in series), default=0))
    bar_height, gap, heading = 16.0, 4.0, 26.0
    group_height = heading + len(series) * (bar_height + gap) + 6
    height = 12 + len(groups) * group_height + 40
    top_value = max([float(v) for row in values for v in row] + [0.0])
    ticks = nice_ticks(0.0, top_value if top_value > 0 else 1.0, 4)
    frame = _Frame(
        label_width, 12, width - label_width - 64, height - 52, (0.0, ticks[-1]), (0.0, 1.0)
    )
    body: list[str] = []
    bottom = frame.top + frame.height
    for value in ticks:
        x = frame.x(value)
        body.append(element("line", x1=x, y1=frame.top, x2=x, y2=bottom, stroke=GRID_LINE))
        text = f"{value:.0%}" if percent else _tick_text(value)
        body.append(element("text", text, x=x, y=bottom + 16, text_anchor="middle", fill=MUTED))
    for position, (name, row) in enumerate(zip(groups, values, strict=True)):
        top = frame.top + position * group_height
        body.append(element("text", name, x=16, y=top + 18, fill=INK, font_weight="bold"))
        for k, (label, value) in enumerate(zip(series, row, strict=True)):
            y = top + heading + k * (bar_height + gap)
            end = frame.x(float(value))
            middle = y + bar_height / 2 + 4
            body.append(element("text", label, x=label_width - 8, y=middle, text_anchor="end"))
            body.append(
                element(
                    "rect",
                    x=frame.left,
                    y=y,
                    width=max(end - frame.left, 0.0),
                    height=bar_height,
                    fill=colours[k % len(colours)],
                )
            )
            text = f"{float(value):.1%}" if percent else f"{float(value):,.4g}"
            body.append(element("text", text, x=end + 6, y=middle, fill=INK))
    body.append(
        element(
            "text",
            value_label,
            x=frame.left + frame.width / 2,
            y=bottom + 34,
            text_anchor="middle",
            fill=INK,
        )
    )
    return svg_figure(body, width=width, height=height, title=title, chart=chart)


def dot_matrix(
    *,
    chart: str,
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Mapping[tuple[int, int], str],
    styles: Mapping[str, Style],
    column_title: str = "",
) -> str:
    """A table of dots: ``cells[(row, column)]`` names the :class:`Style` of a dot; cells not
    given stay empty. Column labels are written at an angle so long names fit."""
    unknown = sorted(set(cells.values()) - set(styles))
    if unknown:
        raise ValueError(f"no style for the cell kinds {', '.join(unknown)}")
    label_width = min(260.0, 16 + 7 * max((len(r) for r in rows), default=0))
    step = 34.0
    header = 24 + 6.2 * min(max((len(c) for c in columns), default=0), 28)
    width = label_width + step * len(columns) + header * 0.75 + 16
    grid_bottom = header + step * len(rows)
    body: list[str] = []
    if column_title:
        body.append(element("text", column_title, x=label_width, y=14, fill=MUTED))
    for c, text in enumerate(columns):
        x = label_width + step * c + step / 2
        body.append(
            element(
                "text",
                text if len(text) <= 28 else text[:27] + "…",
                x=x,
                y=header - 8,
                fill=INK,
                transform=f"rotate(-40 {number(x)} {number(header - 8)})",
            )
        )
    for r, text in enumerate(rows):
        y = header + step * r + step / 2
        if r % 2 == 0:
            body.append(
                element(
                    "rect",
                    x=0,
                    y=y - step / 2,
                    width=label_width + step * len(columns),
                    height=step,
                    fill="#F4F4F4",
                )
            )
        body.append(element("text", text, x=label_width - 10, y=y + 4, text_anchor="end", fill=INK))
    for (r, c), kind in sorted(cells.items()):
        style = styles[kind]
        body.append(
            element(
                "circle",
                cx=label_width + step * c + step / 2,
                cy=header + step * r + step / 2,
                r=9,
                fill=style.fill,
                stroke=style.stroke,
                stroke_width=1.5,
            )
        )
    used_kinds = [kind for kind in styles if kind in set(cells.values())]
    entries = [
        (
            styles[kind].label,
            element(
                "circle",
                cx=8,
                cy=0,
                r=7,
                fill=styles[kind].fill,
                stroke=styles[kind].stroke,
                stroke_width=1.5,
            ),
        )
        for kind in used_kinds
    ]
    width = max(width, 420.0)
    legend, used = _legend(entries, grid_bottom + 22, width)
    height = grid_bottom + 22 + used
    return svg_figure(body + legend, width=width, height=height, title=title, chart=chart)
