"""The ``forecast:`` section of the scenario format: what it reads, and every message it gives."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from standoff.errors import ScenarioError
from standoff.scenario import loads

BASE = """\
standoff: 1
title: T
parties: {US: {label: The US}}
forecast:
  issues:
    relief: {range: [0, 100], label: Relief, anchors: {0: now, 100: later}}
  actors:
    US: {capability: 10, salience: 80, position: {relief: 70}}
    China: {capability: 5, salience: 40, position: {relief: 20}}
"""


def test_the_section_is_read() -> None:
    spec = loads(BASE).forecast
    assert spec is not None
    (issue,) = spec.issues
    assert (issue.id, issue.label, issue.low, issue.high) == ("relief", "Relief", 0.0, 100.0)
    assert issue.anchors == ((0.0, "now"), (100.0, "later"))
    us, china = spec.actors
    assert (us.label, us.party, us.capability, dict(us.salience)) == (
        "The US", "US", 10.0, {"relief": 0.8},
    )  # fmt: skip
    assert (china.label, china.party, dict(china.positions)) == ("China", None, {"relief": 20.0})
    assert spec.model.rounds == 50


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            BASE.replace("salience: 80", "salience: 120"),
            "f.yaml:8:36: error: the salience of actor 'US' on 'relief' must be from 0 to 100, "
            "found 120",
            id="salience-out-of-range",
        ),
        pytest.param(
            BASE.replace("capability: 10", "capability: -1"),
            "f.yaml:8:22: error: the capability of actor 'US' cannot be negative, found -1",
            id="negative-capability",
        ),
        pytest.param(
            BASE.replace("relief: 70", "relief: 170"),
            "f.yaml:8:59: error: the position of actor 'US' on 'relief' is off the scale: 170 "
            "is not in [0, 100]",
            id="position-off-the-scale",
        ),
        pytest.param(
            BASE + "    US: {capability: 1, salience: 1, position: {relief: 1}}\n",
            "f.yaml:10:5: error: duplicate key 'US' in 'forecast.actors' (first at line 8)",
            id="duplicate-actor",
        ),
        pytest.param(
            BASE.replace("    relief: {range", "    other: {range: [0, 1]}\n    relief: {range"),
            "f.yaml:6:5: error: no actor has a position on issue 'other'",
            id="issue-without-positions",
        ),
        pytest.param(
            BASE.replace("[0, 100]", "[100, 0]"),
            "f.yaml:6:21: error: the range of issue 'relief' must go from a low end to a higher "
            "one, found [100, 0]",
            id="reversed-range",
        ),
        pytest.param(
            BASE.replace("position: {relief: 20}", "position: {releif: 20}"),
            "f.yaml:9:53: error: 'releif' is not an issue of the forecast (did you mean 'relief'?)",
            id="unknown-issue",
        ),
        pytest.param(
            BASE + "  uncertain:\n    position.Kim.relief: {uniform: [0, 10]}\n",
            "f.yaml:11:5: error: 'Kim' in 'position.Kim.relief' is not an actor of the forecast",
            id="uncertain-unknown-actor",
        ),
        pytest.param(
            BASE + "  uncertain:\n    position.US.relief: {uniform: [50, 150]}\n",
            "f.yaml:11:35: error: 'uniform' needs 0 <= a <= b <= 100 for 'position.US.relief', "
            "found [50, 150]",
            id="uncertain-off-the-scale",
        ),
        pytest.param(
            BASE + "  uncertain:\n    weight.US: {uniform: [0, 1]}\n",
            "f.yaml:11:5: error: unknown uncertain input 'weight.US' (expected "
            "position.ACTOR.ISSUE, salience.ACTOR.ISSUE or capability.ACTOR)",
            id="uncertain-unknown-input",
        ),
        pytest.param(
            BASE + "  model: {mu: middle}\n",
            "f.yaml:10:15: error: 'mu' must be one of 'median', 'mean', found 'middle'",
            id="unknown-mu",
        ),
        pytest.param(
            BASE.replace("100: later", "101: later"),
            "f.yaml:6:64: error: an anchor of issue 'relief' must be in [0, 100], found 101",
            id="anchor-off-the-scale",
        ),
        pytest.param(
            BASE.replace("position: {relief: 70}", "position: 70").replace(
                "    relief: {range", "    other: {range: [0, 1]}\n    relief: {range"
            ),
            "f.yaml:6:5: error: no actor has a position on issue 'other'\n"
            "f.yaml:9:50: error: the position of actor 'US' must be a mapping issue -> position "
            "when there are 2 issues, found '70'",
            id="bare-position-with-two-issues",
        ),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        loads(text, "f.yaml")
    assert str(raised.value) == message


def test_the_command_prints_the_forecast() -> None:
    from typer.testing import CliRunner

    from standoff.cli import app

    found = CliRunner().invoke(
        app, ["forecast", "examples/forecast/ec_emissions.yaml", "--runs", "30", "--seed", "1",
              "--workers", "1", "--format", "json"],
    )  # fmt: skip
    assert found.exit_code == 0, found.output
    assert '"weighted_mean": 7.389955686853766' in found.output


def test_the_same_seed_gives_the_same_forecast_on_a_pool() -> None:
    from standoff.forecast import forecast
    from standoff.scenario import load

    spec = load("examples/forecast/ec_emissions.yaml").forecast
    assert spec is not None
    here = forecast(spec, runs=250, seed=3, workers=1)
    pooled = forecast(spec, runs=250, seed=3, workers=2)
    assert here.issues[0].spread == pooled.issues[0].spread


def test_the_briefing_shows_only_exchanges_that_moved_someone_and_cuts_long_lists() -> None:
    from standoff.pipeline import Request, run
    from standoff.report import briefing_markdown as to_markdown

    request = Request(only=frozenset({"forecast"}), runs=1, seed=1)
    full = to_markdown(run("examples/forecast/ec_emissions.yaml", request))
    assert "| none |" not in full
    assert "Exchanges that moved an actor" in full
    assert "more exchanges are left out" not in full
    cut = to_markdown(run("examples/forecast/ec_emissions.yaml", replace(request, row_limit=2)))
    assert "more exchanges are left out" in cut
    assert full.count("| conflict |") > cut.count("| conflict |") == 2


def test_the_korea_forecast_converges_on_freeze_for_freeze() -> None:
    """The seed case: the compromise is Σ c·s·x / Σ c·s = 7677/218 of the file's numbers; the
    pairwise vote and the challenge model (from the stated inputs) both settle on 30, South
    Korea's position (freeze for freeze)."""
    from standoff.pipeline import ForecastRecord, Request, run

    results = run("examples/forecast/korea_2019.yaml", Request(runs=1, seed=1))
    record = results.get(ForecastRecord)
    assert record is not None
    issue = record.forecast.issues[0]
    assert len(issue.actors) == 11
    assert issue.forecasts["weighted_mean"] == pytest.approx(7677 / 218, abs=1e-12)
    assert issue.forecasts["pairwise_vote"] == 30.0
    assert issue.forecasts["challenge_median"] == pytest.approx(30.0, abs=1e-9)
    assert issue.converged


def test_the_briefing_draws_the_rounds_and_the_quadrant_views() -> None:
    from standoff.pipeline import Request, run
    from standoff.report import briefing_html

    results = run("examples/forecast/korea_2019.yaml", Request(runs=1, seed=1))
    page = briefing_html(results)
    charts = re.findall(r'data-chart="(forecast-[^"]+)"', page)
    # The two weightiest actors (capability × salience): the White House (100 × 0.70) and
    # Kim Jong Un (85 × 0.95).
    assert charts == [
        "forecast-rounds-terms",
        "forecast-quadrant-terms-kim",
        "forecast-quadrant-terms-white_house",
    ]
    assert ">all 11 actors</text>" in page  # every actor ends at 30: one label for all
