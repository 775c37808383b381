"""The utility-space chart of the bargaining section: every possible agreement, the Pareto
frontier, each BATNA, the ZOPA (real and as each party with beliefs perceives it) and the Nash
and Kalai–Smorodinsky agreements, for the first two parties at the table.

The ZOPA is drawn as a region: the part of the plane beyond both BATNAs and under the Pareto
frontier, the frontier read as a line through its agreements (:func:`zone_polygon`). The
agreements inside the real ZOPA, a finite set, are drawn as green points.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining import (
    SOLUTION_LABELS,
    BargainingAnalysis,
    Perceived,
    pareto_frontier,
    ruled_out,
)
from standoff.pipeline import BargainingRecord
from standoff.report._blocks import Figure
from standoff.report._charts import Line, Marker, Point, Points, Region, Rule, plane_chart
from standoff.report._svg import PALETTE
from standoff.report._wording import join_words, possessive, possessive_upper, the

__all__ = [
    "CHART_WIDTH",
    "FRONTIER_INK",
    "MAX_TIPS",
    "OUTCOME_GREY",
    "PERCEIVED",
    "ZOPA_GREEN",
    "agreement_tip",
    "believed_text",
    "frontier_line",
    "frontier_tips",
    "utility_chart",
    "zone_polygon",
]

ZOPA_GREEN, OUTCOME_GREY, FRONTIER_INK = "#1B7837", "#AAAAAA", "#222222"
PERCEIVED = ("#CC79A7", "#E69F00", "#56B4E9")
"""Colours of the ZOPAs as the parties perceive them, in order."""
_SHORT = {"nash": "Nash"}  # marker labels on the chart
MAX_TIPS = 300
"""The most frontier agreements the chart gives a tooltip (thinned evenly along the frontier)."""
CHART_WIDTH = 480
"""The width of the section's charts: narrow enough that their text stays legible when a phone
scales them down to its width."""


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


def agreement_tip(analysis: BargainingAnalysis, outcome: int, also: int = 0) -> str:
    """What pointing at an agreement shows: its levels, then each party's utility (``also``:
    how many more agreements have the same utilities to the two parties drawn).

    >>> from standoff.pipeline import BargainingRecord, Request, run
    >>> from standoff.scenario import load
    >>> record = run(load("examples/korea_2019.yaml"), Request(only=frozenset({"bargaining"})))
    >>> print(agreement_tip(record.get(BargainingRecord).analysis, 0))
    sanctions: none; program: none; drills: 0%
    utility to US 0.37, to NK 0.44
    """
    levels = analysis.space.describe(outcome)
    row = analysis.utilities[outcome]
    utilities = ", to ".join(f"{party} {row[k]:.2f}" for k, party in enumerate(analysis.parties))
    text = f"{levels}\nutility to {utilities}"
    if also:
        more = "agreement" if also == 1 else "agreements"
        text += f"\n(and {also:,} more {more} at this point)"
    return text


def frontier_tips(analysis: BargainingAnalysis, plane: NDArray[np.float64]) -> Points:
    """The agreements on the frontier the chart draws, one per point of the plane, each with its
    tip (:func:`agreement_tip`); at most :data:`MAX_TIPS`, thinned evenly along the frontier."""
    many = len(analysis.parties) > 2
    efficient = pareto_frontier(plane) if many else np.asarray(analysis.frontier, dtype=np.int64)
    points, first, counts = np.unique(
        plane[efficient], axis=0, return_index=True, return_counts=True
    )  # sorted by the first party's utility: along the frontier
    if len(points) > MAX_TIPS:
        kept = np.unique(np.linspace(0, len(points) - 1, MAX_TIPS).round().astype(np.int64))
        points, first, counts = points[kept], first[kept], counts[kept]
    tips = [
        agreement_tip(analysis, int(efficient[k]), int(n) - 1)
        for k, n in zip(first.tolist(), counts.tolist(), strict=True)
    ]
    return Points("", points, FRONTIER_INK, radius=3.0, tips=tips)


def in_zopa(record: BargainingRecord) -> NDArray[np.bool_]:
    """Per outcome: whether it is in the ZOPA, every party's BATNA beaten and no package rule
    or red line crossed (the green points)."""
    analysis = record.analysis
    disagreement = np.array([b.value for b in analysis.batnas])
    inside: NDArray[np.bool_] = np.all(analysis.utilities > disagreement, axis=1)
    negotiation = record.scenario.negotiation
    if negotiation is not None and (analysis.infeasible or analysis.red_lines):
        inside &= ruled_out(negotiation, analysis.space, analysis.parties).signable
    return inside


def utility_chart(record: BargainingRecord) -> Figure:
    analysis = record.analysis
    names = analysis.labels
    first, second = analysis.parties[0], analysis.parties[1]
    utilities = analysis.utilities
    plane = utilities[:, :2]
    disagreement = np.array([b.value for b in analysis.batnas])
    inside = in_zopa(record)
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
            label = f"{the(names, perceived.holder)} expects"
            label = label[:1].upper() + label[1:]
            tip = f"{label}:\n{agreement_tip(analysis, perceived.expected.outcome)}"
            markers.append(Marker(label, point, colour, "triangle", tip))
    solutions = [name for name in ("nash", "kalai_smorodinsky") if name in analysis.solutions]
    for name in solutions:
        chosen = analysis.solutions[name]
        point = (chosen.utilities[first], chosen.utilities[second])
        tip = f"{SOLUTION_LABELS[name]} agreement:\n{agreement_tip(analysis, chosen.outcome)}"
        markers.append(Marker(_SHORT.get(name, SOLUTION_LABELS[name]), point, "#000000", tip=tip))
    # the outcomes as arrays: there may be millions, and the chart draws many as grid cells
    points = [Points("possible agreements", plane[~inside], OUTCOME_GREY)]
    if inside.any():
        points.append(Points("agreements in the ZOPA", plane[inside], ZOPA_GREEN))
    points.append(frontier_tips(analysis, plane))
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
            tip = _merged_tip(found.tip, marker.tip)
            merged[key] = Marker(label, found.point, found.colour, found.shape, tip)
        else:
            merged[key] = marker
    return list(merged.values())


def _merged_tip(first: str, second: str) -> str:
    """Two markers' tips (``heading:\\nbody``) as one: the headings joined when the bodies (the
    agreements) are the same, else both in full."""
    (one, _, body), (other, _, more) = first.partition(":\n"), second.partition(":\n")
    return f"{one} = {other}:\n{body}" if body == more else f"{first}\n\n{second}"


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
        believed = believed_text(analysis, perceived)
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
        others = join_words([the(names, p) for p in analysis.parties[2:]])
        text += (
            f" Only the first two of the {len(analysis.parties)} parties at the table are drawn: "
            f"the line is the frontier of what they can get together, and the green points also "
            f"beat the BATNA of {others}."
        )
    return text.strip()


def believed_text(analysis: BargainingAnalysis, perceived: Perceived) -> str:
    """``North Korea's BATNA to be 0.30`` (the others' BATNAs as the holder believes them)."""
    return " and ".join(
        f"{possessive(analysis.labels, party)} BATNA to be {value:.2f}"
        for party, value in perceived.believed_batnas.items()
        if party != perceived.holder
    )
