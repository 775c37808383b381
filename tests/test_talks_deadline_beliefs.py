"""Beliefs about the other side's deadline: the format, its errors, and what the talks do with it.

``beliefs: {A: {B: {deadline: 7}}}`` is the round A believes is B's last; ``uncertain:
{believed_deadline.A: ...}`` draws it. Without either, A knows B's real deadline, so files
without deadline beliefs simulate exactly as before.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest
from tests.test_errors import Error, check_errors, lines
from tests.test_negotiation_errors import scenario

from standoff.errors import ScenarioError
from standoff.scenario import load, loads
from standoff.talks import Batch, Stall, linear, negotiate, simulate_talks
from standoff.talks._scenario import CLOCKS_READ, scenario_talks, variants

TABLE = """
parties: [A, B]
issues: {price: {range: [0, 1], steps: 11}}
utilities:
  A: {values: {price: [[0, 0], [1, 1]]}}
  B: {values: {price: [[0, 1], [1, 0]]}}
batna: {A: 0.2, B: 0.2}
"""


def with_table(rest: str) -> str:
    """The table above, then ``rest`` (its first line is line 11 of the file)."""
    return scenario(TABLE + textwrap.dedent(rest).lstrip("\n"))


ERRORS = [
    pytest.param(
        """
        beliefs:
          A: {B: {deadline: -3}}
          B: {A: {deadline: 12}}
        protocol:
          rounds: 10
        """,
        [
            (
                12,
                23,
                "the deadline 'A' believes 'B' has (a round within 'rounds', or 'none') "
                "must be in [1, 10], found -3",
            ),
            (
                13,
                23,
                "the deadline 'B' believes 'A' has (a round within 'rounds', or 'none') "
                "must be in [1, 10], found 12",
            ),
        ],
        id="negative-and-beyond-the-round-limit",
    ),
    pytest.param(
        """
        beliefs:
          A: {B: {deadline: 2.5}}
          B: {A: {deadline: soon}}
        protocol: {rounds: 10}
        """,
        [
            (
                12,
                23,
                "the deadline 'A' believes 'B' has (a round within 'rounds', or 'none') "
                "must be a whole number, found '2.5'",
            ),
            (
                13,
                23,
                "the deadline 'B' believes 'A' has (a round within 'rounds', or 'none') "
                "must be a number, found 'soon'",
            ),
        ],
        id="not-a-round",
    ),
    pytest.param(
        """
        beliefs:
          A: {B: {deadline: 5}}
        """,
        [
            (
                12,
                13,
                "a belief about a deadline needs 'negotiation.protocol': deadlines are "
                "rounds of the simulated talks",
            ),
        ],
        id="without-a-protocol",
    ),
    pytest.param(
        """
        protocol:
          rounds: 10
          uncertain:
            believed_deadline.A: {choice: [0, none]}
            believed_deadline.B: {uniform: [2, 11]}
            believed_deadline.C: {choice: [3]}
        """,
        [
            (14, 38, "a value of 'believed_deadline.A' must be in [1, 10], found 0"),
            (15, 38, "'uniform' needs 1 <= a <= b <= 10 for 'believed_deadline.B', found [2, 11]"),
            (16, 7, "'C' in 'believed_deadline.C' is not at the table"),
        ],
        id="uncertain",
    ),
]


@pytest.mark.parametrize(("body", "errors"), ERRORS)
def test_deadline_belief_errors_name_file_line_and_column(body: str, errors: list[Error]) -> None:
    with pytest.raises(ScenarioError) as raised:
        loads(with_table(body), "f.yaml")
    assert [str(d) for d in raised.value.diagnostics] == lines("f.yaml", errors)


def test_check_exits_2_with_the_same_lines(tmp_path: Path) -> None:
    body, errors = ERRORS[0].values
    path = tmp_path / "bad.yaml"
    path.write_text(with_table(str(body)), encoding="utf-8")
    assert check_errors(path) == lines(path, list(errors))  # type: ignore[call-overload]


def test_a_belief_about_a_party_without_a_deadline_and_none_are_accepted() -> None:
    """A may think B is under a clock B does not have, and B that A has none when it does."""
    text = with_table(
        """
        beliefs:
          A: {B: {deadline: 4}}
          B: {A: {deadline: none}}
        protocol: {rounds: 10, deadline: {A: 6}}
        """
    )
    negotiation = loads(text, "f.yaml").negotiation
    assert negotiation is not None
    believed = {(b.holder, b.about): b.deadline for b in negotiation.beliefs}
    assert believed == {("A", "B"): 4, ("B", "A"): "none"}
    batch = scenario_talks(loads(text, "f.yaml")).distributions.sample(3, np.random.default_rng(0))
    # kernel rounds count from 0: A believes B's last round is 3; B believes A has none (-1)
    assert batch.believed_deadline.tolist() == [[3, -1]] * 3
    assert batch.deadline.tolist() == [[5, -1]] * 3


STALLING = """
protocol:
  rounds: 20
  deadline: {A: 10}
  strategies: {A: linear, B: stall}
