"""The ``negotiation.protocol:`` section: how simulated talks run (see docs/scenario-format.md).

::

    protocol:
      first: US                         # who makes the first offer
      rounds: 40                        # the round limit
      deadline: {US: 12}                # a party's own last round; absent = none
      discount: {US: 0.97, NK: 0.99}    # per-round discount factors; absent = 1
      breakdown: 0.02                   # probability the talks end after any round
      strategies:                       # a name, or {name: {parameter: value}}
        US: {boulware: {exponent: 0.2}}
        NK: stall
      uncertain:                        # inputs drawn anew in each simulated negotiation
        batna.NK: {uniform: [0.45, 0.65]}
        deadline.US: {choice: [12, 24, none], p: [0.6, 0.3, 0.1]}
        strategy.NK: {choice: [stall, boulware], p: [0.7, 0.3]}
        believed_deadline.NK: {choice: [12, 16, none]}   # the US's last round, as NK believes it

Checked here: exactly two parties at the table, known parties, rounds at least 1, deadlines
(and believed deadlines) within the round limit, probabilities and discount factors in [0, 1],
known strategy names and parameters (:mod:`standoff.scenario._strategies`), well-formed
distributions over known inputs.
"""

from __future__ import annotations

import math
from types import MappingProxyType

import yaml

from standoff.scenario._keys import Keys
from standoff.scenario._limits import MAX_ROUNDS, PROBABILITY_TOLERANCE
from standoff.scenario._negotiation_model import Distribution, Protocol, StrategyChoice
from standoff.scenario._reader import SectionContext
from standoff.scenario._source import SourceReader
from standoff.scenario._strategies import read_strategy, strategy_name

__all__ = [
    "DISTRIBUTIONS",
    "DISTRIBUTION_KEYS",
    "MAX_ROUNDS",
    "PROTOCOL_KEYS",
    "ROUND_INPUTS",
    "UNCERTAIN_INPUTS",
    "read_protocol",
]

PROTOCOL_KEYS = Keys(
    {
        "first": "The party at the table that makes the first offer, in round 1 (default: the "
        "first party at the table).",
        "rounds": "The round limit: the talks last at most this many rounds.",
        "deadline": "Party -> its own last round, from 1 to 'rounds' (default: none); the other "
        "side knows it unless 'beliefs' or 'uncertain' say otherwise.",
        "discount": "Party -> its discount factor per round, above 0 and at most 1 (default 1).",
        "breakdown": "The probability that the talks break down for good after any round "
        "without agreement (default 0).",
        "strategies": "Party -> its negotiating strategy: a name, or {name: {parameter: value}} "
        "(default: linear).",
        "uncertain": "Input -> the distribution it is drawn from anew in each simulated "
        "negotiation. Inputs: batna.PARTY, deadline.PARTY, discount.PARTY, belief.PARTY, "
        "strategy.PARTY, believed_deadline.PARTY, breakdown.",
    },
    required=("rounds",),
)
DISTRIBUTION_KEYS = Keys(
    {
        "uniform": "[a, b]: uniform over [a, b], a <= b inside the input's bounds.",
        "normal": "[mean, sd]: normal with that mean and standard deviation, clipped to [0, 1].",
        "choice": "The values to choose from: numbers, 'none' (a deadline or believed deadline) "
        "or strategy names.",
        "p": "With 'choice': the probability of each value, adding up to 1 (default: equal).",
    }
)
DISTRIBUTIONS = tuple(key for key in DISTRIBUTION_KEYS if key != "p")
"""The forms of a distribution: exactly one is given."""
UNCERTAIN_INPUTS = ("batna", "deadline", "discount", "belief", "strategy", "believed_deadline")
"""The inputs drawn per party (``batna.PARTY``); ``breakdown`` is drawn for both.
``belief.PARTY`` is the BATNA the party believes the other has, ``believed_deadline.PARTY`` the
other's last round as the party believes it."""
ROUND_INPUTS = frozenset({"deadline", "believed_deadline"})
"""The inputs that are rounds (1 to 'rounds', or 'none')."""


