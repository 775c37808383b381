"""Read GENIUS negotiation domains and utility spaces (the XML of GENIUS and the ANAC competitions).

GENIUS (Lin et al., "Genius: an integrated environment for supporting the design of generic
automated negotiators", *Computational Intelligence* 30(1), 2014) describes a negotiation in one
*domain* file, the issues and their values, and one *utility space* (profile) file per party. The
full list of conventions, with examples, is in docs/genius.md; in short:

- **Domain**: ``<negotiation_template><utility_space><objective>`` holding ``<issue name index
  type>`` elements (a bare ``<utility_space>`` root is accepted too). A ``discrete`` issue lists
  ``<item value="..."/>``; an ``integer`` or ``real`` issue has ``lowerbound`` and ``upperbound``,
  as attributes or on a ``<range>`` child. Issues keep the document's order; items too (their
  ``index`` attributes are not used).
- **Profile**: ``<utility_space><objective>`` with one ``<issue>`` per domain issue, matched by
  name (an ``index``, when given, must agree with the domain's), and ``<weight index value>``
  elements naming issues by index. A discrete issue's items carry ``evaluation`` (at least 0);
  like GENIUS's evaluator, standoff divides each by the issue's largest, so values lie in [0, 1].
  An integer or real issue carries ``<evaluator ftype="linear" offset slope>`` (or ``parameter0``
  and ``parameter1``): value(x) = offset + slope·(x - lowerbound) for an integer issue, as GENIUS
  computes it, and offset + slope·x for a real one, which must lie in [0, 1] at both bounds; or
  one ``<item>`` per whole number of an integer issue (as NegMAS writes them), divided by the
  largest like any items. Weights are normalised to sum 1. ``<reservation value>`` (default 0)
  becomes a plain-number BATNA. ``<discount_factor value>`` (default 1; GENIUS reads 0 as 1, so
  does standoff) is kept in :attr:`GeniusNegotiation.discount_factors`. A ``type="uncertain"``
  profile (ANAC 2018-2019) is read as the additive utility it is.
- **Skipped, as GENIUS skips them**: the ``<agent>`` slots of a ``<negotiation_template>``, the
  elicitation settings of an uncertain profile, ``<description>`` elements, and every attribute
  standoff does not use (``vtype``, ``number_of_issues``, an item's ``cost`` and ``description``).
- **Issues in standoff**: a discrete issue keeps its items as levels; an integer issue becomes a
  range issue with one point per integer; a real issue a range issue of ``steps`` points
  (:data:`~standoff.scenario._negotiation_model.DEFAULT_RESOLUTION` by default). An issue's name is
  its id when it is a valid standoff id; otherwise accents are dropped, every run of other
  characters becomes ``_``, a name starting with a digit gets ``issue_`` in front, a reserved word
  gets ``_`` after it, and a name already taken (by a party or an earlier issue) gets ``_2``,
  ``_3``, …; :attr:`GeniusNegotiation.issue_names` maps each id back to its GENIUS name.
- **Discounting**: GENIUS discounts by *normalised time* t in [0, 1] (utility · d^t, t = 1 at the
  deadline); standoff's protocol discounts per round. Over ``rounds`` rounds the per-round factor
  with the same total discount is d^(1/rounds) (:meth:`GeniusNegotiation.per_round_discount`).

Refused, each with ``FILE:LINE:COLUMN``: malformed XML, ``<!DOCTYPE>`` (and so entity)
declarations, elements standoff does not read (nested objectives, non-linear ``<utility>``
hyper-rectangles and ``nonlinear`` or ``constraint`` profiles, evaluators other than linear, any
other element), issue types other than the three above, and anything missing or out of range.

>>> import tempfile
>>> from standoff.interop import write_genius
>>> from standoff.scenario import load
>>> korea = load("examples/korea_2017.yaml").negotiation
>>> with tempfile.TemporaryDirectory() as directory:
...     domain, us, nk = write_genius(korea, directory)
...     genius = read_genius(domain, {"US": us, "NK": nk})
>>> [issue.id for issue in genius.negotiation.issues]
['sanctions', 'program', 'inspections', 'exercises']
>>> genius.negotiation.issues[3].levels
('0%', '25%', '50%', '75%', '100%')
>>> genius.negotiation.batnas["US"].value(), dict(genius.discount_factors)
(0.31, {'US': 1.0, 'NK': 1.0})
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from standoff.errors import Diagnostic, ScenarioError
from standoff.interop._genius_domain import GENIUS_ISSUE_TYPES, DomainReader, issue_id
from standoff.interop._genius_profile import ProfileReader
from standoff.interop._xml import parse_xml
from standoff.scenario._expressions import IDENTIFIER, RESERVED_WORDS
from standoff.scenario._issues import MAX_STEPS
from standoff.scenario._limits import MAX_ROUNDS
from standoff.scenario._negotiation_model import (
    DEFAULT_RESOLUTION,
    Batna,
    Negotiation,
    Protocol,
    Utility,
)

__all__ = ["GENIUS_ISSUE_TYPES", "GeniusNegotiation", "issue_id", "read_genius"]


@dataclass(frozen=True)
class GeniusNegotiation:
    """A negotiation read from a GENIUS domain and one profile per party.

    Attributes
    ----------
    negotiation
        The issues, each party's utility and its BATNA (the profile's reservation value); a
        protocol only when :func:`read_genius` was given ``rounds``.
    discount_factors
        Party -> its GENIUS discount factor (per unit of normalised time; 1 = no discount).
    issue_names
        Issue id -> the issue's name in the GENIUS files (they differ when the name was sanitised).
    name
        The domain's name (its objective's ``name``; the file's stem when it has none).
    domain
        The domain file, as given.
    profiles
        Party -> its profile file, as given.
    """

    negotiation: Negotiation
    discount_factors: Mapping[str, float]
    issue_names: Mapping[str, str]
    name: str
    domain: str
    profiles: Mapping[str, str]

    def per_round_discount(self, party: str, rounds: int) -> float:
        """The per-round factor that discounts as much over ``rounds`` rounds: d^(1/rounds).

        >>> from standoff.errors import Location
        >>> where = Location("d.xml", 1, 1)
        >>> empty = Negotiation((), (), {}, {}, (), None, where)
        >>> GeniusNegotiation(empty, {"A": 0.25}, {}, "d", "d.xml", {}).per_round_discount("A", 2)
        0.5
        """
        if rounds < 1:
            raise ValueError(f"rounds must be at least 1, found {rounds}")
        return float(self.discount_factors[party] ** (1 / rounds))


def read_genius(
    domain: str | os.PathLike[str],
    profiles: Mapping[str, str | os.PathLike[str]],
    *,
    steps: int = DEFAULT_RESOLUTION,
    rounds: int | None = None,
) -> GeniusNegotiation:
    """Read a GENIUS domain and one profile per party.

    Parameters
    ----------
    domain
        The domain file.
    profiles
        Party id -> its profile file; the parties sit at the table in this order.
    steps
        The points each ``real`` issue is discretised into (both bounds included).
    rounds
        When given, the negotiation gets an alternating-offers protocol of this many rounds (at
        most :data:`~standoff.scenario._limits.MAX_ROUNDS`; bilateral only), the first party
        opening, with each party's discount factor turned into the per-round factor
        d^(1/rounds) (see :meth:`GeniusNegotiation.per_round_discount`).

    Raises
    ------
    standoff.errors.ScenarioError
        Every problem found in the files, each as ``FILE:LINE:COLUMN: error: message``.
    ValueError
        When an argument is invalid: fewer than two parties, a party id that is not a valid id.
    """
    parties = tuple(profiles)
    _check_arguments(parties, steps, rounds)
    domain_file = os.fspath(domain)
    reader = DomainReader(parse_xml(Path(domain_file), domain_file), set(parties), steps)
    name, issues = reader.read()
    if reader.problems:
        raise ScenarioError(reader.problems)
    problems: list[Diagnostic] = []
    utilities: dict[str, Utility] = {}
    batnas: dict[str, Batna] = {}
    discounts: dict[str, float] = {}
    for party, path in profiles.items():
        shown = os.fspath(path)
        try:
            profile = ProfileReader(parse_xml(Path(shown), shown), issues)
        except ScenarioError as error:
            problems.extend(error.diagnostics)
            continue
        read = profile.read()
        problems.extend(profile.problems)
        if read is not None:
            utilities[party], batnas[party], discounts[party] = read
    if problems:
        raise ScenarioError(problems)
    where = reader.document.where(reader.document.root)
    protocol = None
    if rounds is not None:
        protocol = Protocol(
            first=parties[0],
            rounds=rounds,
            deadline=MappingProxyType({}),
            discount=MappingProxyType(
                {party: d ** (1 / rounds) for party, d in discounts.items() if d < 1}
            ),
            breakdown=0.0,
            strategies=MappingProxyType({}),
            uncertain=MappingProxyType({}),
            location=where,
        )
    negotiation = Negotiation(
        parties=parties,
        issues=tuple(issue.issue for issue in issues.values()),
        utilities=MappingProxyType(utilities),
        batnas=MappingProxyType(batnas),
        beliefs=(),
        protocol=protocol,
        location=where,
    )
    return GeniusNegotiation(
        negotiation=negotiation,
        discount_factors=MappingProxyType(discounts),
        issue_names=MappingProxyType({issue.issue.id: label for label, issue in issues.items()}),
        name=name or Path(domain_file).stem,
        domain=domain_file,
        profiles=MappingProxyType({party: os.fspath(path) for party, path in profiles.items()}),
    )


def _check_arguments(parties: tuple[str, ...], steps: int, rounds: int | None) -> None:
    if len(parties) < 2:
        raise ValueError(f"a negotiation needs at least two parties, found {len(parties)}")
    for party in parties:
        if party in RESERVED_WORDS or not IDENTIFIER.fullmatch(party):
            raise ValueError(
                f"'{party}' is not a valid party id (expected letters, digits and '_', not "
                "starting with a digit, and not a reserved word)"
            )
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be in [1, {MAX_STEPS}], found {steps}")
    if rounds is not None:
        if rounds < 1:
            raise ValueError(f"rounds must be at least 1, found {rounds}")
        if rounds > MAX_ROUNDS:
            raise ValueError(f"rounds must be at most {MAX_ROUNDS}, found {rounds}")
        if len(parties) != 2:
            raise ValueError(f"a protocol needs exactly two parties, found {len(parties)}")
