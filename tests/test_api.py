"""The REST API and server safety, over real HTTP against uvicorn on 127.0.0.1."""
from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from narrascope.api import create_app
from narrascope.store.database import Store

try:  # tests/ as a package (relative imports) or as plain folder on sys.path (pytest's default)
    from .corpus_fixture import BLAME, POLICIES, make_analyses
    from .live_server import LiveServer, http
except ImportError:
    from corpus_fixture import BLAME, POLICIES, make_analyses
    from live_server import LiveServer, http

ROOT = Path(__file__).resolve().parents[1]
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api") / "corpus.db"
    with Store(path) as s:
        s.add_many(make_analyses())
    return path


@pytest.fixture(scope="module")
def server(db):
    with LiveServer(create_app(db, analyzers=["language"])) as live:
        yield live


def key_of(i: int) -> str:
    return make_analyses()[i].document.content_hash[:16]


def test_corpus_json_with_filters_and_facets(server):
    everything = http(server.url + "/api/documents").json()
    assert everything["total"] == 6 and len(everything["documents"]) == 6
    assert {f["value"] for f in everything["facets"]["language"]} == {"en", "ru", "bg", "hi"}
    query = urlencode([("narrative", POLICIES), ("language", "en"), ("language", "bg")])
    some = http(server.url + "/api/documents?" + query).json()
    assert some["total"] == 2 and {d["id"] for d in some["documents"]} == {"subsidies.txt", "bg-1"}
    assert sum(f["count"] for f in some["facets"]["language"]) == 2
    searched = http(server.url + "/api/documents?q=warmongers").json()
    assert searched["sort"] == "relevance" and searched["documents"][0]["snippet_marks"]
    page = http(server.url + "/api/documents?limit=2&offset=4&sort=date&facets=false").json()
    assert len(page["documents"]) == 2 and page["facets"] is None


def test_article_json(server):
    reply = http(server.url + "/api/documents/" + key_of(0))
    assert reply.status == 200
    data = reply.json()
    assert data["analysis"]["narratives"][0]["label"] == BLAME
    assert data["analysis"]["document"]["text"].startswith("Minister Varga")
    assert http(server.url + "/api/documents/" + key_of(0)[:8]).json()["key"] == key_of(0)
    missing = http(server.url + "/api/documents/00000000deadbeef")
    assert missing.status == 404 and "00000000deadbeef" in missing.json()["detail"]
    assert http(server.url + "/api/documents/not-hex!").status == 422


def test_dashboard_and_facets_json(server):
    dash = http(server.url + "/api/dashboard?interval=month").json()
    assert dash["total"] == 6 and dash["timeline"]["buckets"] == ["2024-03", "2024-04", "2024-05"]
    assert dash["timeline"]["undated"] == 1
    assert {g["value"] for g in dash["by_language"]["groups"]} == {"en", "ru", "bg", "hi"}
    assert "the Alliance" in {e["name"] for e in dash["top_entities"]["Antagonist"]}
    assert dash["techniques"][0]["label"] == "Loaded_Language"
    # By default the timeline takes the finest bucket that draws the view in at most 62 points: the fixture's
    # eleven weeks by week, its March by day; an entity's by the documents that cast it.
    auto = http(server.url + "/api/dashboard").json()["timeline"]
    assert auto["interval"] == "week" and auto["buckets"][:2] == ["2024-03-04", "2024-03-11"]
    march = http(server.url + "/api/dashboard?date_to=2024-03-31").json()
    assert march["interval"] == march["timeline"]["interval"] == "day"
    assert march["timeline"]["buckets"][0] == "2024-03-04"
    assert http(server.url + "/api/entities/" + quote("the Alliance")).json()["interval"] == "day"
    assert "on" in re.search(r'<a class="([^"]*)"[^>]*>week</a>', http(server.url + "/dashboard", headers=HTML).text)[1]
    facets = http(server.url + "/api/facets?names=source&language=ru").json()
    assert facets["facets"] == {"source": [{"value": "vesti.example", "count": 1}]}
    stats = http(server.url + "/api/stats").json()
    assert stats["documents"] == 6 and stats["writable"] is False


