"""The commands and Python examples in the documentation run and do what the pages show.

Conventions the pages follow (see docs/README.md):

- In a fenced code block of docs/user-guide.md or docs/cli.md, a line ``$ standoff ARGS`` is a
  command to test. The lines after it, up to the next ``$ `` line or the end of the block, are its
  output as shown. A line ``# exit N`` among them gives the expected exit status (0 when absent).
  Every other shown line must appear in the real output (standard output and standard error
  together), in the same order; a line ``…`` marks where output was left out.
- A fenced ``yaml`` block whose first line is ``# file: NAME`` is a file the page asks the reader
  to write. It is written to ``NAME`` before the commands and Python examples run.
- The ```` ```python ```` blocks of docs/user-guide.md run in order in one namespace. An
  expression statement followed by a comment that is a Python literal, on the same line
  (``nash(c).equilibrium_ids()  # [4]``) or alone on the next line, must evaluate to that literal.
- The example document in docs/output-format.md is what ``standoff analyze
  examples/prisoners_dilemma.yaml --format json`` produces.

Commands run in process (typer's CliRunner) from a working directory laid out like the repository
root: a temporary directory holding a copy of ``examples/`` and the files the pages ask the reader
to write. Commands that write files (``--output``) and the scenario written in the user guide
therefore never touch the checkout.
"""

from __future__ import annotations

import ast
import io
import json
import re
import shlex
import shutil
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from standoff import __version__
from standoff.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
COMMAND_PAGES = ("user-guide.md", "cli.md")
PROMPT = "$ standoff "
EXIT = re.compile(r"^# exit (\d+)$")
ELISION = {"…", "...", "[…]"}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Help text wraps as on any terminal at least 80 columns wide (78 columns of text); the runner
# would otherwise use 80. No colours, even where the environment asks for them.
HELP_WIDTH = 78
ENVIRONMENT = {"FORCE_COLOR": None, "PY_COLORS": None, "GITHUB_ACTIONS": None}


@dataclass(frozen=True)
class Block:
    """A fenced code block: its language, the line of its first content line, its text."""

    page: str
    language: str
    line: int
    text: str


@dataclass(frozen=True)
class Command:
    """A ``$ standoff`` command of a page, its expected exit status and the output shown."""

    where: str
    arguments: tuple[str, ...]
    exit_code: int
    shown: tuple[str, ...]


