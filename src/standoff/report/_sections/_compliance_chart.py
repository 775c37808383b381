"""The utility-space chart of the compliance section: the verifiable ZOPA marked inside the ZOPA.

The same plane as the bargaining chart (:mod:`standoff.report._sections._bargaining_chart`),
whose helpers it reuses: every agreement placed by its utility to the first two parties at the
table, the Pareto frontier, the BATNAs and the ZOPA as a shaded region. The agreements of the
ZOPA are split: those that would be kept (the verifiable ZOPA) in dark green, those a party would
break in secret in orange; the Nash agreement over the whole ZOPA and over the verifiable ZOPA
are marked.
"""

from __future__ import annotations

import numpy as np

from standoff.compliance import ComplianceAnalysis
from standoff.pipeline import BargainingRecord
from standoff.report._blocks import Figure
from standoff.report._charts import Line, Marker, Points, Region, Rule, plane_chart
from standoff.report._sections._bargaining_chart import (
    CHART_WIDTH,
    FRONTIER_INK,
    OUTCOME_GREY,
    ZOPA_GREEN,
    frontier_line,
    zone_polygon,
)
from standoff.report._svg import PALETTE
from standoff.report._wording import possessive_upper, the

__all__ = ["BROKEN_ORANGE", "verifiable_chart"]

BROKEN_ORANGE = "#E66100"
"""The colour of the agreements in the ZOPA that a party would break."""


def verifiable_chart(record: BargainingRecord, compliance: ComplianceAnalysis) -> Figure:
    """The chart (``data-chart="verifiable-zopa"``) with its caption."""
    analysis = record.analysis
    names = analysis.labels
    first, second = analysis.parties[0], analysis.parties[1]
    utilities = analysis.utilities
    plane = utilities[:, :2]
    disagreement = np.array([b.value for b in analysis.batnas])
    inside = np.zeros(len(utilities), dtype=np.bool_)
    inside[compliance.zopa_outcomes] = True  # signable as well as above both BATNAs
    kept = inside & compliance.self_enforcing
    broken = inside & ~compliance.self_enforcing
    many = len(analysis.parties) > 2
    line = frontier_line(plane if many else plane[analysis.frontier])
    regions: list[Region] = []
    if not analysis.zopa.empty:
        corners = zone_polygon(line, float(disagreement[0]), float(disagreement[1]))
        if corners:
            regions.append(Region("ZOPA", corners, ZOPA_GREEN, opacity=0.10))
    points = [Points("outside the ZOPA", plane[~inside], OUTCOME_GREY)]
    if broken.any():
        points.append(Points("in the ZOPA, would be broken", plane[broken], BROKEN_ORANGE))
    if kept.any():
        points.append(Points("verifiable ZOPA: would be kept", plane[kept], ZOPA_GREEN, 3.5))
    markers = []
    for name, label in (("nash", "Nash"),):
        if name in compliance.solutions:
            chosen = compliance.solutions[name].utilities
            markers.append(Marker(label, (chosen[first], chosen[second]), "#000000"))
        if name in compliance.restricted:
            chosen = compliance.restricted[name].utilities
            point = (chosen[first], chosen[second])
            markers.append(Marker(f"{label}, verifiable", point, ZOPA_GREEN, "square"))
    across, up = analysis.batnas[0], analysis.batnas[1]
    rules = [
        Rule(f"{possessive_upper(names, first)} BATNA", "x", across.value, PALETTE[0]),
        Rule(f"{possessive_upper(names, second)} BATNA", "y", up.value, PALETTE[1]),
    ]
    low = float(min(plane.min(), disagreement[:2].min()))
    high = float(max(plane.max(), disagreement[:2].max()))
    unit = (0.0, 1.0) if low >= 0.0 and high <= 1.0 else None
    svg = plane_chart(
        chart="verifiable-zopa",
        title="Which agreements would be kept",
        x_label=f"utility to {the(names, first)}",
        y_label=f"utility to {the(names, second)}",
        points=points,
        lines=[Line("Pareto frontier", [(x, y) for x, y in line.tolist()], FRONTIER_INK)],
        regions=regions,
        rules=rules,
        markers=markers,
        x_range=unit,
        y_range=unit,
        width=CHART_WIDTH,
        height=400,
    )
    caption = (
        f"Each point is a possible agreement, placed by its utility to {the(names, first)} "
        f"(across) and to {the(names, second)} (up). "
    )
    if compliance.zopa.empty:
        caption += "No agreement beats both BATNAs: there is no ZOPA, and so none to keep."
    else:
        caption += (
            f"The shaded zone beyond both BATNAs is the ZOPA. Of its {compliance.zopa.size:,} "
            f"agreements, the {compliance.verifiable.size:,} in dark green are self-enforcing "
            "(the verifiable ZOPA); a party would break the orange ones in secret. The diamond "
            "is the Nash agreement over the whole ZOPA, the square the Nash agreement over the "
            "verifiable ZOPA."
        )
    return Figure(svg, caption, "verifiable-zopa")
