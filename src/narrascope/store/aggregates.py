"""Aggregates over the corpus store: facets, timelines, breakdowns, list summaries.

Counting functions take the `LabelIndex` and the ids of the documents in view (None = all), which
SQL selected from the filters; `Store` exposes them as methods. Counts are numbers of documents (a
document that mentions NATO ten times counts once), except where a field says `occurrences`. With
`confident`, a document counts for a label only when it has the label confidently (not marked weak).
"""
from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.nlp.text import opening_words
from narrascope.store.index import LabelIndex
from narrascope.store.query import (
    ATTRIBUTE_COLUMNS,
    AUTO_INTERVAL,
    FACETS,
    INTERVALS,
    LABEL_KINDS,
    ROLE_SEP,
    Filters,
)
from narrascope.store.schema import schema_version

OTHER = "Other"  # "none of the taxonomy's narratives": counted, but never a line of its own on a chart
KEY_CHARS = 16  # 64 bits of the content hash: unique in any real corpus, short enough for a URL
MAIN_ROLE_ORDER = ("Protagonist", "Antagonist", "Innocent")
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"  # FTS5 highlight markers; never in article text


def _marks(snippet: str) -> tuple[str, list[list[int]]]:
    """Strip the FTS5 markers from a snippet; return the plain text and the highlighted ranges."""
    out, marks, start, pos = [], [], None, 0
    for part in re.split(f"([{SNIPPET_OPEN}{SNIPPET_CLOSE}])", snippet):  # linear: a prefix* search marks dozens
        if part == SNIPPET_OPEN:
            start = pos
        elif part == SNIPPET_CLOSE:
            if start is not None:
                marks.append([start, pos])
            start = None
        else:
            out.append(part)
            pos += len(part)
    return "".join(out), marks


def _preview(text: str, title: str | None = None, limit: int = 240, heading: str = "") -> str:
    text = text.lstrip()
    if title and text.startswith(title):  # the headline is shown already; start the preview after it
        text = text[len(title):]
    flat = " ".join(text[: limit * 2 + len(heading) * 2].split())
    if heading and not heading.endswith("…") and flat.startswith(heading):  # an untitled text's first sentence
        flat = flat[len(heading):].lstrip()
    return flat if len(flat) <= limit else flat[: flat.rfind(" ", 0, limit)] + " …"


def summarize(conn: sqlite3.Connection, rows: list[sqlite3.Row], match: str | None, confident: bool = False
              ) -> list[dict[str, Any]]:
    """Document rows -> list-view summaries (labels, each with its weak mark; top entities; search snippet).
    With `confident`, labels marked weak are left out."""
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = ",".join("?" * len(ids))
    labels: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in conn.execute(
        f"SELECT document_id, kind, value, n, score, weak FROM doc_labels WHERE document_id IN ({marks}) "
        f"AND kind IN ('narrative', 'subnarrative', 'technique'){' AND weak = 0' if confident else ''} "
        f"ORDER BY weak, score DESC, value", ids
    ):
        labels[r[0]][r[1]].append({"label": r[2], "score": round(r[4], 4), "n": r[3], "weak": bool(r[5])})
    weak_roles = {(r[0], r[1]) for r in conn.execute(
        f"SELECT document_id, value FROM doc_labels WHERE document_id IN ({marks}) AND kind = 'entity_role' "
        f"AND weak = 1", ids)}
    entities: dict[int, list] = defaultdict(list)
    for r in conn.execute(
        f"SELECT document_id, name, main_role, mentions FROM entities WHERE document_id IN ({marks}) "
        f"ORDER BY mentions DESC, main_score DESC", ids
    ):
        weak = bool(r[2]) and (r[0], f"{r[2]}{ROLE_SEP}{r[1]}") in weak_roles
        # Under `confident` a weakly cast entity is shown as named, without the role.
        role = None if weak and confident else r[2]
        entities[r[0]].append({"name": r[1], "role": role, "mentions": r[3], "weak": weak and not confident})
    snippets = {doc: _marks(text) for doc, text in _snippets(conn, ids, match)} if match else {}
    out = []
    for r in rows:
        lab = labels.get(r["id"], {})
        snippet, snippet_marks = snippets.get(r["id"], (None, []))
        techniques = sorted(lab.get("technique", []), key=lambda t: (t["weak"], -t["n"], t["label"]))
        heading = "" if r["title"] else opening_words(r["text"])  # what an untitled text is listed under
        out.append({
            "key": r["content_hash"][:KEY_CHARS],
            "id": r["doc_id"],
            "title": r["title"],
            "heading": r["title"] or heading or r["doc_id"],
            "url": r["url"],
            "source": r["source"],
            "published": r["published"],
            "day": r["day"],
            "language": r["lang"],
            "domain": r["domain"],
            "chars": r["chars"],
            "ingested_at": r["ingested_at"],
            "narratives": [{"label": x["label"], "score": x["score"], "weak": x["weak"]} for x in lab.get("narrative", [])],
            "subnarratives": [{"label": x["label"], "score": x["score"], "weak": x["weak"]}
                              for x in lab.get("subnarrative", [])],
            "techniques": [{"label": t["label"], "occurrences": t["n"], "weak": t["weak"]} for t in techniques],
            "entities": entities.get(r["id"], [])[:8],
            "preview": _preview(r["text"], r["title"], heading=heading),
            "snippet": snippet,
            "snippet_marks": snippet_marks,
        })
    return out


