"""URLs and URL lists: each URL is an article page or a feed (whose entries are fetched in turn).

Pages are fetched by one polite `fetch.Fetcher` per batch and their main text extracted (`html.py`);
feeds are read by `feeds.py`. Every failure is an `InputError` naming the URL.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from narrascope.document import Document
from narrascope.errors import InputError
from narrascope.ingest.feeds import feed_documents
from narrascope.ingest.fetch import FetchConfig, Fetcher, is_url
from narrascope.ingest.html import article_from_page
from narrascope.ingest.raw import read_text_file

URL_LIST_SUFFIXES = {".urls"}


def documents_from_url(url: str, fetcher: Fetcher, follow_feeds: bool = True) -> Iterator[Document | InputError]:
    """The article at `url`, or every article of the feed at `url`."""
    try:
        page = fetcher.fetch(url)
    except InputError as err:
        yield err
        return
    if page.is_feed:
        yield from feed_documents(page.body, page.final_url, fetcher if follow_feeds else None)
        return
    yield article_from_page(page, url)


def read_url_list(path: Path, max_bytes: int) -> list[str] | InputError:
    """The URLs of a list file: one per line; blank lines and `#` comments are skipped."""
    try:
        text = read_text_file(path, max_bytes)
    except InputError as err:
        return err
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def iter_web_sources(sources: list[str], max_bytes: int, fetcher: Fetcher | None = None,
                     allow_private: bool = False) -> Iterator[Document | InputError]:
    """Documents from URLs and URL-list files (one shared Fetcher keeps the per-host pacing)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(FetchConfig.from_env(max_bytes=max_bytes, allow_private=allow_private))
    try:
        for src in sources:
            if "://" in src and not is_url(src):
                yield InputError(src, "not an http(s) URL")
                continue
            urls: list[str] | InputError = [src] if is_url(src) else read_url_list(Path(src), max_bytes)
            if isinstance(urls, InputError):
                yield urls
                continue
            for url in urls:
                if not is_url(url):
                    yield InputError(f"{src}: {url}", "not an http(s) URL")
                    continue
                yield from documents_from_url(url, fetcher)
    finally:
        if own:
            fetcher.close()


class WebReader:
    """What `iter_documents` uses for URLs and URL lists: one Fetcher, created on first use, so the
    per-host pacing holds across all the sources of a batch."""

    def __init__(self, max_bytes: int, config: FetchConfig | None = None, allow_private: bool = False):
        self.max_bytes = max_bytes
        self.config = config
        self.allow_private = allow_private
        self._fetcher: Fetcher | None = None

    @staticmethod
    def handles(source: str) -> bool:
        return is_url(source) or Path(source).suffix.lower() in URL_LIST_SUFFIXES

    def read(self, source: str) -> Iterator[Document | InputError]:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.config or FetchConfig.from_env(max_bytes=self.max_bytes,
                                                                        allow_private=self.allow_private))
        yield from iter_web_sources([source], self.max_bytes, self._fetcher)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None
