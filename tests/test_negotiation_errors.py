"""Every error of the ``negotiation:`` section: exact ``FILE:LINE:COLUMN: error: message`` lines.

Each case is the body of a ``negotiation:`` section (indented under it by the test) after a fixed
head of four lines, so the body's first line is line 5 of the file.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from tests.test_errors import Error, check_errors, invoke, lines

from standoff.bargaining import bargain
from standoff.errors import ScenarioError, ScenarioTooLargeError
from standoff.scenario import loads

HEAD = "standoff: 1\ntitle: T\nparties: {A: {}, B: {}, C: {}}\nnegotiation:\n"


def scenario(body: str) -> str:
    """The head, then ``body`` as the negotiation section."""
    return HEAD + textwrap.indent(textwrap.dedent(body).lstrip("\n"), "  ")


def case(case_id: str, body: str, *errors: Error) -> Any:
    return pytest.param(scenario(body), list(errors), id=case_id)


CASES = [
    case(
        "empty-weights-and-no-rounds",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {weights: {}, values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        protocol:
          deadline: {A: 3}
        """,
        (8, 18, "the weights in the utilities of 'A' must sum to a positive number"),
        (12, 5, "missing required key 'rounds' in 'protocol'"),
    ),
    case(
        "weights-not-positive",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {weights: {price: 0}, values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        """,
        (8, 18, "the weights in the utilities of 'A' must sum to a positive number"),
    ),
    case(
        "negative-weight",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {weights: {price: -1}, values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        """,
        (8, 26, "the weight of 'price' must be at least 0, found -1"),
    ),
    case(
        "value-out-of-range",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1.5}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        """,
        (8, 40, "the value of 'high' must be in [0, 1], found 1.5"),
    ),
    case(
        "unknown-level",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, hihg: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        """,
        (8, 34, "'hihg' is not a level of 'price' (did you mean 'high'?)"),
    ),
    case(
        "missing-level",
        """
        parties: [A, B]
        issues: {price: [low, mid, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, mid: 0.5, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        """,
        (8, 25, "the values of 'price' miss level(s) 'mid'"),
    ),
    case(
        "probability-out-of-range",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna:
          A: {alternatives: {court: {utility: 0.5, needs: {C: 1.2}, otherwise: 0}}}
          B: 0.3
        """,
        (11, 57, "the probability that 'C' cooperates must be in [0, 1], found 1.2"),
    ),
    case(
        "batna-needs-unknown-party",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna:
          A: {alternatives: {court: {utility: 0.5, needs: {Chian: 0.5}, otherwise: 0}}}
          B: 0.3
        """,
        (11, 54, "'court' needs 'Chian', which is not a party (expected one of 'A', 'B', 'C')"),
    ),
    case(
        "batna-needs-itself",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna:
          A: {alternatives: {court: {utility: 0.5, needs: {A: 0.5}, otherwise: 0}}}
          B: 0.3
        """,
        (11, 54, "'court' cannot need 'A' itself: list the parties it relies on"),
    ),
    case(
        "needs-without-otherwise",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna:
          A: {alternatives: {court: {utility: 0.5, needs: {C: 0.5}}}}
          B: 0.3
        """,
        (
            11,
            46,
            (
                "'court' needs other parties, so it needs 'otherwise': its utility when one of "
                "them does not cooperate"
            ),
        ),
    ),
    case(
        "batna-out-of-range",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 2, B: "0.3"}
        """,
        (10, 14, "the BATNA of 'A' must be in [0, 1], found 2"),
        (10, 20, "the BATNA of 'B' must be a number, found '0.3'"),
    ),
    case(
        "missing-batna-and-utility",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
        batna: {A: 0.2}
        """,
        (7, 3, "party 'B' at the table has no utilities"),
        (9, 3, "party 'B' at the table has no BATNA"),
    ),
    case(
        "party-not-at-table",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
          C: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        """,
        (10, 5, "'C' is not at the table (add it to 'negotiation.parties')"),
    ),
    case(
        "table-parties",
        """
        parties: [A, A, D]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
        batna: {A: 0.2}
        """,
        (5, 16, "'A' is listed twice at the table"),
        (5, 19, "'D' is not a party (expected one of 'A', 'B', 'C')"),
    ),
    case(
        "one-party",
        """
        parties: [A]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
        batna: {A: 0.2}
        """,
        (5, 12, "a negotiation needs at least two parties at the table"),
    ),
    case(
        "issue-problems",
        """
        parties: [A, B]
        issues:
          price: [low, low]
          A: [x, y]
          speed: {range: [10, 0]}
          size: {range: [0, 1], steps: 0}
          empty: []
        utilities:
          A: {values: {price: {low: 0}}}
          B: {values: {prcie: {low: 1}}}
        batna: {A: 0.2, B: 0.3}
        """,
        (7, 18, "level 'low' of 'price' is listed twice"),
        (
            8,
            5,
            (
                "duplicate id 'A': already used as a party at line 3 (ids must be unique across "
                "parties, options, issues and states)"
            ),
        ),
        (9, 20, "the range of 'speed' must go from a lower to a higher number, found [10, 0]"),
        (10, 34, "'steps' must be in [1, 10000], found 0"),
        (11, 12, "issue 'empty' lists no levels"),
        (14, 18, "'prcie' is not an issue (did you mean 'price'?)"),
    ),
    case(
        "piecewise-problems",
        """
        parties: [A, B]
        issues: {speed: {range: [0, 10]}}
        utilities:
          A: {values: {speed: [[0, 0], [0, 1]]}}
          B: {values: {speed: [[0, 2], [5]]}}
        batna: {A: 0.2, B: 0.3}
        """,
        (8, 34, "the points' x values must increase"),
        (9, 26, "a value must lie in [0, 1], found 2"),
        (9, 34, "a point must list 2 numbers, found 1"),
    ),
    case(
        "weighted-issue-without-values",
        """
        parties: [A, B]
        issues: {price: [low, high], speed: [slow, fast]}
        utilities:
          A: {weights: {price: 1, speed: 1}, values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        """,
        (8, 48, "the utilities of 'A' weigh 'speed' but give no values for its levels"),
    ),
    case(
        "beliefs",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        beliefs:
          A: {A: {batna: 0.1}, B: {batna: 1.5, utility: {}}}
          C: {A: {batna: 0.1}}
        """,
        (
            12,
            9,
            "'A' cannot hold a belief about itself: its own BATNA and utilities are the real ones",
        ),
        (12, 37, "the BATNA of 'B' must be in [0, 1], found 1.5"),
        (
            12,
            42,
            "unknown key 'utility' in the belief of 'A' about 'B' (did you mean 'utilities'?)",
        ),
        (13, 5, "'C' is not at the table, so it cannot hold beliefs here"),
    ),
    case(
        "protocol-problems",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        protocol:
          first: C
          rounds: 10
          deadline: {A: 12}
          discount: {B: 1.1}
          breakdown: -0.1
          strategies: {A: boulwar, B: {stall: {window: 2, pace: 1}}}
        """,
        (12, 12, "'C' is not at the table (the parties at the table are 'A', 'B')"),
        (14, 19, "the deadline of 'A' (a round within 'rounds') must be in [1, 10], found 12"),
        (15, 19, "the discount factor of 'B' must be in [0, 1], found 1.1"),
        (16, 16, "'breakdown' must be in [0, 1], found -0.1"),
        (17, 21, "unknown strategy 'boulwar' (did you mean 'boulware'?)"),
        (17, 53, "'stall' has no parameter 'pace' (its parameters: 'window', 'away', 'cycle')"),
    ),
    case(
        "uncertain-problems",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        protocol:
          rounds: 10
          uncertain:
            batna.A: {uniform: [0.5, 0.2]}
            deadline.B: {choice: [5, 20, none], p: [0.5, 0.5, 0.5]}
            strategy.A: {choice: [boulware, stal]}
            batna.C: {normal: [0.5, 0.1]}
            budget.A: {uniform: [0, 1]}
            discount.B: {uniform: [0.9, 1], normal: [1, 0]}
        """,
        (14, 26, "'uniform' needs 0 <= a <= b <= 1 for 'batna.A', found [0.5, 0.2]"),
        (15, 32, "a value of 'deadline.B' must be in [1, 10], found 20"),
        (16, 39, "unknown strategy 'stal' (did you mean 'stall'?)"),
        (17, 7, "'C' in 'batna.C' is not at the table"),
        (
            18,
            7,
            (
                "unknown uncertain input 'budget.A' (expected one of 'batna.PARTY', "
                "'deadline.PARTY', 'discount.PARTY', 'belief.PARTY', 'strategy.PARTY', "
                "'believed_deadline.PARTY', 'breakdown')"
            ),
        ),
        (
            19,
            19,
            (
                "the distribution of 'discount.B' must give exactly one of 'uniform', 'normal' "
                "or 'choice'"
            ),
        ),
    ),
    case(
        "p-sum",
        """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        protocol:
          rounds: 10
          uncertain:
            deadline.B: {choice: [5, none], p: [0.5, 0.6]}
            deadline.A: {choice: [5, 7], p: [1]}
            strategy.B: {uniform: [0, 1]}
            batna.B: {normal: [0.5, -1]}
            breakdown: {uniform: [0, 1], p: [1]}
        """,
        (14, 42, "the probabilities in 'p' must sum to 1 (within 0.001), found 1.1"),
        (15, 39, "'p' gives 1 probabilities for 2 choices"),
        (16, 20, "a strategy is drawn with 'choice', not 'uniform'"),
        (17, 25, "a standard deviation cannot be negative, found -1"),
        (18, 36, "'p' goes with 'choice' only"),
    ),
    case(
        "protocol-three",
        """
        parties: [A, B, C]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
          C: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3, C: 0}
        protocol: {rounds: 5}
        """,
        (
            12,
            13,
            (
                "a protocol simulates bilateral talks: it needs exactly two parties at the "
                "table, found 3"
            ),
        ),
    ),
]


