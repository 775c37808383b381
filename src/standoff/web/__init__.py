"""The analyst's workspace in the browser: ``standoff serve [FOLDER]``.

A local server over a folder of scenario files. The folder view lists the files with their
title, last change and validity, makes new ones from a template and duplicates one as a variant;
the scenario view edits the YAML with line numbers, colouring and live validation by the real
loader, and shows every analysis of the pipeline as panels that update after each valid change:
the stability table, the state graph (click a state for its stability per concept, why it is or
is not stable for each party, and the path to it from the status quo), evolution, perceptions,
bargaining, robustness and, on request, simulated talks. It saves atomically, never over a file
that changed on disk since it was opened, keeps every previous version under
``FOLDER/.standoff/versions/``, compares versions, and exports the briefing and the JSON document
exactly as the command line writes them.

It needs the ``web`` extra (``pip install 'standoff[web]'``: Starlette, uvicorn, Jinja2), imported
only here. Bound to 127.0.0.1 by default; see :mod:`standoff.web._security` for who may use it.
"""

from standoff.web._app import create_app
from standoff.web._server import serve

__all__ = ["create_app", "serve"]
