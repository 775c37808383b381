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

from standoff.report._json import FORMAT, analysis_document, patterns

if TYPE_CHECKING:
    from standoff.report._terminal import analysis_view, conflict_view, options_view

__all__ = [
    "FORMAT",
    "analysis_document",
    "analysis_view",
    "conflict_view",
    "options_view",
    "patterns",
]


def __getattr__(name: str) -> Any:
    if name in ("analysis_view", "conflict_view", "options_view"):
        from standoff.report import _terminal

        return getattr(_terminal, name)
    raise AttributeError(f"module 'standoff.report' has no attribute {name!r}")
