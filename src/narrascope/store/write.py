"""Writing one `Analysis` into the corpus tables (see `store_schema` for what each table holds)."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import fields, is_dataclass
from typing import Any

from narrascope.document import Analysis
from narrascope.ingest.dates import normalize_day
from narrascope.store.query import ROLE_SEP


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(obj: Any) -> Any:
    """`dataclasses.asdict` without its deep copies: half of the insert time went there."""
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None and is_dataclass(obj):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(obj))
    if names is not None:
        return {n: _plain(getattr(obj, n)) for n in names}
    if isinstance(obj, list | tuple):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


def _plain_without_text(a: Analysis) -> dict[str, Any]:
    data = _plain(a)
    data["document"].pop("text", None)  # stored once, in texts.text
    return data


def insert_analysis(conn: sqlite3.Connection, a: Analysis, replace: bool, version: str) -> str:
    """Insert (or, with `replace`, re-insert) one analysis; returns "added", "unchanged" or "replaced"."""
    doc = a.document
    content_hash = doc.content_hash
    old = conn.execute("SELECT id, ingested_at FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
    if old is not None and not replace:
        return "unchanged"
    if old is not None:
        conn.execute("DELETE FROM texts WHERE id = ?", (old["id"],))  # explicit, so the FTS trigger surely fires
        conn.execute("DELETE FROM documents WHERE id = ?", (old["id"],))  # cascades to every other child table
    cur = conn.execute(
        "INSERT INTO documents (id, content_hash, doc_id, title, url, source, published, day, lang, domain, "
        "chars, meta, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            old["id"] if old else None, content_hash, doc.id, doc.title, doc.url, doc.source, doc.published,
            normalize_day(doc.published), a.language or doc.lang, a.domain, len(doc.text),
            json.dumps(doc.meta, ensure_ascii=False, default=str), old["ingested_at"] if old else _now(),
        ),
    )
    pk = cur.lastrowid
    conn.execute("INSERT INTO texts (id, title, text) VALUES (?, ?, ?)", (pk, doc.title or "", doc.text))
    conn.execute(
        "INSERT INTO analyses (document_id, analyzers, version, analyzed_at, data) VALUES (?, ?, ?, ?, ?)",
        (pk, ",".join(a.analyzers), version, _now(),
         json.dumps(_plain_without_text(a), ensure_ascii=False, default=str)),
    )
    spans: list[tuple] = []
    for kind, items in (("narrative", a.narratives), ("subnarrative", a.subnarratives)):
        for item in items:
            spans += [(pk, f"{kind}_evidence", item.label, s.start, s.end, s.score, None) for s in item.evidence]
    entity_rows = []
    for e in a.entities:
        entity_rows.append((pk, e.name, e.type or "", e.main_role, e.main_score,
                            ",".join(r.label for r in e.fine_roles), len(e.mentions)))
        spans += [(pk, "mention", e.main_role or "", s.start, s.end, s.score, e.name) for s in e.mentions]
        spans += [(pk, "entity_evidence", e.main_role or "", s.start, s.end, s.score, e.name) for s in e.evidence]
    conn.executemany(
        "INSERT INTO entities (document_id, name, type, main_role, main_score, fine_roles, mentions) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", entity_rows)
    spans += [(pk, "technique", s.label, s.start, s.end, s.score, None) for s in a.techniques]
    spans += [(pk, "paragraph_technique", lab.label, p.start, p.end, lab.score, str(p.number))
              for p in a.paragraph_techniques for lab in p.labels]
    if a.explanation:
        x = a.explanation
        spans += [(pk, "explanation_evidence", x.narrative, s.start, s.end, s.score, x.subnarrative)
                  for s in x.evidence]
    conn.executemany(
        "INSERT INTO doc_labels (kind, value, document_id, n, score, weak) VALUES (?, ?, ?, ?, ?, ?)",
        [(kind, value, pk, n, score, weak) for kind, value, n, score, weak in label_rows(a)],
    )
    conn.executemany(
        "INSERT INTO spans (document_id, kind, label, start, end, score, ref) VALUES (?, ?, ?, ?, ?, ?, ?)", spans
    )
    return "replaced" if old is not None else "added"


def label_rows(a: Analysis) -> list[tuple[str, str, int, float, int]]:
    """The `doc_labels` rows of one analysis: (kind, value, occurrences, best score, weak), where weak
    is 1 when every occurrence of the label in the document is marked weak."""
    labels: dict[tuple[str, str], list] = {}  # (kind, value) -> [occurrences, best score, any confident]

    def label(kind: str, value: str | None, score: float, n: int = 1, weak: bool = False) -> None:
        if not value:
            return
        slot = labels.setdefault((kind, value), [0, 0.0, False])
        slot[0] += n
        slot[1] = max(slot[1], float(score))
        slot[2] = slot[2] or not weak

    for kind, items in (("narrative", a.narratives), ("subnarrative", a.subnarratives)):
        for item in items:
            label(kind, item.label, item.score, weak=item.weak)
    if "narratives" in a.analyzers and not a.narratives:
        label("narrative", "Other", 0.0)  # the analyzer ran and found none of the taxonomy's narratives
    for e in a.entities:
        label("entity", e.name, e.main_score, max(len(e.mentions), 1))  # named: never weak
        if e.main_role:
            label("role", e.main_role, e.main_score, weak=e.weak)
            label("entity_role", f"{e.main_role}{ROLE_SEP}{e.name}", e.main_score, max(len(e.mentions), 1), e.weak)
        for r in e.fine_roles:
            label("role", r.label, r.score, weak=e.weak)
            label("entity_fine_role", f"{r.label}{ROLE_SEP}{e.name}", r.score, max(len(e.mentions), 1), e.weak)
    weak_techniques = set(a.weak_techniques())
    for s in a.techniques:
        label("technique", s.label, s.score, weak=s.label in weak_techniques)
    span_labels = {s.label for s in a.techniques}
    for p in a.paragraph_techniques:
        for lab in p.labels:
            # Paragraph labels come with spans inside them (counted above); a label without any
            # span still makes the document "use" the technique, once per paragraph.
            label("technique", lab.label, lab.score, 0 if lab.label in span_labels else 1, lab.weak)
    return [(kind, value, int(n), score, int(not confident))
            for (kind, value), (n, score, confident) in labels.items()]
