"""Every error a user can trigger: the exact ``FILE:LINE:COLUMN: error: message`` lines, exit 2.

Each case is a small scenario written inline, so its LINE:COLUMN can be checked by eye (1-based; in
an expression, the column of the offending token in the file). ``LOADER_CASES`` are caught by
:func:`standoff.scenario.loads` (everything that can be checked without enumerating states);
``BUILD_CASES`` load fine and are caught by :func:`standoff.conflict.build_conflict`.
``standoff check`` reports both kinds, in file order, and exits 2.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from standoff.cli import app
from standoff.conflict import _build, build_conflict
from standoff.errors import ScenarioError, ScenarioTooLargeError
from standoff.scenario import load, loads

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

Error = tuple[int, int, str]  # (line, column, message)


def case(case_id: str, text: str, *errors: Error) -> Any:
    """One table row: a scenario (dedented) and the errors it must produce, in file order."""
    return pytest.param(textwrap.dedent(text), list(errors), id=case_id)


def lines(file: object, errors: list[Error]) -> list[str]:
    """The expected error lines for ``errors`` in ``file``."""
    return [f"{file}:{line}:{column}: error: {message}" for line, column, message in errors]


def invoke(*args: str) -> Result:
    """Run the ``standoff`` command in-process; no error output may ever show a traceback."""
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    # Anything but a deliberate exit is an uncaught exception that a user would see as a crash.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def check_errors(path: Path) -> list[str]:
    """The error lines of ``standoff check path``, asserting exit 2 and nothing on stdout."""
    result = invoke("check", str(path))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    return result.stderr.splitlines()


def unboxed(text: str) -> str:
    """Text without rich's box drawing and line wrapping (usage errors are shown in a panel)."""
    return " ".join(re.sub("[\u2500-\u257f]", " ", text).split())


EXPECTED_TOP_KEYS = (
    "'standoff', 'title', 'description', 'sources', 'parties', 'conflict', 'perceptions', "
    "'negotiation', 'uncertainty', 'forecast'"
)
EXPECTED_OPERAND = "an option, a state name, 'not', 'true', 'false' or '('"
EXPECTED_TOKEN = "an identifier, 'and', 'or', 'not', 'if', 'iff' or parentheses"
UNIQUE_IDS = "ids must be unique across parties, options, issues and states"
STRIKE = "(did you mean 'strike'?)"

# -- problems found while loading ------------------------------------------------------------------

