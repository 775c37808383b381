"""From a scenario's protocol to simulated talks: the mapping, the variants, ``simulate``."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
import pytest
from tests.test_errors import invoke

from standoff.scenario import load, loads
from standoff.talks import NO_DEADLINE, scenario_talks, simulate_talks, variants

TALKS = """\
    standoff: 1
    title: Two sides
    parties: {A: {}, B: {}}
    negotiation:
      parties: [A, B]
      issues: {split: {range: [0, 100], steps: 101}}
      utilities:
        A: {values: {split: [[0, 0], [100, 1]]}}
        B: {values: {split: [[0, 1], [100, 0]]}}
      batna: {A: 0.2, B: 0.3}
      beliefs:
        A: {B: {batna: 0.05, utilities: {values: {split: [[0, 0.5], [100, 0]]}}}}
      protocol:
        first: B
        rounds: 30
        deadline: {A: 10}
        discount: {B: 0.9}
        breakdown: 0.01
        strategies: {A: {boulware: {exponent: 0.5}}, B: stall}
        uncertain:
          deadline.B: {choice: [5, none], p: [0.25, 0.75]}
          strategy.B: {choice: [stall, hardliner]}
    """


def test_the_protocol_maps_onto_the_kernel_inputs() -> None:
    made = scenario_talks(loads(textwrap.dedent(TALKS)))
    batch = made.distributions.sample(4000, np.random.default_rng(0))
    assert made.parties == ("A", "B")
    assert batch.rounds == 30
    assert set(batch.first.tolist()) == {1}  # B opens
    assert set(batch.deadline[:, 0].tolist()) == {9}  # round 10 of the file is round 9 here
    assert set(batch.deadline[:, 1].tolist()) == {4, NO_DEADLINE}
    assert np.mean(batch.deadline[:, 1] == 4) == pytest.approx(0.25, abs=0.03)
    assert batch.discount[0].tolist() == [1.0, 0.9]
    assert batch.breakdown[0] == 0.01
    assert batch.reservation[0].tolist() == [0.2, 0.3]
    # A believes B's BATNA is 0.05; B believes the truth about A.
    assert batch.believed_reservation[0].tolist() == [0.05, 0.2]
    names = [strategy.name for strategy in batch.strategies]
    assert names == ["boulware(exponent=0.5)", "stall", "hardliner"]
    assert batch.strategies[0].exponent == 0.5  # type: ignore[attr-defined]
    assert set(batch.strategy[:, 0].tolist()) == {0}
    assert set(batch.strategy[:, 1].tolist()) == {1, 2}


def test_the_table_holds_true_and_believed_utilities() -> None:
    made = scenario_talks(loads(textwrap.dedent(TALKS)))
    utilities, believed = made.table.utilities, made.table.believed
    assert utilities[:, 0].tolist() == pytest.approx(np.linspace(0, 1, 101).tolist())
    # Column k is what party k believes the other gets: A's belief, B's truth about A.
    assert believed[:, 0].tolist() == pytest.approx(np.linspace(0.5, 0, 101).tolist())
    assert believed[:, 1].tolist() == pytest.approx(utilities[:, 0].tolist())


def test_variants_drop_each_deadline_and_correct_each_belief() -> None:
    scenario = loads(textwrap.dedent(TALKS))
    found = variants(scenario)
    assert [v.label for v in found] == [
        "as written",
        "A without its deadline",
        "B without its deadline",
        "A perceives the BATNA of B correctly",
    ]
    rng = np.random.default_rng(0)
    no_a = found[1].talks.distributions.sample(100, rng)
    assert set(no_a.deadline[:, 0].tolist()) == {NO_DEADLINE}
    corrected = found[3].talks.distributions.sample(10, rng)
    assert corrected.believed_reservation[0].tolist() == [0.3, 0.2]
    assert found[3].talks.table.believed[:, 0].tolist() == pytest.approx(
        found[3].talks.table.utilities[:, 1].tolist()
    )


def test_the_same_seed_gives_the_same_simulation() -> None:
    scenario = load("examples/korea_2019.yaml")
    first = simulate_talks(scenario, 3000, seed=5, workers=1)
    again = simulate_talks(scenario, 3000, seed=5, workers=1)
    assert first == again
    other = simulate_talks(scenario, 3000, seed=6, workers=1)
    assert other.baseline != first.baseline


def test_korea_2019_the_us_deadline_binds_and_reading_its_clock_right_brings_deals() -> None:
    """Pyongyang stalls past Washington's real deadline because it believes the clock runs
    longer; read right, most talks end in a deal. Washington's misreading of Pyongyang's BATNA
    moves no outcome: only the bayesian US uses it, and in the runs where that matters it
    accepts the last offer before its deadline whatever it believes."""
    result = simulate_talks(load("examples/korea_2019.yaml"), 20_000, seed=1, workers=1)
    written, no_deadline, perceived, corrected = (v.summary for v in result.variants)
    assert perceived == written
    assert written.deadline_bound["US"] > 0
    assert written.deadline_bound["NK"] == 0
    assert no_deadline.deadline == 0.0
    assert no_deadline.mean_agreement_round is not None
    assert written.mean_agreement_round is not None
    assert no_deadline.mean_agreement_round > written.mean_agreement_round + 5
    assert corrected.agreement > written.agreement + 0.1
    assert corrected.utility["US"] > written.utility["US"]


def test_simulate_command_json_is_reproducible() -> None:
    args = ["simulate", "examples/korea_2019.yaml", "--runs", "500", "--seed", "3", "-f", "json"]
    first, again = invoke(*args), invoke(*args)
    assert first.exit_code == 0
    assert first.stdout == again.stdout
    document = json.loads(first.stdout)["simulation"]
    assert document["seed"] == 3
    assert document["rounds"] == 26
    assert len(document["variants"][0]["agreement_rounds"]) == 26
    assert document["tournament"] is None


def test_simulate_command_text_with_a_tournament() -> None:
    result = invoke(
        "simulate", "examples/korea_2019.yaml", "--runs", "300", "--seed", "1", "--tournament"
    )
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "The talks were simulated 300 times for each variant" in text
    assert "Tournament" in text
    assert "seed 1" not in text or "--seed 1" in text


def test_simulate_without_a_protocol_is_one_line_exit_1() -> None:
    result = invoke("simulate", "examples/korea_2017.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "standoff: error: examples/korea_2017.yaml has no 'negotiation.protocol' section\n"
    )


def test_analyze_summarises_the_simulation_when_there_is_a_protocol() -> None:
    result = invoke("analyze", "examples/korea_2019.yaml", "--concepts", "nash", "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["simulation"]["runs"] == 2000
    assert document["simulation"]["seed"] == 0
    assert document["bargaining"]["parties"] == ["US", "NK"]


def test_analyze_on_talks_without_a_conflict_shows_bargaining_and_simulation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "talks.yaml"
    path.write_text(textwrap.dedent(TALKS), encoding="utf-8")
    text = invoke("analyze", str(path))
    assert text.exit_code == 0
    shown = " ".join(text.stdout.split())
    assert "A and B bargain over 1 issue (split): 101 possible agreements" in shown
    assert "The talks were simulated 2,000 times for each variant" in shown
    as_json = json.loads(invoke("analyze", str(path), "-f", "json").stdout)
    assert list(as_json) == ["format", "tool", "scenario", "parties", "bargaining", "simulation"]
    assert as_json["simulation"]["variants"][0]["label"] == "as written"


BATNA_BELIEF_ONLY = (
    TALKS.replace("{B: {batna: 0.05, utilities: {values: {split: [[0, 0.5], [100, 0]]}}}}",
                  "{B: {batna: 0.05}}")
    .replace("          strategy.B:",
             "          batna.B: {uniform: [0.2, 0.4]}\n          strategy.B:")
)  # fmt: skip


def test_a_corrected_belief_is_the_drawn_truth_in_the_same_run() -> None:
    found = variants(loads(textwrap.dedent(BATNA_BELIEF_ONLY)))
    assert found[3].label == "A perceives the BATNA of B correctly"
    batch = found[3].talks.distributions.sample(200, np.random.default_rng(1))
    np.testing.assert_array_equal(batch.believed_reservation[:, 0], batch.reservation[:, 1])
    assert len(set(batch.reservation[:, 1].tolist())) > 100


def test_a_what_if_no_strategy_uses_changes_nothing() -> None:
    """Boulware, stall and hardliner ignore beliefs about BATNAs: correcting one reproduces the
    talks as written run by run (issue 14: it used to move agreement by sampling noise)."""
    result = simulate_talks(loads(textwrap.dedent(BATNA_BELIEF_ONLY)), 2_000, seed=3, workers=1)
    written, corrected = result.variants[0], result.variants[3]
    assert corrected.summary == written.summary
    assert corrected.difference is not None
    assert corrected.difference.changed == 0.0
    assert corrected.difference.agreement == corrected.difference.agreement_se == 0.0
    assert written.difference is None
    dropped = result.variants[1].difference
    assert dropped is not None
    assert dropped.changed > 0.0


def test_the_deals_struck_per_variant_and_the_bargaining_solutions() -> None:
    result = simulate_talks(load("examples/korea_2019.yaml"), 3_000, seed=2, workers=1)
    for variant in result.variants:
        deals = variant.deals
        assert deals is not None
        assert deals.agreements == round(variant.summary.agreement * 3_000)
        assert [p.runs for p in deals.packages] == sorted(
            (p.runs for p in deals.packages), reverse=True
        )
        for issue, levels in deals.levels:
            assert sum(count for _, count in levels) == deals.agreements, issue
    top = result.variants[0].deals
    assert top is not None
    assert set(top.packages[0].levels) == {"sanctions", "program", "drills"}
    nash, ks = result.benchmarks
    assert (nash.label, ks.label) == ("Nash", "Kalai–Smorodinsky")
    assert nash.outcome is not None
    assert nash.levels is not None
    assert nash.runs == dict(result.baseline.deals).get(nash.outcome, 0)


def test_the_tournament_adds_the_files_strategies_with_their_parameters() -> None:
    """The standard set (named as files name them), then the file's own boulware(exponent=0.5):
    a different player from the standard boulware (exponent 0.2)."""
    scenario = loads(textwrap.dedent(TALKS))
    talks = simulate_talks(
        scenario, 200, seed=2, workers=1, with_variants=False, with_tournament=True
    )
    assert talks.tournament is not None
    assert talks.tournament.names == (
        "boulware", "linear", "conceder", "hardliner", "tit_for_tat", "stall", "bluster",
        "bayesian", "boulware(exponent=0.5)",
    )  # fmt: skip
    standard = talks.tournament.pairing("boulware", "linear")
    own = talks.tournament.pairing("boulware(exponent=0.5)", "linear")
    assert own.utility != standard.utility


def test_the_briefing_names_strategies_with_their_parameters(tmp_path: Path) -> None:
    path = tmp_path / "talks.yaml"
    path.write_text(textwrap.dedent(TALKS), encoding="utf-8")
    result = invoke("simulate", str(path), "--runs", "50", "--seed", "1", "--no-variants")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Strategies: A boulware(exponent=0.5), B stall." in text
    assert "deadline.B 5 25%, none 75%" in text  # rounds as the file writes them
