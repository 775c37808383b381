"""The briefing as Markdown (GitHub-flavoured: pipe tables), for wikis, issues and diffs.

The same sections as the HTML briefing; a chart becomes its caption in italics, since the
tables next to it carry its numbers.

>>> from standoff.pipeline import run
>>> text = briefing_markdown(run("examples/chicken.yaml"))
>>> text.splitlines()[0]
'# Chicken'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from standoff._text import printable, printable_lines
from standoff.pipeline import Results
from standoff.report._blocks import (
    Block,
    Cell,
    Facts,
    Figure,
    Items,
    Paragraph,
    Prose,
    Section,
    Sources,
    Span,
    Table,
    Text,
)
from standoff.report._document import build_document

__all__ = ["briefing_markdown", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape_markdown(text: str) -> str:
    r"""``text`` with the characters Markdown would read as markup escaped, and its control
    characters written as escapes (:func:`standoff._text.printable`).

    >>> escape_markdown("status_quo | *a*")
    'status\\_quo \\| \\*a\\*'
    """
    return _SPECIAL.sub(r"\\\1", printable(text))


def _text(text: Text) -> str:
    parts = []
    for part in text:
        if isinstance(part, Span) and part.kind == "code":
            fence = "``" if "`" in part.text else "`"
            parts.append(f"{fence}{printable(part.text)}{fence}")
        elif isinstance(part, Span):
            parts.append(f"**{escape_markdown(part.text)}**")
        else:
            parts.append(escape_markdown(part))
    return "".join(parts)


def _cell(cell: Cell) -> str:
    text = _text(cell.text).replace("\n", " ")
    return f"**{text}**" if cell.mark and text else text


def _table(table: Table) -> str:
    lines = [f"**{escape_markdown(table.caption)}**", ""] if table.caption else []
    lines.append("| " + " | ".join(escape_markdown(name) for name in table.header) + " |")
    lines.append(
        "|"
        + "|".join("---:" if k in table.numeric else "---" for k in range(len(table.header)))
        + "|"
    )
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join(lines)


def render_block(block: Block) -> str:
    """One block as Markdown."""
    if isinstance(block, Paragraph):
        return f"*{_text(block.spans)}*" if block.note else _text(block.spans)
    if isinstance(block, Prose):
        return printable_lines(block.markdown)
    if isinstance(block, Items):
        return "\n".join(f"- {_text(item)}" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Sources):
        return "\n".join(f"- {printable(item)}" for item in block.items)
    if isinstance(block, Facts):
        return "\n".join(f"- **{name}**: {escape_markdown(value)}" for name, value in block.pairs)
    assert isinstance(block, Figure)
    return f"*Figure: {escape_markdown(block.caption)}*"


def render_markdown(parts: Sequence[Section], *, title: str, byline: str) -> str:
    """Sections as a Markdown document, numbered."""
    chunks = [f"# {escape_markdown(title)}", f"*{escape_markdown(byline)}*"]
    for number, section in enumerate(parts, 1):
        chunks.append(f"## {number}. {escape_markdown(section.title)}")
        chunks += [render_block(block) for block in section.blocks]
    return "\n\n".join(chunks) + "\n"


def briefing_markdown(results: Results) -> str:
    """The briefing of the results as Markdown."""
    document = build_document(results)
    return render_markdown(document.sections, title=document.title, byline=document.byline)
