"""``standoff import genius`` and ``standoff export genius``: round trips, outputs, and every
message, exactly.

The round trips go through the command line both ways: a scenario exported, the files imported
back, the YAML loaded, and the utilities, BATNAs, Pareto frontier and Nash agreement compared with
the scenario's own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from standoff.bargaining import OutcomeSpace, bargain
from standoff.cli import app
from standoff.interop import read_genius
from standoff.scenario import Scenario, load, loads
from standoff.scenario._issues import MAX_STEPS
from standoff.scenario._limits import MAX_ROUNDS
from standoff.scenario._negotiation_model import NO_COMPLIANCE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NEGOTIATIONS = [
    pytest.param(EXAMPLES / "korea_2017.yaml", id="korea_2017"),
    pytest.param(EXAMPLES / "korea_2019.yaml", id="korea_2019"),
]
FRUIT = ROOT / "tests" / "genius"


def run(*arguments: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(argument) for argument in arguments])
    return result.exit_code, result.stdout, result.stderr


def words(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces (usage errors wrap)."""
    return " ".join(text.split())


def exported(scenario: Path, folder: Path) -> list[Path]:
    code, out, err = run("export", "genius", scenario, folder)
    assert code == 0
    assert err == "" or err.startswith("standoff: warning: not exported: "), err
    return [Path(line) for line in out.splitlines()]


def unconstrained(scenario: Scenario) -> Scenario:
    """``scenario`` without what GENIUS cannot hold: package rules, red lines, pledges."""
    negotiation = scenario.negotiation
    assert negotiation is not None
    plain = replace(negotiation, infeasible=(), red_lines={}, compliance=NO_COMPLIANCE)
    return replace(scenario, negotiation=plain)


def imported(folder: Path, parties: tuple[str, ...], *options: object) -> Scenario:
    """The scenario ``standoff import genius`` makes of the files exported to ``folder``."""
    profiles = [folder / f"profile-{party}.xml" for party in parties]
    code, out, err = run(
        "import", "genius", folder / "domain.xml", *profiles, "--parties", ",".join(parties),
        *options,
    )  # fmt: skip
    assert code == 0, err
    return loads(out)


def utilities(scenario: Scenario) -> dict[str, list[float]]:
    negotiation = scenario.negotiation
    assert negotiation is not None
    space = OutcomeSpace.of(negotiation)
    return {
        party: space.utilities(negotiation.utilities[party]).tolist()
        for party in negotiation.parties
    }


# -- round trips -----------------------------------------------------------------------------------


@pytest.mark.parametrize("example", NEGOTIATIONS)
def test_export_then_import_keeps_every_utility_and_batna(example: Path, tmp_path: Path) -> None:
    original = load(example)
    assert original.negotiation is not None
    parties = original.negotiation.parties
    written = exported(example, tmp_path)
    assert written == [tmp_path / "domain.xml", *(tmp_path / f"profile-{p}.xml" for p in parties)]
    back = imported(tmp_path, parties)
    assert back.negotiation is not None
    assert back.negotiation.parties == parties
    for party, values in utilities(original).items():
        assert np.allclose(utilities(back)[party], values, rtol=0, atol=1e-12)
        assert back.negotiation.batnas[party].value() == pytest.approx(
            original.negotiation.batnas[party].value(), abs=1e-12
        )


@pytest.mark.parametrize("example", NEGOTIATIONS)
def test_the_imported_scenario_bargains_as_the_original(example: Path, tmp_path: Path) -> None:
    original = load(example)
    assert original.negotiation is not None
    exported(example, tmp_path)
    back = imported(tmp_path, original.negotiation.parties)
    ours, theirs = bargain(unconstrained(original)), bargain(back)
    assert theirs.frontier.tolist() == ours.frontier.tolist()
    assert theirs.zopa.size == ours.zopa.size
    assert dict(theirs.solutions["nash"].labels) == dict(ours.solutions["nash"].labels)
    assert theirs.solutions["nash"].utilities == pytest.approx(ours.solutions["nash"].utilities)


