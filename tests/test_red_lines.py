"""Constraints on deals: infeasible packages, red lines and targets (issue 14, item 4).

The format's errors, with exact ``FILE:LINE:COLUMN`` messages; comparisons in the expression
language; the constraints over the outcome space against a reference written from the
definitions; their effect on the frontier, the ZOPA (real and perceived), the solutions and the
targets; and simulated talks that never agree on a package a party may not sign.
"""

from __future__ import annotations

import itertools
import textwrap
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_errors import Error, lines
from tests.test_talks_kernel import assert_same, random_batch

from standoff.bargaining import OutcomeSpace, bargain, pareto_frontier, ruled_out
from standoff.errors import ScenarioError
from standoff.scenario import load, loads, parse
from standoff.talks import AGREEMENT, Batch, OutcomeTable, linear, negotiate, simulate_talks
from standoff.talks._reference import negotiate_reference

HEAD = "standoff: 1\ntitle: T\nparties: {A: {}, B: {}, C: {}}\nnegotiation:\n"
ISSUES = """\
parties: [A, B]
issues:
  program: [none, freeze, dismantle]
  drills: {range: [0, 100], unit: "%", steps: 5}
utilities:
  A: {weights: {program: 3, drills: 1}, values: {program: {none: 0, freeze: 0.6, dismantle: 1}, drills: [[0, 0], [100, 1]]}}
  B: {weights: {program: 3, drills: 1}, values: {program: {none: 1, freeze: 0.5, dismantle: 0}, drills: [[0, 1], [100, 0]]}}
batna: {A: 0.2, B: 0.2}
"""  # noqa: E501


def scenario(body: str) -> str:
    """The head, the two issues above, then ``body`` (lines 5-12 are the issues' part)."""
    text = ISSUES + textwrap.dedent(body).lstrip("\n")
    return HEAD + textwrap.indent(text, "  ")


def case(case_id: str, body: str, *errors: Error) -> Any:
    return pytest.param(scenario(body), list(errors), id=case_id)


EXPECTED_OPERATOR = "expected an operator: 'and', 'or', 'if' or 'iff'"

