"""The public names of each package are pinned: adding one is a decision, removing one a break."""

from __future__ import annotations

import importlib

import pytest

PUBLIC = {
    "standoff": [
        "Conflict", "Scenario", "ScenarioError", "ScenarioTooLargeError", "StabilityAnalysis",
        "StabilityResult", "StandoffError", "__version__", "analyze", "build_conflict", "load",
        "loads",
    ],
    "standoff.errors": [
        "AnalysisTooLargeError", "Diagnostic", "Location", "ScenarioError", "ScenarioTooLargeError",
        "StandoffError",
    ],
    "standoff.scenario": [
        "SUPPORTED_FORMATS", "ConflictSpec", "Expression", "ExpressionSyntaxError", "ForbiddenMove",
        "Formula", "Option", "Party", "Perception", "Preference", "Prioritization", "Ranking",
        "RankingEntry", "Scenario", "load", "loads", "parse",
    ],
    "standoff.conflict": [
        "MAX_OPTIONS", "MAX_STATES", "Conflict", "ForbiddenRule", "PartyMoves", "Search", "Step",
        "build_conflict", "party_moves", "search",
    ],
    "standoff.stability": [
        "COALITION_CONCEPTS", "CONCEPTS", "CONCEPT_LABELS", "MAX_COALITION_STATES", "MAX_HORIZON",
        "Break", "CoalitionAnalysis", "Explanation", "ImprovementExplained", "NonMyopic",
        "StabilityAnalysis", "StabilityResult", "analyze", "coalition_analysis", "explain", "gmr",
        "limited_move", "nash", "non_myopic", "seq", "seqsim", "sim", "smr",
    ],
    "standoff.report": [
        "FORMAT", "analysis_document", "analysis_view", "coalitions_document", "coalitions_view",
        "conflict_view", "evolution_document", "evolution_view", "explanation_document",
        "explanation_view", "limited_move_document", "limited_move_view", "options_view",
        "patterns", "perceptions_document", "perceptions_view", "stability_document",
    ],
    "standoff.evolution": [
        "Evolution", "Reaching", "describe_step", "reaching", "status_quo_analysis",
    ],
    "standoff.perception": [
        "Hypergame", "Misjudgment", "PerceptionValue", "hypergame_analysis", "perceived_conflict",
    ],
    "standoff.cli": ["app", "main"],
}  # fmt: skip


@pytest.mark.parametrize("module", [pytest.param(name, id=name) for name in PUBLIC])
def test_public_names(module: str) -> None:
    imported = importlib.import_module(module)
    assert sorted(imported.__all__) == sorted(PUBLIC[module])
    assert imported.__all__ == sorted(imported.__all__, key=lambda n: (not n.isupper(), n))
    for name in imported.__all__:
        assert getattr(imported, name) is not None


def test_errors_refine_builtins() -> None:
    from standoff.errors import ScenarioError, ScenarioTooLargeError, StandoffError

    assert issubclass(ScenarioError, StandoffError)
    assert issubclass(ScenarioError, ValueError)
    assert issubclass(ScenarioTooLargeError, ScenarioError)


def test_core_does_not_import_rendering_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, standoff, standoff.stability, standoff.report; "
        "print(sorted(m for m in ('rich', 'typer') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "[]"
