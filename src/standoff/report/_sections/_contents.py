"""What the rest of the file holds: the short summary ``standoff check`` ends with.

``check`` validates the whole file but analyses nothing, so that it answers at once. Beside the
parties and the states it says, one line each, what the other sections set up: the negotiation
(who sits at the table, the issues and their levels, how many agreements are possible, the
BATNAs and the third parties they rest on), the perceptions, the simulated talks, the forecast
and the preference uncertainty. Nothing here is computed beyond counting.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/korea_2017.yaml", Request(only=frozenset({"conflict"})))
>>> section = contents(results)
>>> section.title
'The rest of the file'
>>> print(section.blocks[0].items[0][0])
Negotiation: the United States and North Korea at the table, over 4 issues, 180 possible agreements.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from standoff.pipeline import Results
from standoff.report._blocks import Items, Section, Text
from standoff.report._wording import count, join_words, the
from standoff.scenario import Scenario
from standoff.scenario._negotiation_model import Batna, Negotiation, Protocol

__all__ = ["contents"]


def contents(results: Results) -> Section | None:
    """One line per section beyond the conflict: negotiation, perceptions, talks, forecast,
    uncertainty; None when the file has none of them."""
    scenario = results.scenario
    labels = {party.id: party.label for party in scenario.parties}
    lines: list[Text] = []
    negotiation = scenario.negotiation
    if negotiation is not None:
        lines.extend(_negotiation(negotiation, labels))
        if negotiation.protocol is not None:
            lines.append(_protocol(negotiation.protocol, labels))
    if scenario.perceptions:
        lines.append(_perceptions(scenario, labels))
    if scenario.forecast is not None:
        forecast = scenario.forecast
        issues = ", ".join(issue.label for issue in forecast.issues)
        lines.append(
            (
                f"Forecast: {count(len(forecast.actors), 'actor')} on "
                f"{count(len(forecast.issues), 'issue')} ({issues}), at most "
                f"{count(forecast.model.rounds, 'round')} of the challenge model.",
            )
        )
    if scenario.uncertainty:
        parties = _and(the(labels, party) for party in scenario.uncertainty)
        lines.append((f"Preference uncertainty: for {parties} (see 'standoff analyze').",))
    if not lines:
        return None
    return Section("contents", "The rest of the file", (Items(tuple(lines)),))


def _negotiation(negotiation: Negotiation, labels: Mapping[str, str]) -> list[Text]:
    agreements = math.prod(issue.steps for issue in negotiation.issues)
    at_table = _and(the(labels, party) for party in negotiation.parties)
    issues = ", ".join(
        f"{issue.id} ({count(issue.steps, 'level')})" for issue in negotiation.issues
    )
    lines: list[Text] = [
        (
            f"Negotiation: {at_table} at the table, over "
            f"{count(len(negotiation.issues), 'issue')}, "
            f"{count(agreements, 'possible agreement')}.",
        ),
        (f"Issues: {issues}.",),
    ]
    batnas = "; ".join(
        f"{the(labels, party)} {_batna(batna, labels)}"
        for party, batna in negotiation.batnas.items()
    )
    lines.append((f"BATNAs: {batnas}.",))
    constraints = []
    if negotiation.infeasible:
        constraints.append(count(len(negotiation.infeasible), "package rule") + " no one can sign")
    for party, rules in negotiation.red_lines.items():
        constraints.append(f"{count(len(rules), 'red line')} of {the(labels, party)}")
    if constraints:
        lines.append((f"Constraints: {_and(constraints)}.",))
    if not negotiation.compliance.empty:
        pledges = _and(
            f"{the(labels, pledge.party)} on {pledge.issue}"
            for pledge in negotiation.compliance.commitments
        )
        lines.append((f"Compliance: pledges that could be broken in secret by {pledges}.",))
    if negotiation.beliefs:
        held = _and(
            f"{the(labels, belief.holder)} about {the(labels, belief.about)}"
            for belief in negotiation.beliefs
        )
        lines.append((f"Beliefs: held by {held}.",))
    return lines


def _batna(batna: Batna, labels: Mapping[str, str]) -> str:
    """A BATNA's value and, when it rests on third parties, on whom."""
    text = f"{batna.value():g}"
    needed = sorted({party for a in batna.alternatives for party in a.needs})
    if needed:
        text += f" (rests on {_and(the(labels, party) for party in needed)})"
    return text


def _protocol(protocol: Protocol, labels: Mapping[str, str]) -> Text:
    text = (
        f"Simulated talks: {the(labels, protocol.first)} opens; at most "
        f"{count(protocol.rounds, 'round')}"
    )
    if protocol.deadline:
        deadlines = _and(
            f"{the(labels, party)} after round {last}" for party, last in protocol.deadline.items()
        )
        text += f"; deadlines: {deadlines}"
    if protocol.strategies:
        strategies = _and(
            f"{the(labels, party)} {choice.label}" for party, choice in protocol.strategies.items()
        )
        text += f"; strategies: {strategies}"
    if protocol.uncertain:
        text += f"; {count(len(protocol.uncertain), 'uncertain input')}"
    return (text + ".",)


def _perceptions(scenario: Scenario, labels: Mapping[str, str]) -> Text:
    views = []
    for perception in scenario.perceptions:
        parts = []
        if perception.unaware_of:
            parts.append(f"unaware of {count(len(perception.unaware_of), 'option')}")
        seen = set(perception.preferences) | set(perception.views)
        if seen:
            parts.append(
                f"reads the preferences of {_and(the(labels, party) for party in sorted(seen))}"
            )
        views.append(f"{the(labels, perception.viewer)} {' and '.join(parts) or 'sees all'}")
    return (f"Perceptions: {'; '.join(views)}.",)


def _and(words: Iterable[str]) -> str:
    listed = list(words)
    return join_words(listed) if listed else ""
