"""``standoff import genius``: a GENIUS domain and one profile per party as a scenario.

The files are read by :func:`standoff.interop.read_genius` (what it reads, skips and refuses is in
docs/genius.md) and written by :func:`standoff.interop.to_yaml`, to standard output or, whole or
not at all, to ``--output``. The parties are named by ``--parties`` or, without it, after the
profiles' file names (made valid ids: ``Camera-B-prof1.xml`` is ``Camera_B_prof1``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from standoff._text import printable
from standoff.cli._import import import_app
from standoff.cli._options import Debug, Output
from standoff.cli._run import destination, guarded, warn

if TYPE_CHECKING:
    from standoff.interop import GeniusNegotiation

__all__ = ["import_genius"]


@import_app.command("genius")
def import_genius(
    domain: Annotated[str, typer.Argument(help="The GENIUS domain file (XML).", metavar="DOMAIN")],
    profiles: Annotated[
        list[str],
        typer.Argument(
            help="One profile (XML) per party, in the order of --parties.",
            metavar="PROFILE",
            show_default=False,
        ),
    ],
    parties: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated party ids, one per profile (default: the profiles' file "
            "names, made valid ids).",
            show_default=False,
        ),
    ] = None,
    steps: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="The points each real issue is cut into, both bounds included (default: 11).",
            show_default=False,
        ),
    ] = None,
    rounds: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Add an alternating-offers protocol of this many rounds (two parties), the "
            "profiles' discount factors spread over them.",
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """A GENIUS domain and one profile per party as a scenario (YAML, format 1)."""
    from standoff.interop import read_genius, to_yaml
    from standoff.scenario._issues import MAX_STEPS
    from standoff.scenario._limits import MAX_ROUNDS
    from standoff.scenario._negotiation_model import DEFAULT_RESOLUTION

    names = _party_ids(parties, profiles)
    if steps is not None and steps > MAX_STEPS:
        raise typer.BadParameter(
            f"{steps} points are more than an issue may have ({MAX_STEPS})",
            param_hint="'--steps'",
        )
    if rounds is not None and rounds > MAX_ROUNDS:
        raise typer.BadParameter(
            f"{rounds} rounds are more than a protocol may have ({MAX_ROUNDS})",
            param_hint="'--rounds'",
        )
    if rounds is not None and len(names) != 2:
        raise typer.BadParameter(
            f"a protocol needs exactly two parties, found {len(names)} profiles",
            param_hint="'--rounds'",
        )
    _check_output(output, [domain, *profiles])
    genius = guarded(
        debug,
        lambda: read_genius(
            domain,
            dict(zip(names, profiles, strict=True)),
            steps=steps or DEFAULT_RESOLUTION,
            rounds=rounds,
        ),
    )
    discounted = {party: d for party, d in genius.discount_factors.items() if d < 1}
    if discounted and rounds is None:
        shown = ", ".join(f"{party} {d:g}" for party, d in discounted.items())
        warn(
            f"the profiles discount agreements over time ({shown}); the scenario has no "
            "protocol to discount them in (give --rounds for one)"
        )
    text = to_yaml(genius.negotiation, _title(genius), description=_description(genius))
    with destination(output, debug) as console:
        console.file.write(text)


def _party_ids(given: str | None, profiles: list[str]) -> list[str]:
    """The party ids of ``--parties``, or made from the profiles' file names; a usage error when
    they are not one valid, distinct id per profile."""
    from standoff.interop._genius_domain import issue_id
    from standoff.scenario._expressions import IDENTIFIER, RESERVED_WORDS

    if len(profiles) < 2:
        raise typer.BadParameter(
            f"a negotiation needs at least two parties: give one profile per party, found "
            f"{len(profiles)}",
            param_hint="'PROFILE'",
        )
    if given is None:
        names: list[str] = []
        for profile in profiles:
            names.append(issue_id(Path(profile).stem, names))
        return names
    names = [name.strip() for name in given.split(",")]
    if len(names) != len(profiles):
        counted = f"{len(names)} part{'y' if len(names) == 1 else 'ies'}"
        raise typer.BadParameter(
            f"{counted} for {len(profiles)} profiles (expected one party per profile, in the "
            "same order)",
            param_hint="'--parties'",
        )
    for position, name in enumerate(names):
        if name in RESERVED_WORDS or not IDENTIFIER.fullmatch(name):
            raise typer.BadParameter(
                printable(
                    f"'{name}' is not a valid party id (expected letters, digits and '_', not "
                    "starting with a digit, and not a reserved word)"
                ),
                param_hint="'--parties'",
            )
        if name in names[:position]:
            raise typer.BadParameter(f"party '{name}' is named twice", param_hint="'--parties'")
    return names


def _check_output(output: Path | None, inputs: list[str]) -> None:
    """A usage error on ``--output`` when it is one of the files read (it would be destroyed)."""
    if output is None:
        return
    for path in inputs:
        try:
            same = os.path.samefile(output, path)
        except OSError:  # one of them does not exist
            same = os.path.abspath(output) == os.path.abspath(path)
        if same:
            raise typer.BadParameter(
                printable(f"'{output}' is one of the files read; writing there would destroy it"),
                param_hint="'--output'",
            )


def _title(genius: GeniusNegotiation) -> str:
    """The domain's name; its file's stem when the name is GENIUS's default, ``root``."""
    return Path(genius.domain).stem if genius.name == "root" else genius.name


def _description(genius: GeniusNegotiation) -> str:
    """Where the scenario came from: the files, the issues renamed, the discount factors."""
    files = ", ".join(f"{party} from {path}" for party, path in genius.profiles.items())
    lines = [f"Imported from the GENIUS domain {genius.domain}, with {files}."]
    renamed = [(issue, name) for issue, name in genius.issue_names.items() if issue != name]
    if renamed:
        shown = ", ".join(f"{issue} is '{name}'" for issue, name in renamed)
        lines.append(f"Issues renamed to be ids: {shown}.")
    factors = ", ".join(f"{party} {d:g}" for party, d in genius.discount_factors.items())
    lines.append(f"Discount factors over the whole negotiation (GENIUS): {factors}.")
    return " ".join(lines)
