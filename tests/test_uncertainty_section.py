"""The ``uncertainty:`` section: what it reads, and every error it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from standoff.conflict import build_conflict
from standoff.errors import AnalysisTooLargeError, ScenarioError
from standoff.robustness import party_variants
from standoff.scenario import loads

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DILEMMA = (EXAMPLES / "prisoners_dilemma.yaml").read_text()


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        build_conflict(loads(text, "x.yaml"))
    return [str(d) for d in caught.value.diagnostics]


def test_the_section_is_read_with_judgements_by_text_or_position() -> None:
    text = DILEMMA + (
        "uncertainty:\n"
        "  Ann: {radius: 1, uncertain: [ann_defects], weight: 2}\n"
        "  Bob:\n"
        "    uncertain: [1]\n"
        "    alternatives:\n"
        "      - {label: kind, weight: 0.5, preferences: [not ann_defects]}\n"
    )
    scenario = loads(text)
    ann, bob = scenario.uncertainty["Ann"], scenario.uncertainty["Bob"]
    assert (ann.radius, ann.uncertain, ann.weight, ann.alternatives) == (1, (1,), 2.0, ())
    assert bob.uncertain == (0,)
    assert [(a.label, a.weight) for a in bob.alternatives] == [("kind", 0.5)]


def test_a_file_without_the_section_has_no_uncertainty() -> None:
    assert dict(loads(DILEMMA).uncertainty) == {}


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        pytest.param(
            "  Ann: {radius: -1}\n  Bob: {radius: 99}\n",
            [
                "x.yaml:22:17: error: 'radius' must be in [0, 12], found -1",
                "x.yaml:23:17: error: 'radius' must be in [0, 12], found 99",
            ],
            id="radius",
        ),
        pytest.param(
            "  Ann: {weight: 0}\n  Bob:\n    alternatives:\n"
            "      - {weight: -2, preferences: [ann_defects]}\n",
            [
                "x.yaml:22:17: error: a weight must be positive, found 0",
                "x.yaml:25:18: error: a weight must be positive, found -2",
            ],
            id="weights",
        ),
        pytest.param(
            "  Ann: {uncertain: [ann_defect, 7, ann_defects, ann_defects]}\n",
            [
                "x.yaml:22:21: error: 'ann_defect' is not one of the statements of 'Ann' "
                "(did you mean 'ann_defects'?)",
                "x.yaml:22:33: error: 'Ann' has 2 statements, so a position must be 1 to 2",
                "x.yaml:22:49: error: this judgement of 'Ann' is already marked uncertain",
            ],
            id="uncertain",
        ),
        pytest.param(
            "  Ann: {}\n  Zed: {radius: 1}\n",
            [
                "x.yaml:22:8: error: the uncertainty of 'Ann' says nothing (expected 'radius', "
                "'uncertain', 'weight', 'alternatives')",
                "x.yaml:23:3: error: 'Zed' is not a party (expected one of 'Ann', 'Bob')",
            ],
            id="empty-and-unknown",
        ),
        pytest.param(
            "  Ann:\n    alternatives:\n      - weight: 1\n        preferences:\n"
            "          ranking: [ann_defects]\n",
            ["x.yaml:26:11: error: the ranking of 'Ann' misses 2 feasible states: "
             "NN (both_cooperate), NY"],
            id="alternative-ranking",
        ),
    ],
)  # fmt: skip
def test_every_problem_is_reported_where_it_is(section: str, expected: list[str]) -> None:
    assert problems(DILEMMA + "uncertainty:\n" + section) == expected


def test_the_section_needs_a_conflict() -> None:
    text = "standoff: 1\ntitle: t\nparties:\n  Ann: {options: {a: A}}\nuncertainty:\n  Ann: {}\n"
    assert problems(text) == [
        "x.yaml:5:1: error: 'uncertainty' needs a 'conflict' section whose preferences it varies"
    ]


def test_a_party_without_options_has_no_preferences_to_vary() -> None:
    text = DILEMMA.replace("parties:\n", "parties:\n  Crowd: {}\n", 1)
    assert problems(text + "uncertainty:\n  Crowd: {radius: 1}\n") == [
        "x.yaml:23:3: error: party 'Crowd' has no options, so it cannot move"
    ]


def test_too_many_variants_are_refused_before_any_is_listed() -> None:
    statements = "".join(f"      - o{k}\n" for k in range(12))
    options = "".join(f"      o{k}: option {k}\n" for k in range(12))
    text = (
        "standoff: 1\ntitle: t\nparties:\n  Ann:\n    options:\n" + options
        + "conflict:\n  preferences:\n    Ann:\n" + statements
        + "uncertainty:\n  Ann: {radius: 12, uncertain: [o0, o1, o2]}\n"
    )  # fmt: skip
    conflict = build_conflict(loads(text, "x.yaml"))
    with pytest.raises(
        AnalysisTooLargeError,
        match=r"x.yaml:\d+:\d+: the uncertainty of 'Ann' "
        r"describes [\d,]+ variants of its preferences, more than the limit of "
        r"200,000 \(lower the radius or mark fewer judgements uncertain\)",
    ):
        party_variants(conflict, conflict.scenario.uncertainty["Ann"])


def test_a_party_varies_within_its_radius_and_uncertain_statements() -> None:
    text = DILEMMA + "uncertainty:\n  Ann: {radius: 1, uncertain: [2]}\n"
    conflict = build_conflict(loads(text))
    variants = party_variants(conflict, conflict.scenario.uncertainty["Ann"])
    # one certain statement (no order to vary), the uncertain one first, last or dropped
    assert variants.count == 3
    assert variants.probability.tolist() == pytest.approx([1 / 3] * 3)
    assert [name for name, _ in variants.features] == ["'ann_defects' keeps its place for Ann"]


def test_more_statements_than_scores_can_weigh_are_refused() -> None:
    statements = "".join("      - not ann_defects\n" for _ in range(63))
    text = (
        "standoff: 1\ntitle: t\nparties:\n  Ann: {options: {a: A}}\n"
        "conflict:\n  preferences:\n    Ann:\n" + statements
    )
    assert problems(text) == [
        "x.yaml:8:7: error: the preferences of 'Ann' list 63 statements, more than the limit of "
        "62 (merge statements, or give a ranking)"
    ]
