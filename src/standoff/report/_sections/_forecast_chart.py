"""The charts of the forecast section: the positions over the rounds, and actors' quadrant views.

- **Positions over rounds** (``data-chart="forecast-rounds-ISSUE"``): one line per actor from its
  stated position (round 0) through the position after each round of the challenge model, with
  the compromise (weighted mean) and the challenge model's forecast as rules across the plot.
  The legend names each actor's line; actors that end at the same place are also named together
  at the right of the plot, in one label.
- **Quadrant view** (``data-chart="forecast-quadrant-ISSUE-ACTOR"``), for the most weighty
  actors (capability × salience): each other actor j as a point at (EUᵢ(j), EUⱼ(i)) of the first
  round, what i expects from challenging j against what j expects from challenging i. Right of
  the vertical axis i gains by challenging; above the horizontal one j gains by challenging i.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/forecast/ec_emissions.yaml", Request(runs=1))
>>> from standoff.pipeline import ForecastRecord
>>> issue = results.get(ForecastRecord).forecast.issues[0]
>>> figure = rounds_chart(issue, {})
>>> figure.chart, 'data-chart="forecast-rounds-year"' in figure.svg
('forecast-rounds-year', True)
>>> [f.chart for f in quadrant_charts(issue, {})]
['forecast-quadrant-year-UK', 'forecast-quadrant-year-Germany']
"""

from __future__ import annotations

import re

from standoff.forecast import IssueForecast
from standoff.report._blocks import Figure
from standoff.report._charts import Line, Marker, Rule, nice_ticks, plane_chart
from standoff.report._charts._records import INK
from standoff.report._svg import PALETTE

__all__ = ["QUADRANT_ACTORS", "quadrant_charts", "rounds_chart"]

QUADRANT_ACTORS = 2
"""How many actors (the weightiest: capability × salience) get a quadrant chart per issue."""
CHART_WIDTH = 640
_LETTER = 6.6  # the width of a 12 px letter, roughly
_SAME = 1e-6  # final positions closer than this (× the scale's range) share a label


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


def rounds_chart(issue: IssueForecast, labels: dict[str, str]) -> Figure:
    """Each actor's position after each round, the forecasts as rules, names at the right."""
    names = [labels.get(a, a) for a in issue.actors]
    count = len(issue.rounds)
    tracks = [
        [(float(k), issue.rounds[k].positions[a]) for k in range(count)]
        + [(float(count), issue.final[a])]
        for a in range(len(names))
    ]
    # Actors ending at the same place share one label, written at the right of the plot.
    groups: list[tuple[float, list[str], str]] = []
    scale = max(issue.high - issue.low, 1e-300)
    for index in sorted(range(len(names)), key=lambda a: issue.final[a]):
        end = issue.final[index]
        colour = PALETTE[index % len(PALETTE)]
        if groups and abs(groups[-1][0] - end) <= _SAME * scale:
            groups[-1][1].append(names[index])
        else:
            groups.append((end, [names[index]], colour))
    if len(groups) == 1 and len(names) > 2:
        groups = [(groups[0][0], [f"all {len(names)} actors"], "#000000")]
    # The gutter fits the longest name, or 28 letters of a longer group (wrapped between words).
    lines = [
        Line(names[a], track, PALETTE[a % len(PALETTE)], dashed=a >= len(PALETTE))
        for a, track in enumerate(tracks)
    ]
    rules = []
    mean = issue.forecasts.get("weighted_mean")
    if mean is not None:
        rules.append(Rule(f"compromise {mean:.3g}", "y", mean, "#999999"))
    final = issue.forecasts.get("challenge_median")
    if final is not None:
        rules.append(Rule(f"challenge model {final:.3g}", "y", final, "#000000"))
    longest = max(len(", ".join(members)) for _, members, _ in groups)
    widest = max(len(name) for name in names)
    letters = max(widest + 1, min(longest, 28))
    gutter = min(max(120.0, _LETTER * letters + 24), CHART_WIDTH * 0.4)
    svg = plane_chart(
        chart=f"forecast-rounds-{_slug(issue.issue)}",
        title=f"Positions over the rounds: {issue.label}",
        x_label="round",
        y_label=issue.label if len(issue.label) <= 40 else "position",
        lines=lines,
        rules=rules,
        x_range=(0.0, float(max(count, 1))),
        y_range=(issue.low, issue.high),
        width=CHART_WIDTH,
        height=440,
        right_gutter=gutter,
        side_labels=_side_labels(groups, gutter),
    )
    moved = sum(1 for e in (x for r in issue.rounds for x in r.exchanges) if e.moved > 0)
    caption = (
        f"Each line is an actor's position on {issue.label} (from {issue.low:g} to "
        f"{issue.high:g}) at the start (round 0) and after each of the {count} round"
        f"{'s' if count != 1 else ''} of the challenge model ({moved} moves in all); the legend "
        "names each line, and actors that end at the same place are named together at the "
        "right. The grey rule is the "
        "compromise (weighted mean), the black one the challenge model's forecast."
    )
    return Figure(svg, caption, f"forecast-rounds-{_slug(issue.issue)}")


