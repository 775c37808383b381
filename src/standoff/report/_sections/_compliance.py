"""The compliance section of a briefing: would the deal hold once signed?

Findings first (:func:`~standoff.report._sections._compliance_data.compliance_findings`), then
the utility space with the verifiable ZOPA marked inside the ZOPA
(:mod:`standoff.report._sections._compliance_chart`), the least verification per bargaining
solution, the pledges of the Nash agreement and the inspection games. ``standoff bargain`` shows
it after the bargaining section when the scenario has a ``compliance:`` part.

>>> from standoff.pipeline import run
>>> section = compliance(run("examples/korea_2017.yaml"))
>>> section.title, [block.caption for block in section.blocks if hasattr(block, "caption")][1]
('Compliance', 'Least verification per agreement')
"""

from __future__ import annotations

from collections.abc import Mapping

from standoff.bargaining import SOLUTION_LABELS
from standoff.compliance import AgreementCompliance, ComplianceAnalysis
from standoff.pipeline import BargainingRecord, ComplianceRecord, Results
from standoff.report._blocks import Block, Cell, Items, Paragraph, Section, Span, Table
from standoff.report._sections._compliance_chart import verifiable_chart
from standoff.report._sections._compliance_data import compliance_findings

__all__ = ["MEANINGS", "compliance"]

MEANINGS: Mapping[str, str] = {
    "Self-enforcing": "no party gains by secretly breaking a pledge of the agreement: for each "
    "pledge, the gain from cheating is at most the detection probability times the penalty "
    "(plus, in a deal kept round after round, the future of the deal a detected violation "
    "ends).",
    "Verifiable ZOPA": "the agreements of the ZOPA that are self-enforcing.",
    "Least verification": "the first level of a verification issue, in the issue's order, at "
    "which the agreement (its other levels unchanged) becomes self-enforcing.",
    "Inspection game": "the inspector inspects with probability q* = g/(β(g + b)) and the "
    "inspectee violates with probability v* = e/(βL) (Avenhaus, von Stengel & Zamir 2002).",
}
"""What the terms of the section mean, in one line each (see docs/concepts.md)."""


def compliance(results: Results) -> Section | None:
    """Findings, the chart, the least verification per agreement, pledges and inspections."""
    record = results.get(ComplianceRecord)
    if record is None:
        return None
    analysis = record.analysis
    blocks: list[Block] = [
        Paragraph(
            (
                "Would a deal be kept once signed? For every pledge a party could break in "
                "secret, the gain from cheating is set against the chance of being caught times "
                "the penalty:",
            )
        )
    ]
    said = compliance_findings(analysis)
    if said:
        blocks.append(Items(tuple((sentence,) for sentence in said)))
    bargaining = results.get(BargainingRecord)
    if bargaining is not None:
        blocks.append(verifiable_chart(bargaining, analysis))
    blocks += _least(analysis)
    blocks += _pledges(analysis)
    blocks += _inspections(analysis)
    blocks.append(
        Items(tuple((Span(name, "strong"), f": {text}") for name, text in MEANINGS.items()))
    )
    return Section("compliance", "Compliance", tuple(blocks))


def _rows(analysis: ComplianceAnalysis) -> list[tuple[str, AgreementCompliance]]:
    rows = [] if analysis.draft is None else [("Draft", analysis.draft)]
    rows += [(SOLUTION_LABELS.get(n, n), a) for n, a in analysis.solutions.items()]
    rows += [
        (f"{SOLUTION_LABELS.get(n, n)} (verifiable ZOPA)", a)
        for n, a in analysis.restricted.items()
    ]
    return rows


