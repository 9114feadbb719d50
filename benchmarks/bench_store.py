"""Corpus store and web server at 10,000 stored documents.

1. Store write speed, and the store's overhead on an ingest: the default pipeline analyses real
   benchmark articles, then the same analyses are stored (hash check + insert, as `ingest` does);
   overhead = store time / analysis time (target ≤ 10 %).
2. 10,000 synthetic analyses (invented pseudo-words, real label names: benchmarks/synthetic_corpus.py)
   are stored, `narrascope serve` runs on them in its own process, and pages are requested over
   HTTP with filters drawn at random from the corpus's own facet values. The figure is the server's
   own time (its `Server-Timing` header), p95 per run, median over runs. Targets: article page and
   filtered corpus page p95 ≤ 100 ms, dashboard p95 ≤ 300 ms.

    python -m benchmarks.bench_store
"""
from __future__ import annotations

import http.client
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.common import QUICK, RUNS, benchmark_documents, loadable, median_spread, row
from benchmarks.synthetic_corpus import synthetic_analyses

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = 1_000 if QUICK else 10_000
REQUESTS = 40 if QUICK else 200  # per page kind and run
ANALYSED = 24 if QUICK else 96  # real articles analysed for the overhead figure
PIPELINE_BUDGET_S = 1 / 20  # bench_pipeline's target: the default pipeline at >= 20 articles/s


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def store_overhead() -> list[dict]:
    from narrascope.analyzers import DEFAULT_ANALYZERS
    from narrascope.pipeline import Pipeline
    from narrascope.store.database import Store

    analyzers, missing = loadable(DEFAULT_ANALYZERS)
    pipeline = Pipeline(analyzers)
    docs = benchmark_documents(ANALYSED)
    pipeline(docs[0])  # load models and warm up before the clock starts
    analyse_s, store_s = [], []
    with tempfile.TemporaryDirectory(prefix="narrascope-bench-store-") as tmp:
        for run in range(RUNS):
            t = time.perf_counter()
            analyses = list(pipeline.pipe(docs))
            analyse_s.append((time.perf_counter() - t) / len(docs))
            with Store(Path(tmp) / f"overhead-{run}.db") as store:
                t = time.perf_counter()
                _store_like_ingest(store, analyses)
                store_s.append((time.perf_counter() - t) / len(docs))
    ratios = [100 * s / a for s, a in zip(store_s, analyse_s, strict=True)]
    value, spread = median_spread(ratios)
    note = f"pipeline {'+'.join(analyzers)}: {1000 * statistics.median(analyse_s):.1f} ms/article; store " \
           f"{1000 * statistics.median(store_s):.2f} ms/article; {len(docs)} benchmark articles"
    if missing:
        note += f"; without {', '.join(missing)} (cannot load), so not held to the target"
    return [row("ingest", "store time, % of analysis time", value, spread, target="" if missing else "<= 10",
                note=note)]


def _store_like_ingest(store, analyses, batch_size: int = 32, cpu: list[float] | None = None) -> list[float]:
    """Store as `narrascope ingest` does (hash check, then one commit per batch); wall seconds per
    batch (CPU seconds per batch are appended to `cpu` when given)."""
    seconds = []
    for i in range(0, len(analyses), batch_size):
        batch = analyses[i : i + batch_size]
        t, c = time.perf_counter(), time.process_time()
        store.known_hashes(a.document.content_hash for a in batch)
        store.add_many(batch)
        seconds.append(time.perf_counter() - t)
        if cpu is not None:
            cpu.append(time.process_time() - c)
    return seconds


def build_corpus(path: Path) -> list[dict]:
    from narrascope.store.database import Store

    store = Store(path)
    per_doc: list[float] = []
    cpu: list[float] = []
    pending = []
    for a in synthetic_analyses(DOCUMENTS, seed=7):
        pending.append(a)
        if len(pending) == 320:
            per_doc += [s / 32 for s in _store_like_ingest(store, pending, cpu=cpu)]
            pending = []
    if pending:
        _store_like_ingest(store, pending)
    store.optimize()
    store.close()
    # Medians over groups of 10 batches, so the spread shows how steady writes stay as the file grows.
    groups = [statistics.median(per_doc[i : i + 10]) for i in range(0, len(per_doc), 10)]
    rate, rate_spread = median_spread([1 / s for s in groups], 0)
    ms, ms_spread = median_spread([1000 * s for s in groups], 2)
    share, share_spread = median_spread([100 * s / PIPELINE_BUDGET_S for s in groups])
    cpu_groups = [statistics.median(cpu[i : i + 10]) / 32 for i in range(0, len(cpu), 10)]
    cpu_share, cpu_spread = median_spread([100 * s / PIPELINE_BUDGET_S for s in cpu_groups])
    size = f"{path.stat().st_size / 1e6:.0f} MB for {DOCUMENTS} documents"
    return [
        row("store insert", "documents/s", rate, rate_spread.replace("runs", "groups of 10 batches"),
            note=f"synthetic full analyses (~25 spans, ~7 entities each), batches of 32 as ingest; {size}"),
        row("store insert", "% of 50 ms (an article at the 20 articles/s pipeline target)", share,
            share_spread.replace("runs", "groups"), target="<= 10",
            note=f"{ms} ms per article ({ms_spread.replace('runs', 'groups')})"),
        row("store insert", "CPU time, % of 50 ms", cpu_share, cpu_spread.replace("runs", "groups"), target="<= 10",
            note="process CPU time: the wall-time figure on an idle machine (minus disk waits)"),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str, html: bool = True) -> tuple[float, float, float]:
        """(server wall ms, server CPU ms, client ms) of one GET."""
        t = time.perf_counter()
        self.conn.request("GET", path, headers={"Accept": "text/html" if html else "application/json"})
        response = self.conn.getresponse()
        body = response.read()
        client_ms = (time.perf_counter() - t) * 1000
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {body[:200]!r}")
        timing = dict(re.findall(r"(\w+);dur=([\d.]+)", response.getheader("server-timing") or ""))
        return float(timing.get("app", "nan")), float(timing.get("cpu", "nan")), client_ms


