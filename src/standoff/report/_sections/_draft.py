"""The draft section (``standoff bargain FILE --deal ...``) and its JSON key ``draft``.

A draft agreement scored against the negotiation (:func:`standoff.bargaining.score_draft`): a
verdict in one sentence, each party's utility, gain, target and perceived ZOPA, who would reject
the draft and why, and the post-settlement improvements.

>>> from standoff.pipeline import Request, run
>>> deal = (("sanctions", "partial_relief"), ("program", "verified_freeze"),
...         ("inspections", "declared_sites"), ("exercises", "50"))
>>> results = run("examples/korea_2017.yaml", Request(only=frozenset({"draft"}), deal=deal))
>>> draft_data(results)["draft"]["improvements"]["count"]
7
>>> [block.caption for block in draft(results).blocks if hasattr(block, "caption")][:1]
['The draft, party by party']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from standoff.bargaining import DraftScore, Rejection
from standoff.pipeline import DraftRecord, Results
from standoff.report._blocks import Block, Cell, Items, Paragraph, Section, Span, Table, Text
from standoff.report._wording import count, join_words, the, the_upper

__all__ = ["draft", "draft_data", "draft_document"]

_DIGITS = 6


def _number(value: float) -> float:
    return round(float(value), _DIGITS)


def draft_document(score: DraftScore) -> dict[str, Any]:
    """The score as plain JSON-ready data (the ``draft`` key, see docs/output-format.md)."""
    return {
        "outcome": score.outcome,
        "levels": dict(score.labels),
        "in_zopa": score.in_zopa,
        "parties": [
            {
                "party": p.party,
                "utility": _number(p.utility),
                "batna": _number(p.batna),
                "gain": _number(p.gain),
                "target": None if p.target is None else _number(p.target),
                "accepts": p.accepts,
                "in_perceived_zopa": p.in_perceived_zopa,
            }
            for p in score.parties
        ],
        "rejections": [
            {"party": r.party, "reason": r.reason, "detail": r.detail} for r in score.rejections
        ],
        "efficient": score.efficient,
        "improvements": {
            "count": score.improvement_count,
            "shown": [
                {
                    "outcome": i.outcome,
                    "levels": dict(i.labels),
                    "utilities": {p: _number(u) for p, u in i.utilities.items()},
                    "nash_product": _number(i.nash_product),
                }
                for i in score.improvements
            ],
        },
    }


def draft_data(results: Results) -> dict[str, Any]:
    """The ``draft`` key."""
    record = results.get(DraftRecord)
    return {} if record is None else {"draft": draft_document(record.score)}


def draft(results: Results) -> Section | None:
    """The verdict, the parties' scores, the rejections and the improvements."""
    record = results.get(DraftRecord)
    if record is None:
        return None
    score = record.score
    names = {party.id: party.label for party in record.scenario.parties}
    levels: Text = ()
    for position, (issue, level) in enumerate(score.labels.items()):
        levels += ("; " if position else "", Span(f"{issue}: {level}", "code"))
    blocks: list[Block] = [
        Paragraph(("The draft (", *levels, f") {_verdict(score, names)}")),
        _parties(score, names),
    ]
    if score.rejections:
        blocks.append(
            Items(tuple((_rejection(r, names, score),) for r in score.rejections)),
        )
    blocks += _improvements(score, names)
    return Section("draft", "Draft agreement", tuple(blocks))


def _verdict(score: DraftScore, names: Mapping[str, str]) -> str:
    if score.in_zopa:
        return "is in the ZOPA: every party prefers it to its BATNA and may sign it."
    refusing = [p.party for p in score.parties if not p.accepts]
    if any(r.party is None for r in score.rejections):
        return "is not in the ZOPA: no one can sign it (it is infeasible)."
    return f"is not in the ZOPA: {join_words([the(names, p) for p in refusing])} would reject it."


def _parties(score: DraftScore, names: Mapping[str, str]) -> Table:
    rows = tuple(
        (
            Cell((names.get(p.party, p.party),)),
            Cell((f"{p.utility:.3f}",)),
            Cell((f"{p.batna:.3f}",)),
            Cell((f"{p.gain:+.3f}",), "" if p.gain > 0 else "bad"),
            Cell(("–" if p.target is None else f"{p.target:.3f}",)),
            Cell(("yes" if p.accepts else "no",), "" if p.accepts else "bad"),
            Cell(("yes" if p.in_perceived_zopa else "no",)),
        )
        for p in score.parties
    )
    header = ("party", "utility", "BATNA", "gain", "target", "signs", "in its perceived ZOPA")
    return Table(header, rows, numeric=(1, 2, 3, 4), caption="The draft, party by party")


def _rejection(rejection: Rejection, names: Mapping[str, str], score: DraftScore) -> str:
    if rejection.party is None:
        return f"No one can sign it: it is infeasible ({rejection.detail})."
    who = the_upper(names, rejection.party)
    if rejection.reason == "red_line":
        return f"{who} rejects it: it crosses its red line '{rejection.detail}'."
    return f"{who} rejects it: its utility is not above its BATNA ({rejection.detail})."


def _improvements(score: DraftScore, names: Mapping[str, str]) -> list[Block]:
    if score.efficient:
        return [
            Paragraph(
                (
                    Span("Pareto efficient", "strong"),
                    ": no package the parties may sign leaves every party at least as well off "
                    "and one better off.",
                )
            )
        ]
    parties = [p.party for p in score.parties]
    issues = list(score.labels)
    rows = tuple(
        (
            *(
                Cell((level,) if level == score.labels[issue] else (Span(level, "strong"),))
                for issue, level in improvement.labels.items()
            ),
            *(Cell((f"{improvement.utilities[p]:.3f}",)) for p in parties),
        )
        for improvement in score.improvements
    )
    shown = len(score.improvements)
    header = (*issues, *(names.get(p, p) for p in parties))
    first = len(issues)
    return [
        Paragraph(
            (
                Span("Not Pareto efficient", "strong"),
                f": {count(score.improvement_count, 'package')} "
                f"{'leaves' if score.improvement_count == 1 else 'leave'} every party at least "
                "as well off and one better off (post-settlement improvements). "
                + (
                    f"The best {shown}, by the Nash product of the gains over the BATNAs:"
                    if shown < score.improvement_count
                    else "By the Nash product of the gains over the BATNAs:"
                ),
            )
        ),
        Table(
            header,
            rows,
            numeric=tuple(range(first, first + len(parties))),
            caption="Post-settlement improvements",
        ),
        Paragraph(("Levels that differ from the draft are in bold.",), note=True),
    ]
