"""GMCR+ save files (``.gmcr``): published cases give the same analysis as the hand-written
scenarios, every construct maps as docs/gmcr.md says, and every error is exact.

The published cases are encoded here from their sources, as GMCR+ would save them: options listed
in an order other than the decision makers' (GMCR+ re-orders them), preferences as prioritization
statements (conditions and compounds) or as manual rankings of GMCR+'s state numbers. The error
cases edit one small file, ``BASE``, by string replacement, so each LINE:COLUMN can be checked by
eye against it.
"""

from __future__ import annotations

import copy
import doctest
import itertools
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from standoff.cli import app
from standoff.conflict import Conflict, build_conflict
from standoff.errors import ScenarioError
from standoff.interop import GmcrImport, gmcr_scenario, read_gmcr
from standoff.perception import perceived_conflict
from standoff.scenario import load, loads
from standoff.stability import CONCEPTS, analyze

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# -- the published cases, as GMCR+ saves them ----------------------------------------------------


def option(name: str, direction: str = "both") -> dict[str, Any]:
    return {"name": name, "permittedDirection": direction}


def maker(name: str, options: list[int], **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "options": options,
        "preferences": [],
        "payoffs": [],
        "misperceptions": [],
        **fields,
    }


def gmcr(
    options: list[dict[str, Any]], makers: list[dict[str, Any]], **fields: Any
) -> dict[str, Any]:
    return {
        "options": options,
        "decisionMakers": makers,
        "infeasibles": [],
        "coalitions": list(range(len(makers))),
        "useManualPreferenceRanking": False,
        "program": "gmcr-py",
        "version": "0.4.1",
        **fields,
    }


# Syria and Iraq over the Euphrates, 1975 (Hipel, Kilgour & Kinsara 2014): Iraq's option first in
# the file; GMCR+ puts Syria's two first. Manual rankings of the states 1..6 (NNN, YNN, NYN, NNY,
# YNY, NYY in the order release, escalate, attack).
SYRIA = gmcr(
    [
        option("Attack the dam"),
        option("Release water from the Thawra dam"),
        option("Escalate: cut relations, troops to the border"),
    ],
    [
        maker("Syria", [1, 2], preferenceRanking=[1, 3, 6, 2, 4, 5]),
        maker("Iraq", [0], preferenceRanking=[2, 4, 6, 1, 5, 3]),
    ],
    infeasibles=[[[1, "Y"], [2, "Y"]]],
    useManualPreferenceRanking=True,
)

# Prisoner's dilemma: prioritization statements, most important first.
PRISONERS = gmcr(
    [option("Ann defects"), option("Bob defects")],
    [
        maker("Ann", [0], preferences=[[[1, "N"]], [[0, "Y"]]]),
        maker("Bob", [1], preferences=[[[0, "N"]], [[1, "Y"]]]),
    ],
)

# Chicken: "not crash" is the compound (not ann_straight) or (not bob_straight).
NOT_CRASH = {"compound": True, "members": [[[0, "N"]], [[1, "N"]]]}
CHICKEN = gmcr(
    [option("Ann drives straight"), option("Bob drives straight")],
    [
        maker("Ann", [0], preferences=[NOT_CRASH, [[1, "N"]], [[0, "Y"]]]),
        maker("Bob", [1], preferences=[NOT_CRASH, [[0, "N"]], [[1, "Y"]]]),
    ],
)

# Elmira (Fang, Hipel & Kilgour 1993), the 12-state option form: LG's option first in the file.
# GMCR+ order: modify (MoE), delay, accept, abandon (Uniroyal), insist (LG). Exactly one of
# Uniroyal's options, as four infeasible conditions; rankings with ties over the states 1..12.
ELMIRA = gmcr(
    [
        option("Insist on the original control order"),
        option("Modify the control order", "fwd"),
        option("Delay by appealing", "back"),
        option("Accept the control order"),
        option("Abandon the Elmira plant", "fwd"),
    ],
    [
        maker("MoE", [1], preferenceRanking=[9, 3, 4, 10, 7, 1, 2, 8, [11, 5, 6, 12]]),
        maker("Uniroyal", [2, 3, 4], preferenceRanking=[1, 4, 10, 7, [5, 11, 6, 12], 2, 3, 9, 8]),
        maker("LG", [0], preferenceRanking=[9, 3, 7, 1, 10, 8, 4, 2, [11, 5, 12, 6]]),
    ],
    infeasibles=[
        [[2, "Y"], [3, "Y"]],
        [[2, "Y"], [4, "Y"]],
        [[3, "Y"], [4, "Y"]],
        [[2, "N"], [3, "N"], [4, "N"]],
    ],
    useManualPreferenceRanking=True,
)


def write(tmp_path: Path, content: dict[str, Any] | str, name: str = "case.gmcr") -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content, indent=2)
    path.write_text(text, encoding="utf-8")
    return path


def imported(tmp_path: Path, content: dict[str, Any] | str) -> GmcrImport:
    return gmcr_scenario(read_gmcr(write(tmp_path, content)))


def conflict_of(text: str) -> Conflict:
    return build_conflict(loads(text))


