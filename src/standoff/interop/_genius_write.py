"""Write a negotiation as a GENIUS domain and one profile per party at the table.

What is written (docs/genius.md has the full list and the reasons):

- ``domain.xml`` and ``profile-PARTY.xml`` for each party at the table, in ``directory``.
- Every issue becomes a ``discrete`` issue. A range issue's items are its discretised points,
  labelled as standoff shows them (``25%``, ``3 km``; :meth:`Issue.labels`), so the outcome space
  is the one standoff analyses.
- A party's evaluations of an issue are its values divided by the largest one, so the best level
  is 1 (GENIUS divides by the largest evaluation anyway). An issue whose values are all 0 (or
  that the party does not weigh) cannot be scaled that way: its items are all written as 1 and
  its weight as 0, which contributes the same nothing.
- The weights become w_k·M_k / S, where M_k is the issue's largest value and S = Σ w_k·M_k (the
  weights normalised to sum 1 first): they sum to 1. S is the party's best utility, so when every
  weighted issue has a level worth 1 (the usual case) the profile reproduces standoff's utilities
  exactly. A GENIUS utility always reaches 1, so a party whose best outcome is worth S < 1 is
  written scaled by 1/S, its reservation value too (capped at 1): the same preferences, and the
  same outcomes beat the BATNA. A utility that is 0 everywhere cannot be written and is refused.
- ``<reservation value>`` is the BATNA's value (:meth:`Batna.value`).
- ``<discount_factor value>`` is ``discount_factors[party]`` when given; otherwise, with a
  protocol, δ^rounds for the party's per-round factor δ (the same total discount at the last
  round, GENIUS discounting by normalised time); otherwise 1.
- Beliefs, third parties and the rest of the protocol have no place in GENIUS and are left out.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, SubElement

import numpy as np

from standoff.bargaining._space import OutcomeSpace
from standoff.errors import Diagnostic, ScenarioError
from standoff.scenario._negotiation_model import Issue, Negotiation

__all__ = ["DOMAIN_FILE", "write_genius"]

DOMAIN_FILE = "domain.xml"
"""The name of the domain file :func:`write_genius` writes; profiles are ``profile-PARTY.xml``."""

_SAME = 1e-12  # a best utility this close to 1 is 1 (rounding of the normalised weights)


def write_genius(
    negotiation: Negotiation,
    directory: str | os.PathLike[str],
    *,
    name: str = "negotiation",
    discount_factors: Mapping[str, float] | None = None,
) -> list[Path]:
    """Write the domain and one profile per party at the table; return their paths.

    Parameters
    ----------
    negotiation
        The negotiation (``scenario.negotiation``).
    directory
        Where to write (created when missing; files there of the same names are replaced).
    name
        The domain's name (its objective's ``name``).
    discount_factors
        Party -> its GENIUS discount factor in [0, 1] (1 = none). When not given, derived from the
        protocol as δ^rounds, or 1 without one.

    Returns
    -------
    list of Path
        The domain file, then each party's profile in table order.

    Raises
    ------
    standoff.errors.ScenarioError
        When a party's utility is 0 for every outcome (GENIUS cannot express it).
    ValueError
        When ``discount_factors`` names a party not at the table or a factor outside [0, 1].
    """
    parties = negotiation.parties
    discounts = _discounts(negotiation, discount_factors)
    labels = [_labels(issue) for issue in negotiation.issues]
    profiles = {
        party: _profile(negotiation, party, labels, name, discounts[party]) for party in parties
    }
    folded: dict[str, str] = {}
    for party in parties:
        other = folded.setdefault(party.casefold(), party)
        if other != party:
            raise ValueError(
                f"parties '{other}' and '{party}' differ only in case: their profile files would "
                "collide on case-insensitive file systems"
            )
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written = [target / DOMAIN_FILE]
    _write(_domain(negotiation, labels, name), written[0])
    for party, profile in profiles.items():
        written.append(target / f"profile-{party}.xml")
        _write(profile, written[-1])
    return written


def _discounts(negotiation: Negotiation, given: Mapping[str, float] | None) -> dict[str, float]:
    parties = negotiation.parties
    if given is not None:
        for party, factor in given.items():
            if party not in parties:
                raise ValueError(f"discount_factors names '{party}', which is not at the table")
            if not 0 <= factor <= 1:
                raise ValueError(
                    f"the discount factor of '{party}' must be in [0, 1], found {factor:g}"
                )
        return {party: float(given.get(party, 1.0)) for party in parties}
    protocol = negotiation.protocol
    if protocol is None:
        return dict.fromkeys(parties, 1.0)
    return {party: protocol.discount.get(party, 1.0) ** protocol.rounds for party in parties}


def _labels(issue: Issue) -> tuple[str, ...]:
    """The items of an issue: its levels, or its points as standoff shows them (exact if needed)."""
    labels = issue.labels()
    if len(set(labels)) == len(labels):
        return labels
    unit = issue.unit or ""
    unit = unit if unit.startswith("%") or not unit else f" {unit}"
    return tuple(f"{value!r}{unit}" for value in issue.points())


def _number(value: float) -> str:
    return repr(float(value))


def _objective(parent: Element, name: str) -> Element:
    attributes = {"index": "0", "description": "", "name": name, "type": "objective",
                  "etype": "objective"}  # fmt: skip
    return SubElement(parent, "objective", attributes)


def _issue(parent: Element, issue: Issue, index: int) -> Element:
    attributes = {"name": issue.id, "index": str(index), "etype": "discrete", "type": "discrete",
                  "vtype": "discrete"}  # fmt: skip
    return SubElement(parent, "issue", attributes)


def _domain(negotiation: Negotiation, labels: list[tuple[str, ...]], name: str) -> Element:
    root = Element("negotiation_template")
    space = SubElement(root, "utility_space", {"number_of_issues": str(len(negotiation.issues))})
    objective = _objective(space, name)
    for index, (issue, items) in enumerate(zip(negotiation.issues, labels, strict=True), 1):
        element = _issue(objective, issue, index)
        for position, label in enumerate(items, 1):
            SubElement(element, "item", {"index": str(position), "value": label})
    return root


def _profile(
    negotiation: Negotiation,
    party: str,
    labels: list[tuple[str, ...]],
    name: str,
    discount: float,
) -> Element:
    utility = negotiation.utilities[party]
    total = sum(utility.weights.values())
    columns = []
    for issue in negotiation.issues:
        values = OutcomeSpace.issue_values(issue, utility)
        largest = float(values.max())
        weight = utility.weights.get(issue.id, 0.0) / total
        if largest > 0:
            columns.append((weight * largest, values / largest))
        else:
            columns.append((0.0, np.ones_like(values)))
    best = sum(share for share, _ in columns)
    if not best > 0:
        raise ScenarioError(
            [
                Diagnostic(
                    utility.location,
                    f"the utility of '{party}' is 0 for every outcome, which a GENIUS profile "
                    "cannot express (GENIUS utilities reach 1)",
                )
            ]
        )
    if abs(best - 1) <= _SAME:
        best = 1.0
    root = Element("utility_space")
    objective = _objective(root, name)
    for index, (issue, items, (share, evaluations)) in enumerate(
        zip(negotiation.issues, labels, columns, strict=True), 1
    ):
        element = _issue(objective, issue, index)
        for position, (label, evaluation) in enumerate(zip(items, evaluations, strict=True), 1):
            attributes = {"index": str(position), "value": label, "evaluation": _number(evaluation)}
            SubElement(element, "item", attributes)
        SubElement(objective, "weight", {"index": str(index), "value": _number(share / best)})
    batna = negotiation.batnas.get(party)
    reservation = min(1.0, batna.value() / best) if batna is not None else 0.0
    SubElement(root, "reservation", {"value": _number(reservation)})
    SubElement(root, "discount_factor", {"value": _number(discount)})
    return root


def _write(root: Element, path: Path) -> None:
    tree = ElementTree.ElementTree(root)
    ElementTree.indent(tree, "  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
