"""What the fuzzer starts from: the shipped examples, and the values and fragments it plants.

The seeds are the scenario files in ``examples/``, read once as text and as a YAML tree. The
boundary values are the scalars, strings and collections that have broken or nearly broken
standoff before (see issue 13): numbers out of every range, markup that rich would read, control
characters, lone surrogates, empty collections. The fragments are pieces of valid scenario
syntax that the examples do not use (strategy parameters, irreversible options, coalitions,
rankings), so that mutations reach the code that reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "BOUNDARY_NUMBERS",
    "BOUNDARY_STRINGS",
    "EXAMPLES",
    "FRAGMENTS",
    "TOKENS",
    "Seed",
    "seeds",
]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@dataclass(frozen=True)
class Seed:
    """One shipped example: its file name, its text and what it supports."""

    name: str
    text: str
    tree: dict[str, Any]

    @property
    def parties(self) -> list[str]:
        """The party ids, in file order."""
        parties = self.tree.get("parties")
        return [str(p) for p in parties] if isinstance(parties, dict) else []

    @property
    def movers(self) -> list[str]:
        """The parties with options."""
        parties = self.tree.get("parties") or {}
        return [
            str(p) for p, body in parties.items() if isinstance(body, dict) and body.get("options")
        ]

    @property
    def options(self) -> int:
        """The number of options."""
        parties = self.tree.get("parties") or {}
        return sum(
            len(body["options"])
            for body in parties.values()
            if isinstance(body, dict) and isinstance(body.get("options"), dict)
        )

    def has(self, *path: str) -> bool:
        """Whether the tree has this path of keys (``has("negotiation", "protocol")``)."""
        node: Any = self.tree
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return False
            node = node[key]
        return True


@cache
def seeds() -> tuple[Seed, ...]:
    """Every example (those in ``examples/`` and its folders), sorted by path."""
    found = []
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        tree = yaml.load(text, Loader=yaml.CSafeLoader)
        found.append(Seed(path.relative_to(EXAMPLES).as_posix(), text, tree))
    return tuple(found)


BOUNDARY_NUMBERS: tuple[object, ...] = (
    0,
    -1,
    1,
    2,
    -0.0,
    0.5,
    1.0000001,
    -1e-300,
    5e-324,
    28,
    29,
    64,
    65,
    10_000,
    10_001,
    100_000,
    100_001,
    2**22 + 1,
    2**31,
    2**63,
    10**19,
    10**30,
    10**400,
    1e19,
    1e200,
    1e308,
    -1e308,
    float("inf"),
    float("-inf"),
    float("nan"),
    True,
    None,
)
"""Numbers at and beyond every limit the scenario format states, and the odd ones."""

BOUNDARY_STRINGS: tuple[str, ...] = (
    "",
    " ",
    "[/]",
    "a [b] c",
    "[bold red]x[/bold red]",
    "[link=file:///etc/passwd]x[/link]",
    ":warning:",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\x00",
    "\r",
    "x\ny",
    "x\r\ny",
    "\t",
    "\x7f\x85\u2028\u2029",
    "\ud800",
    "\udfff",
    "\udcff",
    "\u202eevil",
    "\ufeff",
    "名前",
    "😀",
    "a" * 5000,
    "yes",
    "null",
    "~",
    "1",
    "0x10",
    "1e999",
    "nan",
    "Y",
    "NNNN",
    "not",
    "and",
    "iff",
    "true",
    "(",
    "((((((((",
    "a and",
    "--help",
    "%s%n{0}",
    "<script>alert(1)</script>",
    "`code` *em* | table |",
    "$(echo x)",
    "../../../../etc/passwd",
)
"""Strings that exercise escaping, encoding, markup and parsing."""

TOKENS: tuple[bytes, ...] = (
    b":",
    b": ",
    b"- ",
    b"-",
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b"!!binary ",
    b"!!python/object/apply:os.system ['true']",
    b"!!str ",
    b"!!int ",
    b"!!float ",
    b"!!set ",
    b"!!omap ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"'",
    b'"',
    b'"\\ud800"',
    b'"\\x1b[2J"',
    b'"\\0"',
    b"\t",
    b"\n",
    b"\r",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"%TAG ! tag:x,2000:\n",
    b"? ",
    b"|",
    b">",
    b"#",
    b",",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\x00",
    b"\xe2\x80\xa8",
    b"\xc2\x85",
    b"[/]",
    b"not not not not not not not not ",
    b" and ",
    b" or ",
    b" iff ",
    b" if ",
    b"(",
    b")",
    b"1e999",
    b"-.inf",
    b".nan",
    b"99999999999999999999999999999",
)
"""Byte strings the text mutations insert: YAML syntax, tags, encodings, expression words."""


def _strategies(name: str, parameters: dict[str, object]) -> dict[str, object]:
    return {name: parameters}


FRAGMENTS: tuple[tuple[tuple[str, ...], object], ...] = (
    (("conflict", "irreversible"), "OPTION_IRREVERSIBLE"),
    (("conflict", "mutually_exclusive"), "OPTION_GROUP"),
    (("conflict", "exactly_one"), "OPTION_GROUP"),
    (("conflict", "coalitions"), "PARTY_GROUP"),
    (("conflict", "forbidden_moves"), "FORBIDDEN_MOVE"),
    (("conflict", "preferences", "MOVER"), "RANKING"),
    (("conflict", "infeasible"), "OPTION_EXPRESSION"),
    (("perceptions", "MOVER", "unaware_of"), "OPTION_LIST"),
    (("negotiation", "protocol", "strategies", "PARTY"), _strategies("stall", {"window": 4})),
    (("negotiation", "protocol", "strategies", "PARTY"), _strategies("bluster", {"cave": 2})),
    (
        ("negotiation", "protocol", "strategies", "PARTY"),
        _strategies("bayesian", {"hypotheses": 21, "noise": 0.1}),
    ),
    (
        ("negotiation", "protocol", "strategies", "PARTY"),
        _strategies("boulware", {"exponent": 0.2}),
    ),
    (
        ("negotiation", "protocol", "strategies", "PARTY"),
        _strategies("tit_for_tat", {"reciprocity": 1, "kindness": 0.05}),
    ),
    (("negotiation", "protocol", "strategies", "PARTY"), "rubinstein"),
    (("negotiation", "protocol", "strategies", "PARTY"), "hardliner"),
    (("negotiation", "protocol", "uncertain", "breakdown"), {"normal": [0.1, 0.05]}),
    (("negotiation", "protocol", "uncertain", "deadline.PARTY"), {"choice": [3, "none"]}),
    (("negotiation", "protocol", "rounds"), 100_000),
    (("negotiation", "protocol", "deadline", "PARTY"), 1),
    (("negotiation", "protocol", "discount", "PARTY"), 0.5),
    (("negotiation", "issues", "NEW_ISSUE"), {"range": [0, 1], "steps": 10_000}),
    (("negotiation", "issues", "NEW_ISSUE"), ["only"]),
    (("negotiation", "utilities", "PARTY", "values", "ISSUE"), {}),
    (("negotiation", "utilities", "PARTY", "weights"), {}),
    (("negotiation", "batna", "PARTY"), {"alternatives": {}}),
    (("negotiation", "beliefs", "PARTY"), {"PARTY": {"batna": 0.5}}),
)
"""Where a fragment goes, and the fragment. Upper-case names in the path are filled from the
scenario (a party with options, any party, an issue, a new id); upper-case string fragments are
built from the scenario's options and parties when planted."""