@pytest.mark.parametrize(("text", "errors"), CASES)
def test_loads_reports_every_negotiation_problem(text: str, errors: list[Error]) -> None:
    with pytest.raises(ScenarioError) as raised:
        loads(text, "f.yaml")
    assert [str(d) for d in raised.value.diagnostics] == lines("f.yaml", errors)


@pytest.mark.parametrize(("text", "errors"), CASES[:3])
def test_check_and_bargain_exit_2_with_the_same_lines(
    tmp_path: Path, text: str, errors: list[Error]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_errors(path) == lines(path, errors)
    result = invoke("bargain", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == lines(path, errors)


TOO_LARGE = """
    parties: [A, B]
    issues:
      a: {range: [0, 1], steps: 10000}
      b: {range: [0, 1], steps: 10000}
    utilities:
      A: {values: {a: [[0, 0], [1, 1]]}}
      B: {values: {b: [[0, 0], [1, 1]]}}
    batna: {A: 0.2, B: 0.3}
"""


def test_an_outcome_space_too_large_is_refused_up_front_naming_its_size(tmp_path: Path) -> None:
    text = scenario(TOO_LARGE)
    message = (
        "the outcome space has 100,000,000 outcomes (10000 × 10000), more than the limit of "
        "16,777,216: use fewer levels or fewer 'steps'"
    )
    with pytest.raises(ScenarioTooLargeError) as raised:
        bargain(loads(text, "f.yaml"))
    assert [str(d) for d in raised.value.diagnostics] == lines("f.yaml", [(5, 3, message)])
    path = tmp_path / "large.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("bargain", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == lines(path, [(5, 3, message)])


def test_bargain_without_a_negotiation_section_is_one_line_exit_1() -> None:
    result = invoke("bargain", "examples/chicken.yaml")
    assert result.exit_code == 1
    assert result.stderr == "standoff: error: examples/chicken.yaml has no 'negotiation' section\n"


def test_a_discount_factor_of_zero_is_refused() -> None:
    body = """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        protocol: {rounds: 5, discount: {A: 0}}
        """
    with pytest.raises(ScenarioError) as raised:
        loads(scenario(body), "f.yaml")
    message = "the discount factor of 'A' must be above 0, found 0"
    assert [str(d) for d in raised.value.diagnostics] == lines("f.yaml", [(11, 39, message)])


def test_strategy_parameters_out_of_range_are_input_errors() -> None:
    body = """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        protocol:
          rounds: 10
          strategies: {A: {boulware: {exponent: 0, initial: 1}}, B: {stall: {cycle: 2.5, away: -1}}}
        """
    with pytest.raises(ScenarioError) as raised:
        loads(scenario(body), "f.yaml")
    assert [str(d) for d in raised.value.diagnostics] == lines(
        "f.yaml",
        [
            (13, 43, "'exponent' must be above 0, found 0"),
            (13, 55, "'initial' must be in [0, 1), found 1"),
            (13, 79, "'cycle' must be a whole number, found 2.5"),
            (13, 90, "'away' must be at least 0, found -1"),
        ],
    )


def test_probabilities_that_round_to_one_are_accepted_and_scaled() -> None:
    body = """
        parties: [A, B]
        issues: {price: [low, high]}
        utilities:
          A: {values: {price: {low: 0, high: 1}}}
          B: {values: {price: {low: 1, high: 0}}}
        batna: {A: 0.2, B: 0.3}
        protocol:
          rounds: 5
          uncertain:
            deadline.B: {choice: [2, 3, 4], p: [0.3333, 0.3333, 0.3333]}
        """
    negotiation = loads(scenario(body), "f.yaml").negotiation
    assert negotiation is not None
    assert negotiation.protocol is not None
    drawn = negotiation.protocol.uncertain["deadline.B"]
    assert drawn.probabilities == pytest.approx((1 / 3, 1 / 3, 1 / 3), abs=1e-12)
    assert sum(drawn.probabilities) == pytest.approx(1.0, abs=1e-15)
