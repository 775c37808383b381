"""Tournaments: every strategy against every strategy, in both roles and orders of moving."""

from __future__ import annotations

import pytest

from standoff.talks import (
    Batch,
    Distributions,
    Hardliner,
    Uniform,
    boulware,
    conceder,
    linear,
    negotiate,
    split_the_pie,
    tournament,
)

TABLE = split_the_pie(101)
STRATEGIES = (linear(), boulware(), conceder(), Hardliner())


def test_cells_match_direct_negotiations() -> None:
    """Fixed inputs: each cell is the mean of its two negotiations (either party first)."""
    settings = Distributions(rounds=25, strategies=STRATEGIES, reservation=(0.2, 0.1))
    table = tournament(TABLE, settings, runs=1, seed=0)
    assert table.names == ("linear", "boulware", "conceder", "hardliner")
    assert len(table.pairings) == 16
    for a, first in enumerate(STRATEGIES):
        for b, second in enumerate(STRATEGIES):
            batch = Batch.broadcast(25, STRATEGIES, 2, strategy=(a, b), reservation=(0.2, 0.1),
                                    first=[0, 1])  # fmt: skip
            direct = negotiate(TABLE, batch)
            cell = table.pairing(first.name, second.name)
            assert cell.strategies == dict(
                zip(TABLE.parties, (first.name, second.name), strict=True)
            )
            assert cell.runs == 2
            assert cell.agreement == direct.agreement.mean()
            assert cell.utility == pytest.approx(
                {p: values.mean() for p, values in direct.utility_by_party.items()}
            )
            assert cell.agreement + cell.breakdown + cell.no_agreement_in_time == 1.0


def test_hardliners_never_deal_with_each_other_and_boulware_beats_conceder() -> None:
    settings = Distributions(rounds=40, strategies=STRATEGIES, reservation=Uniform(0.0, 0.3))
    table = tournament(TABLE, settings, runs=20, seed=1)
    assert table.pairing("hardliner", "hardliner").agreement == 0.0
    cell = table.pairing("boulware", "conceder")
    assert cell.utility["party 0"] > cell.utility["party 1"]
    scores = dict(table.scores())
    assert set(scores) == set(table.names)
    assert scores["boulware"] > scores["conceder"]


def test_seeded_and_runner_independent() -> None:
    settings = Distributions(rounds=20, strategies=STRATEGIES, reservation=Uniform(0.0, 0.4),
                             breakdown=0.05)  # fmt: skip
    one = tournament(TABLE, settings, runs=30, seed=5, chunk_size=100, workers=1)
    two = tournament(TABLE, settings, runs=30, seed=5, chunk_size=100, workers=2)
    assert one == two
    assert one.seed == 5


def test_bad_tournaments() -> None:
    twins = Distributions(rounds=5, strategies=(linear(), linear()))
    with pytest.raises(ValueError, match=r"strategy names must be distinct, got \['linear', "):
        tournament(TABLE, twins)
    with pytest.raises(ValueError, match="runs must be positive, got 0"):
        tournament(TABLE, Distributions(rounds=5, strategies=(linear(),)), runs=0)
