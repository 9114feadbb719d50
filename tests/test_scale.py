"""The scale benchmark's bulk writer stores what the real write path stores, and a store written by
an older narrascope (schema 1) is upgraded with its documents queued for story assignment."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from narrascope.document import Analysis
from narrascope.store.database import Store
from narrascope.store.schema import MIGRATIONS, SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.scale_corpus import TABLES, ScaleCorpus, rows_of, write_rows

COLUMNS = {
    "documents": "content_hash, doc_id, title, url, source, published, day, lang, domain, chars, meta",
    "texts": "title, text",
    "analyses": "analyzers, data",
    "entities": "name, type, main_role, main_score, fine_roles, mentions",
    "doc_labels": "kind, value, n, score, weak",
    "spans": "kind, label, start, end, score, ref",
}


def _content(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    out = {t: sorted(map(tuple, conn.execute(f"SELECT {c} FROM {t}")), key=repr) for t, c in COLUMNS.items()}
    conn.close()
    return out


def test_bulk_rows_equal_insert_analysis(tmp_path):
    articles = list(ScaleCorpus(seed=3).articles(0, 40))
    bulk, real = tmp_path / "bulk.db", tmp_path / "real.db"
    Store(bulk).close()
    conn = sqlite3.connect(bulk, isolation_level=None)
    rows: dict[str, list] = {t: [] for t in TABLES}
    for pk, a in enumerate(articles, start=1):
        rows_of(pk, a, "2026-01-01T00:00:00+00:00", "0", rows)
    conn.execute("BEGIN")
    write_rows(conn, rows)
    conn.execute("COMMIT")
    conn.close()
    with Store(real) as store:
        store.add_many(Analysis.from_dict({**a.data, "document": {**a.data["document"], "text": a.text}})
                       for a in articles)
    got, want = _content(bulk), _content(real)
    for table in COLUMNS:
        assert got[table] == want[table], table


def test_schema_1_is_upgraded_and_queued(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO documents (content_hash, doc_id, chars, ingested_at) VALUES ('ab', 'x', 1, 'now')")
    conn.execute("COMMIT")
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [r[0] for r in store.conn.execute("SELECT document_id FROM pending_assign")] == [1]


def test_label_index_filters_match_sql(tmp_path):
    """The numpy filter masks select exactly the documents SQL's `where` selects."""
    import itertools
    import random

    from narrascope.store.query import Filters

    with Store(tmp_path / "s.db") as store:
        store.add_many(Analysis.from_dict({**a.data, "document": {**a.data["document"], "text": a.text}})
                       for a in ScaleCorpus(seed=5).articles(0, 300))
        facets = store.facets(limit=8)
        index = store.index
        rng = random.Random(2)
        choices = [("narrative", f["value"]) for f in facets["narrative"]] + \
                  [("technique", f["value"]) for f in facets["technique"]] + \
                  [("entity", f["value"]) for f in facets["entity"]] + [("role", f["value"]) for f in facets["role"]] + \
                  [("language", f["value"]) for f in facets["language"]] + \
                  [("source", f["value"]) for f in facets["source"]] + [("date_from", "2023-06-01"),
                                                                        ("date_to", "2024-01-31"),
                                                                        ("subnarrative", "no such label")]
        for combo in itertools.chain(rng.sample(choices, k) for k in (1, 1, 2, 2, 3) for _ in range(30)):
            data: dict = {}
            for name, value in combo:
                if name in ("date_from", "date_to"):
                    data[name] = value
                else:
                    data.setdefault(name, []).append(value)
            f = Filters.from_mapping(data)
            mask = index.filter_mask(f)
            assert sorted(index.ids[mask].tolist()) == sorted(store.ids(f)), data


