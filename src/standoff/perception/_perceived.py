"""Perceived games: the conflict as a party sees it, or as it believes another party sees it.

A viewer's perceived game is the true conflict with the other parties' preferences replaced by what
the viewer believes them to be, and with the options the viewer does not know exist frozen: no
party can change them, so the viewer neither fears nor expects moves that would.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from standoff.conflict import Conflict

__all__ = ["perceived_conflict"]


def perceived_conflict(conflict: Conflict, chain: tuple[str, ...]) -> Conflict:
    """The conflict as seen through a chain of views.

    ``(V,)`` is V's perceived game; ``(V, P)`` is the game V believes P perceives. Options the
    first viewer does not know exist are frozen (no party can change them).

    Parameters
    ----------
    conflict
        The true conflict, with its perceptions.
    chain
        Party ids, outermost viewer first; ``()`` is the true conflict without perceptions.

    Returns
    -------
    Conflict
        A conflict with the believed ranks and no perceptions of its own.
    """
    ranks = dict(conflict.ranks)
    for depth in range(1, len(chain) + 1):
        ranks.update(conflict.beliefs.get(chain[:depth], {}))
    frozen = conflict.unaware.get(chain[0], 0) if chain else 0
    return dataclasses.replace(
        conflict,
        ranks=MappingProxyType(ranks),
        once_taken=conflict.once_taken | frozen,
        once_dropped=conflict.once_dropped | frozen,
        beliefs=MappingProxyType({}),
        unaware=MappingProxyType({}),
    )
