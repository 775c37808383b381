"""Limited-move (Lh) and non-myopic (NM) stability: hand-derived 2×2 results and properties."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import conflict_from_text, scenario_texts
from typer.testing import CliRunner

from standoff import analyze, build_conflict, load
from standoff.cli import app
from standoff.stability import limited_move, non_myopic

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_prisoners_dilemma_cooperation_is_non_myopically_stable() -> None:
    """Brams & Wittman (1981), Kilgour (1985): looking ahead, mutual cooperation is stable.

    By hand (states 1 NN cooperate, 2 YN Ann defects, 3 NY, 4 YY): from 1, if Ann defects (to 2),
    Bob with one move left answers by defecting (4), which Ann likes less than 1 (rank 3 vs 2):
    Ann stays. Mutual defection stays stable: leaving it lets the other exploit (state 3 for Ann).
    L1 is Nash ({4}); from h = 2 on, and in the limit, {1, 4}.
    """
    conflict = build_conflict(load(EXAMPLES / "prisoners_dilemma.yaml"))
    assert limited_move(conflict, 1).equilibrium_ids() == [4]
    for horizon in range(2, 9):
        assert limited_move(conflict, horizon).equilibrium_ids() == [1, 4]
    limit = non_myopic(conflict)
    assert limit.result is not None
    assert limit.result.equilibrium_ids() == [1, 4]
    assert (limit.horizon, limit.period) == (2, 1)


def test_chicken_compromise_is_the_non_myopic_outcome() -> None:
    """Brams & Wittman (1981): in Chicken the compromise (both swerve) is the non-myopic outcome.

    By hand (1 NN both swerve, 2 YN Ann straight, 3 NY Bob straight, 4 YY crash). L2: at 2, Bob
    may drive straight (crash, 4); with one move left Ann then swerves (3), Bob's best: Bob moves,
    so 2 (and by symmetry 3) is not L2 stable, nor is 1 (Ann goes straight, Bob cannot profit
    from crashing with no move left after it). L3: at 1, if Ann goes straight (2), Bob with two
    moves left crashes and Ann swerves, ending at 3, which Ann likes less than 1: 1 is stable.
    """
    conflict = build_conflict(load(EXAMPLES / "chicken.yaml"))
    assert limited_move(conflict, 1).equilibrium_ids() == [2, 3]
    assert limited_move(conflict, 2).equilibrium_ids() == []
    for horizon in range(3, 9):
        assert limited_move(conflict, horizon).equilibrium_ids() == [1]
    limit = non_myopic(conflict)
    assert limit.result is not None
    assert limit.result.equilibrium_ids() == [1]


def test_a_limit_may_not_exist() -> None:
    """Syria–Iraq 1975: Lh stability of the status quo alternates with h, so no limit exists."""
    conflict = build_conflict(load(EXAMPLES / "syria_iraq_1975.yaml"))
    assert [limited_move(conflict, h).equilibrium_ids() for h in (3, 4, 7, 8)] == [
        [], [1, 6], [], [1, 6],
    ]  # fmt: skip
    limit = non_myopic(conflict)
    assert limit.result is None
    assert limit.period == 4


def test_without_a_limit_the_cycle_starts_where_the_anticipations_first_repeat() -> None:
    """Issue 13: the anticipations of Syria–Iraq at horizon 2 come back at horizon 6, so the
    cycle starts at h = 2 (it was reported one too high, at 3); Lh stability repeats with period
    4 from there on."""
    conflict = build_conflict(load(EXAMPLES / "syria_iraq_1975.yaml"))
    limit = non_myopic(conflict)
    assert (limit.horizon, limit.period) == (2, 4)

    def stable(h: int) -> list[list[bool]]:
        found = limited_move(conflict, h)
        return [found.stable[p.id].tolist() for p in conflict.movers]

    assert all(stable(h) == stable(h + 4) for h in range(2, 8))
    result = CliRunner().invoke(
        app, ["analyze", str(EXAMPLES / "syria_iraq_1975.yaml"), "-f", "json", "--horizons", "3"]
    )
    assert json.loads(result.stdout)["limited_move"]["non_myopic"] == {
        "from_horizon": 2, "period": 4, "equilibria": None,
    }  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(scenario_texts())
def test_l1_is_nash(text: str) -> None:
    conflict = conflict_from_text(text)
    if len(conflict.movers) != 2:
        with pytest.raises(ValueError, match="two parties"):
            limited_move(conflict, 1)
        return
    nash = analyze(conflict, ["nash"]).results["nash"]
    first = limited_move(conflict, 1)
    for party in conflict.movers:
        assert np.array_equal(first.stable[party.id], nash.stable[party.id])


@pytest.mark.parametrize("horizon", [0, 65, -1])
def test_horizon_out_of_range(horizon: int) -> None:
    conflict = build_conflict(load(EXAMPLES / "chicken.yaml"))
    with pytest.raises(ValueError, match=f"horizon {horizon} is out of range"):
        limited_move(conflict, horizon)


@settings(deadline=None)  # a whole command per example: slow on a loaded machine, not wrong
@given(st.integers(min_value=1, max_value=12))
def test_horizons_from_the_command_line(horizon: int) -> None:
    result = CliRunner().invoke(
        app,
        ["analyze", str(EXAMPLES / "chicken.yaml"), "-f", "json", "--horizons", f"1-{horizon}"],
    )
    assert result.exit_code == 0, result.output
    limited = json.loads(result.stdout)["limited_move"]
    assert list(limited["horizons"]) == [str(h) for h in range(1, horizon + 1)]
    assert limited["non_myopic"]["equilibria"] == [1]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("0-3", "horizon 0 is out of range (expected 1 to 64)", id="zero"),
        pytest.param("70", "horizon 70 is out of range (expected 1 to 64)", id="too-far"),
        pytest.param(  # issue 13: checked before the range is built (it was a MemoryError)
            "1-100000000", "horizon 100000000 is out of range (expected 1 to 64)", id="huge-range"
        ),
        pytest.param("3-2", "horizon 3-2 is out of range (expected 1 to 64)", id="empty-range"),
        pytest.param("two", "'two' is not a list of horizons", id="not-a-number"),
    ],
)
def test_bad_horizons_are_usage_errors(value: str, message: str) -> None:
    result = CliRunner().invoke(
        app, ["analyze", str(EXAMPLES / "chicken.yaml"), "--horizons", value]
    )
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_three_parties_are_refused_in_one_line() -> None:
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES / "elmira.yaml"), "--horizons", "2"])
    assert result.exit_code == 1
    assert result.stderr == (
        "standoff: error: limited-move and non-myopic stability are defined here for two parties "
        "with options; this conflict has 3\n"
    )
