"""Scoring a draft agreement (issue 14, item 5): hand-worked cases, a reference written from the
definitions, the errors of a bad draft (Python and ``--deal``), and the outputs."""

from __future__ import annotations

import itertools
import json
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.test_errors import invoke, unboxed

from standoff.bargaining import (
    IMPROVEMENTS_SHOWN,
    Rejection,
    draft_outcome,
    parse_deal,
    score_draft,
)
from standoff.errors import RequestError
from standoff.pipeline import Request, run
from standoff.report import json_document
from standoff.scenario import load, loads

SPLIT = """\
standoff: 1
title: Split
parties: {A: {}, B: {}}
negotiation:
  parties: [A, B]
  issues:
    split: {range: [0, 10], steps: 11}
    venue: [geneva, vienna]
  utilities:
    A: {weights: {split: 4, venue: 1}, values: {split: [[0, 0], [10, 1]], venue: {geneva: 1, vienna: 0}}}
    B: {weights: {split: 4, venue: 1}, values: {split: [[0, 1], [10, 0]], venue: {geneva: 1, vienna: 0}}}
  batna: {A: 0.15, B: 0.15}
"""  # noqa: E501


def split(extra: str = "") -> str:
    return SPLIT + textwrap.indent(textwrap.dedent(extra), "  ")


def test_a_draft_in_the_zopa_with_an_improvement_both_parties_prefer() -> None:
    """Both prefer Geneva (weight 1 of 5): A's utility is 0.08·k + 0.2·[geneva], B's
    0.8 − 0.08·k + 0.2·[geneva]. The draft (5, vienna) gives both 0.4. In Geneva A gets at least
    0.4 from k = 3 (0.44) and B up to k = 7 (0.44): five improvements, k = 3..7. Nash products
    over the BATNAs 0.15: k = 5: 0.45² = 0.2025; k = 4 and 6: 0.37 · 0.53 = 0.1961 (tied, and
    tied in sum: the lower index first); k = 3 and 7: 0.29 · 0.61 = 0.1769."""
    score = score_draft(loads(split()), "split=5, venue=vienna")
    a, b = score.parties
    assert a.utility == pytest.approx(0.4)
    assert b.utility == pytest.approx(0.4)
    assert a.gain == pytest.approx(0.25)
    assert a.batna == 0.15
    assert (a.accepts, b.accepts, score.in_zopa) == (True, True, True)
    assert (a.in_perceived_zopa, b.in_perceived_zopa) == (True, True)
    assert score.rejections == ()
    assert (score.efficient, score.improvement_count) == (False, 5)
    assert [i.outcome for i in score.improvements] == [10, 8, 12, 6, 14]
    assert [i.nash_product for i in score.improvements] == pytest.approx(
        [0.2025, 0.1961, 0.1961, 0.1769, 0.1769]
    )
    better = score.improvements[0]
    assert dict(better.labels) == {"split": "5", "venue": "geneva"}
    assert better.utilities == {"A": pytest.approx(0.6), "B": pytest.approx(0.6)}
    assert better.nash_product == pytest.approx(0.45 * 0.45)
    assert dict(score.labels) == {"split": "5", "venue": "vienna"}
    assert score.outcome == 11  # split 5 (index 5) · 2 venues + vienna (1)


def test_an_efficient_draft_has_no_improvement() -> None:
    score = score_draft(loads(split()), {"split": 3, "venue": "geneva"})
    assert (score.efficient, score.improvement_count, score.improvements) == (True, 0, ())


def test_who_rejects_a_draft_and_why() -> None:
    """(9, vienna): A 0.72, B 0.08 < 0.15. B's red line 'split >= 8' is crossed too; the
    infeasible 'venue == vienna and split > 8' makes it unsignable for both."""
    text = split(
        """\
        infeasible: [venue == vienna and split > 8]
        red_lines: {B: [split >= 8]}
        targets: {A: 0.7}
        """
    )
    score = score_draft(loads(text), "split=9, venue=vienna")
    assert score.rejections == (
        Rejection(None, "infeasible", "venue == vienna and split > 8"),
        Rejection("B", "red_line", "split >= 8"),
        Rejection("B", "below_batna", "0.080 <= 0.150"),
    )
    assert [p.accepts for p in score.parties] == [False, False]
    assert score.party("A").target == 0.7
    assert score.party("B").target is None
    assert not score.in_zopa
    assert not score.party("A").in_perceived_zopa


