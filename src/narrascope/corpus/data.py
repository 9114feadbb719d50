"""The corpus views' input: stored analyses read back through the store's public API."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from narrascope.document import Analysis
from narrascope.store.query import normalize_day

if TYPE_CHECKING:
    from narrascope.store.database import Filters, Store


@dataclass(slots=True)
class CorpusDoc:
    key: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    day: str | None = None  # YYYY-MM-DD when the publication date could be read
    lang: str | None = None
    narratives: list[tuple[str, float]] = field(default_factory=list)
    subnarratives: list[tuple[str, float]] = field(default_factory=list)

    @classmethod
    def from_analysis(cls, key: str, a: Analysis) -> CorpusDoc:
        d = a.document
        return cls(key=key, text=d.text, title=d.title, source=d.source, url=d.url, day=normalize_day(d.published),
                   lang=a.language or d.lang, narratives=[(n.label, n.score) for n in a.narratives],
                   subnarratives=[(s.label, s.score) for s in a.subnarratives])

    def summary(self) -> dict[str, Any]:
        """What a listing shows of one article (no text)."""
        return {"key": self.key, "title": self.title or _headline(self.text), "source": self.source,
                "day": self.day, "lang": self.lang, "url": self.url}


def _headline(text: str, limit: int = 90) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    return first if len(first) <= limit else first[: first.rfind(" ", 0, limit)] + " …"


def load_corpus(store: Store, filters: Filters | None = None) -> list[CorpusDoc]:
    return [CorpusDoc.from_analysis(key, a) for key, a in store.iter_keyed(filters)]
