"""Per-party values of the talks records are keyed by party name, each under its own party.

The parties are named in a non-alphabetical order (US before NK) and the utilities differ, so a
record that swapped the columns, or sorted the names, would fail.
"""

from __future__ import annotations

import numpy as np
import pytest

from standoff.bargaining import bargain
from standoff.scenario import load
from standoff.talks import (
    Batch,
    Distributions,
    OutcomeTable,
    boulware,
    conceder,
    linear,
    negotiate,
    simulate,
    simulate_talks,
    simulate_variants,
    split_the_pie,
    summarize,
    tournament,
)

PARTIES = ("US", "NK")
UTILITIES = [[1.0, 0.0], [0.6, 0.5], [0.0, 1.0]]
TABLE = OutcomeTable(UTILITIES, parties=PARTIES)
DEAL = Batch.broadcast(10, linear(), 1, reservation=0.3, discount=(0.9, 0.8))
"""Both concede linearly and agree on outcome 1, (0.6, 0.5), in round 6."""


def test_the_outcomes_name_their_columns() -> None:
    outcomes = negotiate(TABLE, DEAL)
    assert outcomes.parties == PARTIES
    assert outcomes.outcome.tolist() == [1]
    assert outcomes.round.tolist() == [6]
    assert {p: v.tolist() for p, v in outcomes.utility_by_party.items()} == {
        "US": [0.6],
        "NK": [0.5],
    }
    assert list(outcomes.discounted_by_party) == ["US", "NK"]
    assert outcomes.discounted_by_party["US"].tolist() == pytest.approx([0.6 * 0.9**6])
    assert outcomes.discounted_by_party["NK"].tolist() == pytest.approx([0.5 * 0.8**6])


def test_the_summary_keys_every_value_by_party() -> None:
    summary = simulate(TABLE, DEAL, seed=0, workers=1).summary
    assert summary.utility == {"US": 0.6, "NK": 0.5}
    assert list(summary.utility) == ["US", "NK"]  # the table's order, not sorted
    assert summary.discounted == pytest.approx({"US": 0.6 * 0.9**6, "NK": 0.5 * 0.8**6})
    assert summary.utility_sd == summary.discounted_sd == {"US": 0.0, "NK": 0.0}
    assert summary.deadline_bound == {"US": 0, "NK": 0, "both": 0}


def test_a_deadline_and_a_batna_count_for_their_own_party() -> None:
    """No agreement (BATNAs 0.7 and 0.6 leave no zone) and the US deadline (round 3) binds."""
    batch = Batch.broadcast(10, linear(), 1, reservation=(0.7, 0.6), deadline=(3, -1))
    summary = summarize(negotiate(TABLE, batch), rounds=10)
    assert summary.deadline == 1.0
    assert summary.utility == {"US": 0.7, "NK": 0.6}
    assert summary.deadline_bound == {"US": 1, "NK": 0, "both": 0}
    assert summary.agreed_at_deadline == {"US": 0, "NK": 0, "both": 0}


def test_a_table_without_names_uses_party_0_and_party_1() -> None:
    summary = simulate(split_the_pie(3), Batch.broadcast(5, linear(), 1), seed=0).summary
    assert list(summary.utility) == ["party 0", "party 1"]


@pytest.mark.parametrize("parties", [("US", "US"), ("US",), ("US", "NK", "China")])
def test_a_table_needs_two_distinct_party_names(parties: tuple[str, str]) -> None:
    with pytest.raises(ValueError, match=r"^parties must be two distinct names, got \["):
        OutcomeTable(UTILITIES, parties=parties)


