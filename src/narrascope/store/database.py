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
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Self
from urllib.parse import quote

from narrascope.document import Analysis
from narrascope.store.errors import DamagedStore, StoreError
from narrascope.store.guard import LimitedConnection, quick_check, without_time_limit
from narrascope.store.index import LabelIndex
from narrascope.store.query import Filters
from narrascope.store.reading import KEY_CHARS, ReadMixin, _analysis_from_row
from narrascope.store.schema import SCHEMA_VERSION, migrate, schema_version
from narrascope.store.summaries import SummaryMixin
from narrascope.store.write import insert_analysis

log = logging.getLogger(__name__)

__all__ = ["KEY_CHARS", "DamagedStore", "Filters", "Store", "StoreError", "StoredAnalysis"]


@dataclass(slots=True)
class StoredAnalysis:
    key: str
    analysis: Analysis
    ingested_at: str
    analyzed_at: str
    version: str


class Store(ReadMixin, SummaryMixin):
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
        self._search_memo: OrderedDict[tuple, tuple] = OrderedDict()  # see ReadMixin._search_matches
        self._search_lock = threading.Lock()
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
            # An INSERT OR REPLACE of a story or copy-group member then fires the delete trigger of the row
            # it replaces as well as the insert trigger, so a group's `size` stays its number of members.
            conn.execute("PRAGMA recursive_triggers = ON")
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
        with without_time_limit(self.conn) as conn:
            problems = quick_check(conn)
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
