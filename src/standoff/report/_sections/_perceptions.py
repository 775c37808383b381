"""Perceptions: what each party expects against what can really hold (the hypergame), and the
misjudgments behind the difference. Its JSON is the ``perceptions`` key.

The section leads with its findings: what can really hold, one headline per party that holds a
misperception (a ``perceptions`` entry), what that misjudgment rules out or lets hold, and who
sees the conflict as it is. A party with no misperception of its own is never shown as mistaken:
what it expects but cannot hold is ruled out by another's misjudgment (grey in the chart, not
red, and not marked in the table).

>>> from standoff.pipeline import Request, run
>>> results = run("examples/korea_2019.yaml", Request(only=frozenset({"perceptions"})))
>>> perceptions_data(results)["perceptions"]["viewers"]
['US', 'NK', 'China']
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, Step
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
from standoff.report._wording import (
    Lister,
    count,
    join_words,
    label_of,
    move_words,
    number_word,
    state_text,
    the,
    the_upper,
)
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
    "wrong": Style("misjudged: expected, but cannot hold", "#D55E00"),
    "unforeseen": Style("ruled out by another's misjudgment", "#BBBBBB"),
    "missed": Style("can hold, but not expected", "#FFFFFF"),
}


def perceptions(results: Results) -> Section | None:
    """The findings first (what can really hold, one headline per party that misjudges, what the
    others cannot foresee), then the chart, each side's expectations and the misjudgments,
    grouped by viewer and party."""
    record = results.get(PerceptionsRecord)
    if record is None:
        return None
    found, game = record.conflict, record.hypergame
    lister = Lister(found, results.request.list_limit)
    concept = headline_concept(game.concepts)
    label = CONCEPT_LABELS[concept]
    real = game.hyper_equilibria[concept]
    wrong = _misjudging(found)
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
        ),
        Items(tuple(_findings(record, concept, wrong, lister))),
    ]
    states = sorted(
        set(np.flatnonzero(real).tolist()).union(
            *(np.flatnonzero(game.expected[v][concept]).tolist() for v in game.viewers)
        )
    )
    if states:
        # one row per state and one column per view: narrow enough for a phone at any number of
        # states, with the states' names written across, not at an angle
        cells: dict[tuple[int, int], str] = {}
        for r, state in enumerate(states):
            if real[state]:
                cells[(r, 0)] = "real"
            for c, viewer in enumerate(game.viewers, 1):
                if game.expected[viewer][concept][state]:
                    cells[(r, c)] = (
                        "right" if real[state] else "wrong" if viewer in wrong else "unforeseen"
                    )
                elif real[state]:
                    cells[(r, c)] = "missed"
        svg = dot_matrix(
            chart="perceptions",
            title=f"Expected and real outcomes ({label})",
            rows=[state_text(found, s) for s in states],
            columns=["can really hold", *(f"{label_of(found, v)} expects" for v in game.viewers)],
            cells=cells,
            styles=_EXPECTATION_STYLES,
        )
        blocks.append(
            Figure(
                svg,
                f"What each party expects against what can really hold ({label}). Red: an "
                "outcome a party that misjudges counts on, but that cannot hold; grey: one a "
                "party that sees the conflict as it is expects, but that another party's "
                "misjudgment rules out; white: one that can hold but that party does not see "
                "coming.",
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
            why = "Cannot hold" if viewer in wrong else "Ruled out by another's misjudgment"
            text.append(f" {why}: {lister.mask(expected & ~real)}.")
        if (real & ~expected).any():
            text.append(f" Can hold but not expected: {lister.mask(real & ~expected)}.")
        items.append(tuple(text))
    blocks.append(Paragraph((Span("What each party expects", "strong"), f" ({label})")))
    blocks.append(Items(tuple(items)))
    blocks += _misjudgments(record, concept, wrong, lister)
    rows = tuple(
        (
            Cell((CONCEPT_LABELS[c],)),
            Cell((lister.mask(game.hyper_equilibria[c], 8),)),
            *(
                Cell(
                    (lister.mask(game.expected[v][c], 8),),
                    "bad"
                    if v in wrong
                    and not np.array_equal(game.expected[v][c], game.hyper_equilibria[c])
                    else "",
                )
                for v in game.viewers
            ),
            Cell((lister.mask(game.surprises[c], 8),)),
        )
        for c in game.concepts
    )
    expects = (f"{label_of(found, v)} expects" for v in game.viewers)
    header = ("concept", "can really hold", *expects, "surprises")
    caption = (
        "Under every concept (marked: the expectations of a party that misjudges, where they "
        "differ from what can hold)"
    )
    blocks.append(Table(header, rows, caption=caption))
    if (note := lister.note()) is not None:
        blocks.append(note)
    return Section("perceptions", "Perceptions", tuple(blocks))


def _misjudging(conflict: Conflict) -> frozenset[str]:
    """The parties that hold a misperception: a ``perceptions`` entry in the scenario (beliefs
    about others' preferences, or options they do not know exist)."""
    return frozenset(p.viewer for p in conflict.scenario.perceptions) | frozenset(conflict.unaware)


def _findings(
    record: PerceptionsRecord, concept: str, wrong: frozenset[str], lister: Lister
) -> list[Text]:
    """What can really hold; one headline per party that misjudges (its most telling mistaken
    expectation, and the hyper-equilibria its beliefs add and remove); what the others cannot
    foresee."""
    found, game = record.conflict, record.hypergame
    labels = {party.id: party.label for party in found.scenario.parties}
    real = game.hyper_equilibria[concept]
    held = int(real.sum())
    findings: list[Text] = [
        (
            f"{number_word(held).capitalize()} {'outcome' if held == 1 else 'outcomes'} can really "
            f"hold, given what each side believes: {lister.mask(real)}."
            if held
            else "No outcome can really hold, given what each side believes.",
        )
    ]
    for viewer in (v for v in game.viewers if v in wrong):
        findings.append(_headline(record, concept, viewer, labels))
        value = next((v for v in game.values if v.viewer == viewer and v.concept == concept), None)
        if value is not None and (value.gained or value.lost):
            parts = []
            if value.gained:
                parts.append(
                    f"its misjudgment lets {lister.states(value.gained)} hold, which would not "
                    "otherwise"
                )
            if value.lost:
                parts.append(
                    f"its misjudgment rules out {lister.states(value.lost)}, which would hold if "
                    f"{the(labels, viewer)} saw the conflict as it is"
                )
            sentence = "; ".join(parts)
            findings.append((f"{sentence[0].upper()}{sentence[1:]}.",))
    clear = [
        v for v in game.viewers if v not in wrong and (game.expected[v][concept] & ~real).any()
    ]
    if clear and wrong:
        names = join_words([the(labels, v) for v in clear])
        others = join_words([the(labels, v) for v in game.viewers if v in wrong])
        verb = "sees" if len(clear) == 1 else "see"
        findings.append(
            (
                f"{names[0].upper()}{names[1:]} {verb} the conflict as it is, but cannot foresee "
                f"that {others} {'misjudges' if len(wrong) == 1 else 'misjudge'} "
                "it: some outcomes "
                f"{'it expects' if len(clear) == 1 else 'they expect'} cannot hold.",
            )
        )
    return findings


def _headline(record: PerceptionsRecord, concept: str, viewer: str, labels: dict[str, str]) -> Text:
    """One sentence on what ``viewer`` gets most wrong: an outcome it expects that another party
    walks away from (a named one first), else one it expects a party to leave that the party
    keeps."""
    found, game = record.conflict, record.hypergame
    own = [m for m in game.misjudgments if m.viewer == viewer and m.concept == concept]
    expected = game.expected[viewer][concept]
    breaks = [(m.party, s, t) for m in own for s, t in m.breaks]
    if breaks:
        party, state, target = min(
            breaks, key=lambda b: (not expected[b[1]], b[1] not in found.names, b[1])
        )
        move = move_words(found, Step(party, state, target))
        hold = "to hold" if expected[state] else f"{the(labels, party)} to accept it"
        return (
            Span(the_upper(labels, viewer), "strong"),
            f" expects {state_text(found, state)} {hold}; {the(labels, party)} walks away "
            f"from it to {state_text(found, target)}: {move}.",
        )
    keeps = [(m.party, s) for m in own for s in m.keeps]
    if keeps:
        party, state = keeps[0]
        return (
            Span(the_upper(labels, viewer), "strong"),
            f" expects {the(labels, party)} to leave {state_text(found, state)}; "
            f"{the(labels, party)} stays.",
        )
    return (
        Span(the_upper(labels, viewer), "strong"),
        f" misperceives the conflict, but under {CONCEPT_LABELS[concept]} that changes no "
        "party's stability.",
    )


def _misjudgments(
    record: PerceptionsRecord,
    concept: str,
    wrong: frozenset[str],
    lister: Lister,
    listed: int = 3,
) -> list[Block]:
    """The misjudgments grouped by viewer, then by the party misjudged: the states the viewer
    expects the party to accept but that it leaves (and where to), then those it expects the
    party to leave but that it keeps."""
    found, game = record.conflict, record.hypergame
    labels = {party.id: party.label for party in found.scenario.parties}
    blocks: list[Block] = []
    for viewer in game.viewers:
        own = [m for m in game.misjudgments if m.viewer == viewer and m.concept == concept]
        if not own:
            continue
        name = the(labels, viewer)
        heading = (
            f"What {name} misjudges"
            if viewer in wrong
            else f"What {name} cannot foresee (it sees the conflict as it is; others do not)"
        )
        blocks.append(Paragraph((Span(heading, "strong"), f" ({CONCEPT_LABELS[concept]})")))
        items: list[Text] = []
        for m in own:
            party = the(labels, m.party)
            parts: list[str] = []
            if m.breaks:
                shown = len(m.breaks) if lister.limit is None else listed
                leaves = [
                    f"{state_text(found, s)}, left for {state_text(found, t)} as "
                    f"{move_words(found, Step(m.party, s, t))}"
                    for s, t in m.breaks[:shown]
                ]
                if len(m.breaks) > shown:
                    lister.cut = True
                    rest = [s for s, _ in m.breaks[shown:]]
                    leaves.append(f"{count(len(rest), 'more state')}: {lister.states(rest)}")
                parts.append(f"expected to accept states it leaves: {'; '.join(leaves)}")
            if m.keeps:
                parts.append(f"expected to leave {lister.states(m.keeps)}, where it stays")
            text = ". Also ".join(parts)
            items.append((Span(f"{party[0].upper()}{party[1:]}", "strong"), f" is {text}."))
        blocks.append(Items(tuple(items)))
    return blocks
