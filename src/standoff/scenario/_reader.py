"""What a section reader needs from the loader: :class:`SectionContext`.

Each section of a scenario file (``conflict:``, ``perceptions:``, ``negotiation:``) is read by
its own module, and every one of them refers to what the ``parties:`` section defined: it checks
that a name is a party or an option, registers new ids (states, issues) in the one id space they
share, and reports problems on the same :class:`~standoff.scenario._source.SourceReader`. The
section readers are typed against this protocol, not against the loader that implements it
(:class:`~standoff.scenario._definitions.Definitions`), so that the loader can import them without
a cycle.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Protocol

import yaml

from standoff.scenario._model import Formula, Option, Party
from standoff.scenario._source import SourceReader

__all__ = ["SectionContext"]


class SectionContext(Protocol):
    """The definitions read so far, and checked references to them."""

    @property
    def reader(self) -> SourceReader:
        """Where every problem is recorded."""

    @property
    def options(self) -> Mapping[str, Option]:
        """Every option, by id, in file order."""

    @property
    def parties(self) -> Mapping[str, Party]:
        """Every party, by id, in file order."""

    @property
    def state_names(self) -> MutableMapping[str, yaml.Node]:
        """State name -> its expression's node; the ``conflict:`` reader adds them."""

    def register(self, key: yaml.Node, kind: str) -> str | None:
        """Check a new id of ``kind`` and record it; None (with a diagnostic) if invalid."""

    def option_reference(self, node: yaml.Node, where: str) -> str | None:
        """The option named by ``node``, or None (with a diagnostic)."""

    def mover_reference(self, node: yaml.Node, where: str) -> str | None:
        """The party named by ``node``, which must have options; None (with a diagnostic)."""

    def party_hint(self, name: str) -> str:
        """A message suffix for an unknown party: the closest party, or all of them."""

    def formula(self, node: yaml.Node, what: str, *, states: bool = True) -> Formula | None:
        """The expression in ``node``, every name checked; None (with diagnostics) if invalid."""

    def parsed_formula(self, node: yaml.Node, what: str) -> Formula | None:
        """The expression in ``node``, located, its names unchecked; None (with a diagnostic)
        when it is malformed."""
