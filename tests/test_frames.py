"""``to_pandas()`` on result records (issue 15, item 7): each table holds exactly what the record
holds, row for row, and a missing pandas is one sentence naming the extra to install."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest

from standoff._frames import MissingExtraError, frame
from standoff.bargaining import bargain
from standoff.conflict import build_conflict
from standoff.robustness import robustness
from standoff.scenario import load
from standoff.stability import analyze

pandas = pytest.importorskip("pandas")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WITH_CONFLICT = ["chicken", "elmira", "korea_2019", "prisoners_dilemma", "syria_iraq_1975"]


@pytest.mark.parametrize("name", WITH_CONFLICT)
def test_the_stability_table_is_the_analysis_state_by_state(name: str) -> None:
    conflict = build_conflict(load(EXAMPLES / f"{name}.yaml"))
    analysis = analyze(conflict)
    table = analysis.to_pandas()
    assert table.index.tolist() == list(range(1, conflict.state_count + 1))
    assert table["pattern"].tolist() == [conflict.pattern(k) for k in range(conflict.state_count)]
    for concept, result in analysis.results.items():
        assert table[concept].tolist() == result.equilibria.tolist()
        for party, stable in result.stable.items():
            assert table[f"{concept} {party}"].tolist() == stable.tolist()


def test_the_frontier_and_solution_tables_carry_levels_and_utilities() -> None:
    analysis = bargain(load(EXAMPLES / "korea_2017.yaml"))
    frontier = analysis.to_pandas()
    assert frontier.index.tolist() == analysis.frontier.tolist()
    for k, party in enumerate(analysis.parties):
        np.testing.assert_array_equal(
            frontier[party].to_numpy(), analysis.utilities[analysis.frontier, k]
        )
    first = int(analysis.frontier[0])
    labels = analysis.space.labels(first)
    assert {issue: frontier.loc[first, issue] for issue in labels} == labels
    solutions = analysis.to_pandas("solutions")
    assert solutions.index.tolist() == list(analysis.solutions)
    for name, solution in analysis.solutions.items():
        assert int(solutions.loc[name, "outcome"]) == solution.outcome
        for party, utility in solution.utilities.items():
            assert solutions.loc[name, party] == pytest.approx(utility)


def test_the_robustness_table_has_a_row_per_state_and_concept() -> None:
    conflict = build_conflict(load(EXAMPLES / "korea_2019.yaml"))
    found = robustness(conflict, ["nash", "seq"])
    table = found.to_pandas()
    assert len(table) == 2 * conflict.state_count
    seq = table[table["concept"] == "seq"]
    assert seq["state"].tolist() == list(range(1, conflict.state_count + 1))
    assert seq["equilibrium"].tolist() == found.equilibrium["seq"].tolist()
    assert seq["stated"].tolist() == found.stated["seq"].tolist()
    for party, stable in found.stable["seq"].items():
        assert seq[f"stable {party}"].tolist() == stable.tolist()


def test_without_pandas_the_message_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def without_pandas(name: str, package: str | None = None) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_pandas)
    with pytest.raises(MissingExtraError) as raised:
        frame({"a": [1]})
    assert str(raised.value) == (
        "to_pandas() needs pandas, which standoff installs as an optional extra: "
        "pip install 'standoff[notebook]'"
    )
    assert isinstance(raised.value, ImportError)
