"""Bar charts: one bar per category, a histogram, and bars in groups.

- :func:`bar_chart` draws one horizontal bar per category, its value written at its end.
- :func:`histogram` bins numbers (times to agreement) and draws the counts, with rules such as a
  deadline across its x axis.
- :func:`grouped_bar_chart` draws horizontal bars in groups (the outcome distribution of each
  variant of simulated talks), all on one scale.

>>> svg = bar_chart(
...     chart="outcomes", title="Outcomes", categories=["agreement", "breakdown"],
...     values=[0.75, 0.25], value_label="share of runs", percent=True,
... )
>>> 'data-chart="outcomes"' in svg and ">75.0%</text>" in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from standoff.report._charts._axes import Frame, draw_axes, draw_legend, nice_ticks, tick_text
from standoff.report._charts._records import GRID_LINE, INK, MUTED, Rule
from standoff.report._svg import PALETTE, element, group, svg_figure

__all__ = ["bar_chart", "grouped_bar_chart", "histogram"]


def _value_scale(frame: Frame, ticks: list[float], *, percent: bool) -> list[str]:
    """The vertical grid lines of a horizontal bar chart and their labels below the frame."""
    parts: list[str] = []
    bottom = frame.top + frame.height
    for value in ticks:
        x = frame.x(value)
        parts.append(element("line", x1=x, y1=frame.top, x2=x, y2=bottom, stroke=GRID_LINE))
        text = f"{value:.0%}" if percent else tick_text(value)
        parts.append(element("text", text, x=x, y=bottom + 16, text_anchor="middle", fill=MUTED))
    return parts


def _value_label(frame: Frame, label: str) -> str:
    """The name of the value axis, centred below its tick labels."""
    return element(
        "text",
        label,
        x=frame.left + frame.width / 2,
        y=frame.top + frame.height + 34,
        text_anchor="middle",
        fill=INK,
    )


def _bar_value(value: float, *, percent: bool) -> str:
    """A bar's value as written at its end: ``12.5%`` or ``1,234``."""
    return f"{float(value):.1%}" if percent else f"{float(value):,.4g}"


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
    frame = Frame(
        label_width, 12, width - label_width - 56, height - 52, (0.0, ticks[-1]), (0.0, 1.0)
    )
    body = _value_scale(frame, ticks, percent=percent)
    for position, (category, value) in enumerate(zip(categories, values, strict=True)):
        y = frame.top + 8 + position * (bar_height + gap)
        end = frame.x(float(value))
        middle = y + bar_height / 2 + 4
        body.append(
            element("text", category, x=label_width - 8, y=middle, text_anchor="end", fill=INK)
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
        body.append(
            element("text", _bar_value(value, percent=percent), x=end + 6, y=middle, fill=INK)
        )
    body.append(_value_label(frame, value_label))
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
    frame = Frame(
        64,
        16,
        width - 84,
        height - 60,
        (float(edges[0]), float(edges[-1])),
        (0.0, nice_ticks(0.0, max(top, 1), 4)[-1]),
    )
    body = draw_axes(frame, x_label, y_label, x_values=x_ticks)
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
    entries, used = draw_legend(legend, height + 10, width, fit=True)  # below the x axis label
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
    frame = Frame(
        label_width, 12, width - label_width - 64, height - 52, (0.0, ticks[-1]), (0.0, 1.0)
    )
    body = _value_scale(frame, ticks, percent=percent)
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
            text = _bar_value(value, percent=percent)
            body.append(element("text", text, x=end + 6, y=middle, fill=INK))
    body.append(_value_label(frame, value_label))
    return svg_figure(body, width=width, height=height, title=title, chart=chart)
