"""``standoff export genius``: a scenario's negotiation as a GENIUS domain and profiles.

The files are written by :func:`standoff.interop.write_genius` (what is written, and how, is in
docs/genius.md): ``DIR/domain.xml`` and ``DIR/profile-PARTY.xml`` for each party at the table,
whose paths are printed one per line. A scenario without a ``negotiation:`` section has nothing
to export: one line and exit 1, as for ``standoff bargain``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from standoff._text import printable
from standoff.cli._export import export_app
from standoff.cli._options import Debug, FileArgument
from standoff.cli._run import console, fail, guarded, load_scenario, warn

if TYPE_CHECKING:
    from standoff.scenario import Negotiation

__all__ = ["export_genius"]


@export_app.command("genius")
def export_genius(
    file: FileArgument,
    directory: Annotated[
        Path,
        typer.Argument(
            help="The folder to write the files to (created when missing).", metavar="DIR"
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option(help="The domain's name (default: FILE's stem).", show_default=False),
    ] = None,
    debug: Debug = False,
) -> None:
    """A scenario's negotiation as a GENIUS domain and one profile per party at the table."""
    from standoff.interop import write_genius

    scenario = load_scenario(file, debug)
    negotiation = scenario.negotiation
    if negotiation is None:  # like `bargain`: a valid scenario this command cannot answer
        fail(
            f"{file} has no 'negotiation' section to export (GENIUS describes a negotiation: its "
            "issues and each party's utility and reservation value)"
        )
    if directory.exists() and not directory.is_dir():
        fail(f"cannot write to '{directory}': it is not a folder")
    written = guarded(
        debug, lambda: write_genius(negotiation, directory, name=name or Path(file).stem)
    )
    left_out = _left_out(negotiation)
    if left_out:
        warn(f"not exported: {left_out} (a GENIUS domain and profile have no place for them)")
    shown = console()
    for path in written:
        shown.file.write(printable(str(path)) + "\n")
    shown.file.flush()


def _left_out(negotiation: Negotiation) -> str:
    """What of the negotiation rules packages out but cannot be written ('' when nothing)."""
    from standoff.report._wording import count, join_words

    found = []
    if negotiation.infeasible:
        found.append(count(len(negotiation.infeasible), "package rule"))
    lines = sum(len(rules) for rules in negotiation.red_lines.values())
    if lines:
        found.append(count(lines, "red line"))
    pledges = len(negotiation.compliance.commitments)
    if pledges:
        found.append(count(pledges, "breakable pledge"))
    return join_words(found) if found else ""
