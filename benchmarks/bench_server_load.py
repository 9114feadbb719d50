"""20 clients at once against `narrascope serve` over 2,000 stored documents (issue 16).

2,000 synthetic analyses (benchmarks/synthetic_corpus.py: invented pseudo-words, real label
names) are stored, `narrascope serve` runs on them in its own process with its default limits,
and 20 client threads request pages for DURATION seconds: corpus pages with random filters, word
searches and prefix* searches (pages and JSON), article pages, dashboards. Each client pauses
THINK seconds between two requests, as a person reading a page does (`--no-think`: back to back,
a saturation test). The figures are the latencies the clients see (request sent to body read):
p95 per page kind, median over RUNS runs, with p50 and the worst request; and the number of
failed requests (any status but 200, or a broken connection). Targets: p95 <= 500 ms for every
page, no errors.

The clients share the machine with the server (and, on the reference machine, 2 cores with other
people's work): the load average before and after each run is in the notes.

    python -m benchmarks.bench_server_load                    # 20 clients, 3 runs of 60 s
    python -m benchmarks.bench_server_load --no-think --runs 1
"""
from __future__ import annotations

import argparse
import http.client
import math
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.common import QUICK, RUNS, median_spread, row
from benchmarks.synthetic_corpus import synthetic_analyses

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = 2_000
CLIENTS = 20
DURATION = 20.0 if QUICK else 60.0
THINK = (0.5, 1.5)  # seconds between two requests of one client
TARGET_P95_MS = 500


