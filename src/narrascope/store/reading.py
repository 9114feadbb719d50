"""Reading the store: counts, pages of documents, analyses and spans matching `Filters` (a mixin of
`Store`, which holds the connection, the label index and the memos these methods use)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import numpy as np

from narrascope.document import Analysis
from narrascope.store import aggregates as agg
from narrascope.store.errors import DamagedStore, StoreError
from narrascope.store.query import SORTS, Filters, fts_query, where

KEY_CHARS = agg.KEY_CHARS
SEARCHES_REMEMBERED = 8  # each is up to a few MB of ids at a million documents
# What a list view needs; the text only as far as the preview goes (reading whole texts was most of the cost).
LIST_COLUMNS = ("d.id, d.content_hash, d.doc_id, d.title, d.url, d.source, d.published, d.day, d.lang, d.domain, "
                "d.chars, d.ingested_at, (SELECT substr(t.text, 1, 600) FROM texts t WHERE t.id = d.id) AS text")


class ReadMixin:
    def count(self, filters: Filters | None = None) -> int:
        filters = filters or Filters()
        if filters.is_empty() and self._index_is_current():
            return len(self._index)
        memo_key = (tuple(filters.items()), self._change_token())
        if memo_key in self._ids_memo:  # a view that counted facets already knows its documents
            return len(self._ids_memo[memo_key])
        mask = self._ids_memo.get(("mask", *memo_key))
        if mask is None and self._index_is_current():
            mask = self.selection(filters)  # numpy over the label index: SQL's subqueries cost ~100 ms at 1M
        if mask is not None:
            return int(np.count_nonzero(mask)) if isinstance(mask, np.ndarray) and mask.dtype == bool else len(mask)
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
            return agg.summarize(self.conn, [by_id[i] for i in page if i in by_id], fts_query(filters.q),
                                 filters.confident)
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
        return agg.summarize(self.conn, rows, match, filters.confident)

    def _index_is_current(self) -> bool:
        """The label index is built and the store has not changed since (no rebuild is started here)."""
        return self._index is not None and self._index_token == self._change_token()

    def _page_from_index(self, filters: Filters, limit: int, offset: int, sort: str) -> list[int] | None:
        """The ids of one page, ordered as the SQL would order them, picked from the label index when it
        is current and can answer the filters (not full-text search): a linear partial sort over the
        matching documents instead of SQL materialising every match of a common label (a second at
        a million documents). None: let SQL do it."""
        if filters.doc_id or not self._index_is_current():
            return None
        index = self._index
        selection = self.selection(filters)
        if selection is not None and not (isinstance(selection, np.ndarray) and selection.dtype == bool):
            return None
        pos = np.arange(len(index)) if selection is None else np.flatnonzero(selection)
        ids, day = index.ids[pos], index.day[pos]
        if sort == "relevance" and filters.q:  # FTS rank (lower is better), then id, as the SQL orders
            match_ids, ranks = self._search_matches(filters.q, ranked=True)
            rank_of = np.full(len(index), np.inf)
            rank_of[np.searchsorted(index.ids, match_ids)] = ranks
            order = np.lexsort((ids, rank_of[pos]))[offset:offset + limit]
            return ids[order].tolist()
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
            self._remember(memo_key, ids)
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
            if filters.doc_id:
                return self.ids(filters)
            found = index.filter_mask(replace(filters, q=None))
            if filters.q:
                # The search's own matches (one FTS query, remembered) AND the other filters counted
                # as numpy masks: SQL would run the label filters again as subqueries for every match.
                match_ids, _ = self._search_matches(filters.q)
                found &= index.mask(match_ids)
            self._remember(memo_key, found)
        return found

    def _search_matches(self, q: str, ranked: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
        """(document ids, FTS rank or None) of every document matching the search `q`, until the database
        changes. The rank costs ~4x the ids (bm25 reads every match's positions): only a page sorted by
        relevance asks for it. Kept apart from the view memo, the last few searches: a person searches,
        then pages and narrows the results with facets, and each of those views reuses the search."""
        match = fts_query(q)
        memo_key = (match, ranked, self._change_token())
        with self._search_lock:
            found = self._search_memo.get(memo_key)
            if found is not None:
                self._search_memo.move_to_end(memo_key)
                return found
        if match is None:
            found = (np.zeros(0, dtype=np.int64), np.zeros(0) if ranked else None)
        elif ranked:
            rows = self.conn.execute("SELECT rowid, rank FROM documents_fts WHERE documents_fts MATCH ?",
                                     (match,)).fetchall()
            found = (np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
                     np.fromiter((r[1] for r in rows), dtype=np.float64, count=len(rows)))
        else:
            # One string of ids instead of a Python row per match: 4x faster for a word in 100,000s of documents.
            joined = self.conn.execute("SELECT group_concat(rowid) FROM documents_fts WHERE documents_fts MATCH ?",
                                       (match,)).fetchone()[0]
            found = (np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.zeros(0, dtype=np.int64), None)
        with self._search_lock:
            self._search_memo[memo_key] = found
            while len(self._search_memo) > SEARCHES_REMEMBERED:
                self._search_memo.popitem(last=False)
        return found


def _analysis_from_row(row: sqlite3.Row) -> Analysis:
    data = json.loads(row["data"])
    data["document"]["text"] = row["text"]
    return Analysis.from_dict(data)
