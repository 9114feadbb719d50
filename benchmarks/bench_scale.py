"""The corpus store at 10k, 100k and 1M analysed articles: page latency, assignment, size.

For each size, a synthetic store is written in bulk (`benchmarks/scale_corpus.py`: generated
analyses, lead vectors and ground-truth stories / copy-paste groups, no model run), `narrascope
serve` runs on it in its own process, and pages are requested with random filters (the server's
own time, p95). Then 1,000 new articles are stored through the real write path and placed in
stories and copy-paste groups by `Assigner` (the nearest-neighbour and band indexes loaded as a
fresh `ingest` process would), timed end to end. Targets: corpus and article page p95 <= 200 ms,
dashboard p95 <= 500 ms, assignment of 1,000 articles into the 1M store <= 60 s.

    python -m benchmarks.bench_scale                                 # 10k and 100k
    python -m benchmarks.bench_scale --sizes 10000,100000,1000000 --dir /tmp/scale   # the README table

Stores are deleted afterwards unless --keep. A 1M store takes ~25 GB and about an hour to write on
the 2-core machine; check `df -h` first.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import numpy as np

from benchmarks.bench_store import Client, _free_port, _p95, _random_filters
from benchmarks.common import QUICK, RUNS, median_spread, row
from benchmarks.scale_corpus import DIM, MODEL, TABLES, ScaleCorpus, SyntheticEmbedder, rows_of, write_rows

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 20_000
REQUESTS = 30 if QUICK else 100
NEW = 200 if QUICK else 1_000
_BULK_KEEP = ("sqlite_autoindex",)


def build(path: Path, n: int, seed: int = 0) -> tuple[ScaleCorpus, dict[str, float]]:
    """Write a store of `n` articles at `path` in bulk; returns the generator (to continue it) and timings."""
    from narrascope._version import __version__
    from narrascope.corpus.ann import LeadIndex
    from narrascope.nlp.duplicates import MinHasher
    from narrascope.store.database import Store

    timings: dict[str, float] = {}
    Store(path).close()  # create the schema through the real migrations
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute("PRAGMA temp_store = FILE")
    # Secondary indexes and triggers are dropped while writing and made again at the end: building an
    # index from sorted data is several times faster than keeping it up to date row by row.
    saved = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT "
                         "NULL").fetchall()
    for kind, name, _ in saved:
        conn.execute(f"DROP {kind.upper()} {name}")
    # doc_labels is clustered by (kind, value, document): appending rows in that order is cheap, inserting
    # them in document order touches a random page each (an hour at a million). Stage, then sort once.
    conn.execute("CREATE TEMP TABLE staged_labels (kind TEXT, value TEXT, document_id INTEGER, n INTEGER, "
                 "score REAL, weak INTEGER)")
    corpus = ScaleCorpus(seed, fresh_from=max(0, n - 5_000))
    hasher = MinHasher()
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    story_of = np.full(n, -1, dtype=np.int64)
    copy_of = np.full(n, -1, dtype=np.int64)
    index = LeadIndex(DIM, MODEL, None)
    t0 = time.perf_counter()
    gen_s = write_s = hash_s = ann_s = 0.0
    for start in range(0, n, CHUNK):
        t = time.perf_counter()
        batch = list(corpus.articles(start, min(CHUNK, n - start)))
        gen_s += time.perf_counter() - t
        t = time.perf_counter()
        fresh = [k for k, a in enumerate(batch) if a.signature is None]
        sigs = np.zeros((len(batch), 128), dtype=np.uint32)
        if fresh:
            sigs[fresh] = hasher.signatures([batch[k].text for k in fresh])
        for k, a in enumerate(batch):
            if a.signature is not None:
                sigs[k] = a.signature
        vectors = np.vstack([a.vector for a in batch])
        hash_s += time.perf_counter() - t
        t = time.perf_counter()
        conn.execute("BEGIN")
        rows: dict[str, list] = {table: [] for table in TABLES}
        for k, a in enumerate(batch):
            pk = start + k + 1
            rows_of(pk, a, stamp, __version__, rows)
            story_of[pk - 1], copy_of[pk - 1] = a.story, a.copy_of
        conn.executemany("INSERT INTO staged_labels VALUES (?, ?, ?, ?, ?, ?)", rows.pop("doc_labels"))
        write_rows(conn, rows)
        conn.executemany("INSERT INTO lead_vectors (document_id, model, vector, minhash) VALUES (?, ?, ?, ?)",
                         [(start + k + 1, MODEL, vectors[k].astype(np.float16).tobytes(), sigs[k].tobytes())
                          for k in range(len(batch))])
        conn.execute("COMMIT")
        write_s += time.perf_counter() - t
        t = time.perf_counter()
        index.add(np.arange(start + 1, start + len(batch) + 1, dtype=np.uint64), vectors)
        ann_s += time.perf_counter() - t
        print(f"  {start + len(batch):,} articles written ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    timings.update(generate=gen_s, minhash=hash_s, write=write_s, ann_index=ann_s)
    t = time.perf_counter()
    conn.execute("INSERT INTO doc_labels SELECT * FROM staged_labels ORDER BY kind, value, document_id")
    conn.execute("DROP TABLE staged_labels")
    timings["sort labels"] = time.perf_counter() - t
    t = time.perf_counter()
    _ground_truth(conn, corpus, story_of, copy_of, stamp)
    timings["groups"] = time.perf_counter() - t
    t = time.perf_counter()
    for _, _, sql in sorted(saved, key=lambda x: x[0] != "index"):  # indexes first, then the triggers
        conn.execute(sql)
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    conn.execute("DELETE FROM pending_assign")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    timings["indexes"] = time.perf_counter() - t
    t = time.perf_counter()
    index.path = path.with_name(path.name + ".leads.usearch")
    index.save()
    timings["save ann"] = time.perf_counter() - t
    corpus.truth = story_of  # each stored article's generated story (-1: none), for scoring the assignment
    return corpus, timings


def _ground_truth(conn: sqlite3.Connection, corpus: ScaleCorpus, story_of: np.ndarray, copy_of: np.ndarray,
                  stamp: str) -> None:
    """Stories and copy-paste groups as the generator made them (ids: story number + 1, group = first doc)."""
    conn.execute("BEGIN")
    members = {}
    for pk, s in enumerate(story_of.tolist(), start=1):
        if s >= 0:
            members.setdefault(s, []).append(pk)
    days = dict(conn.execute("SELECT id, day FROM documents"))
    for s, docs in members.items():
        if len(docs) < 2:
            continue
        blob = b"".join(r[0] for r in conn.execute(
            f"SELECT vector FROM lead_vectors WHERE document_id IN ({','.join(map(str, docs))})"))
        total = np.frombuffer(blob, dtype=np.float16).reshape(-1, DIM).astype(np.float32).sum(axis=0)
        d = sorted(days[x] for x in docs)
        conn.execute("INSERT INTO stories (id, size, first_day, last_day, representative, vector_sum, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (s + 1, len(docs), d[0], d[-1], docs[0], total.tobytes(), stamp))
        conn.executemany("INSERT INTO story_members (document_id, story_id, similarity) VALUES (?, ?, 0.75)",
                         [(x, s + 1) for x in docs])
    group = {}
    for pk, j in enumerate(copy_of.tolist(), start=1):
        if j >= 0:
            root = group.get(j + 1, j + 1)
            group[j + 1] = root
            group[pk] = root
    by_group: dict[int, list[int]] = {}
    for pk, g in group.items():
        by_group.setdefault(g, []).append(pk)
    members_sql = ",".join(map(str, group))
    sources = dict(conn.execute(f"SELECT id, source FROM documents WHERE id IN ({members_sql})")) if group else {}
    for g, docs in by_group.items():
        d = sorted(days[x] for x in docs)
        conn.execute("INSERT INTO dup_groups (id, size, sources, first_day, last_day, exact, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, 0, ?)", (g, len(docs), len({sources[x] for x in docs}), d[0], d[-1], stamp))
        conn.executemany("INSERT INTO dup_members (document_id, group_id, similarity) VALUES (?, ?, 0.95)",
                         [(x, g) for x in docs])
    conn.execute("COMMIT")


def assign_new(path: Path, corpus: ScaleCorpus, n: int, new: int) -> list[dict]:
    """Store `new` articles through the real path and place them; time it as a fresh process would."""
    from narrascope.corpus.assign import Assigner
    from narrascope.corpus.clusters import lead
    from narrascope.corpus.data import CorpusDoc
    from narrascope.document import Analysis
    from narrascope.store.database import Store

    articles = list(corpus.articles(n, new))
    analyses = []
    for a in articles:
        data = {**a.data, "document": {**a.data["document"], "text": a.text}}
        analyses.append(Analysis.from_dict(data))
    lookup = {lead(CorpusDoc(key="", text=a.text, title=a.title)): a.vector for a in articles}
    with Store(path) as store:
        store.add_many(analyses)
        first_new = n + 1
        t = time.perf_counter()
        assigner = Assigner(store, embedder=SyntheticEmbedder(lookup))
        summary = assigner.run()
        save_s = assigner.save()
        total = time.perf_counter() - t
        placed = dict(store.conn.execute("SELECT document_id, story_id FROM story_members WHERE document_id >= ?",
                                         (first_new,)).fetchall())
        copies = {r[0] for r in store.conn.execute("SELECT document_id FROM dup_members WHERE document_id >= ?",
                                                   (first_new,))}
        members: dict[int, list[int]] = {}
        for pk, sid in store.conn.execute("SELECT document_id, story_id FROM story_members WHERE story_id IN "
                                          "(SELECT story_id FROM story_members WHERE document_id >= ?)", (first_new,)):
            members.setdefault(sid, []).append(pk)
    truth = np.concatenate([corpus.truth, np.array([a.story for a in articles], dtype=np.int64)])
    sizes = np.bincount(truth[truth >= 0])
    expected = [(first_new + k, a.story) for k, a in enumerate(articles) if 0 <= a.story and sizes[a.story] > 1]
    # Right: placed in a story whose other members are of its generated story (ids differ when the
    # story had a single stored article before, so the assigner opened it anew).
    right = sum(1 for pk, s in expected if pk in placed and all(truth[m - 1] == s for m in members[placed[pk]]))
    wrong = sum(1 for k, a in enumerate(articles) if a.story < 0 and a.copy_of < 0 and first_new + k in placed)
    want_copies = [first_new + k for k, a in enumerate(articles) if a.copy_of >= 0]
    found = sum(1 for pk in want_copies if pk in copies)
    parts = ", ".join(f"{k} {v:.1f}s" for k, v in summary.timings.items() if k != "embed")
    real_embed = _use_embedding_seconds([lead(CorpusDoc(key="", text=a.text, title=a.title)) for a in articles])
    return [row(f"assign {new:,} new @ {n:,}", "seconds (load indexes + place + commit + save index)",
                round(total, 1), target="<= 60" if n >= 1_000_000 else "",
                note=f"{parts}, save index {save_s:.1f}s; stories joined {summary.joined_story}, new "
                     f"{summary.new_stories}; copies {summary.copies}"),
            row(f"assign {new:,} new @ {n:,}", "placed in their story (%)",
                round(100 * right / max(len(expected), 1), 1),
                note=f"{right} of {len(expected)} articles of generated stories; {wrong} articles of no story "
                     f"placed in one; copies found {found} of {len(want_copies)}"),
            row(f"assign {new:,} new @ {n:,}", "USE embedding of their leads, s", real_embed,
                note="what a real ingest adds (multilingual USE on this machine); not in the figure above")]


def _use_embedding_seconds(leads: list[str]) -> float | None:
    try:
        from narrascope.nlp.embeddings import get_embedder

        embedder = get_embedder()
        embedder.encode(leads[:8])
        t = time.perf_counter()
        for i in range(0, len(leads), 256):
            embedder.encode(leads[i : i + 256])
        return round(time.perf_counter() - t, 1)
    except Exception:  # noqa: BLE001 - the figure is informative; its absence is reported as None
        return None


def measure_pages(path: Path, n: int) -> list[dict]:
    from narrascope.store.database import Store

    with Store(path, readonly=True) as store:
        facets = store.facets(limit=40)
        stats = store.stats()
        keys = [d["key"] for d in store.documents(limit=500, sort="ingested")]
        entities = [f["value"] for f in facets["entity"][:20]]
        sources = [f["value"] for f in facets["source"][:10]]
    # Words of stored titles, each searched once: a search nobody has run yet (its matches and ranks
    # are not remembered), unlike the random filters' five fixed searches.
    words = list(dict.fromkeys(w for d in store_titles(path) for w in d.lower().split() if len(w) > 3))
    random.Random(5).shuffle(words)
    port = _free_port()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "narrascope", "serve", "--db", str(path), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 3600  # serve reads the whole file first (integrity check): minutes at 1M
        while True:
            try:
                client = Client(port)
                client.conn.timeout = 900
                client.get("/api/stats", html=False)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("narrascope serve did not start") from None
                time.sleep(0.3)
        start_s = time.perf_counter() - started
        t = time.perf_counter()
        client.get("/")
        client.get("/dashboard")
        first_ms = (time.perf_counter() - t) * 1000
        rng = random.Random(11)
        bounds = (stats["first_day"], stats["last_day"])
        pages = {
            "corpus page, filtered": (lambda: "/?" + urlencode(_random_filters(rng, facets, bounds)), "<= 200"),
            "corpus page, all": (lambda: "/", "<= 200"),
            "corpus page, a new search": (lambda: "/?" + urlencode({"q": words.pop() if words else "kalo"}), ""),
            "article page": (lambda: f"/documents/{rng.choice(keys)}", "<= 200"),
            "dashboard, filtered": (lambda: "/dashboard?" + urlencode({**_random_filters(rng, facets, bounds),
                                                                      "interval": rng.choice(["week", "month"])}),
                                    "<= 500"),
            "dashboard, whole corpus": (lambda: "/dashboard?interval=" + rng.choice(["day", "week", "month"]), "<= 500"),
            "dashboard, filtered, confident labels only": (
                lambda: "/dashboard?" + urlencode({**_random_filters(rng, facets, bounds), "confident": "1",
                                                   "interval": rng.choice(["week", "month"])}), "<= 500"),
            "corpus page, filtered, confident labels only": (
                lambda: "/?" + urlencode({**_random_filters(rng, facets, bounds), "confident": "1"}), "<= 200"),
            "stories page": (lambda: "/stories", ""),
            "campaigns page": (lambda: "/campaigns", ""),
            "entity page": (lambda: "/entities/" + quote(rng.choice(entities)), ""),
            "compare page": (lambda: "/compare?" + urlencode({"a_source": rng.choice(sources),
                                                             "b_source": rng.choice(sources)}), ""),
        }
        rows = [row(f"serve @ {n:,}", "start-up until the first answer, s", round(start_s, 1),
                    note="most of it the integrity check, which reads every page of the file"),
                row(f"serve @ {n:,}", "first corpus page + dashboard after start, ms", round(first_ms),
                    note="the label index, if the background warm-up has not finished")]
        for name, (make, target) in pages.items():
            p95s, cpu = [], []
            for _ in range(RUNS):
                timings = [client.get(make()) for _ in range(REQUESTS)]
                p95s.append(_p95([w for w, _, _ in timings]))
                cpu.append(_p95([c for _, c, _ in timings]))
            value, spread = median_spread(p95s)
            rows.append(row(f"{name} @ {n:,}", "p95 server ms", value, spread, target=target,
                            note=f"{REQUESTS} requests/run; p95 CPU {statistics.median(cpu):.0f} ms"))
        return rows
    finally:
        server.terminate()
        server.wait(timeout=60)


def replayed(n: int, seed: int = 0) -> ScaleCorpus:
    """The generator of a store `build(path, n, seed)` wrote, advanced past its `n` articles (it is
    deterministic), with each stored article's generated story as `build` leaves it."""
    corpus = ScaleCorpus(seed, fresh_from=max(0, n - 5_000))
    corpus.truth = np.fromiter((a.story for a in corpus.articles(0, n)), dtype=np.int64, count=n)
    return corpus


