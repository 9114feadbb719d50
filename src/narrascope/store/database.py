"""The corpus store: analysed documents in one SQLite file.

    >>> from narrascope.store.database import Store, Filters
    >>> with Store("corpus.db") as store:
    ...     store.add_many(analyses)                       # idempotent: keyed by content hash
    ...     store.count(Filters(narrative=["URW: ..."]))
    ...     for analysis in store.iter_analyses(Filters(language=["en"])): ...

A document is identified by the SHA-256 of its text: storing the same text again changes nothing,
and its `key` (the first 16 hex digits of that hash) names it in URLs. Writes happen in one
transaction per batch, so an interrupted ingest loses at most the batch in flight and a rerun
skips what is stored. The database runs in WAL mode, so a server can read while an ingest writes.
A `Store` is safe to share between threads: each thread gets its own connection.
"""
from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

import numpy as np

from narrascope.document import Analysis
from narrascope.errors import NarrascopeError
from narrascope.store import aggregates as agg
from narrascope.store.guard import LimitedConnection, quick_check
from narrascope.store.index import LabelIndex, deletions
from narrascope.store.query import SORTS, Filters, fts_query, where
from narrascope.store.schema import SCHEMA_VERSION, migrate, schema_version
from narrascope.store.write import insert_analysis

log = logging.getLogger(__name__)

KEY_CHARS = agg.KEY_CHARS
# What a list view needs; the text only as far as the preview goes (reading whole texts was most of the cost).
LIST_COLUMNS = ("d.id, d.content_hash, d.doc_id, d.title, d.url, d.source, d.published, d.day, d.lang, d.domain, "
                "d.chars, d.ingested_at, (SELECT substr(t.text, 1, 600) FROM texts t WHERE t.id = d.id) AS text")
__all__ = ["KEY_CHARS", "DamagedStore", "Filters", "Store", "StoreError", "StoredAnalysis"]


class StoreError(NarrascopeError):
    """The corpus database cannot be opened, is of another version, or a lookup failed."""


class DamagedStore(StoreError):
    """The database file is damaged: SQLite's integrity check failed, or reading it did."""


@dataclass(slots=True)
class StoredAnalysis:
    key: str
    analysis: Analysis
    ingested_at: str
    analyzed_at: str
    version: str