def read_protocol(
    context: SectionContext, node: yaml.Node, at_table: tuple[str, ...]
) -> Protocol | None:
    """The validated protocol, or None (with diagnostics recorded)."""
    reader = context.reader
    fields = reader.mapping(node, "'protocol'", PROTOCOL_KEYS, PROTOCOL_KEYS.required)
    if fields is None:
        return None
    if len(at_table) != 2:
        reader.error(node, "a protocol simulates bilateral talks: it needs exactly two parties at "
                     f"the table, found {len(at_table)}")  # fmt: skip
        return None
    first = at_table[0]
    if "first" in fields:
        first = _party(reader, fields["first"][1], at_table, "'first'") or first
    rounds = 0
    if "rounds" in fields:
        rounds = reader.integer(fields["rounds"][1], "'rounds'", 1, MAX_ROUNDS) or 0
    deadline: dict[str, int] = {}
    for party, value in _per_party(reader, fields.get("deadline"), at_table).items():
        last = reader.integer(
            value, f"the deadline of '{party}' (a round within 'rounds')", 1, rounds or MAX_ROUNDS
        )
        if last is not None:
            deadline[party] = last
    discount: dict[str, float] = {}
    for party, value in _per_party(reader, fields.get("discount"), at_table).items():
        factor = reader.number(value, f"the discount factor of '{party}'", 0.0, 1.0)
        if factor == 0:
            reader.error(value, f"the discount factor of '{party}' must be above 0, found 0")
        elif factor is not None:
            discount[party] = factor
    breakdown = 0.0
    if "breakdown" in fields:
        breakdown = reader.number(fields["breakdown"][1], "'breakdown'", 0.0, 1.0) or 0.0
    strategies: dict[str, StrategyChoice] = {}
    for party, value in _per_party(reader, fields.get("strategies"), at_table).items():
        strategy = read_strategy(reader, value)
        if strategy is not None:
            strategies[party] = strategy
    uncertain: dict[str, Distribution] = {}
    if "uncertain" in fields:
        for name, (key, value) in (
            reader.mapping(fields["uncertain"][1], "'uncertain'") or {}
        ).items():
            if _uncertain_input(reader, key, name, at_table):
                distribution = _distribution(reader, value, name, rounds)
                if distribution is not None:
                    uncertain[name] = distribution
    return Protocol(
        first=first,
        rounds=rounds,
        deadline=MappingProxyType(deadline),
        discount=MappingProxyType(discount),
        breakdown=breakdown,
        strategies=MappingProxyType(strategies),
        uncertain=MappingProxyType(uncertain),
        location=reader.location(node),
    )


def _party(
    reader: SourceReader, node: yaml.Node, at_table: tuple[str, ...], what: str
) -> str | None:
    name = reader.text(node, f"a party in {what}")
    if name is None:
        return None
    if name not in at_table:
        hint = (
            reader.suggest(name, at_table)
            or " (the parties at the table are "
            + ", ".join(f"'{party}'" for party in at_table)
            + ")"
        )
        reader.error(node, f"'{name}' is not at the table{hint}")
        return None
    return name


def _per_party(
    reader: SourceReader, entry: tuple[yaml.Node, yaml.Node] | None, at_table: tuple[str, ...]
) -> dict[str, yaml.Node]:
    if entry is None:
        return {}
    found = {}
    for key_node, value in (reader.mapping(entry[1], f"'{entry[0].value}'") or {}).values():
        party = _party(reader, key_node, at_table, f"'{entry[0].value}'")
        if party is not None:
            found[party] = value
    return found


def _uncertain_input(
    reader: SourceReader, key: yaml.Node, name: str, at_table: tuple[str, ...]
) -> bool:
    kind, _, party = name.partition(".")
    if name == "breakdown":
        return True
    if kind not in UNCERTAIN_INPUTS or not party:
        inputs = ", ".join(f"'{k}.PARTY'" for k in UNCERTAIN_INPUTS) + ", 'breakdown'"
        reader.error(key, f"unknown uncertain input '{name}' (expected one of {inputs})")
        return False
    if party not in at_table:
        reader.error(key, f"'{party}' in '{name}' is not at the table")
        return False
    return True


