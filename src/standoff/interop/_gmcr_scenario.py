"""Scenario text for a GMCR+ conflict, written as an analyst would write it by hand.

:func:`gmcr_scenario` turns a :class:`~standoff.interop._gmcr_model.GmcrModel` into the text of a
scenario file (format 1) and the notes an import reports. How each GMCR+ construct maps
(docs/gmcr.md):

- **Decision makers and options** become parties and options, in GMCR+'s order (each decision
  maker's options together), so that option weights, decimal codes and state numbers agree; ids
  come from the names (:mod:`~standoff.interop._gmcr_ids`), the names stay as labels.
- **Infeasible conditions** become ``infeasible:`` expressions (``a and not b``; a compound's
  members joined by ``or``). Pairs ``a and b`` that exclude each other within a group of three or
  more options become a ``mutually_exclusive`` group, and ``exactly_one`` when the file also
  excludes taking none of them.
- **permittedDirection** ``fwd`` is ``once_taken``, ``back`` is ``once_dropped``.
- **Prioritization statements** are kept in order, as expressions: GMCR+ and standoff weigh them
  alike (statement i of k by 2^(k−1−i)). **Manual rankings** become ``ranking:`` lists, one full
  conjunction per state and a nested list per group of tied states.
- **Misperceptions** of one option of another decision maker (``[[k, "Y"]]`` or ``[[k, "N"]]``)
  become ``perceptions: {DM: {unaware_of: [option]}}``: freezing the option gives the same
  verdicts on the states GMCR+ leaves in view. Other misperceptions have no equivalent in the
  scenario format; they are written as comments and reported in the notes.
- **Coalitions** of two or more decision makers with options become ``coalitions:``.

>>> from standoff.interop import read_gmcr
>>> from standoff.scenario import loads
>>> imported = gmcr_scenario(read_gmcr("examples/gmcr/syria_iraq_1975.gmcr"))
>>> imported.option_ids
('release', 'escalate', 'attack')
>>> [option.id for option in loads(imported.text).options] == list(imported.option_ids)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from standoff._text import printable
from standoff.conflict import MAX_STATES
from standoff.errors import Diagnostic, Location, ScenarioError
from standoff.interop._gmcr_checks import counted
from standoff.interop._gmcr_ids import option_id, party_id
from standoff.interop._gmcr_model import GmcrCondition, GmcrModel, feasible_states
from standoff.scenario._limits import MAX_FILE_BYTES

__all__ = ["GmcrImport", "gmcr_scenario"]

_DIRECTIONS = {"fwd": "once_taken", "back": "once_dropped"}
_LINE_BREAKS = "\n\r\x85\u2028\u2029"


@dataclass(frozen=True)
class GmcrImport:
    """An imported GMCR+ conflict.

    Attributes
    ----------
    text
        The scenario file (YAML, format 1), with comments where GMCR+ differs from standoff.
    notes
        What the import report says: what was not imported or approximated, and where GMCR+'s
        own results would differ from standoff's.
    party_ids
        The id of each decision maker, in file order.
    option_ids
        The id of each option, in GMCR+'s (and the scenario's) order.
    """

    text: str
    notes: tuple[str, ...]
    party_ids: tuple[str, ...]
    option_ids: tuple[str, ...]


def gmcr_scenario(model: GmcrModel, *, title: str | None = None) -> GmcrImport:
    """The scenario text of a GMCR+ conflict, and the notes of its import.

    Parameters
    ----------
    model
        The conflict, as :func:`~standoff.interop.read_gmcr` read it.
    title
        The scenario's title (default: the file's name without its extension).

    Raises
    ------
    standoff.errors.ScenarioError
        When the scenario would be larger than a scenario file may be (1 MiB): manual rankings of
        too many states.
    """
    return _Writer(model, title).write()


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar on one line: plain when it can be, quoted otherwise."""
    width = 2**31 - 1
    dumped = yaml.dump(text, Dumper=yaml.SafeDumper, allow_unicode=True, width=width)
    dumped = dumped.removesuffix("\n...\n").rstrip("\n")
    if any(character in dumped for character in _LINE_BREAKS):
        dumped = yaml.dump(
            text, Dumper=yaml.SafeDumper, allow_unicode=True, width=width, default_style='"'
        ).rstrip("\n")
    return dumped


