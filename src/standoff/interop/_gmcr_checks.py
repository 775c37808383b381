"""Checking the values of a GMCR+ file: the kinds of JSON values, option indexes and conditions,
each problem recorded with its JSON path and located in the text only when the file is refused.

:class:`GmcrChecker` is the base of the file's reader (:mod:`~standoff.interop._gmcr_read`): it
records problems instead of stopping at the first one, and turns them into located diagnostics
(``FILE:LINE:COLUMN: error: PATH: message``) all at once.

>>> from standoff.interop._json import parse_text
>>> checker = GmcrChecker(parse_text(b'{"c": [[0, "Y"], [3, "N"]]}', "f.gmcr"))
>>> checker.option_count = 2
>>> checker.condition(checker.document.value["c"], ("c",)) is None
True
>>> try:
...     checker.raise_if_any()
... except ScenarioError as error:
...     print(error)
f.gmcr:1:19: error: c[1][0]: option 3 does not exist (the file has 2 options)
"""

from __future__ import annotations

from typing import Any, cast

from standoff.errors import Diagnostic, ScenarioError
from standoff.interop._gmcr_model import GmcrCondition
from standoff.interop._json import JsonDocument, JsonPath
from standoff.scenario._source import did_you_mean, shortened

__all__ = ["GmcrChecker", "counted", "describe", "is_index"]

_COMPOUND_KEYS = ("compound", "members")

Literals = tuple[tuple[int, bool], ...]


def describe(value: Any) -> str:
    """How a JSON value reads in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return f"'{shortened(value)}'"
    if isinstance(value, list):
        return f"a list of {counted(len(value), 'value')}"
    return "an object"


def counted(number: int, noun: str) -> str:
    """``number`` and ``noun``, plural unless the number is 1: ``2 options``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def is_index(value: Any) -> bool:
    """Whether a JSON value is a whole number (``true`` is not, though Python says it is)."""
    return isinstance(value, int) and not isinstance(value, bool)


