"""Guards on the SQLite connection: a time limit per statement, and a check for a damaged file.

A statement that runs past `time_limit` seconds is interrupted by SQLite's progress handler and
raises `sqlite3.OperationalError("interrupted")`, which `is_interrupted` recognises; the server
uses this so that no search can hold a worker thread for long. A damaged file (a disk error, a
copy taken mid-write, bytes overwritten) may still open and even answer queries, with rows
silently missing; `PRAGMA quick_check` reads every page and says so before anything is served or
written.
"""
from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator

PROGRESS_STEPS = 20_000  # SQLite VM instructions between two looks at the clock (well under 1 ms)


class LimitedConnection(sqlite3.Connection):
    """A connection whose statements each get `time_limit` seconds (None: no limit).

    The clock starts when `execute` is called and runs while its rows are fetched.
    """

    time_limit: float | None = None
    _started: float | None = None

    def set_time_limit(self, seconds: float | None) -> None:
        self.time_limit = seconds
        self.set_progress_handler(self._over_time if seconds else None, PROGRESS_STEPS)

    def _over_time(self) -> int:
        started, limit = self._started, self.time_limit
        return int(started is not None and limit is not None and time.monotonic() - started > limit)

    def execute(self, sql: str, parameters=(), /):  # type: ignore[override]
        self._started = time.monotonic()
        return super().execute(sql, parameters)

    def executemany(self, sql: str, parameters, /):  # type: ignore[override]
        self._started = time.monotonic()
        return super().executemany(sql, parameters)


@contextlib.contextmanager
def without_time_limit(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The connection with no statement time limit for a while: work the store does for itself (reading
    the whole file, loading the label index) takes as long as the corpus makes it, and stopping it
    half-way would only make the next request do it again."""
    limit = getattr(conn, "time_limit", None)
    if limit is not None:
        conn.set_time_limit(None)
    try:
        yield conn
    finally:
        if limit is not None:
            conn.set_time_limit(limit)


def is_interrupted(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "interrupted" in str(exc)


def quick_check(conn: sqlite3.Connection, max_problems: int = 5) -> list[str]:
    """What `PRAGMA quick_check` finds wrong with the database (empty when it is sound)."""
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA quick_check({int(max_problems)})")]
    except sqlite3.DatabaseError as exc:  # so damaged that the check itself cannot run
        return [str(exc)]
    return [] if rows == ["ok"] else [str(r) for r in rows]
