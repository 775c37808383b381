"""The generic SVG charts, on synthetic data: coordinates land where the axes say they should."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standoff.report._charts import (
    MAX_POINTS,
    Line,
    Marker,
    Points,
    Region,
    Rule,
    Style,
    bar_chart,
    dot_matrix,
    grouped_bar_chart,
    histogram,
    nice_ticks,
    plane_chart,
)
from standoff.report._svg import element, number, path_data

SVG = "{http://www.w3.org/2000/svg}"
# The plot area of a plane chart of the default size (560 × 420): see _charts.plane_chart.
LEFT, TOP, WIDTH, HEIGHT = 64.0, 16.0, 476.0, 348.0


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def all_of(root: ET.Element, tag: str) -> list[ET.Element]:
    return list(root.iter(f"{SVG}{tag}"))


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in all_of(root, "text")]


def to_pixels(x: float, y: float) -> tuple[float, float]:
    """Data (x, y) in [0, 1]² to pixels, written out from the chart's geometry."""
    return LEFT + x * WIDTH, TOP + (1 - y) * HEIGHT


# -- primitives -----------------------------------------------------------------------------------


def test_numbers_are_short_and_never_negative_zero() -> None:
    assert [number(v) for v in (0.0, -0.0, 1.5, 2.0, 1 / 3, -0.004, 1234.5678)] == [
        "0",
        "0",
        "1.5",
        "2",
        "0.33",
        "0",
        "1234.57",
    ]
    with pytest.raises(ValueError, match="cannot draw the coordinate nan"):
        number(math.nan)


def test_elements_escape_text_and_attributes() -> None:
    assert element("text", "<b>&", x=1, data_name='a"b') == (
        '<text x="1" data-name="a&quot;b">&lt;b&gt;&amp;</text>'
    )
    assert element("circle", r=2, fill=None) == '<circle r="2"/>'
    assert path_data([(0, 0), (1, 2), (3, 0)], closed=True) == "M0 0L1 2L3 0Z"


# -- ticks ----------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(1e-3, 1e6, allow_nan=False),
    st.integers(2, 8),
)
def test_ticks_cover_the_range_with_a_round_step(low: float, span: float, count: int) -> None:
    high = low + span
    ticks = nice_ticks(low, high, count)
    steps = np.diff(ticks)
    assert ticks[0] <= low + 1e-8 * steps[0]  # within a rounding error of the step
    assert ticks[-1] >= high - 1e-8 * steps[0]
    assert np.allclose(steps, steps[0], rtol=1e-6)
    mantissa = steps[0] / 10 ** math.floor(math.log10(steps[0]))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 2.5, 5, 10))
    assert steps[0] >= span / count * (1 - 1e-6)  # never more intervals than asked for, ...
    assert len(ticks) - 1 <= 2 * count + 2  # ... nor far fewer


# -- the plane chart (utility space) --------------------------------------------------------------


def utility_space(**extra: object) -> str:
    return plane_chart(
        chart="utility-space",
        title="Utility space",
        x_label="United States",
        y_label="North Korea",
        points=[Points("outcomes", [(0.5, 0.25), (0.1, 0.9)])],
        lines=[Line("Pareto frontier", [(0, 1), (0.6, 0.8), (1, 0)])],
        regions=[
            Region("ZOPA", [(0.3, 0.4), (0.9, 0.4), (0.3, 0.9)]),
            Region("ZOPA as the US sees it", [(0.2, 0.2), (0.5, 0.2), (0.2, 0.5)], dashed=True),
        ],
        rules=[Rule("US BATNA", "x", 0.3), Rule("NK BATNA", "y", 0.4)],
        markers=[Marker("Nash", (0.6, 0.8)), Marker("Kalai–Smorodinsky", (0.55, 0.82), "#555")],
        x_range=(0.0, 1.0),
        y_range=(0.0, 1.0),
        **extra,  # type: ignore[arg-type]
    )