def test_the_paired_difference_pairs_each_party_with_itself() -> None:
    """The same talks with the parties listed the other way round (every per-party input
    swapped): by name nothing changes, so every difference is exactly zero. Pairing columns by
    position would subtract the US's utility from North Korea's."""
    strategies = (boulware(), conceder())
    written = Distributions(rounds=20, strategies=strategies, strategy=(0, 1),
                            reservation=(0.3, 0.1), discount=(0.95, 0.9), first=0)  # fmt: skip
    swapped = Distributions(rounds=20, strategies=strategies, strategy=(1, 0),
                            reservation=(0.1, 0.3), discount=(0.9, 0.95), first=1)  # fmt: skip
    reversed_table = OutcomeTable(np.array(UTILITIES)[:, ::-1], parties=("NK", "US"))
    (as_written, _), (other, difference) = simulate_variants(
        [(TABLE, written), (reversed_table, swapped)], 50, seed=3, workers=1
    )
    assert as_written.utility == pytest.approx({"US": 0.6, "NK": 0.5})
    assert other.utility == as_written.utility
    assert list(other.utility) == ["NK", "US"]
    assert difference is not None
    assert difference.changed == 0.0
    assert difference.utility == difference.discounted == {"NK": 0.0, "US": 0.0}
    assert difference.utility_se == {"NK": 0.0, "US": 0.0}


def test_a_difference_is_keyed_by_party() -> None:
    """Dropping the US's BATNA to 0 (it still concedes to the same deal here) while NK's rises
    to 0.55 makes NK hold out for outcome 2: each difference sits under its own party."""
    written = Distributions(rounds=10, strategies=(linear(),), reservation=(0.3, 0.3))
    tougher = Distributions(rounds=10, strategies=(linear(),), reservation=(0.0, 0.55))
    (before, _), (after, difference) = simulate_variants(
        [(TABLE, written), (TABLE, tougher)], 20, seed=0, workers=1
    )
    assert difference is not None
    for party in PARTIES:
        assert difference.utility[party] == pytest.approx(
            after.utility[party] - before.utility[party]
        )
    assert after.utility["NK"] > before.utility["NK"]
    assert difference.utility["NK"] > 0 > difference.utility["US"]


def test_a_tournament_cell_names_each_party_strategy_and_utility() -> None:
    strategies = (boulware(), conceder())
    settings = Distributions(rounds=25, strategies=strategies, reservation=(0.2, 0.1))
    played = tournament(TABLE, settings, runs=1, seed=0)
    cell = played.pairing("boulware", "conceder")
    assert cell.strategies == {"US": "boulware", "NK": "conceder"}
    batch = Batch.broadcast(25, strategies, 2, strategy=(0, 1), reservation=(0.2, 0.1),
                            first=[0, 1])  # fmt: skip
    direct = negotiate(TABLE, batch)
    assert cell.utility == pytest.approx(
        {"US": direct.utility[:, 0].mean(), "NK": direct.utility[:, 1].mean()}
    )
    assert cell.discounted == pytest.approx(
        {"US": direct.discounted[:, 0].mean(), "NK": direct.discounted[:, 1].mean()}
    )


def test_a_scenario_keys_its_results_by_its_own_party_names() -> None:
    """Korea 2019: the US is party 0, North Korea party 1; the benchmark agreements carry the
    utilities the bargaining analysis gives each party (keyed by name there too)."""
    scenario = load("examples/korea_2019.yaml")
    talks = simulate_talks(scenario, 300, seed=1, workers=1, with_tournament=True)
    assert talks.parties == ("US", "NK")
    for variant in talks.variants:
        assert list(variant.summary.utility) == ["US", "NK"]
        assert list(variant.summary.deadline_bound) == ["US", "NK", "both"]
        if variant.difference is not None:
            assert list(variant.difference.utility) == ["US", "NK"]
    assert talks.tournament is not None
    assert all(list(cell.utility) == ["US", "NK"] for cell in talks.tournament.pairings)
    analysis = bargain(scenario)
    nash = next(b for b in talks.benchmarks if b.label == "Nash")
    assert nash.outcome == analysis.solutions["nash"].outcome
    assert nash.utility == {p: analysis.solutions["nash"].utilities[p] for p in talks.parties}
    assert nash.utility is not None
    assert nash.utility["NK"] > nash.utility["US"]  # 0.767 and 0.422: a swap shows
