"""The bargaining section of a briefing: who holds the strong hand, the utility space, the BATNAs
and what they rest on, the agreements and the leverage.

Every output shows it: ``standoff bargain`` in the terminal, the briefing with the utility-space
chart (:mod:`standoff.report._sections._bargaining_chart`). The findings above the tables are
those of :func:`standoff.report.findings`.

>>> from standoff.pipeline import run
>>> section = bargaining(run("examples/korea_2017.yaml"))
>>> section.title, [block.chart for block in section.blocks if hasattr(block, "chart")]
('Bargaining', ['utility-space'])
"""

from __future__ import annotations

from collections.abc import Mapping

from standoff.bargaining import (
    LEVERAGE_STEP,
    SOLUTION_LABELS,
    BargainingAnalysis,
    Perceived,
    Shift,
)
from standoff.pipeline import BargainingRecord, Results
from standoff.report._blocks import (
    Block,
    Cell,
    Items,
    Paragraph,
    Section,
    Span,
    Table,
    Text,
)
from standoff.report._sections._bargaining_chart import believed_text, utility_chart
from standoff.report._sections._bargaining_data import findings
from standoff.report._wording import count, join_words, possessive, the

__all__ = ["MEANINGS", "bargaining"]


MEANINGS: Mapping[str, str] = {
    "BATNA": "the best alternative to a negotiated agreement: what a party gets if talks fail, "
    "as the expected value of its best alternative.",
    "ZOPA": "the zone of possible agreement: the agreements every party prefers to its BATNA.",
    "Pareto frontier": "the agreements no other agreement improves on for one party without "
    "costing another.",
    "Nash bargaining": "the agreement in the ZOPA that maximises the product of the parties' "
    "gains over their BATNAs.",
    "Kalai–Smorodinsky": "the agreement that gives every party the same fraction of the most it "
    "could gain in the ZOPA.",
    "Egalitarian": "the agreement that maximises the smallest gain over a BATNA.",
    "Utilitarian": "the agreement that maximises the sum of the utilities.",
    "At stake": "what a party loses if talks fail (its gain: its utility in the Nash agreement "
    "minus its BATNA), as a fraction of that utility. The party with the least at stake holds "
    "the strong hand.",
}
"""What the terms of the section mean, in one line each (see docs/concepts.md)."""


