"""The corpus database schema and its migrations.

The schema version lives in SQLite's `PRAGMA user_version`. `MIGRATIONS[i]` takes a database from
version i to version i + 1; a writable `Store` applies the missing ones at open, each in its own
transaction, so a database made by an older narrascope is upgraded in place and one made by a newer
narrascope is refused rather than misread.

Layout (one row per ...):
- `documents`: stored article metadata (`day` = the publication date normalised to YYYY-MM-DD when
  it can be parsed), unique by `content_hash`; small rows, so filters and sorts scan little;
- `texts`: the text exactly as read (and the title again, for full-text search);
- `analyses`: the full `Analysis` as JSON (without the text): the source of truth for rendering,
  so fields added to the data model later survive a round trip untouched;
- `doc_labels`: one row per (document, kind, value) for the faceted dimensions (narrative,
  subnarrative, entity, role, technique, and `entity_role` / `entity_fine_role` whose value is
  "<role>\x1f<entity name>"), with occurrence count and best score: every corpus filter, facet count
  and "top entities per role" is a scan of one index range here;
- `entities`: one row per entity per document (type, main role, fine roles, mention count);
- `spans`: every evidence span (technique spans, entity mentions, narrative/explanation evidence);
- `documents_fts`: FTS5 index over `texts` (external content, kept in sync by triggers).

Version 2 adds what corpus views need at scale (see `narrascope.corpus.assign`):
- `pending_assign`: documents stored but not yet placed in a story / copy-paste group (a trigger
  adds every new document; the assigner removes them once placed);
- `lead_vectors`: each article's headline+lead embedding (float16) and its MinHash signature
  (uint32): stored once at ingest, never recomputed;
- `stories` / `story_members`, `dup_groups` / `dup_members`: the stories and copy-paste groups,
  assigned as articles arrive; sizes are kept by triggers, so a list page reads one small table;
- `feeds` / `feed_items`: what `narrascope watch` knows of each feed (ETag, Last-Modified, errors)
  and which entries it has already stored, so a restart fetches only what is new;
- `store_meta`: key/value facts about the store; `deletions` counts deleted (or re-analysed)
  documents, so a reader whose store only grew extends its label index instead of rebuilding it.

Version 3 adds `doc_labels.weak` (1 when the document has the label only as a weak one: right less than
half the time at its score in training), so that filters, facets and the dashboard can count confident
labels only.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

log = logging.getLogger(__name__)

# Keep words of every script whole: marks (M*) are word characters, or Hindi words would be cut
# at each vowel sign. Older SQLite builds lack the `categories` option; fall back to the default.
FTS_TOKENIZERS = (
    "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
    "unicode61 remove_diacritics 2",
)

_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    title TEXT,
    url TEXT,
    source TEXT,
    published TEXT,
    day TEXT,
    lang TEXT,
    domain TEXT,
    chars INTEGER NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL
);

CREATE TABLE texts (
    id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_day ON documents(day, id);
CREATE INDEX documents_lang ON documents(lang);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_domain ON documents(domain);

CREATE TABLE analyses (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    analyzers TEXT NOT NULL,
    version TEXT NOT NULL,
    analyzed_at TEXT NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE doc_labels (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL DEFAULT 1,
    score REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, value, document_id)
) WITHOUT ROWID;
CREATE INDEX doc_labels_document ON doc_labels(document_id, kind);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT '',
    main_role TEXT,
    main_score REAL NOT NULL DEFAULT 0,
    fine_roles TEXT NOT NULL DEFAULT '',
    mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_document ON entities(document_id);
CREATE INDEX entities_name ON entities(name, document_id);

CREATE TABLE spans (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    score REAL NOT NULL DEFAULT 1,
    ref TEXT
);
CREATE INDEX spans_document ON spans(document_id, kind);
CREATE INDEX spans_label ON spans(kind, label, document_id);
"""

_V1_FTS = """
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='texts', content_rowid='id', tokenize="{tokenizer}"
);
CREATE TRIGGER texts_fts_insert AFTER INSERT ON texts BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER texts_fts_delete AFTER DELETE ON texts BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER texts_fts_update AFTER UPDATE ON texts BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
"""


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: `executescript` would COMMIT the migration's transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    _run_script(conn, _V1)
    for tokenizer in FTS_TOKENIZERS:
        try:
            conn.execute("SAVEPOINT fts")
            _run_script(conn, _V1_FTS.format(tokenizer=tokenizer))
            conn.execute("RELEASE fts")
            return
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK TO fts")
            conn.execute("RELEASE fts")
            log.info("FTS5 tokenizer %r not available (%s); trying the next one", tokenizer, exc)
    raise sqlite3.OperationalError("this SQLite build has no usable FTS5 tokenizer")


