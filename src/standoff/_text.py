"""User text made safe to show: one line, no terminal control, encodable.

A scenario's titles, labels and ids, the states a user names on the command line and the file
names they give all reach the terminal, and some reach files. :func:`printable` shows every
character that could break a line or drive the terminal as an escape, so that a message stays on
one line and nothing in a scenario can recolour, move or clear the screen; :func:`encodable`
replaces what no encoding can write (a lone surrogate, which YAML's ``"\\ud800"`` produces), so
that writing an output never fails half-way.

>>> print(printable("a\\nb\\x1b[31mc\\u202e"))
a\\nb\\x1b[31mc\\u202e
>>> encodable("title \\ud800") == "title \\\\ud800"
True
"""

from __future__ import annotations

import re

__all__ = ["encodable", "printable", "printable_lines"]

_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls (newline, escape, ...)
    "\u2028\u2029"  # line and paragraph separators
    "\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings and overrides
    "\ud800-\udfff]"  # lone surrogates (a valid str holds no pair)
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters, line separators, bidirectional overrides and lone
    surrogates written as escapes (``\\n``, ``\\x1b``, ``\\u202e``, ``\\ud800``).

    The result prints as one line and cannot drive a terminal; text without such characters is
    returned unchanged.
    """
    return _UNPRINTABLE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """As :func:`printable`, but keeping line breaks and tabs: for text of several lines, such as
    a scenario's Markdown description."""
    return _UNPRINTABLE.sub(lambda m: m.group() if m.group() in "\n\t" else _escape(m), text)


def encodable(text: str) -> str:
    """``text`` with each lone surrogate written as its escape (``\\ud800``), so that it encodes
    in UTF-8. In a JSON document the escape is JSON's own, so the string reads back unchanged.
    """
    return _SURROGATE.sub(_escape, text)
