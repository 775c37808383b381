"""Explanations: why a state is or is not stable for a party, under each concept, improvement
by improvement, with the sanction that deters each (or none). Its JSON is a list of
explanations (``standoff explain --format json``), under the ``explanations`` key in a full
document.

>>> from standoff.pipeline import Request, run
>>> request = Request(concepts=("seq",), explain=("Ann", "1"))
>>> results = run("examples/prisoners_dilemma.yaml", request)
>>> explanations_data(results)["explanations"][0]["stable"]
True
"""

from __future__ import annotations

from typing import Any

from standoff.conflict import Conflict, Step
from standoff.pipeline import ExplanationRecord, Results
from standoff.report._blocks import Block, Items, Paragraph, Section, Span, Text
from standoff.report._sections._evolution import steps_data
from standoff.report._wording import join_words, move_words, path_text, possessive, state_text
from standoff.stability import CONCEPT_LABELS, Explanation

__all__ = ["explanation", "explanation_data", "explanations_data"]


def explanation_data(conflict: Conflict, explained: Explanation) -> dict[str, Any]:
    """One explanation: each improvement and its sanction (or none)."""
    return {
        "party": explained.party,
        "state": explained.state + 1,
        "concept": explained.concept,
        "basis": explained.basis,
        "stable": explained.stable,
        "improvements": [
            {
                "to": item.target + 1,
                "sanctioned": item.deterred,
                "sanction": None
                if item.sanction is None
                else {
                    "path": steps_data(conflict, item.sanction),
                    "ends_at": None if item.sanctioned_state is None else item.sanctioned_state + 1,
                },
            }
            for item in explained.improvements
        ],
    }


def explanations_data(results: Results) -> dict[str, Any]:
    """The ``explanations`` key: one explanation per concept."""
    record = results.get(ExplanationRecord)
    if record is None:
        return {}
    return {"explanations": [explanation_data(record.conflict, e) for e in record.explanations]}


def explanation(results: Results) -> Section | None:
    """The verdicts first (with the state's rank for the party), then for each concept each
    improvement, with the rank of the state it leads to, and its sanction."""
    record = results.get(ExplanationRecord)
    if record is None:
        return None
    conflict = record.conflict
    blocks: list[Block] = [_findings(conflict, record.party, record.state, record.explanations)]
    for explained in record.explanations:
        label = CONCEPT_LABELS.get(explained.concept, explained.concept)
        verdict = "stable" if explained.stable else "not stable"
        blocks.append(
            Paragraph(
                (
                    Span(
                        f"{state_text(conflict, explained.state)} is {verdict} for "
                        f"{explained.party} under {label}",
                        "strong",
                    ),
                )
            )
        )
        items = _improvements(conflict, explained)
        if items:
            blocks.append(Items(tuple(items)))
        else:
            blocks.append(
                Paragraph((f"{explained.party} has no unilateral improvement from here.",))
            )
    title = f"Why state {state_text(conflict, record.state)} is or is not stable for {record.party}"
    return Section("explanation", title, tuple(blocks))


def _rank(conflict: Conflict, party: str, state: int) -> str:
    """``rank 2 of 4 for Ann`` (1: the party's favourite), or ``""`` without preferences."""
    ranks = conflict.ranks.get(party)
    if ranks is None:
        return ""
    return f"rank {int(ranks[state])} of {int(ranks.max())} for {party}"


def _findings(
    conflict: Conflict, party: str, state: int, explained: tuple[Explanation, ...]
) -> Paragraph:
    """The verdicts in one paragraph, with the rank of the state for the party."""
    text = f"State {state_text(conflict, state)}"
    if rank := _rank(conflict, party, state):
        text += f" is at {rank} (rank 1: {possessive({}, party)} favourite)"
    stable = [CONCEPT_LABELS.get(e.concept, e.concept) for e in explained if e.stable]
    unstable = [CONCEPT_LABELS.get(e.concept, e.concept) for e in explained if not e.stable]
    if stable and unstable:
        text += (
            f". It is stable for {party} under {join_words(stable)}, "
            f"not under {join_words(unstable)}."
        )
    elif stable or unstable:
        verdict = "stable" if stable else "not stable"
        concepts = join_words(stable or unstable)
        text += f". It is {verdict} for {party} under {concepts}."
    else:
        text += "."
    return Paragraph((text,))


def _improvements(conflict: Conflict, explained: Explanation) -> list[Text]:
    items: list[Text] = []
    party = explained.party
    for item in explained.improvements:
        move = move_words(conflict, Step(party, explained.state, item.target))
        rank = _rank(conflict, party, item.target)
        text: list[str | Span] = [
            f"Improvement: {move}, to {state_text(conflict, item.target)}"
            + (f", {rank}." if rank else ".")
        ]
        if explained.concept != "nash":
            if item.sanction is None or item.sanctioned_state is None:
                text.append(" No sanction: the others cannot make it worth less.")
            else:
                if explained.basis == "sim":
                    steps = " and ".join(move_words(conflict, s) for s in item.sanction)
                    sanction = f"at once, {steps}"
                else:
                    sanction = path_text(conflict, item.sanction)
                ends = state_text(conflict, item.sanctioned_state)
                end_rank = _rank(conflict, party, item.sanctioned_state)
                text.append(
                    f" Sanction: {sanction} → ends at {ends}"
                    + (f", {end_rank}." if end_rank else ".")
                )
        items.append(tuple(text))
    return items
