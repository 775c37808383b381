"""Scenario text for a negotiation: what an import writes, and what :func:`~standoff.scenario.loads`
reads back into the same negotiation.

The file declares the parties at the table and every party a BATNA depends on (with no options),
then the whole ``negotiation:`` section: issues, utilities (weights as stored), BATNAs (a plain
number when a BATNA is one sure alternative), beliefs and the protocol. Whole numbers are written
without a decimal point.

>>> from standoff.scenario import load, loads
>>> negotiation = load("examples/korea_2017.yaml").negotiation
>>> text = to_yaml(negotiation, "Korea, 2017")
>>> print(text[:text.index("  utilities:")])
standoff: 1
title: Korea, 2017
parties:
  US: {}
  NK: {}
  China: {}
  ROK: {}
negotiation:
  parties: [US, NK]
  issues:
    sanctions: [kept, partial_relief, full_relief]
    program: [none, moratorium, verified_freeze, rollback]
    inspections: [none, declared_sites, intrusive]
    exercises: {range: [0, 100], unit: '%', steps: 5}
<BLANKLINE>
>>> loads(text).negotiation.batnas["US"].value() == negotiation.batnas["US"].value()
True
"""

from __future__ import annotations

from typing import Any

import yaml

from standoff.scenario._negotiation_model import (
    Batna,
    Distribution,
    Issue,
    Negotiation,
    Protocol,
    Utility,
)

__all__ = ["to_yaml"]


def to_yaml(negotiation: Negotiation, title: str, *, description: str | None = None) -> str:
    """The text of a scenario file (format 1) holding ``negotiation`` and nothing else.

    Parameters
    ----------
    negotiation
        The negotiation to write.
    title
        The scenario's ``title``.
    description
        Its ``description`` (left out when None).
    """
    parties = list(negotiation.parties)
    batnas = [*negotiation.batnas.values()]
    batnas += [belief.batna for belief in negotiation.beliefs if belief.batna is not None]
    for batna in batnas:
        for alternative in batna.alternatives:
            parties += [party for party in alternative.needs if party not in parties]
    section: dict[str, Any] = {
        "parties": list(negotiation.parties),
        "issues": {issue.id: _issue(issue) for issue in negotiation.issues},
        "utilities": {
            party: _utility(utility, negotiation)
            for party, utility in negotiation.utilities.items()
        },
        "batna": {party: _batna(batna) for party, batna in negotiation.batnas.items()},
    }
    beliefs: dict[str, dict[str, Any]] = {}
    for belief in negotiation.beliefs:
        held: dict[str, Any] = {}
        if belief.batna is not None:
            held["batna"] = _batna(belief.batna)
        if belief.utility is not None:
            held["utilities"] = _utility(belief.utility, negotiation)
        if belief.deadline is not None:
            held["deadline"] = belief.deadline
        beliefs.setdefault(belief.holder, {})[belief.about] = held
    if beliefs:
        section["beliefs"] = beliefs
    if negotiation.protocol is not None:
        section["protocol"] = _protocol(negotiation.protocol)
    document: dict[str, Any] = {"standoff": 1, "title": title}
    if description is not None:
        document["description"] = description
    document["parties"] = {party: {} for party in parties}
    document["negotiation"] = section
    return yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=None,
    )


class _Flow(dict[str, Any]):
    """A mapping written on one line (``{range: [0, 100], steps: 5}``)."""


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing :class:`_Flow` mappings in flow style."""


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(_Flow, _flow)


def _number(value: float) -> float | int:
    """A whole number as an int (written without ``.0``), any other as it is."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


def _issue(issue: Issue) -> Any:
    if issue.range is None:
        return list(issue.levels)
    spec = _Flow(range=[_number(bound) for bound in issue.range])
    if issue.unit is not None:
        spec["unit"] = issue.unit
    spec["steps"] = issue.steps
    return spec


def _utility(utility: Utility, negotiation: Negotiation) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for issue in negotiation.issues:
        given = utility.values.get(issue.id)
        if given is None:
            continue
        if given.points is not None:
            values[issue.id] = [[_number(x), _number(v)] for x, v in given.points]
        else:
            assert given.table is not None
            values[issue.id] = {level: _number(given.table[level]) for level in issue.levels}
    weights = {issue: _number(weight) for issue, weight in utility.weights.items()}
    return {"weights": weights, "values": values}


def _batna(batna: Batna) -> Any:
    if len(batna.alternatives) == 1:
        (sure,) = batna.alternatives
        if sure.name == "batna" and not sure.needs and sure.utility == sure.otherwise:
            return _number(sure.utility)
    alternatives: dict[str, Any] = {}
    for alternative in batna.alternatives:
        if not alternative.needs and alternative.utility == alternative.otherwise:
            alternatives[alternative.name] = _number(alternative.utility)
            continue
        alternatives[alternative.name] = {
            "utility": _number(alternative.utility),
            "needs": {party: _number(chance) for party, chance in alternative.needs.items()},
            "otherwise": _number(alternative.otherwise),
        }
    return {"alternatives": alternatives}


def _protocol(protocol: Protocol) -> dict[str, Any]:
    spec: dict[str, Any] = {"first": protocol.first, "rounds": protocol.rounds}
    if protocol.deadline:
        spec["deadline"] = dict(protocol.deadline)
    if protocol.discount:
        spec["discount"] = {party: _number(d) for party, d in protocol.discount.items()}
    if protocol.breakdown:
        spec["breakdown"] = _number(protocol.breakdown)
    if protocol.strategies:
        strategies: dict[str, Any] = {}
        for party, choice in protocol.strategies.items():
            parameters = {name: _number(value) for name, value in choice.parameters.items()}
            strategies[party] = {choice.name: parameters} if parameters else choice.name
        spec["strategies"] = strategies
    if protocol.uncertain:
        spec["uncertain"] = {
            name: _distribution(distribution) for name, distribution in protocol.uncertain.items()
        }
    return spec


def _distribution(distribution: Distribution) -> dict[str, Any]:
    if distribution.kind != "choice":
        return {distribution.kind: [_number(p) for p in distribution.parameters]}
    values = [
        "none" if value is None else value if isinstance(value, str) else _number(value)
        for value in distribution.values
    ]
    spec: dict[str, Any] = {"choice": values}
    if len(set(distribution.probabilities)) > 1:
        spec["p"] = [_number(p) for p in distribution.probabilities]
    return spec
