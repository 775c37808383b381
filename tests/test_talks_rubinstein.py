"""Rubinstein's alternating offers: simulated equilibrium strategies against the closed forms."""

from __future__ import annotations

import numpy as np
import pytest

from standoff.talks import AGREEMENT, Batch, Rubinstein, negotiate, split_the_pie

LEVELS = 10_001
STEP = 1.0 / (LEVELS - 1)
PIE = split_the_pie(LEVELS)


def tolerance(*discounts: float) -> float:
    """Each backward step rounds the responder's share up to the grid; the error contracts by
    the discount factor on the way back, so it stays below one step over (1 - δ)."""
    return 2 * STEP / (1.0 - max(discounts))


@pytest.mark.parametrize(
    ("delta1", "delta2"),
    [
        pytest.param(0.9, 0.8, id="0.9-0.8"),
        pytest.param(0.5, 0.7, id="0.5-0.7"),
        pytest.param(0.8, 0.8, id="common-0.8"),
        pytest.param(0.95, 0.6, id="patient-first"),
    ],
)
def test_infinite_horizon_share(delta1: float, delta2: float) -> None:
    """No deadline: the first proposer gets (1 - δ2) / (1 - δ1 δ2) (Rubinstein 1982), here with a
    round limit long enough that (δ1 δ2)^(rounds / 2) is negligible. Both orders of moving."""
    batch = Batch.broadcast(300, Rubinstein(), 2, discount=(delta1, delta2), first=[0, 1])
    outcomes = negotiate(PIE, batch)
    assert outcomes.ended_by.tolist() == [AGREEMENT, AGREEMENT]
    assert outcomes.round.tolist() == [0, 0]
    first_share = (1 - delta2) / (1 - delta1 * delta2)
    second_first_share = (1 - delta1) / (1 - delta1 * delta2)
    assert outcomes.utility[0, 0] == pytest.approx(first_share, abs=tolerance(delta1, delta2))
    assert outcomes.utility[1, 1] == pytest.approx(
        second_first_share, abs=tolerance(delta1, delta2)
    )


@pytest.mark.parametrize("delta", [0.3, 0.5, 0.9])
@pytest.mark.parametrize("rounds", range(1, 9))
def test_finite_horizon_share(delta: float, rounds: int) -> None:
    """T rounds and a common δ: the first proposer gets (1 - (-δ)^T) / (1 + δ)."""
    outcomes = negotiate(PIE, Batch.broadcast(rounds, Rubinstein(), 1, discount=delta))
    assert outcomes.round.tolist() == [0]
    expected = (1 - (-delta) ** rounds) / (1 + delta)
    assert outcomes.utility[0, 0] == pytest.approx(expected, abs=rounds * STEP)


@pytest.mark.parametrize("rounds", [2, 5, 8])
def test_deadline_sets_the_horizon(rounds: int) -> None:
    """A deadline at round T - 1 in a longer game gives the T-round share."""
    delta = 0.6
    batch = Batch.broadcast(40, Rubinstein(), 1, discount=delta, deadline=(rounds - 1, 30))
    outcomes = negotiate(PIE, batch)
    expected = (1 - (-delta) ** rounds) / (1 + delta)
    assert outcomes.utility[0, 0] == pytest.approx(expected, abs=rounds * STEP)


@pytest.mark.parametrize("risk", [0.1, 0.3, 0.6])
def test_breakdown_risk_acts_as_discounting(risk: float) -> None:
    """Without discounting, a breakdown probability p with BATNAs 0 is a common δ = 1 - p
    (Binmore, Rubinstein & Wolinsky 1986): the first proposer gets 1 / (2 - p)."""
    batch = Batch.broadcast(300, Rubinstein(), 1, breakdown=risk)
    outcomes = negotiate(PIE, batch, seed=0)
    assert outcomes.round.tolist() == [0]
    assert outcomes.utility[0, 0] == pytest.approx(1 / (2 - risk), abs=tolerance(1 - risk))


def test_outside_options_bind() -> None:
    """Two rounds, common δ = 0.5, party 1's BATNA 0.8: rejecting gives it 0.8 > δ * 1, so party
    0 must offer it 0.8 at once and keeps 0.2 (a binding outside option)."""
    batch = Batch.broadcast(2, Rubinstein(), 1, discount=0.5, reservation=(0.0, 0.8))
    outcomes = negotiate(PIE, batch)
    assert outcomes.round.tolist() == [0]
    assert outcomes.utility[0].tolist() == pytest.approx([0.2, 0.8])


def test_no_deal_when_batnas_exceed_the_pie() -> None:
    batch = Batch.broadcast(10, Rubinstein(), 1, discount=0.9, reservation=(0.6, 0.5))
    outcomes = negotiate(PIE, batch)
    assert outcomes.outcome.tolist() == [-1]
    assert outcomes.utility[0].tolist() == [0.6, 0.5]


