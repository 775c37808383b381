"""The HTML briefing: valid, self-contained, safe with hostile input, with every chart; the
``report`` command and ``analyze --format html|markdown``; notebook rendering."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from standoff import pipeline
from standoff.bargaining import BargainingAnalysis
from standoff.cli import app
from standoff.conflict import build_conflict
from standoff.perception import hypergame_analysis
from standoff.pipeline import Request, Results, provenance
from standoff.report._html import briefing_html
from standoff.report._markdown import briefing_markdown
from standoff.scenario import load, loads
from standoff.stability import analyze

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.yaml"))
GENERATED = datetime(2024, 1, 2, 3, 4, tzinfo=UTC)
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
EPOCH = {"SOURCE_DATE_EPOCH": "1704164640"}  # 2024-01-02 03:04 UTC


class StrictParser(HTMLParser):
    """Checks well-formedness: every element closed, in order; unique ids; one doctype.

    Records every ``src``/``href`` with whether it lies inside the sources list, the charts
    (``data-chart``) and the tags seen.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside the sources list)
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.doctypes = 0
        self.references: list[tuple[str, str, bool]] = []
        self.charts: list[str] = []
        self.tags: set[str] = set()

    def _inside_sources(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], closes: bool) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        for name, value in attrs:
            if value is None and name not in {"open", "hidden"}:
                self.errors.append(f"attribute {name} of <{tag}> has no value")
        if "id" in values:
            if values["id"] in self.ids:
                self.errors.append(f"duplicate id {values['id']!r}")
            self.ids.add(values["id"] or "")
        inside = self._inside_sources() or "sources" in (values.get("class") or "").split()
        for name in ("src", "href", "xlink:href", "action"):
            if values.get(name) is not None:
                self.references.append((tag, values[name] or "", inside))
        if "data-chart" in values:
            self.charts.append(values["data-chart"] or "")
        if not closes and tag not in VOID:
            self.stack.append((tag, inside))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closes=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closes=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for the void element <{tag}>")
        elif not self.stack or self.stack[-1][0] != tag:
            open_tag = self.stack[-1][0] if self.stack else "nothing"
            self.errors.append(f"</{tag}> closes <{open_tag}>")
        else:
            self.stack.pop()

    def handle_decl(self, decl: str) -> None:
        self.doctypes += decl.lower() == "doctype html"


def parsed(page: str) -> StrictParser:
    parser = StrictParser()
    parser.feed(page)
    parser.close()
    assert not parser.errors, parser.errors[:5]
    assert not parser.stack, f"unclosed elements: {parser.stack}"
    return parser


def brief_of(name: str) -> Results:
    return pipeline.run(ROOT / "examples" / name, generated=GENERATED)


def check_self_contained(page: str, parser: StrictParser) -> None:
    for tag, reference, in_sources in parser.references:
        if re.match(r"(?i)\s*(https?:)?//", reference):
            assert tag == "a"
            assert in_sources, f"outside link {reference!r} in <{tag}> outside the sources"
        else:
            assert reference.startswith("#"), f"<{tag}> refers to {reference!r}"
    assert not parser.tags & {"script", "link", "img", "iframe", "object", "embed", "image"}
    assert "@import" not in page
    assert not re.search(r"url\((?!#)", page), "a url() that is not a reference inside the page"
    assert "Content-Security-Policy" in page


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_gives_a_valid_self_contained_page(name: str) -> None:
    page = briefing_html(brief_of(name))
    parser = parsed(page)
    assert parser.doctypes == 1
    check_self_contained(page, parser)
    for svg in re.findall(r"<svg\b.*?</svg>", page, flags=re.DOTALL):
        ET.fromstring(svg)  # every chart is well-formed XML too


KOREA_CHARTS = {
    "korea_2017": ["utility-space", "verifiable-zopa"],
    "korea_2019": [
        "state-graph",
        "evolution",
        "perceptions",
        "equilibrium-probability",
        "utility-space",
        "outcomes",
        "time-to-agreement",
    ],
}
"""The charts of each Korea briefing, in order (tests/test_report_browser.py shows them too)."""


