"""The public names of each package are pinned: adding one is a decision, removing one a break."""

from __future__ import annotations

import importlib

import pytest

PUBLIC = {
    "standoff": [
        "BargainingAnalysis", "Conflict", "Results", "Scenario", "ScenarioError",
        "ScenarioTooLargeError", "StabilityAnalysis", "StabilityResult", "StandoffError",
        "__version__", "analyze", "bargain", "build_conflict", "load", "loads", "run",
    ],
    "standoff.errors": [
        "AnalysisTooLargeError", "Diagnostic", "Location", "RequestError", "ScenarioError",
        "ScenarioTooLargeError",
        "StandoffError",
    ],
    "standoff.scenario": [
        "DEFAULT_RESOLUTION", "STRATEGY_PARAMETERS", "SUPPORTED_FORMATS", "Alternative", "Batna",
        "Belief", "ConflictSpec", "Distribution", "Expression", "ExpressionSyntaxError",
        "ForbiddenMove", "Formula", "Issue", "IssueValues", "Negotiation", "Option", "Party",
        "Perception", "Preference", "PreferenceAlternative", "PreferenceUncertainty",
        "Prioritization", "Protocol", "Ranking", "RankingEntry",
        "Scenario", "StrategyChoice", "Utility", "load", "loads", "parse", "scenario_schema",
    ],
    "standoff.bargaining": [
        "IMPROVEMENTS_SHOWN", "LEVERAGE_STEP", "MAX_OUTCOMES", "REJECTION_REASONS", "SOLUTIONS",
        "SOLUTION_LABELS", "AlternativeValue", "BargainingAnalysis", "BatnaAssessment",
        "Dependence", "DraftScore", "Improvement", "Leverage", "OutcomeSpace", "PartyScore",
        "Perceived", "Rejection", "RuledOut", "Shift", "Solution", "Switch", "Target", "Zopa",
        "assess_batna", "bargain", "draft_outcome", "egalitarian_solution",
        "kalai_smorodinsky_solution", "nash_solution", "pareto_frontier", "parse_deal",
        "ruled_out", "score_draft", "utilitarian_solution",
    ],
    "standoff.compliance": [
        "REGIMES", "RESTRICTED", "TOLERANCE", "AgreementCompliance", "ComplianceAnalysis",
        "Inspection", "InspectionGame", "PerceivedCompliance", "Pledge", "assess_agreement",
        "assess_compliance", "inspection_game", "least_cooperation", "net_temptations",
        "self_enforcing", "temptations", "verifiable_zone",
    ],
    "standoff.conflict": [
        "MAX_OPTIONS", "MAX_STATES", "Conflict", "ForbiddenRule", "Judgements", "PartyMoves",
        "Search", "Step",
        "build_conflict", "is_unilateral_move", "party_moves", "preference_warnings", "search",
    ],
    "standoff.stability": [
        "COALITION_CONCEPTS", "CONCEPTS", "CONCEPT_LABELS", "MAX_COALITION_STATES", "MAX_HORIZON",
        "Break", "CoalitionAnalysis", "Explanation", "ImprovementExplained", "NonMyopic",
        "StabilityAnalysis", "StabilityResult", "analyze", "coalition_analysis", "explain", "gmr",
        "limited_move", "nash", "non_myopic", "seq", "seqsim", "sim", "smr",
    ],
    "standoff.report": [
        "FORMAT", "Document", "bargaining_document", "briefing_html", "briefing_markdown",
        "build_document", "findings", "json_document", "notebook_html", "patterns",
        "render_html", "render_terminal", "terminal_view",
    ],
    "standoff.pipeline": [
        "ANALYSES", "DEFAULT_RUNS", "DEFAULT_SEED", "LIST_LIMIT", "ROW_LIMIT", "Analysis",
        "BargainingRecord", "CoalitionsRecord", "ComplianceRecord", "ConflictRecord", "DraftRecord",
        "EvolutionRecord",
        "ExplanationRecord", "ForecastRecord", "InverseRecord", "LimitedMoveRecord",
        "PerceptionsRecord",
        "Progress", "Provenance", "Record", "Request", "Results", "RobustnessRecord",
        "StabilityRecord", "TalksRecord", "provenance", "run",
    ],
    "standoff.robustness": [
        "Change", "Conditions", "Count", "FewestChanges", "HingeEffect", "Hinges", "Inverse",
        "JudgementEffect", "PartyChange", "PartyVariants", "RankRange", "Robustness",
        "VariantStability", "conditions", "count_profiles", "fewest_changes", "hinges", "inverse",
        "party_variants", "robustness", "single_changes", "stable_variants",
    ],
    "standoff.runner": ["CONNECT_TIMEOUT", "Progress", "check_scheduler_address", "run_tasks"],
    "standoff.evolution": [
        "Evolution", "Reaching", "describe_step", "reaching", "status_quo_analysis",
    ],
    "standoff.forecast": [
        "MODELS", "OUTCOMES", "ChallengeParameters", "Exchange", "Forecast", "ForecastRound",
        "IssueForecast", "Spread", "challenge_round", "forecast", "pairwise_vote",
        "run_challenge", "weighted_mean", "weighted_median",
    ],
    "standoff.perception": [
        "Hypergame", "Misjudgment", "PerceptionValue", "hypergame_analysis", "perceived_conflict",
    ],
    "standoff.talks": [
        "AGREEMENT", "BOTH", "BREAKDOWN", "Batch", "BayesianLearner", "Bluster", "Choice",
        "DEADLINE", "DEFAULT_CHUNK_SIZE", "Distributions", "ENDINGS", "Fixed", "Hardliner",
        "NO_DEADLINE", "Normal", "OutcomeTable", "Outcomes", "Pairing", "Plan", "QUANTILES",
        "ROUND_LIMIT", "Rubinstein", "STRATEGIES", "Simulation", "Spec", "Stall", "Strategy",
        "Summary", "Talks", "TalksSimulation", "TimeBased", "TitForTat", "Tournament", "Turn",
        "Uniform", "Variant", "VariantResult", "boulware", "conceder", "linear", "negotiate",
        "scenario_talks", "simulate", "simulate_talks", "split_the_pie", "summarize", "tournament",
        "variants",
        # issue 14: common random numbers for what-ifs, the deals struck
        "Benchmark", "Deals", "Difference", "NOISE", "Package", "Truth", "simulate_variants",
        # issue 14: beliefs about deadlines, tournaments with the file's own strategies
        "CLOCKS_READ", "STANDARD_STRATEGIES", "tournament_strategies",
    ],
    "standoff.cli": ["app", "main"],
    # issue 16: the workspace in the browser
    "standoff.web": ["create_app", "serve"],
    "standoff.interop": [
        "GENIUS_ISSUE_TYPES", "GeniusNegotiation", "GmcrCondition", "GmcrDecisionMaker",
        "GmcrImport", "GmcrModel", "GmcrOption", "gmcr_scenario", "read_genius", "read_gmcr",
        "to_yaml", "write_genius",
        # issue 17: actor tables (CSV) into a forecast section
        "ActorImport", "ActorRow", "ActorTable", "actor_table_scenario", "read_actor_table",
    ],
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


def test_small_challenge_runs_do_not_import_numba() -> None:
    """numba (the optional compiled kernel) costs half a second to import: only a large job or
    an explicit engine loads it."""
    import subprocess
    import sys

    code = (
        "import sys, standoff, standoff.forecast as f, numpy as np; "
        "f.run_challenge(np.random.default_rng(0).random((50, 20)), np.ones((50, 20)), "
        "np.ones((50, 20)), f.ChallengeParameters()); "
        "print('numba' in sys.modules)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "False"
