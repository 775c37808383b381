"""What a scenario defines, and checked references to it: :class:`Definitions`.

Parties, options, state names and issues share one id space: an id is letters, digits and ``_``
not starting with a digit, is not a reserved word of the expression language, and is used once.
:class:`Definitions` reads the ``parties:`` section (each party and its options), records the ids
the other sections define, and checks every reference to them (an option, a party that moves, the
names in an expression), with a "did you mean" for a misspelt name. It implements
:class:`~standoff.scenario._reader.SectionContext`, the protocol the section readers use.
"""

from __future__ import annotations

import itertools

import yaml

from standoff.errors import Location
from standoff.scenario._expressions import (
    IDENTIFIER,
    RESERVED_WORDS,
    ExpressionSyntaxError,
    parse,
)
from standoff.scenario._keys import Keys
from standoff.scenario._limits import MAX_SHORT_LABEL
from standoff.scenario._model import Formula, Option, Party
from standoff.scenario._source import SourceReader, listing

__all__ = ["OPTION_KEYS", "PARTY_KEYS", "Definitions"]

PARTY_KEYS = Keys(
    {
        "label": "The display name (default: the id).",
        "options": "The options the party controls, by id, in order: each a yes/no choice, "
        "written 'id: label', 'id: {label: ...}' or 'id:'. A party without options cannot move.",
    }
)
OPTION_KEYS = Keys(
    {
        "label": "The display name (default: the id).",
        "short": "A few words naming what is done, used where states and moves are described "
        "('relief', 'tests'; default: the id, less a leading party id, with spaces for "
        "underscores).",
    }
)


class Definitions:
    """The ids read so far (their kinds and where they are defined), parties, options and states.

    Parameters
    ----------
    reader
        Where every problem is recorded.
    """

    def __init__(self, reader: SourceReader) -> None:
        self.reader = reader
        self.ids: dict[str, tuple[str, Location]] = {}  # id -> (kind, where defined)
        self.options: dict[str, Option] = {}
        self.parties: dict[str, Party] = {}
        self.state_names: dict[str, yaml.Node] = {}

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
        """Read the ``parties:`` section: each party, its label and its options."""
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
                fields = self.reader.mapping(value, f"party '{party_id}'", PARTY_KEYS)
                if fields is not None and "label" in fields:
                    label = self.reader.text(fields["label"][1], "a label") or party_id
                if fields is not None and "options" in fields:
                    options = self.read_options(party_id, fields["options"][1])
            self.parties[party_id] = Party(party_id, label, options, self.reader.location(key))

    def read_options(self, party_id: str, node: yaml.Node) -> tuple[str, ...]:
        """Read a party's options (each an id with an optional label); their ids in file order."""
        if self.reader.is_null(node):
            return ()
        entries = self.reader.mapping(node, f"the options of '{party_id}'")
        found: list[str] = []
        for key, value in (entries or {}).values():
            option_id = self.register(key, "option")
            if option_id is None:
                continue
            label, short = option_id, ""
            if isinstance(value, yaml.MappingNode):
                fields = self.reader.mapping(value, f"option '{option_id}'", OPTION_KEYS)
                if fields and "label" in fields:
                    label = self.reader.text(fields["label"][1], "a label") or option_id
                if fields and "short" in fields:
                    short = self._short(fields["short"][1], option_id)
            elif not self.reader.is_null(value):
                label = self.reader.text(value, f"the label of option '{option_id}'") or option_id
            index = len(self.options)
            where = self.reader.location(key)
            self.options[option_id] = Option(option_id, label, party_id, index, where, short)
            found.append(option_id)
        return tuple(found)

    def _short(self, node: yaml.Node, option_id: str) -> str:
        """An option's short label: text on one line, not blank ("" with a diagnostic)."""
        text = self.reader.text(node, f"the short label of option '{option_id}'")
        if text is None:
            return ""
        if not text.strip() or "\n" in text.strip():
            self.reader.error(
                node, f"the short label of option '{option_id}' must be a few words on one line"
            )
            return ""
        if len(text.strip()) > MAX_SHORT_LABEL:
            self.reader.error(
                node,
                f"the short label of option '{option_id}' has {len(text.strip()):,} characters, "
                f"more than {MAX_SHORT_LABEL} (it names what is done in a few words; the "
                "'label' says it in full)",
            )
            return ""
        return text.strip()

    # -- references ------------------------------------------------------------------------------

    def option_reference(self, node: yaml.Node, where: str) -> str | None:
        """The option named by ``node``, or None (with a diagnostic)."""
        name = self.reader.text(node, f"each entry of {where}")
        if name is None:
            return None
        if name not in self.options:
            self.reader.error(
                node,
                f"'{name}' in {where} is not an option{self.reader.suggest(name, self.options)}",
            )
            return None
        return name

    def mover_reference(self, node: yaml.Node, where: str) -> str | None:
        """The party named by ``node``, which must have options; None (with a diagnostic)."""
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
        """A message suffix for an unknown party: the closest party, or all of them."""
        hint = self.reader.suggest(name, self.parties)
        return hint or f" (expected one of {listing(self.parties)})"

    def formula(self, node: yaml.Node, what: str, *, states: bool = True) -> Formula | None:
        """Parse an expression and check every name in it; None (with diagnostics) if invalid.

        Names are options and, unless ``states`` is false, state names.
        """
        formula = self.parsed_formula(node, what)
        if formula is None:
            return None
        expression = formula.expression
        valid = True
        for comparison in expression.comparisons():
            self.reader.error(
                formula.location_of(comparison.offset),
                f"'{comparison.name} {comparison.operator} {comparison.value}' compares an issue "
                f"with a level: comparisons belong in the 'negotiation' section, not in {what}",
            )
            valid = False
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
            known = itertools.chain(self.options, self.state_names if states else ())
            self.reader.error(
                where,
                f"'{name}' is not an option or a state name{self.reader.suggest(name, known)}",
            )
        return formula if valid else None

    def parsed_formula(self, node: yaml.Node, what: str) -> Formula | None:
        """Parse an expression, located in the file, without checking its names; None (with a
        diagnostic at the offending token) when it is malformed."""
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
        return Formula(expression, start, exact)


def _source_text(node: yaml.Node) -> str | None:
    """The scalar exactly as written in the file, when it stands on one line."""
    start, end = node.start_mark, node.end_mark
    if start.buffer is None or start.line != end.line:
        return None
    return str(start.buffer[start.pointer : start.pointer + end.index - start.index])


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"
