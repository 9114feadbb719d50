"""Issue 16, item 9, in a real headless Chromium: a page on another site can neither frame the UI
nor store documents through a sandboxed frame (`Origin: null`), and the security headers break
none of the UI's own pages (no Content-Security-Policy violation)."""
from __future__ import annotations

import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from narrascope.api import create_app
from narrascope.store.database import Store

try:
    from .corpus_fixture import make_analyses
    from .live_server import LiveServer, http
    from .test_ui import CHROMIUM, FLAGS
except ImportError:
    from corpus_fixture import make_analyses
    from live_server import LiveServer, http
    from test_ui import CHROMIUM, FLAGS

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip package playwright is not installed")
if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
    pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium (make browser)", allow_module_level=True)


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "corpus.db"
    with Store(path) as s:
        s.add_many(make_analyses())
    with LiveServer(create_app(path, writable=True, analyzers=["language"])) as live:
        yield live


@pytest.fixture(scope="module")
def attacker(target):
    """Another site (127.0.0.2 is another origin) with pages aimed at the narrascope server."""
    pages = {
        "/frame": f'<iframe id="ui" src="{target.url}/analyze" width="800" height="600"></iframe>',
        "/csrf": ('<iframe sandbox="allow-forms allow-scripts" srcdoc="'
                  f"<form method=post action='{target.url}/analyze' enctype='multipart/form-data'>"
                  "<input name=text value='Planted by another site.'><input name=store value=true></form>"
                  '<script>document.forms[0].submit()</script>"></iframe>'),
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # (http.server's naming)
            body = f"<!doctype html><title>elsewhere</title>{pages.get(self.path, '')}".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    try:
        httpd = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
    except OSError:
        pytest.skip("cannot bind 127.0.0.2 on this system")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("chromium-profile")),
                                                       executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield context
        context.close()


def test_another_site_cannot_frame_the_ui(browser, target, attacker):
    page = browser.new_page()
    page.goto(attacker + "/frame")
    page.wait_for_timeout(1500)
    framed = [f for f in page.frames if f != page.main_frame]
    assert framed and not any(f.url.startswith(target.url) and f.locator("form.analyze").count() for f in framed)
    page.close()


def test_a_sandboxed_frame_on_another_site_cannot_store_documents(browser, target, attacker):
    before = http(target.url + "/api/stats").json()["documents"]
    page = browser.new_page()
    page.goto(attacker + "/csrf")
    deadline = time.time() + 5
    while time.time() < deadline and http(target.url + "/api/stats").json()["documents"] == before:
        page.wait_for_timeout(250)
    page.close()
    assert http(target.url + "/api/stats").json()["documents"] == before


def test_the_ui_runs_under_its_content_security_policy(browser, target):
    page = browser.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    key = make_analyses()[0].document.content_hash[:16]
    for path in ("/", "/dashboard", f"/documents/{key}", "/analyze", "/docs"):
        page.goto(target.url + path)
        page.wait_for_load_state("networkidle")
    page.goto(target.url + f"/documents/{key}")
    page.locator(".t").first.hover()  # the tooltip script runs
    assert page.locator("#tip").is_visible()
    page.close()
    assert not violations, violations