class _Writer:
    """Builds the scenario's lines and the import's notes."""

    def __init__(self, model: GmcrModel, title: str | None) -> None:
        self.model = model
        self.title = title if title is not None else Path(model.file).stem or "GMCR+ conflict"
        self.notes: list[str] = list(model.notes)
        self.lines: list[str] = []
        taken: set[str] = set()
        self.party_ids = tuple(party_id(maker.name, taken) for maker in model.decision_makers)
        names = [maker.name for maker in model.decision_makers]
        self.option_ids = tuple(
            option_id(option.name, taken, parties=names) for option in model.options
        )
        self.movers = [k for k, maker in enumerate(model.decision_makers) if maker.options]

    # -- expressions -----------------------------------------------------------------------------

    def literal(self, option: int, taken: bool) -> str:
        return self.option_ids[option] if taken else f"not {self.option_ids[option]}"

    def conjunction(self, member: tuple[tuple[int, bool], ...]) -> str:
        unique = dict.fromkeys(member)  # the same literal twice says it once
        return " and ".join(self.literal(option, taken) for option, taken in unique)

    def expression(self, condition: GmcrCondition) -> str:
        """A condition as an expression: ``a and not b``, a compound's members joined by ``or``."""
        if len(condition.members) == 1:
            return self.conjunction(condition.members[0])
        return " or ".join(
            f"({self.conjunction(m)})" if len(dict.fromkeys(m)) > 1 else self.conjunction(m)
            for m in condition.members
        )

    def state(self, code: int) -> str:
        """The full conjunction naming one state."""
        count = len(self.model.options)
        return self.conjunction(tuple((k, bool(code >> k & 1)) for k in range(count)))

    # -- the file --------------------------------------------------------------------------------

    def write(self) -> GmcrImport:
        model = self.model
        source = printable(Path(model.file).name)
        writer = " ".join(part for part in (model.program, model.version) if part)
        self.lines += [
            f"# Imported from the GMCR+ file {source}"
            + (f" ({writer})" if writer else "")
            + " by 'standoff import gmcr'.",
            "# GMCR+ lists each decision maker's options together and numbers the feasible states",
            "# 1..N by decimal code, as standoff does: the state numbers of the .gmcr file are the",
            "# state ids of this scenario.",
            "standoff: 1",
            f"title: {_scalar(self.title)}",
            f"description: {_scalar(f'Imported from the GMCR+ file {Path(model.file).name}.')}",
        ]
        self.parties()
        self.conflict()
        self.perceptions()
        self.general_notes()
        text = "\n".join(self.lines) + "\n"
        size = len(text.encode("utf-8"))
        if size > MAX_FILE_BYTES:
            why = ""
            if model.manual_ranking and model.feasible_count is not None:
                states = counted(model.feasible_count, "state")
                why = f": its manual rankings list {states} for each decision maker"
            message = (
                f"the scenario would be {size:,} bytes, more than a scenario file may hold "
                f"({MAX_FILE_BYTES:,} bytes){why}"
            )
            raise ScenarioError([Diagnostic(Location(model.file, 1, 1), message)])
        return GmcrImport(text, tuple(self.notes), self.party_ids, self.option_ids)

    def parties(self) -> None:
        self.lines.append("parties:")
        for k, maker in enumerate(self.model.decision_makers):
            party = self.party_ids[k]
            self.lines.append(f"  {party}:")
            if maker.name != party:
                self.lines.append(f"    label: {_scalar(maker.name)}")
            if not maker.options:
                self.notes.append(
                    f"decision maker '{maker.name}' has no options: it cannot move, so its "
                    "preferences and misperceptions were not imported"
                )
                continue
            self.lines.append("    options:")
            for option in maker.options:
                name = self.model.options[option].name
                self.lines.append(f"      {self.option_ids[option]}: {_scalar(name)}")

    def conflict(self) -> None:
        self.lines.append("conflict:")
        self.feasibility()
        irreversible = [
            (self.option_ids[k], _DIRECTIONS[option.direction])
            for k, option in enumerate(self.model.options)
            if option.direction in _DIRECTIONS
        ]
        if irreversible:
            self.lines.append(
                "  irreversible:  # GMCR+ permittedDirection: fwd = once_taken, back = once_dropped"
            )
            self.lines += [f"    {option}: {kind}" for option, kind in irreversible]
        self.lines.append(
            "  # status_quo: ...  # GMCR+ files name no status quo: give one for the status quo "
            "analysis"
        )
        self.coalitions()
        self.preferences()

    def feasibility(self) -> None:
        remaining, exclusive, exactly = _groups(self.model.infeasibles, len(self.model.options))
        if remaining:
            self.lines.append("  infeasible:")
            self.lines += [f"  - {self.expression(self.model.infeasibles[k])}" for k in remaining]
        for key, groups in (("mutually_exclusive", exclusive), ("exactly_one", exactly)):
            if groups:
                self.lines.append(f"  {key}:  # from GMCR+ infeasible conditions")
                self.lines += [
                    f"  - [{', '.join(self.option_ids[o] for o in group)}]" for group in groups
                ]

    def coalitions(self) -> None:
        groups = []
        for group in self.model.coalitions:
            members = [k for k in group if self.model.decision_makers[k].options]
            dropped = [self.model.decision_makers[k].name for k in group if k not in members]
            if dropped and len(group) > 1:
                names = ", ".join(f"'{name}'" for name in dropped)
                self.notes.append(
                    f"coalition member(s) {names} left out of the coalition: without options, "
                    "a decision maker cannot move"
                )
            if len(members) > 1:
                groups.append(members)
        if groups:
            self.lines.append("  coalitions:  # GMCR+ coalitions; the other parties stand alone")
            self.lines += [
                f"  - [{', '.join(self.party_ids[k] for k in group)}]" for group in groups
            ]

    def preferences(self) -> None:
        model = self.model
        self.lines.append("  preferences:")
        if model.manual_ranking:
            self.lines.append(
                "    # GMCR+ manual rankings, most preferred first; a nested list is a group of "
                "tied states"
            )
            codes = feasible_states(len(model.options), model.infeasibles, limit=MAX_STATES)
        else:
            self.lines += [
                "    # GMCR+ option prioritization, most important first: statement i of k weighs",
                "    # 2^(k-1-i), as in standoff",
            ]
        for k in self.movers:
            maker = model.decision_makers[k]
            party = self.party_ids[k]
            if model.manual_ranking:
                assert maker.ranking is not None
                self.lines += [f"    {party}:", "      ranking:"]
                entries: list[tuple[str, int]] = []
                for group in maker.ranking:
                    for position, state in enumerate(group):
                        lead = "      - " if len(group) == 1 else "        - "
                        lead = "      - - " if len(group) > 1 and position == 0 else lead
                        entries.append((lead + self.state(int(codes[state - 1])), state))
                width = max(len(entry) for entry, _ in entries)
                self.lines += [f"{entry:<{width}}  # state {state}" for entry, state in entries]
            elif maker.preferences:
                self.lines.append(f"    {party}:")
                self.lines += [f"    - {self.expression(c)}" for c in maker.preferences]
            else:
                self.lines += [
                    f"    {party}:  # no statements in GMCR+: every state scores 0, all tied",
                    "      ranking: ['true']",
                ]
                self.notes.append(
                    f"'{maker.name}' has no prioritization statements: all its states are tied"
                )

    def perceptions(self) -> None:
        """Misperceptions of one option of another party, as ``unaware_of``; others as comments."""
        entries: list[str] = []
        skipped: list[str] = []
        for k in self.movers:
            maker = self.model.decision_makers[k]
            party = self.party_ids[k]
            unaware: dict[str, None] = {}
            for condition in maker.misperceptions:
                literals = dict.fromkeys(m for member in condition.members for m in member)
                option = next(iter(literals))[0] if len(literals) == 1 else None
                if option is not None and option not in maker.options:
                    unaware[self.option_ids[option]] = None
                    continue
                expression = self.expression(condition)
                skipped.append(f"#   {party} does not perceive: {expression}")
                self.notes.append(
                    f"the misperception of '{maker.name}' ({expression}) was not imported: "
                    "standoff's perceptions cannot remove states from one party's view, only "
                    "freeze the options of other parties it does not know about"
                )
            if unaware:
                entries += [f"  {party}:", f"    unaware_of: [{', '.join(unaware)}]"]
                self.notes.append(
                    f"the misperceptions of '{maker.name}' became 'unaware_of: "
                    f"[{', '.join(unaware)}]': the same verdicts on the states GMCR+ leaves in "
                    "its view, and verdicts on the others too"
                )
        if entries:
            self.lines += [
                "# GMCR+ misperceptions: the states a decision maker does not perceive. Those of",
                "# one option of another party are that option frozen in its view (unaware_of).",
                "perceptions:",
                *entries,
            ]
        if skipped:
            self.lines += [
                "# GMCR+ misperceptions with no equivalent here (standoff cannot remove states",
                "# from one party's view):",
                *skipped,
            ]

    def general_notes(self) -> None:
        """Where GMCR+'s own results would differ from standoff's, and why."""
        model = self.model
        movers = len(self.movers)
        if movers >= 3:
            self.notes.append(
                f"{movers} decision makers: GMCR+ lets each opponent move at most once in a "
                "sanction, so its GMR and SMR results can differ from standoff's, which allow "
                "any legal sequence of the opponents' moves"
            )
        if any(len(model.decision_makers[k].options) >= 2 for k in self.movers):
            self.notes.append(
                "GMCR+'s SIM reuses a one-shot iterator over the focal decision maker's "
                "improvements, so its SIM and SEQ+SIM results can differ from standoff's when a "
                "decision maker has two or more improvements from a state"
            )


