"""The workspace in a real browser (headless Chromium driven by Playwright): open
``korea_2019.yaml`` from the folder view, type a misspelt option and see the error marker at its
line, fix it, change a preference and see the equilibria change, click a state of the graph and
read its explanation and what would make it stable, simulate the talks, save, meet a stale save
and keep one's text, compare the two versions, download the briefing; with no console
error and no request outside the workspace. Screenshots for a person to look at:
``/tmp/workspace-desktop.png`` (1280 px wide) and ``/tmp/workspace-phone.png`` (390 px).

The workspace runs on a temporary copy of ``examples/``. Chromium is Debian's ``chromium``
(Playwright never downloads a browser here: it is given the system one); the test is skipped,
saying why, when Playwright or the browser is missing.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
TOKEN = "a-token-for-the-browser-test-0123"
LINE = 106  # the US's "- not testing" in korea_2019.yaml
MISSPELT = "'tseting' is not an option or a state name (did you mean 'testing'?)"

pytestmark = pytest.mark.browser


def _browser() -> str | None:
    return next((path for path in BROWSERS if Path(path).exists()), None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    uvicorn = pytest.importorskip("uvicorn", reason="the web extra (uvicorn) is not installed")
    from standoff.web import create_app

    folder = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", folder)
    port = _free_port()
    config = uvicorn.Config(
        create_app(folder, token=TOKEN), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the workspace did not start"
    yield f"http://127.0.0.1:{port}", folder
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def chromium() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (the dev extra has it)"
    )
    executable = _browser()
    if executable is None:
        pytest.skip(
            "no Chromium: install Debian's chromium package (apt-get install chromium; "
            "tests/test_report_browser.py installs it when the tests run as root)"
        )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


def _select(page: Any, line: int, word: str) -> None:
    """Select ``word`` on ``line`` of the editor, as a user double-clicking it would."""
    page.evaluate(
        """([line, word]) => {
            const area = document.getElementById("source");
            const lines = area.value.split("\\n");
            let offset = 0;
            for (let k = 0; k < line - 1; k++) offset += lines[k].length + 1;
            offset += lines[line - 1].indexOf(word);
            area.focus();
            area.setSelectionRange(offset, offset + word.length);
        }""",
        [line, word],
    )


def _until(page: Any, script: str, argument: Any = None, seconds: float = 30) -> None:
    """Wait until ``script`` (a function) is true in the page. (Playwright's own
    ``wait_for_function`` evaluates a string, which the workspace's policy forbids.)"""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script, argument):
        assert time.monotonic() < deadline, f"timed out waiting for {script}"
        time.sleep(0.05)


def _equilibria(page: Any) -> str:
    page.click('#tabs button[data-tab="conflict"]')
    page.wait_for_selector('svg[data-chart="state-graph"]')
    text: str = page.inner_text("#panels")
    return text


def test_the_korea_session(workspace: tuple[str, Path], chromium: Any) -> None:
    address, folder = workspace
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    outside: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(address) else outside.append(r.url))

    page.goto(address + "/")
    page.click('#files a:text-is("korea_2019.yaml")')
    page.wait_for_selector('svg[data-chart="state-graph"]')
    assert page.inner_text("#status").startswith("Valid")
    before = _equilibria(page)

    _select(page, LINE, "testing")
    page.keyboard.type("tseting")
    page.wait_for_selector(".gutter .number.error")
    marked = page.eval_on_selector_all(".gutter .number.error", "es => es.map(e => e.dataset.line)")
    assert marked == [str(LINE)]
    assert page.get_attribute(".gutter .number.error", "title") == f"{LINE}:13: {MISSPELT}"
    assert page.inner_text("#problems").endswith(f"line {LINE}, column 13: {MISSPELT}")
    page.screenshot(path="/tmp/workspace-error.png")

    _select(page, LINE, "tseting")
    page.keyboard.type("testing")
    page.wait_for_selector(".gutter .number.error", state="detached")
    _until(page, "() => document.getElementById('status').textContent.startsWith('Valid')")

    _select(page, LINE, "not testing")  # the US now prefers tests: the equilibria move
    page.keyboard.type("testing")
    _until(page, "(old) => document.getElementById('panels').innerText !== old", before)
    after = _equilibria(page)
    assert after != before

    page.click('g.state-node[data-state="23"]')
    page.wait_for_selector("#panel-state h2")
    assert page.inner_text("#panel-state h2") == "State 23 escalation"
    assert "Why state 23 escalation is or is not stable for NK" in page.inner_text("#panel-state")
    assert "From the status quo" in page.inner_text("#panel-state .path")
    page.click("#ask-inverse")
    page.wait_for_selector("#panel-state .inverse section")

    page.click("#save")
    _until(page, "() => document.getElementById('status').textContent === 'Saved'")
    assert (
        "      - testing"
        in (folder / "korea_2019.yaml").read_text(encoding="utf-8").split("\n")[LINE - 1]
    )
    page.click('#tabs button[data-tab="Versions"]')
    page.wait_for_selector("#versions button")
    page.click("#versions button")
    page.wait_for_selector("#comparison .changes")
    compared = page.inner_text("#comparison")
    assert "equilibria under GMR" in compared
    assert "+      - testing" in compared
    page.screenshot(path="/tmp/workspace-versions.png")

    disk = folder / "korea_2019.yaml"  # another editor changes the file: the save is refused
    disk.write_text(disk.read_text(encoding="utf-8") + "# from another editor\n", encoding="utf-8")
    _select(page, 2, "October")
    page.keyboard.type("Oct.")
    page.click("#save")
    page.wait_for_selector("#stale:not([hidden])")
    assert page.inner_text("#stale-disk").endswith("# from another editor\n")
    assert "title: US–DPRK talks after Stockholm, Oct. 2019" in page.inner_text("#stale-mine")
    page.screenshot(path="/tmp/workspace-stale.png")
    page.click("#keep-mine")
    _until(page, "() => document.getElementById('status').textContent === 'Saved'")
    assert "Oct. 2019" in disk.read_text(encoding="utf-8")

    page.click(".exports summary")
    with page.expect_download() as download:
        page.click("#export-html")
    saved = Path(download.value.path())
    assert saved.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    page.click(".exports summary")  # closes the menu
    page.click('#tabs button[data-tab="Talks"]')
    page.fill("#talks-runs", "40")
    page.fill("#talks-seed", "5")
    page.click("#talks-form button")
    page.wait_for_selector("#talks-result section")
    assert page.inner_text("#talks-status") == "40 runs, seed 5."

    page.click('#tabs button[data-tab="conflict"]')
    page.click('g.state-node[data-state="1"]')
    page.wait_for_selector("#panel-state h2")
    page.click("#back-to-graph")
    page.wait_for_selector('svg[data-chart="state-graph"]')
    page.select_option("#highlight-concept", "seq")
    assert page.eval_on_selector_all("g.state-node.highlight", "es => es.length") > 0
    page.evaluate("() => document.querySelector('.concept-picker').scrollIntoView()")
    page.screenshot(path="/tmp/workspace-desktop.png")

    phone = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    small = phone.new_page()
    small.on("pageerror", lambda e: problems.append(str(e)))
    small.goto(address + "/edit/korea_2019.yaml")
    small.wait_for_selector('svg[data-chart="state-graph"]')
    small.screenshot(path="/tmp/workspace-phone.png", full_page=False)
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    # the 868-wide state graph keeps three quarters of its width (its text at 9 px or more) and
    # scrolls in its own box, under its hint
    graph = small.evaluate(
        """() => {
        const svg = document.querySelector('svg[data-chart="state-graph"]');
        const figure = svg.closest("figure");
        return [svg.getBoundingClientRect().width, figure.className,
                getComputedStyle(figure.querySelector(".scroll-hint")).display];
        }"""
    )
    assert graph[1] == "legible-651"
    assert graph[0] >= 651
    assert graph[2] == "block"
    small.locator("figure.legible-651").first.screenshot(path="/tmp/workspace-phone-graph.png")

    expected = "Failed to load resource: the server responded with a status of 409 (Conflict)"
    assert [problem for problem in problems if problem != expected] == []  # only the stale save
    assert outside == []