def test_plan_is_vectorised_over_runs() -> None:
    deltas = np.array([[0.9, 0.8], [0.5, 0.7], [0.8, 0.8]])
    together = negotiate(PIE, Batch.broadcast(200, Rubinstein(), 3, discount=deltas))
    for run in range(3):
        alone = negotiate(PIE, Batch.broadcast(200, Rubinstein(), 1, discount=deltas[run]))
        assert together.utility[run].tolist() == alone.utility[0].tolist()


# Outside options (issue 14). A BATNA is taken in the round the talks end and discounted like a
# deal then; a responder never accepts less than its BATNA, so it can always leave with it.


def outside_option_reference(delta: float, batna: float, rounds: int) -> float:
    """Party 1's share when party 0 proposes first, T rounds, common δ, party 1's BATNA w and
    party 0's 0 (Osborne & Rubinstein 1990, §3.12): backwards, the proposer keeps what the
    responder does not need, and the responder needs max(w, δ × its share as the next proposer),
    or w in the last round."""
    proposer_share = 1.0 - batna  # the last round: party 0 proposes when T is odd
    for t in range(rounds - 1, -1, -1):
        responder_batna = batna if t % 2 == 0 else 0.0
        waiting = 0.0 if t == rounds - 1 else delta * proposer_share
        needed = max(responder_batna, waiting)
        proposer_share = 1.0 - needed
    return 1.0 - proposer_share


@pytest.mark.parametrize(
    ("delta", "batna"),
    [
        pytest.param(0.9, 0.0, id="no-batna"),
        pytest.param(0.9, 0.3, id="slack-0.3"),
        pytest.param(0.9, 0.47, id="slack-just"),
        pytest.param(0.9, 0.6, id="binds-0.6"),
        pytest.param(0.9, 0.9, id="binds-0.9"),
        pytest.param(0.5, 0.2, id="slack-impatient"),
        pytest.param(0.5, 0.5, id="binds-impatient"),
        pytest.param(0.95, 0.3, id="slack-patient"),
        pytest.param(0.95, 0.7, id="binds-patient"),
    ],
)
def test_outside_option_principle(delta: float, batna: float) -> None:
    """The responder gets max(δ / (1 + δ), w) (Binmore, Shaked & Sutton 1989): its BATNA moves
    the deal only when it binds. Under the old convention (a BATNA received undiscounted at the
    round limit) it got about (δ + w) / (1 + δ) instead."""
    batch = Batch.broadcast(400, Rubinstein(), 1, discount=delta, reservation=(0.0, batna))
    outcomes = negotiate(PIE, batch)
    assert outcomes.round.tolist() == [0]
    expected = max(delta / (1 + delta), batna)
    assert outcomes.utility[0, 1] == pytest.approx(expected, abs=tolerance(delta))


def test_a_slack_batna_changes_nothing() -> None:
    """δ = 0.9: a BATNA of 0.3 is below the responder's share 0.474 and gives the same deal as
    none at all, to the grid point."""
    shares = [
        negotiate(
            PIE, Batch.broadcast(300, Rubinstein(), 1, discount=0.9, reservation=(0.0, w))
        ).utility[0, 1]
        for w in (0.0, 0.3)
    ]
    assert shares[0] == shares[1]


@pytest.mark.parametrize("batna", [0.2, 0.45, 0.7])
@pytest.mark.parametrize("delta", [0.5, 0.9])
@pytest.mark.parametrize("rounds", range(1, 9))
def test_finite_horizon_outside_option(delta: float, batna: float, rounds: int) -> None:
    """T rounds: the exact backward-induction values with the responder's outside option."""
    batch = Batch.broadcast(rounds, Rubinstein(), 1, discount=delta, reservation=(0.0, batna))
    outcomes = negotiate(PIE, batch)
    assert outcomes.round.tolist() == [0]
    expected = outside_option_reference(delta, batna, rounds)
    assert outcomes.utility[0, 1] == pytest.approx(expected, abs=rounds * STEP)


@pytest.mark.parametrize("risk", [0.1, 0.3, 0.6])
def test_breakdown_risk_with_batnas(risk: float) -> None:
    """No discounting, breakdown probability p, BATNAs (w1, w2) as the breakdown point (Binmore,
    Rubinstein & Wolinsky 1986): the first proposer gets (1 - w2 + (1 - p) w1) / (2 - p), which is
    1 / (2 - p) with BATNAs 0."""
    w1, w2 = 0.1, 0.2
    batch = Batch.broadcast(300, Rubinstein(), 1, breakdown=risk, reservation=(w1, w2))
    outcomes = negotiate(PIE, batch, seed=0)
    assert outcomes.round.tolist() == [0]
    expected = (1 - w2 + (1 - risk) * w1) / (2 - risk)
    assert outcomes.utility[0, 0] == pytest.approx(expected, abs=tolerance(1 - risk))


def test_no_deal_batna_is_discounted_to_the_round_talks_end() -> None:
    batch = Batch.broadcast(10, Rubinstein(), 1, discount=0.9, reservation=(0.6, 0.5))
    outcomes = negotiate(PIE, batch)
    assert outcomes.round.tolist() == [9]
    assert outcomes.discounted[0].tolist() == pytest.approx([0.6 * 0.9**9, 0.5 * 0.9**9])