def test_improvements_never_cross_a_red_line() -> None:
    """Every improvement of (5, vienna) is in Geneva (see above); forbid Geneva for A and it has
    none: the draft is efficient among the packages the parties may sign."""
    score = score_draft(loads(split("red_lines: {A: [venue == geneva]}")), "split=5, venue=vienna")
    assert (score.efficient, score.improvement_count) == (True, 0)


def test_a_hidden_red_line_leaves_the_draft_in_the_perceived_zopa_only() -> None:
    text = split("red_lines: {B: [split >= 6]}\nbeliefs: {A: {B: {red_lines: []}}}")
    score = score_draft(loads(text), "split=6, venue=geneva")
    assert not score.in_zopa
    assert score.party("A").in_perceived_zopa  # A does not know B's red line
    assert not score.party("B").in_perceived_zopa
    assert score.rejections == (Rejection("B", "red_line", "split >= 6"),)


def test_a_believed_batna_or_utility_decides_the_perceived_zopa() -> None:
    # A believes B's BATNA is 0.5: the draft (5, vienna), worth 0.4 to B, is not in A's ZOPA.
    text = split("beliefs: {A: {B: {batna: 0.5}}}")
    assert not score_draft(loads(text), "split=5, venue=vienna").party("A").in_perceived_zopa
    # B believes A's utility is the venue alone (Vienna worth 0): not in B's perceived ZOPA.
    believed = split("beliefs: {B: {A: {utilities: {values: {venue: {geneva: 1, vienna: 0}}}}}}")
    score = score_draft(loads(believed), "split=5, venue=vienna")
    assert (score.party("A").in_perceived_zopa, score.party("B").in_perceived_zopa) == (True, False)


def test_the_korea_draft_of_the_docs() -> None:
    korea = load("examples/korea_2019.yaml")
    score = score_draft(korea, "sanctions=full_relief, program=dismantlement, drills=0%")
    assert [(r.party, r.reason) for r in score.rejections] == [("NK", "red_line")]
    assert score.party("US").in_perceived_zopa  # Washington does not see the red line
    assert not score.party("NK").in_perceived_zopa


