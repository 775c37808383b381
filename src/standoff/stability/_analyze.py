"""The six concepts on one conflict, computed together so that they share their work.

Each concept is decided party by party by its kernel (:mod:`standoff.stability._kernel` for Nash,
GMR, SMR and SEQ; :mod:`standoff.stability._simultaneous` for SIM); SEQ+SIM is SEQ or SIM for each
party. A state is an equilibrium of a concept when it is stable for every party with options.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, party_moves
from standoff.conflict._moves import check_listing_sizes
from standoff.stability._kernel import gmr_stable, nash_stable, seq_stable, smr_stable
from standoff.stability._result import CONCEPTS, StabilityAnalysis, StabilityResult
from standoff.stability._simultaneous import sim_stable

__all__ = ["Progress", "analyze", "gmr", "nash", "seq", "seqsim", "sim", "smr"]

Progress = Callable[[str, str], None]
"""Called with ``(concept, party)`` before each party's stability is computed."""

_PER_PARTY: dict[str, Callable[[Conflict, str], NDArray[np.bool_]]] = {
    "nash": nash_stable,
    "gmr": gmr_stable,
    "smr": smr_stable,
    "seq": seq_stable,
    "sim": sim_stable,
}


def nash(conflict: Conflict) -> StabilityResult:
    """Nash stability: no party can improve by moving on its own."""
    return analyze(conflict, ["nash"]).results["nash"]


def gmr(conflict: Conflict) -> StabilityResult:
    """General metarationality: every improvement can be sanctioned by the others."""
    return analyze(conflict, ["gmr"]).results["gmr"]


def smr(conflict: Conflict) -> StabilityResult:
    """Symmetric metarationality: GMR with sanctions the improver cannot escape."""
    return analyze(conflict, ["smr"]).results["smr"]


def seq(conflict: Conflict) -> StabilityResult:
    """Sequential stability: sanctions made of the others' own improvements."""
    return analyze(conflict, ["seq"]).results["seq"]


def sim(conflict: Conflict) -> StabilityResult:
    """Simultaneous sanctioning: the others respond at once, each by an improvement or not."""
    return analyze(conflict, ["sim"]).results["sim"]


def seqsim(conflict: Conflict) -> StabilityResult:
    """SEQ+SIM: stable for a party under SEQ or under SIM."""
    return analyze(conflict, ["seqsim"]).results["seqsim"]


def analyze(
    conflict: Conflict,
    concepts: Iterable[str] = CONCEPTS,
    *,
    progress: Progress | None = None,
) -> StabilityAnalysis:
    """Compute the given concepts (all six by default) for every party with options.

    Parameters
    ----------
    conflict
        The conflict to analyse; the analysis keeps it (``analysis.conflict``).
    concepts
        Names from :data:`~standoff.stability.CONCEPTS`; the results follow that order.
    progress
        Called with ``(concept, party)`` before each party's stability is computed.

    Raises
    ------
    ValueError
        For an unknown concept name.
    """
    wanted = list(dict.fromkeys(concepts))
    unknown = [c for c in wanted if c not in CONCEPTS]
    if unknown:
        raise ValueError(f"unknown concept {unknown[0]!r} (expected one of {', '.join(CONCEPTS)})")
    needed = set(wanted) | ({"seq", "sim"} if "seqsim" in wanted else set())
    _check_size(conflict, needed)
    per_party: dict[str, dict[str, NDArray[np.bool_]]] = {}
    for concept in (c for c in CONCEPTS if c in needed and c != "seqsim"):
        per_party[concept] = {}
        for party in conflict.movers:
            if progress is not None:
                progress(concept, party.id)
            per_party[concept][party.id] = _PER_PARTY[concept](conflict, party.id)
    if "seqsim" in needed:
        per_party["seqsim"] = {
            party.id: per_party["seq"][party.id] | per_party["sim"][party.id]
            for party in conflict.movers
        }
    results = {
        concept: _result(conflict, concept, per_party[concept])
        for concept in CONCEPTS
        if concept in wanted
    }
    return StabilityAnalysis(conflict, MappingProxyType(results))


def _check_size(conflict: Conflict, concepts: set[str]) -> None:
    """Refuse up front an analysis whose explicit move lists would exceed their budget (all
    parties together): every party's for SIM; otherwise those of the parties whose moves are not
    cliques, and of every party that sanctions alongside one with forbidden moves."""
    movers = [party_moves(conflict, party.id) for party in conflict.movers]
    if "sim" in concepts:
        hint = "; leave out SIM and SEQ+SIM to analyse the rest"
        check_listing_sizes(conflict, [moves.party for moves in movers], "SIM", hint)
    listed = {moves.party for moves in movers if not moves.clique}
    if concepts & {"gmr", "smr", "seq"}:
        for moves in movers:  # the sanctions of each party's others, along legal sequences
            others = [other for other in movers if other is not moves]
            if not all(other.transitive for other in others):
                listed.update(other.party for other in others)
    if listed and concepts - {"sim"}:
        why = "with irreversible or forbidden moves, stability"
        check_listing_sizes(conflict, [p.id for p in conflict.movers if p.id in listed], why)


def _result(
    conflict: Conflict, concept: str, stable: Mapping[str, NDArray[np.bool_]]
) -> StabilityResult:
    equilibria = np.ones(conflict.state_count, dtype=np.bool_)
    for array in stable.values():
        array.flags.writeable = False
        equilibria &= array
    equilibria.flags.writeable = False
    return StabilityResult(
        concept, conflict.scenario.file, MappingProxyType(dict(stable)), equilibria
    )
