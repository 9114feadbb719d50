"""Issue 16, items 1 (the API part) and 7-10: what a hostile page, a careless client or a slow socket
can make the server do, over real HTTP against uvicorn on 127.0.0.1."""
from __future__ import annotations

import socket
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from narrascope.api import create_app
from narrascope.document import Analysis, Document
from narrascope.store.database import Store

try:
    from .corpus_fixture import make_analyses
    from .live_server import LiveServer, http
except ImportError:
    from corpus_fixture import make_analyses
    from live_server import LiveServer, http

HTML = {"Accept": "text/html"}
JAVASCRIPT_URL = "javascript:fetch('/api/export.jsonl')"
TRAP = Analysis(document=Document(text="A note with a dangerous link.\n\nThe harbour closed for the storm.",
                                  id="trap", url=JAVASCRIPT_URL), language="en")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hardening") / "corpus.db"
    with Store(path) as s:
        s.add_many([*make_analyses(), TRAP])
    return path


@pytest.fixture(scope="module")
def server(db):
    with LiveServer(create_app(db, analyzers=["language"])) as live:
        yield live


@pytest.fixture()
def writable(tmp_path):
    path = tmp_path / "w.db"
    with Store(path) as s:
        s.add_many(make_analyses()[:1])
    with LiveServer(create_app(path, writable=True, analyzers=["language"])) as live:
        yield live


# -- 1. a lone surrogate through the API ---------------------------------------------------------------
def test_analyze_endpoint_takes_a_text_with_a_lone_surrogate(server):
    body = b'{"text": "The harbour \\ud800 reopened after the storm, the council said on Monday."}'
    reply = http(server.url + "/api/analyze", "POST", body=body, headers={"Content-Type": "application/json"})
    assert reply.status == 200, reply.body[:300]
    analysis = reply.json()["analysis"]
    assert "\ufffd" in analysis["document"]["text"] and analysis["language"] == "en"


# -- 7. search cost -------------------------------------------------------------------------------------
@pytest.mark.parametrize("q, reason", [
    (" ".join(["harb*"] * 50), "search terms"),  # the issue's `k* k* ...` took seconds per request
    (" ".join(["harb*"] * 6), "prefix* terms"),
    ("k* harbour", "too short"),
    (" ".join(f"word{i}" for i in range(40)), "search terms"),
    ("harbour\x00storm", "control characters"),
])
def test_expensive_or_broken_searches_are_refused_quickly(server, q, reason):
    for path in ("/api/documents", "/", "/dashboard", "/api/export.csv"):
        # refused before any statement runs: the 422 and its reason, not a timing, are what can fail
        reply = http(server.url + path + "?" + urlencode({"q": q}), headers=HTML if "api" not in path else {})
        assert reply.status == 422, (path, reply.status, reply.body[:200])
        assert reason in reply.text


def test_a_few_prefix_terms_still_search(server):
    reply = http(server.url + "/api/documents?" + urlencode({"q": "warmong* Varg* minist*"}))
    assert reply.status == 200 and reply.json()["total"] == 1


def test_a_statement_over_the_time_limit_is_interrupted(db):
    from narrascope.store.guard import is_interrupted

    store = Store(db, readonly=True, query_time_limit=0.05)
    with pytest.raises(sqlite3.OperationalError) as caught:  # 1e9 rows: only the interrupt ends it
        store.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1e9) "
                           "SELECT count(*) FROM c").fetchall()
    assert is_interrupted(caught.value)
    assert store.count() == 7  # the connection is still usable


def test_the_label_index_loads_past_the_time_limit(db, monkeypatch):
    """The store's own work (the label index a server warms at start-up: seconds at a million
    documents) is not a request's query: no limit stops it, and the limit is back afterwards."""
    from narrascope.store import guard

    monkeypatch.setattr(guard, "PROGRESS_STEPS", 1)  # every statement looks "slow"
    store = Store(db, readonly=True, query_time_limit=1e-9)
    store.index.warm()
    assert len(store.index) == 7 and store.index.kind("narrative").values
    assert store.index.deletions == 0  # read, not mistaken for a schema without the table
    with pytest.raises(sqlite3.OperationalError) as caught:
        store.conn.execute("SELECT count(*) FROM documents").fetchall()
    assert guard.is_interrupted(caught.value)


def test_a_search_over_the_time_limit_is_a_503_that_says_why(db, monkeypatch):
    from narrascope.store import guard

    monkeypatch.setattr(guard, "PROGRESS_STEPS", 1)  # look at the clock after every step: any query is "slow"
    with LiveServer(create_app(db, query_time_limit=1e-9)) as live:
        reply = http(live.url + "/api/documents?q=harbour")
        assert reply.status == 503 and "was stopped" in reply.json()["detail"]
        page = http(live.url + "/?q=harbour", headers=HTML)
        assert page.status == 503 and "was stopped" in page.text