def test_the_json_draft_of_docs_output_format() -> None:
    """The example of the ``draft`` key in docs/output-format.md is what the command writes."""
    page = (Path(__file__).resolve().parents[1] / "docs" / "output-format.md").read_text("utf-8")
    shown = page.split("### `draft`", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    result = invoke(
        "bargain", "examples/korea_2019.yaml", "--deal",
        "sanctions=full_relief, program=dismantlement, drills=0%", "-f", "json",
    )  # fmt: skip
    assert json.loads(result.stdout)["draft"] == json.loads(shown)


# -- against a reference written from the definitions ----------------------------------------------


def reference_score(
    utilities: list[list[Fraction]],
    batnas: list[Fraction],
    signable: list[bool],
    draft: int,
) -> tuple[list[int], list[Fraction]]:
    """The post-settlement improvements of ``draft`` (every signable outcome that no party values
    less and one values more), best first (largest Nash product, then largest sum of utilities,
    then lowest outcome), and their Nash products, by comparing every outcome exactly."""
    point = utilities[draft]
    found = [
        k
        for k, row in enumerate(utilities)
        if signable[k]
        and all(u >= p for u, p in zip(row, point, strict=True))
        and any(u > p for u, p in zip(row, point, strict=True))
    ]
    products = []
    for k in found:
        product = Fraction(1)
        for u, d in zip(utilities[k], batnas, strict=True):
            product *= max(u - d, Fraction(0))
        products.append(product)
    ranked = sorted(
        zip(found, products, strict=True),
        key=lambda item: (-item[1], -sum(utilities[item[0]]), item[0]),
    )
    return [k for k, _ in ranked], [product for _, product in ranked]


values = st.integers(0, 10).map(lambda x: x / 10)


@st.composite
def negotiations(draw: st.DrawFn) -> tuple[str, int, int]:
    """A two- or three-party negotiation over two discrete issues, with an infeasible conjunction,
    a red line of B and a belief of A about B's BATNA or red lines (each sometimes), and a draft
    (its levels' indices)."""
    n, m = draw(st.integers(2, 5)), draw(st.integers(2, 4))
    parties = ["A", "B", "C"][: draw(st.integers(2, 3))]
    lines = [
        "standoff: 1",
        "title: R",
        "parties: {A: {}, B: {}, C: {}}",
        "negotiation:",
        f"  parties: [{', '.join(parties)}]",
        "  issues:",
        f"    x: [{', '.join(f'x{i}' for i in range(n))}]",
        f"    y: [{', '.join(f'y{j}' for j in range(m))}]",
        "  utilities:",
    ]
    for party in parties:
        wx, wy = draw(st.integers(1, 3)), draw(st.integers(1, 3))
        vx = ", ".join(f"x{i}: {draw(values)}" for i in range(n))
        vy = ", ".join(f"y{j}: {draw(values)}" for j in range(m))
        values_text = f"{{x: {{{vx}}}, y: {{{vy}}}}}"
        lines.append(f"    {party}: {{weights: {{x: {wx}, y: {wy}}}, values: {values_text}}}")
    batnas = ", ".join(f"{party}: {draw(st.integers(0, 5)) / 10}" for party in parties)
    lines.append(f"  batna: {{{batnas}}}")
    operators = st.sampled_from(("==", "!=", "<", "<=", ">", ">="))
    if draw(st.booleans()):
        i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, m - 1))
        lines.append(f'  infeasible: ["x {draw(operators)} x{i} and y == y{j}"]')
    if draw(st.booleans()):
        lines.append(f'  red_lines: {{B: ["x {draw(operators)} x{draw(st.integers(0, n - 1))}"]}}')
    if draw(st.booleans()):
        believed = draw(
            st.sampled_from(
                [
                    "red_lines: []",
                    f'red_lines: ["y {draw(operators)} y{draw(st.integers(0, m - 1))}"]',
                    f"batna: {draw(st.integers(0, 5)) / 10}",
                ]
            )
        )
        lines.append(f"  beliefs: {{A: {{B: {{{believed}}}}}}}")
    return "\n".join(lines) + "\n", draw(st.integers(0, n - 1)), draw(st.integers(0, m - 1))


def _holds(text: str, i: int, j: int) -> bool:
    result = True
    for atom in text.split(" and "):
        name, operator, level = atom.split()
        left, right = (i, int(level[1:])) if name == "x" else (j, int(level[1:]))
        result &= {
            "==": left == right,
            "!=": left != right,
            "<": left < right,
            "<=": left <= right,
            ">": left > right,
            ">=": left >= right,
        }[operator]
    return result


