"""A chart of the plane: points, lines, shaded regions, rules and labelled markers.

:func:`plane_chart` draws, in x–y coordinates, the utility space of a bargaining problem: the
outcomes as points, the Pareto frontier as a line, each party's BATNA as a rule, the ZOPA as a
region, the Nash and Kalai–Smorodinsky points as markers. More than :data:`MAX_POINTS` points are
drawn as the cells of a grid they occupy, so a million outcomes cost a few kilobytes. A marker's
label goes beside it, on the first side where it stays inside the plot and clear of the other
markers and labels.

>>> svg = plane_chart(
...     chart="utility-space", title="Utilities", x_label="US", y_label="NK",
...     points=[Points("outcomes", [(0.1, 0.9), (0.5, 0.5)])],
...     markers=[Marker("Nash", (0.5, 0.5))],
... )
>>> svg.startswith("<svg") and 'data-chart="utility-space"' in svg and ">Nash</text>" in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from standoff.report._charts._axes import Frame, draw_axes, draw_legend, span
from standoff.report._charts._records import INK, MUTED, Line, Marker, Point, Points, Region, Rule
from standoff.report._svg import PALETTE, element, escape_text, group, path_data, svg_figure

__all__ = ["MAX_POINTS", "plane_chart"]

MAX_POINTS = 2_000
"""Beyond this many points a :class:`Points` series is drawn as occupied grid cells."""
_GRID = 120  # cells per axis for dense point clouds
_CHUNK = 1 << 18  # points binned at a time (about 4 MB of temporaries)


def _marker_shape(shape: str, x: float, y: float, colour: str, size: float = 6) -> str:
    """A marker of ``shape`` centred on the pixel (x, y), outlined in white."""
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


def _titled(markup: str, tip: str) -> str:
    """An empty element given a ``<title>`` child (its tooltip), the tip's lines kept apart by
    newlines (``&#10;``); unchanged when ``tip`` is empty.

    >>> _titled('<circle r="2"/>', "a < b\\nc")
    '<circle r="2"><title>a &lt; b&#10;c</title></circle>'
    """
    if not tip:
        return markup
    tag = markup[1:].split(" ", 1)[0].rstrip("/>")
    lines = "&#10;".join(escape_text(line) for line in tip.split("\n"))
    return f"{markup[:-2]}><title>{lines}</title></{tag}>"


def _tipped(frame: Frame, series: Points) -> list[str]:
    """A series of points with tips: each a dot with its ``<title>``."""
    data = np.asarray(series.points, dtype=np.float64).reshape(-1, 2)
    return [
        _titled(
            element(
                "circle",
                cx=frame.x(x),
                cy=frame.y(y),
                r=series.radius,
                fill=series.colour,
                fill_opacity=0.7,
            ),
            tip,
        )
        for (x, y), tip in zip(data.tolist(), series.tips, strict=True)
    ]


def _cloud(frame: Frame, series: Points) -> list[str]:
    """A series of points as dots, or as the occupied cells of a grid when there are many."""
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
    occupied = np.zeros(_GRID * _GRID, dtype=bool)
    for start in range(0, len(data), _CHUNK):  # a few MB at a time, whatever the space's size
        part = data[start : start + _CHUNK]
        column = np.clip(((part[:, 0] - x0) / (x1 - x0) * _GRID).astype(np.int64), 0, _GRID - 1)
        row = np.clip(((part[:, 1] - y0) / (y1 - y0) * _GRID).astype(np.int64), 0, _GRID - 1)
        occupied[column * _GRID + row] = True
    cells = np.flatnonzero(occupied)
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
    """Whether two boxes share some area (touching edges do not count)."""
    return not (
        first[2] <= second[0]
        or second[2] <= first[0]
        or first[3] <= second[1]
        or second[3] <= first[1]
    )


def _label_places(
    frame: Frame, markers: Sequence[Marker], centres: list[Point], *, far: bool = False
) -> list[tuple[float, float, str]]:
    """Where each marker's label goes (x, baseline y, text-anchor): beside its marker, on the
    first side where it stays inside the plot and clear of the other markers and labels
    (``far``: also further up or down, where the chart draws a line from the marker to it)."""
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
        if far:
            for rise in (40, 56, 72, 88):
                candidates += [
                    (x + 10, y - rise, "start"),
                    (x + 10, y + rise + 8, "start"),
                    (x - 10, y - rise, "end"),
                    (x - 10, y + rise + 8, "end"),
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


_SIDE_GAP = 15.0  # pixels between the baselines of two side labels


def _side_texts(frame: Frame, labels: Sequence[tuple[float, str, str]]) -> list[str]:
    """Labels at the right of the plot, in order of their value, at least a line apart (one
    without a colour continues the label above it and gets no line to its value)."""
    if not labels:
        return []
    wanted = sorted(
        ((frame.y(value), text, colour) for value, text, colour in labels), key=lambda w: w[0]
    )
    placed = [wanted[0][0]]
    for y, _, _ in wanted[1:]:
        placed.append(max(y, placed[-1] + _SIDE_GAP))
    bottom = frame.top + frame.height + 8
    overflow = placed[-1] - bottom
    if overflow > 0:  # pushed past the bottom: move the column up, still a line apart
        placed = [y - overflow for y in placed]
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - _SIDE_GAP)
    right = frame.left + frame.width
    parts: list[str] = []
    for (y, text, colour), at in zip(wanted, placed, strict=True):
        if colour:  # a continued label has no line of its own
            parts.append(element("line", x1=right, y1=y, x2=right + 10, y2=at, stroke=colour))
        parts.append(element("text", text, x=right + 14, y=at + 4, fill=INK))
    return parts


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
    right_gutter: float = 0.0,
    side_labels: Sequence[tuple[float, str, str]] = (),
    far_labels: bool = False,
) -> str:
    """A chart of the plane; the ranges default to round numbers around everything drawn.

    Layers, bottom to top: regions, points, lines, rules, points with tips, markers. A point
    with a tip and a marker with one get it as an SVG ``<title>``: pointing at it shows the tip
    (a native tooltip, no script). Unset colours come from
    :data:`~standoff.report._svg.PALETTE` in order of appearance; shapes with an empty label
    stay out of the legend. ``side_labels`` (y value, text, colour) are written in a column
    ``right_gutter`` pixels wide at the right of the plot, level with their value where they
    do not collide and pushed apart where they would, each tied to its value by a short line.
    ``far_labels`` lets a crowded marker's label go further up or down, tied to it by a line.
    """
    xs: list[float] = []
    ys: list[float] = []
    shapes: list[Points | Line | Region] = [*points, *lines, *regions]
    for shape in shapes:  # each shape's extent, without a Python loop over its points
        data = np.asarray(shape.points, dtype=np.float64).reshape(-1, 2)
        if data.size:
            xs += [float(data[:, 0].min()), float(data[:, 0].max())]
            ys += [float(data[:, 1].min()), float(data[:, 1].max())]
    for marker in markers:
        xs.append(float(marker.point[0]))
        ys.append(float(marker.point[1]))
    for rule in rules:
        (xs if rule.axis == "x" else ys).append(float(rule.value))
    plot_width = width - 84 - right_gutter
    frame = Frame(64, 16, plot_width, height - 72, span(xs, x_range), span(ys, y_range))
    colours = iter(PALETTE)
    body = draw_axes(frame, x_label, y_label)
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
        if not series.tips:
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
    for series in points:  # points with tips, above the lines, where the pointer finds them
        if series.tips:
            layers += _tipped(frame, series)
    body.append(group(layers, clip_path=f"url(#{clip})"))
    centres = [frame.point(marker.point) for marker in markers]
    for marker, (x, y) in zip(markers, centres, strict=True):
        body.append(_titled(_marker_shape(marker.shape, x, y, marker.colour), marker.tip))
    places = _label_places(frame, markers, centres, far=far_labels)
    for (cx, cy), (x, y, _) in zip(centres, places, strict=True):
        if abs(y - 4 - cy) > 30:  # a label placed away from its marker: a line to it
            end_y = y - 12 if y > cy else y + 2
            body.append(
                element("line", x1=cx, y1=cy, x2=x, y2=end_y, stroke=MUTED, stroke_width=0.8)
            )
    for marker, (x, y, anchor) in zip(markers, places, strict=True):
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
    body += _side_texts(frame, side_labels)
    entries, used = draw_legend([e for e in legend if e[0]], height - 8, width, fit=True)
    total = height + used
    return svg_figure(body + entries, width=width, height=total, title=title, chart=chart)
