"""Compose YAML text into a tree of nodes with positions, within the limits of a scenario file.

PyYAML's own composer recurses once per level of nesting (a file of a few thousand ``[`` exhausts
the stack) and follows aliases without counting them (a small file of aliases of aliases, the
"billion laughs", stands for more values than any machine can walk). This composer builds the same
tree from the same parser events in a loop, and refuses, at the position where it happens:

- nesting deeper than :data:`~standoff.scenario._limits.MAX_YAML_DEPTH`;
- a document that expands to more than :data:`~standoff.scenario._limits.MAX_YAML_NODES` values,
  each alias counted at the size of the value it repeats;
- an alias inside the value it names (a value that contains itself), a duplicate anchor, an
  undefined alias, a second document.

The events come from libyaml when PyYAML was built with it, which is many times faster than the
parser written in Python; when libyaml rejects the text, the Python parser is asked for its
message, which names the offending character (for a text of at most
:data:`PYTHON_MESSAGES_UP_TO` characters, so that a refusal stays fast). Every problem becomes one
:class:`~standoff.errors.Diagnostic` at the line and column of the offending character.

>>> compose("a: [1, 2]", "f.yaml").value[0][1].value[1].start_mark.column
7
>>> compose("a: *b", "f.yaml")
Traceback (most recent call last):
    ...
standoff.errors.ScenarioError: f.yaml:1:4: error: invalid YAML: found undefined alias 'b'
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from standoff.errors import Diagnostic, Location, ScenarioError
from standoff.scenario._limits import MAX_FILE_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES
from standoff.scenario._yaml_words import plain_words

__all__ = ["PYTHON_MESSAGES_UP_TO", "compose"]

_PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it, else PyYAML's own (same events, same positions)."""
PYTHON_MESSAGES_UP_TO = 128 * 1024
"""The longest text (in characters) the Python parser re-reads for a better error message."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_BRACKET = re.compile(r"[\[\]{}]")
_LONE_SURROGATE = (
    'invalid YAML: the value holds a lone UTF-16 surrogate (an escape such as "\\ud800"), '
    "which is not a character"
)


def compose(text: str, shown: str) -> yaml.Node:
    """Compose the YAML text into a node tree; every problem raises a located error.

    Parameters
    ----------
    text
        The YAML text.
    shown
        The file name used in messages.

    Raises
    ------
    standoff.errors.ScenarioError
        For a syntax error, a text beyond the limits, or an empty document.
    """
    start = Location(shown, 1, 1)
    if len(text) > MAX_FILE_BYTES:
        message = f"the text has {len(text):,} characters; the limit is {MAX_FILE_BYTES:,}"
        raise ScenarioError([Diagnostic(start, message)])
    body = text[1:] if text.startswith("\ufeff") else text  # a byte order mark is not content
    if not body.isascii() and (surrogate := _SURROGATE.search(body)) is not None:
        where = _location(body, surrogate.start(), shown)
        code = ord(surrogate.group())
        message = f"invalid YAML: U+{code:04X} is a lone UTF-16 surrogate, not a character"
        raise ScenarioError([Diagnostic(where, message)])
    try:
        node = _Composer(body).single()
    except _RefusalError as refusal:
        where = Location(shown, refusal.mark.line + 1, refusal.mark.column + 1)
        raise ScenarioError([Diagnostic(where, refusal.message)]) from None
    except yaml.YAMLError as error:
        raise ScenarioError([_syntax_error(body, shown, error)]) from None
    if node is None:
        message = (
            "the file is empty (expected a scenario mapping with 'standoff: 1', 'title' and "
            "'parties')"
        )
        raise ScenarioError([Diagnostic(start, message)])
    return node


class _RefusalError(Exception):
    """A text beyond a limit of the composer, or malformed where the parser does not look."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Open:
    """A list or mapping being composed: its node, its anchor, and the values composed before it."""

    __slots__ = ("anchor", "before", "items", "key", "mapping", "node")

    def __init__(self, node: yaml.CollectionNode, anchor: str | None, before: int) -> None:
        self.node = node
        self.anchor = anchor
        self.before = before
        self.mapping = isinstance(node, yaml.MappingNode)
        self.items: list[Any] = node.value  # items, or (key, value) pairs
        self.key: yaml.Node | None = None  # a mapping's key waiting for its value


