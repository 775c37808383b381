"""Bad input is refused with one located line and exit 2: never a crash, never a hang (issue 13).

One small reproducer per class of input that used to crash, hang or mislead: nesting deep enough to
exhaust the stack (expressions, chains of state names, YAML), YAML that expands without end,
files that are not regular files or are too large, numbers that overflow or size an allocation,
degenerate inputs, work that grew with the square of the input, and text that could split or
colour a message. Each test asserts the exact message, and the command-line ones that
``standoff check`` exits 2 with only ``FILE:LINE:COLUMN: error:`` lines and no traceback. The
limits are in :mod:`standoff.scenario._limits` and docs/scenario-format.md ("Limits").
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from standoff.cli import app
from standoff.conflict import build_conflict
from standoff.errors import Diagnostic, Location, ScenarioError
from standoff.scenario import _compose, load, loads, parse
from standoff.scenario._limits import MAX_FILE_BYTES, MAX_SUGGESTION_CANDIDATES
from standoff.scenario._source import did_you_mean

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

TWO_OPTIONS = """\
standoff: 1
title: T
parties:
  A:
    options:
      a: x
      b: y
conflict:
  preferences: {A: [a]}
"""
"""A conflict with options ``a`` and ``b``; the rest of its ``conflict:`` section follows (line 10
on)."""


def check(path: Path | str) -> list[str]:
    """The lines of ``standoff check path``: exit 2, nothing on stdout, never a traceback."""
    result = CliRunner().invoke(app, ["check", str(path)])
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    return result.stderr.splitlines()


def written(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(text: str) -> list[str]:
    """The diagnostics of ``loads(text, "f.yaml")`` and, if it loads, of building its conflict."""
    with pytest.raises(ScenarioError) as raised:
        build_conflict(loads(text, "f.yaml"))
    return [str(diagnostic) for diagnostic in raised.value.diagnostics]


def shortened(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "…"


# -- recursion: expressions, state names, YAML -----------------------------------------------------


def test_parentheses_nested_beyond_the_limit_are_refused_at_the_first_one_too_many(
    tmp_path: Path,
) -> None:
    expression = "(" * 51 + "a" + ")" * 51
    path = written(tmp_path, TWO_OPTIONS + f"  status_quo: {expression}\n")
    message = (
        f"parentheses nest more than 50 levels deep in expression '{shortened(expression)}' "
        "(the limit)"
    )
    assert check(path) == [f"{path}:10:65: error: {message}"]


def test_parentheses_nested_up_to_the_limit_work() -> None:
    conflict = build_conflict(
        loads(TWO_OPTIONS + "  status_quo: " + "(" * 50 + "a and b" + ")" * 50 + "\n")
    )
    assert conflict.status_quo == 3  # YY


def test_a_long_run_of_not_is_read_without_recursion() -> None:
    assert parse("not " * 5001 + "a").names() == {"a"}
    conflict = build_conflict(
        loads(TWO_OPTIONS + "  status_quo: " + "not " * 1001 + "a and not b\n")
    )
    assert conflict.status_quo == 0  # NN: 1001 times 'not' is 'not'


def test_a_thousand_term_and_chain_simply_works(tmp_path: Path) -> None:
    chain = " and ".join(["a"] * 1000) + " and not b"
    path = written(tmp_path, TWO_OPTIONS + f"  status_quo: {chain}\n")
    conflict = build_conflict(load(path))
    assert conflict.status_quo == 1  # YN
    assert parse(" or ".join(["a"] * 20_000)).names() == {"a"}


def test_a_long_chain_of_state_names_is_resolved_without_recursion() -> None:
    chain = "".join(f"    s{k}: s{k + 1}\n" for k in range(3000))
    text = TWO_OPTIONS + f"  states:\n{chain}    s3000: a and not b\n  status_quo: s0\n"
    conflict = build_conflict(loads(text))
    assert conflict.status_quo == 1
    assert dict(conflict.names) == {1: "s0"}  # every name is this state; the first one shows


def test_a_long_cycle_of_state_names_is_one_shortened_line(tmp_path: Path) -> None:
    chain = "".join(f"    s{k}: s{k + 1}\n" for k in range(2999))
    path = written(tmp_path, TWO_OPTIONS + f"  states:\n{chain}    s2999: s0\n")
    cycle = " -> ".join([*(f"s{k}" for k in range(17)), "…", "s2999", "s0"])
    assert check(path) == [
        f"{path}:11:9: error: state 's0' is defined in terms of itself ({cycle})"
    ]


@pytest.mark.parametrize(
    ("nesting", "column"),
    [
        pytest.param(100, 10 + 63, id="flow-past-the-limit"),  # the 64th '[' is the 65th level
        pytest.param(5000, 10 + 999, id="flow-past-the-parser-own-limit"),  # libyaml's 1000
    ],
)
def test_yaml_nested_too_deep_in_flow_style(tmp_path: Path, nesting: int, column: int) -> None:
    path = written(tmp_path, "standoff: 1\ntitle: T\nsources: " + "[" * nesting + "]" * nesting)
    message = "the YAML nests lists and mappings more than 64 levels deep (the limit)"
    assert check(path) == [f"{path}:3:{column}: error: {message}"]


def test_yaml_nested_too_deep_in_block_style(tmp_path: Path) -> None:
    levels = "".join(" " * k + "-\n" for k in range(1, 100))  # line 3 + k, column k + 1
    path = written(tmp_path, "standoff: 1\ntitle: T\nsources:\n" + levels)
    message = "the YAML nests lists and mappings more than 64 levels deep (the limit)"
    assert check(path) == [f"{path}:67:65: error: {message}"]


# -- YAML: aliases and reader errors ---------------------------------------------------------------

LAUGHS = "".join(
    [
        "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
        *(f"l{k}: &l{k} [" + ", ".join([f"*l{k - 1}"] * 9) + "]\n" for k in range(1, 10)),
    ]
)
"""The "billion laughs": ten lines that stand for 9^10 values."""


def test_aliases_that_expand_beyond_the_budget_are_refused_where_they_pass_it(
    tmp_path: Path,
) -> None:
    path = written(tmp_path, LAUGHS + "standoff: 1\n")
    message = (
        "the YAML expands to more than 100,000 values (the limit), each alias counted as the "
        "whole value it repeats"
    )
    assert check(path) == [f"{path}:6:10: error: {message}"]  # the first *l4 passes it


def test_aliases_within_the_budget_work() -> None:
    text = TWO_OPTIONS + "  status_quo: &both a and b\n" + "sources: [*both, *both]\n"
    assert loads(text).sources == ("a and b", "a and b")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param(
            "standoff: 1\nsources: &s [*s]\n",
            "2:14: error: invalid YAML: alias '*s' is inside the value it repeats (a value "
            "cannot contain itself)",
            id="recursive-alias",
        ),
        pytest.param(
            "standoff: 1\ntitle: &t T\ndescription: &t D\n",
            "3:14: error: invalid YAML: duplicate anchor '&t' (first at line 2)",
            id="duplicate-anchor",
        ),
        pytest.param(
            "standoff: 1\ntitle: *t\n",
            "2:8: error: invalid YAML: found undefined alias 't'",
            id="undefined-alias",
        ),
        pytest.param(
            "standoff: 1\n---\ntitle: T\n",
            "2:1: error: invalid YAML: a second document begins here (a scenario file holds one)",
            id="second-document",
        ),
        pytest.param(
            "standoff: 1\ntitle: caf\u00e9 \x01 bar\n",
            "2:13: error: invalid YAML: character U+0001 is not allowed in a YAML file",
            id="control-character",
        ),
        pytest.param(
            "standoff: 1\ntitle: T\n\nsources: [a\x7f]\n",
            "4:12: error: invalid YAML: character U+007F is not allowed in a YAML file",
            id="delete-character",
        ),
    ],
)
def test_yaml_problems_are_one_line_at_the_offending_character(
    tmp_path: Path, text: str, error: str
) -> None:
    path = written(tmp_path, text)
    assert check(path) == [f"{path}:{error}"]


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each YAML parser the composer may read events from."""
    if request.param == "libyaml":
        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(_compose, "_PARSER", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(_compose, "_PARSER", yaml.SafeLoader)
    return str(request.param)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param(
            "a: " + "[" * 70 + "]" * 70,
            "f.yaml:1:67: error: the YAML nests lists and mappings more than 64 levels deep "
            "(the limit)",
            id="nesting",
        ),
        pytest.param(
            LAUGHS,
            "f.yaml:6:10: error: the YAML expands to more than 100,000 values (the limit), "
            "each alias counted as the whole value it repeats",
            id="aliases",
        ),
        pytest.param(
            "title: \u00e9\u00e9\x02\n",
            "f.yaml:1:10: error: invalid YAML: character U+0002 is not allowed in a YAML file",
            id="control-character",
        ),
        pytest.param(
            "a: [x\nb: c\n",
            "f.yaml:1:4: error: invalid YAML: the '[' here is not closed: end the list or "
            "mapping with ']' (or separate its items with ', ')",
            id="syntax",
        ),
    ],
)
def test_every_parser_gives_the_same_message(parser: str, text: str, error: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        loads(text, "f.yaml")
    assert str(raised.value) == error


def test_every_parser_gives_the_same_tree(parser: str) -> None:
    for example in sorted(EXAMPLES.glob("*.yaml")):
        assert load(example) == _python_loaded(example), example.name


def _python_loaded(path: Path) -> Any:
    original = _compose._PARSER
    _compose._PARSER = yaml.SafeLoader
    try:
        return load(path)
    finally:
        _compose._PARSER = original


@pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="needs libyaml")
def test_libyaml_positions_of_a_bad_character_count_characters_not_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_compose, "PYTHON_MESSAGES_UP_TO", 0)  # libyaml's own error only
    with pytest.raises(ScenarioError) as raised:
        loads("title: \u00e9\u20ac\U0001f600\x01\n", "f.yaml")
    assert str(raised.value) == (
        "f.yaml:1:11: error: invalid YAML: character U+0001 is not allowed in a YAML file"
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param(
            "title: \ud800\n",
            "f.yaml:1:8: error: invalid YAML: U+D800 is a lone UTF-16 surrogate, not a character",
            id="in-the-text",
        ),
    ],
)
def test_lone_surrogates_are_refused(text: str, error: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        loads(text, "f.yaml")
    assert str(raised.value) == error


def test_a_surrogate_escape_is_refused_by_either_parser(parser: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        loads('standoff: 1\ntitle: "\\ud800"\n', "f.yaml")
    ((diagnostic,),) = [raised.value.diagnostics]
    assert diagnostic.location.line == 2
    assert "surrogate" in diagnostic.message or "escape" in diagnostic.message


# -- input files -----------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_before_it_is_read() -> None:
    message = "is a character device, not a regular file (expected a scenario file)"
    assert check("/dev/zero") == [f"/dev/zero:1:1: error: {message}"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    message = "is a named pipe, not a regular file (expected a scenario file)"
    assert check(path) == [f"{path}:1:1: error: {message}"]


def test_a_file_beyond_the_size_limit_is_refused_with_its_size_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(64 << 20)  # sparse: 64 MiB that take no room
    read_bytes = Path.read_bytes

    def never(self: Path) -> bytes:
        assert self != path, "the file was read"
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", never)
    message = "the file is 67,108,864 bytes, more than the limit of 1,048,576 bytes (1 MiB)"
    assert check(path) == [f"{path}:1:1: error: {message}"]


def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    text = "standoff: 1\ntitle: T\nparties: {A: {}}\ndescription: "
    path = written(tmp_path, text + "x" * (MAX_FILE_BYTES - len(text) - 1) + "\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load(path).title == "T"


def test_text_beyond_the_size_limit_is_refused() -> None:
    with pytest.raises(ScenarioError) as raised:
        loads("#" * (MAX_FILE_BYTES + 1), "f.yaml")
    assert str(raised.value) == (
        "f.yaml:1:1: error: the text has 1,048,577 characters; the limit is 1,048,576"
    )


# -- numbers out of range --------------------------------------------------------------------------


def talks(strategies: str, extra: str = "") -> str:
    """A negotiation with a protocol whose ``strategies:`` mapping is on line 14."""
    return f"""\
standoff: 1
title: T
parties: {{US: {{}}, NK: {{}}}}
negotiation:
  parties: [US, NK]
  issues: {{relief: [none, full]{extra}}}
  utilities:
    US: {{values: {{relief: {{none: 0, full: 1}}}}}}
    NK: {{values: {{relief: {{none: 1, full: 0}}}}}}
  batna: {{US: 0.1, NK: 0.1}}
  protocol:
    rounds: 10
    strategies:
      {strategies}
"""


@pytest.mark.parametrize(
    ("strategies", "errors"),
    [
        pytest.param(
            "{US: {stall: {window: 1e19}}, NK: {bluster: {cave: 1e19}}}",
            [
                ("window: ", "'window' must be at most 10000, found 1e+19"),
                ("cave: ", "'cave' must be at most 10000, found 1e+19"),
            ],
            id="rounds",
        ),
        pytest.param(
            "{US: {bayesian: {hypotheses: 1e9, noise: 1e200}}, NK: {stall: {cycle: 20000}}}",
            [
                ("hypotheses: ", "'hypotheses' must be at most 101, found 1e+09"),
                ("noise: ", "'noise' must be in [0.001, 100], found 1e+200"),
                ("cycle: ", "'cycle' must be at most 10000, found 20000"),
            ],
            id="allocation-and-overflow",
        ),
        pytest.param(
            "{US: {boulware: {exponent: 1e300}}, NK: {bayesian: {spread: 1e-200}}}",
            [
                ("exponent: ", "'exponent' must be at most 100, found 1e+300"),
                ("spread: ", "'spread' must be in [0.001, 100], found 1e-200"),
            ],
            id="exponent-and-width",
        ),
        pytest.param(
            "{US: {tit_for_tat: {reciprocity: 1e300, kindness: 2}}, NK: stall}",
            [
                ("reciprocity: ", "'reciprocity' must be in [0, 100], found 1e+300"),
                ("kindness: ", "'kindness' must be in [0, 1], found 2"),
            ],
            id="tit-for-tat",
        ),
    ],
)
def test_strategy_parameters_are_bounded_when_the_file_is_read(
    tmp_path: Path, strategies: str, errors: list[tuple[str, str]]
) -> None:
    path = written(tmp_path, talks(strategies))
    line = f"      {strategies}"  # line 14; each error is at the value after its key
    assert check(path) == [
        f"{path}:14:{line.index(key) + len(key) + 1}: error: {message}" for key, message in errors
    ]


def test_largest_strategy_parameters_are_accepted() -> None:
    text = talks("{US: {bayesian: {hypotheses: 101, noise: 100}}, NK: {stall: {window: 10000}}}")
    strategies = loads(text).negotiation.protocol.strategies  # type: ignore[union-attr]
    assert strategies["US"].parameters["hypotheses"] == 101
    assert strategies["NK"].parameters["window"] == 10_000


def test_issue_scales_and_weights_are_bounded(tmp_path: Path) -> None:
    text = """\
standoff: 1
title: T
parties: {US: {}, NK: {}}
negotiation:
  parties: [US, NK]
  issues: {relief: [none, full], drills: {range: [0, 100]}, exercises: {range: [0, 1e19]}}
  utilities:
    US: {weights: {relief: 1e300}, values: {relief: {none: 0, full: 1}}}
    NK: {values: {relief: {none: 1, full: 0}, drills: [[-1e13, 0], [0, 1]]}}
  batna: {US: 0.1, NK: 0.1}
"""
    path = written(tmp_path, text)
    lines = text.splitlines()
    assert check(path) == [
        f"{path}:6:{lines[5].index('1e19') + 1}: error: the range of 'exercises' must be in "
        "[-1e+12, 1e+12], found 1e+19",
        f"{path}:8:{lines[7].index('1e300') + 1}: error: the weight of 'relief' must be at most "
        "1e+09, found 1e+300",
        f"{path}:9:{lines[8].index('-1e13') + 1}: error: a point must be in [-1e+12, 1e+12], "
        "found -1e+13",
    ]


# -- degenerate inputs -----------------------------------------------------------------------------


def test_a_utility_that_values_no_issue_is_refused(tmp_path: Path) -> None:
    text = talks("{US: linear, NK: linear}").replace(
        "US: {values: {relief: {none: 0, full: 1}}}", "US: {values: {}}"
    )
    text += "  beliefs:\n    NK: {US: {utilities: {values: {}}}}\n"
    path = written(tmp_path, text)
    lines = text.splitlines()
    assert check(path) == [
        f"{path}:8:{lines[7].index('{}') + 1}: error: 'values' in the utilities of 'US' names no "
        "issue (give at least one)",
        f"{path}:16:{lines[15].index('{}') + 1}: error: 'values' in the utilities 'NK' ascribes "
        "to 'US' names no issue (give at least one)",
    ]


# -- work that grew with the square of the input ---------------------------------------------------


def test_thousands_of_misspelt_names_are_reported_fast_and_cut_at_a_hundred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 3000
    parties = "".join(f"  party{k}: {{}}\n" for k in range(count))
    table = ", ".join(f"partie{k}" for k in range(count))
    path = written(
        tmp_path,
        f"standoff: 1\ntitle: T\nparties:\n{parties}negotiation:\n  parties: [{table}]\n"
        "  issues: {i: [a]}\n  utilities: {}\n  batna: {}\n",
    )
    close_matches = difflib.get_close_matches
    calls: list[int] = []

    def counted(word: str, possibilities: Any, *args: Any, **kwargs: Any) -> list[str]:
        calls.append(len(possibilities))
        return close_matches(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    found = check(path)
    assert calls == []  # 3,000 parties are more candidates than a suggestion compares
    listed = ", ".join(f"'party{k}'" for k in range(20))
    line = count + 5
    assert found[0] == (
        f"{path}:{line}:13: error: 'partie0' is not a party (expected one of {listed} and "
        "2,980 more)"
    )
    assert len(found) == 101
    column = f"  parties: [{table}]".index("partie100,") + 1  # the first problem left out
    assert found[-1] == (
        f"{path}:{line}:{column}: error: and 2,900 more problems (only the first 100 are listed)"
    )


def test_suggestions_stop_after_a_hundred_problems() -> None:
    parties = "".join(f"  party{k}: {{}}\n" for k in range(50))
    table = ", ".join(f"partie{k % 50}" for k in range(300))
    with pytest.raises(ScenarioError) as raised:
        loads(
            f"standoff: 1\ntitle: T\nparties:\n{parties}negotiation:\n  parties: [{table}]\n"
            "  issues: {i: [a]}\n  utilities: {}\n  batna: {}\n"
        )
    messages = [diagnostic.message for diagnostic in raised.value.diagnostics]
    assert messages[0] == "'partie0' is not a party (did you mean 'party0'?)"
    assert sum("did you mean" in message for message in messages) == 100


def test_did_you_mean_compares_at_most_its_budget_of_candidates() -> None:
    names = [f"name{k}" for k in range(MAX_SUGGESTION_CANDIDATES)]
    assert did_you_mean("nam0", names) == " (did you mean 'name0'?)"
    assert did_you_mean("nam0", [*names, "other"]) == ""


def test_twenty_thousand_levels_are_checked_in_linear_time() -> None:
    levels = [f"l{k}" for k in range(20_000)]
    values = ", ".join(f"{level}: 0.5" for level in levels)
    text = f"""\
standoff: 1
title: T
parties: {{US: {{}}, NK: {{}}}}
negotiation:
  parties: [US, NK]
  issues: {{relief: [{", ".join(levels)}, l7]}}
  utilities:
    US: {{values: {{relief: {{{values}}}}}}}
    NK: {{values: {{relief: {{l0: 1}}}}}}
  batna: {{US: 0.1, NK: 0.1}}
"""
    with pytest.raises(ScenarioError) as raised:
        loads(text, "f.yaml")
    missing = ", ".join(f"'l{k}'" for k in range(1, 21))
    assert [str(d) for d in raised.value.diagnostics] == [
        f"f.yaml:6:{text.splitlines()[5].rindex('l7') + 1}: error: level 'l7' of 'relief' is "
        "listed twice",
        f"f.yaml:9:27: error: the values of 'relief' miss level(s) {missing} and 19,979 more",
    ]


def test_a_scenario_error_lists_a_hundred_problems_then_counts_the_rest() -> None:
    diagnostics = [Diagnostic(Location("f.yaml", line, 1), "bad") for line in range(250, 0, -1)]
    error = ScenarioError(diagnostics)
    assert [d.location.line for d in error.diagnostics] == [*range(1, 101), 101]
    assert str(error.diagnostics[-1]) == (
        "f.yaml:101:1: error: and 150 more problems (only the first 100 are listed)"
    )


# -- messages --------------------------------------------------------------------------------------


def test_control_characters_in_user_text_are_shown_escaped_on_one_line(tmp_path: Path) -> None:
    path = written(
        tmp_path,
        'standoff: 1\ntitle: T\nparties: {A: {}}\nconflict:\n  preferences: {"B\\nC\\e[31m": []}\n',
        name="a\nb.yaml",
    )
    shown = str(path).replace("\n", "\\n")
    assert check(path) == [
        f"{shown}:5:17: error: 'B\\nC\\x1b[31m' is not a party (expected one of 'A')"
    ]


def test_long_values_are_cut_in_messages() -> None:
    with pytest.raises(ScenarioError) as raised:
        loads("standoff: 1\ntitle: T\nparties: " + "x" * 500 + "\n", "f.yaml")
    assert str(raised.value) == (
        f"f.yaml:3:10: error: 'parties' must be a mapping, found '{'x' * 79}…'"
    )


FINE_RANGE = """\
standoff: 1
title: One fine range issue
parties: {A: {}, B: {}}
negotiation:
  parties: [A, B]
  issues:
    share: {range: [0, 100], steps: 5000}
  utilities:
    A: {values: {share: [[0, 0], [100, 1]]}}
    B: {values: {share: [[0, 1], [100, 0]]}}
  batna: {A: 0.1, B: 0.1}
"""


def test_a_frontier_of_thousands_is_listed_thinned_with_its_size(tmp_path: Path) -> None:
    """Every one of the 5,000 points is efficient (the parties' utilities are opposed), so the
    JSON lists 1,000 of them, evenly spaced and with both ends, and says there are 5,000;
    listing a 270,000-point frontier one by one used to take minutes."""
    path = written(tmp_path, FINE_RANGE, "fine.yaml")
    result = CliRunner().invoke(app, ["bargain", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)["bargaining"]
    listed = [entry["outcome"] for entry in document["frontier"]]
    assert document["frontier_size"] == 5000
    assert len(listed) == 1000
    assert (listed[0], listed[-1]) == (0, 4999)
    assert listed == sorted(set(listed))
    assert listed[1] - listed[0] in (4, 5, 6)
    assert document["frontier"][-1]["levels"] == {"share": "100"}
    zopa = document["zopa"]
    assert zopa["frontier_size"] == zopa["size"] == 4000
    assert len(zopa["frontier"]) == 1000


def test_control_characters_in_a_source_are_escaped_in_markdown(tmp_path: Path) -> None:
    """A source is Markdown as written (it may hold a link), but its control characters, C1
    ones (U+0085) and line separators included, are written as escapes: found by the fuzzer."""
    text = TWO_OPTIONS.replace("title: T\n", 'title: T\nsources: ["a \\x7f\\x85\\u2028 [b](c)"]\n')
    path = written(tmp_path, text, "sources.yaml")
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "- a \\x7f\\x85\\u2028 [b](c)" in result.stdout.splitlines()
    assert not any(ch in result.stdout for ch in "\x7f\x85\u2028")


def test_a_short_label_beyond_sixty_characters_is_refused() -> None:
    """A ``short`` label names what is done in a few words; the fuzzer gave one of 800,000
    characters, which the terminal then took minutes to lay out."""
    text = TWO_OPTIONS.replace("      a: x\n", f"      a: {{label: x, short: {'w' * 61}}}\n")
    assert problems(text) == [
        "f.yaml:6:28: error: the short label of option 'a' has 61 characters, more than 60 "
        "(it names what is done in a few words; the 'label' says it in full)"
    ]
    assert loads(text.replace("w" * 61, "w" * 60)).options[0].short == "w" * 60


def test_a_huge_table_cell_is_cut_on_the_terminal(tmp_path: Path) -> None:
    """An option label of 210,000 characters is valid; the terminal shows its first 1,000 (rich
    lays out a cell of many words in time that grows with the square of its length: the fuzzer's
    800,000-character label took minutes)."""
    label = "ab " * 70_000
    path = written(tmp_path, TWO_OPTIONS.replace("      a: x\n", f"      a: {label.strip()}\n"))
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    baseline = CliRunner().invoke(app, ["check", str(written(tmp_path, TWO_OPTIONS, "x.yaml"))])
    assert result.stdout.count("ab") - baseline.stdout.count("ab") == 333  # "ab " × 333 + "a"
    assert "a …" in result.stdout
