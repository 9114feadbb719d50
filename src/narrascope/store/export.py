"""Exports of a filtered corpus view: CSV (one row per document, for spreadsheets) and JSONL (one
full analysis per line, the same format `narrascope analyze --format jsonl` writes).

The CSV label columns list every label given, as the article page does; the `weak_*` columns at the end
name those of them marked weak (right less than half the time at their score in training), so that a
spreadsheet can count confident labels only. (Appended last: positional readers of older exports keep
working.)

An export that cannot deliver every matching document raises a DamagedStore error instead of ending
early as if it were complete: the server then breaks the download off (the client sees a failed
transfer, never a short file with a 200), and `narrascope export` exits with an error.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from narrascope.document import Analysis
from narrascope.store.database import DamagedStore, Store
from narrascope.store.query import Filters

CSV_COLUMNS = [
    "key", "id", "title", "url", "source", "published", "language", "domain", "narratives", "narrative_scores",
    "subnarratives", "protagonists", "antagonists", "innocents", "techniques", "technique_spans",
    "explanation", "warnings", "weak_narratives", "weak_subnarratives", "weak_techniques", "weak_role_entities",
]
SEP = " | "  # within a cell; label names contain ':' and ',' but never '|'
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell that spreadsheets show as text (never run as a formula)."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def csv_row(key: str, a: Analysis, include_text: bool = False) -> list[str]:
    doc = a.document
    roles: dict[str, list[str]] = {"Protagonist": [], "Antagonist": [], "Innocent": []}
    for e in a.entities:
        if e.main_role in roles and e.name not in roles[e.main_role]:
            roles[e.main_role].append(e.name)
    techniques = Counter(s.label for s in a.techniques)
    for p in a.paragraph_techniques:
        for lab in p.labels:
            techniques.setdefault(lab.label, 0)
    row = [
        key, doc.id, doc.title, doc.url, doc.source, doc.published, a.language, a.domain,
        SEP.join(n.label for n in a.narratives),
        SEP.join(f"{n.score:.3f}" for n in a.narratives),
        SEP.join(s.label for s in a.subnarratives),
        SEP.join(roles["Protagonist"]), SEP.join(roles["Antagonist"]), SEP.join(roles["Innocent"]),
        SEP.join(f"{t}:{c}" if c else t for t, c in techniques.most_common()),
        len(a.techniques),
        a.explanation.text if a.explanation else "",
        SEP.join(a.warnings),
        SEP.join(n.label for n in a.narratives if n.weak),
        SEP.join(s.label for s in a.subnarratives if s.weak),
        SEP.join(a.weak_techniques()),
        SEP.join(dict.fromkeys(e.name for e in a.entities if e.weak and e.main_role in roles)),
    ]
    if include_text:
        row.append(doc.text)
    return [_cell(v) for v in row]


def _csv_line(row: list[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerow(row)
    return buf.getvalue()


def iter_csv(store: Store, filters: Filters | None = None, include_text: bool = False) -> Iterator[str]:
    """CSV text, header first, one line per document (streamed: memory stays flat)."""
    yield _csv_line(CSV_COLUMNS + (["text"] if include_text else []))
    for key, a in iter_complete(store, filters):
        yield _csv_line(csv_row(key, a, include_text))


def iter_jsonl(store: Store, filters: Filters | None = None, include_text: bool = True) -> Iterator[str]:
    for key, a in iter_complete(store, filters):
        yield json.dumps({"key": key, **a.to_dict(include_text=include_text)}, ensure_ascii=False) + "\n"


def iter_complete(store: Store, filters: Filters | None = None) -> Iterator[tuple[str, Analysis]]:
    """`store.iter_keyed(filters)`, checked against `store.count(filters)` at the end: on a damaged
    file a scan can come up short without any error, and a short export must not pass as whole.
    (Documents added meanwhile only make the scan longer.)"""
    expected = store.count(filters)
    seen = 0
    for item in store.iter_keyed(filters):
        seen += 1
        yield item
    if seen < expected:
        raise DamagedStore(f"{store.path}: the export stopped after {seen} of {expected} documents; the database file "
                         "may be damaged (`narrascope export` and `serve` check it when they start)")


def iter_timeline_csv(timeline: dict[str, Any]) -> Iterator[str]:
    """Long format, one line per (bucket, label): what a spreadsheet pivot or a plotting tool wants."""
    yield _csv_line(["bucket", "label", "documents", "share_of_bucket", "bucket_documents"])
    for i, bucket in enumerate(timeline["buckets"]):
        yield _csv_line([bucket, "(all documents)", timeline["totals"][i], 1.0 if timeline["totals"][i] else 0.0,
                         timeline["totals"][i]])
        for s in timeline["series"]:
            yield _csv_line([bucket, _cell(s["label"]), s["counts"][i], s["shares"][i], timeline["totals"][i]])


def write_all(chunks: Iterable[str], out: io.TextIOBase) -> int:
    n = 0
    for chunk in chunks:
        out.write(chunk)
        n += 1
    return n