def store_titles(path: Path, n: int = 5_000) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return [r[0] or "" for r in conn.execute("SELECT title FROM texts ORDER BY id DESC LIMIT ?", (n,))]


def run(sizes: list[int] | None = None, folder: Path | None = None, keep: bool = False) -> list[dict]:
    sizes = sizes or ([2_000] if QUICK else [10_000, 100_000])
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="narrascope-scale-", dir=folder))
    try:
        for n in sizes:
            path = tmp / f"scale-{n}.db"
            t = time.perf_counter()
            corpus, timings = build(path, n)
            built = time.perf_counter() - t
            size = path.stat().st_size
            ann = path.with_name(path.name + ".leads.usearch").stat().st_size
            rows.append(row(f"store @ {n:,}", "database bytes per article", round(size / n),
                            note=f"{size / 1e9:.2f} GB; HNSW index file {ann / n:.0f} bytes/article; built in "
                                 f"{built:.0f}s (" + ", ".join(f"{k} {v:.0f}s" for k, v in timings.items()) + ")"))
            rows += measure_pages(path, n)
            rows += assign_new(path, corpus, n, NEW)
            if not keep:
                for p in tmp.glob(f"scale-{n}.db*"):
                    p.unlink()
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return rows


if __name__ == "__main__":
    from benchmarks.common import print_table

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=None, help="comma-separated store sizes, e.g. 10000,100000,1000000")
    parser.add_argument("--dir", default=None, help="folder for the stores (default: the system temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the stores afterwards")
    parser.add_argument("--measure", nargs="+", default=None, metavar="DB",
                        help="only measure the pages of stores a --keep run left (no build, no assignment)")
    parser.add_argument("--assign", default=None, metavar="DB",
                        help="only place 1,000 new articles into a store a --keep run left (its generator is replayed "
                             "to the same state; the store grows by those articles)")
    args = parser.parse_args()
    if args.assign:
        from narrascope.store.database import Store

        with Store(args.assign, readonly=True) as store:
            n = store.count()
        print_table(assign_new(Path(args.assign), replayed(n), n, NEW), title="narrascope at scale: assignment")
    elif args.measure:
        from narrascope.store.database import Store

        rows = []
        for db in args.measure:
            with Store(db, readonly=True) as store:
                n = store.count()
            rows += measure_pages(Path(db), n)
        print_table(rows, title="narrascope at scale: pages")
    else:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
        print_table(run(sizes, Path(args.dir) if args.dir else None, args.keep), title="narrascope at scale")