def test_searches_through_the_label_index_page_as_sql_does(tmp_path):
    """A search with other filters is counted and paged from the FTS matches and the label index; a
    store whose index is not built yet answers the same through SQL alone (sets, order and counts)."""
    import random

    from narrascope.store.query import Filters

    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add_many(Analysis.from_dict({**a.data, "document": {**a.data["document"], "text": a.text}})
                       for a in ScaleCorpus(seed=8).articles(0, 300))
    words = sorted({w for a in ScaleCorpus(seed=8).articles(0, 40) for w in a.text.split()[:30] if w.isalpha()})
    rng = random.Random(4)
    with Store(path, readonly=True) as indexed:
        facets = indexed.facets(limit=6)
        assert indexed.index is not None
        others = [{}, {"language": [facets["language"][0]["value"]]}, {"technique": [facets["technique"][0]["value"]]},
                  {"role": [facets["role"][0]["value"]], "date_from": "2023-06-01"}]
        queries = [*rng.sample(words, 6), f"{rng.choice(words)} OR {rng.choice(words)}", f"{rng.choice(words)[:4]}*",
                   "!!!", "nosuchwordanywhere"]
        checked = 0
        for q in queries:
            for other in others:
                f = Filters.from_mapping({**other, "q": q})
                for sort in ("relevance", "date", "date_asc"):
                    with Store(path, readonly=True) as plain:  # no label index yet: the SQL path
                        want = [d["id"] for d in plain.documents(f, limit=25, offset=0, sort=sort)]
                        want_total = plain.count(f)
                    got = [d["id"] for d in indexed.documents(f, limit=25, offset=0, sort=sort)]
                    assert got == want, (q, other, sort)
                    assert indexed.count(f) == want_total
                    checked += bool(want)
                facet_total = sum(x["count"] for x in indexed.facets(f)["language"])
                assert facet_total == indexed.count(f)
        assert checked > 20  # most combinations found something


def test_label_index_grows_with_the_store(tmp_path):
    """After new documents, the index is extended (not rebuilt) and counts as a fresh one would;
    after a re-analysis (a deletion) it is rebuilt."""
    from narrascope.store.index import LabelIndex

    analyses = [Analysis.from_dict({**a.data, "document": {**a.data["document"], "text": a.text}})
                for a in ScaleCorpus(seed=6).articles(0, 120)]
    with Store(tmp_path / "s.db") as store:
        store.add_many(analyses[:70])
        first = store.index
        before = store.facets(limit=50)
        store.add_many(analyses[70:])
        grown = store.index
        assert grown is not first and grown.deletions == first.deletions
        fresh = LabelIndex(lambda: store.conn)
        from narrascope.store import aggregates as agg

        assert store.facets(limit=50) == agg.facets(fresh, None, None, 50) != before
        assert store.timeline(interval="month") == agg.timeline(fresh, None, __import__(
            "narrascope.store.query", fromlist=["Filters"]).Filters(), "month", "narrative", 8)
        store.add(analyses[0], replace=True)
        assert store.index.deletions == first.deletions + 1


