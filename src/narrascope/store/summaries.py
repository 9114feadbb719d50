"""Summaries of the store: the label index and what is counted from it (facets, timelines, breakdowns,
top entities, technique counts), remembered until the database changes (a mixin of `Store`)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from narrascope.store import aggregates as agg
from narrascope.store.index import LabelIndex, deletions
from narrascope.store.query import Filters


class SummaryMixin:
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

    def facets(self, filters: Filters | None = None, names: Iterable[str] | None = None,
               limit: int = 15) -> dict[str, list[dict[str, Any]]]:
        """Document counts per value of each facet, among the documents matching `filters`.

        Remembered until the database changes (the whole corpus's facets are on every unfiltered page)."""
        index = self.index
        key = ("facets", tuple((filters or Filters()).items()), tuple(names or ()), limit, self._change_token())
        found = self._ids_memo.get(key)
        if found is None:
            found = agg.facets(index, self.selection(filters), names, limit, bool(filters and filters.confident))
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
        return agg.breakdown(index, self.selection(filters), by, level, top_labels, top_groups,
                             bool(filters and filters.confident))

    def top_entities(self, filters: Filters | None = None, per_role: int = 10) -> dict[str, list[dict]]:
        """The entities most often cast in each main role, by number of documents."""
        index = self.index
        return agg.top_entities(index, self.selection(filters), per_role, bool(filters and filters.confident))

    def technique_counts(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Per technique: documents using it and total occurrences."""
        index = self.index
        return agg.technique_counts(index, self.selection(filters), bool(filters and filters.confident))

    def stats(self) -> dict[str, Any]:
        return agg.stats(self.conn, self.path)
