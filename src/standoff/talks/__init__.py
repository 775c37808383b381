"""Simulated talks: alternating offers with deadlines, stalling and negotiating styles.

An array kernel over many negotiations at once. The inputs are plain arrays: an
:class:`OutcomeTable` (each party's utility of each outcome, and its beliefs about the other's)
and a :class:`Batch` (per-run BATNAs, deadlines, discount factors, breakdown probability, first
mover, beliefs and strategies). :func:`negotiate` runs a batch; :func:`simulate` runs Monte Carlo
over :class:`Distributions` of uncertain inputs in seeded chunks, locally, on a process pool or
on a Dask cluster, and returns distributions (:class:`Summary`); :func:`tournament` plays every
strategy against every other.

Examples
--------
>>> from standoff.talks import Batch, boulware, conceder, negotiate, split_the_pie
>>> table = split_the_pie(101)
>>> batch = Batch.broadcast(20, (boulware(), conceder()), 1, strategy=(0, 1), reservation=0.1)
>>> outcomes = negotiate(table, batch)
>>> outcomes.utility.round(2).tolist(), outcomes.round.tolist()   # the Boulware side gets more
([[0.79, 0.21]], [15])
"""

from standoff.talks._batch import NO_DEADLINE, Batch
from standoff.talks._bayesian import BayesianLearner
from standoff.talks._bluster import Bluster
from standoff.talks._deals import Benchmark, Deals, Package
from standoff.talks._distributions import (
    Choice,
    Distributions,
    Fixed,
    Normal,
    Spec,
    Truth,
    Uniform,
)
from standoff.talks._hardliner import Hardliner
from standoff.talks._kernel import negotiate
from standoff.talks._montecarlo import (
    DEFAULT_CHUNK_SIZE,
    Simulation,
    simulate,
    simulate_variants,
)
from standoff.talks._outcome import (
    AGREEMENT,
    BOTH,
    BREAKDOWN,
    DEADLINE,
    ENDINGS,
    NOISE,
    QUANTILES,
    ROUND_LIMIT,
    Difference,
    Outcomes,
    Summary,
    summarize,
)
from standoff.talks._rubinstein import Rubinstein
from standoff.talks._scenario import (
    CLOCKS_READ,
    STANDARD_STRATEGIES,
    STRATEGIES,
    Talks,
    TalksSimulation,
    Variant,
    VariantResult,
    scenario_talks,
    simulate_talks,
    tournament_strategies,
    variants,
)
from standoff.talks._stall import Stall
from standoff.talks._strategy import Plan, Strategy, Turn
from standoff.talks._table import OutcomeTable, split_the_pie
from standoff.talks._time_based import TimeBased, boulware, conceder, linear
from standoff.talks._tit_for_tat import TitForTat
from standoff.talks._tournament import Pairing, Tournament, tournament

__all__ = [
    "AGREEMENT",
    "BOTH",
    "BREAKDOWN",
    "CLOCKS_READ",
    "DEADLINE",
    "DEFAULT_CHUNK_SIZE",
    "ENDINGS",
    "NOISE",
    "NO_DEADLINE",
    "QUANTILES",
    "ROUND_LIMIT",
    "STANDARD_STRATEGIES",
    "STRATEGIES",
    "Batch",
    "BayesianLearner",
    "Benchmark",
    "Bluster",
    "Choice",
    "Deals",
    "Difference",
    "Distributions",
    "Fixed",
    "Hardliner",
    "Normal",
    "OutcomeTable",
    "Outcomes",
    "Package",
    "Pairing",
    "Plan",
    "Rubinstein",
    "Simulation",
    "Spec",
    "Stall",
    "Strategy",
    "Summary",
    "Talks",
    "TalksSimulation",
    "TimeBased",
    "TitForTat",
    "Tournament",
    "Truth",
    "Turn",
    "Uniform",
    "Variant",
    "VariantResult",
    "boulware",
    "conceder",
    "linear",
    "negotiate",
    "scenario_talks",
    "simulate",
    "simulate_talks",
    "simulate_variants",
    "split_the_pie",
    "summarize",
    "tournament",
    "tournament_strategies",
    "variants",
]
