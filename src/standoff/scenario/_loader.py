"""Load a scenario file (format 1) into a validated :class:`~standoff.scenario.Scenario`.

Everything that can be checked without enumerating states is checked here, and every problem of a
file is reported at once, each with ``FILE:LINE:COLUMN``: unknown or missing keys, malformed and
duplicate ids, reserved words used as ids, undefined names (with a "did you mean"), malformed
expressions, state names defined in terms of themselves, parties with options but no preferences.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import cast

import yaml

from standoff.errors import Location
from standoff.scenario._expressions import (
    IDENTIFIER,
    RESERVED_WORDS,
    ExpressionSyntaxError,
    parse,
)
from standoff.scenario._model import (
    ConflictSpec,
    ForbiddenMove,
    Formula,
    Irreversibility,
    Option,
    Party,
    Preference,
    Prioritization,
    Ranking,
    RankingEntry,
    Scenario,
)
from standoff.scenario._negotiation import read_negotiation
from standoff.scenario._perceptions import read_perceptions
from standoff.scenario._source import SourceReader, compose, describe, did_you_mean, read_text

__all__ = ["SUPPORTED_FORMATS", "load", "loads"]

SUPPORTED_FORMATS = (1,)
TOP_KEYS = (
    "standoff", "title", "description", "sources", "parties", "conflict", "perceptions",
    "negotiation",
)  # fmt: skip
CONFLICT_KEYS = (
    "infeasible", "mutually_exclusive", "exactly_one", "irreversible", "forbidden_moves", "states",
    "status_quo", "preferences", "coalitions",
)  # fmt: skip
IRREVERSIBILITY = ("once_taken", "once_dropped")


def load(path: str | os.PathLike[str]) -> Scenario:
    """Load and validate a scenario file.

    Raises
    ------
    standoff.errors.ScenarioError
        Listing every problem found, each as ``FILE:LINE:COLUMN: error: message``.

    Examples
    --------
    >>> scenario = load("examples/prisoners_dilemma.yaml")
    >>> [party.id for party in scenario.parties]
    ['Ann', 'Bob']
    """
    shown = os.fspath(path)
    return loads(read_text(Path(shown), shown), shown)


def loads(text: str, file: str = "<string>") -> Scenario:
    """Validate scenario text; ``file`` is the name used in error messages.

    >>> loads("standoff: 1\\ntitle: Empty\\nparties: {Alone: {}}\\n").parties[0].label
    'Alone'
    """
    reader = SourceReader(file)
    return _Loader(reader).scenario(compose(text, file))


class _Loader:
    def __init__(self, reader: SourceReader) -> None:
        self.reader = reader
        self.ids: dict[str, tuple[str, Location]] = {}  # id -> (kind, where defined)
        self.options: dict[str, Option] = {}
        self.parties: dict[str, Party] = {}
        self.state_names: dict[str, yaml.Node] = {}

    # -- top level -------------------------------------------------------------------------------

    def scenario(self, root: yaml.Node) -> Scenario:
        reader = self.reader
        top = reader.mapping(root, "the scenario", TOP_KEYS, ("standoff", "title", "parties"))
        if top is None:
            reader.raise_if_any()
            raise AssertionError("unreachable")  # pragma: no cover
        self.check_version(top)
        title = reader.text(top["title"][1], "'title'") if "title" in top else None
        description = None
        if "description" in top and not reader.is_null(top["description"][1]):
            description = reader.text(top["description"][1], "'description'")
        sources = self.sources(top["sources"][1]) if "sources" in top else ()
        if "parties" in top:
            self.read_parties(top["parties"][1])
        conflict = self.conflict(top["conflict"][1]) if "conflict" in top else None
        perceptions = read_perceptions(self, top["perceptions"][1]) if "perceptions" in top else ()
        if perceptions and conflict is None:
            reader.error(top["perceptions"][0], "'perceptions' need a 'conflict' section to refine")
        negotiation = None
        if "negotiation" in top:
            negotiation = read_negotiation(self, top["negotiation"][1])
        reader.raise_if_any()
        return Scenario(
            file=reader.file,
            format=1,
            title=title or "",
            description=description,
            sources=sources,
            parties=tuple(self.parties.values()),
            options=tuple(self.options.values()),
            conflict=conflict,
            perceptions=perceptions,
            negotiation=negotiation,
            location=reader.location(root),
        )

    def check_version(self, top: Mapping[str, tuple[yaml.Node, yaml.Node]]) -> None:
        if "standoff" not in top:
            self.reader.raise_if_any()
            return
        node = top["standoff"][1]
        supported = ", ".join(str(version) for version in SUPPORTED_FORMATS)
        if not isinstance(node, yaml.ScalarNode) or node.style is not None:
            problem = f"'standoff' must be a format version number, found {describe(node)}"
        elif node.value not in {str(version) for version in SUPPORTED_FORMATS}:
            problem = f"unsupported format version {node.value}"
        else:
            return
        self.reader.error(node, f"{problem} (this standoff reads format {supported})")
        self.reader.raise_if_any()  # the rest of the file may follow another format

    def sources(self, node: yaml.Node) -> tuple[str, ...]:
        items = self.reader.sequence(node, "'sources'")
        texts = (self.reader.text(item, "each source") for item in items or ())
        return tuple(text for text in texts if text is not None)

    # -- ids -------------------------------------------------------------------------------------

    def register(self, key: yaml.Node, kind: str) -> str | None:
        """Check a new id (pattern, reserved words, uniqueness) and record it; None if invalid."""
        name = str(key.value)
        if name in RESERVED_WORDS:
            self.reader.error(
                key, f"'{name}' is a reserved word and cannot be {_article(kind)} {kind} id"
            )
            return None
        if not IDENTIFIER.fullmatch(name):
            self.reader.error(
                key,
                f"'{name}' is not a valid {kind} id (expected letters, digits and '_', "
                "not starting with a digit)",
            )
            return None
        if name in self.ids:
            other_kind, where = self.ids[name]
            self.reader.error(
                key,
                f"duplicate id '{name}': already used as {_article(other_kind)} {other_kind} "
                f"at line {where.line} (ids must be unique across parties, options, issues and "
                "states)",
            )
            return None
        self.ids[name] = (kind, self.reader.location(key))
        return name

    # -- parties ---------------------------------------------------------------------------------

    def read_parties(self, node: yaml.Node) -> None:
        entries = self.reader.mapping(node, "'parties'")
        if entries is None:
            return
        if not entries:
            self.reader.error(node, "'parties' must name at least one party")
        for key, value in entries.values():
            party_id = self.register(key, "party")
            if party_id is None:
                continue
            label = party_id
            options: tuple[str, ...] = ()
            if not self.reader.is_null(value):
                fields = self.reader.mapping(value, f"party '{party_id}'", ("label", "options"))
                if fields is not None and "label" in fields:
                    label = self.reader.text(fields["label"][1], "a label") or party_id
                if fields is not None and "options" in fields:
                    options = self.read_options(party_id, fields["options"][1])
            self.parties[party_id] = Party(party_id, label, options, self.reader.location(key))

    def read_options(self, party_id: str, node: yaml.Node) -> tuple[str, ...]:
        if self.reader.is_null(node):
            return ()
        entries = self.reader.mapping(node, f"the options of '{party_id}'")
        found: list[str] = []
        for key, value in (entries or {}).values():
            option_id = self.register(key, "option")
            if option_id is None:
                continue
            label = option_id
            if isinstance(value, yaml.MappingNode):
                fields = self.reader.mapping(value, f"option '{option_id}'", ("label",))
                if fields and "label" in fields:
                    label = self.reader.text(fields["label"][1], "a label") or option_id
            elif not self.reader.is_null(value):
                label = self.reader.text(value, f"the label of option '{option_id}'") or option_id
            index = len(self.options)
            where = self.reader.location(key)
            self.options[option_id] = Option(option_id, label, party_id, index, where)
            found.append(option_id)
        return tuple(found)

    # -- conflict --------------------------------------------------------------------------------

    def conflict(self, node: yaml.Node) -> ConflictSpec | None:
        reader = self.reader
        fields = reader.mapping(node, "'conflict'", CONFLICT_KEYS)
        if fields is None:
            return None
        state_nodes = self.read_state_names(fields["states"][1]) if "states" in fields else {}

        def items(key: str) -> list[yaml.Node]:
            if key not in fields or reader.is_null(fields[key][1]):
                return []
            return reader.sequence(fields[key][1], f"'{key}'") or []

        infeasible = tuple(
            formula
            for item in items("infeasible")
            if (formula := self.formula(item, "an 'infeasible' entry", states=False)) is not None
        )
        states = {
            name: formula
            for name, value in state_nodes.items()
            if (formula := self.formula(value, f"state '{name}'")) is not None
        }
        self.check_state_cycles(states)
        status_quo = None
        if "status_quo" in fields:
            status_quo = self.formula(fields["status_quo"][1], "'status_quo'")
        return ConflictSpec(
            infeasible=infeasible,
            mutually_exclusive=self.option_groups(
                items("mutually_exclusive"), "mutually_exclusive"
            ),
            exactly_one=self.option_groups(items("exactly_one"), "exactly_one"),
            irreversible=self.irreversible(fields.get("irreversible")),
            forbidden_moves=tuple(self.forbidden_moves(items("forbidden_moves"))),
            states=MappingProxyType(states),
            status_quo=status_quo,
            preferences=self.preferences(node, fields.get("preferences")),
            location=reader.location(node),
            coalitions=self.coalitions(items("coalitions")),
        )

    def read_state_names(self, node: yaml.Node) -> dict[str, yaml.Node]:
        if self.reader.is_null(node):
            return {}
        entries = self.reader.mapping(node, "'states'")
        for key, value in (entries or {}).values():
            name = self.register(key, "state")
            if name is not None:
                self.state_names[name] = value
        return dict(self.state_names)

    def check_state_cycles(self, states: Mapping[str, Formula]) -> None:
        uses = {
            name: sorted(formula.expression.names() & states.keys())
            for name, formula in states.items()
        }
        done: set[str] = set()

        def visit(name: str, path: list[str]) -> None:
            if name in path:
                cycle = " -> ".join([*path[path.index(name) :], name])
                self.reader.error(
                    states[name].location,
                    f"state '{name}' is defined in terms of itself ({cycle})",
                )
                return
            if name in done:
                return
            for used in uses[name]:
                visit(used, [*path, name])
            done.add(name)

        for name in states:
            visit(name, [])

    def option_groups(self, nodes: Iterable[yaml.Node], key: str) -> tuple[tuple[str, ...], ...]:
        groups = []
        for node in nodes:
            members = self.reader.sequence(node, f"each group in '{key}'")
            if members is None:
                continue
            if not members:
                self.reader.error(node, f"a group in '{key}' must list at least one option")
                continue
            group: list[str] = []
            for member in members:
                option_id = self.option_reference(member, f"'{key}'")
                if option_id is None:
                    continue
                if option_id in group:
                    self.reader.error(member, f"option '{option_id}' appears twice in this group")
                    continue
                group.append(option_id)
            groups.append(tuple(group))
        return tuple(groups)

    def option_reference(self, node: yaml.Node, where: str) -> str | None:
        name = self.reader.text(node, f"each entry of {where}")
        if name is None:
            return None
        if name not in self.options:
            self.reader.error(
                node,
                f"'{name}' in {where} is not an option{did_you_mean(name, self.options)}",
            )
            return None
        return name

    def irreversible(
        self, entry: tuple[yaml.Node, yaml.Node] | None
    ) -> Mapping[str, Irreversibility]:
        if entry is None or self.reader.is_null(entry[1]):
            return MappingProxyType({})
        fields = self.reader.mapping(entry[1], "'irreversible'")
        result: dict[str, Irreversibility] = {}
        for key, value in (fields or {}).values():
            option_id = self.option_reference(key, "'irreversible'")
            direction = self.reader.text(value, f"the irreversibility of '{key.value}'")
            if direction is not None and direction not in IRREVERSIBILITY:
                self.reader.error(
                    value,
                    f"unknown irreversibility '{direction}'"
                    + (
                        did_you_mean(direction, IRREVERSIBILITY)
                        or " (expected 'once_taken' or 'once_dropped')"
                    ),
                )
                continue
            if option_id is not None and direction is not None:
                result[option_id] = cast(Irreversibility, direction)
        return MappingProxyType(result)

    def forbidden_moves(self, nodes: Iterable[yaml.Node]) -> Iterable[ForbiddenMove]:
        for node in nodes:
            fields = self.reader.mapping(
                node, "a forbidden move", ("party", "from", "to"), ("party", "from", "to")
            )
            if fields is None:
                continue
            party = source = target = None
            if "party" in fields:
                party = self.mover_reference(fields["party"][1], "a forbidden move")
            if "from" in fields:
                source = self.formula(fields["from"][1], "'from'")
            if "to" in fields:
                target = self.formula(fields["to"][1], "'to'")
            if party is not None and source is not None and target is not None:
                yield ForbiddenMove(party, source, target, self.reader.location(node))

    def coalitions(self, nodes: Iterable[yaml.Node]) -> tuple[tuple[str, ...], ...]:
        """Coalitions: lists of parties with options, none in two; unlisted parties stand alone."""
        seen: dict[str, int] = {}
        groups = []
        for node in nodes:
            members = self.reader.sequence(node, "each coalition (a list of parties)")
            if members is None:
                continue
            if not members:
                self.reader.error(node, "a coalition must list at least one party")
                continue
            group = []
            for member in members:
                party = self.mover_reference(member, "a coalition")
                if party is None:
                    continue
                if party in seen:
                    self.reader.error(
                        member,
                        f"party '{party}' is already in the coalition at line {seen[party]} "
                        "(coalitions must not overlap)",
                    )
                    continue
                seen[party] = member.start_mark.line + 1
                group.append(party)
            groups.append(tuple(group))
        return tuple(groups)

    def mover_reference(self, node: yaml.Node, where: str) -> str | None:
        name = self.reader.text(node, f"the party of {where}")
        if name is None:
            return None
        if name not in self.parties:
            self.reader.error(node, f"'{name}' is not a party{self.party_hint(name)}")
            return None
        if not self.parties[name].options:
            self.reader.error(node, f"party '{name}' has no options, so it cannot move")
            return None
        return name

    def party_hint(self, name: str) -> str:
        known = ", ".join(f"'{party}'" for party in self.parties)
        return did_you_mean(name, self.parties) or f" (expected one of {known})"

    def preferences(
        self, conflict: yaml.Node, entry: tuple[yaml.Node, yaml.Node] | None
    ) -> Mapping[str, Preference]:
        result: dict[str, Preference] = {}
        fields = self.reader.mapping(entry[1], "'preferences'") if entry is not None else {}
        for key, value in (fields or {}).items():
            key_node, value_node = value
            if key not in self.parties:
                self.reader.error(key_node, f"'{key}' is not a party{self.party_hint(key)}")
                continue
            if not self.parties[key].options:
                self.reader.error(
                    key_node, f"party '{key}' has no options, so it takes no preferences here"
                )
                continue
            preference = self.preference(key, value_node)
            if preference is not None:
                result[key] = preference
        if fields is not None:
            where = entry[0] if entry is not None else conflict
            for party in self.parties.values():
                if party.options and party.id not in (fields or {}):
                    self.reader.error(
                        where,
                        f"party '{party.id}' has options but no preferences "
                        f"(add '{party.id}:' under 'preferences')",
                    )
        return MappingProxyType(result)

    def preference(self, party: str, node: yaml.Node) -> Preference | None:
        where = self.reader.location(node)
        if isinstance(node, yaml.MappingNode):
            fields = self.reader.mapping(
                node, f"the preferences of '{party}'", ("ranking",), ("ranking",)
            )
            if not fields:
                return None
            entries_node = fields["ranking"][1]
            items = self.reader.sequence(entries_node, f"the ranking of '{party}'")
            if items is None:
                return None
            if not items:
                self.reader.error(entries_node, f"the ranking of '{party}' is empty")
            entries = []
            for item in items:
                members = (
                    self.reader.sequence(item, "a tie group")
                    if isinstance(item, yaml.SequenceNode)
                    else [item]
                )
                if not members:
                    self.reader.error(item, "a tie group must list at least one expression")
                    continue
                formulas = [self.formula(member, "a ranking entry") for member in members]
                if all(formula is not None for formula in formulas):
                    entries.append(
                        RankingEntry(
                            tuple(f for f in formulas if f is not None), self.reader.location(item)
                        )
                    )
            return Ranking(tuple(entries), where)
        items = self.reader.sequence(
            node,
            f"the preferences of '{party}' (a list of prioritization statements, "
            "or a mapping with 'ranking')",
        )
        if items is None:
            return None
        if not items:
            self.reader.error(node, f"the preferences of '{party}' list no statements")
        statements = [self.formula(item, "a prioritization statement") for item in items]
        return Prioritization(tuple(s for s in statements if s is not None), where)

    # -- expressions -----------------------------------------------------------------------------

    def formula(self, node: yaml.Node, what: str, *, states: bool = True) -> Formula | None:
        """Parse an expression and check every name in it; None (with diagnostics) if invalid."""
        text = self.reader.text(node, f"{what} (an expression)")
        if text is None:
            return None
        start = self.reader.location(node)
        style = node.style if isinstance(node, yaml.ScalarNode) else None
        quoted = style in ("'", '"')
        written = _source_text(node)
        exact = written is not None and (written[1:-1] if quoted else written) == text
        if exact and quoted:
            start = Location(start.file, start.line, start.column + 1)
        try:
            expression = parse(text)
        except ExpressionSyntaxError as error:
            formula = Formula(parse("true"), start, exact)
            self.reader.error(formula.location_of(error.offset), error.message)
            return None
        formula = Formula(expression, start, exact)
        valid = True
        for name, offset in expression.name_offsets():
            where = formula.location_of(offset)
            if name in self.options:
                continue
            if name in self.state_names:
                if not states:
                    self.reader.error(
                        where,
                        f"state name '{name}' cannot be used in {what} "
                        "(feasibility is decided before states are named)",
                    )
                    valid = False
                continue
            valid = False
            if name in self.parties:
                self.reader.error(where, f"'{name}' is a party, not an option or a state name")
                continue
            known = list(self.options) + (list(self.state_names) if states else [])
            self.reader.error(
                where, f"'{name}' is not an option or a state name{did_you_mean(name, known)}"
            )
        return formula if valid else None


def _source_text(node: yaml.Node) -> str | None:
    """The scalar exactly as written in the file, when it stands on one line."""
    start, end = node.start_mark, node.end_mark
    if start.buffer is None or start.line != end.line:
        return None
    return str(start.buffer[start.pointer : end.pointer])


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"