"""


def test_without_beliefs_each_party_knows_the_real_deadline() -> None:
    batch = scenario_talks(loads(with_table(STALLING), "f.yaml")).distributions.sample(
        2, np.random.default_rng(0)
    )
    assert batch.believed_deadline.tolist() == [[-1, 9], [-1, 9]]


def test_a_believed_deadline_equal_to_the_truth_changes_nothing() -> None:
    """Writing down the real deadline as a belief gives, run by run, the talks as written."""
    plain = loads(with_table(STALLING), "f.yaml")
    believed = loads(with_table("beliefs: {B: {A: {deadline: 10}}}\n" + STALLING), "f.yaml")
    first = simulate_talks(plain, 300, seed=5, workers=1, with_variants=False).baseline
    second = simulate_talks(believed, 300, seed=5, workers=1, with_variants=False).baseline
    assert first == second


def test_a_staller_that_believes_the_clock_runs_longer_misses_the_deal() -> None:
    """A concedes linearly to its deadline in round 10 (kernel round 9); B stalls with a window
    of 4. Knowing A's deadline, B concedes in rounds 5..9 and a deal comes before it; believing
    A's last round is 15, B still demands everything when A's deadline ends the talks."""
    right = loads(with_table(STALLING), "f.yaml")
    wrong = loads(with_table("beliefs: {B: {A: {deadline: 15}}}\n" + STALLING), "f.yaml")
    knows = simulate_talks(right, 50, seed=1, workers=1, with_variants=False).baseline
    misjudges = simulate_talks(wrong, 50, seed=1, workers=1, with_variants=False)
    assert knows.agreement == 1.0
    assert misjudges.baseline.agreement == 0.0
    assert [v.label for v in misjudges.variants] == ["as written"]


def test_the_clocks_read_what_if_is_the_talks_with_the_truth() -> None:
    """The what-if equals, run by run, the same file without the belief."""
    wrong = loads(with_table("beliefs: {B: {A: {deadline: 15}}}\n" + STALLING), "f.yaml")
    right = loads(with_table(STALLING), "f.yaml")
    labels = [variant.label for variant in variants(wrong)]
    assert labels == ["as written", "A without its deadline", CLOCKS_READ]
    talks = simulate_talks(wrong, 200, seed=3, workers=1)
    truth = simulate_talks(right, 200, seed=3, workers=1, with_variants=False).baseline
    corrected = talks.variants[2]
    assert corrected.summary.agreement == truth.agreement == 1.0
    assert corrected.difference is not None
    assert corrected.difference.agreement == 1.0


def test_a_drawn_belief_uses_a_stream_of_its_own() -> None:
    """Drawing B's belief leaves every other input's draws as they were, run by run."""
    uncertain = """
  uncertain:
    batna.A: {uniform: [0.1, 0.3]}
    deadline.A: {choice: [8, 10, 12]}
"""
    plain = loads(with_table(STALLING + uncertain), "f.yaml")
    drawn = loads(
        with_table(STALLING + uncertain + "    believed_deadline.B: {uniform: [5, 15]}\n"),
        "f.yaml",
    )
    one = scenario_talks(plain).distributions.sample(500, np.random.default_rng(11))
    two = scenario_talks(drawn).distributions.sample(500, np.random.default_rng(11))
    assert np.array_equal(one.reservation, two.reservation)
    assert np.array_equal(one.deadline, two.deadline)
    assert np.array_equal(one.believed_deadline[:, 0], two.believed_deadline[:, 0])
    assert np.array_equal(one.believed_deadline[:, 1], one.deadline[:, 0])  # the truth
    assert set(two.believed_deadline[:, 1].tolist()) == set(range(4, 15))  # rounds 5..15, 0-based


def test_the_korea_example_models_pyongyangs_reading_of_washingtons_clock() -> None:
    korea = load("examples/korea_2019.yaml")
    labels = [variant.label for variant in variants(korea)]
    assert labels[-1] == CLOCKS_READ
    belief = korea.negotiation.belief("NK", "US") if korea.negotiation else None
    assert belief is not None
    assert belief.deadline == 15
    batch = scenario_talks(korea).distributions.sample(2000, np.random.default_rng(0))
    assert set(batch.believed_deadline[:, 1].tolist()) == {11, 14, 17}
    # NK has no deadline, and the US knows it
    assert set(batch.believed_deadline[:, 0].tolist()) == {-1}


def test_stall_in_the_kernel_follows_the_belief() -> None:
    """Kernel check without the file format: B's believed deadline moves its concession."""
    from standoff.talks import split_the_pie

    table = split_the_pie(11)
    strategies = (linear(), Stall(window=4))

    def run(believed: int) -> tuple[int, int]:
        batch = Batch.broadcast(
            20, strategies, 1, strategy=(0, 1), reservation=(0.2, 0.2), deadline=(9, -1),
            believed_deadline=(-1, believed),
        )  # fmt: skip
        outcomes = negotiate(table, batch, seed=0)
        return int(outcomes.outcome[0]), int(outcomes.ended_by[0])

    assert run(9)[0] >= 0  # knows A's clock: a deal
    assert run(14)[0] == -1  # believes it runs longer: no deal


def test_a_scenario_written_back_to_yaml_keeps_the_believed_deadlines() -> None:
    from standoff.interop import to_yaml

    text = with_table(
        """
        beliefs:
          A: {B: {deadline: 4}}
          B: {A: {deadline: none}}
        protocol:
          rounds: 10
          uncertain: {believed_deadline.A: {choice: [3, none]}}
        """
    )
    negotiation = loads(text, "f.yaml").negotiation
    assert negotiation is not None
    again = loads(to_yaml(negotiation, "T"), "g.yaml").negotiation
    assert again is not None
    assert again.protocol is not None
    assert [(b.holder, b.deadline) for b in again.beliefs] == [("A", 4), ("B", "none")]
    assert again.protocol.uncertain["believed_deadline.A"].values == (3.0, None)


def test_a_belief_about_a_deadline_alone_leaves_the_bargaining_problem_as_it_is() -> None:
    """Deadlines are rounds of the talks: NK's belief about the US clock gives it no perceived
    ZOPA of its own in the bargaining analysis (only the US, which believes NK's BATNA, has one)."""
    from standoff.bargaining import bargain

    analysis = bargain(load("examples/korea_2019.yaml"))
    assert [perceived.holder for perceived in analysis.perceived] == ["US"]
