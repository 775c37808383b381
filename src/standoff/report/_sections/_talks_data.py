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

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from standoff.pipeline import Results, TalksRecord

if TYPE_CHECKING:  # the talks package is imported only when talks were simulated
    from standoff.bargaining import OutcomeSpace
    from standoff.talks import Deals, Difference, Summary, TalksSimulation, VariantResult

__all__ = ["comparisons", "simulation_data", "simulation_document"]

_DIGITS = 6


def _number(value: float) -> float:
    return round(float(value), _DIGITS)


def _per_party(parties: tuple[str, str], values: Mapping[str, float]) -> dict[str, float]:
    return {party: _number(values[party]) for party in parties}


def _counts(parties: tuple[str, str], values: Mapping[str, int]) -> dict[str, int]:
    return {party: values[party] for party in (*parties, "both")}


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


def _measure(mean: float, error: float) -> dict[str, float]:
    return {"difference": _number(mean), "standard_error": _number(error)}


def _difference(parties: tuple[str, str], difference: Difference | None) -> dict[str, Any] | None:
    if difference is None:
        return None

    def per_party(means: Mapping[str, float], errors: Mapping[str, float]) -> dict[str, Any]:
        return {party: _measure(means[party], errors[party]) for party in parties}

    return {
        "changed": _number(difference.changed),
        "agreement": _measure(difference.agreement, difference.agreement_se),
        "utility": per_party(difference.utility, difference.utility_se),
        "discounted": per_party(difference.discounted, difference.discounted_se),
        "within_noise": difference.within_noise,
    }


def _deals(deals: Deals | None, space: OutcomeSpace | None) -> dict[str, Any] | None:
    if deals is None or space is None:
        return None
    return {
        "agreements": deals.agreements,
        "distinct": deals.distinct,
        "packages": [
            {"package": dict(p.levels), "runs": p.runs, "share": _number(p.share)}
            for p in deals.all_packages(space)
        ],
        "levels": {issue: dict(levels) for issue, levels in deals.levels},
    }


def _variant(
    parties: tuple[str, str], variant: VariantResult, space: OutcomeSpace | None
) -> dict[str, Any]:
    document = _summary(parties, variant.label, variant.summary)
    document["difference"] = _difference(parties, variant.difference)
    document["deals"] = _deals(variant.deals, space)
    return document


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
                    "strategies": {party: cell.strategies[party] for party in parties},
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
        "variants": [_variant(parties, v, simulation.space) for v in simulation.variants],
        "tournament": tournament,
        "benchmarks": [
            {
                "solution": b.label,
                "package": None if b.levels is None else dict(b.levels),
                "utility": None if b.utility is None else _per_party(parties, b.utility),
                "runs": b.runs,
                "share": _number(b.share),
            }
            for b in simulation.benchmarks
        ],
    }


def simulation_data(results: Results) -> dict[str, Any]:
    """The ``simulation`` key."""
    record = results.get(TalksRecord)
    return {} if record is None else {"simulation": simulation_document(record.simulation)}


def _noise(mean: float, error: float) -> str:
    from standoff.talks import NOISE

    return ", within noise" if abs(mean) <= NOISE * error else ""


def _points(mean: float, error: float) -> str:
    shown = f"{error * 100:.1f}" if error >= 0.0005 or error == 0 else f"{error * 100:.1g}"
    return f"{mean * 100:+.1f} points ± {shown}{_noise(mean, error)}"


def _plus(mean: float, error: float) -> str:
    shown = f"{error:.3f}" if error >= 0.0005 or error == 0 else f"{error:.1g}"
    return f"{mean:+.3f} ± {shown}{_noise(mean, error)}"


def comparisons(simulation: TalksSimulation) -> list[str]:
    """One sentence per variant: how it changes the talks as written, each difference with its
    paired standard error, and whether it is within noise (two standard errors)."""
    parties = simulation.parties
    base = simulation.baseline
    said = []
    for variant in simulation.variants[1:]:
        other, difference = variant.summary, variant.difference
        if difference is None:  # a record made without pairing
            utilities = ", ".join(
                f"{party} {base.utility[party]:.3f} → {other.utility[party]:.3f}"
                for party in parties
            )
            said.append(
                f"{variant.label}: agreement {base.agreement:.0%} → {other.agreement:.0%}; "
                f"expected utility {utilities}."
            )
            continue
        if difference.changed == 0.0:
            said.append(
                f"{variant.label}: the same outcome as written in every run (what this "
                "variant changes moves no strategy's decisions enough to change an outcome)."
            )
            continue
        utilities = ", ".join(
            f"{party} {base.utility[party]:.3f} → {other.utility[party]:.3f} "
            f"({_plus(difference.utility[party], difference.utility_se[party])})"
            for party in parties
        )
        verdict = (
            " Within noise: every difference is within two standard errors of zero."
            if difference.within_noise
            else ""
        )
        said.append(
            f"{variant.label}: agreement {base.agreement:.1%} → {other.agreement:.1%} "
            f"({_points(difference.agreement, difference.agreement_se)}); expected utility "
            f"{utilities}; {difference.changed:.0%} of the runs end differently.{verdict}"
        )
    return said
