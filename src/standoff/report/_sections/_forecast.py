"""The forecast of many actors on policy scales: findings first, then the forecast of each model,
the positions per round and the exchanges of each round. Its JSON is the ``forecast`` key.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/forecast/ec_emissions.yaml", Request(runs=20))
>>> round(forecast_data(results)["forecast"]["issues"]["year"]["forecasts"]["weighted_mean"], 6)
7.389956
"""

from __future__ import annotations

import math
from typing import Any

from standoff.forecast import MODELS, IssueForecast
from standoff.pipeline import ForecastRecord, Results
from standoff.report._blocks import Block, Cell, Paragraph, Section, Table
from standoff.report._sections._forecast_chart import quadrant_charts, rounds_chart
from standoff.report._wording import ROWS_HINT

__all__ = ["forecast", "forecast_data"]

_NAMES = {
    "weighted_mean": "compromise (weighted mean)",
    "weighted_median": "weighted median",
    "pairwise_vote": "pairwise-vote position",
    "challenge_median": "challenge model (final median)",
    "challenge_mean": "challenge model (final weighted mean)",
}


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


def forecast_data(results: Results) -> dict[str, Any]:
    """The ``forecast`` key: per issue, every model's forecast, the rounds and exchanges, the
    first round's expected utilities, and the spread over the runs."""
    record = results.get(ForecastRecord)
    if record is None:
        return {}
    found = record.forecast
    issues: dict[str, Any] = {}
    for issue in found.issues:
        issues[issue.issue] = {
            "label": issue.label,
            "range": [issue.low, issue.high],
            "anchors": [[value, text] for value, text in issue.anchors],
            "actors": [
                {"id": a, "capability": c, "salience": s, "position": x, "final": f}
                for a, c, s, x, f in zip(
                    issue.actors,
                    issue.capability,
                    issue.salience,
                    issue.positions,
                    issue.final,
                    strict=True,
                )
            ],
            "forecasts": {m: _number(issue.forecasts[m]) for m in MODELS},
            "converged": issue.converged,
            "rounds": [
                {
                    "round": r.number,
                    "positions": list(r.positions),
                    "mu": r.mu,
                    "risk": list(r.risk),
                    "exchanges": [
                        {
                            "challenger": e.challenger,
                            "target": e.target,
                            "outcome": e.outcome,
                            "offer": e.offer,
                            "response": e.response,
                            "before": e.before,
                            "after": e.after,
                        }
                        for e in r.exchanges
                    ],
                }
                for r in issue.rounds
            ],
            "expected_utility": [list(row) for row in issue.quadrant],
            "spread": {
                m: {
                    "mean": _number(s.mean),
                    "sd": _number(s.sd),
                    "quantiles": [_number(q) for q in s.quantiles],
                    "missing": s.missing,
                }
                for m, s in issue.spread.items()
            },
        }
    return {
        "forecast": {
            "parameters": found.parameters.as_dict(),
            "runs": found.runs,
            "seed": found.seed,
            "issues": issues,
        }
    }


def _shown(value: float | None) -> str:
    return "none" if value is None or math.isnan(value) else f"{value:.4g}"


def _findings(issue: IssueForecast, labels: dict[str, str]) -> Paragraph:
    forecasts = issue.forecasts
    moves = [e for r in issue.rounds for e in r.exchanges if e.moved > 0]
    strongest: dict[str, float] = {}
    for exchange in moves:
        strongest[exchange.challenger] = strongest.get(exchange.challenger, 0.0) + exchange.moved
    leader = max(strongest, key=lambda name: strongest[name]) if strongest else None
    text = (
        f"On {issue.label}, the compromise is {_shown(forecasts['weighted_mean'])} and the "
        f"pairwise-vote position {_shown(forecasts['pairwise_vote'])}; the challenge model "
        f"converges on {_shown(forecasts['challenge_median'])} after {len(issue.rounds)} "
        f"round{'s' if len(issue.rounds) != 1 else ''}"
        + ("" if issue.converged else " (the round limit stopped it)")
        + "."
    )
    if leader is not None:
        text += f" {labels.get(leader, leader)} moves the others furthest."
    return Paragraph((text,))