_V2 = """
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE pending_assign (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
);
CREATE TRIGGER documents_pending AFTER INSERT ON documents BEGIN
    INSERT OR IGNORE INTO pending_assign(document_id) VALUES (new.id);
END;
CREATE TRIGGER documents_deleted AFTER DELETE ON documents BEGIN
    INSERT INTO store_meta(key, value) VALUES ('deletions', '1')
    ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;
END;
INSERT INTO pending_assign(document_id) SELECT id FROM documents;

CREATE TABLE lead_vectors (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    vector BLOB NOT NULL,
    minhash BLOB NOT NULL
);

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL DEFAULT 0,
    first_day TEXT,
    last_day TEXT,
    representative INTEGER,
    vector_sum BLOB NOT NULL,
    updated_at TEXT
);
CREATE INDEX stories_size ON stories(size, id);
CREATE INDEX stories_last_day ON stories(last_day, id);
CREATE TABLE story_members (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    similarity REAL NOT NULL DEFAULT 1
);
CREATE INDEX story_members_story ON story_members(story_id, document_id);
CREATE TRIGGER story_members_insert AFTER INSERT ON story_members BEGIN
    UPDATE stories SET size = size + 1 WHERE id = new.story_id;
END;
CREATE TRIGGER story_members_delete AFTER DELETE ON story_members BEGIN
    UPDATE stories SET size = size - 1 WHERE id = old.story_id;
END;

CREATE TABLE dup_groups (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL DEFAULT 0,
    sources INTEGER NOT NULL DEFAULT 0,
    first_day TEXT,
    last_day TEXT,
    exact INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT
);
CREATE INDEX dup_groups_rank ON dup_groups(sources, size, id);
CREATE TABLE dup_members (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES dup_groups(id) ON DELETE CASCADE,
    similarity REAL NOT NULL DEFAULT 1
);
CREATE INDEX dup_members_group ON dup_members(group_id, document_id);
CREATE TRIGGER dup_members_insert AFTER INSERT ON dup_members BEGIN
    UPDATE dup_groups SET size = size + 1 WHERE id = new.group_id;
END;
CREATE TRIGGER dup_members_delete AFTER DELETE ON dup_members BEGIN
    UPDATE dup_groups SET size = size - 1 WHERE id = old.group_id;
END;

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_checked TEXT,
    last_status INTEGER,
    last_error TEXT,
    items_stored INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE feed_items (
    feed_url TEXT NOT NULL,
    item_key TEXT NOT NULL,
    content_hash TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
) WITHOUT ROWID;
"""


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    _run_script(conn, _V2)


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    """`doc_labels.weak`: 1 where the document has the label only as a weak one (a "confident only" view
    leaves those rows out). Set from the stored analyses, the source of truth; only analyses written
    since labels carry the mark can have one."""
    import json

    from narrascope.document import Analysis
    from narrascope.store.write import label_rows

    conn.execute("ALTER TABLE doc_labels ADD COLUMN weak INTEGER NOT NULL DEFAULT 0")
    for doc_id, data in conn.execute("SELECT document_id, data FROM analyses WHERE data LIKE '%\"weak\": true%'"
                                     ).fetchall():
        stored = json.loads(data)
        stored["document"]["text"] = ""  # kept in `texts`; not needed for the labels
        conn.executemany("UPDATE doc_labels SET weak = 1 WHERE document_id = ? AND kind = ? AND value = ?",
                         [(doc_id, kind, value) for kind, value, _, _, weak in label_rows(Analysis.from_dict(stored))
                          if weak])


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_1, _migrate_to_2, _migrate_to_3]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply the missing migrations up to `target`; returns the versions reached, in order.

    Each step runs in one transaction together with its `user_version` bump, so an interrupted
    upgrade leaves the database at the last complete version.
    """
    done = []
    current = schema_version(conn)
    while current < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            current = schema_version(conn)
            if current >= target:
                conn.execute("COMMIT")
                break
            MIGRATIONS[current](conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current += 1
        done.append(current)
        log.info("corpus database migrated to schema version %d", current)
    return done
