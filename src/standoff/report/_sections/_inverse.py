"""Inverse analysis: what would have to change in the preferences for a state to be stable. Its
JSON is the ``inverse`` key.

Per concept: whether the state is an equilibrium today, the fewest reversed preferences that
would make it one, each party's exact conditions as a short formula over comparisons ("likes S
at least as much as x or y"), and, when rank ranges were varied, how many profiles make it one.

>>> from standoff.pipeline import Request, run
>>> request = Request(inverse="2", vary=("Syria:1-6",), concepts=("nash",))
>>> results = run("examples/syria_iraq_1975.yaml", request)
>>> found = inverse_data(results)["inverse"]["concepts"]["nash"]
>>> found["equilibrium"], found["fewest"]["distance"], found["count"]["count"]
(False, 3, 240)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from standoff.conflict import Conflict
from standoff.pipeline import InverseRecord, Results
from standoff.report._blocks import Block, Cell, Items, Paragraph, Section, Span, Table, Text
from standoff.report._sections._evolution import ids
from standoff.report._sections._robustness import percent
from standoff.report._wording import Lister, count, join_words, possessive, state_text, the
from standoff.robustness import Conditions, Count, FewestChanges, Inverse
from standoff.robustness._conditions import Clauses
from standoff.stability import CONCEPT_LABELS

__all__ = ["inverse", "inverse_data"]

_STATES_LISTED = 8  # states one condition names before "or N more"
_WAY_NAMES = ("as under SEQ", "as under SIM")  # the two ways of SEQ+SIM


def _fewest(found: Inverse, concept: str) -> FewestChanges:
    return next(f for f in found.fewest if f.concept == concept)


def _count(found: Inverse, concept: str) -> Count | None:
    return next((k for k in found.counts if k.concept == concept), None)


def _number(value: float, exact: bool) -> int | float:
    return int(value) if exact else round(float(value), 1)


# --- the JSON ---------------------------------------------------------------------------------


def inverse_data(results: Results) -> dict[str, Any]:
    """The ``inverse`` key: per concept, the conditions, the fewest changes and the count."""
    record = results.get(InverseRecord)
    if record is None:
        return {}
    found = record.inverse
    concepts: dict[str, Any] = {}
    for c in found.concepts:
        fewest = _fewest(found, c)
        counted = _count(found, c)
        concepts[c] = {
            "equilibrium": all(x.holds for x in fewest.conditions),
            "conditions": {
                x.party: {
                    "holds": x.holds,
                    "ways": [[[ids(term) for term in clause] for clause in way] for way in x.ways],
                }
                for x in found.conditions_of(c)
            },
            "fewest": {
                "possible": fewest.possible,
                "distance": fewest.distance,
                "exact": fewest.exact,
                "verified": fewest.verified,
                "changes": [
                    {
                        "party": change.party,
                        "distance": change.distance,
                        "moved": ids(change.moved),
                        "order": ids(change.order),
                    }
                    for change in fewest.changes
                ],
            },
            "count": None
            if counted is None
            else {
                "count": _number(counted.count, counted.exact),
                "total": counted.total,
                "exact": counted.exact,
                "low": _number(counted.low, counted.exact),
                "high": _number(counted.high, counted.exact),
            },
        }
    return {
        "inverse": {
            "state": found.state + 1,
            "parties": list(found.parties),
            "vary": [str(r) for r in found.ranges],
            "concepts": concepts,
        }
    }


# --- the section ------------------------------------------------------------------------------


def inverse(results: Results) -> Section | None:
    """The findings per concept, each party's conditions, and the counts of varied ranges."""
    record = results.get(InverseRecord)
    if record is None:
        return None
    found, conflict = record.inverse, record.conflict
    lister = Lister(conflict, results.request.list_limit)
    labels = {p.id: p.label for p in conflict.scenario.parties}
    target = state_text(conflict, found.state)
    movers = [p.id for p in conflict.movers if p.id in conflict.ranks]
    who = join_words([the(labels, p) for p in found.parties])
    intro = (
        f"What would have to change in the preferences of {who} for {target} to be an "
        "equilibrium. A change is counted in reversed preferences: pairs of states a party would "
        f"order the other way (a state its stated ranking ties with {target} counts as below it)."
    )
    if set(found.parties) != set(movers):
        intro += " The other parties' preferences stay as stated."
    blocks: list[Block] = [Paragraph((intro,))]
    blocks.append(Items(tuple(_finding(found, c, labels, lister) for c in found.concepts)))
    for c in found.concepts:
        blocks.append(
            Paragraph(
                (
                    Span(f"The conditions under {CONCEPT_LABELS[c]}", "strong"),
                    f": when {target} is stable for each party, the others' preferences as stated.",
                )
            )
        )
        items = tuple(_conditions_text(x, labels, lister) for x in found.conditions_of(c))
        blocks.append(Items(items))
    if found.counts:
        blocks += _counts(found, labels, target)
    if (note := lister.note()) is not None:
        blocks.append(note)
    return Section("inverse", f"What would make {target} stable", tuple(blocks))


