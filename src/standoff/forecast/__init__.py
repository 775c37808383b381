"""Many actors on one policy scale: where the positions converge.

The baselines (the compromise, i.e. the capability- and salience-weighted mean, Achen 2006; the
weighted median; the pairwise-vote position, Bueno de Mesquita 1994) and the expected-utility
challenge model (Bueno de Mesquita 1985/1994, as reconstructed by Scholz, Calbert and Smith 2011),
vectorised across actors and Monte Carlo runs. docs/concepts.md gives the definitions and says what
of the published results is reproduced.

>>> from standoff.forecast import pairwise_vote, weighted_mean
>>> positions = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7]
>>> capability = [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08]
>>> salience = [0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7]
>>> round(weighted_mean(positions, capability, salience), 6)
7.389956
>>> pairwise_vote(positions, capability, salience)
7.0
"""

from standoff.forecast._analysis import forecast
from standoff.forecast._challenge import OUTCOMES, challenge_round, run_challenge
from standoff.forecast._compromise import weighted_mean
from standoff.forecast._median import weighted_median
from standoff.forecast._parameters import ChallengeParameters
from standoff.forecast._result import (
    MODELS,
    Exchange,
    Forecast,
    ForecastRound,
    IssueForecast,
    Spread,
)
from standoff.forecast._vote import pairwise_vote

__all__ = [
    "MODELS",
    "OUTCOMES",
    "ChallengeParameters",
    "Exchange",
    "Forecast",
    "ForecastRound",
    "IssueForecast",
    "Spread",
    "challenge_round",
    "forecast",
    "pairwise_vote",
    "run_challenge",
    "weighted_mean",
    "weighted_median",
]
