"""The robustness and inverse sections and their JSON keys: hinges on the Korea example, inverse
counting on Syria–Iraq 1975 (the GMCR+ guide's 240 of 720), and robustness under a small
``uncertainty:`` section, exact and sampled, in the JSON, terminal, Markdown and HTML outputs.
"""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from rich.console import Console

from standoff.pipeline import Request, Results, RobustnessRecord, run
from standoff.report import briefing_html, briefing_markdown, json_document, terminal_view
from standoff.report._charts import probability_chart
from standoff.robustness import robustness
from standoff.scenario import loads

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GENERATED = datetime(2024, 1, 2, tzinfo=UTC)

UNSURE = """\
standoff: 1
title: Prisoner's dilemma, unsure of both
parties:
  Ann:
    options:
      ann_defects: Ann defects
  Bob:
    options:
      bob_defects: Bob defects
conflict:
  states:
    both_cooperate: not ann_defects and not bob_defects
    both_defect: ann_defects and bob_defects
  status_quo: both_cooperate
  preferences:
    Ann:
    - not bob_defects
    - ann_defects
    Bob:
    - not ann_defects
    - bob_defects
uncertainty:
  Ann:
    radius: 1
    weight: 3
    alternatives:
    - label: trusts Bob
      weight: 1
      preferences:
      - not bob_defects
      - not ann_defects
  Bob:
    uncertain: [bob_defects]
"""
"""Ann: her stated order, its one swap and an alternative (3 variants); Bob: 'bob_defects' first,
second or dropped (3 variants). 9 profiles."""


def words(text: str) -> str:
    """The text with every run of white space as one space (terminals wrap lines)."""
    return " ".join(text.split())


def markdown_text(results: Results) -> str:
    """The Markdown briefing as plain words: no escapes, no bold."""
    return words(re.sub(r"\\([\\`*_{}\[\]()#+.!|-])", r"\1", briefing_markdown(results))).replace(
        "**", ""
    )


def terminal_text(results: Results) -> str:
    console = Console(width=100, color_system=None, record=True, file=io.StringIO())
    console.print(terminal_view(results))
    return words(console.export_text())


@pytest.fixture(scope="module")
def korea() -> Results:
    request = Request(only=frozenset({"robustness"}))
    return run(EXAMPLES / "korea_2019.yaml", request, generated=GENERATED)


@pytest.fixture(scope="module")
def syria() -> Results:
    request = Request(inverse="2", vary=("Syria:1-6",), concepts=("nash",))
    return run(EXAMPLES / "syria_iraq_1975.yaml", request, generated=GENERATED)


@pytest.fixture(scope="module")
def unsure() -> Results:
    scenario = loads(UNSURE, "unsure.yaml")
    return run(scenario, Request(only=frozenset({"robustness"})), generated=GENERATED)


def _sampled(results: Results, seed: int = 3) -> Results:
    """The results with their robustness sampled (400 profiles) instead of exact."""
    record = results.get(RobustnessRecord)
    assert record is not None
    sampled = robustness(record.conflict, exact_limit=1, samples=400, seed=seed)
    records = dict(results.records)
    records["robustness"] = RobustnessRecord(record.conflict, record.hinges, sampled)
    return dataclasses.replace(results, records=MappingProxyType(records))


# --- hinges ---------------------------------------------------------------------------------


def test_escalation_is_the_only_nash_equilibrium_and_survives_every_single_change(
    korea: Results,
) -> None:
    hinges = json_document(korea)["robustness"]["hinges"]
    assert hinges["changes"] == 27
    assert hinges["concepts"]["nash"] == {"stated": [23], "kept": {"23": 27}}
    assert len(hinges["effects"]) == 27
    assert list(hinges["concepts"]) == ["nash", "gmr", "smr", "seq", "sim", "seqsim"]


def test_each_single_change_names_its_party_kind_and_judgements(korea: Results) -> None:
    effects = json_document(korea)["robustness"]["hinges"]["effects"]
    first = effects[0]
    assert first["party"] == "US"
    assert first["kind"] == "swap"
    assert first["judgements"] == [1, 2]
    assert first["text"] == "US puts 'freeze' before 'not testing'"
    drop = next(e for e in effects if e["text"] == "NK drops 'not freeze'")
    assert drop["kind"] == "drop"
    assert drop["judgements"] == [1]
    assert 6 in drop["gained"]["gmr"]  # the interim deal
    assert drop["lost"]["gmr"] == []
    for effect in effects:
        assert len(effect["judgements"]) == (2 if effect["kind"] == "swap" else 1)
        assert (
            list(effect["lost"])
            == list(effect["gained"])
            == ["nash", "gmr", "smr", "seq", "sim", "seqsim"]
        )