def _groups(
    infeasibles: tuple[GmcrCondition, ...], option_count: int
) -> tuple[list[int], list[list[int]], list[list[int]]]:
    """(the infeasible conditions left as expressions, ``mutually_exclusive`` groups,
    ``exactly_one`` groups).

    A group is three or more options every two of which the file excludes with a plain
    ``[[a, "Y"], [b, "Y"]]`` condition; it is ``exactly_one`` when the file also excludes taking
    none of them (``[[a, "N"], [b, "N"], [c, "N"]]``). The conditions a group stands for are no
    longer written out; nothing changes which states are feasible.
    """
    pairs: dict[frozenset[int], int] = {}
    nones: dict[frozenset[int], int] = {}
    for k, condition in enumerate(infeasibles):
        if condition.compound or len(condition.members) != 1:
            continue
        literals = set(condition.members[0])
        options = frozenset(option for option, _ in literals)
        if len(options) != len(literals):
            continue  # a and not a
        if len(options) == 2 and all(taken for _, taken in literals):
            pairs.setdefault(options, k)
        elif len(options) >= 2 and not any(taken for _, taken in literals):
            nones.setdefault(options, k)
    used: set[int] = set()
    exclusive: list[list[int]] = []
    exactly: list[list[int]] = []
    for pair, k in sorted(pairs.items(), key=lambda item: item[1]):
        if k in used:
            continue
        group = sorted(pair)
        for option in range(option_count):
            if option not in group and all(
                pairs.get(frozenset((option, member)), -1) not in (-1, *used) for member in group
            ):
                group.append(option)
        if len(group) < 3:
            continue
        group.sort()
        used.update(pairs[frozenset((a, b))] for a in group for b in group if a < b)
        none = nones.get(frozenset(group))
        if none is not None and none not in used:
            used.add(none)
            exactly.append(group)
        else:
            exclusive.append(group)
    remaining = [k for k in range(len(infeasibles)) if k not in used]
    return remaining, exclusive, exactly
