"""The scenario text (YAML, format 1) of an actor table: a ``forecast:`` section.

Every issue gets the table's scale; every actor its capability, salience (one number when it is
the same on every issue it takes part in) and position (one number when there is one issue).
The format needs at least one party: the most capable actor is made a party without options (a
comment says so), so that the file loads as it is and conflict options can be added to it.

>>> from standoff.interop._actor_table import ActorRow, ActorTable
>>> table = ActorTable("ec.csv", ("year",), (1.0, 10.0), (
...     ActorRow("UK", "United Kingdom", 0.16, (("year", 10.0),), (("year", 90.0),)),), ())
>>> print(actor_table_scenario(table).text)  # doctest: +NORMALIZE_WHITESPACE
# Imported from ec.csv by standoff import actors.
standoff: 1
title: ec
parties:
  # The format needs a party: the most capable actor, without options.
  UK: {label: United Kingdom}
forecast:
  issues:
    year: {label: year, range: [1, 10]}
  actors:
    UK: {label: United Kingdom, capability: 0.16, salience: 90, position: 10}
<BLANKLINE>
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from standoff.interop._actor_table import ActorTable

__all__ = ["ActorImport", "actor_table_scenario"]

_LINE_BREAKS = "\n\r\x85\u2028\u2029"


@dataclass(frozen=True)
class ActorImport:
    """An imported actor table: the scenario ``text`` and the ``notes`` of its import."""

    text: str
    notes: tuple[str, ...]


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar on one line inside a flow mapping."""
    width = 2**31 - 1
    dumped = yaml.dump(
        text, Dumper=yaml.SafeDumper, allow_unicode=True, width=width, default_flow_style=True
    )
    dumped = dumped.removesuffix("\n...\n").rstrip("\n")
    if any(c in dumped for c in _LINE_BREAKS) or any(c in text for c in ",[]{}#:"):
        dumped = yaml.dump(
            text, Dumper=yaml.SafeDumper, allow_unicode=True, width=width, default_style='"'
        ).rstrip("\n")
    return dumped


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)


def actor_table_scenario(table: ActorTable, *, title: str | None = None) -> ActorImport:
    """The scenario of an actor table (see the module's description).

    Parameters
    ----------
    table
        As :func:`~standoff.interop.read_actor_table` read it.
    title
        The scenario's title (default: the file's name without its extension).
    """
    low, high = table.scale
    shown_title = title if title is not None else Path(table.file).stem
    lead = max(table.actors, key=lambda row: row.capability)
    lines = [
        f"# Imported from {Path(table.file).name} by standoff import actors.".replace("\n", " "),
        "standoff: 1",
        f"title: {_scalar(shown_title)}",
        "parties:",
        "  # The format needs a party: the most capable actor, without options.",
        f"  {lead.id}: {{label: {_scalar(lead.label)}}}"
        if lead.label != lead.id
        else f"  {lead.id}: {{}}",
        "forecast:",
        "  issues:",
    ]
    for issue in table.issues:
        lines.append(
            f"    {issue}: {{label: {_scalar(issue)}, range: [{_number(low)}, {_number(high)}]}}"
        )
    lines.append("  actors:")
    single = len(table.issues) == 1
    for row in table.actors:
        fields = []
        if row.label != row.id:
            fields.append(f"label: {_scalar(row.label)}")
        fields.append(f"capability: {_number(row.capability)}")
        saliences = dict(row.saliences)
        if len(set(saliences.values())) <= 1 and saliences:
            fields.append(f"salience: {_number(next(iter(saliences.values())))}")
        else:
            inner = ", ".join(f"{k}: {_number(v)}" for k, v in row.saliences)
            fields.append(f"salience: {{{inner}}}")
        if single and row.positions:
            fields.append(f"position: {_number(row.positions[0][1])}")
        else:
            inner = ", ".join(f"{k}: {_number(v)}" for k, v in row.positions)
            fields.append(f"position: {{{inner}}}")
        lines.append(f"    {row.id}: {{{', '.join(fields)}}}")
    return ActorImport("\n".join(lines) + "\n", table.notes)
