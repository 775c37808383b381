"""Two versions of a scenario side by side: what changed in the file, and in the conclusions.

The file's change is a unified diff of the two texts. The conclusions' changes are read from the
two JSON documents (the output contract, :func:`~standoff.report.json_document`), so they cover
exactly what the outputs say: for each stability concept the equilibria gained and lost, the
equilibria reachable from the status quo gained and lost, the hyper-equilibria of the
perceptions and each misjudgment (the states a party wrongly expects another to accept), each
party's BATNA, the ZOPA, the bargaining solutions and the stronger hand. A
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
from standoff.pipeline import Results
from standoff.report._blocks import Cell, Items, Paragraph, Section, Span, Table, Text
from standoff.report._document import json_document
from standoff.stability import CONCEPT_LABELS

__all__ = [
    "COMPARED",
    "Change",
    "Comparison",
    "compare",
    "comparison_data",
    "comparison_html",
    "comparison_markdown",
    "comparison_sections",
    "comparison_text",
]

COMPARED = frozenset(
    {"conflict", "stability", "evolution", "coalitions", "perceptions", "bargaining"}
)
"""The analyses a comparison runs on both versions (the quick ones: no robustness, no talks)."""

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
class Comparison:
    """What changed from ``before`` to ``after`` (their names): the file's unified diff and the
    conclusions that differ, in the order the outputs show them."""

    before: str
    after: str
    diff: tuple[str, ...]
    changes: tuple[Change, ...]


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


def compare(before: Results, after: Results, before_text: str, after_text: str) -> Comparison:
    """What changed from one version to the other, in the file and in the conclusions."""
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
    )


def comparison_data(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON: the two names, the diff's lines and each change."""
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
    }


def comparison_text(comparison: Comparison) -> str:
    """The comparison as text: the conclusions that changed, then the file's diff."""
    lines = [f"Comparing {comparison.before} with {comparison.after}", ""]
    if comparison.changes:
        lines.append("What changed in the conclusions:")
        for change in comparison.changes:
            if not change.gained and not change.lost:
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
    if comparison.diff:
        lines.append("What changed in the file:")
        lines.extend(comparison.diff)
    else:
        lines.append("The files are the same.")
    return "\n".join(lines) + "\n"


def comparison_sections(comparison: Comparison) -> tuple[Section, Section]:
    """The comparison as two sections of the document model: the conclusions that changed, and
    the file's diff as a table of lines (added lines marked ``good``, removed lines ``bad``; spaces
    made non-breaking, so that the indentation shows)."""
    items: list[Text] = []
    for change in comparison.changes:
        text: list[str | Span] = [Span(change.what, "strong"), ": "]
        if change.gained or change.lost:
            if change.gained:
                text.append(f"gained {', '.join(change.gained)}")
            if change.lost:
                text.append(("; " if change.gained else "") + f"lost {', '.join(change.lost)}")
        else:
            text.append(f"{change.before} → {change.after}")
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
    return conclusions, file


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
