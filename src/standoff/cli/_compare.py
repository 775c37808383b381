"""``standoff compare``: what changed from one scenario file to another, in the file and in the
conclusions (equilibria, evolution from the status quo, hyper-equilibria, misjudgments, BATNAs,
ZOPA, solutions, and the simulated talks when both files have a protocol)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from standoff.cli._app import app
from standoff.cli._options import Debug, Format, Output
from standoff.cli._run import check_output, destination, guarded, load_scenario, run_request

__all__ = ["compare"]


def _text(file: str, debug: bool) -> str:
    def read() -> str:
        return Path(file).read_text(encoding="utf-8")

    return guarded(debug, read)


@app.command()
def compare(
    before: Annotated[str, typer.Argument(help="The earlier scenario file.", metavar="BEFORE")],
    after: Annotated[str, typer.Argument(help="The later scenario file.", metavar="AFTER")],
    output_format: Annotated[
        Format,
        typer.Option("--format", "-f", help="text, json, markdown or html.", case_sensitive=False),
    ] = Format.text,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """What changed from BEFORE to AFTER: the conclusions that differ, then the file's diff."""
    from standoff.pipeline import Request
    from standoff.report._compare import (
        COMPARED,
        comparison_data,
        comparison_html,
        comparison_markdown,
        comparison_text,
    )
    from standoff.report._compare import compare as comparing

    check_output(output, before)
    check_output(output, after)
    first, second = load_scenario(before, debug), load_scenario(after, debug)
    request = Request(only=COMPARED)
    texts = [_text(file, debug) for file in (before, after)]
    found = comparing(
        run_request(first, request, debug), run_request(second, request, debug), *texts
    )
    with destination(output, debug) as console:
        if output_format is Format.json:
            text = json.dumps(comparison_data(found), indent=2, ensure_ascii=False) + "\n"
        elif output_format is Format.html:
            text = comparison_html(found)
        elif output_format is Format.markdown:
            text = comparison_markdown(found)
        else:
            text = comparison_text(found)
        console.file.write(text)
