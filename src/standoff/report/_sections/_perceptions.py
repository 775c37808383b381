"""Perceptions: what each party expects against what can really hold (the hypergame), and the
misjudgments behind the difference. Its JSON is the ``perceptions`` key.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/korea_2019.yaml", Request(only=frozenset({"perceptions"})))
>>> perceptions_data(results)["perceptions"]["viewers"]
['US', 'NK', 'China']
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Step
from standoff.perception import Hypergame
from standoff.pipeline import PerceptionsRecord, Results
from standoff.report._blocks import (
    Block,
    Cell,
    Figure,
    Items,
    Paragraph,
    Section,
    Span,
    Table,
    Text,
)
from standoff.report._charts import Style, dot_matrix
from standoff.report._sections._evolution import ids
from standoff.report._sections._stability import headline_concept
from standoff.report._wording import Lister, label_of, move_text, state_text
from standoff.stability import CONCEPT_LABELS

__all__ = ["perceptions", "perceptions_data"]


def perceptions_data(results: Results) -> dict[str, Any]:
    """The ``perceptions`` key: expected, hyper- and predicted equilibria, misjudgments, surprises
    and the value of each perception."""
    record = results.get(PerceptionsRecord)
    if record is None:
        return {}
    return {"perceptions": _hypergame_data(record.hypergame)}


def _hypergame_data(hypergame: Hypergame) -> dict[str, Any]:
    return {
        "viewers": list(hypergame.viewers),
        "concepts": {
            concept: {
                "expected": {
                    v: ids(np.flatnonzero(hypergame.expected[v][concept]))
                    for v in hypergame.viewers
                },
                "hyper_equilibria": ids(np.flatnonzero(hypergame.hyper_equilibria[concept])),
                "predicted": {
                    v: ids(np.flatnonzero(hypergame.predicted[v][concept]))
                    for v in hypergame.viewers
                },
                "surprises": ids(np.flatnonzero(hypergame.surprises[concept])),
            }
            for concept in hypergame.concepts
        },
        "misjudgments": [
            {
                "viewer": m.viewer,
                "party": m.party,
                "concept": m.concept,
                "breaks": [{"state": s + 1, "to": t + 1} for s, t in m.breaks],
                "keeps": ids(m.keeps),
            }
            for m in hypergame.misjudgments
        ],
        "value_of_perception": [
            {
                "viewer": v.viewer,
                "concept": v.concept,
                "gained": ids(v.gained),
                "lost": ids(v.lost),
            }
            for v in hypergame.values
        ],
    }


_EXPECTATION_STYLES = {
    "real": Style("can really hold (a hyper-equilibrium)", "#1B7837"),
    "right": Style("expected, and can hold", "#A6DBA0"),
    "wrong": Style("expected, but cannot hold", "#D55E00"),
    "missed": Style("can hold, but not expected", "#FFFFFF"),
}


def perceptions(results: Results) -> Section | None:
    """Each side's expected outcome against the real one, and the misjudgments behind it."""
    record = results.get(PerceptionsRecord)
    if record is None:
        return None
    found, game = record.conflict, record.hypergame
    lister = Lister(found, results.request.list_limit)
    concept = headline_concept(game.concepts)
    label = CONCEPT_LABELS[concept]
    real = game.hyper_equilibria[concept]
    blocks: list[Block] = [
        Paragraph(
            (
                "Each party acts on the conflict as it perceives it. The outcomes that can "
                "really hold are the ",
                Span("hyper-equilibria", "strong"),
                ": the states where every party is stable in its own view. A party ",
                Span("expects", "strong"),
                f" the equilibria of the game it perceives. Under {label}:",
            )
        )
    ]
    columns = sorted(
        set(np.flatnonzero(real).tolist()).union(
            *(np.flatnonzero(game.expected[v][concept]).tolist() for v in game.viewers)
        )
    )
    if columns:
        cells: dict[tuple[int, int], str] = {}
        for c, state in enumerate(columns):
            if real[state]:
                cells[(0, c)] = "real"
            for r, viewer in enumerate(game.viewers, 1):
                if game.expected[viewer][concept][state]:
                    cells[(r, c)] = "right" if real[state] else "wrong"
                elif real[state]:
                    cells[(r, c)] = "missed"
        svg = dot_matrix(
            chart="perceptions",
            title=f"Expected and real outcomes ({label})",
            rows=["can really hold", *(f"{label_of(found, v)} expects" for v in game.viewers)],
            columns=[state_text(found, s) for s in columns],
            cells=cells,
            styles=_EXPECTATION_STYLES,
        )
        blocks.append(
            Figure(
                svg,
                f"What each party expects against what can really hold ({label}). Red: an "
                "outcome a party counts on that cannot hold; white: one that can hold but that "
                "party does not see coming.",
                "perceptions",
            )
        )
    items: list[Text] = []
    for viewer in game.viewers:
        expected: NDArray[np.bool_] = game.expected[viewer][concept]
        name = label_of(found, viewer)
        if np.array_equal(expected, real):
            items.append((Span(name, "strong"), " expects exactly the outcomes that can hold."))
            continue
        text: list[str | Span] = [
            Span(name, "strong"),
            f" expects {lister.mask(expected)}.",
        ]
        if (expected & ~real).any():
            text.append(f" Cannot hold: {lister.mask(expected & ~real)}.")
        if (real & ~expected).any():
            text.append(f" Can hold but not expected: {lister.mask(real & ~expected)}.")
        items.append(tuple(text))
    blocks.append(Items(tuple(items)))
    blocks += _misjudgments(record, concept, lister)
    rows = tuple(
        (
            Cell((CONCEPT_LABELS[c],)),
            Cell((lister.mask(game.hyper_equilibria[c], 8),)),
            *(
                Cell(
                    (lister.mask(game.expected[v][c], 8),),
                    "" if np.array_equal(game.expected[v][c], game.hyper_equilibria[c]) else "bad",
                )
                for v in game.viewers
            ),
            Cell((lister.mask(game.surprises[c], 8),)),
        )
        for c in game.concepts
    )
    expects = (f"{label_of(found, v)} expects" for v in game.viewers)
    header = ("concept", "can really hold", *expects, "surprises")
    caption = "Under every concept (marked: expectations that differ from what can hold)"
    blocks.append(Table(header, rows, caption=caption))
    if (note := lister.note()) is not None:
        blocks.append(note)
    return Section("perceptions", "Perceptions", tuple(blocks))


