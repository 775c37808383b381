"""The hinges in words and in a table: what each single change of a preference judgement does
to the equilibria, for the robustness section (:mod:`standoff.report._sections._robustness`).

Equilibria that share the changes that break them (or make them) are said together; lists of
changes are cut after a few, as the lister cuts lists of states.

>>> from standoff.pipeline import Request, RobustnessRecord, run
>>> results = run("examples/prisoners_dilemma.yaml", Request(concepts=("nash",)))
>>> record = results.get(RobustnessRecord)
>>> lister = Lister(record.conflict, 12)
>>> from standoff.report._blocks import plain
>>> plain(hinge_words(record.hinges, lister)[1].items[0])
"Nash: 4 (Ann defection + Bob defection) is the only equilibrium as stated; it stays one under \
all 6 single changes, and the only one under 4. New equilibria under a single change: 2 (Ann \
defection) if Bob drops 'bob_defects'; 3 (Bob defection) if Ann drops 'ann_defects'."
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from standoff.report._blocks import Block, Cell, Items, Paragraph, Span, Table, Text
from standoff.report._wording import ROWS_HINT, Lister, count, state_text
from standoff.robustness import HingeEffect, Hinges
from standoff.stability import CONCEPT_LABELS

__all__ = ["hinge_table", "hinge_words"]

_CHANGES_LISTED = 3  # changes named in one sentence before "or N more"
_GAINED_GROUPS = 2  # groups of new equilibria named before "N more states"


def _either(texts: Sequence[str], lister: Lister) -> str:
    """``a``, ``a or b``, ``a, b, c or 2 more`` (cut as the lister cuts)."""
    shown = len(texts) if lister.limit is None else min(lister.limit, _CHANGES_LISTED)
    if len(texts) <= shown + 1:  # "or 1 more" would say less than the change itself
        return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " or " + texts[-1]
    lister.cut = True
    return ", ".join(texts[:shown]) + f" or {len(texts) - shown} more"


def _grouped(
    states: Iterable[int], changes: Mapping[int, tuple[HingeEffect, ...]]
) -> list[tuple[list[int], tuple[HingeEffect, ...]]]:
    """States grouped by the changes that concern them, in order of their first state."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for state in states:
        key = tuple(e.text for e in changes[state])
        groups.setdefault(key, []).append(state)
    return [(members, changes[members[0]]) for members in groups.values()]


def hinge_words(found: Hinges, lister: Lister) -> list[Block]:
    total = len(found.effects)
    if total == 0:
        return [Paragraph(("No judgement of preference can be changed on its own here.",))]
    blocks: list[Block] = [
        Paragraph(
            (
                Span("One judgement at a time.", "strong"),
                f" Each of the {count(total, 'single change')} swaps two neighbouring "
                "preference judgements of one party (statements or ranking entries) or drops "
                "one of its statements, with everything else as stated.",
            )
        )
    ]
    items: tuple[Text, ...] = tuple(
        (
            Span(CONCEPT_LABELS[c], "strong"),
            ": ",
            _kept_text(found, c, lister),
            *_gained_text(found, c, lister),
        )
        for c in found.concepts
    )
    blocks.append(Items(items))
    return blocks


def _kept_text(found: Hinges, concept: str, lister: Lister) -> str:
    """What the single changes do to the equilibria as stated, in one sentence."""
    total = len(found.effects)
    every = "the one single change" if total == 1 else f"all {total} single changes"
    stated = found.stated[concept]
    if not stated:
        return "no equilibrium as stated."
    breaking = {s: found.breaking(concept, s) for s in stated}
    firm = [s for s in stated if not breaking[s]]
    clauses = []
    if len(stated) == 1:
        state = state_text(found.conflict, stated[0])
        if firm:
            only = sum(1 for e in found.effects if not e.lost[concept] and not e.gained[concept])
            tail = "" if only == total else f", and the only one under {only}"
            return f"{state} is the only equilibrium as stated; it stays one under {every}{tail}."
        clauses.append(f"{state} is the only equilibrium as stated")
    elif firm:
        verb = "stays an equilibrium" if len(firm) == 1 else "stay equilibria"
        clauses.append(f"{lister.states(firm)} {verb} under {every}")
    for members, changes in _grouped((s for s in stated if breaking[s]), breaking):
        one = len(members) == 1
        if len(changes) == total:
            subject = "it" if len(stated) == 1 else lister.states(members)
            clauses.append(f"{subject} {'falls' if one else 'fall'} under every single change")
            continue
        kept = f"{total - len(changes)} of {total}"
        fall = (
            f"{'it falls' if one else 'they fall'} if {_either([e.text for e in changes], lister)}"
        )
        if len(stated) == 1:
            clauses.append(f"it stays one under {kept} single changes ({fall})")
        elif not clauses:
            verb = "stays an equilibrium" if one else "stay equilibria"
            clauses.append(f"{lister.states(members)} {verb} under {kept} single changes ({fall})")
        else:
            clauses.append(f"{lister.states(members)} under {kept} ({fall})")
    return "; ".join(clauses) + "."


def _gained_text(found: Hinges, concept: str, lister: Lister) -> tuple[str, ...]:
    """The states some single change makes equilibria, with the changes (a few groups)."""
    gained = found.gained_states(concept)
    if not gained:
        return ()
    making = {s: found.making(concept, s) for s in gained}
    groups = _grouped(gained, making)
    shown = groups if lister.limit is None else groups[:_GAINED_GROUPS]
    parts = [
        f"{lister.states(members)} if {_either([e.text for e in changes], lister)}"
        for members, changes in shown
    ]
    rest = sum(len(members) for members, _ in groups[len(shown) :])
    if rest:
        parts.append(f"{count(rest, 'more state')} under other changes (see the table)")
    return (f" New equilibria under a single change: {'; '.join(parts)}.",)


def _moved(found: Hinges, moved: Mapping[str, tuple[int, ...]], lister: Lister) -> Text:
    """**GMR, SMR**: 21 (…), 24 (…); **SEQ**: 16 (…): concepts with the same states together."""
    groups: dict[tuple[int, ...], list[str]] = {}
    for c in found.concepts:
        if moved[c]:
            groups.setdefault(moved[c], []).append(CONCEPT_LABELS[c])
    text: list[str | Span] = []
    for states, labels in groups.items():
        text += ["; "] if text else []
        text += [Span(", ".join(labels), "strong"), f": {lister.states(states, 6)}"]
    return tuple(text)


def hinge_table(found: Hinges, lister: Lister, limit: int | None) -> list[Block]:
    matters = [e for e in found.effects if e.matters]
    if not matters:
        return [Paragraph(("No single change moves any equilibrium.",), note=True)]
    shown = matters if limit is None else matters[:limit]
    rows = tuple(
        (
            Cell((e.text,)),
            Cell(_moved(found, e.lost, lister)),
            Cell(_moved(found, e.gained, lister)),
        )
        for e in shown
    )
    caption = (
        f"The single changes that move an equilibrium ({len(matters)} of {len(found.effects)})"
    )
    blocks: list[Block] = [
        Table(("change", "no longer an equilibrium", "new equilibria"), rows, caption=caption)
    ]
    if len(shown) < len(matters):
        blocks.append(
            Paragraph(
                (
                    f"Showing {len(shown):,} of {len(matters):,} changes. The JSON output lists "
                    "every one; ",
                    *ROWS_HINT,
                ),
                note=True,
            )
        )
    return blocks
