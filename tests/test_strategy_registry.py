"""The one registry of talk strategies: scenario names and parameters, simulation constructors."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from standoff.scenario import STRATEGY_PARAMETERS
from standoff.scenario._strategies import PARAMETER_RULES
from standoff.talks import STRATEGIES, Hardliner, Stall, TimeBased
from standoff.talks._registry import STRATEGY_CLASSES, strategy_registry


def test_both_sides_list_the_same_strategies_in_the_same_order() -> None:
    assert list(STRATEGIES) == list(STRATEGY_PARAMETERS)
    assert set(STRATEGY_CLASSES) == set(STRATEGY_PARAMETERS)


def test_a_strategy_named_in_scenario_files_only_stops_the_import_of_talks() -> None:
    code = (
        "import types, standoff.scenario as scenario\n"
        "scenario.STRATEGY_PARAMETERS = types.MappingProxyType("
        "{**scenario.STRATEGY_PARAMETERS, 'sulk': ()})\n"
        "import standoff.talks\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "TypeError: the strategy registries disagree: 'sulk' is in "
        "standoff.scenario.STRATEGY_PARAMETERS but has no class in "
        "standoff.talks._registry.STRATEGY_CLASSES"
    )


def _valid(parameter: str) -> float:
    rule = PARAMETER_RULES[parameter]
    if isinstance(rule, int):
        return float(rule + 1)
    low, high, _ = rule
    return (low + high) / 2 if math.isfinite(high) else low + 1.5


@pytest.mark.parametrize("name", list(STRATEGY_PARAMETERS))
def test_every_parameter_a_file_may_set_reaches_the_strategy(name: str) -> None:
    parameters = {parameter: _valid(parameter) for parameter in STRATEGY_PARAMETERS[name]}
    strategy = STRATEGIES[name](**parameters)
    for parameter, value in parameters.items():
        assert getattr(strategy, parameter) == value
        if isinstance(PARAMETER_RULES[parameter], int):
            assert type(getattr(strategy, parameter)) is int


SIDES = {"linear": ("initial",), "hardliner": ()}
CLASSES = {"linear": (TimeBased, {"exponent": 1.0}), "hardliner": (Hardliner, {})}


def test_tables_that_agree_give_one_constructor_per_name() -> None:
    registry = strategy_registry(SIDES, CLASSES)
    assert list(registry) == ["linear", "hardliner"]
    assert registry["linear"](initial=0.25) == TimeBased(1.0, 0.25)


@pytest.mark.parametrize(
    ("parameters", "classes", "message"),
    [
        pytest.param(
            {**SIDES, "stall": ()},
            CLASSES,
            "'stall' is in standoff.scenario.STRATEGY_PARAMETERS but has no class in "
            "standoff.talks._registry.STRATEGY_CLASSES",
            id="named-in-scenario-only",
        ),
        pytest.param(
            SIDES,
            {**CLASSES, "stall": (Stall, {})},
            "'stall' has a class in standoff.talks._registry.STRATEGY_CLASSES but is not in "
            "standoff.scenario.STRATEGY_PARAMETERS",
            id="class-in-talks-only",
        ),
        pytest.param(
            {**SIDES, "hardliner": ("patience",)},
            CLASSES,
            "'hardliner' has parameters its class does not take: 'patience'",
            id="parameter-the-class-lacks",
        ),
        pytest.param(
            {**SIDES, "linear": ()},
            CLASSES,
            "'linear' takes arguments that are neither parameters nor preset: 'initial'",
            id="argument-no-file-can-set",
        ),
    ],
)
def test_a_strategy_or_parameter_on_one_side_only_is_refused(
    parameters: dict[str, tuple[str, ...]],
    classes: dict[str, tuple[type, dict[str, object]]],
    message: str,
) -> None:
    with pytest.raises(TypeError) as raised:
        strategy_registry(parameters, classes)
    assert str(raised.value) == f"the strategy registries disagree: {message}"
