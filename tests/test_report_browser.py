"""The Korea and Normandy briefings in a real browser: headless Chromium loads each with no
console error and no network request, lays every chart out at a non-zero size, on a wide screen
(1280 pixels) and on a phone (390), and takes screenshots (``/tmp/standoff-korea_2019.png``,
``/tmp/standoff-korea_2019-phone.png``, and the same for ``korea_2017`` and ``normandy_1944``)
for a person to look at. It also checks what a reader would stumble on: the page never scrolls
sideways, no table runs out of its box (a wide one scrolls in its own), no label of a chart is
drawn over another (their bounding boxes), no chart's text is drawn smaller than 9 pixels, and a
chart too wide for the screen at that size scrolls in its own box under a hint that says so;
the perceptions chart (Korea 2019 and Normandy) always fits, and only the large state graphs of
Korea 2019 scroll, on a phone alone.

Chromium is Debian's ``chromium`` package, driven by Playwright (the dev extra): Chromium's own
``--headless --window-size`` never lays a page out narrower than 500 pixels. The session fixture
installs Chromium with apt-get where it is missing and the test runs as root; the test is
skipped, saying why, only when no browser can be had.

How errors are caught: a copy of the page gets a small probe script as the first thing in its
``<head>`` (its Content-Security-Policy gains ``script-src 'unsafe-inline'`` for that script
alone). The probe records uncaught errors, ``console.error`` and ``console.warn`` calls,
Content-Security-Policy violations, the resources the page loaded and the size, smallest text
and scroll box of every chart, and writes them as JSON into an attribute of ``<html>``. The
browser's console is watched as well.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from standoff.pipeline import run
from standoff.report._html import CONTENT_POLICY, briefing_html

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = Path("/tmp")
CHARTS = {
    "korea_2017": ["utility-space", "verifiable-zopa"],
    "normandy_1944": ["perceptions", "state-graph"],
    "korea_2019": [
        "equilibrium-probability",
        "evolution",
        "outcomes",
        "perceptions",
        "state-graph",
        "time-to-agreement",
        "utility-space",
    ],
}
"""Every chart of each briefing (sorted by name): Korea 2019 has a large state graph and the
perceptions chart, Normandy the perceptions chart of a small conflict."""
PHONE = 390  # CSS pixels: the width of a common phone
SMALLEST_TEXT = 9.0  # CSS pixels: the smallest a chart's text is drawn on any screen
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PROBE = """<script>
(function () {
  var found = {errors: [], resources: 0, charts: []};
  window.addEventListener("error", function (e) { found.errors.push("error: " + e.message); });
  document.addEventListener("securitypolicyviolation", function (e) {
    found.errors.push("policy: " + e.violatedDirective + " " + e.blockedURI);
  });
  ["error", "warn"].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      found.errors.push(level + ": " + Array.prototype.join.call(arguments, " "));
      original.apply(console, arguments);
    };
  });
  window.addEventListener("load", function () {
    found.resources = performance.getEntriesByType("resource").length;
    document.querySelectorAll("svg[data-chart]").forEach(function (svg) {
      var box = svg.getBoundingClientRect(), smallest = Infinity, scroller = null;
      svg.querySelectorAll("text").forEach(function (text) {
        if (!text.textContent.trim()) { return; }
        var m = text.getScreenCTM(), size = parseFloat(getComputedStyle(text).fontSize);
        smallest = Math.min(smallest, size * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)));
      });
      for (var up = svg.parentElement; up && up !== document.body; up = up.parentElement) {
        var style = getComputedStyle(up).overflowX;
        if (style === "auto" || style === "scroll") { scroller = up; break; }
      }
      var hint = svg.closest("figure").querySelector(".scroll-hint");
      found.charts.push({
        chart: svg.dataset.chart, width: box.width, height: box.height,
        smallestText: smallest,
        scrolls: scroller !== null && scroller.scrollWidth > scroller.clientWidth + 1,
        inBox: scroller !== null && box.right <= scroller.getBoundingClientRect().right + 1,
        hinted: hint !== null && hint.getBoundingClientRect().height > 0,
      });
    });
    found.viewport = document.documentElement.clientWidth;
    found.pageOverflow = Math.max(
      document.documentElement.scrollWidth - document.documentElement.clientWidth,
      document.body.scrollWidth - document.documentElement.clientWidth,
      document.documentElement.scrollWidth - window.innerWidth);
    found.overflowing = [];
    document.querySelectorAll("table").forEach(function (table, k) {
      var scrolls = false;
      for (var up = table.parentElement; up && up !== document.body; up = up.parentElement) {
        var style = getComputedStyle(up).overflowX;
        if (style === "auto" || style === "scroll") { scrolls = true; break; }
      }
      var parent = table.parentElement.getBoundingClientRect();
      var own = table.getBoundingClientRect();
      if (!scrolls && own.right > parent.right + 1) {
        found.overflowing.push((table.caption ? table.caption.textContent : "table " + k));
      }
    });
    found.overlaps = [];
    found.cut = [];
    function corners(text) {  // the label's box, through its rotation, in page pixels
      var b = text.getBBox(), m = text.getScreenCTM();
      return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
              [b.x, b.y + b.height]].map(function (p) {
        return [m.a * p[0] + m.c * p[1] + m.e, m.b * p[0] + m.d * p[1] + m.f];
      });
    }
    function apart(p, q) {  // separating axes of two convex quadrilaterals
      var shapes = [p, q];
      for (var s = 0; s < 2; s++) {
        for (var k = 0; k < 4; k++) {
          var a = shapes[s][k], b = shapes[s][(k + 1) % 4];
          var nx = a[1] - b[1], ny = b[0] - a[0], n = Math.hypot(nx, ny) || 1;
          var range = shapes.map(function (shape) {
            var ds = shape.map(function (c) { return (c[0] * nx + c[1] * ny) / n; });
            return [Math.min.apply(null, ds), Math.max.apply(null, ds)];
          });
          if (Math.min(range[0][1], range[1][1]) - Math.max(range[0][0], range[1][0]) <= 1) {
            return true;
          }
        }
      }
      return false;
    }
    document.querySelectorAll("svg[data-chart]").forEach(function (svg) {
      var edge = svg.getBoundingClientRect(), labels = [];
      svg.querySelectorAll("text").forEach(function (text) {
        if (!text.textContent.trim() || text.getBBox().width === 0) { return; }
        var box = corners(text);
        labels.push({text: text.textContent.trim(), box: box});
        var out = box.some(function (c) {
          return c[0] < edge.left - 1 || c[0] > edge.right + 1 ||
                 c[1] < edge.top - 1 || c[1] > edge.bottom + 1;
        });
        if (out) { found.cut.push(svg.dataset.chart + ": '" + text.textContent.trim() + "'"); }
      });
      for (var i = 0; i < labels.length; i++) {
        for (var j = i + 1; j < labels.length; j++) {
          if (!apart(labels[i].box, labels[j].box)) {
            found.overlaps.push(
              svg.dataset.chart + ": '" + labels[i].text + "' / '" + labels[j].text + "'");
          }
        }
      }
    });
    document.documentElement.setAttribute("data-probe", JSON.stringify(found));
  });
})();
</script>"""


def _install() -> str | None:
    """Install Debian's chromium; the reason it could not be had, or ``None``."""
    if os.name != "posix" or os.geteuid() != 0:
        return "chromium is not installed and the tests do not run as root to install it"
    if shutil.which("apt-get") is None:
        return "chromium is not installed and there is no apt-get to install it"
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, env=environment, timeout=900
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"installing chromium failed: {' '.join(command)}: {error}"
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            return f"installing chromium failed: {' '.join(command)}: {last}"
    return None


