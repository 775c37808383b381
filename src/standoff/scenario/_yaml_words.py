"""YAML syntax errors in plain words, at the line where the mistake is.

PyYAML describes a syntax error in its parser's terms ("expected <block end>, but found '<block
sequence start>'"), often at the token after the mistake. The mistakes people make in a
hand-written scenario are few: a tab in the indentation, a missing space after a colon, a line
indented to a column no sibling has, list items and keys mixed in one block, an unclosed bracket
or quote, and a ``: `` inside a plain value. :func:`plain_words` recognises these and says what to
do, pointing at the line to change; anything else keeps the parser's wording.

Examples
--------
>>> import yaml
>>> text = "standoff: 1\\ntitle:t\\nparties: {}\\n"
>>> try:
...     yaml.safe_load(text)
... except yaml.MarkedYAMLError as error:
...     print(plain_words(error, text))
(2, 6, "put a space after the ':' in 'title:t' (write 'title: t')")
"""

from __future__ import annotations

import re

import yaml

__all__ = ["plain_words"]

Words = tuple[int, int, str]
"""Line and column (from 1) of the mistake, and what to do about it."""

_GLUED_COLON = re.compile(r"^(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):(\S.*)$")
"""A line whose key is glued to its value (``key:value``): indentation, key, value."""


def plain_words(error: yaml.MarkedYAMLError, text: str) -> Words | None:
    """The mistake behind ``error`` in plain words, or None when it is not a common one."""
    problem, context = error.problem or "", error.context or ""
    found, where = error.problem_mark, error.context_mark
    if found is None:
        return None
    lines = text.splitlines()
    if "'\\t'" in problem:
        return found.line + 1, found.column + 1, "tabs cannot indent a line: use spaces"
    if "could not find expected ':'" in problem and where is not None:
        return _no_colon(lines, where.line)
    if "expected <block end>" in problem and where is not None:
        if "block collection" in context:
            return (
                found.line + 1,
                found.column + 1,
                f"a 'key: value' line cannot follow the list that starts at line "
                f"{where.line + 1} at the same indentation: indent the list under its key, or "
                "make this line a list item too",
            )
        return (
            found.line + 1,
            found.column + 1,
            f"bad indentation: indent this line like the entries it belongs with (the mapping "
            f"from line {where.line + 1} has its keys at column {where.column + 1})",
        )
    if "mapping values are not allowed here" in problem:
        return _colon_in_value(lines, found.line, found.column)
    if "flow" in context and where is not None and "expected ','" in problem:
        bracket = text_at(lines, where.line, where.column) or "bracket"
        closing = {"[": "]", "{": "}"}.get(bracket, "the bracket")
        return (
            where.line + 1,
            where.column + 1,
            f"the '{bracket}' here is not closed: end the list or mapping with '{closing}' "
            "(or separate its items with ', ')",
        )
    if "quoted scalar" in context and where is not None and "unexpected" in problem:
        return (
            where.line + 1,
            where.column + 1,
            "the quoted text that starts here never ends: close it with the same quote mark",
        )
    return None


def text_at(lines: list[str], line: int, column: int) -> str:
    """The character at a position, or ``""`` past the end."""
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _no_colon(lines: list[str], line: int) -> Words:
    """A line read as the start of a key that never gets its ``: ``."""
    text = lines[line] if line < len(lines) else ""
    glued = _GLUED_COLON.match(text)
    if glued is not None:
        indent, key, value = glued.groups()
        column = len(indent) + len(key) + 1
        return (
            line + 1,
            column,
            f"put a space after the ':' in '{key}:{value}' (write '{key}: {value}')",
        )
    column = len(text) - len(text.lstrip()) + 1
    return line + 1, column, "this line is not 'key: value' and not a list item ('- value')"


def _colon_in_value(lines: list[str], line: int, column: int) -> Words:
    """A ``:`` where YAML cannot start a mapping: inside a plain value, or on a line indented
    deeper than the key above it."""
    text = lines[line] if line < len(lines) else ""
    before = text[:column]
    if ": " in before.strip():  # key: some: value on one line
        return (
            line + 1,
            column + 1,
            "a value that holds ': ' must be quoted: put the whole value in quotes",
        )
    return (
        line + 1,
        len(text) - len(text.lstrip()) + 1,
        "this line is indented more than the one above, as if inside its value: indent it "
        "like its siblings (or quote a value that holds ': ')",
    )