class _Composer:
    """Build the node tree of one document from the parser's events, without recursion."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.parser = _PARSER(text)
        self.anchors: dict[str, yaml.Node] = {}
        self.sizes: dict[str, int] = {}  # anchor -> values its node expands to, once composed
        self.values = 0  # values composed so far, each alias counted at its expanded size

    def single(self) -> yaml.Node | None:
        """The document's root node, ``None`` for an empty stream."""
        parser = self.parser
        try:
            parser.get_event()  # the start of the stream
            if parser.check_event(yaml.StreamEndEvent):
                return None
            parser.get_event()  # the start of the document
            root = self.node()
            parser.get_event()  # the end of the document
            if not parser.check_event(yaml.StreamEndEvent):
                second = parser.get_event()
                raise _RefusalError(
                    second.start_mark,
                    "invalid YAML: a second document begins here (a scenario file holds one)",
                )
            return root
        finally:
            parser.dispose()

    def node(self) -> yaml.Node:
        """Compose one node and everything inside it (scalars inline: they are most nodes)."""
        get_event, resolve, text = self.parser.get_event, self.parser.resolve, self.text
        plain_tags: dict[str, str] = {}  # a plain scalar's tag depends on its value alone
        nesting: list[_Open] = []
        while True:
            event = get_event()
            kind = type(event)
            node: yaml.Node
            if kind is yaml.ScalarEvent:
                self.grow(1, event)
                tag, value = event.tag, event.value
                if tag is None or tag == "!":
                    if event.implicit[0]:
                        tag = plain_tags.get(value)
                        if tag is None:
                            tag = plain_tags[value] = resolve(
                                yaml.ScalarNode, value, event.implicit
                            )
                    else:
                        tag = resolve(yaml.ScalarNode, value, event.implicit)
                if not value.isascii() and _SURROGATE.search(value):  # the Python parser's
                    raise _RefusalError(event.start_mark, _LONE_SURROGATE)
                start = event.start_mark  # made able to show the text (libyaml's marks are not)
                node = yaml.ScalarNode(
                    tag,
                    value,
                    yaml.Mark(start.name, start.index, start.line, start.column, text, start.index),
                    event.end_mark,
                    style=event.style or None,  # libyaml writes a plain scalar's style as ''
                )
                if event.anchor is not None:
                    self.anchor(event, node)
                    self.sizes[event.anchor] = 1
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                closed = nesting.pop()
                node = closed.node
                node.end_mark = event.end_mark
                if closed.anchor is not None:
                    self.sizes[closed.anchor] = self.values - closed.before
            elif kind is yaml.AliasEvent:
                node = self.alias(event)
            else:
                node = self.collection(event, len(nesting))
                nesting.append(_Open(node, event.anchor, self.values - 1))
                continue
            if not nesting:
                return node
            parent = nesting[-1]
            if parent.key is not None:
                parent.items.append((parent.key, node))
                parent.key = None
            elif parent.mapping:
                parent.key = node
            else:
                parent.items.append(node)

    def collection(self, event: Any, depth: int) -> yaml.CollectionNode:
        """A new empty list or mapping, ``depth`` levels deep."""
        self.grow(1, event)
        if depth == MAX_YAML_DEPTH:
            raise _RefusalError(
                event.start_mark,
                f"the YAML nests lists and mappings more than {MAX_YAML_DEPTH} levels deep "
                "(the limit)",
            )
        kind = yaml.SequenceNode if type(event) is yaml.SequenceStartEvent else yaml.MappingNode
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.parser.resolve(kind, None, event.implicit)
        node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
        if event.anchor is not None:
            self.anchor(event, node)
        return node

    def anchor(self, event: Any, node: yaml.Node) -> None:
        """Record ``node`` under its anchor, which must be new."""
        name = event.anchor
        assert name is not None
        if name in self.anchors:
            first = self.anchors[name].start_mark.line + 1
            raise _RefusalError(
                event.start_mark,
                f"invalid YAML: duplicate anchor '&{name}' (first at line {first})",
            )
        self.anchors[name] = node

    def alias(self, event: Any) -> yaml.Node:
        """The node an alias repeats, counted at its expanded size."""
        name = event.anchor
        if name not in self.anchors:
            raise _RefusalError(event.start_mark, f"invalid YAML: found undefined alias '{name}'")
        if name not in self.sizes:
            raise _RefusalError(
                event.start_mark,
                f"invalid YAML: alias '*{name}' is inside the value it repeats (a value cannot "
                "contain itself)",
            )
        self.grow(self.sizes[name], event)
        return self.anchors[name]

    def grow(self, values: int, event: Any) -> None:
        """Count ``values`` more; past :data:`MAX_YAML_NODES`, refuse at ``event``."""
        self.values += values
        if self.values > MAX_YAML_NODES:
            raise _RefusalError(
                event.start_mark,
                f"the YAML expands to more than {MAX_YAML_NODES:,} values (the limit), each "
                "alias counted as the whole value it repeats",
            )


