"""Results shown in Jupyter: the ``_repr_html_`` of the result records.

A stability analysis shows the briefing's conflict section (the state graph, the equilibria and
the stability table) and, when the scenario names a status quo, its evolution section; a
hypergame shows the perceptions section. The records keep the scenario file they came from
(``source``), not the conflict, so the conflict is rebuilt from that file; when the file is gone
or no longer matches the record, the equilibria are listed by state id instead.

>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> from standoff.stability import analyze
>>> html = notebook_html(analyze(build_conflict(load("examples/chicken.yaml"))))
>>> html.startswith('<div class="standoff-brief">'), 'data-chart="state-graph"' in html
(True, True)
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from standoff.conflict import Conflict, build_conflict
from standoff.evolution import status_quo_analysis
from standoff.perception import Hypergame
from standoff.report._blocks import Cell, Section, Table
from standoff.report._briefing import Briefing, provenance
from standoff.report._contents import conflict as conflict_section
from standoff.report._contents import evolution as evolution_section
from standoff.report._contents import perceptions as perceptions_section
from standoff.report._html import render_fragment
from standoff.scenario import load
from standoff.stability import CONCEPT_LABELS, StabilityAnalysis

__all__ = ["notebook_html"]


def _conflict(source: str, state_count: int) -> Conflict | None:
    """The conflict of ``source``, or ``None`` when it cannot be rebuilt as it was."""
    try:
        found = build_conflict(load(source))
    except (OSError, ValueError):
        return None
    return found if found.state_count == state_count else None


def notebook_html(record: StabilityAnalysis | Hypergame) -> str:
    """The HTML a notebook shows for ``record``."""
    if isinstance(record, Hypergame):
        masks = next(iter(record.hyper_equilibria.values()), np.zeros(0, dtype=np.bool_))
        found = _conflict(record.source, masks.size)
        if found is None:
            return render_fragment([_by_ids("Perceptions", dict(record.hyper_equilibria))])
        brief = Briefing(
            found.scenario, provenance(found.scenario, _now()), found, hypergame=record
        )
        section = perceptions_section(brief)
        return render_fragment([section] if section is not None else [])
    results = list(record.results.values())
    found = _conflict(record.source, results[0].equilibria.size if results else 0)
    if found is None:
        return render_fragment([_by_ids("Equilibria", {r.concept: r.equilibria for r in results})])
    moves = None if found.status_quo is None else status_quo_analysis(found, record)
    brief = Briefing(found.scenario, provenance(found.scenario, _now()), found, record, moves)
    parts = [conflict_section(brief), evolution_section(brief)]
    return render_fragment([part for part in parts if part is not None])


def _now() -> datetime:
    return datetime.now(UTC)


def _by_ids(title: str, masks: dict[str, np.ndarray]) -> Section:
    rows = tuple(
        (
            Cell((CONCEPT_LABELS.get(concept, concept),)),
            Cell((", ".join(str(i + 1) for i in np.flatnonzero(mask).tolist()) or "none",)),
        )
        for concept, mask in masks.items()
    )
    return Section("result", title, (Table(("concept", "state ids"), rows),))