@pytest.mark.parametrize("query, reason", [
    ("narative=x", "unknown parameter 'narative'"),
    ("date_from=2024-13-01", "date_from"),
    ("date_from=2024-05-01&date_to=2024-01-01", "after date_to"),
    ("limit=0", "limit"),
    ("limit=100000", "limit"),
    ("sort=random", "sort"),
    ("language=e!", "language"),
    ("offset=-1", "offset"),
])
def test_bad_parameters_are_422_with_the_reason(server, query, reason):
    reply = http(server.url + "/api/documents?" + query)
    assert reply.status == 422
    assert any(reason in line for line in reply.json()["detail"]), reply.json()
    page = http(server.url + "/?" + query, headers=HTML)
    assert page.status == 422 and reason.replace("'", "&#39;") in page.text
    assert http(server.url + "/api/dashboard?interval=year").status == 422


def test_unknown_parameter_lists_the_known_ones(server):
    detail = http(server.url + "/api/dashboard?narative=x").json()["detail"][0]
    assert "known:" in detail and "narrative" in detail and "interval" in detail


def test_exports_follow_the_filters(server):
    reply = http(server.url + "/api/export.csv?language=en")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/csv")
    assert "attachment" in reply.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert sorted(r["id"] for r in rows) == ["alliance.txt", "festival.txt", "subsidies.txt"]
    assert "text" not in rows[0]
    with_text = list(csv.DictReader(io.StringIO(http(server.url + "/api/export.csv?include_text=true&doc_id=bg-1").text)))
    assert with_text[0]["text"].startswith("Фермерите")
    lines = http(server.url + "/api/export.jsonl?" + urlencode({"narrative": POLICIES})).text.splitlines()
    records = [json.loads(x) for x in lines]
    assert sorted(r["document"]["id"] for r in records) == ["bg-1", "hi-1", "subsidies.txt"]
    assert all(r["document"]["text"] and len(r["key"]) == 16 for r in records)
    timeline = list(csv.DictReader(io.StringIO(http(server.url + "/api/timeline.csv?interval=month").text)))
    assert {r["bucket"] for r in timeline} == {"2024-03", "2024-04", "2024-05"}
    assert any(r["label"] == POLICIES and r["documents"] == "1" for r in timeline)


def test_spans_and_labels(server):
    spans = http(server.url + "/api/spans?kind=technique&label=Name_Calling-Labeling").json()["spans"]
    assert [s["text"] for s in spans] == ["These reckless warmongers"]
    labels = http(server.url + "/api/labels").json()
    assert any(t["name"] == "Loaded_Language" and t["definition"] for t in labels["technique"])


def test_pages_are_served_and_offline(server):
    for path in ["/", "/dashboard", "/documents/" + key_of(0), "/analyze", "/docs", "/?language=ru",
                 "/dashboard?interval=day&metric=share&level=technique"]:
        reply = http(server.url + path, headers=HTML)
        assert reply.status == 200, path
        external = re.findall(r'(?:src|href)=["\'](?:https?:)?//[^"\']+', reply.text)
        assert [e for e in external if "example" not in e] == [], (path, external)  # only article links
    docs = http(server.url + "/docs", headers=HTML).text
    assert "/static-docs/swagger-ui-bundle.js" in docs
    assert http(server.url + "/static-docs/swagger-ui-bundle.js").status == 200
    assert http(server.url + "/static/app.js").status == 200
    spec = http(server.url + "/openapi.json").json()
    assert "/api/documents" in spec["paths"] and "/api/export.csv" in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/api/documents"]["get"]["parameters"]}
    assert {"narrative", "technique", "date_from", "q", "limit"} <= params


def test_a_page_address_with_json_leads_to_its_twin(server):
    key = key_of(0)
    pages = {f"/documents/{key}.json": f"/api/documents/{key}",
             "/dashboard.json?interval=day&language=en": "/api/dashboard?interval=day&language=en",
             "/documents.json?language=ru": "/api/documents?language=ru",
             "/entities/" + quote("the Alliance") + ".json": "/api/entities/the%20Alliance"}
    for page, twin in pages.items():
        reply = http(server.url + page)
        assert (reply.status, reply.headers["location"]) == (307, twin), page
        assert http(server.url + twin).json() == http(server.url + reply.headers["location"]).json()
    assert http(server.url + f"/documents/{key}.json", headers=HTML).status == 307  # a browser is sent there too
    assert http(server.url + "/documents/not-hex.json").status == 307  # ... and hears from the twin what is wrong
    assert http(server.url + "/api/documents/not-hex").status == 422
    assert http(server.url + "/nothing-here.json").status == 404
    # The entity page's own "{ } JSON" link encodes the name as the redirect does.
    entity_page = http(server.url + "/entities/" + quote("the Alliance"), headers=HTML).text
    assert 'href="/api/entities/the%20Alliance"' in entity_page