def _syntax_error(text: str, shown: str, error: yaml.YAMLError) -> Diagnostic:
    """One located diagnostic for a syntax error, with the Python parser's message if it has one."""
    characters = _PARSER is yaml.SafeLoader  # whether a reader error counts characters, not bytes
    if isinstance(error, yaml.MarkedYAMLError) and "maximum nesting depth" in (error.problem or ""):
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = (
            f"the YAML nests lists and mappings more than {MAX_YAML_DEPTH} levels deep (the limit)"
        )
        return Diagnostic(Location(shown, line, column), message)
    if (
        not characters
        and len(text) <= PYTHON_MESSAGES_UP_TO
        and _brackets_nest(text) <= MAX_YAML_DEPTH
    ):
        python = _python_error(text)
        if python is not None:
            error, characters = python, True
    if isinstance(error, yaml.MarkedYAMLError):
        words = plain_words(error, text)
        if words is not None:
            return Diagnostic(Location(shown, words[0], words[1]), f"invalid YAML: {words[2]}")
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        context = f" {error.context}" if error.context and error.problem else ""
        return Diagnostic(Location(shown, line, column), f"invalid YAML: {problem}{context}")
    if isinstance(error, yaml.reader.ReaderError):
        offset = error.position
        if not characters:
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        message = f"invalid YAML: character U+{error.character:04X} is not allowed in a YAML file"
        return Diagnostic(_location(text, offset, shown), message)
    return Diagnostic(Location(shown, 1, 1), f"invalid YAML: {' '.join(str(error).split())}")


def _brackets_nest(text: str) -> int:
    """How deep ``[`` and ``{`` nest in ``text``, counting every one, even in a string.

    PyYAML's Python scanner slows down with the square of the depth of flow collections, so a
    text whose brackets nest deeper than a scenario's ever do is not given to it.
    """
    depth = deepest = 0
    for bracket in _BRACKET.findall(text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _python_error(text: str) -> yaml.YAMLError | None:
    """The error PyYAML's Python parser finds in ``text``, if any."""
    try:
        parser: Any = yaml.SafeLoader(text)  # checks the characters at once
    except yaml.YAMLError as error:
        return error
    try:
        while parser.check_event():
            parser.get_event()
    except yaml.YAMLError as error:
        return error
    finally:
        parser.dispose()
    return None


def _location(text: str, offset: int, shown: str) -> Location:
    """The line and column of character ``offset`` of ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(shown, text.count("\n", 0, offset) + 1, offset - line_start + 1)