TOP_LEVEL_CASES = [
    case(
        "version-quoted",
        """\
        standoff: "1"
        title: T
        parties: {A: {}}
        """,
        (
            1,
            11,
            "'standoff' must be a format version number, found '1' (this standoff reads format 1)",
        ),
    ),
    case(
        "empty-option-groups",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          exactly_one: [[]]
          mutually_exclusive: [[]]
          preferences: {US: [strike]}
        """,
        (6, 17, "a group in 'exactly_one' must list at least one option"),
        (7, 24, "a group in 'mutually_exclusive' must list at least one option"),
    ),
    case(
        "preferences-of-a-party-without-options",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
          China: {}
        conflict:
          preferences: {US: [strike], China: [strike]}
        """,
        (7, 31, "party 'China' has no options, so it takes no preferences here"),
    ),
    case(
        "unknown-top-key-did-you-mean",
        """\
        standoff: 1
        titel: T
        parties: {A: {}}
        """,
        (2, 1, "unknown key 'titel' in the scenario (did you mean 'title'?)"),
    ),
    case(
        "unknown-top-key-lists-expected-keys",
        """\
        standoff: 1
        title: T
        colour: red
        parties: {A: {}}
        """,
        (3, 1, f"unknown key 'colour' in the scenario (expected one of {EXPECTED_TOP_KEYS})"),
    ),
    case(
        "missing-title-and-parties",
        """\
        standoff: 1
        """,
        (1, 1, "missing required key 'parties' in the scenario"),
        (1, 1, "missing required key 'title' in the scenario"),
    ),
    case(
        "missing-format-version",
        """\
        title: T
        parties: {A: {}}
        """,
        (1, 1, "missing required key 'standoff' in the scenario"),
    ),
    case(
        "version-2",
        """\
        standoff: 2
        title: T
        parties: {A: {}}
        """,
        (1, 11, "unsupported format version 2 (this standoff reads format 1)"),
    ),
    case(
        "version-string",
        """\
        standoff: one
        title: T
        parties: {A: {}}
        """,
        (1, 11, "unsupported format version one (this standoff reads format 1)"),
    ),
    case(
        "version-float",
        """\
        standoff: 1.0
        title: T
        parties: {A: {}}
        """,
        (1, 11, "unsupported format version 1.0 (this standoff reads format 1)"),
    ),
    case(
        "version-list",
        """\
        standoff: [1]
        title: T
        parties: {A: {}}
        """,
        (
            1,
            11,
            "'standoff' must be a format version number, found a list "
            "(this standoff reads format 1)",
        ),
    ),
    case(
        # A file of another format is not validated further: only top-level key problems join it.
        "wrong-version-stops-validation",
        """\
        standoff: 2
        titel: T
        parties: {not: {}}
        """,
        (1, 11, "unsupported format version 2 (this standoff reads format 1)"),
        (2, 1, "unknown key 'titel' in the scenario (did you mean 'title'?)"),
    ),
    case(
        "top-level-list",
        """\
        - standoff: 1
        - title: T
        """,
        (1, 1, "the scenario must be a mapping, found a list"),
    ),
    case(
        "top-level-text",
        """\
        just some text
        """,
        (1, 1, "the scenario must be a mapping, found 'just some text'"),
    ),
    case(
        "empty-file",
        "",
        (
            1,
            1,
            "the file is empty (expected a scenario mapping with 'standoff: 1', 'title' and "
            "'parties')",
        ),
    ),
    case(
        "only-comments",
        """\
        # nothing yet
        """,
        (
            1,
            1,
            "the file is empty (expected a scenario mapping with 'standoff: 1', 'title' and "
            "'parties')",
        ),
    ),
    case(
        "yaml-bad-indentation",
        """\
        standoff: 1
        title: T
          parties: {A: {}}
        """,
        (
            3,
            3,
            "invalid YAML: this line is indented more than the one above, as if inside its "
            "value: indent it like its siblings (or quote a value that holds ': ')",
        ),
    ),
    case(
        "yaml-unclosed-bracket",
        """\
        standoff: 1
        title: T
        parties: {A: [x
        """,
        (
            3,
            14,
            "invalid YAML: the '[' here is not closed: end the list or mapping with ']' (or "
            "separate its items with ', ')",
        ),
    ),
    case(
        "yaml-tab-indentation",
        "standoff: 1\ntitle: T\nparties:\n\tA: {}\n",
        (4, 1, "invalid YAML: tabs cannot indent a line: use spaces"),
    ),
    case(
        "misspelt-section-reports-only-the-spelling",
        """\
        standoff: 1
        title: T
        parties:
          A: {options: {a: x}}
        conflict:
          preference:
            A: [a]
        """,
        (6, 3, "unknown key 'preference' in 'conflict' (did you mean 'preferences'?)"),
    ),
    case(
        "misspelt-party-in-preferences-reports-only-the-spelling",
        """\
        standoff: 1
        title: T
        parties:
          Ann: {options: {a: x}}
        conflict:
          preferences:
            An: [a]
        """,
        (7, 5, "'An' is not a party (did you mean 'Ann'?)"),
    ),
    case(
        "unknown-level-reports-only-the-level",
        """\
        standoff: 1
        title: T
        parties: {A: {}, B: {}}
        negotiation:
          parties: [A, B]
          issues: {aid: [none, some]}
          utilities:
            A: {values: {aid: {none: 0, smoe: 1}}}
            B: {values: {aid: {none: 1, some: 0}}}
          batna: {A: 0, B: 0}
        """,
        (8, 33, "'smoe' is not a level of 'aid' (did you mean 'some'?)"),
    ),
    case(
        "misspelt-issue-in-values-reports-only-the-issue",
        """\
        standoff: 1
        title: T
        parties: {A: {}, B: {}}
        negotiation:
          parties: [A, B]
          issues: {aid: [none, some], talks: [no, yes]}
          utilities:
            A: {weights: {aid: 1, talks: 1}, values: {aid: {none: 0, some: 1}, talk: {no: 0}}}
            B: {values: {aid: {none: 1, some: 0}}}
          batna: {A: 0, B: 0}
        """,
        (8, 72, "'talk' is not an issue (did you mean 'talks'?)"),
    ),
    case(
        "yaml-no-space-after-colon",
        """\
        standoff: 1
        title:T
        parties: {A: {}}
        """,
        (2, 6, "invalid YAML: put a space after the ':' in 'title:T' (write 'title: T')"),
    ),
    case(
        "yaml-line-without-colon",
        """\
        standoff: 1
        title T
        parties: {A: {}}
        """,
        (2, 1, "invalid YAML: this line is not 'key: value' and not a list item ('- value')"),
    ),
    case(
        "yaml-indented-less-than-its-siblings",
        """\
        standoff: 1
        title: T
        parties:
          A:
            options:
              a: x
             b: y
        """,
        (
            7,
            6,
            "invalid YAML: bad indentation: indent this line like the entries it belongs with "
            "(the mapping from line 5 has its keys at column 5)",
        ),
    ),
    case(
        "yaml-key-after-list",
        """\
        standoff: 1
        title: T
        sources:
        - a
        parties: {A: {}}
        x:
          - a
          y: 1
        """,
        (
            8,
            3,
            "invalid YAML: a 'key: value' line cannot follow the list that starts at line 7 at "
            "the same indentation: indent the list under its key, or make this line a list item "
            "too",
        ),
    ),
    case(
        "yaml-unclosed-quote",
        """\
        standoff: 1
        title: "T
        parties: {A: {}}
        """,
        (
            2,
            8,
            "invalid YAML: the quoted text that starts here never ends: close it with the same "
            "quote mark",
        ),
    ),
    case(
        "yaml-colon-in-a-value",
        """\
        standoff: 1
        title: Korea: the talks
        parties: {A: {}}
        """,
        (
            2,
            13,
            "invalid YAML: a value that holds ': ' must be quoted: put the whole value in quotes",
        ),
    ),
    case(
        "duplicate-yaml-key",
        """\
        standoff: 1
        title: T
        title: U
        parties: {A: {}}
        """,
        (3, 1, "duplicate key 'title' in the scenario (first at line 2)"),
    ),
    case(
        "key-that-is-not-a-name",
        """\
        standoff: 1
        title: T
        ~: nothing
        parties: {A: {}}
        """,
        (3, 1, "a key in the scenario must be a name, found nothing"),
    ),
    case(
        "title-sources-description-conflict-of-wrong-kinds",
        """\
        standoff: 1
        title: [T]
        sources: a link
        description: {a: 1}
        parties: {A: {}}
        conflict: []
        """,
        (2, 8, "'title' must be text, found a list"),
        (3, 10, "'sources' must be a list, found 'a link'"),
        (4, 14, "'description' must be text, found a mapping"),
        (6, 11, "'conflict' must be a mapping, found a list"),
    ),
    case(
        "empty-title-and-nested-source",
        """\
        standoff: 1
        title:
        sources: [ok, [nested]]
        parties: {A: {}}
        """,
        (2, 7, "'title' must be text, found nothing"),
        (3, 15, "each source must be text, found a list"),
    ),
]

