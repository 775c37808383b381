"""A GENIUS domain: its issues, as standoff issues (conventions in docs/genius.md).

A domain file is a ``<negotiation_template>`` holding one ``<utility_space>`` (or that
``<utility_space>`` alone) whose ``<objective>`` lists the issues: ``discrete`` ones with an
``<item>`` per level, ``integer`` ones with whole-number bounds (one point per whole number), and
``real`` ones with bounds, cut into ``steps`` points. An issue's type is its ``type`` attribute,
in upper or lower case, as GENIUS reads it (``etype`` when there is no ``type``; ``vtype`` is
not used). Each issue gets a standoff id made from its name (:func:`issue_id`). The ``<agent>``
slots of a template and ``<description>`` notes are skipped, as GENIUS skips them; so are the
weights, evaluations and evaluators of a profile read as the domain.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from standoff.interop._genius_elements import AGENT_SLOTS, ELICITATION_SETTINGS, ElementReader
from standoff.interop._xml import XmlDocument
from standoff.scenario._expressions import IDENTIFIER, RESERVED_WORDS
from standoff.scenario._issues import MAX_STEPS
from standoff.scenario._negotiation_model import Issue

__all__ = ["GENIUS_ISSUE_TYPES", "DomainIssue", "DomainReader", "issue_id"]

GENIUS_ISSUE_TYPES = ("discrete", "integer", "real")
"""The GENIUS issue types standoff reads."""


@dataclass(frozen=True)
class DomainIssue:
    """An issue of the domain: the standoff issue, its GENIUS index and type."""

    issue: Issue
    index: int
    kind: str


class DomainReader(ElementReader):
    """Read a domain's issues, giving each an id that no party and no other issue uses.

    Parameters
    ----------
    document
        The domain file.
    parties
        The party ids, which issue ids must not take.
    steps
        The points each ``real`` issue is discretised into.
    """

    def __init__(self, document: XmlDocument, parties: set[str], steps: int) -> None:
        super().__init__(document)
        self.taken = set(parties)
        self.steps = steps

    def read(self) -> tuple[str, dict[str, DomainIssue]]:
        """The domain's name and its issues by GENIUS name, in document order."""
        root = self.document.root
        space: Element | None = root
        if root.tag == "negotiation_template":
            spaces = [child for child in root if child.tag == "utility_space"]
            for child in root:
                if child.tag != "utility_space" and not self.ignored(child, AGENT_SLOTS):
                    self.unsupported(child, "<negotiation_template>", "<utility_space>")
            if len(spaces) != 1:
                self.error(
                    root,
                    "a GENIUS domain's <negotiation_template> holds one <utility_space>, "
                    f"found {len(spaces)}",
                )
            space = spaces[0] if spaces else None
        elif root.tag != "utility_space":
            self.error(
                root,
                "expected a GENIUS domain (a <negotiation_template> or <utility_space> root), "
                f"found <{root.tag}>",
            )
            return "", {}
        objective = None
        if space is not None:
            objective = self.objective(
                space, ("reservation", "discount_factor"), ELICITATION_SETTINGS
            )
        if objective is None:
            return "", {}
        issues: dict[str, DomainIssue] = {}
        indexes: dict[int, str] = {}
        for child in objective:
            if child.tag == "weight" or self.ignored(child):
                continue  # notes, and the weights of a profile read as the domain
            if child.tag != "issue":
                self.unsupported(child, "the <objective>", "<issue>")
                continue
            name = child.get("name")
            if not name:
                self.error(child, "an <issue> needs a 'name'")
                continue
            if name in issues:
                first = issues[name].issue.location.line
                self.error(child, f"issue '{name}' is defined twice (first at line {first})")
                continue
            read = self.issue(child, name)
            if read is None:
                continue
            if read.index in indexes:
                self.error(
                    child,
                    f"issue '{name}' has index {read.index}, already used by issue "
                    f"'{indexes[read.index]}'",
                )
                continue
            indexes[read.index] = name
            issues[name] = read
            self.taken.add(read.issue.id)
        if not issues and not self.problems:
            self.error(objective, "the domain has no <issue>")
        return objective.get("name", ""), issues

    def issue(self, element: Element, name: str) -> DomainIssue | None:
        """One ``<issue>``: its index, type, and levels or bounds."""
        index = self.integer(element, "index", f"the index of issue '{name}'", 1)
        given = element.get("type", element.get("etype", "discrete"))
        kind = given.lower()
        where = self.document.where(element)
        identifier = issue_id(name, self.taken)
        issue: Issue | None = None
        if kind == "discrete":
            levels = self.levels(element, name)
            if levels:
                issue = Issue(identifier, levels, None, None, len(levels), where)
        elif kind in GENIUS_ISSUE_TYPES:
            bounds = self.bounds(element, name, kind)
            if bounds is not None:
                low, high = bounds
                count = self.steps if kind == "real" else int(high - low) + 1
                issue = Issue(identifier, (), bounds, None, count, where)
        else:
            types = ", ".join(f"'{known}'" for known in GENIUS_ISSUE_TYPES)
            self.error(element, f"issue '{name}' has type '{given}' (standoff reads {types})")
        if issue is None or index is None:
            return None
        return DomainIssue(issue, index, kind)

    def levels(self, element: Element, name: str) -> tuple[str, ...]:
        """The ``value`` of each ``<item>`` of a discrete issue, in order, each once."""
        levels: list[str] = []
        items = 0
        for item in element:
            if item.tag != "item":
                if not self.ignored(item):
                    self.unsupported(item, f"issue '{name}'", "<item>")
                continue
            items += 1
            value = item.get("value")
            if value is None:
                self.error(item, f"an <item> of issue '{name}' has no 'value'")
            elif value in levels:
                self.error(item, f"item '{value}' of issue '{name}' is listed twice")
            else:
                levels.append(value)
        if not items:
            self.error(element, f"issue '{name}' lists no <item>")
        return tuple(levels)

    def bounds(self, element: Element, name: str, kind: str) -> tuple[float, float] | None:
        """The bounds of an integer or real issue (as attributes or on a ``<range>``)."""
        holder = element
        for child in element:
            if child.tag == "range":
                holder = child
            elif child.tag != "evaluator" and not self.ignored(child):  # (a profile's evaluator)
                self.unsupported(child, f"{kind} issue '{name}'", "<range>")
        if holder.get("lowerbound") is None or holder.get("upperbound") is None:
            self.error(
                element,
                f"{kind} issue '{name}' needs 'lowerbound' and 'upperbound' (as attributes or on "
                "a <range>)",
            )
            return None
        if kind == "integer":
            low: float | None = self.integer(holder, "lowerbound", f"the lower bound of '{name}'",
                                             -math.inf)  # fmt: skip
            high: float | None = self.integer(holder, "upperbound", f"the upper bound of '{name}'",
                                              -math.inf)  # fmt: skip
        else:
            low = self.number(holder, "lowerbound", f"the lower bound of '{name}'")
            high = self.number(holder, "upperbound", f"the upper bound of '{name}'")
        if low is None or high is None:
            return None
        if not low < high:
            self.error(
                holder,
                f"the bounds of issue '{name}' must go from a lower to a higher number, "
                f"found [{low:g}, {high:g}]",
            )
            return None
        if kind == "integer" and high - low + 1 > MAX_STEPS:
            self.error(
                holder,
                f"integer issue '{name}' has {int(high - low + 1):,} values, more than "
                f"{MAX_STEPS:,}",
            )
            return None
        return (float(low), float(high))


def issue_id(name: str, taken: Iterable[str] = ()) -> str:
    """The standoff id of a GENIUS issue name: the name itself when it is a valid, new id.

    >>> issue_id("price"), issue_id("Hard disk"), issue_id("3D printer"), issue_id("Café au lait")
    ('price', 'Hard_disk', 'issue_3D_printer', 'Cafe_au_lait')
    >>> issue_id("Größe")  # accents are dropped; other characters become "_"
    'Gro_e'
    >>> issue_id("not"), issue_id("price", taken={"price", "price_2"}), issue_id("?!")
    ('not_', 'price_3', 'issue')
    """
    used = set(taken)
    text = name
    if text in RESERVED_WORDS or not IDENTIFIER.fullmatch(text):
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        text = re.sub(r"[^A-Za-z0-9_]+", "_", plain).strip("_") or "issue"
        if text[0].isdigit():
            text = f"issue_{text}"
        if text in RESERVED_WORDS:
            text = f"{text}_"
    if text not in used:
        return text
    suffix = 2
    while f"{text}_{suffix}" in used:
        suffix += 1
    return f"{text}_{suffix}"
