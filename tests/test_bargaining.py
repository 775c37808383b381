"""The bargaining analysis against closed forms and hand computations.

The workhorse is a one-issue split of a pie: ``split`` runs over 0..100 in 1001 points, A's utility
is k/1000 and B's is 1 − k/1000, so every outcome lies on the linear frontier u_A + u_B = 1. BATNAs
sit between grid points (0.2005, 0.3005) so that no outcome ties with a BATNA.
"""

from __future__ import annotations

import json
import textwrap

import numpy as np
import pytest
from tests.test_errors import invoke

from standoff.bargaining import (
    Switch,
    assess_batna,
    bargain,
    pareto_frontier,
)
from standoff.report import bargaining_document, findings
from standoff.scenario import load, loads

STEP = 0.001


def pie(batna_a: float = 0.2005, batna_b: float = 0.3005, beliefs: str = "") -> str:
    text = f"""\
        standoff: 1
        title: Split a pie
        parties: {{A: {{}}, B: {{}}, X: {{}}}}
        negotiation:
          parties: [A, B]
          issues:
            split: {{range: [0, 100], steps: 1001}}
          utilities:
            A: {{values: {{split: [[0, 0], [100, 1]]}}}}
            B: {{values: {{split: [[0, 1], [100, 0]]}}}}
          batna: {{A: {batna_a}, B: {batna_b}}}
        """
    return textwrap.dedent(text) + textwrap.indent(textwrap.dedent(beliefs), "  ")


def test_the_nash_split_on_a_linear_frontier_is_d_plus_half_the_surplus() -> None:
    analysis = bargain(loads(pie()))
    d_a, d_b = 0.2005, 0.3005
    expected_a = d_a + (1 - d_a - d_b) / 2
    nash = analysis.solutions["nash"]
    assert nash.utilities["A"] == pytest.approx(expected_a, abs=STEP)
    assert nash.utilities["B"] == pytest.approx(1 - expected_a, abs=STEP)


def test_kalai_smorodinsky_and_egalitarian_agree_with_nash_on_a_symmetric_linear_frontier() -> None:
    # KS: ideal point (1 − d_B, 1 − d_A); the segment from d to it meets u_A + u_B = 1 at the
    # Nash split. Egalitarian: equal gains, the same point.
    analysis = bargain(loads(pie()))
    for name in ("kalai_smorodinsky", "egalitarian"):
        assert analysis.solutions[name].utilities["A"] == pytest.approx(0.45, abs=STEP)


def test_the_zopa_is_every_split_both_prefer_to_their_batna() -> None:
    analysis = bargain(loads(pie()))
    # A needs k/1000 > 0.2005 (k >= 201), B needs 1 - k/1000 > 0.3005 (k <= 699).
    assert analysis.zopa.size == 499
    assert analysis.zopa.ranges["A"] == pytest.approx((0.201, 0.699))
    assert analysis.frontier.size == 1001  # every split is efficient
    assert len(analysis.zopa.frontier) == 499


def test_leverage_moves_the_share_by_half_the_batna_change_on_a_linear_frontier() -> None:
    analysis = bargain(loads(pie()))
    a = next(entry for entry in analysis.leverage if entry.party == "A")
    # Nash split: u_A = d_A + (1 − d_A − d_B)/2, so du_A/dd_A = 1/2; the total utility is 1.
    assert a.share == pytest.approx(0.45, abs=STEP)
    assert a.lower.batna == pytest.approx(0.1005)
    assert a.lower.share == pytest.approx(0.40, abs=STEP)
    assert a.higher.share == pytest.approx(0.50, abs=STEP)
    assert a.gain == pytest.approx(0.45 - 0.2005, abs=STEP)
    assert a.at_stake == pytest.approx((0.45 - 0.2005) / 0.45, abs=0.01)


def test_the_party_with_the_better_batna_holds_the_strong_hand() -> None:
    assert bargain(loads(pie(0.2005, 0.3005))).strong_hand == "B"
    assert bargain(loads(pie(0.4005, 0.1005))).strong_hand == "A"


def test_an_empty_zopa_predicts_breakdown_and_offers_no_solution() -> None:
    analysis = bargain(loads(pie(0.6005, 0.5005)))
    assert analysis.zopa.empty
    assert analysis.solutions == {}
    assert analysis.leverage == ()
    assert analysis.strong_hand is None
    assert findings(analysis)[0].startswith("No agreement beats every party's BATNA")


def test_a_misjudged_batna_widens_the_perceived_zopa_and_the_expected_deal_is_rejected() -> None:
    beliefs = """\
        beliefs:
          A: {B: {batna: 0.0005}}
        """
    analysis = bargain(loads(pie(beliefs=beliefs)))
    (perceived,) = analysis.perceived
    assert perceived.holder == "A"
    assert perceived.believed_batnas == {"A": 0.2005, "B": 0.0005}
    assert perceived.zopa.size == 999 - 201 + 1  # k in 201..999
    assert perceived.overlap == 499
    # A expects u_A = 0.2005 + (1 − 0.2005 − 0.0005)/2 = 0.6 — which B (1 − 0.6 = 0.4 > 0.3005)
    # accepts: a misjudgment that costs B, not the deal.
    assert perceived.expected is not None
    assert perceived.expected.utilities["A"] == pytest.approx(0.6, abs=STEP)
    assert perceived.rejected_by == ()


def test_disjoint_perceived_and_real_zopas_are_said_plainly() -> None:
    beliefs = """\
        beliefs:
          A:
            B:
              batna: 0.7505
              utilities: {values: {split: [[0, 0], [100, 1]]}}
        """
    analysis = bargain(loads(pie(beliefs=beliefs)))
    (perceived,) = analysis.perceived
    assert perceived.zopa.size == 1000 - 751 + 1  # k in 751..1000
    assert perceived.overlap == 0
    assert perceived.rejected_by == ("B",)
    assert any("do not overlap" in sentence for sentence in findings(analysis))


