"""States, moves and findings in words (issue 15): what a reader who has never seen the tool meets.

A state is shown by its name or by what is done in it, never by its Y/N pattern alone (patterns
stay in the JSON and in the secondary ``pattern`` column); options may carry a ``short:`` label
for these descriptions; a path reads as a sentence per move; each section opens with its
findings; the state graph never cuts a label mid-word.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.test_report_browser import PHONE, _screen, browser, chromium  # noqa: F401 (fixtures)
from typer.testing import CliRunner

from standoff.cli import app
from standoff.conflict import Step, build_conflict
from standoff.errors import ScenarioError
from standoff.pipeline import Request, run
from standoff.report import briefing_markdown, json_document
from standoff.report._graph._drawing import label_lines
from standoff.report._wording import move_words, path_text, state_description, state_text
from standoff.scenario import load, loads

ROOT = Path(__file__).resolve().parent.parent
KOREA = ROOT / "examples" / "korea_2019.yaml"
PATTERN = re.compile(r"\b[YN]{5}\b")


@pytest.fixture(scope="module")
def korea_markdown() -> str:
    return briefing_markdown(run(str(KOREA), Request(runs=200)))


def test_the_korea_briefing_has_no_pattern_in_running_text(korea_markdown: str) -> None:
    # the patterns are allowed only as the code cells of the tables' pattern column
    rows_with_patterns = 0
    for line in korea_markdown.splitlines():
        if line.startswith("|") and re.search(r"\| `[YN]{5}` \|", line):
            rows_with_patterns += 1
            line = re.sub(r"\| `[YN]{5}` \|", "| |", line)
        assert not PATTERN.search(line), line
    assert rows_with_patterns == 48  # the states table and the stability table, 24 rows each


def test_the_korea_terminal_output_has_patterns_only_in_the_pattern_column() -> None:
    result = CliRunner().invoke(app, ["analyze", str(KOREA), "--runs", "10"])
    assert result.exit_code == 0, result.output
    assert "US relief & exercises + China enforcement" in result.stdout
    for line in result.stdout.splitlines():
        cells = [cell.strip() for cell in re.split(r"[│┃]", line)]
        prose = [cell for cell in cells if not re.fullmatch(r"[YN]{5}", cell)]
        assert not PATTERN.search(" ".join(prose)), line


def test_patterns_stay_in_the_json() -> None:
    document = json_document(run(str(KOREA), Request(only=frozenset({"conflict"}))))
    assert [s["pattern"] for s in document["states"][:3]] == ["NNNNN", "YNNNN", "NYNNN"]
    assert "short" not in document["options"][0]  # the JSON contract is unchanged


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        pytest.param(0, "1 status_quo", id="named"),
        pytest.param(2, "3 (US exercises)", id="one-option"),
        pytest.param(15, "16 (US relief & exercises + China enforcement)", id="two-parties"),
        pytest.param(20, "21 (NK tests + China enforcement)", id="short-labels"),
    ],
)
def test_states_are_written_by_name_or_by_what_is_done(index: int, expected: str) -> None:
    assert state_text(build_conflict(load(KOREA)), index) == expected


def test_the_empty_state_is_nothing_done_and_ids_lose_their_party_prefix() -> None:
    conflict = build_conflict(load(ROOT / "examples" / "syria_iraq_1975.yaml"))
    assert state_description(conflict, 0) == "nothing done"
    text = """\
standoff: 1
title: t
parties:
  Ann: {options: {ann_holds_firm: Ann holds firm}}
  Bob: {options: {bob_yields: Bob yields}}
conflict:
  preferences: {Ann: [ann_holds_firm], Bob: [bob_yields]}
"""
    conflict = build_conflict(loads(text, "t.yaml"))
    assert state_description(conflict, 3) == "Ann holds firm + Bob yields"
    assert move_words(conflict, Step("Bob", 1, 3)) == "Bob takes up yields"


def test_paths_read_as_a_sentence_per_move() -> None:
    conflict = build_conflict(load(KOREA))
    steps = [Step("NK", 0, 8), Step("China", 8, 20), Step("US", 20, 22)]
    assert path_text(conflict, steps) == (
        "NK takes up tests → China takes up enforcement → US takes up exercises"
    )
    assert move_words(conflict, Step("US", 2, 1)) == "US takes up relief and drops exercises"
    assert path_text(conflict, []) == "(already there)"


def test_a_short_label_is_read_and_checked() -> None:
    text = """\
