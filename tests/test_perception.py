"""Perceptions and hypergames: classic cases, the seed case, a property and bad input."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pytest
from hypothesis import given, settings
from tests.strategies import conflict_from_text, scenario_texts
from typer.testing import CliRunner

from standoff import analyze, build_conflict, load, loads
from standoff.cli import app
from standoff.errors import ScenarioError
from standoff.perception import hypergame_analysis, perceived_conflict

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _ids(mask: np.typing.NDArray[np.bool_]) -> list[int]:
    return [int(i) + 1 for i in np.flatnonzero(mask)]


def test_normandy_germany_expects_calais_and_is_surprised() -> None:
    """The Normandy hypergame (Bennett 1980; Fraser & Hipel 1984), derived by hand.

    States: 1 NN (land in Normandy, defend Normandy), 2 YN (land at Calais, defend Normandy),
    3 NY (land in Normandy, defend Calais), 4 YY (Calais, Calais). Germany believes the Allies
    want Calais whatever it does, so in its game the Allies stay at Calais and Germany's best
    reply is to defend Calais: Germany expects 4 under every concept. In truth the Allies want
    the undefended beach, so at 4 they switch to Normandy (to 3) and nothing deters them. At 3 the
    Allies have their best state; Germany would move to defend Normandy (to 1), but the Allies
    could then land at Calais (2), no better for Germany than 3, so Germany stays (SEQ). 3, the
    landing that happened, is where the conflict rests under SEQ and SIM, and under SIM nobody
    expects it: a surprise.
    """
    conflict = build_conflict(load(EXAMPLES / "normandy_1944.yaml"))
    hypergame = hypergame_analysis(conflict)
    assert _ids(hypergame.expected["Germany"]["nash"]) == [4]
    for concept in hypergame.concepts:
        assert 4 in _ids(hypergame.expected["Germany"][concept])
    assert 3 in _ids(hypergame.hyper_equilibria["seq"])
    assert _ids(hypergame.surprises["sim"]) == [3]
    (misjudged,) = [
        m for m in hypergame.misjudgments if m.viewer == "Germany" and m.concept == "seq"
    ]
    assert misjudged.party == "Allies"
    assert misjudged.breaks == ((3, 2),)  # at 4 the Allies leave Calais for Normandy (index 2 = 3)


def test_korea_us_expects_the_interim_deal_which_north_korea_leaves() -> None:
    conflict = build_conflict(load(EXAMPLES / "korea_2019.yaml"))
    hypergame = hypergame_analysis(conflict, ["seq"])
    interim, up_front = conflict.find_state("interim_deal"), conflict.find_state("relief_up_front")
    assert hypergame.expected["US"]["seq"][interim]
    assert not hypergame.hyper_equilibria["seq"][interim]
    us_on_nk = next(m for m in hypergame.misjudgments if (m.viewer, m.party) == ("US", "NK"))
    assert (interim, up_front) in us_on_nk.breaks  # NK drops the freeze, keeps the relief


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(scenario_texts())
def test_a_perception_identical_to_the_truth_changes_nothing(text: str) -> None:
    conflict = conflict_from_text(text)
    movers = [party.id for party in conflict.movers]
    truthful = dataclasses.replace(
        conflict,
        beliefs=MappingProxyType(
            {(v,): {p: conflict.ranks[p] for p in movers if p != v} for v in movers}
        ),
    )
    hypergame = hypergame_analysis(truthful)
    truth = analyze(conflict)
    for concept in hypergame.concepts:
        equilibria = truth.results[concept].equilibria
        assert np.array_equal(hypergame.hyper_equilibria[concept], equilibria)
        for viewer in movers:
            assert np.array_equal(hypergame.expected[viewer][concept], equilibria)
            assert np.array_equal(hypergame.predicted[viewer][concept], equilibria)
        assert not hypergame.surprises[concept].any()
    assert not hypergame.misjudgments
    assert all(not v.gained and not v.lost for v in hypergame.values)


def test_unaware_options_are_frozen_in_the_viewers_game() -> None:
    text = (EXAMPLES / "prisoners_dilemma.yaml").read_text() + (
        "perceptions:\n  Ann:\n    unaware_of: [bob_defects]\n"
    )
    conflict = build_conflict(loads(text))
    seen = perceived_conflict(conflict, ("Ann",))
    # Ann cannot imagine Bob defecting: in her game nothing sanctions her defection
    assert _ids(analyze(seen, ["seq"]).results["seq"].stable["Ann"]) == [2, 4]
    assert _ids(analyze(conflict, ["seq"]).results["seq"].stable["Ann"]) == [1, 2, 4]


def test_hypergame_command_and_json_key() -> None:
    result = CliRunner().invoke(
        app, ["analyze", str(EXAMPLES / "normandy_1944.yaml"), "-f", "json", "--concepts", "seq"]
    )
    assert result.exit_code == 0, result.output
    perceptions = json.loads(result.stdout)["perceptions"]
    assert perceptions["viewers"] == ["Allies", "Germany"]
    assert perceptions["concepts"]["seq"]["expected"]["Germany"] == [4]
    germany = [m for m in perceptions["misjudgments"] if m["viewer"] == "Germany"]
    assert germany[0]["breaks"] == [{"state": 4, "to": 3}]
    text = CliRunner().invoke(app, ["hypergame", str(EXAMPLES / "korea_2019.yaml")])
    assert text.exit_code == 0
    assert (
        "The United States expects 6 interim_deal to hold; North Korea walks away from it to 2 "
        "relief_up_front: NK drops freeze." in " ".join(text.stdout.split())
    )
    without = CliRunner().invoke(app, ["hypergame", str(EXAMPLES / "chicken.yaml")])
    assert without.exit_code == 1
    assert "has no 'perceptions' section" in without.stderr


BASE = """\
standoff: 1
title: T
parties:
  A: {options: {a: A}}
  B: {options: {b: B}}
  C: {}
