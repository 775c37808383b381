"""Rendering results: the JSON document (a contract), terminal views (rich, imported lazily) and
the briefing (self-contained HTML or Markdown, imported lazily).

>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> from standoff.stability import analyze
>>> conflict = build_conflict(load("examples/chicken.yaml"))
>>> document = analysis_document(conflict, analyze(conflict, ["nash"]))
>>> document["stability"]["nash"]["equilibria"]
[2, 3]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from standoff.report._bargaining import bargaining_document, findings
from standoff.report._json import (
    FORMAT,
    analysis_document,
    coalitions_document,
    evolution_document,
    explanation_document,
    limited_move_document,
    patterns,
    perceptions_document,
    scenario_document,
    stability_document,
)

if TYPE_CHECKING:
    from standoff.report._bargaining_view import bargaining_view
    from standoff.report._briefing import Briefing, build_briefing
    from standoff.report._html import briefing_html
    from standoff.report._markdown import briefing_markdown
    from standoff.report._sections import (
        coalitions_view,
        evolution_view,
        explanation_view,
        limited_move_view,
        perceptions_view,
    )
    from standoff.report._terminal import analysis_view, conflict_view, options_view

__all__ = [
    "FORMAT",
    "Briefing",
    "analysis_document",
    "analysis_view",
    "bargaining_document",
    "bargaining_view",
    "briefing_html",
    "briefing_markdown",
    "build_briefing",
    "coalitions_document",
    "coalitions_view",
    "conflict_view",
    "evolution_document",
    "evolution_view",
    "explanation_document",
    "explanation_view",
    "findings",
    "limited_move_document",
    "limited_move_view",
    "options_view",
    "patterns",
    "perceptions_document",
    "perceptions_view",
    "scenario_document",
    "stability_document",
]

_TERMINAL = {"analysis_view", "conflict_view", "options_view"}
_BRIEFING = {
    "Briefing": "_briefing",
    "build_briefing": "_briefing",
    "briefing_html": "_html",
    "briefing_markdown": "_markdown",
}
_SECTIONS = {
    "coalitions_view",
    "evolution_view",
    "explanation_view",
    "limited_move_view",
    "perceptions_view",
}


def __getattr__(name: str) -> Any:
    if name in _BRIEFING:
        import importlib

        return getattr(importlib.import_module(f"standoff.report.{_BRIEFING[name]}"), name)
    if name in _TERMINAL:
        from standoff.report import _terminal

        return getattr(_terminal, name)
    if name in _SECTIONS:
        from standoff.report import _sections

        return getattr(_sections, name)
    if name == "bargaining_view":
        from standoff.report import _bargaining_view

        return _bargaining_view.bargaining_view
    raise AttributeError(f"module 'standoff.report' has no attribute {name!r}")
