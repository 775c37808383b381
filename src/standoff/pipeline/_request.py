"""What a user asks standoff to compute: a :class:`Request`.

Every door into standoff (the command line, ``standoff.run``, the briefing, the notebook, the
workspace) turns what the user asked for into one request; :func:`standoff.pipeline.run` decides
from it and from the scenario which analyses run.

>>> Request(concepts=["seq", "nash"], horizons=[3, 2]).concepts
('nash', 'seq')
>>> Request(runs=0)
Traceback (most recent call last):
...
standoff.errors.RequestError: the number of simulated runs must be 1 to 10,000,000, got 0
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from standoff.errors import RequestError
from standoff.runner import check_scheduler_address
from standoff.stability import CONCEPTS, MAX_HORIZON

__all__ = [
    "DEFAULT_RUNS",
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "LIST_LIMIT",
    "MAX_RUNS",
    "MAX_SAMPLES",
    "MAX_SEED",
    "MAX_WORKERS",
    "ROW_LIMIT",
    "Request",
]

DEFAULT_RUNS = 2_000
"""Simulated negotiations per variant unless asked for another number."""
DEFAULT_SEED = 0
"""The seed of the simulated talks unless given another: the same file and version always give
the same results."""
LIST_LIMIT = 12
"""States listed in a sentence or a cell before the rest is counted (``and 9 more``)."""
ROW_LIMIT = 60
"""Rows of a state table before the rest is left out (and counted)."""
DEFAULT_SAMPLES = 2_000
"""Preference profiles drawn when robustness cannot evaluate every one."""
MAX_SAMPLES = 10_000_000
"""The most profiles one request may draw."""
MAX_RUNS = 10_000_000
"""The most simulated negotiations per variant one request may ask for (minutes of work)."""
MAX_SEED = 2**64 - 1
"""The largest seed: seeds are 64-bit unsigned integers."""
MAX_WORKERS = 256
"""The most processes one request may start."""
_RANGE = re.compile(r".+:[0-9]{1,9}-[0-9]{1,9}")


def _positive_or_none(value: int | None, name: str, what: str) -> None:
    if value is not None and value < 1:
        raise RequestError(name, f"{what} must be at least 1 (or None for no limit), got {value}")


@dataclass(frozen=True)
class Request:
    """Everything a user can ask for; the defaults are what ``standoff analyze FILE`` runs.

    Attributes
    ----------
    concepts
        Stability concepts to compute, kept in the canonical order of :data:`CONCEPTS`.
    start
        The state to start the status quo analysis from (a name, an id or a Y/N pattern);
        ``None`` starts from the scenario's status quo, if it names one.
    target
        A state whose reachability to ask about: from which states it can be reached.
    coalitions
        ``"declared"``: the coalitions the scenario declares (if any); ``"all"``: try every
        coalition of two or more parties.
    horizons
        Horizons of limited-move stability (with non-myopic stability); empty for none.
    explain
        ``(party, state)``: explain why the state is or is not stable for the party.
    runs
        Simulated negotiations per variant, when the scenario has a protocol.
    seed
        The seed of the simulated talks; ``None`` draws one (recorded in the results).
    variants
        Also simulate the talks without each deadline and with each belief corrected.
    tournament
        Also play every strategy against every one.
    workers
        Processes for parallel work; ``None`` one per CPU, 1 in this process.
    scheduler
        A ``dask.distributed`` scheduler address to run parallel work on instead.
    only
        Run only these analyses (by registry name) and what they need; ``None`` runs every
        analysis the scenario and the request support.
    list_limit
        States a list shows before counting the rest; ``None`` shows every one.
    row_limit
        Rows a state table shows before counting the rest; ``None`` shows every one.
    samples
        Preference profiles drawn for robustness (and for counting) when there are more than can
        be evaluated exactly; drawn with ``seed``.
    hinges
        Whether to recompute the equilibria under every single change of a preference judgement.
    inverse
        A state to ask about in inverse analysis: what would make it stable.
    inverse_parties
        The parties whose preferences inverse analysis may change; empty for every party.
    vary
        Rank ranges ``PARTY:FROM-TO`` whose every order inverse analysis counts.
    deal
        A draft agreement to score (``draft``): ``(issue, level)`` pairs, one per issue, as
        :func:`standoff.bargaining.parse_deal` reads ``"sanctions=partial, program=none"``;
        ``None`` for none.
    """

    concepts: tuple[str, ...] = CONCEPTS
    start: str | None = None
    target: str | None = None
    coalitions: Literal["declared", "all"] = "declared"
    horizons: tuple[int, ...] = ()
    explain: tuple[str, str] | None = None
    runs: int = DEFAULT_RUNS
    seed: int | None = DEFAULT_SEED
    variants: bool = True
    tournament: bool = False
    workers: int | None = 1
    scheduler: str | None = None
    only: frozenset[str] | None = field(default=None)
    list_limit: int | None = LIST_LIMIT
    row_limit: int | None = ROW_LIMIT
    samples: int = DEFAULT_SAMPLES
    hinges: bool = True
    inverse: str | None = None
    inverse_parties: tuple[str, ...] = ()
    vary: tuple[str, ...] = ()
    deal: tuple[tuple[str, str], ...] | None = None

    def __post_init__(self) -> None:
        chosen = set(_strings(self.concepts, "concepts"))
        unknown = sorted(chosen - set(CONCEPTS))
        if unknown:
            raise RequestError(
                "concepts",
                f"unknown concept '{unknown[0]}'; expected some of {', '.join(CONCEPTS)}",
            )
        if not chosen:
            raise RequestError(
                "concepts", f"no concept given; expected some of {', '.join(CONCEPTS)}"
            )
        object.__setattr__(self, "concepts", tuple(c for c in CONCEPTS if c in chosen))
        if self.coalitions not in ("declared", "all"):
            raise RequestError(
                "coalitions", f"coalitions must be 'declared' or 'all', got {self.coalitions!r}"
            )
        horizons = tuple(sorted({int(h) for h in self.horizons}))
        outside = [h for h in horizons if not 1 <= h <= MAX_HORIZON]
        if outside:
            raise RequestError(
                "horizons", f"horizon {outside[0]} is out of range (expected 1 to {MAX_HORIZON})"
            )
        object.__setattr__(self, "horizons", horizons)
        if self.explain is not None:
            party, state = self.explain
            object.__setattr__(self, "explain", (str(party), str(state)))
        if not 1 <= self.runs <= MAX_RUNS:
            raise RequestError(
                "runs",
                f"the number of simulated runs must be 1 to {MAX_RUNS:,}, got {self.runs:,}",
            )
        if self.seed is not None and not 0 <= self.seed <= MAX_SEED:
            raise RequestError("seed", f"the seed must be 0 to {MAX_SEED:,}, got {self.seed:,}")
        if self.workers is not None and not 1 <= self.workers <= MAX_WORKERS:
            raise RequestError(
                "workers",
                f"workers must be 1 to {MAX_WORKERS} (or None for one per CPU), "
                f"got {self.workers:,}",
            )
        if self.scheduler is not None:
            try:
                check_scheduler_address(self.scheduler)
            except ValueError as error:
                raise RequestError("scheduler", str(error)) from None
        _positive_or_none(self.list_limit, "list_limit", "the list limit")
        _positive_or_none(self.row_limit, "row_limit", "the row limit")
        if self.only is not None:
            object.__setattr__(self, "only", frozenset(_strings(self.only, "only")))
        if not 1 <= self.samples <= MAX_SAMPLES:
            raise RequestError(
                "samples", f"samples must be 1 to {MAX_SAMPLES:,}, got {self.samples:,}"
            )
        object.__setattr__(self, "inverse_parties", tuple(_strings(self.inverse_parties, "party")))
        ranges = tuple(_strings(self.vary, "vary"))
        for text in ranges:
            if not _RANGE.fullmatch(text):
                raise RequestError(
                    "vary", f"'{text}' is not a rank range PARTY:FROM-TO (such as Syria:1-6)"
                )
        object.__setattr__(self, "vary", ranges)
        if self.deal is not None:
            pairs = tuple((str(issue), str(level)) for issue, level in self.deal)
            object.__setattr__(self, "deal", pairs)
        if ranges and self.inverse is None:
            raise RequestError("vary", "rank ranges are counted for a state: give one to inverse")

    def parameters(self) -> dict[str, Any]:
        """The request as plain data (JSON-ready), for the provenance of results."""
        data = asdict(self)
        data["concepts"] = list(self.concepts)
        data["horizons"] = list(self.horizons)
        data["explain"] = None if self.explain is None else list(self.explain)
        data["only"] = None if self.only is None else sorted(self.only)
        data["inverse_parties"] = list(self.inverse_parties)
        data["vary"] = list(self.vary)
        return data


def _strings(values: Iterable[str] | str, name: str) -> list[str]:
    if isinstance(values, str):
        raise RequestError(name, f"{name} must be a list of names, not the string {values!r}")
    return [str(value) for value in values]
