"""The state graph picture: the moves it draws are the conflict's moves, every state has its own
place, and a large conflict is collapsed to the states that matter."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from tests.strategies import conflict_from_text, scenario_texts

from standoff.conflict import Conflict, build_conflict, party_moves
from standoff.evolution import status_quo_analysis
from standoff.report._graph import MAX_DRAWN, chosen_states, moves_between, state_graph
from standoff.scenario import load, loads
from standoff.stability import analyze

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(
    p.name for p in (ROOT / "examples").glob("*.yaml") if load(p).conflict is not None
)
SVG = "{http://www.w3.org/2000/svg}"


def example(name: str) -> Conflict:
    return build_conflict(load(ROOT / "examples" / name))


def directed_moves(conflict: Conflict) -> set[tuple[str, int, int]]:
    """Every legal move, from the engine's explicit move lists."""
    found = set()
    for party in conflict.movers:
        lists = party_moves(conflict, party.id).explicit
        for source in range(conflict.state_count):
            for target in lists.targets[lists.indptr[source] : lists.indptr[source + 1]].tolist():
                found.add((party.id, source, int(target)))
    return found


def check_moves(conflict: Conflict) -> None:
    legal = directed_moves(conflict)
    drawn = moves_between(conflict, list(range(conflict.state_count)))
    assert {(m.party, m.first, m.second) for m in drawn} == {
        (p, min(s, t), max(s, t)) for p, s, t in legal
    }
    for move in drawn:
        ranks = conflict.ranks[move.party]
        improvements = [
            (s, t)
            for s, t in ((move.first, move.second), (move.second, move.first))
            if (move.party, s, t) in legal and ranks[t] < ranks[s]
        ]
        assert move.towards == (improvements[0][1] if improvements else None)


@pytest.mark.parametrize("name", EXAMPLES)
def test_drawn_moves_are_the_engines_moves_on_the_examples(name: str) -> None:
    check_moves(example(name))


@settings(max_examples=60, deadline=None)
@given(scenario_texts())
def test_drawn_moves_are_the_engines_moves(text: str) -> None:
    check_moves(conflict_from_text(text))


def nodes(svg: str) -> list[ET.Element]:
    """The node groups: the ``<g>`` holding a ``<title>`` (one per drawn state)."""
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}title") is not None]


def centres(svg: str) -> dict[int, tuple[str, str]]:
    placed = {}
    for node in nodes(svg):
        state = int((node.findtext(f"{SVG}title") or "").split()[0])
        circle = next(c for c in node.iter(f"{SVG}circle") if c.get("r") == "16")
        placed[state] = (circle.get("cx", ""), circle.get("cy", ""))
    return placed


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_state_is_drawn_once_in_a_place_of_its_own(name: str) -> None:
    conflict = example(name)
    svg, note = state_graph(conflict, analyze(conflict))
    placed = centres(svg)
    assert note is None
    assert sorted(placed) == list(range(1, conflict.state_count + 1))
    assert len(set(placed.values())) == conflict.state_count


def test_korea_graph_edges_colours_and_highlights() -> None:
    conflict = example("korea_2019.yaml")
    analysis = analyze(conflict)
    svg, _ = state_graph(conflict, analysis)
    root = ET.fromstring(svg)
    edges = [p for p in root.iter(f"{SVG}path") if p.get("stroke-width") == "1.4"]
    assert len(edges) == len(moves_between(conflict, list(range(24))))
    arrows = [e for e in edges if e.get("marker-end")]
    assert len(arrows) == sum(m.towards is not None for m in moves_between(conflict, range(24)))
    assert len({e.get("stroke") for e in edges}) == 3  # one colour per party
    fills = {
        int((n.findtext(f"{SVG}title") or "").split()[0]): next(
            c.get("fill") for c in n.iter(f"{SVG}circle") if c.get("r") == "16"
        )
        for n in nodes(svg)
    }
    assert fills[23] == "#1B7837"  # escalation: an equilibrium under every concept
    assert fills[1] == "#A6DBA0"  # the status quo: under some
    assert fills[6] == "#FFFFFF"  # the interim deal: under none
    assert "status quo" in [t.text for t in root.iter(f"{SVG}text")]


def test_korea_evolution_draws_the_paths_numbered() -> None:
    conflict = example("korea_2019.yaml")
    analysis = analyze(conflict)
    evolution = status_quo_analysis(conflict, analysis)
    svg, _ = state_graph(conflict, analysis, evolution, paths=True, chart="evolution")
    root = ET.fromstring(svg)
    thick = [p for p in root.iter(f"{SVG}path") if p.get("stroke-width") == "4"]
    # paths of improvements: 1 -> 9 (NK tests) -> 21 (China enforces) -> 23 (US exercises)
    assert len(thick) == 3
    assert all((p.get("marker-end") or "").startswith("url(#evolution-arrow-") for p in thick)
    steps = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}path[@stroke-width='4']") is not None]
    assert [g.findtext(f"{SVG}text") for g in steps] == ["1", "2", "3"]
    faded = [n for n in nodes(svg) if n.get("opacity") == "0.35"]
    reachable = int(evolution.by_improvements.reachable.sum())
    assert len(faded) == conflict.state_count - reachable
    assert re.search(r'id="evolution-arrow-0"', svg)
    with pytest.raises(ValueError, match="needs an evolution"):
        state_graph(conflict, analysis, paths=True)


def large_conflict() -> Conflict:
    """Two parties with 4 and 3 options (128 states), a status quo and Chicken-like stakes."""
    text = """
standoff: 1
title: Large
parties:
  A: {options: {a0: a0, a1: a1, a2: a2, a3: a3}}
  B: {options: {b0: b0, b1: b1, b2: b2}}
conflict:
  states:
    start: not a0 and not a1 and not a2 and not a3 and not b0 and not b1 and not b2
  status_quo: start
  preferences:
    A: [a0 iff b0, not b1, a1, a2 or b2, not a3]
    B: [not a0, b0 iff a1, b1, not b2 or a3]
"""
    return build_conflict(loads(text, "large.yaml"))


def test_a_large_conflict_is_collapsed_to_the_states_that_matter() -> None:
    conflict = large_conflict()
    analysis = analyze(conflict)
    evolution = status_quo_analysis(conflict, analysis)
    assert conflict.state_count > MAX_DRAWN
    states, note = chosen_states(conflict, analysis, evolution)
    assert len(states) <= MAX_DRAWN
    assert evolution.start in states
    assert note is not None
    shown = re.search(r"paths of improvements from it to (\d+) equilibria", note)
    assert shown is not None
    reachable = {s for found in evolution.equilibria.values() for s in found} - {evolution.start}
    with_paths = [e for e in reachable if {s.target for s in evolution.path(e)} <= set(states)]
    assert len(with_paths) == int(shown.group(1)) >= 20
    any_equilibrium = np.zeros(conflict.state_count, dtype=bool)
    for result in analysis.results.values():
        any_equilibrium |= result.equilibria
    others = [s for s in states if s != evolution.start]
    assert all(any_equilibrium[s] or evolution.by_improvements.reachable[s] for s in others)
    assert note.startswith(f"Showing {len(states)} of 128 states: the status quo")
    svg, drawn_note = state_graph(conflict, analysis, evolution, paths=True, chart="evolution")
    assert drawn_note == note
    assert sorted(centres(svg)) == [s + 1 for s in states]
    plain, _ = state_graph(conflict, analysis, evolution)
    edges = [p for p in ET.fromstring(plain).iter(f"{SVG}path") if p.get("stroke-width")]
    assert all(e.get("marker-end") for e in edges)  # collapsed: only improvements are drawn