def _snippets(conn: sqlite3.Connection, ids: list[int], match: str) -> list[tuple[int, str]]:
    """(id, snippet) of the page's documents that match.

    Made from a small FTS table of this page's texts, in the connection's own temp database, with
    the corpus table's tokenizer: a snippet reads only its document, so it is the same text, while
    asking the corpus table costs a pass over every match between the page's lowest and highest id
    (a relevance-sorted page spans the corpus: 30-140 ms at a million documents) or, given the ids,
    a new evaluation of the query per id."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.page_fts USING fts5(title, text, tokenize={_tokenizer(conn)})")
    conn.execute("DELETE FROM temp.page_fts")
    conn.execute(f"INSERT INTO temp.page_fts (rowid, title, text) SELECT id, title, text FROM texts WHERE id IN "
                 f"({','.join('?' * len(ids))})", ids)
    return conn.execute("SELECT rowid, snippet(page_fts, -1, ?, ?, '…', 24) FROM temp.page_fts WHERE page_fts MATCH ?",
                        (SNIPPET_OPEN, SNIPPET_CLOSE, match)).fetchall()


def _tokenizer(conn: sqlite3.Connection) -> str:
    """The corpus FTS table's `tokenize` option, quoted as its schema writes it."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").fetchone()[0]
    found = re.search(r"""tokenize\s*=\s*("[^"]*"|'[^']*')""", sql)
    return found.group(1) if found else "'unicode61'"


def _top(values: list[str], counts: np.ndarray, limit: int | None, skip: str | None = None) -> list[int]:
    """Codes of the most frequent values (ties by name), leaving out zero counts and `skip`.

    Codes follow the values' sorted order, so a stable sort on the count alone breaks ties by name.
    """
    order = [int(i) for i in np.argsort(-counts, kind="stable") if counts[i] > 0 and values[i] != skip]
    return order if limit is None else order[:limit]


def facets(index: LabelIndex, ids: list[int] | None, names: Iterable[str] | None, limit: int,
           confident: bool = False) -> dict[str, list[dict[str, Any]]]:
    mask = index.mask(ids)
    out: dict[str, list[dict[str, Any]]] = {}
    for name in names or FACETS:
        if name in LABEL_KINDS:
            values, counts, _ = index.label_counts(name, mask, occurrences=False, confident=confident)
        elif name in ATTRIBUTE_COLUMNS and name != "doc_id":
            values, counts = index.attribute_counts(ATTRIBUTE_COLUMNS[name], mask)
        else:
            raise ValueError(f"unknown facet {name!r}; known: {', '.join(FACETS)}")
        out[name] = [{"value": values[i], "count": int(counts[i])} for i in _top(values, counts, limit)]
    return out


