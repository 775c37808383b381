"""The simulated talks section of a briefing: how the talks end, when, and what each side can
expect, as written and under each what-if variant.

It shows what ``standoff simulate`` prints (:mod:`standoff.report._simulation_view`): the outcome
distribution of every variant as grouped bars, the rounds in which the talks as written reach
agreement as a histogram (rounds counted from 1, as in the scenario file), a table of the
variants, and the tournament when one was played. The seed is in the provenance section.

>>> from standoff.pipeline import Request, run
>>> section = simulation(run("examples/korea_2019.yaml", Request(runs=300)))
>>> section.title, [block.chart for block in section.blocks if isinstance(block, Figure)]
('Simulated talks', ['outcomes', 'time-to-agreement'])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from standoff.pipeline import Results, TalksRecord
from standoff.report._blocks import Block, Cell, Figure, Items, Paragraph, Section, Span, Table
from standoff.report._charts import Rule, grouped_bar_chart, histogram
from standoff.report._sections._bargaining_chart import CHART_WIDTH
from standoff.report._sections._talks_data import comparisons
from standoff.report._svg import PALETTE
from standoff.report._wording import possessive, possessive_upper, the
from standoff.scenario import Scenario
from standoff.scenario._negotiation_model import Belief, Distribution, Protocol

if TYPE_CHECKING:  # the talks package is imported only when talks were simulated
    from standoff.talks import Summary, TalksSimulation

__all__ = ["ENDINGS", "simulation"]

ENDINGS: Mapping[str, str] = {
    "agreement": "agreement",
    "breakdown": "breakdown",
    "deadline": "deadline",
    "round_limit": "round limit",
}
"""How talks end: the :class:`~standoff.talks.Summary` field and its name in the briefing."""
_ENDING_COLOURS = ("#1B7837", "#D55E00", "#E69F00", "#999999")


def _labels(scenario: Scenario) -> dict[str, str]:
    return {party.id: party.label for party in scenario.parties}


def _share(summary: Summary, ending: str) -> float:
    value: float = getattr(summary, ending)
    return value


def simulation(results: Results) -> Section | None:
    """The protocol, the outcome distributions, the time to agreement, the variants, the
    tournament."""
    record = results.get(TalksRecord)
    if record is None:
        return None
    talks = record.simulation
    negotiation = record.scenario.negotiation
    assert negotiation is not None
    assert negotiation.protocol is not None
    names = _labels(record.scenario)
    protocol = negotiation.protocol
    base = talks.baseline
    blocks: list[Block] = [Paragraph(_protocol_text(talks, protocol, names, negotiation.beliefs))]
    blocks.append(Items(tuple((sentence,) for sentence in _findings(talks, names))))
    shown = [e for e in ENDINGS if any(_share(v.summary, e) > 0 for v in talks.variants)]
    shown = shown or ["agreement"]
    svg = grouped_bar_chart(
        chart="outcomes",
        title="How the simulated talks end",
        groups=[variant.label for variant in talks.variants],
        series=[ENDINGS[e] for e in shown],
        values=[[_share(v.summary, e) for e in shown] for v in talks.variants],
        value_label=f"share of the {talks.runs:,} runs of each variant",
        colours=[_ENDING_COLOURS[list(ENDINGS).index(e)] for e in shown],
        percent=True,
        width=CHART_WIDTH,
    )
    left_out = [ENDINGS[e] for e in ENDINGS if e not in shown]
    caption = (
        "How the simulated talks end, as written and under each variant (one judgement "
        "changed, the same seed)."
    )
    if left_out:
        caption += f" No run ended by {' or '.join(left_out)}."
    blocks.append(Figure(svg, caption, "outcomes"))
    if any(base.agreement_rounds):
        blocks.append(_time_to_agreement(talks, protocol, names))
    else:
        blocks.append(Paragraph(("None of the talks as written ended in agreement.",)))
    blocks.append(_variants(talks, names))
    first, second = talks.parties
    blocks.append(
        Paragraph(
            (
                f"Utility to {first}, to {second}: the expected utility to "
                f"{the(names, first)} and to {the(names, second)}, counting a party's BATNA "
                "when there is no agreement. Mean round: the mean round of agreement, counted "
                "from 1. Deadline bound: the runs that ended because that party's last round "
                "had passed. ± in the comparisons: the standard error of the difference, from the "
                "same runs of both variants (paired).",
            ),
            note=True,
        )
    )
    blocks += _deals(talks, names)
    if talks.tournament is not None:
        blocks += _tournament(talks, names)
    return Section("simulation", "Simulated talks", tuple(blocks))


_SHOWN_PACKAGES = 5
"""Packages per variant in the table of deals (the JSON output lists them all)."""


def _package(levels: Mapping[str, str]) -> str:
    return "; ".join(f"{issue}: {level}" for issue, level in levels.items())


def _deals(talks: TalksSimulation, names: Mapping[str, str]) -> list[Block]:
    """The packages agreed, the levels of each issue, and the bargaining solutions beside them."""
    base = talks.variants[0].deals
    if base is None or not any(v.deals and v.deals.agreements for v in talks.variants):
        return []
    labels = [variant.label for variant in talks.variants]
    chosen: dict[int, Mapping[str, str]] = {}
    for variant in talks.variants:
        if variant.deals is not None:
            for package in variant.deals.packages[:_SHOWN_PACKAGES]:
                chosen.setdefault(package.outcome, package.levels)
    counts = [dict(v.summary.deals) for v in talks.variants]
    order = sorted(chosen, key=lambda k: (-counts[0].get(k, 0), k))
    rows = tuple(
        (
            Cell((_package(chosen[k]),)),
            *(Cell((f"{found.get(k, 0) / talks.runs:.1%}",)) for found in counts),
        )
        for k in order
    )
    distinct = ", ".join(
        f"{v.label} {v.deals.distinct:,}" for v in talks.variants if v.deals is not None
    )
    blocks: list[Block] = [_benchmarks(talks, names)]
    blocks.append(
        Table(
            ("package", *labels),
            rows,
            numeric=tuple(range(1, len(labels) + 1)),
            caption="The deals struck: the most frequent packages, share of runs",
        )
    )
    blocks.append(
        Paragraph(
            (
                f"The {_SHOWN_PACKAGES} most frequent packages of each variant; different packages "
                f"agreed: {distinct}. ",
                Span("standoff simulate FILE --format json", "code"),
                " lists every package agreed (",
                Span("simulation.variants[].deals", "code"),
                ").",
            ),
            note=True,
        )
    )
    level_rows = []
    for position, (issue, levels) in enumerate(base.levels):
        tallies = [  # per variant: level -> agreements on it, and all agreements
            (dict(v.deals.levels[position][1]), v.deals.agreements) if v.deals else ({}, 0)
            for v in talks.variants
        ]
        for level, _ in levels:
            if not any(tally.get(level, 0) for tally, _ in tallies):
                continue  # a level no variant agreed on (a fine range has thousands)
            shares = [
                Cell((f"{tally.get(level, 0) / agreed:.0%}" if agreed else "–",))
                for tally, agreed in tallies
            ]
            level_rows.append((Cell((Span(issue, "code"),)), Cell((level,)), *shares))
    blocks.append(
        Table(
            ("issue", "level", *labels),
            tuple(level_rows),
            numeric=tuple(range(2, len(labels) + 2)),
            caption="The agreed levels of each issue (those agreed in some variant), share of "
            "the agreements",
        )
    )
    return blocks


def _benchmarks(talks: TalksSimulation, names: Mapping[str, str]) -> Paragraph:
    base = talks.variants[0].deals
    assert base is not None
    first, second = talks.parties
    text: list[str | Span] = []
    if base.packages:
        top = base.packages[0]
        text.append(
            f"The talks as written most often agree on {_package(top.levels)} "
            f"({top.share:.1%} of the runs, {top.runs / base.agreements:.0%} of the agreements). "
        )
    else:
        text.append("The talks as written never agree. ")
    for benchmark in talks.benchmarks:
        if benchmark.levels is None or benchmark.utility is None:
            text.append(
                f"No package gives both parties their BATNA, so there is no "
                f"{benchmark.label} agreement. "
            )
            continue
        same = bool(base.packages) and benchmark.outcome == base.packages[0].outcome
        text.append(
            f"The {benchmark.label} agreement (BATNAs as assessed) is "
            f"{_package(benchmark.levels)}, worth {benchmark.utility[first]:.3f} to "
            f"{the(names, first)} and {benchmark.utility[second]:.3f} to {the(names, second)}"
            + ("; it is the most frequent deal" if same else "")
            + f"; the talks as written reach it in {benchmark.share:.1%} of the runs. "
        )
    last = text[-1]
    assert isinstance(last, str)
    text[-1] = last.rstrip()
    return Paragraph(tuple(text))


def _name(names: Mapping[str, str], party: str) -> str:
    return names.get(party, party)


def _protocol_text(
    talks: TalksSimulation,
    protocol: Protocol,
    names: Mapping[str, str],
    beliefs: tuple[Belief, ...] = (),
) -> tuple[str | Span, ...]:
    first, second = talks.parties
    text: list[str | Span] = [
        f"The talks were simulated {talks.runs:,} times for each variant: alternating offers "
        f"between {the(names, first)} and {the(names, second)}, "
        f"{the(names, protocol.first)} moving first, for at most {protocol.rounds} rounds. "
    ]
    deadlines = [
        f"{possessive(names, party)} last round is round {round_}"
        for party, round_ in protocol.deadline.items()
    ]
    if deadlines:
        text.append("Deadlines: " + "; ".join(deadlines) + ". ")
    believed = [
        f"{the(names, belief.holder)} believes "
        + (
            f"{the(names, belief.about)} has none"
            if belief.deadline == "none"
            else f"{possessive(names, belief.about)} last round is round {belief.deadline}"
        )
        for belief in beliefs
        if belief.deadline is not None
        and f"believed_deadline.{belief.holder}" not in protocol.uncertain  # drawn instead
    ]
    if believed:
        text.append("Beliefs about deadlines: " + "; ".join(believed) + ". ")
    if protocol.breakdown > 0:
        text.append(
            f"Each round the talks may break down for good, with a chance of "
            f"{protocol.breakdown:.0%}. "
        )
    discounts = [f"{_name(names, party)} {factor:g}" for party, factor in protocol.discount.items()]
    if discounts:
        text.append("Discount per round of delay: " + ", ".join(discounts) + ". ")
    strategies: list[str | Span] = ["Strategies: "]
    for position, party in enumerate(talks.parties):
        chosen = protocol.strategies.get(party)
        from standoff.talks._scenario import DEFAULT_STRATEGY

        strategy = chosen.label if chosen is not None else f"{DEFAULT_STRATEGY} (the default)"
        strategies += [", " if position else "", f"{_name(names, party)} ", Span(strategy, "code")]
    text += [*strategies, ". "]
    if protocol.uncertain:
        text.append("Drawn at random in every run: ")
        for position, (name, distribution) in enumerate(protocol.uncertain.items()):
            text += ["; " if position else "", Span(name, "code"), f" {_drawn(distribution)}"]
        text.append(". ")
    text.append(
        "Each variant changes one judgement and keeps, run by run, every random draw the change "
        "does not touch (common random numbers), so the differences between variants come from "
        "the change, not from chance; each difference is given ± its paired standard error, and "
        "one within two standard errors of zero is within noise."
    )
    return tuple(text)


def _drawn(distribution: Distribution) -> str:
    if distribution.kind == "uniform":
        low, high = distribution.parameters
        return f"uniform between {low:g} and {high:g}"
    if distribution.kind == "normal":
        mean, sd = distribution.parameters
        return f"normal with mean {mean:g} and standard deviation {sd:g}"
    values = distribution.values
    chances = distribution.probabilities or tuple(1 / len(values) for _ in values)
    return ", ".join(
        f"{_value(value)} {chance:.0%}" for value, chance in zip(values, chances, strict=True)
    )


def _value(value: float | str | None) -> str:
    """A drawn value as the file writes it: 'none', a strategy, or a number (``12``, not
    ``12.0``)."""
    if value is None:
        return "none"
    return value if isinstance(value, str) else f"{value:g}"


def _findings(talks: TalksSimulation, names: Mapping[str, str]) -> list[str]:
    base = talks.baseline
    endings = ", ".join(
        f"{ENDINGS[e]} in {_share(base, e):.1%}" for e in ENDINGS if _share(base, e) > 0
    )
    said = [f"As written, the talks end in {endings} of the runs."]
    if base.quantiles is not None:
        low, _, median, _, high = (q + 1 for q in base.quantiles)
        said.append(
            f"At least four in five agreements come in round {median}."
            if low == high
            else f"Half of the agreements come by round {median}; four in five between rounds "
            f"{low} and {high}."
        )
    expected = " and ".join(
        f"{base.utility[party]:.3f} to {the(names, party)}" for party in talks.parties
    )
    said.append(f"The expected utility as written is {expected}.")
    return said + comparisons(talks)


def _time_to_agreement(
    talks: TalksSimulation, protocol: Protocol, names: Mapping[str, str]
) -> Figure:
    base = talks.baseline
    counts = np.asarray(base.agreement_rounds, dtype=np.int64)
    rounds = np.repeat(np.arange(1, counts.size + 1, dtype=np.float64), counts)
    rules = [
        Rule(
            f"{possessive_upper(names, party)} last round ({last})",
            "x",
            float(last),
            PALETTE[talks.parties.index(party) % len(PALETTE)],
        )
        for party, last in protocol.deadline.items()
        if party in talks.parties and last <= counts.size
    ]
    svg = histogram(
        chart="time-to-agreement",
        title="When the talks as written reach agreement",
        values=rounds,
        x_label="round of agreement (1 = the first offer)",
        bins=np.arange(0.5, counts.size + 1.0).tolist(),
        y_label="runs",
        colour="#1B7837",
        rules=rules,
        x_ticks=[1.0, *(float(r) for r in range(5, counts.size + 1, 5))],
        width=CHART_WIDTH,
    )
    agreed = int(counts.sum())
    caption = (
        f"The round in which each of the {agreed:,} agreements of the talks as written was "
        f"struck ({base.agreement:.1%} of {base.runs:,} runs), rounds counted from 1 as in the "
        "scenario file"
    )
    caption += "; dashed lines mark the deadlines." if rules else "."
    return Figure(svg, caption, "time-to-agreement")


def _variants(talks: TalksSimulation, names: Mapping[str, str]) -> Table:
    parties = talks.parties
    shown = ["agreement", "breakdown", "deadline"]
    if any(v.summary.round_limit > 0 for v in talks.variants):
        shown.append("round_limit")
    rows = []
    for variant in talks.variants:
        summary = variant.summary
        mean = summary.mean_agreement_round
        bound = [
            f"{_name(names, who)} {count:,} ({count / summary.runs:.1%})"
            for who, count in summary.deadline_bound.items()
            if count
        ]
        rows.append(
            (
                Cell((variant.label,)),
                *(Cell((f"{_share(summary, e):.1%}",)) for e in shown),
                *(Cell((f"{summary.utility[p]:.3f}",)) for p in parties),
                Cell(("–" if mean is None else f"{mean + 1:.1f}",)),
                Cell(("; ".join(bound) or "none",)),
            )
        )
    header = (
        "variant",
        *(ENDINGS[e] for e in shown),
        *(f"utility to {p}" for p in parties),
        "mean round",
        "deadline bound",
    )
    count = len(shown) + len(parties) + 1
    return Table(
        header,
        tuple(rows),
        numeric=tuple(range(1, count + 1)),
        caption=f"Each variant over {talks.runs:,} runs",
    )


def _tournament(talks: TalksSimulation, names: Mapping[str, str]) -> list[Block]:
    played = talks.tournament
    assert played is not None
    first = _name(names, talks.parties[0])
    scores = tuple(
        (Cell((str(rank),)), Cell((Span(name, "code"),)), Cell((f"{score:.3f}",)))
        for rank, (name, score) in enumerate(played.scores(), 1)
    )
    grid = tuple(
        (
            Cell((Span(row, "code"),)),
            *(
                Cell((f"{cell.agreement:.0%} {cell.discounted[talks.parties[0]]:.2f}",))
                for cell in (played.pairing(row, column) for column in played.names)
            ),
        )
        for row in played.names
    )
    note = (
        "Every strategy played against every one, in both roles and both orders of moving "
        f"({played.runs:,} runs per pairing and first mover), the other inputs drawn as in the "
        "talks as written. Score: the strategy's mean discounted utility over all its games.",
    )
    grid_note = (
        f"The rows are {possessive(names, talks.parties[0])} strategy, the columns "
        f"{possessive(names, talks.parties[1])}; each cell gives the share of runs that reached "
        f"agreement and {possessive(names, talks.parties[0])} mean discounted utility.",
    )
    return [
        Table(
            ("rank", "strategy", "score"),
            scores,
            numeric=(0, 2),
            caption="Tournament",
        ),
        Paragraph(note, note=True),
        Table(
            (f"{first} plays", *played.names),
            grid,
            numeric=tuple(range(1, len(played.names) + 1)),
            caption="Each pairing",
        ),
        Paragraph(grid_note, note=True),
    ]
