"""Mutations of a scenario: on its YAML tree, and on the bytes of its text.

A tree mutation works on the Python objects of a parsed example (dicts, lists, scalars): it
deletes, duplicates or swaps keys and list items, plants boundary values and fragments, renames
ids, shares a subtree so that the file gets an anchor and aliases, and grows lists. Text that
YAML cannot carry as a value (hundreds of nested brackets, an alias bomb) is planted as a
placeholder string and put in by :func:`dump` after the tree is written out. A text mutation
works on the bytes: flips, inserts, deletes, YAML tokens, line moves, truncation.

Every mutation takes a :class:`random.Random` and is a pure function of it, so that an input is
a function of (seed, index) and can be made again from them.
"""

from __future__ import annotations

import contextlib
import copy
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from corpus import BOUNDARY_NUMBERS, BOUNDARY_STRINGS, FRAGMENTS, TOKENS, seeds

__all__ = ["GENTLE_MUTATIONS", "TEXT_MUTATIONS", "TREE_MUTATIONS", "Draft", "dump"]

Slot = tuple[Any, Any]
"""A place in the tree: a container and a key (a dict key or a list index)."""

MAX_SLOTS = 20_000
"""The places of a tree a mutation chooses from (the tree may have grown much larger)."""


@dataclass
class Draft:
    """A scenario being mutated: its tree, and the raw text of each placeholder in it."""

    tree: Any
    raw: dict[str, bytes] = field(default_factory=dict)

    def placeholder(self, text: bytes) -> str:
        """A string to put in the tree that :func:`dump` replaces by ``text``."""
        name = f"RAW{len(self.raw)}PLACEHOLDER"
        self.raw[name] = text
        return name


def dump(draft: Draft) -> bytes:
    """The draft as YAML text, its placeholders replaced."""
    try:
        text = yaml.dump(
            draft.tree, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100
        )
    except (UnicodeEncodeError, yaml.YAMLError):
        text = yaml.dump(
            draft.tree, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True, width=100
        )
    data = text.encode("utf-8", "surrogatepass")
    for name, raw in draft.raw.items():
        data = data.replace(name.encode(), raw)
    return data


# --- the tree ------------------------------------------------------------------------------


def _slots(node: Any) -> Iterator[Slot]:
    """Every place in the tree, each shared collection visited once, at most ``MAX_SLOTS``."""
    seen: set[int] = set()
    stack = [node]
    count = 0
    while stack and count < MAX_SLOTS:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        keys = list(item) if isinstance(item, dict) else range(len(item))
        for key in keys:
            count += 1
            yield item, key
            if isinstance(item[key], (dict, list)):
                stack.append(item[key])


def _pick_slot(rng: random.Random, tree: Any, containers: bool = False) -> Slot | None:
    slots = [(c, k) for c, k in _slots(tree) if not containers or isinstance(c[k], (dict, list))]
    return rng.choice(slots) if slots else None


def _boundary(rng: random.Random) -> object:
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(BOUNDARY_NUMBERS)
    if roll < 0.85:
        return rng.choice(BOUNDARY_STRINGS)
    return rng.choice([[], {}, [[]], {"": None}, [None], {None: None}, "", [""], {"a": {}}])


def _ids(tree: Any) -> list[str]:
    """Every id the scenario defines: parties, options, state names, issues and their levels."""
    found: list[str] = []
    parties = tree.get("parties") if isinstance(tree, dict) else None
    if isinstance(parties, dict):
        for party, body in parties.items():
            found.append(str(party))
            if isinstance(body, dict) and isinstance(body.get("options"), dict):
                found.extend(str(o) for o in body["options"])
    conflict = tree.get("conflict") if isinstance(tree, dict) else None
    if isinstance(conflict, dict) and isinstance(conflict.get("states"), dict):
        found.extend(str(s) for s in conflict["states"])
    negotiation = tree.get("negotiation") if isinstance(tree, dict) else None
    if isinstance(negotiation, dict) and isinstance(negotiation.get("issues"), dict):
        for issue, levels in negotiation["issues"].items():
            found.append(str(issue))
            if isinstance(levels, list):
                found.extend(str(level) for level in levels if isinstance(level, str))
    return found