def bargaining(results: Results) -> Section | None:
    """Findings, the utility space, BATNAs and their dependence, agreements and leverage."""
    record = results.get(BargainingRecord)
    if record is None:
        return None
    analysis = record.analysis
    names = analysis.labels
    space = analysis.space
    issues = [issue.id for issue in space.issues]
    opening: list[str | Span] = [
        f"{_capital(join_words([the(names, p) for p in analysis.parties]))} bargain over "
        f"{len(issues)} {'issue' if len(issues) == 1 else 'issues'} ("
    ]
    for position, issue in enumerate(issues):
        opening += [", " if position else "", Span(issue, "code")]
    opening.append(
        f"): {space.size:,} possible agreements, each one level of every issue. "
        "What each side can do if the talks fail decides who can hold out for more:"
    )
    blocks: list[Block] = [Paragraph(tuple(opening))]
    said = findings(analysis)
    if said:
        blocks.append(Items(tuple((sentence,) for sentence in said)))
    blocks.append(utility_chart(record))
    blocks += _batnas(analysis)
    blocks += _zopa(analysis)
    if analysis.solutions:
        blocks += [*_agreements(analysis), *_leverage(analysis)]
    shown = [name for name in MEANINGS if name not in SOLUTION_LABELS.values()]
    shown[3:3] = [SOLUTION_LABELS[name] for name in analysis.solutions]
    blocks.append(Items(tuple((Span(name, "strong"), f": {MEANINGS[name]}") for name in shown)))
    return Section("bargaining", "Bargaining", tuple(blocks))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _batnas(analysis: BargainingAnalysis) -> list[Block]:
    names = analysis.labels
    rows = []
    for batna in analysis.batnas:
        others: list[str | Span] = []
        for a in (a for a in batna.alternatives if a.name != batna.best):
            others += [", " if others else "", Span(a.name, "code"), f" {a.value:.3f}"]
        rows.append(
            (
                Cell((names.get(batna.party, batna.party),)),
                Cell((f"{batna.value:.3f}",)),
                Cell((Span(batna.best, "code"),)),
                Cell(tuple(others) or ("none",)),
            )
        )
    blocks: list[Block] = [
        Table(
            ("party", "BATNA", "best alternative", "other alternatives"),
            tuple(rows),
            numeric=(1,),
            caption="BATNAs",
        ),
        Paragraph(
            (
                "What each party gets if the talks fail: the expected value of its best "
                "alternative, and of each of its other alternatives.",
            ),
            note=True,
        ),
    ]
    dependence = []
    for batna in analysis.batnas:
        for d in batna.dependence:
            switches: list[str | Span] = []
            for s in d.switches:
                switches += ["; " if switches else "", f"at {s.probability:.0%}: "]
                switches += [Span(s.below, "code"), " → ", Span(s.above, "code")]
            dependence.append(
                (
                    Cell((names.get(batna.party, batna.party),)),
                    Cell((names.get(d.party, d.party),)),
                    Cell((f"{d.probability:.0%}",)),
                    Cell((f"{d.value_with:.3f} ", Span(d.best_with, "code"))),
                    Cell((f"{d.value_without:.3f} ", Span(d.best_without, "code"))),
                    Cell(tuple(switches) or ("never",)),
                )
            )
    if dependence:
        header = ("party", "rests on", "chance", "with it", "without it", "best switches")
        blocks.append(
            Table(header, tuple(dependence), numeric=(2,), caption="What the BATNAs rest on")
        )
        note = (
            "For each third party a BATNA needs: the chance of its cooperation the scenario "
            "assumes; the BATNA and the best alternative with that cooperation certain, and "
            "refused; and the chances at which, as the chance of cooperation rises, another "
            "alternative becomes best.",
        )
        blocks.append(Paragraph(note, note=True))
    else:
        blocks.append(Paragraph(("No BATNA rests on anyone else's cooperation.",)))
    return blocks


def _zopa(analysis: BargainingAnalysis) -> list[Block]:
    zopa, space = analysis.zopa, analysis.space
    blocks: list[Block] = [
        Paragraph(
            (
                Span("ZOPA", "strong"),
                f": {zopa.size:,} of {space.size:,} agreements beat every BATNA; "
                f"{len(zopa.frontier):,} of them efficient (Pareto frontier: "
                f"{analysis.frontier.size:,} agreements in all).",
            )
        )
    ]
    ruled: list[str] = []
    if analysis.infeasible:
        verb = "is" if analysis.infeasible == 1 else "are"
        infeasible = count(analysis.infeasible, "agreement")
        ruled.append(f"{infeasible} {verb} infeasible (no one can sign)")
    for party, crossing in analysis.red_lines.items():
        verb = "crosses" if crossing == 1 else "cross"
        ruled.append(
            f"{count(crossing, 'other agreement' if ruled else 'agreement')} {verb} "
            f"{possessive(analysis.labels, party)} red lines (it rejects them whatever else they "
            "give it)"
        )
    if ruled:
        shrunk = ""
        if analysis.zopa_without_red_lines is not None:
            shrunk = (
                f" Without the red lines the ZOPA would hold "
                f"{analysis.zopa_without_red_lines:,} agreements."
            )
        blocks.append(
            Paragraph(
                (
                    Span("Constraints", "strong"),
                    f": {'; '.join(ruled)}. They are left out of the frontier, the ZOPA and the "
                    f"agreements.{shrunk}",
                )
            )
        )
    items = [_perceived(analysis, perceived) for perceived in analysis.perceived]
    if items:
        blocks.append(Items(tuple(items)))
    return blocks


