"""The compliance analysis as JSON (the ``compliance`` key) and as plain-language findings.

The findings are the sentences every renderer shows first: whether the agreement the bargaining
solutions pick would be kept, why not (the gain from cheating against the expected penalty), what
penalty, third-party cooperation or verification would make it so, and the verifiable ZOPA.

>>> from standoff.compliance import assess_compliance
>>> from standoff.scenario import load
>>> analysis = assess_compliance(load("examples/korea_2017.yaml"))
>>> compliance_document(analysis)["verifiable_zopa"]["size"]
27
>>> print(compliance_findings(analysis)[0][:62])
The Nash agreement (sanctions: full_relief; program: verified_
"""

from __future__ import annotations

from typing import Any

from standoff.bargaining import SOLUTION_LABELS, Zopa
from standoff.compliance import AgreementCompliance, ComplianceAnalysis, Inspection, Pledge
from standoff.pipeline import ComplianceRecord, Results
from standoff.report._wording import join_words, the

__all__ = ["compliance_data", "compliance_document", "compliance_findings"]

_DIGITS = 6
_SHORT = {"nash": "Nash"}


def _number(value: float | None) -> float | None:
    return None if value is None else round(float(value), _DIGITS)


def _zopa(zopa: Zopa) -> dict[str, Any]:
    return {
        "size": zopa.size,
        "empty": zopa.empty,
        "ranges": {party: [_number(lo), _number(hi)] for party, (lo, hi) in zopa.ranges.items()},
        "frontier": list(zopa.frontier),
    }


def _pledge(pledge: Pledge) -> dict[str, Any]:
    return {
        "party": pledge.party,
        "issue": pledge.issue,
        "level": pledge.level,
        "verification": pledge.verification,
        "verification_level": pledge.verification_level,
        "gain": _number(pledge.gain),
        "detection": _number(pledge.detection),
        "penalty": _number(pledge.penalty),
        "future": _number(pledge.future),
        "net": _number(pledge.net),
        "pays": pledge.pays,
        "penalty_with": _number(pledge.penalty_with),
        "penalty_without": _number(pledge.penalty_without),
        "needed_penalty": _number(pledge.needed_penalty),
        "needed_cooperation": {p: _number(v) for p, v in pledge.needed_cooperation.items()},
    }


def _agreement(agreement: AgreementCompliance) -> dict[str, Any]:
    return {
        "outcome": agreement.outcome,
        "levels": dict(agreement.labels),
        "utilities": {p: _number(u) for p, u in agreement.utilities.items()},
        "self_enforcing": agreement.self_enforcing,
        "temptations": {p: _number(t) for p, t in agreement.temptations.items()},
        "pledges": [_pledge(p) for p in agreement.pledges],
        "least_verification": dict(agreement.least_verification),
    }


def _inspection(inspection: Inspection) -> dict[str, Any]:
    game = inspection.game
    return {
        "party": inspection.party,
        "issue": inspection.issue,
        "outcome": inspection.outcome,
        "gain": _number(game.gain),
        "penalty": _number(game.penalty),
        "detection": _number(game.detection),
        "inspection_cost": _number(game.inspection_cost),
        "loss": _number(game.loss),
        "regime": game.regime,
        "inspection": _number(game.inspection),
        "violation": _number(game.violation),
        "inspectee_payoff": _number(game.inspectee_payoff),
        "inspector_payoff": _number(game.inspector_payoff),
    }


