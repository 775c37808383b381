"""The expression language of scenario files.

Expressions are Boolean formulas over option ids and state names (the ``conflict`` section),
or over comparisons of issues with their levels (the ``negotiation`` section:
``program == dismantlement``, ``exercises >= 50``). Grammar, loosest binding first::

    expression := implication ['iff' implication]
    implication := disjunction ['if' disjunction]   # "A if B": true when B is false or A is true
    disjunction := conjunction ('or' conjunction)*
    conjunction := negation ('and' negation)*
    negation    := 'not' negation | atom
    atom        := IDENTIFIER [COMPARATOR value] | 'true' | 'false' | '(' expression ')'
    COMPARATOR  := '==' | '!=' | '<' | '<=' | '>' | '>='
    value       := IDENTIFIER | NUMBER | 'quoted text' | "quoted text"

A value is read only right after a comparator, so a number anywhere else is still an error. What a
comparison means (which issue, how its levels are ordered) is for the section that uses it: the
parser only records it (:class:`Comparison`).

``if`` and ``iff`` do not chain without parentheses. An expression is parsed once, then compiled
into a function that evaluates it over a whole array of candidate states at a time.

Nothing here recurses deeper than the parentheses nest, and they may nest at most
:data:`~standoff.scenario._limits.MAX_EXPRESSION_DEPTH` levels: a chain of ``and`` (or ``or``) is
one node with many operands, however long, and a run of ``not`` is read in a loop and kept as one
``not`` or none.

Examples
--------
>>> import numpy as np
>>> expression = parse("strike and not withdraw")
>>> sorted(expression.names())
['strike', 'withdraw']
>>> codes = np.arange(4)                  # bit 0 = strike, bit 1 = withdraw
>>> bits = {"strike": codes & 1 == 1, "withdraw": codes & 2 == 2}
>>> expression.compile(lambda name: lambda c: bits[name])(codes).tolist()
[False, True, False, False]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from standoff.scenario._limits import MAX_EXPRESSION_DEPTH

__all__ = [
    "COMPARATORS",
    "RESERVED_WORDS",
    "Comparison",
    "Expression",
    "ExpressionSyntaxError",
    "Predicate",
    "parse",
]

RESERVED_WORDS = frozenset({"and", "or", "not", "if", "iff", "true", "false"})
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKEN = re.compile(
    r"\s*(?:(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<paren>[()])|(?P<compare>==|!=|<=|>=|<|>)"
    r"|(?P<other>\S))"
)
_VALUE = re.compile(
    r"\s*(?:(?P<number>[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)"
    r"|'(?P<single>[^']*)'|\"(?P<double>[^\"]*)\")"
)
COMPARATORS = ("==", "!=", "<", "<=", ">", ">=")
"""The comparison operators, as written."""

Codes = NDArray[np.int64]
Truth = NDArray[np.bool_]
Predicate = Callable[[Codes], Truth]
"""A compiled expression: decimal codes of states -> whether the expression holds at each."""


class ExpressionSyntaxError(ValueError):
    """A malformed expression; :attr:`offset` is the 0-based position of the offending token."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class _Name:
    name: str
    offset: int


@dataclass(frozen=True)
class Comparison:
    """``name OPERATOR value`` as written: ``value`` is the text of an identifier, a number or a
    quoted text (without its quotes); the offsets are those of the name and of the value."""

    name: str
    operator: str
    value: str
    offset: int
    value_offset: int


@dataclass(frozen=True)
class _Constant:
    value: bool


@dataclass(frozen=True)
class _Not:
    operand: _Node


@dataclass(frozen=True)
class _Chain:
    operator: str  # "and", "or"
    operands: tuple[_Node, ...]  # two or more


@dataclass(frozen=True)
class _Binary:
    operator: str  # "if", "iff"
    left: _Node
    right: _Node


_Node = _Name | Comparison | _Constant | _Not | _Chain | _Binary


