"""The pipeline: what a request runs, every request error, the results and their provenance."""

from __future__ import annotations

import importlib
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import standoff
from standoff.cli import app
from standoff.errors import RequestError
from standoff.pipeline import (
    ANALYSES,
    ConflictRecord,
    Request,
    StabilityRecord,
    TalksRecord,
    run,
)
from standoff.runner import run_tasks

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CHICKEN = EXAMPLES / "chicken.yaml"
PD = EXAMPLES / "prisoners_dilemma.yaml"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        pytest.param(
            {"concepts": ("nash", "gmrr")}, "concepts",
            "unknown concept 'gmrr'; expected some of nash, gmr, smr, seq, sim, seqsim",
            id="unknown-concept",
        ),
        pytest.param(
            {"concepts": ()}, "concepts",
            "no concept given; expected some of nash, gmr, smr, seq, sim, seqsim", id="no-concept",
        ),
        pytest.param(
            {"concepts": "nash"}, "concepts",
            "concepts must be a list of names, not the string 'nash'", id="concepts-string",
        ),
        pytest.param(
            {"coalitions": "some"}, "coalitions",
            "coalitions must be 'declared' or 'all', got 'some'", id="coalitions",
        ),
        pytest.param(
            {"horizons": (0, 2)}, "horizons", "horizon 0 is out of range (expected 1 to 64)",
            id="horizon",
        ),
        pytest.param(
            {"runs": 0}, "runs", "the number of simulated runs must be 1 to 10,000,000, got 0",
            id="runs",
        ),
        pytest.param(
            {"runs": 10**30}, "runs",
            "the number of simulated runs must be 1 to 10,000,000, got "
            "1,000,000,000,000,000,000,000,000,000,000", id="runs-too-many",
        ),
        pytest.param(
            {"seed": -1}, "seed", "the seed must be 0 to 18,446,744,073,709,551,615, got -1",
            id="seed",
        ),
        pytest.param(
            {"seed": 2**64}, "seed",
            "the seed must be 0 to 18,446,744,073,709,551,615, got 18,446,744,073,709,551,616",
            id="seed-too-large",
        ),
        pytest.param(
            {"workers": 0}, "workers",
            "workers must be 1 to 256 (or None for one per CPU), got 0", id="workers",
        ),
        pytest.param(
            {"workers": 1000}, "workers",
            "workers must be 1 to 256 (or None for one per CPU), got 1,000", id="workers-too-many",
        ),
        pytest.param(
            {"scheduler": "not-an-address"}, "scheduler",
            "'not-an-address' is not a Dask scheduler address (expected tcp://HOST:PORT, with "
            "PORT from 1 to 65535)", id="scheduler",
        ),
        pytest.param(
            {"scheduler": "http://host:8786"}, "scheduler",
            "'http://host:8786' is not a Dask scheduler address: unknown protocol 'http' "
            "(expected one of tcp, tls, ws, wss, ucx)", id="scheduler-protocol",
        ),
        pytest.param(
            {"list_limit": 0}, "list_limit",
            "the list limit must be at least 1 (or None for no limit), got 0", id="list-limit",
        ),
        pytest.param(
            {"row_limit": -5}, "row_limit",
            "the row limit must be at least 1 (or None for no limit), got -5", id="row-limit",
        ),
    ],
)  # fmt: skip
def test_every_request_error_names_its_field(fields: dict, field: str, message: str) -> None:
    with pytest.raises(RequestError) as caught:
        Request(**fields)
    assert (caught.value.field, str(caught.value)) == (field, message)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        pytest.param(
            {"only": frozenset({"stabilty"})}, "only",
            "unknown analysis 'stabilty' (expected some of conflict, stability, evolution, "
            "coalitions, limited_move, perceptions, explanation, robustness, inverse, bargaining, "
            "draft, compliance, talks, forecast)",
            id="only",
        ),
        pytest.param(
            {"start": "crsh"}, "start",
            "'crsh' is not a state name, an id from 1 to 4 or a pattern of 2 Y/N letters "
            "(did you mean 'crash'?)",
            id="start",
        ),
        pytest.param(
            {"target": "YYY"}, "target",
            "'YYY' is not a state name, an id from 1 to 4 or a pattern of 2 Y/N letters",
            id="target",
        ),
        pytest.param(
            {"explain": ("Ana", "1")}, "party",
            "'Ana' is not a party with options (did you mean 'Ann'?)", id="party",
        ),
        pytest.param(
            {"explain": ("Ann", "9")}, "state",
            "'9' is not a state name, an id from 1 to 4 or a pattern of 2 Y/N letters",
            id="state",
        ),
    ],
)  # fmt: skip
def test_requests_the_scenario_cannot_answer(fields: dict, field: str, message: str) -> None:
    with pytest.raises(RequestError) as caught:
        run(CHICKEN, Request(**fields))
    assert (caught.value.field, str(caught.value)) == (field, message)


def test_the_command_line_names_the_option_of_a_request_error() -> None:
    result = CliRunner().invoke(app, ["analyze", str(CHICKEN), "--to", "crsh"])
    assert result.exit_code == 2
    assert "'--to'" in result.stderr
    assert "did you mean 'crash'?" in result.stderr
    assert "Traceback" not in result.output


