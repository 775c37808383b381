"""The fuzzer's own robustness: an input it makes must not hang the fuzzer itself."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))

import fuzz
import mutations


def test_party_ids_skip_nested_entries_that_would_take_forever_to_write() -> None:
    """Seed 22, input 15,559: parties mutated into a list of lists shared through YAML aliases,
    whose text doubles with every level, hung the generator (here 2²⁰ entries, which the old
    code wrote out in about a second, into the list of ids)."""
    nested: list[object] = ["x"]
    for _ in range(20):
        nested = [nested, nested]
    tree = {"parties": ["US", nested, 7, {"a": nested}]}
    assert mutations._parties(tree) == ["US", "7"]
    assert mutations._parties({"parties": {"US": None, "NK": {}}}) == ["US", "NK"]


def test_an_input_too_slow_to_make_again_gives_no_reproducer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The harness makes a lost input again for its reproducer; where the worker hung in the
    generator itself, that would hang the harness too, so it gives up after the time limit."""

    def slow(run_seed: int, index: int) -> object:
        time.sleep(5)
        return (run_seed, index)

    monkeypatch.setattr(fuzz, "generate", slow)
    assert fuzz._regenerate(1, 2, 0.05) is None
    monkeypatch.setattr(fuzz, "generate", lambda run_seed, index: (run_seed, index))
    assert fuzz._regenerate(1, 2, 0.05) == (1, 2)
