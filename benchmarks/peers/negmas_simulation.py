"""Worker: bilateral NegMAS negotiations with time-based negotiators (runs in the peers' venv).

Reads a JSON request on stdin::

    {"weights": [[w_issue, ...], [w_issue, ...]],   # each party's issue weights
     "levels": 5,                                   # levels per issue; party 0 values level l
                                                    # at l / (levels - 1), party 1 at 1 - that
     "reservation": [[rv0, rv1], ...],              # one pair per negotiation
     "first": [0 or 1, ...],                        # who proposes first, per negotiation
     "rounds": 100, "negotiator": "LinearTBNegotiator", "budget": seconds}

runs one ``SAOMechanism(n_steps=rounds)`` per negotiation with two negotiators of the given
class on ``LinearAdditiveUtilityFunction`` objects with those reserved values (the first mover
is added first), and writes one JSON line: ``{"seconds": s, "negotiations": n, "agreements": k,
"mean_step": m, "version": "0.16.0"}`` or ``{"over_budget": true}``. Building the issues and
utility functions is not timed; building and running each mechanism is.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from importlib import metadata
from typing import Any

from _peers import OverBudget, budget_alarm


def main() -> None:
    """Answer one request."""
    request = json.loads(sys.stdin.read())
    warnings.simplefilter("ignore")
    try:
        answer = _negotiate(request)
    except OverBudget:
        answer = {"over_budget": True}
    print(json.dumps(answer))


def _negotiate(request: dict[str, Any]) -> dict[str, Any]:
    from negmas import make_issue, sao
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun

    levels = int(request["levels"])
    weights = request["weights"]
    issues = [make_issue(levels, name=f"issue{i}") for i in range(len(weights[0]))]
    own = [level / (levels - 1) for level in range(levels)]
    values = [own, [1.0 - value for value in own]]
    negotiator = getattr(sao, request["negotiator"])

    def ufun(party: int, reserved: float) -> Any:
        tables = [TableFun(dict(enumerate(values[party]))) for _ in issues]
        return LinearAdditiveUtilityFunction(
            values=tables, weights=weights[party], issues=issues, reserved_value=reserved
        )

    pairs = [(ufun(0, rv[0]), ufun(1, rv[1])) for rv in request["reservation"]]
    agreements, steps = 0, 0
    budget_alarm(request["budget"])
    started = time.perf_counter()
    for (first_ufun, second_ufun), first in zip(pairs, request["first"], strict=True):
        mechanism = sao.SAOMechanism(issues=issues, n_steps=request["rounds"])
        order = [(0, first_ufun), (1, second_ufun)]
        for party, chosen in order if first == 0 else order[::-1]:
            mechanism.add(negotiator(name=f"party{party}"), ufun=chosen)
        state = mechanism.run()
        if state.agreement is not None:
            agreements += 1
            steps += state.step
    seconds = time.perf_counter() - started
    budget_alarm(0)
    return {
        "seconds": seconds,
        "negotiations": len(pairs),
        "agreements": agreements,
        "mean_step": steps / agreements if agreements else None,
        "version": metadata.version("negmas"),
    }


if __name__ == "__main__":
    main()
