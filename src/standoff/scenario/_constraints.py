"""Constraints on deals in the ``negotiation:`` section: infeasible packages, red lines, targets.

::

    negotiation:
      infeasible:                       # packages no one can sign
        - relief == none and exercises == 0
      red_lines:                        # packages a party rejects whatever its utility
        NK: [program == dismantlement]
      targets: {US: 0.7}                # the utility a party aims for
      beliefs:
        US: {NK: {red_lines: []}}       # the US does not know about NK's red line

Each constraint is an expression of the language of the ``conflict`` section
(:mod:`~standoff.scenario._expressions`) whose atoms compare an issue with one of its levels:
``program == dismantlement``, ``program >= verified_freeze`` (a discrete issue's levels are
ordered as listed), ``exercises >= 50`` (a range issue compares with a number), joined by
``and``, ``or``, ``not`` and parentheses. Checked here: every comparison names an issue and, for
a discrete issue, one of its levels, for a range issue a number; a bare name is refused; red lines
and targets belong to parties at the table; a target is a utility in [0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import yaml

from standoff.scenario._model import Formula
from standoff.scenario._negotiation_model import Constraint, Issue
from standoff.scenario._reader import SectionContext
from standoff.scenario._source import listing

__all__ = ["read_constraints", "read_red_lines", "read_targets"]


def read_constraints(
    context: SectionContext, issues: Mapping[str, Issue], node: yaml.Node, what: str
) -> tuple[Constraint, ...]:
    """A list of constraints (expressions over issue levels), or nothing; the invalid ones are
    reported and left out."""
    if context.reader.is_null(node):
        return ()
    items = context.reader.sequence(node, f"{what} (a list of expressions)")
    found = []
    for item in items or ():
        formula = context.parsed_formula(item, f"{what}")
        if formula is not None and _checked(context, issues, formula):
            found.append(Constraint(formula.expression, formula.location))
    return tuple(found)


def read_red_lines(
    context: SectionContext,
    issues: Mapping[str, Issue],
    node: yaml.Node,
    at_table: tuple[str, ...],
    what: str = "'red_lines'",
) -> dict[str, tuple[Constraint, ...]]:
    """Party at the table -> its red lines (a party may have none)."""
    found = {}
    for party, value in _by_party(context, node, at_table, what).items():
        found[party] = read_constraints(context, issues, value, f"the red lines of '{party}'")
    return found


def read_targets(
    context: SectionContext, node: yaml.Node, at_table: tuple[str, ...]
) -> dict[str, float]:
    """Party at the table -> the utility it aims for, in [0, 1]."""
    found = {}
    for party, value in _by_party(context, node, at_table, "'targets'").items():
        target = context.reader.number(value, f"the target of '{party}'", 0.0, 1.0)
        if target is not None:
            found[party] = target
    return found


def _by_party(
    context: SectionContext, node: yaml.Node, at_table: tuple[str, ...], what: str
) -> dict[str, yaml.Node]:
    reader = context.reader
    found = {}
    for name, (key, value) in (reader.mapping(node, what) or {}).items():
        if name not in context.parties:
            reader.error(key, f"'{name}' is not a party{context.party_hint(name)}")
        elif name not in at_table:
            reader.error(key, f"'{name}' is not at the table (add it to 'negotiation.parties')")
        else:
            found[name] = value
    return found


def _checked(context: SectionContext, issues: Mapping[str, Issue], formula: Formula) -> bool:
    """Whether every atom of the expression compares an issue with a level (each problem is
    reported where it is written)."""
    reader = context.reader
    valid = True
    for name, offset in formula.expression.name_offsets():
        valid = False
        where = formula.location_of(offset)
        if name in issues:
            named = issues[name]
            if named.range is None:
                example = f"a level, e.g. '{name} == {named.levels[0]}'"
            else:
                example = f"a number, e.g. '{name} >= {named.range[0]:g}'"
            reader.error(where, f"issue '{name}' must be compared with {example}")
        else:
            reader.error(where, f"'{name}' is not an issue{_issue_hint(context, name, issues)}")
    for comparison in formula.expression.comparisons():
        issue = issues.get(comparison.name)
        if issue is None:
            where = formula.location_of(comparison.offset)
            hint = _issue_hint(context, comparison.name, issues)
            reader.error(where, f"'{comparison.name}' is not an issue{hint}")
            valid = False
            continue
        where = formula.location_of(comparison.value_offset)
        value = comparison.value
        if issue.range is not None:
            if not _is_number(value):
                low, high = issue.range
                reader.error(
                    where,
                    f"'{value}' is not a number: '{issue.id}' is a range from {low:g} to "
                    f"{high:g}, compared with numbers",
                )
                valid = False
        elif value not in issue.levels:
            hint = reader.suggest(value, issue.levels)
            hint = hint or f" (expected one of {listing(issue.levels)})"
            reader.error(where, f"'{value}' is not a level of '{issue.id}'{hint}")
            valid = False
    return valid


def _issue_hint(context: SectionContext, name: str, issues: Mapping[str, Issue]) -> str:
    return context.reader.suggest(name, issues) or (
        f" (expected one of {listing(issues)})" if issues else ""
    )


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False