def test_points_land_at_their_coordinates() -> None:
    root = parse(utility_space())
    circles = [c for c in all_of(root, "circle") if c.get("fill-opacity") == "0.7"]
    found = sorted((float(c.get("cx", "")), float(c.get("cy", ""))) for c in circles)
    expected = sorted(to_pixels(x, y) for x, y in [(0.5, 0.25), (0.1, 0.9)])
    assert np.allclose(found, expected, atol=0.01)


def test_rules_cross_the_whole_plot_at_their_value() -> None:
    root = parse(utility_space())
    dashed = [line for line in all_of(root, "line") if line.get("stroke-width") == "1.5"]
    plotted = [line for line in dashed if float(line.get("x1", "0")) >= LEFT]
    vertical = next(line for line in plotted if line.get("x1") == line.get("x2"))
    horizontal = next(line for line in plotted if line.get("y1") == line.get("y2"))
    assert float(vertical.get("x1", "")) == pytest.approx(to_pixels(0.3, 0)[0], abs=0.01)
    assert (float(vertical.get("y1", "")), float(vertical.get("y2", ""))) == (TOP, TOP + HEIGHT)
    assert float(horizontal.get("y1", "")) == pytest.approx(to_pixels(0, 0.4)[1], abs=0.01)
    assert (float(horizontal.get("x1", "")), float(horizontal.get("x2", ""))) == (
        LEFT,
        LEFT + WIDTH,
    )


def test_regions_are_shaded_polygons_and_the_perceived_one_is_dashed() -> None:
    root = parse(utility_space())
    polygons = [p for p in all_of(root, "path") if (p.get("d") or "").endswith("Z")]
    shaded = [p for p in polygons if p.get("fill-opacity") == "0.2"]
    assert len(shaded) == 2
    corners = [to_pixels(*p) for p in [(0.3, 0.4), (0.9, 0.4), (0.3, 0.9)]]
    assert shaded[0].get("d") == path_data(corners, closed=True)
    assert shaded[0].get("stroke-dasharray") is None
    assert shaded[1].get("stroke-dasharray") == "6 4"


def test_markers_are_labelled_and_every_layer_is_in_the_legend() -> None:
    labels = texts(parse(utility_space()))
    for label in (
        "Nash",
        "Kalai–Smorodinsky",
        "outcomes",
        "Pareto frontier",
        "ZOPA",
        "ZOPA as the US sees it",
        "US BATNA",
        "NK BATNA",
        "United States",
        "North Korea",
    ):
        assert label in labels
    assert {"0", "0.2", "0.4", "0.6", "0.8", "1"} <= set(labels)  # tick labels


def test_ranges_default_to_round_numbers_around_the_data() -> None:
    svg = plane_chart(
        chart="c",
        title="t",
        x_label="x",
        y_label="y",
        points=[Points("p", [(0.13, 7.0), (0.87, 42.0)])],
    )
    labels = texts(parse(svg))
    assert {"0", "1", "50"} <= set(labels)  # x from 0 to 1, y from 0 to 50
    assert "60" not in labels


@pytest.mark.slow
def test_a_million_points_become_grid_cells() -> None:
    rng = np.random.default_rng(7)
    cloud = rng.random((1_000_000, 2)) * np.array([1.0, 0.5])  # the upper half stays empty
    svg = plane_chart(
        chart="dense",
        title="t",
        x_label="x",
        y_label="y",
        points=[Points("outcomes", cloud.tolist())],
        x_range=(0.0, 1.0),
        y_range=(0.0, 1.0),
    )
    assert len(svg) < 1_000_000
    cells = [r for r in all_of(parse(svg), "rect") if r.get("width") == number(WIDTH / 120)]
    assert MAX_POINTS < len(cells) <= 120 * 60  # only the occupied lower half
    assert min(float(r.get("y", "")) for r in cells) >= TOP + HEIGHT / 2 - 0.01


# -- bars, histogram, dot matrix ------------------------------------------------------------------