def _options(tree: Any) -> list[str]:
    parties = tree.get("parties") if isinstance(tree, dict) else None
    options: list[str] = []
    if isinstance(parties, dict):
        for body in parties.values():
            if isinstance(body, dict) and isinstance(body.get("options"), dict):
                options.extend(str(o) for o in body["options"])
    return options or ["x"]


def _rename(node: Any, old: str, new: str, rng: random.Random, every: bool) -> Any:
    pattern = re.compile(rf"(?<![\w.]){re.escape(old)}(?![\w])")

    done: dict[int, Any] = {}  # a shared collection stays shared (and is renamed once)

    def visit(item: Any) -> Any:
        if isinstance(item, (dict, list)) and id(item) in done:
            return done[id(item)]
        if isinstance(item, dict):
            result: Any = {}
            done[id(item)] = result
            for key, value in item.items():
                renamed = new if key == old and (every or rng.random() < 0.5) else key
                result[renamed] = visit(value)
            return result
        if isinstance(item, list):
            result = []
            done[id(item)] = result
            result.extend(visit(value) for value in item)
            return result
        if isinstance(item, str) and (every or rng.random() < 0.5):
            return pattern.sub(lambda _: new, item)
        return item

    return visit(node)


def delete(rng: random.Random, draft: Draft) -> None:
    """Delete a key or a list item."""
    slot = _pick_slot(rng, draft.tree)
    if slot is not None:
        container, key = slot
        del container[key]


def duplicate(rng: random.Random, draft: Draft) -> None:
    """Duplicate a list item, or copy a key's value under a new key."""
    slot = _pick_slot(rng, draft.tree)
    if slot is None:
        return
    container, key = slot
    if isinstance(container, list):
        container.insert(key, copy.deepcopy(container[key]))
    else:
        container[f"{key}_copy"] = copy.deepcopy(container[key])


def swap(rng: random.Random, draft: Draft) -> None:
    """Swap two subtrees (siblings half of the time)."""
    first = _pick_slot(rng, draft.tree)
    if first is None:
        return
    container = first[0]
    if rng.random() < 0.5 and len(container) > 1:
        other = rng.choice(
            list(container) if isinstance(container, dict) else range(len(container))
        )
        second: Slot = (container, other)
    else:
        picked = _pick_slot(rng, draft.tree)
        if picked is None:
            return
        second = picked
    (a, ka), (b, kb) = first, second
    with contextlib.suppress(KeyError, IndexError):  # the second was inside the first
        a[ka], b[kb] = b[kb], a[ka]


def boundary(rng: random.Random, draft: Draft) -> None:
    """Replace a value (a scalar, mostly) by a boundary value."""
    slots = list(_slots(draft.tree))
    if not slots:
        return
    scalars = [(c, k) for c, k in slots if not isinstance(c[k], (dict, list))]
    container, key = rng.choice(scalars if scalars and rng.random() < 0.8 else slots)
    old = container[key]
    if rng.random() < 0.7 and isinstance(old, (int, float)) and not isinstance(old, bool):
        container[key] = rng.choice(BOUNDARY_NUMBERS)  # the same kind of value, out of range
    elif rng.random() < 0.7 and isinstance(old, str):
        container[key] = rng.choice(BOUNDARY_STRINGS)
    else:
        container[key] = _boundary(rng)


def boundary_key(rng: random.Random, draft: Draft) -> None:
    """Replace a mapping key by a boundary value."""
    slots = [(c, k) for c, k in _slots(draft.tree) if isinstance(c, dict)]
    if not slots:
        return
    container, key = rng.choice(slots)
    new = _boundary(rng)
    if isinstance(new, (dict, list)):
        new = str(new)
    items = [(new if k == key else k, v) for k, v in container.items()]
    container.clear()
    container.update(items)


def splice(rng: random.Random, draft: Draft) -> None:
    """Replace a subtree by a copy of a subtree of any example."""
    target = _pick_slot(rng, draft.tree)
    source = _pick_slot(rng, rng.choice(seeds()).tree)
    if target is not None and source is not None:
        container, key = target
        container[key] = copy.deepcopy(source[0][source[1]])