def percentile(values: list[float], q: float) -> float:
    """The q-quantile by the nearest-rank rule (q=0.95: the value 95 % of requests stay at or under)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def build_store(path: Path) -> dict:
    from narrascope.store.database import Store

    with Store(path) as store:
        batch = []
        for a in synthetic_analyses(DOCUMENTS, seed=7):
            batch.append(a)
            if len(batch) == 200:
                store.add_many(batch)
                batch = []
        store.add_many(batch)
        store.optimize()
        facets = store.facets(limit=40)
        keys = [d["key"] for d in store.documents(limit=500, sort="ingested")]
        texts = [a.document.text for _, a in zip(range(40), store.iter_analyses(), strict=False)]
        words = sorted({w.strip(".!?,").lower() for text in texts for w in text.split() if len(w.strip(".!?,")) >= 5})
    return {"facets": facets, "keys": keys, "words": words}


def page_makers(corpus: dict) -> dict[str, Callable[[random.Random], tuple[str, bool]]]:
    """Page kind -> function giving (path, wants HTML)."""
    facets, keys, words = corpus["facets"], corpus["keys"], corpus["words"]

    def filters(rng: random.Random) -> dict:
        kind = rng.choice(["narrative", "technique", "entity", "source", "language", "role"])
        return {kind: rng.choice(facets[kind])["value"]} if facets.get(kind) else {}

    def prefix(rng: random.Random) -> str:
        return " ".join(rng.choice(words)[: rng.choice([3, 4])] + "*" for _ in range(rng.choice([1, 1, 2, 3])))

    return {
        "corpus page, filtered": lambda r: ("/?" + urlencode(filters(r)), True),
        "corpus page, word search": lambda r: ("/?" + urlencode({"q": r.choice(words)}), True),
        "corpus page, prefix* search": lambda r: ("/?" + urlencode({"q": prefix(r)}), True),
        "corpus JSON, prefix* search": lambda r: ("/api/documents?" + urlencode({"q": prefix(r), **filters(r)}),
                                                  False),
        "article page": lambda r: (f"/documents/{r.choice(keys)}", True),
        "article JSON": lambda r: (f"/api/documents/{r.choice(keys)}", False),
        "dashboard, filtered": lambda r: ("/dashboard?" + urlencode({**filters(r), "interval": r.choice(
            ["day", "week", "month"])}), True),
        "dashboard, whole corpus": lambda r: ("/dashboard?interval=" + r.choice(["week", "month"]), True),
    }


class Client(threading.Thread):
    def __init__(self, port: int, makers: dict, seed: int, until: float, think: bool, results: list):
        super().__init__(daemon=True)
        self.port, self.makers, self.rng, self.until, self.think = port, makers, random.Random(seed), until, think
        self.results = results
        self.kinds = list(makers)

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def run(self) -> None:
        conn = self._connect()
        while time.monotonic() < self.until:
            kind = self.rng.choice(self.kinds)
            path, html = self.makers[kind](self.rng)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": "text/html" if html else "application/json"})
                response = conn.getresponse()
                response.read()
                status: int | str = response.status
                server = dict(re.findall(r"(\w+);dur=([\d.]+)", response.getheader("server-timing") or ""))
                server_ms = float(server.get("app", "nan"))
            except (OSError, http.client.HTTPException) as exc:
                status, server_ms = type(exc).__name__, float("nan")
                conn.close()
                conn = self._connect()
            self.results.append((kind, (time.perf_counter() - started) * 1000, status, server_ms, path))
            if self.think:
                time.sleep(self.rng.uniform(*THINK))
        conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.time() + 120
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", "/api/stats")
            conn.getresponse().read()
            conn.request("GET", "/", headers={"Accept": "text/html"})  # builds the label index
            conn.getresponse().read()
            return
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("narrascope serve did not start: " + (server.stderr.read() or b"").decode()[-500:]
                                   ) from None
            time.sleep(0.3)


def load_run(port: int, makers: dict, seed: int, clients: int, duration: float, think: bool) -> list[tuple]:
    results: list[tuple] = []
    until = time.monotonic() + duration
    threads = [Client(port, makers, seed * 1000 + i, until, think, results) for i in range(clients)]
    for t in threads:
        t.start()
        time.sleep(min(0.05, THINK[0] / clients))  # stagger the start a little
    for t in threads:
        t.join(timeout=duration + 120)
    return results


def run(clients: int = CLIENTS, duration: float = DURATION, runs: int = RUNS, think: bool = True) -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="narrascope-bench-load-") as tmp:
        path = Path(tmp) / "corpus.db"
        corpus = build_store(path)
        makers = page_makers(corpus)
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "narrascope", "serve", "--db", str(path), "--port", str(port)],
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_for(port, server)
            per_run: list[list[tuple]] = []
            loads = []
            for r in range(runs):
                before = os.getloadavg()[0]
                per_run.append(load_run(port, makers, r, clients, duration, think))
                loads.append(f"{before:.1f}->{os.getloadavg()[0]:.1f}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    mode = f"{clients} clients, {'think 0.5-1.5 s' if think else 'no think time'}, {runs} x {duration:.0f} s"
    errors = [res for results in per_run for res in results if res[2] != 200]
    for kind in makers:
        p95s, p50s, worst, n, server95 = [], [], 0.0, 0, []
        for results in per_run:
            ms = [res[1] for res in results if res[0] == kind and res[2] == 200]
            if ms:
                p95s.append(percentile(ms, 0.95))
                p50s.append(statistics.median(ms))
                worst = max(worst, max(ms))
                n += len(ms)
                server95.append(percentile([res[3] for res in results if res[0] == kind and res[2] == 200], 0.95))
        value, spread = median_spread(p95s, 0)
        kind_errors = sum(1 for e in errors if e[0] == kind)
        rows.append(row(kind, "p95 ms seen by the clients", value, spread, target=f"<= {TARGET_P95_MS}",
                        note=f"p50 {statistics.median(p50s):.0f} ms, worst {worst:.0f} ms, {n} requests, "
                             f"{kind_errors} errors; server's own time p95 {statistics.median(server95):.0f} ms"
                        if p95s else f"no successful request; {kind_errors} errors"))
    total = sum(len(results) for results in per_run)
    rate, rate_spread = median_spread([len(results) / duration for results in per_run])
    rows.append(row("all pages", "failed requests", len(errors), target="<= 0",
                    note=f"{total} requests; " + ("; ".join(sorted({f'{e[0]}: {e[2]}' for e in errors})[:5]) or
                                                   "every answer a 200")))
    rows.append(row("all pages", "requests/s", rate, rate_spread,
                    note=f"{mode}; {DOCUMENTS} synthetic documents; load average before->after each run: "
                         f"{', '.join(loads)} on {os.cpu_count()} CPUs"))
    return rows


if __name__ == "__main__":
    from benchmarks.common import print_table

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--duration", type=float, default=DURATION, help="seconds per run")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--no-think", action="store_true", help="no pause between a client's requests")
    args = parser.parse_args()
    print_table(run(args.clients, args.duration, args.runs, think=not args.no_think),
                title=f"narrascope server under load ({args.clients} clients)")
