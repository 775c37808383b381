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
from standoff.evolution import describe_step
from standoff.pipeline import ExplanationRecord, Results
from standoff.report._blocks import Block, Items, Paragraph, Section, Span, Text
from standoff.report._sections._evolution import steps_data
from standoff.report._wording import path_text, state_text
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
    """For each concept, the verdict and each improvement with its sanction."""
    record = results.get(ExplanationRecord)
    if record is None:
        return None
    conflict = record.conflict
    blocks: list[Block] = []
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


def _improvements(conflict: Conflict, explained: Explanation) -> list[Text]:
    items: list[Text] = []
    for item in explained.improvements:
        move = describe_step(conflict, Step(explained.party, explained.state, item.target))
        text: list[str | Span] = [f"Improvement to {state_text(conflict, item.target)}: {move}."]
        if explained.concept != "nash":
            if item.sanction is None or item.sanctioned_state is None:
                text.append(" No sanction: the others cannot make it worth less.")
            else:
                if explained.basis == "sim":
                    steps = " + ".join(describe_step(conflict, s) for s in item.sanction)
                    sanction = f"at once: {steps}"
                else:
                    sanction = path_text(conflict, item.sanction)
                ends = state_text(conflict, item.sanctioned_state)
                text.append(f" Sanction: {sanction} → ends at {ends}.")
        items.append(tuple(text))
    return items
