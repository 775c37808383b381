"""Reading YAML with positions, and reporting problems against them.

:class:`SourceReader` walks the node tree composed by :func:`~standoff.scenario._compose.compose`
(every node keeps its line and column) and collects every problem it finds as a
:class:`~standoff.errors.Diagnostic`, instead of stopping at the first one.
"""

from __future__ import annotations

import difflib
import itertools
import math
import stat
from collections.abc import Collection, Iterable
from pathlib import Path

import yaml

from standoff.errors import Diagnostic, Location, ScenarioError
from standoff.scenario._compose import compose
from standoff.scenario._limits import (
    MAX_FILE_BYTES,
    MAX_LISTED,
    MAX_SUGGESTED,
    MAX_SUGGESTION_CANDIDATES,
)

__all__ = [
    "SourceReader",
    "compose",
    "describe",
    "did_you_mean",
    "listing",
    "read_bytes",
    "read_text",
]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A `` (did you mean 'x'?)`` suffix naming the closest candidate, or ``""``.

    Among more than :data:`~standoff.scenario._limits.MAX_SUGGESTION_CANDIDATES` candidates it
    suggests none, so that its cost stays bounded.

    >>> did_you_mean("stirke", ["strike", "withdraw"])
    " (did you mean 'strike'?)"
    """
    pool = list(itertools.islice(candidates, MAX_SUGGESTION_CANDIDATES + 1))
    if len(pool) > MAX_SUGGESTION_CANDIDATES:
        return ""
    by_lower = {candidate.lower(): candidate for candidate in pool}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return f" (did you mean '{by_lower[close[0]]}'?)" if close else ""


def listing(names: Collection[str]) -> str:
    """The names quoted and joined with commas: at most
    :data:`~standoff.scenario._limits.MAX_LISTED` of them, then how many more.

    >>> listing(["a", "b"])
    "'a', 'b'"
    >>> listing([str(k) for k in range(25)])[-27:]
    "'17', '18', '19' and 5 more"
    """
    shown = ", ".join(f"'{name}'" for name in itertools.islice(names, MAX_LISTED))
    more = len(names) - MAX_LISTED
    return shown + (f" and {more:,} more" if more > 0 else "")


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bytes(path: Path, shown: str, expected: str = "a scenario file") -> bytes:
    """The bytes of a regular file of at most :data:`~standoff.scenario._limits.MAX_FILE_BYTES`.

    A missing or unreadable file, a directory, anything else that is not a regular file (a pipe,
    a device such as ``/dev/zero``) and a file beyond the limit are located errors, found before
    the file is read.
    """
    start = Location(shown, 1, 1)

    def refuse(message: str) -> ScenarioError:
        return ScenarioError([Diagnostic(start, message)])

    try:
        info = path.stat()
    except FileNotFoundError:
        raise refuse("no such file") from None
    except OSError as error:
        raise refuse(f"cannot read the file: {error.strerror}") from None
    except ValueError:  # a NUL character in the path
        raise refuse("cannot read the file: its name contains a NUL character") from None
    if stat.S_ISDIR(info.st_mode):
        raise refuse(f"is a directory (expected {expected})")
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
        raise refuse(f"is {kind}, not a regular file (expected {expected})")
    if info.st_size > MAX_FILE_BYTES:
        raise refuse(_too_large(info.st_size))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise refuse("no such file") from None
    except OSError as error:
        raise refuse(f"cannot read the file: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:  # it grew after it was measured
        raise refuse(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return (
        f"the file is {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,} bytes "
        f"({MAX_FILE_BYTES // (1 << 20)} MiB)"
    )


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


def shortened(text: str, limit: int = 80) -> str:
    """``text`` as a message quotes it: cut to ``limit`` characters, ending in "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        return f"'{shortened(str(node.value))}'"
    return _KIND.get(type(node), "a node")


class SourceReader:
    """Typed access to YAML nodes that records a diagnostic for every mismatch."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Diagnostic] = []
        self.meant: set[str] = set()
        """The names a "did you mean" proposed: what a misspelt name stands for. A check whose
        failure would only follow from that name's absence (a party without preferences when
        ``preference:`` was misspelt) stays silent, so the user sees the cause alone."""

    def location(self, node: yaml.Node) -> Location:
        """Where ``node`` starts."""
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, where: yaml.Node | Location, message: str) -> None:
        """Record a problem at ``where``."""
        location = where if isinstance(where, Location) else self.location(where)
        self.problems.append(Diagnostic(location, message))

    def suggest(self, word: str, candidates: Iterable[str]) -> str:
        """:func:`did_you_mean` for the first :data:`~standoff.scenario._limits.MAX_SUGGESTED`
        problems; ``""`` after them, so that a file of misspelt names is reported fast."""
        if len(self.problems) >= MAX_SUGGESTED:
            return ""
        hint = did_you_mean(word, candidates)
        if hint:
            self.meant.add(hint.split("'", 1)[1].rsplit("'", 1)[0])
        return hint

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
                hint = self.suggest(key, known)
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

    def pair(
        self, node: yaml.Node, what: str, low: float = -math.inf, high: float = math.inf
    ) -> tuple[float, float] | None:
        """A list of exactly two finite numbers in [low, high], or ``None`` with a diagnostic."""
        items = self.sequence(node, f"{what} (a list of 2 numbers)")
        if items is None:
            return None
        if len(items) != 2:
            self.error(node, f"{what} must list 2 numbers, found {len(items)}")
            return None
        first, second = (self.number(item, what, low, high) for item in items)
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