def test_article_page_marks_spans(server):
    page = http(server.url + "/documents/" + key_of(0), headers=HTML).text
    alliance = re.findall(r'class="m m-ant[^"]*" data-a="[^"]*">the Alliance<', page)
    assert len(alliance) == 2  # mentioned twice (once inside the evidence sentence), cast as Antagonist
    assert re.search(r'class="t[^"]*"[^>]*>These ', page)  # the name-calling span is tinted
    assert 'class="ev"' in page or "ev " in page
    assert "The minister places the cause" in page  # the explanation
    assert "cast 0.72" in page  # the probability that the article casts the Alliance at all
    bare = http(server.url + "/documents/" + key_of(5), headers=HTML).text
    assert "Not analysed: the techniques analyzer did not run." in bare


def test_hostile_text_is_escaped_everywhere(tmp_path):
    from narrascope.document import Analysis, Document, Entity, LabelScore, Span

    evil = '<script>alert("x")</script>'
    text = f"Headline {evil}\n\nBody with {evil} and </script><img src=x onerror=alert(1)> inside."
    a = Analysis(document=Document(text=text, id=evil, title=evil, source=evil, published="2024-01-01"),
                 language="en", narratives=[LabelScore(evil, 0.9, evidence=[Span(0, 8)])],
                 entities=[Entity(evil, "PER", "Antagonist", 0.5, mentions=[Span(9, 9 + len(evil))])],
                 techniques=[Span(text.index("Body"), text.index("Body") + 20, evil, 0.5)], analyzers=["language"])
    path = tmp_path / "evil.db"
    with Store(path) as s:
        s.add(a)
    with LiveServer(create_app(path)) as live:
        key = a.document.content_hash[:16]
        for page in ["/", "/dashboard", f"/documents/{key}", "/?q=" + quote(evil)]:
            html = http(live.url + page, headers=HTML).text
            assert "<script>alert" not in html and "<img src=x" not in html, page
        assert http(live.url + f"/api/documents/{key}").json()["analysis"]["document"]["title"] == evil


def test_article_page_says_which_mode_cast_the_entities(tmp_path):
    from narrascope.document import Analysis, Document, Entity, Span

    text = "Kross attacked Soria while Ilva watched."
    made = {}
    for mode in ("roles", "roles-accurate"):
        made[mode] = Analysis(document=Document(text=f"{text} ({mode})", id=mode), language="en",
                              entities=[Entity("Kross", "PER", "Antagonist", 0.8, mentions=[Span(0, 5)]),
                                        Entity("Soria", "LOC", mentions=[Span(15, 20)])],
                              analyzers=["language", "entities", mode])
    path = tmp_path / "modes.db"
    with Store(path) as s:
        s.add_many(list(made.values()))
    with LiveServer(create_app(path)) as live:
        pages = {mode: http(live.url + f"/documents/{a.document.content_hash[:16]}", headers=HTML).text
                 for mode, a in made.items()}
    assert all("Kross" in page and "Antagonist" in page for page in pages.values())
    assert ">accurate mode</span>" in pages["roles-accurate"] and "accurate mode" not in pages["roles"]
    assert "language, entities, roles-accurate" in pages["roles-accurate"]


def test_every_response_says_its_server_time(server):
    reply = http(server.url + "/api/documents?limit=1")
    assert re.fullmatch(r"app;dur=\d+\.\d+, cpu;dur=\d+\.\d+", reply.headers["server-timing"])


def test_read_only_server_analyses_but_never_stores(server, db):
    text = "The harbour of Lindvik opened a new pier for fishing boats on Friday."
    reply = http(server.url + "/api/analyze", "POST", json_body={"text": text, "title": "Pier"})
    assert reply.status == 200
    data = reply.json()
    assert data["stored"] is False and data["analysis"]["language"] == "en"
    refused = http(server.url + "/api/analyze", "POST", json_body={"text": text, "store": True})
    assert refused.status == 403 and "--writable" in refused.json()["detail"]
    assert http(server.url + "/api/stats").json()["documents"] == 6
    assert http(server.url + "/api/analyze", "POST", json_body={"text": "   "}).status == 422
    assert http(server.url + "/api/analyze", "POST", json_body={"txt": "x"}).status == 422


