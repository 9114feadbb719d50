"""`narrascope watch` against a real HTTP server on 127.0.0.1: conditional GET, robots.txt, only new
entries analysed and stored, state kept across restarts, failing feeds reported and survived."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from narrascope.cli.main import cli
from narrascope.store.database import Store

FIXTURES = Path(__file__).parent / "fixtures" / "web"

ITEM = """<item><title>{title}</title><link>{base}/{path}</link><guid>{path}</guid>
<pubDate>Thu, 07 Mar 2024 08:00:00 GMT</pubDate><description>Teaser.</description></item>"""


class _Feeds(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    conditional: ClassVar[list[str]] = []
    items: ClassVar[list[tuple[str, str]]] = []
    version: ClassVar[int] = 1

    def log_message(self, *args) -> None:
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
        cls = type(self)
        cls.hits[self.path] = cls.hits.get(self.path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/feed.xml":
            etag = f'"v{cls.version}"'
            if self.headers.get("If-None-Match") == etag:
                cls.conditional.append(etag)
                self._send(304, b"", headers={"ETag": etag})
                return
            items = "".join(ITEM.format(title=t, path=p, base=base) for t, p in cls.items)
            body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Island Gazette</title>'
                    f"<link>{base}/</link>{items}</channel></rss>").encode()
            self._send(200, body, "application/rss+xml", {"ETag": etag, "Last-Modified": "Thu, 07 Mar 2024 09:00:00 GMT"})
        elif self.path == "/market":
            self._send(200, (FIXTURES / "market.html").read_bytes())
        elif self.path in ("/ferry", "/private/ferry"):
            self._send(200, (FIXTURES / "ferry.html").read_bytes())
        elif self.path == "/broken.xml":
            self._send(500, b"down")
        else:
            self._send(404, b"not here")


@pytest.fixture()
def server(monkeypatch):
    monkeypatch.setenv("NARRASCOPE_HTTP_MIN_INTERVAL", "0")
    monkeypatch.setenv("NARRASCOPE_HTTP_RETRIES", "0")
    _Feeds.hits, _Feeds.conditional, _Feeds.version = {}, [], 1
    _Feeds.items = [("Fish market reopens", "market"), ("Ferry plans", "private/ferry")]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Feeds)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _watch(feeds: Path, db: Path) -> str:
    result = CliRunner().invoke(cli, ["watch", str(feeds), "--db", str(db), "--once", "-a", "language", "--no-progress",
                                      "--allow-private"])  # the test server is on 127.0.0.1
    assert result.exit_code == 0, result.output
    return result.output


def test_watch_polls_politely_and_stores_only_new_items(server, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{server}/feed.xml\n{server}/missing.xml\n{server}/broken.xml\n", encoding="utf-8")
    db = tmp_path / "corpus.db"

    out = _watch(feeds, db)
    # The disallowed page was never fetched; the two failing feeds were reported, not fatal.
    assert _Feeds.hits.get("/private/ferry") is None
    assert "robots.txt disallows" in out
    assert "missing.xml: HTTP 404" in out and "broken.xml" in out
    assert _Feeds.hits["/market"] == 1
    with Store(db, readonly=True) as store:
        assert store.count() == 1
        row = store.conn.execute("SELECT etag, last_status FROM feeds WHERE url = ?", (f"{server}/feed.xml",)).fetchone()
        assert tuple(row) == ('"v1"', 200)

    # A restart: the feed is asked for conditionally and answers 304; nothing is fetched again.
    out = _watch(feeds, db)
    assert _Feeds.conditional == ['"v1"']
    assert _Feeds.hits["/market"] == 1
    assert "1 unchanged (304)" in out

    # The feed changes: only the new entry is fetched and stored.
    _Feeds.version = 2
    _Feeds.items.append(("Ferry timetable", "ferry"))
    out = _watch(feeds, db)
    assert _Feeds.hits["/market"] == 1 and _Feeds.hits["/ferry"] == 1
    assert "1 new entries, 1 articles stored" in out
    with Store(db, readonly=True) as store:
        assert store.count() == 2
        assert store.conn.execute("SELECT count(*) FROM feed_items").fetchone()[0] == 2
        assert store.conn.execute("SELECT count(*) FROM pending_assign").fetchone()[0] == 0  # placed in stories


def test_every_is_parsed():
    from narrascope.cli.watch import parse_every

    assert parse_every("15m") == 900 and parse_every("2h") == 7200 and parse_every("45") == 45
    with pytest.raises(Exception, match="not a duration"):
        parse_every("soon")


def test_watch_refuses_a_feed_on_a_private_address_unless_allowed(server, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server}/feed.xml\n", encoding="utf-8")
    db = tmp_path / "corpus.db"
    result = CliRunner().invoke(cli, ["watch", str(feeds), "--db", str(db), "--once", "-a", "language", "--no-progress"])
    assert "--allow-private" in result.output and "loopback" in result.output
    assert not _Feeds.hits.get("/feed.xml") and not _Feeds.hits.get("/market")
    with Store(db, readonly=True) as store:
        assert store.count() == 0
