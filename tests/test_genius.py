"""GENIUS domains and profiles: values computed by hand, round trips, and every error, exactly.

The fixtures in tests/genius/ are hand-written (their comments give the numbers the tests expect).
The error cases edit two small inline files, a domain and a profile of party ``A``, by string
replacement, so each case's LINE:COLUMN can be checked by eye against ``DOMAIN`` and ``PROFILE``.
"""

from __future__ import annotations

import doctest
import math
import re
import tempfile
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from standoff.bargaining import OutcomeSpace
from standoff.errors import Location, ScenarioError
from standoff.interop import GeniusNegotiation, read_genius, to_yaml, write_genius
from standoff.interop._genius_domain import issue_id
from standoff.scenario import load, loads
from standoff.scenario._negotiation_model import (
    Alternative,
    Batna,
    Issue,
    IssueValues,
    Negotiation,
    Utility,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "genius"
KOREA = ROOT / "examples" / "korea_2017.yaml"
WHERE = Location("test", 1, 1)


def utilities(negotiation: Negotiation) -> dict[str, np.ndarray[Any, np.dtype[np.float64]]]:
    space = OutcomeSpace.of(negotiation)
    return {party: space.utilities(negotiation.utilities[party]) for party in negotiation.parties}


def fixture(name: str) -> Path:
    return FIXTURES / name


# -- values by hand ------------------------------------------------------------------------------


def test_evaluations_are_divided_by_the_largest_and_weights_normalised() -> None:
    genius = read_genius(
        fixture("fruit-domain.xml"),
        {"buyer": fixture("fruit-buyer.xml"), "seller": fixture("fruit-seller.xml")},
    )
    negotiation = genius.negotiation
    assert [issue.levels for issue in negotiation.issues] == [
        ("red", "green", "blue"),
        ("small", "large"),
    ]
    buyer = negotiation.utilities["buyer"]
    assert dict(buyer.weights) == {"colour": 0.75, "size": 0.25}
    assert buyer.values["colour"].table == {"red": 0.5, "green": 1.0, "blue": 0.0}
    assert buyer.values["size"].table == {"small": 0.25, "large": 1.0}
    # Outcomes in order (red, small), (red, large), (green, small), …, (blue, large).
    # buyer: 0.75·colour + 0.25·size; seller: 0.5·(0.5, 0.5, 1) + 0.5·(1, 0).
    found = utilities(negotiation)
    assert found["buyer"].tolist() == [0.4375, 0.625, 0.8125, 1.0, 0.0625, 0.25]
    assert found["seller"].tolist() == [0.75, 0.25, 0.75, 0.25, 1.0, 0.5]
    assert negotiation.batnas["buyer"].value() == 0.4
    assert negotiation.batnas["seller"].value() == 0.0  # no <reservation>
    assert dict(genius.discount_factors) == {"buyer": 0.9, "seller": 1.0}  # 0 reads as 1
    assert genius.name == "Fruit"
    assert negotiation.protocol is None


def test_integer_and_real_issues_with_linear_evaluators() -> None:
    genius = read_genius(
        fixture("parts-domain.xml"),
        {"buyer": fixture("parts-buyer.xml"), "seller": fixture("parts-seller.xml")},
        steps=3,
    )
    negotiation = genius.negotiation
    quantity, price, disk = negotiation.issues
    assert (quantity.id, quantity.range, quantity.steps) == ("quantity", (0.0, 4.0), 5)
    assert (price.id, price.range, price.steps) == ("price", (0.0, 10.0), 3)
    assert (disk.id, disk.levels) == ("Hard_disk", ("1 TB", "2 TB"))
    assert dict(genius.issue_names) == {
        "quantity": "quantity",
        "price": "price",
        "Hard_disk": "Hard disk",
    }
    found = utilities(negotiation)
    space = OutcomeSpace.of(negotiation)
    for outcome in range(space.size):
        q, p, d = space.levels(outcome)
        x, y = float(q), 5.0 * p  # quantity 0..4; price 0, 5, 10
        buyer = 0.25 * (0.25 * x) + 0.25 * (1 - 0.1 * y) + 0.5 * (0.5, 1.0)[d]
        seller = 0.5 * (1 - 0.25 * x) + 0.5 * (0.1 * y)
        assert found["buyer"][outcome] == pytest.approx(buyer, abs=1e-12)
        assert found["seller"][outcome] == pytest.approx(seller, abs=1e-12)
    assert genius.discount_factors["seller"] == 0.5


def test_rounds_give_a_protocol_with_per_round_discounts() -> None:
    genius = read_genius(
        fixture("parts-domain.xml"),
        {"buyer": fixture("parts-buyer.xml"), "seller": fixture("parts-seller.xml")},
        rounds=10,
    )
    protocol = genius.negotiation.protocol
    assert protocol is not None
    assert (protocol.first, protocol.rounds) == ("buyer", 10)
    # 0.5 over normalised time becomes 0.5^(1/10) per round; no discount for the buyer.
    assert dict(protocol.discount) == {"seller": pytest.approx(0.5**0.1, abs=1e-15)}
    assert protocol.discount["seller"] ** 10 == pytest.approx(0.5, abs=1e-12)
    assert genius.per_round_discount("seller", 10) == protocol.discount["seller"]
    assert genius.per_round_discount("buyer", 10) == 1.0


def test_a_profile_may_itemise_an_integer_issue(tmp_path: Path) -> None:
    # NegMAS writes integer issues this way: one discrete item per whole number.
    domain = fixture("parts-domain.xml")
    profile = fixture("parts-buyer.xml").read_text()
    profile = profile.replace(
        '<evaluator ftype="linear" offset="0" slope="0.25"/>',
        "".join(f'<item value="{x}.0" evaluation="{x}"/>' for x in (4, 3, 2, 1, 0)),
    ).replace('etype="integer" type="integer"', 'etype="discrete" type="discrete"', 1)
    (tmp_path / "buyer.xml").write_text(profile)
    seller = fixture("parts-seller.xml")
    itemised = read_genius(domain, {"buyer": tmp_path / "buyer.xml", "seller": seller})
    linear = read_genius(domain, {"buyer": fixture("parts-buyer.xml"), "seller": seller})
    assert itemised.negotiation.utilities["buyer"].values["quantity"].points == tuple(
        (float(x), x / 4) for x in range(5)
    )
    assert np.allclose(
        utilities(itemised.negotiation)["buyer"], utilities(linear.negotiation)["buyer"]
    )


def test_issue_names_are_sanitised_predictably() -> None:
    assert issue_id("price") == "price"
    assert issue_id("Hard disk") == "Hard_disk"
    assert issue_id("  Price (EUR) ") == "Price_EUR"
    assert issue_id("3rd party") == "issue_3rd_party"
    assert issue_id("Größe") == "Gro_e"  # accents go; other letters become "_"
    assert issue_id("or") == "or_"
    assert issue_id("") == "issue"
    assert issue_id("US", taken={"US"}) == "US_2"
    assert issue_id("a b", taken={"a_b", "a_b_2"}) == "a_b_3"


def test_issue_ids_do_not_clash_with_parties_or_each_other(tmp_path: Path) -> None:
    issues = (("US", 1), ("a b", 2), ("a_b", 3))
    domain = "".join(
        f'<issue name="{name}" index="{k}" type="discrete"><item value="x"/></issue>'
        for name, k in issues
    )
    profile = "".join(
        f'<issue name="{name}" index="{k}"><item value="x" evaluation="1"/></issue>'
        f'<weight index="{k}" value="1"/>'
        for name, k in issues
    )
    (tmp_path / "d.xml").write_text(
        f"<utility_space><objective>{domain}</objective></utility_space>"
    )
    (tmp_path / "p.xml").write_text(
        f"<utility_space><objective>{profile}</objective></utility_space>"
    )
    genius = read_genius(tmp_path / "d.xml", {"US": tmp_path / "p.xml", "NK": tmp_path / "p.xml"})
    assert [issue.id for issue in genius.negotiation.issues] == ["US_2", "a_b", "a_b_2"]
    assert list(genius.issue_names.values()) == ["US", "a b", "a_b"]


# -- round trips ---------------------------------------------------------------------------------


def test_korea_round_trip_keeps_every_utility(tmp_path: Path) -> None:
    korea = load(KOREA).negotiation
    assert korea is not None
    paths = write_genius(korea, tmp_path)
    assert [path.name for path in paths] == ["domain.xml", "profile-US.xml", "profile-NK.xml"]
    genius = read_genius(paths[0], {"US": paths[1], "NK": paths[2]})
    before, after = utilities(korea), utilities(genius.negotiation)
    for party in ("US", "NK"):
        assert before[party].shape == after[party].shape == (180,)
        assert np.abs(before[party] - after[party]).max() <= 1e-9
        assert genius.negotiation.batnas[party].value() == korea.batnas[party].value()
    assert [issue.id for issue in genius.negotiation.issues] == [i.id for i in korea.issues]
    assert genius.negotiation.issues[3].levels == ("0%", "25%", "50%", "75%", "100%")
    assert dict(genius.discount_factors) == {"US": 1.0, "NK": 1.0}


def test_the_written_files_are_plain_genius_xml(tmp_path: Path) -> None:
    negotiation = small_negotiation(
        {"price": {"low": 0.0, "high": 0.5}, "speed": {"slow": 0.0, "fast": 0.0}},
        {"price": 1.0, "speed": 3.0},
    )
    domain, profile_a, _ = write_genius(negotiation, tmp_path, name="Deal")
    assert domain.read_text() == (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        "<negotiation_template>\n"
        '  <utility_space number_of_issues="2">\n'
        '    <objective index="0" description="" name="Deal" type="objective" '
        'etype="objective">\n'
        '      <issue name="price" index="1" etype="discrete" type="discrete" vtype="discrete">\n'
        '        <item index="1" value="low" />\n'
        '        <item index="2" value="high" />\n'
        "      </issue>\n"
        '      <issue name="speed" index="2" etype="discrete" type="discrete" vtype="discrete">\n'
        '        <item index="1" value="slow" />\n'
        '        <item index="2" value="fast" />\n'
        "      </issue>\n"
        "    </objective>\n"
        "  </utility_space>\n"
        "</negotiation_template>"
    )
    # A's best outcome is worth 0.25·0.5 = 0.125, so the profile is scaled by 8: price is the
    # only issue that counts (weight 1, evaluations 0 and 1), speed's all-zero values get weight
    # 0 and evaluations 1, and the reservation 0.05 becomes 0.4.
    assert profile_a.read_text() == (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        "<utility_space>\n"
        '  <objective index="0" description="" name="Deal" type="objective" etype="objective">\n'
        '    <issue name="price" index="1" etype="discrete" type="discrete" vtype="discrete">\n'
        '      <item index="1" value="low" evaluation="0.0" />\n'
        '      <item index="2" value="high" evaluation="1.0" />\n'
        "    </issue>\n"
        '    <weight index="1" value="1.0" />\n'
        '    <issue name="speed" index="2" etype="discrete" type="discrete" vtype="discrete">\n'
        '      <item index="1" value="slow" evaluation="1.0" />\n'
        '      <item index="2" value="fast" evaluation="1.0" />\n'
        "    </issue>\n"
        '    <weight index="2" value="0.0" />\n'
        "  </objective>\n"
        '  <reservation value="0.4" />\n'
        '  <discount_factor value="1.0" />\n'
        "</utility_space>"
    )


def small_negotiation(
    values: dict[str, dict[str, float]], weights: dict[str, float], batna: float = 0.05
) -> Negotiation:
    """Two parties, discrete issues: A has the given values, B values every level 1."""
    issues = tuple(Issue(name, tuple(table), None, None, len(table), WHERE) for name, table in
                   values.items())  # fmt: skip
    utility_a = Utility(
        weights, {name: IssueValues(table, None, WHERE) for name, table in values.items()}, WHERE
    )
    ones = {name: IssueValues(dict.fromkeys(table, 1.0), None, WHERE) for name, table in
            values.items()}  # fmt: skip
    utility_b = Utility(dict.fromkeys(values, 1.0), ones, WHERE)
    return Negotiation(
        ("A", "B"),
        issues,
        {"A": utility_a, "B": utility_b},
        {"A": sure(batna), "B": sure(0.0)},
        (),
        None,
        WHERE,
    )


def sure(value: float) -> Batna:
    return Batna((Alternative("batna", value, MappingProxyType({}), value, WHERE),), WHERE)


@st.composite
def negotiations(draw: st.DrawFn) -> Negotiation:
    """Two parties, 1–3 issues (discrete or ranges with piecewise-linear values), any weights."""
    fractions = st.integers(0, 20).map(lambda k: k / 20)
    issues = []
    for k in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            count = draw(st.integers(1, 4))
            issues.append(Issue(f"i{k}", tuple(f"l{j}" for j in range(count)), None, None, count,
                                WHERE))  # fmt: skip
        else:
            low = draw(st.integers(-5, 5))
            bounds = (float(low), float(low + draw(st.integers(1, 10))))
            unit = draw(st.sampled_from([None, "%", "km"]))
            issues.append(Issue(f"i{k}", (), bounds, unit, draw(st.integers(1, 5)), WHERE))
    utilities = {}
    for party in ("A", "B"):
        weights = {issue.id: float(draw(st.integers(0, 5))) for issue in issues}
        assume(sum(weights.values()) > 0)
        values = {}
        for issue in issues:
            if issue.range is None:
                table = {level: draw(fractions) for level in issue.levels}
                values[issue.id] = IssueValues(table, None, WHERE)
            else:
                start, end = issue.range
                xs = draw(st.lists(st.integers(int(start) - 2, int(end) + 2), min_size=1,
                                   max_size=3, unique=True))  # fmt: skip
                points = tuple((float(x), draw(fractions)) for x in sorted(xs))
                values[issue.id] = IssueValues(None, points, WHERE)
        utilities[party] = Utility(weights, values, WHERE)
    batnas = {party: sure(draw(fractions)) for party in ("A", "B")}
    return Negotiation(("A", "B"), tuple(issues), utilities, batnas, (), None, WHERE)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(negotiation=negotiations())
def test_round_trip_keeps_utilities_up_to_the_scale_genius_imposes(
    negotiation: Negotiation, tmp_path: Path
) -> None:
    before = utilities(negotiation)
    assume(all(before[party].max() > 0 for party in ("A", "B")))
    paths = write_genius(negotiation, tmp_path / "out")
    after = read_genius(paths[0], {"A": paths[1], "B": paths[2]}).negotiation
    found = utilities(after)
    for party in ("A", "B"):
        best = float(before[party].max())  # additive: the sum of each issue's weighted best
        assert np.abs(found[party] - before[party] / best).max() <= 1e-9
        expected = min(1.0, negotiation.batnas[party].value() / best)
        assert after.batnas[party].value() == pytest.approx(expected, abs=1e-12)
        assert math.isclose(found[party].max(), 1.0, abs_tol=1e-9)


def test_points_that_read_alike_are_written_exactly(tmp_path: Path) -> None:
    issue = Issue("big", (), (1_000_000.0, 1_000_001.0), None, 3, WHERE)
    assert issue.labels() == ("1e+06", "1e+06", "1e+06")
    values = IssueValues(None, ((1_000_000.0, 0.0), (1_000_001.0, 1.0)), WHERE)
    utility = Utility({"big": 1.0}, {"big": values}, WHERE)
    negotiation = Negotiation(("A", "B"), (issue,), {"A": utility, "B": utility},
                              {"A": sure(0), "B": sure(0)}, (), None, WHERE)  # fmt: skip
    paths = write_genius(negotiation, tmp_path)
    back = read_genius(paths[0], {"A": paths[1], "B": paths[2]}).negotiation
    assert back.issues[0].levels == ("1000000.0", "1000000.5", "1000001.0")
    assert utilities(back)["A"].tolist() == [0.0, 0.5, 1.0]


def test_discount_factors_follow_the_protocol_or_the_argument(tmp_path: Path) -> None:
    text = KOREA.read_text() + ("  protocol:\n    rounds: 40\n    discount: {US: 0.99}\n")
    korea = loads(text).negotiation
    assert korea is not None
    paths = write_genius(korea, tmp_path / "protocol")
    genius = read_genius(paths[0], {"US": paths[1], "NK": paths[2]}, rounds=40)
    assert genius.discount_factors["US"] == pytest.approx(0.99**40, abs=1e-15)
    assert genius.discount_factors["NK"] == 1.0
    assert genius.negotiation.protocol is not None
    assert dict(genius.negotiation.protocol.discount) == {"US": pytest.approx(0.99, abs=1e-12)}
    paths = write_genius(korea, tmp_path / "given", discount_factors={"NK": 0.8})
    genius = read_genius(paths[0], {"US": paths[1], "NK": paths[2]})
    assert dict(genius.discount_factors) == {"US": 1.0, "NK": 0.8}


# -- scenario text -------------------------------------------------------------------------------


def same_negotiation(first: Negotiation, second: Negotiation) -> None:
    """Equal in everything but file positions."""
    assert first.parties == second.parties
    assert [(i.id, i.levels, i.range, i.unit, i.steps) for i in first.issues] == [
        (i.id, i.levels, i.range, i.unit, i.steps) for i in second.issues
    ]
    for party in first.parties:
        one, other = first.utilities[party], second.utilities[party]
        assert dict(one.weights) == dict(other.weights)
        for issue, values in one.values.items():
            assert values.points == other.values[issue].points
            assert values.table == other.values[issue].table
        assert strip(first.batnas[party]) == strip(second.batnas[party])
    assert [(b.holder, b.about, b.batna and strip(b.batna)) for b in first.beliefs] == [
        (b.holder, b.about, b.batna and strip(b.batna)) for b in second.beliefs
    ]


def strip(batna: Batna) -> list[tuple[str, float, dict[str, float], float]]:
    return [(a.name, a.utility, dict(a.needs), a.otherwise) for a in batna.alternatives]


def test_to_yaml_writes_a_scenario_that_loads_back_the_same() -> None:
    korea = load(KOREA).negotiation
    assert korea is not None
    scenario = loads(to_yaml(korea, "Korea", description="Round trip."))
    assert (scenario.title, scenario.description) == ("Korea", "Round trip.")
    assert [party.id for party in scenario.parties] == ["US", "NK", "China", "ROK"]
    assert scenario.negotiation is not None
    same_negotiation(korea, scenario.negotiation)
    assert scenario.negotiation.beliefs[0].batna is not None


def test_to_yaml_writes_the_protocol_and_believed_utilities() -> None:
    extra = """\
    NK:
      US:
        utilities: {weights: {program: 1}, values: {program: {none: 0, moratorium: 0.5,
                    verified_freeze: 0.75, rollback: 1}}}
  protocol:
    first: NK
    rounds: 30
    deadline: {US: 12}
    discount: {US: 0.97, NK: 0.99}
    breakdown: 0.02
    strategies:
      US: {boulware: {exponent: 0.2}}
      NK: stall
    uncertain:
      batna.NK: {uniform: [0.45, 0.65]}
      discount.US: {normal: [0.97, 0.01]}
      deadline.US: {choice: [12, 24, none], p: [0.6, 0.3, 0.1]}
      strategy.NK: {choice: [stall, boulware]}
"""
    original = loads(KOREA.read_text() + extra)  # the file ends inside 'beliefs'
    negotiation = original.negotiation
    assert negotiation is not None
    assert negotiation.protocol is not None
    again = loads(to_yaml(negotiation, "Korea")).negotiation
    assert again is not None
    assert again.protocol is not None
    same_negotiation(negotiation, again)
    believed = again.belief("NK", "US")
    assert believed is not None
    assert believed.utility is not None
    assert dict(believed.utility.values["program"].table or {}) == {
        "none": 0, "moratorium": 0.5, "verified_freeze": 0.75, "rollback": 1,
    }  # fmt: skip
    one, other = negotiation.protocol, again.protocol
    assert (one.first, one.rounds, one.breakdown) == (other.first, other.rounds, other.breakdown)
    assert dict(one.deadline) == dict(other.deadline)
    assert dict(one.discount) == dict(other.discount)
    assert {p: (s.name, dict(s.parameters)) for p, s in one.strategies.items()} == {
        p: (s.name, dict(s.parameters)) for p, s in other.strategies.items()
    }
    assert {n: (d.kind, d.parameters, d.values, d.probabilities) for n, d in
            one.uncertain.items()} == {n: (d.kind, d.parameters, d.values, d.probabilities)
                                       for n, d in other.uncertain.items()}  # fmt: skip


def test_an_import_becomes_a_scenario(tmp_path: Path) -> None:
    genius = read_genius(
        fixture("parts-domain.xml"),
        {"buyer": fixture("parts-buyer.xml"), "seller": fixture("parts-seller.xml")},
        rounds=20,
    )
    text = to_yaml(genius.negotiation, f"{genius.name}, from GENIUS")
    scenario = loads(text)
    assert scenario.negotiation is not None
    same_negotiation(genius.negotiation, scenario.negotiation)
    assert scenario.negotiation.protocol is not None
    assert dict(scenario.negotiation.protocol.discount) == dict(
        genius.negotiation.protocol.discount  # type: ignore[union-attr]
    )
    for party in ("buyer", "seller"):
        assert np.array_equal(
            utilities(scenario.negotiation)[party], utilities(genius.negotiation)[party]
        )


# -- errors --------------------------------------------------------------------------------------

DOMAIN = """\
<negotiation_template>
  <utility_space>
    <objective name="D">
      <issue name="price" index="1" type="discrete">
        <item value="low"/>
        <item value="high"/>
      </issue>
      <issue name="speed" index="2" type="integer" lowerbound="0" upperbound="2"/>
    </objective>
  </utility_space>
</negotiation_template>
"""
PROFILE = """\
<utility_space>
  <objective>
    <issue name="price" index="1" type="discrete">
      <item value="low" evaluation="1"/>
      <item value="high" evaluation="2"/>
    </issue>
    <issue name="speed" index="2" type="integer">
      <evaluator ftype="linear" offset="0" slope="0.5"/>
    </issue>
    <weight index="1" value="0.6"/>
    <weight index="2" value="0.4"/>
  </objective>
  <reservation value="0.2"/>
</utility_space>
"""


def exactly(message: str) -> str:
    """A pattern matching ``message`` and nothing else."""
    return "^" + re.escape(message) + "$"


def edit(text: str, changes: tuple[tuple[str, str], ...]) -> str:
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def error(case_id: str, domain: Any = (), profile: Any = (), *expected: str) -> Any:
    return pytest.param(tuple(domain), tuple(profile), list(expected), id=case_id)


ERRORS = [
    error(
        "unknown-issue-type",
        [('type="integer" lowerbound="0" upperbound="2"', 'type="boolean"')],
        [],
        "domain.xml:8:7: error: issue 'speed' has type 'boolean' (standoff reads 'discrete', "
        "'integer', 'real')",
    ),
    error(
        "unknown-element-in-issue",
        [('<item value="high"/>', '<value name="high"/>')],
        [],
        "domain.xml:6:9: error: unsupported element <value> in issue 'price' (expected <item>)",
    ),
    error(
        "unknown-element-in-objective",
        [],
        [('<weight index="2" value="0.4"/>', '<weight index="2" value="0.4"/><bias value="1"/>')],
        "A.xml:11:36: error: unsupported element <bias> in the <objective> (expected <issue>, "
        "<weight>)",
    ),
    error(
        "nested-objective",
        [('<issue name="speed"', '<objective/><issue name="speed"')],
        [],
        "domain.xml:8:7: error: nested objectives are not supported: standoff reads issues "
        "directly under the <objective>",
    ),
    error(
        "non-linear-profile",
        [],
        [("  </objective>", '    <utility maxutility="1"/>\n  </objective>')],
        "A.xml:12:5: error: non-linear utility spaces (<utility>) are not supported: standoff "
        "reads additive ones (weights and evaluations)",
    ),
    error(
        "missing-weight",
        [],
        [('    <weight index="2" value="0.4"/>\n', "")],
        "A.xml:7:5: error: issue 'speed' has no weight (expected <weight index=\"2\" "
        'value="..."/>)',
    ),
    error(
        "weight-of-no-issue",
        [],
        [
            (
                '<weight index="2" value="0.4"/>',
                '<weight index="2" value="0.4"/><weight index="3" value="1"/>',
            )
        ],
        "A.xml:11:36: error: weight index 3 names no issue of the domain (its issue indexes are "
        "1, 2)",
    ),
    error(
        "weights-all-zero",
        [],
        [('value="0.6"', 'value="0"'), ('value="0.4"', 'value="0"')],
        "A.xml:2:3: error: the issue weights must sum to a positive number",
    ),
    error(
        "negative-evaluation",
        [],
        [('evaluation="1"', 'evaluation="-1"')],
        "A.xml:4:7: error: the evaluation of 'low' must be at least 0, found -1",
    ),
    error(
        "evaluation-not-a-number",
        [],
        [('evaluation="1"', 'evaluation="one"')],
        "A.xml:4:7: error: the evaluation of 'low' must be a number, found 'one'",
    ),
    error(
        "all-evaluations-zero",
        [],
        [('evaluation="1"', 'evaluation="0"'), ('evaluation="2"', 'evaluation="0"')],
        "A.xml:3:5: error: every evaluation of issue 'price' is 0, so they cannot be normalised "
        "(GENIUS divides them by the largest)",
    ),
    error(
        "profile-issue-not-in-domain",
        [],
        [('name="price"', 'name="prize"')],
        "A.xml:2:3: error: the profile gives no evaluations for issue 'price'",
        "A.xml:3:5: error: issue 'prize' is not in the domain (did you mean 'price'?)",
    ),
    error(
        "profile-issue-not-in-domain-no-hint",
        [],
        [('name="speed"', 'name="colour"')],
        "A.xml:2:3: error: the profile gives no evaluations for issue 'speed'",
        "A.xml:7:5: error: issue 'colour' is not in the domain (its issues are 'price', 'speed')",
    ),
    error(
        "unknown-item",
        [],
        [('value="high" evaluation', 'value="hihg" evaluation')],
        "A.xml:3:5: error: issue 'price' gives no evaluation for item(s) 'high'",
        "A.xml:5:7: error: 'hihg' is not an item of issue 'price' (did you mean 'high'?)",
    ),
    error(
        "index-disagrees",
        [],
        [('name="speed" index="2"', 'name="speed" index="3"')],
        "A.xml:7:5: error: issue 'speed' has index 3 here but 2 in the domain",
    ),
    error(
        "type-disagrees",
        [],
        [('name="speed" index="2" type="integer"', 'name="speed" index="2" type="real"')],
        "A.xml:7:5: error: issue 'speed' is real here but integer in the domain",
    ),
    error(
        "unsupported-evaluator",
        [],
        [('ftype="linear"', 'ftype="triangular"')],
        "A.xml:8:7: error: evaluator type 'triangular' of issue 'speed' is not supported "
        "(standoff reads 'linear' evaluators of integer and real issues)",
    ),
    error(
        "evaluator-without-coefficients",
        [],
        [('offset="0" slope="0.5"', 'lowerbound="0" upperbound="1"')],
        "A.xml:8:7: error: the linear evaluator of issue 'speed' needs 'offset' and 'slope' (or "
        "'parameter0' and 'parameter1')",
    ),
    error(
        "evaluator-leaves-zero-one",
        [],
        [('slope="0.5"', 'slope="0.75"')],
        "A.xml:8:7: error: the linear evaluator of issue 'speed' gives 1.5 at 2: evaluations "
        "must lie in [0, 1]",
    ),
    error(
        "missing-evaluator",
        [],
        [('<evaluator ftype="linear" offset="0" slope="0.5"/>', "")],
        "A.xml:7:5: error: integer issue 'speed' needs one <evaluator>, found 0",
    ),
    error(
        "itemised-integer-off-the-grid",
        [],
        [
            (
                'type="integer">\n      <evaluator ftype="linear" offset="0" slope="0.5"/>',
                'type="discrete"><item value="0" evaluation="1"/>'
                '<item value="2.5" evaluation="1"/>',
            )
        ],
        "A.xml:7:5: error: issue 'speed' gives no evaluation for item(s) '1', '2'",
        "A.xml:7:83: error: '2.5' is not an item of issue 'speed' (its values are the whole "
        "numbers 0 to 2)",
    ),
    error(
        "reservation-above-one",
        [],
        [('<reservation value="0.2"/>', '<reservation value="1.5"/>')],
        "A.xml:13:3: error: the reservation value must be in [0, 1], found 1.5",
    ),
    error(
        "duplicate-item",
        [('<item value="high"/>', '<item value="low"/>')],
        [],
        "domain.xml:6:9: error: item 'low' of issue 'price' is listed twice",
    ),
    error(
        "duplicate-issue-index",
        [('name="speed" index="2"', 'name="speed" index="1"')],
        [],
        "domain.xml:8:7: error: issue 'speed' has index 1, already used by issue 'price'",
    ),
    error(
        "bounds-not-increasing",
        [('lowerbound="0" upperbound="2"', 'lowerbound="2" upperbound="2"')],
        [],
        "domain.xml:8:7: error: the bounds of issue 'speed' must go from a lower to a higher "
        "number, found [2, 2]",
    ),
    error(
        "integer-bound-not-whole",
        [('upperbound="2"', 'upperbound="2.5"')],
        [],
        "domain.xml:8:7: error: the upper bound of 'speed' must be a whole number, found '2.5'",
    ),
    error(
        "missing-bounds",
        [(' lowerbound="0" upperbound="2"', "")],
        [],
        "domain.xml:8:7: error: integer issue 'speed' needs 'lowerbound' and 'upperbound' (as "
        "attributes or on a <range>)",
    ),
    error(
        "issue-without-name",
        [('name="price" ', "")],
        [],
        "domain.xml:4:7: error: an <issue> needs a 'name'",
    ),
    error(
        "issue-defined-twice",
        [('name="speed" index="2"', 'name="price" index="2"')],
        [],
        "domain.xml:8:7: error: issue 'price' is defined twice (first at line 4)",
    ),
    error(
        "issue-without-items",
        [('<item value="low"/>', ""), ('<item value="high"/>', "")],
        [],
        "domain.xml:4:7: error: issue 'price' lists no <item>",
    ),
    error(
        "item-without-value",
        [('<item value="high"/>', '<item name="high"/>')],
        [],
        "domain.xml:6:9: error: an <item> of issue 'price' has no 'value'",
    ),
    error(
        "issue-without-index",
        [('name="speed" index="2"', 'name="speed"')],
        [],
        "domain.xml:8:7: error: the index of issue 'speed' is missing (expected an attribute "
        "'index')",
    ),
    error(
        "too-many-integers",
        [('upperbound="2"', 'upperbound="20000"')],
        [],
        "domain.xml:8:7: error: integer issue 'speed' has 20,001 values, more than 10,000",
    ),
    error(
        "unknown-element-in-range-issue",
        [('upperbound="2"/>', 'upperbound="2"><item value="x"/></issue>')],
        [],
        "domain.xml:8:82: error: unsupported element <item> in integer issue 'speed' (expected "
        "<range>)",
    ),
    error(
        "no-issues",
        [
            ('<issue name="price" index="1" type="discrete">', "<!--"),
            ('upperbound="2"/>', 'upperbound="2"/>-->'),
        ],
        [],
        "domain.xml:3:5: error: the domain has no <issue>",
    ),
    error(
        "two-objectives",
        [("  </utility_space>", "    <objective/>\n  </utility_space>")],
        [],
        "domain.xml:10:5: error: a <utility_space> holds one <objective>, found a second one",
    ),
    error(
        "no-objective",
        [('<objective name="D">', "<objectives>"), ("</objective>", "</objectives>")],
        [],
        "domain.xml:2:3: error: the <utility_space> has no <objective> (which holds the issues)",
        "domain.xml:3:5: error: unsupported element <objectives> in <utility_space> (expected "
        "<objective>, <reservation>, <discount_factor>)",
    ),
    error(
        "two-utility-spaces",
        [("</negotiation_template>", "<utility_space/><info/></negotiation_template>")],
        [],
        "domain.xml:1:1: error: a GENIUS domain's <negotiation_template> holds one "
        "<utility_space>, found 2",
        "domain.xml:11:17: error: unsupported element <info> in <negotiation_template> (expected "
        "<utility_space>)",
    ),
    error(
        "weighted-twice",
        [],
        [('<weight index="2" value="0.4"/>', '<weight index="1" value="0.4"/>')],
        "A.xml:7:5: error: issue 'speed' has no weight (expected <weight index=\"2\" "
        'value="..."/>)',
        "A.xml:11:5: error: issue index 1 is weighted twice (first at line 10)",
    ),
    error(
        "weight-not-whole",
        [],
        [('<weight index="2" value="0.4"/>', '<weight index="2.5" value="0.4"/>')],
        "A.xml:7:5: error: issue 'speed' has no weight (expected <weight index=\"2\" "
        'value="..."/>)',
        "A.xml:11:5: error: a weight's issue index must be a whole number, found '2.5'",
    ),
    error(
        "profile-issue-without-name",
        [],
        [('<issue name="speed" index="2" type="integer">', '<issue index="2" type="integer">')],
        "A.xml:2:3: error: the profile gives no evaluations for issue 'speed'",
        "A.xml:7:5: error: an <issue> needs a 'name'",
    ),
    error(
        "issue-evaluated-twice",
        [],
        [
            (
                '<weight index="1"',
                '<issue name="price"><item value="low" evaluation="1"/></issue><weight index="1"',
            )
        ],
        "A.xml:10:5: error: issue 'price' is evaluated twice (first at line 3)",
    ),
    error(
        "profile-item-trouble",
        [],
        [
            (
                '<item value="low" evaluation="1"/>',
                '<item value="low" evaluation="1"/><evaluation/>'
                '<item evaluation="1"/><item value="low" evaluation="1"/>',
            )
        ],
        "A.xml:4:41: error: unsupported element <evaluation> in issue 'price' (expected <item>)",
        "A.xml:4:54: error: an <item> of issue 'price' has no 'value'",
        "A.xml:4:76: error: item 'low' of issue 'price' is evaluated twice",
    ),
    error(
        "profile-issue-without-items",
        [],
        [('<item value="low" evaluation="1"/>', ""), ('<item value="high" evaluation="2"/>', "")],
        "A.xml:3:5: error: issue 'price' gives no evaluations",
    ),
    error(
        "two-evaluators",
        [],
        [
            (
                'slope="0.5"/>',
                'slope="0.5"/><evaluator ftype="linear" offset="0" slope="0.5"/><item/>',
            )
        ],
        "A.xml:7:5: error: integer issue 'speed' needs one <evaluator>, found 2",
        "A.xml:8:107: error: unsupported element <item> in integer issue 'speed' (expected "
        "<evaluator>)",
    ),
    error(
        "evaluator-coefficient-not-a-number",
        [],
        [('slope="0.5"', 'slope="half"')],
        "A.xml:8:7: error: 'slope' must be a number, found 'half'",
    ),
    error(
        "domain-not-genius",
        [("<negotiation_template>", "<domain>"), ("</negotiation_template>", "</domain>")],
        [],
        "domain.xml:1:1: error: expected a GENIUS domain (a <negotiation_template> or "
        "<utility_space> root), found <domain>",
    ),
    error(
        "domain-as-profile",
        [],
        [
            ("<utility_space>", "<negotiation_template><utility_space>"),
            ("</utility_space>", "</utility_space></negotiation_template>"),
        ],
        "A.xml:1:1: error: expected a GENIUS profile (a <utility_space> root), found "
        "<negotiation_template> (this looks like a domain file)",
    ),
    error(
        "malformed-xml",
        [],
        [('    </issue>\n    <issue name="speed"', '    <issue name="speed"')],
        "A.xml:11:5: error: malformed XML: mismatched tag",
    ),
    error(
        "doctype-refused",
        [("<negotiation_template>", '<!DOCTYPE x [<!ENTITY a "a">]>\n<negotiation_template>')],
        [],
        "domain.xml:1:1: error: document type declarations (<!DOCTYPE ...>) are not allowed: "
        "they can declare entities, which standoff refuses to expand",
    ),
]


@pytest.mark.parametrize(("domain_changes", "profile_changes", "expected"), ERRORS)
def test_errors(
    domain_changes: tuple[tuple[str, str], ...],
    profile_changes: tuple[tuple[str, str], ...],
    expected: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("domain.xml").write_text(edit(DOMAIN, domain_changes))
    Path("A.xml").write_text(edit(PROFILE, profile_changes))
    Path("B.xml").write_text(PROFILE)
    with pytest.raises(ScenarioError) as caught:
        read_genius("domain.xml", {"A": "A.xml", "B": "B.xml"})
    assert str(caught.value).splitlines() == expected


def test_the_unchanged_error_files_are_valid(tmp_path: Path) -> None:
    (tmp_path / "d.xml").write_text(DOMAIN)
    (tmp_path / "p.xml").write_text(PROFILE)
    genius = read_genius(tmp_path / "d.xml", {"A": tmp_path / "p.xml", "B": tmp_path / "p.xml"})
    # price: 0.6·(0.5, 1); speed: 0.4·(0, 0.5, 1).
    assert utilities(genius.negotiation)["A"].tolist() == pytest.approx(
        [0.3, 0.5, 0.7, 0.6, 0.8, 1.0], abs=1e-12
    )


def test_every_profile_is_checked_before_reporting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("domain.xml").write_text(DOMAIN)
    Path("A.xml").write_text(edit(PROFILE, (('evaluation="1"', 'evaluation="-1"'),)))
    Path("B.xml").write_text("<utility_space>")
    with pytest.raises(ScenarioError) as caught:
        read_genius("domain.xml", {"A": "A.xml", "B": "B.xml", "C": "missing.xml"})
    assert str(caught.value).splitlines() == [
        "A.xml:4:7: error: the evaluation of 'low' must be at least 0, found -1",
        "B.xml:1:16: error: malformed XML: no element found",
        "missing.xml:1:1: error: no such file",
    ]


def test_a_profile_can_serve_as_the_domain() -> None:
    profiles = {"buyer": fixture("fruit-buyer.xml"), "seller": fixture("fruit-seller.xml")}
    from_profile = read_genius(fixture("fruit-buyer.xml"), profiles).negotiation
    from_domain = read_genius(fixture("fruit-domain.xml"), profiles).negotiation
    assert from_profile.issues[0].levels == from_domain.issues[0].levels
    for party in profiles:
        assert utilities(from_profile)[party].tolist() == utilities(from_domain)[party].tolist()


def test_files_that_are_not_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("domain.xml").write_text(DOMAIN)
    Path("empty.xml").write_text("<utility_space/>")
    Path("folder").mkdir()
    itemised = edit(
        PROFILE, (('type="integer">', 'type="discrete"><item value="two" evaluation="1"/>'),)
    )
    Path("items.xml").write_text(itemised)
    with pytest.raises(ScenarioError) as caught:
        read_genius("domain.xml", {"A": "empty.xml", "B": "folder", "C": "items.xml"})
    assert str(caught.value).splitlines() == [
        "empty.xml:1:1: error: the <utility_space> has no <objective> (which holds the issues)",
        "folder:1:1: error: is a directory (expected an XML file)",
        "items.xml:7:51: error: 'two' is not an item of issue 'speed' (its values are the whole "
        "numbers 0 to 2)",
        "items.xml:8:7: error: unsupported element <evaluator> in issue 'speed' (expected <item>)",
    ]


def test_entity_expansion_is_never_attempted(tmp_path: Path) -> None:
    laughs = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(8)
    )
    (tmp_path / "bomb.xml").write_text(f"<!DOCTYPE x [{laughs}]><x>&i;</x>")
    with pytest.raises(ScenarioError, match="document type declarations"):
        read_genius(tmp_path / "bomb.xml", {"A": tmp_path / "bomb.xml", "B": tmp_path / "b.xml"})


@pytest.mark.parametrize(
    ("profiles", "arguments", "message"),
    [
        pytest.param({"A": "p"}, {}, "a negotiation needs at least two parties, found 1",
                     id="one-party"),
        pytest.param({"A": "p", "2B": "p"}, {}, "'2B' is not a valid party id (expected letters, "
                     "digits and '_', not starting with a digit, and not a reserved word)",
                     id="bad-party-id"),
        pytest.param({"A": "p", "B": "p"}, {"steps": 0}, "steps must be in [1, 10000], found 0",
                     id="steps"),
        pytest.param({"A": "p", "B": "p", "C": "p"}, {"rounds": 10},
                     "a protocol needs exactly two parties, found 3", id="protocol-parties"),
        pytest.param({"A": "p", "B": "p"}, {"rounds": 0}, "rounds must be at least 1, found 0",
                     id="rounds"),
    ],
)  # fmt: skip
def test_bad_arguments(profiles: dict[str, str], arguments: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=exactly(message)):
        read_genius("domain.xml", profiles, **arguments)


def test_a_utility_that_is_zero_everywhere_cannot_be_written(tmp_path: Path) -> None:
    negotiation = small_negotiation({"price": {"low": 0.0, "high": 0.0}}, {"price": 1.0})
    with pytest.raises(ScenarioError) as caught:
        write_genius(negotiation, tmp_path)
    assert str(caught.value) == (
        "test:1:1: error: the utility of 'A' is 0 for every outcome, which a GENIUS profile "
        "cannot express (GENIUS utilities reach 1)"
    )
    assert not list(tmp_path.iterdir())  # nothing written


def test_bad_discount_factors_are_refused(tmp_path: Path) -> None:
    negotiation = small_negotiation({"price": {"low": 0.0, "high": 1.0}}, {"price": 1.0})
    with pytest.raises(
        ValueError, match=exactly("discount_factors names 'C', which is not at the table")
    ):
        write_genius(negotiation, tmp_path, discount_factors={"C": 0.5})
    with pytest.raises(ValueError, match=r"^the discount factor of 'A' must be in \[0, 1\], found"):
        write_genius(negotiation, tmp_path, discount_factors={"A": 1.5})


def test_per_round_discount_needs_a_round() -> None:
    genius = GeniusNegotiation(
        small_negotiation({"p": {"x": 1.0}}, {"p": 1.0}), {"A": 0.5}, {}, "n", "d", {}
    )
    with pytest.raises(ValueError, match=exactly("rounds must be at least 1, found 0")):
        genius.per_round_discount("A", 0)


# -- the documentation ---------------------------------------------------------------------------

DOCS = ROOT / "docs" / "genius.md"


def fenced(language: str) -> list[str]:
    """The fenced blocks of docs/genius.md in ``language``."""
    return re.findall(rf"^```{language}\n(.*?)^```$", DOCS.read_text(), flags=re.S | re.M)


def test_the_python_example_of_the_page_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(tempfile, "mkdtemp", lambda: str(tmp_path))
    (block,) = fenced("python")
    test = doctest.DocTestParser().get_doctest(block, {}, "genius.md", str(DOCS), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert (result.failed, result.attempted > 5) == (0, True)
    assert (tmp_path / "profile-NK.xml").exists()


def test_the_errors_the_page_shows_are_the_real_ones() -> None:
    (block,) = fenced("text")
    shown = block.strip().splitlines()
    real = {line for case in ERRORS for line in case.values[2]}
    assert shown
    assert [line for line in shown if line not in real] == []


def test_levels_with_markup_and_accents_survive_the_files_and_the_scenario(tmp_path: Path) -> None:
    odd = {'a&b "c" <d>': 0.0, "Größe ✓": 1.0, "yes": 0.5, "12": 0.25}
    negotiation = small_negotiation({"choice": odd}, {"choice": 1.0})
    paths = write_genius(negotiation, tmp_path)
    back = read_genius(paths[0], {"A": paths[1], "B": paths[2]}).negotiation
    assert back.issues[0].levels == tuple(odd)
    assert back.utilities["A"].values["choice"].table == odd
    scenario = loads(to_yaml(back, "Odd levels")).negotiation
    assert scenario is not None
    assert scenario.issues[0].levels == tuple(odd)
    assert utilities(scenario)["A"].tolist() == list(odd.values())