PARTY_CASES = [
    case(
        "parties-empty",
        """\
        standoff: 1
        title: T
        parties: {}
        """,
        (3, 10, "'parties' must name at least one party"),
    ),
    case(
        "parties-list",
        """\
        standoff: 1
        title: T
        parties: [US, NK]
        """,
        (3, 10, "'parties' must be a mapping, found a list"),
    ),
    case(
        "duplicate-party-key",
        """\
        standoff: 1
        title: T
        parties:
          US: {}
          US: {}
        """,
        (5, 3, "duplicate key 'US' in 'parties' (first at line 4)"),
    ),
    case(
        "unknown-key-in-party",
        """\
        standoff: 1
        title: T
        parties:
          US:
            lable: United States
        """,
        (5, 5, "unknown key 'lable' in party 'US' (did you mean 'label'?)"),
    ),
    case(
        "options-is-a-list",
        """\
        standoff: 1
        title: T
        parties:
          NK:
            options: [invade, abandon]
        """,
        (5, 14, "the options of 'NK' must be a mapping, found a list"),
    ),
    case(
        "unknown-key-in-option-did-you-mean",
        """\
        standoff: 1
        title: T
        parties:
          US:
            options:
              strike: {lable: Strike}
        """,
        (6, 16, "unknown key 'lable' in option 'strike' (did you mean 'label'?)"),
    ),
    case(
        "unknown-key-in-option-label-mapping",
        """\
        standoff: 1
        title: T
        parties:
          US:
            options:
              strike: {text: Strike}
        """,
        (6, 16, "unknown key 'text' in option 'strike' (expected one of 'label', 'short')"),
    ),
    case(
        "option-label-is-a-list",
        """\
        standoff: 1
        title: T
        parties:
          US:
            options:
              strike: [Strike]
        """,
        (6, 15, "the label of option 'strike' must be text, found a list"),
    ),
    case(
        "party-label-is-a-mapping",
        """\
        standoff: 1
        title: T
        parties:
          US:
            label: {en: United States}
        """,
        (5, 12, "a label must be text, found a mapping"),
    ),
]

ID_CASES = [
    case(
        "duplicate-id-across-party-option-state",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {US: Strike, go: Go}}
          NK: {options: {go: Go}}
        conflict:
          states:
            NK: go
          preferences: {US: [go]}
        """,
        (4, 18, f"duplicate id 'US': already used as a party at line 4 ({UNIQUE_IDS})"),
        (5, 18, f"duplicate id 'go': already used as an option at line 4 ({UNIQUE_IDS})"),
        (8, 5, f"duplicate id 'NK': already used as a party at line 5 ({UNIQUE_IDS})"),
    ),
    case(
        # The options of a party whose id is invalid are not checked (nor defined).
        "reserved-word-as-party-id",
        """\
        standoff: 1
        title: T
        parties:
          not: {options: {if: X}}
        """,
        (4, 3, "'not' is a reserved word and cannot be a party id"),
    ),
    case(
        "reserved-and-invalid-option-ids",
        """\
        standoff: 1
        title: T
        parties:
          US:
            options:
              if: X
              2nd: Y
              a-b: Z
        """,
        (6, 7, "'if' is a reserved word and cannot be an option id"),
        (
            7,
            7,
            "'2nd' is not a valid option id (expected letters, digits and '_', not starting with "
            "a digit)",
        ),
        (
            8,
            7,
            "'a-b' is not a valid option id (expected letters, digits and '_', not starting with "
            "a digit)",
        ),
    ),
    case(
        "reserved-and-invalid-state-names",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          states:
            iff: strike
            a-b: not strike
          preferences: {US: [strike]}
        """,
        (7, 5, "'iff' is a reserved word and cannot be a state id"),
        (
            8,
            5,
            "'a-b' is not a valid state id (expected letters, digits and '_', not starting with "
            "a digit)",
        ),
    ),
]