# -- 8. DNS rebinding -----------------------------------------------------------------------------------
def test_requests_naming_another_host_are_refused(server):
    for path in ("/api/export.jsonl", "/", "/api/stats"):
        reply = http(server.url + path, headers={"Host": f"evil.example:{server.port}"})
        assert reply.status == 400 and "evil.example" in reply.text
    assert http(server.url + "/api/stats", headers={"Host": f"localhost:{server.port}"}).status == 200


def test_a_rebinding_post_cannot_store_documents(writable):
    before = http(writable.url + "/api/stats").json()["documents"]
    host = f"evil.example:{writable.port}"
    reply = http(writable.url + "/api/analyze", "POST", json_body={"text": "Planted article text.", "store": True},
                 headers={"Host": host, "Origin": f"http://{host}"})
    assert reply.status in (400, 403)
    assert http(writable.url + "/api/stats").json()["documents"] == before


# -- 9. CSRF through Origin: null, framing, sniffing ----------------------------------------------------
def test_origin_null_cannot_store_documents(writable):
    before = http(writable.url + "/api/stats").json()["documents"]
    json_post = http(writable.url + "/api/analyze", "POST", json_body={"text": "Planted article.", "store": True},
                     headers={"Origin": "null"})
    form = urlencode({"text": "Planted through the form.", "store": "true"}).encode()
    form_post = http(writable.url + "/analyze", "POST", body=form,
                     headers={**HTML, "Origin": "null", "Content-Type": "application/x-www-form-urlencoded"})
    cross = http(writable.url + "/api/analyze", "POST", json_body={"text": "Planted article.", "store": True},
                 headers={"Sec-Fetch-Site": "cross-site"})
    assert (json_post.status, form_post.status, cross.status) == (403, 403, 403)
    assert http(writable.url + "/api/stats").json()["documents"] == before


def test_security_headers_on_pages_api_and_refusals(server):
    for path, headers in (("/", HTML), ("/analyze", HTML), ("/api/stats", {}), ("/static/app.js", {}),
                          ("/api/documents?limit=0", {})):
        reply = http(server.url + path, headers=headers)
        csp = reply.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split(
            "script-src")[1].split(";")[0], path
        assert reply.headers["x-frame-options"] == "DENY" and reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["referrer-policy"] == "same-origin"


# -- 10. slow sockets, token guessing, javascript: links ------------------------------------------------
@pytest.fixture()
def impatient(db):
    try:
        from narrascope.api.serving import server_config
    except ImportError:  # before issue 16: plain uvicorn, no read-time limits (so these tests fail there)
        with LiveServer(create_app(db)) as live:
            yield live
        return
    app = create_app(db, body_timeout=1.0)
    with LiveServer(app, server_config(app, "127.0.0.1", 0, header_timeout=1.0)) as live:
        yield live


def test_a_half_sent_request_head_is_closed(impatient):
    with socket.create_connection(("127.0.0.1", impatient.port), timeout=10) as sock:
        sock.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        # closed by the server without an answer (the socket's own 10 s timeout would raise instead)
        assert sock.recv(1024) == b""
    with socket.create_connection(("127.0.0.1", impatient.port), timeout=10) as sock:  # a silent client too
        assert sock.recv(1024) == b""


def test_a_body_that_never_arrives_gets_a_408(impatient):
    with socket.create_connection(("127.0.0.1", impatient.port), timeout=10) as sock:
        sock.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 500\r\n\r\n{\"text\": \"only a part")
        assert sock.recv(4096).startswith(b"HTTP/1.1 408")


def test_token_guessing_is_slowed_down(db):
    from narrascope.api.limits import LoginThrottle

    token = "correct-horse-battery"
    with LiveServer(create_app(db, token=token, logins=LoginThrottle(free=3, base=1.0))) as live:
        form = {"Content-Type": "application/x-www-form-urlencoded", **HTML}

        def login(guess: str):
            return http(live.url + "/login", "POST", body=urlencode({"token": guess, "next": "/"}).encode(),
                        headers=form)

        statuses = [login(f"guess-{i}").status for i in range(6)]
        assert statuses[:4] == [401] * 4 and statuses[4:] == [429, 429]
        locked = login(token)
        assert locked.status == 429 and int(locked.headers["retry-after"]) >= 1  # even the right token waits
        time.sleep(int(locked.headers["retry-after"]) + 0.1)
        assert login(token).status == 303
        bearer = [http(live.url + "/api/stats", headers={"Authorization": f"Bearer guess-{i}"}).status
                  for i in range(6)]
        assert bearer[-1] == 429


def test_a_javascript_url_is_never_a_link(server):
    key = TRAP.document.content_hash[:16]
    page = http(server.url + f"/documents/{key}", headers=HTML).text
    assert 'href="javascript' not in page.lower() and "javascript:fetch" in page  # shown, not linked
    ok = http(server.url + "/documents/" + make_analyses()[0].document.content_hash[:16], headers=HTML).text
    assert "original ↗" in ok or make_analyses()[0].document.url is None


def test_the_pages_still_work_with_the_headers(server):
    for path in ("/", "/dashboard", "/analyze", "/docs", "/?q=" + quote("warmong*")):
        assert http(server.url + path, headers=HTML).status == 200, path
