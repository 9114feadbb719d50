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

from benchmarks.scale_corpus import TABLES, ScaleCorpus, rows_of, write_rows  # noqa: E402

COLUMNS = {
    "documents": "content_hash, doc_id, title, url, source, published, day, lang, domain, chars, meta",
    "texts": "title, text",
    "analyses": "analyzers, data",
    "entities": "name, type, main_role, main_score, fine_roles, mentions",
    "doc_labels": "kind, value, n, score",
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