def signature(conflict: Conflict) -> dict[str, Any]:
    """The analysis with each state named by the labels of the options taken in it, so that two
    scenarios with different ids (or option orders) compare."""
    labels = [option.label for option in conflict.scenario.options]

    def state(index: int) -> frozenset[str]:
        pattern = conflict.pattern(index)
        return frozenset(label for label, y in zip(labels, pattern, strict=True) if y == "Y")

    analysis = analyze(conflict)
    found: dict[str, Any] = {"states": {state(k) for k in range(conflict.state_count)}}
    for concept in CONCEPTS:
        result = analysis.results[concept]
        found[concept] = {
            "equilibria": {state(k) for k in np.flatnonzero(result.equilibria)},
            "stable": [  # for each party with options, in order
                {state(k) for k in np.flatnonzero(result.stable[party.id])}
                for party in conflict.movers
            ],
        }
    return found


@pytest.mark.parametrize(
    ("content", "example"),
    [
        pytest.param(SYRIA, "syria_iraq_1975.yaml", id="syria_iraq_1975"),
        pytest.param(PRISONERS, "prisoners_dilemma.yaml", id="prisoners_dilemma"),
        pytest.param(CHICKEN, "chicken.yaml", id="chicken"),
        pytest.param(ELMIRA, "elmira.yaml", id="elmira"),
    ],
)
def test_published_cases_give_the_analysis_of_the_hand_written_scenario(
    tmp_path: Path, content: dict[str, Any], example: str
) -> None:
    mine = conflict_of(imported(tmp_path, content).text)
    theirs = build_conflict(load(EXAMPLES / example))
    assert mine.state_count == theirs.state_count
    assert signature(mine) == signature(theirs)


def test_the_shipped_example_is_syria_iraq_1975(tmp_path: Path) -> None:
    result = gmcr_scenario(read_gmcr(EXAMPLES / "gmcr" / "syria_iraq_1975.gmcr"))
    mine = conflict_of(result.text)
    theirs = build_conflict(load(EXAMPLES / "syria_iraq_1975.yaml"))
    # same option order, so the same patterns and state ids
    assert [mine.pattern(k) for k in range(6)] == [theirs.pattern(k) for k in range(6)]
    mine_analysis, theirs_analysis = analyze(mine), analyze(theirs)
    for concept in CONCEPTS:
        assert (
            mine_analysis.results[concept].equilibrium_ids()
            == theirs_analysis.results[concept].equilibrium_ids()
        ), concept
    assert mine_analysis.results["gmr"].equilibrium_ids() == [1, 6]


# -- what each construct becomes -----------------------------------------------------------------


def test_options_are_reordered_by_decision_maker_and_ids_come_from_names(tmp_path: Path) -> None:
    result = imported(tmp_path, ELMIRA)
    assert result.party_ids == ("MoE", "Uniroyal", "LG")
    assert result.option_ids == (
        "modify",
        "delay",
        "accept",
        "abandon",
        "insist",
    )
    scenario = loads(result.text)
    assert [o.label for o in scenario.options][-1] == "Insist on the original control order"
    assert [(o.id, o.party) for o in scenario.options][:2] == [
        ("modify", "MoE"),
        ("delay", "Uniroyal"),
    ]


def test_exclusive_options_become_an_exactly_one_group_and_directions_irreversible(
    tmp_path: Path,
) -> None:
    text = imported(tmp_path, ELMIRA).text
    assert (
        "  exactly_one:  # from GMCR+ infeasible conditions\n  - [delay, accept, abandon]\n"
    ) in text
    assert "infeasible:" not in text
    assert (
        "  irreversible:  # GMCR+ permittedDirection: fwd = once_taken, back = once_dropped\n"
        "    modify: once_taken\n"
        "    delay: once_dropped\n"
        "    abandon: once_taken\n"
    ) in text
    conflict = conflict_of(text)
    assert (conflict.once_taken, conflict.once_dropped) == (0b01001, 0b00010)


def test_pairs_without_the_none_condition_are_mutually_exclusive(tmp_path: Path) -> None:
    content = copy.deepcopy(ELMIRA)
    content["infeasibles"] = [*content["infeasibles"][:3], [[1, "Y"], [0, "N"]]]
    content["useManualPreferenceRanking"] = False
    for entry in content["decisionMakers"]:
        entry["preferences"] = [[[0, "Y"]]]
    text = imported(tmp_path, content).text
    assert (
        "  infeasible:\n"
        "  - modify and not insist\n"
        "  mutually_exclusive:  # from GMCR+ infeasible conditions\n"
        "  - [delay, accept, abandon]\n"
    ) in text
    assert conflict_of(text).state_count == 12  # 4 of Uniroyal x 4 of the others, less 4


def test_a_single_exclusive_pair_stays_an_infeasible_expression(tmp_path: Path) -> None:
    text = imported(tmp_path, SYRIA).text
    assert ("  infeasible:\n  - release and escalate\n") in text


