"""The compiled challenge-model kernel against the numpy kernel, to the bit; the engine choice."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from standoff.forecast import ChallengeParameters, forecast, run_challenge

pytest.importorskip("numba", reason="the compiled engine needs the optional extra 'fast'")

from standoff.forecast import _compiled as compiled
from standoff.forecast import _engine as engine
from standoff.forecast._compiled import libm_like_numpy, run_compiled
from standoff.forecast._engine import AUTO_WORK, choose_engine
from standoff.scenario import load

ROOT = Path(__file__).resolve().parent.parent

same_bits = pytest.mark.skipif(
    not libm_like_numpy(),
    reason="numpy's exp, log or pow here are not the C library's (AVX-512): the kernels "
    "agree only to rounding",
)


def _bits(values: np.ndarray) -> list[int]:
    return np.ascontiguousarray(values, np.float64).view(np.int64).ravel().tolist()


def _assert_same(unit: np.ndarray, c: np.ndarray, s: np.ndarray, parameters: ChallengeParameters
                 ) -> None:  # fmt: skip
    expected, expected_used, _ = run_challenge(unit, c, s, parameters, engine="numpy")
    found, used, kept = run_challenge(unit, c, s, parameters, engine="compiled")
    assert kept == []
    assert used.tolist() == expected_used.tolist()
    assert _bits(found) == _bits(expected)  # the same floats, signs of zeros included


def _runs_of(position: st.SearchStrategy[float], capability: st.SearchStrategy[float],
             salience: st.SearchStrategy[float]) -> st.SearchStrategy[object]:  # fmt: skip
    """Inputs of 1 to 14 actors in 1 to 4 runs: flat lists of each, and (actors, runs)."""
    return st.tuples(st.integers(1, 14), st.integers(1, 4)).flatmap(
        lambda shape: st.tuples(
            *(
                st.lists(values, min_size=shape[0] * shape[1], max_size=shape[0] * shape[1])
                for values in (position, capability, salience)
            ),
            st.just(shape),
        )
    )


# Few distinct positions and equal weights (ties between offers, actors at one position,
# saliences of 0), or any positions and weights.
grid_runs = _runs_of(
    st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]),
    st.sampled_from([0.0, 1.0, 2.0]),
    st.sampled_from([0.0, 0.5, 1.0]),
)
free_runs = _runs_of(st.floats(0.0, 1.0), st.floats(0.0, 5.0), st.floats(0.0, 1.0))


@same_bits
@settings(deadline=None, max_examples=300)
@given(
    grid_runs | free_runs,
    st.sampled_from(["least_movement", "first_actor"]),
    st.booleans(),
    st.booleans(),
    st.integers(0, 30),
    st.sampled_from([0.0, 1e-6, 0.1]),
)
# equally good offers from actors at different distances, where the two tie rules choose apart
# (found by comparing the rules on random inputs of this grid)
@example(
    ([0.75, 0.5, 0.0, 0.25, 0.0], [2.0, 2.0, 0.0, 1.0, 2.0], [0.0, 0.0, 0.5, 1.0, 0.0], (5, 1)),
    "least_movement",
    False,
    False,
    1,
    0.0,
)
@example(
    ([1.0, 1.0, 0.25, 0.0], [2.0, 0.0, 0.0, 2.0], [1.0, 1.0, 0.5, 1.0], (4, 1)),
    "least_movement",
    True,
    True,
    3,
    0.0,
)
def test_the_compiled_kernel_gives_the_numpy_kernel_s_bits(
    inputs: tuple[list[float], list[float], list[float], tuple[int, int]],
    ties: str,
    risk: bool,
    silent: bool,
    rounds: int,
    tolerance: float,
) -> None:
    x, c, s, (actors, runs) = inputs
    parameters = ChallengeParameters(rounds=rounds, tolerance=tolerance, ties=ties,  # type: ignore[arg-type]
                                     risk=risk, silent_indifferent=silent)  # fmt: skip
    unit, capability, salience = (np.reshape(v, (runs, actors)) for v in (x, c, s))
    _assert_same(unit, capability, salience, parameters)


@same_bits
@pytest.mark.parametrize("actors", [129, 300])
def test_the_compiled_kernel_sums_many_actors_as_numpy_does(actors: int) -> None:
    """Above 128 values numpy sums in halves: the compiled sums must split them the same way."""
    rng = np.random.default_rng(actors)
    unit, c, s = rng.random((2, actors)), rng.random((2, actors)), rng.random((2, actors))
    for values in (unit[0], c[1]):
        assert compiled._pairwise_sum(values, 0, actors) == values.sum()
        assert compiled._pairwise_sum.py_func(values, 0, actors) == values.sum()
    _assert_same(unit, c, s, ChallengeParameters(rounds=6, tolerance=0.0))


@same_bits
def test_a_benchmark_sized_sample_gives_the_same_bits() -> None:
    """Uniform inputs as in benchmarks/bench_forecast.py, with cycles and round limits."""
    rng = np.random.default_rng(0)
    unit, c, s = rng.random((30, 60)), rng.random((30, 60)), rng.random((30, 60))
    for rounds in (49, 50):
        _assert_same(unit, c, s, ChallengeParameters(rounds=rounds, tolerance=0.0))


@same_bits
def test_the_python_functions_agree_with_their_compiled_versions() -> None:
    """Each compiled function run as plain Python (``py_func``) gives what the compiled one
    gives: the compiler keeps the code's meaning (and the coverage report sees the code)."""
    rng = np.random.default_rng(5)
    x = np.array([0.5, 0.0, 0.5, 1.0, 0.25, 0.0])
    w, s = rng.random(6), np.array([0.0, 0.5, 1.0, 0.5, 0.2, 1.0])
    active = s > 0
    orders = [np.empty(6, np.int64) for _ in range(2)]
    for order, function in zip(orders, (compiled._stable_order, compiled._stable_order.py_func),
                               strict=True):  # fmt: skip
        function(x, order, np.empty(6, np.int64))
    assert orders[0].tolist() == orders[1].tolist() == np.argsort(x, kind="stable").tolist()
    tables = []
    for function in (compiled._pair_tables, compiled._pair_tables.py_func):
        place_of, place = np.empty(6, np.int64), np.empty(6)
        chance, lower, upper = np.empty((6, 6)), np.empty((6, 6)), np.empty((6, 6))
        width = function(x, w, orders[0], place_of, place, chance, lower, upper, True)
        tables.append((width, place_of, place[:width], chance[:width, :width],
                       lower[:width, :width], upper[:width, :width]))  # fmt: skip
    assert tables[0][0] == tables[1][0] == 4
    for first, second in zip(tables[0][1:], tables[1][1:], strict=True):
        assert _bits(first) == _bits(second)
    width, place_of, place, chance, lower, upper = tables[0]
    risks = [np.empty(6), np.empty(6)]
    for risk, function in zip(risks, (compiled._risk_exponents, compiled._risk_exponents.py_func),
                              strict=True):  # fmt: skip
        function(s, active, place_of, place, chance, width, risk)
    assert _bits(risks[0]) == _bits(risks[1])
    for with_risk in (True, False):
        found = [np.empty((6, 6)), np.empty((6, 6))]
        for utility, function in zip(found, (compiled._utilities, compiled._utilities.py_func),
                                     strict=True):  # fmt: skip
            function(s, place_of, place, chance, lower, upper, width, risks[0], with_risk, 0.5,
                     utility)  # fmt: skip
        assert _bits(found[0]) == _bits(found[1])
        for least_movement in (True, False):
            after = [np.empty(6), np.empty(6)]
            for moved, function in zip(after, (compiled._answer, compiled._answer.py_func),
                                       strict=True):  # fmt: skip
                function(x, active, found[0], least_movement, moved)
            assert _bits(after[0]) == _bits(after[1])
    unit, c, sal = rng.random((3, 9)), rng.random((3, 9)), rng.random((3, 9))
    ends = [function(unit, c, sal, 40, 0.0, True, True, True, 0.5)
            for function in (compiled._runs, compiled._runs.py_func)]  # fmt: skip
    assert _bits(ends[0][0]) == _bits(ends[1][0])
    assert ends[0][1].tolist() == ends[1][1].tolist()
    copied = np.empty(6)
    compiled._copy.py_func(x, copied)
    assert copied.tolist() == x.tolist()


