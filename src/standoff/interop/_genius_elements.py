"""Typed access to the elements of a GENIUS XML file, recording every problem found.

:class:`ElementReader` is the base of the domain reader (:mod:`standoff.interop._genius_domain`)
and the profile reader (:mod:`standoff.interop._genius_profile`): it reads numbers from attributes,
finds a ``<utility_space>``'s ``<objective>``, and explains what standoff does not read (nested
objectives, non-linear utility spaces) instead of just calling it unknown.

Some elements of real GENIUS and ANAC files carry nothing a negotiation's model needs, and GENIUS
itself skips them; standoff skips them too (:meth:`ElementReader.ignored`): ``<description>`` notes
anywhere, the ``<agent>`` slots of a session template in a ``<negotiation_template>`` (ANAC
2010-2012 domains hold two), and the elicitation settings of an ``UNCERTAIN`` profile (ANAC
2018-2019). Any other element standoff does not read is refused, so that a misspelt ``<weigth>``
cannot silently change a utility.
"""

from __future__ import annotations

import math
from xml.etree.ElementTree import Element

from standoff.errors import Diagnostic
from standoff.interop._xml import XmlDocument

__all__ = ["AGENT_SLOTS", "ELICITATION_SETTINGS", "NOTES", "ElementReader"]

NOTES = frozenset({"description"})
"""Elements skipped wherever they appear: notes for people (GENIUS keeps descriptions in
attributes, which standoff does not read either)."""

AGENT_SLOTS = frozenset({"agent"})
"""The children of a ``<negotiation_template>`` naming the agents of a session, empty in the
domains GENIUS ships (``<agent class="" name="" utility_space=""/>``); GENIUS reads only the
template's ``<utility_space>``."""

ELICITATION_SETTINGS = frozenset(
    {"comparisons", "elicitation_cost", "errors", "experimental", "fixed_seed"}
)
"""The children of an ``UNCERTAIN`` profile's ``<utility_space>`` that say how GENIUS shows the
profile to an agent under preference uncertainty (how many ranked bids, how many of them out of
order, the cost of asking for more). The weights and evaluations beside them are the true
utility, which is what standoff reads."""


class ElementReader:
    """Typed access to the elements of one XML file, recording every problem found."""

    def __init__(self, document: XmlDocument) -> None:
        self.document = document
        self.problems: list[Diagnostic] = []

    def error(self, element: Element, message: str) -> None:
        """Record a problem at ``element``."""
        self.problems.append(Diagnostic(self.document.where(element), message))

    def ignored(self, element: Element, skipped: frozenset[str] = frozenset()) -> bool:
        """Whether ``element`` is one GENIUS skips here: a note, or one of ``skipped``."""
        return element.tag in NOTES or element.tag in skipped

    def unsupported(self, element: Element, where: str, expected: str) -> None:
        """Report an element standoff does not read, saying what it expected ``where``."""
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
        """A whole number from an attribute, at least ``low``, or None with a diagnostic."""
        value = self.number(element, attribute, what, low)
        if value is None:
            return None
        if value != int(value):
            self.error(element, f"{what} must be a whole number, found '{element.get(attribute)}'")
            return None
        return int(value)

    def objective(
        self, space: Element, allowed: tuple[str, ...], skipped: frozenset[str] = frozenset()
    ) -> Element | None:
        """The ``<objective>`` of a ``<utility_space>``; other children must be ``allowed`` (read
        by the caller) or ``skipped``."""
        found: Element | None = None
        for child in space:
            if child.tag == "objective" and found is None:
                found = child
            elif child.tag == "objective":
                self.error(child, "a <utility_space> holds one <objective>, found a second one")
            elif child.tag not in allowed and not self.ignored(child, skipped):
                expected = ", ".join(f"<{tag}>" for tag in ("objective", *allowed))
                self.unsupported(child, "<utility_space>", expected)
        if found is None:
            self.error(space, "the <utility_space> has no <objective> (which holds the issues)")
        return found
