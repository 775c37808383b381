"""What a briefing says: one function per section, from a :class:`Briefing` to a
:class:`~standoff.report._blocks.Section` (or ``None`` when the scenario does not support it).

:data:`SECTIONS` lists the section functions in the order a briefing shows them. Adding a
section is writing one function and listing it there; both the HTML and the Markdown briefing
then show it. The bargaining and simulated-talks sections live in their own modules
(:mod:`standoff.report._contents_bargaining`, :mod:`standoff.report._contents_simulation`).

>>> from datetime import UTC, datetime
>>> from standoff.report._briefing import build_briefing
>>> brief = build_briefing("examples/chicken.yaml", generated=datetime(2024, 1, 1, tzinfo=UTC))
>>> [section.title for section in sections(brief)]
['The situation', 'The conflict', 'Where the numbers come from']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, Step
from standoff.evolution import describe_step
from standoff.report._bargaining import _the
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
from standoff.report._briefing import Briefing
from standoff.report._charts import Style, dot_matrix
from standoff.report._contents_bargaining import bargaining
from standoff.report._contents_simulation import simulation
from standoff.report._graph import state_graph
from standoff.report._json import patterns
from standoff.scenario import Scenario
from standoff.stability import CONCEPT_LABELS, StabilityAnalysis

__all__ = [
    "ROW_LIMIT",
    "SECTIONS",
    "bargaining",
    "conflict",
    "evolution",
    "perceptions",
    "provenance",
    "sections",
    "simulation",
    "situation",
]

ROW_LIMIT = 60
"""The stability table of a larger conflict keeps the equilibria and the status quo, at most
this many rows."""
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
SectionFunction = Callable[[Briefing], Section | None]


# -- helpers --------------------------------------------------------------------------------------


def state_text(conflict: Conflict, index: int) -> str:
    """A state as the outputs write it: ``6 interim_deal`` or ``18 (YNYNY)``."""
    name = conflict.names.get(index)
    return f"{index + 1} {name}" if name else f"{index + 1} ({conflict.pattern(index)})"


def _states(conflict: Conflict, indices: Iterable[int], shown: int = 12) -> str:
    listed = [int(i) for i in indices]
    text = ", ".join(state_text(conflict, i) for i in listed[:shown]) or "none"
    return text + (f" and {len(listed) - shown:,} more" if len(listed) > shown else "")


def _mask_states(conflict: Conflict, mask: NDArray[np.bool_], shown: int = 12) -> str:
    return _states(conflict, np.flatnonzero(mask).tolist(), shown)


def _label(conflict: Conflict, party: str) -> str:
    return next((p.label for p in conflict.scenario.parties if p.id == party), party)


def _move(conflict: Conflict, step: Step) -> str:
    """A move in words without the party: ``drop Verified freeze``."""
    return describe_step(conflict, step).split(": ", 1)[1]


def _count(count: int, noun: str, plural: str = "") -> str:
    return f"{count:,} " + (noun if count == 1 else plural or f"{noun}s")


def headline_concept(analysis: StabilityAnalysis | Iterable[str]) -> str:
    """The concept a briefing spells out: SEQ when computed, else the first."""
    concepts = list(analysis.concepts if isinstance(analysis, StabilityAnalysis) else analysis)
    return "seq" if "seq" in concepts else concepts[0]


# -- 1. the situation -----------------------------------------------------------------------------


def situation(brief: Briefing) -> Section:
    """Title, description, sources, parties and their options."""
    scenario = brief.scenario
    blocks: list[Block] = []
    if scenario.description:
        blocks.append(Prose(scenario.description.strip()))
    if scenario.sources:
        blocks.append(Paragraph((Span("Sources", "strong"),)))
        blocks.append(Sources(tuple(scenario.sources)))
    if scenario.negotiation is not None and not any(party.options for party in scenario.parties):
        blocks.append(_roles(scenario))
        return Section("situation", "The situation", tuple(blocks))
    rows: list[tuple[Cell, ...]] = []
    labels = {option.id: option for option in scenario.options}
    for party in scenario.parties:
        name = party.label if party.label == party.id else f"{party.label} ({party.id})"
        if not party.options:
            rows.append((Cell((name,)), Cell(("no options: a party outside the moves",)), Cell(())))
        for position, option_id in enumerate(party.options):
            rows.append(
                (
                    Cell((name if position == 0 else "",)),
                    Cell((labels[option_id].label,)),
                    Cell((Span(option_id, "code"),)),
                )
            )
    blocks.append(Table(("party", "option", "id"), tuple(rows), caption="Parties and options"))
    if brief.conflict is not None:
        found = brief.conflict
        parties = _count(len(found.movers), "party", "parties")
        summary = (
            f"{_count(found.state_count, 'feasible state')} from "
            f"{_count(found.option_count, 'option')} of {parties} with options"
        )
        if found.status_quo is not None:
            summary += f"; the status quo is state {state_text(found, found.status_quo)}"
        blocks.append(Paragraph((summary + ".",)))
    return Section("situation", "The situation", tuple(blocks))


def _roles(scenario: Scenario) -> Table:
    """The parties of a negotiation without options: who is at the table, whose help a BATNA
    needs."""
    negotiation = scenario.negotiation
    assert negotiation is not None
    needed: dict[str, list[str]] = {}
    for holder, batna in negotiation.batnas.items():
        for alternative in batna.alternatives:
            for helper in alternative.needs:
                needed.setdefault(helper, [])
                if holder not in needed[helper]:
                    needed[helper].append(holder)
    rows = []
    labels = {party.id: party.label for party in scenario.parties}
    for party in scenario.parties:
        name = party.label if party.label == party.id else f"{party.label} ({party.id})"
        role = "at the table" if party.id in negotiation.parties else ""
        if party.id in needed:
            whose = " and ".join(_the(labels, holder) for holder in needed[party.id])
            noun, verb = ("BATNA", "rests") if len(needed[party.id]) == 1 else ("BATNAs", "rest")
            role += ("; " if role else "") + f"the {noun} of {whose} {verb} on its cooperation"
        rows.append((Cell((name,)), Cell((role,))))
    return Table(("party", "role"), tuple(rows), caption="Parties")


# -- 2. the conflict ------------------------------------------------------------------------------


def conflict(brief: Briefing) -> Section | None:
    """The state graph, the equilibria of each concept and the stability table."""
    found, analysis = brief.conflict, brief.analysis
    if found is None or analysis is None:
        return None
    svg, note = state_graph(found, analysis, brief.evolution)
    caption = (
        "The state graph. Each circle is a state (its id; its name or pattern below); each line "
        "a unilateral move, in the colour of the party that makes it, with the arrowhead at the "
        "state that party prefers. Green states are equilibria."
    )
    blocks: list[Block] = [Figure(svg, caption + (f" {note}" if note else ""), "state-graph")]
    blocks.append(
        Table(
            ("concept", "equilibria"),
            tuple(
                (Cell((result.label,)), Cell((_mask_states(found, result.equilibria),)))
                for result in analysis.results.values()
            ),
            caption="Equilibria: the states stable for every party",
        )
    )
    movers = [party.id for party in found.movers]
    rows = _rows_to_show(found, analysis)
    all_patterns = patterns(found)
    table_rows = []
    for index in rows:
        cells = [
            Cell((str(index + 1),)),
            Cell(
                (
                    found.names.get(index, "")
                    + (
                        " (status quo)"
                        if index == found.status_quo and found.names.get(index) != "status_quo"
                        else ""
                    ),
                )
            ),
            Cell((Span(all_patterns[index], "code"),)),
        ]
        for result in analysis.results.values():
            marks = " ".join(STABLE if result.stable[p][index] else UNSTABLE for p in movers)
            equilibrium = bool(result.equilibria[index])
            text = (f"{EQUILIBRIUM} " if equilibrium else "") + marks
            cells.append(Cell((text,), "good" if equilibrium else ""))
        table_rows.append(tuple(cells))
    header = ("id", "state", "pattern", *(r.label for r in analysis.results.values()))
    blocks.append(Table(header, tuple(table_rows), numeric=(0,), caption="Stability of each state"))
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
                    "some concept and the status quo. The JSON output lists every state.",
                ),
                note=True,
            )
        )
    return Section("conflict", "The conflict", tuple(blocks))


def _rows_to_show(found: Conflict, analysis: StabilityAnalysis) -> list[int]:
    if found.state_count <= ROW_LIMIT:
        return list(range(found.state_count))
    chosen: dict[int, None] = {}
    if found.status_quo is not None:
        chosen[found.status_quo] = None
    for result in analysis.results.values():
        for index in np.flatnonzero(result.equilibria)[:ROW_LIMIT].tolist():
            chosen.setdefault(int(index), None)
    return sorted(list(chosen)[:ROW_LIMIT])


# -- 3. evolution from the status quo -------------------------------------------------------------


def evolution(brief: Briefing) -> Section | None:
    """The equilibria reachable from the status quo, with the paths drawn on the graph."""
    found, analysis, moves = brief.conflict, brief.analysis, brief.evolution
    if found is None or analysis is None or moves is None:
        return None
    start = state_text(found, moves.start)
    improving = moves.by_improvements
    reached = int(improving.reachable.sum()) - 1
    by_moves = int(moves.by_moves.reachable.sum()) - 1
    blocks: list[Block] = [
        Paragraph(
            (
                f"From state {start}, the parties can reach "
                f"{_count(reached, 'other state')} by unilateral improvements (each move better "
                f"for the party that makes it, no party moving twice in a row), and "
                f"{by_moves:,} by any moves.",
            )
        )
    ]
    concepts_of: dict[int, list[str]] = {}
    for concept, states in moves.equilibria.items():
        for state in states:
            concepts_of.setdefault(state, []).append(CONCEPT_LABELS.get(concept, concept))
    order = sorted(concepts_of, key=lambda s: (int(improving.distance[s]), s))
    if any(s != moves.start for s in order):
        svg, note = state_graph(found, analysis, moves, paths=True, chart="evolution")
        caption = (
            "The paths of improvements from the start (black ring) to each reachable equilibrium "
            "(dashed ring), numbered move by move; states that cannot be reached are faded."
        )
        blocks.append(Figure(svg, caption + (f" {note}" if note else ""), "evolution"))
    if order:
        rows = tuple(
            (
                Cell((state_text(found, s),)),
                Cell((", ".join(concepts_of[s]),)),
                Cell((str(int(improving.distance[s])),)),
                Cell(
                    (
                        " → ".join(describe_step(found, step) for step in moves.path(s))
                        or "(already there)",
                    )
                ),
            )
            for s in order
        )
        blocks.append(
            Table(
                ("equilibrium", "reachable under", "moves", "shortest path of improvements"),
                rows,
                numeric=(2,),
                caption="Equilibria reachable by improvements, nearest first",
            )
        )
    else:
        blocks.append(Paragraph(("No equilibrium is reachable by improvements.",)))
    only_by_moves = sorted(
        {s for states in moves.equilibria_by_moves.values() for s in states} - set(concepts_of)
    )
    if only_by_moves:
        blocks.append(
            Paragraph(
                (
                    "Reachable only through moves someone does not gain by: "
                    f"{_states(found, only_by_moves)}.",
                )
            )
        )
    title = (
        "Evolution from the status quo"
        if moves.start == found.status_quo
        else f"Evolution from state {start}"
    )
    return Section("evolution", title, tuple(blocks))


# -- 4. perceptions -------------------------------------------------------------------------------

_EXPECTATION_STYLES = {
    "real": Style("can really hold (a hyper-equilibrium)", "#1B7837"),
    "right": Style("expected, and can hold", "#A6DBA0"),
    "wrong": Style("expected, but cannot hold", "#D55E00"),
    "missed": Style("can hold, but not expected", "#FFFFFF"),
}


def perceptions(brief: Briefing) -> Section | None:
    """Each side's expected outcome against the real one, and the misjudgments behind it."""
    found, game = brief.conflict, brief.hypergame
    if found is None or game is None:
        return None
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
            rows=["can really hold", *(f"{_label(found, v)} expects" for v in game.viewers)],
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
        name = _label(found, viewer)
        if np.array_equal(expected, real):
            items.append((Span(name, "strong"), " expects exactly the outcomes that can hold."))
            continue
        text: list[str | Span] = [
            Span(name, "strong"),
            f" expects {_mask_states(found, expected)}.",
        ]
        if (expected & ~real).any():
            text.append(f" Cannot hold: {_mask_states(found, expected & ~real)}.")
        if (real & ~expected).any():
            text.append(f" Can hold but not expected: {_mask_states(found, real & ~expected)}.")
        items.append(tuple(text))
    blocks.append(Items(tuple(items)))
    blocks += _misjudgments(brief, concept)
    rows = tuple(
        (
            Cell((CONCEPT_LABELS[c],)),
            Cell((_mask_states(found, game.hyper_equilibria[c], 8),)),
            *(
                Cell(
                    (_mask_states(found, game.expected[v][c], 8),),
                    "" if np.array_equal(game.expected[v][c], game.hyper_equilibria[c]) else "bad",
                )
                for v in game.viewers
            ),
            Cell((_mask_states(found, game.surprises[c], 8),)),
        )
        for c in game.concepts
    )
    expects = (f"{_label(found, v)} expects" for v in game.viewers)
    header = ("concept", "can really hold", *expects, "surprises")
    caption = "Under every concept (marked: expectations that differ from what can hold)"
    blocks.append(Table(header, rows, caption=caption))
    return Section("perceptions", "Perceptions", tuple(blocks))


