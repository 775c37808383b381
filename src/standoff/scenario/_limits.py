"""The limits of what a scenario file may hold: one place for every bound the reader enforces.

A file beyond one of these limits is refused when it is read, with a located error that names the
limit, before anything proportional to the excess is allocated or computed. The limits are far
above what any hand-written scenario needs (the largest example is 13 KB, nests 8 levels deep and
names a few dozen ids); they exist so that a malformed or hostile file fails fast instead of
exhausting the stack, the memory or the user's patience. docs/scenario-format.md lists them under
"Limits".

Examples
--------
>>> MAX_FILE_BYTES // 1024 // 1024, MAX_YAML_DEPTH, MAX_EXPRESSION_DEPTH
(1, 64, 50)
"""

from __future__ import annotations

__all__ = [
    "MAX_EXPRESSION_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_FORECAST_ACTORS",
    "MAX_FORECAST_ISSUES",
    "MAX_HYPOTHESES",
    "MAX_LISTED",
    "MAX_MAGNITUDE",
    "MAX_ROUNDS",
    "MAX_SHORT_LABEL",
    "MAX_STATEMENTS",
    "MAX_SUGGESTED",
    "MAX_SUGGESTION_CANDIDATES",
    "MAX_WEIGHT",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "PROBABILITY_TOLERANCE",
]

MAX_FILE_BYTES = 1 << 20
"""The largest scenario file, in bytes (1 MiB); a larger one is refused before it is read."""

MAX_YAML_DEPTH = 64
"""The deepest nesting of YAML lists and mappings (a scenario needs about 8 levels)."""

MAX_YAML_NODES = 100_000
"""The most YAML values a file may expand to, each alias counted as the whole value it repeats:
a small file of aliases of aliases (the "billion laughs") is refused as soon as it passes this.
A scenario needs a few hundred (the largest example, 285); a file of 100,000 values takes about
half a second and 50 MB to read, so even a refusal this late stays fast and small."""

MAX_EXPRESSION_DEPTH = 50
"""The deepest nesting of parentheses in an expression."""

MAX_STATEMENTS = 62
"""The most prioritization statements in one party's preferences: a state's score weighs
statement k by 2^(m-1-k), and scores are 64-bit integers."""

MAX_ROUNDS = 10_000
"""The most rounds of simulated talks; strategy parameters that count rounds or turns (``window``,
``away``, ``cycle``, ``cave``, ``distract``) are bounded by it too. Every round of every variant
costs about a third of a millisecond whatever the number of runs, so 10,000 rounds (two centuries
of weekly rounds) keep a simulation within seconds; the first edition allowed 100,000, which took
a minute and was never needed."""

MAX_HYPOTHESES = 101
"""The most candidate values of the ``bayesian`` strategy (a grid of step 0.01 on [0, 1]): each
simulated negotiation keeps one belief per candidate."""

MAX_WEIGHT = 1e9
"""The largest weight of an issue in a utility (weights are relative)."""

MAX_MAGNITUDE = 1e12
"""The largest magnitude of a number on an issue's own scale (a range's ends, a point's x)."""

MAX_SUGGESTED = 100
"""Problems that get a "did you mean": past this many, messages name no closest candidate."""

MAX_SUGGESTION_CANDIDATES = 1_000
"""The most candidates a "did you mean" compares a misspelt name with; beyond it, none."""

MAX_LISTED = 20
"""The most names a message lists ("expected one of ..."); a longer list ends with "and N more"."""

MAX_SHORT_LABEL = 60
"""The most characters of an option's ``short`` label (it names what is done in a few words)."""

MAX_FORECAST_ACTORS = 1_000
"""The most actors of a ``forecast:`` section: a round of the challenge model weighs every pair
of actors, so 1,000 actors are a million pairs per round and run."""

MAX_FORECAST_ISSUES = 100
"""The most issues of a ``forecast:`` section (each is forecast on its own)."""

PROBABILITY_TOLERANCE = 0.001
"""How far probabilities that must sum to 1 may miss it: ``[0.3333, 0.3333, 0.3333]`` is
accepted (and scaled to sum exactly 1), ``[0.5, 0.6]`` is not."""
