"""Rendering results: the JSON document (a contract) and terminal views (rich, imported lazily).

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
    stability_document,
)

if TYPE_CHECKING:
    from standoff.report._bargaining_view import bargaining_view
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
    "analysis_document",
    "analysis_view",
    "bargaining_document",
    "bargaining_view",
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
    "stability_document",
]

_TERMINAL = {"analysis_view", "conflict_view", "options_view"}
_SECTIONS = {
    "coalitions_view",
    "evolution_view",
    "explanation_view",
    "limited_move_view",
    "perceptions_view",
}


def __getattr__(name: str) -> Any:
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