def rename(rng: random.Random, draft: Draft) -> None:
    """Rename an id everywhere (or in some places only), to another id or a boundary string."""
    ids = _ids(draft.tree)
    if not ids:
        return
    old = rng.choice(ids)
    roll = rng.random()
    if roll < 0.3:
        new = rng.choice(ids)
    elif roll < 0.8:
        new = rng.choice(BOUNDARY_STRINGS)
    else:
        new = old + rng.choice(["_", "x", "2", "é", " ", "-", "."]) + old[:3]
    draft.tree = _rename(draft.tree, old, new, rng, every=rng.random() < 0.7)


def share(rng: random.Random, draft: Draft) -> None:
    """Make two places hold the same collection, written as an anchor and an alias."""
    source = _pick_slot(rng, draft.tree, containers=True)
    target = _pick_slot(rng, draft.tree)
    if source is None or target is None:
        return
    shared = source[0][source[1]]
    inside = {id(shared)} | {id(c) for c, _ in _slots(shared)}
    if id(target[0]) not in inside:  # no cycles: YAML can write them, but the writer is slow
        container, key = target
        container[key] = shared


def alias_bomb(rng: random.Random, draft: Draft) -> None:
    """A small subtree that expands enormously when its aliases are followed."""
    width, depth = rng.choice([(2, 4), (5, 5), (9, 9), (10, 12)])
    level: Any = ["lol"] * width
    for _ in range(depth):
        level = [level] * width
    target = _pick_slot(rng, draft.tree)
    if target is not None and rng.random() < 0.8:
        container, key = target
        container[key] = level
    elif isinstance(draft.tree, dict):
        draft.tree["sources"] = level


def deep_nesting(rng: random.Random, draft: Draft) -> None:
    """Hundreds or thousands of nested brackets, parentheses or ``not``."""
    depth = rng.choice([50, 200, 999, 1001, 5000, 50_000])
    option = rng.choice(_options(draft.tree))
    text = rng.choice(
        [
            "[" * depth + "]" * depth,
            "{a: " * depth + "1" + "}" * depth,
            "'" + "(" * depth + option + ")" * depth + "'",
            "'" + "not " * depth + option + "'",
            "'" + " and ".join([option] * depth) + "'",
            "'" + " or ".join([option] * depth) + "'",
            "'" + " iff ".join([option] * depth) + "'",
            "'" + " if ".join([option] * depth) + "'",
        ]
    )
    target = _pick_slot(rng, draft.tree)
    if target is not None:
        container, key = target
        container[key] = draft.placeholder(text.encode())


def state_chain(rng: random.Random, draft: Draft) -> None:
    """State names defined through a long chain (or a cycle) of other state names."""
    conflict = draft.tree.get("conflict") if isinstance(draft.tree, dict) else None
    if not isinstance(conflict, dict):
        return
    length = rng.choice([3, 100, 999, 3000])
    option = rng.choice(_options(draft.tree))
    states: dict[str, Any] = {"chain0": option}
    for i in range(1, length):
        states[f"chain{i}"] = f"chain{i - 1}"
    if rng.random() < 0.3:
        states["chain0"] = f"chain{length - 1}"
    existing = conflict.get("states")
    conflict["states"] = {**(existing if isinstance(existing, dict) else {}), **states}


def grow(rng: random.Random, draft: Draft) -> None:
    """Make a list or a mapping very long: repeats, near-misses of ids, many levels."""
    slots = [(c, k) for c, k in _slots(draft.tree) if isinstance(c[k], (list, dict)) and c[k]]
    if not slots:
        return
    container, key = rng.choice(slots)
    # the largest size finds what is quadratic, but one such input costs as much as a hundred
    # small ones: it comes one time in twelve
    count = rng.choices([100, 1000, 5000, 30_000], [4, 4, 3, 1])[0]
    node = container[key]
    ids = _ids(draft.tree) or ["x"]
    if isinstance(node, list):  # written as flow text: the YAML writer is slow on long lists
        if rng.random() < 0.5:
            items = [f"{rng.choice(ids)}_{i}" for i in range(count)]
        else:
            scalars = [v for v in node if not isinstance(v, (dict, list)) and len(str(v)) < 40]
            scalars = scalars or ["x"]
            items = [rng.choice(scalars) for _ in range(count)]
        text = "[" + ", ".join(json.dumps(item) for item in items) + "]"
    else:
        values = [v for v in node.values() if not isinstance(v, (dict, list)) and len(str(v)) < 40]
        values = values or [0.5]
        pairs = (
            f"{json.dumps(f'{rng.choice(ids)}{i}')}: {json.dumps(rng.choice(values))}"
            for i in range(count)
        )
        text = "{" + ", ".join(pairs) + "}"
    container[key] = draft.placeholder(text.encode("utf-8", "surrogatepass"))