def blocks(page: str) -> list[Block]:
    """The fenced code blocks of ``docs/page``, in order."""
    found: list[Block] = []
    language, start, lines = "", 0, []
    inside = False
    for number, line in enumerate((DOCS / page).read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            if inside:
                found.append(Block(page, language, start, "\n".join(lines) + "\n"))
            else:
                language, start, lines = line[3:].strip().split(" ")[0], number + 1, []
            inside = not inside
        elif inside:
            lines.append(line)
    assert not inside, f"docs/{page}: unterminated code block from line {start - 1}"
    return found


def commands(page: str) -> list[Command]:
    """The ``$ standoff`` commands of ``docs/page``."""
    found: list[Command] = []
    for block in blocks(page):
        lines = block.text.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        for position, first in enumerate(starts):
            if not lines[first].startswith(PROMPT):
                continue
            end = starts[position + 1] if position + 1 < len(starts) else len(lines)
            exit_code, shown = 0, []
            for line in lines[first + 1 : end]:
                if match := EXIT.match(line.strip()):
                    exit_code = int(match.group(1))
                elif line.strip() and line.strip() not in ELISION:
                    shown.append(line.rstrip())
            where = f"{page}:{block.line + first}"
            arguments = tuple(shlex.split(lines[first].removeprefix(PROMPT)))
            found.append(Command(where, arguments, exit_code, tuple(shown)))
    return found


def written_files(page: str) -> dict[str, str]:
    """The files ``docs/page`` asks the reader to write: name -> content."""
    files: dict[str, str] = {}
    for block in blocks(page):
        first = block.text.split("\n", 1)[0]
        if block.language == "yaml" and first.startswith("# file: "):
            files[first.removeprefix("# file: ").strip()] = block.text
    return files


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory laid out like the repository root, with the pages' files written."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for page in COMMAND_PAGES:
        for name, text in written_files(page).items():
            (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def missing_lines(shown: tuple[str, ...], output: str) -> list[str]:
    """The shown lines that do not appear, in order, among the lines of ``output``."""
    actual = iter(line.rstrip() for line in ANSI.sub("", output).splitlines())
    return [line for line in shown if not any(line == candidate for candidate in actual)]


ALL_COMMANDS = [command for page in COMMAND_PAGES for command in commands(page)]


def test_the_pages_document_commands() -> None:
    for page in COMMAND_PAGES:
        assert len(commands(page)) >= 5, f"docs/{page} shows almost no '$ standoff' commands"
    assert written_files("user-guide.md"), "the user guide writes no scenario of its own"


@pytest.mark.usefixtures("workdir")
@pytest.mark.parametrize("command", ALL_COMMANDS, ids=[c.where for c in ALL_COMMANDS])
def test_documented_command(command: Command) -> None:
    result = CliRunner().invoke(
        app,
        list(command.arguments),
        env=ENVIRONMENT,
        prog_name="standoff",
        terminal_width=HELP_WIDTH,
    )
    output = result.output
    assert result.exit_code == command.exit_code, (
        f"docs/{command.where}: exit {result.exit_code}, the page says {command.exit_code}\n"
        f"{output}"
    )
    missing = missing_lines(command.shown, output)
    assert not missing, (
        f"docs/{command.where}: shown output not produced (first missing: {missing[0]!r})\n"
        f"actual output:\n{output}"
    )


def _literal_comments(source: str) -> dict[int, Any]:
    """Line -> value of the comment on that line, for comments that are Python literals."""
    values: dict[int, Any] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            try:
                values[token.start[0]] = ast.literal_eval(token.string[1:].strip())
            except (ValueError, SyntaxError):
                continue
    return values


def run_python_block(block: Block, namespace: dict[str, Any]) -> None:
    """Run one block statement by statement, checking expressions against literal comments."""
    where = f"docs/{block.page}"
    source = "\n" * (block.line - 1) + block.text  # line numbers are those of the page
    expected = _literal_comments(source)
    lines = source.splitlines()
    for statement in ast.parse(source, where).body:
        if isinstance(statement, ast.Expr):
            value = eval(compile(ast.Expression(statement.value), where, "eval"), namespace)
            line = statement.end_lineno or statement.lineno
            if line not in expected and line < len(lines) and lines[line].lstrip()[:1] == "#":
                line += 1  # the comment stands alone on the next line
            if line in expected:
                assert value == expected[line], (
                    f"{where}:{line}: the page shows {expected[line]!r}, the code gives {value!r}"
                )
        else:
            exec(compile(ast.Module([statement], []), where, "exec"), namespace)


@pytest.mark.usefixtures("workdir")
def test_python_examples_of_the_user_guide() -> None:
    python = [block for block in blocks("user-guide.md") if block.language == "python"]
    assert python, "the user guide shows no Python"
    namespace: dict[str, Any] = {"__name__": "user_guide"}
    for block in python:
        run_python_block(block, namespace)


def test_json_example_is_the_real_document() -> None:
    examples = [block for block in blocks("output-format.md") if block.language == "json"]
    assert examples, "docs/output-format.md shows no JSON document"
    shown = json.loads(examples[0].text)
    result = CliRunner().invoke(
        app, ["analyze", str(ROOT / "examples" / "prisoners_dilemma.yaml"), "--format", "json"]
    )
    assert result.exit_code == 0
    actual = json.loads(result.stdout)
    actual["scenario"]["file"] = "examples/prisoners_dilemma.yaml"  # as run from the root
    shown["tool"]["version"] = __version__  # the page need not change with every release
    assert shown == actual