def test_a_party_that_sees_no_deal_is_said_to_expect_failure() -> None:
    beliefs = """\
        beliefs:
          A: {B: {batna: 0.9}}
        """
    analysis = bargain(loads(pie(beliefs=beliefs)))
    assert analysis.perceived[0].zopa.empty
    assert analysis.perceived[0].expected is None
    assert "A sees no agreement worth making: it expects talks to fail." in findings(analysis)


BATNA_LOTTERY = """\
    standoff: 1
    title: Alternatives
    parties: {A: {}, B: {}, X: {}, Y: {}}
    negotiation:
      parties: [A, B]
      issues: {price: [low, high]}
      utilities:
        A: {values: {price: {low: 0, high: 1}}}
        B: {values: {price: {low: 1, high: 0}}}
      batna:
        A:
          alternatives:
            court: {utility: 0.9, needs: {X: 0.5}, otherwise: 0.1}
            appeal: {utility: 0.7, needs: {X: 0.5}, otherwise: 0.3}
            settle_elsewhere: 0.4
            coalition: {utility: 0.8, needs: {X: 0.5, Y: 0.4}, otherwise: 0.1}
        B: 0.3
    """


def test_a_batna_lottery_by_hand() -> None:
    batna = loads(textwrap.dedent(BATNA_LOTTERY)).negotiation
    assert batna is not None
    assessment = assess_batna("A", batna.batnas["A"])
    values = {a.name: a.value for a in assessment.alternatives}
    # court 0.5·0.9 + 0.5·0.1; appeal 0.5·0.7 + 0.5·0.3; coalition p = 0.2: 0.2·0.8 + 0.8·0.1
    assert values == {"court": 0.5, "appeal": 0.5, "settle_elsewhere": 0.4, "coalition": 0.24}
    assert assessment.best == "court"  # ties go to the first listed
    assert assessment.value == 0.5


def test_the_dependence_on_a_third_party_has_exact_switch_points() -> None:
    negotiation = loads(textwrap.dedent(BATNA_LOTTERY)).negotiation
    assert negotiation is not None
    x, y = assess_batna("A", negotiation.batnas["A"]).dependence
    # As X's probability q rises: settle (0.4) until appeal 0.3 + 0.4q passes it at q = 0.25,
    # then appeal until court 0.1 + 0.8q passes it at q = 0.5 (coalition is never best).
    assert x.party == "X"
    assert x.probability == 0.5
    assert (x.value_with, x.best_with, x.value_without, x.best_without) == (
        0.9,
        "court",
        0.4,
        "settle_elsewhere",
    )
    assert x.switches == (
        Switch(0.25, "settle_elsewhere", "appeal"),
        Switch(0.5, "appeal", "court"),
    )
    assert x.stake == pytest.approx(0.5)
    # Y only matters to the coalition, which stays worse than court even with Y certain.
    assert (y.party, y.value_with, y.value_without, y.switches) == ("Y", 0.5, 0.5, ())


def test_the_frontier_of_the_analysis_is_exactly_the_undominated_outcomes() -> None:
    analysis = bargain(load("examples/korea_2017.yaml"))
    utilities = analysis.utilities
    dominated = np.array(
        [
            bool(np.any(np.all(utilities >= row, axis=1) & np.any(utilities > row, axis=1)))
            for row in utilities
        ]
    )
    assert analysis.frontier.tolist() == np.flatnonzero(~dominated).tolist()
    assert pareto_frontier(utilities).tolist() == analysis.frontier.tolist()


def test_korea_2017_the_dprk_holds_the_strong_hand_and_the_us_batna_rests_on_china() -> None:
    analysis = bargain(load("examples/korea_2017.yaml"))
    assert analysis.strong_hand == "NK"
    us = analysis.batna("US")
    china = next(d for d in us.dependence if d.party == "China")
    assert (us.best, china.best_without) == ("maximum_pressure", "containment")
    nash = analysis.solutions["nash"]
    assert nash.utilities["NK"] > analysis.batna("NK").value
    assert nash.utilities["US"] > us.value
    (perceived,) = analysis.perceived
    assert perceived.holder == "US"
    assert perceived.rejected_by == ("NK",)


def test_the_bargaining_document_is_json_and_round_trips() -> None:
    analysis = bargain(load("examples/korea_2017.yaml"))
    document = bargaining_document(analysis)
    assert json.loads(json.dumps(document)) == document
    assert list(document) == [
        "parties",
        "issues",
        "outcomes",
        "batnas",
        "frontier",
        "frontier_size",
        "zopa",
        "perceived",
        "solutions",
        "leverage",
        "strong_hand",
        "infeasible",
        "red_lines",
        "zopa_without_red_lines",
        "targets",
    ]
    assert document["outcomes"] == 180
    assert len(document["frontier"]) == analysis.frontier.size
    assert document["zopa"]["size"] == analysis.zopa.size


def test_bargain_command_text_and_json() -> None:
    text = invoke("bargain", "examples/korea_2017.yaml")
    assert text.exit_code == 0
    assert "North Korea holds the stronger hand" in text.stdout
    as_json = invoke("bargain", "examples/korea_2017.yaml", "--format", "json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["bargaining"]["strong_hand"] == "NK"


def test_analyze_shows_bargaining_for_a_negotiation_only_scenario() -> None:
    result = invoke("analyze", "examples/korea_2017.yaml", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert "stability" not in document
    assert document["bargaining"]["parties"] == ["US", "NK"]
