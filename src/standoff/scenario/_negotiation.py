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

Checked here: parties exist and are distinct, issue ids are new ids, levels are distinct, ranges
are increasing, weights are non-negative with a positive sum, every weighted issue has values for
every level, values and probabilities lie in [0, 1], piecewise-linear points increase, BATNAs
rely on known parties other than their own, beliefs are held by a party at the table about another
one.
"""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import TYPE_CHECKING

import yaml

from standoff.errors import Location
from standoff.scenario._negotiation_model import (
    DEFAULT_RESOLUTION,
    Alternative,
    Batna,
    Belief,
    Issue,
    IssueValues,
    Negotiation,
    Utility,
)
from standoff.scenario._protocol import read_protocol
from standoff.scenario._source import did_you_mean

if TYPE_CHECKING:
    from standoff.scenario._loader import _Loader

__all__ = ["read_negotiation"]

NEGOTIATION_KEYS = ("parties", "issues", "utilities", "batna", "beliefs", "protocol")
MAX_STEPS = 10_000


def read_negotiation(loader: _Loader, node: yaml.Node) -> Negotiation | None:
    """The validated section, or None (with diagnostics recorded on the loader's reader)."""
    return _NegotiationReader(loader).section(node)


class _NegotiationReader:
    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.reader = loader.reader
        self.issues: dict[str, Issue] = {}

    def section(self, node: yaml.Node) -> Negotiation | None:
        reader = self.reader
        fields = reader.mapping(
            node, "'negotiation'", NEGOTIATION_KEYS, ("parties", "issues", "utilities", "batna")
        )
        if fields is None:
            return None
        at_table = self.table(fields["parties"][1]) if "parties" in fields else ()
        if "issues" in fields:
            self.read_issues(fields["issues"][1])
        utilities: dict[str, Utility] = {}
        batnas: dict[str, Batna] = {}
        if "utilities" in fields:
            for party, value in self.per_party(fields["utilities"], at_table, "utilities").items():
                utility = self.utility(value, f"the utilities of '{party}'")
                if utility is not None:
                    utilities[party] = utility
        if "batna" in fields:
            for party, value in self.per_party(fields["batna"], at_table, "BATNA").items():
                batna = self.batna(value, party)
                if batna is not None:
                    batnas[party] = batna
        beliefs = self.beliefs(fields["beliefs"][1], at_table) if "beliefs" in fields else ()
        protocol = None
        if "protocol" in fields:
            protocol = read_protocol(self.loader, fields["protocol"][1], at_table)
        return Negotiation(
            parties=at_table,
            issues=tuple(self.issues.values()),
            utilities=MappingProxyType(utilities),
            batnas=MappingProxyType(batnas),
            beliefs=beliefs,
            protocol=protocol,
            location=reader.location(node),
        )

    # -- parties ---------------------------------------------------------------------------------

    def table(self, node: yaml.Node) -> tuple[str, ...]:
        items = self.reader.sequence(node, "'negotiation.parties'")
        if items is None:
            return ()
        found: list[str] = []
        for item in items:
            party = self.party(item, "'negotiation.parties'")
            if party is None:
                continue
            if party in found:
                self.reader.error(item, f"'{party}' is listed twice at the table")
                continue
            found.append(party)
        if items and len(found) == len(items) and len(found) < 2:
            self.reader.error(node, "a negotiation needs at least two parties at the table")
        return tuple(found)

    def party(self, node: yaml.Node, where: str) -> str | None:
        name = self.reader.text(node, f"a party in {where}")
        if name is None:
            return None
        if name not in self.loader.parties:
            self.reader.error(node, f"'{name}' is not a party{self.loader.party_hint(name)}")
            return None
        return name

    def per_party(
        self, entry: tuple[yaml.Node, yaml.Node], at_table: tuple[str, ...], what: str
    ) -> dict[str, yaml.Node]:
        """Entries of a mapping keyed by the parties at the table; every such party needs one."""
        key_node, node = entry
        fields = self.reader.mapping(node, f"'{key_node.value}'")
        if fields is None:
            return {}
        found = {}
        for party_node, value in fields.values():
            party = self.party(party_node, f"'{key_node.value}'")
            if party is None:
                continue
            if party not in at_table:
                self.reader.error(
                    party_node, f"'{party}' is not at the table (add it to 'negotiation.parties')"
                )
                continue
            found[party] = value
        for party in at_table:
            if party not in found:
                self.reader.error(key_node, f"party '{party}' at the table has no {what}")
        return found

    # -- issues ----------------------------------------------------------------------------------

    def read_issues(self, node: yaml.Node) -> None:
        entries = self.reader.mapping(node, "'issues'")
        if entries is None:
            return
        if not entries:
            self.reader.error(node, "'issues' must name at least one issue")
        for key, value in entries.values():
            issue_id = self.loader.register(key, "issue")
            if issue_id is None:
                continue
            issue = self.issue(issue_id, value)
            if issue is not None:
                self.issues[issue_id] = issue

    def issue(self, issue_id: str, node: yaml.Node) -> Issue | None:
        location = self.reader.location(node)
        if isinstance(node, yaml.MappingNode):
            fields = self.reader.mapping(
                node, f"issue '{issue_id}'", ("range", "unit", "steps"), ("range",)
            )
            if not fields or "range" not in fields:
                return None
            bounds = self.numbers(fields["range"][1], f"the range of '{issue_id}'", 2)
            unit = self.reader.text(fields["unit"][1], "a unit") if "unit" in fields else None
            steps = DEFAULT_RESOLUTION
            if "steps" in fields:
                steps = self.reader.integer(fields["steps"][1], "'steps'", 1, MAX_STEPS) or steps
            if bounds is None:
                return None
            if not bounds[0] < bounds[1]:
                self.reader.error(
                    fields["range"][1],
                    f"the range of '{issue_id}' must go from a lower to a higher number, "
                    f"found [{bounds[0]:g}, {bounds[1]:g}]",
                )
                return None
            return Issue(issue_id, (), (bounds[0], bounds[1]), unit, steps, location)
        items = self.reader.sequence(
            node, f"issue '{issue_id}' (a list of levels, or a mapping with 'range')"
        )
        if items is None:
            return None
        levels: list[str] = []
        for item in items:
            level = self.reader.text(item, "a level")
            if level is None:
                continue
            if level in levels:
                self.reader.error(item, f"level '{level}' of '{issue_id}' is listed twice")
                continue
            levels.append(level)
        if not items:
            self.reader.error(node, f"issue '{issue_id}' lists no levels")
            return None
        return Issue(issue_id, tuple(levels), None, None, len(levels), location)

    # -- utilities -------------------------------------------------------------------------------

    def utility(self, node: yaml.Node, what: str) -> Utility | None:
        fields = self.reader.mapping(node, what, ("weights", "values"), ("values",))
        if fields is None or "values" not in fields:
            return None
        weights: dict[str, float] = {}
        if "weights" in fields:
            weights_node = fields["weights"][1]
            entries = self.reader.mapping(weights_node, "'weights'")
            for name, (key, value) in (entries or {}).items():
                if self.issue_reference(key, name) is None:
                    continue
                weight = self.reader.number(value, f"the weight of '{name}'", 0.0, math.inf)
                if weight is not None:
                    weights[name] = weight
            if entries is None or len(weights) < len(entries):
                return None
            if not sum(weights.values()) > 0:
                self.reader.error(
                    weights_node, f"the weights in {what} must sum to a positive number"
                )
                return None
        values: dict[str, IssueValues] = {}
        values_node = fields["values"][1]
        for name, (key, value) in (self.reader.mapping(values_node, "'values'") or {}).items():
            issue = self.issue_reference(key, name)
            if issue is not None:
                read = self.issue_values(issue, value)
                if read is not None:
                    values[name] = read
        if "weights" not in fields:
            weights = dict.fromkeys(values, 1.0)  # equal weights over the valued issues
        for name, weight in weights.items():
            if weight > 0 and name not in values and name in self.issues:
                self.reader.error(
                    values_node, f"{what} weigh '{name}' but give no values for its levels"
                )
        return Utility(MappingProxyType(weights), MappingProxyType(values), self.where(node))

    def issue_reference(self, node: yaml.Node, name: str) -> Issue | None:
        if name in self.issues:
            return self.issues[name]
        self.reader.error(node, f"'{name}' is not an issue{did_you_mean(name, self.issues)}")
        return None

    def issue_values(self, issue: Issue, node: yaml.Node) -> IssueValues | None:
        if issue.range is not None:
            return self.piecewise(issue, node)
        entries = self.reader.mapping(node, f"the values of '{issue.id}' (level -> value)")
        if entries is None:
            return None
        table: dict[str, float] = {}
        for level, (key, value) in entries.items():
            if level not in issue.levels:
                hint = (
                    did_you_mean(level, issue.levels)
                    or " (its levels are " + ", ".join(f"'{known}'" for known in issue.levels) + ")"
                )
                self.reader.error(key, f"'{level}' is not a level of '{issue.id}'{hint}")
                continue
            number = self.reader.number(value, f"the value of '{level}'", 0.0, 1.0)
            if number is not None:
                table[level] = number
        missing = [level for level in issue.levels if level not in entries]
        if missing:
            names = ", ".join(f"'{level}'" for level in missing)
            self.reader.error(node, f"the values of '{issue.id}' miss level(s) {names}")
            return None
        return IssueValues(MappingProxyType(table), None, self.where(node))

    def piecewise(self, issue: Issue, node: yaml.Node) -> IssueValues | None:
        what = f"the values of '{issue.id}' (a list of [x, value] points)"
        items = self.reader.sequence(node, what)
        if items is None:
            return None
        if not items:
            self.reader.error(node, f"{what} must list at least one point")
            return None
        points: list[tuple[float, float]] = []
        for item in items:
            pair = self.numbers(item, "a point", 2)
            if pair is None:
                continue
            if not 0 <= pair[1] <= 1:
                self.reader.error(item, f"a value must lie in [0, 1], found {pair[1]:g}")
                continue
            if points and not pair[0] > points[-1][0]:
                self.reader.error(item, "the points' x values must increase")
                continue
            points.append(pair)
        if len(points) != len(items):
            return None
        return IssueValues(None, tuple(points), self.where(node))

    # -- BATNAs ----------------------------------------------------------------------------------

    def batna(self, node: yaml.Node, party: str) -> Batna | None:
        where = self.where(node)
        if isinstance(node, yaml.ScalarNode):
            sure = self.reader.number(node, f"the BATNA of '{party}'", 0.0, 1.0)
            if sure is None:
                return None
            return Batna((Alternative("batna", sure, MappingProxyType({}), sure, where),), where)
        fields = self.reader.mapping(
            node,
            f"the BATNA of '{party}' (a number or a mapping)",
            ("alternatives",),
            ("alternatives",),
        )
        if not fields:
            return None
        entries = self.reader.mapping(fields["alternatives"][1], "'alternatives'")
        if entries is None:
            return None
        if not entries:
            self.reader.error(fields["alternatives"][1], f"'{party}' lists no alternatives")
        alternatives = []
        for name, (_key, value) in entries.items():
            alternative = self.alternative(name, value, party)
            if alternative is not None:
                alternatives.append(alternative)
        if len(alternatives) != len(entries) or not alternatives:
            return None
        return Batna(tuple(alternatives), where)

    def alternative(self, name: str, node: yaml.Node, party: str) -> Alternative | None:
        location = self.where(node)
        if isinstance(node, yaml.ScalarNode):
            sure = self.reader.number(node, f"the utility of '{name}'", 0.0, 1.0)
            if sure is None:
                return None
            return Alternative(name, sure, MappingProxyType({}), sure, location)
        fields = self.reader.mapping(
            node, f"alternative '{name}'", ("utility", "needs", "otherwise"), ("utility",)
        )
        if not fields or "utility" not in fields:
            return None
        utility = self.reader.number(fields["utility"][1], f"the utility of '{name}'", 0.0, 1.0)
        needs: dict[str, float] = {}
        if "needs" in fields:
            for other, (key, chance_node) in (
                self.reader.mapping(fields["needs"][1], "'needs'") or {}
            ).items():
                if other not in self.loader.parties:
                    hint = self.loader.party_hint(other)
                    self.reader.error(key, f"'{name}' needs '{other}', which is not a party{hint}")
                    continue
                if other == party:
                    self.reader.error(
                        key, f"'{name}' cannot need '{party}' itself: list the parties it relies on"
                    )
                    continue
                chance = self.reader.number(
                    chance_node, f"the probability that '{other}' cooperates", 0.0, 1.0
                )
                if chance is not None:
                    needs[other] = chance
            if needs and "otherwise" not in fields:
                self.reader.error(
                    fields["needs"][0],
                    f"'{name}' needs other parties, so it needs 'otherwise': its utility when "
                    "one of them does not cooperate",
                )
                return None
        otherwise = utility
        if "otherwise" in fields:
            otherwise = self.reader.number(
                fields["otherwise"][1], f"'otherwise' of '{name}'", 0.0, 1.0
            )
        if utility is None or otherwise is None:
            return None
        return Alternative(name, utility, MappingProxyType(needs), otherwise, location)

    # -- beliefs ---------------------------------------------------------------------------------

    def beliefs(self, node: yaml.Node, at_table: tuple[str, ...]) -> tuple[Belief, ...]:
        found = []
        for holder_name, (holder_node, value) in (
            self.reader.mapping(node, "'beliefs'") or {}
        ).items():
            holder = self.at_table(holder_node, holder_name, at_table, "hold beliefs here")
            if holder is None:
                continue
            for about_name, (about_node, belief_node) in (
                self.reader.mapping(value, f"the beliefs of '{holder}'") or {}
            ).items():
                about = self.at_table(about_node, about_name, at_table, "be believed about")
                if about is None:
                    continue
                if about == holder:
                    self.reader.error(
                        about_node,
                        f"'{holder}' cannot hold a belief about itself: its own BATNA and "
                        "utilities are the real ones",
                    )
                    continue
                fields = self.reader.mapping(
                    belief_node, f"the belief of '{holder}' about '{about}'", ("batna", "utilities")
                )
                if fields is None:
                    continue
                batna = self.batna(fields["batna"][1], about) if "batna" in fields else None
                utility = None
                if "utilities" in fields:
                    utility = self.utility(
                        fields["utilities"][1], f"the utilities '{holder}' ascribes to '{about}'"
                    )
                found.append(Belief(holder, about, batna, utility, self.where(about_node)))
        return tuple(found)

    def at_table(
        self, node: yaml.Node, name: str, at_table: tuple[str, ...], role: str
    ) -> str | None:
        party = self.party(node, "'beliefs'")
        if party is not None and party not in at_table:
            self.reader.error(node, f"'{party}' is not at the table, so it cannot {role}")
            return None
        return party

    # -- numbers ---------------------------------------------------------------------------------

    def where(self, node: yaml.Node) -> Location:
        return self.reader.location(node)

    def numbers(self, node: yaml.Node, what: str, count: int) -> tuple[float, float] | None:
        items = self.reader.sequence(node, f"{what} (a list of {count} numbers)")
        if items is None:
            return None
        if len(items) != count:
            self.reader.error(node, f"{what} must list {count} numbers, found {len(items)}")
            return None
        first, second = (self.reader.number(item, what, -math.inf, math.inf) for item in items)
        if first is None or second is None:
            return None
        return (first, second)
