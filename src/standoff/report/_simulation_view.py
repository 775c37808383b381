"""The terminal view of simulated talks: each variant's outcome distribution, and a tournament."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from standoff.negotiation import TalksSimulation
from standoff.report._simulation import comparisons

__all__ = ["simulation_view"]


def simulation_view(simulation: TalksSimulation) -> RenderableType:
    """A table of the variants, sentences comparing them, and the tournament if played."""
    parties = simulation.parties
    base = simulation.baseline
    seed = "fresh entropy" if simulation.seed is None else f"seed {simulation.seed}"
    title = (
        f"Simulated talks: {parties[0]} and {parties[1]}, {simulation.runs:,} runs per variant "
        f"({seed}), up to {base.rounds} rounds"
    )
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("variant")
    for column in ("agree", "break", "out of time", *parties, "mean round"):
        table.add_column(column, justify="right")
    table.add_column("deadline that bound")
    for variant in simulation.variants:
        summary = variant.summary
        mean = summary.mean_agreement_round
        bound = [
            f"{name} {count:,}"
            for name, count in zip((*parties, "both"), summary.deadline_bound, strict=True)
            if count
        ]
        table.add_row(
            variant.label,
            f"{summary.agreement:.0%}",
            f"{summary.breakdown:.0%}",
            f"{summary.deadline + summary.round_limit:.0%}",
            *(f"{u:.3f}" for u in summary.utility),
            "–" if mean is None else f"{mean + 1:.1f}",
            ", ".join(bound) or "none",
        )
    parts: list[RenderableType] = [Text(title, style="bold"), table]
    parts += [Text(f"• {sentence}") for sentence in comparisons(simulation)]
    played = simulation.tournament
    if played is not None:
        heading = (
            f"Tournament: {parties[0]}'s strategy (rows) against {parties[1]}'s (columns), "
            f"{played.runs:,} runs per pairing and first mover; each cell: agreement rate and "
            f"{parties[0]}'s mean discounted utility"
        )
        grid = Table(show_edge=False, pad_edge=False)
        grid.add_column("")
        for name in played.names:
            grid.add_column(name, justify="right")
        for row in played.names:
            cells = [played.pairing(row, column) for column in played.names]
            grid.add_row(
                row,
                *(f"{c.agreement:.0%} {c.discounted[0]:.2f}" for c in cells),
            )
        scores = ", ".join(f"{name} {score:.3f}" for name, score in played.scores())
        parts += ["", Text(heading, style="bold"), grid]
        parts.append(Text(f"Mean discounted utility over all games, best first: {scores}."))
    return Group(*parts)