def retype(rng: random.Random, draft: Draft) -> None:
    """Change the type of a value: a mapping to a list, a list to a mapping, a scalar to both."""
    slot = _pick_slot(rng, draft.tree)
    if slot is None:
        return
    container, key = slot
    node = container[key]
    if isinstance(node, dict):
        container[key] = rng.choice([list(node), list(node.values()), [node]])
    elif isinstance(node, list):
        container[key] = {str(i): v for i, v in enumerate(node)} if node else {}
    else:
        container[key] = rng.choice([[node], {str(node): node}, str(node), None])


def _parties(tree: Any) -> list[str]:
    """The party ids: a mapping's keys, or a list's scalar entries (a list mutated into nested
    lists through YAML aliases would take exponential time to write out)."""
    parties = tree.get("parties") if isinstance(tree, dict) else None
    if isinstance(parties, dict):
        return [str(p) for p in parties]
    if isinstance(parties, list):
        return [str(p) for p in parties if not isinstance(p, (dict, list))]
    return []


def _fill(rng: random.Random, tree: Any, name: str) -> str:
    parties = _parties(tree)
    negotiation = tree.get("negotiation") if isinstance(tree, dict) else None
    issues = (
        [str(i) for i in negotiation.get("issues", {})]
        if isinstance(negotiation, dict) and isinstance(negotiation.get("issues"), dict)
        else []
    )
    choices = {
        "MOVER": parties,
        "PARTY": parties,
        "ISSUE": issues,
        "NEW_ISSUE": [f"issue{rng.randrange(100)}"],
    }.get(name)
    if choices is None:
        return name.replace("PARTY", rng.choice(parties or ["P"]))
    return rng.choice(choices or ["x"])


def fragment(rng: random.Random, draft: Draft) -> None:
    """Plant a piece of valid syntax the examples do not use, often with a boundary value."""
    if not isinstance(draft.tree, dict):
        return
    path, value = rng.choice(FRAGMENTS)
    if path[0] not in draft.tree and rng.random() < 0.9:
        return  # a fragment of a section the scenario lacks would only be an error
    options = _options(draft.tree)
    parties = _parties(draft.tree)
    built: Any = copy.deepcopy(value)
    if built == "OPTION_IRREVERSIBLE":
        built = {o: rng.choice(["once_taken", "once_dropped"]) for o in options}
    elif built in ("OPTION_GROUP", "OPTION_LIST"):
        built = [rng.sample(options, min(len(options), rng.randint(1, 3)))]
        built = built[0] if value == "OPTION_LIST" else built
    elif built == "PARTY_GROUP":
        built = [parties[:]] if parties else [[]]
    elif built == "FORBIDDEN_MOVE":
        built = [
            {"party": rng.choice(parties or ["P"]), "from": options[0], "to": f"not {options[0]}"}
        ]
    elif built == "RANKING":
        built = {"ranking": [options[0], [f"not {options[0]}"]]}
    elif built == "OPTION_EXPRESSION":
        built = [" and ".join(rng.sample(options, min(len(options), 2)))]
    if rng.random() < 0.5 and isinstance(built, dict):
        leaves = [(c, k) for c, k in _slots(built) if not isinstance(c[k], (dict, list))]
        if leaves:
            container, key = rng.choice(leaves)
            container[key] = _boundary(rng)
    node = draft.tree
    for step in path[:-1]:
        name = _fill(rng, draft.tree, step) if step.isupper() else step
        if not isinstance(node, dict):
            return
        if not isinstance(node.get(name), dict):
            node[name] = {}
        node = node[name]
    last = path[-1]
    if isinstance(node, dict):
        name = _fill(rng, draft.tree, last) if any(c.isupper() for c in last) else last
        node[name] = built


# --- the text ------------------------------------------------------------------------------


def _position(rng: random.Random, data: bytearray) -> int:
    return rng.randrange(len(data) + 1)