def test_what_runs_follows_the_scenario_and_the_request() -> None:
    assert list(run(CHICKEN).records) == ["conflict", "stability", "robustness"]
    assert list(run(CHICKEN, Request(hinges=False)).records) == ["conflict", "stability"]
    assert list(run(PD).records) == ["conflict", "stability", "evolution", "robustness"]
    korea_2017 = run(EXAMPLES / "korea_2017.yaml")
    assert list(korea_2017.records) == ["bargaining", "compliance"]  # it has pledges
    assert korea_2017.conflict is None


def test_only_runs_an_analysis_with_what_it_needs() -> None:
    results = run(PD, Request(only=frozenset({"evolution"})))
    assert list(results.records) == ["conflict", "stability", "evolution"]
    alone = run(PD, Request(only=frozenset({"conflict"})))
    assert list(alone.records) == ["conflict"]


def test_registry_needs_come_before_the_analyses_that_use_them() -> None:
    seen: set[str] = set()
    for analysis in ANALYSES:
        assert set(analysis.needs) <= seen, analysis.name
        seen.add(analysis.name)


def test_results_find_records_by_name_and_by_kind() -> None:
    results = run(CHICKEN, Request(concepts=("nash",), hinges=False))
    stable = results.get(StabilityRecord)
    assert stable is results["stability"]
    assert stable is not None
    assert stable.conflict is results.conflict
    assert results.get(TalksRecord) is None
    assert "stability" in results
    assert [type(record) for record in results] == [ConflictRecord, StabilityRecord]
    with pytest.raises(KeyError, match=r"no analysis 'talks' ran \(these did: conflict, "):
        results["talks"]


def test_provenance_records_the_request_and_the_seed() -> None:
    when = datetime(2024, 5, 6, 7, 8, tzinfo=UTC)
    results = run(EXAMPLES / "korea_2019.yaml", Request(runs=50, seed=9), generated=when)
    record = results.provenance
    assert (record.seed, record.generated, len(record.sha256 or "")) == (9, when, 64)
    assert record.parameters["runs"] == 50
    assert record.parameters["concepts"] == ["nash", "gmr", "smr", "seq", "sim", "seqsim"]
    assert run(CHICKEN).provenance.seed is None


def test_progress_is_reported_and_nothing_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    told: list[tuple[str, int, int]] = []
    run(EXAMPLES / "korea_2019.yaml", Request(runs=20), progress=lambda *a: told.append(a))
    said = [what for what, _, _ in told]
    assert "NASH for US" in said
    assert "simulated talks" in said
    finished = [(done, total) for what, done, total in told if what == "simulated talks"]
    assert finished[-1][0] == finished[-1][1] > 0
    assert capsys.readouterr() == ("", "")


def test_coalitions_beyond_the_budget_are_skipped_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from standoff.errors import AnalysisTooLargeError

    def too_large(*_: object, **__: object) -> None:
        raise AnalysisTooLargeError("coalition moves beyond the limit")

    monkeypatch.setattr("standoff.stability.coalition_analysis", too_large)
    text = (EXAMPLES / "elmira.yaml").read_text()
    path = tmp_path / "elmira.yaml"
    path.write_text(text.replace("conflict:\n", "conflict:\n  coalitions:\n  - [MoE, LG]\n"))
    results = run(path, Request(only=frozenset({"coalitions"})))
    assert "coalitions" not in results
    assert results.warnings == ("coalitions skipped: coalition moves beyond the limit",)
    with pytest.raises(AnalysisTooLargeError):
        run(path, Request(coalitions="all"))


def test_standoff_run_takes_the_request_as_keywords() -> None:
    results = standoff.run(str(PD), concepts=["seq"], target="both_cooperate")
    assert results.request.concepts == ("seq",)
    assert results["evolution"].reaching is not None
    with pytest.raises(TypeError):
        standoff.run(str(PD), concept=["seq"])


def test_the_old_negotiation_package_still_imports_with_a_warning() -> None:
    sys.modules.pop("standoff.negotiation", None)
    with pytest.warns(DeprecationWarning, match="import standoff.talks instead"):
        old = importlib.import_module("standoff.negotiation")
    assert old.simulate_talks is importlib.import_module("standoff.talks").simulate_talks


def test_the_runner_keeps_task_order_in_process_and_on_a_pool() -> None:
    told: list[tuple[int, int]] = []
    jobs = [-3, 1, -4, 1, -5, 9, -2]  # abs: a picklable task the pool's workers can import
    expected = [abs(v) for v in jobs]
    assert run_tasks(abs, jobs, workers=1, progress=lambda *a: told.append(a)) == expected
    assert told[-1] == (7, 7)
    assert run_tasks(abs, jobs, workers=2, sizes=[2] * 7) == expected
    with pytest.raises(ValueError, match="workers must be positive, got 0"):
        run_tasks(abs, jobs, workers=0)
    with pytest.raises(ValueError, match="3 sizes for 7 jobs"):
        run_tasks(abs, jobs, sizes=[1, 2, 3])


def test_an_output_that_cannot_be_written_leaves_the_old_file(tmp_path: Path) -> None:
    from standoff.cli._run import write_atomically

    target = tmp_path / "brief.html"
    target.write_text("old")
    with pytest.raises(ZeroDivisionError):
        write_atomically(target, "new" + str(1 / 0))
    write_atomically(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]
    with pytest.raises(OSError, match="cannot write"):
        write_atomically(tmp_path / "missing" / "x.html", "text")