def _random_filters(rng: random.Random, facets: dict, bounds: tuple[str, str]) -> dict:
    kinds = ["narrative", "subnarrative", "technique", "entity", "role", "language", "source", "date", "q"]
    params: dict[str, str] = {}
    for kind in rng.sample(kinds, rng.choice([1, 1, 2, 2, 3])):
        if kind == "date":
            params["date_from"] = bounds[0][:8] + f"{rng.randint(1, 28):02d}"
            params["date_to"] = bounds[1]
        elif kind == "q":
            params["q"] = rng.choice(["kalo", "rami", "sumo*", '"ka lo"', "tena OR ruvi"])
        elif facets.get(kind):
            params[kind] = rng.choice(facets[kind])["value"]
    return params


def serve_and_measure(path: Path) -> list[dict]:
    from narrascope.store.database import Store

    with Store(path, readonly=True) as store:
        facets = store.facets(limit=40)
        stats = store.stats()
        keys = [d["key"] for d in store.documents(limit=500, sort="ingested")]
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "narrascope", "serve", "--db", str(path), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while True:
            try:
                client = Client(port)
                t = time.perf_counter()
                client.get("/api/stats", html=False)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("narrascope serve did not start") from None
                time.sleep(0.2)
        t = time.perf_counter()
        client.get("/")  # the first page builds the label index
        first_ms = (time.perf_counter() - t) * 1000
        rng = random.Random(11)
        bounds = (stats["first_day"], stats["last_day"])
        pages = {
            "article page": lambda: f"/documents/{rng.choice(keys)}",
            "article JSON": lambda: f"/api/documents/{rng.choice(keys)}",
            "corpus page, filtered": lambda: "/?" + urlencode(_random_filters(rng, facets, bounds)),
            "corpus JSON, filtered": lambda: "/api/documents?" + urlencode(_random_filters(rng, facets, bounds)),
            "dashboard": lambda: "/dashboard?" + urlencode({**_random_filters(rng, facets, bounds),
                                                           "interval": rng.choice(["day", "week", "month"])}),
            "dashboard, whole corpus": lambda: "/dashboard?interval=" + rng.choice(["day", "week", "month"]),
        }
        targets = {"article page": "<= 100", "corpus page, filtered": "<= 100", "dashboard": "<= 300"}
        rows = [row("server", "first page after start, ms", round(first_ms, 1),
                    note=f"{stats['documents']} documents; includes what start-up warming has not finished")]
        for name, make_path in pages.items():
            wall_p95, cpu_p95, client_p95, medians = [], [], [], []
            for _ in range(RUNS):
                timings = [client.get(make_path(), html="JSON" not in name) for _ in range(REQUESTS)]
                wall_p95.append(_p95([w for w, _, _ in timings]))
                cpu_p95.append(_p95([c for _, c, _ in timings]))
                client_p95.append(_p95([c for _, _, c in timings]))
                medians.append(statistics.median(w for w, _, _ in timings))
            value, spread = median_spread(wall_p95)
            rows.append(row(name, "p95 server ms", value, spread, target=targets.get(name, ""),
                            note=f"{REQUESTS} requests/run; median {statistics.median(medians):.1f} ms; "
                                 f"p95 seen by the client {statistics.median(client_p95):.1f} ms"))
            value, spread = median_spread(cpu_p95)
            rows.append(row(name, "p95 server CPU ms", value, spread, target=targets.get(name, ""),
                            note="process CPU time per request: what the wall time would be on an idle machine"))
        return rows
    finally:
        server.terminate()
        server.wait(timeout=30)


def run() -> list[dict]:
    rows = store_overhead()
    with tempfile.TemporaryDirectory(prefix="narrascope-bench-store-") as tmp:
        path = Path(tmp) / "corpus.db"
        rows += build_corpus(path)
        rows += serve_and_measure(path)
    return rows


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run(), title="narrascope store and server")
