"""Stability: the findings in sentences (:func:`findings`), then the evidence: the state graph,
the equilibria of each concept, and each state's stability for each party. Its JSON is the
contract's ``stability`` key.

A larger conflict's table keeps the status quo and the equilibria, at most the request's row
limit, and says what it left out.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/prisoners_dilemma.yaml", Request(concepts=("nash",)))
>>> stability_data(results)["stability"]["nash"]
{'equilibria': [4], 'stable': {'Ann': [2, 4], 'Bob': [3, 4]}}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from standoff.conflict import Conflict
from standoff.pipeline import EvolutionRecord, Results, StabilityRecord
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
from standoff.report._sections._states import patterns
from standoff.report._wording import (
    ROWS_HINT,
    Lister,
    count,
    join_words,
    number_word,
    state_text,
    state_words,
)
from standoff.stability import CONCEPT_LABELS, StabilityAnalysis, StabilityResult

__all__ = [
    "EQUILIBRIUM",
    "MEANINGS",
    "STABLE",
    "UNSTABLE",
    "findings",
    "headline_concept",
    "result_data",
    "stability",
    "stability_data",
]

STABLE, UNSTABLE, EQUILIBRIUM = "✓", "·", "★"
MEANINGS = {
    "nash": "no party can move to a state it prefers.",
    "gmr": "every move of a party to a state it prefers can be answered by the others so that it "
    "ends no better off (any answer counts, credible or not).",
    "smr": "as under GMR, and the answer still holds after the party's counter-move.",
    "seq": "every move of a party to a state it prefers can be answered by moves the others gain "
    "by (credible threats) so that it ends no better off.",
    "sim": "the others' own improvements, made at the same time, would leave the party no "
    "better off.",
    "seqsim": "stable under SEQ or under SIM, for each party.",
}
"""What stability under each concept means, in one line (see docs/concepts.md)."""


def headline_concept(concepts: Iterable[str]) -> str:
    """The concept the outputs spell out: SEQ when computed, else the first."""
    listed = list(concepts)
    return "seq" if "seq" in listed else listed[0]


def result_data(result: StabilityResult) -> dict[str, Any]:
    """One concept's equilibria and per-party stable states, as ids."""
    return {
        "equilibria": result.equilibrium_ids(),
        "stable": {party: result.stable_ids(party) for party in result.stable},
    }


def stability_data(results: Results) -> dict[str, Any]:
    """The ``stability`` key: every concept computed."""
    record = results.get(StabilityRecord)
    if record is None:
        return {}
    return {
        "stability": {
            concept: result_data(result) for concept, result in record.analysis.results.items()
        }
    }


def stability(results: Results) -> Section | None:
    """The state graph, the equilibria of each concept and the stability table."""
    record = results.get(StabilityRecord)
    if record is None:
        return None
    found, analysis = record.conflict, record.analysis
    lister = Lister(found, results.request.list_limit)
    moves = results.get(EvolutionRecord)
    blocks: list[Block] = [
        Items(tuple(findings(found, analysis, lister))),
        _graph(found, analysis, None if moves is None else moves),
    ]
    blocks.append(
        Table(
            ("concept", "equilibria"),
            tuple(
                (Cell((result.label,)), Cell((lister.mask(result.equilibria),)))
                for result in analysis.results.values()
            ),
            caption="Equilibria: the states stable for every party",
        )
    )
    movers = [party.id for party in found.movers]
    rows = _rows_to_show(found, analysis, results.request.row_limit)
    all_patterns = patterns(found)
    table_rows = []
    for index in rows:
        name = state_words(found, index)
        if index == found.status_quo and name != "status_quo":
            name += " (status quo)"
        cells = [Cell((str(index + 1),)), Cell((name,))]
        for result in analysis.results.values():
            marks = " ".join(STABLE if result.stable[p][index] else UNSTABLE for p in movers)
            equilibrium = bool(result.equilibria[index])
            text = (f"{EQUILIBRIUM} " if equilibrium else "") + marks
            cells.append(Cell((text,), "good" if equilibrium else ""))
        cells.append(Cell((Span(all_patterns[index], "code"),)))
        table_rows.append(tuple(cells))
    header = ("id", "state", *(r.label for r in analysis.results.values()), "pattern")
    mark_columns = tuple(range(2, len(header) - 1))
    blocks.append(
        Table(
            header,
            tuple(table_rows),
            numeric=(0,),
            caption="Stability of each state",
            nowrap=mark_columns,
        )
    )
    legend = (
        f"Each cell has one mark per party ({', '.join(movers)}): {STABLE} stable for that "
        f"party, {UNSTABLE} not; {EQUILIBRIUM} marks an equilibrium, a state stable for every "
        "party.",
    )
    blocks.append(Paragraph(legend, note=True))
    blocks.append(
        Items(
            tuple(
                (Span(CONCEPT_LABELS[c], "strong"), f": {MEANINGS[c]}") for c in analysis.concepts
            )
        )
    )
    if len(rows) < found.state_count:
        blocks.append(
            Paragraph(
                (
                    f"Showing {len(rows):,} of {found.state_count:,} states: the equilibria under "
                    "some concept and the status quo. The JSON output lists every state; ",
                    *ROWS_HINT,
                ),
                note=True,
            )
        )
    if (note := lister.note()) is not None:
        blocks.append(note)
    return Section("conflict", "The conflict", tuple(blocks))


