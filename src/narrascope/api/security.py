"""ASGI middleware guarding the server: bearer token (with slowed-down guessing), request body limit
and read time, same-origin writes, and a `Server-Timing` header (how long the server spent,
without the network). The Host check and security headers are in `hardening.py`.

Written as plain ASGI callables (not Starlette's BaseHTTPMiddleware) so they add microseconds, and
so streamed exports pass through untouched.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from http.cookies import SimpleCookie
from urllib.parse import quote

from fastapi import HTTPException
from markupsafe import escape

from narrascope.api.limits import LoginThrottle, client_address

SESSION_COOKIE = "narrascope_session"
PUBLIC_PATHS = ("/login",)  # where a browser without the token is sent to give it


def session_value(token: str) -> str:
    """What the session cookie holds: derived from the token, so the token itself is never stored."""
    return hmac.new(token.encode(), b"narrascope-session", hashlib.sha256).hexdigest()


def _header(scope: dict, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


def wants_html(scope: dict) -> bool:
    return "text/html" in _header(scope, b"accept") and not scope.get("path", "").startswith("/api")


async def _respond(send, status: int, body: bytes, content_type: str, extra: list[tuple[bytes, bytes]] = ()) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode()),
                            *extra]})
    await send({"type": "http.response.body", "body": body})


async def _error(scope: dict, send, status: int, message: str, extra: list[tuple[bytes, bytes]] = ()) -> None:
    if wants_html(scope):
        page = (f"<!doctype html><meta charset=utf-8><title>{status}</title><body style='font:16px system-ui;"
                f"margin:3em'><h1>{status}</h1><p>{escape(message)}</p><p><a href='/'>Back to the corpus</a></p>")
        await _respond(send, status, page.encode(), "text/html; charset=utf-8", extra)
    else:
        await _respond(send, status, json.dumps({"detail": message}).encode(), "application/json", extra)


class TokenMiddleware:
    """Every request needs `Authorization: Bearer <token>` or the session cookie set by /login."""

    def __init__(self, app, token: str, throttle: LoginThrottle | None = None):
        self.app = app
        self.token = token
        self.cookie = session_value(token)
        self.throttle = throttle or LoginThrottle()

    def authorized(self, scope: dict) -> bool:
        auth = _header(scope, b"authorization")
        if auth[:7].lower() == "bearer " and hmac.compare_digest(auth[7:].strip().encode(), self.token.encode()):
            return True
        raw = _header(scope, b"cookie")
        if raw:
            cookie = SimpleCookie()
            try:
                cookie.load(raw)
            except Exception:  # noqa: BLE001 - a malformed cookie header is just "not logged in"
                return False
            morsel = cookie.get(SESSION_COOKIE)
            if morsel is not None and hmac.compare_digest(morsel.value.encode(), self.cookie.encode()):
                return True
        return False

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] in PUBLIC_PATHS or self.authorized(scope):
            return await self.app(scope, receive, send)
        if scope["method"] == "GET" and wants_html(scope):
            target = scope["path"] + ("?" + scope["query_string"].decode("latin-1") if scope["query_string"] else "")
            location = "/login?next=" + quote(target, safe="")
            return await _respond(send, 303, b"", "text/plain", [(b"location", location.encode())])
        if _header(scope, b"authorization"):  # a guess: count it, and make the next ones wait
            client = client_address(scope)
            wait = self.throttle.wait(client)
            if wait > 0:
                return await too_many_guesses(scope, send, wait)
            self.throttle.failed(client)
        await asyncio.sleep(0.2)  # slows down guessing
        return await _error(scope, send, 401, "missing or wrong token: send 'Authorization: Bearer <token>' "
                            "(the token the server was started with)", [(b"www-authenticate", b"Bearer")])


async def too_many_guesses(scope: dict, send, wait: float) -> None:
    seconds = max(1, round(wait + 0.5))
    await _error(scope, send, 429, f"too many wrong tokens from this address; try again in {seconds} s",
                 [(b"retry-after", str(seconds).encode())])


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} kB"
    return f"{n / 1024 / 1024:.1f} MB"


class BodyLimitMiddleware:
    """Refuse request bodies over `max_body` bytes with a 413, whether announced or streamed, and
    bodies that take longer than `read_timeout` seconds to arrive with a 408 (a client trickling
    a byte now and then must not hold a worker thread)."""

    def __init__(self, app, max_body: int, read_timeout: float = 60.0):
        self.app = app
        self.max_body = max_body
        self.read_timeout = read_timeout

    def message(self, size: int | None = None) -> str:
        got = f"request body is {_size(size)}" if size is not None else "request body is too large"
        return f"{got}; the limit is {_size(self.max_body)} (server option --max-body)"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = _header(scope, b"content-length")
        if length.isdigit() and int(length) > self.max_body:
            return await _error(scope, send, 413, self.message(int(length)), [(b"connection", b"close")])
        received = 0
        deadline: float | None = None
        body_done = False

        async def limited_receive():
            nonlocal received, deadline, body_done
            if body_done:  # after the body, receive() waits for the disconnect: no time limit on that
                return await receive()
            if deadline is None:
                deadline = time.monotonic() + self.read_timeout
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise HTTPException(408, f"the request body did not arrive within {self.read_timeout:g} s") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Raised inside the app's body reading; FastAPI re-raises HTTPExceptions as they are.
                    raise HTTPException(413, self.message())
                body_done = not message.get("more_body", False)
            return message

        return await self.app(scope, limited_receive, send)


class ServerTimingMiddleware:
    """Adds `Server-Timing: app;dur=<ms>, cpu;dur=<ms>` to every response: wall time until the
    response starts, and the process CPU time meanwhile (the same as wall time on an idle machine
    serving one request at a time; on a busy one, what the request itself cost)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start, cpu_start = time.perf_counter(), time.process_time()

        async def timed_send(message):
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - start) * 1000
                cpu = (time.process_time() - cpu_start) * 1000
                value = f"app;dur={ms:.2f}, cpu;dur={cpu:.2f}".encode()
                message = {**message, "headers": [*message.get("headers", []), (b"server-timing", value)]}
            await send(message)

        return await self.app(scope, receive, timed_send)
