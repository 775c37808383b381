"""The ``negotiation.protocol:`` section: how simulated talks run (see docs/scenario-format.md).

::

    protocol:
      first: US                         # who makes the first offer
      rounds: 40                        # the round limit
      deadline: {US: 12}                # a party's own last round (known to both); absent = none
      discount: {US: 0.97, NK: 0.99}    # per-round discount factors; absent = 1
      breakdown: 0.02                   # probability the talks end after any round
      strategies:                       # a name, or {name: {parameter: value}}
        US: {boulware: {exponent: 0.2}}
        NK: stall
      uncertain:                        # inputs drawn anew in each simulated negotiation
        batna.NK: {uniform: [0.45, 0.65]}
        deadline.US: {choice: [12, 24, none], p: [0.6, 0.3, 0.1]}
        strategy.NK: {choice: [stall, boulware], p: [0.7, 0.3]}

Checked here: exactly two parties at the table, known parties, rounds at least 1, deadlines
within the round limit, probabilities and discount factors in [0, 1], known strategy names and
parameters, well-formed distributions over known inputs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import yaml

from standoff.scenario._negotiation_model import Distribution, Protocol, StrategyChoice
from standoff.scenario._source import SourceReader, did_you_mean

if TYPE_CHECKING:
    from standoff.scenario._loader import _Loader

__all__ = ["MAX_ROUNDS", "STRATEGY_PARAMETERS", "read_protocol"]

MAX_ROUNDS = 100_000
STRATEGY_PARAMETERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "boulware": ("exponent", "initial"),
        "linear": ("initial",),
        "conceder": ("exponent", "initial"),
        "hardliner": (),
        "tit_for_tat": ("reciprocity", "kindness"),
        "stall": ("window", "away", "cycle"),
        "bluster": ("cave", "keep", "distract"),
        "bayesian": ("hypotheses", "spread", "noise", "assumed_exponent", "exponent"),
        "rubinstein": (),
    }
)
"""Strategy names and their parameters, as the simulation layer defines them."""

_POSITIVE, _SHARE, _FRACTION = (0.0, math.inf, "above"), (0.0, 1.0, "in"), (0.0, 1.0, "below")
PARAMETER_RULES: Mapping[str, tuple[float, float, str] | int] = MappingProxyType(
    {
        "exponent": _POSITIVE, "assumed_exponent": _POSITIVE, "spread": _POSITIVE,
        "noise": _POSITIVE, "initial": _FRACTION, "keep": _SHARE,
        "reciprocity": (0.0, math.inf, "in"), "kindness": (0.0, math.inf, "in"),
        "window": 1, "away": 0, "cycle": 1, "cave": 0, "distract": 0, "hypotheses": 2,
    }
)  # fmt: skip
"""What each strategy parameter may be: a real range (``above``: low excluded, ``below``: high
excluded, ``in``: both included) or, for a whole number, its least value."""

PROTOCOL_KEYS = ("first", "rounds", "deadline", "discount", "breakdown", "strategies", "uncertain")
DISTRIBUTIONS = ("uniform", "normal", "choice")
UNCERTAIN_INPUTS = ("batna", "deadline", "discount", "belief", "strategy")


def read_protocol(loader: _Loader, node: yaml.Node, at_table: tuple[str, ...]) -> Protocol | None:
    """The validated protocol, or None (with diagnostics recorded)."""
    reader = loader.reader
    fields = reader.mapping(node, "'protocol'", PROTOCOL_KEYS, ("rounds",))
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
        strategy = _strategy(reader, value)
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
            did_you_mean(name, at_table)
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


def _strategy(reader: SourceReader, node: yaml.Node) -> StrategyChoice | None:
    where = reader.location(node)
    if isinstance(node, yaml.MappingNode):
        entries = reader.mapping(node, "a strategy (a name, or {name: {parameter: value}})")
        if entries is None:
            return None
        if len(entries) != 1:
            reader.error(node, f"a strategy mapping names one strategy, found {len(entries)}")
            return None
        ((name, (key, value)),) = entries.items()
        if not _strategy_name(reader, key, name):
            return None
        parameters: dict[str, float] = {}
        allowed = STRATEGY_PARAMETERS[name]
        for parameter, (parameter_key, parameter_value) in (
            reader.mapping(value, f"the parameters of '{name}'") or {}
        ).items():
            if parameter not in allowed:
                known = ", ".join(f"'{p}'" for p in allowed) if allowed else "none"
                hint = did_you_mean(parameter, allowed) or f" (its parameters: {known})"
                reader.error(parameter_key, f"'{name}' has no parameter '{parameter}'{hint}")
                continue
            number = _parameter(reader, parameter_value, parameter)
            if number is not None:
                parameters[parameter] = number
        return StrategyChoice(name, MappingProxyType(parameters), where)
    text = reader.text(node, "a strategy")
    if text is None or not _strategy_name(reader, node, text):
        return None
    return StrategyChoice(text, MappingProxyType({}), where)


def _parameter(reader: SourceReader, node: yaml.Node, parameter: str) -> float | None:
    rule = PARAMETER_RULES[parameter]
    what = f"'{parameter}'"
    if isinstance(rule, int):
        whole = reader.number(node, what, rule, math.inf)
        if whole is not None and whole != int(whole):
            reader.error(node, f"{what} must be a whole number, found {whole:g}")
            return None
        return whole
    low, high, kind = rule
    value = reader.number(node, what, low, high)
    if value is None:
        return None
    if (kind == "above" and value == low) or (kind == "below" and value == high):
        bound = f"above {low:g}" if kind == "above" else f"in [{low:g}, {high:g})"
        reader.error(node, f"{what} must be {bound}, found {value:g}")
        return None
    return value


def _strategy_name(reader: SourceReader, node: yaml.Node, name: str) -> bool:
    if name in STRATEGY_PARAMETERS:
        return True
    known = ", ".join(STRATEGY_PARAMETERS)
    hint = did_you_mean(name, STRATEGY_PARAMETERS) or f" (expected one of {known})"
    reader.error(node, f"unknown strategy '{name}'{hint}")
    return False


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
                            "{choice: [...], p: [...]})", (*DISTRIBUTIONS, "p"))  # fmt: skip
    if fields is None:
        return None
    forms = [form for form in DISTRIBUTIONS if form in fields]
    if len(forms) != 1:
        reader.error(node, f"{what} must give exactly one of 'uniform', 'normal' or 'choice'")
        return None
    (form,) = forms
    where = reader.location(node)
    bounds = (1.0, float(rounds)) if kind == "deadline" else (0.0, 1.0)
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
        if not math.isclose(sum(c for c in chances if c is not None), 1.0, abs_tol=1e-9):
            reader.error(fields["p"][1], f"the probabilities in 'p' must sum to 1, found "
                         f"{sum(c for c in chances if c is not None):g}")  # fmt: skip
            return None
        probabilities = tuple(c for c in chances if c is not None)
    return Distribution("choice", (), tuple(values), probabilities, where)


_INVALID = object()


def _choice_value(
    reader: SourceReader, node: yaml.Node, name: str, bounds: tuple[float, float]
) -> object:
    kind = name.partition(".")[0]
    if kind == "strategy":
        strategy = reader.text(node, "a strategy")
        if strategy is None or not _strategy_name(reader, node, strategy):
            return _INVALID
        return strategy
    if kind == "deadline" and isinstance(node, yaml.ScalarNode) and node.value == "none":
        return None
    number = reader.number(node, f"a value of '{name}'", bounds[0], bounds[1])
    if number is None:
        return _INVALID
    if kind == "deadline" and number != int(number):
        reader.error(node, f"a deadline must be a whole number of rounds, found {number:g}")
        return _INVALID
    return number