def test_korea_has_every_chart_and_section() -> None:
    page = briefing_html(brief_of("korea_2019.yaml"))
    parser = parsed(page)
    assert parser.charts == KOREA_CHARTS["korea_2019"]
    keys = (
        "situation",
        "states",
        "conflict",
        "evolution",
        "perceptions",
        "robustness",
        "bargaining",
        "simulation",
    )
    for key in (*keys, "provenance"):
        assert f'<section id="{key}">' in page
        assert f'href="#{key}"' in page
    bargaining_only = briefing_html(brief_of("korea_2017.yaml"))
    assert parsed(bargaining_only).charts == KOREA_CHARTS["korea_2017"]
    assert '<section id="bargaining">' in bargaining_only
    assert '<section id="states">' not in bargaining_only  # no conflict: no states to list
    assert '<section id="simulation">' not in bargaining_only  # no protocol: nothing simulated
    assert "<title>US–DPRK talks after Stockholm, October 2019</title>" in page
    assert 'class="sources"' in page
    assert "Briefing · 2024-01-02 03:04 UTC" in page


def test_charts_keep_a_legible_width_and_only_the_large_graphs_need_a_phone_to_scroll() -> None:
    # each figure is shown at no less than three quarters of its drawn width (its 12 px text at
    # 9 px or more), a rule of the page's style sheet; a phone's 390 pixels less the page's margins
    # leave 370 pixels: the perceptions chart (states as rows) fits, the 868-wide graphs do not
    page = briefing_html(brief_of("korea_2019.yaml"))
    widths = dict(re.findall(r'<figure id="figure-([a-z-]+)" class="legible-([0-9]+)">', page))
    assert {chart for chart, width in widths.items() if int(width) > 370} == {
        "evolution",
        "state-graph",
    }
    assert widths["state-graph"] == "651"  # 868 * 0.75, rounded up
    for width in set(widths.values()):
        assert f".standoff-brief .legible-{width} svg {{ min-width: {width}px; }}" in page
    hint = "@media screen and (max-width: 670px) { .standoff-brief .legible-651 .scroll-hint"
    assert hint in page  # 651 pixels and the page's margins
    assert page.count('<p class="scroll-hint" aria-hidden="true">') == len(widths)
    rows = re.search(r'<svg [^>]*data-chart="perceptions".*?</svg>', page)
    assert rows is not None
    assert ">13 (China enforcement)</text>" in rows.group(0)  # a state is a row, written across
    assert ">North Korea expects</text>" in rows.group(0)  # a party is a column


HOSTILE = """
standoff: 1
title: "<script>alert('title')</script> & more"
description: |
  Raw <img src="https://evil.example/pixel.png"> and <script>alert(1)</script>;
  a [link](https://evil.example/page) and an image ![x](https://evil.example/x.png).
sources:
  - "Report, https://example.org/report?a=1&b=2 (accessed 2019)"
  - "A book <b>bold</b>"
parties:
  Ann:
    label: "Ann <em>&</em>"
    options: {go: "Go <now>"}
  Bob:
    options: {stop: Stop}
conflict:
  states: {"start": not go and not stop}
  status_quo: start
  preferences:
    Ann: [go]
    Bob: [not go, stop]
"""


def test_hostile_text_is_escaped_and_links_stay_in_the_sources() -> None:
    scenario = loads(HOSTILE, "hostile.yaml")
    brief = pipeline.run(scenario, generated=GENERATED)
    assert brief.provenance.sha256 is None  # there is no such file
    page = briefing_html(brief)
    parser = parsed(page)
    check_self_contained(page, parser)
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; more" in page
    assert "&lt;img src=&quot;https://evil.example/pixel.png&quot;&gt;" in page
    assert "link (https://evil.example/page)" in page  # a description link is shown, not linked
    links = [reference for tag, reference, _ in parser.references if tag == "a"]
    assert [link for link in links if not link.startswith("#")] == [
        "https://example.org/report?a=1&b=2"
    ]
    assert "Ann &lt;em&gt;&amp;&lt;/em&gt;" in page
    assert "(not read from a file)" in page


def test_provenance_is_traceable() -> None:
    brief = brief_of("chicken.yaml")
    digest = hashlib.sha256((ROOT / "examples" / "chicken.yaml").read_bytes()).hexdigest()
    assert brief.provenance.sha256 == digest
    page = briefing_html(brief)
    assert digest in page
    assert "2024-01-02 03:04 UTC" in page
    assert "none: nothing random was run" in page
    with pytest.raises(ValueError, match="timezone-aware"):
        provenance(brief.scenario, datetime(2024, 1, 1))


def test_source_date_epoch_fixes_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    assert provenance(load(ROOT / "examples" / "chicken.yaml")).generated == GENERATED


# -- the command line -----------------------------------------------------------------------------


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(arguments), env=EPOCH)
    return result.exit_code, result.output