CASES = [
    case(
        "misspelt-level",
        """
        infeasible: [program == dismantel]
        """,
        (13, 27, "'dismantel' is not a level of 'program' (did you mean 'dismantle'?)"),
    ),
    case(
        "unknown-level-without-a-close-one",
        """
        infeasible: [program == rollback]
        """,
        (
            13,
            27,
            "'rollback' is not a level of 'program' (expected one of 'none', 'freeze', "
            "'dismantle')",
        ),
    ),
    case(
        "misspelt-issue",
        """
        infeasible: [progam == none]
        """,
        (13, 16, "'progam' is not an issue (did you mean 'program'?)"),
    ),
    case(
        "unknown-issue-without-a-close-one",
        """
        infeasible: [sanctions == none]
        """,
        (13, 16, "'sanctions' is not an issue (expected one of 'program', 'drills')"),
    ),
    case(
        "a-range-compared-with-a-word",
        """
        infeasible: [drills >= half]
        """,
        (
            13,
            26,
            "'half' is not a number: 'drills' is a range from 0 to 100, compared with numbers",
        ),
    ),
    case(
        "a-bare-discrete-issue",
        """
        red_lines: {B: [program]}
        """,
        (13, 19, "issue 'program' must be compared with a level, e.g. 'program == none'"),
    ),
    case(
        "a-bare-range-issue",
        """
        red_lines:
          B:
            - drills and program == none
        """,
        (15, 9, "issue 'drills' must be compared with a number, e.g. 'drills >= 0'"),
    ),
    case(
        "a-single-equals-sign",
        """
        infeasible: [program = none]
        """,
        (
            13,
            24,
            "unexpected character '=' in expression 'program = none' (did you mean '=='?)",
        ),
    ),
    case(
        "a-level-of-several-words-unquoted",
        """
        red_lines: {B: [program == full-dismantle]}
        """,
        (
            13,
            34,
            "unexpected character '-' in expression 'program == full-dismantle' (a level that "
            "is not a single word is quoted: 'full-dismantle')",
        ),
    ),
    case(
        "a-comparison-without-a-value",
        """
        infeasible: ["program =="]
        """,
        (
            13,
            27,
            "expression 'program ==' ends too early (expected a level or a number)",
        ),
    ),
    case(
        "a-value-that-is-two-words",
        """
        infeasible: [program == verified freeze]
        """,
        (
            13,
            36,
            f"unexpected 'freeze' in expression 'program == verified freeze' ({EXPECTED_OPERATOR})",
        ),
    ),
    case(
        "red-lines-of-a-party-not-at-the-table",
        """
        red_lines: {C: [program == none], D: []}
        """,
        (13, 15, "'C' is not at the table (add it to 'negotiation.parties')"),
        (13, 37, "'D' is not a party (expected one of 'A', 'B', 'C')"),
    ),
    case(
        "red-lines-not-a-list",
        """
        red_lines: {B: program == none}
        """,
        (
            13,
            18,
            "the red lines of 'B' (a list of expressions) must be a list, found 'program == none'",
        ),
    ),
    case(
        "a-target-out-of-range",
        """
        targets: {A: 1.5, B: high}
        """,
        (13, 16, "the target of 'A' must be in [0, 1], found 1.5"),
        (13, 24, "the target of 'B' must be a number, found 'high'"),
    ),
    case(
        "a-bare-name-that-is-no-issue",
        """
        infeasible: [foo and program == none]
        """,
        (13, 16, "'foo' is not an issue (expected one of 'program', 'drills')"),
    ),
    case(
        "a-bare-misspelt-issue",
        """
        red_lines: {B: [progam]}
        """,
        (13, 19, "'progam' is not an issue (did you mean 'program'?)"),
    ),
    case(
        "a-keyword-for-a-value",
        """
        infeasible: [program == and]
        """,
        (
            13,
            27,
            "unexpected 'and' in expression 'program == and' (expected a level or a number)",
        ),
    ),
    case(
        "infeasible-not-a-list",
        """
        infeasible: program == none
        """,
        (
            13,
            15,
            "'negotiation.infeasible' (a list of expressions) must be a list, found "
            "'program == none'",
        ),
    ),
    case(
        "believed-red-lines-not-a-list",
        """
        beliefs:
          A: {B: {red_lines: program == none}}
        """,
        (
            14,
            24,
            "the red lines 'A' ascribes to 'B' (a list of expressions) must be a list, found "
            "'program == none'",
        ),
    ),
    case(
        "a-believed-red-line-with-a-misspelt-level",
        """
        beliefs:
          A: {B: {red_lines: [program == dismantl]}}
        """,
        (14, 36, "'dismantl' is not a level of 'program' (did you mean 'dismantle'?)"),
    ),
]


@pytest.mark.parametrize(("text", "errors"), CASES)
def test_every_constraint_problem_is_reported_where_it_is_written(
    text: str, errors: list[Error]
) -> None:
    with pytest.raises(ScenarioError) as raised:
        loads(text, "f.yaml")
    assert [str(d) for d in raised.value.diagnostics] == lines("f.yaml", errors)


def test_a_comparison_in_the_conflict_section_is_refused() -> None:
    text = """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          infeasible: [strike == yes]
          preferences: {US: [strike]}
        """
    with pytest.raises(ScenarioError) as raised:
        loads(textwrap.dedent(text), "f.yaml")
    assert [str(d) for d in raised.value.diagnostics] == lines(
        "f.yaml",
        [
            (
                6,
                16,
                "'strike == yes' compares an issue with a level: comparisons belong in the "
                "'negotiation' section, not in an 'infeasible' entry",
            )
        ],
    )