def test_statements_become_expressions_and_compounds_or(tmp_path: Path) -> None:
    content = copy.deepcopy(CHICKEN)
    content["decisionMakers"][1]["preferences"][0] = {
        "compound": True,
        "members": [[[0, "N"], [1, "Y"]], [[1, "N"]], [[0, "Y"], [0, "Y"]]],
    }
    text = imported(tmp_path, content).text
    assert (
        "    # GMCR+ option prioritization, most important first: statement i of k weighs\n"
        "    # 2^(k-1-i), as in standoff\n"
        "    Ann:\n"
        "    - not ann_drives or not bob_drives\n"
        "    - not bob_drives\n"
        "    - ann_drives\n"
        "    Bob:\n"
        "    - (not ann_drives and bob_drives) or not bob_drives or "
        "ann_drives\n"
    ) in text


def test_manual_rankings_with_ties_give_tied_ranks(tmp_path: Path) -> None:
    result = imported(tmp_path, ELMIRA)
    line = next(line for line in result.text.splitlines() if line.endswith("# state 11"))  # MoE
    assert line.startswith(
        "      - - not modify and not delay and not accept and abandon and insist "
    )
    conflict = conflict_of(result.text)
    ranks = conflict.ranks["MoE"].tolist()
    assert ranks == [6, 7, 2, 3, 9, 9, 5, 8, 1, 4, 9, 9]  # states 5, 6, 11, 12 tied last
    assert conflict.ranks["Uniroyal"].tolist()[4:6] == [5, 5]


def test_a_decision_maker_without_statements_ties_every_state(tmp_path: Path) -> None:
    content = copy.deepcopy(PRISONERS)
    content["decisionMakers"][1]["preferences"] = []
    result = imported(tmp_path, content)
    assert (
        "    Bob:  # no statements in GMCR+: every state scores 0, all tied\n"
        "      ranking: ['true']\n"
    ) in result.text
    assert conflict_of(result.text).ranks["Bob"].tolist() == [1, 1, 1, 1]
    assert "'Bob' has no prioritization statements: all its states are tied" in result.notes


def test_older_files_with_preference_vectors_read_alike(tmp_path: Path) -> None:
    older = copy.deepcopy(ELMIRA)
    older["useManualPreferenceVectors"] = older.pop("useManualPreferenceRanking")
    for entry in older["decisionMakers"]:
        entry["preferenceVector"] = entry.pop("preferenceRanking")
    (tmp_path / "new").mkdir()
    old, new = imported(tmp_path, older), imported(tmp_path / "new", ELMIRA)
    assert old.text == new.text
    assert old.notes[:2] == (
        "read the older 'useManualPreferenceVectors' as 'useManualPreferenceRanking'",
        "read the older 'preferenceVector' as 'preferenceRanking'",
    )


def test_misperceptions_of_one_option_of_another_party_become_unaware_of(tmp_path: Path) -> None:
    content = copy.deepcopy(ELMIRA)
    content["decisionMakers"][0]["misperceptions"] = [[[0, "Y"]]]  # MoE does not see LG insist
    result = imported(tmp_path, content)
    assert "perceptions:\n  MoE:\n    unaware_of: [insist]\n" in result.text
    assert (
        "the misperceptions of 'MoE' became 'unaware_of: [insist]': the same "
        "verdicts on the states GMCR+ leaves in its view, and verdicts on the others too"
    ) in result.notes
    # GMCR+'s view of MoE: the states with insist (7..12, the highest option) removed, the
    # others keeping their numbers and their order in every ranking.
    reduced = copy.deepcopy(ELMIRA)
    reduced["infeasibles"].append([[0, "Y"]])
    for entry in reduced["decisionMakers"]:
        groups = [
            [s for s in ([g] if isinstance(g, int) else g) if s <= 6]
            for g in entry["preferenceRanking"]
        ]
        entry["preferenceRanking"] = [g for g in groups if g]
    gmcr_view = analyze(conflict_of(imported(tmp_path, reduced).text))
    standoff_view = analyze(perceived_conflict(conflict_of(result.text), ("MoE",)))
    for concept in CONCEPTS:
        for party in ("MoE", "Uniroyal", "LG"):
            ours = standoff_view.results[concept].stable[party][:6].tolist()
            assert ours == gmcr_view.results[concept].stable[party].tolist(), (concept, party)


def test_a_misperception_of_an_option_not_taken_freezes_it_too(tmp_path: Path) -> None:
    content = copy.deepcopy(ELMIRA)
    content["decisionMakers"][2]["misperceptions"] = [
        [[1, "N"]],
        {"compound": True, "members": [[[1, "N"]]]},
    ]
    result = imported(tmp_path, content)
    assert "perceptions:\n  LG:\n    unaware_of: [modify]\n" in result.text
    assert conflict_of(result.text).unaware == {"LG": 0b00001}


def test_other_misperceptions_are_comments_and_notes(tmp_path: Path) -> None:
    content = copy.deepcopy(PRISONERS)
    content["decisionMakers"][0]["misperceptions"] = [[[0, "Y"]], [[1, "Y"], [0, "N"]]]
    result = imported(tmp_path, content)
    assert "perceptions:" not in result.text
    assert (
        "# GMCR+ misperceptions with no equivalent here (standoff cannot remove states\n"
        "# from one party's view):\n"
        "#   Ann does not perceive: ann_defects\n"
        "#   Ann does not perceive: bob_defects and not ann_defects\n"
    ) in result.text
    assert (
        "the misperception of 'Ann' (ann_defects) was not imported: standoff's perceptions "
        "cannot remove states from one party's view, only freeze the options of other parties "
        "it does not know about"
    ) in result.notes
    loads(result.text)


