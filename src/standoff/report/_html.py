"""The briefing as one self-contained HTML file, and HTML fragments for notebooks.

The page needs nothing outside itself: the style sheet is inline, the charts are inline SVG, the
fonts are the reader's system fonts, there is no script, and a Content-Security-Policy forbids the
browser to fetch anything. The only addresses in it are the links of the scenario's sources. It
reads on a phone and prints (one column, no navigation).

On a phone the page itself never scrolls sideways. A chart shrinks to the width of the page, but
never below :data:`LEGIBLE_SCALE` of its drawn size, so that its 12 px text stays at least 9 px
high; a chart that would have to shrink further keeps that width in a box of its own that scrolls
sideways, with a hint above it saying so (a wide table scrolls in its own box too). The smallest
width of each chart is a class of its figure (``legible-651``: at least 651 px) with a rule in
the page's style sheet, not an inline style, which the workspace's Content-Security-Policy
forbids (the workspace sets the same smallest widths from the class with a script).

>>> from standoff.pipeline import run
>>> page = briefing_html(run("examples/chicken.yaml"))
>>> page.startswith("<!DOCTYPE html>"), 'data-chart="state-graph"' in page
(True, True)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from standoff._text import printable_lines
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
from standoff.report._document import Document, build_document
from standoff.report._svg import escape_text

__all__ = ["STYLE", "briefing_html", "render_fragment", "render_html", "render_page"]

CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ')
_LEGIBLE_CLASS = re.compile(r'<figure [^>]*class="legible-([0-9]+)"')
LEGIBLE_SCALE = 0.75
"""The smallest scale a chart is shown at: its 12 px text is then 9 px high."""
_NARROW = 704  # CSS pixels (44rem): below it the page has narrower margins
_PAGE_STYLE = "body { margin: 0; }\n"  # a whole page only: its margins are the briefing's
_SCROLL_HINT = "Scroll sideways to see the whole chart \N{RIGHTWARDS ARROW}"

STYLE = """
.standoff-brief { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0;
  --accent: #0b5394; color: var(--ink); font: 16px/1.5 system-ui, -apple-system, "Segoe UI",
  Roboto, "Helvetica Neue", Arial, sans-serif; max-width: 60rem; margin: 0 auto;
  padding: 1rem; }
.standoff-brief h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .25rem; }
.standoff-brief h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--rule); }
.standoff-brief .byline, .standoff-brief .note, .standoff-brief figcaption {
  color: var(--muted); font-size: .875rem; }
.standoff-brief nav ol { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; padding: 0;
  margin: .8rem 0 0; list-style: none; font-size: .9rem; }
