"""The issues of a negotiation: what is on the table, each with its possible settlements.

::

    issues:                           # in negotiation:, ordered
      relief: [none, partial, full]   # discrete: the levels, in order
      exercises: {range: [0, 100], unit: "%", steps: 5}   # numeric: a range cut into steps

Issue ids share the id space of parties, options and states. Checked here: ids are new and valid,
levels are distinct and at least one, a range goes from a lower to a higher number within
:data:`~standoff.scenario._limits.MAX_MAGNITUDE`, and ``steps`` is a whole number in
[1, :data:`MAX_STEPS`].
"""

from __future__ import annotations

import yaml

from standoff.scenario._keys import Keys
from standoff.scenario._limits import MAX_MAGNITUDE
from standoff.scenario._negotiation_model import DEFAULT_RESOLUTION, Issue
from standoff.scenario._reader import SectionContext

__all__ = ["MAX_STEPS", "RANGE_KEYS", "read_issues"]

MAX_STEPS = 10_000
"""The most points a numeric issue may be cut into."""

RANGE_KEYS = Keys(
    {
        "range": "The lowest and the highest value: [low, high], low below high.",
        "unit": "How values read ('%' is written right after the number, any other unit "
        "after a space).",
        "steps": "How many evenly spaced points, both ends included, the analysis considers "
        f"(default {DEFAULT_RESOLUTION}).",
    },
    required=("range",),
)


def read_issues(context: SectionContext, node: yaml.Node) -> dict[str, Issue]:
    """The valid issues by id, in file order (invalid ones are reported and left out)."""
    reader = context.reader
    issues: dict[str, Issue] = {}
    entries = reader.mapping(node, "'issues'")
    if entries is None:
        return issues
    if not entries:
        reader.error(node, "'issues' must name at least one issue")
    for key, value in entries.values():
        issue_id = context.register(key, "issue")
        if issue_id is None:
            continue
        issue = _issue(context, issue_id, value)
        if issue is not None:
            issues[issue_id] = issue
    return issues


def _issue(context: SectionContext, issue_id: str, node: yaml.Node) -> Issue | None:
    reader = context.reader
    location = reader.location(node)
    if isinstance(node, yaml.MappingNode):
        fields = reader.mapping(node, f"issue '{issue_id}'", RANGE_KEYS, RANGE_KEYS.required)
        if not fields or "range" not in fields:
            return None
        bounds = reader.pair(
            fields["range"][1], f"the range of '{issue_id}'", -MAX_MAGNITUDE, MAX_MAGNITUDE
        )
        unit = reader.text(fields["unit"][1], "a unit") if "unit" in fields else None
        steps = DEFAULT_RESOLUTION
        if "steps" in fields:
            steps = reader.integer(fields["steps"][1], "'steps'", 1, MAX_STEPS) or steps
        if bounds is None:
            return None
        if not bounds[0] < bounds[1]:
            reader.error(
                fields["range"][1],
                f"the range of '{issue_id}' must go from a lower to a higher number, "
                f"found [{bounds[0]:g}, {bounds[1]:g}]",
            )
            return None
        return Issue(issue_id, (), (bounds[0], bounds[1]), unit, steps, location)
    items = reader.sequence(
        node, f"issue '{issue_id}' (a list of levels, or a mapping with 'range')"
    )
    if items is None:
        return None
    levels: dict[str, None] = {}  # in order; a set for the check of repeats
    for item in items:
        level = reader.text(item, "a level")
        if level is None:
            continue
        if level in levels:
            reader.error(item, f"level '{level}' of '{issue_id}' is listed twice")
            continue
        levels[level] = None
    if not items:
        reader.error(node, f"issue '{issue_id}' lists no levels")
        return None
    return Issue(issue_id, tuple(levels), None, None, len(levels), location)
