"""The briefing as a document, before it becomes HTML or Markdown.

A briefing is a list of :class:`Section`; a section is a title and a list of blocks: paragraphs,
the author's Markdown prose, bullet items, tables, a list of sources, a list of facts and
figures (SVG). The HTML and Markdown renderers (:mod:`standoff.report._html`,
:mod:`standoff.report._markdown`) each turn every kind of block into their format, so both
formats always carry the same content; a figure becomes its caption in Markdown.

Text inside blocks is plain text: each renderer escapes it. A paragraph or a cell may mix plain
strings with :class:`Span` for emphasis (``strong``) and code (``code``).

>>> Paragraph(("The status quo is ", Span("stable", "strong"), "."))
Paragraph(spans=('The status quo is ', Span(text='stable', kind='strong'), '.'), note=False)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Block",
    "Cell",
    "Facts",
    "Figure",
    "Items",
    "Paragraph",
    "Prose",
    "Section",
    "Sources",
    "Span",
    "Table",
    "Text",
    "plain",
]


@dataclass(frozen=True)
class Span:
    """A piece of text set apart: ``strong`` (bold) or ``code`` (monospace)."""

    text: str
    kind: Literal["strong", "code"]


Text = tuple[str | Span, ...]
"""Inline text: plain strings and spans, in order."""


def plain(text: Text) -> str:
    """The text without its emphasis.

    >>> plain(("a ", Span("b", "code")))
    'a b'
    """
    return "".join(part if isinstance(part, str) else part.text for part in text)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``note`` paragraphs are set smaller (what was left out, how to read)."""

    spans: Text
    note: bool = False


@dataclass(frozen=True)
class Prose:
    """Markdown written by the scenario's author (its description), rendered safely: no raw
    HTML, no images, links shown as text with their address."""

    markdown: str


@dataclass(frozen=True)
class Items:
    """A bulleted list."""

    items: tuple[Text, ...]


@dataclass(frozen=True)
class Cell:
    """A table cell; ``mark`` sets it apart: ``good`` (an equilibrium) or ``bad`` (an
    expectation that is wrong)."""

    text: Text
    mark: Literal["", "good", "bad"] = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``numeric`` columns are right-aligned; the cells of ``nowrap``
    columns are never broken across lines (rows of marks such as ``★ ✓ ✓ ✓``)."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: tuple[int, ...] = ()
    caption: str = ""
    nowrap: tuple[int, ...] = ()


@dataclass(frozen=True)
class Sources:
    """The scenario's sources: the only place a briefing links outside itself."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """Name–value pairs (the provenance of the numbers)."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Figure:
    """A chart: an ``<svg>`` element, its caption, and the chart's name (``data-chart``)."""

    svg: str
    caption: str
    chart: str


Block = Paragraph | Prose | Items | Table | Sources | Facts | Figure


@dataclass(frozen=True)
class Section:
    """One section of a briefing: ``key`` is its anchor (``situation``), ``title`` its heading."""

    key: str
    title: str
    blocks: tuple[Block, ...]