@settings(max_examples=150, deadline=None)
@given(negotiations())
# B's utility is (0.9 + 3 × 0.1) / 4 = 0.3, its BATNA, exactly; in floats 0.30000000000000004
@example(
    (
        "standoff: 1\ntitle: R\nparties: {A: {}, B: {}, C: {}}\nnegotiation:\n"
        "  parties: [A, B, C]\n  issues:\n    x: [x0, x1, x2, x3, x4]\n    y: [y0, y1, y2, y3]\n"
        "  utilities:\n"
        "    A: {weights: {x: 1, y: 1}, values: {x: {x0: 0.0, x1: 0.0, x2: 0.0, x3: 0.0, x4: 0.0},"
        " y: {y0: 0.0, y1: 0.0, y2: 0.0, y3: 0.0}}}\n"
        "    B: {weights: {x: 1, y: 3}, values: {x: {x0: 0.0, x1: 0.0, x2: 0.0, x3: 0.0, x4: 0.9},"
        " y: {y0: 0.0, y1: 0.1, y2: 0.0, y3: 0.0}}}\n"
        "    C: {weights: {x: 1, y: 1}, values: {x: {x0: 0.0, x1: 0.0, x2: 0.0, x3: 0.0, x4: 0.0},"
        " y: {y0: 0.0, y1: 0.0, y2: 0.0, y3: 0.0}}}\n"
        "  batna: {A: 0.0, B: 0.3, C: 0.0}\n",
        4,
        1,
    )
)
def test_the_improvements_equal_the_reference(drawn: tuple[str, int, int]) -> None:
    text, i, j = drawn
    negotiation = loads(text).negotiation
    assert negotiation is not None
    issues = {issue.id: issue for issue in negotiation.issues}
    n, m = issues["x"].steps, issues["y"].steps
    utilities = []
    for a, b in itertools.product(range(n), range(m)):
        row = []
        for party in negotiation.parties:
            utility = negotiation.utilities[party]
            total = sum(Fraction(str(w)) for w in utility.weights.values())
            x_value = Fraction(str(utility.values["x"].table[f"x{a}"]))  # type: ignore[index]
            y_value = Fraction(str(utility.values["y"].table[f"y{b}"]))  # type: ignore[index]
            weights = utility.weights
            weighted = Fraction(str(weights["x"])) * x_value + Fraction(str(weights["y"])) * y_value
            row.append(weighted / total)
        utilities.append(row)
    infeasible = [f.text for f in negotiation.infeasible]
    red = [f.text for f in negotiation.red_lines.get("B", ())]
    signable = [
        not any(_holds(t, a, b) for t in infeasible + red)
        for a, b in itertools.product(range(n), range(m))
    ]
    batnas = [Fraction(str(negotiation.batnas[p].value())) for p in negotiation.parties]
    draft = i * m + j
    expected, products = reference_score(utilities, batnas, signable, draft)
    score = score_draft(negotiation, {"x": f"x{i}", "y": f"y{j}"})
    assert score.outcome == draft
    assert score.improvement_count == len(expected)
    assert score.efficient == (not expected)
    assert len(score.improvements) == min(IMPROVEMENTS_SHOWN, len(expected))
    assert [i.outcome for i in score.improvements] == expected[:IMPROVEMENTS_SHOWN]
    shown = [improvement.nash_product for improvement in score.improvements]
    assert shown == pytest.approx([float(p) for p in products[: len(shown)]], abs=1e-12)
    feasible = not any(_holds(t, i, j) for t in infeasible)
    for k, party in enumerate(negotiation.parties):
        assert score.parties[k].utility == pytest.approx(float(utilities[draft][k]), abs=1e-12)
        # a party signs a feasible draft across none of its red lines that beats its BATNA
        crossed = party == "B" and any(_holds(t, i, j) for t in red)
        accepts = feasible and not crossed and utilities[draft][k] > batnas[k]
        assert score.parties[k].accepts == accepts
    assert score.in_zopa == all(p.accepts for p in score.parties)
    # A perceives B's BATNA and red lines as it believes them; everyone else sees the truth
    belief = negotiation.belief("A", "B")
    believed_batnas = list(batnas)
    believed_red = red
    if belief is not None and belief.batna is not None:
        believed_batnas[1] = Fraction(str(belief.batna.value()))
    if belief is not None and belief.red_lines is not None:
        believed_red = [line.text for line in belief.red_lines]
    crossed = any(_holds(t, i, j) for t in believed_red)
    above = all(u > d for u, d in zip(utilities[draft], believed_batnas, strict=True))
    assert score.party("A").in_perceived_zopa == (feasible and not crossed and above)
    for party in negotiation.parties[1:]:
        assert score.party(party).in_perceived_zopa == score.in_zopa


