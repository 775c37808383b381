"""Warnings about preferences that are valid but probably not what was meant.

Two slips pass every rule of the format and quietly change an analysis:

- a prioritization statement that every feasible state satisfies, or none does, ranks nothing:
  the party's ranking is the same without it (often an option misnamed in a way that still
  parses, or an infeasibility that rules out what the statement asks for);
- an option that no preferences mention (directly or through a state name), in the conflict or
  in any perception: no party cares whether it is taken, so a party with it moves freely to and
  fro and every analysis treats it as noise.

Each is a :class:`~standoff.errors.Diagnostic` of severity ``warning`` at the statement or the
option, in file order. The scenario stays valid: commands print the warnings and go on.

Examples
--------
>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import loads
>>> text = '''
... standoff: 1
... title: T
... parties:
...   A: {options: {a: x, b: y, c: z}}
... conflict:
...   infeasible: [a and b]
...   preferences:
...     A: [a, a and b]
... '''
>>> for warning in preference_warnings(build_conflict(loads(text, "t.yaml"))):
...     print(warning)  # doctest: +ELLIPSIS
t.yaml:5:...: warning: no party's preferences mention option 'c' (A), so no one cares whether ...
t.yaml:9:12: warning: statement 'a and b' of A's preferences holds in no feasible state, so ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from standoff.conflict._model import Conflict
from standoff.errors import Diagnostic
from standoff.scenario import Formula, Preference, Prioritization, Scenario

__all__ = ["preference_warnings"]


def preference_warnings(conflict: Conflict) -> tuple[Diagnostic, ...]:
    """The warnings of :mod:`this module <standoff.conflict._warnings>`, in file order."""
    found = [*_unmentioned_options(conflict.scenario), *_idle_statements(conflict)]
    return tuple(sorted(found, key=lambda d: (d.location.line, d.location.column, d.message)))


def _idle_statements(conflict: Conflict) -> Iterator[Diagnostic]:
    section = conflict.scenario.conflict
    if section is None:
        return
    for party, preference in section.preferences.items():
        judgements = conflict.judgements.get(party)
        if not isinstance(preference, Prioritization) or judgements is None:
            continue
        for statement, matches in zip(preference.statements, judgements.matches, strict=True):
            if matches.all() or not matches.any():
                where = "every" if matches.any() else "no"
                yield Diagnostic(
                    statement.location,
                    f"statement '{statement.text}' of {party}'s preferences holds in {where} "
                    "feasible state, so it ranks nothing",
                    "warning",
                )


def _unmentioned_options(scenario: Scenario) -> Iterator[Diagnostic]:
    section = scenario.conflict
    if section is None or not section.preferences:
        return
    preferences: list[Preference] = list(section.preferences.values())
    for perception in scenario.perceptions:
        preferences += perception.preferences.values()
        for view in perception.views.values():
            preferences += view.values()
    mentioned = _names(_formulas(preferences), section.states)
    for option in scenario.options:
        if option.id not in mentioned:
            yield Diagnostic(
                option.location,
                f"no party's preferences mention option '{option.id}' ({option.party}), so no "
                "one cares whether it is taken",
                "warning",
            )


def _formulas(preferences: Iterable[Preference]) -> Iterator[Formula]:
    for preference in preferences:
        if isinstance(preference, Prioritization):
            yield from preference.statements
        else:
            for entry in preference.entries:
                yield from entry.members


def _names(formulas: Iterable[Formula], defined: Mapping[str, Formula]) -> set[str]:
    """Every name the formulas mention, through state names to the options they stand for."""
    seen: set[str] = set()
    stack = [name for formula in formulas for name in formula.expression.names()]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in defined:
            stack.extend(defined[name].expression.names())
    return seen