def compliance_document(analysis: ComplianceAnalysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready data (the ``compliance`` key, docs/output-format.md)."""
    return {
        "parties": list(analysis.parties),
        "outcomes": analysis.space.size,
        "self_enforcing": int(analysis.self_enforcing.sum()),
        "zopa": {"size": analysis.zopa.size},
        "verifiable_zopa": _zopa(analysis.verifiable),
        "perceived": [
            {
                "holder": p.holder,
                "zopa": p.zopa,
                "verifiable": p.verifiable,
                "overlap": p.overlap,
            }
            for p in analysis.perceived
        ],
        "solutions": {name: _agreement(a) for name, a in analysis.solutions.items()},
        "restricted": {name: _agreement(a) for name, a in analysis.restricted.items()},
        "draft": None if analysis.draft is None else _agreement(analysis.draft),
        "inspection_games": [_inspection(i) for i in analysis.inspections],
    }


def compliance_data(results: Results) -> dict[str, Any]:
    """The ``compliance`` key."""
    record = results.get(ComplianceRecord)
    return {} if record is None else {"compliance": compliance_document(record.analysis)}


def _levels(agreement: AgreementCompliance) -> str:
    return "; ".join(f"{issue}: {level}" for issue, level in agreement.labels.items())


def _named(analysis: ComplianceAnalysis) -> tuple[str, AgreementCompliance] | None:
    """The agreement the findings are about: Nash's, or the first solution's."""
    for name, agreement in analysis.solutions.items():
        return _SHORT.get(name, SOLUTION_LABELS.get(name, name)), agreement
    return None


def compliance_findings(analysis: ComplianceAnalysis) -> list[str]:
    """The analysis in plain sentences, most important first."""
    names = analysis.labels
    said: list[str] = []
    if analysis.draft is not None:
        said += _agreement_findings(analysis, "draft", analysis.draft)
    named = _named(analysis)
    if named is not None:
        label, agreement = named
        said += _agreement_findings(analysis, label, agreement)
    zopa, verifiable = analysis.zopa, analysis.verifiable
    if zopa.empty:
        said.append("There is no ZOPA, so no agreement to keep or break.")
    elif verifiable.empty:
        said.append(
            f"None of the {zopa.size:,} agreements in the ZOPA is self-enforcing: every deal "
            "both sides prefer to walking away would pay one of them to break in secret."
        )
    else:
        verb = "is" if verifiable.size == 1 else "are"
        said.append(
            f"{verifiable.size:,} of the {zopa.size:,} agreements in the ZOPA {verb} "
            "self-enforcing (the verifiable ZOPA)."
        )
        for name, agreement in analysis.restricted.items():
            unrestricted = analysis.solutions.get(name)
            if unrestricted is None or unrestricted.outcome == agreement.outcome:
                continue
            worth = ", ".join(
                f"{agreement.utilities[p]:.2f} to {the(names, p)} "
                f"(against {unrestricted.utilities[p]:.2f})"
                for p in analysis.parties
            )
            said.append(
                f"Restricted to the verifiable ZOPA, the "
                f"{_SHORT.get(name, SOLUTION_LABELS[name])} agreement is "
                f"({_levels(agreement)}), worth {worth}."
            )
    for perceived in analysis.perceived:
        agreements = "agreement is" if perceived.verifiable == 1 else "agreements are"
        said.append(
            f"As {the(names, perceived.holder)} sees it, {perceived.verifiable:,} {agreements} "
            f"both acceptable and self-enforcing; {perceived.overlap:,} of them really "
            f"{'is' if perceived.overlap == 1 else 'are'}."
        )
    return said


def _agreement_findings(
    analysis: ComplianceAnalysis, label: str, agreement: AgreementCompliance
) -> list[str]:
    names = analysis.labels
    said: list[str] = []
    paying = [p for p in agreement.pledges if p.pays]
    if not paying:
        said.append(
            f"The {label} agreement ({_levels(agreement)}) is self-enforcing: no party gains by "
            "breaking its pledges in secret."
        )
        return said
    who = join_words(list(dict.fromkeys(the(names, p.party) for p in paying)))
    said.append(
        f"The {label} agreement ({_levels(agreement)}) is not self-enforcing: breaking it in "
        f"secret pays {who}."
    )
    for pledge in paying:
        party = the(names, pledge.party)
        where = (
            f"With {pledge.verification} at {pledge.verification_level}"
            if pledge.verification is not None
            else "As verification stands"
        )
        cost = f"{pledge.penalty:.2f}"
        if pledge.future:
            cost = f"({cost} + {pledge.future:.2f} of the deal's future)"
        sentence = (
            f"{where}, cheating on {pledge.issue} ({pledge.level}) pays {party}: a gain of "
            f"{pledge.gain:.2f} against an expected penalty of {pledge.detection:.2f} × {cost} = "
            f"{pledge.detection * (pledge.penalty + pledge.future):.2f}"
        )
        if pledge.needed_penalty is None:
            sentence += "; nothing is detected, so no penalty deters it."
        else:
            sentence += (
                f"; it would take an expected penalty of at least {pledge.needed_penalty:.2f}"
            )
            helpers = [
                f"{the(names, helper)}'s cooperation at least {chance:.0%} likely"
                if chance is not None
                else f"more than {the(names, helper)}'s certain cooperation can give"
                for helper, chance in pledge.needed_cooperation.items()
            ]
            sentence += f" ({join_words(helpers)})." if helpers else "."
        said.append(sentence)
        if pledge.needed_cooperation:
            helpers_text = join_words([the(names, h) for h in pledge.needed_cooperation])
            said.append(
                f"The penalty rests on {helpers_text}: {pledge.penalty_with:.2f} with "
                f"{'its' if len(pledge.needed_cooperation) == 1 else 'their'} cooperation, "
                f"{pledge.penalty_without:.2f} without, {pledge.penalty:.2f} as expected."
            )
    for issue, level in agreement.least_verification.items():
        if level is None:
            said.append(f"No level of {issue} would make the {label} agreement self-enforcing.")
        else:
            said.append(f"Setting {issue} to {level} would make it self-enforcing.")
    return said
