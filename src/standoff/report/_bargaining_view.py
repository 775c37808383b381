"""The terminal view of a bargaining analysis: findings, BATNAs, the ZOPA, solutions, leverage."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from standoff.bargaining import (
    SOLUTION_LABELS,
    BargainingAnalysis,
    Shift,
)
from standoff.report._bargaining import findings

__all__ = ["bargaining_view"]

_FRONTIER_ROWS = 12


def bargaining_view(analysis: BargainingAnalysis) -> RenderableType:
    """Findings first, then the tables they rest on."""
    space = analysis.space
    parties = analysis.parties
    issues = ", ".join(issue.id for issue in space.issues)
    title = (
        f"Bargaining: {' and '.join(parties)} over {issues} ({space.size:,} possible agreements)"
    )
    parts: list[RenderableType] = [Text(title, style="bold")]
    parts += [Text(f"• {sentence}") for sentence in findings(analysis)]
    parts += ["", _batnas(analysis), ""]
    zopa = analysis.zopa
    efficient = len(zopa.frontier)
    parts.append(
        Text(
            f"ZOPA: {zopa.size:,} of {space.size:,} agreements beat every BATNA; "
            f"{efficient:,} of them efficient (Pareto frontier: {analysis.frontier.size:,} "
            "agreements in all)."
        )
    )
    for perceived in analysis.perceived:
        believed = ", ".join(
            f"{party} {value:.2f}"
            for party, value in perceived.believed_batnas.items()
            if party != perceived.holder
        )
        parts.append(
            Text(
                f"ZOPA as {perceived.holder} sees it (believing BATNAs {believed}): "
                f"{perceived.zopa.size:,} agreements, {perceived.overlap:,} of them in the real "
                "ZOPA."
            )
        )
    if analysis.solutions:
        parts += ["", _solutions(analysis), "", _leverage(analysis)]
    return Group(*parts)


def _batnas(analysis: BargainingAnalysis) -> Table:
    table = Table(title="BATNAs", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("party", "BATNA", "best alternative", "rests on"):
        table.add_column(column, justify="right" if column == "BATNA" else "left")
    for batna in analysis.batnas:
        rests = "; ".join(
            f"{d.party} ({d.probability:.0%}): {d.value_with:.2f} with, {d.value_without:.2f} "
            "without"
            for d in batna.dependence
        )
        table.add_row(batna.party, f"{batna.value:.3f}", batna.best, rests or "nobody")
    return table


def _solutions(analysis: BargainingAnalysis) -> Table:
    table = Table(title="Agreements", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("solution")
    for issue in analysis.space.issues:
        table.add_column(issue.id)
    for party in analysis.parties:
        table.add_column(party, justify="right")
    for name, solution in analysis.solutions.items():
        table.add_row(
            SOLUTION_LABELS[name],
            *solution.labels.values(),
            *(f"{solution.utilities[p]:.3f}" for p in analysis.parties),
        )
    return table


def _shifted(shift: Shift) -> str:
    if shift.utility is None or shift.share is None:
        return "no deal"
    return f"{shift.utility:.3f} ({shift.share:.0%})"


def _leverage(analysis: BargainingAnalysis) -> Table:
    table = Table(
        title="Leverage: the Nash agreement, and with the party's BATNA 0.1 lower or higher",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for column in ("party", "BATNA", "agreement", "gain", "at stake", "share"):
        table.add_column(column, justify="left" if column == "party" else "right")
    table.add_column("BATNA −0.1", justify="right")
    table.add_column("BATNA +0.1", justify="right")
    for entry in analysis.leverage:
        table.add_row(
            entry.party,
            f"{entry.batna:.3f}",
            f"{entry.utility:.3f}",
            f"{entry.gain:.3f}",
            f"{entry.at_stake:.0%}",
            "–" if entry.share is None else f"{entry.share:.0%}",
            _shifted(entry.lower),
            _shifted(entry.higher),
        )
    return table
