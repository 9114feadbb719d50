"""Corpus filters and the SQL they compile to.

A `Filters` value says which stored documents a view is about; every corpus view (document list,
facet counts, dashboard, exports) takes one, so a filtered corpus page, its dashboard and its CSV
are always about the same documents. Semantics:
- several values of a label dimension (narrative, subnarrative, entity, technique) must ALL be
  present (drilling down narrows);
- several values of a document attribute (language, source, domain, doc_id) match ANY of them
  (a document has one language);
- `role` qualifies `entity` when both are given ("documents where NATO is cast as Antagonist");
  alone it keeps documents with any entity in any of the roles;
- `date_from` / `date_to` are inclusive YYYY-MM-DD bounds on the publication day (documents
  without a parseable date are left out as soon as either bound is set);
- `q` is a full-text query: words must all appear; "quoted phrases", `word*` prefixes and `OR`
  work; FTS5 operators and punctuation never raise a syntax error;
- `confident` counts and matches only the labels not marked weak (narratives, sub-narratives,
  techniques, roles): a label filter then keeps the documents that have the label confidently, and
  facets and the dashboard count only confident labels. It selects no documents by itself.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

from narrascope.document import replace_lone_surrogates
from narrascope.errors import InputError
from narrascope.ingest.dates import normalize_day

LABEL_KINDS = ("narrative", "subnarrative", "entity", "role", "technique")
ROLE_SEP = "\x1f"  # joins role and entity name in the doc_labels values of kind entity_role / entity_fine_role
ATTRIBUTE_COLUMNS = {"language": "lang", "source": "source", "domain": "domain", "doc_id": "doc_id"}
FACETS = ("narrative", "subnarrative", "entity", "role", "technique", "language", "source", "domain")
INTERVALS = ("day", "week", "month")
# "auto": the finest of them that draws the view in at most MAX_AUTO_BUCKETS points (`LabelIndex.fitting_interval`).
AUTO_INTERVAL, MAX_AUTO_BUCKETS = "auto", 62
SORTS = ("date", "date_asc", "relevance", "ingested")

@dataclass(slots=True)
class Filters:
    narrative: list[str] = field(default_factory=list)
    subnarrative: list[str] = field(default_factory=list)
    entity: list[str] = field(default_factory=list)
    role: list[str] = field(default_factory=list)
    technique: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    doc_id: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    confident: bool = False

    def __post_init__(self) -> None:
        # Lone surrogates (from a JSON escape, or bytes in argv that are not UTF-8) cannot be bound
        # to an SQLite parameter; the same policy as for documents: U+FFFD in their place.
        for name in VALUE_NAMES:
            value, replaced = replace_lone_surrogates(getattr(self, name))
            if replaced:
                setattr(self, name, value)
        # Date bounds as YYYY-MM-DD, or a clear error: SQL compares them as text, the label index as
        # days, and both must mean the same thing.
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value:
                day = normalize_day(value)
                if day is None:
                    raise InputError(f"{name}={value!r}", "not a date (YYYY-MM-DD)")
                setattr(self, name, day)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Filters:
        """Build from a dict (e.g. parsed query parameters); scalars become one-item lists."""
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            value = data.get(f.name)
            if value in (None, "", []):
                continue
            if f.name == "confident":
                kwargs[f.name] = _flag(value)
            elif f.name in ("date_from", "date_to", "q"):
                kwargs[f.name] = str(value)
            else:
                values = value if isinstance(value, list | tuple) else [value]
                kwargs[f.name] = [str(v) for v in values if str(v) != ""]
        return cls(**kwargs)

    def is_empty(self) -> bool:
        """True when no document is filtered out (`confident` changes what is counted, not which documents)."""
        return not any(getattr(self, name) for name in VALUE_NAMES)

    def items(self) -> list[tuple[str, str]]:
        """(name, value) pairs in a stable order: what a URL query string for this view holds."""
        out: list[tuple[str, str]] = []
        for name in FILTER_NAMES:  # (a page builds hundreds of links from this: no dataclasses.fields here)
            value = getattr(self, name)
            if isinstance(value, list):
                out.extend((name, v) for v in value)
            elif value is True:
                out.append((name, "1"))
            elif value:
                out.append((name, value))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FILTER_NAMES if getattr(self, name)}


FILTER_NAMES = tuple(f.name for f in fields(Filters))
FLAG_NAMES = ("confident",)  # how labels are counted, not which documents
VALUE_NAMES = tuple(name for name in FILTER_NAMES if name not in FLAG_NAMES)


def _flag(value: Any) -> bool:
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise InputError(f"confident={value!r}", "not a yes/no value (1 or 0)")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fts_query(text: str | None) -> str | None:
    """Turn what a person typed into a safe FTS5 query (None when nothing searchable is left)."""
    if not text:
        return None
    text = _CONTROL.sub(" ", text)  # FTS5 reads the query as a C string: a NUL would end it mid-phrase
    parts: list[str] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', text):
        if phrase.strip():
            parts.append('"' + phrase.strip().replace('"', '""') + '"')
            continue
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        prefix = word.endswith("*")
        core = word.strip("*")
        # Inside a quoted phrase only '"' is special, and the tokenizer drops punctuation itself.
        # (Not `\w`: it misses the vowel signs of Devanagari and would cut Hindi words apart.)
        if any(ch.isalnum() or unicodedata.category(ch).startswith("M") for ch in core):
            parts.append('"' + core.replace('"', '""') + '"' + ("*" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    while parts and parts[0] == "OR":
        parts.pop(0)
    return " ".join(parts) or None


def where(filters: Filters, alias: str = "d") -> tuple[str, list[Any]]:
    """SQL condition over `documents AS alias` (always valid, "1" when nothing is filtered)."""
    clauses: list[str] = []
    params: list[Any] = []
    sure = " AND weak = 0" if filters.confident else ""
    for kind in ("narrative", "subnarrative", "technique"):
        for value in getattr(filters, kind):
            clauses.append(f"{alias}.id IN (SELECT document_id FROM doc_labels WHERE kind = ? AND value = ?{sure})")
            params += [kind, value]
    if filters.entity:
        for name in filters.entity:
            if filters.role:
                marks = ",".join("?" * len(filters.role))
                clauses.append(
                    f"{alias}.id IN (SELECT document_id FROM doc_labels WHERE kind IN ('entity_role', "
                    f"'entity_fine_role') AND value IN ({marks}){sure})"
                )
                params += [f"{role}{ROLE_SEP}{name}" for role in filters.role]
            else:
                clauses.append(
                    f"{alias}.id IN (SELECT document_id FROM doc_labels WHERE kind = 'entity' AND value = ?)"
                )
                params.append(name)
    elif filters.role:
        marks = ",".join("?" * len(filters.role))
        clauses.append(
            f"{alias}.id IN (SELECT document_id FROM doc_labels WHERE kind = 'role' AND value IN ({marks}){sure})"
        )
        params += filters.role
    for name, column in ATTRIBUTE_COLUMNS.items():
        values = getattr(filters, name)
        if values:
            clauses.append(f"{alias}.{column} IN ({','.join('?' * len(values))})")
            params += values
    if filters.date_from:
        clauses.append(f"{alias}.day >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append(f"{alias}.day <= ?")
        params.append(filters.date_to)
    match = fts_query(filters.q)
    if filters.q and match is None:
        clauses.append("0")  # the query had nothing searchable in it: nothing matches
    elif match:
        clauses.append(f"{alias}.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        params.append(match)
    return (" AND ".join(clauses) or "1"), params
