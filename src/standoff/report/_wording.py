"""How every output writes states, lists, counts and party names: the one place for each.

Lists of states are cut at the request's list limit; a :class:`Lister` writes them and remembers
whether it cut one, so that the section can say how to see them all (:meth:`Lister.note`).

>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> conflict = build_conflict(load("examples/chicken.yaml"))
>>> state_text(conflict, 3)
'4 crash'
>>> lister = Lister(conflict, 2)
>>> lister.states([0, 1, 2, 3]), lister.cut
('1 (nothing done), 2 (Ann straight on) and 2 more', True)

A state is shown to a person by its name, or else by what is done in it
(:func:`state_description`: ``US relief + NK freeze``), never by its Y/N pattern alone: the
pattern is for the JSON and for a secondary column. A move reads as a sentence per party
(:func:`move_words`: ``NK drops freeze``). Both use each option's ``short`` label (its id
when it has none), so every format and section writes them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, Step
from standoff.report._blocks import Paragraph, Span

__all__ = [
    "ALL_HINT",
    "ROWS_HINT",
    "Lister",
    "count",
    "join_words",
    "label_of",
    "move_words",
    "number_word",
    "path_text",
    "possessive",
    "possessive_upper",
    "state_description",
    "state_text",
    "state_words",
    "the",
    "the_upper",
]

ALL_HINT: tuple[str | Span, ...] = (
    Span("--all", "code"),
    " (or ",
    Span("list_limit=None", "code"),
    " in Python) shows every one.",
)
"""How to see a list in full, said wherever a list was cut."""
ROWS_HINT: tuple[str | Span, ...] = (
    Span("--all", "code"),
    " (or ",
    Span("row_limit=None", "code"),
    " in Python) shows every one.",
)
"""How to see a table of states in full, said wherever rows were left out."""


def state_description(conflict: Conflict, index: int) -> str:
    """What is done in a state: for each party that takes an option, its id and the options it
    takes (their ``short`` labels), ``US relief & exercises + China enforcement``; the options not
    taken are left out, and a state where nothing is taken is ``nothing done``.

    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/korea_2019.yaml"))
    >>> state_description(conflict, 0), state_description(conflict, 5)
    ('nothing done', 'US relief + NK freeze')
    """
    code = int(conflict.codes[index])
    taken: dict[str, list[str]] = {}
    for option in conflict.scenario.options:
        if code >> option.index & 1:
            taken.setdefault(option.party, []).append(option.words)
    if not taken:
        return "nothing done"
    return " + ".join(f"{party} {' & '.join(words)}" for party, words in taken.items())


def state_words(conflict: Conflict, index: int) -> str:
    """A state in words, without its id: its name, or what is done in it.

    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/korea_2019.yaml"))
    >>> state_words(conflict, 0), state_words(conflict, 15)
    ('status_quo', 'US relief & exercises + China enforcement')
    """
    return conflict.names.get(index) or state_description(conflict, index)


def state_text(conflict: Conflict, index: int) -> str:
    """A state as the outputs write it: its id, then its name (``6 interim_deal``) or, in
    brackets, what is done in it (``16 (US relief & exercises + China enforcement)``)."""
    name = conflict.names.get(index)
    return f"{index + 1} {name}" if name else f"{index + 1} ({state_description(conflict, index)})"


def count(number: int, noun: str, plural: str = "") -> str:
    """``1 state``, ``2 states``, ``1,024 parties`` (with ``plural``)."""
    return f"{number:,} " + (noun if number == 1 else plural or f"{noun}s")


def number_word(value: int) -> str:
    """A count as a sentence writes it: ``no``, ``one`` … ``ten``, then digits.

    >>> number_word(3), number_word(12)
    ('three', '12')
    """
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[value] if 0 <= value < len(words) else f"{value:,}"


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def move_words(conflict: Conflict, step: Step) -> str:
    """A move as a sentence: each party whose options change, what it takes up and what it
    drops (the options' ``short`` labels), ``US takes up relief and drops exercises``; the
    parties of a coalition's move are joined by ``;``.

    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/korea_2019.yaml"))
    >>> move_words(conflict, Step("NK", 5, 1)), move_words(conflict, Step("US", 2, 1))
    ('NK drops freeze', 'US takes up relief and drops exercises')
    """
    before, after = int(conflict.codes[step.source]), int(conflict.codes[step.target])
    changes: dict[str, tuple[list[str], list[str]]] = {}
    for option in conflict.scenario.options:
        if (before ^ after) >> option.index & 1:
            taken, dropped = changes.setdefault(option.party, ([], []))
            (taken if after >> option.index & 1 else dropped).append(option.words)
    clauses = []
    for party, (taken, dropped) in changes.items():
        verbs = [f"takes up {join_words(taken)}"] if taken else []
        verbs += [f"drops {join_words(dropped)}"] if dropped else []
        clauses.append(f"{party} {' and '.join(verbs)}")
    return "; ".join(clauses)


def path_text(conflict: Conflict, steps: Iterable[Step]) -> str:
    """A path of moves, a sentence per move (:func:`move_words`) joined by arrows, or
    ``(already there)``."""
    return " → ".join(move_words(conflict, step) for step in steps) or "(already there)"


def label_of(conflict: Conflict, party: str) -> str:
    """The party's label (its id when it has none)."""
    return next((p.label for p in conflict.scenario.parties if p.id == party), party)


def the(labels: Mapping[str, str], party: str) -> str:
    """The party's name inside a sentence: ``the United States``, ``North Korea``."""
    label = labels.get(party, party)
    words = label.split()
    plural_or_named = len(words) > 1 and words[0] in {"United", "Republic", "People's"}
    return f"the {label}" if plural_or_named else label


def the_upper(labels: Mapping[str, str], party: str) -> str:
    """The party's name at the start of a sentence: ``The United States``."""
    text = the(labels, party)
    return text[0].upper() + text[1:]


def possessive(labels: Mapping[str, str], party: str) -> str:
    """The party's name in the possessive, inside a sentence: ``the United States'``.

    >>> possessive({"US": "United States", "NK": "North Korea"}, "US"), possessive({}, "NK")
    ("the United States'", "NK's")
    """
    text = the(labels, party)
    return f"{text}'" if text.endswith("s") else f"{text}'s"


def possessive_upper(labels: Mapping[str, str], party: str) -> str:
    """The possessive at the start of a sentence: ``The United States'``, ``North Korea's``."""
    text = the_upper(labels, party)
    return f"{text}'" if text.endswith("s") else f"{text}'s"


class Lister:
    """Writes lists of states of one conflict, cut at ``limit`` (``None``: never cut)."""

    def __init__(self, conflict: Conflict, limit: int | None) -> None:
        self.conflict = conflict
        self.limit = limit
        self.cut = False

    def states(self, indices: Iterable[int], limit: int | None = None) -> str:
        """``1 a, 2 b and 9 more``, or ``none``; ``limit`` can only lower the list limit."""
        listed = [int(i) for i in indices]
        shown = _smaller(self.limit, limit)
        if shown is None or len(listed) <= shown:
            return ", ".join(state_text(self.conflict, i) for i in listed) or "none"
        self.cut = True
        text = ", ".join(state_text(self.conflict, i) for i in listed[:shown])
        return f"{text} and {len(listed) - shown:,} more"

    def mask(self, mask: NDArray[np.bool_], limit: int | None = None) -> str:
        """The states of a boolean mask over states, as :meth:`states` writes them."""
        return self.states(np.flatnonzero(mask).tolist(), limit)

    def note(self) -> Paragraph | None:
        """What to say when a list was cut, or ``None``."""
        if not self.cut:
            return None
        return Paragraph(
            ("Some lists of states here are cut (“and … more”); ", *ALL_HINT), note=True
        )


def _smaller(first: int | None, second: int | None) -> int | None:
    if first is None:
        return None  # no limit asked for: every list in full
    return first if second is None else min(first, second)
