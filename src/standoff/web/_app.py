"""The workspace's routes: the pages, the JSON API and the downloads.

Pages: ``/`` (the folder), ``/edit/NAME`` (a scenario), ``/static/...`` (the workspace's own
script and style sheets). API (JSON in and out; every POST needs the token and the origin, see
:mod:`standoff.web._security`):

============================  ======================================================
``GET /api/files``            the scenario files: name, title, last change, valid
``GET /api/file?name=``       a file's text and version
``POST /api/validate``        ``{name, text}``: the loader's problems, located
``POST /api/analyse``         ``{name, text, part, runs, seed}``: the panels of a part
``POST /api/state``           ``{name, text, state}``: one state of the graph
``POST /api/inverse``         ``{name, text, state, concept}``: what would make it stable
``POST /api/talks``           ``{name, text, runs, seed}``: start simulated talks (202)
``GET /api/talks?job=``       how far they got; at the end their panels
``POST /api/save``            ``{name, text, base}``: save, or 409 with the disk's text and
                              a diff from it to the text sent
``POST /api/new``             ``{name}``: a new scenario from the template
``POST /api/duplicate``       ``{name, new}``: a copy of a scenario, as a variant
``GET /api/versions?name=``   the earlier versions of a scenario
``GET /api/version?name=&version=``  the text of one
``POST /api/compare``         ``{name, text, against, after}``: what changed from ``against``
                              to ``after`` (each ``editor``, ``disk``, a version, or
                              ``file:OTHER.yaml``; ``after`` by default the editor's text)
``GET /export/KIND?name=``    the briefing (``html``, ``markdown``) or the JSON document
============================  ======================================================

Analyses run in worker threads (at most :data:`WORKERS` at once) with a time budget: past it
the answer is a 503 and the event loop stays free.
"""

from __future__ import annotations

import difflib
import json
import os
import threading
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import anyio.to_thread
import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from standoff.errors import RequestError, ScenarioError, StandoffError
from standoff.scenario import loads
from standoff.scenario._limits import MAX_FILE_BYTES
from standoff.web._folder import Folder, RefusedError, StaleSaveError
from standoff.web._jobs import MAX_TALKS_RUNS, Jobs
from standoff.web._security import Guard
from standoff.web._template import TEMPLATE

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

__all__ = ["MAX_BODY_BYTES", "TIME_BUDGET", "WORKERS", "create_app"]

T = TypeVar("T")
HERE = Path(__file__).parent
WORKERS = 2
"""Analyses that run at once (the others wait their turn)."""
TIME_BUDGET = 30.0
"""Seconds an analysis may take before the workspace stops waiting for it."""
MAX_BODY_BYTES = 4 * MAX_FILE_BYTES
"""The largest request body (a scenario's text, escaped as JSON, fits several times)."""

Handler = Callable[[Request], Awaitable[Response]]
PARTS = ("core", "more", "talks")
"""The parts of the analysis a page asks for (:data:`standoff.web._analysis.PARTS`)."""


def _load_analyses() -> None:
    """Import the analyses (numpy, scipy, the pipeline, the report): the server answers before
    they are loaded, a thread loads them right after it starts, and the handlers that need them
    import them where they use them."""
    import standoff.web._analysis  # noqa: F401


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


