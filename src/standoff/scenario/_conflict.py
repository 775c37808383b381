"""The ``conflict:`` section: feasible states, moves, state names, preferences and coalitions.

::

    conflict:
      infeasible: [...]                 # expressions over options: combinations that cannot occur
      mutually_exclusive: [[a, b]]      # groups of options: at most one taken
      exactly_one: [[c, d]]             # groups of options: exactly one taken
      irreversible: {a: once_taken}     # or once_dropped
      forbidden_moves:                  # a party may not move from one kind of state to another
        - {party: Ann, from: a, to: not a}
      states: {crash: a and c}          # names for sets of states, usable in later expressions
      status_quo: not a and not c
      preferences: {...}                # see standoff.scenario._preferences
      coalitions: [[Ann, Bob]]          # parties that move together

Checked here: every name in an expression is an option or (except in ``infeasible``) a state
name, state names are not defined in terms of themselves, groups list distinct options,
irreversibility is ``once_taken`` or ``once_dropped``, forbidden moves and coalitions name parties
with options, and coalitions do not overlap. What needs the states enumerated is checked by the
conflict layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import cast

import yaml

from standoff.scenario._keys import Keys
from standoff.scenario._limits import MAX_LISTED
from standoff.scenario._model import ConflictSpec, ForbiddenMove, Formula, Irreversibility
from standoff.scenario._preferences import read_preferences
from standoff.scenario._reader import SectionContext

__all__ = ["CONFLICT_KEYS", "FORBIDDEN_MOVE_KEYS", "IRREVERSIBILITY", "read_conflict"]

CONFLICT_KEYS = Keys(
    {
        "infeasible": "Expressions over options (not state names): a combination of options "
        "where any of them holds is not a state.",
        "mutually_exclusive": "Groups of options (lists of option ids): at most one option of "
        "each group is taken.",
        "exactly_one": "Groups of options (lists of option ids): exactly one option of each "
        "group is taken.",
        "irreversible": "Option id -> the change that cannot be undone: 'once_taken' (once "
        "taken, never dropped) or 'once_dropped' (once dropped, never taken again).",
        "forbidden_moves": "Rules, each with 'party', 'from' and 'to': the party may not move "
        "from a state where 'from' holds to a state where 'to' holds.",
        "states": "Names for states: name -> an expression that matches exactly one feasible "
        "state. A name may be used in later expressions.",
        "status_quo": "Where the conflict stands now: a state name, or an expression that "
        "matches exactly one feasible state.",
        "preferences": "What each party with options wants, by party: a list of prioritization "
        "statements (most important first), or {ranking: [...]} (most preferred first).",
        "coalitions": "Groups of parties with options (lists of party ids) that move together; "
        "the parties not listed stand alone.",
    }
)
FORBIDDEN_MOVE_KEYS = Keys(
    {
        "party": "The party with options that may not make the move.",
        "from": "An expression: the states the move may not start from.",
        "to": "An expression: the states the move may not end in.",
    },
    required=("party", "from", "to"),
)
IRREVERSIBILITY = ("once_taken", "once_dropped")


def read_conflict(context: SectionContext, node: yaml.Node) -> ConflictSpec | None:
    """The validated section, or None (with diagnostics recorded on the context's reader)."""
    reader = context.reader
    fields = reader.mapping(node, "'conflict'", CONFLICT_KEYS)
    if fields is None:
        return None
    state_nodes = _state_names(context, fields["states"][1]) if "states" in fields else {}

    def items(key: str) -> list[yaml.Node]:
        if key not in fields or reader.is_null(fields[key][1]):
            return []
        return reader.sequence(fields[key][1], f"'{key}'") or []

    infeasible = tuple(
        formula
        for item in items("infeasible")
        if (formula := context.formula(item, "an 'infeasible' entry", states=False)) is not None
    )
    states = {
        name: formula
        for name, value in state_nodes.items()
        if (formula := context.formula(value, f"state '{name}'")) is not None
    }
    _check_state_cycles(context, states)
    status_quo = None
    if "status_quo" in fields:
        status_quo = context.formula(fields["status_quo"][1], "'status_quo'")
    return ConflictSpec(
        infeasible=infeasible,
        mutually_exclusive=_option_groups(
            context, items("mutually_exclusive"), "mutually_exclusive"
        ),
        exactly_one=_option_groups(context, items("exactly_one"), "exactly_one"),
        irreversible=_irreversible(context, fields.get("irreversible")),
        forbidden_moves=tuple(_forbidden_moves(context, items("forbidden_moves"))),
        states=MappingProxyType(states),
        status_quo=status_quo,
        preferences=read_preferences(context, node, fields.get("preferences")),
        location=reader.location(node),
        coalitions=_coalitions(context, items("coalitions")),
    )


def _state_names(context: SectionContext, node: yaml.Node) -> dict[str, yaml.Node]:
    """Register the state names (before any expression is read, so that any may use them)."""
    if context.reader.is_null(node):
        return {}
    entries = context.reader.mapping(node, "'states'")
    for key, value in (entries or {}).values():
        name = context.register(key, "state")
        if name is not None:
            context.state_names[name] = value
    return dict(context.state_names)


def _check_state_cycles(context: SectionContext, states: Mapping[str, Formula]) -> None:
    """Report every state name defined in terms of itself, through any chain of state names.

    A depth-first search with its own stack (a long chain of names cannot exhaust Python's), in
    file order; a name met again while the names that lead to it are open closes a cycle.
    """
    uses = {
        name: sorted(formula.expression.names() & states.keys()) for name, formula in states.items()
    }
    done: set[str] = set()
    for root in states:
        if root in done:
            continue
        path = [root]  # the open names, each using the next
        open_at = {root: 0}  # open name -> its place in path
        stack = [iter(uses[root])]
        while stack:
            used = next(stack[-1], None)
            if used is None:
                stack.pop()
                finished = path.pop()
                del open_at[finished]
                done.add(finished)
            elif used in open_at:
                names = [*path[open_at[used] :], used]
                if len(names) > MAX_LISTED:  # a long chain: its start and its end
                    names = [*names[: MAX_LISTED - 3], "…", *names[-2:]]
                cycle = " -> ".join(names)
                context.reader.error(
                    states[used].location, f"state '{used}' is defined in terms of itself ({cycle})"
                )
            elif used not in done:
                open_at[used] = len(path)
                path.append(used)
                stack.append(iter(uses[used]))


def _option_groups(
    context: SectionContext, nodes: Iterable[yaml.Node], key: str
) -> tuple[tuple[str, ...], ...]:
    reader = context.reader
    groups = []
    for node in nodes:
        members = reader.sequence(node, f"each group in '{key}'")
        if members is None:
            continue
        if not members:
            reader.error(node, f"a group in '{key}' must list at least one option")
            continue
        group: dict[str, None] = {}  # in order; a set for the check of repeats
        for member in members:
            option_id = context.option_reference(member, f"'{key}'")
            if option_id is None:
                continue
            if option_id in group:
                reader.error(member, f"option '{option_id}' appears twice in this group")
                continue
            group[option_id] = None
        groups.append(tuple(group))
    return tuple(groups)


def _irreversible(
    context: SectionContext, entry: tuple[yaml.Node, yaml.Node] | None
) -> Mapping[str, Irreversibility]:
    reader = context.reader
    if entry is None or reader.is_null(entry[1]):
        return MappingProxyType({})
    fields = reader.mapping(entry[1], "'irreversible'")
    result: dict[str, Irreversibility] = {}
    for key, value in (fields or {}).values():
        option_id = context.option_reference(key, "'irreversible'")
        direction = reader.text(value, f"the irreversibility of '{key.value}'")
        if direction is not None and direction not in IRREVERSIBILITY:
            reader.error(
                value,
                f"unknown irreversibility '{direction}'"
                + (
                    reader.suggest(direction, IRREVERSIBILITY)
                    or " (expected 'once_taken' or 'once_dropped')"
                ),
            )
            continue
        if option_id is not None and direction is not None:
            result[option_id] = cast(Irreversibility, direction)
    return MappingProxyType(result)


def _forbidden_moves(
    context: SectionContext, nodes: Iterable[yaml.Node]
) -> Iterable[ForbiddenMove]:
    reader = context.reader
    for node in nodes:
        fields = reader.mapping(
            node, "a forbidden move", FORBIDDEN_MOVE_KEYS, FORBIDDEN_MOVE_KEYS.required
        )
        if fields is None:
            continue
        party = source = target = None
        if "party" in fields:
            party = context.mover_reference(fields["party"][1], "a forbidden move")
        if "from" in fields:
            source = context.formula(fields["from"][1], "'from'")
        if "to" in fields:
            target = context.formula(fields["to"][1], "'to'")
        if party is not None and source is not None and target is not None:
            yield ForbiddenMove(party, source, target, reader.location(node))


def _coalitions(context: SectionContext, nodes: Iterable[yaml.Node]) -> tuple[tuple[str, ...], ...]:
    """Coalitions: lists of parties with options, none in two; unlisted parties stand alone."""
    reader = context.reader
    seen: dict[str, int] = {}
    groups = []
    for node in nodes:
        members = reader.sequence(node, "each coalition (a list of parties)")
        if members is None:
            continue
        if not members:
            reader.error(node, "a coalition must list at least one party")
            continue
        group = []
        for member in members:
            party = context.mover_reference(member, "a coalition")
            if party is None:
                continue
            if party in seen:
                reader.error(
                    member,
                    f"party '{party}' is already in the coalition at line {seen[party]} "
                    "(coalitions must not overlap)",
                )
                continue
            seen[party] = member.start_mark.line + 1
            group.append(party)
        groups.append(tuple(group))
    return tuple(groups)
