"""Reading YAML with positions, and reporting problems against them.

:class:`SourceReader` walks the node tree that PyYAML composes (every node keeps its line and
column) and collects every problem it finds as a :class:`~standoff.errors.Diagnostic`, instead of
stopping at the first one.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from pathlib import Path

import yaml

from standoff.errors import Diagnostic, Location, ScenarioError

__all__ = ["SourceReader", "compose", "describe", "did_you_mean", "read_bytes", "read_text"]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A `` (did you mean 'x'?)`` suffix naming the closest candidate, or ``""``.

    >>> did_you_mean("stirke", ["strike", "withdraw"])
    " (did you mean 'strike'?)"
    """
    by_lower = {candidate.lower(): candidate for candidate in candidates}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return f" (did you mean '{by_lower[close[0]]}'?)" if close else ""


def read_bytes(path: Path, shown: str, expected: str = "a scenario file") -> bytes:
    """The file's bytes; a missing or unreadable file, or a directory, is a located error."""
    start = Location(shown, 1, 1)
    if path.is_dir():
        raise ScenarioError([Diagnostic(start, f"is a directory (expected {expected})")])
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError([Diagnostic(start, "no such file")]) from None
    except OSError as error:
        raise ScenarioError(
            [Diagnostic(start, f"cannot read the file: {error.strerror}")]
        ) from None


def read_text(path: Path, shown: str) -> str:
    """The file's text; a missing file, a directory or bytes that are not UTF-8 are errors."""
    data = read_bytes(path, shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        byte = data[error.start]
        raise ScenarioError(
            [
                Diagnostic(
                    Location(shown, line, column),
                    f"byte 0x{byte:02x} is not valid UTF-8 (scenario files must be UTF-8 text)",
                )
            ]
        ) from None


def compose(text: str, shown: str) -> yaml.Node:
    """Compose the YAML text into a node tree; a syntax error raises a located error."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        context = f" {error.context}" if error.context and error.problem else ""
        message = f"invalid YAML: {problem}{context}"
        raise ScenarioError([Diagnostic(Location(shown, line, column), message)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors for text input
        raise ScenarioError([Diagnostic(Location(shown, 1, 1), f"invalid YAML: {error}")]) from None
    if node is None:
        raise ScenarioError(
            [
                Diagnostic(
                    Location(shown, 1, 1),
                    "the file is empty (expected a scenario mapping "
                    "with 'standoff: 1', 'title' and 'parties')",
                )
            ]
        )
    return node


_KIND = {
    yaml.MappingNode: "a mapping",
    yaml.SequenceNode: "a list",
    yaml.ScalarNode: "a value",
}


def describe(node: yaml.Node) -> str:
    """How a node reads in a message: its value quoted, 'a mapping', 'a list' or 'nothing'."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null":
            return "nothing"
        return f"'{node.value}'"
    return _KIND.get(type(node), "a node")


class SourceReader:
    """Typed access to YAML nodes that records a diagnostic for every mismatch."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Diagnostic] = []

    def location(self, node: yaml.Node) -> Location:
        """Where ``node`` starts."""
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, where: yaml.Node | Location, message: str) -> None:
        """Record a problem at ``where``."""
        location = where if isinstance(where, Location) else self.location(where)
        self.problems.append(Diagnostic(location, message))

    def raise_if_any(self) -> None:
        """Raise one :class:`ScenarioError` holding every problem recorded so far."""
        if self.problems:
            raise ScenarioError(self.problems)

    @staticmethod
    def is_null(node: yaml.Node) -> bool:
        """Whether the node is an empty value (``key:`` with nothing after it, or ``null``)."""
        return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        allowed: Iterable[str] | None = None,
        required: Iterable[str] = (),
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The entries of a mapping as ``key -> (key node, value node)``, checking keys.

        ``allowed`` (when given) lists the known keys: any other key is reported with a suggestion.
        A missing ``required`` key is reported at the mapping. Duplicate keys are reported.
        """
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping, found {describe(node)}")
            return None
        known = list(allowed) if allowed is not None else None
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        suggested: set[str] = set()  # required keys a misspelt key already points to
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or self.is_null(key_node):
                self.error(key_node, f"a key in {what} must be a name, found {describe(key_node)}")
                continue
            key = str(key_node.value)
            if key in entries:
                first = self.location(entries[key][0])
                self.error(
                    key_node, f"duplicate key '{key}' in {what} (first at line {first.line})"
                )
                continue
            if known is not None and key not in known:
                expected = ", ".join(f"'{k}'" for k in known)
                hint = did_you_mean(key, known)
                suggested.add(hint.split("'")[1] if hint else "")
                hint = hint or f" (expected one of {expected})"
                self.error(key_node, f"unknown key '{key}' in {what}{hint}")
                continue
            entries[key] = (key_node, value_node)
        for key in required:
            if key not in entries and key not in suggested:
                self.error(node, f"missing required key '{key}' in {what}")
        return entries

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        """The items of a list, or ``None`` (with a diagnostic) when the node is not a list."""
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list, found {describe(node)}")
            return None
        return list(node.value)

    def text(self, node: yaml.Node, what: str) -> str | None:
        """The text of a scalar (numbers are kept as written), or ``None`` with a diagnostic."""
        if not isinstance(node, yaml.ScalarNode) or self.is_null(node):
            self.error(node, f"{what} must be text, found {describe(node)}")
            return None
        return str(node.value)

    def number(self, node: yaml.Node, what: str, low: float, high: float) -> float | None:
        """A finite number in [low, high] from a plain scalar, or ``None`` with a diagnostic."""
        value: float | None = None
        if isinstance(node, yaml.ScalarNode) and node.style is None and not self.is_null(node):
            try:
                value = float(str(node.value).replace("_", ""))
            except ValueError:
                value = None
        if value is None or not math.isfinite(value):
            self.error(node, f"{what} must be a number, found {describe(node)}")
            return None
        if not low <= value <= high:
            bounds = f"in [{low:g}, {high:g}]" if math.isfinite(high) else f"at least {low:g}"
            self.error(node, f"{what} must be {bounds}, found {value:g}")
            return None
        return value

    def pair(self, node: yaml.Node, what: str) -> tuple[float, float] | None:
        """A list of exactly two finite numbers, or ``None`` with a diagnostic."""
        items = self.sequence(node, f"{what} (a list of 2 numbers)")
        if items is None:
            return None
        if len(items) != 2:
            self.error(node, f"{what} must list 2 numbers, found {len(items)}")
            return None
        first, second = (self.number(item, what, -math.inf, math.inf) for item in items)
        if first is None or second is None:
            return None
        return (first, second)

    def integer(self, node: yaml.Node, what: str, low: int, high: int) -> int | None:
        """A whole number in [low, high], or ``None`` with a diagnostic."""
        value = self.number(node, what, low, high)
        if value is None:
            return None
        if value != int(value):
            self.error(node, f"{what} must be a whole number, found {describe(node)}")
            return None
        return int(value)