def test_the_hinges_are_said_in_words(korea: Results) -> None:
    expected = [
        "23 escalation is the only equilibrium as stated; it stays one under all 27 single "
        "changes, and the only one under 24.",
        "New equilibria under a single change: 1 status_quo if NK drops 'testing iff not relief'",
        "The single changes that move an equilibrium",
    ]
    markdown = markdown_text(korea)
    terminal = terminal_text(korea)
    for sentence in expected:
        assert sentence in markdown
        assert sentence in terminal
    fragile = (
        "2 relief_up_front, 14 (US relief + China enforcement) under 25 of 27 (they fall if US "
        "drops 'not testing'"
    )
    assert fragile in terminal


def test_without_hinges_the_key_says_so() -> None:
    request = Request(only=frozenset({"robustness"}), hinges=False)
    results = run(loads(UNSURE, "unsure.yaml"), request)
    data = json_document(results)["robustness"]
    assert data["hinges"] is None
    assert data["uncertainty"]["method"] == "exact"
    assert "One judgement at a time" not in markdown_text(results)


# --- robustness under the uncertainty section -------------------------------------------------


def test_exact_robustness_json(unsure: Results) -> None:
    found: dict[str, Any] = json_document(unsure)["robustness"]["uncertainty"]
    assert found["method"] == "exact"
    assert (found["profiles"], found["total"], found["seed"]) == (9, 9, None)
    assert found["varied"] == {"Ann": 3, "Bob": 3}
    nash = found["concepts"]["nash"]
    assert nash["probability"] == {"1": 0.0833, "2": 0.25, "3": 0.25, "4": 0.75}
    assert "interval" not in nash
    assert nash["robust"] == []
    assert nash["fragile"] == [4]
    assert nash["stable"]["Bob"] == {"1": 0.3333, "2": 0.3333, "3": 1.0, "4": 1.0}
    assert found["concepts"]["gmr"]["fragile"] == [1, 4]
    assert found["judgements"][0] == {
        "judgement": "Ann holds 'trusts Bob'",
        "concept": "nash",
        "state": 3,
        "held": 1.0,
        "not_held": 0.0,
        "swing": 1.0,
    }


def test_exact_robustness_in_words(unsure: Results) -> None:
    markdown = markdown_text(unsure)
    terminal = terminal_text(unsure)
    expected = [
        "lets the preferences of Ann (3 variants) and Bob (3 variants) vary independently: 9 "
        "profiles of preferences in all. Every profile was evaluated",
        "no state is an equilibrium in 90% of profiles or more. Fragile (an equilibrium as "
        "stated, but in fewer than 90%): 4 both_defect (in 75%).",
        "1 both_cooperate in 42%, 4 both_defect in 75%",
        "If Ann holds 'trusts Bob', 3 (Bob defects) is a Nash equilibrium in 100% of those "
        "profiles; otherwise in 0%.",
        "Share of profiles in which each state is an equilibrium",
        "1 both_cooperate falls under every single change",
    ]
    for sentence in expected:
        assert sentence in markdown
        assert sentence in terminal


def test_the_briefing_draws_the_probability_chart(unsure: Results) -> None:
    page = briefing_html(unsure)
    assert '<section id="robustness">' in page
    assert 'data-chart="equilibrium-probability"' in page
    assert "Filled dots: an equilibrium with the preferences as stated" in page


def test_sampled_robustness_gives_intervals(unsure: Results) -> None:
    sampled = _sampled(unsure)
    found = json_document(sampled)["robustness"]["uncertainty"]
    assert (found["method"], found["profiles"], found["total"], found["seed"]) == (
        "sampled",
        400,
        9,
        3,
    )
    for concept in found["concepts"].values():
        assert set(concept["interval"]) == set(concept["probability"])
        for key, (low, high) in concept["interval"].items():
            assert 0 <= low <= concept["probability"][key] <= high <= 1
    text = terminal_text(sampled)
    assert "400 were drawn at random (seed 3), so each share is an estimate" in text
    assert "Share of profiles in which each state is an equilibrium (95% interval)" in text
    assert "Lines: 95% intervals" in briefing_html(sampled)