LOOSE_FROM = 8
"""From this many states on, a concept that makes more than half of them equilibria is said not to
discriminate."""


def findings(found: Conflict, analysis: StabilityAnalysis, lister: Lister) -> list[Text]:
    """What the stability analysis finds, in sentences: the outcomes stable under every concept,
    whether the status quo is stable, the named states stable under none, and how many
    equilibria each concept finds (saying which concepts do not discriminate here).

    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> from standoff.stability import analyze
    >>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
    >>> from standoff.report._blocks import plain
    >>> for line in findings(conflict, analyze(conflict, ["nash", "gmr"]), Lister(conflict, 8)):
    ...     print(plain(line))
    One outcome is stable under every concept: 4 (Ann defection + Bob defection).
    The status quo (1 both_cooperate) is stable under GMR, not under Nash.
    Equilibria of each concept, of 4 states: Nash 1; GMR 2.
    """
    results = list(analysis.results.values())
    every = np.logical_and.reduce([r.equilibria for r in results])
    held = int(every.sum())
    under = f"under {results[0].label}" if len(results) == 1 else "under every concept"
    if held:
        noun = "outcome is" if held == 1 else "outcomes are"
        lines: list[Text] = [
            (f"{number_word(held).capitalize()} {noun} stable {under}: {lister.mask(every)}.",)
        ]
    else:
        lines = [(f"No outcome is stable {under}.",)]
    if found.status_quo is not None and len(results) > 1:
        stable = [r.label for r in results if r.equilibria[found.status_quo]]
        unstable = [r.label for r in results if not r.equilibria[found.status_quo]]
        start = "The status quo"
        if found.names.get(found.status_quo) != "status_quo":
            start += f" ({state_text(found, found.status_quo)})"
        if stable and unstable:
            lines.append(
                (
                    f"{start} is stable under {join_words(stable)}, "
                    f"not under {join_words(unstable)}.",
                )
            )
        elif not stable:
            lines.append((f"{start} is stable under none of them.",))
    named_never = [
        index
        for index in sorted(found.names)
        if index != found.status_quo and not any(r.equilibria[index] for r in results)
    ]
    if named_never:
        lines.append(
            (f"Stable under no concept (of the named states): {lister.states(named_never)}.",)
        )
    total = found.state_count
    by_count: dict[int, list[str]] = {}
    for result in results:
        by_count.setdefault(int(result.equilibria.sum()), []).append(result.label)
    counts = "; ".join(
        f"{join_words(labels)} {number or 'none'}" for number, labels in sorted(by_count.items())
    )
    lines.append((f"Equilibria of each concept, of {count(total, 'state')}: {counts}.",))
    if len(results) > 1 and total >= LOOSE_FROM:
        loose = [r.label for r in results if r.equilibria.sum() * 2 > total]
        tight = [r.label for r in results if r.equilibria.sum() * 2 <= total]
        if loose:
            sizes = sorted({int(r.equilibria.sum()) for r in results if r.label in loose})
            many = f"{sizes[0]:,}" if len(sizes) == 1 else f"up to {sizes[-1]:,}"
            these = "this concept does" if len(loose) == 1 else "these concepts do"
            discriminate = (
                f"{join_words(tight)} {'does' if len(tight) == 1 else 'do'}"
                if tight
                else "no concept does"
            )
            lines.append(
                (
                    f"Under {join_words(loose)} {many} of {total:,} states are "
                    f"equilibria: {these} not discriminate here; {discriminate}.",
                )
            )
    return lines


def _graph(found: Conflict, analysis: StabilityAnalysis, moves: EvolutionRecord | None) -> Figure:
    from standoff.report._graph import state_graph

    svg, note = state_graph(found, analysis, None if moves is None else moves.evolution)
    caption = (
        "The state graph. Each circle is a state (its id; below, its name or what is done in "
        "it); each line a unilateral move, in the colour of the party that makes it, with the "
        "arrowhead at the state that party prefers. Green states are equilibria."
    )
    return Figure(svg, caption + (f" {note}" if note else ""), "state-graph")


def _rows_to_show(found: Conflict, analysis: StabilityAnalysis, limit: int | None) -> list[int]:
    if limit is None or found.state_count <= limit:
        return list(range(found.state_count))
    chosen: dict[int, None] = {}
    if found.status_quo is not None:
        chosen[found.status_quo] = None
    for result in analysis.results.values():
        for index in np.flatnonzero(result.equilibria)[:limit].tolist():
            chosen.setdefault(int(index), None)
    return sorted(list(chosen)[:limit])