def flip(rng: random.Random, data: bytearray) -> None:
    """Flip a bit, or set a byte to any value."""
    if data:
        i = rng.randrange(len(data))
        data[i] = data[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.5 else rng.randrange(256)


def insert_byte(rng: random.Random, data: bytearray) -> None:
    """Insert one random byte."""
    data.insert(_position(rng, data), rng.randrange(256))


def insert_token(rng: random.Random, data: bytearray) -> None:
    """Insert a YAML token, an encoding oddity or an expression word."""
    i = _position(rng, data)
    data[i:i] = rng.choice(TOKENS)


def erase(rng: random.Random, data: bytearray) -> None:
    """Delete a run of bytes."""
    i = _position(rng, data)
    del data[i : i + rng.randint(1, 40)]


def repeat(rng: random.Random, data: bytearray) -> None:
    """Duplicate a run of bytes in place."""
    i = _position(rng, data)
    data[i:i] = data[i : i + rng.randint(1, 80)]


def _lines(data: bytearray) -> list[bytes]:
    return bytes(data).split(b"\n")


def _set_lines(data: bytearray, lines: list[bytes]) -> None:
    data[:] = b"\n".join(lines)


def move_lines(rng: random.Random, data: bytearray) -> None:
    """Delete, duplicate, swap, indent or dedent a line."""
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    action = rng.randrange(5)
    if action == 0:
        del lines[i]
    elif action == 1:
        lines.insert(j, lines[i])
    elif action == 2:
        lines[i], lines[j] = lines[j], lines[i]
    elif action == 3:
        lines[i] = rng.choice([b"  ", b" ", b"\t", b"    "]) + lines[i]
    else:
        lines[i] = lines[i][rng.randint(1, 4) :]
    _set_lines(data, lines)


def replace_word(rng: random.Random, data: bytearray) -> None:
    """Replace a word by another word of the file, or a value after ``: `` by a boundary."""
    words = list(re.finditer(rb"[A-Za-z_][\w]*", bytes(data)))
    if not words:
        return
    target = rng.choice(words)
    if rng.random() < 0.5:
        new = rng.choice(words).group()
    else:
        raw = rng.choice(BOUNDARY_STRINGS + tuple(str(n) for n in BOUNDARY_NUMBERS))
        new = raw.encode("utf-8", "surrogatepass")
    data[target.start() : target.end()] = new


def truncate(rng: random.Random, data: bytearray) -> None:
    """Cut the file short."""
    del data[_position(rng, data) :]


def line_endings(rng: random.Random, data: bytearray) -> None:
    """Windows or old-Mac line endings, or tabs for indentation."""
    data[:] = rng.choice(
        [
            bytes(data).replace(b"\n", b"\r\n"),
            bytes(data).replace(b"\n", b"\r"),
            bytes(data).replace(b"\n  ", b"\n\t"),
            b"\xef\xbb\xbf" + bytes(data),
            bytes(data).decode("utf-8", "replace").encode("utf-16"),
        ]
    )


TreeMutation = Callable[[random.Random, Draft], None]
TextMutation = Callable[[random.Random, bytearray], None]

TREE_MUTATIONS: tuple[tuple[TreeMutation, int], ...] = (
    (delete, 10),
    (duplicate, 6),
    (swap, 6),
    (boundary, 22),
    (boundary_key, 4),
    (splice, 6),
    (rename, 10),
    (share, 3),
    (alias_bomb, 1),
    (deep_nesting, 2),
    (state_chain, 1),
    (grow, 2),
    (retype, 6),
    (fragment, 12),
)
"""Each tree mutation and its weight."""

GENTLE_MUTATIONS: tuple[tuple[TreeMutation, int], ...] = (
    (boundary, 30),
    (rename, 10),
    (fragment, 15),
    (share, 4),
    (duplicate, 4),
    (swap, 3),
    (delete, 3),
    (retype, 2),
    (grow, 3),
    (deep_nesting, 3),
    (alias_bomb, 2),
    (state_chain, 2),
)
"""The tree mutations of an input with one mutation only, weighted towards those that keep the
scenario valid (or nearly)."""

TEXT_MUTATIONS: tuple[tuple[TextMutation, int], ...] = (
    (flip, 6),
    (insert_byte, 3),
    (insert_token, 10),
    (erase, 5),
    (repeat, 4),
    (move_lines, 8),
    (replace_word, 10),
    (truncate, 1),
    (line_endings, 1),
)
"""Each text mutation and its weight."""
