"""Building blocks of hand-written SVG: escaping, elements, numbers, and the outer ``<svg>``.

Charts are plain strings of SVG 1.1 that any browser, mail client or notebook shows without a
script or a network request. Numbers are written with at most two decimals so that documents are
small and stable from run to run.

>>> element("circle", cx=1.0, cy=2.5, r=3, fill="#fff")
'<circle cx="1" cy="2.5" r="3" fill="#fff"/>'
>>> element("text", "a < b", x=0, y=0, text_anchor="middle")
'<text x="0" y="0" text-anchor="middle">a &lt; b</text>'
"""

from __future__ import annotations

import math
from html import escape

from standoff._text import printable

__all__ = [
    "PALETTE",
    "element",
    "escape_text",
    "group",
    "number",
    "path_data",
    "svg_figure",
]

PALETTE = ("#0072B2", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#B8860B")
"""Colours for parties and series (Okabe & Ito's colour-blind safe set, green left for
equilibria)."""


def number(value: float) -> str:
    """A coordinate as short text: at most two decimals, no trailing zeros, no ``-0``.

    >>> number(3.0), number(2.456), number(-0.001)
    ('3', '2.46', '0')
    """
    if not math.isfinite(value):
        raise ValueError(f"cannot draw the coordinate {value!r}")
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def escape_text(text: str) -> str:
    """``text`` escaped for SVG and HTML content and attribute values, its control characters
    written as escapes (:func:`standoff._text.printable`)."""
    return escape(printable(text), quote=True)


def element(tag: str, content: str | None = None, /, **attributes: object) -> str:
    """One element: ``attributes`` with ``_`` read as ``-`` (``text_anchor``), ``None`` left out,
    numbers shortened; ``content`` is escaped text. Use :func:`group` for child elements."""
    parts = [tag]
    for key, value in attributes.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        shown = number(value) if isinstance(value, float | int) else str(value)
        parts.append(f'{name}="{escape_text(shown)}"')
    opening = " ".join(parts)
    if content is None:
        return f"<{opening}/>"
    return f"<{opening}>{escape_text(content)}</{tag}>"


def group(children: list[str], /, **attributes: object) -> str:
    """A ``<g>`` holding already-built elements."""
    opening = element("g", **attributes)[:-2]
    return f"{opening}>{''.join(children)}</g>"


def path_data(points: list[tuple[float, float]], *, closed: bool = False) -> str:
    """The ``d`` attribute of a polyline (``closed``: a polygon) through ``points``.

    >>> path_data([(0, 0), (10, 5.5)])
    'M0 0L10 5.5'
    """
    text = "".join(
        f"{'M' if i == 0 else 'L'}{number(x)} {number(y)}" for i, (x, y) in enumerate(points)
    )
    return text + ("Z" if closed else "")


def svg_figure(
    body: list[str], *, width: float, height: float, title: str, chart: str, description: str = ""
) -> str:
    """The outer ``<svg>``: scalable (``viewBox``), titled for screen readers, marked with
    ``data-chart`` so tests and style sheets can find it."""
    label = [element("title", title)]
    if description:
        label.append(element("desc", description))
    opening = element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {number(width)} {number(height)}",
        width=width,
        height=height,
        role="img",
        data_chart=chart,
        font_family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
        "sans-serif",
        font_size=12,
    )[:-2]
    return f"{opening}>{''.join(label)}{''.join(body)}</svg>"
