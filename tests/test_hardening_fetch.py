"""Issue 16, items 11-12: fetching never reaches a non-public address unless told to (redirects and
feed links included), and the LLM client never hands its API key to another host.

Real HTTP servers on loopback play both sides. 127.0.0.2 (also loopback on Linux) stands in for a
public site: the tests declare it public, so a request to it is let through while one to
127.0.0.1 (the "private" side, e.g. a local `narrascope serve`) must be refused.
"""
from __future__ import annotations

import ipaddress
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from click.testing import CliRunner

from narrascope.cli.main import cli
from narrascope.document import Document
from narrascope.errors import InputError
from narrascope.ingest import iter_documents
from narrascope.ingest.fetch import FetchConfig, Fetcher
from narrascope.ingest.web import iter_web_sources

PAGE = (b"<html><head><title>Harbour news</title></head><body><article><h1>Harbour news</h1><p>The harbour "
        b"council met on Monday and voted to keep the old ferry line running for another year.</p></article>"
        b"</body></html>")


class Recorder(BaseHTTPRequestHandler):
    """Serves PAGE, a redirect to `?to=<url>`, or a feed whose entry links to `?link=<url>`; records
    every request (path and Authorization header) per server."""

    seen: ClassVar[dict[int, list[tuple[str, str | None]]]] = {}

    def log_message(self, *args) -> None:
        pass

    def _answer(self) -> None:
        port = self.server.server_address[1]
        type(self).seen.setdefault(port, []).append((self.path, self.headers.get("Authorization")))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path, _, query = self.path.partition("?")
        target = query.partition("=")[2]
        if path.endswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.endswith("/feed"):
            body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><item><title>Secret'
                    f"</title><link>{target}</link></item></channel></rss>").encode()
            ctype = "application/rss+xml"
        elif path.endswith("/huge"):
            body, ctype = b'{"choices": "' + b"x" * (3 * 1024 * 1024) + b'"}', "application/json"
        else:
            body, ctype = PAGE, "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer


def serve_on(host: str):
    httpd = ThreadingHTTPServer((host, 0), Recorder)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{host}:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def private():
    httpd, url = serve_on("127.0.0.1")
    yield httpd.server_address[1], url
    httpd.shutdown()


@pytest.fixture(scope="module")
def public():
    try:
        httpd, url = serve_on("127.0.0.2")
    except OSError:
        pytest.skip("cannot bind 127.0.0.2 on this system")
    yield httpd.server_address[1], url
    httpd.shutdown()


@pytest.fixture()
def public_127_0_0_2(monkeypatch):
    try:
        from narrascope.ingest import addresses
    except ImportError:  # the code before issue 16 had no address rule: nothing to declare
        return
    real = addresses.address_kind
    monkeypatch.setattr(addresses, "address_kind",
                        lambda ip: None if ip == ipaddress.ip_address("127.0.0.2") else real(ip))


def hits(port: int) -> list[str]:
    return [path for path, _ in Recorder.seen.get(port, [])]


def fetcher(**kw) -> Fetcher:
    return Fetcher(FetchConfig(timeout=2, retries=0, min_interval=0, **kw))


# -- 11. SSRF ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "100.64.0.1",
                                     "0.0.0.0", "::1", "fe80::1", "fc00::5", "::ffff:127.0.0.1", "2002:7f00:1::",
                                     "64:ff9b::a9fe:a9fe", "224.0.0.1"])
def test_non_public_addresses_are_named(address):
    from narrascope.ingest.addresses import address_kind

    assert address_kind(ipaddress.ip_address(address)) is not None
    assert address_kind(ipaddress.ip_address("93.184.216.34")) is None


