"""The strategies a scenario file can name, as constructors: :data:`STRATEGIES`.

The names and their parameters are listed once, upstream, in
:data:`standoff.scenario.STRATEGY_PARAMETERS` (the loader checks files against it). This module
adds what the simulation needs, each name's strategy class and the arguments the name presets,
and builds :data:`STRATEGIES` from both with :func:`strategy_registry`, which refuses (at import)
a name listed on one side only, a parameter the class does not take, or a constructor argument
that is neither a parameter nor preset. A strategy added on one side only therefore fails at once.

Examples
--------
>>> STRATEGIES["boulware"](initial=0.1)
TimeBased(exponent=0.2, initial=0.1, name='boulware')
>>> STRATEGIES["stall"](window=6.0).window   # whole-number parameters arrive as floats
6
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from types import MappingProxyType

from standoff.scenario import STRATEGY_PARAMETERS
from standoff.talks._bayesian import BayesianLearner
from standoff.talks._bluster import Bluster
from standoff.talks._hardliner import Hardliner
from standoff.talks._rubinstein import Rubinstein
from standoff.talks._stall import Stall
from standoff.talks._strategy import Strategy
from standoff.talks._time_based import TimeBased
from standoff.talks._tit_for_tat import TitForTat

__all__ = ["STRATEGIES", "STRATEGY_CLASSES", "strategy_registry"]

StrategyFactory = Callable[..., Strategy]
"""Makes a strategy from keyword arguments: a strategy class, or a constructor in STRATEGIES."""

STRATEGY_CLASSES: Mapping[str, tuple[StrategyFactory, Mapping[str, object]]] = MappingProxyType(
    {
        "boulware": (TimeBased, {"exponent": 0.2, "name": "boulware"}),
        "linear": (TimeBased, {"exponent": 1.0, "name": "linear"}),
        "conceder": (TimeBased, {"exponent": 2.0, "name": "conceder"}),
        "hardliner": (Hardliner, {}),
        "tit_for_tat": (TitForTat, {}),
        "stall": (Stall, {}),
        "bluster": (Bluster, {}),
        "bayesian": (BayesianLearner, {}),
        "rubinstein": (Rubinstein, {}),
    }
)
"""Strategy name -> its class and the keyword arguments the name presets (a file's parameters
override them); for example ``boulware`` is :class:`TimeBased` with ``exponent=0.2``."""


def strategy_registry(
    parameters: Mapping[str, tuple[str, ...]],
    classes: Mapping[str, tuple[StrategyFactory, Mapping[str, object]]],
) -> Mapping[str, StrategyFactory]:
    """Constructors for the strategies in ``parameters``, in its order, checked against
    ``classes``.

    Each constructor takes a file's parameters (whole-number ones may be floats such as ``4.0``)
    and returns the strategy.

    Parameters
    ----------
    parameters
        Strategy name -> the names of the parameters a scenario file may set.
    classes
        Strategy name -> its class and the keyword arguments the name presets.

    Raises
    ------
    TypeError
        When the two disagree: a name in one only, a parameter the class does not take, or a
        constructor argument (other than ``name``) that is neither a parameter nor preset.

    Examples
    --------
    >>> one_sided = {"hardliner": (), "stall": ("window",)}
    >>> strategy_registry(one_sided, {"stall": (Stall, {})})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    TypeError: the strategy registries disagree: 'hardliner' is in ...; 'stall' takes arguments ...
    """
    problems = [
        f"'{name}' is in standoff.scenario.STRATEGY_PARAMETERS but has no class in "
        "standoff.talks._registry.STRATEGY_CLASSES"
        for name in parameters
        if name not in classes
    ]
    problems += [
        f"'{name}' has a class in standoff.talks._registry.STRATEGY_CLASSES but is not in "
        "standoff.scenario.STRATEGY_PARAMETERS"
        for name in classes
        if name not in parameters
    ]
    registry: dict[str, StrategyFactory] = {}
    for name, allowed in parameters.items():
        if name not in classes:
            continue
        strategy, presets = classes[name]
        arguments = inspect.signature(strategy, eval_str=True).parameters
        unknown = [parameter for parameter in allowed if parameter not in arguments]
        unset = [
            argument
            for argument in arguments
            if argument != "name" and argument not in allowed and argument not in presets
        ]
        if unknown:
            problems.append(f"'{name}' has parameters its class does not take: {_names(unknown)}")
        if unset:
            problems.append(
                f"'{name}' takes arguments that are neither parameters nor preset: {_names(unset)}"
            )
        whole = frozenset(key for key, argument in arguments.items() if argument.annotation is int)
        registry[name] = _constructor(strategy, presets, whole)
    if problems:
        raise TypeError("the strategy registries disagree: " + "; ".join(problems))
    return MappingProxyType(registry)


def _constructor(
    strategy: StrategyFactory, presets: Mapping[str, object], whole: frozenset[str]
) -> StrategyFactory:
    def make(**parameters: float) -> Strategy:
        given = {key: int(value) if key in whole else value for key, value in parameters.items()}
        return strategy(**{**presets, **given})

    return make


def _names(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


STRATEGIES: Mapping[str, StrategyFactory] = strategy_registry(STRATEGY_PARAMETERS, STRATEGY_CLASSES)
"""Strategy names in scenario files -> constructors taking the file's parameters."""
