"""Simulated talks as JSON (the ``simulation`` key) and as plain-language comparisons.

Rounds are counted from 1 here, as in scenario files (the kernel counts from 0).

>>> from standoff.talks import simulate_talks
>>> from standoff.scenario import load
>>> talks = simulate_talks(load("examples/korea_2019.yaml"), 500, seed=1, workers=1)
>>> document = simulation_document(talks)
>>> [variant["label"] for variant in document["variants"]][:2]
['as written', 'US without its deadline']
>>> sum(document["variants"][0]["agreement_rounds"]) <= 500
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from standoff.pipeline import Results, TalksRecord

if TYPE_CHECKING:  # the talks package is imported only when talks were simulated
    from standoff.talks import Summary, TalksSimulation

__all__ = ["comparisons", "simulation_data", "simulation_document"]

_DIGITS = 6


def _number(value: float) -> float:
    return round(float(value), _DIGITS)


def _per_party(parties: tuple[str, str], values: tuple[float, float]) -> dict[str, float]:
    return {party: _number(value) for party, value in zip(parties, values, strict=True)}


def _counts(parties: tuple[str, str], values: tuple[int, int, int]) -> dict[str, int]:
    return {parties[0]: values[0], parties[1]: values[1], "both": values[2]}


def _summary(parties: tuple[str, str], label: str, summary: Summary) -> dict[str, Any]:
    mean = summary.mean_agreement_round
    quantiles = None
    if summary.quantiles is not None:
        from standoff.talks import QUANTILES

        quantiles = {f"{q:g}": r + 1 for q, r in zip(QUANTILES, summary.quantiles, strict=True)}
    return {
        "label": label,
        "agreement": _number(summary.agreement),
        "breakdown": _number(summary.breakdown),
        "deadline": _number(summary.deadline),
        "round_limit": _number(summary.round_limit),
        "utility": _per_party(parties, summary.utility),
        "discounted": _per_party(parties, summary.discounted),
        "utility_sd": _per_party(parties, summary.utility_sd),
        "mean_agreement_round": None if mean is None else _number(mean + 1),
        "agreement_round_quantiles": quantiles,
        "agreement_rounds": list(summary.agreement_rounds),
        "deadline_bound": _counts(parties, summary.deadline_bound),
        "agreed_at_deadline": _counts(parties, summary.agreed_at_deadline),
    }


def simulation_document(simulation: TalksSimulation) -> dict[str, Any]:
    """The simulation as plain JSON-ready data (see docs/output-format.md)."""
    parties = simulation.parties
    played = simulation.tournament
    tournament = None
    if played is not None:
        tournament = {
            "runs": played.runs,
            "strategies": list(played.names),
            "pairings": [
                {
                    "strategies": dict(zip(parties, cell.strategies, strict=True)),
                    "agreement": _number(cell.agreement),
                    "utility": _per_party(parties, cell.utility),
                    "discounted": _per_party(parties, cell.discounted),
                    "mean_agreement_round": (
                        None if cell.mean_round is None else _number(cell.mean_round + 1)
                    ),
                }
                for cell in played.pairings
            ],
            "scores": [{"strategy": name, "score": _number(s)} for name, s in played.scores()],
        }
    return {
        "parties": list(parties),
        "runs": simulation.runs,
        "seed": simulation.seed,
        "rounds": simulation.baseline.rounds,
        "variants": [_summary(parties, v.label, v.summary) for v in simulation.variants],
        "tournament": tournament,
    }


def simulation_data(results: Results) -> dict[str, Any]:
    """The ``simulation`` key."""
    record = results.get(TalksRecord)
    return {} if record is None else {"simulation": simulation_document(record.simulation)}


def comparisons(simulation: TalksSimulation) -> list[str]:
    """One sentence per variant: how it changes the talks as written."""
    parties = simulation.parties
    base = simulation.baseline
    said = []
    for variant in simulation.variants[1:]:
        other = variant.summary
        utilities = ", ".join(
            f"{party} {before:.3f} → {after:.3f}"
            for party, before, after in zip(parties, base.utility, other.utility, strict=True)
        )
        said.append(
            f"{variant.label}: agreement {base.agreement:.0%} → {other.agreement:.0%}; "
            f"expected utility {utilities}."
        )
    return said
