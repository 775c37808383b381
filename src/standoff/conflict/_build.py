"""Build a :class:`Conflict` from a scenario: feasible states, state names, ranks and move rules.

The checks that need the states happen here and are reported against the scenario file like every
other problem: a state name or status quo matching zero or several states, a ranking that misses or
repeats states, an empty feasible set, and a scenario too large for the engine (refused before any
large allocation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from standoff.conflict._judgements import Judgements
from standoff.conflict._model import Conflict, ForbiddenRule, Ranks, StateCodes
from standoff.errors import Diagnostic, Location, ScenarioError, ScenarioTooLargeError
from standoff.scenario import ConflictSpec, Formula, Preference, Prioritization, Scenario
from standoff.scenario._expressions import Predicate

__all__ = ["MAX_OPTIONS", "MAX_STATES", "build_conflict"]

MAX_OPTIONS = 28
"""Most options a conflict may have: the candidate space 2^n is enumerated in chunks."""
MAX_STATES = 1 << 22
"""Most feasible states the engine analyses (4,194,304)."""
_CHUNK = 1 << 20
_SHOWN = 5  # states listed in a message before "and N more"


def build_conflict(scenario: Scenario) -> Conflict:
    """Enumerate the feasible states of ``scenario`` and evaluate its conflict section.

    Raises
    ------
    standoff.errors.ScenarioError
        For every state-level problem found (all of them, in file order).
    standoff.errors.ScenarioTooLargeError
        When the candidate space or the feasible set exceeds :data:`MAX_OPTIONS` or
        :data:`MAX_STATES`.

    Examples
    --------
    >>> from standoff.scenario import load
    >>> conflict = build_conflict(load("examples/syria_iraq_1975.yaml"))
    >>> conflict.state_count, conflict.status_quo
    (6, 0)
    """
    spec = scenario.conflict
    if spec is None:
        where = scenario.location
        raise ScenarioError(
            [Diagnostic(where, "the scenario has no 'conflict' section to analyse")]
        )
    return _Builder(scenario, spec).build()


class _Builder:
    def __init__(self, scenario: Scenario, spec: ConflictSpec) -> None:
        self.scenario = scenario
        self.spec = spec
        self.problems: list[Diagnostic] = []
        self.option_bits = {option.id: option.index for option in scenario.options}
        self.codes: StateCodes = np.zeros(0, dtype=np.int64)
        self.named: dict[str, int] = {}  # state name -> code
        self.named_ready = False  # whether every state name has been evaluated

    def build(self) -> Conflict:
        self.codes = self.feasible_states()
        self.named = self.state_names()
        self.named_ready = True
        status_quo = self.single_state(self.spec.status_quo, "'status_quo'")
        ranks = {
            party: self.ranks(party, preference)
            for party, preference in self.spec.preferences.items()
        }
        forbidden = tuple(
            ForbiddenRule(rule.party, self.evaluate(rule.source), self.evaluate(rule.target))
            for rule in self.spec.forbidden_moves
        )
        beliefs: dict[tuple[str, ...], Mapping[str, Ranks]] = {}
        for perception in self.scenario.perceptions:
            viewer = perception.viewer
            beliefs[(viewer,)] = MappingProxyType(
                {party: self.ranks(party, p) for party, p in perception.preferences.items()}
            )
            for holder, view in perception.views.items():
                beliefs[(viewer, holder)] = MappingProxyType(
                    {party: self.ranks(party, p) for party, p in view.items()}
                )
        judgements = {
            party: self.judgements(party, preference)
            for party, preference in self.spec.preferences.items()
        }
        alternatives = {
            party: tuple(self.ranks(party, a.preference) for a in uncertainty.alternatives)
            for party, uncertainty in self.scenario.uncertainty.items()
        }
        unaware = {
            perception.viewer: sum(1 << self.option_bits[o] for o in perception.unaware_of)
            for perception in self.scenario.perceptions
        }
        if self.problems:
            raise ScenarioError(self.problems)
        once_taken = sum(
            1 << self.option_bits[o] for o, d in self.spec.irreversible.items() if d == "once_taken"
        )
        once_dropped = sum(
            1 << self.option_bits[o]
            for o, d in self.spec.irreversible.items()
            if d == "once_dropped"
        )
        names = {int(np.searchsorted(self.codes, code)): name for name, code in self.named.items()}
        for array in (self.codes, *ranks.values()):
            array.flags.writeable = False
        return Conflict(
            scenario=self.scenario,
            codes=self.codes,
            names=MappingProxyType(names),
            status_quo=None if status_quo is None else int(np.searchsorted(self.codes, status_quo)),
            ranks=MappingProxyType(ranks),
            once_taken=once_taken,
            once_dropped=once_dropped,
            forbidden=forbidden,
            beliefs=MappingProxyType(beliefs),
            unaware=MappingProxyType(unaware),
            judgements=MappingProxyType(judgements),
            alternatives=MappingProxyType(alternatives),
        )

    # -- states ----------------------------------------------------------------------------------

    def bit(self, name: str) -> Predicate:
        shift = self.option_bits[name]
        return lambda codes: (codes >> shift) & 1 == 1

    def feasible_states(self) -> StateCodes:
        option_count = len(self.scenario.options)
        where = self.scenario.location
        if option_count > MAX_OPTIONS:
            raise ScenarioTooLargeError(
                [
                    Diagnostic(
                        where,
                        f"the scenario has {option_count} options, so "
                        f"{2**option_count:,} candidate states; the engine's limit is "
                        f"{MAX_OPTIONS} options ({2**MAX_OPTIONS:,} candidates)",
                    )
                ]
            )
        excluded = [formula.expression.compile(self.bit) for formula in self.spec.infeasible]
        groups = [
            (sum(1 << self.option_bits[o] for o in group), exact)
            for groups, exact in (
                (self.spec.mutually_exclusive, False),
                (self.spec.exactly_one, True),
            )
            for group in groups
        ]
        chunks: list[StateCodes] = []
        found = 0
        for start in range(0, 1 << option_count, _CHUNK):
            candidates = np.arange(start, min(start + _CHUNK, 1 << option_count), dtype=np.int64)
            keep = np.ones(candidates.size, dtype=np.bool_)
            for mask, exact in groups:
                taken = _popcount(candidates & mask)
                keep &= taken == 1 if exact else taken <= 1
            for predicate in excluded:
                keep &= ~predicate(candidates)
            chunk = candidates[keep]
            found += chunk.size
            if found > MAX_STATES:
                raise ScenarioTooLargeError(
                    [
                        Diagnostic(
                            where,
                            f"the scenario has more than {MAX_STATES:,} feasible states "
                            f"(the engine's limit); {2**option_count:,} candidates from "
                            f"{option_count} options",
                        )
                    ]
                )
            chunks.append(chunk)
        codes = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
        if codes.size == 0:
            raise ScenarioError(
                [
                    Diagnostic(
                        self.spec.location,
                        "no feasible states: every combination of options "
                        "is excluded by 'infeasible', 'mutually_exclusive' or 'exactly_one'",
                    )
                ]
            )
        return codes

    def state_names(self) -> dict[str, int]:
        """The code of each valid state name, each evaluated after the state names it uses.

        A depth-first walk with its own stack, not recursion, so that a long chain of state names
        defined through one another cannot exhaust the call stack: in file order, each name after
        the names it uses (in the order its expression mentions them), as they were always
        evaluated. The loader has already refused cycles.
        """
        states = self.spec.states
        named: dict[str, int] = {}

        def bind(name: str) -> Predicate:
            if name in self.option_bits:
                return self.bit(name)
            code = named.get(name, -1)
            return lambda codes: codes == code

        def uses(name: str) -> Iterator[str]:
            return iter(dict.fromkeys(used for used, _ in states[name].expression.name_offsets()))

        for root in states:
            if root in named:
                continue
            stack = [(root, uses(root))]
            visiting = {root}
            while stack:
                name, pending = stack[-1]
                for used in pending:
                    if used in states and used not in named and used not in visiting:
                        visiting.add(used)
                        stack.append((used, uses(used)))
                        break
                else:
                    stack.pop()
                    code = self.single_state(states[name], f"state '{name}'", bind)
                    named[name] = -1 if code is None else code
        return {name: code for name, code in named.items() if code >= 0}

    def mentions_invalid_state(self, formula: Formula) -> bool:
        """Whether the formula uses a state name already reported as invalid (no second error)."""
        if not self.named_ready:
            return False
        invalid = self.spec.states.keys() - self.named.keys()
        return bool(formula.expression.names() & invalid)

    def binder(self) -> Callable[[str], Predicate]:
        def bind(name: str) -> Predicate:
            if name in self.option_bits:
                return self.bit(name)
            code = self.named.get(name, -1)
            return lambda codes: codes == code

        return bind

    def evaluate(
        self, formula: Formula, bind: Callable[[str], Predicate] | None = None
    ) -> NDArray[np.bool_]:
        return formula.expression.compile(bind or self.binder())(self.codes)

    def single_state(
        self, formula: Formula | None, what: str, bind: Callable[[str], Predicate] | None = None
    ) -> int | None:
        """The code of the one feasible state ``formula`` matches; a problem otherwise."""
        if formula is None or self.mentions_invalid_state(formula):
            return None
        matches = np.flatnonzero(self.evaluate(formula, bind))
        if matches.size == 1:
            return int(self.codes[matches[0]])
        if matches.size == 0:
            self.error(
                formula.location,
                f"{what} matches no feasible state ('{formula.text}' must match exactly one)",
            )
        else:
            self.error(
                formula.location,
                f"{what} matches {matches.size} feasible states, "
                f"{self.listing(matches)} ('{formula.text}' must match exactly one)",
            )
        return None

    # -- preferences -----------------------------------------------------------------------------

    def ranks(self, party: str, preference: Preference) -> Ranks:
        formulas = (
            preference.statements
            if isinstance(preference, Prioritization)
            else [member for entry in preference.entries for member in entry.members]
        )
        if any(self.mentions_invalid_state(formula) for formula in formulas):
            return np.ones(self.codes.size, dtype=np.int64)  # already reported
        if isinstance(preference, Prioritization):
            count = len(preference.statements)
            score = np.zeros(self.codes.size, dtype=np.int64)
            for k, statement in enumerate(preference.statements):
                score += self.evaluate(statement).astype(np.int64) << (count - 1 - k)
            return _dense_rank(-score)
        position = np.full(self.codes.size, -1, dtype=np.int64)
        for k, entry in enumerate(preference.entries):
            matched = np.zeros(self.codes.size, dtype=np.bool_)
            for member in entry.members:
                matched |= self.evaluate(member)
            again = np.flatnonzero(matched & (position >= 0))
            if again.size:
                first = sorted({int(position[i]) + 1 for i in again})
                self.error(
                    entry.location,
                    f"this ranking entry of '{party}' matches "
                    f"{_plural(again.size, 'state')} already ranked by entry "
                    f"{', '.join(map(str, first))}: {self.listing(again)}",
                )
            position[matched & (position < 0)] = k
            if not matched.any():
                self.error(
                    entry.location, f"this ranking entry of '{party}' matches no feasible state"
                )
        missing = np.flatnonzero(position < 0)
        if missing.size:
            self.error(
                preference.location,
                f"the ranking of '{party}' misses "
                f"{_plural(missing.size, 'feasible state')}: {self.listing(missing)}",
            )
        return _dense_rank(position)

    def judgements(self, party: str, preference: Preference) -> Judgements:
        if isinstance(preference, Prioritization):
            formulas: list[tuple[Formula, ...]] = [(s,) for s in preference.statements]
            kind: Literal["statements", "ranking"] = "statements"
        else:
            formulas = [entry.members for entry in preference.entries]
            kind = "ranking"
        matches = np.zeros((len(formulas), self.codes.size), dtype=np.bool_)
        if not any(self.mentions_invalid_state(f) for group in formulas for f in group):
            for k, group in enumerate(formulas):
                for formula in group:
                    matches[k] |= self.evaluate(formula)
        matches.flags.writeable = False
        texts = tuple(" | ".join(formula.text for formula in group) for group in formulas)
        return Judgements(party, kind, texts, matches)

    # -- messages --------------------------------------------------------------------------------

    def listing(self, indices: Iterable[int] | NDArray[np.int64]) -> str:
        items = [int(i) for i in indices]
        describe = self.describe_code
        shown = ", ".join(describe(int(self.codes[i])) for i in items[:_SHOWN])
        more = len(items) - _SHOWN
        return shown + (f" and {more} more" if more > 0 else "")

    def describe_code(self, code: int) -> str:
        pattern = "".join("Y" if code >> k & 1 else "N" for k in range(len(self.option_bits)))
        names = [name for name, named in self.named.items() if named == code]
        return f"{pattern} ({names[0]})" if names else pattern

    def error(self, where: Location, message: str) -> None:
        self.problems.append(Diagnostic(where, message))


def _popcount(values: StateCodes) -> NDArray[np.int64]:
    return np.bitwise_count(values).astype(np.int64)


def _dense_rank(keys: NDArray[np.int64]) -> Ranks:
    """Dense ranks, 1 for the smallest key: ``[5, 3, 5, 9] -> [2, 1, 2, 3]``."""
    _, inverse = np.unique(keys, return_inverse=True)
    return (inverse.reshape(-1) + 1).astype(np.int64)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