def test_bar_lengths_are_proportional_to_the_values() -> None:
    svg = bar_chart(
        chart="outcomes",
        title="Outcomes",
        categories=["deal", "no deal", "war"],
        values=[0.5, 0.25, 0.0],
        value_label="share of runs",
        percent=True,
    )
    root = parse(svg)
    bars = [r for r in all_of(root, "rect") if r.get("height") == "22"]
    widths = [float(r.get("width", "")) for r in bars]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.02)
    assert widths[2] == 0
    assert {"50.0%", "25.0%", "0.0%", "deal", "no deal", "war"} <= set(texts(root))
    with pytest.raises(ValueError, match="3 categories but 2 values"):
        bar_chart(chart="x", title="x", categories="abc", values=[1, 2], value_label="x")


def test_histogram_counts_what_numpy_counts() -> None:
    rng = np.random.default_rng(1)
    values = rng.integers(1, 41, size=500).astype(float)
    svg = histogram(chart="time", title="Time to agreement", values=values, x_label="round", bins=8)
    root = parse(svg)
    bars = [r for r in all_of(root, "rect") if r.get("height") != "348" and r.get("fill") is None]
    counts, _ = np.histogram(values, bins=8)
    heights = [float(r.get("height", "")) for r in bars]
    assert len(heights) == np.count_nonzero(counts)
    ratio = heights[0] / counts[counts > 0][0]
    assert heights == pytest.approx([c * ratio for c in counts[counts > 0]], abs=0.02)


def test_histogram_of_one_value_or_none() -> None:
    parse(histogram(chart="one", title="t", values=[3.0, 3.0], x_label="x"))
    parse(histogram(chart="none", title="t", values=[], x_label="x"))


def test_dot_matrix_draws_one_dot_per_cell_in_its_style() -> None:
    styles = {"yes": Style("expected", "#A6DBA0"), "no": Style("not expected", "#FFFFFF")}
    svg = dot_matrix(
        chart="m",
        title="t",
        rows=["US", "NK"],
        columns=["1 status_quo", "6 deal"],
        cells={(0, 0): "yes", (1, 1): "no"},
        styles=styles,
    )
    root = parse(svg)
    dots = [c for c in all_of(root, "circle") if c.get("r") == "9"]
    # row labels of 2 characters: 16 + 6.6 * 2 = 29.2 wide; column labels of up to 12 characters
    # at 40 degrees under a header of 24 + sin(40) * 6.6 * 12 = 74.91; cells 34 apart, dots at
    # their centres
    header = 24 + math.sin(math.radians(40)) * 6.6 * 12
    assert [(d.get("cx"), d.get("cy"), d.get("fill")) for d in dots] == [
        (number(29.2 + 17), number(header + 17), "#A6DBA0"),
        (number(29.2 + 34 + 17), number(header + 34 + 17), "#FFFFFF"),
    ]
    assert {"expected", "not expected", "US", "NK"} <= set(texts(root))
    with pytest.raises(ValueError, match="no style for the cell kinds maybe"):
        dot_matrix(
            chart="m", title="t", rows=["a"], columns=["b"], cells={(0, 0): "maybe"}, styles=styles
        )


def test_grouped_bars_share_one_scale_and_are_labelled() -> None:
    svg = grouped_bar_chart(
        chart="outcomes",
        title="How talks end",
        groups=["as written", "without the deadline"],
        series=["agreement", "breakdown"],
        values=[[0.6, 0.4], [0.3, 0.0]],
        value_label="share of runs",
        colours=["#111111", "#222222"],
        percent=True,
    )
    root = parse(svg)
    bars = [r for r in all_of(root, "rect") if r.get("height") == "16"]
    widths = [float(r.get("width", "")) for r in bars]
    assert widths[0] == pytest.approx(2 * widths[2], abs=0.02)  # 60% against 30%
    assert widths[0] == pytest.approx(1.5 * widths[1], abs=0.02)
    assert widths[3] == 0
    assert [r.get("fill") for r in bars] == ["#111111", "#222222"] * 2
    labels = texts(root)
    assert {"as written", "without the deadline", "60.0%", "0.0%", "share of runs"} <= set(labels)
    assert labels.count("agreement") == 2
    with pytest.raises(ValueError, match="2 rows \\(groups\\) of 2 values"):
        grouped_bar_chart(
            chart="x",
            title="x",
            groups=["a", "b"],
            series=["s", "t"],
            values=[[1, 2]],
            value_label="x",
        )


