"""Properties of robustness and inverse analysis: the fast code against the slow references.

The references (:mod:`standoff.robustness._reference`) are written straight from the
definitions, deciding stability profile by profile with the slow stability reference; the fast
code (batched kernel, conditions, factored counting, integer program) must agree with them on
every random small conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from unittest.mock import patch

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray
from tests.strategies import PARTY_NAMES, conflict_from_text, expressions, scenario_texts

from standoff.conflict import Conflict
from standoff.robustness import (
    RankRange,
    _batch,
    conditions,
    count_profiles,
    fewest_changes,
    hinges,
    stable_variants,
)
from standoff.robustness._fewest import EXACT_CONCEPTS
from standoff.robustness._reference import (
    kendall_distance,
    ranks_of_order,
    reference_conditions_hold,
    reference_count,
    reference_fewest,
    reference_hinges,
    replace_ranks,
)
from standoff.stability import CONCEPTS
from standoff.stability._reference import reference_equilibria, reference_stability

concepts = st.sampled_from(CONCEPTS)


def _indices(mask: NDArray[np.bool_]) -> frozenset[int]:
    return frozenset(int(i) for i in np.flatnonzero(mask))


def _random_ranks(data: st.DataObject, states: int, rows: int) -> NDArray[np.int64]:
    """``rows`` rank vectors over ``states`` states, ties allowed (ranks 1..states)."""
    vector = st.lists(st.integers(1, states), min_size=states, max_size=states)
    drawn = data.draw(st.lists(vector, min_size=rows, max_size=rows))
    return np.array(drawn, dtype=np.int64).reshape(rows, states)


# -- tiny conflicts: what the brute-force fewest-changes reference can afford -------------------


def _conjunction(code: int, options: Sequence[str]) -> str:
    return " and ".join(name if code >> k & 1 else f"not {name}" for k, name in enumerate(options))


@st.composite
def tiny_scenario_texts(draw: st.DrawFn) -> str:
    """A conflict of 2 or 3 parties with 2 or 3 options, at most 5 feasible states with two
    parties and 4 with three (so at most 14,400 profiles of strict orders); preferences as
    statements or a ranking with ties."""
    sizes = draw(st.sampled_from([(1, 1), (2, 1), (1, 2), (1, 1, 1)]))
    parties = PARTY_NAMES[: len(sizes)]
    owned: list[list[str]] = [
        [f"{p.lower()}{j}" for j in range(n)] for p, n in zip(parties, sizes, strict=True)
    ]
    options = [name for names in owned for name in names]
    codes = list(range(1 << len(options)))
    feasible = sorted(
        draw(st.lists(st.sampled_from(codes), min_size=2, max_size=7 - len(sizes), unique=True))
    )
    lines = ["standoff: 1", "title: Tiny conflict", "parties:"]
    for party, names in zip(parties, owned, strict=True):
        lines += [f"  {party}:", "    options:"] + [f"      {n}: Option {n}" for n in names]
    lines += ["conflict:", "  infeasible:"]
    lines += [f"  - {_conjunction(c, options)}" for c in codes if c not in feasible]
    lines.append("  preferences:")
    for party in parties:
        lines.append(f"    {party}:")
        if draw(st.booleans()):
            statements = draw(st.lists(expressions(options, 1), min_size=1, max_size=3))
            lines += [f"    - {statement.text}" for statement in statements]
            continue
        order = draw(st.permutations(feasible))
        ties = draw(st.lists(st.booleans(), min_size=len(order), max_size=len(order)))
        entries: list[list[int]] = []
        for code, tie in zip(order, ties, strict=True):
            if tie and entries:
                entries[-1].append(code)
            else:
                entries.append([code])
        lines.append("      ranking:")
        for entry in entries:
            lines.append(f"      - [{', '.join(_conjunction(c, options) for c in entry)}]")
    return "\n".join(lines) + "\n"


# -- the batched kernel ----------------------------------------------------------------------------


def _assert_variants_match_reference(conflict: Conflict, data: st.DataObject) -> None:
    """Random rank variants of random parties (1 × N rows broadcast, some rows repeated)."""
    states = conflict.state_count
    count = data.draw(st.integers(1, 2), label="variants")
    movers = [party.id for party in conflict.movers]
    ranks: dict[str, NDArray[np.int64]] = {}
    for party in data.draw(st.lists(st.sampled_from(movers), unique=True), label="varied"):
        rows = data.draw(st.sampled_from([1, count]), label=f"rows of {party}")
        drawn = _random_ranks(data, states, rows)
        if rows > 1 and data.draw(st.booleans(), label="repeat a row"):
            drawn[-1] = drawn[0]
        ranks[party] = drawn
    count = max((r.shape[0] for r in ranks.values()), default=1)
    distinct = data.draw(st.booleans(), label="distinct")
    # beyond BATCH_STATES states the variants go one by one through the single-conflict kernel
    one_by_one = data.draw(st.booleans(), label="one by one")
    # with tiny chunks, variants go in chunks of one and SIM's tables of sanctions do not fit,
    # so SIM too goes one variant at a time
    cells = data.draw(st.sampled_from([_batch.CHUNK_CELLS, 8]), label="chunk cells")
    with (
        patch.object(_batch, "BATCH_STATES", 0 if one_by_one else _batch.BATCH_STATES),
        patch.object(_batch, "CHUNK_CELLS", cells),
    ):
        fast = stable_variants(conflict, ranks, CONCEPTS, distinct=distinct)
    assert fast.concepts == CONCEPTS
    for v in range(count):
        profile = {p: r[v if r.shape[0] > 1 else 0] for p, r in ranks.items()}
        variant = replace_ranks(conflict, profile)
        for concept in CONCEPTS:
            reference = reference_stability(variant, concept)
            assert set(fast.stable[concept]) == set(reference)
            for party, stable in reference.items():
                assert _indices(fast.stable[concept][party][v]) == stable, (v, concept, party)
            equilibria = reference_equilibria(variant, concept)
            assert _indices(fast.equilibria[concept][v]) == equilibria, (v, concept)


@settings(max_examples=30, deadline=None)
@given(scenario_texts(), st.data())
def test_stable_variants_match_reference(text: str, data: st.DataObject) -> None:
    _assert_variants_match_reference(conflict_from_text(text), data)


# non-transitive moves: the legal-sequence branch of the kernel's reachable maximum
@settings(max_examples=20, deadline=None)
@given(scenario_texts(chains=True), st.data())
def test_stable_variants_match_reference_with_chains_of_moves(
    text: str, data: st.DataObject
) -> None:
    _assert_variants_match_reference(conflict_from_text(text), data)


# -- counting ------------------------------------------------------------------------------------


@st.composite
def rank_ranges(draw: st.DrawFn, conflict: Conflict) -> list[RankRange]:
    """One or two parties' ranges of at most three positions (at most 36 profiles)."""
    movers = [party.id for party in conflict.movers]
    parties = draw(st.lists(st.sampled_from(movers), min_size=1, max_size=2, unique=True))
    ranges = []
    for party in parties:
        first = draw(st.integers(1, conflict.state_count))
        last = draw(st.integers(first, min(first + 2, conflict.state_count)))
        ranges.append(RankRange(party, first, last))
    return ranges