COMMENTED = ("The harbour of Lindvik opened a new pier for fishing boats on Friday.\n"
             "Photo: Lindvik Harbour Office\n\n"
             "Comments:\n"
             "1. seabird77 Offline seabird77\n"
             "This pier is a scandal and the mayor is a liar!\n")


def test_what_is_not_the_article_is_set_apart_on_the_page_and_in_its_twin(server):
    data = http(server.url + "/api/analyze", "POST", json_body={"text": COMMENTED}).json()
    comments = COMMENTED.index("Comments:")
    assert [(r["start"], r["end"], r["kind"]) for r in data["not_the_article"]] == [
        (COMMENTED.index("Photo:"), COMMENTED.index("\n\nComments"), "furniture"),
        (comments, len(COMMENTED), "comments")]
    form = urlencode({"text": COMMENTED}).encode()
    page = http(server.url + "/analyze", "POST", body=form,
                headers={**HTML, "Content-Type": "application/x-www-form-urlencoded"}).text
    # The thread opens with its heading (drawn by the stylesheet) and stays apart to its end; the article's
    # own sentence is not marked.
    assert page.count("nv-comments nv-start") == 1 and page.count('class="nv nv-furniture nv-start"') == 1
    assert re.search(r'class="nv nv-comments nv-start"[^>]*>Comments:\n1\. seabird77.*liar!\n</span>', page, re.DOTALL)
    assert "opened a new pier" in page and not re.search(r'class="nv[^>]*>[^<]*opened a new pier', page)
    stored = http(server.url + "/api/documents/" + key_of(0)).json()
    assert stored["not_the_article"] == []  # a text with nothing but the article


def test_cross_site_posts_are_refused(server):
    reply = http(server.url + "/api/analyze", "POST", json_body={"text": "Some text here."},
                 headers={"Origin": "http://evil.example"})
    assert reply.status == 403
    same = http(server.url + "/api/analyze", "POST", json_body={"text": "Some text here."},
                headers={"Origin": server.url})
    assert same.status == 200


def multipart(fields: dict[str, str], file_name: str, content: bytes) -> tuple[bytes, str]:
    boundary = "narrascope-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                 f"Content-Type: text/plain\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_writable_server_stores_what_it_analyses(tmp_path):
    path = tmp_path / "w.db"
    with Store(path) as s:
        s.add_many(make_analyses()[:1])
    with LiveServer(create_app(path, writable=True, analyzers=["language"])) as live:
        text = "Московский порт принял новые суда. Жители города рады."
        first = http(live.url + "/api/analyze", "POST", json_body={"text": text, "source": "port.example",
                                                                   "store": True}).json()
        assert first["stored"] and first["status"] == "added"
        again = http(live.url + "/api/analyze", "POST", json_body={"text": text, "store": True}).json()
        assert again["status"] == "unchanged"
        stored = http(live.url + "/api/documents/" + first["key"]).json()
        assert stored["analysis"]["language"] == "ru" and stored["analysis"]["document"]["source"] == "port.example"
        body, ctype = multipart({"store": "true", "published": "2024-06-01"}, "note.txt",
                                b"A short note about the harbour.")
        up = http(live.url + "/api/analyze/upload", "POST", body=body, headers={"Content-Type": ctype}).json()
        assert up["stored"] and up["analysis"]["document"]["id"] == "note.txt"
        body, ctype = multipart({}, "bad.txt", b"\xff\xfe\xfa not utf-8")
        bad = http(live.url + "/api/analyze/upload", "POST", body=body, headers={"Content-Type": ctype})
        assert bad.status == 422 and "bad.txt" in bad.json()["detail"]
        assert http(live.url + "/api/stats").json()["documents"] == 3
        # The HTML form: a stored analysis redirects to its article page.
        form = urlencode({"text": "Fishermen in Lindvik report a calm season.", "store": "true"}).encode()
        page = http(live.url + "/analyze", "POST", body=form,
                    headers={**HTML, "Content-Type": "application/x-www-form-urlencoded"})
        assert page.status == 303 and page.headers["location"].startswith("/documents/")


