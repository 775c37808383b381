"""Every analysis in every format: a request that triggers an analysis shows its section (text,
Markdown, HTML, notebook) and its key (JSON). A new analysis must add its trigger here.

Also the omissions this structure fixes, each seen in an earlier version: the briefing lacked
coalitions, ``--to`` and limited-move stability; declared coalitions were missing from
``standoff report``; the terminal cut lists without saying so; ``report`` without ``--output``
poured HTML into a terminal; a notebook reloaded an edited file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

import standoff
from standoff.cli import app
from standoff.pipeline import ANALYSES, Request, Results, run
from standoff.report import briefing_html, briefing_markdown, json_document, terminal_view
from standoff.report._document import build_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GENERATED = datetime(2024, 1, 2, tzinfo=UTC)


@dataclass(frozen=True)
class Trigger:
    """A scenario and request that run an analysis, and where it shows."""

    example: str
    section: str
    key: str
    request: dict[str, Any] = field(default_factory=dict)


TRIGGERS = {
    "conflict": Trigger("chicken", "states", "states"),
    "stability": Trigger("chicken", "conflict", "stability"),
    "evolution": Trigger("prisoners_dilemma", "evolution", "evolution", {"target": "4"}),
    "coalitions": Trigger("prisoners_dilemma", "coalitions", "coalitions", {"coalitions": "all"}),
    "limited_move": Trigger("chicken", "limited-move", "limited_move", {"horizons": (2, 3)}),
    "perceptions": Trigger("normandy_1944", "perceptions", "perceptions"),
    "explanation": Trigger("chicken", "explanation", "explanations", {"explain": ("Ann", "1")}),
    "robustness": Trigger("prisoners_dilemma", "robustness", "robustness"),
    "inverse": Trigger("syria_iraq_1975", "inverse", "inverse", {"inverse": "2"}),
    "bargaining": Trigger("korea_2017", "bargaining", "bargaining"),
    "draft": Trigger(
        "korea_2019",
        "draft",
        "draft",
        {
            "deal": (
                ("sanctions", "partial_relief"),
                ("program", "yongbyon_closure"),
                ("drills", "50%"),
            )
        },
    ),
    "compliance": Trigger("korea_2017", "compliance", "compliance"),
    "talks": Trigger("korea_2019", "simulation", "simulation", {"runs": 40}),
    "forecast": Trigger("forecast/ec_emissions", "forecast", "forecast", {"runs": 40}),
}
FORMATS = ("text", "json", "markdown", "html", "notebook")


def test_every_registered_analysis_has_a_trigger() -> None:
    assert [analysis.name for analysis in ANALYSES] == list(TRIGGERS)


def results_of(name: str) -> Results:
    trigger = TRIGGERS[name]
    chosen = Request(**trigger.request)
    return run(EXAMPLES / f"{trigger.example}.yaml", chosen, generated=GENERATED)


@pytest.fixture(scope="module")
def triggered() -> dict[str, Results]:
    return {name: results_of(name) for name in TRIGGERS}


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("name", list(TRIGGERS))
def test_the_analysis_shows_in_the_format(
    triggered: dict[str, Results], name: str, output_format: str
) -> None:
    results = triggered[name]
    trigger = TRIGGERS[name]
    assert name in results.records
    title = next(s.title for s in build_document(results).sections if s.key == trigger.section)
    if output_format == "json":
        assert trigger.key in json_document(results)
    elif output_format == "html":
        assert f'<section id="{trigger.section}">' in briefing_html(results)
    elif output_format == "markdown":
        assert f". {title}\n" in briefing_markdown(results)
    elif output_format == "text":
        console = Console(width=200, color_system=None, record=True)
        console.print(terminal_view(results))
        assert f". {title}\n" in console.export_text()
    else:
        assert f'<section id="{trigger.section}">' in results[name]._repr_html_()
        assert f'<section id="{trigger.section}">' in results._repr_html_()


def cli(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(arguments), env={"SOURCE_DATE_EPOCH": "0"})
    return result.exit_code, result.stdout, result.stderr


def test_analyze_html_shows_coalitions_and_the_target() -> None:
    korea = str(EXAMPLES / "korea_2019.yaml")
    code, page, _ = cli("analyze", korea, "--coalitions", "--to", "interim_deal", "-f", "html")
    assert code == 0
    assert '<section id="coalitions">' in page
    assert "every coalition of two or more parties was tried" in page
    assert "State 6 interim_deal can be reached by unilateral improvements from" in page


def test_analyze_html_shows_limited_move_stability() -> None:
    code, page, _ = cli(
        "analyze", str(EXAMPLES / "chicken.yaml"), "--horizons", "2-8", "-f", "html"
    )
    assert code == 0
    assert '<section id="limited-move">' in page
    assert "<td>L8</td>" in page


def test_declared_coalitions_appear_in_the_report(tmp_path: Path) -> None:
    text = (EXAMPLES / "elmira.yaml").read_text()
    path = tmp_path / "elmira.yaml"
    path.write_text(text.replace("conflict:\n", "conflict:\n  coalitions:\n  - [MoE, Uniroyal]\n"))
    code, page, _ = cli("report", str(path))
    assert code == 0
    assert '<section id="coalitions">' in page
    assert "the coalitions the scenario declares" in page


def test_a_cut_list_says_how_many_were_left_out_and_how_to_see_them(tmp_path: Path) -> None:
    korea = str(EXAMPLES / "korea_2019.yaml")
    code, out, _ = cli("analyze", korea, "--concepts", "gmr", "--to", "escalation")
    words = " ".join(out.split())
    assert code == 0
    assert "and 11 more" in words
    assert "Some lists of states here are cut" in words
    assert "--all (or list_limit=None in Python) shows every one." in words
    code, out, _ = cli("analyze", korea, "--concepts", "gmr", "--to", "escalation", "--all")
    words = " ".join(out.split())
    assert "more" not in words.split("4. Evolution")[1].split("5.")[0]
    assert "22 (US relief + NK tests + China enforcement)" in words
    for output_format in ("markdown", "html"):
        code, page, _ = cli(
            "analyze", korea, "--concepts", "gmr", "--to", "escalation", "-f", output_format
        )
        assert "and 11 more" in page
        assert "list_limit=None" in page


def test_report_on_a_terminal_writes_a_file_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("standoff.cli._report._on_terminal", lambda: True)
    result = CliRunner().invoke(app, ["report", str(EXAMPLES / "chicken.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    written = tmp_path / "chicken.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert result.stderr == f"The briefing is in {written}\n"


def test_a_record_renders_from_itself_not_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "chicken.yaml"
    path.write_text((EXAMPLES / "chicken.yaml").read_text())
    results = standoff.run(path)
    before = results["stability"]._repr_html_()
    path.write_text((EXAMPLES / "prisoners_dilemma.yaml").read_text())  # same number of states
    assert results["stability"]._repr_html_() == before
    assert "crash" in before
    analysis = results["stability"].analysis  # a record of the stability package
    assert "crash" in analysis._repr_html_()


def test_json_document_is_the_contract_for_every_trigger(triggered: dict[str, Results]) -> None:
    for results in triggered.values():
        document = json.loads(json.dumps(json_document(results)))
        assert list(document)[:3] == ["format", "tool", "scenario"]
