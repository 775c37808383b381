"""Rendering :class:`~standoff.pipeline.Results`: the JSON document (a contract), the terminal,
the briefing (self-contained HTML or Markdown) and notebooks. The report layer never computes:
every output is drawn from the records the pipeline returned.

Every format draws the same document (:func:`build_document`): one section per analysis that
ran, in a fixed order. The terminal and HTML renderers are imported when first used.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/chicken.yaml", Request(concepts=("nash",)))
>>> json_document(results)["stability"]["nash"]["equilibria"]
[2, 3]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from standoff.report._document import FORMAT, Document, build_document, json_document
from standoff.report._sections._bargaining_data import bargaining_document, findings
from standoff.report._sections._states import patterns

if TYPE_CHECKING:
    from standoff.report._html import briefing_html, render_html
    from standoff.report._markdown import briefing_markdown
    from standoff.report._notebook import notebook_html
    from standoff.report._terminal import render_terminal, terminal_view

__all__ = [
    "FORMAT",
    "Document",
    "bargaining_document",
    "briefing_html",
    "briefing_markdown",
    "build_document",
    "findings",
    "json_document",
    "notebook_html",
    "patterns",
    "render_html",
    "render_terminal",
    "terminal_view",
]

_LAZY = {
    "briefing_html": "_html",
    "render_html": "_html",
    "briefing_markdown": "_markdown",
    "notebook_html": "_notebook",
    "render_terminal": "_terminal",
    "terminal_view": "_terminal",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"standoff.report.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'standoff.report' has no attribute {name!r}")
