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
    assert list(document) == ["before", "after", "diff", "changes", "simulated"]
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


KOREA_2019 = (ROOT / "examples" / "korea_2019.yaml").read_text(encoding="utf-8")


def test_evolution_changes_name_the_reachable_states_and_the_paths_in_words(
    tmp_path: Path,
) -> None:
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    before.write_text(KOREA_2019, encoding="utf-8")
    # NK no longer tests unless relief is withheld: it would rather never test
    changed = KOREA_2019.replace("      - testing iff not relief\n", "      - not testing\n")
    assert changed != KOREA_2019
    after.write_text(changed, encoding="utf-8")
    code, out, _ = invoke("compare", str(before), str(after))
    assert code == 0
    lines = out.splitlines()
    start = lines.index("  states reachable from the status quo by improvements:")
    assert lines[start : start + 8] == [
        "  states reachable from the status quo by improvements:",
        "    lost: 9 nk_resumes_testing, 11 (NYNYN), 21 (NNNYY), 23 escalation",
        "  path from the status quo to 21 (NNNYY):",
        "    before: NK takes up tests → China takes up enforcement",
        "    after: not an equilibrium reachable from the status quo",
        "  path from the status quo to 23 escalation:",
        "    before: NK takes up tests → China takes up enforcement → US takes up exercises",
        "    after: not an equilibrium reachable from the status quo",
    ]
    assert "  equilibria reachable from the status quo under Nash:" in lines
    # the status quo is an equilibrium in both versions, already there: no path change
    assert not any(line.startswith("  path from the status quo to 1 ") for line in lines)
    assert not any(line.startswith("  status quo:") for line in lines)
    # NK's order is no part of the talks: the simulated outcomes are unchanged, run by run
    talks = lines.index(
        "Simulated talks as written (2,000 runs each, seed 0, on common random numbers):"
    )
    assert lines[talks + 1 : talks + 6] == [
        "  agreement: 22.4% (unchanged)",
        "  breakdown: 27.5% (unchanged)",
        "  deadline: 50.1% (unchanged)",
        "  US's expected utility: 0.277 (unchanged)",
        "  NK's expected utility: 0.616 (unchanged)",
    ]
    html = invoke("compare", str(before), str(after), "--format", "html")[1]
    assert (
        "path from the status quo to 23 escalation</strong>: before NK takes up tests → "
        "China takes up enforcement → US takes up exercises; after not an equilibrium "
        "reachable from the status quo" in html
    )


def test_a_later_deadline_changes_the_simulated_talks_with_the_paired_difference(
    tmp_path: Path,
) -> None:
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    before.write_text(KOREA_2019, encoding="utf-8")
    changed = KOREA_2019.replace("deadline: {US: 12}", "deadline: {US: 20}")
    assert changed != KOREA_2019
    after.write_text(changed, encoding="utf-8")
    code, out, _ = invoke("compare", str(before), str(after))
    assert code == 0
    assert out.splitlines()[2:10] == [
        "The conclusions are the same.",
        "",
        "Simulated talks as written (2,000 runs each, seed 0, on common random numbers):",
        "  agreement: 22.4% → 58.5% (paired difference +36.0 ± 1.3 points)",
        "  breakdown: 27.5% → 41.5%",
        "  deadline: 50.1% → 0.0%",
        "  US's expected utility: 0.277 → 0.403 (paired difference +0.126 ± 0.003)",
        "  NK's expected utility: 0.616 → 0.615 (paired difference -0.002 ± 0.002)",
    ]
    document = json.loads(invoke("compare", str(before), str(after), "--format", "json")[1])
    simulated = document["simulated"]
    assert (simulated["runs"], simulated["seed"], simulated["paired"]) == (2000, 0, True)
    outcomes = {o["what"]: o for o in simulated["outcomes"]}
    assert list(outcomes) == [
        "agreement",
        "breakdown",
        "deadline",
        "US's expected utility",
        "NK's expected utility",
    ]
    # "before" is what `standoff simulate` says of the talks as written, same runs and seed
    written = run(loads(KOREA_2019, "a.yaml"), Request(only=frozenset({"talks"}), variants=False))
    from standoff.report import json_document

    baseline = json_document(written)["simulation"]["variants"][0]
    assert [outcomes[w]["before"] for w in ("agreement", "breakdown", "deadline")] == [
        baseline["agreement"],
        baseline["breakdown"],
        baseline["deadline"],
    ]
    assert outcomes["US's expected utility"]["before"] == baseline["utility"]["US"]
    assert outcomes["NK's expected utility"]["before"] == baseline["utility"]["NK"]
    # a mean of paired differences is the difference of the means
    for outcome in (outcomes["agreement"], outcomes["US's expected utility"]):
        assert outcome["difference"] == pytest.approx(outcome["after"] - outcome["before"])
        assert outcome["standard_error"] > 0
    assert outcomes["breakdown"]["difference"] is None
    markdown = invoke("compare", str(before), str(after), "--format", "markdown")[1]
    assert "## 2. What changed in the simulated talks" in markdown
    assert "- **agreement**: 22.4% → 58.5% (paired difference +36.0 ± 1.3 points)\n" in markdown


def test_without_a_protocol_nothing_is_simulated(pair: tuple[Path, Path]) -> None:
    before, after = pair
    document = json.loads(invoke("compare", str(before), str(after), "--format", "json")[1])
    assert document["simulated"] is None
    assert "Simulated talks" not in invoke("compare", str(before), str(after))[1]


def test_talks_whose_parties_are_reordered_are_compared_by_party_but_not_paired() -> None:
    changed = KOREA_2019.replace("  parties: [US, NK]\n", "  parties: [NK, US]\n")
    assert changed != KOREA_2019
    request = Request(only=COMPARED)
    found = compare(
        run(loads(KOREA_2019, "a.yaml"), request),
        run(loads(changed, "b.yaml"), request),
        KOREA_2019,
        changed,
        runs=200,
        seed=3,
    )
    assert found.simulated is not None
    assert (found.simulated.runs, found.simulated.seed, found.simulated.paired) == (200, 3, False)
    utilities = {o.what: o for o in found.simulated.outcomes if "utility" in o.what}
    assert list(utilities) == ["US's expected utility", "NK's expected utility"]
    assert all(o.difference is None and o.error is None for o in found.simulated.outcomes)
    assert (
        utilities["US's expected utility"].before < 0.5 < utilities["NK's expected utility"].after
    )
    assert "(200 runs each, seed 3, not paired: the parties differ):" in comparison_text(found)
