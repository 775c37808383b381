"""Generic charts in hand-built SVG: a chart of the plane, bars, a histogram and a dot matrix.

- :func:`plane_chart` draws points, lines, shaded regions, rules across the plot and labelled
  markers in x–y coordinates: the utility space of a bargaining problem (outcomes, the Pareto
  frontier, each party's BATNA as a rule, the ZOPA as a region, the Nash and Kalai–Smorodinsky
  points as markers). More than :data:`MAX_POINTS` points are drawn as the cells of a grid they
  occupy, so a million outcomes cost a few kilobytes.
- :func:`bar_chart` draws one horizontal bar per category; :func:`grouped_bar_chart` draws them
  in groups (the outcome distribution of each variant of simulated talks); :func:`histogram`
  bins numbers (times to agreement) and draws the counts, with rules such as a deadline.
- :func:`dot_matrix` marks cells of a table of rows and columns with styled dots (who expects
  which outcome).
- :func:`probability_chart` draws shares from 0% to 100% as dots with interval whiskers, one row
  per category and one dot per series (how likely each state is an equilibrium, per concept).

Every chart is an ``<svg>`` element (see :func:`standoff.report._svg.svg_figure`). The modules:
``_records`` (what charts are drawn from), ``_axes`` (frame, ticks, axes and legend), ``_plane``,
``_bars``, ``_dots`` and ``_probability`` (one kind of chart each).

>>> svg = plane_chart(
...     chart="utility-space", title="Utilities", x_label="US", y_label="NK",
...     points=[Points("outcomes", [(0.1, 0.9), (0.5, 0.5)])],
...     markers=[Marker("Nash", (0.5, 0.5))],
... )
>>> svg.startswith("<svg") and 'data-chart="utility-space"' in svg and ">Nash</text>" in svg
True
"""

from standoff.report._charts._axes import nice_ticks
from standoff.report._charts._bars import bar_chart, grouped_bar_chart, histogram
from standoff.report._charts._dots import dot_matrix
from standoff.report._charts._plane import MAX_POINTS, plane_chart
from standoff.report._charts._probability import probability_chart
from standoff.report._charts._records import Line, Marker, Point, Points, Region, Rule, Style

__all__ = [
    "MAX_POINTS",
    "Line",
    "Marker",
    "Point",
    "Points",
    "Region",
    "Rule",
    "Style",
    "bar_chart",
    "dot_matrix",
    "grouped_bar_chart",
    "histogram",
    "nice_ticks",
    "plane_chart",
    "probability_chart",
]