def _side_labels(
    groups: list[tuple[float, list[str], str]], gutter: float
) -> list[tuple[float, str, str]]:
    """(value, text, colour) of the end labels, each group's names wrapped between words to fit
    the gutter (the lines after the first without a colour, so without a line to the value)."""
    found: list[tuple[float, str, str]] = []
    room = max(int((gutter - 16) / _LETTER), 8)
    for end, members, colour in groups:
        pieces: list[str] = []
        line = ""
        for word in ", ".join(members).split(" "):
            candidate = f"{line} {word}" if line else word
            if len(candidate) > room and line:
                pieces.append(line)
                line = word
            else:
                line = candidate
        pieces.append(line)
        found.extend((end, piece, colour if k == 0 else "") for k, piece in enumerate(pieces))
    return found


def quadrant_charts(issue: IssueForecast, labels: dict[str, str]) -> list[Figure]:
    """The quadrant view of the :data:`QUADRANT_ACTORS` weightiest actors (first round)."""
    names = [labels.get(a, a) for a in issue.actors]
    count = len(names)
    if count < 2 or not issue.quadrant:
        return []
    weight = [c * s for c, s in zip(issue.capability, issue.salience, strict=True)]
    chosen = sorted(range(count), key=lambda a: (-weight[a], a))[:QUADRANT_ACTORS]
    figures = []
    for me in chosen:
        others = [j for j in range(count) if j != me]
        points = [(issue.quadrant[me][j], issue.quadrant[j][me]) for j in others]
        xs = [0.0, *(x for x, _ in points)]
        ys = [0.0, *(y for _, y in points)]
        x_ticks = nice_ticks(min(xs), max(xs) or 1.0)
        y_ticks = nice_ticks(min(ys), max(ys) or 1.0)
        reach = max(x_ticks[-1] - x_ticks[0], y_ticks[-1] - y_ticks[0])
        # Actors at the same point (for example those sharing a position) share one label.
        spots: dict[tuple[float, float], list[str]] = {}
        for j, (x, y) in zip(others, points, strict=True):
            key = (round(x / reach, 3) + 0.0, round(y / reach, 3) + 0.0)
            spots.setdefault(key, []).append(names[j])
        markers = [
            Marker(", ".join(group), (x * reach, y * reach), INK, "circle")
            for (x, y), group in spots.items()
        ]
        lines = []
        corner = min(x_ticks[-1], -y_ticks[0])
        if corner > 0:  # |EUⱼ(i)| = EUᵢ(j) below the axis: compromise above, capitulation below
            lines.append(
                Line(
                    "compromise above, capitulation below",
                    [(0.0, 0.0), (corner, -corner)],
                    "#999999",
                    dashed=True,
                )
            )
        name = f"forecast-quadrant-{_slug(issue.issue)}-{_slug(issue.actors[me])}"
        svg = plane_chart(
            chart=name,
            title=f"How {names[me]} sees the others: {issue.label}",
            x_label=f"{names[me]} challenging them: EU",
            y_label=f"them challenging {names[me]}: EU",
            rules=[
                Rule("no gain", "x", 0.0, "#999999", dashed=False),
                Rule("", "y", 0.0, "#999999", dashed=False),
            ],
            lines=lines,
            markers=markers,
            x_range=(x_ticks[0], x_ticks[-1]),
            y_range=(y_ticks[0], y_ticks[-1]),
            width=CHART_WIDTH,
            height=480,
            far_labels=True,
        )
        caption = (
            f"Each point is another actor j, placed by what {names[me]} expects from "
            f"challenging j (across, EU of {names[me]} against j) and what j expects from "
            f"challenging {names[me]} (up), in the first round. Right of the vertical axis "
            f"{names[me]} gains by pressing j; below the horizontal axis j would rather give in "
            "than resist: it compromises above the dashed diagonal and capitulates below it. "
            f"Up and right, both expect to gain: a conflict, which {names[me]} expects to win "
            "where the point lies below the rising diagonal. Up and left, j presses "
            f"{names[me]}."
        )
        figures.append(Figure(svg, caption, name))
    return figures
