"""Actor tables (CSV) into the ``forecast:`` section: the columns, every error message at its
cell, the command's exit codes, and the EC table giving the published weighted mean."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from standoff.cli import app
from standoff.errors import ScenarioError
from standoff.forecast import weighted_mean
from standoff.interop import actor_table_scenario, read_actor_table
from standoff.scenario import loads

ROOT = Path(__file__).resolve().parents[1]
EC = ROOT / "examples" / "forecast" / "ec_emissions.csv"
HEADER = "actor,capability,position,salience\n"


def _table(tmp_path: Path, text: str) -> str:
    path = tmp_path / "actors.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _errors(path: str, **kw: object) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        read_actor_table(path, **kw)  # type: ignore[arg-type]
    return [str(d) for d in caught.value.diagnostics]


def test_the_ec_table_gives_the_published_weighted_mean() -> None:
    table = read_actor_table(EC, issue="year", scale=(1, 10))
    scenario = loads(actor_table_scenario(table).text)
    spec = scenario.forecast
    assert spec is not None
    actors = spec.actors
    positions = [a.positions["year"] for a in actors]
    capability = [a.capability for a in actors]
    salience = [a.salience["year"] for a in actors]
    assert round(weighted_mean(positions, capability, salience), 6) == 7.389956
    assert [a.id for a in actors][6] == "United_Kingdom"


def test_several_issues_as_column_pairs(tmp_path: Path) -> None:
    path = _table(
        tmp_path,
        "actor,capability,position.relief,salience.relief,position.talks,salience.talks,notes\n"
        "US,100,70,80,,,hawkish\n"
        "China,80,20,60,40,30,\n",
    )
    table = read_actor_table(path)
    assert table.issues == ("relief", "talks")
    assert table.notes == ("column 'notes' is not read",)
    assert table.actors[0].positions == (("relief", 70.0),)
    text = actor_table_scenario(table, title="Korea").text
    assert "    US: {capability: 100, salience: 80, position: {relief: 70}}" in text
    china = "salience: {relief: 60, talks: 30}, position: {relief: 20, talks: 40}}"
    assert f"    China: {{capability: 80, {china}" in text
    loads(text)


ISSUE_ID = "(expected letters, digits and '_', not starting with a digit)"
COLUMNS = (
    "(the columns are actor, capability, position and salience, or position.ISSUE and "
    "salience.ISSUE per issue)"
)
EMPTY = "expected a header row naming the columns actor, capability, position and salience"
CASES = [
    (HEADER + "A,-1,50,50\n", "2:3", "capability -1 is negative: it must be at least 0"),
    (HEADER + "A,1,50,120\n", "2:8", "salience 120 on 'relief' is outside 0 to 100"),
    (HEADER + "A,1,150,50\n", "2:5", "position 150 on 'relief' is off the scale 0 to 100"),
    (HEADER + "A,1,5,5\nB,1,5,5\nA,2,1,1\n", "4:1", "actor 'A' is listed twice (first on line 2)"),
    (HEADER + "A,many,50,50\n", "2:3", "capability 'many' is not a number"),
    (HEADER + "A,1,,50\n", "2:5", "position '(empty)' on 'relief' is not a number"),
    (HEADER + "A,1,,\n", "2:1", "actor 'A' has no position on any issue"),
    (HEADER + ",1,50,50\n", "2:1", "the actor's name is empty"),
    (HEADER + "A,1,50,50,9\n", "2:11", "5 cells, but the header names 4 columns"),
    ("actor,position,salience\nA,50,50\n", "1:1", f"no column 'capability' {COLUMNS}"),
    ("actor,capability,position\n", "1:18", "column 'position' has no matching 'salience' column"),
    ("actor,capability,position.1x\n", "1:18", f"'1x' is not a valid issue id {ISSUE_ID}"),
    ("actor,capability,capability\n", "1:18", "column 'capability' appears twice"),
    ("\n\n", "1:1", f"the file is empty: {EMPTY}"),
    (HEADER, "1:1", "no actors: every row after the header is one actor"),
    (HEADER + '"Kim, Jong Un",1,50,-5\n', "2:21", "salience -5 on 'relief' is outside 0 to 100"),
]


@pytest.mark.parametrize(("text", "where", "message"), CASES)
def test_errors_point_at_the_cell(tmp_path: Path, text: str, where: str, message: str) -> None:
    path = _table(tmp_path, text)
    found = _errors(path, issue="relief")
    assert found == [f"{path}:{where}: error: {message}"]


def test_plain_columns_need_an_issue(tmp_path: Path) -> None:
    path = _table(tmp_path, HEADER + "A,1,50,50\n")
    found = [line.replace(path, "actors.csv") for line in _errors(path)]
    assert found == [
        "actors.csv:1:18: error: column 'position' needs the issue it is about: give it with "
        "--issue NAME (or name the column 'position.ISSUE')",
        "actors.csv:1:27: error: column 'salience' needs the issue it is about: give it with "
        "--issue NAME (or name the column 'salience.ISSUE')",
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = _table(tmp_path, HEADER + "A,-1,50,50\nB,1,500,50\n")
    found = [line.replace(path, "actors.csv") for line in _errors(path, issue="relief")]
    assert found == [
        "actors.csv:2:3: error: capability -1 is negative: it must be at least 0",
        "actors.csv:3:5: error: position 500 on 'relief' is off the scale 0 to 100",
    ]


def test_the_command_writes_the_scenario_and_notes(tmp_path: Path) -> None:
    path = _table(tmp_path, "actor,capability,position,salience,source\nA,1,20,50,x\nB,2,80,40,y\n")
    done = CliRunner().invoke(app, ["import", "actors", path, "--issue", "relief"])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("# Imported from actors.csv by standoff import actors.\n")
    assert "    B: {capability: 2, salience: 40, position: 80}\n" in done.stdout
    assert done.stderr == f"{path}: note: column 'source' is not read\n"


def test_the_command_exits_2_on_a_bad_table(tmp_path: Path) -> None:
    path = _table(tmp_path, HEADER + "A,1,50,150\n")
    done = CliRunner().invoke(app, ["import", "actors", path, "--issue", "relief"])
    assert done.exit_code == 2
    assert done.stderr == f"{path}:2:8: error: salience 150 on 'relief' is outside 0 to 100\n"
    assert done.stdout == ""


def test_the_command_checks_the_scale(tmp_path: Path) -> None:
    path = _table(tmp_path, HEADER + "A,1,50,50\n")
    done = CliRunner().invoke(
        app, ["import", "actors", path, "--issue", "relief", "--scale", "9,1"]
    )
    assert done.exit_code == 2
    assert "the low end 9 must be below the high end 1" in done.stderr
