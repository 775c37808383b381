"""``standoff serve``: the analyst's workspace in the browser, over a folder of scenarios.

It needs the ``web`` extra; without it the command says how to install it (one line, exit 1).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Annotated

import typer

from standoff._text import printable
from standoff.cli._app import app
from standoff.cli._run import fail

__all__ = ["WEB_PACKAGES", "serve"]

WEB_PACKAGES = ("starlette", "uvicorn", "jinja2")
"""What the ``web`` extra installs."""


def missing_web_packages() -> list[str]:
    """The packages of the ``web`` extra that are not installed."""
    return [name for name in WEB_PACKAGES if importlib.util.find_spec(name) is None]


@app.command()
def serve(
    folder: Annotated[
        Path,
        typer.Argument(help="The folder of scenario files (default: the current folder)."),
    ] = Path("."),
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="The address to listen on. Any address but a loopback one (127.0.0.1, "
            "localhost, ::1) needs an access token.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The port.")] = 8765,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the workspace in the default browser.")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help="The access token (default: a fresh one, printed in the address when the "
            "host is not a loopback one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The workspace in the browser: edit the scenarios of FOLDER with live validation and see
    every analysis update, explore the state graph, compare versions, export the briefing."""
    if not folder.is_dir():
        raise typer.BadParameter(printable(f"'{folder}' is not a folder"), param_hint="'FOLDER'")
    if token is not None and len(token) < 16:
        raise typer.BadParameter(
            "an access token needs at least 16 characters", param_hint="'--token'"
        )
    missing = missing_web_packages()
    if missing:
        fail(
            f"the workspace needs the 'web' extra ({', '.join(missing)} missing): "
            "pip install 'standoff[web]'"
        )
    from standoff.web import serve as start

    try:
        start(
            folder,
            host=host,
            port=port,
            token=token,
            open_browser=open_browser,
            say=lambda line: typer.echo(printable(line), err=True),
        )
    except OSError as error:
        fail(f"cannot listen on {host}:{port}: {error.strerror or error}")
