"""Compliance: the inspection game's closed forms, a hand-worked verifiable ZOPA, properties
against the slow reference, the Korea seed case, and the section in every output."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_errors import invoke

from standoff.bargaining import bargain, ruled_out
from standoff.bargaining._constraints import holds
from standoff.compliance import (
    PerceivedCompliance,
    assess_agreement,
    assess_compliance,
    inspection_game,
    net_temptations,
    self_enforcing,
)
from standoff.compliance._reference import reference_verifiable_zone
from standoff.pipeline import ComplianceRecord, Request, run
from standoff.report import briefing_html, briefing_markdown, json_document
from standoff.scenario import Scenario, loads
from standoff.scenario._negotiation_model import Alternative, Compliance

# -- the inspection game ---------------------------------------------------------------------------


Payoffs = dict[tuple[str, bool], tuple[float, float]]


def _payoffs(g: float, b: float, beta: float, e: float, loss: float) -> Payoffs:
    """The 2×2 game written out: (inspectee, inspector) for (action, inspect?)."""
    return {
        ("comply", False): (0.0, 0.0),
        ("comply", True): (0.0, -e),
        ("violate", False): (g, -loss),
        ("violate", True): ((1 - beta) * g - beta * b, -e - (1 - beta) * loss),
    }


def _expected(table: Payoffs, action: str, q: float, who: int) -> float:
    return float(q * table[(action, True)][who] + (1 - q) * table[(action, False)][who])


@pytest.mark.parametrize(
    ("g", "b", "beta", "e", "loss", "q", "v"),
    [
        pytest.param(0.2, 0.6, 0.5, 0.05, 0.5, Fraction(1, 2), Fraction(1, 5), id="halves"),
        pytest.param(0.1, 0.3, 1.0, 0.1, 0.4, Fraction(1, 4), Fraction(1, 4), id="sure-detection"),
        pytest.param(0.3, 0.9, 0.75, 0.0, 1.0, Fraction(1, 3), Fraction(0), id="free-inspection"),
    ],
)
def test_the_mixed_equilibrium_is_the_closed_form(
    g: float, b: float, beta: float, e: float, loss: float, q: Fraction, v: Fraction
) -> None:
    game = inspection_game(gain=g, penalty=b, detection=beta, inspection_cost=e, loss=loss)
    assert game.regime == "mixed"
    assert game.inspection == pytest.approx(float(q), abs=1e-12)
    assert game.violation == pytest.approx(float(v), abs=1e-12)
    assert game.inspectee_payoff == pytest.approx(0.0, abs=1e-12)
    assert game.inspector_payoff == pytest.approx(-e / beta, abs=1e-12)


@pytest.mark.parametrize(
    ("values", "regime", "q", "v"),
    [
        pytest.param((0.0, 0.5, 0.5, 0.1, 0.5), "nothing_to_gain", 0.0, 0.0, id="no-gain"),
        pytest.param((0.3, 0.1, 0.5, 0.1, 1.0), "undeterrable", 1.0, 1.0, id="undeterred"),
        pytest.param((0.3, 0.5, 0.0, 0.1, 1.0), "undeterrable", 0.0, 1.0, id="never-detected"),
        pytest.param((0.3, 0.1, 0.5, 0.6, 1.0), "undeterrable", 0.0, 1.0, id="undeterred-dear"),
        pytest.param((0.1, 1.0, 0.8, 0.4, 0.5), "not_worth_inspecting", 0.0, 1.0, id="dear"),
        pytest.param((0.1, 1.0, 0.8, 0.1, 0.0), "not_worth_inspecting", 0.0, 1.0, id="no-loss"),
    ],
)
def test_the_boundary_cases(
    values: tuple[float, float, float, float, float], regime: str, q: float, v: float
) -> None:
    g, b, beta, e, loss = values
    game = inspection_game(gain=g, penalty=b, detection=beta, inspection_cost=e, loss=loss)
    assert (game.regime, game.inspection, game.violation) == (regime, q, v)


@pytest.mark.parametrize(
    ("values", "regime", "q", "v"),
    [
        # β(g + b) = g: certain inspection deters, whether or not β(g + b) rounds above g
        pytest.param((0.2, 0.2, 0.5, 0.05, 1.0), "mixed", 1.0, 0.1, id="deterred-exact"),
        pytest.param((0.3, 0.1, 0.75, 0.05, 1.0), "mixed", 1.0, 1 / 15, id="deterred-rounded"),
        # e = βL: inspecting does not pay, whether or not βL rounds above e
        pytest.param((0.1, 1.0, 0.5, 0.1, 0.2), "not_worth_inspecting", 0.0, 1.0, id="dear-exact"),
        pytest.param(
            (0.1, 1.0, 0.1, 0.005, 0.05), "not_worth_inspecting", 0.0, 1.0, id="dear-rounded"
        ),
        pytest.param((0.3, 0.1, 0.5, 0.1, 0.2), "undeterrable", 0.0, 1.0, id="undeterred-dear"),
    ],
)
def test_a_case_on_a_boundary_is_not_decided_by_rounding(
    values: tuple[float, float, float, float, float], regime: str, q: float, v: float
) -> None:
    g, b, beta, e, loss = values
    game = inspection_game(gain=g, penalty=b, detection=beta, inspection_cost=e, loss=loss)
    assert game.regime == regime
    assert game.inspection == pytest.approx(q, abs=1e-12)
    assert game.violation == pytest.approx(v, abs=1e-12)


def test_negative_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        inspection_game(gain=-0.1, penalty=0, detection=0.5, inspection_cost=0, loss=0)


_UNIT = st.integers(0, 16).map(lambda k: k / 16)


@given(g=_UNIT, b=_UNIT, beta=_UNIT, e=_UNIT, loss=_UNIT)
def test_every_solution_is_an_equilibrium_of_the_written_out_game(
    g: float, b: float, beta: float, e: float, loss: float
) -> None:
    game = inspection_game(gain=g, penalty=b, detection=beta, inspection_cost=e, loss=loss)
    table = _payoffs(g, b, beta, e, loss)
    q, v = game.inspection, game.violation
    comply = _expected(table, "comply", q, 0)
    violate = _expected(table, "violate", q, 0)
    inspectee = v * violate + (1 - v) * comply
    assert inspectee >= max(comply, violate) - 1e-12  # no better reply for the inspectee
    inspect = v * table[("violate", True)][1] + (1 - v) * table[("comply", True)][1]
    wait = v * table[("violate", False)][1] + (1 - v) * table[("comply", False)][1]
    inspector = q * inspect + (1 - q) * wait
    assert inspector >= max(inspect, wait) - 1e-12  # nor for the inspector
    assert game.inspectee_payoff == pytest.approx(inspectee, abs=1e-12)
    assert game.inspector_payoff == pytest.approx(inspector, abs=1e-12)


# -- a hand-worked case: two issues, one of them the verification issue ----------------------------

HAND = """\
standoff: 1
title: Freeze and checks
parties: {A: {}, B: {}, C: {}}
negotiation:
  parties: [A, B]
  issues: {freeze: [no, yes], checks: [none, full]}
  utilities:
    A:
      weights: {freeze: 3, checks: 1}
      values: {freeze: {no: 0, yes: 1}, checks: {none: 0, full: 1}}
    B: {values: {freeze: {no: 1, yes: 0.5}, checks: {none: 1, full: 0}}}
  batna: {A: 0.2, B: 0.2}
  compliance:
    B:
      issues:
        freeze:
          gain: {yes: 0.3}
          detection: {checks: {none: 0.2, full: 0.9}}
          penalty: PENALTY
