"""Golden tests of the Markdown briefing on the published cases and the shipped examples.

The briefing of ``examples/NAME.yaml`` must equal ``tests/golden/NAME.md`` once the volatile
parts are scrubbed: the standoff version and the scenario file's SHA-256 (the date is fixed by
passing ``generated``). After an intended change, regenerate the files with
``STANDOFF_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_markdown.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from standoff import __version__
from standoff.pipeline import run
from standoff.report._markdown import briefing_markdown, escape_markdown

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
GENERATED = datetime(2024, 1, 2, 3, 4, tzinfo=UTC)
CASES = [
    "prisoners_dilemma",
    "chicken",
    "syria_iraq_1975",
    "elmira",
    "normandy_1944",
    "korea_2017",
    "korea_2019",
]


def scrub(text: str) -> str:
    """The briefing with its volatile parts replaced by placeholders."""
    text = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", text)
    return text.replace(f"standoff {escape_markdown(__version__)}", "standoff <version>").replace(
        f"**standoff version**: {escape_markdown(__version__)}", "**standoff version**: <version>"
    )


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the briefings name their files as given: examples/NAME.yaml


@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize("name", CASES)
def test_markdown_briefing_matches_the_golden_file(name: str) -> None:
    brief = run(f"examples/{name}.yaml", generated=GENERATED)
    actual = scrub(briefing_markdown(brief))
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("STANDOFF_UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run with STANDOFF_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.usefixtures("in_root")
def test_scrubbing_removes_only_the_volatile_parts() -> None:
    brief = run("examples/chicken.yaml", generated=GENERATED)
    text = briefing_markdown(brief)
    assert brief.provenance.sha256 is not None
    assert brief.provenance.sha256 in text
    scrubbed = scrub(text)
    assert brief.provenance.sha256 not in scrubbed
    assert "*Briefing · 2024-01-02 03:04 UTC · standoff <version>*" in scrubbed
    assert "**standoff version**: <version>" in scrubbed


@pytest.mark.usefixtures("in_root")
def test_sections_appear_only_when_the_scenario_supports_them() -> None:
    headings = {
        name: re.findall(
            r"^## \d+\. (.*)$",
            scrub(briefing_markdown(run(f"examples/{name}.yaml", generated=GENERATED))),
            flags=re.MULTILINE,
        )
        for name in ("chicken", "prisoners_dilemma", "korea_2017", "korea_2019")
    }
    assert headings["chicken"] == [
        "The situation",
        "The states",
        "The conflict",
        "How sure are we?",
        "Where the numbers come from",
    ]
    assert headings["prisoners_dilemma"] == [
        "The situation",
        "The states",
        "The conflict",
        "Evolution from the status quo",
        "How sure are we?",
        "Where the numbers come from",
    ]
    assert headings["korea_2017"] == [  # a negotiation without a conflict (no states) or a protocol
        "The situation",
        "Bargaining",
        "Compliance",  # its negotiation has pledges that could be broken
        "Where the numbers come from",
    ]
    assert headings["korea_2019"] == [
        "The situation",
        "The states",
        "The conflict",
        "Evolution from the status quo",
        "Perceptions",
        "How sure are we?",
        "Bargaining",
        "Simulated talks",
        "Where the numbers come from",
    ]


def test_markdown_escapes_what_it_does_not_mean() -> None:
    assert escape_markdown("a_b*c|d [e](f) <g> `h` #i") == (r"a\_b\*c\|d \[e\](f) \<g\> \`h\` \#i")
