"""Polite HTTP fetching of article pages and feeds.

One `Fetcher` per batch: it sends a User-Agent naming narrascope, waits `min_interval` seconds
between two requests to the same host, follows at most `max_redirects` redirects, stops reading a
body past `max_bytes`, gives each request `timeout` seconds in all (connect + every read), and
retries what may pass (timeouts, connection errors, 429 and 5xx) with exponential backoff. Every
failure becomes an `InputError` naming the URL, so a batch goes on with its other URLs.

Only public addresses are fetched, redirects included (see `addresses.py`), unless
`allow_private` (the `--allow-private` flag) says otherwise.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from typing import Self
from urllib.parse import urlsplit

from narrascope.errors import ConfigError, InputError
from narrascope.ingest.addresses import BlockedAddress, check_url_host, guarded_transport

log = logging.getLogger(__name__)

USER_AGENT = "narrascope/0.1 (+offline narrative analysis; polite crawler: one request per host per second)"
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass(slots=True)
class FetchConfig:
    timeout: float = 15.0  # seconds for the whole request, body included
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2  # extra attempts after the first, for failures that may pass
    backoff: float = 1.0  # first wait before a retry; doubled each time
    min_interval: float = 1.0  # seconds between two requests to one host
    user_agent: str = USER_AGENT
    allow_private: bool = False  # also fetch from loopback, private and link-local addresses

    @classmethod
    def from_env(cls, **overrides: object) -> FetchConfig:
        """Defaults, then NARRASCOPE_HTTP_{TIMEOUT,RETRIES,BACKOFF,MIN_INTERVAL,MAX_REDIRECTS}, then `overrides`."""
        config = cls(**overrides)  # type: ignore[arg-type]
        for name, kind in (("timeout", float), ("retries", int), ("backoff", float), ("min_interval", float),
                           ("max_redirects", int)):
            value = os.environ.get(f"NARRASCOPE_HTTP_{name.upper()}")
            if value:
                try:
                    setattr(config, name, kind(value))
                except ValueError:
                    raise ConfigError(f"NARRASCOPE_HTTP_{name.upper()}={value!r} is not a number") from None
        return config


@dataclass(slots=True)
class FetchedPage:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    etag: str | None = None  # validators for a conditional GET next time (see `fetch(..., headers=)`)
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def is_feed(self) -> bool:
        ctype = self.content_type.lower()
        if any(t in ctype for t in FEED_TYPES):
            return True
        if "xml" in ctype or not ctype:
            head = self.body[:1024].lstrip().lower()
            return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
        return False


class _Retryable(Exception):
    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class Fetcher:
    """Fetches URLs one at a time with the limits of `config` (see the module docstring)."""

    def __init__(self, config: FetchConfig | None = None):
        import httpx

        self.config = config or FetchConfig()
        self._httpx = httpx
        guard = {} if self.config.allow_private else {
            "transport": guarded_transport(), "event_hooks": {"request": [_check_request]}}
        self._client = httpx.Client(
            **guard,
            follow_redirects=True,
            max_redirects=self.config.max_redirects,
            timeout=httpx.Timeout(self.config.timeout),
            headers={"User-Agent": self.config.user_agent, "Accept": "text/html, application/xhtml+xml, "
                     "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"},
        )
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            last = self._last_request.get(host)
            now = time.monotonic()
            if last is not None and now - last < self.config.min_interval:
                time.sleep(self.config.min_interval - (now - last))
            self._last_request[host] = time.monotonic()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> FetchedPage:
        """The page at `url`, or an InputError saying why not (after the retries).

        `headers` are sent along, e.g. If-None-Match / If-Modified-Since for a conditional GET: a
        304 answer then comes back as a page with `not_modified` and an empty body."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(url, "not an http(s) URL")
        attempts = self.config.retries + 1
        for attempt in range(attempts):
            try:
                return self._fetch_once(url, headers)
            except _Retryable as exc:
                if attempt + 1 >= attempts:
                    raise InputError(url, f"{exc.reason} (gave up after {attempts} attempts)") from None
                wait = exc.wait if exc.wait is not None else self.config.backoff * 2**attempt
                log.info("%s: %s; retrying in %.1fs", url, exc.reason, wait)
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _fetch_once(self, url: str, headers: dict[str, str] | None = None) -> FetchedPage:
        httpx = self._httpx
        self._wait_turn(url)
        deadline = time.monotonic() + self.config.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                status = resp.status_code
                if status == 304 and headers:
                    return FetchedPage(url=url, final_url=str(resp.url), status=304, content_type="", body=b"",
                                       etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"))
                if status in RETRY_STATUSES:
                    raise _Retryable(f"HTTP {status}", _retry_after(resp.headers.get("retry-after"),
                                                                    self.config.timeout))
                if status >= 400:
                    raise InputError(url, f"HTTP {status} {resp.reason_phrase}".rstrip())
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.config.max_bytes:
                    raise InputError(url, f"response is {int(declared)} bytes, over the {self.config.max_bytes} "
                                     "byte limit (raise --max-bytes)")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.config.max_bytes:
                        raise InputError(url, f"response is over the {self.config.max_bytes} byte limit "
                                         "(raise --max-bytes)")
                    if time.monotonic() > deadline:  # a server trickling bytes must not hold us forever
                        raise _Retryable(f"timed out after {self.config.timeout:g}s reading the body")
                    chunks.append(chunk)
                return FetchedPage(url=url, final_url=str(resp.url), status=status,
                                   content_type=resp.headers.get("content-type", ""), body=b"".join(chunks),
                                   etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"))
        except BlockedAddress as exc:
            asked = (urlsplit(url).hostname or "").lower()
            where = "" if exc.host.strip("[]").lower() == asked else f"redirected to {exc.host}; "
            raise InputError(url, where + exc.reason) from None
        except httpx.TooManyRedirects:
            raise InputError(url, f"more than {self.config.max_redirects} redirects (a redirect loop?)") from None
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.config.timeout:g}s") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise _Retryable(f"connection failed ({exc.__class__.__name__}: {exc})") from None
        except httpx.HTTPError as exc:
            raise InputError(url, f"request failed ({exc.__class__.__name__}: {exc})") from None


def _check_request(request) -> None:
    # Every request of a redirect chain passes here, also those an environment proxy carries
    # (whose connections the guarded transport does not make).
    check_url_host(request.url.host, request.url.port or (443 if request.url.scheme == "https" else 80))


def _retry_after(value: str | None, cap: float) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value), cap)
    return None


def decode_page(page: FetchedPage) -> str | bytes:
    # Let trafilatura/feedparser sniff the charset from the markup unless the server named one.
    ctype = page.content_type.lower()
    if "charset=" in ctype:
        charset = ctype.split("charset=", 1)[1].split(";")[0].strip().strip('"')
        try:
            return page.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return page.body
    return page.body