# -- the expression language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("a == b", [("a", "==", "b", 0, 5)], id="level"),
        pytest.param("x>=50", [("x", ">=", "50", 0, 3)], id="number-no-spaces"),
        pytest.param("x < -2.5e1", [("x", "<", "-2.5e1", 0, 4)], id="signed-exponent"),
        pytest.param("x != 'two words'", [("x", "!=", "two words", 0, 6)], id="quoted"),
        pytest.param(
            "not (a <= b) or c > 1",
            [("a", "<=", "b", 5, 10), ("c", ">", "1", 16, 20)],
            id="nested",
        ),
    ],
)
def test_comparisons_are_parsed_with_their_positions(
    text: str, found: list[tuple[str, str, str, int, int]]
) -> None:
    comparisons = list(parse(text).comparisons())
    assert [(c.name, c.operator, c.value, c.offset, c.value_offset) for c in comparisons] == found
    assert list(parse(text).name_offsets()) == []


def test_a_number_outside_a_comparison_is_still_an_error() -> None:
    with pytest.raises(ValueError, match="unexpected character '2'"):
        parse("strike and 2nd")


def test_a_comparison_without_a_meaning_cannot_be_compiled() -> None:
    with pytest.raises(ValueError, match="no meaning given to the comparison 'a =='"):
        parse("a == b").compile(lambda name: lambda codes: codes > 0)


# -- over the outcome space -------------------------------------------------------------------

LEVELS = ("none", "freeze", "dismantle")
POINTS = (0.0, 25.0, 50.0, 75.0, 100.0)
OPERATORS = ("==", "!=", "<", "<=", ">", ">=")


def reference_holds(text: str, program: int, drills: float) -> bool:
    """The expression evaluated for one package, straight from its definition: a discrete issue
    compares positions in its list of levels, a range issue compares numbers."""
    expression = text
    for operator in ("==", "!=", "<=", ">=", "<", ">"):
        expression = expression.replace(f" {operator} ", f" @{operator}@ ")
    words = expression.split()
    pieces = []
    k = 0
    while k < len(words):
        word = words[k]
        if k + 1 < len(words) and words[k + 1].startswith("@"):
            operator = words[k + 1].strip("@")
            value = words[k + 2]
            left, right = (
                (program, LEVELS.index(value)) if word == "program" else (drills, float(value))
            )
            pieces.append(str(_compare(left, operator, right)))
            k += 3
        else:
            pieces.append(word)
            k += 1
    return bool(eval(" ".join(pieces)))  # our own text: True, False, and, or, not, parentheses


def _compare(left: float, operator: str, right: float) -> bool:
    return {
        "==": left == right,
        "!=": left != right,
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
    }[operator]


atoms = st.one_of(
    st.builds(lambda o, v: f"program {o} {v}", st.sampled_from(OPERATORS), st.sampled_from(LEVELS)),
    st.builds(
        lambda o, v: f"drills {o} {v:g}",
        st.sampled_from(OPERATORS),
        st.sampled_from((0, 10, 25, 50, 60, 100, 120)),
    ),
)
expressions = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.builds(lambda a: f"not ( {a} )", inner),
        st.builds(lambda a, b: f"( {a} ) and ( {b} )", inner, inner),
        st.builds(lambda a, b: f"( {a} ) or ( {b} )", inner, inner),
    ),
    max_leaves=5,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(expressions, min_size=1, max_size=3), st.lists(expressions, max_size=2))