def _misjudgments(
    record: PerceptionsRecord, concept: str, lister: Lister, listed: int = 3
) -> list[Block]:
    found, game = record.conflict, record.hypergame
    items: list[Text] = []
    for m in (m for m in game.misjudgments if m.concept == concept):
        viewer, party = label_of(found, m.viewer), label_of(found, m.party)
        shown = len(m.breaks) if lister.limit is None else listed
        for state, target in m.breaks[:shown]:
            move = move_text(found, Step(m.party, state, target))
            items.append(
                (
                    Span(viewer, "strong"),
                    f" expects {party} to accept {state_text(found, state)}, but {party} "
                    f"leaves it for {state_text(found, target)}: {move}.",
                )
            )
        if len(m.breaks) > shown:
            lister.cut = True
            rest = [state for state, _ in m.breaks[shown:]]
            items.append(
                (
                    f"… and {len(rest)} more such states for {viewer} and {party}: "
                    f"{lister.states(rest)}.",
                )
            )
        if m.keeps:
            items.append(
                (
                    Span(viewer, "strong"),
                    f" expects {party} to leave {lister.states(m.keeps)}, but {party} stays.",
                )
            )
    blocks: list[Block] = []
    if items:
        blocks.append(
            Paragraph((Span("The misjudgments", "strong"), f" ({CONCEPT_LABELS[concept]})"))
        )
        blocks.append(Items(tuple(items)))
    values: list[Text] = []
    for value in (v for v in game.values if v.concept == concept and (v.gained or v.lost)):
        changes = []
        if value.lost:
            changes.append(f"{lister.states(value.lost)} would also hold")
        if value.gained:
            changes.append(f"{lister.states(value.gained)} would no longer hold")
        values.append(
            (
                f"Had {label_of(found, value.viewer)} seen the conflict as it is, "
                f"{' and '.join(changes)}.",
            )
        )
    if values:
        blocks.append(Items(tuple(values)))
    return blocks