def test_progress_counts_documents_cheaply(tmp_path):
    from narrascope.cli.progress import Progress, count_documents

    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("three", encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 3
    assert count_documents([str(tmp_path / "a.jsonl"), "https://example.org/feed"]) is None
    import io

    from rich.console import Console

    out = io.StringIO()
    with Progress("docs", enabled=True, console=Console(file=out, force_terminal=True, width=160)) as bar:
        bar.task("analysing", 3)
        bar.advance(2, stored=2, failed=0)
    shown = out.getvalue()
    assert "analysing" in shown and "2/3" in shown and "stored 2" in shown


def test_counts_over_few_documents_equal_a_full_scan(tmp_path):
    import numpy as np

    with Store(tmp_path / "s.db") as store:
        store.add_many(Analysis.from_dict({**a.data, "document": {**a.data["document"], "text": a.text}})
                       for a in ScaleCorpus(seed=8).articles(0, 200))
        index = store.index
        rng = np.random.default_rng(1)
        for share in (0.01, 0.03, 0.5, 0.97):  # the last two: the sparse-product path for large selections
            mask = rng.random(len(index)) < share
            for kind in ("narrative", "technique", "entity_role"):
                cols = index.kind(kind)
                values, docs, occurrences = index.label_counts(kind, mask)
                rows = mask[cols.doc]
                assert docs.tolist() == np.bincount(cols.value[rows], minlength=len(values)).tolist()
                assert occurrences.tolist() == np.bincount(cols.value[rows], weights=cols.n[rows],
                                                           minlength=len(values)).astype(int).tolist()


def test_pages_from_the_index_equal_sql(tmp_path):
    """A corpus page picked from the label index lists the documents SQL lists, in the same order."""
    from narrascope.store.query import Filters

    with Store(tmp_path / "s.db") as store:
        analyses = [Analysis.from_dict({**a.data, "document": {**a.data["document"], "text": a.text,
                                                               "published": None if i % 9 == 0 else
                                                               a.data["document"]["published"]}})
                    for i, a in enumerate(ScaleCorpus(seed=9).articles(0, 150))]
        store.add_many(analyses)
        facets = store.facets(limit=3)
        for f in (Filters(), Filters(language=["en"]), Filters(narrative=[facets["narrative"][0]["value"]]),
                  Filters(source=[facets["source"][1]["value"]], date_from="2023-03-01")):
            for sort in ("date", "date_asc", "ingested"):
                for offset in (0, 20, 140):
                    fast = store.documents(f, limit=25, offset=offset, sort=sort)
                    index, store._index = store._index, None  # no index: the SQL path
                    slow = store.documents(f, limit=25, offset=offset, sort=sort)
                    store._index = index
                    assert [d["key"] for d in fast] == [d["key"] for d in slow], (f, sort, offset)


def test_search_snippets_equal_the_corpus_tables(tmp_path):
    """Snippets made from a temporary table of the page's texts are the ones the corpus FTS table makes."""
    from narrascope.store.aggregates import SNIPPET_CLOSE, SNIPPET_OPEN, _snippets
    from narrascope.store.query import fts_query

    with Store(tmp_path / "s.db") as store:
        store.add_many(Analysis.from_dict({**a.data, "document": {**a.data["document"], "text": a.text}})
                       for a in ScaleCorpus(seed=3).articles(0, 120))
        conn = store.conn
        words = [w.strip(".!?").lower() for w in conn.execute("SELECT text FROM texts WHERE id = 7").fetchone()[0].split()]
        compared = 0
        for q in (words[3], f'"{words[5]} {words[6]}"', f"{words[8][:3]}*", f"{words[2]} OR {words[11]}", "nosuchword"):
            match = fts_query(q)
            ids = [r[0] for r in conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (match,))]
            ids = (ids + list(range(1, 30)))[:50]  # matching and non-matching documents on one page
            want = conn.execute("SELECT rowid, snippet(documents_fts, -1, ?, ?, '…', 24) FROM documents_fts WHERE "
                                f"documents_fts MATCH ? AND +rowid IN ({','.join(map(str, ids))})",
                                (SNIPPET_OPEN, SNIPPET_CLOSE, match)).fetchall()
            got = _snippets(conn, ids, match)
            assert sorted(map(tuple, got)) == sorted(map(tuple, want)), q
            compared += len(want)
        assert compared > 20


def test_benchmark_generator_replays_to_the_same_stories(tmp_path):
    """`bench_scale --assign` replays the generator of a kept store in a later process: the stored
    articles again (whatever that process's string hash seed), their stories, and the same new ones."""
    import json
    import os
    import subprocess

    from benchmarks.bench_scale import build

    built, _ = build(tmp_path / "s.db", 400)
    conn = sqlite3.connect(tmp_path / "s.db")
    stored = [r[0] for r in conn.execute("SELECT content_hash FROM documents ORDER BY id")]
    conn.close()
    new = [a.doc[0] for a in built.articles(400, 5)]
    script = ("import json, sys; sys.path.insert(0, sys.argv[1]); from benchmarks.bench_scale import replayed; "
              "from benchmarks.scale_corpus import ScaleCorpus; c = replayed(400); "
              "print(json.dumps([c.truth.tolist(), [a.doc[0] for a in c.articles(400, 5)], "
              "[a.doc[0] for a in ScaleCorpus(0).articles(0, 400)]]))")
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        truth, after, articles = json.loads(out)
        assert truth == built.truth.tolist()
        assert after == new
        assert articles == stored
