"""The ``standoff`` command: output formats, options and exit codes (output format 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from standoff import __version__
from standoff.cli import app

ROOT = Path(__file__).resolve().parents[1]
PD = str(ROOT / "examples" / "prisoners_dilemma.yaml")
CHICKEN = str(ROOT / "examples" / "chicken.yaml")
KOREA = str(ROOT / "examples" / "korea_2019.yaml")


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def test_json_document_has_the_contract_shape() -> None:
    code, out, err = run("analyze", PD, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)  # standard output holds the document and nothing else
    assert list(document) == [
        "format", "tool", "scenario", "parties", "options", "states", "status_quo", "stability",
        "evolution", "robustness",
    ]  # fmt: skip
    assert document["format"] == 1
    assert document["tool"] == {"name": "standoff", "version": __version__}
    assert document["scenario"] == {"title": "Prisoner's dilemma", "file": PD}
    assert document["parties"] == [
        {"id": "Ann", "label": "Ann", "options": ["ann_defects"]},
        {"id": "Bob", "label": "Bob", "options": ["bob_defects"]},
    ]
    assert document["options"][1] == {
        "id": "bob_defects", "party": "Bob", "label": "Bob defects", "index": 1,
    }  # fmt: skip
    assert document["states"][0] == {
        "id": 1, "decimal": 0, "pattern": "NN", "name": "both_cooperate",
        "rank": {"Ann": 2, "Bob": 2},
    }  # fmt: skip
    assert document["states"][3] == {
        "id": 4, "decimal": 3, "pattern": "YY", "rank": {"Ann": 3, "Bob": 3},
    }  # fmt: skip
    assert document["status_quo"] == 1
    assert list(document["stability"]) == ["nash", "gmr", "smr", "seq", "sim", "seqsim"]
    assert document["stability"]["nash"] == {
        "equilibria": [4], "stable": {"Ann": [2, 4], "Bob": [3, 4]},
    }  # fmt: skip


def test_status_quo_is_absent_when_the_scenario_names_none() -> None:
    document = json.loads(run("analyze", CHICKEN, "--format", "json")[1])
    assert "status_quo" not in document


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        pytest.param("nash,seq", ["nash", "seq"], id="two"),
        pytest.param("SEQ+SIM", ["seqsim"], id="label-alias"),
        pytest.param("sim,nash", ["nash", "sim"], id="output-in-canonical-order"),
    ],
)
def test_concepts_limit_the_set(option: str, expected: list[str]) -> None:
    code, out, _ = run("analyze", PD, "--format", "json", "--concepts", option)
    assert code == 0
    assert list(json.loads(out)["stability"]) == expected


def test_unknown_concept_is_a_usage_error() -> None:
    code, out, err = run("analyze", PD, "--concepts", "nash,gmrr")
    assert code == 2
    assert "unknown concept 'gmrr' (did you mean 'gmr'?)" in err
    assert "Traceback" not in out + err


def test_output_option_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    code, out, _ = run("analyze", PD, "--format", "json", "--output", str(target))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text())["stability"]["seq"]["equilibria"] == [1, 4]


def test_unwritable_output_is_a_one_line_failure(tmp_path: Path) -> None:
    code, out, err = run("analyze", PD, "--output", str(tmp_path / "missing" / "out.txt"))
    assert code == 1
    assert err.startswith("standoff: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in out + err


def test_text_table_marks_equilibria() -> None:
    code, out, _ = run("analyze", PD)
    assert code == 0
    assert "Prisoner's dilemma" in out
    table = out.split("Stability of each state")[1].split("Each cell")[0]
    lines = {line.split()[0]: line for line in table.splitlines() if line.strip()[:1].isdigit()}
    assert lines["4"].count("★") == 6  # mutual defection: an equilibrium under every concept
    assert lines["1"].count("★") == 5  # mutual cooperation: all but Nash
    assert "Nash    │ 4 (Ann defection + Bob defection)" in out
    assert "SEQ     │ 1 both_cooperate, 4 (Ann defection + Bob defection)" in out


def test_large_table_is_summarised(tmp_path: Path) -> None:
    options = "\n".join(f"      o{k}: option {k}" for k in range(7))
    statements = "\n".join(f"      - o{k}" for k in range(7))
    path = tmp_path / "big.yaml"
    path.write_text(
        f"standoff: 1\ntitle: Big\nparties:\n  P:\n    options:\n{options}\n"
        f"  Q:\n    options:\n      q: q\nconflict:\n  preferences:\n    P:\n{statements}\n"
        "    Q: [q]\n"
    )
    code, out, _ = run("analyze", str(path))
    words = " ".join(out.split())
    assert code == 0
    assert "Showing 1 of 256 states: the equilibria under some concept and the status quo" in words
    assert "Showing the first 60 of 256 states; --all (or row_limit=None" in words
    code, out, _ = run("analyze", str(path), "--all-states")
    assert "Showing" not in out
    assert "256 feasible states" in out


def test_check_lists_options_and_states() -> None:
    code, out, _ = run("check", KOREA)
    assert code == 0
    assert "Feasible states" in out
    assert "interim_deal" in out
    assert "rank China" in out


def test_version() -> None:
    assert run("--version")[:2] == (0, f"standoff {__version__}\n")


def test_unexpected_failure_is_one_line_without_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("engine exploded")

    monkeypatch.setattr("standoff.stability.analyze", broken)
    code, _out, err = run("analyze", PD)
    assert (code, err) == (1, "standoff: error: engine exploded\n")
    result = CliRunner().invoke(app, ["analyze", PD, "--debug"])
    assert isinstance(result.exception, RuntimeError)


def test_analysis_beyond_the_move_budget_is_refused_up_front(tmp_path: Path) -> None:
    options = "".join(f"      o{k}: option {k}\n" for k in range(14))
    path = tmp_path / "wide.yaml"
    path.write_text(
        f"standoff: 1\ntitle: Wide\nparties:\n  P:\n    options:\n{options}"
        "  Q:\n    options: {q: q}\nconflict:\n  preferences:\n    P: [o1, o2]\n    Q: [q]\n"
    )
    code, _, err = run("analyze", str(path))
    assert code == 1
    assert err == (
        "standoff: error: SIM needs the moves of 'P' and 'Q' listed one by one: 536,936,448 "
        "candidate moves over 32,768 states, beyond the limit of 134,217,728 (parties with many "
        "options make large blocks); leave out SIM and SEQ+SIM to analyse the rest\n"
    )
    assert run("analyze", str(path), "--concepts", "nash,gmr,smr,seq")[0] == 0
