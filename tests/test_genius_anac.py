"""Every shape of domain and profile file that GENIUS reads in the ANAC competitions, one test each.

Each test writes a small file of that shape (hand-written here, nothing downloaded): the ``<agent>``
slots of the ANAC 2010-2012 templates, items and weights written with a closing tag, attributes
GENIUS does not use, ``type``/``etype``/``vtype`` in their combinations, ``<description>`` notes,
the uncertain profiles of ANAC 2018-2019, integer issues measured from their lower bound, and the
constructs GENIUS fails on or builds a non-additive space from, which are refused with exact
messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from standoff.bargaining import OutcomeSpace
from standoff.errors import ScenarioError
from standoff.interop import GeniusNegotiation, read_genius
from standoff.scenario._negotiation_model import Negotiation

# The ANAC 2012 Camera template, cut to two issues: two empty <agent> slots before the
# <utility_space>, items written with a closing tag around a tab.
TEMPLATE = """\
<?xml version="1.0"?>
<negotiation_template number_of_sessions="1">
  <agent class="" name="" utility_space="">\t</agent>
  <agent class="" name="" utility_space="">\t</agent>
  <utility_space number_of_issues="0">
    <objective index="0" description="" name="root" etype="objective" type="objective">
      <issue index="1" name="Maker" etype="discrete" type="discrete" vtype="discrete">
        <item index="1" value="Canon">\t\t</item>
        <item index="2" value="Nikon">\t\t</item>
        <item index="3" value="Pentax">\t\t</item>
      </issue>
      <issue index="2" name="Body" etype="discrete" type="discrete" vtype="discrete">
        <item index="1" value="Full size">\t\t</item>
        <item index="2" value="compact">\t\t</item>
      </issue>
    </objective>
  </utility_space>
</negotiation_template>
"""

# A profile of that domain as ANAC 2012 wrote them: cost attributes, closing tags around
# whitespace, the discount factor before the reservation value, both after the objective.
PROFILE = """\
<?xml version="1.0"?>
<utility_space>
  <objective index="0" description="" name="root" type="objective" etype="objective">
    <issue index="1" name="Maker" vtype="discrete" type="discrete" etype="discrete">
      <item index="1" value="Canon" cost="0.0" evaluation="320">\t\t\t</item>
      <item index="2" value="Nikon" cost="0.0" evaluation="160">\t\t\t</item>
      <item index="3" value="Pentax" cost="0.0" evaluation="0">\t\t\t</item>
    </issue>
    <issue index="2" name="Body" vtype="discrete" type="discrete" etype="discrete">
      <item index="1" value="Full size" cost="0.0" evaluation="150">\t\t\t</item>
      <item index="2" value="compact" cost="0.0" evaluation="30">\t\t\t</item>
    </issue>
    <weight index="1" value="0.75">\t\t</weight>
    <weight index="2" value="0.25">\t\t</weight>
  </objective>
  <discount_factor value="0.50" />
<reservation value="0.25" />