@pytest.fixture(scope="session")
def browser() -> str:
    """The path of a Chromium executable, installed if need be."""
    found = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    if found is None:
        reason = _install()
        found = shutil.which("chromium")
        if found is None:
            pytest.skip(reason or "chromium was installed but cannot be found on PATH")
    return found


@pytest.fixture(scope="module")
def chromium(browser: str) -> Iterator[Any]:
    """The browser, driven by Playwright: unlike ``chromium --headless --window-size``, whose
    window is never narrower than 500 pixels, it lays a page out at a phone's width."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (the dev extra has it)"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=browser, args=["--no-sandbox"])
        yield launched
        launched.close()


@contextmanager
def _screen(chromium: Any, width: int) -> Iterator[tuple[Any, list[str]]]:
    """A page at ``width`` CSS pixels (a phone's: a touch screen honouring the page's viewport),
    and the console errors, warnings and uncaught errors it logs."""
    phone = width <= PHONE
    context = chromium.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
    )
    logged: list[str] = []
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            logged.append(f"{message.type}: {message.text}")
            if message.type in {"error", "warning"}
            else None
        ),
    )
    page.on("pageerror", lambda error: logged.append(f"uncaught: {error}"))
    try:
        yield page, logged
    finally:
        context.close()


@pytest.fixture(scope="module", params=sorted(CHARTS))
def korea_page(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, Path]:
    """A Korea briefing as written, and a copy with the probe."""
    name: str = request.param
    folder = tmp_path_factory.mktemp(f"browser-{name}")
    brief = run(ROOT / "examples" / f"{name}.yaml", generated=datetime(2024, 1, 2, tzinfo=UTC))
    page = briefing_html(brief)
    written = folder / "brief.html"
    written.write_text(page, encoding="utf-8")
    assert CONTENT_POLICY in page
    probed = page.replace(CONTENT_POLICY, CONTENT_POLICY + "; script-src 'unsafe-inline'", 1)
    probed = probed.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + PROBE, 1)
    copy = folder / "probed.html"
    copy.write_text(probed, encoding="utf-8")
    return name, written, copy


def _probe(chromium: Any, page: Path, width: int) -> dict[str, Any]:
    with _screen(chromium, width) as (tab, logged):
        tab.goto(page.as_uri(), wait_until="load")
        report = tab.get_attribute("html", "data-probe")
        assert report, "the probe did not report"
        assert logged == []
        found: dict[str, Any] = json.loads(report)
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, PHONE], ids=["wide", "phone"])
def test_korea_briefing_renders_in_chromium(
    chromium: Any, korea_page: tuple[str, Path, Path], width: int
) -> None:
    name, written, probed = korea_page
    found = _probe(chromium, probed, width)
    assert found["errors"] == []
    assert found["resources"] == 0  # no network request at all
    charts = {chart["chart"]: chart for chart in found["charts"]}
    assert sorted(charts) == CHARTS[name]
    assert len(found["charts"]) == len(charts)  # each chart once
    assert found["viewport"] == width  # the page is laid out at the width asked for
    for chart in charts.values():
        assert chart["width"] > 100, chart
        assert chart["height"] > 100, chart
        assert chart["smallestText"] >= SMALLEST_TEXT - 0.05, chart  # readable, never shrunk
        # a chart too wide for the screen scrolls in its own box, and a hint says so
        assert chart["hinted"] == chart["scrolls"], chart
        assert chart["scrolls"] or chart["inBox"], chart
    # the perceptions chart fits a phone: states are its rows, the parties its few columns
    assert "perceptions" not in charts or not charts["perceptions"]["scrolls"]
    if width > PHONE:
        assert not any(chart["scrolls"] for chart in charts.values())
    # the page never scrolls sideways: a table or chart wider than the screen scrolls in its own
    # box
    assert found["pageOverflow"] <= 1
    assert found["overflowing"] == []
    assert found["overlaps"] == []  # no chart label is drawn over another
    assert found["cut"] == []  # nor runs out of its chart

    suffix = "" if width > PHONE else "-phone"
    screenshot = SCREENSHOTS / f"standoff-{name}{suffix}.png"
    screenshot.unlink(missing_ok=True)
    with _screen(chromium, width) as (tab, logged):
        tab.goto(written.as_uri(), wait_until="load")
        tab.screenshot(path=screenshot, full_page=True)
        assert logged == []
    assert screenshot.exists()
    assert screenshot.stat().st_size > 50_000  # a real picture, not a blank page
