"""Parse XML files with every element's position, refusing document type declarations.

:mod:`xml.etree.ElementTree` keeps no line numbers, and the standard library's parsers expand
entities a document declares (the "billion laughs" attack). :func:`parse_xml` drives
:mod:`xml.parsers.expat` itself: it builds ordinary :class:`~xml.etree.ElementTree.Element` trees,
records where each element starts, and stops at the first ``<!DOCTYPE`` (which is where entity
declarations would have to live), so no entity is ever declared, let alone expanded.

>>> document = parse_text(b'<a>\\n  <b x="1"/>\\n</a>', "f.xml")
>>> child = document.root[0]
>>> child.tag, child.get("x"), str(document.where(child))
('b', '1', 'f.xml:2:3')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn
from xml.etree import ElementTree
from xml.parsers import expat

from standoff.errors import Diagnostic, Location, ScenarioError
from standoff.scenario._source import read_bytes

__all__ = ["XmlDocument", "parse_text", "parse_xml"]


@dataclass(frozen=True, eq=False)
class XmlDocument:
    """An element tree and where each of its elements starts (1-based line and column)."""

    file: str
    root: ElementTree.Element
    positions: dict[ElementTree.Element, Location]

    def where(self, element: ElementTree.Element) -> Location:
        """Where ``element``'s start tag begins."""
        return self.positions.get(element, Location(self.file, 1, 1))


class _RefusedError(Exception):
    """A construct this parser does not accept, found at ``location``."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(location, message)


def parse_xml(path: Path, shown: str) -> XmlDocument:
    """Parse the file at ``path``; ``shown`` is its name in messages.

    Raises
    ------
    standoff.errors.ScenarioError
        When the file cannot be read, is not well-formed XML or declares a document type.
    """
    return parse_text(read_bytes(path, shown, "an XML file"), shown)


def parse_text(data: bytes, shown: str) -> XmlDocument:
    """Parse XML bytes (the encoding comes from a byte order mark or the XML declaration)."""
    parser = expat.ParserCreate()
    builder = ElementTree.TreeBuilder()
    positions: dict[ElementTree.Element, Location] = {}

    def here() -> Location:
        return Location(shown, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def start(tag: str, attributes: dict[str, str]) -> None:
        positions[builder.start(tag, attributes)] = here()

    def end(tag: str) -> None:
        builder.end(tag)

    def refuse(*_: object) -> NoReturn:
        where = here()
        start = data.rfind(b"<!DOCTYPE", 0, parser.CurrentByteIndex + 1)
        if start >= 0:  # point at the declaration's start (found when the encoding is ASCII-based)
            line_start = data.rfind(b"\n", 0, start) + 1
            where = Location(shown, data.count(b"\n", 0, start) + 1, start - line_start + 1)
        raise _RefusedError(
            where,
            "document type declarations (<!DOCTYPE ...>) are not allowed: they can declare "
            "entities, which standoff refuses to expand",
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except _RefusedError as refused:
        raise ScenarioError([refused.diagnostic]) from None
    except expat.ExpatError as error:
        message = expat.errors.messages.get(error.code, "invalid XML")
        where = Location(shown, error.lineno, error.offset + 1)
        raise ScenarioError([Diagnostic(where, f"malformed XML: {message}")]) from None
    return XmlDocument(shown, builder.close(), positions)