@settings(max_examples=30, deadline=None)
@given(scenario_texts(), st.data())
def test_count_matches_reference(text: str, data: st.DataObject) -> None:
    conflict = conflict_from_text(text)
    ranges = data.draw(rank_ranges(conflict), label="ranges")
    state = data.draw(st.integers(0, conflict.state_count - 1), label="state")
    found = count_profiles(conflict, state, ranges, CONCEPTS)
    total = int(np.prod([r.orders for r in ranges]))
    for count in found:
        assert (count.total, count.exact) == (total, True)
        assert count.low == count.count == count.high
        assert count.count == reference_count(conflict, state, ranges, count.concept), count


# -- conditions ----------------------------------------------------------------------------------


def _assert_conditions_match_reference(conflict: Conflict, data: st.DataObject) -> None:
    party = data.draw(st.sampled_from([p.id for p in conflict.movers]), label="party")
    state = data.draw(st.integers(0, conflict.state_count - 1), label="state")
    concept = data.draw(concepts, label="concept")
    found = conditions(conflict, party, state, concept)
    assert (found.party, found.state, found.concept) == (party, state, concept)
    stated = conflict.ranks[party]
    assert found.holds is reference_conditions_hold(conflict, party, state, concept, stated)
    # random ranks of the party, then the first of them with the state moved to the bottom and
    # to the top (where it has no improvement, so its conditions hold)
    ranks = _random_ranks(data, conflict.state_count, data.draw(st.integers(1, 3), label="rows"))
    bottom, top = ranks[0].copy(), ranks[0] + 1
    bottom[state], top[state] = conflict.state_count + 1, 1
    rows = np.concatenate([stated[None, :], ranks, bottom[None, :], top[None, :]])
    satisfied = found.satisfied(rows)
    assert satisfied.shape == (rows.shape[0],)
    for row, meets in zip(rows, satisfied, strict=True):
        # a state meeting its conditions is stable for the party; one violating them is not
        assert bool(meets) is reference_conditions_hold(conflict, party, state, concept, row), (
            row.tolist()
        )
    assert satisfied[-1]


