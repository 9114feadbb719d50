"""RSS and Atom feeds (URLs or saved files) with feedparser.

A feed lists articles. With a fetcher, each entry's link is fetched and its main text extracted
(feed summaries are usually a teaser); the entry's own metadata (title, author, date, feed title)
fills what the page lacks. Without a fetcher (a saved feed read offline), or when the linked page
cannot be fetched but the entry carries its full text (`content:encoded`, Atom `content`), the
entry's text is used. An entry with neither becomes an InputError naming its link.
"""
from __future__ import annotations

import calendar
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from narrascope.document import Document
from narrascope.errors import InputError
from narrascope.ingest.fetch import Fetcher, is_url
from narrascope.ingest.html import article_from_url, clean_text
from narrascope.ingest.raw import read_bytes

log = logging.getLogger(__name__)

FEED_SUFFIXES = {".rss", ".atom"}
MIN_ENTRY_CHARS = 200  # an entry's own text shorter than this is a teaser, not the article


def looks_like_feed(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return entry.get("published") or entry.get("updated")


def _entry_text(entry) -> str:
    """The entry's own text as plain text (HTML stripped): full content if given, else the summary."""
    parts = [c.get("value", "") for c in entry.get("content") or []] or [entry.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    if not html.strip():
        return ""
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except Exception:  # noqa: BLE001 - unparseable markup: keep nothing rather than tags
        return ""
    blocks = [clean_text(el.text_content()) for el in root.iter("p", "li", "h1", "h2", "h3", "blockquote")]
    blocks = [b for b in blocks if b]
    return "\n".join(blocks) if blocks else (clean_text(root.text_content()) or "")


def entry_key(entry) -> str:
    """What identifies a feed entry across polls: its id (guid), else its link, else its title."""
    return str(entry.get("id") or entry.get("link") or entry.get("title") or "")


def feed_documents(raw: bytes | str, feed_url: str | None, fetcher: Fetcher | None,
                   source: str | None = None, keep=None) -> Iterator[Document | InputError]:
    """One Document (or InputError) per feed entry; with `keep`, only for entries it accepts (what
    `narrascope watch` uses to fetch only entries it has not stored yet)."""
    import feedparser

    where = source or feed_url or "<feed>"
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        reason = f"not a readable feed ({parsed.bozo_exception})" if parsed.bozo else "feed has no entries"
        yield InputError(where, reason)
        return
    feed_title = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, start=1):
        if keep is not None and not keep(entry):
            continue
        link = entry.get("link")
        title = (entry.get("title") or "").strip() or None
        extra = {"feed": feed_url or where, "feed_title": feed_title, "feed_entry": entry_key(entry)}
        if entry.get("author"):
            extra["author"] = entry["author"]
        fetched_error: InputError | None = None
        if fetcher is not None and link and is_url(link):
            item = article_from_url(link, fetcher)
            if isinstance(item, InputError):
                fetched_error = item
            else:
                item.title = item.title or title
                item.published = item.published or _entry_date(entry)
                item.meta = {**extra, **item.meta}
                yield item
                continue
        text = _entry_text(entry)
        if len(text) < MIN_ENTRY_CHARS and (fetched_error is not None or not text):
            yield fetched_error or InputError(f"{where} entry {n}", "entry has no text and no fetchable link")
            continue
        if fetched_error is not None:
            log.info("%s; using the feed entry's own text", fetched_error)
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}"
        site = feed_title or (urlsplit(link).hostname if link else None)
        yield Document(text=text, id=link or entry.get("id") or f"{where}#{n}", title=title, url=link, source=site,
                       published=_entry_date(entry), meta={k: v for k, v in extra.items() if v})


def read_feed_file(path: str | Path, max_bytes: int, fetcher: Fetcher | None = None,
                   ) -> Iterator[Document | InputError]:
    """The entries of a saved feed file (links fetched only when a fetcher is given)."""
    try:
        raw = read_bytes(Path(path), max_bytes)
    except InputError as err:
        yield err
        return
    yield from feed_documents(raw, None, fetcher, source=str(path))
