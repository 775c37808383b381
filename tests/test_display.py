"""The display hook: every result record renders through it and keeps its conflict."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pytest

from standoff import _display, build_conflict, load
from standoff.conflict import Conflict
from standoff.evolution import reaching, status_quo_analysis
from standoff.perception import hypergame_analysis
from standoff.stability import analyze, coalition_analysis, explain, non_myopic

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def dilemma() -> Conflict:
    return build_conflict(load(EXAMPLES / "prisoners_dilemma.yaml"))


@pytest.fixture(scope="module")
def korea() -> Conflict:
    return build_conflict(load(EXAMPLES / "korea_2019.yaml"))


@pytest.fixture
def rendered() -> Iterator[list[object]]:
    """Registers a renderer that records what it is given; restores the previous one after."""
    previous = _display.html_renderer()
    seen: list[object] = []

    def render(record: object) -> str:
        seen.append(record)
        return "<p>rendered</p>"

    _display.set_html_renderer(render)
    yield seen
    _display.set_html_renderer(previous)


@pytest.fixture
def unrendered() -> Iterator[None]:
    """No renderer registered; restores the previous one after."""
    previous = _display.html_renderer()
    _display.set_html_renderer(None)
    yield
    _display.set_html_renderer(previous)


@pytest.mark.usefixtures("unrendered")
def test_without_a_renderer_html_is_the_escaped_repr() -> None:
    assert _display.html_renderer() is None
    assert _display.html("<b>&") == "<pre>&#x27;&lt;b&gt;&amp;&#x27;</pre>"


def test_with_a_renderer_html_is_its_output(rendered: list[object]) -> None:
    record = object()
    assert _display.html(record) == "<p>rendered</p>"
    assert rendered == [record]


def test_registering_none_restores_the_fallback(rendered: list[object]) -> None:
    _display.set_html_renderer(None)
    assert _display.html(1) == "<pre>1</pre>"
    assert rendered == []


def test_the_display_module_imports_nothing_from_standoff() -> None:
    source = Path(_display.__file__).read_text(encoding="utf-8")
    assert "standoff" not in "".join(
        line for line in source.splitlines() if line.startswith(("import ", "from "))
    )


class Record(Protocol):
    """What every result record offers."""

    @property
    def conflict(self) -> Conflict: ...

    @property
    def source(self) -> str: ...

    def _repr_html_(self) -> str: ...


Build = Callable[[Conflict], Record]

RECORDS: list[tuple[str, bool, Build]] = [
    ("StabilityAnalysis", False, lambda conflict: analyze(conflict)),
    ("Evolution", False, lambda conflict: status_quo_analysis(conflict, analyze(conflict))),
    ("Reaching", False, lambda conflict: reaching(conflict, 0)),
    (
        "CoalitionAnalysis",
        False,
        lambda conflict: coalition_analysis(conflict, analyze(conflict), [["Ann", "Bob"]]),
    ),
    ("NonMyopic", False, non_myopic),
    ("Explanation", False, lambda conflict: explain(conflict, "Ann", 0, "seq")),
    ("Hypergame", True, lambda conflict: hypergame_analysis(conflict, ["seq"])),
]
"""(record class, whether it needs a conflict with perceptions, how to make it)."""


@pytest.fixture(params=[pytest.param(row, id=row[0]) for row in RECORDS])
def record(
    request: pytest.FixtureRequest, dilemma: Conflict, korea: Conflict
) -> tuple[Record, Conflict]:
    name, perceptions, build = request.param
    conflict = korea if perceptions else dilemma
    made = build(conflict)
    assert type(made).__name__ == name
    return made, conflict


def test_records_keep_their_conflict(record: tuple[Record, Conflict]) -> None:
    made, conflict = record
    assert made.conflict is conflict
    assert made.source == conflict.scenario.file


def test_record_reprs_leave_out_their_conflict(record: tuple[Record, Conflict]) -> None:
    made, _ = record
    assert not repr(made).startswith(f"{type(made).__name__}(conflict=")


def test_records_render_through_the_hook(
    record: tuple[Record, Conflict], rendered: list[object]
) -> None:
    made, _ = record
    assert made._repr_html_() == "<p>rendered</p>"
    assert rendered == [made]


@pytest.mark.usefixtures("unrendered")
def test_records_fall_back_to_their_repr(record: tuple[Record, Conflict]) -> None:
    made, _ = record
    html = made._repr_html_()
    assert html.startswith("<pre>")
    assert html.endswith("</pre>")
    assert type(made).__name__ in html
