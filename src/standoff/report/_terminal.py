"""The document drawn in a terminal (rich): the same sections, tables and sentences as the
briefing, without its charts and without the scenario's own description (the briefing carries
both).

Text from the scenario is never read as rich markup: every string becomes a
:class:`rich.text.Text`, with its control characters (a newline, an escape sequence) shown as
escapes (:func:`standoff._text.printable`), so that nothing in a scenario can split a line of a
table or drive the terminal.

>>> import io
>>> from rich.console import Console
>>> from standoff.pipeline import run
>>> console = Console(width=100, color_system=None, record=True, file=io.StringIO())
>>> console.print(terminal_view(run("examples/prisoners_dilemma.yaml")))
>>> "2. The states" in console.export_text()
True
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text as RichText

from standoff._text import printable
from standoff.pipeline import Results
from standoff.report._blocks import (
    Block,
    Cell,
    Facts,
    Figure,
    Items,
    Paragraph,
    Prose,
    Sources,
    Span,
    Table,
    Text,
)
from standoff.report._document import Document, build_document

__all__ = ["render_terminal", "terminal_view"]

_MARKS = {"good": "bold green", "bad": "red"}

CELL_CHARACTERS = 1_000
"""The most characters a table cell shows on a terminal, the rest cut with "…": rich lays a cell
out in time that grows with the square of its length (an 800,000-character label hung), and a
terminal reader needs no more; the JSON and the briefings hold the whole text."""


def _plain(text: str, style: str = "") -> RichText:
    """``text`` as it is (never markup), control characters escaped."""
    return RichText(printable(text), style=style)


def _text(text: Text, style: str = "") -> RichText:
    shown = RichText(style=style)
    for part in text:
        if isinstance(part, Span):
            shown.append(printable(part.text), style="bold" if part.kind == "strong" else "cyan")
        else:
            shown.append(printable(part))
    return shown


def _cell(cell: Cell) -> RichText:
    shown = _text(cell.text, _MARKS.get(cell.mark, ""))
    if len(shown) > CELL_CHARACTERS:
        shown.truncate(CELL_CHARACTERS)
        shown.append(" …")
    return shown


def _table(table: Table) -> RichTable:
    drawn = RichTable(
        title=_plain(table.caption, "bold") if table.caption else None,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for position, name in enumerate(table.header):
        drawn.add_column(
            _plain(name),
            justify="right" if position in table.numeric else "left",
            no_wrap=position in table.nowrap,
        )
    for row in table.rows:
        drawn.add_row(*(_cell(cell) for cell in row))
    return drawn


def _block(block: Block) -> RenderableType | None:
    if isinstance(block, Paragraph):
        return _text(block.spans, "dim" if block.note else "")
    if isinstance(block, Items):
        return Group(*(RichText("• ") + _text(item) for item in block.items))
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Facts):
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        for name, value in block.pairs:
            grid.add_row(_plain(name), _plain(value))
        return grid
    if isinstance(block, Sources):
        return Group(*(_plain(f"• {source}") for source in block.items))
    if isinstance(block, Prose | Figure):
        return None  # the scenario's prose and the charts are in the briefing
    raise TypeError(f"no terminal rendering of {type(block).__name__}")


def render_terminal(document: Document) -> RenderableType:
    """The document as one rich renderable: title, then numbered sections."""
    parts: list[RenderableType] = [_plain(document.title, "bold")]
    for number, section in enumerate(document.sections, 1):
        parts += ["", _plain(f"{number}. {section.title}", "bold underline")]
        for block in section.blocks:
            drawn = _block(block)
            if drawn is not None:
                parts.append(drawn)
    return Group(*parts)


def terminal_view(results: Results) -> RenderableType:
    """The results as the terminal shows them."""
    return render_terminal(build_document(results))