def test_constraints_over_the_space_equal_the_reference(
    infeasible: list[str], red_lines: list[str]
) -> None:
    def quoted(items: list[str]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    body = f"infeasible: {quoted(infeasible)}\nred_lines: {{B: {quoted(red_lines)}}}\n"
    negotiation = loads(scenario(body)).negotiation
    assert negotiation is not None
    space = OutcomeSpace.of(negotiation)
    ruled = ruled_out(negotiation, space)
    for outcome, (program, drills) in enumerate(itertools.product(range(3), POINTS)):
        assert ruled.infeasible[outcome] == any(
            reference_holds(text, program, drills) for text in infeasible
        )
        assert ruled.red_lines[outcome, 1] == any(
            reference_holds(text, program, drills) for text in red_lines
        )
        assert not ruled.red_lines[outcome, 0]


def test_constraints_evaluated_on_a_subset_of_outcomes_agree_with_the_whole_space() -> None:
    negotiation = loads(
        scenario("infeasible: [program == freeze and drills > 30]\nred_lines: {A: [drills < 50]}")
    ).negotiation
    assert negotiation is not None
    space = OutcomeSpace.of(negotiation)
    whole = ruled_out(negotiation, space)
    some = np.array([14, 3, 7, 0], dtype=np.int64)
    part = ruled_out(negotiation, space, outcomes=some)
    np.testing.assert_array_equal(part.infeasible, whole.infeasible[some])
    np.testing.assert_array_equal(part.red_lines, whole.red_lines[some])


# -- the bargaining analysis ----------------------------------------------------------------------

SPLIT = """\
standoff: 1
title: Split
parties: {A: {}, B: {}}
negotiation:
  parties: [A, B]
  issues: {split: {range: [0, 10], steps: 11}}
  utilities:
    A: {values: {split: [[0, 0], [10, 1]]}}
    B: {values: {split: [[0, 1], [10, 0]]}}
  batna: {A: 0.15, B: 0.15}
"""


def split(extra: str = "") -> str:
    return SPLIT + textwrap.indent(textwrap.dedent(extra), "  ")


def test_red_lines_shrink_the_zopa_and_move_the_solutions() -> None:
    """A gets k/10 of a pie split in tenths; both BATNAs 0.15, so the ZOPA is A's share 2..8.
    B's red line 'split >= 6' leaves 2..5; the Nash split (the middle, 5) stays, but A's
    target 0.7 is out of reach; the frontier loses the packages B rules out."""
    plain = bargain(loads(split()))
    assert plain.zopa.size == 7
    assert plain.solutions["nash"].outcome == 5
    assert (plain.infeasible, dict(plain.red_lines), plain.zopa_without_red_lines) == (0, {}, None)
    analysis = bargain(loads(split("red_lines: {B: [split >= 6]}\ntargets: {A: 0.7, B: 0.2}\n")))
    assert analysis.zopa.size == 4
    assert analysis.zopa.ranges["A"] == pytest.approx((0.2, 0.5))
    assert analysis.frontier.tolist() == [0, 1, 2, 3, 4, 5]
    assert dict(analysis.red_lines) == {"B": 5}
    assert analysis.zopa_without_red_lines == 7
    assert analysis.solutions["nash"].outcome == 5
    assert analysis.solutions["utilitarian"].outcome in range(2, 6)
    a, b = analysis.targets
    assert (a.party, a.target, a.best_in_zopa, a.reachable) == ("A", 0.7, 0.5, False)
    assert a.gaps["nash"] == pytest.approx(-0.2)
    assert (b.party, b.reachable) == ("B", True)
    assert b.gaps["nash"] == pytest.approx(0.3)


def test_infeasible_packages_leave_the_frontier_and_every_solution() -> None:
    """Ruling out A's shares 4..6 leaves the ZOPA {2, 3, 7, 8}: the Nash product (k/10 − 0.15) ·
    (0.85 − k/10) is largest at 3 and 7 (0.15 · 0.55), tied; the larger sum ties too, so the
    lowest index, 3, wins."""
    analysis = bargain(loads(split("infeasible: [split >= 4 and split <= 6]\n")))
    assert analysis.infeasible == 3
    assert analysis.zopa.size == 4
    assert 4 not in analysis.frontier.tolist()
    assert analysis.frontier.size == 8
    for solution in analysis.solutions.values():
        assert solution.outcome not in (4, 5, 6)
    assert analysis.solutions["nash"].outcome == 3


def test_the_frontier_over_signable_packages_equals_the_frontier_of_the_subset() -> None:
    korea = load("examples/korea_2019.yaml")
    analysis = bargain(korea)
    assert korea.negotiation is not None
    signable = ruled_out(korea.negotiation, analysis.space).signable
    kept = np.flatnonzero(signable)
    assert analysis.frontier.tolist() == kept[pareto_frontier(analysis.utilities[kept])].tolist()


def test_a_red_line_the_other_side_does_not_know_shows_in_its_perceived_zopa() -> None:
    hidden = split(
        """\
        red_lines: {B: [split >= 6]}
        beliefs:
          A: {B: {red_lines: []}}
        """
    )
    analysis = bargain(loads(hidden))
    (perceived,) = analysis.perceived
    assert perceived.holder == "A"
    assert dict(perceived.believed_red_lines) == {"B": ()}
    assert perceived.zopa.size == 7  # A sees the ZOPA without B's red line
    assert perceived.overlap == 4  # of which the real ZOPA keeps 2..5
    assert analysis.zopa.size == 4
    known = bargain(loads(split("red_lines: {B: [split >= 6]}\nbeliefs: {A: {B: {batna: 0.15}}}")))
    assert known.perceived[0].zopa.size == 4
    assert dict(known.perceived[0].believed_red_lines) == {}


def test_a_believed_red_line_that_is_not_real_narrows_only_the_perceived_zopa() -> None:
    analysis = bargain(loads(split("beliefs: {A: {B: {red_lines: [split <= 3]}}}")))
    assert analysis.zopa.size == 7
    assert analysis.perceived[0].zopa.size == 5
    assert dict(analysis.perceived[0].believed_red_lines) == {"B": ("split <= 3",)}


def test_the_expected_agreement_across_a_hidden_red_line_is_rejected() -> None:
    # A believes B's BATNA is 0 and knows no red line: it expects the Nash split of 0.15..1,
    # A's share 6 (0.6 − 0.15)·(0.4 − 0) > 7's; B's real red line 'split >= 6' rejects it.
    text = split("red_lines: {B: [split >= 6]}\nbeliefs: {A: {B: {batna: 0, red_lines: []}}}")
    (perceived,) = bargain(loads(text)).perceived
    assert perceived.expected is not None
    assert perceived.expected.outcome == 6
    assert perceived.rejected_by == ("B",)


# -- simulated talks ------------------------------------------------------------------------------


def test_a_party_never_offers_what_it_may_not_sign() -> None:
    table = OutcomeTable(
        [[1.0, 0.0], [0.6, 0.5], [0.0, 1.0]],
        signable=[[False, True], [True, True], [True, True]],
    )
    outcome, own = table.offer(0, np.array([0.9, 0.7, 0.5, 0.0]))
    assert outcome.tolist() == [1, 1, 1, 2]  # never outcome 0, its best, which it may not sign
    assert own.tolist() == [0.6, 0.6, 0.6, 0.0]
    assert table.maximum == (0.6, 1.0)


def test_the_responder_rejects_an_offer_across_its_red_line() -> None:
    """Outcome 1 = (0.6, 0.5) is agreed in round 6 without constraints (the kernel's hand-worked
    case); with party 1 unable to sign it, the talks end at the round limit without a deal."""
    values = [[1.0, 0.0], [0.6, 0.5], [0.0, 1.0]]
    batch = Batch.broadcast(10, linear(), 1, reservation=0.3)
    assert negotiate(OutcomeTable(values), batch).outcome.tolist() == [1]
    refused = OutcomeTable(values, signable=[[True, True], [True, False], [True, True]])
    outcomes = negotiate(refused, batch)
    assert outcomes.outcome.tolist() == [-1]


def test_a_party_that_may_sign_nothing_walks_out() -> None:
    table = OutcomeTable([[1.0, 0.0], [0.0, 1.0]], signable=[[False, True], [False, True]])
    outcomes = negotiate(table, Batch.broadcast(6, linear(), 1))
    assert outcomes.outcome.tolist() == [-1]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 12))