EXPRESSION_CASES = [
    case(
        "undefined-option-did-you-mean",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - withdraw and stirke
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 20, f"'stirke' is not an option or a state name {STRIKE}"),
    ),
    case(
        "undefined-option-double-quoted",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - "withdraw and stirke"
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 21, f"'stirke' is not an option or a state name {STRIKE}"),
    ),
    case(
        "undefined-option-single-quoted",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - 'stirke and withdraw'
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 8, f"'stirke' is not an option or a state name {STRIKE}"),
    ),
    case(
        "undefined-option-in-flow-list",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          preferences: {US: [stirke], NK: [invade]}
        """,
        (7, 22, f"'stirke' is not an option or a state name {STRIKE}"),
    ),
    case(
        "undefined-name-without-suggestion",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - strike and bomb
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 18, "'bomb' is not an option or a state name"),
    ),
    case(
        # An expression spread over several lines is located at the start of its text.
        "undefined-option-in-multiline-expression",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - withdraw and
              stirke
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 7, f"'stirke' is not an option or a state name {STRIKE}"),
    ),
    case(
        "party-name-in-expression",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - withdraw and NK
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 20, "'NK' is a party, not an option or a state name"),
    ),
    case(
        "operator-twice",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - strike and and withdraw
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            8,
            18,
            "unexpected 'and' in expression 'strike and and withdraw' "
            f"(expected {EXPECTED_OPERAND})",
        ),
    ),
    case(
        "operator-at-end",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - strike and
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            8,
            17,
            f"expression 'strike and' ends too early (expected {EXPECTED_OPERAND})",
        ),
    ),
    case(
        "unclosed-parenthesis",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - (strike or withdraw
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            8,
            26,
            "missing ')' in expression '(strike or withdraw' "
            "(the '(' at column 1 of the expression is not closed)",
        ),
    ),
    case(
        "unmatched-closing-parenthesis",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - strike or withdraw)
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 25, "unmatched ')' in expression 'strike or withdraw)'"),
    ),
    case(
        "ampersand",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - strike & withdraw
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            8,
            14,
            "unexpected character '&' in expression 'strike & withdraw' (did you mean 'and'?)",
        ),
    ),
    case(
        "name-starting-with-a-digit",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - strike and 2nd
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            8,
            18,
            f"unexpected character '2' in expression 'strike and 2nd' (expected {EXPECTED_TOKEN})",
        ),
    ),
    case(
        "missing-operator",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - strike withdraw
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            8,
            14,
            "unexpected 'withdraw' in expression 'strike withdraw' "
            "(expected an operator: 'and', 'or', 'if' or 'iff')",
        ),
    ),
    case(
        "if-chained",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - strike if withdraw if invade
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            8,
            26,
            "'if' does not chain in expression 'strike if withdraw if invade': add parentheses",
        ),
    ),
    case(
        "iff-chained",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - strike iff withdraw iff invade
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            8,
            27,
            "'iff' does not chain in expression 'strike iff withdraw iff invade': add parentheses",
        ),
    ),
    case(
        "empty-expression",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - ''
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 8, f"empty expression (expected {EXPECTED_OPERAND})"),
    ),
    case(
        "expression-that-is-not-text",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible:
            - {strike: withdraw}
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 7, "an 'infeasible' entry (an expression) must be text, found a mapping"),
    ),
    case(
        "state-name-in-infeasible",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          states:
            war: strike and invade
          infeasible: [war or withdraw]
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            9,
            16,
            "state name 'war' cannot be used in an 'infeasible' entry (feasibility is decided "
            "before states are named)",
        ),
    ),
    case(
        "state-defined-in-terms-of-itself",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          states:
            war: strike and not peace
            peace: not war
            loop: loop or invade
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 10, "state 'war' is defined in terms of itself (war -> peace -> war)"),
        (10, 11, "state 'loop' is defined in terms of itself (loop -> loop)"),
    ),
]

CONFLICT_CASES = [
    case(
        "unknown-key-in-conflict",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          infeasable: [strike]
          preferences: {US: [strike]}
        """,
        (6, 3, "unknown key 'infeasable' in 'conflict' (did you mean 'infeasible'?)"),
    ),
    case(
        "conflict-is-empty",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
        """,
        (5, 10, "'conflict' must be a mapping, found nothing"),
    ),
    case(
        "sections-of-wrong-kinds",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          infeasible: strike
          irreversible: [strike]
          forbidden_moves: {party: US}
          states: [strike]
          status_quo: [strike]
          preferences: {US: [strike]}
        """,
        (6, 15, "'infeasible' must be a list, found 'strike'"),
        (7, 17, "'irreversible' must be a mapping, found a list"),
        (8, 20, "'forbidden_moves' must be a list, found a mapping"),
        (9, 11, "'states' must be a mapping, found a list"),
        (10, 15, "'status_quo' (an expression) must be text, found a list"),
    ),
    case(
        "mutually-exclusive-undefined-and-repeated-option",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          mutually_exclusive:
            - [strike, withdrew, strike]
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 16, "'withdrew' in 'mutually_exclusive' is not an option (did you mean 'withdraw'?)"),
        (8, 26, "option 'strike' appears twice in this group"),
    ),
    case(
        "exactly-one-undefined-and-repeated-option",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          exactly_one:
            - [invade, invade]
            - [stirke, withdraw]
            - strike
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 16, "option 'invade' appears twice in this group"),
        (9, 8, f"'stirke' in 'exactly_one' is not an option {STRIKE}"),
        (10, 7, "each group in 'exactly_one' must be a list, found 'strike'"),
    ),
    case(
        "irreversible-bad-direction-and-unknown-option",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          irreversible:
            strike: once_taker
            stirke: once_taken
            withdraw: sometimes
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 13, "unknown irreversibility 'once_taker' (did you mean 'once_taken'?)"),
        (9, 5, f"'stirke' in 'irreversible' is not an option {STRIKE}"),
        (10, 15, "unknown irreversibility 'sometimes' (expected 'once_taken' or 'once_dropped')"),
    ),
    case(
        "forbidden-move-unknown-party",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          forbidden_moves:
            - party: UK
              from: strike
              to: withdraw
            - party: NKK
              from: invade
              to: not invade
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 14, "'UK' is not a party (expected one of 'US', 'NK')"),
        (11, 14, "'NKK' is not a party (did you mean 'NK'?)"),
    ),
    case(
        "forbidden-move-party-without-options",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
          China: {label: China}
        conflict:
          forbidden_moves:
            - party: China
              from: strike
              to: withdraw
          preferences: {US: [strike], NK: [invade]}
        """,
        (9, 14, "party 'China' has no options, so it cannot move"),
    ),
    case(
        "forbidden-move-missing-to",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          forbidden_moves:
            - party: US
              from: strike
          preferences: {US: [strike], NK: [invade]}
        """,
        (8, 7, "missing required key 'to' in a forbidden move"),
    ),
    case(
        "forbidden-move-unknown-key-and-bad-expression",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          forbidden_moves:
            - party: US
              from: strike
              to: not stirke
              when: now
          preferences: {US: [strike], NK: [invade]}
        """,
        (10, 15, f"'stirke' is not an option or a state name {STRIKE}"),
        (11, 7, "unknown key 'when' in a forbidden move (expected one of 'party', 'from', 'to')"),
    ),
    case(
        "status-quo-undefined-name",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          states:
            sq: not strike
          status_quo: sqq
          preferences: {US: [strike]}
        """,
        (8, 15, "'sqq' is not an option or a state name (did you mean 'sq'?)"),
    ),
    case(
        "status-quo-empty",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          status_quo:
          preferences: {US: [strike]}
        """,
        (6, 14, "'status_quo' (an expression) must be text, found nothing"),
    ),
]

PREFERENCE_CASES = [
    case(
        "preferences-for-unknown-party",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
          NK: {options: {invade: I}}
        conflict:
          preferences:
            US: [strike]
            NK: [invade]
            UK: [strike]
            NKK: [invade]
        """,
        (10, 5, "'UK' is not a party (expected one of 'US', 'NK')"),
        (11, 5, "'NKK' is not a party (did you mean 'NK'?)"),
    ),
    case(
        "party-with-options-but-no-preferences",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
          NK: {options: {invade: I}}
        conflict:
          preferences:
            US: [strike]
        """,
        (7, 3, "party 'NK' has options but no preferences (add 'NK:' under 'preferences')"),
    ),
    case(
        "no-preferences-at-all",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
          NK: {options: {invade: I}}
        conflict:
          infeasible: [strike and invade]
        """,
        (7, 3, "party 'NK' has options but no preferences (add 'NK:' under 'preferences')"),
        (7, 3, "party 'US' has options but no preferences (add 'US:' under 'preferences')"),
    ),
    case(
        "preferences-empty",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          preferences:
        """,
        (6, 15, "'preferences' must be a mapping, found nothing"),
    ),
    case(
        "empty-preference-list-and-empty-ranking",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
          NK: {options: {invade: I}}
        conflict:
          preferences:
            US: []
            NK:
              ranking: []
        """,
        (8, 9, "the preferences of 'US' list no statements"),
        (10, 16, "the ranking of 'NK' is empty"),
    ),
    case(
        "preferences-that-are-a-single-statement",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          preferences:
            US: strike
        """,
        (
            7,
            9,
            "the preferences of 'US' (a list of prioritization statements, or a mapping with "
            "'ranking') must be a list, found 'strike'",
        ),
    ),
    case(
        "ranking-key-misspelled",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          preferences:
            US:
              ranks: [strike, not strike]
        """,
        (8, 7, "unknown key 'ranks' in the preferences of 'US' (did you mean 'ranking'?)"),
    ),
    case(
        "ranking-is-not-a-list",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          preferences:
            US:
              ranking: strike
        """,
        (8, 16, "the ranking of 'US' must be a list, found 'strike'"),
    ),
    case(
        "ranking-entries-that-are-not-expressions",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          preferences:
            US:
              ranking:
                - {strike: yes}
                - []
                - [strike, [not strike]]
        """,
        (9, 11, "a ranking entry (an expression) must be text, found a mapping"),
        (10, 11, "a tie group must list at least one expression"),
        (11, 20, "a ranking entry (an expression) must be text, found a list"),
    ),
    case(
        "bad-prioritization-statement",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          preferences:
            US: [strike, {not: strike}, not]
        """,
        (7, 18, "a prioritization statement (an expression) must be text, found a mapping"),
        (7, 36, f"expression 'not' ends too early (expected {EXPECTED_OPERAND})"),
    ),
]

LOADER_CASES = [
    *TOP_LEVEL_CASES,
    *PARTY_CASES,
    *ID_CASES,
    *EXPRESSION_CASES,
    *CONFLICT_CASES,
    *PREFERENCE_CASES,
]

# -- problems found once the feasible states are known --------------------------------------------

BUILD_CASES = [
    case(
        "empty-feasible-set",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S}}
        conflict:
          infeasible: [true]
          preferences: {US: [strike]}
        """,
        (
            6,
            3,
            "no feasible states: every combination of options is excluded by 'infeasible', "
            "'mutually_exclusive' or 'exactly_one'",
        ),
    ),
    case(
        "state-name-matching-zero-and-several-states",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible: [strike and withdraw]
          states:
            war: strike and withdraw
            peace: not strike
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            9,
            10,
            "state 'war' matches no feasible state ('strike and withdraw' must match exactly one)",
        ),
        (
            10,
            12,
            "state 'peace' matches 4 feasible states, NNN, NYN, NNY, NYY ('not strike' must "
            "match exactly one)",
        ),
    ),
    case(
        "status-quo-matching-no-state",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible: [strike and withdraw]
          status_quo: strike and withdraw
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            8,
            15,
            "'status_quo' matches no feasible state ('strike and withdraw' must match exactly one)",
        ),
    ),
    case(
        "status-quo-matching-several-states",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          states:
            calm: not strike and not withdraw and not invade
          status_quo: not strike
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            9,
            15,
            "'status_quo' matches 4 feasible states, NNN (calm), NYN, NNY, NYY ('not strike' "
            "must match exactly one)",
        ),
    ),
    case(
        # Follow-on errors: a state name that matches nothing makes every use of it match nothing.
        "status-quo-naming-an-invalid-state",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          infeasible: [strike and withdraw]
          states:
            war: strike and withdraw
          status_quo: war
          preferences: {US: [strike], NK: [invade]}
        """,
        (
            9,
            10,
            "state 'war' matches no feasible state ('strike and withdraw' must match exactly one)",
        ),
    ),
    case(
        "ranking-misses-states",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          preferences:
            US: [strike]
            NK:
              ranking: [invade]
        """,
        (10, 7, "the ranking of 'NK' misses 4 feasible states: NNN, YNN, NYN, YYN"),
    ),
    case(
        "ranking-misses-many-states",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I, abandon: A}}
        conflict:
          states:
            calm: not strike and not withdraw and not invade and not abandon
          preferences:
            US: [strike]
            NK:
              ranking: [invade]
        """,
        (
            12,
            7,
            "the ranking of 'NK' misses 8 feasible states: NNNN (calm), YNNN, NYNN, YYNN, NNNY "
            "and 3 more",
        ),
    ),
    case(
        "ranking-entries-repeating-states-and-matching-none",
        """\
        standoff: 1
        title: T
        parties:
          US: {options: {strike: S, withdraw: W}}
          NK: {options: {invade: I}}
        conflict:
          preferences:
            US: [strike]
            NK:
              ranking:
                - invade
                - strike
                - [not invade, withdraw]
                - false
        """,
        (
            12,
            11,
            "this ranking entry of 'NK' matches 2 states already ranked by entry 1: YNY, YYY",
        ),
        (
            13,
            11,
            "this ranking entry of 'NK' matches 4 states already ranked by entry 1, 2: YNN, YYN, "
            "NYY, YYY",
        ),
        (14, 11, "this ranking entry of 'NK' matches no feasible state"),
    ),
]


# -- the command line ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "errors"), [*LOADER_CASES, *BUILD_CASES])
def test_check_reports_every_error_with_its_position(
    tmp_path: Path, text: str, errors: list[Error]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_errors(path) == lines(path, errors)


def test_check_reports_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"standoff: 1\ntitle: caf\xff\nparties: {A: {}}\n")
    message = "byte 0xff is not valid UTF-8 (scenario files must be UTF-8 text)"
    assert check_errors(path) == lines(path, [(2, 11, message)])


def test_check_counts_the_column_of_a_bad_byte_in_characters(tmp_path: Path) -> None:
    # 'é' is two bytes: the bad byte is the 13th character of its line (its 14th byte).
    path = tmp_path / "bad.yaml"
    path.write_bytes("standoff: 1\ntitle: café ".encode() + b"\xe9t\xe9\n")
    message = "byte 0xe9 is not valid UTF-8 (scenario files must be UTF-8 text)"
    assert check_errors(path) == lines(path, [(2, 13, message)])


def test_check_reports_a_directory(tmp_path: Path) -> None:
    message = "is a directory (expected a scenario file)"
    assert check_errors(tmp_path) == lines(tmp_path, [(1, 1, message)])


def test_check_reports_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    assert check_errors(path) == lines(path, [(1, 1, "no such file")])


def test_check_reports_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("standoff: 1\n", encoding="utf-8")
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    message = "cannot read the file: Permission denied"
    assert check_errors(path) == lines(path, [(1, 1, message)])


def too_large_scenario(option_count: int) -> str:
    options = "".join(f"      o{k}: Option {k}\n" for k in range(option_count))
    return (
        "standoff: 1\ntitle: Too large\nparties:\n  A:\n    options:\n"
        f"{options}conflict:\n  preferences:\n    A: [o0]\n"
    )


def test_check_refuses_too_many_options(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(too_large_scenario(29), encoding="utf-8")
    message = (
        "the scenario has 29 options, so 536,870,912 candidate states; the engine's limit is "
        "28 options (268,435,456 candidates)"
    )
    assert check_errors(path) == lines(path, [(1, 1, message)])


def test_check_refuses_too_many_feasible_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_build, "MAX_STATES", 4)
    path = tmp_path / "bad.yaml"
    path.write_text(too_large_scenario(3), encoding="utf-8")
    message = (
        "the scenario has more than 4 feasible states (the engine's limit); "
        "8 candidates from 3 options"
    )
    assert check_errors(path) == lines(path, [(1, 1, message)])


MANY_LOADER_PROBLEMS = textwrap.dedent(
    """\
    standoff: 1
    title: T
    sorces: [a book]
    parties:
      US: {options: {strike: S, 2nd: W}}
      NK: {options: {strike: I, invade: I}}
    conflict:
      infeasible: [strike and and invade]
      irreversible: {strike: once_taker}
      preferences:
        US: [stirke]
    """
)
MANY_LOADER_ERRORS: list[Error] = [
    (3, 1, "unknown key 'sorces' in the scenario (did you mean 'sources'?)"),
    (
        5,
        29,
        "'2nd' is not a valid option id (expected letters, digits and '_', not starting with a "
        "digit)",
    ),
    (6, 18, f"duplicate id 'strike': already used as an option at line 5 ({UNIQUE_IDS})"),
    (
        8,
        27,
        f"unexpected 'and' in expression 'strike and and invade' (expected {EXPECTED_OPERAND})",
    ),
    (9, 26, "unknown irreversibility 'once_taker' (did you mean 'once_taken'?)"),
    (10, 3, "party 'NK' has options but no preferences (add 'NK:' under 'preferences')"),
    (11, 10, f"'stirke' is not an option or a state name {STRIKE}"),
]

MANY_BUILD_PROBLEMS = textwrap.dedent(
    """\
    standoff: 1
    title: T
    parties:
      US: {options: {strike: S, withdraw: W}}
      NK: {options: {invade: I}}
    conflict:
      states:
        war: strike and withdraw and invade and not invade
      status_quo: not invade
      preferences:
        US:
          ranking: [strike, withdraw]
        NK: [invade]
    """
)
MANY_BUILD_ERRORS: list[Error] = [
    (
        8,
        10,
        "state 'war' matches no feasible state ('strike and withdraw and invade and not invade' "
        "must match exactly one)",
    ),
    (
        9,
        15,
        "'status_quo' matches 4 feasible states, NNN, YNN, NYN, YYN ('not invade' must match "
        "exactly one)",
    ),
    (12, 25, "this ranking entry of 'US' matches 2 states already ranked by entry 1: YYN, YYY"),
    (12, 7, "the ranking of 'US' misses 2 feasible states: NNN, NNY"),
]


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        pytest.param(MANY_LOADER_PROBLEMS, MANY_LOADER_ERRORS, id="loader"),
        pytest.param(MANY_BUILD_PROBLEMS, sorted(MANY_BUILD_ERRORS), id="build"),
    ],
)
def test_check_reports_all_problems_of_a_file_in_file_order(
    tmp_path: Path, text: str, errors: list[Error]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    reported = check_errors(path)
    assert reported == lines(path, errors)
    assert len(reported) == len(errors) > 1


def test_check_accepts_the_examples() -> None:
    for example in sorted(EXAMPLES.glob("*.yaml")):
        result = invoke("check", str(example))
        assert result.exit_code == 0, result.output
        assert result.stderr == ""


def test_analyze_accepts_a_valid_scenario() -> None:
    result = invoke("analyze", str(EXAMPLES / "chicken.yaml"))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "Chicken" in result.stdout


def test_analyze_rejects_an_unknown_concept_with_a_suggestion() -> None:
    result = invoke("analyze", str(EXAMPLES / "chicken.yaml"), "--concepts", "nash,gmrr")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        "Invalid value for '--concepts': unknown concept 'gmrr' (did you mean 'gmr'?); "
        "expected some of nash, gmr, smr, seq, sim, seqsim"
    ) in unboxed(result.stderr)


def test_analyze_reports_an_invalid_scenario_like_check(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MANY_LOADER_PROBLEMS, encoding="utf-8")
    result = invoke("analyze", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == lines(path, MANY_LOADER_ERRORS)


def test_analyze_reports_an_unwritable_output_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.json"
    result = invoke("analyze", str(EXAMPLES / "chicken.yaml"), "--output", str(target))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"standoff: error: cannot write '{target}': No such file or directory"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["check"], "Missing argument 'FILE'.", id="missing-file-argument"),
        pytest.param(["chek", "x.yaml"], "No such command 'chek'. Did you mean 'check'", id="typo"),
        pytest.param(
            ["check", "x.yaml", "--every"], "No such option: --every", id="unknown-option"
        ),
        pytest.param(
            ["analyze", "x.yaml", "--format", "yaml"],
            "Invalid value for '--format' / '-f'",
            id="unknown-format",
        ),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in unboxed(result.stderr)


# -- the Python API --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "errors"), LOADER_CASES)
def test_loads_raises_every_problem(text: str, errors: list[Error]) -> None:
    with pytest.raises(ScenarioError) as raised:
        loads(text, "f.yaml")
    error = raised.value
    assert isinstance(error, ValueError)
    assert [str(diagnostic) for diagnostic in error.diagnostics] == lines("f.yaml", errors)
    assert [(d.location.line, d.location.column, d.message) for d in error.diagnostics] == errors
    assert str(error) == "\n".join(lines("f.yaml", errors))


@pytest.mark.parametrize(("text", "errors"), BUILD_CASES)
def test_build_conflict_raises_every_state_level_problem(text: str, errors: list[Error]) -> None:
    scenario = loads(text, "f.yaml")
    with pytest.raises(ScenarioError) as raised:
        build_conflict(scenario)
    assert isinstance(raised.value, ValueError)
    assert [str(diagnostic) for diagnostic in raised.value.diagnostics] == lines("f.yaml", errors)


def test_loads_reports_several_problems_at_once_in_file_order() -> None:
    with pytest.raises(ValueError, match="unknown key 'sorces'") as raised:
        loads(MANY_LOADER_PROBLEMS, "f.yaml")
    assert isinstance(raised.value, ScenarioError)
    diagnostics = raised.value.diagnostics
    assert [str(d) for d in diagnostics] == lines("f.yaml", MANY_LOADER_ERRORS)
    assert list(diagnostics) == sorted(diagnostics)


def test_too_large_scenarios_raise_scenario_too_large_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ScenarioTooLargeError, match="29 options"):
        build_conflict(loads(too_large_scenario(29), "f.yaml"))
    monkeypatch.setattr(_build, "MAX_STATES", 4)
    with pytest.raises(ScenarioTooLargeError, match="more than 4 feasible states") as raised:
        build_conflict(loads(too_large_scenario(3), "f.yaml"))
    assert isinstance(raised.value, ScenarioError)
    assert isinstance(raised.value, ValueError)


def test_load_reports_file_problems(tmp_path: Path) -> None:
    bad_bytes = tmp_path / "bad.yaml"
    bad_bytes.write_bytes(b"\xff\xfes\x00")
    cases = [
        (tmp_path, "is a directory (expected a scenario file)"),
        (tmp_path / "missing.yaml", "no such file"),
        (bad_bytes, "byte 0xff is not valid UTF-8 (scenario files must be UTF-8 text)"),
    ]
    for path, message in cases:
        with pytest.raises(ScenarioError) as raised:
            load(path)
        assert [str(d) for d in raised.value.diagnostics] == lines(path, [(1, 1, message)])


# -- positions inside quoted strings with escapes ------------------------------------------------


def test_column_after_an_escape_in_a_double_quoted_expression(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            standoff: 1
            title: T
            parties:
              US: {options: {strike: S, withdraw: W}}
              NK: {options: {invade: I}}
            conflict:
              infeasible:
                - "withdraw and\\x20stirke"
              preferences: {US: [strike], NK: [invade]}
            """
        ),
        encoding="utf-8",
    )
    # Escapes break the one-to-one map from characters to columns: report the string's start.
    message = f"'stirke' is not an option or a state name {STRIKE}"
    assert check_errors(path) == lines(path, [(8, 7, message)])