def test_loopback_and_names_that_resolve_to_it_are_refused(private):
    port, url = private
    before = len(hits(port))
    with fetcher() as f:
        items = list(iter_web_sources([f"{url}/page", f"http://localhost:{port}/page"], 10**6, fetcher=f))
    assert all(isinstance(i, InputError) and "refused" in i.reason and "--allow-private" in i.reason for i in items)
    assert "localhost (127.0.0.1)" in items[1].reason
    assert len(hits(port)) == before  # not a single request reached the server


def test_a_redirect_to_a_private_address_is_refused(private, public, public_127_0_0_2):
    (pport, purl), (_, pub) = private, public
    with fetcher() as f:
        [page] = list(iter_web_sources([pub + "/page"], 10**6, fetcher=f))
        [err] = list(iter_web_sources([f"{pub}/redirect?to={purl}/secret"], 10**6, fetcher=f))
    assert isinstance(page, Document) and "ferry line" in page.text  # the "public" site is fetched
    assert isinstance(err, InputError) and "redirected to 127.0.0.1" in err.reason
    assert "/secret" not in hits(pport)


def test_feed_entries_linking_to_private_addresses_are_not_fetched(private, public, public_127_0_0_2):
    (pport, purl), (_, pub) = private, public
    with fetcher() as f:
        items = list(iter_web_sources([f"{pub}/feed?link={purl}/secret-entry"], 10**6, fetcher=f))
    assert not [i for i in items if isinstance(i, Document)]
    assert "/secret-entry" not in hits(pport)


def test_a_dns_answer_that_changes_after_the_check_is_not_followed(private, public, public_127_0_0_2, monkeypatch):
    # Rebinding: the name first resolves to the public address, then to the private one. The
    # connection goes to the address that was checked, never to a fresh answer for the name.
    (pport, _), (pubport, _) = private, public
    answers = iter(["127.0.0.2", "127.0.0.2"])
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "news.rebind.test":
            address = next(answers, "127.0.0.1")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with fetcher() as f:
        [page] = list(iter_web_sources([f"http://news.rebind.test:{pubport}/page"], 10**6, fetcher=f))
    assert isinstance(page, Document)
    assert "/page" not in hits(pport)


def test_allow_private_fetches_from_loopback_on_the_command_line(private):
    _, url = private
    refused = CliRunner().invoke(cli, ["analyze", f"{url}/page", "-a", "language", "--format", "jsonl"])
    assert refused.exit_code == 2 and "--allow-private" in refused.stderr
    allowed = CliRunner().invoke(cli, ["analyze", f"{url}/page", "-a", "language", "--format", "jsonl",
                                       "--allow-private"])
    assert allowed.exit_code == 0, allowed.output
    assert "ferry line" in json.loads(allowed.stdout)["document"]["text"]
    docs = list(iter_documents([f"{url}/page"], allow_private=True))
    assert isinstance(docs[0], Document)


# -- 12. the LLM client ------------------------------------------------------------------------------------
def test_llm_client_never_sends_its_key_to_another_host(private, public):
    from narrascope.analyzers.explain.llm import LLMClient, LLMConfig, LLMError

    (_, purl), (pubport, pub) = private, public
    client = LLMClient(LLMConfig(base_url=f"{purl}/v1", api_key="sk-secret", retries=0, timeout=5))
    client.url = f"{purl}/v1/redirect?to={pub}/v1/chat/completions"
    before = len(hits(pubport))
    with pytest.raises(LLMError, match="not followed"):
        client.chat_json("system", "user", {"type": "object"})
    assert all(auth is None for _, auth in Recorder.seen.get(pubport, []))
    assert len(hits(pubport)) == before


def test_llm_client_refuses_an_oversized_answer(private):
    from narrascope.analyzers.explain.llm import LLMClient, LLMConfig, LLMError

    _, purl = private
    client = LLMClient(LLMConfig(base_url=f"{purl}/v1", retries=0, timeout=5))
    client.url = f"{purl}/v1/huge"
    with pytest.raises(LLMError, match="over"):
        client.chat_json("system", "user", {"type": "object"})
