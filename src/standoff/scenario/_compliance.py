"""The ``compliance:`` part of a negotiation: pledges a party could secretly break after signing.

::

    compliance:                       # in negotiation:, optional
      NK:                             # a party at the table
        issues:                       # the issues whose pledge it could break
          program:
            gain: {moratorium: 0.1, verified_freeze: 0.3}    # per agreed level (others: 0)
            detection: {inspections: {none: 0, declared_sites: 0.3, intrusive: 0.8}}
            penalty: {utility: 0.4, needs: {China: 0.5}, otherwise: 0.1}
            loss: 0.5                 # optional: what an undetected violation costs the others
            inspection_cost: 0.05     # optional: what one inspection costs them
        discount: 0.9                 # optional: the deal is kept round after round
        rounds: 10                    # optional: how many rounds are still to come

``gain`` is what breaking the pledge is worth to the party, in its own utility, when the
agreement sets the issue at that level: a number (every level), a mapping level -> gain (levels
left out gain nothing) or, for a range issue, piecewise-linear ``[x, gain]`` points.
``detection`` is the probability that a violation is found: a number, or one *verification
issue* mapped to the probability at each of its levels (every level; ``[x, p]`` points for a
range). ``penalty`` is what the party loses if caught, read exactly as a BATNA's alternative
(:func:`~standoff.scenario._batnas.read_alternative`): a number, or ``{utility, needs,
otherwise}`` when the penalty rests on third parties (snap-back sanctions that need China).
``discount`` (in (0, 1]) and ``rounds`` say how the party weighs the later rounds of a deal that a
detected violation ends; a discount of 1 needs ``rounds``.

Checked here: the party is at the table, the issues are issues, levels are levels, gains,
probabilities, penalties, losses and costs lie in [0, 1], exactly one verification issue is named
and every one of its levels has a probability, and a penalty relies on known parties other than
the party itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import yaml

from standoff.scenario._batnas import read_alternative
from standoff.scenario._keys import Keys
from standoff.scenario._limits import MAX_ROUNDS
from standoff.scenario._negotiation_model import (
    Commitment,
    Compliance,
    Issue,
    Repetition,
)
from standoff.scenario._reader import SectionContext
from standoff.scenario._source import listing
from standoff.scenario._utilities import read_points

__all__ = ["COMMITMENT_KEYS", "PARTY_COMPLIANCE_KEYS", "read_compliance"]

PARTY_COMPLIANCE_KEYS = Keys(
    {
        "issues": "Issue id -> the pledge on that issue the party could secretly break: "
        "{gain: ..., detection: ..., penalty: ...}. At least one.",
        "discount": "The party's discount per round, in (0, 1], when the deal is kept round "
        "after round: a detected violation ends it and costs the party its surplus in every "
        "later round. A discount of 1 needs 'rounds'.",
        "rounds": "How many rounds of the deal are still to come after the current one "
        "(default: no end).",
    },
    required=("issues",),
)
COMMITMENT_KEYS = Keys(
    {
        "gain": "What breaking the pledge is worth to the party, in its utility, in [0, 1]: a "
        "number, level -> gain (levels left out gain 0), or [x, gain] points for a range.",
        "detection": "The probability a violation is found: a number in [0, 1], or one "
        "verification issue -> the probability at each of its levels (or [x, p] points).",
        "penalty": "What the party loses if caught, in [0, 1]: a number, or {utility: ..., "
        "needs: ..., otherwise: ...} when it rests on third parties (as a BATNA's alternative).",
        "loss": "What an undetected violation costs the other side, in [0, 1] (a number or "
        "level -> loss); with 'inspection_cost', the inspection game is solved.",
        "inspection_cost": "What one inspection costs the other side, in [0, 1].",
    },
    required=("gain", "detection", "penalty"),
)


def read_compliance(
    context: SectionContext,
    node: yaml.Node,
    issues: Mapping[str, Issue],
    at_table: tuple[str, ...],
) -> Compliance:
    """The validated part (problems are recorded on the context's reader)."""
    reader = context.reader
    commitments: list[Commitment] = []
    repetition: dict[str, Repetition] = {}
    seated = frozenset(at_table)
    for name, (party_node, value) in (reader.mapping(node, "'compliance'") or {}).items():
        if name not in context.parties:
            reader.error(party_node, f"'{name}' is not a party{context.party_hint(name)}")
            continue
        if name not in seated:
            reader.error(
                party_node, f"'{name}' is not at the table, so it pledges nothing to break"
            )
            continue
        what = f"the compliance of '{name}'"
        fields = reader.mapping(value, what, PARTY_COMPLIANCE_KEYS, PARTY_COMPLIANCE_KEYS.required)
        if fields is None:
            continue
        if "issues" in fields:
            commitments += _commitments(context, fields["issues"][1], issues, name)
        found = _repetition(context, fields, name)
        if found is not None:
            repetition[name] = found
    return Compliance(tuple(commitments), MappingProxyType(repetition))


def _commitments(
    context: SectionContext, node: yaml.Node, issues: Mapping[str, Issue], party: str
) -> list[Commitment]:
    reader = context.reader
    found = []
    entries = reader.mapping(node, f"the issues '{party}' could break")
    if entries == {}:
        reader.error(node, f"the issues '{party}' could break name no issue (give at least one)")
    for name, (key, value) in (entries or {}).items():
        issue = _issue(context, issues, key, name)
        if issue is None:
            continue
        commitment = _commitment(context, issues, issue, value, party)
        if commitment is not None:
            found.append(commitment)
    return found


def _issue(
    context: SectionContext, issues: Mapping[str, Issue], node: yaml.Node, name: str
) -> Issue | None:
    if name in issues:
        return issues[name]
    reader = context.reader
    reader.error(node, f"'{name}' is not an issue{reader.suggest(name, issues)}")
    return None


def _commitment(
    context: SectionContext,
    issues: Mapping[str, Issue],
    issue: Issue,
    node: yaml.Node,
    party: str,
) -> Commitment | None:
    reader = context.reader
    what = f"the pledge of '{party}' on '{issue.id}'"
    fields = reader.mapping(node, what, COMMITMENT_KEYS, COMMITMENT_KEYS.required)
    if fields is None or any(key not in fields for key in COMMITMENT_KEYS.required):
        return None
    gains = _per_point(context, issue, fields["gain"][1], "the gain", complete=False)
    verification, detection = _detection(context, issues, fields["detection"][1])
    penalty = read_alternative(context, "penalty", fields["penalty"][1], party)
    losses = None
    if "loss" in fields:
        losses = _per_point(context, issue, fields["loss"][1], "the loss", complete=False)
    cost = None
    if "inspection_cost" in fields:
        cost = reader.number(fields["inspection_cost"][1], "'inspection_cost'", 0.0, 1.0)
    complete = gains is not None and detection is not None and penalty is not None
    if not complete or ("loss" in fields and losses is None):
        return None
    if "inspection_cost" in fields and cost is None:
        return None
    assert gains is not None
    assert detection is not None
    assert penalty is not None
    return Commitment(
        party=party,
        issue=issue.id,
        gains=gains,
        verification=verification,
        detection=detection,
        penalty=penalty,
        losses=losses,
        inspection_cost=cost,
        location=reader.location(node),
    )


def _detection(
    context: SectionContext, issues: Mapping[str, Issue], node: yaml.Node
) -> tuple[str | None, tuple[float, ...] | None]:
    """(the verification issue or None, the probability at each of its points)."""
    reader = context.reader
    if isinstance(node, yaml.ScalarNode):
        constant = reader.number(node, "the probability of detection", 0.0, 1.0)
        return None, None if constant is None else (constant,)
    entries = reader.mapping(
        node, "'detection' (a probability, or a verification issue -> its probabilities)"
    )
    if entries is None:
        return None, None
    if len(entries) != 1:
        reader.error(
            node, f"'detection' must name exactly one verification issue, found {len(entries)}"
        )
        return None, None
    ((name, (key, value)),) = entries.items()
    issue = _issue(context, issues, key, name)
    if issue is None:
        return None, None
    what = f"the probability of detection at '{{}}' of '{issue.id}'"
    return issue.id, _per_point(context, issue, value, what, complete=True)


def _per_point(
    context: SectionContext, issue: Issue, node: yaml.Node, what: str, *, complete: bool
) -> tuple[float, ...] | None:
    """A number in [0, 1] for each point of ``issue``: one number for all, level -> number, or
    ``[x, number]`` points for a range. ``complete``: a level map must give every level (else
    levels left out are 0). ``what`` names the number; ``{}`` in it stands for the level."""
    reader = context.reader
    if isinstance(node, yaml.ScalarNode):
        value = reader.number(node, _bare(what), 0.0, 1.0)
        return None if value is None else (value,) * issue.steps
    if issue.range is not None:
        return _points(context, issue, node, what)
    entries = reader.mapping(node, f"{_bare(what)} of '{issue.id}' (level -> number)")
    if entries is None:
        return None
    table: dict[str, float] = {}
    known = frozenset(issue.levels)
    failed = False
    for level, (key, level_node) in entries.items():
        if level not in known:
            hint = (
                reader.suggest(level, issue.levels) or f" (its levels are {listing(issue.levels)})"
            )
            reader.error(key, f"'{level}' is not a level of '{issue.id}'{hint}")
            failed = True
            continue
        label = what.format(level) if "{}" in what else f"{what} at '{level}'"
        number = reader.number(level_node, label, 0.0, 1.0)
        if number is None:
            failed = True
        else:
            table[level] = number
    missing = [level for level in issue.levels if level not in entries]
    unexplained = [level for level in missing if level not in reader.meant]
    if complete and unexplained:
        reader.error(
            node, f"{_bare(what)} is missing at level(s) {listing(unexplained)} of '{issue.id}'"
        )
    if failed or (complete and missing):
        return None
    return tuple(table.get(level, 0.0) for level in issue.levels)


def _bare(what: str) -> str:
    """``the probability of detection`` from ``the probability of detection at '{}' of 'x'``."""
    return what.split(" at '{}'")[0]


def _points(
    context: SectionContext, issue: Issue, node: yaml.Node, what: str
) -> tuple[float, ...] | None:
    described = f"{_bare(what)} over '{issue.id}' (a number, or a list of [x, number] points)"
    points = read_points(context.reader, node, described, _bare(what))
    if points is None:
        return None
    xs, values = zip(*points, strict=True)
    found = np.interp(np.array(issue.points()), np.array(xs), np.array(values))
    return tuple(float(value) for value in found)


def _repetition(
    context: SectionContext,
    fields: Mapping[str, tuple[yaml.Node, yaml.Node]],
    party: str,
) -> Repetition | None:
    reader = context.reader
    discount = 1.0
    if "discount" in fields:
        node = fields["discount"][1]
        found = reader.number(node, f"the discount of '{party}'", 0.0, 1.0)
        if found is not None and found == 0:
            reader.error(node, f"the discount of '{party}' must be above 0, found 0")
            return None
        if found is None:
            return None
        discount = found
    rounds = None
    if "rounds" in fields:
        rounds = reader.integer(fields["rounds"][1], f"the rounds of '{party}'", 1, MAX_ROUNDS)
        if rounds is None:
            return None
    if "discount" not in fields and "rounds" not in fields:
        return None
    if discount == 1 and rounds is None:
        reader.error(
            fields["discount"][1],
            f"a discount of 1 for '{party}' needs 'rounds': without an end, the future of "
            "the deal would be worth without limit",
        )
        return None
    location = reader.location(fields[next(k for k in ("discount", "rounds") if k in fields)][1])
    return Repetition(discount, rounds, location)
