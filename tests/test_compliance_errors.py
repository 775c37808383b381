"""Every error of the ``compliance:`` part of a negotiation: exact ``FILE:LINE:COLUMN`` lines.

Each case is one party's entry under ``compliance:`` (line 12 of the file), after a fixed
negotiation with three issues, ``freeze`` (the pledge), ``checks`` (the verification issue) and
``drills`` (a range).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from tests.test_errors import Error, check_errors, lines

from standoff.errors import ScenarioError
from standoff.scenario import loads

HEAD = "standoff: 1\ntitle: T\nparties: {A: {}, B: {}, C: {}}\nnegotiation:\n"
NEGOTIATION = """\
parties: [A, B]
issues: {freeze: [no, yes], checks: [none, some, full], drills: {range: [0, 100], steps: 5}}
utilities:
  A: {values: {freeze: {no: 0, yes: 1}}}
  B: {values: {freeze: {no: 1, yes: 0}}}
batna: {A: 0.2, B: 0.3}
compliance:
"""


def scenario(entry: str) -> str:
    """The negotiation with ``entry`` as the only line of its ``compliance:`` part (line 12)."""
    return HEAD + textwrap.indent(NEGOTIATION + "  " + entry + "\n", "  ")


def case(case_id: str, entry: str, *errors: Error) -> Any:
    return pytest.param(scenario(entry), list(errors), id=case_id)


CASES = [
    case(
        "prob-high",
        (
            "B: {issues: {freeze: {gain: {yes: 0.4}, detection: {checks: {none: 0,"
            " some: 0.5, full: 1.2}}, penalty: 0.5}}}"
        ),
        (
            12,
            92,
            ("the probability of detection at 'full' of 'checks' must be in [0, 1], found 1.2"),
        ),
    ),
    case(
        "verification-not-issue",
        ("B: {issues: {freeze: {gain: {yes: 0.4}, detection: {check: {none: 0}}, penalty: 0.5}}}"),
        (12, 57, "'check' is not an issue (did you mean 'checks'?)"),
    ),
    case(
        "two-verifications",
        ("B: {issues: {freeze: {gain: 0.4, detection: {checks: 0.5, freeze: 0.5}, penalty: 0.5}}}"),
        (12, 49, "'detection' must name exactly one verification issue, found 2"),
    ),
    case(
        "unknown-level",
        ("B: {issues: {freeze: {gain: {yse: 0.4}, detection: 0.5, penalty: 0.5}}}"),
        (12, 34, "'yse' is not a level of 'freeze' (did you mean 'yes'?)"),
    ),
    case(
        "unknown-detection-level",
        (
            "B: {issues: {freeze: {gain: 0.4, detection: {checks: {none: 0, some:"
            " 0.5, ful: 1}}, penalty: 0.5}}}"
        ),
        (12, 79, "'ful' is not a level of 'checks' (did you mean 'full'?)"),
    ),
    case(
        "missing-level",
        (
            "B: {issues: {freeze: {gain: 0.4, detection: {checks: {none: 0, full:"
            " 1}}, penalty: 0.5}}}"
        ),
        (12, 58, "the probability of detection is missing at level(s) 'some' of 'checks'"),
    ),
    case(
        "penalty-unknown-party",
        (
            "B: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: {utility:"
            " 0.5, needs: {D: 0.5}, otherwise: 0}}}}"
        ),
        (12, 86, ("'penalty' needs 'D', which is not a party (expected one of 'A', 'B', 'C')")),
    ),
    case(
        "penalty-needs-itself",
        (
            "B: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: {utility:"
            " 0.5, needs: {B: 0.5}, otherwise: 0}}}}"
        ),
        (12, 86, "'penalty' cannot need 'B' itself: list the parties it relies on"),
    ),
    case(
        "penalty-no-otherwise",
        (
            "B: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: {utility:"
            " 0.5, needs: {C: 0.5}}}}}"
        ),
        (
            12,
            78,
            (
                "'penalty' needs other parties, so it needs 'otherwise': its utility"
                " when one of them does not cooperate"
            ),
        ),
    ),
    case(
        "penalty-prob",
        (
            "B: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: {utility:"
            " 0.5, needs: {C: 1.5}, otherwise: 0}}}}"
        ),
        (12, 89, "the probability that 'C' cooperates must be in [0, 1], found 1.5"),
    ),
    case(
        "not-at-table",
        "C: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: 0.5}}}",
        (12, 5, "'C' is not at the table, so it pledges nothing to break"),
    ),
    case(
        "not-a-party",
        "D: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: 0.5}}}",
        (12, 5, "'D' is not a party (expected one of 'A', 'B', 'C')"),
    ),
    case(
        "not-an-issue",
        "B: {issues: {frezee: {gain: 0.4, detection: 0.5, penalty: 0.5}}}",
        (12, 18, "'frezee' is not an issue (did you mean 'freeze'?)"),
    ),
    case(
        "missing-penalty",
        "B: {issues: {freeze: {gain: 0.4, detection: 0.5}}}",
        (12, 26, "missing required key 'penalty' in the pledge of 'B' on 'freeze'"),
    ),
    case(
        "unknown-key",
        ("B: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: 0.5, penalti: 1}}}"),
        (
            12,
            68,
            ("unknown key 'penalti' in the pledge of 'B' on 'freeze' (did you mean 'penalty'?)"),
        ),
    ),
    case(
        "gain-high",
        "B: {issues: {freeze: {gain: {yes: 2}, detection: 0.5, penalty: 0.5}}}",
        (12, 39, "the gain at 'yes' must be in [0, 1], found 2"),
    ),
    case(
        "detection-constant-high",
        "B: {issues: {freeze: {gain: 0.4, detection: -0.1, penalty: 0.5}}}",
        (12, 49, "the probability of detection must be in [0, 1], found -0.1"),
    ),
    case(
        "discount-zero",
        ("B: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: 0.5}}, discount: 0}"),
        (12, 80, "the discount of 'B' must be above 0, found 0"),
    ),
    case(
        "discount-one",
        ("B: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: 0.5}}, discount: 1}"),
        (
            12,
            80,
            (
                "a discount of 1 for 'B' needs 'rounds': without an end, the future of"
                " the deal would be worth without limit"
            ),
        ),
    ),
    case(
        "rounds-zero",
        ("B: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: 0.5}}, rounds: 0}"),
        (12, 78, "the rounds of 'B' must be in [1, 10000], found 0"),
    ),
    case(
        "no-issues",
        "B: {issues: {}}",
        (12, 17, "the issues 'B' could break name no issue (give at least one)"),
    ),
    case(
        "cost-high",
        (
            "B: {issues: {freeze: {gain: 0.4, detection: 0.5, penalty: 0.5, loss:"
            " 0.2, inspection_cost: 3}}}"
        ),
        (12, 96, "'inspection_cost' must be in [0, 1], found 3"),
    ),
    case(
        "unknown-level-without-a-close-one",
        "B: {issues: {freeze: {gain: {maybe: 0.1}, detection: 0.5, penalty: 0.5}}}",
        (12, 34, "'maybe' is not a level of 'freeze' (its levels are 'no', 'yes')"),
    ),
    case(
        "gain-not-a-level-map",
        "B: {issues: {freeze: {gain: [0.1], detection: 0.5, penalty: 0.5}}}",
        (12, 33, "the gain of 'freeze' (level -> number) must be a mapping, found a list"),
    ),
    case(
        "range-gain-no-points",
        "B: {issues: {drills: {gain: [], detection: 0.5, penalty: 0.5}}}",
        (
            12,
            33,
            "the gain over 'drills' (a number, or a list of [x, number] points) must list at "
            "least one point",
        ),
    ),
    case(
        "range-gain-a-mapping",
        "B: {issues: {drills: {gain: {a: 1}, detection: 0.5, penalty: 0.5}}}",
        (
            12,
            33,
            "the gain over 'drills' (a number, or a list of [x, number] points) must be a list, "
            "found a mapping",
        ),
    ),
    case(
        "range-gain-high",
        "B: {issues: {drills: {gain: [[0, 2]], detection: 0.5, penalty: 0.5}}}",
        (12, 34, "the gain must lie in [0, 1], found 2"),
    ),
    case(
        "range-gain-decreasing-x",
        "B: {issues: {drills: {gain: [[50, 0.1], [10, 0.2]], detection: 0.5, penalty: 0.5}}}",
        (12, 45, "the points' x values must increase"),
    ),
    case(
        "range-detection-high",
        (
            "B: {issues: {freeze: {gain: 0.1, detection: {drills: [[0, 0.1], [100, 2]]},"
            " penalty: 0.5}}}"
        ),
        (12, 69, "the probability of detection must lie in [0, 1], found 2"),
    ),
    case(
        "no-verification-issue",
        "B: {issues: {freeze: {gain: 0.1, detection: {}, penalty: 0.5}}}",
        (12, 49, "'detection' must name exactly one verification issue, found 0"),
    ),
    case(
        "loss-high",
        "B: {issues: {freeze: {gain: 0.1, detection: 0.5, penalty: 0.5, loss: {yes: 3}}}}",
        (12, 80, "the loss at 'yes' must be in [0, 1], found 3"),
    ),
    case(
        "discount-high",
        "B: {issues: {freeze: {gain: 0.1, detection: 0.5, penalty: 0.5}}, discount: 1.5}",
        (12, 80, "the discount of 'B' must be in [0, 1], found 1.5"),
    ),
    case(
        "party-not-a-mapping", "B: 3", (12, 8, "the compliance of 'B' must be a mapping, found '3'")
    ),
    case(
        "no-issues-key", "B: {}", (12, 8, "missing required key 'issues' in the compliance of 'B'")
    ),
    case(
        "issues-a-list",
        "B: {issues: [freeze]}",
        (12, 17, "the issues 'B' could break must be a mapping, found a list"),
    ),
    case(
        "pledge-a-number",
        "B: {issues: {freeze: 0.3}}",
        (12, 26, "the pledge of 'B' on 'freeze' must be a mapping, found '0.3'"),
    ),
    case(
        "detection-list",
        "B: {issues: {freeze: {gain: 0.4, detection: [0.5], penalty: 0.5}}}",
        (
            12,
            49,
            (
                "'detection' (a probability, or a verification issue -> its"
                " probabilities) must be a mapping, found a list"
            ),
        ),
    ),
]


@pytest.mark.parametrize(("text", "errors"), CASES)
def test_loads_reports_every_compliance_problem(text: str, errors: list[Error]) -> None:
    with pytest.raises(ScenarioError) as raised:
        loads(text, "f.yaml")
    assert str(raised.value).splitlines() == lines("f.yaml", errors)


def test_check_reports_a_compliance_error_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "pledge.yaml"
    path.write_text(scenario(CASES[0].values[0].splitlines()[-1].strip()), encoding="utf-8")
    assert check_errors(path) == lines(path, CASES[0].values[1])


def test_a_negotiation_without_compliance_binds_every_agreement() -> None:
    negotiation = loads(HEAD + textwrap.indent(NEGOTIATION.replace("compliance:\n", ""), "  "))
    assert negotiation.negotiation is not None
    assert negotiation.negotiation.compliance.empty


def test_a_valid_part_is_read_into_pledges_per_point() -> None:
    text = scenario(
        "B: {issues: {freeze: {gain: {yes: 0.4}, detection: {checks: {none: 0, some: 0.5, "
        "full: 1}}, penalty: {utility: 0.5, needs: {C: 0.5}, otherwise: 0.1}, loss: 0.3, "
        "inspection_cost: 0.05}}, discount: 0.5}"
    )
    negotiation = loads(text).negotiation
    assert negotiation is not None
    (pledge,) = negotiation.compliance.commitments
    assert (pledge.party, pledge.issue, pledge.verification) == ("B", "freeze", "checks")
    assert pledge.gains == (0.0, 0.4)
    assert pledge.detection == (0.0, 0.5, 1.0)
    assert pledge.penalty.value() == 0.3
    assert pledge.losses == (0.3, 0.3)
    assert pledge.inspection_cost == 0.05
    assert negotiation.compliance.repetition["B"].future_weight() == 1.0
