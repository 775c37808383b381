"""Starting the workspace: the address it listens on, its token, and the line it prints.

>>> workspace_address("127.0.0.1", 8765, None)
'http://127.0.0.1:8765/'
>>> workspace_address("0.0.0.0", 80, "abc")
'http://0.0.0.0:80/?token=abc'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from standoff.web._security import is_loopback, new_token

__all__ = ["serve", "workspace_address"]


def workspace_address(host: str, port: int, token: str | None) -> str:
    """The address to open in a browser (with the token when one is needed to get in)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(
    folder: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    token: str | None = None,
    open_browser: bool = False,
    say: Callable[[str], None] = print,
) -> None:
    """Serve the workspace over ``folder`` until interrupted.

    A loopback ``host`` needs no token to view (one is made for the pages' own requests); any
    other host needs the access token for everything: ``token``, or a fresh one, printed.
    """
    import uvicorn

    from standoff.web._app import create_app

    loopback = is_loopback(host)
    chosen = token or new_token()
    app = create_app(folder, token=chosen, loopback=loopback)
    address = workspace_address(host, port, None if loopback else chosen)
    say(f"standoff workspace on {folder}: {address} (Ctrl+C to stop)")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.8, webbrowser.open, args=(address,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
