"""The judgements a party's preferences rest on, as arrays, and the ranks any reordering gives.

A party's preferences are a list of *judgements*: prioritization statements (most important
first; a state's score sums 2^(m-1-k) over the statements k it satisfies, and higher scores rank
better) or ranking entries (most preferred first). Robustness and inverse analysis vary those
judgements, so each is kept as the states it matches, and a variant is given by the *place* of
each judgement in the new order (0 first; -1 for a statement that drops out). The ranks a variant
gives order the states exactly as the stated ranks of :class:`~standoff.conflict.Conflict` would
(1 = best, ties equal) but are not renumbered densely: only comparisons between them matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = ["Judgements"]


@dataclass(frozen=True, eq=False)
class Judgements:
    """One party's judgements: each one's text and the feasible states it matches.

    Attributes
    ----------
    party
        The party whose preferences these are.
    kind
        ``"statements"`` for option prioritization, ``"ranking"`` for a ranking of states.
    texts
        Each judgement as written (tie groups joined by ``" | "``).
    matches
        Judgement × state: whether the state satisfies the statement or belongs to the entry.

    Examples
    --------
    >>> from standoff.conflict import build_conflict
    >>> from standoff.scenario import load
    >>> judgements = build_conflict(load("examples/prisoners_dilemma.yaml")).judgements["Ann"]
    >>> judgements.kind, judgements.texts
    ('statements', ('not bob_defects', 'ann_defects'))
    >>> judgements.ranks(np.array([[0, 1], [1, 0]])).tolist()   # as stated, then swapped
    [[2, 1, 4, 3], [3, 1, 4, 2]]
    """

    party: str
    kind: Literal["statements", "ranking"]
    texts: tuple[str, ...]
    matches: NDArray[np.bool_]

    @property
    def count(self) -> int:
        """The number of judgements."""
        return len(self.texts)

    def ranks(self, places: NDArray[np.int64]) -> NDArray[np.int64]:
        """The ranks (variant × state) of the variants whose judgements sit at ``places``.

        ``places`` is variant × judgement: each judgement's position in the variant's order
        (0 = most important or most preferred), -1 where a statement drops out.
        """
        places = np.asarray(places, dtype=np.int64)
        if self.kind == "ranking":
            entry_of_state = np.argmax(self.matches, axis=0)
            return places[:, entry_of_state] + 1
        count = self.count
        weights = np.where(places >= 0, np.left_shift(1, count - 1 - np.maximum(places, 0)), 0)
        score = weights @ self.matches.astype(np.int64)
        return np.asarray((1 << count) - score, dtype=np.int64)

    def stated_places(self) -> NDArray[np.int64]:
        """The places of the stated order: judgement k at place k."""
        return np.arange(self.count, dtype=np.int64)
