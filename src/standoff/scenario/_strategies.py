"""The negotiating strategies a protocol may name, with their parameters: the one list of them.

::

    strategies:                         # in negotiation.protocol:
      US: {boulware: {exponent: 0.2}}   # a name with parameters,
      NK: stall                         # or a name alone

:data:`STRATEGY_PARAMETERS` is the single registry of strategy names and parameter names. The
simulation layer (:data:`standoff.talks.STRATEGIES`) builds its constructors from it and refuses to
import when a name or a parameter is missing on its side, so the two cannot drift apart.
:data:`PARAMETER_RULES` and :data:`PARAMETER_MAXIMA` say which values each parameter takes: every
range is finite, so that no value can overflow a computation or size an allocation beyond reason.
Checked here: the strategy is known, and so is each parameter, with a value its rule allows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import yaml

from standoff.scenario._limits import MAX_HYPOTHESES, MAX_ROUNDS
from standoff.scenario._negotiation_model import StrategyChoice
from standoff.scenario._source import SourceReader

__all__ = [
    "PARAMETER_DESCRIPTIONS",
    "PARAMETER_MAXIMA",
    "PARAMETER_RULES",
    "STRATEGY_DESCRIPTIONS",
    "STRATEGY_PARAMETERS",
    "read_strategy",
    "strategy_name",
]

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

STRATEGY_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "boulware": "The linear curve with an exponent below 1: holds firm and concedes late.",
        "linear": "Concedes at a steady pace from its best outcome to its BATNA, reached at its "
        "own deadline (the last round without one). The default.",
        "conceder": "The linear curve with an exponent above 1: concedes early.",
        "hardliner": "Demands its best outcome in every round and accepts nothing less.",
        "tit_for_tat": "Gives up as much as the other side has conceded so far (times "
        "'reciprocity'), plus 'kindness' once the other has made an offer.",
        "stall": "Demands its best outcome and walks out on 'away' of every 'cycle' of its turns "
        "until 'window' rounds before the earlier deadline; then concedes to its BATNA.",
        "bluster": "Demands its best outcome and walks out on every 'distract'-th turn until "
        "'cave' rounds before its own deadline; then drops its demand at once.",
        "bayesian": "Learns the other's BATNA from its offers, starting from its belief, and "
        "concedes towards the best deal that leaves the other that much.",
        "rubinstein": "Plays the equilibrium of Rubinstein's alternating-offers game for the "
        "discount factors, the breakdown probability, the deadlines and its beliefs.",
    }
)
"""What each strategy does, in a sentence (the JSON Schema of the format shows it)."""

PARAMETER_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "exponent": "The shape of its concession curve: below 1 concedes late, above 1 early.",
        "initial": "The share of the way to its BATNA conceded at once, in round 1.",
        "reciprocity": "How much of the other side's concessions so far it matches.",
        "kindness": "One extra concession, once the other side has made an offer.",
        "window": "The rounds before the earlier deadline in which it concedes.",
        "away": "On how many of every 'cycle' of its turns to propose it walks out.",
        "cycle": "The length, in turns to propose, of its cycle of walk-outs.",
        "cave": "The rounds before its own deadline at which it caves.",
        "keep": "The share of the range above its BATNA it still demands after caving.",
        "distract": "It walks out on every 'distract'-th turn to propose (0: never).",
        "hypotheses": "How many candidate values of the other's BATNA it weighs.",
        "spread": "The standard deviation of its prior around its belief of the other's BATNA.",
        "noise": "The standard deviation of an offer around the concession it assumes.",
        "assumed_exponent": "The concession exponent it assumes the other follows.",
    }
)
"""What each parameter sets, in a sentence (the JSON Schema of the format shows it)."""

_EXPONENT, _WIDTH = (0.0, 100.0, "above"), (0.001, 100.0, "in")
PARAMETER_RULES: Mapping[str, tuple[float, float, str] | int] = MappingProxyType(
    {
        "exponent": _EXPONENT, "assumed_exponent": _EXPONENT, "spread": _WIDTH, "noise": _WIDTH,
        "initial": (0.0, 1.0, "below"), "keep": (0.0, 1.0, "in"),
        "reciprocity": (0.0, 100.0, "in"), "kindness": (0.0, 1.0, "in"),
        "window": 1, "away": 0, "cycle": 1, "cave": 0, "distract": 0, "hypotheses": 2,
    }
)  # fmt: skip
"""What each strategy parameter may be: a real range (``above``: low excluded, ``below``: high
excluded, ``in``: both included) or, for a whole number, its least value (its greatest is in
:data:`PARAMETER_MAXIMA`)."""

PARAMETER_MAXIMA: Mapping[str, int] = MappingProxyType(
    {
        "window": MAX_ROUNDS, "away": MAX_ROUNDS, "cycle": MAX_ROUNDS, "cave": MAX_ROUNDS,
        "distract": MAX_ROUNDS, "hypotheses": MAX_HYPOTHESES,
    }
)  # fmt: skip
"""The greatest value of each whole-number parameter: those that count rounds or turns are bounded
by the round limit, ``hypotheses`` (one belief per candidate, in every simulated negotiation) by
:data:`~standoff.scenario._limits.MAX_HYPOTHESES`."""


def read_strategy(reader: SourceReader, node: yaml.Node) -> StrategyChoice | None:
    """A strategy name, or a mapping ``{name: {parameter: value}}``; None (with diagnostics)."""
    where = reader.location(node)
    if isinstance(node, yaml.MappingNode):
        entries = reader.mapping(node, "a strategy (a name, or {name: {parameter: value}})")
        if entries is None:
            return None
        if len(entries) != 1:
            reader.error(node, f"a strategy mapping names one strategy, found {len(entries)}")
            return None
        ((name, (key, value)),) = entries.items()
        if not strategy_name(reader, key, name):
            return None
        parameters: dict[str, float] = {}
        allowed = STRATEGY_PARAMETERS[name]
        for parameter, (parameter_key, parameter_value) in (
            reader.mapping(value, f"the parameters of '{name}'") or {}
        ).items():
            if parameter not in allowed:
                known = ", ".join(f"'{p}'" for p in allowed) if allowed else "none"
                hint = reader.suggest(parameter, allowed) or f" (its parameters: {known})"
                reader.error(parameter_key, f"'{name}' has no parameter '{parameter}'{hint}")
                continue
            number = _parameter(reader, parameter_value, parameter)
            if number is not None:
                parameters[parameter] = number
        return StrategyChoice(name, MappingProxyType(parameters), where)
    text = reader.text(node, "a strategy")
    if text is None or not strategy_name(reader, node, text):
        return None
    return StrategyChoice(text, MappingProxyType({}), where)


def strategy_name(reader: SourceReader, node: yaml.Node, name: str) -> bool:
    """Whether ``name`` is a known strategy; when not, a diagnostic at ``node`` says so."""
    if name in STRATEGY_PARAMETERS:
        return True
    known = ", ".join(STRATEGY_PARAMETERS)
    hint = reader.suggest(name, STRATEGY_PARAMETERS) or f" (expected one of {known})"
    reader.error(node, f"unknown strategy '{name}'{hint}")
    return False


def _parameter(reader: SourceReader, node: yaml.Node, parameter: str) -> float | None:
    """The parameter's value, or None with a diagnostic that gives the bound it breaks."""
    what = f"'{parameter}'"
    value = reader.number(node, what, -math.inf, math.inf)
    if value is None:
        return None
    rule = PARAMETER_RULES[parameter]
    bound: str | None = None
    if isinstance(rule, int):
        if value < rule:
            bound = f"at least {rule}"
        elif value > PARAMETER_MAXIMA[parameter]:
            bound = f"at most {PARAMETER_MAXIMA[parameter]}"
        elif value != int(value):
            bound = "a whole number"
    else:
        low, high, kind = rule
        if kind == "above" and not low < value <= high:
            bound = f"above {low:g}" if value <= low else f"at most {high:g}"
        elif kind == "below" and not low <= value < high:
            bound = f"in [{low:g}, {high:g})"
        elif kind == "in" and not low <= value <= high:
            bound = f"in [{low:g}, {high:g}]"
    if bound is not None:
        reader.error(node, f"{what} must be {bound}, found {value:g}")
        return None
    return value
