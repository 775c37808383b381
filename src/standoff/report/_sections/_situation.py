"""The situation: the scenario's own description, its sources, the parties and their options.

>>> from standoff.pipeline import Request, run
>>> section = situation(run("examples/chicken.yaml", Request(only=frozenset({"conflict"}))))
>>> section.title, section.blocks[-1].spans[0]
('The situation', '4 feasible states from 2 options of 2 parties with options.')
"""

from __future__ import annotations

from standoff.pipeline import Results
from standoff.report._blocks import Block, Cell, Paragraph, Prose, Section, Sources, Span, Table
from standoff.report._wording import count, state_text, the
from standoff.scenario import Scenario

__all__ = ["situation"]


def situation(results: Results) -> Section:
    """Title, description, sources, parties and their options."""
    scenario = results.scenario
    blocks: list[Block] = []
    if scenario.description:
        blocks.append(Prose(scenario.description.strip()))
    if scenario.sources:
        blocks.append(Paragraph((Span("Sources", "strong"),)))
        blocks.append(Sources(tuple(scenario.sources)))
    if scenario.negotiation is not None and not any(party.options for party in scenario.parties):
        blocks.append(_roles(scenario))
        return Section("situation", "The situation", tuple(blocks))
    rows: list[tuple[Cell, ...]] = []
    labels = {option.id: option for option in scenario.options}
    for party in scenario.parties:
        name = party.label if party.label == party.id else f"{party.label} ({party.id})"
        if not party.options:
            rows.append((Cell((name,)), Cell(("no options: a party outside the moves",)), Cell(())))
        for position, option_id in enumerate(party.options):
            rows.append(
                (
                    Cell((name if position == 0 else "",)),
                    Cell((labels[option_id].label,)),
                    Cell((Span(option_id, "code"),)),
                )
            )
    blocks.append(Table(("party", "option", "id"), tuple(rows), caption="Parties and options"))
    found = results.conflict
    if found is not None:
        parties = count(len(found.movers), "party", "parties")
        summary = (
            f"{count(found.state_count, 'feasible state')} from "
            f"{count(found.option_count, 'option')} of {parties} with options"
        )
        if found.status_quo is not None:
            summary += f"; the status quo is state {state_text(found, found.status_quo)}"
        blocks.append(Paragraph((summary + ".",)))
    return Section("situation", "The situation", tuple(blocks))


def _roles(scenario: Scenario) -> Table:
    """The parties of a negotiation without options: who is at the table, whose help a BATNA
    needs."""
    negotiation = scenario.negotiation
    assert negotiation is not None
    needed: dict[str, list[str]] = {}
    for holder, batna in negotiation.batnas.items():
        for alternative in batna.alternatives:
            for helper in alternative.needs:
                needed.setdefault(helper, [])
                if holder not in needed[helper]:
                    needed[helper].append(holder)
    rows = []
    labels = {party.id: party.label for party in scenario.parties}
    for party in scenario.parties:
        name = party.label if party.label == party.id else f"{party.label} ({party.id})"
        role = "at the table" if party.id in negotiation.parties else ""
        if party.id in needed:
            whose = " and ".join(the(labels, holder) for holder in needed[party.id])
            noun, verb = ("BATNA", "rests") if len(needed[party.id]) == 1 else ("BATNAs", "rest")
            role += ("; " if role else "") + f"the {noun} of {whose} {verb} on its cooperation"
        rows.append((Cell((name,)), Cell((role,))))
    return Table(("party", "role"), tuple(rows), caption="Parties")