def _finding(found: Inverse, concept: str, labels: dict[str, str], lister: Lister) -> Text:
    conflict = found.conflict
    fewest = _fewest(found, concept)
    text: list[str | Span] = [Span(CONCEPT_LABELS[concept], "strong"), ": "]
    if all(x.holds for x in fewest.conditions):
        text.append("an equilibrium today.")
    elif not fewest.possible:
        fixed = [x.party for x in fewest.conditions if not x.holds and x.party not in found.parties]
        if fixed:
            text.append(
                "not an equilibrium today, and no change of the preferences allowed makes it one: "
                f"it is not stable for {join_words([the(labels, p) for p in fixed])}, whose "
                "preferences stay as stated."
            )
        else:
            text.append("not an equilibrium today, and no ranking of the preferences makes it one.")
    else:
        how = (
            "the fewest possible"
            if fewest.exact
            else "the fewest when each party changes only to meet its own conditions"
        )
        checked = (
            "verified: with them it is an equilibrium"
            if fewest.verified
            else "but together they do not make it an equilibrium"
        )
        text.append(
            f"not an equilibrium today. Fewest changes: "
            f"{count(fewest.distance, 'reversed preference')} ({how}; {checked}). One way: "
        )
        target = state_text(conflict, found.state)
        parts = [
            the(labels, change.party)
            + (f" ({count(change.distance, 'reversal')})" if len(fewest.changes) > 1 else "")
            + f" would have to like {target} at least as much as {lister.states(change.moved)}"
            for change in fewest.changes
        ]
        text.append("; ".join(parts) + ".")
    counted = _count(found, concept)
    if counted is not None:
        share = percent(counted.count / counted.total) if counted.total else "0%"
        if counted.exact:
            number = f"{int(counted.count):,}"
        else:
            number = (
                f"about {counted.count:,.0f} (95% interval {counted.low:,.0f}–{counted.high:,.0f})"
            )
        text.append(
            f" Of the {counted.total:,} profiles of the varied ranges, {number} ({share}) make it "
            "one."
        )
    return tuple(text)


def _alternatives(conflict: Conflict, clause: Sequence[tuple[int, ...]], lister: Lister) -> str:
    """``2 a, 3 b or (each of 4 c and 5 d)``, cut after about :data:`_STATES_LISTED` states."""
    several = len(clause) > 1
    texts: list[str] = []
    named = 0
    for term in clause:
        if lister.limit is not None and texts and named + len(term) > _STATES_LISTED:
            break
        named += len(term)
        if len(term) == 1:
            texts.append(state_text(conflict, term[0]))
        else:
            each = f"each of {join_words([state_text(conflict, s) for s in term])}"
            texts.append(f"({each})" if several else each)
    if len(texts) < len(clause):
        lister.cut = True
        return ", ".join(texts) + f" or {len(clause) - len(texts)} more"
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " or " + texts[-1]


def _way_text(conflict: Conflict, state: int, way: Clauses, lister: Lister) -> str:
    """``likes S at least as much as a or b, and at least as much as c``."""
    if not way:
        return "stable whatever it prefers"
    shown = len(way) if lister.limit is None else min(len(way), lister.limit)
    text = ", and ".join(
        f"at least as much as {_alternatives(conflict, clause, lister)}" for clause in way[:shown]
    )
    if shown < len(way):
        lister.cut = True
        text += f", and {len(way) - shown} more such conditions"
    return f"likes {state_text(conflict, state)} {text}"


def _conditions_text(found: Conditions, labels: dict[str, str], lister: Lister) -> Text:
    """``**North Korea** (not met today): likes S at least as much as …``."""
    conflict = lister.conflict
    holds = "met today" if found.holds else "not met today"
    ways = [_way_text(conflict, found.state, way, lister) for way in found.ways]
    if len(ways) == 1:
        body = ways[0]
    else:
        names = [*_WAY_NAMES, *(f"way {k + 1}" for k in range(len(_WAY_NAMES), len(ways)))]
        body = "either " + "; or ".join(f"({n}) {w}" for n, w in zip(names, ways, strict=False))
    return (Span(labels.get(found.party, found.party), "strong"), f" ({holds}): {body}.")


def _counts(found: Inverse, labels: dict[str, str], target: str) -> list[Block]:
    ranges = join_words(
        [
            f"positions {r.first}–{r.last} of {possessive(labels, r.party)} ranking "
            f"({count(r.orders, 'order')})"
            for r in found.ranges
        ]
    )
    rows = []
    for counted in found.counts:
        if counted.exact:
            number, how = f"{int(counted.count):,}", "exact"
        else:
            number = f"≈ {counted.count:,.0f} ({counted.low:,.0f}–{counted.high:,.0f})"
            how = "sampled (95% interval)"
        share = percent(counted.count / counted.total) if counted.total else "0%"
        rows.append(
            (
                Cell((CONCEPT_LABELS[counted.concept],)),
                Cell((number,)),
                Cell((f"{counted.total:,}",)),
                Cell((share,)),
                Cell((how,)),
            )
        )
    return [
        Paragraph(
            (
                Span("Counting.", "strong"),
                f" Every order of {ranges} was tried, the other preferences as stated.",
            )
        ),
        Table(
            ("concept", "profiles making it an equilibrium", "of", "share", "how"),
            tuple(rows),
            numeric=(1, 2, 3),
            caption=f"Profiles in which {target} is an equilibrium",
        ),
    ]
