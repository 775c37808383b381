"""What every result record computed on a conflict shares: the conflict, its source file, and
how a notebook shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from standoff._display import Shown

if TYPE_CHECKING:
    from standoff.conflict._model import Conflict

__all__ = ["ComputedOn"]


class ComputedOn(Shown):
    """A mixin for the frozen records of analyses: the dataclass declares ``conflict``."""

    conflict: Conflict

    @property
    def source(self) -> str:
        """The scenario file the conflict came from."""
        return self.conflict.scenario.file