def test_coalitions_of_two_or_more_become_coalitions(tmp_path: Path) -> None:
    content = copy.deepcopy(ELMIRA)
    content["coalitions"] = [0, [1, 2]]
    result = imported(tmp_path, content)
    assert (
        "  coalitions:  # GMCR+ coalitions; the other parties stand alone\n  - [Uniroyal, LG]\n"
    ) in result.text
    assert conflict_of(result.text).coalitions == (("Uniroyal", "LG"),)


def test_decision_makers_without_options_are_parties_that_cannot_move(tmp_path: Path) -> None:
    content = copy.deepcopy(PRISONERS)
    content["decisionMakers"].append(maker("The judge", [], misperceptions=[[[0, "Y"]]]))
    content["coalitions"] = [0, [1, 2]]
    result = imported(tmp_path, content)
    assert "  the_judge:\n    label: The judge\nconflict:\n" in result.text
    assert "coalitions:" not in result.text
    assert result.notes == (
        "decision maker 'The judge' has no options: it cannot move, so its preferences and "
        "misperceptions were not imported",
        "coalition member(s) 'The judge' left out of the coalition: without options, a decision "
        "maker cannot move",
    )
    assert [party.id for party in loads(result.text).parties] == ["Ann", "Bob", "the_judge"]


def test_notes_say_where_gmcr_plus_results_would_differ(tmp_path: Path) -> None:
    assert imported(tmp_path, PRISONERS).notes == ()
    assert imported(tmp_path, ELMIRA).notes == (
        "3 decision makers: GMCR+ lets each opponent move at most once in a sanction, so its GMR "
        "and SMR results can differ from standoff's, which allow any legal sequence of the "
        "opponents' moves",
        "GMCR+'s SIM reuses a one-shot iterator over the focal decision maker's improvements, so "
        "its SIM and SEQ+SIM results can differ from standoff's when a decision maker has two or "
        "more improvements from a state",
    )


def test_keys_outside_the_format_and_other_versions_are_noted(tmp_path: Path) -> None:
    content = copy.deepcopy(PRISONERS)
    content["version"] = "0.3.9"
    content["decisionMakers"][0]["preferenceranking"] = [1, 2, 3, 4]
    assert imported(tmp_path, content).notes == (
        "written by gmcr-py 0.3.9; standoff reads the format of gmcr-py 0.4.1",
        "ignored 'decisionMakers[0].preferenceranking': not part of the GMCR+ format (did you "
        "mean 'preferenceRanking'?)",
    )


def test_names_that_collide_or_need_quoting_round_trip(tmp_path: Path) -> None:
    names = ["Escalate", "escalate", "null", "yes", "Say: 'no'", "Line\nbreak", "Élan #1", ""]
    content = gmcr(
        [option(name) for name in names],
        [
            maker("US", [0, 1, 2, 3], preferences=[[[0, "Y"]]]),
            maker("US", [4, 5, 6, 7], preferences=[[[4, "N"]]]),
        ],
    )
    result = imported(tmp_path, content)
    assert result.party_ids == ("US", "US_2")
    assert result.option_ids == (
        "escalate",
        "escalate_2",
        "null_",
        "yes",
        "say",
        "line",
        "elan",
        "option",
    )
    scenario = loads(result.text)
    assert [o.label for o in scenario.options][:-1] == names[:-1]
    assert scenario.options[-1].label == "option"  # an empty label reads as the id
    assert yaml.safe_load(result.text)["parties"]["US_2"]["label"] == "US"


def test_round_trip_is_stable_and_loads(tmp_path: Path) -> None:
    for content in (SYRIA, PRISONERS, CHICKEN, ELMIRA):
        first = imported(tmp_path, content)
        again = imported(tmp_path, content)
        assert first == again
        scenario = loads(first.text)
        assert [party.id for party in scenario.parties] == list(first.party_ids)
        assert [option.id for option in scenario.options] == list(first.option_ids)
        assert isinstance(yaml.safe_load(first.text), dict)


def test_the_title_defaults_to_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, PRISONERS, "pd.gmcr")
    assert loads(gmcr_scenario(read_gmcr(path)).text).title == "pd"
    assert loads(gmcr_scenario(read_gmcr(path), title="PD: 1950").text).title == "PD: 1950"


# -- properties: the scenario means what the file means, by GMCR+'s own definitions -------------

LITERAL = st.tuples(st.integers(0, 4), st.sampled_from(["Y", "N"])).map(list)
CONDITION = st.lists(LITERAL, min_size=1, max_size=3)
STATEMENT = st.one_of(
    CONDITION,
    st.lists(CONDITION, min_size=1, max_size=3).map(lambda m: {"compound": True, "members": m}),
)