def test_the_written_yaml_bargains_as_the_files_read(tmp_path: Path) -> None:
    profiles = {"buyer": FRUIT / "parts-buyer.xml", "seller": FRUIT / "parts-seller.xml"}
    genius = read_genius(FRUIT / "parts-domain.xml", profiles, steps=5)
    code, out, _ = run(
        "import", "genius", FRUIT / "parts-domain.xml", *profiles.values(),
        "--parties", "buyer,seller", "--steps", 5, "--output", tmp_path / "parts.yaml",
    )  # fmt: skip
    assert (code, out) == (0, "")
    written = load(tmp_path / "parts.yaml")
    direct = replace(written, negotiation=genius.negotiation)  # the same, not through YAML
    assert bargain(written).frontier.tolist() == bargain(direct).frontier.tolist()
    assert bargain(written).solutions["nash"].outcome == bargain(direct).solutions["nash"].outcome
    for party, values in utilities(direct).items():
        assert utilities(written)[party] == pytest.approx(values, abs=1e-12)


def test_rounds_give_back_the_per_round_discounts(tmp_path: Path) -> None:
    example = EXAMPLES / "korea_2019.yaml"
    original = load(example).negotiation
    assert original is not None
    assert original.protocol is not None
    exported(example, tmp_path)
    rounds = original.protocol.rounds
    back = imported(tmp_path, ("US", "NK"), "--rounds", rounds).negotiation
    assert back is not None
    assert back.protocol is not None
    assert (back.protocol.first, back.protocol.rounds) == ("US", rounds)
    assert dict(back.protocol.discount) == pytest.approx(dict(original.protocol.discount))


# -- what is written -------------------------------------------------------------------------------


LEFT_OUT = (
    "standoff: warning: not exported: {} (a GENIUS domain and profile have no place for them)\n"
)


@pytest.mark.parametrize(
    ("extra", "left_out"),
    [
        ("", None),
        ("  infeasible: [a == x and b == z]\n", "1 package rule"),
        ("  red_lines: {A: [a == y, b == z]}\n", "2 red lines"),
        ("  infeasible: [a == x]\n  red_lines: {B: [b == z]}\n", "1 package rule and 1 red line"),
    ],
)
def test_export_warns_of_what_rules_packages_out(
    tmp_path: Path, extra: str, left_out: str | None
) -> None:
    scenario = tmp_path / "rules.yaml"
    scenario.write_text(
        "standoff: 1\ntitle: Rules\nparties: {A: {}, B: {}}\nnegotiation:\n  parties: [A, B]\n"
        "  issues: {a: [x, y], b: [z, w]}\n"
        "  utilities: {A: {values: {a: {x: 0, y: 1}}}, B: {values: {b: {z: 0, w: 1}}}}\n"
        "  batna: {A: 0.1, B: 0.1}\n" + extra,
        encoding="utf-8",
    )
    code, out, err = run("export", "genius", scenario, tmp_path / "out")
    assert code == 0
    assert err == ("" if left_out is None else LEFT_OUT.format(left_out))
    assert out.count(".xml") == 3


def test_export_prints_the_paths_written(tmp_path: Path) -> None:
    code, out, err = run("export", "genius", EXAMPLES / "korea_2017.yaml", tmp_path / "new")
    assert (code, err) == (0, LEFT_OUT.format("1 breakable pledge"))
    assert out == "".join(f"{tmp_path}/new/{name}\n" for name in
                          ("domain.xml", "profile-US.xml", "profile-NK.xml"))  # fmt: skip
    assert 'name="korea_2017"' in (tmp_path / "new" / "domain.xml").read_text()
    run("export", "genius", EXAMPLES / "korea_2017.yaml", tmp_path / "new", "--name", "Korea")
    assert 'name="Korea"' in (tmp_path / "new" / "domain.xml").read_text()


def test_import_names_parties_after_the_profiles_and_says_where_it_came_from(
    tmp_path: Path,
) -> None:
    (tmp_path / "Camera-B-prof1.xml").write_bytes((FRUIT / "fruit-buyer.xml").read_bytes())
    (tmp_path / "2.xml").write_bytes((FRUIT / "fruit-seller.xml").read_bytes())
    domain = (FRUIT / "fruit-domain.xml").read_text().replace('name="Fruit"', 'name="root"')
    (tmp_path / "Fruit-domain.xml").write_text(domain)
    code, out, err = run(
        "import", "genius", tmp_path / "Fruit-domain.xml", tmp_path / "Camera-B-prof1.xml",
        tmp_path / "2.xml",
    )  # fmt: skip
    assert code == 0
    assert err == (
        "standoff: warning: the profiles discount agreements over time (Camera_B_prof1 0.9); the "
        "scenario has no protocol to discount them in (give --rounds for one)\n"
    )
    scenario = loads(out)
    assert scenario.negotiation is not None
    assert scenario.negotiation.parties == ("Camera_B_prof1", "issue_2")
    assert scenario.title == "Fruit-domain"  # GENIUS's default name "root" says nothing
    assert words(scenario.description or "") == words(
        f"Imported from the GENIUS domain {tmp_path}/Fruit-domain.xml, with Camera_B_prof1 from "
        f"{tmp_path}/Camera-B-prof1.xml, issue_2 from {tmp_path}/2.xml. Discount factors over "
        "the whole negotiation (GENIUS): Camera_B_prof1 0.9, issue_2 1."
    )