standoff: 1
title: t
parties:
  Ann:
    options:
      go: {label: Go, short: "  "}
      stay: {label: Stay, short: [a]}
      walk: {label: Walk away, short: the walk-out}
"""
    with pytest.raises(ScenarioError) as caught:
        loads(text, "t.yaml")
    assert str(caught.value).splitlines() == [
        "t.yaml:6:30: error: the short label of option 'go' must be a few words on one line",
        "t.yaml:7:34: error: the short label of option 'stay' must be text, found a list",
    ]
    scenario = loads(text.replace('short: "  "', "short: going").replace("short: [a]", ""), "t")
    assert [option.words for option in scenario.options] == ["going", "stay", "the walk-out"]


def test_explain_gives_each_state_its_rank_for_the_party() -> None:
    result = CliRunner().invoke(
        app,
        [
            "explain", str(KOREA), "--party", "NK", "--state", "interim_deal",
            "--concept", "seq",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert (
        "State 6 interim_deal is at rank 17 of 24 for NK (rank 1: NK's favourite). It is not "
        "stable for NK under SEQ." in text
    )
    assert (
        "• Improvement: NK drops freeze, to 2 relief_up_front, rank 1 of 24 for NK. No "
        "sanction: the others cannot make it worth less." in text
    )


def _section(markdown: str, title: str) -> str:
    start = markdown.index(f". {title}\n")
    return markdown[start : markdown.index("\n## ", start)]


def test_each_section_opens_with_its_findings(korea_markdown: str) -> None:
    states = _section(korea_markdown, "The states").split("\n\n")
    assert states[1] == (
        "24 states are possible. What each party wants most: the United States 17 (NK freeze + "
        "China enforcement); North Korea 2 relief\\_up\\_front; China 1 status\\_quo, 2 "
        "relief\\_up\\_front, 5 (NK freeze), 6 interim\\_deal."
    )
    conflict = _section(korea_markdown, "The conflict").split("\n\n")
    assert conflict[1].splitlines() == [
        "- One outcome is stable under every concept: 23 escalation.",
        "- The status quo is stable under GMR, SMR, SEQ and SEQ+SIM, not under Nash and SIM.",
        "- Stable under no concept (of the named states): 6 interim\\_deal, "
        "9 nk\\_resumes\\_testing.",
        "- Equilibria of each concept, of 24 states: Nash 1; SIM 3; SEQ 7; SEQ+SIM 8; "
        "GMR and SMR 9.",
    ]
    assert conflict[2].startswith("*Figure: The state graph.")  # then the evidence
    evolution = _section(korea_markdown, "Evolution from the status quo").split("\n\n")
    assert evolution[2].splitlines()[-1] == (
        "- In 3 moves, each a gain for the party that makes it, the parties can reach 23 "
        "escalation, an equilibrium under every concept: NK takes up tests → China takes up "
        "enforcement → US takes up exercises."
    )


def test_concepts_that_do_not_discriminate_are_named() -> None:
    results = run(str(ROOT / "examples" / "elmira.yaml"), Request(only=frozenset({"stability"})))
    conflict = _section(briefing_markdown(results), "The conflict")
    assert (
        "- Under GMR and SMR 8 of 12 states are equilibria: these concepts do not "
        "discriminate here; Nash, SEQ, SIM and SEQ+SIM do." in conflict
    )


def test_the_hypergame_leads_with_one_headline_per_party_that_misjudges(
    korea_markdown: str,
) -> None:
    section = _section(korea_markdown, "Perceptions").split("\n\n")
    assert section[2].splitlines() == [
        "- Three outcomes can really hold, given what each side believes: 1 status\\_quo, "
        "13 (China enforcement), 23 escalation.",
        "- **The United States** expects 6 interim\\_deal to hold; North Korea walks away from "
        "it to 2 relief\\_up\\_front: NK drops freeze.",
        "- Its misjudgment rules out 2 relief\\_up\\_front, 3 (US exercises), 14 (US relief + "
        "China enforcement), 16 (US relief & exercises + China enforcement), which would hold "
        "if the United States saw the conflict as it is.",
        "- North Korea and China see the conflict as it is, but cannot foresee that the United "
        "States misjudges it: some outcomes they expect cannot hold.",
    ]
    text = "\n\n".join(section)
    # grouped by viewer, then by party; the parties that hold no misperception are not mistaken
    assert "**What the United States misjudges** (SEQ)" in text
    assert "**What North Korea cannot foresee (it sees the conflict as it is; others do" in text
    assert "**North Korea expects**" not in text  # not shaded as a mistaken expectation
    assert "| SEQ | 1 status\\_quo, 13 (China enforcement), 23 escalation | **1 status" in text
    assert "China enforcement), 23 escalation | 1 status\\_quo, 2 relief" in text


def test_the_perceptions_chart_shades_only_parties_that_misjudge() -> None:
    from standoff.report import briefing_html

    html = briefing_html(run(str(KOREA), Request(only=frozenset({"perceptions"}))))
    chart = html[html.index('data-chart="perceptions"') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count('fill="#D55E00"') == 1 + 3  # the legend, and the United States' row
    assert chart.count('fill="#BBBBBB"') == 1 + 2 * 4  # North Korea's and China's rows


@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz_&+()", min_size=1, max_size=25),
        min_size=1,
        max_size=12,
    )
)
def test_graph_labels_are_never_cut_mid_word(words: list[str]) -> None:
    # each line is a run of whole pieces of the text: it starts and ends at a space, an
    # underscore or an end of the text
    text = " ".join(words)
    lines = label_lines(text)
    assert 1 <= len(lines) <= 4
    if len(lines) < 4:
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        line = line.removesuffix(" …")
        starts = [m.start() for m in re.finditer(re.escape(line), text)]
        assert any(
            (p == 0 or text[p - 1] in " _")
            and (p + len(line) == len(text) or text[p + len(line)] == " " or line.endswith("_"))
            for p in starts
        ), (text, lines)


def test_the_korea_graph_labels_are_whole_words() -> None:
    from standoff.report import briefing_html

    html = briefing_html(run(str(KOREA), Request(only=frozenset({"stability"}))))
    graph = html[html.index('data-chart="state-graph"') :]
    graph = graph[: graph.index("</svg>")]
    assert ">exercises + China</text>" in graph
    assert ">enforcement</text>" in graph
    assert "…" not in graph
    assert "<title>16 US relief &amp; exercises + China enforcement (YYNNY)</title>" in graph


NOWRAP_PROBE = """<script>
window.addEventListener("load", function () {
  var found = {cells: 0, wrapped: [], sticky: 0};
  document.querySelectorAll("td.nowrap").forEach(function (cell) {
    found.cells += 1;
    var range = document.createRange();
    range.selectNodeContents(cell);
    if (range.getClientRects().length > 1) { found.wrapped.push(cell.textContent); }
  });
  document.querySelectorAll("td:first-child").forEach(function (cell) {
    if (getComputedStyle(cell).position === "sticky") { found.sticky += 1; }
  });
  document.documentElement.setAttribute("data-nowrap", JSON.stringify(found));
});
</script>"""


@pytest.mark.browser
def test_on_a_phone_the_stability_marks_never_wrap_and_the_ids_stay_in_view(
    chromium: Any,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    import json

    from standoff.report import briefing_html
    from standoff.report._html import CONTENT_POLICY

    page = briefing_html(run(str(KOREA), Request(only=frozenset({"stability"}))))
    page = page.replace(CONTENT_POLICY, CONTENT_POLICY + "; script-src 'unsafe-inline'", 1)
    page = page.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + NOWRAP_PROBE, 1)
    path = tmp_path / "phone.html"
    path.write_text(page, encoding="utf-8")
    with _screen(chromium, PHONE) as (tab, logged):  # laid out 390 pixels wide
        tab.goto(path.as_uri(), wait_until="load")
        report = tab.get_attribute("html", "data-nowrap")
        assert report, "the probe did not report"
        assert logged == []
    found = json.loads(report)
    assert found["cells"] == 24 * 6  # a cell of marks per state and concept
    assert found["wrapped"] == []
    assert found["sticky"] > 24  # the first column of every table stays in view


def test_coalition_and_limited_move_sections_open_with_their_findings() -> None:
    elmira = run(str(ROOT / "examples" / "elmira.yaml"), Request(coalitions="all"))
    section = _section(briefing_markdown(elmira), "Coalitions").split("\n\n")
    assert section[2] == (
        "- **MoE + Uniroyal** break 7 (Uniroyal delay + LG insist), an equilibrium under Nash, "
        "GMR, SMR and SEQ: all gain by moving to 10 (MoE modify + Uniroyal accept + LG insist)."
    )
    chicken = run(str(ROOT / "examples" / "chicken.yaml"), Request(horizons=(2, 4)))
    section = _section(briefing_markdown(chicken), "Limited-move stability").split("\n\n")
    assert section[2] == (
        "Looking 3 or more moves ahead, the parties settle on 1 (nothing done): the non-myopic "
        "equilibrium."
    )
