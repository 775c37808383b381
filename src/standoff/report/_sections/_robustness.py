"""Robustness: how much of the analysis survives when a preference judgement is a little wrong.
Its JSON is the ``robustness`` key.

Two parts, each present when it ran: the *hinges* (every single change of one judgement, with
every other as stated: which equilibria it removes and which it adds) and, with an
``uncertainty:`` section, the *uncertainty* (how likely each state is to be an equilibrium over
the profiles of preferences it describes, which conclusions are robust, which judgements matter
most). The section says the findings in words first, then shows the tables and the chart.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/prisoners_dilemma.yaml", Request(concepts=("nash",)))
>>> data = robustness_data(results)["robustness"]
>>> data["hinges"]["changes"], data["hinges"]["concepts"]["nash"], data["uncertainty"]
(6, {'stated': [4], 'kept': {'4': 6}}, None)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from standoff.pipeline import Results, RobustnessRecord
from standoff.report._blocks import (
    Block,
    Cell,
    Figure,
    Items,
    Paragraph,
    Section,
    Span,
    Table,
)
from standoff.report._charts import probability_chart
from standoff.report._sections._evolution import ids
from standoff.report._sections._hinges import hinge_table, hinge_words
from standoff.report._wording import ROWS_HINT, Lister, count, join_words, state_text, the
from standoff.robustness import Hinges, Robustness
from standoff.stability import CONCEPT_LABELS

__all__ = [
    "CHART_ROWS",
    "CONCEPT_COLOURS",
    "article",
    "percent",
    "robustness",
    "robustness_data",
]

CHART_ROWS = 20
"""Most states the chart of equilibrium probabilities draws (the most likely first)."""
CONCEPT_COLOURS = {
    "nash": "#0072B2",
    "gmr": "#D55E00",
    "smr": "#CC79A7",
    "seq": "#000000",
    "sim": "#56B4E9",
    "seqsim": "#E69F00",
}
"""The colour of each concept in the chart (Okabe & Ito's; SEQ, the headline concept, black)."""
_SHOWN_SWING = 0.005  # smaller swings are not worth a sentence
_DIGITS = 4


def _share(value: float) -> float:
    return round(float(value), _DIGITS) + 0.0


def percent(value: float) -> str:
    """A share as the outputs write it: ``75%``; ``<1%`` and ``>99%`` near the ends.

    >>> percent(0.75), percent(0.001), percent(0.9991), percent(0.0)
    ('75%', '<1%', '>99%', '0%')
    """
    if 0 < value < 0.005:
        return "<1%"
    if 0.995 <= value < 1:
        return ">99%"
    return f"{value:.0%}"


# --- the JSON ---------------------------------------------------------------------------------


def robustness_data(results: Results) -> dict[str, Any]:
    """The ``robustness`` key: ``hinges`` and ``uncertainty``, each ``None`` when it did not
    run."""
    record = results.get(RobustnessRecord)
    if record is None:
        return {}
    return {
        "robustness": {
            "hinges": None if record.hinges is None else _hinges_data(record.hinges),
            "uncertainty": None
            if record.robustness is None
            else _uncertainty_data(record.robustness),
        }
    }


def _hinges_data(found: Hinges) -> dict[str, Any]:
    total = len(found.effects)
    return {
        "changes": total,
        "concepts": {
            c: {
                "stated": ids(found.stated[c]),
                "kept": {str(s + 1): total - len(found.breaking(c, s)) for s in found.stated[c]},
            }
            for c in found.concepts
        },
        "effects": [
            {
                "party": effect.change.party,
                "kind": "drop" if effect.change.second is None else "swap",
                "judgements": [
                    k + 1 for k in (effect.change.first, effect.change.second) if k is not None
                ],
                "text": effect.text,
                "lost": {c: ids(effect.lost[c]) for c in found.concepts},
                "gained": {c: ids(effect.gained[c]) for c in found.concepts},
            }
            for effect in found.effects
        ],
    }


def _by_id(values: Iterable[float]) -> dict[str, float]:
    """Non-zero shares by state id."""
    return {str(s + 1): _share(v) for s, v in enumerate(values) if _share(v) > 0}


def _uncertainty_data(found: Robustness) -> dict[str, Any]:
    concepts: dict[str, Any] = {}
    for c in found.concepts:
        probability = _by_id(found.equilibrium[c])
        entry: dict[str, Any] = {"probability": probability}
        if found.method == "sampled":
            entry["interval"] = {
                key: [_share(found.low[c][int(key) - 1]), _share(found.high[c][int(key) - 1])]
                for key in probability
            }
        entry["robust"] = ids(found.robust(c))
        entry["fragile"] = ids(found.fragile(c))
        entry["stable"] = {party: _by_id(shares) for party, shares in found.stable[c].items()}
        concepts[c] = entry
    return {
        "method": found.method,
        "profiles": found.profiles,
        "total": found.total,
        "seed": found.seed,
        "varied": dict(found.varied),
        "concepts": concepts,
        "judgements": [
            {
                "judgement": e.judgement,
                "concept": e.concept,
                "state": e.state + 1,
                "held": _share(e.held),
                "not_held": _share(e.not_held),
                "swing": _share(e.swing),
            }
            for e in found.effects
        ],
    }


# --- the section ------------------------------------------------------------------------------


def robustness(results: Results) -> Section | None:
    """Findings in words (single changes, then the stated uncertainty), then the evidence: the
    changes that matter, the probability of each equilibrium and its chart."""
    record = results.get(RobustnessRecord)
    if record is None:
        return None
    lister = Lister(record.conflict, results.request.list_limit)
    row_limit = results.request.row_limit
    words: list[Block] = []
    evidence: list[Block] = []
    if record.hinges is not None:
        words += hinge_words(record.hinges, lister)
        evidence += hinge_table(record.hinges, lister, row_limit)
    if record.robustness is not None:
        words += _uncertainty_words(record.robustness, lister)
        evidence += _uncertainty_evidence(record.robustness, row_limit)
    blocks = words + evidence
    if (note := lister.note()) is not None:
        blocks.append(note)
    return Section("robustness", "How sure are we?", tuple(blocks))


def _shares(states: Sequence[int], shares: np.ndarray, lister: Lister) -> str:
    """``2 relief_up_front in 75%, 3 (YNNNN) in 56%``, or ``1 a, 2 b (each in 100%)``."""
    texts = [percent(_share(shares[s])) for s in states]
    if len(set(texts)) == 1:
        each = "each in" if len(states) > 1 else "in"
        return f"{lister.states(states)} ({each} {texts[0]})"
    shown = len(states) if lister.limit is None else min(lister.limit, len(states))
    text = ", ".join(
        f"{state_text(lister.conflict, s)} in {share}"
        for s, share in zip(states[:shown], texts, strict=False)
    )
    if shown < len(states):
        lister.cut = True
        text += f" and {len(states) - shown:,} more"
    return text


def article(label: str) -> str:
    """``a`` or ``an`` before a concept's label: ``a Nash``, ``a GMR``, ``an SMR``.

    >>> [f"{article(x)} {x}" for x in ("Nash", "GMR", "SEQ+SIM")]
    ['a Nash', 'a GMR', 'an SEQ+SIM']
    """
    spoken_vowel = (label.isupper() and label[0] in "AEFHILMNORSX") or label[0] in "AEIOU"
    return "an" if spoken_vowel else "a"


def _uncertainty_words(found: Robustness, lister: Lister) -> list[Block]:
    conflict = found.conflict
    labels = {p.id: p.label for p in conflict.scenario.parties}
    varied = join_words(
        [f"{the(labels, p)} ({count(n, 'variant')})" for p, n in found.varied.items()]
    )
    method = (
        "Every profile was evaluated, each weighted by its probability."
        if found.method == "exact"
        else f"Too many to evaluate one by one: {found.profiles:,} were drawn at random "
        f"(seed {found.seed}), so each share is an estimate, given with its 95% interval."
    )
    blocks: list[Block] = [
        Paragraph(
            (
                Span("Under the stated uncertainty.", "strong"),
                f" The scenario's uncertainty section lets the preferences of {varied} vary "
                f"independently: {count(found.total, 'profile')} of preferences in all. {method}",
            )
        )
    ]
    items = []
    for c in found.concepts:
        share = found.equilibrium[c]
        robust, fragile = found.robust(c), found.fragile(c)
        text: list[str | Span] = [Span(CONCEPT_LABELS[c], "strong"), ": "]
        if robust:
            text.append(
                f"robust (an equilibrium in at least 90% of profiles): "
                f"{_shares(robust, share, lister)}."
            )
        else:
            text.append("no state is an equilibrium in 90% of profiles or more.")
        if fragile:
            text.append(
                f" Fragile (an equilibrium as stated, but in fewer than 90%): "
                f"{_shares(fragile, share, lister)}."
            )
        items.append(tuple(text))
    blocks.append(Items(tuple(items)))
    effects = [e for e in found.effects if abs(e.swing) >= _SHOWN_SWING]
    if effects:
        shown = effects if lister.limit is None else effects[: lister.limit]
        blocks.append(
            Paragraph(
                (
                    Span("The judgements that matter most", "strong"),
                    ", each with the state whose chance it moves most:",
                )
            )
        )
        blocks.append(
            Items(
                tuple(
                    (
                        f"If {e.judgement}, {state_text(conflict, e.state)} is "
                        f"{article(CONCEPT_LABELS[e.concept])} {CONCEPT_LABELS[e.concept]} "
                        f"equilibrium in {percent(_share(e.held))} of those "
                        f"profiles; otherwise in {percent(_share(e.not_held))}.",
                    )
                    for e in shown
                )
            )
        )
        if len(shown) < len(effects):
            lister.cut = True
            blocks.append(Paragraph((f"… and {len(effects) - len(shown)} more.",)))
    elif found.effects or found.varied:
        blocks.append(
            Paragraph(("No single uncertain judgement moves the chance of any equilibrium.",))
        )
    return blocks


def _likely_states(found: Robustness) -> list[int]:
    """States that are an equilibrium in some profile under some concept, most likely first."""
    top = np.max(np.stack([found.equilibrium[c] for c in found.concepts]), axis=0)
    chosen = [int(s) for s in np.flatnonzero(np.round(top, _DIGITS) > 0)]
    return sorted(chosen, key=lambda s: (-round(float(top[s]), _DIGITS), s))


def _uncertainty_evidence(found: Robustness, limit: int | None) -> list[Block]:
    conflict = found.conflict
    states = _likely_states(found)
    if not states:
        return [Paragraph(("No state is an equilibrium in any profile.",), note=True)]
    sampled = found.method == "sampled"

    def cell(c: str, s: int) -> Cell:
        text = percent(_share(found.equilibrium[c][s]))
        if sampled:
            low, high = percent(_share(found.low[c][s])), percent(_share(found.high[c][s]))
            text += f" ({low}–{high})"
        return Cell((text,), "good" if found.stated[c][s] else "")

    shown = states if limit is None else states[:limit]
    rows = tuple(
        (Cell((state_text(conflict, s),)), *(cell(c, s) for c in found.concepts)) for s in shown
    )
    header = ("state", *(CONCEPT_LABELS[c] for c in found.concepts))
    blocks: list[Block] = [
        Table(
            header,
            rows,
            numeric=tuple(range(1, len(header))),
            caption="Share of profiles in which each state is an equilibrium"
            + (" (95% interval)" if sampled else ""),
        )
    ]
    note = (
        "Marked: an equilibrium with the preferences as stated. States that are an equilibrium "
        "in no profile are left out."
    )
    if len(shown) < len(states):
        blocks.append(
            Paragraph(
                (f"{note} Showing {len(shown):,} of {len(states):,} states; ", *ROWS_HINT),
                note=True,
            )
        )
    else:
        blocks.append(Paragraph((note,), note=True))
    charted = states[:CHART_ROWS]
    concepts = found.concepts

    def grid(values: Mapping[str, np.ndarray]) -> list[list[float]]:
        return [[float(values[c][s]) for c in concepts] for s in charted]

    svg = probability_chart(
        chart="equilibrium-probability",
        title="How likely each state is to be an equilibrium",
        rows=[state_text(conflict, s) for s in charted],
        series=[CONCEPT_LABELS[c] for c in concepts],
        values=grid(found.equilibrium),
        low=grid(found.low) if sampled else None,
        high=grid(found.high) if sampled else None,
        filled=[[bool(found.stated[c][s]) for c in concepts] for s in charted],
        filled_label=("an equilibrium as stated", "not an equilibrium as stated"),
        value_label="share of profiles in which the state is an equilibrium",
        colours=[CONCEPT_COLOURS[c] for c in concepts],
    )
    caption = (
        "How likely each state is to be an equilibrium under each concept, over the profiles of "
        "the uncertainty section. Filled dots: an equilibrium with the preferences as stated; "
        "hollow: not; no dot: an equilibrium in no profile."
    )
    if sampled:
        caption += " Lines: 95% intervals of the sampled estimates."
    if len(charted) < len(states):
        caption += f" The {len(charted)} most likely of {len(states)} states."
    blocks.append(Figure(svg, caption, "equilibrium-probability"))
    return blocks
