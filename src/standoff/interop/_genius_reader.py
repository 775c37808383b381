"""The readers behind :func:`~standoff.interop.read_genius`: one walks a domain's issues, one a
party's profile, each recording every problem with its ``FILE:LINE:COLUMN`` (conventions in
:mod:`standoff.interop._genius` and docs/genius.md).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from xml.etree.ElementTree import Element

from standoff.errors import Diagnostic
from standoff.interop._xml import XmlDocument
from standoff.scenario._expressions import IDENTIFIER, RESERVED_WORDS
from standoff.scenario._negotiation import MAX_STEPS
from standoff.scenario._negotiation_model import (
    Alternative,
    Batna,
    Issue,
    IssueValues,
    Utility,
)
from standoff.scenario._source import did_you_mean

__all__ = ["GENIUS_ISSUE_TYPES", "DomainIssue", "DomainReader", "ProfileReader", "issue_id"]

GENIUS_ISSUE_TYPES = ("discrete", "integer", "real")
"""The GENIUS issue types standoff reads."""

TOLERANCE = 1e-9
"""How far outside [0, 1] a linear evaluator may stray from rounding before it is refused."""


@dataclass(frozen=True)
class DomainIssue:
    """An issue of the domain: the standoff issue, its GENIUS index and type."""

    issue: Issue
    index: int
    kind: str


class _Reader:
    """Typed access to the elements of one XML file, recording every problem found."""

    def __init__(self, document: XmlDocument) -> None:
        self.document = document
        self.problems: list[Diagnostic] = []

    def error(self, element: Element, message: str) -> None:
        self.problems.append(Diagnostic(self.document.where(element), message))

    def unsupported(self, element: Element, where: str, expected: str) -> None:
        if element.tag == "objective":
            message = (
                "nested objectives are not supported: standoff reads issues directly under "
                "the <objective>"
            )
        elif element.tag in ("utility", "utility_function"):
            message = (
                f"non-linear utility spaces (<{element.tag}>) are not supported: standoff reads "
                "additive ones (weights and evaluations)"
            )
        else:
            message = f"unsupported element <{element.tag}> in {where} (expected {expected})"
        self.error(element, message)

    def number(
        self, element: Element, attribute: str, what: str, low: float = -math.inf
    ) -> float | None:
        """A finite number from an attribute, at least ``low``, or None with a diagnostic."""
        text = element.get(attribute)
        if text is None:
            self.error(element, f"{what} is missing (expected an attribute '{attribute}')")
            return None
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.error(element, f"{what} must be a number, found '{text}'")
            return None
        if value < low:
            self.error(element, f"{what} must be at least {low:g}, found {value:g}")
            return None
        return value

    def fraction(self, element: Element, what: str) -> float | None:
        """The ``value`` attribute as a number in [0, 1], or None with a diagnostic."""
        value = self.number(element, "value", what, 0.0)
        if value is not None and value > 1:
            self.error(element, f"{what} must be in [0, 1], found {value:g}")
            return None
        return value

    def integer(self, element: Element, attribute: str, what: str, low: float) -> int | None:
        value = self.number(element, attribute, what, low)
        if value is None:
            return None
        if value != int(value):
            self.error(element, f"{what} must be a whole number, found '{element.get(attribute)}'")
            return None
        return int(value)

    def objective(self, space: Element, allowed: tuple[str, ...]) -> Element | None:
        """The ``<objective>`` of a ``<utility_space>``; other children must be ``allowed``."""
        found: Element | None = None
        for child in space:
            if child.tag == "objective" and found is None:
                found = child
            elif child.tag == "objective":
                self.error(child, "a <utility_space> holds one <objective>, found a second one")
            elif child.tag not in allowed:
                expected = ", ".join(f"<{tag}>" for tag in ("objective", *allowed))
                self.unsupported(child, "<utility_space>", expected)
        if found is None:
            self.error(space, "the <utility_space> has no <objective> (which holds the issues)")
        return found


class DomainReader(_Reader):
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
                if child.tag != "utility_space":
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
            objective = self.objective(space, ("reservation", "discount_factor"))
        if objective is None:
            return "", {}
        issues: dict[str, DomainIssue] = {}
        indexes: dict[int, str] = {}
        for child in objective:
            if child.tag == "weight":
                continue  # a profile read as a domain: its weights do not matter here
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
        index = self.integer(element, "index", f"the index of issue '{name}'", 1)
        kind = element.get("type", element.get("etype", "discrete"))
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
            self.error(element, f"issue '{name}' has type '{kind}' (standoff reads {types})")
        if issue is None or index is None:
            return None
        return DomainIssue(issue, index, kind)

    def levels(self, element: Element, name: str) -> tuple[str, ...]:
        levels: list[str] = []
        for item in element:
            if item.tag != "item":
                self.unsupported(item, f"issue '{name}'", "<item>")
                continue
            value = item.get("value")
            if value is None:
                self.error(item, f"an <item> of issue '{name}' has no 'value'")
            elif value in levels:
                self.error(item, f"item '{value}' of issue '{name}' is listed twice")
            else:
                levels.append(value)
        if not levels and len(element) == 0:
            self.error(element, f"issue '{name}' lists no <item>")
        return tuple(levels)

    def bounds(self, element: Element, name: str, kind: str) -> tuple[float, float] | None:
        holder = element
        for child in element:
            if child.tag == "range":
                holder = child
            else:
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


class ProfileReader(_Reader):
    def __init__(self, document: XmlDocument, issues: Mapping[str, DomainIssue]) -> None:
        super().__init__(document)
        self.issues = issues

    def read(self) -> tuple[Utility, Batna, float] | None:
        """The utility, the BATNA (the reservation value) and the discount factor."""
        root = self.document.root
        if root.tag != "utility_space":
            hint = " (this looks like a domain file)" if root.tag == "negotiation_template" else ""
            self.error(root, f"expected a GENIUS profile (a <utility_space> root), found "
                       f"<{root.tag}>{hint}")  # fmt: skip
            return None
        reservation, reservation_at = 0.0, root
        discount = 1.0
        for child in root:
            if child.tag == "reservation":
                reservation = self.fraction(child, "the reservation value") or 0.0
                reservation_at = child
            elif child.tag == "discount_factor":
                discount = self.fraction(child, "the discount factor") or 1.0  # GENIUS: 0 is 1
        objective = self.objective(root, ("reservation", "discount_factor"))
        if objective is None:
            return None
        utility = self.utility(objective)
        where = self.document.where(reservation_at)
        batna = Batna((Alternative("batna", reservation, MappingProxyType({}), reservation,
                                   where),), where)  # fmt: skip
        if utility is None or self.problems:
            return None
        return utility, batna, discount

    def utility(self, objective: Element) -> Utility | None:
        values: dict[str, tuple[Element, IssueValues | None]] = {}  # None: evaluations invalid
        weights: dict[int, tuple[Element, float]] = {}
        for child in objective:
            if child.tag == "issue":
                self.issue(child, values)
            elif child.tag == "weight":
                index = self.integer(child, "index", "a weight's issue index", 1)
                weight = self.number(child, "value", "a weight", 0.0)
                if index is not None and index in weights:
                    line = self.document.where(weights[index][0]).line
                    self.error(child, f"issue index {index} is weighted twice (first at line "
                               f"{line})")  # fmt: skip
                elif index is not None and weight is not None:
                    weights[index] = (child, weight)
            else:
                self.unsupported(child, "the <objective>", "<issue>, <weight>")
        by_index = {issue.index: name for name, issue in self.issues.items()}
        for index, (element, _) in weights.items():
            if index not in by_index:
                known = ", ".join(str(k) for k in sorted(by_index))
                self.error(element, f"weight index {index} names no issue of the domain (its "
                           f"issue indexes are {known})")  # fmt: skip
        for name, issue in self.issues.items():
            if name not in values:
                self.error(objective, f"the profile gives no evaluations for issue '{name}'")
            elif issue.index not in weights:
                self.error(values[name][0], f"issue '{name}' has no weight (expected "
                           f'<weight index="{issue.index}" value="..."/>)')  # fmt: skip
        if self.problems:
            return None
        total = sum(weight for _, weight in weights.values())
        if not total > 0:
            self.error(objective, "the issue weights must sum to a positive number")
            return None
        return Utility(
            weights=MappingProxyType(
                {i.issue.id: weights[i.index][1] / total for i in self.issues.values()}
            ),
            values=MappingProxyType(
                {self.issues[n].issue.id: v for n, (_, v) in values.items() if v is not None}
            ),
            location=self.document.where(objective),
        )

    def issue(self, element: Element, found: dict[str, tuple[Element, IssueValues | None]]) -> None:
        """Record the issue's values in ``found`` (None when they are invalid)."""
        name = element.get("name")
        if name is None:
            self.error(element, "an <issue> needs a 'name'")
            return
        domain = self.issues.get(name)
        if domain is None:
            known = ", ".join(f"'{known}'" for known in self.issues)
            hint = did_you_mean(name, self.issues) or f" (its issues are {known})"
            self.error(element, f"issue '{name}' is not in the domain{hint}")
            return
        if name in found:
            line = self.document.where(found[name][0]).line
            self.error(element, f"issue '{name}' is evaluated twice (first at line {line})")
            return
        found[name] = (element, None)
        index = element.get("index")
        if index is not None and index.strip() != str(domain.index):
            self.error(element, f"issue '{name}' has index {index} here but {domain.index} in "
                       "the domain")  # fmt: skip
            return
        kind = element.get("type", element.get("etype", domain.kind))
        itemised = kind == "discrete" and domain.kind == "integer"  # one item per whole number
        if kind != domain.kind and not itemised:
            self.error(element, f"issue '{name}' is {kind} here but {domain.kind} in the domain")
            return
        values = None
        if kind == "discrete":
            table = self.evaluations(element, name, domain)
            if table is not None and itemised:
                points = tuple((float(level), value) for level, value in table.items())
                values = IssueValues(None, points, self.document.where(element))
            elif table is not None:
                values = IssueValues(table, None, self.document.where(element))
        else:
            values = self.evaluator(element, name, domain)
        found[name] = (element, values)

    def evaluations(
        self, element: Element, name: str, domain: DomainIssue
    ) -> Mapping[str, float] | None:
        """Item -> evaluation divided by the largest, for every level (or integer) of the issue."""
        levels = domain.issue.levels
        if domain.kind == "integer":
            levels = tuple(str(int(x)) for x in domain.issue.points())
        table: dict[str, float] = {}
        seen: set[str] = set()
        for item in element:
            if item.tag != "item":
                self.unsupported(item, f"issue '{name}'", "<item>")
                continue
            value = item.get("value")
            if value is None:
                self.error(item, f"an <item> of issue '{name}' has no 'value'")
                continue
            value = _whole(value) if domain.kind == "integer" else value
            if value not in levels:
                hint = did_you_mean(value, levels)
                if domain.kind == "integer":
                    hint = f" (its values are the whole numbers {levels[0]} to {levels[-1]})"
                self.error(item, f"'{value}' is not an item of issue '{name}'{hint}")
                continue
            if value in seen:
                self.error(item, f"item '{value}' of issue '{name}' is evaluated twice")
                continue
            seen.add(value)
            evaluation = self.number(item, "evaluation", f"the evaluation of '{value}'", 0.0)
            if evaluation is not None:
                table[value] = evaluation
        missing = [level for level in levels if level not in seen]
        if missing:
            if len(missing) < len(levels):
                names = ", ".join(f"'{level}'" for level in missing)
                self.error(element, f"issue '{name}' gives no evaluation for item(s) {names}")
            elif len(element) == 0:
                self.error(element, f"issue '{name}' gives no evaluations")
            return None
        if len(table) < len(seen):
            return None  # an evaluation was invalid (reported)
        largest = max(table.values())
        if not largest > 0:
            self.error(element, f"every evaluation of issue '{name}' is 0, so they cannot be "
                       "normalised (GENIUS divides them by the largest)")  # fmt: skip
            return None
        return MappingProxyType({level: table[level] / largest for level in levels})

    def evaluator(self, element: Element, name: str, domain: DomainIssue) -> IssueValues | None:
        evaluators = []
        for child in element:
            if child.tag == "evaluator":
                evaluators.append(child)
            elif child.tag != "range":
                self.unsupported(child, f"{domain.kind} issue '{name}'", "<evaluator>")
        if len(evaluators) != 1:
            self.error(element, f"{domain.kind} issue '{name}' needs one <evaluator>, found "
                       f"{len(evaluators)}")  # fmt: skip
            return None
        (evaluator,) = evaluators
        kind = evaluator.get("ftype")
        if kind != "linear":
            self.error(
                evaluator,
                f"evaluator type '{kind}' of issue '{name}' is not supported (standoff reads "
                "'linear' evaluators of integer and real issues)",
            )
            return None
        names = ("offset", "slope")
        if "offset" not in evaluator.attrib:
            names = ("parameter0", "parameter1")
        if not all(attribute in evaluator.attrib for attribute in names):
            self.error(evaluator, f"the linear evaluator of issue '{name}' needs 'offset' and "
                       "'slope' (or 'parameter0' and 'parameter1')")  # fmt: skip
            return None
        offset = self.number(evaluator, names[0], f"'{names[0]}'")
        slope = self.number(evaluator, names[1], f"'{names[1]}'")
        assert domain.issue.range is not None
        if offset is None or slope is None:
            return None
        points = []
        for x in domain.issue.range:
            value = offset + slope * x
            if not -TOLERANCE <= value <= 1 + TOLERANCE:
                self.error(evaluator, f"the linear evaluator of issue '{name}' gives {value:g} "
                           f"at {x:g}: evaluations must lie in [0, 1]")  # fmt: skip
                return None
            points.append((x, min(max(value, 0.0), 1.0)))
        return IssueValues(None, tuple(points), self.document.where(element))


def _whole(text: str) -> str:
    """A whole number as ``int`` writes it (``"3.0"`` -> ``"3"``); other text unchanged."""
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


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