@st.composite
def gmcr_files(draw: st.DrawFn, manual: bool = False) -> dict[str, Any]:
    """A small GMCR+ file: up to 5 options dealt, in a random order, to up to 3 decision
    makers; random infeasible conditions and statements."""
    count = draw(st.integers(1, 5))
    order = draw(st.permutations(range(count)))
    makers = draw(st.integers(1, min(3, count)))
    cuts = (
        sorted(draw(st.sets(st.integers(1, count - 1), min_size=makers - 1, max_size=makers - 1)))
        if makers > 1
        else []
    )
    groups = [list(order[a:b]) for a, b in zip([0, *cuts], [*cuts, count], strict=True)]

    def fit(statement: Any) -> Any:  # option indexes within the file's options
        if isinstance(statement, dict):
            return {**statement, "members": [fit(m) for m in statement["members"]]}
        return [[option % count, value] for option, value in statement]

    return gmcr(
        [
            option(f"Option {k}", draw(st.sampled_from(["both", "fwd", "back"])))
            for k in range(count)
        ],
        [
            maker(
                f"DM {k}",
                group,
                preferences=[fit(s) for s in draw(st.lists(STATEMENT, max_size=4))],
            )
            for k, group in enumerate(groups)
        ],
        infeasibles=[fit(s) for s in draw(st.lists(STATEMENT, max_size=3))],
    )


def reference(content: dict[str, Any]) -> tuple[list[int], list[list[int]]]:
    """(the feasible states' codes, each decision maker's dense ranks), straight from the format
    description: options re-ordered by decision maker, statement i of k weighing 2^(k-1-i)."""
    order = [o for entry in content["decisionMakers"] for o in entry["options"]]
    position = {o: k for k, o in enumerate(order)}

    def holds(condition: Any, code: int) -> bool:
        members = condition["members"] if isinstance(condition, dict) else [condition]
        return any(
            all((code >> position[o] & 1) == (value == "Y") for o, value in member)
            for member in members
        )

    feasible = [
        code
        for code in range(1 << len(order))
        if not any(holds(condition, code) for condition in content["infeasibles"])
    ]
    ranks = []
    for entry in content["decisionMakers"]:
        statements = entry["preferences"]
        scores = [
            sum(1 << (len(statements) - 1 - i) for i, s in enumerate(statements) if holds(s, c))
            for c in feasible
        ]
        levels = sorted(set(scores), reverse=True)
        ranks.append([levels.index(score) + 1 for score in scores])
    return feasible, ranks


@settings(max_examples=60, deadline=None)
@given(gmcr_files())
def test_prioritization_means_what_gmcr_plus_means(content: dict[str, Any]) -> None:
    feasible, ranks = reference(content)
    assume(feasible)
    with tempfile.TemporaryDirectory() as folder:
        result = imported(Path(folder), content)
    conflict = conflict_of(result.text)
    assert conflict.codes.tolist() == feasible
    for party, expected in zip(result.party_ids, ranks, strict=True):
        assert conflict.ranks[party].tolist() == expected
    directions = [
        content["options"][o]["permittedDirection"]
        for entry in content["decisionMakers"]
        for o in entry["options"]
    ]
    assert conflict.once_taken == sum(1 << k for k, d in enumerate(directions) if d == "fwd")
    assert conflict.once_dropped == sum(1 << k for k, d in enumerate(directions) if d == "back")


@settings(max_examples=40, deadline=None)
@given(gmcr_files(), st.data())
def test_manual_rankings_mean_what_gmcr_plus_means(content: dict[str, Any], data: Any) -> None:
    feasible, _ = reference(content)
    assume(feasible)
    content["useManualPreferenceRanking"] = True
    expected = []
    for entry in content["decisionMakers"]:
        states = data.draw(st.permutations(range(1, len(feasible) + 1)))
        cuts = data.draw(st.sets(st.integers(1, max(1, len(states) - 1))))
        bounds = [0, *sorted(c for c in cuts if c < len(states)), len(states)]
        groups = [list(states[a:b]) for a, b in itertools.pairwise(bounds)]
        entry["preferenceRanking"] = [g[0] if len(g) == 1 else g for g in groups]
        rank = {state: k + 1 for k, group in enumerate(groups) for state in group}
        expected.append([rank[state] for state in range(1, len(feasible) + 1)])
    with tempfile.TemporaryDirectory() as folder:
        result = imported(Path(folder), content)
    conflict = conflict_of(result.text)
    for party, ranks in zip(result.party_ids, expected, strict=True):
        assert conflict.ranks[party].tolist() == ranks


# -- the command line ----------------------------------------------------------------------------


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def test_the_command_writes_the_scenario_and_notes(tmp_path: Path) -> None:
    path = str(write(tmp_path, ELMIRA))
    code, out, err = run("import", "gmcr", path)
    assert code == 0
    assert out == imported(tmp_path, ELMIRA).text
    assert err.splitlines() == [
        f"{path}: note: {note}" for note in imported(tmp_path, ELMIRA).notes
    ]
    target = tmp_path / "elmira.yaml"
    code, out, _ = run("import", "gmcr", path, "-o", str(target), "--title", "Elmira")
    assert (code, out) == (0, "")
    assert load(target).title == "Elmira"


