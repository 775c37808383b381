"""``standoff compare``: what changed from one scenario file to another, in the file and in the
conclusions; and the comparison the workspace shows (:mod:`standoff.report._compare`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from standoff.cli import app
from standoff.pipeline import Request, run
from standoff.report._compare import COMPARED, compare, comparison_data, comparison_text
from standoff.scenario import loads

ROOT = Path(__file__).resolve().parents[1]
PD = (ROOT / "examples" / "prisoners_dilemma.yaml").read_text(encoding="utf-8")
KOREA_2017 = (ROOT / "examples" / "korea_2017.yaml").read_text(encoding="utf-8")


def invoke(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(arguments))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    before.write_text(PD, encoding="utf-8")
    after.write_text(PD.replace("    - not ann_defects\n", "    - ann_defects\n"), encoding="utf-8")
    return before, after


def test_the_text_lists_gains_and_losses_then_the_diff(pair: tuple[Path, Path]) -> None:
    before, after = pair
    code, out, err = invoke("compare", str(before), str(after))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:7] == [
        f"Comparing {before} with {after}",
        "",
        "What changed in the conclusions:",
        "  equilibria under GMR:",
        "    gained: 2 (YN)",
        "    lost: 1 both_cooperate",
        "  equilibria under SMR:",
    ]
    assert "  equilibria reachable from the status quo under SEQ:" in lines
    assert lines[lines.index("What changed in the file:") + 1 :] == [
        f"--- {before}",
        f"+++ {after}",
        "@@ -16,5 +16,5 @@",
        "     - not bob_defects",
        "     - ann_defects",
        "     Bob:",
        "-    - not ann_defects",
        "+    - ann_defects",
        "     - bob_defects",
    ]


def test_the_json_has_the_diff_and_each_change(pair: tuple[Path, Path]) -> None:
    before, after = pair
    code, out, _ = invoke("compare", str(before), str(after), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["before", "after", "diff", "changes"]
    assert document["changes"][2] == {
        "what": "equilibria under SEQ",
        "before": "1 both_cooperate, 4 (YY)",
        "after": "4 (YY)",
        "gained": [],
        "lost": ["1 both_cooperate"],
    }


def test_the_same_file_twice_changes_nothing(pair: tuple[Path, Path]) -> None:
    before, _ = pair
    code, out, _ = invoke("compare", str(before), str(before))
    assert code == 0
    assert out.splitlines()[2:] == ["The conclusions are the same.", "", "The files are the same."]


def test_an_invalid_file_gives_its_problems_and_exit_2(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    before, _ = pair
    broken = tmp_path / "broken.yaml"
    broken.write_text("standoff: 1\ntitle: [unclosed\n", encoding="utf-8")
    code, out, err = invoke("compare", str(before), str(broken))
    assert (code, out) == (2, "")
    assert err == (
        f"{broken}:2:8: error: invalid YAML: the '[' here is not closed: end the list or "
        "mapping with ']' (or separate its items with ', ')\n"
    )


def test_the_output_option_writes_the_comparison(pair: tuple[Path, Path], tmp_path: Path) -> None:
    before, after = pair
    written = tmp_path / "changes.txt"
    code, out, _ = invoke("compare", str(before), str(after), "--output", str(written))
    assert (code, out) == (0, "")
    assert written.read_text(encoding="utf-8").startswith(f"Comparing {before} with {after}")


def test_bargaining_changes_name_the_batnas_zopa_and_solutions() -> None:
    china = "needs: {China: 0.4}, otherwise: 0.15}"
    changed = KOREA_2017.replace(china, china.replace("0.4", "0.9"), 1)
    assert changed != KOREA_2017
    request = Request(only=COMPARED)
    found = compare(
        run(loads(KOREA_2017, "a.yaml"), request),
        run(loads(changed, "b.yaml"), request),
        KOREA_2017,
        changed,
    )
    whats = [change.what for change in found.changes]
    assert "US's BATNA" in whats
    batna = found.changes[whats.index("US's BATNA")]
    assert (batna.before, batna.after) == ("0.31 (maximum_pressure)", "0.51 (maximum_pressure)")
    assert whats[1:] == [
        "ZOPA",
        "egalitarian solution",
        "kalai smorodinsky solution",
        "nash solution",
    ]
    nash = found.changes[-1]
    assert (
        nash.after
        == "sanctions full_relief, program rollback, inspections declared_sites, exercises 0%"
    )
    assert comparison_data(found)["changes"][0]["what"] == "US's BATNA"
    assert "  US's BATNA: 0.31 (maximum_pressure) → 0.51 (maximum_pressure)\n" in comparison_text(
        found
    )


@pytest.mark.parametrize(
    ("kind", "start"),
    [
        pytest.param("html", "<!DOCTYPE html>", id="html"),
        pytest.param("markdown", "# What changed from ", id="markdown"),
    ],
)
def test_the_briefing_formats_show_changes_and_the_marked_diff(
    pair: tuple[Path, Path], kind: str, start: str
) -> None:
    before, after = pair
    code, out, _ = invoke("compare", str(before), str(after), "--format", kind)
    assert code == 0
    assert out.startswith(start)
    assert "What changed in the conclusions" in out
    assert "gained 2 (YN); lost 1 both" in out
    if kind == "html":
        removed = "-\u00a0\u00a0\u00a0\u00a0-\u00a0not\u00a0ann_defects"
        assert f'<td class="bad"><code>{removed}</code></td>' in out
        assert "<script" not in out


def test_misjudgments_gained_and_lost_are_named() -> None:
    korea = (ROOT / "examples" / "korea_2019.yaml").read_text(encoding="utf-8")
    changed = korea.replace("      - not testing\n", "      - testing\n")
    assert changed != korea
    request = Request(only=COMPARED)
    found = compare(
        run(loads(korea, "a.yaml"), request), run(loads(changed, "b.yaml"), request), korea, changed
    )
    misjudged = [c for c in found.changes if " wrongly expects " in c.what]
    assert misjudged
    assert all(c.what.startswith("states ") and (c.gained or c.lost) for c in misjudged)
    assert all(set(c.gained).isdisjoint(c.lost) for c in misjudged)
