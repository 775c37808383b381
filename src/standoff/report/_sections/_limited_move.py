"""Limited-move stability: the equilibria when parties look ``h`` moves ahead, per horizon, and
non-myopic stability (the limit as the horizon grows). Its JSON is the ``limited_move`` key.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/prisoners_dilemma.yaml", Request(horizons=(2,)))
>>> limited_move_data(results)["limited_move"]["horizons"]["2"]["equilibria"]
[1, 4]
"""

from __future__ import annotations

from typing import Any

from standoff.pipeline import LimitedMoveRecord, Results
from standoff.report._blocks import Block, Cell, Paragraph, Section, Table
from standoff.report._sections._stability import result_data
from standoff.report._wording import Lister

__all__ = ["limited_move", "limited_move_data"]


def limited_move_data(results: Results) -> dict[str, Any]:
    """The ``limited_move`` key: Lh stability per horizon and non-myopic stability."""
    record = results.get(LimitedMoveRecord)
    if record is None:
        return {}
    limit = record.non_myopic
    non_myopic: dict[str, Any] = {"from_horizon": limit.horizon, "period": limit.period}
    if limit.result is None:
        non_myopic["equilibria"] = None
    else:
        non_myopic.update(result_data(limit.result))
    return {
        "limited_move": {
            "horizons": {result.concept[1:]: result_data(result) for result in record.horizons},
            "non_myopic": non_myopic,
        }
    }


def limited_move(results: Results) -> Section | None:
    """A table of the Lh equilibria per horizon, and the non-myopic limit."""
    record = results.get(LimitedMoveRecord)
    if record is None:
        return None
    lister = Lister(record.conflict, results.request.list_limit)
    rows = [
        (Cell((result.label,)), Cell((lister.mask(result.equilibria),)))
        for result in record.horizons
    ]
    limit = record.non_myopic
    if limit.result is None:
        rows.append(
            (Cell(("NM",)), Cell((f"no limit: stability cycles with period {limit.period}",)))
        )
    else:
        rows.append(
            (
                Cell(("NM",)),
                Cell((f"{lister.mask(limit.result.equilibria)} (from h = {limit.horizon})",)),
            )
        )
    blocks: list[Block] = [
        Paragraph(
            (
                "Under limited-move stability Lh each party looks h moves ahead, assuming the "
                "others answer in their own interest; non-myopic stability (NM) is the limit as "
                "h grows.",
            )
        ),
        Paragraph((_finding(record, lister),)),
        Table(("horizon", "equilibria"), tuple(rows), caption="Limited-move stability"),
    ]
    if (note := lister.note()) is not None:
        blocks.append(note)
    return Section("limited-move", "Limited-move stability", tuple(blocks))


def _finding(record: LimitedMoveRecord, lister: Lister) -> str:
    """Where looking further ahead leads: the non-myopic equilibria, or the cycle."""
    limit = record.non_myopic
    if limit.result is None:
        return (
            "Looking further ahead does not settle: the stable states cycle with period "
            f"{limit.period} as the horizon grows."
        )
    found = limit.result.equilibria
    if not found.any():
        return f"From {limit.horizon} moves ahead on, no state is stable for both parties."
    noun = "equilibrium" if int(found.sum()) == 1 else "equilibria"
    return (
        f"Looking {limit.horizon} or more moves ahead, the parties settle on "
        f"{lister.mask(found)}: the non-myopic {noun}."
    )