# -- a bad draft ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deal", "message"),
    [
        pytest.param(
            "splt=5, venue=geneva", "'splt' is not an issue (did you mean 'split'?)", id="issue"
        ),
        pytest.param(
            "split=5, place=geneva",
            "'place' is not an issue (expected one of 'split', 'venue')",
            id="issue-without-a-close-one",
        ),
        pytest.param(
            "split=5, venue=genva",
            "'genva' is not a level of 'venue' (did you mean 'geneva'?)",
            id="level",
        ),
        pytest.param(
            "split=5, venue=paris",
            "'paris' is not a level of 'venue' (expected one of 'geneva', 'vienna')",
            id="level-without-a-close-one",
        ),
        pytest.param(
            "split=5.5, venue=geneva",
            "'5.5' is not a point of 'split' (expected one of '0', '1', '2', '3', '4', '5', '6', "
            "'7', '8', '9', '10')",
            id="between-points",
        ),
        pytest.param(
            "split=5", "the draft does not set 'venue': give a level of every issue", id="missing"
        ),
        pytest.param(
            "split=5, venue",
            "'venue' is not ISSUE=LEVEL (e.g. 'sanctions=partial, program=none')",
            id="no-equals",
        ),
        pytest.param("split=5, split=6, venue=geneva", "issue 'split' is given twice", id="twice"),
        pytest.param(" , ", "the draft is empty: give ISSUE=LEVEL for every issue", id="empty"),
    ],
)
def test_a_bad_draft_is_a_request_error_and_a_usage_error(
    tmp_path: Path, deal: str, message: str
) -> None:
    negotiation = loads(split()).negotiation
    assert negotiation is not None
    with pytest.raises(RequestError) as raised:
        score_draft(negotiation, deal)
    assert (raised.value.field, str(raised.value)) == ("deal", message)
    path = tmp_path / "split.yaml"
    path.write_text(split(), encoding="utf-8")
    result = invoke("bargain", str(path), "--deal", deal)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Invalid value for '--deal': {message}" in unboxed(result.stderr)


def test_a_range_point_is_read_as_a_number_or_as_it_reads() -> None:
    korea = load("examples/korea_2019.yaml")
    assert korea.negotiation is not None
    as_number = draft_outcome(korea.negotiation, "sanctions=none, program=none, drills=50")
    as_label = draft_outcome(korea.negotiation, "sanctions=none, program=none, drills=50%")
    assert as_number == as_label == 1


def test_parse_deal_keeps_the_order_and_strips_spaces() -> None:
    assert parse_deal(" a = x ,b=y,") == {"a": "x", "b": "y"}


# -- outputs ----------------------------------------------------------------------------------


def test_the_json_draft_key(tmp_path: Path) -> None:
    path = tmp_path / "split.yaml"
    path.write_text(split("targets: {A: 0.5}"), encoding="utf-8")
    result = invoke("bargain", str(path), "--deal", "split=5, venue=vienna", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert "bargaining" not in document
    assert document["draft"] == {
        "outcome": 11,
        "levels": {"split": "5", "venue": "vienna"},
        "in_zopa": True,
        "parties": [
            {
                "party": "A",
                "utility": 0.4,
                "batna": 0.15,
                "gain": 0.25,
                "target": 0.5,
                "accepts": True,
                "in_perceived_zopa": True,
            },
            {
                "party": "B",
                "utility": 0.4,
                "batna": 0.15,
                "gain": 0.25,
                "target": None,
                "accepts": True,
                "in_perceived_zopa": True,
            },
        ],
        "rejections": [],
        "efficient": False,
        "improvements": {
            "count": 5,
            "shown": [
                {
                    "outcome": 10,
                    "levels": {"split": "5", "venue": "geneva"},
                    "utilities": {"A": 0.6, "B": 0.6},
                    "nash_product": 0.2025,
                },
                *document["draft"]["improvements"]["shown"][1:],
            ],
        },
    }
    assert len(document["draft"]["improvements"]["shown"]) == 5


def test_the_terminal_shows_the_verdict_the_parties_and_the_improvements() -> None:
    result = invoke(
        "bargain", "examples/korea_2019.yaml", "--deal",
        "sanctions=full_relief, program=dismantlement, drills=0%",
    )  # fmt: skip
    assert result.exit_code == 0
    text = unboxed(result.stdout)
    assert "is not in the ZOPA: North Korea would reject it." in text
    assert "North Korea rejects it: it crosses its red line 'program == dismantlement'." in text
    assert "Draft agreement" in text


def test_the_pipeline_runs_the_draft_only_when_asked() -> None:
    korea = load("examples/korea_2019.yaml")
    assert "draft" not in run(korea, Request(only=frozenset({"bargaining"}))).records
    deal = (("sanctions", "none"), ("program", "none"), ("drills", "0"))
    results = run(korea, Request(only=frozenset({"draft"}), deal=deal))
    assert json_document(results)["draft"]["levels"] == {
        "sanctions": "none",
        "program": "none",
        "drills": "0%",
    }