def test_renamed_issues_are_listed_in_the_description() -> None:
    code, out, _ = run(
        "import", "genius", FRUIT / "parts-domain.xml", FRUIT / "parts-buyer.xml",
        FRUIT / "parts-seller.xml", "--parties", "buyer,seller", "--rounds", 10,
    )  # fmt: skip
    assert code == 0
    description = words(loads(out).description or "")
    assert "Issues renamed to be ids: Hard_disk is 'Hard disk'." in description


def test_an_output_is_replaced_whole_and_kept_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("before\n")
    arguments = ["import", "genius", FRUIT / "fruit-domain.xml", FRUIT / "fruit-buyer.xml"]
    code, _, _ = run(*arguments, tmp_path / "missing.xml", "--output", target)
    assert (code, target.read_text()) == (2, "before\n")
    code, out, _ = run(*arguments, FRUIT / "fruit-seller.xml", "--output", target)
    assert (code, out) == (0, "")
    assert loads(target.read_text()).title == "Fruit"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]  # no temporary file left


# -- every message ---------------------------------------------------------------------------------

BUYER, SELLER = FRUIT / "fruit-buyer.xml", FRUIT / "fruit-seller.xml"


@pytest.mark.parametrize(
    ("arguments", "option", "message"),
    [
        pytest.param([BUYER], "PROFILE", "a negotiation needs at least two parties: give one "
                     "profile per party, found 1", id="one-profile"),
        pytest.param([BUYER, SELLER, "--parties", "A"], "--parties", "1 party for 2 profiles "
                     "(expected one party per profile, in the same order)", id="too-few-parties"),
        pytest.param([BUYER, SELLER, "--parties", "A,B,C"], "--parties", "3 parties for 2 "
                     "profiles (expected one party per profile, in the same order)",
                     id="too-many-parties"),
        pytest.param([BUYER, SELLER, "--parties", "A,2B"], "--parties", "'2B' is not a valid "
                     "party id (expected letters, digits and '_', not starting with a digit, and "
                     "not a reserved word)", id="bad-id"),
        pytest.param([BUYER, SELLER, "--parties", "A,and"], "--parties", "'and' is not a valid "
                     "party id (expected letters, digits and '_', not starting with a digit, and "
                     "not a reserved word)", id="reserved-word"),
        pytest.param([BUYER, SELLER, "--parties", "A,A"], "--parties", "party 'A' is named twice",
                     id="twice"),
        pytest.param([BUYER, SELLER, BUYER, "--rounds", "5"], "--rounds", "a protocol needs "
                     "exactly two parties, found 3 profiles", id="rounds-for-three"),
        pytest.param([BUYER, SELLER, "--rounds", str(MAX_ROUNDS + 1)], "--rounds",
                     f"{MAX_ROUNDS + 1} rounds are more than a protocol may have ({MAX_ROUNDS})",
                     id="too-many-rounds"),
        pytest.param([BUYER, SELLER, "--rounds", "0"], "--rounds",
                     "Input should be greater than or equal to 1", id="no-rounds"),
        pytest.param([BUYER, SELLER, "--steps", str(MAX_STEPS + 1)], "--steps",
                     f"{MAX_STEPS + 1} points are more than an issue may have ({MAX_STEPS})",
                     id="too-many-steps"),
        pytest.param([BUYER, SELLER, "--output", BUYER], "--output", f"'{BUYER}' is one of the "
                     "files read; writing there would destroy it", id="output-is-an-input"),
    ],
)  # fmt: skip
def test_usage_errors_name_the_option(arguments: list[object], option: str, message: str) -> None:
    code, out, err = run("import", "genius", FRUIT / "fruit-domain.xml", *arguments)
    assert (code, out) == (2, "")
    assert err == (
        "Usage: standoff import genius [OPTIONS] {DOMAIN} {PROFILE}...\n"
        "Try 'standoff import genius --help' for help.\n\n"
        f"Error: Invalid value for '{option}': {message}\n"
    )