@settings(max_examples=40, deadline=None)
@given(scenario_texts(), st.data())
def test_conditions_decide_stability(text: str, data: st.DataObject) -> None:
    _assert_conditions_match_reference(conflict_from_text(text), data)


@settings(max_examples=20, deadline=None)
@given(scenario_texts(chains=True), st.data())
def test_conditions_decide_stability_with_chains_of_moves(text: str, data: st.DataObject) -> None:
    _assert_conditions_match_reference(conflict_from_text(text), data)


@settings(max_examples=30, deadline=None)
@given(scenario_texts(), st.sampled_from(EXACT_CONCEPTS), st.data())
def test_conditions_factor_the_equilibrium(text: str, concept: str, data: st.DataObject) -> None:
    """Under Nash, GMR and SMR a whole profile makes the state an equilibrium exactly when each
    party's ranks meet its own conditions (computed with the others as stated)."""
    conflict = conflict_from_text(text)
    state = data.draw(st.integers(0, conflict.state_count - 1), label="state")
    movers = [party.id for party in conflict.movers]
    profile = {party: _random_ranks(data, conflict.state_count, 1)[0] for party in movers}
    met = all(
        conditions(conflict, party, state, concept).satisfied(profile[party])[0] for party in movers
    )
    assert met is (state in reference_equilibria(replace_ranks(conflict, profile), concept))


# -- fewest changes ------------------------------------------------------------------------------


def _strict_stated(conflict: Conflict, party: str, state: int) -> list[int]:
    """The stated ranking as a strict order: ties in the target's favour, then by number."""
    ranks = conflict.ranks[party]
    return sorted(range(conflict.state_count), key=lambda s: (int(ranks[s]), s != state, s))


@settings(max_examples=60, deadline=None)
@given(tiny_scenario_texts(), concepts, st.data())
def test_fewest_changes_match_reference(text: str, concept: str, data: st.DataObject) -> None:
    conflict = conflict_from_text(text)
    state = data.draw(st.integers(0, conflict.state_count - 1), label="state")
    fast = fewest_changes(conflict, state, concept)
    reference = reference_fewest(conflict, state, concept)
    assert reference is not None  # the state ranked first by everyone is always an equilibrium
    assert fast.possible
    for change in fast.changes:  # each distance is the Kendall distance of the order it reports
        stated = _strict_stated(conflict, change.party, state)
        assert sorted(change.order) == list(range(conflict.state_count))
        assert kendall_distance(stated, change.order) == change.distance > 0
    assert fast.distance == sum(change.distance for change in fast.changes)
    # ``verified`` says truly whether the changes together make an equilibrium
    changed = {change.party: ranks_of_order(change.order) for change in fast.changes}
    together = reference_equilibria(replace_ranks(conflict, changed), concept)
    assert fast.verified is (state in together)
    if concept in EXACT_CONCEPTS:
        assert (fast.distance, fast.exact, fast.verified) == (reference, True, True)
    else:
        assert not fast.exact
        if fast.verified:  # a profile that works costs at least the least one
            assert fast.distance >= reference
    # Unverified changes can cost less than the least that works: see
    # test_robustness.py::test_fewest_changes_under_sim_when_a_change_removes_a_sanction.


# -- hinges --------------------------------------------------------------------------------------


def _assert_hinges_match_reference(conflict: Conflict, concept: str) -> None:
    fast = hinges(conflict, [concept])
    reference = reference_hinges(conflict, concept)
    assert fast.concepts == (concept,)
    assert set(fast.stated[concept]) == reference_equilibria(conflict, concept)
    assert [(e.change.party, e.change.first, e.change.second) for e in fast.effects] == [
        (h.party, h.first, h.second) for h in reference
    ]
    for effect, expected in zip(fast.effects, reference, strict=True):
        assert set(effect.lost[concept]) == expected.lost, effect.text
        assert set(effect.gained[concept]) == expected.gained, effect.text
        assert effect.matters is bool(expected.lost or expected.gained)


@settings(max_examples=60, deadline=None)
@given(tiny_scenario_texts(), concepts)
def test_hinges_match_reference_on_tiny_conflicts(text: str, concept: str) -> None:
    _assert_hinges_match_reference(conflict_from_text(text), concept)


@settings(max_examples=20, deadline=None)
@given(scenario_texts(), concepts)
def test_hinges_match_reference(text: str, concept: str) -> None:
    conflict = conflict_from_text(text)
    assume(conflict.state_count <= 24)  # a ranking of N states has N - 1 swaps, each rebuilt
    _assert_hinges_match_reference(conflict, concept)
