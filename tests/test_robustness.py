"""Robustness and inverse analysis: published cases, the seed case's hinges, exact error messages
and the enumeration of orders within a radius.

The random-conflict properties (fast code against the slow references) are in
``test_robustness_properties.py``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from math import factorial
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from standoff.conflict import Conflict, build_conflict
from standoff.errors import AnalysisTooLargeError
from standoff.robustness import RankRange, count_profiles, fewest_changes, hinges, party_variants
from standoff.robustness._counting import check_ranges
from standoff.robustness._reference import (
    kendall_distance,
    reference_conditions_hold,
    reference_count,
    reference_fewest,
    reference_hinges,
    replace_ranks,
)
from standoff.robustness._variants import MAX_PARTY_VARIANTS, orders_within, orders_within_count
from standoff.scenario import load, loads
from standoff.stability._reference import unilateral_moves

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def syria_iraq() -> Conflict:
    return build_conflict(load(EXAMPLES / "syria_iraq_1975.yaml"))


@pytest.fixture(scope="module")
def korea() -> Conflict:
    return build_conflict(load(EXAMPLES / "korea_2019.yaml"))


# -- counting: the GMCR+ guide's inverse example -----------------------------------------------

DESIRED = 1  # state 2 of the guide: Syria releases water, nothing else happens


# Syria's ranking varied over all 720 orders, Iraq's as stated; state 2 is stable for Iraq as
# stated, so each count is the number of Syria's orders in which state 2 is stable for Syria.
# The guide prints 240 for Nash, which both the fast count and the reference reproduce. It prints
# 420 for SEQ, but GMCR+'s inverse loop checks only the last improvement of each state; the
# reference, straight from the definition (every improvement of Syria from state 2 sanctioned
# within Iraq's own improvements), gives 384, as for GMR (Iraq's only move from each state
# Syria can reach from state 2 is itself an improvement for Iraq).
@pytest.mark.parametrize(
    ("concept", "expected"),
    [
        pytest.param("nash", 240, id="nash-as-the-gmcr-guide"),
        pytest.param("gmr", 384, id="gmr-reference"),
        pytest.param("smr", 300, id="smr-reference"),
        pytest.param("seq", 384, id="seq-reference-not-gmcr-420"),
        pytest.param("sim", 240, id="sim-reference"),
        pytest.param("seqsim", 384, id="seqsim-reference"),
    ],
)
def test_counting_syria_varied_iraq_fixed(
    syria_iraq: Conflict, concept: str, expected: int
) -> None:
    ranges = [RankRange("Syria", 1, 6)]
    (found,) = count_profiles(syria_iraq, DESIRED, ranges, [concept])
    assert (found.concept, found.total, found.exact) == (concept, 720, True)
    assert found.count == found.low == found.high == expected
    assert reference_count(syria_iraq, DESIRED, ranges, concept) == expected


def _orders_stable_for(conflict: Conflict, party: str, concept: str) -> int:
    """How many of the party's strict orders make the desired state stable for it (reference)."""
    count = 0
    for order in itertools.permutations(range(conflict.state_count)):
        ranks = np.empty(len(order), dtype=np.int64)
        ranks[list(order)] = np.arange(1, len(order) + 1)
        count += reference_conditions_hold(conflict, party, DESIRED, concept, ranks)
    return count


# Both rankings varied (720 × 720 = 518,400 profiles). Under Nash, GMR and SMR a party's stability
# depends on its own ranks only, so the count is the product over the two parties of the number
# of that party's orders in which state 2 is stable for it (by the reference: 240, 384, 300 for
# Syria; 360, 540, 456 for Iraq). A count with one party varied and the other as stated is not
# that factor for Iraq: with Syria as stated state 2 is not stable for Syria, so it is 0.
@pytest.mark.parametrize(
    ("concept", "syria", "iraq"),
    [
        pytest.param("nash", 240, 360, id="nash"),
        pytest.param("gmr", 384, 540, id="gmr"),
        pytest.param("smr", 300, 456, id="smr"),
    ],
)
def test_counting_both_varied_is_the_product_of_each_party(
    syria_iraq: Conflict, concept: str, syria: int, iraq: int
) -> None:
    assert _orders_stable_for(syria_iraq, "Syria", concept) == syria
    assert _orders_stable_for(syria_iraq, "Iraq", concept) == iraq
    ranges = [RankRange("Syria", 1, 6), RankRange("Iraq", 1, 6)]
    (found,) = count_profiles(syria_iraq, DESIRED, ranges, [concept])
    assert (found.total, found.exact) == (518_400, True)
    assert found.count == syria * iraq
    (iraq_alone,) = count_profiles(syria_iraq, DESIRED, ranges[1:], [concept])
    assert iraq_alone.count == 0


Key = tuple[bool, ...]


def _improvement_key(moves: list[set[int]], ranks: NDArray[np.int64]) -> Key:
    return tuple(
        bool(ranks[t] < ranks[s]) for s, targets in enumerate(moves) for t in sorted(targets)
    )


