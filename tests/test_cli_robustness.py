"""Issue 13 on the command line and its outputs: never a crash, never a hang, never a lost file.

Each class of failure found by fuzzing has a small reproducer here, with the exact behaviour
asserted: the exit status, the one line printed, no traceback, and the files left as they were.
(The scenario reader's classes are in the tests of the scenario package.)
"""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from standoff.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CHICKEN = EXAMPLES / "chicken.yaml"
KOREA = EXAMPLES / "korea_2019.yaml"  # the example with a negotiation protocol


def run(*arguments: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(argument) for argument in arguments])
    return result.exit_code, result.stdout, result.stderr


def words(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces (usage errors wrap)."""
    return " ".join(text.split())


def standoff(*arguments: object, **options: object) -> subprocess.CompletedProcess[str]:
    """The real program in a process of its own, for what only real file descriptors show."""
    command = [sys.executable, "-c", "from standoff.cli import main; main()"]
    return subprocess.run(
        [*command, *(str(a) for a in arguments)],
        text=True,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
        **options,  # type: ignore[call-overload]
    )


# -- text that reaches the terminal ---------------------------------------------------------------

MARKUP = textwrap.dedent(
    """\
    standoff: 1
    title: "[/] a [b] c [bold red]x"
    parties:
      Ann:
        label: "Ann [/]"
        options:
          ann_straight:
            label: "Ann [bold]drives[/] \\e[31mstraight\\e[0m"
            short: "[bold]on\\e[31mstraight"
      Bob:
        options:
          bob_straight: Bob drives straight
    conflict:
      states:
        crash: ann_straight and bob_straight
      preferences:
        Ann: [not crash, not bob_straight, ann_straight]
        Bob: [not crash, not ann_straight, bob_straight]
    """
)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["check"], id="check"),
        pytest.param(["analyze"], id="analyze"),
        pytest.param(["analyze", "--format", "markdown"], id="markdown"),
        pytest.param(["analyze", "--format", "html"], id="html"),
        pytest.param(["explain", "--party", "Ann", "--state", "1"], id="explain"),
    ],
)
def test_scenario_text_is_never_markup_and_its_escapes_are_shown(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "markup.yaml"
    path.write_text(MARKUP)
    code, out, err = run(command[0], path, *command[1:])
    assert (code, err) == (0, "")
    shown = out.replace("\\", "")  # Markdown escapes brackets and backslashes
    assert "[/] a [b] c [bold red]x" in shown
    assert "\x1b" not in out  # the escape sequence does not reach the terminal...
    assert "x1b[31mstraight" in shown  # ...it is shown, escaped


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_the_description_keeps_its_lines_but_not_its_control_characters(
    tmp_path: Path, output_format: str
) -> None:
    """Found by the fuzzer: the scenario's own Markdown reached the briefing raw."""
    path = tmp_path / "described.yaml"
    text = MARKUP.replace(
        'title: "', 'description: "First line\\nsecond \\x85\\x07 line"\ntitle: "'
    )
    path.write_text(text)
    code, out, _ = run("analyze", path, "--format", output_format)
    assert code == 0
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "x85" in out
    assert "second" in out


def test_progress_descriptions_are_not_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress bar reads its description as markup; what the analyses tell it is escaped."""
    import standoff.pipeline

    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # standard error is a terminal: the bar shows
    real = standoff.pipeline.run
    told = []

    def telling(*arguments: object, progress: object = None, **options: object) -> object:
        assert callable(progress)
        results = real(*arguments, progress=progress, **options)  # type: ignore[arg-type]
        progress("[/b] a [/] \x1b[2J", 1, 1)  # the last description: the bar draws it at the end
        told.append(True)
        return results

    monkeypatch.setattr(standoff.pipeline, "run", telling)
    code, _, err = run("check", CHICKEN)
    assert (code, told) == (0, [True])
    assert "Traceback" not in err


def test_messages_show_control_characters_escaped() -> None:
    code, _, err = run("analyze", CHICKEN, "--from", "a\nb\x1b[31m")
    assert code == 2
    assert "'a\\nb\\x1b[31m' is not a state name" in err
    assert "\x1b" not in err


# -- text that cannot be encoded --------------------------------------------------------------


@pytest.fixture
def undecodable(tmp_path: Path) -> Path:
    """Chicken in a file whose name is not UTF-8: Python reads it as a lone surrogate, which
    then reaches every output (the provenance names the file)."""
    path = tmp_path / "chicken\udcff.yaml"
    path.write_bytes(CHICKEN.read_bytes())
    return path


def test_a_lone_surrogate_is_written_as_a_json_escape(
    undecodable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the same document twice
    code, out, err = run("analyze", undecodable, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["scenario"]["file"] == str(undecodable)  # reads back the same
    target = tmp_path / "out.json"
    assert run("analyze", undecodable, "--format", "json", "--output", target)[0] == 0
    written = target.read_bytes().decode("utf-8")  # valid UTF-8...
    assert written == out  # ...and whole
    assert json.loads(written)["scenario"]["file"] == str(undecodable)


@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_a_lone_surrogate_is_written_escaped(
    undecodable: Path, tmp_path: Path, output_format: str
) -> None:
    target = tmp_path / f"out.{output_format}"
    code, out, err = run("analyze", undecodable, "--format", output_format, "--output", target)
    assert (code, out, err) == (0, "", "")
    written = target.read_bytes().decode("utf-8")
    assert "chicken\\udcff.yaml" in written.replace("\\\\", "\\")
    code, out, _ = run("analyze", undecodable, "--format", output_format)
    assert code == 0
    assert "udcff" in out


# -- numbers on the command line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(
            ["simulate", KOREA, "--runs", "1000000000"],
            "Invalid value for '--runs': the number of simulated runs must be 1 to 10,000,000, "
            "got 1,000,000,000", id="runs-until-killed",
        ),
        pytest.param(
            ["analyze", KOREA, "--runs", "1" + "0" * 30],
            "Invalid value for '--runs': the number of simulated runs must be 1 to 10,000,000, "
            "got 1,000,000,000,000,000,000,000,000,000,000", id="runs-int-too-large",
        ),
        pytest.param(
            ["simulate", KOREA, "--seed", str(2**64)],
            "Invalid value for '--seed': the seed must be 0 to 18,446,744,073,709,551,615, got "
            "18,446,744,073,709,551,616", id="seed",
        ),
        pytest.param(
            ["simulate", KOREA, "--workers", "100000"],
            "Invalid value for '--workers': workers must be 1 to 256 (or None for one per CPU), "
            "got 100,000", id="workers",
        ),
        pytest.param(
            ["analyze", CHICKEN, "--horizons", "1-100000000"],
            "Invalid value for '--horizons': horizon 100000000 is out of range (expected 1 to 64)",
            id="horizons-memory-error",
        ),
    ],
)  # fmt: skip
def test_numbers_out_of_range_are_usage_errors_before_anything_runs(
    arguments: list[object], message: str
) -> None:
    started = time.perf_counter()
    code, out, err = run(*arguments)
    assert code == 2
    assert message in words(err)
    assert "Traceback" not in out + err
    assert time.perf_counter() - started < 10


# -- a scheduler that is not one ------------------------------------------------------------------


def test_a_scheduler_that_is_not_an_address_is_a_usage_error() -> None:
    started = time.perf_counter()
    code, _, err = run("simulate", KOREA, "--runs", "100", "--scheduler", "not-an-address")
    assert code == 2
    assert (
        "Invalid value for '--scheduler': 'not-an-address' is not a Dask scheduler address "
        "(expected tcp://HOST:PORT, with PORT from 1 to 65535)"
    ) in words(err)
    assert time.perf_counter() - started < 10


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_scheduler_is_given_up_on(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    from standoff import runner

    monkeypatch.setattr(runner, "CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.perf_counter()
    with pytest.raises(ConnectionError, match=f"cannot use the Dask scheduler at '{address}'"):
        runner.run_tasks(abs, [1, 2], scheduler=address)
    assert time.perf_counter() - started < 10


GARBAGE_SERVER = """
import socket, sys, threading, time
from standoff.runner import run_tasks

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen()

def answer():
    while True:
        connection, _ = server.accept()
        connection.sendall(bytes(range(256)) * 64)  # not what a scheduler says

threading.Thread(target=answer, daemon=True).start()
try:
    run_tasks(abs, [1, 2], scheduler=f"tcp://127.0.0.1:{server.getsockname()[1]}")
except ConnectionError as error:
    print(type(error).__name__)
"""


@pytest.mark.slow
def test_a_scheduler_that_answers_nonsense_ends_the_program_at_once() -> None:
    """The client whose start failed used to wait twice the timeout when the program ended, and
    print a traceback of its own."""
    pytest.importorskip("distributed")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", GARBAGE_SERVER],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "ConnectionError\n")
    assert "Traceback" not in done.stderr
    assert time.perf_counter() - started < 15


# -- outputs: whole or not at all -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "status"),
    [
        pytest.param(["analyze", CHICKEN, "--from", "nowhere"], 2, id="analyze-bad-request"),
        pytest.param(["report", CHICKEN, "--from", "nowhere"], 2, id="report-bad-request"),
        pytest.param(["bargain", CHICKEN], 1, id="bargain-nothing-to-do"),
        pytest.param(["simulate", CHICKEN], 1, id="simulate-nothing-to-do"),
        pytest.param(["analyze", ROOT / "missing.yaml"], 2, id="analyze-missing-file"),
    ],
)
def test_a_failing_command_leaves_an_existing_output_as_it_was(
    tmp_path: Path, arguments: list[object], status: int
) -> None:
    target = tmp_path / "result.txt"
    target.write_text("the result of yesterday\n")
    code, out, err = run(*arguments, "--output", target)
    assert code == status
    assert "Traceback" not in out + err
    assert target.read_text() == "the result of yesterday\n"
    assert [p.name for p in tmp_path.iterdir()] == ["result.txt"]  # no temporary file left


def test_a_refused_analysis_leaves_an_existing_output_as_it_was(tmp_path: Path) -> None:
    options = "".join(f"      o{k}: option {k}\n" for k in range(14))
    wide = tmp_path / "wide.yaml"
    wide.write_text(
        f"standoff: 1\ntitle: Wide\nparties:\n  P:\n    options:\n{options}"
        "  Q:\n    options: {q: q}\nconflict:\n  preferences:\n    P: [o1, o2]\n    Q: [q]\n"
    )
    target = tmp_path / "wide.json"
    target.write_text("{}")
    code, _, err = run("analyze", wide, "--format", "json", "--output", target)
    assert code == 1
    assert err.startswith("standoff: error: SIM needs the moves of 'P' and 'Q'")
    assert target.read_text() == "{}"


@pytest.mark.parametrize("command", ["analyze", "report", "bargain", "simulate"])
@pytest.mark.parametrize("spelling", ["same", "relative", "link"])
def test_an_output_that_is_the_scenario_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, spelling: str
) -> None:
    scenario = tmp_path / "scenario.yaml"
    scenario.write_bytes(KOREA.read_bytes())
    monkeypatch.chdir(tmp_path)
    output = {"same": scenario, "relative": Path("./scenario.yaml"), "link": tmp_path / "l.yaml"}
    (tmp_path / "l.yaml").symlink_to(scenario)
    code, out, err = run(command, scenario, "--output", output[spelling])
    assert code == 2
    assert "is the scenario file; writing there would destroy it" in words(err)
    assert "Invalid value for '--output'" in words(err)
    assert scenario.read_bytes() == KOREA.read_bytes()
    assert out == ""


def test_a_full_device_is_one_line_and_stays_a_device(tmp_path: Path) -> None:
    """Through a link in a folder of the test's own, so that a regression replaces the link,
    not the device (a rename over ``/dev/full`` itself would, as root)."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    device = tmp_path / "full"
    device.symlink_to("/dev/full")
    code, out, err = run("analyze", CHICKEN, "--output", device)
    assert (code, out) == (1, "")
    assert err == f"standoff: error: cannot write '{device}': No space left on device\n"
    assert stat.S_ISCHR(os.stat(device).st_mode)  # written to, never replaced by a file


def test_a_folder_as_output_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("analyze", CHICKEN, "--output", tmp_path)
    assert code == 1
    assert err == f"standoff: error: cannot write '{tmp_path}': it is a folder\n"


def test_output_through_a_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    target.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    assert run("analyze", CHICKEN, "--format", "json", "--output", link)[0] == 0
    assert link.is_symlink()
    assert json.loads(target.read_text())["scenario"]["title"] == "Chicken"


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param(["analyze", CHICKEN], id="text"),
        pytest.param(["analyze", CHICKEN, "--format", "json"], id="json"),
        pytest.param(["check", CHICKEN], id="check"),
        pytest.param(["explain", CHICKEN, "--party", "Ann", "--state", "1", "-f", "json"],
                     id="explain-json"),
    ],
)  # fmt: skip
def test_standard_output_on_a_full_device_is_one_line(arguments: list[object]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = standoff(*arguments, stdout=full)
    assert done.returncode == 1
    assert (
        done.stderr == "standoff: error: cannot write to standard output: No space left on device\n"
    )


def test_a_closed_pipe_is_one_line() -> None:
    """The reading end is closed before the program writes (it is still starting)."""
    command = [sys.executable, "-c", "from standoff.cli import main; main()"]
    with subprocess.Popen(
        [*command, "analyze", str(CHICKEN), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        err = process.stderr.read()
        status = process.wait(timeout=120)
    assert status == 1
    assert err == "standoff: error: cannot write to standard output: Broken pipe\n"


# -- size guards ----------------------------------------------------------------------------------


def _parties(count: int, options: int, irreversible: bool = False) -> str:
    """A scenario of ``count`` parties with ``options`` options each, each party preferring to
    take its first option; the first options irreversible when asked."""
    lines = ["standoff: 1", "title: Many", "parties:"]
    for p in range(count):
        lines += [f"  P{p}:", "    options:"]
        lines += [f"      o{p}_{k}: option {k} of P{p}" for k in range(options)]
    lines.append("conflict:")
    if irreversible:
        lines += ["  irreversible:"] + [f"    o{p}_0: once_taken" for p in range(count)]
    lines += ["  preferences:"] + [f"    P{p}: [o{p}_0]" for p in range(count)]
    return "\n".join(lines) + "\n"


def test_the_move_budget_counts_every_party_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: a 21-option conflict passed the budget party by party, then grew to 3.5 GB. Here
    three parties of 256 candidate moves each pass a budget of 600 one by one, but not together,
    and nothing is listed before the refusal."""
    from standoff import analyze, build_conflict, loads
    from standoff.conflict import party_moves
    from standoff.errors import AnalysisTooLargeError

    monkeypatch.setattr("standoff.conflict._moves.MAX_LISTED_MOVES", 600)
    text = _parties(3, 2, irreversible=True)
    conflict = build_conflict(loads(text))
    message = (
        "with irreversible or forbidden moves, stability needs the moves of 'P0', 'P1' and 'P2' "
        "listed one by one: 768 candidate moves over 64 states, beyond the limit of 600 (parties "
        "with many options make large blocks)"
    )
    with pytest.raises(AnalysisTooLargeError) as caught:
        analyze(conflict, ["nash"])
    assert str(caught.value) == message
    assert not any(party_moves(conflict, p.id).listed for p in conflict.movers)
    path = tmp_path / "many.yaml"
    path.write_text(text)
    assert run("analyze", path, "--concepts", "nash") == (1, "", f"standoff: error: {message}\n")


@pytest.mark.parametrize(
    ("party", "listed"),
    [
        pytest.param("P", "'P' listed one by one: 536,870,912 candidate moves over 32,768 states, "
                     "beyond the limit of 134,217,728 (a party with many options makes", id="P"),
        pytest.param("Q", "'P' and 'Q' listed one by one: 536,936,448 candidate moves over 32,768 "
                     "states, beyond the limit of 134,217,728 (parties with many options make",
                     id="Q"),
    ],
)  # fmt: skip
def test_explain_beyond_the_move_budget_is_one_line(
    tmp_path: Path, party: str, listed: str
) -> None:
    """Issue 13: explaining a state for a party of 14 options (or against one) let the refusal
    escape as a traceback."""
    options = "".join(f"      o{k}: option {k}\n" for k in range(14))
    wide = tmp_path / "wide.yaml"
    wide.write_text(
        f"standoff: 1\ntitle: Wide\nparties:\n  P:\n    options:\n{options}"
        "  Q:\n    options: {q: q}\nconflict:\n  preferences:\n    P: [o1, o2]\n    Q: [q]\n"
    )
    code, out, err = run("explain", wide, "--party", party, "--state", "1")
    assert (code, out) == (1, "")
    assert err == f"standoff: error: this analysis needs the moves of {listed} large blocks)\n"


def test_every_coalition_of_many_parties_is_refused_up_front(tmp_path: Path) -> None:
    path = tmp_path / "twelve.yaml"
    path.write_text(_parties(12, 1))
    started = time.perf_counter()
    code, out, err = run("analyze", path, "--coalitions", "--concepts", "nash")
    assert (code, out) == (1, "")
    assert err == (
        "standoff: error: trying every coalition of 12 parties means 4,083 coalitions over 4,096 "
        "states (16,723,968 coalition-states, counting each coalition as at least 512), beyond "
        "the limit of 1,048,576; declare the coalitions to try in the scenario's 'coalitions' "
        "instead\n"
    )
    assert time.perf_counter() - started < 10
