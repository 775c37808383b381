"""A GENIUS profile (a party's utility space) as a standoff utility, BATNA and discount factor.

A profile is a ``<utility_space>`` whose ``<objective>`` gives, for each issue of the domain, a
``<weight>`` and evaluations: an ``evaluation`` per ``<item>`` of a discrete issue (divided by the
largest, as GENIUS does) or a ``linear`` ``<evaluator>`` of an integer or real issue (GENIUS
measures an integer issue from its lower bound: offset + slope·(x - lowerbound); a real one from
0: parameter0 + parameter1·x). Its ``<reservation>`` value is the party's BATNA; its
``<discount_factor>`` is kept as read (0, as in GENIUS, meaning no discount).

The root's ``type`` says which kind of utility space GENIUS builds: ``linear`` (the default) and
``uncertain`` (ANAC 2018-2019: the same additive utility, shown to agents through a few ranked
bids, whose settings are skipped) are read; ``nonlinear`` and ``constraint`` spaces are refused.
Conventions in docs/genius.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from xml.etree.ElementTree import Element

from standoff.interop._genius_domain import DomainIssue
from standoff.interop._genius_elements import ELICITATION_SETTINGS, ElementReader
from standoff.interop._xml import XmlDocument
from standoff.scenario._negotiation_model import Alternative, Batna, IssueValues, Utility
from standoff.scenario._source import did_you_mean

__all__ = ["ProfileReader"]

TOLERANCE = 1e-9
"""How far outside [0, 1] a linear evaluator may stray from rounding before it is refused."""

ADDITIVE_TYPES = ("linear", "uncertain")
"""The ``type`` of a profile's ``<utility_space>`` that standoff reads (absent means linear)."""

GENIUS_SPACE_TYPES = (*ADDITIVE_TYPES, "nonlinear", "constraint")
"""Every ``type`` of ``<utility_space>`` GENIUS knows (in upper or lower case)."""


class ProfileReader(ElementReader):
    """Read a party's profile against the domain's ``issues`` (by GENIUS name)."""

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
        if not self.additive(root):
            return None
        reservation, reservation_at = 0.0, root
        discount = 1.0
        for child in root:
            if child.tag == "reservation":
                reservation = self.fraction(child, "the reservation value") or 0.0
                reservation_at = child
            elif child.tag == "discount_factor":
                discount = self.fraction(child, "the discount factor") or 1.0  # GENIUS: 0 is 1
        objective = self.objective(root, ("reservation", "discount_factor"), ELICITATION_SETTINGS)
        if objective is None:
            return None
        utility = self.utility(objective)
        where = self.document.where(reservation_at)
        batna = Batna((Alternative("batna", reservation, MappingProxyType({}), reservation,
                                   where),), where)  # fmt: skip
        if utility is None or self.problems:
            return None
        return utility, batna, discount

    def additive(self, root: Element) -> bool:
        """Whether the root's ``type`` is one of an additive space; a diagnostic when not."""
        given = root.get("type", "linear")
        kind = given.lower()
        if kind in ADDITIVE_TYPES:
            return True
        if kind in GENIUS_SPACE_TYPES:
            message = (
                f'non-linear utility spaces (type="{given}") are not supported: standoff reads '
                "additive ones (weights and evaluations)"
            )
        else:
            known = ", ".join(f"'{known}'" for known in GENIUS_SPACE_TYPES)
            message = f"unknown utility space type '{given}' (GENIUS knows {known})"
        self.error(root, message)
        return False

    def utility(self, objective: Element) -> Utility | None:
        """The weights (normalised to sum 1) and every issue's values."""
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
            elif not self.ignored(child):
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
        kind = element.get("type", element.get("etype", domain.kind)).lower()
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
            elif not items:
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
        """A linear evaluator of an integer or real issue, as the values at its bounds.

        As in GENIUS, an integer issue is measured from its lower bound (the profile's
        ``lowerbound`` when it gives one, else the domain's) and needs no ``ftype``; a real one
        from 0, and its evaluator must say ``ftype="linear"``.
        """
        evaluators = []
        for child in element:
            if child.tag == "evaluator":
                evaluators.append(child)
            elif child.tag != "range" and not self.ignored(child):
                self.unsupported(child, f"{domain.kind} issue '{name}'", "<evaluator>")
        if len(evaluators) != 1:
            self.error(element, f"{domain.kind} issue '{name}' needs one <evaluator>, found "
                       f"{len(evaluators)}")  # fmt: skip
            return None
        (evaluator,) = evaluators
        kind = evaluator.get("ftype")
        if kind is None and domain.kind == "real":
            self.error(evaluator, f"the <evaluator> of real issue '{name}' has no 'ftype' "
                       "(expected ftype=\"linear\")")  # fmt: skip
            return None
        if kind is not None and kind.lower() != "linear":
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
        origin: float | None = 0.0
        if domain.kind == "integer":
            origin = domain.issue.range[0]
            if "lowerbound" in element.attrib:
                origin = self.number(element, "lowerbound", f"the lower bound of '{name}'")
        if offset is None or slope is None or origin is None:
            return None
        points = []
        for x in domain.issue.range:
            value = offset + slope * (x - origin)
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