# Under SEQ a party's stability also depends on the other's improvements, so the count does not
# factor. The reference below groups each party's 720 orders by the improvements they give it
# (36 groups for Syria, 8 for Iraq): stability for Syria depends on Syria's order and Iraq's
# group only, and the other way round, so
#   count = sum over groups (g_S, g_I) of #{Syria orders in g_S stable given g_I}
#                                          × #{Iraq orders in g_I stable given g_S},
# each term decided by the stability reference (31,680 decisions instead of 518,400 profiles).
@pytest.mark.slow
def test_counting_both_varied_under_seq(syria_iraq: Conflict) -> None:
    moves = unilateral_moves(syria_iraq)
    orders = []
    for order in itertools.permutations(range(syria_iraq.state_count)):
        ranks = np.empty(len(order), dtype=np.int64)
        ranks[list(order)] = np.arange(1, len(order) + 1)
        orders.append(ranks)
    groups: dict[str, dict[Key, list[NDArray[np.int64]]]] = {}
    for party in ("Syria", "Iraq"):
        groups[party] = defaultdict(list)
        for ranks in orders:
            groups[party][_improvement_key(moves[party], ranks)].append(ranks)
    assert (len(groups["Syria"]), len(groups["Iraq"])) == (36, 8)

    def stable_orders(party: str, other: str) -> dict[tuple[Key, Key], int]:
        table: dict[tuple[Key, Key], int] = {}
        for theirs, representatives in groups[other].items():
            variant = replace_ranks(syria_iraq, {other: representatives[0]})
            for mine, members in groups[party].items():
                table[mine, theirs] = sum(
                    reference_conditions_hold(variant, party, DESIRED, "seq", ranks)
                    for ranks in members
                )
        return table

    syria, iraq = stable_orders("Syria", "Iraq"), stable_orders("Iraq", "Syria")
    expected = sum(syria[s, i] * iraq[i, s] for s in groups["Syria"] for i in groups["Iraq"])
    ranges = [RankRange("Syria", 1, 6), RankRange("Iraq", 1, 6)]
    (found,) = count_profiles(syria_iraq, DESIRED, ranges, ["seq"])
    assert (found.total, found.exact) == (518_400, True)
    assert found.count == expected == 138_492


def test_counting_samples_beyond_the_exact_limit(syria_iraq: Conflict) -> None:
    ranges = [RankRange("Syria", 1, 6)]
    (found,) = count_profiles(
        syria_iraq, DESIRED, ranges, ["seq"], samples=2_000, seed=3, exact_limit=100
    )
    assert (found.total, found.exact) == (720, False)
    assert found.low <= 384 <= found.high  # the exact count lies in the 95% interval
    again = count_profiles(
        syria_iraq, DESIRED, ranges, ["seq"], samples=2_000, seed=3, exact_limit=100
    )
    assert again == (found,)  # the same seed, the same estimate


# -- hinges of the seed case ---------------------------------------------------------------------


def test_korea_escalation_survives_every_single_change_under_nash(korea: Conflict) -> None:
    escalation = next(index for index, name in korea.names.items() if name == "escalation")
    result = hinges(korea, ["nash"])
    assert result.stated["nash"] == (escalation,)
    # 6, 6 and 3 statements: 5 + 5 + 2 swaps of adjacent statements, 6 + 6 + 3 drops
    assert len(result.effects) == 27
    assert result.breaking("nash", escalation) == ()
    # Escalation stays a Nash equilibrium under every single change, and the only one under 24
    # of the 27: three dropped statements each add a second Nash equilibrium.
    adding = {effect.text: effect.gained["nash"] for effect in result.effects if effect.matters}
    status_quo = korea.status_quo
    assert adding == {
        "US drops 'exercises iff testing'": (korea.find_state("NNNYY"),),
        "NK drops 'testing iff not relief'": (status_quo,),
        "China drops 'enforce iff testing'": (korea.find_state("NYNYN"),),
    }
    reference = reference_hinges(korea, "nash")
    assert [(h.lost, h.gained) for h in reference] == [
        (frozenset(e.lost["nash"]), frozenset(e.gained["nash"])) for e in result.effects
    ]