def test_parameters_of_other_types_do_not_compile_the_kernel_again() -> None:
    """An integer tolerance (``tolerance: 0`` in a file) is passed as a float: numba would
    otherwise compile a second version of the kernel, for another ten seconds."""
    ones = np.ones((1, 2))
    run_challenge(ones / 2, ones, ones, ChallengeParameters(rounds=3, tolerance=0),
                  engine="compiled")  # fmt: skip
    run_compiled(ones / 2, ones, ones, rounds=np.int64(3), tolerance=np.float32(0),  # type: ignore[arg-type]
                 risk=np.bool_(True))  # fmt: skip
    assert len(compiled._runs.signatures) == 1  # type: ignore[attr-defined]


def test_run_compiled_needs_no_rounds_to_return_the_start() -> None:
    unit = np.array([[0.2, 0.9]])
    final, used = run_compiled(unit, np.ones((1, 2)), np.ones((1, 2)), rounds=0, tolerance=0.0)
    assert final.tolist() == unit.tolist()
    assert used.tolist() == [0]


# -- the engine choice -------------------------------------------------------------------------


def test_auto_compiles_only_large_jobs_of_the_model_it_computes() -> None:
    default = ChallengeParameters()
    assert choose_engine("auto", default, AUTO_WORK - 1) == "numpy"
    assert choose_engine("auto", default, AUTO_WORK) == ("compiled" if libm_like_numpy()
                                                          else "numpy")  # fmt: skip
    assert choose_engine("auto", ChallengeParameters(q=0.5), AUTO_WORK) == "numpy"
    assert choose_engine("auto", default, AUTO_WORK, keep=True) == "numpy"
    assert choose_engine("numpy", default, AUTO_WORK) == "numpy"
    assert choose_engine("compiled", default, 1) == "compiled"


