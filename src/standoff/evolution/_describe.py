"""Moves in words, from the labels of the options they change."""

from __future__ import annotations

from standoff.conflict import Conflict, Step

__all__ = ["describe_step"]


def describe_step(conflict: Conflict, step: Step) -> str:
    """A move in words, from the option labels: ``'NK: Resume testing, drop Verified freeze'``.

    Options the move takes are named by their label, options it drops as ``drop <label>``, in
    the scenario's option order.
    """
    before, after = int(conflict.codes[step.source]), int(conflict.codes[step.target])
    changes = []
    for option in conflict.scenario.options:
        bit = 1 << option.index
        if (before ^ after) & bit:
            changes.append(option.label if after & bit else f"drop {option.label}")
    return f"{step.party}: {', '.join(changes)}"
