"""The Korea briefings in a real browser: headless Chromium loads each with no console error and
no network request, lays every chart out at a non-zero size, on a wide screen and on a phone, and
takes screenshots (``/tmp/standoff-korea_2019.png``, ``/tmp/standoff-korea_2019-phone.png``, and
the same for ``korea_2017``) for a person to look at. It also checks what a reader would stumble
on: the page never scrolls sideways, no table runs out of its box (a wide one scrolls in its
own), and no label of a chart is drawn over another (their bounding boxes).

Chromium is Debian's ``chromium`` package. The session fixture installs it with apt-get where it
is missing and the test runs as root; the test is skipped, saying why, only when no browser can
be had.

How errors are caught: a copy of the page gets a small probe script as the first thing in its
``<head>`` (its Content-Security-Policy gains ``script-src 'unsafe-inline'`` for that script
alone). The probe records uncaught errors, ``console.error`` and ``console.warn`` calls,
Content-Security-Policy violations, the resources the page loaded and the size of every chart,
and writes them as JSON into an attribute of ``<html>``, which ``--dump-dom`` prints. Chromium's
own console log (``--enable-logging=stderr``) is scanned as well.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
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
"""Every chart of each Korea briefing (sorted by name)."""
PHONE = 390  # CSS pixels: the width of a common phone
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
      var box = svg.getBoundingClientRect();
      found.charts.push({chart: svg.dataset.chart, width: box.width, height: box.height});
    });
    found.pageOverflow = document.documentElement.scrollWidth - window.innerWidth;
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


def _run(browser: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        *arguments,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


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


def _console_errors(log: str) -> list[str]:
    return [
        line
        for line in log.splitlines()
        if ":CONSOLE" in line and re.search(r"Uncaught|Refused|Error|Failed", line)
    ]


def _probe(browser: str, page: Path, width: int) -> dict[str, Any]:
    done = _run(
        browser,
        "--virtual-time-budget=10000",
        f"--window-size={width},2000",
        "--dump-dom",
        page.as_uri(),
    )
    match = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert match, f"the probe did not report (exit {done.returncode}):\n{done.stderr[-2000:]}"
    assert _console_errors(done.stderr) == []
    found: dict[str, Any] = json.loads(html.unescape(match.group(1)))
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, PHONE], ids=["wide", "phone"])
def test_korea_briefing_renders_in_chromium(
    browser: str, korea_page: tuple[str, Path, Path], width: int
) -> None:
    name, written, probed = korea_page
    found = _probe(browser, probed, width)
    assert found["errors"] == []
    assert found["resources"] == 0  # no network request at all
    charts = {chart["chart"]: chart for chart in found["charts"]}
    assert sorted(charts) == CHARTS[name]
    assert len(found["charts"]) == len(charts)  # each chart once
    for chart in charts.values():
        assert chart["width"] > 100, chart
        assert chart["height"] > 100, chart
        assert chart["width"] <= max(width, 640) + 1, chart  # wide charts scroll on a phone
    # the page never scrolls sideways: a table wider than the screen scrolls in its own box
    assert found["pageOverflow"] <= 1
    assert found["overflowing"] == []
    assert found["overlaps"] == []  # no chart label is drawn over another
    assert found["cut"] == []  # nor runs out of its chart

    suffix = "" if width > PHONE else "-phone"
    screenshot = SCREENSHOTS / f"standoff-{name}{suffix}.png"
    screenshot.unlink(missing_ok=True)
    height = 7200 if name == "korea_2019" else 4000
    shot = _run(
        browser, f"--window-size={width},{height}", f"--screenshot={screenshot}", written.as_uri()
    )
    assert _console_errors(shot.stderr) == []
    assert screenshot.exists(), shot.stderr[-2000:]
    assert screenshot.stat().st_size > 50_000  # a real picture, not a blank page
