"""What every chart draws around its data: the frame and its scales, round ticks, axes, a legend.

A :class:`Frame` is the plotting area of a chart in pixels with the data ranges it shows, and
maps data to pixels (y grows upwards). :func:`nice_ticks` picks round tick values,
:func:`draw_axes` draws the grid lines, tick labels, frame and axis labels of a frame, and
:func:`draw_legend` lays out legend entries below a chart.

>>> frame = Frame(64, 16, 100, 50, (0.0, 1.0), (0.0, 10.0))
>>> frame.point((0.5, 10.0))
(114.0, 16.0)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from standoff.report._charts._records import GRID_LINE, INK, MUTED, Point
from standoff.report._svg import element, group, number

__all__ = ["TEXT_LETTER", "Frame", "draw_axes", "draw_legend", "nice_ticks", "span", "tick_text"]

TEXT_LETTER = 6.6  # the width of a 12 px letter, roughly, in a system sans-serif font


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


def tick_text(value: float) -> str:
    """A tick value as its label: ``0.5``, ``100``, ``1e+06``."""
    return f"{value:g}"


@dataclass(frozen=True)
class Frame:
    """The plotting area of a chart and its data ranges."""

    left: float
    top: float
    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def x(self, value: float) -> float:
        """The pixel column of the data value ``value``."""
        low, high = self.x_range
        return self.left + (value - low) / (high - low) * self.width

    def y(self, value: float) -> float:
        """The pixel row of the data value ``value`` (larger values higher up)."""
        low, high = self.y_range
        return self.top + (1 - (value - low) / (high - low)) * self.height

    def point(self, point: Point) -> Point:
        """A data point in pixels."""
        return self.x(point[0]), self.y(point[1])


def span(values: list[float], given: tuple[float, float] | None) -> tuple[float, float]:
    """The range ``given``, or else round numbers around ``values`` (``(0, 1)`` when empty)."""
    if given is not None:
        return given
    if not values:
        return 0.0, 1.0
    ticks = nice_ticks(min(values), max(values))
    return ticks[0], ticks[-1]


def draw_axes(
    frame: Frame,
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
                    tick_text(value),
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
                        tick_text(value),
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


def draw_legend(
    entries: list[tuple[str, str]], top: float, width: float, *, fit: bool = True
) -> tuple[list[str], float]:
    """Legend entries (label, swatch element drawn at the origin) from ``top`` in two columns,
    or in one when the longest label would not fit in half the width (unless ``fit`` is
    false); returns the elements and the height used."""
    parts: list[str] = []
    column_width = width / 2
    longest = max((len(label) for label, _ in entries), default=0)
    too_long = 16 + 22 + TEXT_LETTER * longest + 8 > column_width
    columns = 1 if fit and too_long else 2
    for position, (label, swatch) in enumerate(entries):
        x = 16 + (position % columns) * column_width
        y = top + (position // columns) * 20
        parts.append(group([swatch], transform=f"translate({number(x)} {number(y)})"))
        parts.append(element("text", label, x=x + 22, y=y + 4, fill=INK))
    return parts, 20 * ((len(entries) + columns - 1) // columns)