def test_the_same_seed_gives_the_same_document(unsure: Results) -> None:
    first = json_document(_sampled(unsure, 5))["robustness"]
    assert json_document(_sampled(unsure, 5))["robustness"] == first


# --- inverse --------------------------------------------------------------------------------


def test_inverse_counts_the_gmcr_guide_example(syria: Results) -> None:
    found = json_document(syria)["inverse"]
    assert found["state"] == 2
    assert found["parties"] == ["Syria", "Iraq"]
    assert found["vary"] == ["Syria:1-6"]
    nash = found["concepts"]["nash"]
    assert nash["equilibrium"] is False
    assert nash["count"] == {"count": 240, "total": 720, "exact": True, "low": 240, "high": 240}
    assert nash["conditions"] == {
        "Syria": {"holds": False, "ways": [[[[1]], [[3]]]]},
        "Iraq": {"holds": True, "ways": [[[[5]]]]},
    }
    assert nash["fewest"] == {
        "possible": True,
        "distance": 3,
        "exact": True,
        "verified": True,
        "changes": [
            {"party": "Syria", "distance": 3, "moved": [1, 3, 6], "order": [2, 1, 3, 6, 4, 5]}
        ],
    }


def test_inverse_in_words(syria: Results) -> None:
    markdown = markdown_text(syria)
    terminal = terminal_text(syria)
    expected = [
        "What would make 2 (Syria release) stable",
        "Nash: not an equilibrium today. Fewest changes: 3 reversed preferences (the fewest "
        "possible; verified: with them it is an equilibrium). One way: Syria would have to like "
        "2 (Syria release) at least as much as 1 status_quo, 3 (Syria escalate), 6 (Syria "
        "escalate + Iraq attack).",
        "Of the 720 profiles of the varied ranges, 240 (33%) make it one.",
        "Syria (not met today): likes 2 (Syria release) at least as much as 1 status_quo, and at "
        "least as much as 3 (Syria escalate).",
        "Iraq (met today): likes 2 (Syria release) at least as much as 5 (Syria release + Iraq "
        "attack).",
        "Every order of positions 1–6 of Syria's ranking (720 orders) was tried",
    ]
    for sentence in expected:
        assert sentence in markdown
        assert sentence in terminal


def test_inverse_says_what_is_not_exact() -> None:
    request = Request(inverse="interim_deal", concepts=("seq",), only=frozenset({"inverse"}))
    results = run(EXAMPLES / "korea_2019.yaml", request)
    found = json_document(results)["inverse"]["concepts"]["seq"]
    assert found["count"] is None
    assert found["fewest"]["exact"] is False
    assert found["equilibrium"] is False
    text = terminal_text(results)
    assert "the fewest when each party changes only to meet its own conditions" in text
    assert "North Korea (not met today): likes 6 interim_deal at least as much as" in text


def test_an_equilibrium_today_is_said_so() -> None:
    request = Request(inverse="4", concepts=("nash",), only=frozenset({"inverse"}))
    results = run(EXAMPLES / "prisoners_dilemma.yaml", request)
    found = json_document(results)["inverse"]["concepts"]["nash"]
    assert found["equilibrium"] is True
    assert found["fewest"]["distance"] == 0
    assert "Nash: an equilibrium today." in terminal_text(results)


# --- the chart ------------------------------------------------------------------------------


def test_the_probability_chart_refuses_a_ragged_grid() -> None:
    with pytest.raises(ValueError, match="values must be 2 rows of 1 values"):
        probability_chart(
            chart="c", title="t", rows=["a", "b"], series=["Nash"], values=[[0.5]], value_label="v"
        )


def test_the_probability_chart_leaves_out_what_never_holds() -> None:
    svg = probability_chart(
        chart="c",
        title="t",
        rows=["a"],
        series=["Nash", "GMR"],
        values=[[0.0, 0.5]],
        filled=[[False, True]],
        filled_label=("stated", "not stated"),
        value_label="v",
    )
    assert svg.count("<circle") == 1 + 4  # one dot, four legend entries
