"""The inspection game: will the inspected party violate, and how often must the other inspect?

Two players: the *inspectee* either complies or violates an agreement; the *inspector* either
inspects (at a cost ``e``) or not. An inspection finds a violation with probability ``β``; a
violation found costs the inspectee the penalty ``b``, a violation missed gains it ``g`` and
costs the inspector ``L``. Payoffs (inspectee, inspector)::

                    not inspect        inspect
    comply          (0, 0)             (0, −e)
    violate         (g, −L)            (g − β(g + b), −e − (1 − β)L)

When a violation can be deterred (``β(g + b) > g``) and inspecting a sure violator pays
(``e < βL``), the only equilibrium is mixed: each player makes the other indifferent, so the
inspector inspects with probability ``q* = g / (β(g + b))`` and the inspectee violates with
probability ``v* = e / (βL)`` (Avenhaus, von Stengel & Zamir 2002, "Inspection games", *Handbook
of Game Theory* vol. 3, ch. 51, §2; Dresher 1962). The boundary cases:

- ``g = 0`` (``nothing_to_gain``): the inspectee complies and nobody inspects;
- ``β(g + b) < g`` (``undeterrable``): violating pays even against certain inspection, so the
  inspectee violates; the inspector inspects when ``e < βL`` (to recover part of the loss);
- ``e ≥ βL`` (``not_worth_inspecting``): inspecting costs at least what it can save even against
  a sure violator, so nobody inspects and the inspectee violates.

Both comparisons allow :data:`~standoff.compliance.TOLERANCE` (``10⁻¹²``), so that rounding
never decides a case that is exactly on a boundary (``0.75 × (0.3 + 0.1)`` is ``0.3`` plus a
rounding error): when ``β(g + b) = g`` an inspectee indifferent under certain inspection is
deterred, as a party indifferent to cheating keeps its word in
:mod:`~standoff.compliance._kernel` (``q* = 1``); when ``e = βL`` an indifferent inspector does
not inspect.

``q*`` is then also the least inspection rate that deters: any higher rate makes compliance the
inspectee's only best reply.

>>> game = inspection_game(gain=0.2, penalty=0.6, detection=0.5, inspection_cost=0.05, loss=0.5)
>>> game.regime, round(game.inspection, 6), round(game.violation, 6)
('mixed', 0.5, 0.2)
"""

from __future__ import annotations

from dataclasses import dataclass

from standoff.compliance._kernel import TOLERANCE

__all__ = ["REGIMES", "InspectionGame", "inspection_game"]

REGIMES = ("mixed", "nothing_to_gain", "undeterrable", "not_worth_inspecting")
"""The kinds of equilibrium of the inspection game, in the order the module describes them."""


@dataclass(frozen=True)
class InspectionGame:
    """The equilibrium of one inspection game.

    Attributes
    ----------
    inspection
        The inspector's probability of inspecting (``q*`` when ``regime`` is ``mixed``).
    violation
        The inspectee's probability of violating (``v*`` when ``regime`` is ``mixed``).
    inspectee_payoff, inspector_payoff
        Each player's expected payoff in the equilibrium.
    """

    gain: float
    penalty: float
    detection: float
    inspection_cost: float
    loss: float
    regime: str
    inspection: float
    violation: float
    inspectee_payoff: float
    inspector_payoff: float


def inspection_game(
    *, gain: float, penalty: float, detection: float, inspection_cost: float, loss: float
) -> InspectionGame:
    """Solve the 2×2 inspection game (see the module docstring for the payoffs).

    Parameters
    ----------
    gain
        ``g ≥ 0``: what an undetected violation is worth to the inspectee.
    penalty
        ``b ≥ 0``: what a detected violation costs the inspectee.
    detection
        ``β`` in [0, 1]: the probability an inspection finds a violation.
    inspection_cost
        ``e ≥ 0``: what one inspection costs the inspector.
    loss
        ``L ≥ 0``: what an undetected violation costs the inspector.

    Raises
    ------
    ValueError
        When a value is negative or ``detection`` is above 1.

    Examples
    --------
    >>> inspection_game(gain=0.3, penalty=0.1, detection=0.5, inspection_cost=0.1, loss=1).regime
    'undeterrable'
    >>> inspection_game(gain=0.1, penalty=1, detection=0.8, inspection_cost=0.5, loss=0.5).regime
    'not_worth_inspecting'
    """
    g, b, beta, e, big_l = gain, penalty, detection, inspection_cost, loss
    if min(g, b, beta, e, big_l) < 0 or beta > 1:
        raise ValueError("the inspection game needs non-negative values and a detection in [0, 1]")

    def solved(regime: str, q: float, v: float) -> InspectionGame:
        inspectee = v * (g - q * beta * (g + b))
        inspector = -q * e - v * big_l * (1 - q * beta)
        return InspectionGame(g, b, beta, e, big_l, regime, q, v, inspectee, inspector)

    worth_inspecting = e < beta * big_l - TOLERANCE
    if g == 0:
        return solved("nothing_to_gain", 0.0, 0.0)
    if beta * (g + b) < g - TOLERANCE:
        return solved("undeterrable", 1.0 if worth_inspecting else 0.0, 1.0)
    if not worth_inspecting:
        return solved("not_worth_inspecting", 0.0, 1.0)
    inspection = round(min(1.0, g / (beta * (g + b))), 12)
    return solved("mixed", inspection, round(e / (beta * big_l), 12))