</utility_space>
"""

# The utilities of PROFILE over the outcomes (Canon, Full size), (Canon, compact), (Nikon, ...):
# 0.75 * (1, 0.5, 0) + 0.25 * (1, 0.2).
CAMERA = [1.0, 0.8, 0.625, 0.425, 0.25, 0.05]


def utilities(negotiation: Negotiation) -> dict[str, list[float]]:
    space = OutcomeSpace.of(negotiation)
    return {p: space.utilities(negotiation.utilities[p]).tolist() for p in negotiation.parties}


def read(tmp_path: Path, domain: str, *profiles: str, **arguments: Any) -> GeniusNegotiation:
    """Read ``domain`` with one profile per party A, B, ... (one profile serves A and B)."""
    (tmp_path / "domain.xml").write_text(domain, encoding="utf-8")
    texts = profiles if len(profiles) > 1 else (*profiles, profiles[0])
    paths = {}
    for party, text in zip("ABC", texts, strict=False):
        paths[party] = tmp_path / f"{party}.xml"
        paths[party].write_text(text, encoding="utf-8")
    return read_genius(tmp_path / "domain.xml", paths, **arguments)


def refused(tmp_path: Path, domain: str, profile: str, other: str = PROFILE) -> list[str]:
    """The lines of the error reading ``domain`` with ``profile`` for A and ``other`` for B."""
    with pytest.raises(ScenarioError) as caught:
        read(tmp_path, domain, profile, other)
    return [line.replace(f"{tmp_path}/", "") for line in str(caught.value).splitlines()]


def edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


# -- domains ---------------------------------------------------------------------------------------


def test_the_agent_slots_of_an_anac_2012_template_are_skipped(tmp_path: Path) -> None:
    genius = read(tmp_path, TEMPLATE, PROFILE)
    negotiation = genius.negotiation
    assert [issue.levels for issue in negotiation.issues] == [
        ("Canon", "Nikon", "Pentax"),
        ("Full size", "compact"),
    ]
    assert utilities(negotiation)["A"] == pytest.approx(CAMERA, abs=1e-12)
    assert genius.name == "root"


def test_agent_slots_with_names_as_in_anac_2010(tmp_path: Path) -> None:
    named = edit(
        TEMPLATE,
        ('<agent class="" name="" utility_space="">\t</agent>',
         '<agent utility_space="Agent A UtilitySpace" name="Agent A Name"\n'
         '    class="Agent A Class">\n  </agent>'),
    )  # fmt: skip
    assert utilities(read(tmp_path, named, PROFILE).negotiation)["A"] == pytest.approx(CAMERA)


@pytest.mark.parametrize(
    ("attributes", "levels"),
    [
        pytest.param('type="discrete" vtype="integer" etype="integer"', ("0", "1", "2"),
                     id="type-wins-over-vtype-and-etype"),
        pytest.param('etype="discrete"', ("0", "1", "2"), id="etype-without-type"),
        pytest.param("", ("0", "1", "2"), id="no-type-is-discrete"),
        pytest.param('type="DISCRETE"', ("0", "1", "2"), id="upper-case"),
        pytest.param('type="Integer" lowerbound="0" upperbound="2"', (), id="mixed-case"),
    ],
)  # fmt: skip
def test_the_type_of_an_issue_is_read_as_genius_reads_it(
    tmp_path: Path, attributes: str, levels: tuple[str, ...]
) -> None:
    items = "" if "Integer" in attributes else "".join(f'<item value="{k}"/>' for k in range(3))
    domain = (
        f'<negotiation_template><utility_space><objective><issue name="n" index="1" '
        f"{attributes}>{items}</issue></objective></utility_space></negotiation_template>"
    )
    evaluations = "".join(f'<item value="{k}" evaluation="{k}"/>' for k in range(3))
    profile = (  # items, also for the integer issue (itemised, as NegMAS writes it)
        f'<utility_space><objective><issue name="n" index="1" type="discrete">{evaluations}'
        '</issue><weight index="1" value="1"/></objective></utility_space>'
    )
    issue = read(tmp_path, domain, profile).negotiation.issues[0]
    assert issue.levels == levels
    if not levels:
        assert issue.range == (0.0, 2.0)


def test_description_notes_are_skipped_everywhere(tmp_path: Path) -> None:
    note = "<description>Cameras, from ANAC 2012.</description>"
    domain = edit(
        TEMPLATE,
        ('<utility_space number_of_issues="0">', f'{note}<utility_space number_of_issues="0">'),
        ('<objective index="0"', f'{note}<objective index="0"'),
        ('<issue index="2"', f'{note}<issue index="2"'),
        ('<item index="2" value="compact">', f'{note}<item index="2" value="compact">'),
    )
    profile = edit(
        PROFILE,
        ("<discount_factor", f"{note}<discount_factor"),
        ('<weight index="1"', f'{note}<weight index="1"'),
        ('<item index="2" value="Nikon"', f'{note}<item index="2" value="Nikon"'),
    )
    assert utilities(read(tmp_path, domain, profile).negotiation)["A"] == pytest.approx(CAMERA)


def test_a_profile_with_integer_and_real_issues_can_serve_as_the_domain() -> None:
    fixtures = Path(__file__).resolve().parent / "genius"
    profiles = {"buyer": fixtures / "parts-buyer.xml", "seller": fixtures / "parts-seller.xml"}
    from_profile = read_genius(fixtures / "parts-buyer.xml", profiles, steps=3).negotiation
    from_domain = read_genius(fixtures / "parts-domain.xml", profiles, steps=3).negotiation
    assert [(i.id, i.levels, i.range, i.steps) for i in from_profile.issues] == [
        (i.id, i.levels, i.range, i.steps) for i in from_domain.issues
    ]
    assert utilities(from_profile) == utilities(from_domain)


def test_an_issue_with_nothing_but_a_note_lists_no_item(tmp_path: Path) -> None:
    domain = edit(
        TEMPLATE,
        ('<item index="1" value="Full size">\t\t</item>\n'
         '        <item index="2" value="compact">\t\t</item>',
         "<description>to be decided</description>"),
    )  # fmt: skip
    assert refused(tmp_path, domain, PROFILE) == [
        "domain.xml:12:7: error: issue 'Body' lists no <item>"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("<utility_space number", "<agents/><utility_space number"),
            "domain.xml:5:3: error: unsupported element <agents> in <negotiation_template> "
            "(expected <utility_space>)",
            id="misspelt-slot",
        ),
        pytest.param(
            ('<issue index="2"', '<agent/><issue index="2"'),
            "domain.xml:12:7: error: unsupported element <agent> in the <objective> (expected "
            "<issue>)",
            id="agent-slot-in-the-objective",
        ),
    ],
)  # fmt: skip
def test_other_elements_are_still_refused(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    assert refused(tmp_path, edit(TEMPLATE, change), PROFILE) == [expected]


# -- profiles --------------------------------------------------------------------------------------


def test_discount_factor_and_reservation_in_any_order_with_closing_tags(tmp_path: Path) -> None:
    genius = read(tmp_path, TEMPLATE, PROFILE)
    assert genius.negotiation.batnas["A"].value() == 0.25
    assert dict(genius.discount_factors) == {"A": 0.5, "B": 0.5}
    anac_2010 = edit(
        PROFILE,
        ('<discount_factor value="0.50" />', ""),
        ('<reservation value="0.25" />',
         '<reservation value="0.125">\n</reservation>\n<discount_factor value="0.75">\n'
         "</discount_factor>"),
    )  # fmt: skip
    genius = read(tmp_path, TEMPLATE, anac_2010)
    assert genius.negotiation.batnas["A"].value() == 0.125
    assert genius.discount_factors["A"] == 0.75


def test_without_reservation_or_discount_factor(tmp_path: Path) -> None:
    bare = edit(
        PROFILE, ('<discount_factor value="0.50" />', ""), ('<reservation value="0.25" />', "")
    )
    genius = read(tmp_path, TEMPLATE, bare)
    assert (genius.negotiation.batnas["A"].value(), genius.discount_factors["A"]) == (0.0, 1.0)


def test_an_uncertain_profile_is_read_as_its_true_utility(tmp_path: Path) -> None:
    # ANAC 2018-2019: GENIUS shows the agent a few ranked bids drawn from this additive utility.
    settings = (
        "<comparisons>\n10\n</comparisons>\n<errors>\n0\n</errors>\n"
        "<elicitation_cost>0.01</elicitation_cost>\n<fixed_seed>\ntrue\n</fixed_seed>\n"
        "<experimental>\nfalse\n</experimental>\n"
    )
    uncertain = edit(
        PROFILE,
        ("<utility_space>", '<utility_space type="UNCERTAIN">'),
        ("\n</utility_space>", f"{settings}</utility_space>"),
    )
    genius = read(tmp_path, TEMPLATE, uncertain)
    assert utilities(genius.negotiation)["A"] == pytest.approx(CAMERA, abs=1e-12)
    assert genius.negotiation.batnas["A"].value() == 0.25
    linear = edit(PROFILE, ("<utility_space>", '<utility_space type="linear">'))
    assert utilities(read(tmp_path, TEMPLATE, linear).negotiation)["A"] == pytest.approx(CAMERA)


@pytest.mark.parametrize(
    ("space_type", "expected"),
    [
        pytest.param("nonlinear", 'A.xml:2:1: error: non-linear utility spaces (type="nonlinear") '
                     "are not supported: standoff reads additive ones (weights and evaluations)",
                     id="nonlinear"),
        pytest.param("CONSTRAINT", 'A.xml:2:1: error: non-linear utility spaces (type='
                     '"CONSTRAINT") are not supported: standoff reads additive ones (weights and '
                     "evaluations)", id="constraint"),
        pytest.param("additive", "A.xml:2:1: error: unknown utility space type 'additive' (GENIUS "
                     "knows 'linear', 'uncertain', 'nonlinear', 'constraint')", id="unknown"),
    ],
)  # fmt: skip
def test_profiles_that_are_not_additive_are_refused(
    tmp_path: Path, space_type: str, expected: str
) -> None:
    profile = edit(PROFILE, ("<utility_space>", f'<utility_space type="{space_type}">'))
    assert refused(tmp_path, TEMPLATE, profile) == [expected]


def test_elicitation_settings_belong_to_the_utility_space_only(tmp_path: Path) -> None:
    profile = edit(PROFILE, ('<weight index="1"', '<comparisons>10</comparisons><weight index="1"'))
    assert refused(tmp_path, TEMPLATE, profile) == [
        "A.xml:13:5: error: unsupported element <comparisons> in the <objective> (expected "
        "<issue>, <weight>)"
    ]


RANGE_DOMAIN = """\
<negotiation_template>
  <utility_space>
    <objective index="0" name="Deal">
      <issue name="units" index="1" type="integer" lowerbound="1" upperbound="5"/>
      <issue name="price" index="2" type="real"><range lowerbound="10" upperbound="20"/></issue>
    </objective>
  </utility_space>