def _distribution(
    reader: SourceReader, node: yaml.Node, name: str, rounds: int
) -> Distribution | None:
    kind = name.partition(".")[0]
    what = f"the distribution of '{name}'"
    fields = reader.mapping(node, f"{what} ({{uniform: [a, b]}}, {{normal: [mean, sd]}} or "
                            "{choice: [...], p: [...]})", DISTRIBUTION_KEYS)  # fmt: skip
    if fields is None:
        return None
    forms = [form for form in DISTRIBUTIONS if form in fields]
    if len(forms) != 1:
        reader.error(node, f"{what} must give exactly one of 'uniform', 'normal' or 'choice'")
        return None
    (form,) = forms
    where = reader.location(node)
    bounds = (1.0, float(rounds)) if kind in ROUND_INPUTS else (0.0, 1.0)
    if form != "choice":
        if "p" in fields:
            reader.error(fields["p"][0], "'p' goes with 'choice' only")
            return None
        if kind == "strategy":
            reader.error(fields[form][0], f"a strategy is drawn with 'choice', not '{form}'")
            return None
        items = reader.sequence(fields[form][1], f"'{form}' (a list of two numbers)") or []
        numbers = [reader.number(item, f"a parameter of '{form}'", -math.inf, math.inf)
                   for item in items]  # fmt: skip
        if len(items) != 2:
            reader.error(fields[form][1], f"'{form}' takes two numbers, found {len(items)}")
            return None
        if None in numbers:
            return None
        first, second = (float(n) for n in numbers if n is not None)
        if form == "uniform" and not (bounds[0] <= first <= second <= bounds[1]):
            reader.error(fields[form][1], f"'uniform' needs {bounds[0]:g} <= a <= b <= "
                         f"{bounds[1]:g} for '{name}', found [{first:g}, {second:g}]")  # fmt: skip
            return None
        if form == "normal" and second < 0:
            reader.error(
                fields[form][1], f"a standard deviation cannot be negative, found {second:g}"
            )
            return None
        return Distribution(form, (first, second), (), (), where)
    items = reader.sequence(fields["choice"][1], "'choice' (a list of values)") or []
    if not items:
        reader.error(fields["choice"][1], "'choice' must list at least one value")
        return None
    values: list[float | str | None] = []
    for item in items:
        value = _choice_value(reader, item, name, bounds)
        if value is _INVALID:
            return None
        values.append(value)  # type: ignore[arg-type]
    probabilities: tuple[float, ...] = tuple(1 / len(values) for _ in values)
    if "p" in fields:
        p_items = reader.sequence(fields["p"][1], "'p' (a list of probabilities)") or []
        chances = [reader.number(item, "a probability", 0.0, 1.0) for item in p_items]
        if None in chances:
            return None
        if len(chances) != len(values):
            reader.error(fields["p"][1], f"'p' gives {len(chances)} probabilities for "
                         f"{len(values)} choices")  # fmt: skip
            return None
        total = sum(c for c in chances if c is not None)
        if not math.isclose(total, 1.0, abs_tol=PROBABILITY_TOLERANCE):
            reader.error(fields["p"][1], f"the probabilities in 'p' must sum to 1 (within "
                         f"{PROBABILITY_TOLERANCE:g}), found {total:g}")  # fmt: skip
            return None
        scale = 1.0 if math.isclose(total, 1.0, abs_tol=1e-9) else total  # rounding removed
        probabilities = tuple(c / scale for c in chances if c is not None)
    return Distribution("choice", (), tuple(values), probabilities, where)


_INVALID = object()


def _choice_value(
    reader: SourceReader, node: yaml.Node, name: str, bounds: tuple[float, float]
) -> object:
    kind = name.partition(".")[0]
    if kind == "strategy":
        strategy = reader.text(node, "a strategy")
        if strategy is None or not strategy_name(reader, node, strategy):
            return _INVALID
        return strategy
    if kind in ROUND_INPUTS and isinstance(node, yaml.ScalarNode) and node.value == "none":
        return None
    number = reader.number(node, f"a value of '{name}'", bounds[0], bounds[1])
    if number is None:
        return _INVALID
    if kind in ROUND_INPUTS and number != int(number):
        reader.error(node, f"a deadline must be a whole number of rounds, found {number:g}")
        return _INVALID
    return number