def _misjudgments(brief: Briefing, concept: str, listed: int = 3) -> list[Block]:
    found, game = brief.conflict, brief.hypergame
    assert found is not None
    assert game is not None
    items: list[Text] = []
    for m in (m for m in game.misjudgments if m.concept == concept):
        viewer, party = _label(found, m.viewer), _label(found, m.party)
        for state, target in m.breaks[:listed]:
            move = _move(found, Step(m.party, state, target))
            items.append(
                (
                    Span(viewer, "strong"),
                    f" expects {party} to accept {state_text(found, state)}, but {party} "
                    f"leaves it for {state_text(found, target)}: {move}.",
                )
            )
        if len(m.breaks) > listed:
            rest = [state for state, _ in m.breaks[listed:]]
            items.append(
                (
                    f"… and {len(rest)} more such states for {viewer} and {party}: "
                    f"{_states(found, rest)}.",
                )
            )
        if m.keeps:
            items.append(
                (
                    Span(viewer, "strong"),
                    f" expects {party} to leave {_states(found, m.keeps)}, but {party} stays.",
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
            changes.append(f"{_states(found, value.lost)} would also hold")
        if value.gained:
            changes.append(f"{_states(found, value.gained)} would no longer hold")
        values.append(
            (
                f"Had {_label(found, value.viewer)} seen the conflict as it is, "
                f"{' and '.join(changes)}.",
            )
        )
    if values:
        blocks.append(Items(tuple(values)))
    return blocks


# -- 7. provenance (5 and 6 are in _contents_bargaining and _contents_simulation) --------------


def provenance(brief: Briefing) -> Section:
    """The standoff version, the scenario file and its hash, the date and the seed."""
    record = brief.provenance
    facts = [
        ("standoff version", record.version),
        ("scenario file", record.file),
        ("SHA-256 of the file", record.sha256 or "(not read from a file)"),
        ("generated", record.generated_text),
        ("seed", str(record.seed) if record.seed is not None else "none: nothing random was run"),
    ]
    talks = brief.simulation
    if talks is not None:
        facts.append(("simulated talks", f"{talks.runs:,} runs per variant"))
    if brief.analysis is not None:
        facts.append(("concepts", ", ".join(CONCEPT_LABELS[c] for c in brief.analysis.concepts)))
    note: list[str | Span] = [
        "Every number in this briefing comes from the scenario file with this hash, analysed by "
        "this version of standoff; ",
        Span(f"standoff analyze {record.file} --format json", "code"),
        " gives the same results as a JSON document.",
    ]
    if talks is not None:
        seed = "" if talks.seed is None else f" --seed {talks.seed}"
        note += [
            " The simulated talks are drawn from the seed above: ",
            Span(f"standoff simulate {record.file} --runs {talks.runs}{seed}", "code"),
            " repeats them, and ",
            Span(f"standoff report {record.file} --runs {talks.runs}{seed}", "code"),
            " this briefing.",
        ]
    return Section(
        "provenance",
        "Where the numbers come from",
        (Facts(tuple(facts)), Paragraph(tuple(note), note=True)),
    )


SECTIONS: tuple[SectionFunction, ...] = (
    situation,
    conflict,
    evolution,
    perceptions,
    bargaining,
    simulation,
    provenance,
)
"""The sections of a briefing, in order."""


def sections(brief: Briefing) -> list[Section]:
    """The sections ``brief`` supports, in :data:`SECTIONS` order."""
    return [section for make in SECTIONS if (section := make(brief)) is not None]
