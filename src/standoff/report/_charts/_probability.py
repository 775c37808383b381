"""A chart of probabilities with their intervals: one row per category, one dot per series.

:func:`probability_chart` draws, for example, the share of preference profiles in which each state
is an equilibrium under each concept: a row per state, a dot per concept in its own colour (each
concept on its own lane of the row, so equal values stay visible), a whisker for its interval
when there is one, and dots drawn hollow where ``filled`` says so (not an equilibrium with the
preferences as stated); a hollow dot at 0% is left out, so that what can happen stands out. The
scale runs from 0% to 100%.

>>> svg = probability_chart(
...     chart="equilibrium-probability", title="Equilibrium probability",
...     rows=["1 status_quo", "2 deal"], series=["Nash", "SEQ"],
...     values=[[0.25, 1.0], [0.0, 0.5]], low=[[0.2, 1.0], [0.0, 0.4]],
...     high=[[0.3, 1.0], [0.0, 0.6]], value_label="share of profiles",
... )
>>> 'data-chart="equilibrium-probability"' in svg and svg.count("<circle") == 4 + 2
True
"""

from __future__ import annotations

from collections.abc import Sequence

from standoff.report._charts._axes import TEXT_LETTER, draw_legend
from standoff.report._charts._records import GRID_LINE, INK, MUTED
from standoff.report._svg import PALETTE, element, svg_figure

__all__ = ["probability_chart"]

_LANE = 8.0  # vertical pixels between the series of one row
_STRIPE = "#F4F4F4"


def probability_chart(
    *,
    chart: str,
    title: str,
    rows: Sequence[str],
    series: Sequence[str],
    values: Sequence[Sequence[float]],
    value_label: str,
    low: Sequence[Sequence[float]] | None = None,
    high: Sequence[Sequence[float]] | None = None,
    filled: Sequence[Sequence[bool]] | None = None,
    filled_label: tuple[str, str] = ("", ""),
    colours: Sequence[str] = PALETTE,
    width: float = 480,
) -> str:
    """Dots at ``values[row][series]`` (shares from 0 to 1) with whiskers from ``low`` to
    ``high`` where they differ; ``filled[row][series]`` false draws the dot hollow, and
    ``filled_label`` names the filled and the hollow dots in the legend."""
    shape = (len(rows), len(series))
    for name, grid in (("values", values), ("low", low), ("high", high), ("filled", filled)):
        if grid is not None and (len(grid) != shape[0] or any(len(r) != shape[1] for r in grid)):
            raise ValueError(f"{name} must be {shape[0]} rows of {shape[1]} values")
    label_width = min(200.0, 16 + 6.6 * max((len(r) for r in rows), default=0))
    left, right = label_width, width - 24
    row_height = 10 + _LANE * max(len(series), 1)
    top = 24.0
    bottom = top + row_height * len(rows)

    def x_of(value: float) -> float:
        return left + min(max(float(value), 0.0), 1.0) * (right - left)

    body: list[str] = []
    for r, name in enumerate(rows):
        y = top + row_height * r
        if r % 2 == 0:
            body.append(element("rect", x=0, y=y, width=right, height=row_height, fill=_STRIPE))
        text = name if len(name) <= 28 else name[:27] + "…"
        middle = y + row_height / 2 + 4
        body.append(element("text", text, x=left - 10, y=middle, text_anchor="end", fill=INK))
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = x_of(tick)
        body.append(element("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GRID_LINE))
        body.append(
            element("text", f"{tick:.0%}", x=x, y=top - 8, text_anchor="middle", fill=MUTED)
        )
    body.append(
        element(
            "text",
            value_label,
            x=min((left + right) / 2, width - 8 - TEXT_LETTER * len(value_label) / 2),
            y=bottom + 18,
            text_anchor="middle",
            fill=INK,
        )
    )
    for r in range(len(rows)):
        for s in range(len(series)):
            colour = colours[s % len(colours)]
            y = top + row_height * r + 5 + _LANE * s + _LANE / 2
            solid = filled is None or filled[r][s]
            if values[r][s] <= 0 and not solid:
                continue  # never: left blank, so that the states that can hold stand out
            if low is not None and high is not None and high[r][s] > low[r][s]:
                body.append(
                    element(
                        "line",
                        x1=x_of(low[r][s]),
                        y1=y,
                        x2=x_of(high[r][s]),
                        y2=y,
                        stroke=colour,
                        stroke_width=1.5,
                    )
                )
            body.append(
                element(
                    "circle",
                    cx=x_of(values[r][s]),
                    cy=y,
                    r=4,
                    fill=colour if solid else "#FFFFFF",
                    stroke=colour,
                    stroke_width=1.5,
                )
            )
    entries = [
        (name, element("circle", cx=8, cy=0, r=4, fill=colours[s % len(colours)]))
        for s, name in enumerate(series)
    ]
    solid_text, hollow_text = filled_label
    if filled is not None and solid_text:
        entries.append((solid_text, element("circle", cx=8, cy=0, r=4, fill=MUTED, stroke=MUTED)))
    if filled is not None and hollow_text:
        hollow = element("circle", cx=8, cy=0, r=4, fill="#FFFFFF", stroke=MUTED, stroke_width=1.5)
        entries.append((hollow_text, hollow))
    if low is not None and high is not None:
        whisker = element("line", x1=0, y1=0, x2=16, y2=0, stroke=MUTED, stroke_width=1.5)
        entries.append(("95% interval", whisker))
    legend, used = draw_legend(entries, bottom + 40, width, fit=True)
    height = bottom + 40 + used
    return svg_figure(body + legend, width=width, height=height, title=title, chart=chart)
