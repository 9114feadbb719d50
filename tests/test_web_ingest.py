"""Web ingest against a real HTTP server on 127.0.0.1 serving pages and a feed written for these tests."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from narrascope.document import Document
from narrascope.errors import InputError
from narrascope.ingest import iter_documents
from narrascope.ingest.fetch import FetchConfig, Fetcher
from narrascope.ingest.html import extract_html
from narrascope.ingest.web import iter_web_sources

FIXTURES = Path(__file__).parent / "fixtures" / "web"


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    agents: ClassVar[list[str]] = []
    release_slow: ClassVar[threading.Event] = threading.Event()

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers=None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # (http.server's naming)
        path = self.path
        cls = type(self)
        cls.hits[path] = cls.hits.get(path, 0) + 1
        cls.agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/ferry":
            self._send(200, (FIXTURES / "ferry.html").read_bytes())
        elif path == "/market":
            self._send(200, (FIXTURES / "market.html").read_bytes())
        elif path == "/moved":
            self._send(301, b"", headers={"Location": "/market"})
        elif path in ("/loop-a", "/loop-b"):
            self._send(302, b"", headers={"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
        elif path == "/slow":
            cls.release_slow.wait(timeout=30)  # held until the test has seen the client give up
            self._send(200, (FIXTURES / "ferry.html").read_bytes())
        elif path == "/big":
            self._send(200, b"<html><body><p>" + b"word " * 60_000 + b"</p></body></html>")
        elif path == "/big-undeclared":  # no Content-Length: the limit must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
            self.close_connection = True
        elif path == "/flaky":
            status = 503 if cls.hits[path] == 1 else 200
            self._send(status, (FIXTURES / "market.html").read_bytes() if status == 200 else b"busy")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, ctype="image/png")
        elif path == "/feed":
            body = (FIXTURES / "island.rss").read_text(encoding="utf-8").replace("{base}", base).encode()
            self._send(200, body, ctype="application/rss+xml")
        else:
            self._send(404, b"not here")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fast_config(**kw) -> FetchConfig:
    # allow_private: the test server is on 127.0.0.1, which narrascope refuses by default (test_fetch_guard.py)
    base = {"timeout": 0.5, "retries": 0, "backoff": 0.05, "min_interval": 0.0, "max_bytes": 100_000,
            "allow_private": True}
    return FetchConfig(**{**base, **kw})


def fetch_all(urls, **kw) -> list:
    with Fetcher(fast_config(**kw)) as fetcher:
        return list(iter_web_sources(urls, max_bytes=100_000, fetcher=fetcher))


def test_article_extracted_with_metadata(server):
    [doc] = fetch_all([f"{server}/ferry"])
    assert isinstance(doc, Document)
    assert doc.title == "Harbour council votes to close the old ferry line"
    assert doc.text.startswith(doc.title)
    assert "outer islands for ninety years" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text  # boilerplate dropped
    assert doc.published == "2024-03-05"
    assert doc.source == "Lindvik Courier"
    assert doc.meta["author"] == "Ada Brenner"
    assert doc.url == "https://courier.example/ferry-line" or doc.url.endswith("/ferry")
    assert _Handler.agents[-1].startswith("narrascope/")


def test_each_failure_is_reported_and_the_batch_goes_on(server):
    urls = [f"{server}/missing", f"{server}/loop-a", f"{server}/slow", f"{server}/big",
            f"{server}/big-undeclared", f"{server}/image", "ftp://example.invalid/x", f"{server}/moved"]
    _Handler.release_slow.clear()
    try:
        items = fetch_all(urls, max_redirects=4)
    finally:
        _Handler.release_slow.set()
    errors = {e.source: e.reason for e in items if isinstance(e, InputError)}
    docs = [d for d in items if isinstance(d, Document)]
    assert "HTTP 404" in errors[f"{server}/missing"]
    assert "redirects" in errors[f"{server}/loop-a"]
    assert "timed out" in errors[f"{server}/slow"]
    assert "byte limit" in errors[f"{server}/big"]
    assert "byte limit" in errors[f"{server}/big-undeclared"]
    assert "content type image/png" in errors[f"{server}/image"]
    assert "not an http(s) URL" in next(r for s, r in errors.items() if s.startswith("ftp://"))
    assert len(docs) == 1 and "fish market" in docs[0].text  # the redirect was followed
    assert docs[0].meta["fetched_url"].endswith("/market")


def test_retries_with_backoff_then_succeeds(server):
    _Handler.hits.pop("/flaky", None)
    [doc] = fetch_all([f"{server}/flaky"], retries=2)
    assert isinstance(doc, Document) and _Handler.hits["/flaky"] == 2
    [err] = fetch_all([f"{server}/missing"], retries=3)  # a 404 is final: no retry
    assert isinstance(err, InputError) and "after" not in err.reason


class _FakeClock:
    """Stands in for the fetch module's `time`: sleeping advances it, so waits are exact, not timed."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_per_host_rate_limit(server, monkeypatch):
    clock = _FakeClock()
    monkeypatch.setattr("narrascope.ingest.fetch.time", clock)
    _Handler.hits.clear()
    fetch_all([f"{server}/ferry", f"{server}/market", f"{server}/ferry"], min_interval=0.25)
    assert _Handler.hits == {"/ferry": 2, "/market": 1}
    # three requests to one host with no time passing between them: two full waits, none before the first
    assert clock.sleeps == pytest.approx([0.25, 0.25])


