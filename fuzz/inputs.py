"""One fuzz input: a mutated scenario and the command that reads it.

:func:`generate` makes input number ``index`` of a run from the run's seed alone, so that the
harness can make any input again (to save the one a worker hung on) and a run with the same
seed covers the same inputs in the same order.
"""

from __future__ import annotations

import contextlib
import copy
import random
import shlex
from dataclasses import dataclass
from typing import Any

from corpus import BOUNDARY_STRINGS, Seed, seeds
from judge import printable
from mutations import GENTLE_MUTATIONS, TEXT_MUTATIONS, TREE_MUTATIONS, Draft, dump

__all__ = ["INPUT", "OUTPUT", "Case", "generate"]

INPUT = "scenario.yaml"
"""The name of the scenario file in the worker's folder (and in a reproducer)."""

OUTPUT = "out"
"""The stem of the file ``--output`` names; it holds a sentinel before the command runs."""

CONCEPTS = ("nash", "gmr", "smr", "seq", "sim", "seqsim")

SPECIAL_FILES = ("/dev/null", ".", "missing.yaml", "/dev/zero", "FIFO")
"""What the file argument is, now and then, instead of the scenario: odd kinds of file."""


@dataclass(frozen=True)
class Case:
    """A scenario's bytes and the command line that reads it (``argv[1]`` is the file)."""

    data: bytes
    argv: tuple[str, ...]
    origin: str
    """Which example, and which mutations, made it."""

    @property
    def output(self) -> str | None:
        """The file named by ``--output``, if any."""
        for flag, value in zip(self.argv, self.argv[1:], strict=False):
            if flag in ("--output", "-o"):
                return value
        return None

    def command(self) -> str:
        """The command line, quoted for a POSIX shell (its arguments may hold surrogate
        escapes: bytes that are not UTF-8, written back as those bytes)."""
        return "standoff " + " ".join(shlex.quote(a) for a in self.argv)

    def display(self) -> str:
        """The command line for a terminal: control characters and surrogates escaped."""
        return printable(self.command())


