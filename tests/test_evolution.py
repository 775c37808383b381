"""Status quo analysis: published and hand-checked results, the reverse question, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from standoff import analyze, build_conflict, load
from standoff.cli import app
from standoff.evolution import describe_step, reaching, status_quo_analysis

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _ids(mask: np.typing.NDArray[np.bool_]) -> list[int]:
    return [int(i) + 1 for i in np.flatnonzero(mask)]


def test_elmira_status_quo_evolves_to_the_published_equilibrium() -> None:
    """Fang, Hipel & Kilgour (1993); Li et al. (2004): from the status quo, Local Government
    insists on the original order (published state 5, our 7: NYNNY), the final equilibrium."""
    conflict = build_conflict(load(EXAMPLES / "elmira.yaml"))
    evolution = status_quo_analysis(conflict, analyze(conflict))
    assert _ids(evolution.by_improvements.reachable) == [1, 7]
    assert evolution.equilibria["nash"] == (6,)
    assert [describe_step(conflict, s) for s in evolution.path(6)] == [
        "LG: Insist on the original control order"
    ]
    # Uniroyal's abandoning is reachable only by moves someone does not gain by
    assert set(evolution.equilibria_by_moves["nash"]) == {4, 5, 6, 9, 10, 11}


def test_prisoners_dilemma_reaches_mutual_defection_in_two_moves() -> None:
    conflict = build_conflict(load(EXAMPLES / "prisoners_dilemma.yaml"))
    evolution = status_quo_analysis(conflict, analyze(conflict))
    assert evolution.equilibria["nash"] == (3,)
    assert evolution.equilibria["seq"] == (0, 3)  # the status quo itself, with no move
    assert evolution.path(0) == ()
    path = evolution.path(3)
    assert len(path) == 2
    assert path[0].party != path[1].party
    assert path[-1].target == 3


def test_irreversible_moves_block_the_way_back() -> None:
    """Elmira: once Uniroyal abandons (irreversible) nothing leads back to the status quo."""
    conflict = build_conflict(load(EXAMPLES / "elmira.yaml"))
    abandoned = conflict.find_state("NNNYN")
    back = reaching(conflict, conflict.find_state("status_quo"))
    assert not back.by_moves.reachable[abandoned]
    forward = status_quo_analysis(conflict, analyze(conflict, ["nash"]), abandoned)
    assert _ids(forward.by_moves.reachable) == [5, 6, 11, 12]  # only abandon-states remain


def test_reverse_question_lists_where_an_equilibrium_is_reached_from() -> None:
    conflict = build_conflict(load(EXAMPLES / "prisoners_dilemma.yaml"))
    defect = conflict.find_state("YY")
    found = reaching(conflict, defect)
    assert _ids(found.by_improvements.reachable) == [1, 2, 3, 4]
    path = found.path(0)
    assert path[0].source == 0
    assert path[-1].target == defect


def test_without_a_status_quo_a_start_is_required() -> None:
    conflict = build_conflict(load(EXAMPLES / "chicken.yaml"))
    with pytest.raises(ValueError, match="names no status quo"):
        status_quo_analysis(conflict, analyze(conflict, ["nash"]))


def test_korea_demo_shows_the_drift_to_escalation() -> None:
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES / "korea_2019.yaml")])
    assert result.exit_code == 0
    assert "Evolution from the status quo" in result.stdout
    assert "From state 1 status_quo, the parties can reach" in result.stdout
    assert "23 escalation" in result.stdout.split("Evolution")[1]


def test_json_evolution_key_with_from_and_to() -> None:
    result = CliRunner().invoke(
        app,
        [
            "analyze", str(EXAMPLES / "chicken.yaml"), "--format", "json",
            "--from", "crash", "--to", "NN", "--concepts", "nash",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    evolution = json.loads(result.stdout)["evolution"]
    assert evolution["from"] == 4
    assert evolution["by_improvements"]["equilibria"]["nash"] == [
        {"state": 2, "moves": 1, "path": [
            {"party": "Bob", "from": 4, "to": 2, "description": "Bob: drop Bob drives straight"}
        ]},
        {"state": 3, "moves": 1, "path": [
            {"party": "Ann", "from": 4, "to": 3, "description": "Ann: drop Ann drives straight"}
        ]},
    ]  # fmt: skip
    assert evolution["reaching"] == {"to": 1, "by_improvements": [1], "by_moves": [1, 2, 3, 4]}


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        pytest.param("--from", "crsh", "(did you mean 'crash'?)", id="misspelt-name"),
        pytest.param("--from", "9", "not a state name, an id from 1 to 4", id="id-out-of-range"),
        pytest.param("--to", "YYY", "not a state name", id="pattern-of-wrong-length"),
    ],
)
def test_unknown_start_or_target_is_a_usage_error(option: str, value: str, message: str) -> None:
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES / "chicken.yaml"), option, value])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
