"""ASGI middleware against what a hostile web page can make a visitor's browser do to the server:
DNS rebinding (a Host check), framing and content sniffing (security headers).

DNS rebinding: a page on evil.example makes its own name resolve to 127.0.0.1 and then reads
`http://evil.example:8000/api/export.jsonl` as a same-origin request. The only trace is the Host
header, which still says evil.example, so every request must name a host this server answers to.
"""
from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from narrascope.api.security import _error, _header

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
ANY_HOST = "*"

# The UI needs nothing from elsewhere; styles set in `style=` attributes need 'unsafe-inline'
# (bar widths and label colours), scripts do not. Swagger UI (/docs) starts with an inline script.
_CSP = ("default-src 'self'; script-src 'self'{docs}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def host_name(value: str) -> str:
    """The host of a Host header or URL netloc, without port, brackets or a final dot, lower case."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts_for(bind: str, extra: Iterable[str] = ()) -> list[str]:
    """Host names a server bound to `bind` answers to: the address itself, the loopback names when
    it is loopback, and `extra`. Bound to every interface (0.0.0.0, ::) without `extra`, any name
    is accepted: the token that such a server requires is then what keeps other sites out."""
    names = [host_name(h) for h in extra if h.strip()]
    if bind in ("0.0.0.0", "::", ""):
        return names or [ANY_HOST]
    names.append(host_name(bind))
    if host_name(bind) in LOOPBACK_NAMES or bind.startswith("127."):
        names += LOOPBACK_NAMES
    return list(dict.fromkeys(names))


class HostCheckMiddleware:
    """Refuse (400) a request whose Host header names a host not in `allowed` ("*": any)."""

    def __init__(self, app, allowed: Iterable[str]):
        self.app = app
        self.allowed = {host_name(h) for h in allowed}

    def allows(self, host: str) -> bool:
        return ANY_HOST in self.allowed or host_name(host) in self.allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = _header(scope, b"host")
            if host and not self.allows(host):
                names = ", ".join(sorted(self.allowed))
                return await _error(scope, send, 400, f"this server does not answer to the host name "
                                    f"{host_name(host)!r} (it answers to {names}); if that name is yours, start "
                                    "the server with --allowed-host NAME")
        return await self.app(scope, receive, send)


class SecurityHeadersMiddleware:
    """Content-Security-Policy, X-Frame-Options, nosniff and Referrer-Policy on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        docs = scope.get("path") == "/docs"
        csp = _CSP.format(docs=" 'unsafe-inline'" if docs else "").encode()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                extra = [(b"content-security-policy", csp), *_HEADERS]
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        return await self.app(scope, receive, send_with_headers)


class SameOriginMiddleware:
    """Writes (POST, ...) sent by a browser must come from a page of this server.

    A page on another site could otherwise make the browser post to http://127.0.0.1:8000 (the
    default, token-less binding); browsers send `Origin` on such cross-site requests, and
    `Origin: null` from sandboxed frames and some redirects, which names no page of ours either.
    The origin is compared with the Host header and with the names the server answers to (the Host
    header alone is the attacker's to choose under DNS rebinding). Clients that are not browsers
    send no Origin and are let through: the token is what guards against them.
    """

    def __init__(self, app, allowed_hosts=None):
        self.app = app
        self.hosts = HostCheckMiddleware(None, allowed_hosts or LOOPBACK_NAMES)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = _header(scope, b"origin")
            site = _header(scope, b"sec-fetch-site")
            if origin and (origin == "null" or urlsplit(origin).netloc != _header(scope, b"host")
                           or not self.hosts.allows(urlsplit(origin).netloc)):
                return await _error(scope, send, 403, f"cross-site request from {origin} refused")
            if site in ("cross-site", "same-site"):
                return await _error(scope, send, 403, f"cross-site request refused (Sec-Fetch-Site: {site})")
        return await self.app(scope, receive, send)
