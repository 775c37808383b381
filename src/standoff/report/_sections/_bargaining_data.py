"""The bargaining analysis as JSON (the ``bargaining`` key) and as plain-language findings.

The findings are the sentences every renderer (terminal, Markdown, HTML) shows above the tables:
who holds the strong hand and why, what each BATNA rests on, and where a deal is predicted to fail.

>>> from standoff.bargaining import bargain
>>> from standoff.scenario import load
>>> analysis = bargain(load("examples/korea_2017.yaml"))
>>> bargaining_document(analysis)["strong_hand"]
'NK'
>>> print(findings(analysis)[0][:59])
North Korea holds the stronger hand: if talks fail it loses
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from standoff.bargaining import (
    BargainingAnalysis,
    BatnaAssessment,
    Dependence,
    Perceived,
    Shift,
    Solution,
    Zopa,
)
from standoff.pipeline import BargainingRecord, Results
from standoff.report._wording import possessive_upper, the, the_upper

__all__ = ["bargaining_data", "bargaining_document", "findings"]

_DIGITS = 6

FRONTIER_LISTED = 1000
"""The most frontier outcomes a document lists: a fine range issue can put hundreds of thousands
of outcomes on the frontier, which no reader needs one by one."""


def _number(value: float) -> float:
    return round(float(value), _DIGITS)


def _listed(frontier: Sequence[int] | NDArray[np.integer[Any]]) -> list[int]:
    """The frontier outcomes a document lists: all of them, or :data:`FRONTIER_LISTED` evenly
    spaced in their ascending order (the first and the last among them)."""
    count = len(frontier)
    if count <= FRONTIER_LISTED:
        return [int(x) for x in frontier]
    picked = np.unique(np.linspace(0, count - 1, FRONTIER_LISTED).round().astype(np.int64))
    return [int(frontier[int(k)]) for k in picked]


def _solution(solution: Solution) -> dict[str, Any]:
    return {
        "outcome": solution.outcome,
        "levels": dict(solution.labels),
        "utilities": {party: _number(u) for party, u in solution.utilities.items()},
    }


def _zopa(zopa: Zopa) -> dict[str, Any]:
    return {
        "size": zopa.size,
        "empty": zopa.empty,
        "ranges": {party: [_number(lo), _number(hi)] for party, (lo, hi) in zopa.ranges.items()},
        "frontier": _listed(zopa.frontier),
        "frontier_size": len(zopa.frontier),
    }


def _batna(batna: BatnaAssessment) -> dict[str, Any]:
    return {
        "party": batna.party,
        "value": _number(batna.value),
        "best": batna.best,
        "alternatives": [
            {
                "name": a.name,
                "value": _number(a.value),
                "utility": _number(a.utility),
                "otherwise": _number(a.otherwise),
                "needs": {party: _number(p) for party, p in a.needs.items()},
                "cooperation": _number(a.cooperation),
            }
            for a in batna.alternatives
        ],
        "dependence": [
            {
                "party": d.party,
                "probability": _number(d.probability),
                "value_with": _number(d.value_with),
                "best_with": d.best_with,
                "value_without": _number(d.value_without),
                "best_without": d.best_without,
                "switches": [
                    {"probability": _number(s.probability), "below": s.below, "above": s.above}
                    for s in d.switches
                ],
            }
            for d in batna.dependence
        ],
    }


def _shift(shift: Shift) -> dict[str, Any]:
    return {
        "batna": _number(shift.batna),
        "utility": None if shift.utility is None else _number(shift.utility),
        "share": None if shift.share is None else _number(shift.share),
    }


def _perceived(perceived: Perceived) -> dict[str, Any]:
    return {
        "holder": perceived.holder,
        "believed_batnas": {p: _number(v) for p, v in perceived.believed_batnas.items()},
        "zopa": _zopa(perceived.zopa),
        "overlap": perceived.overlap,
        "expected": None if perceived.expected is None else _solution(perceived.expected),
        "rejected_by": list(perceived.rejected_by),
        "believed_red_lines": {p: list(lines) for p, lines in perceived.believed_red_lines.items()},
    }


def bargaining_document(analysis: BargainingAnalysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready data (the ``bargaining`` key, see docs/output-format.md)."""
    space = analysis.space
    issues = []
    for issue in space.issues:
        entry: dict[str, Any] = {"id": issue.id, "levels": list(issue.labels())}
        if issue.range is not None:
            entry["range"] = list(issue.range)
            entry["unit"] = issue.unit
            entry["points"] = [_number(x) for x in issue.points()]
        issues.append(entry)
    utilities = analysis.utilities
    return {
        "parties": list(analysis.parties),
        "issues": issues,
        "outcomes": space.size,
        "batnas": [_batna(b) for b in analysis.batnas],
        "frontier": [
            {
                "outcome": int(x),
                "levels": space.labels(int(x)),
                "utilities": {p: _number(utilities[x, k]) for k, p in enumerate(analysis.parties)},
            }
            for x in _listed(analysis.frontier)
        ],
        "frontier_size": len(analysis.frontier),
        "zopa": _zopa(analysis.zopa),
        "perceived": [_perceived(p) for p in analysis.perceived],
        "solutions": {name: _solution(s) for name, s in analysis.solutions.items()},
        "leverage": [
            {
                "party": entry.party,
                "batna": _number(entry.batna),
                "utility": _number(entry.utility),
                "gain": _number(entry.gain),
                "at_stake": _number(entry.at_stake),
                "share": None if entry.share is None else _number(entry.share),
                "lower": _shift(entry.lower),
                "higher": _shift(entry.higher),
            }
            for entry in analysis.leverage
        ],
        "strong_hand": analysis.strong_hand,
        "infeasible": analysis.infeasible,
        "red_lines": dict(analysis.red_lines),
        "zopa_without_red_lines": analysis.zopa_without_red_lines,
        "targets": [
            {
                "party": t.party,
                "target": _number(t.target),
                "best_in_zopa": None if t.best_in_zopa is None else _number(t.best_in_zopa),
                "reachable": t.reachable,
                "gaps": {name: _number(gap) for name, gap in t.gaps.items()},
            }
            for t in analysis.targets
        ],
    }


