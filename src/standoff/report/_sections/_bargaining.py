"""The bargaining section of a briefing: who holds the strong hand, the utility space, the BATNAs
and what they rest on, the agreements and the leverage.

It says what ``standoff bargain`` prints (:mod:`standoff.report._bargaining_view`) with the same
findings (:func:`standoff.report.findings`), and draws the utility space of the first two parties
at the table: every possible agreement, the Pareto frontier, each BATNA, the ZOPA (real and as
each party with beliefs perceives it) and the Nash and Kalai–Smorodinsky agreements.

The ZOPA is drawn as a region: the part of the plane beyond both BATNAs and under the Pareto
frontier, the frontier read as a line through its agreements (:func:`zone_polygon`). The
agreements inside the real ZOPA, a finite set, are drawn as green points.

>>> from standoff.pipeline import run
>>> section = bargaining(run("examples/korea_2017.yaml"))
>>> section.title, [block.chart for block in section.blocks if isinstance(block, Figure)]
('Bargaining', ['utility-space'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining import (
    LEVERAGE_STEP,
    SOLUTION_LABELS,
    BargainingAnalysis,
    Perceived,
    Shift,
    pareto_frontier,
)
from standoff.pipeline import BargainingRecord, Results
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
from standoff.report._charts import Line, Marker, Point, Points, Region, Rule, plane_chart
from standoff.report._sections._bargaining_data import findings
from standoff.report._svg import PALETTE
from standoff.report._wording import possessive, possessive_upper, the

__all__ = ["CHART_WIDTH", "MEANINGS", "bargaining", "frontier_line", "zone_polygon"]

ZOPA_GREEN, OUTCOME_GREY, FRONTIER_INK = "#1B7837", "#AAAAAA", "#222222"
PERCEIVED = ("#CC79A7", "#E69F00", "#56B4E9")
"""Colours of the ZOPAs as the parties perceive them, in order."""
_SHORT = {"nash": "Nash"}  # marker labels on the chart
CHART_WIDTH = 480
"""The width of the section's charts: narrow enough that their text stays legible when a phone
scales them down to its width."""
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


# -- the geometry of the chart --------------------------------------------------------------------


def frontier_line(points: NDArray[np.float64]) -> NDArray[np.float64]:
    """The upper-right frontier of 2-D ``points``, as a line: its points once each, left to right.

    >>> frontier_line(np.array([[0.2, 0.9], [0.5, 0.5], [0.4, 0.4], [0.2, 0.9], [0.9, 0.1]]))
    array([[0.2, 0.9],
           [0.5, 0.5],
           [0.9, 0.1]])
    """
    unique = np.unique(np.asarray(points, dtype=np.float64).reshape(-1, 2), axis=0)
    efficient = unique[pareto_frontier(unique)]
    return efficient[np.lexsort((-efficient[:, 1], efficient[:, 0]))]


def zone_polygon(line: NDArray[np.float64], low_x: float, low_y: float) -> list[Point]:
    """The corners of the region beyond ``low_x`` and ``low_y`` and under ``line``.

    ``line`` is a frontier from :func:`frontier_line` (x rising, y falling); the region under it
    reaches left at the height of its first point and ends at its last point's x. Empty when the
    BATNAs leave nothing under the line.

    >>> line = np.array([[0.0, 1.0], [1.0, 0.0]])
    >>> zone_polygon(line, 0.25, 0.25)
    [(0.25, 0.25), (0.25, 0.75), (0.75, 0.25)]
    >>> zone_polygon(line, 0.6, 0.6)
    []
    """
    xs, ys = line[:, 0].tolist(), line[:, 1].tolist()
    if not xs or low_x >= xs[-1]:
        return []
    top = ys[0] if low_x <= xs[0] else float(np.interp(low_x, xs, ys))
    if top <= low_y:
        return []
    corners: list[Point] = [(low_x, low_y), (low_x, top)]
    for x, y in zip(xs, ys, strict=True):
        if x <= low_x:
            continue
        if y > low_y:
            corners.append((x, y))
            continue
        before_x, before_y = corners[-1]
        crossing = before_x + (before_y - low_y) / (before_y - y) * (x - before_x)
        corners.append((crossing, low_y))
        return corners
    corners.append((xs[-1], low_y))
    return corners


# -- the section ----------------------------------------------------------------------------------


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
        f"{_upper(_join([the(names, p) for p in analysis.parties]))} bargain over "
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
    blocks.append(_chart(record))
    blocks += _batnas(analysis)
    blocks += _zopa(analysis)
    if analysis.solutions:
        blocks += [*_agreements(analysis), *_leverage(analysis)]
    shown = [name for name in MEANINGS if name not in SOLUTION_LABELS.values()]
    shown[3:3] = [SOLUTION_LABELS[name] for name in analysis.solutions]
    blocks.append(Items(tuple((Span(name, "strong"), f": {MEANINGS[name]}") for name in shown)))
    return Section("bargaining", "Bargaining", tuple(blocks))


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _chart(record: BargainingRecord) -> Figure:
    analysis = record.analysis
    names = analysis.labels
    first, second = analysis.parties[0], analysis.parties[1]
    utilities = analysis.utilities
    plane = utilities[:, :2]
    disagreement = np.array([b.value for b in analysis.batnas])
    inside = np.all(utilities > disagreement, axis=1)
    many = len(analysis.parties) > 2
    line = frontier_line(plane if many else plane[analysis.frontier])
    regions: list[Region] = []
    if not analysis.zopa.empty:
        corners = zone_polygon(line, float(disagreement[0]), float(disagreement[1]))
        if corners:
            regions.append(Region("ZOPA", corners, ZOPA_GREEN, opacity=0.15))
    markers: list[Marker] = []
    for k, perceived in enumerate(analysis.perceived):
        colour = PERCEIVED[k % len(PERCEIVED)]
        believed = perceived.believed_batnas
        corners = zone_polygon(line, believed[first], believed[second])
        if corners and not perceived.zopa.empty:
            label = f"ZOPA as {the(names, perceived.holder)} sees it"
            regions.append(Region(label, corners, colour, opacity=0.08, dashed=True))
        if perceived.expected is not None:
            point = (perceived.expected.utilities[first], perceived.expected.utilities[second])
            label = _upper(f"{the(names, perceived.holder)} expects")
            markers.append(Marker(label, point, colour, "triangle"))
    solutions = [name for name in ("nash", "kalai_smorodinsky") if name in analysis.solutions]
    for name in solutions:
        chosen = analysis.solutions[name]
        point = (chosen.utilities[first], chosen.utilities[second])
        markers.append(Marker(_SHORT.get(name, SOLUTION_LABELS[name]), point, "#000000"))
    points = [Points("possible agreements", plane[~inside].tolist(), OUTCOME_GREY)]
    if inside.any():
        points.append(Points("agreements in the ZOPA", plane[inside].tolist(), ZOPA_GREEN))
    frontier_label = f"Pareto frontier of {first} and {second}" if many else "Pareto frontier"
    across, up = analysis.batnas[0], analysis.batnas[1]
    rules = [
        Rule(
            f"{possessive_upper(names, first)} BATNA {across.value:.2f}",
            "x",
            across.value,
            PALETTE[0],
        ),
        Rule(f"{possessive_upper(names, second)} BATNA {up.value:.2f}", "y", up.value, PALETTE[1]),
    ]
    low = float(min(plane.min(), disagreement[:2].min()))
    high = float(max(plane.max(), disagreement[:2].max()))
    unit = (0.0, 1.0) if low >= 0.0 and high <= 1.0 else None
    svg = plane_chart(
        chart="utility-space",
        title=f"The utility space of {the(names, first)} and {the(names, second)}",
        x_label=f"utility to {the(names, first)}",
        y_label=f"utility to {the(names, second)}",
        points=points,
        lines=[Line(frontier_label, [(x, y) for x, y in line.tolist()], FRONTIER_INK)],
        regions=regions,
        rules=rules,
        markers=_merged(markers),
        x_range=unit,
        y_range=unit,
        width=CHART_WIDTH,
        height=400,
    )
    return Figure(svg, _caption(record), "utility-space")


def _merged(markers: list[Marker]) -> list[Marker]:
    """Markers at the same point become one, their labels joined (``Nash = Kalai–Smorodinsky``)."""
    merged: dict[tuple[float, float], Marker] = {}
    for marker in markers:
        key = (round(marker.point[0], 9), round(marker.point[1], 9))
        if key in merged:
            found = merged[key]
            label = f"{found.label} = {marker.label}"
            merged[key] = Marker(label, found.point, found.colour, found.shape)
        else:
            merged[key] = marker
    return list(merged.values())


def _caption(record: BargainingRecord) -> str:
    analysis = record.analysis
    names = analysis.labels
    first, second = analysis.parties[0], analysis.parties[1]
    text = (
        f"Each point is a possible agreement, placed by its utility to {the(names, first)} "
        f"(across) and to {the(names, second)} (up); the line is the Pareto frontier, and the "
        "dashed lines are the BATNAs. "
    )
    if analysis.zopa.empty:
        text += "No agreement beats both BATNAs: there is no ZOPA. "
    else:
        text += (
            "The green zone beyond both BATNAs and under the frontier is the ZOPA; the green "
            "points are its agreements. "
        )
    negotiation = record.scenario.negotiation
    for perceived in analysis.perceived:
        holder = the(names, perceived.holder)
        believed = _believed(analysis, perceived)
        text += f"The outlined zone is the ZOPA as {holder} sees it, believing {believed}"
        if perceived.expected is not None:
            text += "; the triangle is the agreement it expects"
        text += ". "
        if negotiation is not None and any(
            b.holder == perceived.holder and b.utility is not None for b in negotiation.beliefs
        ):
            text += (
                f"({holder} also holds beliefs about utilities, which the chart does not draw: "
                "the zone uses the real frontier.) "
            )
    if "nash" in analysis.solutions:
        text += "The diamonds are the Nash and Kalai–Smorodinsky agreements."
    if len(analysis.parties) > 2:
        others = _join([the(names, p) for p in analysis.parties[2:]])
        text += (
            f" Only the first two of the {len(analysis.parties)} parties at the table are drawn: "
            f"the line is the frontier of what they can get together, and the green points also "
            f"beat the BATNA of {others}."
        )
    return text.strip()


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
    items = [_perceived(analysis, perceived) for perceived in analysis.perceived]
    if items:
        blocks.append(Items(tuple(items)))
    return blocks


def _perceived(analysis: BargainingAnalysis, perceived: Perceived) -> Text:
    holder = the(analysis.labels, perceived.holder)
    return (
        Span(f"The ZOPA as {holder} sees it", "strong"),
        f" (believing {_believed(analysis, perceived)}): {perceived.zopa.size:,} agreements, "
        f"{perceived.overlap:,} of them in the real ZOPA.",
    )


def _believed(analysis: BargainingAnalysis, perceived: Perceived) -> str:
    """``North Korea's BATNA to be 0.30`` (the others' BATNAs as the holder believes them)."""
    return " and ".join(
        f"{possessive(analysis.labels, party)} BATNA to be {value:.2f}"
        for party, value in perceived.believed_batnas.items()
        if party != perceived.holder
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