def test_the_command_refuses_bad_files_and_overwriting_its_input(tmp_path: Path) -> None:
    path = write(tmp_path, '{"options": [1,\n]}')
    code, out, err = run("import", "gmcr", str(path))
    assert (code, out, err) == (2, "", f"{path}:2:1: error: invalid JSON: expecting value\n")
    code, _, err = run("import", "gmcr", str(path), "-o", str(path))
    assert code == 2
    assert "is the GMCR+ file read; writing there would destroy it" in err
    assert path.read_text(encoding="utf-8") == '{"options": [1,\n]}'


# -- errors, exactly -----------------------------------------------------------------------------

BASE = """\
{
  "options": [
    {"name": "Ann defects", "permittedDirection": "both"},
    {"name": "Bob defects", "permittedDirection": "both"}
  ],
  "decisionMakers": [
    {"name": "Ann", "options": [0], "preferences": [[[1, "N"]], [[0, "Y"]]],
     "misperceptions": [], "preferenceRanking": [2, 1, 4, 3]},
    {"name": "Bob", "options": [1], "preferences": [[[0, "N"]], [[1, "Y"]]],
     "misperceptions": [], "preferenceRanking": [3, 1, 4, 2]}
  ],
  "infeasibles": [],
  "coalitions": [0, 1],
  "useManualPreferenceRanking": false,
  "program": "gmcr-py",
  "version": "0.4.1"
}
"""
RANKED = BASE.replace('"useManualPreferenceRanking": false', '"useManualPreferenceRanking": true')