def bargaining_data(results: Results) -> dict[str, Any]:
    """The ``bargaining`` key."""
    record = results.get(BargainingRecord)
    return {} if record is None else {"bargaining": bargaining_document(record.analysis)}


def findings(analysis: BargainingAnalysis) -> list[str]:
    """The analysis in plain sentences, most important first."""
    name = analysis.labels
    said: list[str] = []
    if analysis.zopa.empty:
        said.append(
            "No agreement beats every party's BATNA (the ZOPA is empty): talks are predicted "
            "to fail."
        )
    elif analysis.strong_hand is not None:
        strong = next(e for e in analysis.leverage if e.party == analysis.strong_hand)
        others = [e for e in analysis.leverage if e.party != strong.party]
        against = ", ".join(f"{e.at_stake:.0%} for {the(name, e.party)}" for e in others)
        said.append(
            f"{the_upper(name, strong.party)} holds the stronger hand: if talks fail it loses "
            f"{strong.at_stake:.0%} of what the Nash agreement is worth to it, against {against}."
        )
    for batna in analysis.batnas:
        for dependence in batna.dependence:
            if dependence.stake <= 0:
                continue
            said.append(
                f"{possessive_upper(name, batna.party)} BATNA ({batna.value:.2f}, '{batna.best}') "
                f"rests on "
                f"{the(name, dependence.party)}: {dependence.value_with:.2f} with its "
                f"cooperation, {dependence.value_without:.2f} without{_switch(dependence)}."
            )
    for perceived in analysis.perceived:
        holder = the_upper(name, perceived.holder)
        if perceived.zopa.empty:
            said.append(f"{holder} sees no agreement worth making: it expects talks to fail.")
        elif perceived.overlap == 0 and not analysis.zopa.empty:
            said.append(
                f"Every deal {the(name, perceived.holder)} believes acceptable is rejected in "
                "reality: its perceived ZOPA and the real one do not overlap — a predicted "
                "breakdown until it revises its beliefs."
            )
        elif perceived.expected is not None and perceived.rejected_by:
            refusers = " and ".join(the(name, p) for p in perceived.rejected_by)
            said.append(
                f"{holder} expects agreement on ({_levels(perceived.expected)}), which {refusers} "
                f"would reject: only {perceived.overlap:,} of the {perceived.zopa.size:,} deals it "
                "believes acceptable are acceptable in reality."
            )
    return said


def _switch(dependence: Dependence) -> str:
    """When a change in the third party's cooperation would change the best alternative."""
    below = [s for s in dependence.switches if s.probability < dependence.probability]
    above = [s for s in dependence.switches if s.probability > dependence.probability]
    if below:
        switch = below[-1]
        return (
            f"; if that chance fell below {switch.probability:.0%} "
            f"(now {dependence.probability:.0%}), '{switch.below}' would become best"
        )
    if above:
        switch = above[0]
        return (
            f"; if that chance rose above {switch.probability:.0%} "
            f"(now {dependence.probability:.0%}), '{switch.above}' would become best"
        )
    return ""


def _levels(solution: Solution) -> str:
    return "; ".join(f"{issue}: {level}" for issue, level in solution.labels.items())
