"""A dot matrix: a table of rows and columns whose cells are marked with styled dots.

:func:`dot_matrix` shows, for example, which outcome each party expects (rows: parties, columns:
outcomes); each kind of dot has a :class:`~standoff.report._charts.Style` and a legend entry.

>>> svg = dot_matrix(
...     chart="expectations", title="Who expects what", rows=["US", "NK"],
...     columns=["deal", "war"], cells={(0, 0): "expects", (1, 1): "expects"},
...     styles={"expects": Style("expects it", "#0072B2")},
... )
>>> svg.count("<circle") == 3 and ">expects it</text>" in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from standoff.report._charts._axes import TEXT_LETTER, draw_legend
from standoff.report._charts._records import INK, MUTED, Style
from standoff.report._svg import element, number, svg_figure

__all__ = ["dot_matrix"]

ROW_LETTERS, COLUMN_LETTERS = 36, 28
"""Row and column labels longer than this are cut after a whole word (``…``)."""


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
    given stay empty. Column labels are written at an angle so long names fit; the chart is
    narrowest (it fits a phone) with the many, long names as rows and a few short ones as
    columns."""
    unknown = sorted(set(cells.values()) - set(styles))
    if unknown:
        raise ValueError(f"no style for the cell kinds {', '.join(unknown)}")
    rows = [_shortened(text, ROW_LETTERS) for text in rows]
    columns = [_shortened(text, COLUMN_LETTERS) for text in columns]
    label_width = 16 + TEXT_LETTER * max((len(r) for r in rows), default=0)
    step = 34.0
    slant = math.radians(40)
    # a column label rises at 40 degrees from above its column: its box is this high and wide
    header = 24 + math.sin(slant) * TEXT_LETTER * max((len(c) for c in columns), default=0)
    reach = max(
        (
            label_width + step * c + step / 2 + math.cos(slant) * TEXT_LETTER * len(text)
            for c, text in enumerate(columns)
        ),
        default=0.0,
    )
    width = max(label_width + step * len(columns), reach) + 16
    grid_bottom = header + step * len(rows)
    body: list[str] = []
    if column_title:
        body.append(element("text", column_title, x=label_width, y=14, fill=MUTED))
    for c, text in enumerate(columns):
        x = label_width + step * c + step / 2
        body.append(
            element(
                "text",
                text,
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
    longest = max((len(styles[kind].label) for kind in used_kinds), default=0)
    width = max(width, 16 + 22 + TEXT_LETTER * longest + 8)  # the legend in one column
    legend, used = draw_legend(entries, grid_bottom + 22, width, fit=True)
    height = grid_bottom + 22 + used
    return svg_figure(body + legend, width=width, height=height, title=title, chart=chart)


def _shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters after a whole word, marked ``…``.

    >>> _shortened("16 (US relief & exercises + China enforcement)", 28)
    '16 (US relief & exercises …'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return f"{cut} …" if " " in text[: limit - 1] else f"{cut}…"
