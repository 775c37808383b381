"""Hypergames: what each party believes, and where a misjudgment leads.

Each party with options acts on its *perceived game*: the true conflict with the other parties'
preferences replaced by what it believes them to be, and with the options it does not know exist
frozen (it neither fears nor expects moves that change them). From these games (first-level
hypergames: Bennett 1977, 1980; Wang, Hipel & Fraser 1988):

- a party's *expected equilibria* are the equilibria of its perceived game;
- a *hyper-equilibrium* is a state at which every party is stable in the game it perceives: where
  the conflict can actually rest, each party acting on its own view;
- at the *second level*, a party predicts each other party from its model of that party's view
  (``views`` in the scenario): its predicted outcomes are the states stable for itself in its own
  game and for every other party in the game it believes that party perceives;
- a *misjudgment* of party P by a viewer V: a state V expects P to stay at (stable for P in V's
  game) that P leaves in reality (unstable for P in P's own game), with P's move that breaks it, or
  a state V expects P to leave that P in fact keeps;
- a *surprise*: a hyper-equilibrium that no party expects (an equilibrium of nobody's game);
- the *value of a perception*: the hyper-equilibria that appear and disappear because a party
  holds its beliefs rather than the truth.

Examples
--------
>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> conflict = build_conflict(load("examples/korea_2019.yaml"))
>>> hypergame = hypergame_analysis(conflict, ["seq"])
>>> interim = conflict.find_state("interim_deal")
>>> bool(hypergame.expected["US"]["seq"][interim]), bool(hypergame.hyper_equilibria["seq"][interim])
(True, False)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict
from standoff.stability import CONCEPTS, StabilityAnalysis, analyze, explain

__all__ = [
    "Hypergame",
    "Misjudgment",
    "PerceptionValue",
    "hypergame_analysis",
    "perceived_conflict",
]

Mask = NDArray[np.bool_]


@dataclass(frozen=True)
class Misjudgment:
    """How ``viewer`` misjudges ``party`` under ``concept``.

    ``breaks`` lists (state, the state ``party`` moves to) for states the viewer expects the party
    to accept but which it leaves in reality; ``keeps`` the states the viewer expects it to leave
    but which it keeps.
    """

    viewer: str
    party: str
    concept: str
    breaks: tuple[tuple[int, int], ...]
    keeps: tuple[int, ...]


@dataclass(frozen=True)
class PerceptionValue:
    """Hyper-equilibria that ``viewer``'s beliefs add (``gained``) or remove (``lost``) compared
    with the viewer seeing the true conflict, everyone else's views unchanged."""

    viewer: str
    concept: str
    gained: tuple[int, ...]
    lost: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class Hypergame:
    """The first- and second-level hypergame analysis of a conflict with perceptions.

    All state sets are boolean arrays over state indices, per concept.
    """

    source: str
    concepts: tuple[str, ...]
    viewers: tuple[str, ...]
    expected: Mapping[str, Mapping[str, Mask]]
    hyper_equilibria: Mapping[str, Mask]
    predicted: Mapping[str, Mapping[str, Mask]]
    misjudgments: tuple[Misjudgment, ...]
    surprises: Mapping[str, Mask]
    values: tuple[PerceptionValue, ...]

    def _repr_html_(self) -> str:  # for Jupyter; the report layer is imported only here
        from standoff.report._notebook import notebook_html

        return notebook_html(self)


def perceived_conflict(conflict: Conflict, chain: tuple[str, ...]) -> Conflict:
    """The conflict as seen through a chain of views.

    ``(V,)`` is V's perceived game; ``(V, P)`` is the game V believes P perceives. Options the
    first viewer does not know exist are frozen (no party can change them).
    """
    ranks = dict(conflict.ranks)
    for depth in range(1, len(chain) + 1):
        ranks.update(conflict.beliefs.get(chain[:depth], {}))
    frozen = conflict.unaware.get(chain[0], 0) if chain else 0
    return dataclasses.replace(
        conflict,
        ranks=MappingProxyType(ranks),
        once_taken=conflict.once_taken | frozen,
        once_dropped=conflict.once_dropped | frozen,
        beliefs=MappingProxyType({}),
        unaware=MappingProxyType({}),
    )


def hypergame_analysis(conflict: Conflict, concepts: Iterable[str] = CONCEPTS) -> Hypergame:
    """Analyse the perceptions of ``conflict`` under each concept (all six by default)."""
    wanted = [c for c in CONCEPTS if c in set(concepts)]
    viewers = tuple(party.id for party in conflict.movers)
    own_games = {v: perceived_conflict(conflict, (v,)) for v in viewers}
    games = {v: analyze(own_games[v], wanted) for v in viewers}
    truth = analyze(conflict, wanted)

    def hyper(views: Mapping[str, StabilityAnalysis], concept: str) -> Mask:
        result = np.ones(conflict.state_count, dtype=np.bool_)
        for party in viewers:
            result &= views[party].results[concept].stable[party]
        return result

    hyper_equilibria = {c: hyper(games, c) for c in wanted}
    expected = {v: {c: games[v].results[c].equilibria for c in wanted} for v in viewers}
    predicted = {}
    for viewer in viewers:
        models = {
            other: games[viewer] if other == viewer
            else analyze(perceived_conflict(conflict, (viewer, other)), wanted)
            for other in viewers
        }  # fmt: skip
        predicted[viewer] = {c: hyper(models, c) for c in wanted}
    misjudgments = []
    for viewer in viewers:
        for party in (p for p in viewers if p != viewer):
            for concept in wanted:
                believed = games[viewer].results[concept].stable[party]
                actual = games[party].results[concept].stable[party]
                breaks = tuple(
                    (int(s), _breaking_move(own_games[party], party, int(s), concept))
                    for s in np.flatnonzero(believed & ~actual)
                )
                keeps = tuple(int(s) for s in np.flatnonzero(~believed & actual))
                if breaks or keeps:
                    misjudgments.append(Misjudgment(viewer, party, concept, breaks, keeps))
    surprises = {}
    for concept in wanted:
        anyone = np.zeros(conflict.state_count, dtype=np.bool_)
        for viewer in viewers:
            anyone |= expected[viewer][concept]
        surprises[concept] = hyper_equilibria[concept] & ~anyone
    values = []
    for viewer in (p.viewer for p in conflict.scenario.perceptions):
        corrected = dict(games) | {viewer: truth}
        for concept in wanted:
            with_belief, without = hyper_equilibria[concept], hyper(corrected, concept)
            gained = tuple(int(s) for s in np.flatnonzero(with_belief & ~without))
            lost = tuple(int(s) for s in np.flatnonzero(without & ~with_belief))
            values.append(PerceptionValue(viewer, concept, gained, lost))
    return Hypergame(
        conflict.scenario.file,
        tuple(wanted),
        viewers,
        MappingProxyType({v: _frozen(e) for v, e in expected.items()}),
        _frozen(hyper_equilibria),
        MappingProxyType({v: _frozen(p) for v, p in predicted.items()}),
        tuple(misjudgments),
        _frozen(surprises),
        tuple(values),
    )


def _breaking_move(game: Conflict, party: str, state: int, concept: str) -> int:
    """A unilateral improvement of ``party`` from ``state`` that nothing deters in its game."""
    explanation = explain(game, party, int(state), concept)
    return next(item.target for item in explanation.improvements if not item.deterred)


def _frozen(by_concept: Mapping[str, Mask]) -> Mapping[str, Mask]:
    for value in by_concept.values():
        value.flags.writeable = False
    return MappingProxyType(dict(by_concept))