def timeline(index: LabelIndex, ids: list[int] | None, filters: Filters, interval: str, level: str, top: int
             ) -> dict[str, Any]:
    if level not in LABEL_KINDS:
        raise ValueError(f"level must be one of {', '.join(LABEL_KINDS)}, not {level!r}")
    if interval not in (*INTERVALS, AUTO_INTERVAL):
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)} or {AUTO_INTERVAL}, not {interval!r}")
    mask = index.mask(ids)
    if interval == AUTO_INTERVAL:
        interval = index.fitting_interval(mask)
    groups, names = index.buckets(interval)
    in_view = groups >= 0 if mask is None else (groups >= 0) & mask
    undated = int(len(groups) - np.count_nonzero(groups >= 0)) if mask is None else int(
        np.count_nonzero(mask & (groups < 0)))
    result: dict[str, Any] = {"interval": interval, "level": level, "buckets": [], "totals": [], "series": [],
                              "undated": undated}
    if not in_view.any():
        return result
    totals = np.bincount(groups[in_view], minlength=len(names))
    first, last = np.flatnonzero(totals)[[0, -1]]  # the view's own date range, not the corpus's
    values, matrix = index.grouped_counts(level, mask, groups, len(names), filters.confident)
    chosen = [values.index(v) for v in getattr(filters, level) if v in values] if level != "role" else []
    ranked = [i for i in _top(values, matrix.sum(axis=1), None, skip=OTHER) if i not in chosen]
    chosen += ranked[: max(top - len(chosen), 0)]
    result["buckets"] = names[first : last + 1]
    result["totals"] = totals[first : last + 1].tolist()
    for i in chosen:
        series = matrix[i, first : last + 1]
        result["series"].append({
            "label": values[i],
            "total": int(series.sum()),
            "counts": series.tolist(),
            "shares": [round(c / t, 4) if t else 0.0 for c, t in zip(series.tolist(), result["totals"], strict=True)],
        })
    return result


def breakdown(index: LabelIndex, ids: list[int] | None, by: str, level: str, top_labels: int, top_groups: int,
              confident: bool = False) -> dict[str, Any]:
    if by not in ATTRIBUTE_COLUMNS or by == "doc_id":
        raise ValueError(f"by must be one of language, source, domain, not {by!r}")
    if level not in LABEL_KINDS:
        raise ValueError(f"level must be one of {', '.join(LABEL_KINDS)}, not {level!r}")
    mask = index.mask(ids)
    codes = index.attributes[ATTRIBUTE_COLUMNS[by]]
    group_values, group_sizes = index.attribute_counts(ATTRIBUTE_COLUMNS[by], mask)
    top_codes = _top(group_values, group_sizes, top_groups)
    result: dict[str, Any] = {"by": by, "level": level, "labels": [], "counts": [], "shares": [],
                              "groups": [{"value": group_values[g], "documents": int(group_sizes[g])} for g in top_codes]}
    if not top_codes:
        return result
    # Renumber the chosen groups 0..k-1; documents of other groups fall out (-1).
    remap = np.full(len(group_values) + 1, -1, dtype=np.int64)
    remap[top_codes] = np.arange(len(top_codes))
    groups = remap[codes.codes]  # a code of -1 (missing) reads remap[-1], which is -1 too
    values, matrix = index.grouped_counts(level, mask, groups, len(top_codes), confident)
    chosen = _top(values, matrix.sum(axis=1), top_labels, skip=OTHER)
    sizes = group_sizes[top_codes]
    result["labels"] = [values[i] for i in chosen]
    result["counts"] = [matrix[i].tolist() for i in chosen]
    result["shares"] = [[round(c / n, 4) if n else 0.0 for c, n in zip(matrix[i].tolist(), sizes.tolist(),
                                                                        strict=True)] for i in chosen]
    return result


def top_entities(index: LabelIndex, ids: list[int] | None, per_role: int, confident: bool = False
                 ) -> dict[str, list[dict[str, Any]]]:
    mask = index.mask(ids)
    values, docs, mentions = index.label_counts("entity_role", mask, confident=confident)
    # How many of those documents cast the entity in that role confidently (not `weak`): most roles shown
    # are weak, and a ranking by documents alone would read as if every article cast the entity.
    sure_values, sure_docs, _ = (values, docs, None) if confident else index.label_counts(
        "entity_role", mask, occurrences=False, confident=True)
    sure = {sure_values[i]: int(sure_docs[i]) for i in np.flatnonzero(sure_docs)}
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in np.flatnonzero(docs):
        role, _, name = values[i].partition(ROLE_SEP)
        by_role[role].append({"name": name, "documents": int(docs[i]), "confident": sure.get(values[i], 0),
                              "mentions": int(mentions[i])})
    roles = sorted(by_role, key=lambda r: (MAIN_ROLE_ORDER.index(r) if r in MAIN_ROLE_ORDER else 9, r))
    return {r: sorted(by_role[r], key=lambda e: (-e["documents"], e["name"]))[:per_role] for r in roles}


def technique_counts(index: LabelIndex, ids: list[int] | None, confident: bool = False) -> list[dict[str, Any]]:
    values, docs, occurrences = index.label_counts("technique", index.mask(ids), confident=confident)
    return [{"label": values[i], "documents": int(docs[i]), "occurrences": int(occurrences[i])}
            for i in _top(values, docs, None)]


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
