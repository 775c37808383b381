"""Parse JSON files, and find where a value sits in the text from its path.

The standard library's :mod:`json` parser is fast but keeps no positions. :func:`parse_json` uses
it, turns its syntax errors into located diagnostics (``FILE:LINE:COLUMN: error: invalid JSON:
...``), and remembers the text, so that :meth:`JsonDocument.where` can find the line and column of
any value from its path (``("decisionMakers", 1, "options", 2)``) when a reader reports a problem
there. Finding a place reads the text up to it once, so it costs nothing until a problem is found.

Keys repeated in one object are kept (the last value wins, as in :mod:`json`) and recorded on the
object, so that a reader can refuse them; ``NaN`` and ``Infinity`` are not JSON and are refused.

>>> document = parse_text(b'{"a": [1,\\n  {"b": 2}]}', "f.json")
>>> document.value
{'a': [1, {'b': 2}]}
>>> str(document.where(("a", 1, "b"))), document.path_text(("a", 1, "b"))
('f.json:2:9', 'a[1].b')
>>> parse_text(b'{"a": [1,]}', "f.json")
Traceback (most recent call last):
...
standoff.errors.ScenarioError: f.json:1:10: error: invalid JSON: expecting value
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

from standoff.errors import Diagnostic, Location, ScenarioError
from standoff.scenario._source import read_bytes

__all__ = ["JsonDocument", "JsonObject", "JsonPath", "parse_json", "parse_text"]

JsonPath = tuple[str | int, ...]
"""Where a value is: the keys and list positions that lead to it from the top."""

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class JsonObject(dict[str, Any]):
    """A JSON object; :attr:`repeated` lists the keys it gave more than once, in order."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    result = JsonObject()
    repeated = []
    for key, value in pairs:
        if key in result:
            repeated.append(key)
        result[key] = value
    result.repeated = tuple(repeated)
    return result


class _ConstantError(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``, which Python's parser accepts and JSON does not."""


def _constant(name: str) -> NoReturn:
    raise _ConstantError(name)


@dataclass(frozen=True, eq=False)
class JsonDocument:
    """A parsed JSON file: its value, and its text to find positions in."""

    file: str
    text: str
    value: Any

    def where(self, path: JsonPath, *, at_key: bool = False) -> Location:
        """Where the value at ``path`` starts (the last value of a repeated key); with ``at_key``,
        where its key is. A path that leads nowhere gives the last value on the way."""
        return self.locate([(path, at_key)])[(path, at_key)]

    def locate(
        self, places: Iterable[tuple[JsonPath, bool]]
    ) -> dict[tuple[JsonPath, bool], Location]:
        """:meth:`where` for many ``(path, at_key)`` at once, reading the text once (a member
        that leads to no place asked for is skipped whole by the C parser)."""
        wanted = list(places)
        tree: dict[str | int, Any] = {}
        for path, _ in wanted:
            node = tree
            for step in path:
                node = node.setdefault(step, {})
        found: dict[JsonPath, tuple[int | None, int]] = {}
        start = _skip_space(self.text, 0)
        pending: list[tuple[dict[str | int, Any], JsonPath, int | None, int]] = [
            (tree, (), None, start)
        ]
        while pending:
            node, prefix, key_start, start = pending.pop()
            found[prefix] = (key_start, start)
            if node:
                last = {  # the last member of a repeated key is the one that counts
                    step: (child_key, child_start)
                    for step, child_key, child_start in _members(self.text, start)
                    if step in node
                }
                for step, (child_key, child_start) in last.items():
                    pending.append((node[step], (*prefix, step), child_key, child_start))
        result: dict[tuple[JsonPath, bool], Location] = {}
        for path, at_key in wanted:
            known = path
            while known not in found:
                known = known[:-1]
            key_start, start = found[known]
            if at_key and known == path and key_start is not None:
                start = key_start
            result[(path, at_key)] = self.location(start)
        return result

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(match.end() for match in re.finditer("\n", self.text))]

    def location(self, offset: int) -> Location:
        """The line and column (1-based, in characters) of an offset in the text."""
        line = bisect.bisect_right(self._line_starts, offset)
        return Location(self.file, line, offset - self._line_starts[line - 1] + 1)

    @staticmethod
    def path_text(path: JsonPath) -> str:
        """A path as a reader writes it: ``decisionMakers[1].options[2]``."""
        text = ""
        for step in path:
            text += f"[{step}]" if isinstance(step, int) else f".{step}" if text else step
        return text


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def _members(text: str, start: int) -> Iterator[tuple[str | int, int | None, int]]:
    """(key or position, where the key starts, where the value starts) of every member of the
    object or list that starts at ``start``, in order; nothing for any other value."""
    if start >= len(text) or text[start] not in "[{":
        return
    is_object = text[start] == "{"
    position = _skip_space(text, start + 1)
    index = 0
    while position < len(text) and text[position] not in "]}":
        if is_object:
            key_start = position
            key, position = _DECODER.raw_decode(text, position)
            position = _skip_space(text, _skip_space(text, position) + 1)  # past the ':'
            yield key, key_start, position
        else:
            yield index, None, position
        _, position = _DECODER.raw_decode(text, position)
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)
        index += 1


def parse_json(path: Path, shown: str, expected: str) -> JsonDocument:
    """Parse the file at ``path``; ``shown`` is its name in messages, ``expected`` what it should
    be ("a GMCR+ file"), for the messages about a file that is not one.

    Raises
    ------
    standoff.errors.ScenarioError
        When the file cannot be read, is too large, is not UTF-8 or is not valid JSON.
    """
    return parse_text(read_bytes(path, shown, expected), shown)


def parse_text(data: bytes, shown: str) -> JsonDocument:
    """Parse JSON bytes (UTF-8, with or without a byte order mark)."""

    def refuse(line: int, column: int, message: str) -> ScenarioError:
        return ScenarioError([Diagnostic(Location(shown, line, column), message)])

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        message = f"byte 0x{data[error.start]:02x} is not valid UTF-8 (JSON files are UTF-8 text)"
        raise refuse(line, column, message) from None
    if not text.strip():
        raise refuse(1, 1, "the file is empty (expected a JSON document)")
    try:
        value = json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except json.JSONDecodeError as error:
        message = error.msg[:1].lower() + error.msg[1:]
        raise refuse(error.lineno, error.colno, f"invalid JSON: {message}") from None
    except _ConstantError as error:
        offset = _constant_offset(text, str(error))
        document = JsonDocument(shown, text, None)
        where = document.location(offset)
        message = f"invalid JSON: '{error}' is not a number in JSON"
        raise ScenarioError([Diagnostic(where, message)]) from None
    except RecursionError:
        raise refuse(1, 1, "invalid JSON: lists and objects nest too deeply") from None
    except ValueError as error:  # an integer of more digits than Python converts
        raise refuse(1, 1, f"invalid JSON: {error}") from None
    return JsonDocument(shown, text, value)


def _constant_offset(text: str, name: str) -> int:
    """Where the first ``name`` outside a string is (or 0)."""
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|-?(?:NaN|Infinity)', text):
        if match.group().lstrip("-") == name.lstrip("-"):
            return match.start()
    return 0