@dataclass(frozen=True)
class Expression:
    """A parsed expression: its source text and syntax tree.

    Use :meth:`names` for the identifiers it mentions (with :meth:`name_offsets` for where), and
    :meth:`compile` to turn it into a vectorised :data:`Predicate`.
    """

    text: str
    root: _Node = field(repr=False)

    def name_offsets(self) -> Iterator[tuple[str, int]]:
        """Yield ``(identifier, offset in text)`` for every identifier outside a comparison, in
        text order."""
        found = [(node.name, node.offset) for node in self._leaves() if isinstance(node, _Name)]
        yield from sorted(found, key=lambda item: item[1])

    def comparisons(self) -> Iterator[Comparison]:
        """Yield every comparison, in text order.

        >>> [c.value for c in parse("a >= 50 or not (b == 'x y')").comparisons()]
        ['50', 'x y']
        """
        found = [node for node in self._leaves() if isinstance(node, Comparison)]
        yield from sorted(found, key=lambda node: node.offset)

    def _leaves(self) -> list[_Name | Comparison | _Constant]:
        stack: list[_Node] = [self.root]
        found: list[_Name | Comparison | _Constant] = []
        while stack:
            node = stack.pop()
            if isinstance(node, _Name | Comparison | _Constant):
                found.append(node)
            elif isinstance(node, _Not):
                stack.append(node.operand)
            elif isinstance(node, _Chain):
                stack.extend(node.operands)
            else:
                stack.extend((node.left, node.right))
        return found

    def names(self) -> frozenset[str]:
        """The identifiers the expression mentions."""
        return frozenset(name for name, _ in self.name_offsets())

    def compile(
        self,
        bind: Callable[[str], Predicate],
        compare: Callable[[Comparison], Predicate] | None = None,
    ) -> Predicate:
        """Compile into one vectorised predicate; ``bind`` gives each identifier's predicate and
        ``compare`` each comparison's.

        Raises
        ------
        ValueError
            When the expression holds a comparison and ``compare`` is not given.
        """
        return _compile(self.root, bind, compare)


def parse(text: str) -> Expression:
    """Parse ``text``; raise :class:`ExpressionSyntaxError` with the offset of the bad token."""
    parser = _Parser(text)
    root = parser.expression()
    parser.expect_end()
    return Expression(text, root)


_Compare = Callable[[Comparison], Predicate] | None


def _compile(node: _Node, bind: Callable[[str], Predicate], compare: _Compare) -> Predicate:
    if isinstance(node, _Name):
        return bind(node.name)
    if isinstance(node, Comparison):
        if compare is None:
            raise ValueError(f"no meaning given to the comparison '{node.name} {node.operator}'")
        return compare(node)
    if isinstance(node, _Constant):
        value = node.value
        return lambda codes: np.full(codes.shape, value, dtype=np.bool_)
    if isinstance(node, _Not):
        operand = _compile(node.operand, bind, compare)
        return lambda codes: np.logical_not(operand(codes))
    if isinstance(node, _Chain):
        return _compile_chain(node, bind, compare)
    left = _compile(node.left, bind, compare)
    right = _compile(node.right, bind, compare)
    if node.operator == "if":  # "A if B" = B implies A
        return lambda codes: np.logical_or(left(codes), np.logical_not(right(codes)))
    return lambda codes: np.equal(left(codes), right(codes))  # iff


def _compile_chain(node: _Chain, bind: Callable[[str], Predicate], compare: _Compare) -> Predicate:
    """One predicate for ``a and b and c ...`` (or ``or``): a loop over the operands."""
    operands = [_compile(operand, bind, compare) for operand in node.operands]
    combine = np.logical_and if node.operator == "and" else np.logical_or

    def chain(codes: Codes) -> Truth:
        result: Truth = operands[0](codes)
        for operand in operands[1:]:
            result = combine(result, operand(codes))
        return result

    return chain