def test_histogram_rules_and_ticks() -> None:
    svg = histogram(
        chart="time",
        title="t",
        values=[9.0, 10.0, 10.0],
        x_label="round",
        bins=[0.5, 5.5, 10.5, 15.5],
        x_ticks=[1.0, 5.0, 10.0, 15.0],
        rules=[Rule("deadline (12)", "x", 12.0, "#0072B2")],
    )
    root = parse(svg)
    # the plot is 476 wide from 64, over 0.5 .. 15.5
    line = next(x for x in all_of(root, "line") if x.get("stroke-width") == "2")
    assert float(line.get("x1", "")) == pytest.approx(64 + (12 - 0.5) / 15 * 476, abs=0.01)
    assert line.get("stroke-dasharray") == "6 4"
    labels = texts(root)
    assert {"1", "5", "10", "15", "deadline (12)"} <= set(labels)
    assert float(root.get("height", "")) > 300  # the legend below the axis label
    with pytest.raises(ValueError, match="x axis only"):
        histogram(chart="t", title="t", values=[1.0], x_label="x", rules=[Rule("r", "y", 1.0)])


def chart_of(markers: Sequence[Marker] = (), rules: Sequence[Rule] = ()) -> str:
    return plane_chart(
        chart="c",
        title="t",
        x_label="x",
        y_label="y",
        markers=markers,
        rules=rules,
        x_range=(0.0, 1.0),
        y_range=(0.0, 1.0),
    )


def box_of(label: ET.Element) -> tuple[float, float, float, float]:
    """The label's box as the chart estimates it (bold 12 px letters about 7.2 px wide)."""
    x, y, wide = float(label.get("x", "")), float(label.get("y", "")), 7.2 * len(label.text or "")
    left = x if label.get("text-anchor") == "start" else x - wide
    return left, y - 11, left + wide, y + 3


def test_marker_labels_stay_inside_the_plot_and_apart() -> None:
    crowd = [Marker(f"solution {k}", (0.5 + 0.01 * k, 0.5 - 0.01 * k)) for k in range(4)]
    edge = [Marker("a long label at the right edge", (0.98, 0.95))]
    root = parse(chart_of(markers=crowd + edge))
    labels = [t for t in all_of(root, "text") if t.get("font-weight") == "bold"]
    assert len(labels) == 5
    boxes = [box_of(label) for label in labels]
    for left, top, right, bottom in boxes:
        assert left >= LEFT
        assert right <= LEFT + WIDTH
        assert top >= TOP
        assert bottom <= TOP + HEIGHT
    for k, first in enumerate(boxes):
        for second in boxes[k + 1 :]:
            apart = (
                first[2] <= second[0]
                or second[2] <= first[0]
                or first[3] <= second[1]
                or second[3] <= first[1]
            )
            assert apart, (first, second)


def test_a_legend_of_long_labels_takes_one_column() -> None:
    short = parse(chart_of(rules=[Rule("US BATNA", "x", 0.3), Rule("NK BATNA", "y", 0.4)]))
    long = parse(chart_of(rules=[Rule("x" * 40, "x", 0.3), Rule("y" * 40, "y", 0.4)]))

    def entry_x(root: ET.Element, text: str) -> float:
        return float(next(t for t in all_of(root, "text") if t.text == text).get("x", ""))

    assert entry_x(short, "NK BATNA") > entry_x(short, "US BATNA")  # two columns
    assert entry_x(long, "y" * 40) == entry_x(long, "x" * 40)  # one
    assert float(long.get("height", "")) > float(short.get("height", ""))