@pytest.mark.parametrize(
    ("name", "parameters", "keep", "message"),
    [
        ("fast", ChallengeParameters(), False,
         "engine must be one of auto, numpy, compiled, got 'fast'"),
        ("compiled", ChallengeParameters(q=0.25), False,
         "the compiled engine computes the model with Q = 1 only, got Q = 0.25"),
        ("compiled", ChallengeParameters(), True,
         "the compiled engine keeps no rounds; use the numpy engine to keep them"),
    ],
)  # fmt: skip
def test_an_engine_that_cannot_run_is_refused(
    name: str, parameters: ChallengeParameters, keep: bool, message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        choose_engine(name, parameters, 1, keep=keep)
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        run_challenge(np.zeros((1, 2)), np.ones((1, 2)), np.ones((1, 2)), parameters,
                      keep=keep, engine=name)  # type: ignore[arg-type]  # fmt: skip


def test_without_numba_auto_runs_numpy_and_compiled_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "numba", None)  # "import numba" fails
    monkeypatch.delitem(sys.modules, "standoff.forecast._compiled")
    engine.compiled_usable.cache_clear()
    try:
        assert choose_engine("auto", ChallengeParameters(), AUTO_WORK) == "numpy"
        message = (
            "the compiled engine needs numba (import of numba halted; None in sys.modules); "
            "install it with 'standoff[fast]'"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            choose_engine("compiled", ChallengeParameters(), 1)
    finally:
        engine.compiled_usable.cache_clear()


@same_bits
def test_a_forecast_is_the_same_on_either_engine() -> None:
    scenario = load(ROOT / "examples" / "forecast" / "korea_2019.yaml")
    assert scenario.forecast is not None
    assert scenario.forecast.uncertain
    told: list[tuple[int, int]] = []
    found = [forecast(scenario.forecast, 150, 7, engine=name,  # type: ignore[arg-type]
                      progress=lambda done, total: told.append((done, total)))
             for name in ("numpy", "compiled")]  # fmt: skip
    compiled_told = told[told.index((150, 150)) + 1 :]
    assert compiled_told[0] == (0, 150)  # shown before the kernel compiles
    assert compiled_told[-1] == (150, 150)
    for first, second in zip(found[0].issues, found[1].issues, strict=True):
        assert first.spread == second.spread  # every model's forecast of every run


def test_a_forecast_refuses_an_unknown_engine_even_without_runs() -> None:
    scenario = load(ROOT / "examples" / "forecast" / "ec_emissions.yaml")
    assert scenario.forecast is not None
    with pytest.raises(ValueError, match=r"^engine must be one of auto, numpy, compiled, got 'c'$"):
        forecast(scenario.forecast, 1, engine="c")  # type: ignore[arg-type]
