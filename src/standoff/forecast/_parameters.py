"""The parameters of the expected-utility challenge model, each ambiguity of the published
descriptions a named choice with a documented default.

Examples
--------
>>> ChallengeParameters().rounds, ChallengeParameters().mu
(50, 'median')
>>> ChallengeParameters(q=2.0)
Traceback (most recent call last):
...
ValueError: q must be in [0, 1], got 2
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["MU_CHOICES", "TIE_CHOICES", "ChallengeParameters"]

MU_CHOICES = ("median", "mean")
"""What μ (the expected outcome without a challenge) is: the pairwise-vote position or the
weighted mean."""
TIE_CHOICES = ("least_movement", "first_actor")
"""How a target chooses among offers of equal expected utility."""


@dataclass(frozen=True)
class ChallengeParameters:
    """How the challenge model runs.

    Attributes
    ----------
    rounds
        The round limit (default 50).
    tolerance
        A run stops when no position moves by more than ``tolerance`` × the scale's range in a
        round (default 1e-6).
    q, t
        Q, the probability the actor expects the status quo to last if it does not challenge,
        and T, the probability that μ moves towards it if it does not last (both 1 in Scholz et
        al. 2011, the default).
    mu
        ``"median"``: μ is the pairwise-vote position, the actor position of least weighted
        distance (Scholz et al.; the default); ``"mean"``: the weighted mean.
    ties
        Among offers of equal expected utility a target takes the one that moves it least
        (``"least_movement"``, the design note's rule and the default) or the one from the actor
        listed first (``"first_actor"``). Remaining ties go to the actor listed first.
    risk
        Compute each actor's risk exponent from its security every round (the default), or keep
        every exponent at 1 (``False``, the model without risk attitudes).
    silent_indifferent
        Actors with salience 0 make no offers and take no part in the risk computation (the
        default, ``True``): an actor that does not care about an issue spends nothing on it, so
        it moves nobody. ``False`` follows the formulas literally, in which the challenger's own
        salience does not appear in EUᵢ(j).
    """

    rounds: int = 50
    tolerance: float = 1e-6
    q: float = 1.0
    t: float = 1.0
    mu: Literal["median", "mean"] = "median"
    ties: Literal["least_movement", "first_actor"] = "least_movement"
    risk: bool = True
    silent_indifferent: bool = True

    def __post_init__(self) -> None:
        if not 0 <= self.rounds <= 10_000:
            raise ValueError(f"rounds must be 0 to 10,000, got {self.rounds}")
        if not 0 <= self.tolerance < 1:
            raise ValueError(f"tolerance must be in [0, 1), got {self.tolerance:g}")
        for name in ("q", "t"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"{name} must be in [0, 1], got {value:g}")
        if self.mu not in MU_CHOICES:
            raise ValueError(f"mu must be one of {', '.join(MU_CHOICES)}, got {self.mu!r}")
        if self.ties not in TIE_CHOICES:
            raise ValueError(f"ties must be one of {', '.join(TIE_CHOICES)}, got {self.ties!r}")

    def as_dict(self) -> dict[str, Any]:
        """The parameters as plain data (JSON-ready)."""
        return asdict(self)