MAX_ROUND_COLUMNS = 6
"""Round columns of the positions table; beyond them the first rounds and the last are shown."""


def _rounds_shown(count: int) -> list[int]:
    """The indices of the rounds given a column: all, or the first few and the last."""
    if count <= MAX_ROUND_COLUMNS:
        return list(range(count))
    return [*range(MAX_ROUND_COLUMNS - 1), count - 1]


def forecast(results: Results) -> Section | None:
    """Findings in sentences, then the forecasts, the positions per round and the exchanges."""
    record = results.get(ForecastRecord)
    if record is None:
        return None
    found = record.forecast
    labels = dict(found.labels)
    blocks: list[Block] = [_findings(issue, labels) for issue in found.issues]
    uncertain = any(issue.spread for issue in found.issues)
    header = ("issue", "model", "forecast") + (("mean", "5%", "95%") if uncertain else ())
    rows = []
    for issue in found.issues:
        for model in MODELS:
            cells = [Cell((issue.label,)), Cell((_NAMES[model],)),
                     Cell((_shown(issue.forecasts[model]),))]  # fmt: skip
            if uncertain:
                spread = issue.spread.get(model)
                cells += [Cell((_shown(None if spread is None else v),)) for v in (
                    (spread.mean, spread.quantiles[0], spread.quantiles[4]) if spread else
                    (None, None, None))]  # fmt: skip
            rows.append(tuple(cells))
    numeric = (2, 3, 4, 5) if uncertain else (2,)
    caption = "Forecast per model and issue"
    if uncertain:
        caption += f" ({found.runs:,} runs, seed {found.seed})"
    blocks.append(Table(header, tuple(rows), numeric=numeric, caption=caption))
    row_limit = results.request.row_limit
    for issue in found.issues:
        if issue.rounds:
            blocks.append(rounds_chart(issue, labels))
        blocks.extend(quadrant_charts(issue, labels))
        names = [labels.get(a, a) for a in issue.actors]
        kept = _rounds_shown(len(issue.rounds))
        columns = [f"round {issue.rounds[k].number}" for k in kept] + ["final"]
        table_rows = []
        for index, name in enumerate(names):
            values = [issue.rounds[k].positions[index] for k in kept] + [issue.final[index]]
            table_rows.append((Cell((name,)), *(Cell((_shown(v),)) for v in values)))
        caption = f"Positions per round: {issue.label}"
        if len(kept) < len(issue.rounds):
            caption += f" (rounds {kept[-2] + 2} to {len(issue.rounds) - 1} left out)"
        blocks.append(
            Table(
                ("actor", *columns),
                tuple(table_rows),
                numeric=tuple(range(1, len(columns) + 1)),
                caption=caption,
            )
        )
        moves = [e for r in issue.rounds for e in r.exchanges if e.outcome != "none"]
        exchanges = [
            (Cell((str(e.round),)), Cell((labels.get(e.challenger, e.challenger),)),
             Cell((labels.get(e.target, e.target),)), Cell((e.outcome,)),
             Cell((_shown(e.before),)), Cell((_shown(e.after),)), Cell((_shown(e.moved),)))
            for e in (moves if row_limit is None else moves[:row_limit])
        ]  # fmt: skip
        if exchanges:
            blocks.append(
                Table(
                    ("round", "challenger", "target", "outcome", "from", "to", "moved"),
                    tuple(exchanges),
                    numeric=(0, 4, 5, 6),
                    caption=f"Exchanges that moved an actor: {issue.label}",
                )
            )
        if len(exchanges) < len(moves):
            left = f"{len(moves) - len(exchanges):,} more exchanges are left out; "
            blocks.append(Paragraph((left, *ROWS_HINT), note=True))
    blocks.append(
        Paragraph(
            (
                "The compromise weighs each position by capability × salience (Achen 2006); the "
                "challenge model is Bueno de Mesquita's expected-utility model as reconstructed "
                "by Scholz, Calbert and Smith (2011). See docs/concepts.md for what is and is "
                "not reproduced of the published results.",
            ),
            note=True,
        )
    )
    return Section("forecast", "Forecast", tuple(blocks))
