"""Terminal views (rich) of a conflict and of its stability analysis.

Large conflicts are summarised: the tables list at most :data:`ROW_LIMIT` states unless every
state is asked for, and the analysis table keeps the rows that matter (equilibria and the
status quo).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from standoff.conflict import Conflict
from standoff.report._json import patterns
from standoff.scenario import Scenario
from standoff.stability import StabilityAnalysis

__all__ = ["ROW_LIMIT", "analysis_view", "conflict_view", "options_view"]

ROW_LIMIT = 60
STABLE, UNSTABLE, EQUILIBRIUM = "✓", "·", "★"


def _header(conflict: Conflict) -> Text:
    movers = conflict.movers
    lines = Text(conflict.title, style="bold")
    lines.append(
        f"\n{conflict.state_count:,} feasible states · {conflict.option_count} options · "
        f"{len(movers)} parties with options",
        style="dim",
    )
    if conflict.status_quo is not None:
        lines.append(f" · status quo: state {conflict.status_quo + 1}", style="dim")
    return lines


def _state_label(conflict: Conflict, index: int) -> str:
    return conflict.names.get(index, "")


def _omitted(shown: int, total: int, why: str) -> Text:
    return Text(
        f"showing {shown:,} of {total:,} states ({why}); add --all-states for every state",
        style="dim italic",
    )


def options_view(scenario: Scenario) -> RenderableType:
    """The parties and their options, with each option's bit in the state codes."""
    options = Table(title="Options", title_justify="left", show_edge=False)
    for column in ("party", "option", "label", "bit"):
        options.add_column(column, justify="right" if column == "bit" else "left")
    for party in scenario.parties:
        if not party.options:
            options.add_row(party.id, Text("(no options)", style="dim"), party.label, "")
        for option_id in party.options:
            option = next(o for o in scenario.options if o.id == option_id)
            options.add_row(party.id, option.id, option.label, str(option.index))
    return options


def conflict_view(conflict: Conflict, *, all_states: bool = False) -> RenderableType:
    """Parties and options, then the feasible states with names, patterns and ranks."""
    states = Table(title="Feasible states", title_justify="left", show_edge=False)
    states.add_column("id", justify="right")
    states.add_column("state")
    states.add_column("decimal", justify="right")
    states.add_column("pattern")
    for ranked in conflict.ranks:
        states.add_column(f"rank {ranked}", justify="right")
    rows = (
        range(conflict.state_count) if all_states else range(min(ROW_LIMIT, conflict.state_count))
    )
    all_patterns = patterns(conflict)
    for index in rows:
        states.add_row(
            str(index + 1),
            _state_label(conflict, index),
            str(int(conflict.codes[index])),
            all_patterns[index],
            *(str(int(ranks[index])) for ranks in conflict.ranks.values()),
        )
    parts: list[RenderableType] = [
        _header(conflict),
        "",
        options_view(conflict.scenario),
        "",
        states,
    ]
    if len(rows) < conflict.state_count:
        parts.append(_omitted(len(rows), conflict.state_count, "the first ones"))
    return Group(*parts)


def analysis_view(
    conflict: Conflict, analysis: StabilityAnalysis, *, all_states: bool = False
) -> RenderableType:
    """One row per state, one column per concept: a mark per party, equilibria starred."""
    movers = [party.id for party in conflict.movers]
    results = list(analysis.results.values())
    rows = _rows_to_show(conflict, analysis, all_states)
    table = Table(show_edge=False)
    table.add_column("id", justify="right")
    table.add_column("state")
    table.add_column("pattern")
    for result in results:
        table.add_column(result.label, justify="center")
    all_patterns = patterns(conflict)
    for index in rows:
        cells: list[Text] = []
        for result in results:
            marks = " ".join(STABLE if result.stable[p][index] else UNSTABLE for p in movers)
            if result.equilibria[index]:
                cells.append(Text(f"{EQUILIBRIUM} {marks}", style="bold green"))
            else:
                cells.append(Text(f"  {marks}"))
        label = _state_label(conflict, index)
        if index == conflict.status_quo and label != "status_quo":
            label = f"{label} (status quo)" if label else "(status quo)"
        table.add_row(str(index + 1), label, all_patterns[index], *cells)
    legend = Text(
        f"Each cell: one mark per party ({' '.join(movers)}): {STABLE} stable, {UNSTABLE} not; "
        f"{EQUILIBRIUM} equilibrium (stable for every party).",
        style="dim",
    )
    parts: list[RenderableType] = [_header(conflict), "", legend, table]
    if len(rows) < conflict.state_count:
        parts.append(
            _omitted(
                len(rows), conflict.state_count, "equilibria under some concept, and the status quo"
            )
        )
    parts += ["", _summary(conflict, analysis)]
    return Group(*parts)


def _rows_to_show(
    conflict: Conflict, analysis: StabilityAnalysis, all_states: bool
) -> Sequence[int]:
    if all_states or conflict.state_count <= ROW_LIMIT:
        return range(conflict.state_count)
    chosen: dict[int, None] = {}  # the status quo, then equilibria concept by concept
    if conflict.status_quo is not None:
        chosen[conflict.status_quo] = None
    for result in analysis.results.values():
        for index in np.flatnonzero(result.equilibria)[:ROW_LIMIT]:
            chosen.setdefault(int(index), None)
    return sorted(list(chosen)[:ROW_LIMIT])


def _summary(conflict: Conflict, analysis: StabilityAnalysis) -> Text:
    text = Text("Equilibria", style="bold")
    width = max(len(result.label) for result in analysis.results.values())
    for result in analysis.results.values():
        ids = result.equilibrium_ids()
        text.append(f"\n  {result.label:<{width}}  ")
        if not ids:
            text.append("none", style="dim")
            continue
        shown = [
            f"{i} {conflict.names[i - 1]}" if i - 1 in conflict.names else str(i) for i in ids[:12]
        ]
        text.append(", ".join(shown))
        if len(ids) > 12:
            text.append(f" and {len(ids) - 12:,} more", style="dim")
    return text