class GmcrChecker:
    """Checks the values of a parsed file, collecting every problem with its JSON path."""

    def __init__(self, document: JsonDocument) -> None:
        self.document = document
        self.problems: list[tuple[JsonPath, str, str | None]] = []
        self.notes: list[str] = []
        self.option_count: int | None = None  # when known, option indexes are checked against it

    # -- reporting -------------------------------------------------------------------------------

    def error(self, path: JsonPath, message: str, *, key: str | None = None) -> None:
        """Record a problem with the value at ``path`` (or with its member ``key``, located at
        the key)."""
        self.problems.append((path, message, key))

    def raise_if_any(self) -> None:
        """Raise one :class:`ScenarioError` with every problem recorded, located in the text."""
        if not self.problems:
            return
        places = [
            (path, False) if key is None else ((*path, key), True) for path, _, key in self.problems
        ]
        found = self.document.locate(places)
        diagnostics = []
        for place, (path, message, _) in zip(places, self.problems, strict=True):
            prefix = JsonDocument.path_text(path)
            text = f"{prefix}: {message}" if prefix else message
            diagnostics.append(Diagnostic(found[place], text))
        raise ScenarioError(diagnostics)

    # -- values ----------------------------------------------------------------------------------

    def object(
        self,
        value: Any,
        path: JsonPath,
        what: str,
        known: tuple[str, ...],
        required: tuple[str, ...],
    ) -> dict[str, Any] | None:
        """An object's members; unknown keys are noted, repeated and missing keys reported."""
        if not isinstance(value, dict):
            self.error(path, f"expected {what} (an object), found {describe(value)}")
            return None
        for key in getattr(value, "repeated", ()):
            self.error(path, f"key '{key}' is given twice", key=key)
        for key in value:
            if key not in known:
                where = JsonDocument.path_text((*path, key))
                self.notes.append(
                    f"ignored '{where}': not part of the GMCR+ format{did_you_mean(key, known)}"
                )
        for key in required:
            if key not in value:
                self.error(path, f"missing required key '{key}'")
        return cast("dict[str, Any]", value)

    def array(self, value: Any, path: JsonPath, what: str) -> list[Any] | None:
        """A list, or None with a problem recorded."""
        if not isinstance(value, list):
            self.error(path, f"expected {what} (a list), found {describe(value)}")
            return None
        return value

    def text(self, value: Any, path: JsonPath) -> str | None:
        """A string, or None with a problem recorded."""
        if not isinstance(value, str):
            self.error(path, f"expected text, found {describe(value)}")
            return None
        return value

    def flag(self, value: Any, path: JsonPath) -> bool | None:
        """A Boolean, or None with a problem recorded."""
        if not isinstance(value, bool):
            self.error(path, f"expected true or false, found {describe(value)}")
            return None
        return value

    def option(self, value: Any, path: JsonPath) -> int | None:
        """An option index of the file, or None with a problem recorded."""
        if not is_index(value):
            self.error(path, f"expected an option index (a whole number), found {describe(value)}")
            return None
        count = self.option_count
        if count is not None and not 0 <= value < count:
            self.error(
                path, f"option {value} does not exist (the file has {counted(count, 'option')})"
            )
            return None
        return cast("int", value)

    def literals(self, value: Any, path: JsonPath) -> Literals | None:
        """A GMCR+ CONDITION: a non-empty list of ``[option, "Y" | "N"]`` pairs."""
        items = self.array(value, path, "a condition: [option, 'Y' or 'N'] pairs")
        if items is None:
            return None
        if not items:
            self.error(path, "a condition lists at least one [option, 'Y' or 'N'] pair")
            return None
        found: list[tuple[int, bool]] = []
        for position, item in enumerate(items):
            where = (*path, position)
            if not isinstance(item, list) or len(item) != 2:
                self.error(where, f"expected an [option, 'Y' or 'N'] pair, found {describe(item)}")
                continue
            option = self.option(item[0], (*where, 0))
            if item[1] not in ("Y", "N") or not isinstance(item[1], str):
                self.error((*where, 1), f"expected 'Y' or 'N', found {describe(item[1])}")
                continue
            if option is not None:
                found.append((option, item[1] == "Y"))
        return tuple(found) if len(found) == len(items) else None

    def condition(self, value: Any, path: JsonPath) -> GmcrCondition | None:
        """A CONDITION (a list of pairs) or a COMPOUND (``{"compound": true, "members": ...}``)."""
        if isinstance(value, list):
            literals = self.literals(value, path)
            return None if literals is None else GmcrCondition((literals,))
        if not isinstance(value, dict):
            self.error(
                path,
                "expected a condition (a list of [option, 'Y' or 'N'] pairs) or a compound "
                f"condition (an object with 'members'), found {describe(value)}",
            )
            return None
        fields = self.object(value, path, "a compound condition", _COMPOUND_KEYS, ("members",))
        assert fields is not None
        if "compound" in fields and fields["compound"] is not True:
            self.error((*path, "compound"), f"expected true, found {describe(fields['compound'])}")
        if "members" not in fields:
            return None
        members = self.array(fields["members"], (*path, "members"), "the conditions it joins")
        if members is None:
            return None
        if not members:
            self.error((*path, "members"), "a compound condition joins at least one condition")
            return None
        read = [self.literals(member, (*path, "members", k)) for k, member in enumerate(members)]
        kept = tuple(literals for literals in read if literals is not None)
        return GmcrCondition(kept, compound=True) if len(kept) == len(read) else None

    def conditions(self, value: Any, path: JsonPath, what: str) -> tuple[GmcrCondition, ...]:
        """A list of conditions; those with problems are left out (the problems recorded)."""
        items = self.array(value, path, what)
        read = [self.condition(item, (*path, k)) for k, item in enumerate(items or [])]
        return tuple(condition for condition in read if condition is not None)

    # -- the file --------------------------------------------------------------------------------