def test_errors_in_the_files_are_located(tmp_path: Path) -> None:
    bad = BUYER.read_text().replace('evaluation="3"', 'evaluation="-3"')
    (tmp_path / "bad.xml").write_text(bad)
    (tmp_path / "broken.xml").write_text("<utility_space>")
    code, out, err = run(
        "import", "genius", FRUIT / "fruit-domain.xml", tmp_path / "bad.xml",
        tmp_path / "broken.xml", tmp_path / "missing.xml",
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{tmp_path}/bad.xml:7:7: error: the evaluation of 'red' must be at least 0, found -3",
        f"{tmp_path}/broken.xml:1:16: error: malformed XML: no element found",
        f"{tmp_path}/missing.xml:1:1: error: no such file",
    ]


def test_an_anac_2012_template_imports(tmp_path: Path) -> None:
    domain = (
        (FRUIT / "fruit-domain.xml")
        .read_text()
        .replace(
            "<negotiation_template>",
            '<negotiation_template number_of_sessions="1">\n'
            '  <agent class="" name="" utility_space="">\t</agent>\n'
            '  <agent class="" name="" utility_space="">\t</agent>',
        )
    )
    (tmp_path / "Camera-B-domain.xml").write_text(domain)
    code, out, _ = run("import", "genius", tmp_path / "Camera-B-domain.xml", BUYER, SELLER)
    assert code == 0
    assert utilities(loads(out))["fruit_buyer"][0] == 0.4375


def test_export_refuses_a_scenario_without_a_negotiation(tmp_path: Path) -> None:
    code, out, err = run("export", "genius", EXAMPLES / "chicken.yaml", tmp_path / "out")
    assert (code, out) == (1, "")
    assert err == (
        f"standoff: error: {EXAMPLES}/chicken.yaml has no 'negotiation' section to export "
        "(GENIUS describes a negotiation: its issues and each party's utility and reservation "
        "value)\n"
    )
    assert not (tmp_path / "out").exists()


def test_export_into_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("")
    code, out, err = run("export", "genius", EXAMPLES / "korea_2017.yaml", tmp_path / "taken")
    assert (code, out) == (1, "")
    assert err == f"standoff: error: cannot write to '{tmp_path}/taken': it is not a folder\n"


FLAT = """\
standoff: 1
title: Flat
parties:
  A: {}
  B: {}
negotiation:
  parties: [A, B]
  issues:
    price: [low, high]
  utilities:
    A:
      weights: {price: 1}
      values:
        price: {low: 0, high: 0}
    B:
      weights: {price: 1}
      values:
        price: {low: 0, high: 1}
  batna: {A: 0, B: 0}
"""


def test_export_refuses_a_utility_that_is_zero_everywhere(tmp_path: Path) -> None:
    (tmp_path / "flat.yaml").write_text(FLAT)
    code, out, err = run("export", "genius", tmp_path / "flat.yaml", tmp_path / "out")
    assert (code, out) == (2, "")
    assert err == (
        f"{tmp_path}/flat.yaml:12:7: error: the utility of 'A' is 0 for every outcome, which a "
        "GENIUS profile cannot express (GENIUS utilities reach 1)\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_scenario_with_errors_is_reported_as_any(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("standoff: 1\ntitle: x\nparties: {}\nnegotiaton: {}\n")
    code, _, err = run("export", "genius", tmp_path / "bad.yaml", tmp_path / "out")
    assert code == 2
    assert re.match(rf"^{re.escape(str(tmp_path))}/bad\.yaml:\d+:\d+: error: ", err)


# -- the documented example ------------------------------------------------------------------------


def test_the_documented_import_of_the_exported_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/cli.md shows importing the files its export example writes; the pages' own tests run
    each command in a fresh folder, so this one runs the two in turn."""
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"^```text\n(standoff import genius .*?)^```$", page, re.S | re.M)
    command, *shown = block.splitlines()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "korea_2019.yaml").write_bytes(
        (EXAMPLES / "korea_2019.yaml").read_bytes()
    )
    assert run("export", "genius", "examples/korea_2019.yaml", "genius")[0] == 0
    code, out, _ = run(*command.split()[1:])
    assert code == 0
    lines = iter(out.splitlines())
    missing = [line for line in shown if line != "…" and not any(line == a for a in lines)]
    assert missing == []


def test_the_help_gives_the_real_default_of_steps() -> None:
    from standoff.scenario import DEFAULT_RESOLUTION

    code, out, _ = run("import", "genius", "--help")
    assert code == 0
    assert f"(default: {DEFAULT_RESOLUTION})." in words(out)
