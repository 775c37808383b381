"""The ``negotiation:`` section: issues, utilities, BATNAs and beliefs (docs/scenario-format.md).

::

    negotiation:
      parties: [US, NK]                 # at the table: two or more party ids
      issues:                           # ordered: discrete levels, or a numeric range
        relief: [none, partial, full]
        exercises: {range: [0, 100], unit: "%", steps: 5}
      utilities:                        # additive, one per party at the table
        US:
          weights: {relief: 2, exercises: 1}
          values:
            relief: {none: 1, partial: 0.6, full: 0}
            exercises: [[0, 0.2], [100, 1]]
      batna:
        US: {alternatives: {pressure: {utility: 0.45, needs: {China: 0.3}, otherwise: 0.15}}}
        NK: 0.55
      beliefs:
        US: {NK: {batna: 0.2}}
        NK: {US: {deadline: 14}}        # the US's last round as NK believes it (with a protocol)

This module reads the section and the parts that tie it together; each part has its reader:
issues (:mod:`~standoff.scenario._issues`), utilities (:mod:`~standoff.scenario._utilities`),
BATNAs (:mod:`~standoff.scenario._batnas`), the protocol (:mod:`~standoff.scenario._protocol`)
and the constraints on deals, ``infeasible``, ``red_lines`` and ``targets``
(:mod:`~standoff.scenario._constraints`). Checked here: the parties at the table exist and are
distinct (two or more), every party at the table has utilities and a BATNA and only those parties
do, beliefs are held by a party at the table about another one, and a believed deadline is a
round of the protocol (or 'none').
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import yaml

from standoff.scenario._batnas import read_batna
from standoff.scenario._compliance import read_compliance
from standoff.scenario._constraints import read_constraints, read_red_lines, read_targets
from standoff.scenario._issues import read_issues
from standoff.scenario._keys import Keys
from standoff.scenario._limits import MAX_ROUNDS
from standoff.scenario._negotiation_model import (
    NO_COMPLIANCE,
    Batna,
    Belief,
    BelievedNone,
    Constraint,
    Issue,
    Negotiation,
    Protocol,
    Utility,
)
from standoff.scenario._protocol import read_protocol
from standoff.scenario._reader import SectionContext
from standoff.scenario._utilities import read_utility

__all__ = ["BELIEF_KEYS", "NEGOTIATION_KEYS", "read_negotiation"]

NEGOTIATION_KEYS = Keys(
    {
        "parties": "The parties at the table, in order: two or more party ids, each once.",
        "issues": "The issues on the table, by id, in order: each a list of levels, or "
        "{range: [low, high], unit: ..., steps: ...}. At least one.",
        "utilities": "For every party at the table, its additive utility over the issues: "
        "{weights: ..., values: ...}.",
        "batna": "For every party at the table, its best alternative to an agreement: a "
        "utility in [0, 1], or {alternatives: ...}.",
        "beliefs": "What a party at the table believes about another one: holder -> the "
        "party it is about -> {batna: ..., utilities: ...}.",
        "protocol": "How simulated talks run: who opens, the round limit, deadlines, "
        "discounting, breakdown, strategies and uncertain inputs.",
        "compliance": "Party at the table -> the pledges it could secretly break after "
        "signing: {issues: {issue -> {gain, detection, penalty}}, discount: ..., rounds: ...}.",
        "infeasible": "Packages no one can sign: a list of expressions over issue levels "
        "('program == dismantlement and sanctions == none', 'exercises >= 50').",
        "red_lines": "Party at the table -> the packages it rejects whatever its utility: a "
        "list of expressions over issue levels.",
        "targets": "Party at the table -> the utility in [0, 1] it aims for (its aspiration).",
    },
    required=("parties", "issues", "utilities", "batna"),
)
BELIEF_KEYS = Keys(
    {
        "batna": "The BATNA the holder believes the other party has, in any form a BATNA takes.",
        "utilities": "The utility the holder believes the other party has, in the form of "
        "'utilities'.",
        "deadline": "The other party's last round as the holder believes it: a round from 1 to "
        "the protocol's 'rounds', or 'none' (it believes the other has no deadline); without "
        "it the holder knows the real one.",
        "red_lines": "The red lines the holder believes the other party has (a list of "
        "expressions; [] for none); without it the holder knows the real ones.",
    }
)


def read_negotiation(context: SectionContext, node: yaml.Node) -> Negotiation | None:
    """The validated section, or None (with diagnostics recorded on the context's reader)."""
    reader = context.reader
    fields = reader.mapping(node, "'negotiation'", NEGOTIATION_KEYS, NEGOTIATION_KEYS.required)
    if fields is None:
        return None
    at_table = _table(context, fields["parties"][1]) if "parties" in fields else ()
    issues = read_issues(context, fields["issues"][1]) if "issues" in fields else {}
    utilities: dict[str, Utility] = {}
    batnas: dict[str, Batna] = {}
    if "utilities" in fields:
        for party, value in _per_party(context, fields["utilities"], at_table, "utilities").items():
            utility = read_utility(reader, issues, value, f"the utilities of '{party}'")
            if utility is not None:
                utilities[party] = utility
    if "batna" in fields:
        for party, value in _per_party(context, fields["batna"], at_table, "BATNA").items():
            batna = read_batna(context, value, party)
            if batna is not None:
                batnas[party] = batna
    protocol = None
    if "protocol" in fields:
        protocol = read_protocol(context, fields["protocol"][1], at_table)
    beliefs: tuple[Belief, ...] = ()
    if "beliefs" in fields:  # after the protocol: a believed deadline is a round within its limit
        beliefs = _beliefs(context, issues, fields["beliefs"][1], at_table, protocol)
    compliance = NO_COMPLIANCE
    if "compliance" in fields:
        compliance = read_compliance(context, fields["compliance"][1], issues, at_table)
    infeasible: tuple[Constraint, ...] = ()
    if "infeasible" in fields:
        where = "'negotiation.infeasible'"
        infeasible = read_constraints(context, issues, fields["infeasible"][1], where)
    red_lines = {}
    if "red_lines" in fields:
        red_lines = read_red_lines(context, issues, fields["red_lines"][1], at_table)
    targets = read_targets(context, fields["targets"][1], at_table) if "targets" in fields else {}
    return Negotiation(
        parties=at_table,
        issues=tuple(issues.values()),
        utilities=MappingProxyType(utilities),
        batnas=MappingProxyType(batnas),
        beliefs=beliefs,
        protocol=protocol,
        location=reader.location(node),
        compliance=compliance,
        infeasible=infeasible,
        red_lines=MappingProxyType(red_lines),
        targets=MappingProxyType(targets),
    )


def _table(context: SectionContext, node: yaml.Node) -> tuple[str, ...]:
    """The parties at the table, in order: at least two, each once."""
    reader = context.reader
    items = reader.sequence(node, "'negotiation.parties'")
    if items is None:
        return ()
    found: dict[str, None] = {}  # in order; a set for the check of repeats
    for item in items:
        party = _party(context, item, "'negotiation.parties'")
        if party is None:
            continue
        if party in found:
            reader.error(item, f"'{party}' is listed twice at the table")
            continue
        found[party] = None
    if items and len(found) == len(items) and len(found) < 2:
        reader.error(node, "a negotiation needs at least two parties at the table")
    return tuple(found)


def _party(context: SectionContext, node: yaml.Node, where: str) -> str | None:
    name = context.reader.text(node, f"a party in {where}")
    if name is None:
        return None
    if name not in context.parties:
        context.reader.error(node, f"'{name}' is not a party{context.party_hint(name)}")
        return None
    return name


def _per_party(
    context: SectionContext,
    entry: tuple[yaml.Node, yaml.Node],
    at_table: tuple[str, ...],
    what: str,
) -> dict[str, yaml.Node]:
    """Entries of a mapping keyed by the parties at the table; every such party needs one."""
    reader = context.reader
    key_node, node = entry
    fields = reader.mapping(node, f"'{key_node.value}'")
    if fields is None:
        return {}
    found = {}
    seated = frozenset(at_table)
    for party_node, value in fields.values():
        party = _party(context, party_node, f"'{key_node.value}'")
        if party is None:
            continue
        if party not in seated:
            reader.error(
                party_node, f"'{party}' is not at the table (add it to 'negotiation.parties')"
            )
            continue
        found[party] = value
    for party in at_table:
        if party not in found:
            reader.error(key_node, f"party '{party}' at the table has no {what}")
    return found


def _beliefs(
    context: SectionContext,
    issues: Mapping[str, Issue],
    node: yaml.Node,
    at_table: tuple[str, ...],
    protocol: Protocol | None,
) -> tuple[Belief, ...]:
    """What parties at the table believe about another one's BATNA, utilities, red lines and
    deadline."""
    reader = context.reader
    found = []
    seated = frozenset(at_table)
    for holder_name, (holder_node, value) in (reader.mapping(node, "'beliefs'") or {}).items():
        holder = _at_table(context, holder_node, holder_name, seated, "hold beliefs here")
        if holder is None:
            continue
        for about_name, (about_node, belief_node) in (
            reader.mapping(value, f"the beliefs of '{holder}'") or {}
        ).items():
            about = _at_table(context, about_node, about_name, seated, "be believed about")
            if about is None:
                continue
            if about == holder:
                reader.error(
                    about_node,
                    f"'{holder}' cannot hold a belief about itself: its own BATNA and "
                    "utilities are the real ones",
                )
                continue
            fields = reader.mapping(
                belief_node, f"the belief of '{holder}' about '{about}'", BELIEF_KEYS
            )
            if fields is None:
                continue
            batna = read_batna(context, fields["batna"][1], about) if "batna" in fields else None
            utility = None
            if "utilities" in fields:
                utility = read_utility(
                    reader,
                    issues,
                    fields["utilities"][1],
                    f"the utilities '{holder}' ascribes to '{about}'",
                )
            red_lines = None
            if "red_lines" in fields:
                red_lines = read_constraints(
                    context,
                    issues,
                    fields["red_lines"][1],
                    f"the red lines '{holder}' ascribes to '{about}'",
                )
            deadline = None
            if "deadline" in fields:
                deadline = _believed_deadline(context, fields["deadline"], holder, about, protocol)
            found.append(
                Belief(
                    holder,
                    about,
                    batna,
                    utility,
                    reader.location(about_node),
                    red_lines=red_lines,
                    deadline=deadline,
                )
            )
    return tuple(found)


def _believed_deadline(
    context: SectionContext,
    entry: tuple[yaml.Node, yaml.Node],
    holder: str,
    about: str,
    protocol: Protocol | None,
) -> int | BelievedNone | None:
    """A believed deadline: a round within the protocol's round limit, or 'none'.

    A belief about a party that has no deadline is allowed: the holder thinks the other is
    under a clock it does not have (and 'none' the reverse).
    """
    reader = context.reader
    key, node = entry
    if protocol is None:
        reader.error(key, "a belief about a deadline needs 'negotiation.protocol': deadlines "
                     "are rounds of the simulated talks")  # fmt: skip
        return None
    if isinstance(node, yaml.ScalarNode) and node.style is None and node.value == "none":
        return "none"
    what = f"the deadline '{holder}' believes '{about}' has (a round within 'rounds', or 'none')"
    return reader.integer(node, what, 1, protocol.rounds or MAX_ROUNDS)


def _at_table(
    context: SectionContext, node: yaml.Node, name: str, at_table: frozenset[str], role: str
) -> str | None:
    party = _party(context, node, "'beliefs'")
    if party is not None and party not in at_table:
        context.reader.error(node, f"'{party}' is not at the table, so it cannot {role}")
        return None
    return party
