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
('1 (NN), 2 (YN) and 2 more', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from standoff.conflict import Conflict, Step
from standoff.evolution import describe_step
from standoff.report._blocks import Paragraph, Span

__all__ = [
    "ALL_HINT",
    "ROWS_HINT",
    "Lister",
    "count",
    "join_words",
    "label_of",
    "move_text",
    "path_text",
    "possessive",
    "possessive_upper",
    "state_text",
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


def state_text(conflict: Conflict, index: int) -> str:
    """A state as the outputs write it: ``6 interim_deal`` or ``18 (YNYNY)``."""
    name = conflict.names.get(index)
    return f"{index + 1} {name}" if name else f"{index + 1} ({conflict.pattern(index)})"


def count(number: int, noun: str, plural: str = "") -> str:
    """``1 state``, ``2 states``, ``1,024 parties`` (with ``plural``)."""
    return f"{number:,} " + (noun if number == 1 else plural or f"{noun}s")


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def path_text(conflict: Conflict, steps: Iterable[Step]) -> str:
    """A path of moves in words, or ``(already there)``."""
    return " → ".join(describe_step(conflict, step) for step in steps) or "(already there)"


def move_text(conflict: Conflict, step: Step) -> str:
    """A move in words without the party: ``drop Verified freeze``."""
    return describe_step(conflict, step).split(": ", 1)[1]


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