def _weighted(rng: random.Random, table: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([item for item, _ in table], [weight for _, weight in table])[0]


def _reachable(text: str) -> bool:
    """Whether a shell can pass ``text`` as an argument: no NUL, and surrogates only as the
    escapes of bytes that are not UTF-8 (how Python decodes its arguments)."""
    try:
        text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


ARGUMENT_STRINGS = tuple(s for s in BOUNDARY_STRINGS if _reachable(s))


def _odd(rng: random.Random, usual: str) -> str:
    """Usually ``usual``; now and then an odd value for the option."""
    if rng.random() < 0.9:
        return usual
    return rng.choice(
        [
            *ARGUMENT_STRINGS,
            "0",
            "-1",
            "99999999999999999999",
            "1e9",
            "Y" * 40,
            "N" * 200,
            ",".join(["nash"] * 2000),
            "\udcff",
            " 1 ",
        ]
    )


def _state(rng: random.Random, seed: Seed) -> str:
    """A state for ``--from``, ``--to`` or ``--state``: a name, an id or a pattern."""
    conflict = seed.tree.get("conflict")
    names = list(conflict.get("states") or {}) if isinstance(conflict, dict) else []
    roll = rng.random()
    if names and roll < 0.4:
        return _odd(rng, str(rng.choice(names)))
    if roll < 0.7:
        return _odd(rng, str(rng.randint(1, 8)))
    return _odd(rng, "".join(rng.choice("YN") for _ in range(max(seed.options, 1))))


def _deal(rng: random.Random, seed: Seed) -> str:
    """A draft for ``bargain --deal``: a level of each of the example's issues, now and then one
    left out, repeated or misspelt."""
    negotiation = seed.tree.get("negotiation")
    issues = negotiation.get("issues") if isinstance(negotiation, dict) else None
    pairs = []
    for issue, levels in (issues or {}).items() if isinstance(issues, dict) else ():
        if isinstance(levels, list) and levels:
            level = str(rng.choice(levels))
        elif isinstance(levels, dict) and isinstance(levels.get("range"), list):
            level = str(rng.choice(levels["range"]))
        else:
            level = "x"
        roll = rng.random()
        if roll < 0.05:
            continue
        if roll < 0.1:
            level += "s"
        pairs.append(f"{issue}={level}")
        if roll > 0.97:
            pairs.append(f"{issue}={level}")
    return ", ".join(pairs) or "issue=level"


def _command(rng: random.Random, seed: Seed) -> list[str]:
    """A command that suits the example: the sections it has say which commands can run."""
    commands: list[tuple[str, int]] = [("check", 10), ("analyze", 22), ("report", 6)]
    if seed.has("negotiation"):
        commands.append(("bargain", 8))
    if seed.has("negotiation", "protocol"):
        commands.append(("simulate", 8))
    if seed.has("perceptions"):
        commands.append(("hypergame", 6))
    if seed.has("conflict"):
        commands.append(("explain", 6))
    if seed.has("forecast"):
        commands.append(("forecast", 8))
    if rng.random() < 0.03:  # now and then a command the example does not support
        commands = [(c, 1) for c in ("bargain", "simulate", "hypergame", "explain", "forecast")]
    name = _weighted(rng, tuple(commands))
    argv = [name, INPUT]
    runs = _odd(rng, str(rng.randint(1, 20))) if rng.random() < 0.995 else "1000000000"
    concepts = ",".join(rng.sample(CONCEPTS, rng.randint(1, 6)))
    parties = seed.parties or ["P"]
    movers = seed.movers or parties
    if name == "check":
        argv += ["--all-states"] if rng.random() < 0.2 else []
    elif name in ("analyze", "report"):
        if name == "analyze":
            argv += ["--format", rng.choice(["text", "text", "json", "markdown", "html"])]
        else:
            argv += ["--format", rng.choice(["html", "markdown"])]
        if name == "report" or rng.random() < 0.1:
            argv += ["--output", OUTPUT + (".html" if "html" in argv else ".txt")]
        argv += ["--runs", runs, "--seed", _odd(rng, str(rng.randint(0, 9)))]
        if rng.random() < 0.3:
            argv += ["--concepts", _odd(rng, concepts)]
        if rng.random() < 0.15:
            argv += ["--from", _state(rng, seed)]
        if rng.random() < 0.15:
            argv += ["--to", _state(rng, seed)]
        if rng.random() < 0.1:
            argv += ["--coalitions"]
        if rng.random() < 0.1:
            argv += ["--horizons", _odd(rng, rng.choice(["2-4", "1", "3,5", "1-64"]))]
        if rng.random() < 0.1:
            argv += ["--all"]
    elif name == "bargain":
        argv += ["--format", rng.choice(["text", "json"])]
        if rng.random() < 0.1:
            argv += ["--output", OUTPUT + ".txt"]
        if rng.random() < 0.3:
            argv += ["--deal", _odd(rng, _deal(rng, seed))]
    elif name == "forecast":
        argv += ["--runs", runs, "--seed", _odd(rng, str(rng.randint(0, 9)))]
        argv += ["--format", rng.choice(["text", "json", "markdown"])]
    elif name == "simulate":
        argv += ["--runs", runs, "--seed", _odd(rng, str(rng.randint(0, 9)))]
        argv += ["--format", rng.choice(["text", "json"])]
        argv += ["--no-variants"] if rng.random() < 0.5 else []
        argv += ["--tournament"] if rng.random() < 0.1 else []
        if rng.random() < 0.1:
            argv += ["--output", OUTPUT + ".txt"]
    elif name == "explain":
        argv += [
            "--party",
            _odd(rng, rng.choice(movers)),
            "--state",
            _state(rng, seed),
        ]
        argv += ["--format", rng.choice(["text", "json"])]
        if rng.random() < 0.3:
            argv += ["--concept", _odd(rng, concepts)]
    elif name == "hypergame":
        argv += ["--format", rng.choice(["text", "json"])]
        if rng.random() < 0.3:
            argv += ["--concepts", _odd(rng, concepts)]
    return argv


def generate(run_seed: int, index: int) -> Case:
    """Input number ``index`` of the run with seed ``run_seed``."""
    rng = random.Random(f"standoff-fuzz:{run_seed}:{index}")
    examples = seeds()
    seed = rng.choice(examples)
    roll = rng.random()
    if roll < 0.45:  # one mutation that often leaves a valid scenario, to reach the analyses
        tree_steps, text_steps, table = 1, 0, GENTLE_MUTATIONS
    elif roll < 0.8:
        tree_steps, text_steps, table = rng.randint(1, 4), 0, TREE_MUTATIONS
    else:  # the bytes, most often of the example as written (with its comments)
        tree_steps, text_steps = rng.choice([0, 0, 1]), rng.choice([1, 1, 2, 3, 6])
        table = TREE_MUTATIONS
    draft = Draft(copy.deepcopy(seed.tree))
    applied = []
    for _ in range(tree_steps):
        mutation = _weighted(rng, table)
        # a mutation that does not fit what earlier ones left does nothing: the input goes on
        with contextlib.suppress(TypeError, AttributeError, KeyError, IndexError, ValueError):
            mutation(rng, draft)
        applied.append(mutation.__name__)
    data = bytearray(dump(draft) if tree_steps else seed.text.encode("utf-8"))
    for _ in range(text_steps):
        mutation = _weighted(rng, TEXT_MUTATIONS)
        mutation(rng, data)
        applied.append(mutation.__name__)
    argv = _command(rng, seed)
    if rng.random() < 0.004:
        argv[1] = rng.choice(SPECIAL_FILES)
        applied.append(f"file:{argv[1]}")
    return Case(bytes(data), tuple(argv), f"{seed.name} + {', '.join(applied) or 'nothing'}")
