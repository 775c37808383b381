"""The options several commands share, defined once, and how their text is read."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from standoff._text import printable

__all__ = [
    "ALL_CONCEPTS",
    "AllLists",
    "AllStates",
    "CoalitionsOption",
    "Concepts",
    "Debug",
    "FileArgument",
    "Format",
    "FromState",
    "Horizons",
    "Output",
    "Runs",
    "Scheduler",
    "Seed",
    "TextFormat",
    "TextOrJson",
    "ToState",
    "Workers",
    "parse_concepts",
    "parse_horizons",
]

ALL_CONCEPTS = "nash,gmr,smr,seq,sim,seqsim"


class Format(StrEnum):
    """Output formats."""

    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


class TextFormat(StrEnum):
    """Output formats of the commands that show one analysis."""

    text = "text"
    json = "json"


FileArgument = Annotated[
    str, typer.Argument(help="The scenario file (YAML, format 1).", metavar="FILE")
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of unexpected errors.")]
AllStates = Annotated[
    bool, typer.Option("--all-states", help="List every state in state tables, however many.")
]
AllLists = Annotated[
    bool, typer.Option("--all", help="Show every list and table in full (nothing is cut).")
]
Concepts = Annotated[
    str, typer.Option(help="Comma-separated concepts to compute: nash, gmr, smr, seq, sim, seqsim.")
]
Workers = Annotated[
    int | None,
    typer.Option(
        min=1, help="Processes of the local pool (default: one per CPU).", show_default=False
    ),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        help="Run on this Dask scheduler (tcp://HOST:PORT) instead of locally.",
        show_default=False,
    ),
]
TextOrJson = Annotated[
    TextFormat, typer.Option("--format", "-f", help="text or json.", case_sensitive=False)
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
FromState = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="Status quo analysis from this state (name, id or pattern).",
        show_default=False,
    ),
]
ToState = Annotated[
    str | None,
    typer.Option(
        "--to",
        help="Also list the states from which this state can be reached.",
        show_default=False,
    ),
]
CoalitionsOption = Annotated[
    bool, typer.Option("--coalitions", help="Try every coalition of two or more parties.")
]
Horizons = Annotated[
    str | None,
    typer.Option(
        help="Limited-move stability for these horizons (e.g. 2-8), and NM; two parties only.",
        show_default=False,
    ),
]
Runs = Annotated[
    int,
    typer.Option(
        min=1, help="Simulated negotiations per variant, when the scenario has a protocol."
    ),
]
Samples = Annotated[
    int,
    typer.Option(
        min=1,
        max=10_000_000,
        help="Preference profiles drawn when the uncertainty section describes too many to "
        "evaluate one by one.",
    ),
]
Seed = Annotated[
    int, typer.Option(min=0, help="The seed of the simulated talks, recorded in the output.")
]


def parse_concepts(text: str, option: str = "--concepts") -> tuple[str, ...]:
    """Concept names from ``nash,SEQ+SIM``; a usage error for an unknown or missing one."""
    from standoff.scenario._source import did_you_mean
    from standoff.stability import CONCEPTS

    aliases = {"seq+sim": "seqsim", "r": "nash"}
    chosen = []
    for raw in (item.strip() for item in text.split(",") if item.strip()):
        name = aliases.get(raw.lower(), raw.lower())
        if name not in CONCEPTS:
            hint = did_you_mean(name, CONCEPTS)
            raise typer.BadParameter(
                printable(f"unknown concept '{raw}'{hint}; expected some of {', '.join(CONCEPTS)}"),
                param_hint=f"'{option}'",
            )
        chosen.append(name)
    if not chosen:
        raise typer.BadParameter(
            f"no concept given; expected some of {', '.join(CONCEPTS)}",
            param_hint=f"'{option}'",
        )
    return tuple(chosen)


def parse_horizons(text: str | None) -> tuple[int, ...]:
    """Horizons from "2-8", "3" or "2,4,6"; a usage error when malformed or out of range."""
    if text is None:
        return ()
    from standoff.stability import MAX_HORIZON

    horizons: set[int] = set()
    for part in (p.strip() for p in text.split(",") if p.strip()):
        low, _, high = part.partition("-")
        try:
            bounds = (int(low), int(high or low))
        except ValueError:
            raise typer.BadParameter(
                printable(f"'{text}' is not a list of horizons (expected e.g. 2-8 or 2,4,6)"),
                param_hint="'--horizons'",
            ) from None
        outside = [h for h in bounds if not 1 <= h <= MAX_HORIZON]
        if outside or bounds[0] > bounds[1]:  # checked before the range is built
            shown = outside[0] if outside else part
            raise typer.BadParameter(
                printable(f"horizon {shown} is out of range (expected 1 to {MAX_HORIZON})"),
                param_hint="'--horizons'",
            )
        horizons.update(range(bounds[0], bounds[1] + 1))
    if not horizons:
        raise typer.BadParameter(
            printable(f"'{text}' is not a list of horizons (expected e.g. 2-8 or 2,4,6)"),
            param_hint="'--horizons'",
        )
    return tuple(sorted(horizons))