def errors(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "f.gmcr"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        gmcr_scenario(read_gmcr(path))
    return [str(d).removeprefix(str(path)) for d in raised.value.diagnostics]


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_the_base_files_are_valid(tmp_path: Path) -> None:
    for text in (BASE, RANKED):
        result = imported(tmp_path, text)
        assert signature(conflict_of(result.text)) == signature(
            conflict_of(imported(tmp_path, PRISONERS).text)
        )


ERRORS = [
    pytest.param(
        edit(BASE, ('"Ann", "options"', '"Ann" "options"')),
        [":7:20: error: invalid JSON: expecting ',' delimiter"],
        id="malformed-json",
    ),
    pytest.param(
        "\n \n", [":1:1: error: the file is empty (expected a JSON document)"], id="empty"
    ),
    pytest.param(
        edit(BASE, ('"coalitions": [0, 1]', '"coalitions": [0, NaN]')),
        [":13:21: error: invalid JSON: 'NaN' is not a number in JSON"],
        id="nan",
    ),
    pytest.param(
        edit(BASE, ("Ann defects", "Ann d\udcffefects")).encode("utf-8", "surrogateescape"),
        [":3:20: error: byte 0xff is not valid UTF-8 (JSON files are UTF-8 text)"],
        id="not-utf-8",
    ),
    pytest.param(
        "[" * 100_000 + "]" * 100_000,
        [":1:1: error: invalid JSON: lists and objects nest too deeply"],
        id="too-deep",
    ),
    pytest.param(
        "[1, 2]",
        [":1:1: error: expected a GMCR+ save file (a JSON object), found a list of 2 values"],
        id="not-an-object",
    ),
    pytest.param(
        "{}",
        [
            ":1:1: error: missing required key 'decisionMakers'",
            ":1:1: error: missing required key 'options'",
        ],
        id="missing-top-keys",
    ),
    pytest.param(
        edit(BASE, ('{"name": "Ann", ', "{")),
        [":7:5: error: decisionMakers[0]: missing required key 'name'"],
        id="missing-name",
    ),
    pytest.param(
        edit(BASE, ('"options": [0], "preferences": [[[1, "N"]], [[0, "Y"]]]', '"options": [0]')),
        [":7:5: error: decisionMakers[0]: missing required key 'preferences'"],
        id="missing-preferences",
    ),
    pytest.param(
        edit(RANKED, (', "preferenceRanking": [2, 1, 4, 3]', "")),
        [
            ":7:5: error: decisionMakers[0]: missing required key 'preferenceRanking' (the file "
            "uses manual preference rankings)"
        ],
        id="missing-ranking",
    ),
    pytest.param(
        edit(BASE, ('"options": [\n', '"options": {"a": [\n'), ('  ],\n  "dec', '  ]},\n  "dec')),
        [":2:14: error: options: expected the options (a list), found an object"],
        id="options-not-a-list",
    ),
    pytest.param(
        edit(BASE, ('"name": "Bob defects"', '"name": 7'), ('"name": "Bob"', '"name": null')),
        [
            ":4:14: error: options[1].name: expected text, found 7",
            ":9:14: error: decisionMakers[1].name: expected text, found null",
        ],
        id="names-not-text",
    ),
    pytest.param(
        edit(BASE, ("false", "0")),
        [":14:33: error: useManualPreferenceRanking: expected true or false, found 0"],
        id="flag-not-boolean",
    ),
    pytest.param(
        edit(BASE, ('"Bob", "options": [1]', '"Bob", "options": [7]')),
        [
            ":9:33: error: decisionMakers[1].options[0]: option 7 does not exist (the file has 2 "
            "options)"
        ],
        id="option-out-of-range",
    ),
    pytest.param(
        edit(BASE, ('"Bob", "options": [1]', '"Bob", "options": [1.0]')),
        [
            ":9:33: error: decisionMakers[1].options[0]: expected an option index (a whole "
            "number), found 1.0"
        ],
        id="option-not-an-index",
    ),
    pytest.param(
        edit(BASE, ('[[[1, "N"]], [[0, "Y"]]]', '[[[5, "N"]], [[0, "y"]]]')),
        [
            ":7:55: error: decisionMakers[0].preferences[0][0][0]: option 5 does not exist (the "
            "file has 2 options)",
            ":7:70: error: decisionMakers[0].preferences[1][0][1]: expected 'Y' or 'N', found 'y'",
        ],
        id="bad-literals",
    ),
    pytest.param(
        edit(BASE, ('"infeasibles": []', '"infeasibles": [[], [[0, "Y", 1]], 3, [0, "Y"]]')),
        [
            ":12:19: error: infeasibles[0]: a condition lists at least one [option, 'Y' or 'N'] "
            "pair",
            ":12:24: error: infeasibles[1][0]: expected an [option, 'Y' or 'N'] pair, found a "
            "list of 3 values",
            ":12:38: error: infeasibles[2]: expected a condition (a list of [option, 'Y' or 'N'] "
            "pairs) or a compound condition (an object with 'members'), found 3",
            ":12:42: error: infeasibles[3][0]: expected an [option, 'Y' or 'N'] pair, found 0",
            ":12:45: error: infeasibles[3][1]: expected an [option, 'Y' or 'N'] pair, found 'Y'",
        ],
        id="bad-conditions",
    ),
    pytest.param(
        edit(
            BASE,
            (
                '"infeasibles": []',
                '"infeasibles": [{"compound": false, "members": []}, {"compound": true}]',
            ),
        ),
        [
            ":12:32: error: infeasibles[0].compound: expected true, found false",
            ":12:50: error: infeasibles[0].members: a compound condition joins at least one "
            "condition",
            ":12:55: error: infeasibles[1]: missing required key 'members'",
        ],
        id="bad-compounds",
    ),
    pytest.param(
        edit(BASE, ('"both"}\n  ]', '"forward"}\n  ]')),
        [
            ":4:51: error: options[1].permittedDirection: unknown direction 'forward' (expected "
            "'both', 'fwd' or 'back')"
        ],
        id="unknown-direction",
    ),
    pytest.param(
        edit(BASE, ('"Bob", "options": [1]', '"Bob", "options": [0, 0]')),
        [
            ":4:5: error: options[1]: option 1 ('Bob defects') belongs to no decision maker",
            ":9:33: error: decisionMakers[1].options[0]: option 0 is already an option of "
            "decision maker 0 ('Ann')",
            ":9:36: error: decisionMakers[1].options[1]: option 0 is listed twice",
        ],
        id="option-owners",
    ),
    pytest.param(
        edit(BASE, ('"infeasibles": []', '"infeasibles": [[[0, "Y"]], [[0, "N"]]]')),
        [
            ":12:18: error: infeasibles: no state is feasible: every combination of options "
            "matches an infeasible condition"
        ],
        id="no-feasible-state",
    ),
    pytest.param(
        edit(RANKED, ("[2, 1, 4, 3]", '[2, [4, 9], [], 4, "a"]')),
        [
            ":8:61: error: decisionMakers[0].preferenceRanking[2]: a group of tied states lists "
            "at least one state",
            ":8:68: error: decisionMakers[0].preferenceRanking[4]: expected a state number or a "
            "list of tied state numbers, found 'a'",
        ],
        id="ranking-shape",
    ),
    pytest.param(
        edit(RANKED, ("[2, 1, 4, 3]", "[2, [4, 9], 0, 4]")),
        [
            ":8:49: error: decisionMakers[0].preferenceRanking: misses states 1, 3 (a ranking "
            "lists each of the 4 feasible states once)",
            ":8:57: error: decisionMakers[0].preferenceRanking[1][1]: state 9 does not exist "
            "(the conflict has 4 feasible states, numbered from 1)",
            ":8:61: error: decisionMakers[0].preferenceRanking[2]: state 0 does not exist (the "
            "conflict has 4 feasible states, numbered from 1)",
            ":8:64: error: decisionMakers[0].preferenceRanking[3]: state 4 is listed twice "
            "(first at decisionMakers[0].preferenceRanking[1][0])",
        ],
        id="ranking-not-a-permutation",
    ),
    pytest.param(
        edit(RANKED, ('"infeasibles": []', '"infeasibles": [[[0, "Y"], [1, "Y"]]]')),
        [
            ":8:56: error: decisionMakers[0].preferenceRanking[2]: state 4 does not exist (the "
            "conflict has 3 feasible states, numbered from 1)",
            ":10:56: error: decisionMakers[1].preferenceRanking[2]: state 4 does not exist (the "
            "conflict has 3 feasible states, numbered from 1)",
        ],
        id="ranking-of-infeasible-state",
    ),
    pytest.param(
        edit(BASE, ('"coalitions": [0, 1]', '"coalitions": [0, [1, 0], [2], "x", []]')),
        [
            ":13:25: error: coalitions[1][1]: decision maker 0 is already in coalitions[0]",
            ":13:30: error: coalitions[2][0]: decision maker 2 does not exist (the file has 2 "
            "decision makers)",
            ":13:34: error: coalitions[3]: expected a decision maker index or a list of them, "
            "found 'x'",
            ":13:39: error: coalitions[4]: a coalition lists at least one decision maker",
        ],
        id="coalitions",
    ),
    pytest.param(
        edit(BASE, ('  "infeasibles": []', '  "infeasibles": [],\n  "infeasibles": []')),
        [":13:3: error: key 'infeasibles' is given twice"],
        id="repeated-key",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_errors_are_exact(tmp_path: Path, text: str | bytes, expected: list[str]) -> None:
    assert errors(tmp_path, text) == expected


def test_too_many_options_and_statements_are_refused(tmp_path: Path) -> None:
    options = ", ".join(f'{{"name": "o{k}"}}' for k in range(29))
    text = edit(BASE, ('"options": [', f'"options": [{options}, '))
    assert errors(tmp_path, text)[0] == (
        ":2:14: error: options: the file has 31 options, more than standoff's limit of 28"
    )
    statements = ", ".join(['[[1, "N"]]'] * 63)
    text = edit(BASE, ('[[[1, "N"]], [[0, "Y"]]]', f"[{statements}]"))
    assert errors(tmp_path, text) == [
        ":7:52: error: decisionMakers[0].preferences: 63 prioritization statements, more than "
        "standoff's limit of 62 (give a manual ranking instead)"
    ]


def test_large_conflicts_import_without_searching_their_states(tmp_path: Path) -> None:
    count = 28  # 2^28 combinations: fourteen pairs of exclusive options
    content = gmcr(
        [option(f"Option {chr(65 + k // 2)}{k % 2}") for k in range(count)],
        [
            maker("A", list(range(14)), preferences=[[[0, "Y"]]]),
            maker("B", list(range(14, count)), preferences=[[[20, "N"]]]),
        ],
        infeasibles=[[[k, "Y"], [k + 1, "Y"]] for k in range(0, count, 2)],
    )
    result = imported(tmp_path, content)
    assert len(loads(result.text).options) == count
    assert read_gmcr(tmp_path / "case.gmcr").feasible_count is None
    content["useManualPreferenceRanking"] = True
    for entry in content["decisionMakers"]:
        entry["preferenceRanking"] = [1]
    text = json.dumps(content)
    column = text.index('"useManualPreferenceRanking": true') + len(
        '"useManualPreferenceRanking": '
    )
    assert errors(tmp_path, text) == [
        f":1:{column + 1}: error: useManualPreferenceRanking: manual rankings are read for at "
        "most 22 options, and the file has 28: their states are found among the 2^28 "
        "combinations of options (give prioritization statements instead)"
    ]


def test_a_file_beyond_one_mebibyte_is_refused_before_it_is_read(tmp_path: Path) -> None:
    text = BASE.replace('"version": "0.4.1"', '"version": "' + "9" * (1 << 20) + '"')
    assert errors(tmp_path, text) == [
        f":1:1: error: the file is {len(text):,} bytes, more than the limit of 1,048,576 bytes "
        "(1 MiB)"
    ]


def test_a_scenario_too_large_to_read_back_is_refused(tmp_path: Path) -> None:
    count = 13  # 8,192 states, each a conjunction of 13 options, for each of 2 rankings
    content = gmcr(
        [option(f"Option number {k}") for k in range(count)],
        [
            maker("A", list(range(count - 1)), preferenceRanking=list(range(1, 8193))),
            maker("B", [count - 1], preferenceRanking=list(range(8192, 0, -1))),
        ],
        useManualPreferenceRanking=True,
    )
    path = write(tmp_path, content)
    with pytest.raises(ScenarioError) as raised:
        gmcr_scenario(read_gmcr(path))
    (message,) = [str(d) for d in raised.value.diagnostics]
    assert message.startswith(f"{path}:1:1: error: the scenario would be ")
    assert message.endswith(
        " bytes, more than a scenario file may hold (1,048,576 bytes): its manual rankings list "
        "8,192 states for each decision maker"
    )


# -- the documentation ---------------------------------------------------------------------------

PAGE = ROOT / "docs" / "gmcr.md"


def fenced(language: str) -> list[str]:
    """The fenced blocks of docs/gmcr.md in ``language``."""
    text = PAGE.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.S | re.M)


def test_the_python_example_of_the_page_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    (block,) = fenced("python")
    test = doctest.DocTestParser().get_doctest(block, {}, "gmcr.md", str(PAGE), 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert (result.failed, result.attempted > 5) == (0, True)


def test_the_errors_the_page_shows_are_the_real_ones() -> None:
    (block,) = fenced("text")
    shown = [line.removeprefix("pd.gmcr") for line in block.strip().splitlines()]
    real = {line for case in ERRORS for line in case.values[1]}  # type: ignore[attr-defined]
    assert shown
    assert [line for line in shown if line not in real] == []