def test_a_scenario_without_conflict_passes_check_but_not_analyze(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("standoff: 1\ntitle: T\nparties: {A: {}}\n", encoding="utf-8")
    checked = invoke("check", str(path))
    assert checked.exit_code == 0
    assert "no 'conflict' section" in checked.stdout
    analysed = invoke("analyze", str(path))
    assert analysed.exit_code == 2
    assert analysed.stderr.splitlines() == lines(
        path, [(1, 1, "the scenario has no 'conflict' section to analyse")]
    )
    with pytest.raises(ScenarioError):
        build_conflict(loads(path.read_text(), str(path)))


# -- warnings: valid, but probably not what was meant ---------------------------------------------


def test_idle_statements_and_unmentioned_options_are_located_warnings(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            standoff: 1
            title: T
            parties:
              A: {options: {a: x, b: y, c: z}}
            conflict:
              infeasible: [a and b]
              preferences:
                A: [a, a and b, not a or true]
            """
        ),
        encoding="utf-8",
    )
    result = invoke("check", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{path}:4:29: warning: no party's preferences mention option 'c' (A), so no one cares "
        "whether it is taken",
        f"{path}:8:12: warning: statement 'a and b' of A's preferences holds in no feasible "
        "state, so it ranks nothing",
        f"{path}:8:21: warning: statement 'not a or true' of A's preferences holds in every "
        "feasible state, so it ranks nothing",
    ]


def test_an_option_mentioned_through_a_state_name_or_a_perception_draws_no_warning(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            standoff: 1
            title: T
            parties:
              A: {options: {a: x}}
              B: {options: {b: y, c: z}}
            conflict:
              states: {deal: a and b and not c}
              preferences:
                A: [deal]
                B: [not a]
            perceptions:
              A:
                preferences:
                  B: [c]
            """
        ),
        encoding="utf-8",
    )
    result = invoke("check", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