def test_fast_kernel_equals_reference_with_constraints(seed: int, outcomes: int) -> None:
    rng = np.random.default_rng(seed)
    values = np.round(rng.random((outcomes, 2)), 1)
    signable = rng.random((outcomes, 2)) < 0.7
    table = OutcomeTable(values, signable=signable)
    batch = random_batch(rng, int(rng.integers(1, 40)))
    fast = negotiate(table, batch, seed=seed)
    assert_same(fast, negotiate_reference(table, batch, seed=seed))
    agreed = fast.outcome[fast.ended_by == AGREEMENT]
    assert signable[agreed].all()


def test_simulated_korea_talks_never_agree_across_north_koreas_red_line() -> None:
    simulation = simulate_talks(
        load("examples/korea_2019.yaml"),
        runs=400,
        seed=3,
        with_variants=False,
    )
    deals = simulation.variants[0].deals
    assert deals is not None
    assert simulation.baseline.agreement > 0
    agreed = {level for level, count in dict(deals.levels)["program"] if count}
    assert agreed
    assert "dismantlement" not in agreed


def test_the_talks_benchmarks_are_taken_over_the_packages_both_may_sign() -> None:
    """The pie in tenths with BATNAs 0.15: the Nash split is A's share 5. B's red line
    'split >= 5' leaves 2..4 to sign: the Nash product (k/10 − 0.15)(0.85 − k/10) is largest at
    4 there."""
    protocol = "protocol: {first: A, rounds: 10}\n"
    free = simulate_talks(loads(split(protocol)), runs=20, seed=1, with_variants=False)
    assert free.benchmarks[0].outcome == 5
    bound = simulate_talks(
        loads(split(protocol + "red_lines: {B: [split >= 5]}\n")),
        runs=20,
        seed=1,
        with_variants=False,
    )
    assert [b.label for b in bound.benchmarks] == ["Nash", "Kalai–Smorodinsky"]
    assert bound.benchmarks[0].outcome == 4
    agreed = [outcome for outcome, _ in bound.baseline.deals]
    assert all(outcome < 5 for outcome in agreed)