class Workspace:
    """The state of one running workspace: its folder, token, worker limit and caches."""

    def __init__(self, folder: Path, token: str, budget: float) -> None:
        self.folder = Folder(folder)
        self.shown = folder
        self.token = token
        self.budget = budget
        self.limiter = anyio.CapacityLimiter(WORKERS)
        self.saving = threading.Lock()
        self.talks = Jobs()
        self.listing: dict[str, tuple[tuple[int, int], dict[str, Any]]] = {}
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )

    async def work(self, action: Callable[[], T]) -> T:
        """Run ``action`` in a worker thread within the time budget."""
        with anyio.fail_after(self.budget):
            return await anyio.to_thread.run_sync(
                action, abandon_on_cancel=True, limiter=self.limiter
            )

    def page(self, template: str, **values: Any) -> HTMLResponse:
        """A page of ``templates/``, with the token its script sends back."""
        text = self.pages.get_template(template).render(token=self.token, **values)
        return HTMLResponse(text)

    def entry(self, name: str) -> dict[str, Any]:
        """A file of the folder view: name, title, last change and whether it is valid."""
        path = self.folder.path(name)
        info = path.stat()
        key = (info.st_mtime_ns, info.st_size)
        cached = self.listing.get(name)
        if cached is not None and cached[0] == key:
            return cached[1]
        modified = datetime.fromtimestamp(info.st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
        entry: dict[str, Any] = {"name": name, "modified": modified, "title": "", "problems": 0}
        try:
            text, _ = self.folder.read(name)
            scenario = loads(text, name)
            entry |= {"title": scenario.title, "valid": True}
        except ScenarioError as error:
            entry |= {"valid": False, "problems": len(error.diagnostics)}
        except RefusedError as error:
            entry |= {"valid": False, "problems": 1, "title": str(error)}
        self.listing[name] = (key, entry)
        return entry


async def _body(request: Request) -> dict[str, Any]:
    """The request's JSON object, at most :data:`MAX_BODY_BYTES`."""
    size = 0
    chunks = []
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise RefusedError(413, f"the request is larger than {MAX_BODY_BYTES:,} bytes")
        chunks.append(chunk)
    try:
        found = json.loads(b"".join(chunks) or b"null")
    except (ValueError, UnicodeDecodeError):
        raise RefusedError(400, "the request body is not JSON") from None
    if not isinstance(found, dict):
        raise RefusedError(400, "the request body must be a JSON object")
    return found


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise RefusedError(400, f"'{key}' must be a string")
    return value


def _scenario_text(body: dict[str, Any]) -> str:
    text = _text(body, "text")
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise RefusedError(
            413, f"the scenario is larger than a scenario may be ({MAX_FILE_BYTES:,} bytes)"
        )
    return text


def _integer(body: dict[str, Any], key: str, default: int) -> int:
    value = body.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise RefusedError(400, f"'{key}' must be a whole number")
    return value


def create_app(
    folder: Path, *, token: str, loopback: bool = True, budget: float = TIME_BUDGET
) -> Guard:
    """The workspace over ``folder`` as an ASGI application.

    Parameters
    ----------
    folder
        The folder of scenario files; only files inside it are read or written.
    token
        The access token state-changing requests must carry (and every request, unless
        ``loopback``).
    loopback
        Whether the server is bound to a loopback address.
    budget
        Seconds an analysis may take.

    Examples
    --------
    >>> import tempfile
    >>> from starlette.testclient import TestClient
    >>> app = create_app(Path(tempfile.mkdtemp()), token="a-token-of-16-chars")
    >>> TestClient(app, base_url="http://127.0.0.1:8765").get("/api/files").json()["files"]
    []
    """
    space = Workspace(folder, token, budget)

    def guarded(handler: Handler) -> Handler:
        async def wrapped(request: Request) -> Response:
            try:
                return await handler(request)
            except RefusedError as error:
                return _error(error.status, str(error))
            except StaleSaveError as error:
                return _error(409, str(error), text=error.text, version=error.version)
            except RequestError as error:
                return _error(422, str(error))
            except ScenarioError as error:
                from standoff.web._analysis import diagnostic_data

                diagnostics = [diagnostic_data(d) for d in error.diagnostics]
                return _error(422, "the scenario is not valid", diagnostics=diagnostics)
            except TimeoutError:
                return _error(
                    503, f"the analysis took longer than {space.budget:g} s and was abandoned"
                )
            except StandoffError as error:  # an analysis too large for its memory budget
                return _error(422, str(error))
            except OSError as error:
                return _error(500, f"cannot read or write the file: {error.strerror or error}")
            except MemoryError:
                return _error(503, "the analysis ran out of memory")

        return wrapped

    async def folder_page(request: Request) -> Response:
        return space.page("folder.html", folder=str(space.shown))

    async def scenario_page(request: Request) -> Response:
        name = request.path_params["name"]
        await anyio.to_thread.run_sync(space.folder.read, name)
        return space.page("scenario.html", name=name)

    async def files(request: Request) -> Response:
        def listing() -> list[dict[str, Any]]:
            return [space.entry(name) for name in space.folder.names()]

        return JSONResponse({"folder": str(space.shown), "files": await space.work(listing)})

    async def file(request: Request) -> Response:
        name = request.query_params.get("name", "")
        text, version = await anyio.to_thread.run_sync(space.folder.read, name)
        return JSONResponse({"name": name, "text": text, "version": version})

    async def validate(request: Request) -> Response:
        body = await _body(request)
        name, text = _text(body, "name"), _scenario_text(body)

        def checking() -> dict[str, Any]:
            from standoff.web._analysis import validation

            return validation(name, text)

        return JSONResponse(await space.work(checking))

    async def analyse(request: Request) -> Response:
        body = await _body(request)
        name, text = _text(body, "name"), _scenario_text(body)
        part = body.get("part", "core")
        if part not in PARTS:
            raise RefusedError(400, f"'part' must be one of {', '.join(PARTS)}")
        runs, seed = _integer(body, "runs", 2_000), _integer(body, "seed", 0)

        def analysing() -> dict[str, Any]:
            from standoff.web._analysis import panels

            return panels(name, text, part, runs, seed)

        return JSONResponse(await space.work(analysing))

    async def inverse(request: Request) -> Response:
        body = await _body(request)
        name, text = _text(body, "name"), _scenario_text(body)
        chosen, concept = str(body.get("state", "")), str(body.get("concept", "seq"))

        def inverting() -> dict[str, Any]:
            from standoff.web._analysis import inverse_view

            return inverse_view(name, text, chosen, concept)

        return JSONResponse(await space.work(inverting))

    async def start_talks(request: Request) -> Response:
        body = await _body(request)
        name, text = _text(body, "name"), _scenario_text(body)
        runs, seed = _integer(body, "runs", 2_000), _integer(body, "seed", 0)
        if not 1 <= runs <= MAX_TALKS_RUNS:
            raise RefusedError(422, f"runs must be 1 to {MAX_TALKS_RUNS:,} in the workspace")

        def simulating(tell: Callable[[int, int], None]) -> dict[str, Any]:
            from standoff.web._analysis import panels

            def advance(what: str, done: int, total: int) -> None:
                tell(done, total)

            return panels(name, text, "talks", runs, seed, progress=advance)

        number = space.talks.start(simulating)
        return JSONResponse({"job": number}, status_code=202)

    async def talks(request: Request) -> Response:
        number = request.query_params.get("job", "")
        found = space.talks.get(number)
        if found is None:
            raise RefusedError(404, f"no simulation '{number[:50]}' (it may have been forgotten)")
        return JSONResponse(found)

    async def state(request: Request) -> Response:
        body = await _body(request)
        name, text = _text(body, "name"), _scenario_text(body)
        chosen = str(body.get("state", ""))

        def viewing() -> dict[str, Any]:
            from standoff.web._analysis import state_view

            return state_view(name, text, chosen)

        return JSONResponse(await space.work(viewing))

    async def save(request: Request) -> Response:
        body = await _body(request)
        name, text, base = _text(body, "name"), _text(body, "text"), _text(body, "base")

        def saving() -> str:
            with space.saving:
                return space.folder.save(name, text, base=base)

        try:
            version = await anyio.to_thread.run_sync(saving)
        except StaleSaveError as error:
            lines = difflib.unified_diff(
                error.text.splitlines(), text.splitlines(), "on disk", "yours", lineterm=""
            )
            return _error(409, str(error), text=error.text, version=error.version, diff=list(lines))
        return JSONResponse({"name": name, "version": version})

    async def new(request: Request) -> Response:
        body = await _body(request)
        name = _text(body, "name")
        version = await anyio.to_thread.run_sync(space.folder.create, name, TEMPLATE)
        return JSONResponse({"name": name, "version": version}, status_code=201)

    async def duplicate(request: Request) -> Response:
        body = await _body(request)
        name, copy = _text(body, "name"), _text(body, "new")
        version = await anyio.to_thread.run_sync(space.folder.copy, name, copy)
        return JSONResponse({"name": copy, "version": version}, status_code=201)

    async def versions(request: Request) -> Response:
        name = request.query_params.get("name", "")
        found = await anyio.to_thread.run_sync(space.folder.versions, name)
        return JSONResponse(
            {
                "name": name,
                "versions": [
                    {
                        "version": v.name,
                        "saved": v.saved.strftime("%Y-%m-%d %H:%M:%S UTC"),
                        "size": v.size,
                    }
                    for v in found
                ],
            }
        )

    async def version(request: Request) -> Response:
        name = request.query_params.get("name", "")
        chosen = request.query_params.get("version", "")
        text = await anyio.to_thread.run_sync(space.folder.version_text, name, chosen)
        return JSONResponse({"name": name, "version": chosen, "text": text})

    async def compare(request: Request) -> Response:
        body = await _body(request)
        name, text, against = _text(body, "name"), _scenario_text(body), _text(body, "against")
        after = body.get("after", "editor")
        if not isinstance(after, str):
            raise RefusedError(400, "'after' must be a string")

        def version(which: str) -> tuple[str, str]:
            """A text to compare and its label: the editor's, the saved file's, another file's
            or an earlier version's."""
            if which == "editor":
                return text, f"{name} (editor)"
            if which == "disk":
                return space.folder.read(name)[0], f"{name} (saved)"
            if which.startswith("file:"):
                other = which.removeprefix("file:")
                return space.folder.read(other)[0], other
            found = space.folder.version_text(name, which)
            saved = datetime.strptime(which[:15], "%Y%m%dT%H%M%S")
            return found, f"{name} (as saved before {saved:%Y-%m-%d %H:%M:%S} UTC)"

        def comparing() -> dict[str, Any]:
            from standoff.web._analysis import comparison

            (before, first), (later, second) = version(against), version(after)
            return comparison(first, before, second, later)

        return JSONResponse(await space.work(comparing))

    async def export(request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in ("html", "markdown", "json"):
            raise RefusedError(404, f"no export '{kind[:50]}' (expected html, markdown or json)")
        name = request.query_params.get("name", "")
        space.folder.read(name)  # checks the name, the file and its size
        shown = os.path.join(space.shown, *name.split("/"))

        def exporting() -> str:
            from standoff.web._analysis import export

            return export(shown, kind)

        text = await space.work(exporting)
        suffix, media = {
            "html": (".html", "text/html; charset=utf-8"),
            "markdown": (".md", "text/markdown; charset=utf-8"),
            "json": (".json", "application/json"),
        }[kind]
        download = Path(name).stem + suffix
        return Response(
            text.encode("utf-8"),
            media_type=media,
            headers={"content-disposition": f'attachment; filename="{download}"'},
        )

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)

    async def brief_style(request: Request) -> Response:
        from standoff.report._html import STYLE

        return Response(STYLE, media_type="text/css")

    routes = [
        Route("/", guarded(folder_page)),
        Route("/edit/{name:path}", guarded(scenario_page)),
        Route("/api/files", guarded(files)),
        Route("/api/file", guarded(file)),
        Route("/api/validate", guarded(validate), methods=["POST"]),
        Route("/api/analyse", guarded(analyse), methods=["POST"]),
        Route("/api/state", guarded(state), methods=["POST"]),
        Route("/api/inverse", guarded(inverse), methods=["POST"]),
        Route("/api/talks", guarded(start_talks), methods=["POST"]),
        Route("/api/talks", guarded(talks), methods=["GET"]),
        Route("/api/save", guarded(save), methods=["POST"]),
        Route("/api/new", guarded(new), methods=["POST"]),
        Route("/api/duplicate", guarded(duplicate), methods=["POST"]),
        Route("/api/versions", guarded(versions)),
        Route("/api/version", guarded(version)),
        Route("/api/compare", guarded(compare), methods=["POST"]),
        Route("/export/{kind}", guarded(export)),
        Route("/brief.css", brief_style),
        Route("/favicon.ico", no_icon),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]

    @asynccontextmanager
    async def warm(app: Starlette) -> AsyncIterator[None]:
        threading.Thread(target=_load_analyses, daemon=True).start()
        yield

    app = Starlette(routes=routes, lifespan=warm)
    return Guard(app, token=token, loopback=loopback)