def test_feed_entries_fetched_or_taken_from_the_feed(server):
    items = fetch_all([f"{server}/feed"])
    docs = [d for d in items if isinstance(d, Document)]
    errors = [e for e in items if isinstance(e, InputError)]
    assert [d.title for d in docs] == ["Fish market reopens after storm repairs", "School choir wins the regional contest"]
    market, choir = docs
    assert "herring and cod" in market.text and market.meta["feed_title"] == "Island Gazette"
    assert market.published == "2024-03-07"  # from the page; the feed's date fills only gaps
    assert "national final" in choir.text and choir.published.startswith("2024-03-08")  # full content in the feed
    assert len(errors) == 1 and errors[0].source.endswith("/missing-ferry") and "404" in errors[0].reason


def test_iter_documents_dispatches_urls_lists_html_and_feed_files(server, tmp_path, monkeypatch):
    monkeypatch.setenv("NARRASCOPE_HTTP_MIN_INTERVAL", "0")
    monkeypatch.setenv("NARRASCOPE_HTTP_RETRIES", "0")
    url_list = tmp_path / "batch.urls"
    url_list.write_text(f"# two pages\n{server}/ferry\n\n{server}/missing\nnot-a-url\n", encoding="utf-8")
    sources = [str(url_list), f"{server}/market", str(FIXTURES / "ferry.html"), str(FIXTURES / "island.rss")]
    items = list(iter_documents(sources, allow_private=True))
    docs = [d for d in items if isinstance(d, Document)]
    errors = [e for e in items if isinstance(e, InputError)]
    assert sorted(e.reason.split(" ")[0] for e in errors) == ["HTTP", "not"]
    assert {d.id for d in docs} >= {f"{server}/ferry", f"{server}/market", "ferry.html"}
    saved = next(d for d in docs if d.id == "ferry.html")
    assert saved.url == "https://courier.example/ferry-line" and saved.source == "Lindvik Courier"
    feed_titles = [d.title for d in docs if d.meta.get("feed_title") == "Island Gazette"]
    assert len(feed_titles) == 3  # a saved feed is read offline: each entry's own text


def test_html_without_article_is_a_clear_error():
    with pytest.raises(InputError, match="no article text"):
        extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", source="empty.html")


PIER = ("<p>The harbour of Lindvik opened a new pier on Friday, the mayor said in a statement to reporters.</p>"
        "<p>Critics called it a waste of money and asked for a vote.</p>")


@pytest.mark.parametrize("head, before, after, date", [
    ('<meta property="article:published_time" content="2024-03-05T09:30:00Z">', "", "", "2024-03-05"),
    ("", '<time datetime="2024-03-05">5 March</time>', "", "2024-03-05"),
    ("", "<div>5 марта 2024, 10:21</div>", "", "2024-03-05"),  # a day the page's text names
    ("", "", "<footer>© 2026 Lindvik Post</footer>", None),  # a copyright year is no day it was published
    ("", "<p>Issue of March 2024</p>", "", None),  # nor is a month
])
def test_a_page_is_dated_by_a_day_it_names_never_by_a_year(head, before, after, date):
    html = f"<html><head>{head}<title>Pier</title></head><body><article><h1>Pier</h1>{before}{PIER}</article>{after}</body></html>"
    assert extract_html(html, source="pier.html").date == date