def test_report_writes_html_or_markdown_by_suffix(tmp_path: Path) -> None:
    korea = str(ROOT / "examples" / "korea_2019.yaml")
    assert run("report", korea, "-o", str(tmp_path / "brief.html")) == (0, "")
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page == briefing_html(pipeline.run(korea, generated=GENERATED))
    assert run("report", korea, "-o", str(tmp_path / "brief.md")) == (0, "")
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("# US–DPRK talks")
    code, output = run("report", korea, "--format", "markdown")
    assert code == 0
    assert output == (tmp_path / "brief.md").read_text(encoding="utf-8")


def test_analyze_writes_the_same_briefing(tmp_path: Path) -> None:
    korea = str(ROOT / "examples" / "korea_2019.yaml")
    for output_format in ("html", "markdown"):
        _, reported = run("report", korea, "--format", output_format)
        code, analyzed = run("analyze", korea, "--format", output_format)
        assert code == 0
        assert analyzed == reported
    code, _ = run("analyze", korea, "-f", "HTML", "-o", str(tmp_path / "a.html"))
    assert code == 0
    assert (tmp_path / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_simulates_the_talks_from_its_seed(tmp_path: Path) -> None:
    korea = str(ROOT / "examples" / "korea_2019.yaml")
    code, output = run("report", korea, "-f", "markdown", "--runs", "300", "--seed", "7")
    assert code == 0
    expected = pipeline.run(korea, Request(runs=300, seed=7), generated=GENERATED)
    assert output == briefing_markdown(expected)
    assert "- **seed**: 7\n" in output
    assert "- **simulated talks**: 300 runs per variant\n" in output
    assert f"`standoff simulate {korea} --runs 300 --seed 7`" in output
    code, default = run("report", korea, "-f", "markdown")
    assert code == 0
    assert "- **seed**: 0\n" in default
    assert "- **simulated talks**: 2,000 runs per variant\n" in default
    for bad in (["--runs", "0"], ["--seed", "-1"]):
        code, output = run("report", korea, *bad)
        assert code == 2, output
    # without a protocol there is nothing to simulate: the options change nothing
    korea_2017 = str(ROOT / "examples" / "korea_2017.yaml")
    _, plain_page = run("report", korea_2017, "-f", "markdown")
    assert run("report", korea_2017, "-f", "markdown", "--seed", "5") == (0, plain_page)
    assert "- **seed**: none: nothing random was run\n" in plain_page
    assert "## 2. Bargaining" in plain_page


def test_report_options_and_errors(tmp_path: Path) -> None:
    syria = str(ROOT / "examples" / "syria_iraq_1975.yaml")
    code, output = run("report", syria, "-f", "markdown", "--concepts", "nash", "--from", "3")
    assert code == 0
    # after the situation and the states
    assert "## 4. Evolution from state 3 (Syria escalate)" in output
    assert "| id | state | Nash | pattern |" in output
    # the provenance gives the command that repeats the analysis, with its options
    assert f"`standoff analyze {syria} --concepts nash --from 3 --format json`" in output
    code, output = run("report", syria, "--from", "nowhere")
    assert code == 2
    assert "'nowhere' is not a state name" in output
    code, output = run("report", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "missing.yaml:1:1: error: no such file" in output
    code, output = run("report", syria, "-o", str(tmp_path / "no" / "such" / "dir.html"))
    assert code == 1
    assert output.startswith("standoff: error: cannot write")


def test_a_scenario_without_a_conflict_gets_the_situation(tmp_path: Path) -> None:
    file = tmp_path / "parties.yaml"
    file.write_text("standoff: 1\ntitle: Only parties\nparties: {Ann: {}, Bob: {}}\n")
    code, output = run("report", str(file), "-f", "markdown")
    assert code == 0
    assert re.findall(r"^## .*$", output, flags=re.MULTILINE) == [
        "## 1. The situation",
        "## 2. Where the numbers come from",
    ]


# -- notebooks and layering -----------------------------------------------------------------------


def test_results_render_in_notebooks() -> None:
    chicken = build_conflict(load(ROOT / "examples" / "chicken.yaml"))
    html = analyze(chicken)._repr_html_()
    parser = parsed(html)
    assert parser.charts == ["state-graph"]
    normandy = build_conflict(load(ROOT / "examples" / "normandy_1944.yaml"))
    html = hypergame_analysis(normandy)._repr_html_()
    assert parsed(html).charts == ["perceptions"]
    assert "Germany expects" in html


def test_notebooks_draw_from_the_record_when_the_file_is_gone() -> None:
    # a record carries its conflict: nothing is read from disk, so a scenario whose file does not
    # exist shows the same sections, states named by id and in words, as the one read from a file
    text = (ROOT / "examples" / "chicken.yaml").read_text(encoding="utf-8")
    conflict = build_conflict(loads(text, "gone.yaml"))
    html = analyze(conflict, ["nash"])._repr_html_()
    assert parsed(html).charts == ["state-graph"]
    assert "<td>Nash</td><td>2 (Ann straight on), 3 (Bob straight on)</td>" in html
    from_file = build_conflict(load(ROOT / "examples" / "chicken.yaml"))
    assert html == analyze(from_file, ["nash"])._repr_html_()
    normandy = (ROOT / "examples" / "normandy_1944.yaml").read_text(encoding="utf-8")
    html = hypergame_analysis(build_conflict(loads(normandy, "gone.yaml")), ["seq"])._repr_html_()
    assert parsed(html).charts == ["perceptions"]
    assert "<td>SEQ</td><td>1 (nothing done), 3 (Germany defend calais)</td>" in html


def test_the_briefing_needs_no_terminal_libraries() -> None:
    code = (
        "import sys, standoff.report as r; "
        "from standoff.pipeline import run; "
        "r.briefing_html(run('examples/korea_2019.yaml')); "
        "r.briefing_markdown(run('examples/korea_2019.yaml')); "
        "print(sorted(m for m in ('rich', 'typer', 'jinja2', 'matplotlib') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert output.stdout.strip() == "[]"


def test_pointing_at_an_agreement_of_the_utility_chart_shows_its_levels() -> None:
    """The Pareto frontier's points and the solution markers carry an SVG <title> (a native
    tooltip) with the agreement's levels and each party's utility; no script."""
    results = brief_of("korea_2017.yaml")
    page = briefing_html(results)
    chart = re.search(r'<svg\b[^>]*data-chart="utility-space".*?</svg>', page, flags=re.DOTALL)
    assert chart is not None
    root = ET.fromstring(chart.group(0))
    svg = "{http://www.w3.org/2000/svg}"
    tips = {
        (parent.tag.removeprefix(svg), child.text or "")
        for parent in root.iter()
        for child in parent
        if child.tag == f"{svg}title" and parent is not root
    }
    nash = analysis_of(results).solutions["nash"]
    levels = "; ".join(f"{issue}: {level}" for issue, level in nash.labels.items())
    assert levels == (
        "sanctions: full_relief; program: verified_freeze; inspections: declared_sites; "
        "exercises: 0%"
    )
    utilities = "utility to US 0.47, to NK 0.74"
    # the marker (a diamond: a path), Nash and Kalai–Smorodinsky at the same agreement
    assert (
        "path",
        f"Nash bargaining agreement = Kalai–Smorodinsky agreement:\n{levels}\n{utilities}",
    ) in tips
    # the frontier's point at the same agreement
    assert ("circle", f"{levels}\n{utilities}") in tips
    frontier = [text for tag, text in tips if tag == "circle"]
    assert len(frontier) == len({tuple(u) for u in nash_frontier(results)})
    assert all(
        re.fullmatch(r"sanctions: \w+; .*\nutility to US [\d.]+, to NK [\d.]+", t) for t in frontier
    )
    assert "<script" not in page


def analysis_of(results: Results) -> BargainingAnalysis:
    record = results.get(pipeline.BargainingRecord)
    assert record is not None
    return record.analysis


def nash_frontier(results: Results) -> list[list[float]]:
    analysis = analysis_of(results)
    frontier: list[list[float]] = analysis.utilities[analysis.frontier].round(9).tolist()
    return frontier


def test_a_large_frontier_is_thinned_evenly_for_its_tips() -> None:
    from standoff.report._sections._bargaining_chart import MAX_TIPS, frontier_tips

    count = 2 * MAX_TIPS + 1
    line = np.column_stack([np.linspace(0.0, 1.0, count), np.linspace(1.0, 0.0, count)])

    class Space:
        @staticmethod
        def describe(outcome: int) -> str:
            return f"deal {outcome}"

    class Wide:  # every outcome on the frontier, more than the chart gives tips
        parties = ("A", "B")
        frontier = np.arange(count)
        utilities = line
        space = Space

    tipped = frontier_tips(Wide, line)  # type: ignore[arg-type]
    points = np.asarray(tipped.points)
    assert len(points) == len(tipped.tips) == MAX_TIPS
    assert points[0].tolist() == [0.0, 1.0]
    assert points[-1].tolist() == [1.0, 0.0]
    gaps = np.diff(points[:, 0])
    assert gaps.max() - gaps.min() < 1.5 / (count - 1)  # even: steps of 2 or 3 outcomes
    assert tipped.tips[0] == "deal 0\nutility to A 0.00, to B 1.00"
    assert tipped.tips[-1] == f"deal {count - 1}\nutility to A 1.00, to B 0.00"
