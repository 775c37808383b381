"""The briefing's bargaining and simulated-talks sections: every number is the record's, every
point of the charts lands where the record puts it, and the seed makes the talks traceable."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standoff import pipeline
from standoff.bargaining import BargainingAnalysis, bargain
from standoff.errors import RequestError
from standoff.pipeline import (
    BargainingRecord,
    Request,
    Results,
    TalksRecord,
    provenance,
)
from standoff.report import build_document, findings
from standoff.report._blocks import Figure, Items, Paragraph, Section, Table, plain
from standoff.report._markdown import briefing_markdown
from standoff.report._sections import bargaining, simulation
from standoff.report._sections._bargaining_chart import (
    OUTCOME_GREY,
    ZOPA_GREEN,
    frontier_line,
    zone_polygon,
)
from standoff.report._svg import path_data
from standoff.scenario import load, loads
from standoff.talks import TalksSimulation, VariantResult, simulate_talks

ROOT = Path(__file__).resolve().parents[1]
GENERATED = datetime(2024, 1, 2, 3, 4, tzinfo=UTC)
SVG = "{http://www.w3.org/2000/svg}"
# The plot area of the utility-space chart (480 × 400; see _charts.plane_chart) and of the
# time-to-agreement histogram (480 × 300; see _charts.histogram).
PLANE = (64.0, 16.0, 396.0, 328.0)
BARS = (64.0, 16.0, 396.0, 240.0)


def brief_of(name: str, runs: int = 2_000, seed: int = 0) -> Results:
    file = ROOT / "examples" / f"{name}.yaml"
    return pipeline.run(file, Request(runs=runs, seed=seed), generated=GENERATED)


def section_of(brief: Results, key: str) -> Section:
    return next(part for part in build_document(brief).sections if part.key == key)


def bargaining_of(brief: Results) -> BargainingAnalysis:
    record = brief.get(BargainingRecord)
    assert record is not None
    return record.analysis


def talks_of(brief: Results) -> TalksSimulation | None:
    record = brief.get(TalksRecord)
    return None if record is None else record.simulation


def with_talks(brief: Results, talks: TalksSimulation) -> Results:
    """The results with other simulated talks in place of theirs."""
    records = {**brief.records, "talks": TalksRecord(brief.scenario, talks)}
    return dataclasses.replace(brief, records=records)


def table(section: Section, caption: str) -> Table:
    return next(b for b in section.blocks if isinstance(b, Table) and b.caption == caption)


def cells(found: Table) -> list[list[str]]:
    return [[plain(cell.text) for cell in row] for row in found.rows]


def figure(section: Section, chart: str) -> ET.Element:
    svg = next(b for b in section.blocks if isinstance(b, Figure) and b.chart == chart).svg
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def pixels(frame: tuple[float, float, float, float], x: float, y: float) -> tuple[float, float]:
    """Data in [0, 1]² to the pixels of the utility-space chart."""
    left, top, width, height = frame
    return left + x * width, top + (1 - y) * height


# -- the geometry: the frontier as a line and the zone under it -----------------------------------


def dominated(point: np.ndarray, others: np.ndarray) -> bool:
    """Straight from the definition: another point is at least as good on both axes and better
    on one."""
    return bool(np.any(np.all(others >= point, axis=1) & np.any(others > point, axis=1)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), min_size=1, max_size=30))
def test_the_frontier_line_is_the_undominated_points_left_to_right(
    pairs: list[tuple[int, int]],
) -> None:
    points = np.array(pairs, dtype=np.float64) / 8
    line = frontier_line(points)
    expected = sorted({tuple(p) for p in points.tolist() if not dominated(np.array(p), points)})
    assert [tuple(p) for p in line.tolist()] == expected
    assert np.all(np.diff(line[:, 0]) > 0)
    assert np.all(np.diff(line[:, 1]) < 0)


def test_the_zone_under_a_line_by_hand() -> None:
    diagonal = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert zone_polygon(diagonal, 0.25, 0.25) == [(0.25, 0.25), (0.25, 0.75), (0.75, 0.25)]
    assert zone_polygon(diagonal, 0.5, 0.5) == []  # the BATNAs meet on the line
    assert zone_polygon(diagonal, 1.0, 0.0) == []
    # a staircase: the first point's height reaches left, the last point's x ends the zone
    stairs = np.array([[0.2, 0.9], [0.6, 0.5], [0.8, 0.3]])
    assert zone_polygon(stairs, 0.1, 0.2) == [
        (0.1, 0.2),
        (0.1, 0.9),
        (0.2, 0.9),
        (0.6, 0.5),
        (0.8, 0.3),
        (0.8, 0.2),
    ]
    assert zone_polygon(stairs, 0.4, 0.4) == [(0.4, 0.4), (0.4, 0.7), (0.6, 0.5), (0.7, 0.4)]
    # one agreement: a rectangle
    assert zone_polygon(np.array([[0.5, 0.5]]), 0.2, 0.1) == [
        (0.2, 0.1),
        (0.2, 0.5),
        (0.5, 0.5),
        (0.5, 0.1),
    ]


def shoelace(corners: list[tuple[float, float]]) -> float:
    xs, ys = np.array(corners).T
    return float(abs(np.dot(xs, np.roll(ys, 1)) - np.dot(ys, np.roll(xs, 1))) / 2)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), min_size=1, max_size=12),
    st.integers(0, 20),
    st.integers(0, 20),
)
def test_the_zone_has_the_area_under_the_line_beyond_the_batnas(
    pairs: list[tuple[int, int]], low_x: int, low_y: int
) -> None:
    line = frontier_line(np.array(pairs, dtype=np.float64) / 20)
    a, b = low_x / 20, low_y / 20
    corners = zone_polygon(line, a, b)
    # the area by brute force: the height of the line above b, summed over thin strips
    xs = np.linspace(a, max(a, line[-1, 0]), 20_001)
    heights = np.where(xs <= line[0, 0], line[0, 1], np.interp(xs, line[:, 0], line[:, 1])) - b
    strips = np.clip(heights, 0, None)
    expected = float(np.sum((strips[1:] + strips[:-1]) / 2 * np.diff(xs))) if xs.size > 1 else 0
    area = shoelace(corners) if corners else 0.0
    assert area == pytest.approx(expected, abs=1e-4)
    assert all(x >= a - 1e-12 and y >= b - 1e-12 for x, y in corners)


# -- the bargaining section -----------------------------------------------------------------------


def test_the_bargaining_section_says_what_bargain_says() -> None:
    brief = brief_of("korea_2017")
    analysis = bargaining_of(brief)
    part = section_of(brief, "bargaining")
    found = next(b for b in part.blocks if isinstance(b, Items))
    assert [plain(item) for item in found.items] == findings(analysis)
    assert cells(table(part, "BATNAs")) == [
        ["United States", "0.310", "maximum_pressure", "military_strike 0.018, containment 0.250"],
        ["North Korea", "0.552", "deterrent_and_trade", "none"],
    ]
    assert cells(table(part, "What the BATNAs rest on")) == [
        [
            "United States",
            "China",
            "40%",
            "0.550 maximum_pressure",
            "0.250 containment",
            "at 25%: containment → maximum_pressure",
        ],
        [
            "United States",
            "South Korea",
            "5%",
            "0.350 military_strike",
            "0.310 maximum_pressure",
            "at 89%: maximum_pressure → military_strike",
        ],
        [
            "North Korea",
            "China",
            "60%",
            "0.620 deterrent_and_trade",
            "0.450 deterrent_and_trade",
            "never",
        ],
    ]
    agreements = cells(table(part, "Agreements"))
    assert [row[0] for row in agreements] == [
        "Nash bargaining",
        "Kalai–Smorodinsky",
        "Egalitarian",
        "Utilitarian",
    ]
    assert agreements[0][1:] == [
        "full_relief",
        "verified_freeze",
        "declared_sites",
        "0%",
        "0.473",
        "0.741",
    ]
    leverage = table(part, "Leverage")
    assert cells(leverage) == [
        ["United States", "0.310", "0.473", "0.163", "34%", "39%", "0.450 (37%)", "0.609 (49%)"],
        ["North Korea", "0.552", "0.741", "0.189", "25%", "61%", "0.645 (51%)", "0.764 (63%)"],
    ]
    assert [row[4].mark for row in leverage.rows] == ["", "good"]  # NK holds the strong hand
    zopa = next(
        b for b in part.blocks if isinstance(b, Paragraph) and "beat every" in plain(b.spans)
    )
    assert plain(zopa.spans) == (
        "ZOPA: 53 of 180 agreements beat every BATNA; 10 of them efficient (Pareto frontier: 27 "
        "agreements in all)."
    )
    perceived = [b for b in part.blocks if isinstance(b, Items)][1]
    assert plain(perceived.items[0]) == (
        "The ZOPA as the United States sees it (believing North Korea's BATNA to be 0.30): 121 "
        "agreements, 53 of them in the real ZOPA."
    )


def test_the_utility_space_draws_the_record() -> None:
    brief = brief_of("korea_2017")
    analysis = bargaining_of(brief)
    root = figure(section_of(brief, "bargaining"), "utility-space")
    dots = [c for c in root.iter(f"{SVG}circle") if c.get("r") == "2.5"]
    green = sorted(
        (float(c.get("cx", "")), float(c.get("cy", "")))
        for c in dots
        if c.get("fill") == ZOPA_GREEN
    )
    grey = [c for c in dots if c.get("fill") == OUTCOME_GREY]
    assert len(green) == analysis.zopa.size == 53
    assert len(grey) == analysis.space.size - 53
    batnas = np.array([b.value for b in analysis.batnas])
    inside = analysis.utilities[np.all(analysis.utilities > batnas, axis=1)]
    assert np.allclose(green, sorted(pixels(PLANE, x, y) for x, y in inside), atol=0.006)
    # the BATNAs: a vertical rule at the US's, a horizontal one at North Korea's
    rules = [line for line in root.iter(f"{SVG}line") if line.get("stroke-width") == "1.5"]
    plotted = [line for line in rules if float(line.get("x1", "0")) >= PLANE[0]]
    vertical = next(line for line in plotted if line.get("x1") == line.get("x2"))
    horizontal = next(line for line in plotted if line.get("y1") == line.get("y2"))
    assert float(vertical.get("x1", "")) == pytest.approx(pixels(PLANE, 0.31, 0)[0], abs=0.006)
    assert float(horizontal.get("y1", "")) == pytest.approx(pixels(PLANE, 0, 0.552)[1], abs=0.006)
    # the ZOPA, real and perceived (dashed, from the believed BATNA of 0.3)
    zones = [p for p in root.iter(f"{SVG}path") if (p.get("d") or "").endswith("Z")]
    shaded = [p for p in zones if p.get("fill-opacity") in {"0.15", "0.08"}]
    line = frontier_line(analysis.utilities[analysis.frontier])
    real = [pixels(PLANE, x, y) for x, y in zone_polygon(line, 0.31, 0.552)]
    believed = [pixels(PLANE, x, y) for x, y in zone_polygon(line, 0.31, 0.3)]
    assert [p.get("d") for p in shaded] == [
        path_data(real, closed=True),
        path_data(believed, closed=True),
    ]
    assert [p.get("stroke-dasharray") for p in shaded] == [None, "6 4"]
    labels = texts(root)
    # Nash and Kalai–Smorodinsky pick the same agreement here: one marker, both names
    assert "Nash = Kalai–Smorodinsky" in labels
    assert "The United States expects" in labels
    for entry in (
        "ZOPA",
        "ZOPA as the United States sees it",
        "Pareto frontier",
        "The United States' BATNA 0.31",
        "North Korea's BATNA 0.55",
    ):
        assert entry in labels


def test_nash_and_kalai_smorodinsky_apart_and_labels_inside_the_plot() -> None:
    # Without North Korea's red line the US ideal point is a dismantlement, and Kalai–Smorodinsky
    # parts from Nash (with it, they pick the same agreement).
    text = (ROOT / "examples" / "korea_2019.yaml").read_text(encoding="utf-8")
    text = text.replace("    NK: [program == dismantlement]\n", "    NK: []\n")
    brief = pipeline.run(loads(text, "korea.yaml"), Request(runs=50), generated=GENERATED)
    root = figure(section_of(brief, "bargaining"), "utility-space")
    bold = [t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert sorted(t.text or "" for t in bold) == [
        "Kalai–Smorodinsky",
        "Nash",
        "The United States expects",
    ]
    left, top, width, height = PLANE
    for label in bold:
        x, y = float(label.get("x", "")), float(label.get("y", ""))
        assert left <= x <= left + width
        assert top <= y <= top + height


NEGOTIATION = """
standoff: 1
title: {title}
parties: {{A: {{label: Ann}}, B: {{label: Bob}}, C: {{label: Cy}}}}
negotiation:
  parties: {parties}
  issues: {{price: [low, mid, high], speed: [slow, fast]}}
  utilities:
    A: {{values: {{price: {{low: 0, mid: 0.5, high: 1}}, speed: {{slow: 0, fast: 1}}}}}}
    B: {{values: {{price: {{low: 1, mid: 0.5, high: 0}}, speed: {{slow: 1, fast: 0}}}}}}
{third}  batna: {batnas}
"""
THIRD = "    C: {values: {price: {low: 0.5, mid: 1, high: 0.5}, speed: {slow: 0.5, fast: 0.5}}}\n"


def negotiation_brief(parties: str, batnas: str) -> Results:
    third = THIRD if "C" in parties else ""
    text = NEGOTIATION.format(title="At the table", parties=parties, batnas=batnas, third=third)
    return pipeline.run(loads(text, "three.yaml"), generated=GENERATED)


def test_more_than_two_parties_at_the_table() -> None:
    brief = negotiation_brief("[A, B, C]", "{A: 0.2, B: 0.2, C: 0.55}")
    analysis = bargaining_of(brief)
    assert analysis.parties == ("A", "B", "C")
    part = section_of(brief, "bargaining")
    caption = next(b for b in part.blocks if isinstance(b, Figure)).caption
    assert "Only the first two of the 3 parties at the table are drawn" in caption
    assert "beat the BATNA of Cy" in caption
    assert [row[0] for row in cells(table(part, "BATNAs"))] == ["Ann", "Bob", "Cy"]
    assert [row[0] for row in cells(table(part, "Leverage"))] == ["Ann", "Bob", "Cy"]
    assert table(part, "Agreements").header[-3:] == ("Ann", "Bob", "Cy")
    root = figure(part, "utility-space")
    # green: the agreements every party, Cy included, prefers to its BATNA
    green = [
        c for c in root.iter(f"{SVG}circle") if c.get("fill") == ZOPA_GREEN and c.get("r") == "2.5"
    ]
    assert len(green) == analysis.zopa.size
    assert analysis.zopa.size < int(np.sum(np.all(analysis.utilities[:, :2] > 0.2, axis=1)))
    assert "Pareto frontier of A and B" in texts(root)


def test_an_empty_zopa_says_talks_fail_and_draws_no_zone() -> None:
    brief = negotiation_brief("[A, B]", "{A: 0.8, B: 0.8}")
    analysis = bargaining_of(brief)
    assert analysis.zopa.empty
    part = section_of(brief, "bargaining")
    found = next(b for b in part.blocks if isinstance(b, Items))
    assert "talks are predicted to fail" in plain(found.items[0])
    assert not [b for b in part.blocks if isinstance(b, Table) and b.caption == "Agreements"]
    root = figure(part, "utility-space")
    assert "ZOPA" not in texts(root)
    assert not [
        p
        for p in root.iter(f"{SVG}path")
        if (p.get("d") or "").endswith("Z") and p.get("fill-opacity") == "0.15"
    ]
    assert "there is no ZOPA" in next(b for b in part.blocks if isinstance(b, Figure)).caption


# -- the simulated talks --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def korea_talks() -> Results:
    return brief_of("korea_2019", runs=300, seed=3)


def test_the_seed_is_recorded_and_fixes_the_talks(korea_talks: Results) -> None:
    talks = talks_of(korea_talks)
    assert talks is not None
    assert (talks.runs, talks.seed, korea_talks.provenance.seed) == (300, 3, 3)
    asked = korea_talks.provenance.parameters
    assert (asked["runs"], asked["seed"]) == (300, 3)
    again = simulate_talks(korea_talks.scenario, 300, 3, workers=1)
    assert talks.variants == again.variants
    facts = section_of(korea_talks, "provenance").blocks[0]
    assert ("seed", "3") in facts.pairs  # type: ignore[union-attr]
    assert ("simulated talks", "300 runs per variant") in facts.pairs  # type: ignore[union-attr]
    text = briefing_markdown(korea_talks)
    assert "`standoff simulate examples/korea_2019.yaml --runs 300 --seed 3`" in text.replace(
        str(ROOT) + "/", ""
    )
    assert briefing_markdown(brief_of("korea_2019", runs=300, seed=3)) == text
    assert briefing_markdown(brief_of("korea_2019", runs=300, seed=4)) != text
    # nothing random without a protocol
    assert brief_of("korea_2017").provenance.seed is None
    assert talks_of(brief_of("korea_2017")) is None
    with pytest.raises(RequestError, match="must be 1 to 10,000,000, got 0"):
        brief_of("korea_2019", runs=0)


def test_the_outcome_chart_and_the_table_give_each_variants_shares(korea_talks: Results) -> None:
    talks = talks_of(korea_talks)
    assert talks is not None
    part = section_of(korea_talks, "simulation")
    root = figure(part, "outcomes")
    labels = texts(root)
    endings = ("agreement", "breakdown", "deadline")  # no run reaches the round limit
    assert all(v.summary.round_limit == 0 for v in talks.variants)
    shares = [f"{getattr(v.summary, e):.1%}" for v in talks.variants for e in endings]
    assert [
        t for t in labels if t.endswith("%") and t not in {"0%", "20%", "40%", "60%", "80%", "100%"}
    ] == shares
    for variant in talks.variants:
        assert variant.label in labels
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "16"]
    widths = np.array([float(r.get("width", "")) for r in bars])
    values = np.array([getattr(v.summary, e) for v in talks.variants for e in endings])
    ratio = widths[values > 0] / values[values > 0]
    assert np.allclose(ratio, ratio[0], rtol=1e-3)
    rows = cells(table(part, f"Each variant over {talks.runs:,} runs"))
    assert [row[0] for row in rows] == [v.label for v in talks.variants]
    for row, variant in zip(rows, talks.variants, strict=True):
        summary = variant.summary
        assert row[1:4] == [f"{getattr(summary, e):.1%}" for e in endings]
        assert row[4:6] == [f"{summary.utility[p]:.3f}" for p in talks.parties]
        mean = summary.mean_agreement_round
        assert row[6] == ("–" if mean is None else f"{mean + 1:.1f}")  # rounds from 1
        bound = summary.deadline_bound["US"]
        assert row[7] == (f"United States {bound:,} ({bound / 300:.1%})" if bound else "none")


def test_time_to_agreement_counts_rounds_from_one(korea_talks: Results) -> None:
    talks = talks_of(korea_talks)
    assert talks is not None
    base = talks.baseline
    root = figure(section_of(korea_talks, "simulation"), "time-to-agreement")
    left, _, width, height = BARS
    rounds = base.rounds

    def x(value: float) -> float:
        return left + (value - 0.5) / rounds * width

    bars = [
        r
        for r in root.iter(f"{SVG}rect")
        if r.get("fill") is None and float(r.get("height", "0")) < height
    ]
    counted = [(r, c) for r, c in enumerate(base.agreement_rounds) if c]
    assert len(bars) == len(counted)
    for bar, (kernel_round, _) in zip(bars, counted, strict=True):
        # kernel round r (from 0) is the file's round r + 1: its bar spans r + 0.5 .. r + 1.5
        assert float(bar.get("x", "")) == pytest.approx(x(kernel_round + 1 - 0.5), abs=0.006)
    heights = np.array([float(b.get("height", "")) for b in bars])
    counts = np.array([c for _, c in counted])
    assert np.allclose(heights / counts, heights[0] / counts[0], rtol=1e-3)
    deadline = next(line for line in root.iter(f"{SVG}line") if line.get("stroke-width") == "2")
    assert float(deadline.get("x1", "")) == pytest.approx(x(12.0), abs=0.006)  # its 12th round
    assert "The United States' last round (12)" in texts(root)
    assert {"1", "5", "10", "25"} <= set(texts(root))


def test_no_agreement_and_a_tournament(korea_talks: Results) -> None:
    talks = talks_of(korea_talks)
    assert talks is not None
    base = talks.baseline
    failed = dataclasses.replace(
        base,
        agreement=0.0,
        breakdown=base.breakdown + base.agreement,
        agreement_rounds=(0,) * base.rounds,
        quantiles=None,
        mean_agreement_round=None,
    )
    none_agreed = dataclasses.replace(talks, variants=(VariantResult("as written", failed),))
    part = simulation(with_talks(korea_talks, none_agreed))
    assert part is not None
    assert [b.chart for b in part.blocks if isinstance(b, Figure)] == ["outcomes"]
    assert any(
        plain(b.spans) == "None of the talks as written ended in agreement."
        for b in part.blocks
        if isinstance(b, Paragraph)
    )
    assert cells(table(part, "Each variant over 300 runs"))[0][6] == "–"

    played = simulate_talks(korea_talks.scenario, 200, 3, workers=1, with_tournament=True)
    assert isinstance(played, TalksSimulation)
    assert played.tournament is not None
    part = simulation(with_talks(korea_talks, played))
    assert part is not None
    scores = cells(table(part, "Tournament"))
    assert scores == [
        [str(rank), name, f"{score:.3f}"]
        for rank, (name, score) in enumerate(played.tournament.scores(), 1)
    ]
    grid = table(part, "Each pairing")
    names = played.tournament.names
    assert grid.header == ("United States plays", *names)
    cell = played.tournament.pairing(names[1], names[2])
    assert cells(grid)[1][3] == f"{cell.agreement:.0%} {cell.discounted['US']:.2f}"


def test_sections_are_absent_without_their_analyses() -> None:
    chicken = load(ROOT / "examples" / "chicken.yaml")
    brief = Results(chicken, Request(), provenance(chicken, GENERATED), {})
    assert bargaining(brief) is None
    assert simulation(brief) is None
    assert bargaining(pipeline.run(chicken, generated=GENERATED)) is None  # no negotiation
    # a bargaining analysis alone (no protocol): a bargaining section, no simulated talks
    korea = load(ROOT / "examples" / "korea_2017.yaml")
    record = BargainingRecord(korea, bargain(korea))
    alone = Results(korea, Request(), provenance(korea, GENERATED), {"bargaining": record})
    keys = [part.key for part in build_document(alone).sections]
    assert keys == ["situation", "bargaining", "provenance"]
    markdown = briefing_markdown(alone)
    assert re.search(r"^- \*\*seed\*\*: none: nothing random was run$", markdown, re.MULTILINE)


def test_the_levels_table_lists_only_levels_some_variant_agreed_on(tmp_path: Path) -> None:
    """A fine range (2,000 points) gives one row per level agreed, not one per point: the table
    once grew with every level and took quadratic time to build."""
    text = Path("examples/korea_2019.yaml").read_text(encoding="utf-8")
    text = text.replace("drills: {range: [0, 100], unit: \"%\", steps: 3}",
                        "drills: {range: [0, 100], unit: \"%\", steps: 2000}")  # fmt: skip
    assert "steps: 2000" in text
    path = tmp_path / "fine.yaml"
    path.write_text(text, encoding="utf-8")
    results = pipeline.run(path, pipeline.Request(only=frozenset({"talks"}), runs=50, seed=1))
    simulation_record = results.get(TalksRecord)
    assert simulation_record is not None
    agreed = {
        level
        for variant in simulation_record.simulation.variants
        if variant.deals is not None
        for issue, levels in variant.deals.levels
        if issue == "drills"
        for level, count in levels
        if count
    }
    page = briefing_markdown(results)
    shown = re.findall(r"^\| `drills` \| ([^|]+) \|", page, flags=re.MULTILINE)
    assert sorted(level.strip() for level in shown) == sorted(agreed)
    assert 0 < len(shown) < 2000
