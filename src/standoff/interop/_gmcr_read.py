"""Read a GMCR+ save file (``.gmcr``, the JSON of gmcr-py 0.4.1) into a :class:`GmcrModel`.

The file is checked whole before anything is built from it, and every problem is reported at
once, each as ``FILE:LINE:COLUMN: error: PATH: message``, where PATH is the JSON path of the value
at fault (``decisionMakers[1].options[2]``). What is checked: the JSON itself; the keys and the
kind of every value read; option indexes in range, each option owned by exactly one decision
maker; ``permittedDirection`` one of ``both``, ``fwd``, ``back``; conditions as lists of
``[option, "Y" | "N"]`` pairs and compounds as ``{"compound": true, "members": [...]}``; at least
one feasible state; manual rankings listing each feasible state exactly once; coalitions naming
existing decision makers, each once; at most :data:`MAX_GMCR_OPTIONS` options and at most
:data:`~standoff.scenario._limits.MAX_STATEMENTS` prioritization statements per decision maker.

Keys the format does not have are ignored with a note; ``payoffs`` and ``coalitionsFull``, which
GMCR+ derives from the rest, are not read. Older files' ``useManualPreferenceVectors`` and
``preferenceVector`` are read as ``useManualPreferenceRanking`` and ``preferenceRanking``.

>>> model = read_gmcr("examples/gmcr/syria_iraq_1975.gmcr")
>>> [option.file_index for option in model.options]   # Syria's options first, then Iraq's
[1, 2, 0]
>>> model.options[1].name
'Escalate: cut relations, troops to the border'
>>> model.feasible_count, model.decision_makers[0].ranking
(6, ((1,), (3,), (6,), (2,), (4,), (5,)))
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

from standoff.conflict import MAX_OPTIONS
from standoff.interop._gmcr_checks import GmcrChecker, counted, describe, is_index
from standoff.interop._gmcr_model import (
    DIRECTIONS,
    MAX_COUNTED_OPTIONS,
    Direction,
    GmcrCondition,
    GmcrDecisionMaker,
    GmcrModel,
    GmcrOption,
    count_feasible,
)
from standoff.interop._json import JsonDocument, JsonPath, parse_json
from standoff.scenario._limits import MAX_LISTED, MAX_STATEMENTS
from standoff.scenario._source import shortened

__all__ = ["MAX_GMCR_OPTIONS", "read_gmcr"]

MAX_GMCR_OPTIONS = MAX_OPTIONS
"""The most options a GMCR+ file may have: standoff's own limit (28), checked before any state
is enumerated."""

_TOP_KEYS = (
    "options", "decisionMakers", "infeasibles", "coalitions", "coalitionsFull",
    "useManualPreferenceRanking", "useManualPreferenceVectors", "program", "version",
)  # fmt: skip
_OPTION_KEYS = ("name", "permittedDirection")
_DM_KEYS = (
    "name", "options", "preferences", "payoffs", "misperceptions", "preferenceRanking",
    "preferenceVector",
)  # fmt: skip
_FORMAT = ("gmcr-py", "0.4.1")


def read_gmcr(path: str | os.PathLike[str]) -> GmcrModel:
    """Read and check a GMCR+ save file.

    Parameters
    ----------
    path
        The ``.gmcr`` file (JSON, at most 1 MiB).

    Returns
    -------
    GmcrModel
        The options in GMCR+'s order (decision maker by decision maker), every condition in
        terms of that order, and what the reader noticed (:attr:`GmcrModel.notes`).

    Raises
    ------
    standoff.errors.ScenarioError
        Every problem found, each as ``FILE:LINE:COLUMN: error: PATH: message``.
    """
    shown = os.fspath(path)
    document = parse_json(Path(shown), shown, "a GMCR+ file (.gmcr)")
    return _Reader(document).read()


class _Reader(GmcrChecker):
    """Reads the file's structure: options, decision makers, conditions, rankings, coalitions."""

    def __init__(self, document: JsonDocument) -> None:
        super().__init__(document)
        self.owners_known = True  # whether every decision maker's options could be read

    # -- the file --------------------------------------------------------------------------------

    def read(self) -> GmcrModel:
        """The checked model; raises with every problem found."""
        root = self.document.value
        if not isinstance(root, dict):
            self.error((), f"expected a GMCR+ save file (a JSON object), found {describe(root)}")
            self.raise_if_any()
        fields = self.object(
            root, (), "a GMCR+ save file", _TOP_KEYS, ("options", "decisionMakers")
        )
        assert fields is not None
        program = self.text(fields["program"], ("program",)) if "program" in fields else None
        version = self.text(fields["version"], ("version",)) if "version" in fields else None
        if (program, version) != (None, None) and (program, version) != _FORMAT:
            self.notes.append(
                f"written by {program or 'an unnamed program'} {version or ''}".rstrip()
                + "; standoff reads the format of gmcr-py 0.4.1"
            )
        options = self.read_options(fields["options"]) if "options" in fields else []
        manual = self.manual(fields)
        decision_makers: list[GmcrDecisionMaker] = []
        if "decisionMakers" in fields:
            decision_makers = self.read_decision_makers(fields["decisionMakers"], manual)
        else:
            self.owners_known = False  # reported as missing; who owns what is unknown
        infeasibles = self.conditions(
            fields.get("infeasibles", []), ("infeasibles",), "the infeasible conditions"
        )
        coalitions = self.read_coalitions(fields.get("coalitions", []), len(decision_makers))
        self.check_owners(options, decision_makers)
        self.raise_if_any()
        order = [index for maker in decision_makers for index in maker.options]
        position = {index: k for k, index in enumerate(order)}
        decision_makers = [
            GmcrDecisionMaker(
                name=maker.name,
                options=tuple(position[index] for index in maker.options),
                preferences=_reordered(maker.preferences, position),
                ranking=maker.ranking,
                misperceptions=_reordered(maker.misperceptions, position),
            )
            for maker in decision_makers
        ]
        infeasibles = _reordered(infeasibles, position)
        feasible = None
        if len(order) <= MAX_COUNTED_OPTIONS:
            feasible = count_feasible(len(order), infeasibles)
        if feasible == 0:
            self.error(
                ("infeasibles",) if "infeasibles" in fields else (),
                "no state is feasible: every combination of options matches an infeasible "
                "condition",
            )
        if manual and feasible is None:
            key = "useManualPreferenceRanking"
            key = key if key in fields else "useManualPreferenceVectors"
            self.error(
                (key,),
                f"manual rankings are read for at most {MAX_COUNTED_OPTIONS} options, and the "
                f"file has {len(order)}: their states are found among the 2^{len(order)} "
                "combinations of options (give prioritization statements instead)",
            )
        elif manual and feasible is not None:
            for k, maker in enumerate(decision_makers):
                self.check_ranking(maker, k, feasible)
        self.raise_if_any()
        return GmcrModel(
            file=self.document.file,
            options=tuple(options[index] for index in order),
            decision_makers=tuple(decision_makers),
            infeasibles=infeasibles,
            coalitions=coalitions,
            manual_ranking=manual,
            feasible_count=feasible,
            program=program,
            version=version,
            notes=tuple(self.notes),
        )

    def read_options(self, value: Any) -> list[GmcrOption]:
        """The ``options`` list, in file order."""
        items = self.array(value, ("options",), "the options")
        if items is None:
            return []
        self.option_count = len(items)
        if not items:
            self.error(("options",), "a conflict needs at least one option")
        if len(items) > MAX_GMCR_OPTIONS:
            self.error(
                ("options",),
                f"the file has {len(items):,} options, more than standoff's limit of "
                f"{MAX_GMCR_OPTIONS}",
            )
            return []
        options: list[GmcrOption] = []
        for index, item in enumerate(items):
            path: JsonPath = ("options", index)
            fields = self.object(item, path, "an option", _OPTION_KEYS, ("name",))
            if fields is None:
                continue
            name = self.text(fields["name"], (*path, "name")) if "name" in fields else None
            direction = fields.get("permittedDirection", "both")
            if direction not in DIRECTIONS:
                self.error(
                    (*path, "permittedDirection"),
                    f"unknown direction {describe(direction)} (expected 'both', 'fwd' or 'back')",
                )
                continue
            options.append(GmcrOption(name or "", cast("Direction", direction), index))
        return options

    def manual(self, fields: dict[str, Any]) -> bool:
        """Whether the file uses manual rankings (the older key read when the newer is absent)."""
        newer, older = "useManualPreferenceRanking", "useManualPreferenceVectors"
        if newer in fields:
            return self.flag(fields[newer], (newer,)) or False
        if older in fields:
            self.notes.append(f"read the older '{older}' as '{newer}'")
            return self.flag(fields[older], (older,)) or False
        return False

    def read_decision_makers(self, value: Any, manual: bool) -> list[GmcrDecisionMaker]:
        """The decision makers, their options as indexes in the file."""
        items = self.array(value, ("decisionMakers",), "the decision makers")
        if items is None:
            self.owners_known = False
            return []
        if not items:
            self.error(("decisionMakers",), "a conflict needs at least one decision maker")
        makers: list[GmcrDecisionMaker] = []
        older = False
        for index, item in enumerate(items):
            path: JsonPath = ("decisionMakers", index)
            required = ("name", "options") if manual else ("name", "options", "preferences")
            fields = self.object(item, path, "a decision maker", _DM_KEYS, required)
            if fields is None:
                self.owners_known = False
                makers.append(GmcrDecisionMaker("", (), (), None, ()))  # keeps indexes aligned
                continue
            name = self.text(fields["name"], (*path, "name")) if "name" in fields else None
            owned = self.array(fields.get("options", []), (*path, "options"), "option indexes")
            indexes = [self.option(o, (*path, "options", k)) for k, o in enumerate(owned or [])]
            self.owners_known &= owned is not None and None not in indexes
            preferences = self.conditions(
                fields.get("preferences", []), (*path, "preferences"), "prioritization statements"
            )
            statements = fields.get("preferences", [])
            if not manual and isinstance(statements, list) and len(statements) > MAX_STATEMENTS:
                self.error(
                    (*path, "preferences"),
                    f"{len(statements)} prioritization statements, more than standoff's limit of "
                    f"{MAX_STATEMENTS} (give a manual ranking instead)",
                )
            misperceptions = self.conditions(
                fields.get("misperceptions", []), (*path, "misperceptions"), "misperceptions"
            )
            key = "preferenceRanking" if "preferenceRanking" in fields else "preferenceVector"
            older |= key == "preferenceVector" and key in fields
            if manual and key not in fields:
                self.error(
                    path,
                    "missing required key 'preferenceRanking' (the file uses manual preference "
                    "rankings)",
                )
            ranking = self.read_ranking(fields[key], (*path, key)) if key in fields else None
            makers.append(
                GmcrDecisionMaker(
                    name=name or "",
                    options=tuple(o for o in indexes if o is not None),
                    preferences=preferences,
                    ranking=ranking,
                    misperceptions=misperceptions,
                )
            )
        if older:
            self.notes.append("read the older 'preferenceVector' as 'preferenceRanking'")
        return makers

    def read_ranking(self, value: Any, path: JsonPath) -> tuple[tuple[int, ...], ...] | None:
        """A manual ranking's shape: state numbers, or lists of tied state numbers."""
        items = self.array(value, path, "a ranking of state numbers")
        if items is None:
            return None
        groups: list[tuple[int, ...]] = []
        for position, item in enumerate(items):
            where = (*path, position)
            if is_index(item):
                groups.append((item,))
            elif isinstance(item, list):
                if not item:
                    self.error(where, "a group of tied states lists at least one state")
                for k, state in enumerate(item):
                    if not is_index(state):
                        self.error((*where, k), f"expected a state number, found {describe(state)}")
                groups.append(tuple(state for state in item if is_index(state)))
            else:
                self.error(
                    where,
                    "expected a state number or a list of tied state numbers, found "
                    f"{describe(item)}",
                )
        return tuple(groups)

    def check_ranking(self, maker: GmcrDecisionMaker, index: int, feasible: int) -> None:
        """A manual ranking lists each of the ``feasible`` states exactly once."""
        if maker.ranking is None:
            return
        fields = self.document.value["decisionMakers"][index]
        key = "preferenceRanking" if "preferenceRanking" in fields else "preferenceVector"
        path: JsonPath = ("decisionMakers", index, key)
        first: dict[int, JsonPath] = {}
        for position, item in enumerate(fields[key]):
            group = [(position,)] if is_index(item) else [(position, k) for k in range(len(item))]
            places = [((*path, *at), item if len(at) == 1 else item[at[1]]) for at in group]
            for where, state in places:
                if not 1 <= state <= feasible:
                    self.error(
                        where,
                        f"state {state} does not exist (the conflict has "
                        f"{counted(feasible, 'feasible state')}, numbered from 1)",
                    )
                elif state in first:
                    earlier = JsonDocument.path_text(first[state])
                    self.error(where, f"state {state} is listed twice (first at {earlier})")
                else:
                    first[state] = where
        missing = [state for state in range(1, feasible + 1) if state not in first]
        if missing:
            shown = ", ".join(str(state) for state in missing[:MAX_LISTED])
            more = f" and {len(missing) - MAX_LISTED:,} more" if len(missing) > MAX_LISTED else ""
            self.error(
                path,
                f"misses {'state' if len(missing) == 1 else 'states'} {shown}{more} (a ranking "
                f"lists each of the {counted(feasible, 'feasible state')} once)",
            )

    def read_coalitions(self, value: Any, count: int) -> tuple[tuple[int, ...], ...]:
        """The coalitions: decision-maker indexes, alone or in lists; each decision maker once."""
        items = self.array(value, ("coalitions",), "coalitions")
        first: dict[int, JsonPath] = {}
        groups: list[tuple[int, ...]] = []
        for position, item in enumerate(items or []):
            path: JsonPath = ("coalitions", position)
            if is_index(item):
                members = [(path, item)]
            elif isinstance(item, list):
                if not item:
                    self.error(path, "a coalition lists at least one decision maker")
                members = []
                for k, member in enumerate(item):
                    if is_index(member):
                        members.append(((*path, k), member))
                    else:
                        self.error(
                            (*path, k),
                            f"expected a decision maker index, found {describe(member)}",
                        )
            else:
                self.error(
                    path,
                    f"expected a decision maker index or a list of them, found {describe(item)}",
                )
                continue
            group: list[int] = []
            for where, member in members:
                if not 0 <= member < count:
                    self.error(
                        where,
                        f"decision maker {member} does not exist (the file has "
                        f"{counted(count, 'decision maker')})",
                    )
                elif member in first:
                    earlier = JsonDocument.path_text(first[member])
                    self.error(where, f"decision maker {member} is already in {earlier}")
                else:
                    first[member] = where
                    group.append(member)
            groups.append(tuple(group))
        return tuple(groups)

    def check_owners(
        self, options: list[GmcrOption], decision_makers: list[GmcrDecisionMaker]
    ) -> None:
        """Every option belongs to exactly one decision maker."""
        owner: dict[int, int] = {}
        items = self.document.value.get("decisionMakers")
        for index, maker in enumerate(decision_makers):
            owned = items[index].get("options", []) if isinstance(items[index], dict) else []
            seen: set[int] = set()
            for k, option in enumerate(owned if isinstance(owned, list) else []):
                if not is_index(option) or option not in maker.options:
                    continue
                if option in seen:
                    self.error(
                        ("decisionMakers", index, "options", k), f"option {option} is listed twice"
                    )
                elif option in owner:
                    other = decision_makers[owner[option]].name
                    self.error(
                        ("decisionMakers", index, "options", k),
                        f"option {option} is already an option of decision maker {owner[option]} "
                        f"('{shortened(other)}')",
                    )
                else:
                    owner[option] = index
                seen.add(option)
        if not self.owners_known:
            return  # some options of a decision maker could not be read
        for option in options:
            if option.file_index not in owner:
                self.error(
                    ("options", option.file_index),
                    f"option {option.file_index} ('{shortened(option.name)}') belongs to no "
                    "decision maker",
                )


def _reordered(
    conditions: tuple[GmcrCondition, ...], position: dict[int, int]
) -> tuple[GmcrCondition, ...]:
    """The conditions with each option index of the file replaced by its position in GMCR+'s
    order."""
    return tuple(
        GmcrCondition(
            tuple(
                tuple((position[option], taken) for option, taken in member)
                for member in condition.members
            ),
            condition.compound,
        )
        for condition in conditions
    )
