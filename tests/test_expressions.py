"""The expression language: grammar, precedence and vectorised evaluation."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standoff.scenario import ExpressionSyntaxError, parse

NAMES = ("a", "b", "c")
CODES = np.arange(8, dtype=np.int64)


def truth(text: str) -> list[bool]:
    """The expression's value at each of the 8 assignments of a, b, c (bit 0 = a)."""
    bits = {name: (CODES >> k) & 1 == 1 for k, name in enumerate(NAMES)}
    predicate = parse(text).compile(lambda name: lambda codes: bits[name][codes])
    return [bool(value) for value in predicate(CODES)]


def expected(function: object) -> list[bool]:
    assert callable(function)
    return [bool(function(*(bool(code >> k & 1) for k in range(3)))) for code in range(8)]


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        pytest.param("a and b or c", lambda a, b, c: (a and b) or c, id="and-binds-tighter"),
        pytest.param("a or b and c", lambda a, b, c: a or (b and c), id="or-looser"),
        pytest.param("not a and b", lambda a, b, c: (not a) and b, id="not-tightest"),
        pytest.param("a if b", lambda a, b, c: a or not b, id="if-is-reverse-implication"),
        pytest.param("a if b or c", lambda a, b, c: a or not (b or c), id="if-looser-than-or"),
        pytest.param("a iff b if c", lambda a, b, c: a == (b or not c), id="iff-loosest"),
        pytest.param("(a iff b) iff c", lambda a, b, c: (a == b) == c, id="iff-parenthesised"),
        pytest.param("not (a or b)", lambda a, b, c: not (a or b), id="parentheses"),
        pytest.param("true and not false", lambda a, b, c: True, id="constants"),
        pytest.param("not not a", lambda a, b, c: a, id="double-negation"),
    ],
)
def test_semantics(text: str, meaning: object) -> None:
    assert truth(text) == expected(meaning)


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        pytest.param("a and and b", 6, "unexpected 'and'", id="double-operator"),
        pytest.param("a and", 5, "expression 'a and' ends too early", id="dangling"),
        pytest.param("(a or b", 7, "missing ')'", id="unclosed"),
        pytest.param("a or b)", 6, "unmatched ')'", id="unmatched"),
        pytest.param("a & b", 2, "unexpected character '&'", id="bad-character"),
        pytest.param("a if b if c", 7, "'if' does not chain", id="if-chain"),
        pytest.param("a iff b iff c", 8, "'iff' does not chain", id="iff-chain"),
        pytest.param("a b", 2, "unexpected 'b'", id="missing-operator"),
        pytest.param("", 0, "empty expression", id="empty"),
    ],
)
def test_syntax_errors_point_at_the_token(text: str, offset: int, message: str) -> None:
    with pytest.raises(ExpressionSyntaxError) as caught:
        parse(text)
    assert caught.value.offset == offset
    assert caught.value.message.startswith(message)


def test_names_and_offsets() -> None:
    expression = parse("strike and not (withdraw or strike)")
    assert list(expression.name_offsets()) == [("strike", 0), ("withdraw", 16), ("strike", 28)]
    assert expression.names() == {"strike", "withdraw"}


OPERATORS = {
    "and": lambda x, y: x and y,
    "or": lambda x, y: x or y,
    "if": lambda x, y: x or not y,
    "iff": lambda x, y: x == y,
}
trees = st.recursive(
    st.sampled_from((*NAMES, "true", "false")),
    lambda inner: st.one_of(
        st.tuples(st.just("not"), inner),
        st.tuples(st.sampled_from(sorted(OPERATORS)), inner, inner),
    ),
    max_leaves=8,
)


def render(tree: object) -> str:
    if isinstance(tree, str):
        return tree
    assert isinstance(tree, tuple)
    if tree[0] == "not":
        return f"not ({render(tree[1])})"
    return f"({render(tree[1])}) {tree[0]} ({render(tree[2])})"


def evaluate(tree: object, values: dict[str, bool]) -> bool:
    if isinstance(tree, str):
        return {"true": True, "false": False}.get(tree, values.get(tree, False))
    assert isinstance(tree, tuple)
    if tree[0] == "not":
        return not evaluate(tree[1], values)
    return bool(OPERATORS[tree[0]](evaluate(tree[1], values), evaluate(tree[2], values)))


@settings(max_examples=200)
@given(trees)
def test_vectorised_evaluation_matches_python(tree: object) -> None:
    assignments = [
        dict(zip(NAMES, bits, strict=True)) for bits in itertools.product((False, True), repeat=3)
    ]
    by_code = {sum(v << k for k, v in enumerate(a.values())): a for a in assignments}
    assert truth(render(tree)) == [evaluate(tree, by_code[code]) for code in range(8)]