.standoff-brief a { color: var(--accent); }
.standoff-brief code { font: .875em ui-monospace, Menlo, Consolas, monospace;
  background: #f3f4f6; padding: 0 .2em; border-radius: 3px; }
.standoff-brief .table-scroll, .standoff-brief .chart-scroll { overflow-x: auto; }
.standoff-brief table { border-collapse: collapse; margin: .8rem 0; font-size: .875rem; }
.standoff-brief caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
.standoff-brief th, .standoff-brief td { border-bottom: 1px solid var(--rule);
  padding: .25rem .6rem; text-align: left; vertical-align: top; }
.standoff-brief th { border-bottom-width: 2px; white-space: nowrap; }
.standoff-brief td.num { text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap; }
.standoff-brief td.nowrap { white-space: nowrap; }
.standoff-brief td.good { background: #dff3d8; font-weight: 600; }
.standoff-brief td.bad { background: #fde4d6; }
.standoff-brief figure { margin: 1rem 0; }
.standoff-brief svg { display: block; max-width: 100%; height: auto; }
.standoff-brief dl.facts { display: grid; grid-template-columns: max-content 1fr;
  gap: .2rem 1rem; font-size: .9rem; }
.standoff-brief dl.facts dt { font-weight: 600; }
.standoff-brief dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.standoff-brief .prose { max-width: 45rem; }
.standoff-brief .scroll-hint { display: none; margin: 0 0 .3rem; color: var(--muted);
  font-size: .875rem; }
@media (max-width: 44rem) {
  .standoff-brief { padding: .6rem; font-size: 15px; }
  .standoff-brief th:first-child, .standoff-brief td:first-child { position: sticky; left: 0;
    z-index: 1; background: #fff; box-shadow: 1px 0 0 var(--rule); }
}
@media print {
  .standoff-brief { max-width: none; padding: 0; font-size: 11pt; }
  .standoff-brief nav { display: none; }
  .standoff-brief .chart-scroll, .standoff-brief .table-scroll { overflow: visible; }
  .standoff-brief figure .chart-scroll svg { min-width: 0; }
  .standoff-brief li, .standoff-brief p { orphans: 2; widows: 2; }
  .standoff-brief figure, .standoff-brief tr { break-inside: avoid; }
  .standoff-brief h2, .standoff-brief caption { break-after: avoid; }
  .standoff-brief a { color: inherit; }
}
"""


def legible_width(svg: str) -> int:
    """The smallest width, in CSS pixels, at which the chart ``svg`` is shown: its drawn width
    at :data:`LEGIBLE_SCALE`, rounded up.

    >>> legible_width('<svg viewBox="0 0 868 592">'), legible_width('<svg viewBox="0 0 480 9">')
    (651, 360)
    """
    found = _VIEWBOX.search(svg)
    return math.ceil(float(found.group(1)) * LEGIBLE_SCALE) if found else 0


def _legible_rules(html: str) -> str:
    """The style of each smallest chart width ``html`` uses: the chart keeps that width, and the
    hint above it shows on the screens too narrow for it (the page's margins are .6rem a side
    below 44rem, 1rem above)."""
    rules = []
    for width in sorted({int(found) for found in _LEGIBLE_CLASS.findall(html)}):
        screen = width + 19 if width + 19 <= _NARROW else width + 31
        rules.append(
            f".standoff-brief .legible-{width} svg {{ min-width: {width}px; }}\n"
            f"@media screen and (max-width: {screen}px) {{ "
            f".standoff-brief .legible-{width} .scroll-hint {{ display: block; }} }}\n"
        )
    return "".join(rules)


def _text(text: Text) -> str:
    parts = []
    for part in text:
        if isinstance(part, Span):
            tag = "strong" if part.kind == "strong" else "code"
            parts.append(f"<{tag}>{escape_text(part.text)}</{tag}>")
        else:
            parts.append(escape_text(part))
    return "".join(parts)


def _prose(markdown: str) -> str:
    """The author's Markdown: no raw HTML, no images, links as text followed by the address."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": False}).disable("image")

    def link_open(self: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
        env.setdefault("links", []).append(tokens[index].attrGet("href") or "")
        return ""

    def link_close(self: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
        address = env["links"].pop()
        return f" ({escape_text(address)})" if address else ""

    renderer.add_render_rule("link_open", link_open)
    renderer.add_render_rule("link_close", link_close)
    return f'<div class="prose">{renderer.render(printable_lines(markdown), {})}</div>'


def _cell(cell: Cell, tag: str, numeric: bool, nowrap: bool = False) -> str:
    kinds = ("num" if numeric else "", "nowrap" if nowrap else "", cell.mark)
    classes = " ".join(name for name in kinds if name)
    attribute = f' class="{classes}"' if classes else ""
    return f"<{tag}{attribute}>{_text(cell.text)}</{tag}>"


def _table(table: Table) -> str:
    caption = f"<caption>{escape_text(table.caption)}</caption>" if table.caption else ""
    head = "".join(f'<th scope="col">{escape_text(name)}</th>' for name in table.header)
    body = "".join(
        "<tr>"
        + "".join(
            _cell(cell, "td", k in table.numeric, k in table.nowrap) for k, cell in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return (
        f'<div class="table-scroll"><table>{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _source(text: str) -> str:
    """A source with its web addresses made links (the only outside links of a briefing)."""
    parts, position = [], 0
    for match in _URL.finditer(text):
        parts.append(escape_text(text[position : match.start()]))
        address = escape_text(match.group(0))
        parts.append(f'<a href="{address}" rel="noreferrer">{address}</a>')
        position = match.end()
    parts.append(escape_text(text[position:]))
    return "".join(parts)


def _figure(figure: Figure) -> str:
    return (
        f'<figure id="figure-{escape_text(figure.chart)}" '
        f'class="legible-{legible_width(figure.svg)}">'
        f'<p class="scroll-hint" aria-hidden="true">{escape_text(_SCROLL_HINT)}</p>'
        f'<div class="chart-scroll">{figure.svg}</div>'
        f"<figcaption>{escape_text(figure.caption)}</figcaption></figure>"
    )


def render_block(block: Block) -> str:
    """One block as HTML."""
    if isinstance(block, Paragraph):
        return (
            f'<p class="note">{_text(block.spans)}</p>'
            if block.note
            else (f"<p>{_text(block.spans)}</p>")
        )
    if isinstance(block, Prose):
        return _prose(block.markdown)
    if isinstance(block, Items):
        return "<ul>" + "".join(f"<li>{_text(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Sources):
        return (
            '<ul class="sources">'
            + "".join(f"<li>{_source(item)}</li>" for item in block.items)
            + "</ul>"
        )
    if isinstance(block, Facts):
        pairs = "".join(
            f"<dt>{escape_text(name)}</dt><dd>{escape_text(value)}</dd>"
            for name, value in block.pairs
        )
        return f'<dl class="facts">{pairs}</dl>'
    return _figure(block)


def _section(section: Section, number: int | None) -> str:
    heading = escape_text(section.title if number is None else f"{number}. {section.title}")
    body = "".join(render_block(block) for block in section.blocks)
    return f'<section id="{escape_text(section.key)}"><h2>{heading}</h2>{body}</section>'


def render_fragment(parts: Sequence[Section]) -> str:
    """Sections as an HTML fragment with its style sheet (for a notebook cell)."""
    body = "".join(_section(section, None) for section in parts)
    style = STYLE + _legible_rules(body)
    return f'<div class="standoff-brief"><style>{style}</style>{body}</div>'


def render_page(parts: Sequence[Section], *, title: str, byline: str) -> str:
    """Sections as a complete page, numbered, with a table of contents."""
    contents = "".join(
        f'<li><a href="#{escape_text(s.key)}">{k}. {escape_text(s.title)}</a></li>'
        for k, s in enumerate(parts, 1)
    )
    body = "\n".join(_section(section, k) for k, section in enumerate(parts, 1))
    style = STYLE + _PAGE_STYLE + _legible_rules(body)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">\n'
        '<meta name="generator" content="standoff">\n'
        f"<title>{escape_text(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f'<main class="standoff-brief">\n<header><h1>{escape_text(title)}</h1>'
        f'<p class="byline">{escape_text(byline)}</p>'
        f'<nav aria-label="Contents"><ol>{contents}</ol></nav></header>\n'
        f"{body}\n</main>\n</body>\n</html>\n"
    )


def render_html(document: Document) -> str:
    """A document as one self-contained HTML page."""
    return render_page(document.sections, title=document.title, byline=document.byline)


def briefing_html(results: Results) -> str:
    """The briefing of the results as one self-contained HTML page."""
    return render_html(build_document(results))