conflict:
  preferences: {A: [a], B: [b]}
perceptions:
"""


@pytest.mark.parametrize(
    ("perceptions", "errors"),
    [
        pytest.param("  D: {}\n", [(10, 3, "'D' is not a party (expected one of 'A', 'B', 'C')")],
                     id="unknown-viewer"),
        pytest.param("  C: {}\n", [(10, 3, "party 'C' has no options, so it cannot move")],
                     id="viewer-without-options"),
        pytest.param("  A: {preferences: {A: [a]}}\n", [(10, 21, "'A' cannot hold a belief about "
                     "its own preferences: they are its real preferences (remove this entry)")],
                     id="belief-about-itself"),
        pytest.param("  A: {views: {A: {}}}\n", [(10, 15, "'A' cannot hold a view of its own "
                     "view (views are what 'A' believes other parties believe)")],
                     id="view-of-itself"),
        pytest.param("  A: {unaware_of: [a]}\n", [(10, 20, "'a' is an option of 'A' itself: a "
                     "party knows its own options")], id="unaware-of-own-option"),
        pytest.param("  A: {unaware_of: [bb]}\n", [(10, 20, "'bb' in 'unaware_of' is not an "
                     "option (did you mean 'b'?)")], id="unaware-of-unknown-option"),
        pytest.param("  A: {believes: {}}\n", [(10, 7, "unknown key 'believes' in the perception "
                     "of 'A' (expected one of 'preferences', 'unaware_of', 'views')")],
                     id="unknown-key"),
        pytest.param("  A:\n    preferences:\n      B: {ranking: [b]}\n",
                     [(12, 10, "the ranking of 'B' misses 2 feasible states: NN, YN")],
                     id="ranking-misses-states"),
    ],
)  # fmt: skip
def test_bad_perceptions_are_reported(perceptions: str, errors: list[tuple[int, int, str]]) -> None:
    with pytest.raises(ScenarioError) as caught:
        build_conflict(loads(BASE + perceptions, "f.yaml"))
    found = [(d.location.line, d.location.column, d.message) for d in caught.value.diagnostics]
    assert found == errors
