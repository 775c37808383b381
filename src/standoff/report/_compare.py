"""Two versions of a scenario side by side: what changed in the file, and in the conclusions.

The file's change is a unified diff of the two texts. The conclusions' changes are read from the
two JSON documents (the output contract, :func:`~standoff.report.json_document`), so they cover
exactly what the outputs say (the paths in words, and the simulated talks, from the results):
for each stability concept the equilibria gained and lost, the
equilibria reachable from the status quo gained and lost, the evolution from the status quo (the
states it reaches by improvements, and the path of moves to each reachable equilibrium whose path
changed, in words), the hyper-equilibria of the perceptions and each misjudgment (the states a party
wrongly expects another to accept), each party's BATNA, the ZOPA, the bargaining solutions and the
stronger hand. When both versions have a negotiation protocol, the talks as written are simulated
for both on the same runs and seed (common random numbers, :data:`SIMULATED_RUNS` runs, seed
:data:`SIMULATED_SEED` unless asked otherwise): the shares of agreement, breakdown and deadline
and each party's expected utility, before and after, with the paired difference. A
state is named by its id and its name or pattern (``23 escalation``, ``18 (YNYNY)``); when the
two versions have different options, the ids of the same outcome may differ, and the pattern
says which state is meant.

>>> from pathlib import Path
>>> from standoff.pipeline import run
>>> from standoff.scenario import loads
>>> text = Path("examples/prisoners_dilemma.yaml").read_text(encoding="utf-8")
>>> changed = text.replace("title: Prisoner's dilemma", "title: A dilemma")
>>> found = compare(run(loads(text, "a.yaml")), run(loads(changed, "b.yaml")), text, changed)
>>> found.changes
()
>>> found.diff[4:6]
("-title: Prisoner's dilemma", '+title: A dilemma')
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from standoff._version import __version__
from standoff.pipeline import DEFAULT_RUNS, DEFAULT_SEED, EvolutionRecord, Results
from standoff.report._blocks import Cell, Items, Paragraph, Section, Span, Table, Text
from standoff.report._document import json_document
from standoff.report._wording import path_text
from standoff.stability import CONCEPT_LABELS

__all__ = [
    "COMPARED",
    "SIMULATED_RUNS",
    "SIMULATED_SEED",
    "Change",
    "Comparison",
    "Outcome",
    "Simulated",
    "compare",
    "comparison_data",
    "comparison_html",
    "comparison_markdown",
    "comparison_sections",
    "comparison_text",
    "simulated",
]

COMPARED = frozenset(
    {"conflict", "stability", "evolution", "coalitions", "perceptions", "bargaining"}
)
"""The analyses a comparison runs on both versions (the quick ones: no robustness, no talks; the
talks are simulated apart, on common random numbers: :func:`simulated`)."""

SIMULATED_RUNS = DEFAULT_RUNS
"""Simulated negotiations per version when both have a protocol (the command line's default)."""

SIMULATED_SEED = DEFAULT_SEED
"""The seed both versions' talks are simulated from (the command line's default)."""

UNREACHED = "not an equilibrium reachable from the status quo"
"""The path to a state that is no equilibrium reachable from the status quo in that version."""

MAX_DIFF_LINES = 2_000
"""The most lines of the file's diff kept (the rest counted)."""


@dataclass(frozen=True)
class Change:
    """One conclusion that differs: what it is, and its value before and after; for a set of
    states, the states ``gained`` and ``lost``."""

    what: str
    before: str
    after: str
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """One measure of the simulated talks as written: its value before and after and, when the
    two versions' runs can be paired, the mean paired difference (after minus before) and its
    standard error (``None`` when they cannot)."""

    what: str
    before: float
    after: float
    difference: float | None = None
    error: float | None = None


@dataclass(frozen=True)
class Simulated:
    """The talks as written of both versions, simulated ``runs`` times from ``seed`` on common
    random numbers: the shares of agreement, breakdown and deadline, then each party's expected
    utility. ``paired`` is false when the two versions' parties differ (no paired difference)."""

    runs: int
    seed: int
    paired: bool
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class Comparison:
    """What changed from ``before`` to ``after`` (their names): the file's unified diff, the
    conclusions that differ, in the order the outputs show them, and the simulated talks of both
    (``None`` unless both have a negotiation protocol)."""

    before: str
    after: str
    diff: tuple[str, ...]
    changes: tuple[Change, ...]
    simulated: Simulated | None = None


def _names(document: dict[str, Any]) -> dict[int, str]:
    return {
        state["id"]: f"{state['id']} {state['name']}"
        if state.get("name")
        else f"{state['id']} ({state['pattern']})"
        for state in document.get("states", [])
    }


def _states(document: dict[str, Any], ids: list[int]) -> set[str]:
    names = _names(document)
    return {names.get(i, str(i)) for i in ids}


def _sorted(states: set[str]) -> tuple[str, ...]:
    return tuple(sorted(states, key=lambda s: (int(s.split(" ")[0]) if s[:1].isdigit() else 0, s)))


def _shown(states: set[str]) -> str:
    return ", ".join(_sorted(states)) or "none"


def _set_change(
    what: str, before: dict[str, Any], after: dict[str, Any], old: list[int], new: list[int]
) -> Change | None:
    first, second = _states(before, old), _states(after, new)
    if first == second:
        return None
    return Change(
        what, _shown(first), _shown(second), _sorted(second - first), _sorted(first - second)
    )


def _reachable(document: dict[str, Any]) -> dict[str, list[int]]:
    found = document.get("evolution", {}).get("by_improvements", {}).get("equilibria", {})
    return {concept: [item["state"] for item in items] for concept, items in found.items()}


def _paths(results: Results, document: dict[str, Any]) -> dict[str, str]:
    """Each equilibrium reachable from the status quo (under any concept), by name, and the
    path of moves to it in words."""
    record = results.get(EvolutionRecord)
    if record is None or record.evolution is None:
        return {}
    names, evolution = _names(document), record.evolution
    states = sorted({int(s) for found in evolution.equilibria.values() for s in found})
    return {
        names.get(s + 1, str(s + 1)): path_text(record.conflict, evolution.path(s)) for s in states
    }


def _evolution(
    before: Results, after: Results, first: dict[str, Any], second: dict[str, Any]
) -> list[Change]:
    """The status quo, the states it reaches by improvements, and the path to each reachable
    equilibrium whose path changed (:data:`UNREACHED` in a version where it is not one)."""
    starts = [doc.get("evolution", {}).get("from") for doc in (first, second)]
    changes = [
        _value_change(
            "status quo",
            *(
                None if start is None else _names(doc).get(start, str(start))
                for start, doc in zip(starts, (first, second), strict=True)
            ),
        ),
        _set_change(
            "states reachable from the status quo by improvements",
            first,
            second,
            *(doc.get("evolution", {}).get("by_improvements", {}).get("reachable", [])
              for doc in (first, second)),
        ),
    ]  # fmt: skip
    paths = [_paths(before, first), _paths(after, second)]
    for state in _sorted(set(paths[0]) | set(paths[1])):
        old, new = (found.get(state, UNREACHED) for found in paths)
        changes.append(_value_change(f"path from the status quo to {state}", old, new))
    return [change for change in changes if change is not None]


def _value_change(what: str, old: Any, new: Any) -> Change | None:
    if old == new:
        return None
    return Change(what, "none" if old is None else str(old), "none" if new is None else str(new))


def _misjudgments(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """For each viewer, party and concept: the states the viewer expects the party to accept
    but which it leaves (``breaks``), gained and lost."""
    found = [
        {
            (m["viewer"], m["party"], m["concept"]): [b["state"] for b in m["breaks"]]
            for m in doc.get("perceptions", {}).get("misjudgments", [])
        }
        for doc in (before, after)
    ]
    changes = []
    order = {concept: k for k, concept in enumerate(CONCEPT_LABELS)}
    for viewer, party, concept in sorted(
        set(found[0]) | set(found[1]), key=lambda key: (key[0], key[1], order.get(key[2], 99))
    ):
        key = (viewer, party, concept)
        change = _set_change(
            f"states {viewer} wrongly expects {party} to accept under "
            f"{CONCEPT_LABELS.get(concept, concept)}",
            before,
            after,
            found[0].get(key, []),
            found[1].get(key, []),
        )
        if change is not None:
            changes.append(change)
    return changes


def _bargaining(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    first, second = before.get("bargaining") or {}, after.get("bargaining") or {}
    if not first and not second:
        return []
    changes: list[Change | None] = []
    batnas = [{b["party"]: b for b in side.get("batnas", [])} for side in (first, second)]
    for party in sorted(set(batnas[0]) | set(batnas[1])):
        old, new = batnas[0].get(party), batnas[1].get(party)
        changes.append(
            _value_change(
                f"{party}'s BATNA",
                None if old is None else f"{old['value']:g} ({old['best']})",
                None if new is None else f"{new['value']:g} ({new['best']})",
            )
        )
    zopas = [side.get("zopa") for side in (first, second)]
    changes.append(
        _value_change("ZOPA", *(_zopa_text(z) if z is not None else None for z in zopas))
    )
    solutions = [side.get("solutions", {}) for side in (first, second)]
    for name in sorted(set(solutions[0]) | set(solutions[1])):
        changes.append(
            _value_change(
                f"{name.replace('_', ' ')} solution",
                *(_levels(side.get(name)) for side in solutions),
            )
        )
    changes.append(
        _value_change("stronger hand", first.get("strong_hand"), second.get("strong_hand"))
    )
    return [change for change in changes if change is not None]


def _zopa_text(zopa: dict[str, Any]) -> str:
    if zopa.get("empty"):
        return "empty"
    ranges = ", ".join(f"{p} {low:g}–{high:g}" for p, (low, high) in zopa["ranges"].items())
    return f"{zopa['size']} outcomes ({ranges})"


def _levels(solution: dict[str, Any] | None) -> str | None:
    if solution is None:
        return None
    return ", ".join(f"{issue} {level}" for issue, level in solution["levels"].items())


def _has_protocol(results: Results) -> bool:
    negotiation = results.scenario.negotiation
    return negotiation is not None and negotiation.protocol is not None


def simulated(before: Results, after: Results, runs: int, seed: int) -> Simulated | None:
    """Both versions' talks as written, simulated on the same runs and seed (common random
    numbers, so that the difference is measured run by run); ``None`` unless both have a
    protocol."""
    if not (_has_protocol(before) and _has_protocol(after)):
        return None
    from standoff.talks import scenario_talks, simulate_variants

    talks = [scenario_talks(results.scenario) for results in (before, after)]
    (first, _), (second, difference) = simulate_variants(
        [(found.table, found.distributions) for found in talks], runs, seed, workers=1
    )
    paired = talks[0].parties == talks[1].parties
    outcomes = [
        Outcome(
            "agreement",
            first.agreement,
            second.agreement,
            *((difference.agreement, difference.agreement_se) if difference and paired else ()),
        ),
        Outcome("breakdown", first.breakdown, second.breakdown),
        Outcome("deadline", first.deadline, second.deadline),
    ]
    parties = talks[1].parties if paired else ()
    for party in parties:
        assert difference is not None
        outcomes.append(
            Outcome(
                f"{party}'s expected utility",
                first.utility[party],
                second.utility[party],
                difference.utility[party],
                difference.utility_se[party],
            )
        )
    old, new = talks[0].parties, talks[1].parties
    if not paired and set(old) == set(new):  # the same parties in another order
        for party in old:
            outcomes.append(
                Outcome(f"{party}'s expected utility", first.utility[party], second.utility[party])
            )
    elif not paired:  # each version's own parties, no difference
        for one, other in zip(old, new, strict=True):
            outcomes.append(
                Outcome(
                    f"expected utility of {one} → {other}",
                    first.utility[one],
                    second.utility[other],
                )
            )
    return Simulated(runs, seed, paired, tuple(outcomes))


def compare(
    before: Results,
    after: Results,
    before_text: str,
    after_text: str,
    *,
    runs: int = SIMULATED_RUNS,
    seed: int = SIMULATED_SEED,
) -> Comparison:
    """What changed from one version to the other, in the file and in the conclusions; when
    both have a protocol, their talks simulated ``runs`` times from ``seed``
    (:func:`simulated`)."""
    first, second = json_document(before), json_document(after)
    diff = list(
        difflib.unified_diff(
            before_text.splitlines(),
            after_text.splitlines(),
            before.scenario.file,
            after.scenario.file,
            lineterm="",
        )
    )
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"... and {len(diff) - MAX_DIFF_LINES:,} more lines"]
    changes: list[Change | None] = []
    stability = [doc.get("stability", {}) for doc in (first, second)]
    for concept in [c for c in CONCEPT_LABELS if c in stability[0] or c in stability[1]]:
        label = CONCEPT_LABELS[concept]
        old = stability[0].get(concept, {}).get("equilibria", [])
        new = stability[1].get(concept, {}).get("equilibria", [])
        changes.append(_set_change(f"equilibria under {label}", first, second, old, new))
    reachable = [_reachable(doc) for doc in (first, second)]
    for concept in [c for c in CONCEPT_LABELS if c in reachable[0] or c in reachable[1]]:
        changes.append(
            _set_change(
                f"equilibria reachable from the status quo under {CONCEPT_LABELS[concept]}",
                first,
                second,
                reachable[0].get(concept, []),
                reachable[1].get(concept, []),
            )
        )
    changes.extend(_evolution(before, after, first, second))
    hyper = [doc.get("perceptions", {}).get("concepts", {}) for doc in (first, second)]
    for concept in [c for c in CONCEPT_LABELS if c in hyper[0] or c in hyper[1]]:
        changes.append(
            _set_change(
                f"hyper-equilibria (perceptions) under {CONCEPT_LABELS[concept]}",
                first,
                second,
                hyper[0].get(concept, {}).get("hyper_equilibria", []),
                hyper[1].get(concept, {}).get("hyper_equilibria", []),
            )
        )
    changes.extend(_misjudgments(first, second))
    changes.extend(_bargaining(first, second))
    return Comparison(
        before.scenario.file,
        after.scenario.file,
        tuple(diff),
        tuple(change for change in changes if change is not None),
        simulated(before, after, runs, seed),
    )


def _outcome_text(outcome: Outcome) -> str:
    """``22.4% → 30.1% (paired difference +7.7 ± 1.2 points)``, ``0.277 → 0.301 (paired
    difference +0.024 ± 0.003)``: shares in per cent, utilities as they are."""
    share = "utility" not in outcome.what
    scale, unit, digits = (100.0, "%", 1) if share else (1.0, "", 3)
    before, after = (
        f"{value * scale:.{digits}f}{unit}" for value in (outcome.before, outcome.after)
    )
    if before == after and not outcome.difference:
        return f"{before} (unchanged)"
    text = f"{before} → {after}"
    if outcome.difference is not None and outcome.error is not None:
        points = " points" if share else ""
        text += (
            f" (paired difference {outcome.difference * scale:+.{digits}f}"
            f" ± {outcome.error * scale:.{digits}f}{points})"
        )
    return text


def _simulated_title(found: Simulated) -> str:
    pairing = "on common random numbers" if found.paired else "not paired: the parties differ"
    return f"Simulated talks as written ({found.runs:,} runs each, seed {found.seed}, {pairing})"


def _simulated_data(found: Simulated | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "runs": found.runs,
        "seed": found.seed,
        "paired": found.paired,
        "title": _simulated_title(found),
        "outcomes": [
            {
                "what": outcome.what,
                "before": round(outcome.before, 6),
                "after": round(outcome.after, 6),
                "difference": None if outcome.difference is None else round(outcome.difference, 6),
                "standard_error": None if outcome.error is None else round(outcome.error, 6),
                "text": _outcome_text(outcome),
            }
            for outcome in found.outcomes
        ],
    }


def comparison_data(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON: the two names, the diff's lines, each change and the simulated
    talks (``null`` unless both versions have a protocol)."""
    return {
        "before": comparison.before,
        "after": comparison.after,
        "diff": list(comparison.diff),
        "changes": [
            {
                "what": change.what,
                "before": change.before,
                "after": change.after,
                "gained": list(change.gained),
                "lost": list(change.lost),
            }
            for change in comparison.changes
        ],
        "simulated": _simulated_data(comparison.simulated),
    }


def _arrowed(change: Change) -> bool:
    """Whether a value holds arrows (a path of moves): then before and after are said apart."""
    return "→" in change.before or "→" in change.after


def comparison_text(comparison: Comparison) -> str:
    """The comparison as text: the conclusions that changed, then the file's diff."""
    lines = [f"Comparing {comparison.before} with {comparison.after}", ""]
    if comparison.changes:
        lines.append("What changed in the conclusions:")
        for change in comparison.changes:
            if not change.gained and not change.lost:
                if _arrowed(change):
                    lines += [
                        f"  {change.what}:",
                        f"    before: {change.before}",
                        f"    after: {change.after}",
                    ]
                else:
                    lines.append(f"  {change.what}: {change.before} → {change.after}")
                continue
            lines.append(f"  {change.what}:")
            if change.gained:
                lines.append(f"    gained: {', '.join(change.gained)}")
            if change.lost:
                lines.append(f"    lost: {', '.join(change.lost)}")
    else:
        lines.append("The conclusions are the same.")
    lines.append("")
    if comparison.simulated is not None:
        lines.append(_simulated_title(comparison.simulated) + ":")
        for outcome in comparison.simulated.outcomes:
            lines.append(f"  {outcome.what}: {_outcome_text(outcome)}")
        lines.append("")
    if comparison.diff:
        lines.append("What changed in the file:")
        lines.extend(comparison.diff)
    else:
        lines.append("The files are the same.")
    return "\n".join(lines) + "\n"


def comparison_sections(comparison: Comparison) -> tuple[Section, ...]:
    """The comparison as sections of the document model: the conclusions that changed, the
    simulated talks (when both versions have a protocol), and the file's diff as a table of lines
    (added lines marked ``good``, removed lines ``bad``; spaces made non-breaking, so that the
    indentation shows)."""
    items: list[Text] = []
    for change in comparison.changes:
        text: list[str | Span] = [Span(change.what, "strong"), ": "]
        if change.gained or change.lost:
            if change.gained:
                text.append(f"gained {', '.join(change.gained)}")
            if change.lost:
                text.append(("; " if change.gained else "") + f"lost {', '.join(change.lost)}")
        else:
            text.append(
                f"before {change.before}; after {change.after}"
                if _arrowed(change)
                else f"{change.before} → {change.after}"
            )
        items.append(tuple(text))
    conclusions = Section(
        "conclusions",
        "What changed in the conclusions",
        (Items(tuple(items)),) if items else (Paragraph(("The conclusions are the same.",)),),
    )
    rows = tuple(
        (
            Cell(
                (Span(line.replace(" ", "\u00a0"), "code"),),  # keep the indentation
                "good" if line[:1] == "+" and line[:3] != "+++" else
                "bad" if line[:1] == "-" and line[:3] != "---" else "",
            ),
        )
        for line in comparison.diff
    )  # fmt: skip
    file = Section(
        "file",
        "What changed in the file",
        (Table(("line",), rows),) if rows else (Paragraph(("The files are the same.",)),),
    )
    if comparison.simulated is None:
        return conclusions, file
    found = comparison.simulated
    talks = Section(
        "simulated",
        "What changed in the simulated talks",
        (
            Paragraph((_simulated_title(found) + ".",)),
            Items(
                tuple(
                    (Span(outcome.what, "strong"), f": {_outcome_text(outcome)}")
                    for outcome in found.outcomes
                )
            ),
        ),
    )
    return conclusions, talks, file


def _title(comparison: Comparison) -> str:
    return f"What changed from {comparison.before} to {comparison.after}"


def comparison_html(comparison: Comparison) -> str:
    """The comparison as one self-contained HTML page (the briefing's style)."""
    from standoff.report._html import render_page

    byline = f"Comparison · standoff {__version__}"
    return render_page(comparison_sections(comparison), title=_title(comparison), byline=byline)


def comparison_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown."""
    from standoff.report._markdown import render_markdown

    byline = f"Comparison · standoff {__version__}"
    return render_markdown(comparison_sections(comparison), title=_title(comparison), byline=byline)
