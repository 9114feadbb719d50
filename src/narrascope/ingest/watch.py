"""Polling RSS/Atom feeds for new articles, politely, with the state kept in the corpus database.

For each feed, one poll: robots.txt is consulted (`robots.py`); the feed is asked for with the
ETag / Last-Modified it answered last time (a 304 costs the server nothing); entries already stored
from this feed are skipped before any page is fetched; each new entry's page is fetched (robots.txt
again, one request per second per host, see `fetch.py`) and extracted. What the poll learned goes
to the `feeds` table, and each stored entry to `feed_items`, so a restarted watcher carries on
where it stopped. Every failure (a feed that answers 404, a page over the size limit, a host that
robots.txt closes) is reported in the poll's result; none stops the others.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from narrascope.document import Document
from narrascope.errors import InputError
from narrascope.ingest.feeds import entry_key, feed_documents
from narrascope.ingest.fetch import Fetcher, is_url
from narrascope.ingest.raw import read_text_file
from narrascope.ingest.robots import Robots

log = logging.getLogger(__name__)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def read_feed_list(path: str | Path, max_bytes: int = 1 << 20) -> tuple[list[str], list[InputError]]:
    """Feed URLs of a list file (one per line; blank lines and `#` comments skipped)."""
    text = read_text_file(Path(path), max_bytes)
    urls, errors = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line):
            urls.append(line)
        else:
            errors.append(InputError(f"{path}:{n}", f"not an http(s) URL: {line!r}"))
    return list(dict.fromkeys(urls)), errors


@dataclass
class Poll:
    """One feed's poll: the new documents and what went wrong."""

    feed: str
    status: int | None = None
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped_known: int = 0
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FeedState:
    """The `feeds` / `feed_items` tables of a corpus store."""

    def __init__(self, store):
        self.store = store

    def validators(self, feed: str) -> dict[str, str]:
        row = self.store.conn.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (feed,)).fetchone()
        headers = {}
        if row and row[0]:
            headers["If-None-Match"] = row[0]
        if row and row[1]:
            headers["If-Modified-Since"] = row[1]
        return headers

    def known(self, feed: str, key: str) -> bool:
        return self.store.conn.execute("SELECT 1 FROM feed_items WHERE feed_url = ? AND item_key = ?",
                                       (feed, key)).fetchone() is not None

    def record(self, poll: Poll, stored: list[Document]) -> None:
        """After the poll's documents are stored: remember them and the feed's validators."""
        with self.store.transaction() as conn:
            conn.executemany("INSERT OR IGNORE INTO feed_items (feed_url, item_key, content_hash, seen_at) "
                             "VALUES (?, ?, ?, ?)", [(poll.feed, d.meta.get("feed_entry") or d.id, d.content_hash,
                                                      _now()) for d in stored])
            conn.execute(
                "INSERT INTO feeds (url, etag, last_modified, last_checked, last_status, last_error, items_stored) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = coalesce(excluded.etag, etag), "
                "last_modified = coalesce(excluded.last_modified, last_modified), last_checked = excluded.last_checked, "
                "last_status = excluded.last_status, last_error = excluded.last_error, "
                "items_stored = items_stored + excluded.items_stored",
                (poll.feed, poll.etag, poll.last_modified, _now(), poll.status, "; ".join(poll.errors)[:2000] or None,
                 len(stored)))


class FeedWatcher:
    def __init__(self, state: FeedState, fetcher: Fetcher):
        self.state = state
        self.fetcher = fetcher
        self.robots = Robots(fetcher)

    def new_cycle(self) -> None:
        self.robots.forget()

    def poll(self, feed: str) -> Poll:
        poll = Poll(feed)
        if not self.robots.allowed(feed):
            poll.errors.append(self.robots.refusal(feed, "feed"))
            return poll
        try:
            page = self.fetcher.fetch(feed, headers=self.state.validators(feed))
        except InputError as err:
            poll.errors.append(str(err))
            return poll
        poll.status, poll.etag, poll.last_modified = page.status, page.etag, page.last_modified
        if page.not_modified:
            return poll
        if not page.is_feed:
            poll.errors.append(f"{feed}: not an RSS/Atom feed (content type {page.content_type or 'unknown'})")
            return poll

        def keep(entry) -> bool:
            key = entry_key(entry)
            if key and self.state.known(feed, key):
                poll.skipped_known += 1
                return False
            link = entry.get("link")
            if link and is_url(link) and not self.robots.allowed(link):
                poll.errors.append(self.robots.refusal(link, "page"))
                return False
            return True

        for item in feed_documents(page.body, page.final_url, self.fetcher, keep=keep):
            if isinstance(item, InputError):
                poll.errors.append(str(item))
            else:
                item.meta.setdefault("feed", feed)
                poll.documents.append(item)
        return poll

    def poll_all(self, feeds: list[str]) -> Iterator[Poll]:
        self.new_cycle()
        for feed in feeds:
            try:
                yield self.poll(feed)
            except Exception as exc:
                log.exception("polling %s failed", feed)
                yield Poll(feed, errors=[f"{feed}: unexpected error ({type(exc).__name__}: {exc})"])
