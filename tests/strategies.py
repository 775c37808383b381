"""Hypothesis strategies for random scenario files (format 1) with a ``conflict`` section.

:func:`scenario_texts` draws the YAML text of a small, always valid conflict: 2–4 parties with
1–3 options each (at most 7 options in all), sometimes a party without options, and sometimes
``infeasible`` expressions, ``mutually_exclusive`` / ``exactly_one`` groups, ``irreversible``
options (both directions), ``forbidden_moves``, a named status quo, and preferences given either
as prioritization statements (which tie states naturally) or as explicit rankings with tie groups.

The strategy evaluates its own expressions, so it knows the feasible states: it never writes an
empty feasible set (``infeasible`` expressions are dropped until a state remains; the option groups
are disjoint, so they alone always leave one) and lists every feasible state exactly once in a
ranking.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hypothesis import strategies as st

from standoff.conflict import Conflict, build_conflict
from standoff.scenario import loads

__all__ = ["Expr", "GeneratedScenario", "conflict_from_text", "scenario_texts", "scenarios"]

MAX_OPTIONS = 7
PARTY_NAMES = ("Ann", "Bob", "Cat", "Dan")


def conflict_from_text(text: str) -> Conflict:
    """Load a scenario from YAML text and build its conflict."""
    return build_conflict(loads(text))


@dataclass(frozen=True)
class Expr:
    """An expression as text, with a Python predicate over state codes that evaluates it."""

    text: str
    holds: Callable[[int], bool]
    atomic: bool = True

    def operand(self) -> str:
        """The text, parenthesised when it is not a single option or state name."""
        return self.text if self.atomic else f"({self.text})"


@dataclass(frozen=True)
class GeneratedScenario:
    """A drawn scenario: its YAML text and the feasible codes the strategy computed for it."""

    text: str
    feasible: tuple[int, ...]


def _option(name: str, bit: int) -> Expr:
    return Expr(name, lambda code: bool(code >> bit & 1))


@st.composite
def expressions(draw: st.DrawFn, options: Sequence[str], depth: int = 2) -> Expr:
    """A random expression over ``options`` (option k has bit k) using every operator."""
    kinds = ["option", "not"] + (["and", "or", "if", "iff"] if depth > 0 else [])
    kind = draw(st.sampled_from(kinds))
    if kind in ("option", "not"):
        bit = draw(st.integers(0, len(options) - 1))
        leaf = _option(options[bit], bit)
        if kind == "option":
            return leaf
        return Expr(f"not {leaf.text}", lambda code: not leaf.holds(code), atomic=False)
    left = draw(expressions(options, depth - 1))
    right = draw(expressions(options, depth - 1))
    text = f"{left.operand()} {kind} {right.operand()}"
    operators: dict[str, Callable[[bool, bool], bool]] = {
        "and": lambda a, b: a and b,
        "or": lambda a, b: a or b,
        "if": lambda a, b: a or not b,  # "A if B": true when B is false or A is true
        "iff": lambda a, b: a == b,
    }
    combine = operators[kind]
    return Expr(text, lambda code: combine(left.holds(code), right.holds(code)), atomic=False)


@st.composite
def literals(draw: st.DrawFn, options: Sequence[str], bits: Sequence[int]) -> Expr:
    """One of the options with the given bits, or its negation."""
    bit = draw(st.sampled_from(bits))
    leaf = _option(options[bit], bit)
    if draw(st.booleans()):
        return leaf
    return Expr(f"not {leaf.text}", lambda code: not leaf.holds(code), atomic=False)


@st.composite
def forbidden_rules(
    draw: st.DrawFn, options: Sequence[str], owned: dict[str, list[int]]
) -> tuple[str, Expr, Expr]:
    """A forbidden move rule: party, ``from`` and ``to``.

    Half the sides are literals over the party's own options (``from: not b1``, ``to: b2``): those
    make a party's moves non-transitive (b1 then b2, but not both at once), the case where the
    legal-sequence rule decides what the others can reach.
    """
    party = draw(st.sampled_from(sorted(owned)))
    side = st.one_of(literals(options, owned[party]), expressions(options))
    return party, draw(side), draw(side)


def _full_conjunction(code: int, options: Sequence[str]) -> str:
    """The expression matching exactly the state ``code``: ``a and not b and c``."""
    return " and ".join(
        name if code >> bit & 1 else f"not {name}" for bit, name in enumerate(options)
    )


def _feasible(
    count: int, infeasible: Sequence[Expr], groups: Sequence[tuple[Sequence[int], bool]]
) -> list[int]:
    def allowed(code: int) -> bool:
        for bits, exact in groups:
            taken = sum(code >> bit & 1 for bit in bits)
            if taken > 1 or (exact and taken == 0):
                return False
        return not any(expression.holds(code) for expression in infeasible)

    return [code for code in range(1 << count) if allowed(code)]


@st.composite
def scenarios(draw: st.DrawFn, *, chains: bool = False) -> GeneratedScenario:
    """A random valid scenario with a conflict section, and its feasible state codes.

    With ``chains``, every party has two or three options and its own forbidden moves between
    literals, so that reaching a state often takes several moves of one party: the conflicts where
    the legal-sequence rule (no party moves twice in succession) changes what the others can reach.
    """
    party_count = draw(st.integers(2, 3 if chains else 4))
    least = 2 if chains else 1
    sizes: list[int] = []
    for k in range(party_count):
        room = MAX_OPTIONS - sum(sizes) - least * (party_count - k - 1)  # leave some for the rest
        sizes.append(draw(st.integers(least, min(3, room))))
    parties = PARTY_NAMES[:party_count]
    options: list[str] = []
    owned: dict[str, list[int]] = {}
    for party, size in zip(parties, sizes, strict=True):
        owned[party] = list(range(len(options), len(options) + size))
        options.extend(f"{party.lower()}{j}" for j in range(size))
    count = len(options)
    any_expression = expressions(options)

    lines = ["standoff: 1", "title: Random conflict", "parties:"]
    for party in parties:
        lines += [f"  {party}:", "    options:"]
        lines += [f"      {options[bit]}: Option {options[bit]}" for bit in owned[party]]
    if draw(st.booleans()):
        lines += ["  Eve:", "    label: A party without options"]

    # -- feasibility: disjoint groups always leave a state; drop infeasible rules until one does
    shuffled = draw(st.permutations(range(count)))
    groups: list[tuple[list[int], bool]] = []
    position = 0
    for _ in range(draw(st.integers(0, 2))):
        size = draw(st.integers(2, 3))
        if position + size > count:
            break
        groups.append((list(shuffled[position : position + size]), draw(st.booleans())))
        position += size
    with_infeasible = not chains and draw(st.booleans())
    infeasible = draw(st.lists(any_expression, max_size=2)) if with_infeasible else []
    feasible = _feasible(count, infeasible, groups)
    while not feasible:
        infeasible.pop()
        feasible = _feasible(count, infeasible, groups)

    lines.append("conflict:")
    if infeasible:
        lines.append("  infeasible:")
        lines += [f"  - {expression.text}" for expression in infeasible]
    for key, exact in (("mutually_exclusive", False), ("exactly_one", True)):
        chosen = [bits for bits, is_exact in groups if is_exact == exact]
        if chosen:
            lines.append(f"  {key}:")
            lines += [f"  - [{', '.join(options[bit] for bit in bits)}]" for bits in chosen]
    directions = draw(
        st.dictionaries(
            st.sampled_from(options), st.sampled_from(["once_taken", "once_dropped"]), max_size=3
        )
    )
    if directions:
        lines.append("  irreversible:")
        lines += [f"    {option}: {direction}" for option, direction in sorted(directions.items())]
    rules = draw(st.lists(forbidden_rules(options, owned), max_size=3))
    if chains:
        for party in parties:
            own = literals(options, owned[party])
            rules += [(party, draw(own), draw(own)) for _ in range(draw(st.integers(1, 2)))]
    if rules:
        lines.append("  forbidden_moves:")
        for party, source, target in rules:
            lines += [f"  - party: {party}", f"    from: {source.text}", f"    to: {target.text}"]
    status_quo = draw(st.sampled_from(feasible)) if draw(st.booleans()) else None
    if status_quo is not None:
        lines += [
            "  states:",
            f"    sq: {_full_conjunction(status_quo, options)}",
            "  status_quo: sq",
        ]

    lines.append("  preferences:")
    for party in parties:
        lines.append(f"    {party}:")
        if draw(st.booleans()):
            statements = draw(st.lists(any_expression, min_size=1, max_size=4))
            texts = [statement.text for statement in statements]
            if status_quo is not None and draw(st.booleans()):
                texts.insert(draw(st.integers(0, len(texts))), "not sq")
            lines += [f"    - {text}" for text in texts]
        else:
            order = draw(st.permutations(feasible))
            ties = draw(st.lists(st.booleans(), min_size=len(order), max_size=len(order)))
            entries: list[list[int]] = []
            for code, tie in zip(order, ties, strict=True):
                if tie and entries:
                    entries[-1].append(code)
                else:
                    entries.append([code])
            lines.append("      ranking:")
            for entry in entries:
                members = [_full_conjunction(code, options) for code in entry]
                if len(members) == 1 and draw(st.booleans()):
                    lines.append(f"      - {members[0]}")
                else:
                    lines.append(f"      - [{', '.join(members)}]")
    return GeneratedScenario("\n".join(lines) + "\n", tuple(feasible))


def scenario_texts(*, chains: bool = False) -> st.SearchStrategy[str]:
    """The YAML text of a random valid scenario (see :func:`scenarios`)."""
    return scenarios(chains=chains).map(lambda scenario: scenario.text)