def test_request_body_limit(tmp_path, db):
    with LiveServer(create_app(db, max_body=2000, analyzers=["language"])) as live:
        big = {"text": "word " * 1000}
        reply = http(live.url + "/api/analyze", "POST", json_body=big)
        assert reply.status == 413 and "limit is 2.0 kB" in reply.text and "--max-body" in reply.json()["detail"]
        # Just over the limit, so that the limit is crossed by the last chunk: with more to send, the
        # client may still be writing when the server answers 413 and closes (a broken pipe, not a reply).
        body = json.dumps({"text": "word " * 420}).encode()
        assert 2000 < len(body) <= 2200
        chunks = iter([body[i:i + 500] for i in range(0, len(body), 500)])
        streamed = http(live.url + "/api/analyze", "POST", body=chunks,
                        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        assert streamed.status == 413
        assert http(live.url + "/api/analyze", "POST", json_body={"text": "small enough"}).status == 200


def test_token_is_checked_on_every_request(db):
    token = "correct-horse-battery"
    with LiveServer(create_app(db, token=token)) as live:
        for path in ["/api/documents", "/static/app.css", "/openapi.json", "/docs"]:
            reply = http(live.url + path)
            assert reply.status == 401, path
        assert http(live.url + "/api/stats").headers["www-authenticate"] == "Bearer"
        assert http(live.url + "/api/stats", headers={"Authorization": "Bearer wrong"}).status == 401
        assert http(live.url + "/api/stats", headers={"Authorization": f"Bearer {token}"}).status == 200
        # A browser is sent to the sign-in page once, then carries a session cookie.
        first = http(live.url + "/dashboard?interval=month", headers=HTML)
        assert first.status == 303 and first.headers["location"] == "/login?next=" + quote("/dashboard?interval=month",
                                                                                           safe="")
        login = http(live.url + "/login", headers=HTML)
        assert login.status == 200 and "<style>" in login.text  # usable before any asset can be fetched
        form = {"Content-Type": "application/x-www-form-urlencoded", **HTML}
        wrong = http(live.url + "/login", "POST", body=b"token=nope&next=/", headers=form)
        assert wrong.status == 401
        evil = http(live.url + "/login", "POST", body=urlencode({"token": token, "next": "//evil.example"}).encode(),
                    headers=form)
        assert evil.status == 303 and evil.headers["location"] == "/"
        ok = http(live.url + "/login", "POST", body=urlencode({"token": token, "next": "/dashboard"}).encode(),
                  headers=form)
        assert ok.status == 303 and ok.headers["location"] == "/dashboard"
        cookie = ok.headers["set-cookie"].split(";")[0]
        assert token not in cookie and "HttpOnly" in ok.headers["set-cookie"]
        assert http(live.url + "/dashboard", headers={**HTML, "Cookie": cookie}).status == 200
        assert http(live.url + "/api/documents", headers={"Cookie": cookie}).status == 200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command(db, tmp_path):
    refused = subprocess.run([sys.executable, "-m", "narrascope", "serve", "--db", str(db), "--host", "0.0.0.0"],
                             capture_output=True, text=True, check=False, timeout=60, cwd=ROOT)
    assert refused.returncode == 2 and "--token" in refused.stderr
    missing = subprocess.run([sys.executable, "-m", "narrascope", "serve", "--db", str(tmp_path / "none.db")],
                             capture_output=True, text=True, check=False, timeout=60, cwd=ROOT)
    assert missing.returncode == 1 and "no such corpus database" in missing.stderr
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "narrascope", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, reply = time.time() + 60, None
        while time.time() < deadline:
            try:
                reply = http(f"http://127.0.0.1:{port}/api/stats")
                break
            except OSError:
                time.sleep(0.1)
        assert reply is not None and reply.json()["documents"] == 6 and reply.json()["writable"] is False
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_article_page_says_who_makes_each_evidence_claim(server):
    stated = http(server.url + "/documents/" + key_of(3), headers=HTML).text
    assert '<cite class="attribution">(stated by the article)</cite>' in stated
    assert 'class="reported"' not in stated
    minister = http(server.url + "/documents/" + key_of(0), headers=HTML).text  # "Minister Varga said ... that"
    assert '<cite class="attribution">(attributed to Minister Varga)</cite>' in minister
    reported = http(server.url + "/documents/" + key_of(1), headers=HTML).text
    assert "<cite class=\"attribution\">(attributed to the farmers&#39; union)</cite>" in reported
    assert 'class="reported"' in reported and "not stated by the article" in reported
    # ... and the page's JSON twin carries the same facts
    ev = http(server.url + "/api/documents/" + key_of(1)).json()["analysis"]["narratives"][0]["evidence"][0]
    assert ev["attribution"] == "attributed" and ev["attributed_to"] == "the farmers' union"
