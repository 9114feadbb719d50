"""Aggregate queries over the corpus store: facets, timelines, breakdowns, summaries.

Functions take a connection and a `Filters`; `Store` exposes them as methods. Counts are numbers
of documents (a document that mentions NATO ten times counts once), except where a field says
`occurrences`.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .store_query import ATTRIBUTE_COLUMNS, FACETS, LABEL_KINDS, ROLE_SEP, Filters, bucket_range, bucket_sql, where
from .store_schema import schema_version

OTHER = "Other"  # "none of the taxonomy's narratives": counted, but never a line of its own on a chart
KEY_CHARS = 16  # 64 bits of the content hash: unique in any real corpus, short enough for a URL
MAIN_ROLE_ORDER = ("Protagonist", "Antagonist", "Innocent")
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"  # FTS5 highlight markers; never in article text


def _filtered_ids(filters: Filters) -> tuple[str, list[Any]]:
    sql, params = where(filters)
    return f"SELECT d.id FROM documents d WHERE {sql}", params


def _marks(snippet: str) -> tuple[str, list[list[int]]]:
    """Strip the FTS5 markers from a snippet; return the plain text and the highlighted ranges."""
    out, marks, start = [], [], None
    for ch in snippet:
        if ch == SNIPPET_OPEN:
            start = sum(len(p) for p in out)
        elif ch == SNIPPET_CLOSE and start is not None:
            marks.append([start, sum(len(p) for p in out)])
            start = None
        else:
            out.append(ch)
    return "".join(out), marks


def _preview(text: str, limit: int = 240) -> str:
    flat = " ".join(text[: limit * 2].split())
    return flat if len(flat) <= limit else flat[: flat.rfind(" ", 0, limit)] + " …"


def summarize(conn: sqlite3.Connection, rows: list[sqlite3.Row], match: str | None) -> list[dict[str, Any]]:
    """Document rows -> list-view summaries (labels, top entities, search snippet)."""
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = ",".join("?" * len(ids))
    labels: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in conn.execute(
        f"SELECT document_id, kind, value, n, score FROM doc_labels WHERE document_id IN ({marks}) "
        f"AND kind IN ('narrative', 'subnarrative', 'technique') ORDER BY score DESC, value", ids
    ):
        labels[r[0]][r[1]].append({"label": r[2], "score": round(r[4], 4), "n": r[3]})
    entities: dict[int, list] = defaultdict(list)
    for r in conn.execute(
        f"SELECT document_id, name, main_role, mentions FROM entities WHERE document_id IN ({marks}) "
        f"ORDER BY mentions DESC, main_score DESC", ids
    ):
        entities[r[0]].append({"name": r[1], "role": r[2], "mentions": r[3]})
    snippets: dict[int, tuple[str, list]] = {}
    if match:
        for r in conn.execute(
            f"SELECT rowid, snippet(documents_fts, -1, ?, ?, '…', 24) FROM documents_fts "
            f"WHERE documents_fts MATCH ? AND rowid IN ({marks})", [SNIPPET_OPEN, SNIPPET_CLOSE, match, *ids]
        ):
            snippets[r[0]] = _marks(r[1])
    out = []
    for r in rows:
        lab = labels.get(r["id"], {})
        snippet, snippet_marks = snippets.get(r["id"], (None, []))
        techniques = sorted(lab.get("technique", []), key=lambda t: (-t["n"], t["label"]))
        out.append({
            "key": r["content_hash"][:KEY_CHARS],
            "id": r["doc_id"],
            "title": r["title"],
            "url": r["url"],
            "source": r["source"],
            "published": r["published"],
            "day": r["day"],
            "language": r["lang"],
            "domain": r["domain"],
            "chars": r["chars"],
            "ingested_at": r["ingested_at"],
            "narratives": [{"label": x["label"], "score": x["score"]} for x in lab.get("narrative", [])],
            "subnarratives": [{"label": x["label"], "score": x["score"]} for x in lab.get("subnarrative", [])],
            "techniques": [{"label": t["label"], "occurrences": t["n"]} for t in techniques],
            "entities": entities.get(r["id"], [])[:8],
            "preview": _preview(r["text"]),
            "snippet": snippet,
            "snippet_marks": snippet_marks,
        })
    return out


def facets(conn: sqlite3.Connection, filters: Filters, names: Iterable[str] | None, limit: int
           ) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    ids_sql, params = _filtered_ids(filters)
    for name in names or FACETS:
        if name in LABEL_KINDS:
            if filters.is_empty():
                rows = conn.execute(
                    "SELECT value, count(*) AS c FROM doc_labels WHERE kind = ? GROUP BY value "
                    "ORDER BY c DESC, value LIMIT ?", (name, limit))
            else:
                rows = conn.execute(
                    f"SELECT value, count(*) AS c FROM doc_labels WHERE kind = ? AND document_id IN ({ids_sql}) "
                    f"GROUP BY value ORDER BY c DESC, value LIMIT ?", [name, *params, limit])
        elif name in ATTRIBUTE_COLUMNS:
            col = ATTRIBUTE_COLUMNS[name]
            sql, wparams = where(filters)
            rows = conn.execute(
                f"SELECT d.{col} AS value, count(*) AS c FROM documents d WHERE {sql} AND d.{col} IS NOT NULL "
                f"GROUP BY d.{col} ORDER BY c DESC, value LIMIT ?", [*wparams, limit])
        else:
            raise ValueError(f"unknown facet {name!r}; known: {', '.join(FACETS)}")
        out[name] = [{"value": r[0], "count": r[1]} for r in rows]
    return out


def timeline(conn: sqlite3.Connection, filters: Filters, interval: str, level: str, top: int) -> dict[str, Any]:
    if level not in LABEL_KINDS:
        raise ValueError(f"level must be one of {', '.join(LABEL_KINDS)}, not {level!r}")
    bucket = bucket_sql(interval)
    sql, params = where(filters)
    totals = dict(conn.execute(
        f"SELECT {bucket} AS b, count(*) FROM documents d WHERE d.day IS NOT NULL AND {sql} GROUP BY b", params
    ).fetchall())
    undated = conn.execute(f"SELECT count(*) FROM documents d WHERE d.day IS NULL AND {sql}", params).fetchone()[0]
    result: dict[str, Any] = {"interval": interval, "level": level, "buckets": [], "totals": [], "series": [],
                              "undated": undated}
    totals.pop(None, None)
    if not totals:
        return result
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for b, value, c in conn.execute(
        f"SELECT {bucket} AS b, l.value, count(*) FROM documents d JOIN doc_labels l ON l.document_id = d.id "
        f"AND l.kind = ? WHERE d.day IS NOT NULL AND {sql} GROUP BY b, l.value", [level, *params]
    ):
        if b is not None:
            counts[value][b] = c
    buckets = bucket_range(min(totals), max(totals), interval)
    ranked = sorted((v for v in counts if v != OTHER), key=lambda v: (-sum(counts[v].values()), v))
    chosen = [v for v in getattr(filters, level, []) if v in counts] if level != "role" else []
    chosen += [v for v in ranked if v not in chosen][: max(top - len(chosen), 0)]
    result["buckets"] = buckets
    result["totals"] = [totals.get(b, 0) for b in buckets]
    for value in chosen:
        series = [counts[value].get(b, 0) for b in buckets]
        result["series"].append({
            "label": value,
            "total": sum(series),
            "counts": series,
            "shares": [round(c / t, 4) if t else 0.0 for c, t in zip(series, result["totals"], strict=True)],
        })
    return result


def breakdown(conn: sqlite3.Connection, filters: Filters, by: str, level: str, top_labels: int,
              top_groups: int) -> dict[str, Any]:
    if by not in ATTRIBUTE_COLUMNS or by == "doc_id":
        raise ValueError(f"by must be one of language, source, domain, not {by!r}")
    if level not in LABEL_KINDS:
        raise ValueError(f"level must be one of {', '.join(LABEL_KINDS)}, not {level!r}")
    col = ATTRIBUTE_COLUMNS[by]
    sql, params = where(filters)
    groups = conn.execute(
        f"SELECT d.{col}, count(*) AS c FROM documents d WHERE {sql} AND d.{col} IS NOT NULL "
        f"GROUP BY d.{col} ORDER BY c DESC, d.{col} LIMIT ?", [*params, top_groups]
    ).fetchall()
    result: dict[str, Any] = {"by": by, "level": level, "groups": [{"value": g[0], "documents": g[1]} for g in groups],
                              "labels": [], "counts": [], "shares": []}
    if not groups:
        return result
    names = [g[0] for g in groups]
    cells: dict[str, dict[str, int]] = defaultdict(dict)
    for group, value, c in conn.execute(
        f"SELECT d.{col}, l.value, count(*) FROM documents d JOIN doc_labels l ON l.document_id = d.id "
        f"AND l.kind = ? WHERE {sql} AND d.{col} IN ({','.join('?' * len(names))}) GROUP BY 1, 2",
        [level, *params, *names],
    ):
        cells[value][group] = c
    ranked = sorted((v for v in cells if v != OTHER), key=lambda v: (-sum(cells[v].values()), v))[:top_labels]
    result["labels"] = ranked
    result["counts"] = [[cells[v].get(g, 0) for g in names] for v in ranked]
    result["shares"] = [[round(cells[v].get(g[0], 0) / g[1], 4) for g in groups] for v in ranked]
    return result


def top_entities(conn: sqlite3.Connection, filters: Filters, per_role: int) -> dict[str, list[dict[str, Any]]]:
    if filters.is_empty():
        rows = conn.execute("SELECT value, count(*), sum(n) FROM doc_labels WHERE kind = 'entity_role' GROUP BY value")
    else:
        ids_sql, params = _filtered_ids(filters)
        rows = conn.execute(
            f"SELECT value, count(*), sum(n) FROM doc_labels WHERE kind = 'entity_role' AND document_id IN ({ids_sql}) "
            f"GROUP BY value", params)
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for value, docs, mentions in rows:
        role, _, name = value.partition(ROLE_SEP)
        by_role[role].append({"name": name, "documents": docs, "mentions": mentions})
    roles = sorted(by_role, key=lambda r: (MAIN_ROLE_ORDER.index(r) if r in MAIN_ROLE_ORDER else 9, r))
    return {r: sorted(by_role[r], key=lambda e: (-e["documents"], e["name"]))[:per_role] for r in roles}


def technique_counts(conn: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    if filters.is_empty():
        rows = conn.execute(
            "SELECT value, count(*) AS c, sum(n) FROM doc_labels WHERE kind = 'technique' GROUP BY value "
            "ORDER BY c DESC, value")
    else:
        ids_sql, params = _filtered_ids(filters)
        rows = conn.execute(
            f"SELECT value, count(*) AS c, sum(n) FROM doc_labels WHERE kind = 'technique' AND document_id IN "
            f"({ids_sql}) GROUP BY value ORDER BY c DESC, value", params)
    return [{"label": r[0], "documents": r[1], "occurrences": r[2]} for r in rows]


def stats(conn: sqlite3.Connection, path: Path) -> dict[str, Any]:
    row = conn.execute(
        "SELECT count(*), count(day), min(day), max(day), count(DISTINCT lang), count(DISTINCT source) FROM documents"
    ).fetchone()
    return {
        "path": str(path),
        "documents": row[0],
        "dated": row[1],
        "first_day": row[2],
        "last_day": row[3],
        "languages": row[4],
        "sources": row[5],
        "schema_version": schema_version(conn),
        "bytes": path.stat().st_size if path.exists() else 0,
    }