def _least(analysis: ComplianceAnalysis) -> list[Block]:
    rows = _rows(analysis)
    if not rows:
        return [Paragraph(("No agreement to assess: the ZOPA is empty.",))]
    names = analysis.labels
    verifications = list(dict.fromkeys(v for _, a in rows for v in a.least_verification))
    pledged = list(dict.fromkeys([p.issue for p in rows[0][1].pledges] + verifications))
    table_rows = []
    for label, agreement in rows:
        tempted = [f"{names.get(p, p)} {t:.2f}" for p, t in agreement.temptations.items() if t > 0]
        penalties = []
        for pledge in agreement.pledges:
            if not pledge.pays:
                continue
            needed = (
                "none deters" if pledge.needed_penalty is None else f"{pledge.needed_penalty:.2f}"
            )
            helpers = [
                f"{names.get(h, h)} {'–' if c is None else f'{c:.0%}'}"
                for h, c in pledge.needed_cooperation.items()
            ]
            penalties.append(
                f"{pledge.issue} {needed}" + (f" ({', '.join(helpers)})" if helpers else "")
            )
        table_rows.append(
            (
                Cell((label,)),
                Cell(("; ".join(f"{i}: {agreement.labels[i]}" for i in pledged),)),
                Cell(
                    ("yes" if agreement.self_enforcing else "no",),
                    "good" if agreement.self_enforcing else "bad",
                ),
                Cell(("; ".join(tempted) or "–",)),
                *(
                    Cell((agreement.least_verification.get(v) or "none suffices",))
                    for v in verifications
                ),
                Cell(("; ".join(penalties) or "–",)),
            )
        )
    header = (
        "agreement",
        "pledged levels",
        "self-enforcing",
        "temptation",
        *(f"least {v}" for v in verifications),
        "least penalty (cooperation)",
    )
    note = (
        "For the draft asked about (if any) and each bargaining solution, over the whole ZOPA "
        "and over the verifiable ZOPA: how its agreement sets the pledged and verification "
        "issues; whether it is self-enforcing; each tempted party's net gain from cheating; the "
        "first level of each verification issue that would make it self-enforcing; and, for each "
        "pledge that pays to break, the least expected penalty that would deter it at the "
        "agreed verification, with the least chance of cooperation of each third party the "
        "penalty rests on (–: not even certain cooperation is enough).",
    )
    return [
        Table(header, tuple(table_rows), caption="Least verification per agreement"),
        Paragraph(note, note=True),
    ]


def _pledges(analysis: ComplianceAnalysis) -> list[Block]:
    agreement = analysis.solutions.get("nash")
    if agreement is None or not agreement.pledges:
        return []
    names = analysis.labels
    rows = tuple(
        (
            Cell((names.get(p.party, p.party),)),
            Cell((Span(p.issue, "code"), f" {p.level}")),
            Cell((f"{p.gain:.3f}",)),
            Cell((f"{p.detection:.0%}",)),
            Cell((f"{p.penalty:.3f}",)),
            Cell((f"{p.future:.3f}",)),
            Cell((f"{p.net:+.3f}",), "bad" if p.pays else "good"),
        )
        for p in agreement.pledges
    )
    header = ("party", "pledge", "gain", "detection", "penalty", "future", "net gain")
    note = (
        "Each pledge of the Nash agreement: the gain from breaking it, the probability a "
        "violation is found at the agreed verification, the expected penalty, the surplus of "
        "the later rounds a detected violation forfeits, and the net gain g − β(P + W) "
        "(marked when cheating pays).",
    )
    return [
        Table(header, rows, numeric=(2, 3, 4, 5, 6), caption="Pledges of the Nash agreement"),
        Paragraph(note, note=True),
    ]


_REGIME_WORDS = {
    "mixed": "mixed equilibrium",
    "nothing_to_gain": "nothing to gain: complies",
    "undeterrable": "violates even if always inspected",
    "not_worth_inspecting": "inspection not worth its cost",
}


def _inspections(analysis: ComplianceAnalysis) -> list[Block]:
    if not analysis.inspections:
        return []
    names = analysis.labels
    rows = tuple(
        (
            Cell((names.get(i.party, i.party),)),
            Cell((Span(i.issue, "code"),)),
            Cell((f"{i.game.gain:.3f}",)),
            Cell((f"{i.game.penalty:.3f}",)),
            Cell((f"{i.game.detection:.0%}",)),
            Cell((f"{i.game.inspection_cost:.3f}",)),
            Cell((f"{i.game.loss:.3f}",)),
            Cell((f"{i.game.inspection:.0%}",)),
            Cell((f"{i.game.violation:.0%}",)),
            Cell((_REGIME_WORDS[i.game.regime],)),
        )
        for i in analysis.inspections
    )
    header = ("inspectee", "pledge", "g", "b", "β", "e", "L", "inspect q", "violate v", "case")
    note = (
        "The inspection game of each pledge of the Nash agreement whose loss and inspection "
        "cost the scenario gives: the gain g, the penalty b (with the forfeited future), the "
        "detection β of one inspection, its cost e and the loss L of an undetected violation to "
        "the other side; then the equilibrium probabilities of inspecting and of violating.",
    )
    return [
        Table(header, rows, numeric=tuple(range(2, 9)), caption="Inspection games"),
        Paragraph(note, note=True),
    ]