"""


def _hand(penalty: str = "0.5", extra: str = "") -> Scenario:
    return loads(HAND.replace("PENALTY", penalty) + extra)


def test_the_hand_worked_verifiable_zopa() -> None:
    # outcomes (freeze, checks): 0 (no, none), 1 (no, full), 2 (yes, none), 3 (yes, full)
    # u_A = 0.75·freeze + 0.25·checks = 0, 0.25, 0.75, 1; u_B = 1, 0.5, 0.75, 0.25
    # ZOPA (both above 0.2): 1, 2, 3. B breaking the freeze nets 0.3 − β·0.5:
    # at 2, β = 0.2: +0.2 (broken); at 3, β = 0.9: −0.15 (kept); at 1 nothing is pledged.
    analysis = assess_compliance(_hand())
    assert analysis.zopa.size == 3
    assert analysis.verifiable_outcomes.tolist() == [1, 3]
    assert analysis.self_enforcing.tolist() == [True, True, False, True]
    assert analysis.temptations[:, 1].tolist() == pytest.approx([0, 0, 0.2, 0])
    # Nash over the ZOPA: products 0.05·0.3, 0.55·0.55, 0.8·0.05 -> outcome 2, which B breaks;
    # over the verifiable ZOPA: outcome 3
    nash = analysis.solutions["nash"]
    assert (nash.outcome, nash.self_enforcing) == (2, False)
    assert nash.least_verification == {"checks": "full"}
    (pledge,) = nash.pledges
    assert (pledge.gain, pledge.detection, pledge.penalty) == (0.3, 0.2, 0.5)
    assert pledge.net == pytest.approx(0.2)
    assert pledge.needed_penalty == pytest.approx(1.5)
    assert analysis.restricted["nash"].outcome == 3
    assert analysis.restricted["nash"].self_enforcing


def test_the_least_cooperation_of_the_third_party_a_penalty_rests_on() -> None:
    # penalty 0.1 + p_C·0.4, expected 0.3 with p_C = 0.5: at outcome 3, 0.3 − 0.9·0.3 > 0;
    # deterring needs a penalty of 0.3/0.9 = 1/3, so p_C ≥ (1/3 − 0.1)/0.4 = 7/12
    analysis = assess_compliance(_hand("{utility: 0.5, needs: {C: 0.5}, otherwise: 0.1}"))
    assert analysis.verifiable_outcomes.tolist() == [1]
    scenario = _hand("{utility: 0.5, needs: {C: 0.5}, otherwise: 0.1}")
    assert scenario.negotiation is not None
    found = bargain(scenario)
    disagreement = np.array([b.value for b in found.batnas])
    agreement = assess_agreement(
        "", scenario.negotiation, found.space, found.utilities, disagreement, 3
    )
    (pledge,) = agreement.pledges
    assert pledge.needed_penalty == pytest.approx(1 / 3)
    assert pledge.needed_cooperation["C"] == pytest.approx(7 / 12)
    # at outcome 2 deterring needs 1.5: more than C's certain cooperation gives (0.5)
    assert analysis.solutions["nash"].pledges[0].needed_cooperation == {"C": None}


def test_a_deal_kept_round_after_round_is_kept_when_the_future_outweighs_the_gain() -> None:
    # discount 0.75 without end: F = 3; at outcome 2 B's surplus is 0.55, so a detected
    # violation costs 0.5 + 1.65 and 0.3 − 0.2·2.15 < 0
    patient = assess_compliance(_hand(extra="      discount: 0.75\n"))
    assert patient.verifiable_outcomes.tolist() == [1, 2, 3]
    assert patient.solutions["nash"].pledges[0].future == pytest.approx(1.65)
    # discount 0.5: F = 1, 0.3 − 0.2·1.05 > 0
    impatient = assess_compliance(_hand(extra="      discount: 0.5\n"))
    assert impatient.verifiable_outcomes.tolist() == [1, 3]


# -- properties against the slow reference ---------------------------------------------------------

_EIGHTH = st.integers(0, 8).map(lambda k: k / 8)
_QUARTER = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])
"""Gains, detection and penalties: few values, so that a gain equal to the expected penalty
(the boundary of self-enforcement) is drawn often."""


@st.composite
def _scenarios(draw: st.DrawFn) -> str:
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=3))
    issues = {f"i{k}": [f"l{j}" for j in range(n)] for k, n in enumerate(sizes)}

    def values() -> dict[str, Any]:
        return {
            issue: {level: draw(_EIGHTH) for level in levels} for issue, levels in issues.items()
        }

    compliance: dict[str, Any] = {}
    for party in ("A", "B"):
        pledged = draw(st.lists(st.sampled_from(sorted(issues)), max_size=2, unique=True))
        if not pledged:
            continue
        entries = {}
        for issue in pledged:
            verification = draw(st.sampled_from([None, *sorted(issues)]))
            detection: Any = draw(_QUARTER)
            if verification is not None:
                detection = {verification: {lvl: draw(_QUARTER) for lvl in issues[verification]}}
            penalty: Any = draw(_QUARTER)
            if draw(st.booleans()):
                penalty = {"utility": draw(_QUARTER), "needs": {"C": 0.5}, "otherwise": 0.125}
            entries[issue] = {
                "gain": {lvl: draw(_QUARTER) for lvl in issues[issue]},
                "detection": detection,
                "penalty": penalty,
            }
        compliance[party] = {"issues": entries}
        if draw(st.booleans()):
            compliance[party]["discount"] = draw(st.sampled_from([0.5, 0.75]))
    negotiation: dict[str, Any] = {
        "parties": ["A", "B"],
        "issues": issues,
        "utilities": {"A": {"values": values()}, "B": {"values": values()}},
        "batna": {"A": draw(_EIGHTH), "B": draw(_EIGHTH)},
        "compliance": compliance,
    }

    def comparison() -> str:
        issue = draw(st.sampled_from(sorted(issues)))
        level = draw(st.sampled_from(issues[issue]))
        return f"{issue} {draw(st.sampled_from(['==', '!=', '>=', '<=']))} {level}"

    if draw(st.booleans()):
        negotiation["red_lines"] = {"B": [comparison()]}
    if draw(st.booleans()):
        negotiation["infeasible"] = [comparison()]
    if draw(st.booleans()):  # A holds a belief about B: its BATNA or its red lines
        believed: dict[str, Any] = {"batna": draw(_EIGHTH)}
        if draw(st.booleans()):
            believed = {"red_lines": draw(st.sampled_from([[], [comparison()]]))}
        negotiation["beliefs"] = {"A": {"B": believed}}
    head = {"standoff": 1, "title": "T", "parties": {"A": {}, "B": {}, "C": {}}}
    return json.dumps({**head, "negotiation": negotiation})


def _verifiable(scenario: Scenario) -> tuple[list[int], list[int], list[int]]:
    """(the ZOPA, the verifiable ZOPA, the reference's verifiable ZOPA)."""
    negotiation = scenario.negotiation
    assert negotiation is not None
    analysis = assess_compliance(scenario)
    found = bargain(scenario)
    disagreement = [b.value for b in found.batnas]
    signable = ruled_out(negotiation, found.space).signable
    reference = reference_verifiable_zone(
        negotiation, found.utilities.tolist(), disagreement, signable.tolist()
    )
    above = np.all(found.utilities > disagreement, axis=1)
    zone = np.flatnonzero(above & signable).tolist()
    assert analysis.zopa.size == len(zone)
    return zone, analysis.verifiable_outcomes.tolist(), reference


def _with_compliance(scenario: Scenario, compliance: Compliance) -> Scenario:
    negotiation = scenario.negotiation
    assert negotiation is not None
    return replace(scenario, negotiation=replace(negotiation, compliance=compliance))


@given(_scenarios())
def test_the_kernel_matches_the_reference(text: str) -> None:
    _, fast, slow = _verifiable(loads(text))
    assert fast == slow


@settings(deadline=None)
@given(_scenarios())
def test_each_perceived_verifiable_zopa_lies_in_the_zopa_the_holder_perceives(text: str) -> None:
    """The perceived ZOPA of the compliance analysis is the bargaining analysis's (believed
    BATNAs and red lines included), and its verifiable part is the reference's over it."""
    scenario = loads(text)
    negotiation = scenario.negotiation
    assert negotiation is not None
    found = bargain(scenario)
    analysis = assess_compliance(scenario, found)
    assert [p.holder for p in analysis.perceived] == [p.holder for p in found.perceived]
    for mine, theirs in zip(analysis.perceived, found.perceived, strict=True):
        assert mine.zopa == theirs.zopa.size
        believed = [b.value for b in found.batnas]
        belief = negotiation.belief("A", "B")
        assert belief is not None
        if belief.batna is not None:
            believed[1] = belief.batna.value()
        lines = belief.red_lines if belief.red_lines is not None else negotiation.red_lines.get("B")
        signable = ~holds(found.space, negotiation.infeasible) & ~holds(found.space, lines or ())
        reference = reference_verifiable_zone(
            negotiation, found.utilities.tolist(), believed, signable.tolist()
        )
        assert mine.verifiable == len(reference)
        assert mine.overlap == len(set(reference) & set(analysis.verifiable_outcomes.tolist()))


@given(_scenarios())
def test_the_kernel_agrees_with_each_agreement_assessed_alone(text: str) -> None:
    scenario = loads(text)
    negotiation = scenario.negotiation
    assert negotiation is not None
    found = bargain(scenario)
    disagreement = np.array([b.value for b in found.batnas])
    nets = net_temptations(negotiation, found.space, found.utilities, disagreement)
    kept = self_enforcing(nets, found.space.size)
    for outcome in range(found.space.size):
        alone = assess_agreement(
            "", negotiation, found.space, found.utilities, disagreement, outcome
        )
        assert alone.self_enforcing == bool(kept[outcome])


@given(_scenarios(), st.data())
def test_more_detection_or_a_larger_penalty_never_shrinks_the_verifiable_zopa(
    text: str, data: st.DataObject
) -> None:
    scenario = loads(text)
    negotiation = scenario.negotiation
    assert negotiation is not None
    _, before, _ = _verifiable(scenario)
    stronger = []
    for pledge in negotiation.compliance.commitments:
        detection = tuple(
            min(1.0, p + data.draw(_EIGHTH, label="more detection")) for p in pledge.detection
        )
        more = data.draw(_EIGHTH, label="more penalty")
        penalty = Alternative(
            "penalty",
            min(1.0, pledge.penalty.utility + more),
            pledge.penalty.needs,
            min(1.0, pledge.penalty.otherwise + more),
            pledge.location,
        )
        stronger.append(replace(pledge, detection=detection, penalty=penalty))
    compliance = Compliance(tuple(stronger), negotiation.compliance.repetition)
    _, after, _ = _verifiable(_with_compliance(scenario, compliance))
    assert set(before) <= set(after)


@given(_scenarios())
def test_with_no_gain_from_cheating_the_verifiable_zopa_is_the_zopa(text: str) -> None:
    scenario = loads(text)
    negotiation = scenario.negotiation
    assert negotiation is not None
    honest = tuple(
        replace(pledge, gains=(0.0,) * len(pledge.gains))
        for pledge in negotiation.compliance.commitments
    )
    zone, verifiable, _ = _verifiable(
        _with_compliance(scenario, Compliance(honest, MappingProxyType({})))
    )
    assert verifiable == zone


# -- the seed case and the outputs -----------------------------------------------------------------


def test_the_interim_deal_is_not_self_enforcing_without_intrusive_inspections() -> None:
    record = run("examples/korea_2017.yaml").get(ComplianceRecord)
    assert record is not None
    analysis = record.analysis
    nash = analysis.solutions["nash"]
    assert nash.labels["program"] == "verified_freeze"
    assert nash.labels["inspections"] == "declared_sites"
    assert not nash.self_enforcing
    assert nash.least_verification == {"inspections": "intrusive"}
    (pledge,) = nash.pledges
    assert (pledge.gain, pledge.detection, pledge.penalty) == (0.18, 0.3, 0.26)
    assert pledge.needed_penalty == pytest.approx(0.6)
    assert pledge.needed_cooperation == {"China": None}  # snap-back is 0.5 even with China
    assert (analysis.zopa.size, analysis.verifiable.size) == (53, 27)
    (game,) = analysis.inspections
    assert game.game.regime == "undeterrable"  # 0.3 × (0.18 + 0.26) < 0.18


def test_the_compliance_key_and_section_appear_in_every_format() -> None:
    results = run("examples/korea_2017.yaml")
    document = json_document(results)
    assert list(document)[-1] == "compliance"
    data = document["compliance"]
    assert data["solutions"]["nash"]["least_verification"] == {"inspections": "intrusive"}
    assert data["verifiable_zopa"]["size"] == 27
    assert data["inspection_games"][0]["regime"] == "undeterrable"
    json.dumps(document)
    markdown = briefing_markdown(results)
    assert re.search(r"^## \d+\. Compliance$", markdown, re.MULTILINE)
    assert "Setting inspections to intrusive would make it self-enforcing." in markdown
    html = briefing_html(results)
    assert 'data-chart="verifiable-zopa"' in html


def test_no_compliance_part_means_no_compliance_analysis() -> None:
    results = run("examples/korea_2019.yaml", Request(only=frozenset({"compliance"})))
    assert "compliance" not in results.records


def test_bargain_says_whether_the_interim_deal_holds() -> None:
    result = invoke("bargain", "examples/korea_2017.yaml")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "is not self-enforcing: breaking it in secret pays North Korea." in text
    assert "Setting inspections to intrusive would make it self-enforcing." in text


def test_a_red_line_keeps_agreements_out_of_the_verifiable_zopa_and_its_remedies() -> None:
    # B refuses full checks: outcomes 1 and 3 leave the ZOPA, and the only level of checks
    # that would deter B from breaking the freeze crosses its red line
    scenario = loads(HAND.replace("PENALTY", "0.5") + "  red_lines: {B: [checks >= full]}\n")
    analysis = assess_compliance(scenario)
    assert analysis.zopa.size == 1
    assert analysis.verifiable_outcomes.tolist() == []
    assert analysis.restricted == {}
    assert analysis.solutions["nash"].least_verification == {"checks": None}


def test_the_chart_marks_only_the_zopa_an_agreement_across_a_red_line_is_outside() -> None:
    # the red line leaves outcome 2 alone in the ZOPA, and B would break it: outcomes 1 and 3,
    # self-enforcing and above both BATNAs but across B's red line, are not "would be kept"
    scenario = loads(HAND.replace("PENALTY", "0.5") + "  red_lines: {B: [checks >= full]}\n")
    results = run(scenario)
    record = results.get(ComplianceRecord)
    assert record is not None
    assert record.analysis.zopa_outcomes.tolist() == [2]
    html = briefing_html(results)
    chart = html.split('data-chart="verifiable-zopa"', 1)[1].split("</svg>", 1)[0]
    assert "in the ZOPA, would be broken" in chart
    assert "verifiable ZOPA: would be kept" not in chart


def test_a_red_line_the_holder_does_not_know_widens_its_perceived_verifiable_zopa() -> None:
    # B refuses full checks, and A does not know it: A perceives the ZOPA without the red line,
    # {1, 2, 3}, of which 1 and 3 are self-enforcing (see the hand-worked case); the real
    # verifiable ZOPA is empty (the red line leaves 2 alone, which B breaks)
    hidden = "  red_lines: {B: [checks >= full]}\n  beliefs: {A: {B: {red_lines: []}}}\n"
    scenario = loads(HAND.replace("PENALTY", "0.5") + hidden)
    analysis = assess_compliance(scenario)
    assert analysis.verifiable_outcomes.tolist() == []
    (perceived,) = analysis.perceived
    assert perceived == PerceivedCompliance("A", zopa=3, verifiable=2, overlap=0)
    assert perceived.zopa == bargain(scenario).perceived[0].zopa.size
    # and a red line A wrongly believes B holds narrows A's view alone
    imagined = "  beliefs: {A: {B: {red_lines: [freeze == yes]}}}\n"
    (narrowed,) = assess_compliance(loads(HAND.replace("PENALTY", "0.5") + imagined)).perceived
    assert narrowed == PerceivedCompliance("A", zopa=1, verifiable=1, overlap=1)


def test_a_draft_is_assessed_beside_the_solutions() -> None:
    deal = (
        ("sanctions", "partial_relief"),
        ("program", "verified_freeze"),
        ("inspections", "intrusive"),
        ("exercises", "50"),
    )
    results = run("examples/korea_2017.yaml", Request(only=frozenset({"compliance"}), deal=deal))
    record = results.get(ComplianceRecord)
    assert record is not None
    draft = record.analysis.draft
    assert draft is not None
    (pledge,) = draft.pledges
    assert pledge.net == pytest.approx(0.18 - 0.8 * 0.26)  # intrusive inspections deter
    assert draft.self_enforcing
    assert json_document(results)["compliance"]["draft"]["self_enforcing"] is True


def test_a_draft_of_a_negotiation_with_pledges_is_checked_for_compliance_too() -> None:
    """``bargain --deal`` adds the compliance analysis, the draft among its rows, only when the
    negotiation has pledges; without them the document holds the draft alone."""
    from typer.testing import CliRunner

    from standoff.cli import app

    examples = Path(__file__).resolve().parent.parent / "examples"
    runner = CliRunner()
    draft = "sanctions=partial_relief, program=verified_freeze, inspections=declared_sites"
    pledged = runner.invoke(
        app,
        [
            "bargain",
            str(examples / "korea_2017.yaml"),
            "--deal",
            f"{draft}, exercises=50",
            "-f",
            "json",
        ],
    )
    assert pledged.exit_code == 0, pledged.output
    document = json.loads(pledged.stdout)
    assert document["compliance"]["draft"] is not None
    assert "draft" in document
    plain = runner.invoke(
        app,
        [
            "bargain",
            str(examples / "korea_2019.yaml"),
            "--deal",
            "sanctions=partial_relief, program=yongbyon_closure, drills=50%",
            "-f",
            "json",
        ],
    )
    assert plain.exit_code == 0, plain.output
    assert [
        key
        for key in json.loads(plain.stdout)
        if key not in ("format", "tool", "scenario", "parties")
    ] == ["draft"]