class Store:
    """A corpus database. `readonly=True` opens it without any write access (what `serve` does);
    `query_time_limit` interrupts any SQL statement that runs longer (seconds; see `store.guard`)."""

    def __init__(self, path: str | Path, readonly: bool = False, timeout: float = 30.0,
                 query_time_limit: float | None = None):
        self.path = Path(path)
        self.readonly = readonly
        self.timeout = timeout
        self.query_time_limit = query_time_limit
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._index: LabelIndex | None = None
        self._index_token: tuple | None = None
        self._index_lock = threading.Lock()
        self._writes = 0
        self._ids_memo: dict[tuple, list[int]] = {}
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such corpus database (create it with `narrascope ingest ... "
                             f"--db {self.path}`)")
        _ = self.conn  # open now, so a bad file fails here and not in the middle of a request

    # -- connections -------------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            self._connections.append(conn)
        return conn

    def _connect(self) -> sqlite3.Connection:
        if not self.readonly and not self.path.parent.exists():
            # `--db results/corpus.db` in a fresh folder: create the folder, as writing any output file would.
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create its folder ({exc.strerror})") from None
        target = f"file:{quote(str(self.path.resolve()))}?mode={'ro' if self.readonly else 'rwc'}"
        try:
            conn = sqlite3.connect(target, uri=True, timeout=self.timeout, isolation_level=None,
                                   check_same_thread=False, factory=LimitedConnection)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints, fast
            # Readers share the OS page cache through mmap instead of each copying pages into its own.
            conn.execute("PRAGMA mmap_size = 1073741824")
            version = schema_version(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a corpus database ({exc})") from None
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(f"{self.path}: made by a newer narrascope (schema {version}, this one reads "
                             f"up to {SCHEMA_VERSION}); upgrade narrascope")
        if version < SCHEMA_VERSION:
            if self.readonly:
                conn.close()
                what = "not a narrascope corpus database" if version == 0 else f"has schema {version}"
                raise StoreError(f"{self.path}: {what}; open it for writing once (e.g. `narrascope ingest "
                                 f"--db {self.path}`) to create or upgrade it to schema {SCHEMA_VERSION}")
            if version == 0 and self._has_foreign_tables(conn):
                conn.close()
                raise StoreError(f"{self.path}: is an SQLite database of something else, not a corpus")
            migrate(conn)
        conn.set_time_limit(self.query_time_limit)
        return conn

    def check_integrity(self) -> None:
        """Raise a StoreError when SQLite finds the file damaged (reads every page: seconds per GB).

        `serve`, `ingest` and `export` call this first: a damaged file can still answer queries
        with rows silently missing, and writing into it spreads the damage.
        """
        conn = self.conn
        conn.set_time_limit(None)  # reading a large file takes as long as it takes
        try:
            problems = quick_check(conn)
        finally:
            conn.set_time_limit(self.query_time_limit)
        if problems:
            raise DamagedStore(f"{self.path}: the database file is damaged ({'; '.join(problems)[:500]}); restore it "
                             f"from a backup, or save what is readable with `sqlite3 {self.path} .recover "
                             "| sqlite3 recovered.db`")

    @staticmethod
    def _has_foreign_tables(conn: sqlite3.Connection) -> bool:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0

    def close(self) -> None:
        for conn in self._connections:
            conn.close()
        self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------
    def has(self, content_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)).fetchone() \
            is not None

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The subset of `hashes` already stored (one query per 500)."""
        hashes = list(hashes)
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            rows = self.conn.execute(
                f"SELECT content_hash FROM documents WHERE content_hash IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update(r[0] for r in rows)
        return found

    def add(self, analysis: Analysis, replace: bool = False) -> str:
        """Store one analysis; returns "added", "unchanged" (same text already stored) or "replaced"."""
        counts = self.add_many([analysis], replace=replace)
        return next(k for k, v in counts.items() if v)

    def add_many(self, analyses: Iterable[Analysis], replace: bool = False) -> dict[str, int]:
        """Store a batch in one transaction. With `replace`, a stored text gets the new analysis."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; cannot store documents")
        from narrascope._version import __version__

        counts = {"added": 0, "unchanged": 0, "replaced": 0}
        with self.transaction() as conn:
            for a in analyses:
                counts[insert_analysis(conn, a, replace, __version__)] += 1
        return counts

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on any error)."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; cannot write")
        with self._write_lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            finally:
                self._writes += 1

    def optimize(self) -> None:
        """Refresh the query planner's statistics (after a large ingest) so filters pick good indexes."""
        if not self.readonly:
            with self._write_lock:
                self.conn.execute("ANALYZE")

    # -- reading one ----------------------------------------------------------------------------
    def _resolve(self, key: str) -> sqlite3.Row | None:
        key = key.strip().lower()
        if not (8 <= len(key) <= 64) or any(c not in "0123456789abcdef" for c in key):
            return None
        rows = self.conn.execute(
            "SELECT d.*, t.text, a.data, a.analyzed_at, a.version FROM documents d JOIN analyses a "
            "ON a.document_id = d.id JOIN texts t ON t.id = d.id WHERE d.content_hash >= ? AND d.content_hash < ? LIMIT 2",
            (key, key + "g"),
        ).fetchall()
        if len(rows) > 1:
            raise StoreError(f"document key {key!r} matches several documents; give more of its hash")
        return rows[0] if rows else None

    def get(self, key: str) -> StoredAnalysis | None:
        """The stored analysis whose content hash starts with `key` (≥ 8 hex digits), or None."""
        row = self._resolve(key)
        if row is None:
            return None
        return StoredAnalysis(
            key=row["content_hash"][:KEY_CHARS],
            analysis=_analysis_from_row(row),
            ingested_at=row["ingested_at"],
            analyzed_at=row["analyzed_at"],
            version=row["version"],
        )

    # -- reading many ---------------------------------------------------------------------------
    def count(self, filters: Filters | None = None) -> int:
        filters = filters or Filters()
        if filters.is_empty() and self._index is not None and self._index_token == self._change_token():
            return len(self._index)
        memo_key = (tuple(filters.items()), self._change_token())
        if memo_key in self._ids_memo:  # a view that counted facets already knows its documents
            return len(self._ids_memo[memo_key])
        mask = self._ids_memo.get(("mask", *memo_key))
        if mask is not None:
            return int(np.count_nonzero(mask))
        sql, params = where(filters)
        return self.conn.execute(f"SELECT count(*) FROM documents d WHERE {sql}", params).fetchone()[0]

    def documents(
        self, filters: Filters | None = None, limit: int = 50, offset: int = 0, sort: str | None = None
    ) -> list[dict[str, Any]]:
        """One page of document summaries (metadata, labels, top entities; a snippet when searching)."""
        filters = filters or Filters()
        sort = sort or ("relevance" if filters.q else "date")
        if sort not in SORTS:
            raise StoreError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        page = self._page_from_index(filters, limit, offset, sort)
        if page is not None:
            by_id = {r["id"]: r for r in self.conn.execute(
                f"SELECT {LIST_COLUMNS} FROM documents d WHERE d.id IN ({','.join('?' * len(page))})", page)}
            return agg.summarize(self.conn, [by_id[i] for i in page if i in by_id], None)
        sql, params = where(filters)
        match = fts_query(filters.q)
        if sort == "relevance" and match:
            query = (f"SELECT {LIST_COLUMNS} FROM documents d JOIN (SELECT rowid AS fid, rank FROM documents_fts "
                     f"WHERE documents_fts MATCH ?) f ON f.fid = d.id WHERE {sql} ORDER BY f.rank, d.id LIMIT ? OFFSET ?")
            params = [match, *params]
        else:
            # NULL days sort last with DESC by themselves; plain column order lets the (day, id) index serve it.
            order = {"date_asc": "d.day IS NULL, d.day, d.id", "ingested": "d.id DESC"}.get(sort, "d.day DESC, d.id DESC")
            query = f"SELECT {LIST_COLUMNS} FROM documents d WHERE {sql} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = self.conn.execute(query, [*params, limit, offset]).fetchall()
        return agg.summarize(self.conn, rows, match)

    def _page_from_index(self, filters: Filters, limit: int, offset: int, sort: str) -> list[int] | None:
        """The ids of one page, ordered as the SQL would order them, picked from the label index when it
        is current and can answer the filters (not full-text search): a linear partial sort over the
        matching documents instead of SQL materialising every match of a common label (a second at
        a million documents). None: let SQL do it."""
        if filters.q or filters.doc_id or self._index is None or self._index_token != self._change_token():
            return None
        index = self._index
        selection = self.selection(filters)
        if selection is not None and not (isinstance(selection, np.ndarray) and selection.dtype == bool):
            return None
        pos = np.arange(len(index)) if selection is None else np.flatnonzero(selection)
        ids, day = index.ids[pos], index.day[pos]
        if sort == "ingested":
            key = -ids
        elif sort == "date_asc":  # undated last, then by day and id
            key = np.where(day >= 0, day, 1 << 20) * (1 << 40) + ids
        else:  # newest first, undated last (as SQL's DESC puts NULL days)
            key = -(day * (1 << 40) + ids)
        wanted = offset + limit
        if wanted < len(key):
            part = np.argpartition(key, wanted - 1)[:wanted]
            order = part[np.argsort(key[part], kind="stable")]
        else:
            order = np.argsort(key, kind="stable")
        return ids[order[offset:wanted]].tolist()

    def iter_analyses(self, filters: Filters | None = None, batch_size: int = 200) -> Iterator[Analysis]:
        """Every stored analysis matching `filters`, in storage order, with its text.

        Reads in batches by primary key, each batch a complete query, so a long export neither holds
        a read transaction open nor minds being resumed on another thread.
        """
        for _, analysis in self.iter_keyed(filters, batch_size):
            yield analysis

    def iter_keyed(self, filters: Filters | None = None, batch_size: int = 200) -> Iterator[tuple[str, Analysis]]:
        """Like `iter_analyses`, with each analysis's store key."""
        sql, params = where(filters or Filters())
        last = done = 0
        while True:
            try:
                rows = self.conn.execute(
                    f"SELECT d.*, t.text, a.data FROM documents d JOIN analyses a ON a.document_id = d.id "
                    f"JOIN texts t ON t.id = d.id WHERE d.id > ? AND {sql} ORDER BY d.id LIMIT ?",
                    [last, *params, batch_size],
                ).fetchall()
            except sqlite3.DatabaseError as exc:
                if "interrupted" in str(exc):
                    raise
                raise DamagedStore(f"{self.path}: reading failed after {done} documents ({exc}); the database "
                                 "file may be damaged") from None
            done += len(rows)
            if not rows:
                return
            for row in rows:
                yield row["content_hash"][:KEY_CHARS], _analysis_from_row(row)
            last = rows[-1]["id"]

    def iter_spans(self, kind: str, label: str | None = None, filters: Filters | None = None,
                   limit: int = 1000) -> Iterator[dict[str, Any]]:
        """Stored evidence spans of one kind ("technique", "mention", "narrative_evidence", ...)
        with their text: e.g. every sentence flagged as Loaded_Language in English documents."""
        sql, params = where(filters or Filters())
        extra, extra_params = ("AND s.label = ?", [label]) if label else ("", [])
        rows = self.conn.execute(
            f"SELECT d.content_hash, d.doc_id, s.label, s.start, s.end, s.score, s.ref, "
            f"substr(t.text, s.start + 1, s.end - s.start) AS text FROM spans s JOIN documents d "
            f"ON d.id = s.document_id JOIN texts t ON t.id = d.id WHERE s.kind = ? {extra} AND {sql} ORDER BY s.score DESC LIMIT ?",
            [kind, *extra_params, *params, limit],
        )
        for r in rows:
            yield {"key": r["content_hash"][:KEY_CHARS], "doc_id": r["doc_id"], "label": r["label"],
                   "start": r["start"], "end": r["end"], "score": r["score"], "ref": r["ref"], "text": r["text"]}

    # -- aggregates (SQL picks the documents, the label index counts) ----------------------------
    @property
    def index(self) -> LabelIndex:
        """The label index, rebuilt if the database changed since it was built (by us or anyone)."""
        token = self._change_token()
        if self._index is None or self._index_token != token:
            with self._index_lock:
                if self._index is None or self._index_token != token:
                    old = self._index
                    if old is not None and old.deletions >= 0 and deletions(self.conn) == old.deletions:
                        self._index = old.extended()  # only new documents since: add them
                    else:
                        self._index = LabelIndex(lambda: self.conn)
                    self._index_token = token
        return self._index

    def change_token(self) -> tuple:
        """Changes whenever the database does (a commit by this or any other process)."""
        return self._change_token()

    def _change_token(self) -> tuple:
        # Any commit grows or rewrites the -wal file or the database itself; stat() costs microseconds.
        token: list = [self._writes]
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = path.stat()
                token += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                token += [0, 0]
        return tuple(token)

    def ids(self, filters: Filters | None) -> list[int] | None:
        """Primary keys of the documents matching `filters` (None when nothing is filtered).

        The last few answers are remembered (until the database changes): a dashboard asks for the
        same filtered set five times.
        """
        if filters is None or filters.is_empty():
            return None
        memo_key = (tuple(filters.items()), self._change_token())
        ids = self._ids_memo.get(memo_key)
        if ids is None:
            sql, params = where(filters)
            ids = [r[0] for r in self.conn.execute(f"SELECT d.id FROM documents d WHERE {sql}", params)]
            if len(self._ids_memo) >= 16:
                try:
                    self._ids_memo.pop(next(iter(self._ids_memo)), None)
                except (StopIteration, RuntimeError):  # another thread emptied or resized it meanwhile
                    pass
            self._ids_memo[memo_key] = ids
        return ids

    def selection(self, filters: Filters | None):
        """The documents matching `filters` for counting: None (all), a boolean mask over the label
        index (label, attribute and date filters: numpy, no SQL), or ids from SQL (full-text search,
        document ids). Remembered until the database changes, like `ids`."""
        if filters is None or filters.is_empty():
            return None
        index = self.index
        memo_key = ("mask", tuple(filters.items()), self._change_token())
        found = self._ids_memo.get(memo_key)
        if found is None:
            found = index.filter_mask(filters)
            if found is None:
                return self.ids(filters)
            if len(self._ids_memo) >= 16:
                try:
                    self._ids_memo.pop(next(iter(self._ids_memo)), None)
                except (StopIteration, RuntimeError):
                    pass
            self._ids_memo[memo_key] = found
        return found

    def facets(self, filters: Filters | None = None, names: Iterable[str] | None = None,
               limit: int = 15) -> dict[str, list[dict[str, Any]]]:
        """Document counts per value of each facet, among the documents matching `filters`.

        Remembered until the database changes (the whole corpus's facets are on every unfiltered page)."""
        index = self.index
        key = ("facets", tuple((filters or Filters()).items()), tuple(names or ()), limit, self._change_token())
        found = self._ids_memo.get(key)
        if found is None:
            found = agg.facets(index, self.selection(filters), names, limit)
            self._remember(key, found)
        return found

    def _remember(self, key: tuple, value: Any) -> None:
        if len(self._ids_memo) >= 32:
            try:
                self._ids_memo.pop(next(iter(self._ids_memo)), None)
            except (StopIteration, RuntimeError):  # another thread emptied or resized it meanwhile
                pass
        self._ids_memo[key] = value

    def timeline(self, filters: Filters | None = None, interval: str = "week", level: str = "narrative",
                 top: int = 8) -> dict[str, Any]:
        """How many documents carry each label per day/week/month (plus totals and shares)."""
        index = self.index
        return agg.timeline(index, self.selection(filters), filters or Filters(), interval, level, top)

    def breakdown(self, filters: Filters | None = None, by: str = "source", level: str = "narrative",
                  top_labels: int = 10, top_groups: int = 12) -> dict[str, Any]:
        """Label prevalence per source, language or domain: a labels × groups matrix of counts."""
        index = self.index
        return agg.breakdown(index, self.selection(filters), by, level, top_labels, top_groups)

    def top_entities(self, filters: Filters | None = None, per_role: int = 10) -> dict[str, list[dict]]:
        """The entities most often cast in each main role, by number of documents."""
        index = self.index
        return agg.top_entities(index, self.selection(filters), per_role)

    def technique_counts(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Per technique: documents using it and total occurrences."""
        index = self.index
        return agg.technique_counts(index, self.selection(filters))

    def stats(self) -> dict[str, Any]:
        return agg.stats(self.conn, self.path)


def _analysis_from_row(row: sqlite3.Row) -> Analysis:
    data = json.loads(row["data"])
    data["document"]["text"] = row["text"]
    return Analysis.from_dict(data)