def _shortened(text: str, limit: int = 80) -> str:
    """``text`` as a message quotes it: cut to ``limit`` characters, ending in "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "keyword", "paren", "compare", "value", "end"
    text: str
    offset: int


_EXPECTED_OPERAND = "an option, a state name, 'not', 'true', 'false' or '('"


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = list(self._tokenize(text))
        self.position = 0
        self.depth = 0  # parentheses open at the current token

    @staticmethod
    def _tokenize(text: str) -> Iterator[_Token]:
        position = 0
        after_comparator = False
        compared = (-1, -1)  # where a bare word after a comparator starts and ends
        while True:
            value = _VALUE.match(text, position) if after_comparator else None
            follows_comparator, after_comparator = after_comparator, False
            if value is not None:
                position = value.end()
                kinds = ("number", "single", "double")
                group = next(g for g in kinds if value.group(g) is not None)
                yield _Token("value", value.group(group), value.start(group))
                continue
            match = _TOKEN.match(text, position)
            if match is None:  # only whitespace remains
                yield _Token("end", "", len(text.rstrip()))
                return
            position = match.end()
            if match.group("word") is not None:
                word = match.group("word")
                kind = "keyword" if word in RESERVED_WORDS else "word"
                if follows_comparator:
                    compared = (match.start("word"), match.end("word"))
                yield _Token(kind, word, match.start("word"))
            elif match.group("paren") is not None:
                yield _Token("paren", match.group("paren"), match.start("paren"))
            elif match.group("compare") is not None:
                after_comparator = True
                yield _Token("compare", match.group("compare"), match.start("compare"))
            else:
                offset = match.start("other")
                character = match.group("other")
                meant = {"&": "and", "|": "or", "!": "not", "~": "not", "=": "=="}.get(character)
                hint = (
                    f"did you mean '{meant}'?"
                    if meant
                    else "expected an identifier, 'and', 'or', 'not', 'if', 'iff' or parentheses"
                )
                if offset == compared[1]:  # a level of several words, written bare
                    level = re.match(r"[^\s()]+", text[compared[0] :])
                    assert level is not None
                    hint = f"a level that is not a single word is quoted: '{level.group()}'"
                shown = _shortened(text)
                raise ExpressionSyntaxError(
                    f"unexpected character '{character}' in expression '{shown}' ({hint})", offset
                )

    def peek(self) -> _Token:
        return self.tokens[self.position]

    def advance(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def at_keyword(self, word: str) -> bool:
        token = self.peek()
        return token.kind == "keyword" and token.text == word

    def fail(self, token: _Token, expected: str) -> ExpressionSyntaxError:
        if token.kind != "end":
            message = f"unexpected '{token.text}' in expression '{_shortened(self.text)}'"
        elif self.text.strip():
            message = f"expression '{_shortened(self.text)}' ends too early"
        else:
            message = "empty expression"
        return ExpressionSyntaxError(f"{message} (expected {expected})", token.offset)

    def expect_end(self) -> None:
        token = self.peek()
        if token.kind != "end":
            if token.text == ")":
                raise ExpressionSyntaxError(
                    f"unmatched ')' in expression '{_shortened(self.text)}'", token.offset
                )
            raise self.fail(token, "an operator: 'and', 'or', 'if' or 'iff'")

    def expression(self) -> _Node:
        left = self.implication()
        if self.at_keyword("iff"):
            self.advance()
            left = _Binary("iff", left, self.implication())
            if self.at_keyword("iff"):
                raise ExpressionSyntaxError(
                    f"'iff' does not chain in expression '{_shortened(self.text)}': "
                    "add parentheses",
                    self.peek().offset,
                )
        return left

    def implication(self) -> _Node:
        left = self.disjunction()
        if self.at_keyword("if"):
            self.advance()
            left = _Binary("if", left, self.disjunction())
            if self.at_keyword("if"):
                raise ExpressionSyntaxError(
                    f"'if' does not chain in expression '{_shortened(self.text)}': add parentheses",
                    self.peek().offset,
                )
        return left

    def disjunction(self) -> _Node:
        operands = [self.conjunction()]
        while self.at_keyword("or"):
            self.advance()
            operands.append(self.conjunction())
        return operands[0] if len(operands) == 1 else _Chain("or", tuple(operands))

    def conjunction(self) -> _Node:
        operands = [self.negation()]
        while self.at_keyword("and"):
            self.advance()
            operands.append(self.negation())
        return operands[0] if len(operands) == 1 else _Chain("and", tuple(operands))

    def negation(self) -> _Node:
        negated = False
        while self.at_keyword("not"):  # "not not a" is "a"
            self.advance()
            negated = not negated
        atom = self.atom()
        return _Not(atom) if negated else atom

    def atom(self) -> _Node:
        token = self.advance()
        if token.kind == "word":
            if self.peek().kind == "compare":
                operator = self.advance().text
                value = self.advance()
                if value.kind not in ("word", "value"):
                    raise self.fail(value, "a level or a number")
                return Comparison(token.text, operator, value.text, token.offset, value.offset)
            return _Name(token.text, token.offset)
        if token.kind == "keyword" and token.text in ("true", "false"):
            return _Constant(token.text == "true")
        if token.text == "(":
            if self.depth == MAX_EXPRESSION_DEPTH:
                raise ExpressionSyntaxError(
                    f"parentheses nest more than {MAX_EXPRESSION_DEPTH} levels deep in "
                    f"expression '{_shortened(self.text)}' (the limit)",
                    token.offset,
                )
            self.depth += 1
            inner = self.expression()
            self.depth -= 1
            closing = self.peek()
            if closing.text != ")":
                if closing.kind == "end":
                    raise ExpressionSyntaxError(
                        f"missing ')' in expression '{_shortened(self.text)}' "
                        f"(the '(' at column {token.offset + 1} of the expression is not closed)",
                        closing.offset,
                    )
                raise self.fail(closing, "')' or an operator")
            self.advance()
            return inner
        raise self.fail(token, _EXPECTED_OPERAND)
