"""Read an actor table (CSV) as analysts keep them: one row per actor, one column set per issue.

The first row names the columns (in any order, names as below, case and spaces around them
ignored); every other non-blank row is one actor::

    actor,capability,position,salience
    Netherlands,0.08,4,80
    United Kingdom,0.16,10,90

- ``actor`` (required): the actor's name. Its id in the scenario is the name with every run of
  characters other than letters, digits and ``_`` turned into ``_`` (``United Kingdom`` ->
  ``United_Kingdom``; a leading digit gets a ``_`` in front), and the name becomes its label
  when the two differ. ``label`` (optional) gives the label instead.
- ``capability`` (required): a number at least 0 (only ratios matter).
- ``position`` and ``salience``: the position on the issue's scale and the salience from 0 to
  100, for the issue named by ``--issue`` (the ``issue`` argument).
- ``position.ISSUE`` and ``salience.ISSUE``: the same for the issue ISSUE, for as many issues as
  there are column pairs. An empty cell leaves the actor out of that issue (an empty salience
  with a position is an error).

Every column other than these is not read (a note says so). Problems are reported together,
each as ``FILE:LINE:COLUMN: error: message`` at the cell at fault (lines and columns from 1).

>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as folder:
...     path = os.path.join(folder, "ec.csv")
...     with open(path, "w") as out:
...         _ = out.write("actor,capability,position,salience\\nUnited Kingdom,0.16,10,90\\n")
...     table = read_actor_table(path, issue="year", scale=(1, 10))
>>> table.actors[0].id, table.actors[0].label, table.actors[0].positions
('United_Kingdom', 'United Kingdom', (('year', 10.0),))
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from standoff.errors import Diagnostic, Location, ScenarioError
from standoff.scenario._limits import MAX_FORECAST_ACTORS, MAX_FORECAST_ISSUES

__all__ = ["MAX_TABLE_BYTES", "ActorRow", "ActorTable", "read_actor_table"]

MAX_TABLE_BYTES = 10 * 1024 * 1024
"""The largest actor table read (10 MiB)."""
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ISSUE_COLUMN = re.compile(r"(position|salience)\.(.+)")


@dataclass(frozen=True)
class ActorRow:
    """One actor of the table: its id, label, capability, and (issue, value) pairs of its
    positions and saliences (saliences 0 to 100, as written)."""

    id: str
    label: str
    capability: float
    positions: tuple[tuple[str, float], ...]
    saliences: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class ActorTable:
    """The actors of a table, in file order; the issues in order of their first column; the
    scale shared by every issue; and notes (columns not read)."""

    file: str
    issues: tuple[str, ...]
    scale: tuple[float, float]
    actors: tuple[ActorRow, ...]
    notes: tuple[str, ...]


def _field_starts(line: str) -> list[int]:
    """The 1-based column where each comma-separated field of ``line`` starts (quotes kept)."""
    starts = [1]
    quoted = False
    for offset, character in enumerate(line):
        if character == '"':
            quoted = not quoted
        elif character == "," and not quoted:
            starts.append(offset + 2)
    return starts


def actor_id(name: str) -> str:
    """The scenario id of an actor name.

    >>> actor_id("United Kingdom"), actor_id("UN Security Council (P5)"), actor_id("3rd party")
    ('United_Kingdom', 'UN_Security_Council_P5', '_3rd_party')
    """
    found = re.sub(r"[^A-Za-z0-9_]+", "_", name.strip()).strip("_") or "actor"
    return found if _ID.fullmatch(found) else f"_{found}"


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[Diagnostic] = []

    def add(self, line: int, column: int, message: str) -> None:
        self.found.append(Diagnostic(Location(self.file, line, column), message))


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_actor_table(
    path: str | os.PathLike[str],
    *,
    issue: str | None = None,
    scale: tuple[float, float] = (0.0, 100.0),
) -> ActorTable:
    """Read and check an actor table.

    Parameters
    ----------
    path
        The CSV file (UTF-8, at most :data:`MAX_TABLE_BYTES`).
    issue
        The issue of the plain ``position`` and ``salience`` columns (required when the table
        has them).
    scale
        (low, high): the scale of every issue; positions must lie on it.

    Raises
    ------
    ScenarioError
        Every problem found, each at its line and column.
    """
    name = os.fspath(path)
    problems = _Problems(name)
    low, high = scale
    if not low < high:
        raise ValueError(f"the scale's low end must be below its high end, got {low:g}, {high:g}")
    if issue is not None and not _ID.fullmatch(issue):
        raise ValueError(
            f"{issue!r} is not a valid issue id (expected letters, digits and '_', not "
            "starting with a digit)"
        )
    raw = Path(path).read_bytes()
    if len(raw) > MAX_TABLE_BYTES:
        problems.add(1, 1, f"the file is larger than {MAX_TABLE_BYTES // (1024 * 1024)} MiB")
        raise ScenarioError(problems.found)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad_line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.add(bad_line, column, "the file is not UTF-8 text")
        raise ScenarioError(problems.found) from None
    lines = text.splitlines()
    numbered = [(k + 1, line) for k, line in enumerate(lines) if line.strip()]
    if not numbered:
        problems.add(1, 1, "the file is empty: expected a header row naming the columns "
                           "actor, capability, position and salience")  # fmt: skip
        raise ScenarioError(problems.found)
    header_line, header_text = numbered[0]
    header = [cell.strip().lower() for cell in next(csv.reader([header_text]))]
    starts = _field_starts(header_text)
    columns: dict[str, int] = {}
    notes: list[str] = []
    issues: list[str] = []
    for index, heading in enumerate(header):
        where = starts[index] if index < len(starts) else 1
        if heading in columns:
            problems.add(header_line, where, f"column '{heading}' appears twice")
            continue
        columns[heading] = index
        matched = _ISSUE_COLUMN.fullmatch(heading)
        if heading in ("position", "salience"):
            if issue is None:
                problems.add(header_line, where, f"column '{heading}' needs the issue it is "
                             "about: give it with --issue NAME (or name the column "
                             f"'{heading}.ISSUE')")  # fmt: skip
            elif issue not in issues:
                issues.append(issue)
        elif matched:
            named = matched.group(2)
            if not _ID.fullmatch(named):
                problems.add(header_line, where, f"'{named}' is not a valid issue id (expected "
                             "letters, digits and '_', not starting with a digit)")  # fmt: skip
            elif named not in issues:
                issues.append(named)
        elif heading not in ("actor", "label", "capability"):
            notes.append(f"column '{heading}' is not read")
    for required in ("actor", "capability"):
        if required not in columns:
            problems.add(header_line, 1, f"no column '{required}' (the columns are actor, "
                         "capability, position and salience, or position.ISSUE and "
                         "salience.ISSUE per issue)")  # fmt: skip
    if not issues and not problems.found:
        problems.add(header_line, 1, "no position column: name one 'position' (with --issue "
                     "NAME) or 'position.ISSUE'")  # fmt: skip
    for key in issues:
        pair = (
            "position" if key == issue and "position" in columns else f"position.{key}",
            "salience" if key == issue and "salience" in columns else f"salience.{key}",
        )
        for needed, partner in (pair, pair[::-1]):
            if needed not in columns and partner in columns:
                shown = needed.split(".")[0] if "." not in partner else needed
                problems.add(header_line, starts[columns[partner]], f"column '{partner}' has no "
                             f"matching '{shown}' column")  # fmt: skip
    if len(issues) > MAX_FORECAST_ISSUES:
        problems.add(header_line, 1, f"{len(issues)} issues: at most {MAX_FORECAST_ISSUES}")
    if problems.found:
        raise ScenarioError(problems.found)
    rows: list[ActorRow] = []
    first_seen: dict[str, int] = {}
    for line_number, line in numbered[1:]:
        cells = next(csv.reader([line]))
        starts = _field_starts(line)
        if len(cells) > len(header):
            extra = starts[len(header)] if len(header) < len(starts) else 1
            message = f"{len(cells)} cells, but the header names {len(header)} columns"
            problems.add(line_number, extra, message)
            continue

        def cell(column: str, cells: list[str] = cells) -> str:
            index = columns.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        def at(
            column: str,
            starts: list[int] = starts,
            line_number: int = line_number,
            end: int = len(line) + 1,
        ) -> tuple[int, int]:
            index = columns[column]
            return line_number, starts[index] if index < len(starts) else end

        name_text = cell("actor")
        if not name_text:
            problems.add(*at("actor"), "the actor's name is empty")
            continue
        identity = actor_id(name_text)
        if identity in first_seen:
            problems.add(*at("actor"), f"actor '{identity}' is listed twice (first on line "
                         f"{first_seen[identity]})")  # fmt: skip
            continue
        first_seen[identity] = line_number
        label = cell("label") or name_text
        capability = _number(cell("capability"))
        if capability is None:
            shown = cell("capability") or "(empty)"
            problems.add(*at("capability"), f"capability '{shown}' is not a number")
        elif capability < 0:
            problems.add(*at("capability"), f"capability {capability:g} is negative: it must "
                         "be at least 0")  # fmt: skip
        positions: list[tuple[str, float]] = []
        saliences: list[tuple[str, float]] = []
        for key in issues:
            plain = key == issue
            position_column = "position" if plain and "position" in columns else f"position.{key}"
            salience_column = "salience" if plain and "salience" in columns else f"salience.{key}"
            position_text, salience_text = cell(position_column), cell(salience_column)
            if not position_text and not salience_text:
                continue
            position = _number(position_text)
            if position is None:
                shown = position_text or "(empty)"
                problems.add(*at(position_column), f"position '{shown}' on '{key}' is not a "
                             "number")  # fmt: skip
            elif not low <= position <= high:
                problems.add(*at(position_column), f"position {position:g} on '{key}' is off "
                             f"the scale {low:g} to {high:g}")  # fmt: skip
            else:
                positions.append((key, position))
            salience = _number(salience_text)
            if salience is None:
                shown = salience_text or "(empty)"
                problems.add(*at(salience_column), f"salience '{shown}' on '{key}' is not a "
                             "number")  # fmt: skip
            elif not 0 <= salience <= 100:
                problems.add(*at(salience_column), f"salience {salience:g} on '{key}' is "
                             "outside 0 to 100")  # fmt: skip
            else:
                saliences.append((key, salience))
        if not positions and not any(p.location.line == line_number for p in problems.found):
            problems.add(*at("actor"), f"actor '{identity}' has no position on any issue")
        rows.append(ActorRow(identity, label, capability or 0.0, tuple(positions),
                             tuple(saliences)))  # fmt: skip
    if not rows and not problems.found:
        problems.add(header_line, 1, "no actors: every row after the header is one actor")
    if len(rows) > MAX_FORECAST_ACTORS:
        problems.add(header_line, 1, f"{len(rows):,} actors: at most {MAX_FORECAST_ACTORS:,}")
    for key in issues:
        held = any(k == key for row in rows for k, _ in row.positions)
        if rows and not held and not problems.found:
            problems.add(header_line, 1, f"no actor has a position on '{key}'")
    if problems.found:
        raise ScenarioError(problems.found)
    return ActorTable(name, tuple(issues), (float(low), float(high)), tuple(rows), tuple(notes))
