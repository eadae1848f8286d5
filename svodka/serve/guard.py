"""Request limits, the Host check and the security headers, in front of everything else (a plain
ASGI middleware: nothing is routed or parsed before the checks, and no response leaves without the
headers):

- a URL (path and query string) over ``MAX_URL_BYTES`` → 414; every parameter the app takes has a
  length limit well inside it (the longest request the UI makes is under 8 KiB);
- a request body over ``MAX_BODY_BYTES`` → 413: nothing in svodka reads a body (it is read-only), so
  the cap is small; a declared ``Content-Length`` is refused before a byte is read, a chunked body
  as soon as it passes the cap;
- request headers over ``MAX_HEADER_BYTES`` in all (one header or many) → 400; the HTTP server's own
  limit on the request head (``svodka.serve.wire``) is looser and only stops a head that never ends;
- DNS rebinding: a request that arrives over loopback (on ``svodka serve``'s default address, every
  request does) whose Host is not a loopback name or address → 400. A web page elsewhere could otherwise make a browser on this
  machine read the local store through a name of its own that resolves to 127.0.0.1. Names to accept
  besides (a proxy's, for instance) go in ``SVODKA_ALLOWED_HOSTS`` (comma-separated).

A bug (an exception no handler took) is answered here, by ``on_error`` (the app's 500 page), so that
it carries the headers like every answer and the connection stays open (Starlette's last-resort
handler answers outside this middleware and then re-raises, and uvicorn drops the connection).
The refusals are one-line JSON under /api and a short text page elsewhere. Static files are cacheable
for an hour. HEAD is a GET whose body is not sent (FastAPI's routes would answer it with a 405).
"""
from __future__ import annotations

import ipaddress
import json
import logging
import os

MAX_URL_BYTES = 8 * 1024
MAX_BODY_BYTES = 16 * 1024
MAX_HEADER_BYTES = 16 * 1024          # every header line, "Name: value\r\n", counted
log = logging.getLogger("svodka.serve")
LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost"}

# Nothing from elsewhere: scripts, styles, images and fonts come from svodka itself, and no inline
# script or style runs (article text is escaped; this is the second line of defence).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


class TooLarge(Exception):
    """A chunked body went past the cap while the app was reading it."""


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_of(header: str) -> str:
    """The name in a Host header, without the port ("[::1]:8000" → "::1")."""
    header = header.strip()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    """ASGI middleware: the limits and the Host check above; ``headers`` go on every response that
    does not set them itself."""

    def __init__(self, app, *, headers: dict[str, str] | None = None, on_error=None, max_url: int = MAX_URL_BYTES,
                 max_body: int = MAX_BODY_BYTES, max_headers: int = MAX_HEADER_BYTES,
                 allowed_hosts: set[str] | None = None) -> None:
        self.app, self.max_url, self.max_body, self.max_headers = app, max_url, max_body, max_headers
        self.on_error = on_error          # (scope, exception) → an ASGI response
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
        extra = allowed_hosts if allowed_hosts is not None else os.environ.get("SVODKA_ALLOWED_HOSTS", "").split(",")
        self.allowed_hosts = {h.strip().lower() for h in extra if h.strip()}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        raw_headers = scope.get("headers") or []
        if sum(len(k) + len(v) + 4 for k, v in raw_headers) > self.max_headers:
            return await self.refuse(scope, send, 400, f"request headers over {self.max_headers} bytes")
        headers = {k.lower(): v for k, v in raw_headers}
        if len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string") or b"") > self.max_url:
            return await self.refuse(scope, send, 414, f"URL longer than {self.max_url} bytes")
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                return await self.refuse(scope, send, 400, "bad Content-Length")
            if too_big:
                return await self.refuse(scope, send, 413, f"request body over {self.max_body} bytes")
        server = scope.get("server") or (None, None)
        if is_loopback(server[0]):
            host = host_of(headers.get(b"host", b"").decode("latin-1"))
            if not (is_loopback(host) or host.lower() in self.allowed_hosts):
                return await self.refuse(scope, send, 400, "Host not allowed: this server answers to localhost only "
                                                      "(set SVODKA_ALLOWED_HOSTS to add names)")
        head = scope["method"] == "HEAD"          # answered as a GET without the body, on every route
        if head:
            scope = dict(scope, method="GET")
        started = False
        seen = 0

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise TooLarge
            return message

        static = scope["path"].startswith("/static/")

        async def tracked_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = self.with_headers(message.get("headers") or [], static)
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except TooLarge:
            if not started:
                await self.refuse(scope, send, 413, f"request body over {self.max_body} bytes")
        except Exception as err:                       # a bug: the 500 page, with the headers, connection kept
            if started:
                raise
            log.error("%s %s: %s", scope["method"], scope["path"], type(err).__name__, exc_info=err)
            try:
                response = self.on_error(scope, err) if self.on_error else None
            except Exception:                          # noqa: BLE001 — the error page failed too
                log.exception("the error page failed")
                response = None
            if response is None:
                return await self.refuse(scope, send, 500, f"internal error ({type(err).__name__})", close=False)
            await response(scope, receive, tracked_send)

    def with_headers(self, headers, static: bool = False) -> list:
        present = {k.lower() for k, _ in headers}
        extra = [(k, v) for k, v in self.headers if k not in present]
        if static and b"cache-control" not in present:
            extra.append((b"cache-control", b"public, max-age=3600"))
        return list(headers) + extra

    async def refuse(self, scope, send, status: int, message: str, close: bool = True) -> None:
        if scope["path"] == "/api" or scope["path"].startswith("/api/"):
            body, kind = json.dumps({"error": message}).encode(), b"application/json"
        else:
            body, kind = f"{status}: {message}\n".encode(), b"text/plain; charset=utf-8"
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
        if close:                                      # a request refused unread: its body may follow
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": status, "headers": self.with_headers(headers)})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
