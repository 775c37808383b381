"""Terminal views of the analyses beyond the stability table: evolution from the status quo,
coalitions, limited-move stability and explanations."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from standoff.conflict import Conflict, Step
from standoff.evolution import Evolution, Reaching, describe_step
from standoff.perception import Hypergame
from standoff.stability import (
    CONCEPT_LABELS,
    CoalitionAnalysis,
    Explanation,
    NonMyopic,
    StabilityResult,
)

__all__ = [
    "coalitions_view",
    "evolution_view",
    "explanation_view",
    "limited_move_view",
    "perceptions_view",
]


def _state(conflict: Conflict, index: int) -> str:
    name = conflict.names.get(index)
    return f"{index + 1} {name}" if name else f"{index + 1} ({conflict.pattern(index)})"


def _path(conflict: Conflict, steps: Iterable[Step]) -> str:
    return " → ".join(describe_step(conflict, step) for step in steps) or "(already there)"


def _heading(text: str) -> Text:
    return Text(text, style="bold")


def evolution_view(
    conflict: Conflict, evolution: Evolution | None, reached_from: Reaching | None = None
) -> RenderableType:
    """Reachable states and equilibria from the start, with a shortest path to each; and the
    states from which a chosen state can be reached."""
    lines: list[RenderableType] = []
    if evolution is not None:
        lines += _evolution_lines(conflict, evolution)
    if reached_from is not None:
        sources = [
            s
            for s in np.flatnonzero(reached_from.by_improvements.reachable)
            if s != reached_from.target
        ]
        shown = ", ".join(_state(conflict, int(s)) for s in sources[:20])
        more = f" and {len(sources) - 20:,} more" if len(sources) > 20 else ""
        by_moves = int(reached_from.by_moves.reachable.sum()) - 1
        lines += [
            _heading(f"States from which {_state(conflict, reached_from.target)} is reached"),
            Text(f"by improvements ({len(sources):,}): {shown or 'none'}{more}"),
            Text(f"by any moves: {_count(by_moves, 'other state')}", style="dim"),
        ]
    return Group(*lines)


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _evolution_lines(conflict: Conflict, evolution: Evolution) -> list[RenderableType]:
    improving = evolution.by_improvements
    by_improvements = int(improving.reachable.sum()) - 1
    by_moves = int(evolution.by_moves.reachable.sum()) - 1
    lines: list[RenderableType] = [
        _heading(f"Evolution from state {_state(conflict, evolution.start)}"),
        Text(
            f"{_count(by_improvements, 'other state')} reachable by unilateral improvements, "
            f"{by_moves:,} by any moves",
            style="dim",
        ),
    ]
    table = Table(show_edge=False)
    for column in ("equilibrium", "reachable under", "moves", "shortest path of improvements"):
        table.add_column(column, justify="right" if column == "moves" else "left")
    concepts_of: dict[int, list[str]] = {}
    for concept, states in evolution.equilibria.items():
        for state in states:
            concepts_of.setdefault(state, []).append(CONCEPT_LABELS.get(concept, concept))
    for state in sorted(concepts_of, key=lambda s: (int(improving.distance[s]), s)):
        table.add_row(
            _state(conflict, state),
            ", ".join(concepts_of[state]),
            str(int(improving.distance[state])),
            _path(conflict, evolution.path(state)),
        )
    lines.append(table if concepts_of else Text("no equilibrium is reachable by improvements"))
    unreachable = {
        concept: [s for s in states if s not in concepts_of]
        for concept, states in evolution.equilibria_by_moves.items()
    }
    only_by_moves = sorted({s for states in unreachable.values() for s in states})
    if only_by_moves:
        shown = ", ".join(_state(conflict, s) for s in only_by_moves[:10])
        lines.append(Text(f"reachable only through moves someone does not gain by: {shown}"))
    return lines


def coalitions_view(conflict: Conflict, coalitions: CoalitionAnalysis) -> RenderableType:
    """Coalition equilibria and the equilibria coalitions would break."""
    groups = " | ".join(" + ".join(group) for group in coalitions.partition)
    lines: list[RenderableType] = [_heading(f"Coalitions ({groups})")]
    for concept, equilibria in coalitions.equilibria.items():
        ids = ", ".join(_state(conflict, int(s)) for s in np.flatnonzero(equilibria)) or "none"
        lines.append(Text(f"  {CONCEPT_LABELS[concept]:<5} coalition equilibria: {ids}"))
    if not coalitions.breaks:
        lines.append(Text("no coalition breaks an equilibrium", style="dim"))
    for item in coalitions.breaks:
        targets = ", ".join(_state(conflict, t) for t in item.targets)
        lines.append(
            Text(
                f"  {' + '.join(item.coalition)} break the {CONCEPT_LABELS[item.concept]} "
                f"equilibrium {_state(conflict, item.state)}: all gain by moving to {targets}"
            )
        )
    return Group(*lines)


def limited_move_view(
    conflict: Conflict, horizons: list[StabilityResult], limit: NonMyopic
) -> RenderableType:
    """Lh equilibria per horizon, and the non-myopic limit."""
    table = Table(show_edge=False, title="Limited-move stability", title_justify="left")
    table.add_column("horizon")
    table.add_column("equilibria")
    for result in horizons:
        table.add_row(result.label, _some_states(conflict, result.equilibrium_ids()))
    if limit.result is None:
        table.add_row("NM", f"no limit: stability cycles with period {limit.period}")
    else:
        ids = _some_states(conflict, limit.result.equilibrium_ids())
        table.add_row("NM", f"{ids}  (from h = {limit.horizon})")
    return table


def _some_states(conflict: Conflict, ids: list[int], shown: int = 12) -> str:
    text = ", ".join(_state(conflict, i - 1) for i in ids[:shown]) or "none"
    return text + (f" and {len(ids) - shown:,} more" if len(ids) > shown else "")


def explanation_view(conflict: Conflict, explanation: Explanation) -> RenderableType:
    """Each improvement of the party and the sanction that deters it, or why none does."""
    label = CONCEPT_LABELS.get(explanation.concept, explanation.concept)
    verdict = "stable" if explanation.stable else "not stable"
    lines: list[RenderableType] = [
        _heading(
            f"{_state(conflict, explanation.state)} is {verdict} for {explanation.party} "
            f"under {label}"
        )
    ]
    if not explanation.improvements:
        lines.append(Text(f"{explanation.party} has no unilateral improvement from here."))
    for item in explanation.improvements:
        move = describe_step(conflict, Step(explanation.party, explanation.state, item.target))
        lines.append(Text(f"• improvement to {_state(conflict, item.target)}: {move}"))
        if explanation.concept == "nash":
            continue
        if item.sanction is None or item.sanctioned_state is None:
            lines.append(Text("    no sanction: the others cannot make it worth less", style="red"))
            continue
        if explanation.basis == "sim":
            sanction = "at once: " + " + ".join(describe_step(conflict, s) for s in item.sanction)
        else:
            sanction = _path(conflict, item.sanction)
        lines.append(
            Text(
                f"    sanction {sanction} → ends at {_state(conflict, item.sanctioned_state)}",
                style="green",
            )
        )
    return Group(*lines)


def perceptions_view(
    conflict: Conflict, hypergame: Hypergame, *, detail: bool = False
) -> RenderableType:
    """What each party expects, where the conflict can rest, and the misjudgments behind it.

    Misjudgments and the value of perceptions are listed for SEQ (or the first concept), or for
    every concept with ``detail``.
    """
    table = Table(show_edge=False, title="Perceptions (hypergame)", title_justify="left")
    table.add_column("concept")
    table.add_column("hyper-equilibria")
    for viewer in hypergame.viewers:
        table.add_column(f"{viewer} expects")
    table.add_column("surprises")
    for concept in hypergame.concepts:
        table.add_row(
            CONCEPT_LABELS[concept],
            _listed(conflict, hypergame.hyper_equilibria[concept]),
            *(_listed(conflict, hypergame.expected[v][concept]) for v in hypergame.viewers),
            _listed(conflict, hypergame.surprises[concept]),
        )
    shown = (
        hypergame.concepts
        if detail
        else (("seq",) if "seq" in hypergame.concepts else hypergame.concepts[:1])
    )
    lines: list[RenderableType] = [table]
    listed = 5 if detail else 2
    for concept in shown:
        label = CONCEPT_LABELS[concept]
        for m in (m for m in hypergame.misjudgments if m.concept == concept):
            for state, target in m.breaks[:listed]:
                move = describe_step(conflict, Step(m.party, state, target))
                lines.append(
                    Text(
                        f"{m.viewer} expects {m.party} to accept {_state(conflict, state)} "
                        f"({label}), but {m.party} leaves it: {move} → "
                        f"{_state(conflict, target)}"
                    )
                )
            if len(m.breaks) > listed:
                more = len(m.breaks) - listed
                lines.append(Text(f"  … and {more} more such states", style="dim"))
        for value in (v for v in hypergame.values if v.concept == concept):
            if value.gained or value.lost:
                gained = ", ".join(_state(conflict, s) for s in value.gained) or "none"
                lost = ", ".join(_state(conflict, s) for s in value.lost) or "none"
                lines.append(
                    Text(
                        f"{value.viewer}'s beliefs, against the truth ({label}): hyper-equilibria "
                        f"gained {gained}; lost {lost}",
                        style="dim",
                    )
                )
    return Group(*lines)


def _listed(conflict: Conflict, mask: NDArray[np.bool_]) -> str:
    return _some_states(conflict, [int(i) + 1 for i in np.flatnonzero(mask)], 6)
