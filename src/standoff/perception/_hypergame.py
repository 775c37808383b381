"""First- and second-level hypergame analysis (Bennett 1977, 1980; Wang, Hipel & Fraser 1988).

Each party's perceived game is analysed under each concept; from the stability of each party in
its own game come the hyper-equilibria, the expected equilibria, the second-level predictions, the
misjudgments, the surprises and the value of each perception (see :mod:`standoff.perception`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import numpy as np

from standoff.conflict import Conflict
from standoff.perception._perceived import perceived_conflict
from standoff.perception._result import Hypergame, Mask, Misjudgment, PerceptionValue
from standoff.stability import CONCEPTS, StabilityAnalysis, analyze, explain

__all__ = ["hypergame_analysis"]


def hypergame_analysis(conflict: Conflict, concepts: Iterable[str] = CONCEPTS) -> Hypergame:
    """Analyse the perceptions of ``conflict`` under each concept (all six by default).

    Parameters
    ----------
    conflict
        The true conflict, with its perceptions; the result keeps it (``hypergame.conflict``).
    concepts
        Names from :data:`~standoff.stability.CONCEPTS`; the results follow that order.
    """
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
        conflict,
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
