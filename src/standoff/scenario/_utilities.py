"""A party's utility over the issues: additive, with a weight and a value function per issue.

::

    utilities:                        # in negotiation:, one per party at the table
      US:
        weights: {relief: 2, exercises: 1}      # absent: equal weights over the valued issues
        values:
          relief: {none: 1, partial: 0.6, full: 0}   # discrete issue: level -> value in [0, 1]
          exercises: [[0, 0.2], [100, 1]]           # numeric issue: piecewise-linear points

The utility of an outcome is the weighted mean of the issues' values (Keeney & Raiffa 1976,
"Decisions with Multiple Objectives", additive value functions). Checked here: weights are
non-negative with a positive sum, at most :data:`~standoff.scenario._limits.MAX_WEIGHT`, at least
one issue is valued, every weighted issue has values for every level, values lie in [0, 1], and
the points' x values increase, within :data:`~standoff.scenario._limits.MAX_MAGNITUDE`. Also
used for the utilities a party ascribes to another in ``beliefs``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import yaml

from standoff.scenario._keys import Keys
from standoff.scenario._limits import MAX_MAGNITUDE, MAX_WEIGHT
from standoff.scenario._negotiation_model import Issue, IssueValues, Utility
from standoff.scenario._source import SourceReader, listing

__all__ = ["UTILITY_KEYS", "read_points", "read_utility"]

UTILITY_KEYS = Keys(
    {
        "weights": "Issue id -> its relative weight, at least 0, with a positive sum (default: "
        "equal weights over the valued issues). An issue left out weighs 0.",
        "values": "Issue id -> the party's value of each outcome of it, in [0, 1]: level -> "
        "value for a discrete issue, a list of [x, value] points for a range. At least one issue.",
    },
    required=("values",),
)


def read_utility(
    reader: SourceReader, issues: Mapping[str, Issue], node: yaml.Node, what: str
) -> Utility | None:
    """The utility in ``node`` over ``issues``, or None (with diagnostics); ``what`` names it."""
    fields = reader.mapping(node, what, UTILITY_KEYS, UTILITY_KEYS.required)
    if fields is None or "values" not in fields:
        return None
    weights: dict[str, float] = {}
    if "weights" in fields:
        weights_node = fields["weights"][1]
        entries = reader.mapping(weights_node, "'weights'")
        for name, (key, value) in (entries or {}).items():
            if _issue_reference(reader, issues, key, name) is None:
                continue
            weight = reader.number(value, f"the weight of '{name}'", 0.0, math.inf)
            if weight is not None and weight > MAX_WEIGHT:
                reader.error(value, f"the weight of '{name}' must be at most {MAX_WEIGHT:g}, "
                             f"found {weight:g}")  # fmt: skip
            elif weight is not None:
                weights[name] = weight
        if entries is None or len(weights) < len(entries):
            return None
        if not sum(weights.values()) > 0:
            reader.error(weights_node, f"the weights in {what} must sum to a positive number")
            return None
    values: dict[str, IssueValues] = {}
    values_node = fields["values"][1]
    valued = reader.mapping(values_node, "'values'")
    if valued == {}:  # nothing to weigh: the utility would divide by a total weight of 0
        reader.error(values_node, f"'values' in {what} names no issue (give at least one)")
        return None
    for name, (key, value) in (valued or {}).items():
        issue = _issue_reference(reader, issues, key, name)
        if issue is not None:
            read = _issue_values(reader, issue, value)
            if read is not None:
                values[name] = read
    if "weights" not in fields:
        weights = dict.fromkeys(values, 1.0)  # equal weights over the valued issues
    for name, weight in weights.items():
        given = name in (valued or {}) or name in reader.meant  # then its own error says why
        if weight > 0 and name not in values and name in issues and not given:
            reader.error(values_node, f"{what} weigh '{name}' but give no values for its levels")
    return Utility(MappingProxyType(weights), MappingProxyType(values), reader.location(node))


def _issue_reference(
    reader: SourceReader, issues: Mapping[str, Issue], node: yaml.Node, name: str
) -> Issue | None:
    if name in issues:
        return issues[name]
    reader.error(node, f"'{name}' is not an issue{reader.suggest(name, issues)}")
    return None


def _issue_values(reader: SourceReader, issue: Issue, node: yaml.Node) -> IssueValues | None:
    if issue.range is not None:
        return _piecewise(reader, issue, node)
    entries = reader.mapping(node, f"the values of '{issue.id}' (level -> value)")
    if entries is None:
        return None
    table: dict[str, float] = {}
    known = frozenset(issue.levels)
    for level, (key, value) in entries.items():
        if level not in known:
            hint = (
                reader.suggest(level, issue.levels) or f" (its levels are {listing(issue.levels)})"
            )
            reader.error(key, f"'{level}' is not a level of '{issue.id}'{hint}")
            continue
        number = reader.number(value, f"the value of '{level}'", 0.0, 1.0)
        if number is not None:
            table[level] = number
    missing = [level for level in issue.levels if level not in entries]
    unexplained = [level for level in missing if level not in reader.meant]
    if unexplained:
        reader.error(node, f"the values of '{issue.id}' miss level(s) {listing(unexplained)}")
    if missing or len(table) < len(entries):
        return None
    return IssueValues(MappingProxyType(table), None, reader.location(node))


def _piecewise(reader: SourceReader, issue: Issue, node: yaml.Node) -> IssueValues | None:
    what = f"the values of '{issue.id}' (a list of [x, value] points)"
    points = read_points(reader, node, what, "a value")
    return None if points is None else IssueValues(None, points, reader.location(node))


def read_points(
    reader: SourceReader, node: yaml.Node, what: str, value: str
) -> tuple[tuple[float, float], ...] | None:
    """A piecewise-linear function over a range issue: ``[x, y]`` points, x increasing, each y
    (``value`` in messages) in [0, 1]; None (with diagnostics) when any is wrong."""
    items = reader.sequence(node, what)
    if items is None:
        return None
    if not items:
        reader.error(node, f"{what} must list at least one point")
        return None
    points: list[tuple[float, float]] = []
    for item in items:
        pair = reader.pair(item, "a point", -MAX_MAGNITUDE, MAX_MAGNITUDE)
        if pair is None:
            continue
        if not 0 <= pair[1] <= 1:
            reader.error(item, f"{value} must lie in [0, 1], found {pair[1]:g}")
            continue
        if points and not pair[0] > points[-1][0]:
            reader.error(item, "the points' x values must increase")
            continue
        points.append(pair)
    return tuple(points) if len(points) == len(items) else None