# -- exact error messages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ranges", "error", "message"),
    [
        pytest.param(
            [RankRange("Turkey", 1, 2)],
            ValueError,
            "'Turkey' is not a party with preferences (Syria, Iraq)",
            id="unknown-party",
        ),
        pytest.param(
            [RankRange("Syria", 1, 2), RankRange("Syria", 3, 4)],
            ValueError,
            "'Syria' is varied twice",
            id="party-twice",
        ),
        pytest.param(
            [RankRange("Iraq", 0, 3)],
            ValueError,
            "positions 0-3 are not within 1-6, the positions of a ranking of 6 states",
            id="before-the-first",
        ),
        pytest.param(
            [RankRange("Iraq", 4, 7)],
            ValueError,
            "positions 4-7 are not within 1-6, the positions of a ranking of 6 states",
            id="beyond-the-last",
        ),
        pytest.param(
            [RankRange("Iraq", 4, 2)],
            ValueError,
            "positions 4-2 are not within 1-6, the positions of a ranking of 6 states",
            id="backwards",
        ),
    ],
)
def test_check_ranges_messages(
    syria_iraq: Conflict, ranges: list[RankRange], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        check_ranges(syria_iraq, ranges)
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        count_profiles(syria_iraq, DESIRED, ranges, ["nash"])


def test_check_ranges_refuses_a_range_too_long(korea: Conflict) -> None:
    message = "NK:2-12 permutes 11 positions (39,916,800 orders), more than the limit of 10"
    with pytest.raises(AnalysisTooLargeError, match=f"^{re.escape(message)}$"):
        check_ranges(korea, [RankRange("NK", 2, 12)])
    check_ranges(korea, [RankRange("NK", 3, 12)])  # ten positions are allowed


MANY_JUDGEMENTS = """\
standoff: 1
title: Many judgements
parties:
  A:
    options:
      a0: First
      a1: Second
  B:
    options:
      b0: Other
conflict:
  preferences:
    A:
    - a0
    - a1
    - b0
    - not a0
    - not a1
    - not b0
    - a0 iff b0
    - a1 iff b0
    B:
    - b0
uncertainty:
  A:
    uncertain: [1, 2, 3, 4, 5, 6, 7, 8]
"""


def test_party_variants_refuses_too_many_up_front() -> None:
    scenario = loads(MANY_JUDGEMENTS)
    conflict = build_conflict(scenario)
    # every statement anywhere or dropped: 2 × 3 × ... × 9 = 9! orders
    assert factorial(9) > MAX_PARTY_VARIANTS
    message = (
        "<string>:26:5: the uncertainty of 'A' describes 362,880 variants of its preferences, "
        "more than the limit of 200,000 (lower the radius or mark fewer judgements uncertain)"
    )
    with pytest.raises(AnalysisTooLargeError, match=f"^{re.escape(message)}$"):
        party_variants(conflict, scenario.uncertainty["A"])


# -- orders within a radius ----------------------------------------------------------------------


@pytest.mark.parametrize("count", range(7))
def test_orders_within_are_the_permutations_within_the_kendall_distance(count: int) -> None:
    identity = tuple(range(count))
    by_distance: dict[tuple[int, ...], int] = {
        order: kendall_distance(identity, order) for order in itertools.permutations(identity)
    }
    most = count * (count - 1) // 2
    for radius in range(most + 2):
        listed = list(orders_within(count, radius))
        assert listed[0] == identity
        assert len(set(listed)) == len(listed)
        expected = {order for order, distance in by_distance.items() if distance <= radius}
        assert set(listed) == expected, radius
        assert orders_within_count(count, radius) == len(expected), radius


@pytest.mark.parametrize("count", [pytest.param(n, id=f"{n}-items") for n in (7, 8)])
def test_orders_within_count_matches_brute_force(count: int) -> None:
    identity = tuple(range(count))
    histogram = Counter(
        kendall_distance(identity, order) for order in itertools.permutations(identity)
    )
    for radius in range(count * (count - 1) // 2 + 2):
        brute = sum(n for distance, n in histogram.items() if distance <= radius)
        assert orders_within_count(count, radius) == brute, radius
    assert sum(1 for _ in orders_within(count, 3)) == orders_within_count(count, 3)


def test_orders_within_count_of_every_order() -> None:
    for count in range(1, 9):
        whole = count * (count - 1) // 2
        assert orders_within_count(count, whole) == factorial(count)
        assert orders_within_count(count, whole + 5) == factorial(count)
    assert orders_within_count(0, 0) == 1


# -- fewest changes ------------------------------------------------------------------------------

# Under SIM, S = neither acts (state 1). Ann's improvement to "Ann acts" is sanctioned only by
# Bob's simultaneous improvement from S ("Bob acts"), which lands on "both act", below S for Ann.
# S is not stable for Bob: Bob improves to "Bob acts", sanctioned only if Bob did not prefer
# "both act" to S. Bob's least change (1 pair) puts "Bob acts" below S; that removes Bob's
# improvement from S, so Ann's sanction disappears and S is not an equilibrium. The least change
# that works reverses 2 pairs (Bob's, and Ann's "Ann acts" below S).
SIM_SANCTION_REMOVED = """\
standoff: 1
title: A least change that removes another party's sanction
parties:
  Ann:
    options:
      a: Ann acts
  Bob:
    options:
      b: Bob acts
conflict:
  preferences:
    Ann:
      ranking:
      - a and not b
      - not a and not b
      - a and b
      - not a and b
    Bob:
      ranking:
      - a and b
      - not a and b
      - not a and not b
      - a and not b
"""


def test_a_change_that_removes_another_partys_sanction_is_repaired() -> None:
    conflict = build_conflict(loads(SIM_SANCTION_REMOVED))
    assert reference_fewest(conflict, 0, "sim") == 2
    found = fewest_changes(conflict, 0, "sim")
    # Bob's least change alone removes Ann's sanction; Ann then changes too, and the pair is
    # checked together
    assert (found.distance, found.exact, found.verified) == (2, False, True)
    assert [(change.party, change.moved) for change in found.changes] == [
        ("Ann", (1,)),
        ("Bob", (2,)),
    ]