</negotiation_template>
"""


def range_profile(units: str, price: str) -> str:
    return (
        "<utility_space><objective>"
        f'<issue name="units" index="1" type="integer" {units}</issue>'
        f'<issue name="price" index="2" type="real">{price}</issue>'
        '<weight index="1" value="1"/><weight index="2" value="0"/>'
        "</objective></utility_space>"
    )


LINEAR_PRICE = '<evaluator ftype="linear" parameter0="2" parameter1="-0.1"/>'
LINEAR_UNITS = '><evaluator ftype="linear" offset="0" slope="0.25"/>'


@pytest.mark.parametrize(
    ("units", "values"),
    [
        pytest.param('lowerbound="1" upperbound="5"><evaluator ftype="linear" offset="0" '
                     'slope="0.25"/>', [0.0, 0.25, 0.5, 0.75, 1.0], id="from-the-lower-bound"),
        pytest.param('><evaluator ftype="linear" offset="1" slope="-0.25"/>',
                     [1.0, 0.75, 0.5, 0.25, 0.0], id="domain-bounds-when-the-profile-has-none"),
        pytest.param('lowerbound="1" upperbound="5"><evaluator offset="0.5" slope="0.125"/>',
                     [0.5, 0.625, 0.75, 0.875, 1.0], id="no-ftype-as-in-genius"),
        pytest.param('><evaluator ftype="Linear" offset="0" slope="0.25"/>',
                     [0.0, 0.25, 0.5, 0.75, 1.0], id="ftype-in-any-case"),
        pytest.param('lowerbound="3" upperbound="5"><evaluator ftype="linear" offset="0.5" '
                     'slope="0.25"/>', [0.0, 0.25, 0.5, 0.75, 1.0],
                     id="the-profile-lower-bound-as-genius-uses-it"),
    ],
)  # fmt: skip
def test_an_integer_issue_is_measured_from_its_lower_bound(
    tmp_path: Path, units: str, values: list[float]
) -> None:
    negotiation = read(tmp_path, RANGE_DOMAIN, range_profile(units, LINEAR_PRICE)).negotiation
    points = negotiation.utilities["A"].values["units"].points
    assert points is not None
    assert np.interp(range(1, 6), *zip(*points, strict=True)).tolist() == pytest.approx(values)


def test_a_real_issue_is_measured_from_zero_without_a_range_in_the_profile(tmp_path: Path) -> None:
    # NegMAS writes real issues without <range>: the bounds come from the domain.
    units = '><evaluator ftype="linear" offset="0" slope="0.25"/>'
    negotiation = read(tmp_path, RANGE_DOMAIN, range_profile(units, LINEAR_PRICE)).negotiation
    assert negotiation.utilities["A"].values["price"].points == ((10.0, 1.0), (20.0, 0.0))


@pytest.mark.parametrize(
    ("units", "price", "expected"),
    [
        pytest.param('><evaluator ftype="linear" offset="0" slope="0.25"/>',
                     '<evaluator parameter0="2" parameter1="-0.1"/>',
                     "A.xml:1:174: error: the <evaluator> of real issue 'price' has no 'ftype' "
                     '(expected ftype="linear")', id="real-without-ftype"),
        pytest.param('lowerbound="0" upperbound="5"><evaluator ftype="linear" offset="0" '
                     'slope="0.25"/>', LINEAR_PRICE,
                     "A.xml:1:102: error: the linear evaluator of issue 'units' gives 1.25 at 5: "
                     "evaluations must lie in [0, 1]", id="shifted-out-of-range"),
        pytest.param('lowerbound="one"><evaluator ftype="linear" offset="0" slope="0.25"/>',
                     LINEAR_PRICE,
                     "A.xml:1:27: error: the lower bound of 'units' must be a number, found 'one'",
                     id="lower-bound-not-a-number"),
        pytest.param('><evaluator ftype="triangular" parameter0="1" parameter1="3" '
                     'parameter2="5"/>', LINEAR_PRICE,
                     "A.xml:1:73: error: evaluator type 'triangular' of issue 'units' is not "
                     "supported (standoff reads 'linear' evaluators of integer and real issues)",
                     id="triangular"),
    ],
)  # fmt: skip
def test_evaluators_genius_fails_on_are_refused(
    tmp_path: Path, units: str, price: str, expected: str
) -> None:
    valid = range_profile(LINEAR_UNITS, LINEAR_PRICE)
    assert refused(tmp_path, RANGE_DOMAIN, range_profile(units, price), valid) == [expected]


def test_a_profile_issue_with_nothing_but_a_note_gives_no_evaluations(tmp_path: Path) -> None:
    profile = edit(
        PROFILE,
        ('<item index="1" value="Full size" cost="0.0" evaluation="150">\t\t\t</item>\n'
         '      <item index="2" value="compact" cost="0.0" evaluation="30">\t\t\t</item>',
         "<description>later</description>"),
    )  # fmt: skip
    assert refused(tmp_path, TEMPLATE, profile) == [
        "A.xml:9:5: error: issue 'Body' gives no evaluations"
    ]