def _perceived(analysis: BargainingAnalysis, perceived: Perceived) -> Text:
    holder = the(analysis.labels, perceived.holder)
    return (
        Span(f"The ZOPA as {holder} sees it", "strong"),
        f" (believing {believed_text(analysis, perceived)}): {perceived.zopa.size:,} agreements, "
        f"{perceived.overlap:,} of them in the real ZOPA.",
        *(
            f" It believes {the(analysis.labels, party)} holds "
            + (", ".join(f"'{line}'" for line in lines) if lines else "no red line")
            + (" as its red lines." if len(lines) > 1 else " as its red line." if lines else ".")
            for party, lines in perceived.believed_red_lines.items()
        ),
    )


def _agreements(analysis: BargainingAnalysis) -> list[Block]:
    names = analysis.labels
    issues = [issue.id for issue in analysis.space.issues]
    rows = tuple(
        (
            Cell((SOLUTION_LABELS[name],)),
            *(Cell((solution.labels[issue],)) for issue in issues),
            *(Cell((f"{solution.utilities[p]:.3f}",)) for p in analysis.parties),
        )
        for name, solution in analysis.solutions.items()
    )
    header = ("solution", *issues, *(names.get(p, p) for p in analysis.parties))
    first = 1 + len(issues)
    table = Table(
        header,
        rows,
        numeric=tuple(range(first, first + len(analysis.parties))),
        caption="Agreements",
    )
    note = (
        "The agreement each bargaining solution picks in the ZOPA, and its utility to each party.",
    )
    blocks: list[Block] = [table, Paragraph(note, note=True)]
    if analysis.targets:
        blocks += _targets(analysis)
    return blocks


def _targets(analysis: BargainingAnalysis) -> list[Block]:
    names = analysis.labels
    rows = tuple(
        (
            Cell((names.get(t.party, t.party),)),
            Cell((f"{t.target:.3f}",)),
            Cell(("–" if t.best_in_zopa is None else f"{t.best_in_zopa:.3f}",)),
            *(
                Cell((f"{t.gaps[name]:+.3f}",), "" if t.gaps[name] >= 0 else "bad")
                for name in analysis.solutions
            ),
        )
        for t in analysis.targets
    )
    header = ("party", "target", "best in ZOPA", *(SOLUTION_LABELS[n] for n in analysis.solutions))
    table = Table(header, rows, numeric=tuple(range(1, len(header))), caption="Targets")
    note = (
        "Each party's target (the utility it aims for), the most it can get in the ZOPA, and "
        "how far each agreement above falls short of the target (negative) or exceeds it.",
    )
    return [table, Paragraph(note, note=True)]


def _shifted(shift: Shift) -> str:
    if shift.utility is None or shift.share is None:
        return "no deal"
    return f"{shift.utility:.3f} ({shift.share:.0%})"


def _leverage(analysis: BargainingAnalysis) -> list[Block]:
    names = analysis.labels
    step = f"{LEVERAGE_STEP:g}"
    rows = tuple(
        (
            Cell((names.get(entry.party, entry.party),)),
            Cell((f"{entry.batna:.3f}",)),
            Cell((f"{entry.utility:.3f}",)),
            Cell((f"{entry.gain:.3f}",)),
            Cell((f"{entry.at_stake:.0%}",), "good" if entry.party == analysis.strong_hand else ""),
            Cell(("–" if entry.share is None else f"{entry.share:.0%}",)),
            Cell((_shifted(entry.lower),)),
            Cell((_shifted(entry.higher),)),
        )
        for entry in analysis.leverage
    )
    header = (
        "party",
        "BATNA",
        "agreement",
        "gain",
        "at stake",
        "share",
        f"BATNA −{step}",
        f"BATNA +{step}",
    )
    table = Table(header, rows, numeric=(1, 2, 3, 4, 5, 6, 7), caption="Leverage")
    note = (
        "Each party's position in the Nash agreement: its BATNA, its utility in the agreement, "
        "its gain (the difference: what it loses if the talks fail), that gain as a fraction of "
        "its utility (at stake; marked: the strong hand) and its share of the parties' "
        f"utilities added together; then its utility (share) in the Nash agreement with its "
        f"BATNA {step} lower, and {step} higher.",
    )
    return [table, Paragraph(note, note=True)]
