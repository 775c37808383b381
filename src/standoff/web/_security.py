"""Who may use the workspace: the access token, the origin of state-changing requests, the
``Host`` a loopback server answers to, and the headers every answer carries.

- Every request that changes something (any method but GET and HEAD) must carry the access
  token in the ``X-Standoff-Token`` header and come from the workspace's own pages: its
  ``Origin`` header must be the address the browser used to reach the server. A page elsewhere
  on the web can neither read the token nor forge the origin, so it cannot save, create or
  analyse (CSRF).
- Bound to a loopback address (the default), the server answers only to a ``Host`` of
  ``127.0.0.1``, ``localhost`` or ``[::1]``, so a web page cannot reach it under another name
  (DNS rebinding). Bound to any other address, every request must carry the token: in the
  header, in a ``standoff_token`` cookie, or once in the address (``?token=...``), which sets the
  cookie.
- Every answer carries a strict Content-Security-Policy (the workspace's own scripts and style
  sheets, nothing else), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``
  and ``X-Frame-Options: DENY``.

>>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
(True, True, False)
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

__all__ = [
    "CONTENT_POLICY",
    "COOKIE",
    "HEADER",
    "Guard",
    "is_loopback",
    "new_token",
]

CONTENT_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""The Content-Security-Policy of every answer."""
HEADER = "x-standoff-token"
"""The request header that carries the access token."""
COOKIE = "standoff_token"
"""The cookie that carries the access token on a server bound beyond loopback."""
_SAFE = frozenset({"GET", "HEAD"})
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def new_token() -> str:
    """A fresh access token: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (only this machine can connect to it)."""
    if host.strip("[]") in {"localhost", "::1"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Guard:
    """ASGI middleware in front of the workspace: refuses what :mod:`this module
    <standoff.web._security>` describes with a 403 (or 400 for a foreign ``Host``) and a JSON
    ``{"error": message}``, and adds the security headers to every answer."""

    def __init__(self, app: App, *, token: str, loopback: bool) -> None:
        self.app = app
        self.token = token
        self.loopback = loopback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _answer(send, *refusal)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if not self.loopback and scope["method"] in _SAFE and query.get("token"):
            await _answer(send, 303, "", [("location", scope["path"]), _cookie(self.token)])
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, secured)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host = headers.get("host", "")
        if self.loopback and _hostname(host) not in _LOOPBACK_NAMES:
            return 400, f"this workspace answers only on this machine, not to host '{host[:100]}'"
        if not self.loopback and not self._has_token(scope, headers):
            return 403, "this workspace needs its access token (printed when it started)"
        if scope["method"] in _SAFE:
            return None
        origin = headers.get("origin")
        if origin is None:
            return 403, "a request that changes something must say its origin"
        if origin != f"{scope.get('scheme', 'http')}://{host}":
            return 403, f"cross-origin request refused: '{origin[:100]}' is not this workspace"
        if not hmac.compare_digest(headers.get(HEADER, "").encode(), self.token.encode()):
            return 403, "missing or wrong access token"
        return None

    def _has_token(self, scope: Scope, headers: dict[str, str]) -> bool:
        given = [headers.get(HEADER, "")]
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header carries no token
            cookie = SimpleCookie()
        if COOKIE in cookie:
            given.append(cookie[COOKIE].value)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given.extend(query.get("token", []))
        expected = self.token.encode()
        return any(hmac.compare_digest(value.encode(), expected) for value in given if value)


def _hostname(host: str) -> str:
    """The name in a ``Host`` header, without its port."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


_HEADERS = [
    (b"content-security-policy", CONTENT_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


def _cookie(token: str) -> tuple[str, str]:
    return ("set-cookie", f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/")


async def _answer(
    send: Send, status: int, message: str, extra: list[tuple[str, str]] | None = None
) -> None:
    body = json.dumps({"error": message}).encode() if message else b""
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *_HEADERS,
        *((k.encode(), v.encode()) for k, v in extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