def test_a_level_of_several_words_is_compared_in_quotes() -> None:
    text = """\
        standoff: 1
        title: Venue
        parties: {A: {}, B: {}}
        negotiation:
          parties: [A, B]
          issues: {venue: [New York, Geneva]}
          utilities: {A: {values: {venue: {New York: 1, Geneva: 0}}}, B: {values: {venue: {New York: 0, Geneva: 1}}}}
          batna: {A: 0, B: 0}
          red_lines: {B: ["venue == 'New York'"]}
        """  # noqa: E501
    negotiation = loads(textwrap.dedent(text)).negotiation
    assert negotiation is not None
    ruled = ruled_out(negotiation, OutcomeSpace.of(negotiation))
    assert ruled.red_lines[:, 1].tolist() == [True, False]


def test_the_chart_paints_green_only_the_agreements_of_the_zopa() -> None:
    """Packages across a red line beat both BATNAs in Korea 2019 but are not in the ZOPA: the
    utility-space chart must not draw them green (found in review)."""
    from pathlib import Path

    from standoff.pipeline import BargainingRecord, Request, run
    from standoff.report._sections._bargaining_chart import in_zopa

    korea = Path(__file__).resolve().parent.parent / "examples" / "korea_2019.yaml"
    results = run(korea, Request(only=frozenset({"bargaining"})))
    record = results["bargaining"]
    assert isinstance(record, BargainingRecord)
    analysis = record.analysis
    beyond_batnas = (analysis.utilities > [b.value for b in analysis.batnas]).all(axis=1).sum()
    assert beyond_batnas > analysis.zopa.size
    assert int(in_zopa(record).sum()) == analysis.zopa.size
