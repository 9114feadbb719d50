"""Two views that count from the label index: one entity's profile, and two slices side by side.

Entities are keyed by `Entity.name` (the name the entity analyzer settles on for all its mentions;
when the analyzer makes names canonical across languages, every view follows). A stored analysis
may carry `surface_forms` for an entity (the spellings met in the text); they are shown when present,
beside the spellings of the stored mention spans, which every analysis has.
"""
from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.store.aggregates import KEY_CHARS, MAIN_ROLE_ORDER, OTHER
from narrascope.store.query import AUTO_INTERVAL, ROLE_SEP, Filters

if TYPE_CHECKING:
    from narrascope.store.database import Store


def _role_rows(index, kind: str, name: str, mask: np.ndarray | None, confident: bool = False
               ) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(roles, role index per row, document position per row) of `name`'s rows of an entity-role kind (its
    confident rows only, with `confident`)."""
    cols = index.kind(kind, confident)
    codes = cols.roles_of(name)
    roles = sorted(set(codes.values()), key=lambda r: (MAIN_ROLE_ORDER.index(r) if r in MAIN_ROLE_ORDER else 9, r))
    if not codes:
        return roles, np.zeros(0, np.int64), np.zeros(0, np.int64)
    lookup = np.full(len(cols.values), -1, dtype=np.int64)
    for code, role in codes.items():
        lookup[code] = roles.index(role)
    role_of = lookup[cols.value]
    sel = role_of >= 0
    if mask is not None:
        sel &= mask[cols.doc]
    return roles, role_of[sel], cols.doc[sel]


def entity_profile(store: Store, name: str, filters: Filters, interval: str = "month", mentions: int = 30
                   ) -> dict[str, Any]:
    """Roles over time and by source, narratives, co-mentioned entities and recent mentions of `name`."""
    scoped = dataclasses.replace(filters, entity=[*filters.entity, name] if name not in filters.entity
                                 else filters.entity, role=[])
    index = store.index
    mask = index.mask(store.selection(scoped))
    documents = int(mask.sum()) if mask is not None else 0
    roles, role_of, doc = _role_rows(index, "entity_role", name, mask, filters.confident)
    if interval == AUTO_INTERVAL:  # over the documents that cast the entity, which the timeline counts
        interval = index.fitting_interval(doc)
    out: dict[str, Any] = {"name": name, "documents": documents, "filters": filters.to_dict(), "interval": interval}
    groups, buckets = index.buckets(interval)
    g = groups[doc]
    dated = g >= 0
    timeline: dict[str, Any] = {"buckets": [], "series": []}
    if dated.any():
        first, last = int(g[dated].min()), int(g[dated].max())
        matrix = np.zeros((len(roles), last - first + 1), dtype=np.int64)
        np.add.at(matrix, (role_of[dated], g[dated] - first), 1)
        timeline = {"buckets": buckets[first : last + 1],
                    "series": [{"label": r, "counts": matrix[i].tolist(), "total": int(matrix[i].sum())}
                               for i, r in enumerate(roles)]}
    # how many of each role's documents cast the entity in it confidently (not `weak`), as on the dashboard
    sure_roles, sure_of, _ = (roles, role_of, doc) if filters.confident else _role_rows(
        index, "entity_role", name, mask, confident=True)
    sure = Counter(sure_roles[i] for i in sure_of.tolist())
    out["roles"] = [{"role": r, "documents": int(np.count_nonzero(role_of == i)), "confident": sure[r]}
                    for i, r in enumerate(roles)]
    out["roles_over_time"] = timeline
    sources = index.attributes["source"]
    src = sources.codes[doc]
    by_source: dict[str, Counter] = {}
    for s, r in zip(src.tolist(), role_of.tolist(), strict=True):
        if s >= 0:
            by_source.setdefault(sources.values[s], Counter())[roles[r]] += 1
    ranked = sorted(by_source.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:15]
    out["roles_by_source"] = [{"source": s, "roles": dict(c), "documents": sum(c.values())} for s, c in ranked]
    fine, fine_of, _ = _role_rows(index, "entity_fine_role", name, mask, filters.confident)
    out["fine_roles"] = sorted(({"role": r, "documents": int(np.count_nonzero(fine_of == i))}
                                for i, r in enumerate(fine)), key=lambda x: (-x["documents"], x["role"]))
    facets = store.facets(scoped, names=["narrative", "subnarrative", "entity", "language"], limit=12)
    out["narratives"] = [f for f in facets["narrative"] if f["value"] != OTHER]
    out["subnarratives"] = facets["subnarrative"]
    out["languages"] = facets["language"]
    out["co_mentioned"] = [f for f in facets["entity"] if f["value"] != name][:10]
    out.update(_mentions(store, name, index, mask, mentions))
    return out


def _mentions(store: Store, name: str, index, mask: np.ndarray | None, limit: int) -> dict[str, Any]:
    conn = store.conn
    if mask is not None and not mask.any():
        return {"mentions": [], "surface_forms": []}
    rows = conn.execute(
        "SELECT d.id, d.content_hash, d.title, d.source, d.day, d.lang FROM doc_labels l JOIN documents d ON "
        "d.id = l.document_id WHERE l.kind = 'entity' AND l.value = ? ORDER BY d.day DESC, d.id DESC LIMIT ?",
        (name, limit * 4 if mask is not None else limit)).fetchall()
    if mask is not None and len(index):
        def kept(doc_id: int) -> bool:
            pos = int(np.searchsorted(index.ids, doc_id))
            return pos < len(index.ids) and index.ids[pos] == doc_id and bool(mask[pos])

        rows = [r for r in rows if kept(r[0])][:limit]
    forms: Counter = Counter()
    items = []
    for r in rows:
        spans = conn.execute(
            "SELECT s.start, s.end, s.label, substr(t.text, s.start + 1, s.end - s.start), "
            "substr(t.text, max(s.start - 90, 0) + 1, min(s.start, 90)), substr(t.text, s.end + 1, 90) "
            "FROM spans s JOIN texts t ON t.id = s.document_id WHERE s.document_id = ? AND s.kind = 'mention' "
            "AND s.ref = ? ORDER BY s.start", (r[0], name)).fetchall()
        for s in spans:
            forms[s[3]] += 1
        first = spans[0] if spans else None
        items.append({"key": r[1][:KEY_CHARS], "title": r[2], "source": r[3], "day": r[4], "language": r[5],
                      "role": first[2] if first else None, "mentions": len(spans),
                      "context": {"before": first[4], "text": first[3], "after": first[5]} if first else None})
    declared: Counter = Counter()
    for r in rows:  # what the analysis itself says, where the entity analyzer records spellings
        data = conn.execute("SELECT data FROM analyses WHERE document_id = ?", (r[0],)).fetchone()
        for e in json.loads(data[0]).get("entities") or [] if data else []:
            if e.get("name") == name:
                declared.update(str(f) for f in e.get("surface_forms") or [])
    forms.update(declared)
    return {"mentions": items, "surface_forms": [{"form": f, "count": n} for f, n in forms.most_common(20)]}


# -- compare ---------------------------------------------------------------------------------------
def _shares(index, kind: str, mask: np.ndarray | None, total: int, confident: bool
            ) -> dict[str, tuple[int, float]]:
    values, docs, _ = index.label_counts(kind, mask, occurrences=False, confident=confident)
    return {values[i]: (int(docs[i]), docs[i] / total if total else 0.0) for i in np.flatnonzero(docs)}


def compare(store: Store, a: Filters, b: Filters, top: int = 12) -> dict[str, Any]:
    """Narrative, technique and entity shares of two slices, side by side, biggest differences first."""
    index = store.index
    masks, totals = [], []
    for f in (a, b):
        mask = index.mask(store.selection(f))
        masks.append(mask)
        totals.append(len(index) if mask is None else int(mask.sum()))
    out: dict[str, Any] = {"a": {"filters": a.to_dict(), "documents": totals[0]},
                           "b": {"filters": b.to_dict(), "documents": totals[1]}}
    for kind in ("narrative", "subnarrative", "technique", "entity"):
        left, right = (_shares(index, kind, m, t, f.confident) for m, t, f in zip(masks, totals, (a, b), strict=True))
        rows = []
        for label in set(left) | set(right):
            if label == OTHER and kind != "narrative":
                continue
            (na, sa), (nb, sb) = left.get(label, (0, 0.0)), right.get(label, (0, 0.0))
            rows.append({"label": label, "a_documents": na, "a_share": round(sa, 4), "b_documents": nb,
                         "b_share": round(sb, 4), "difference": round(sa - sb, 4)})
        rows.sort(key=lambda r: (-max(r["a_share"], r["b_share"]), r["label"]))
        out[kind] = rows[:top]
    out["roles"] = {}
    for side, mask, f in zip("ab", masks, (a, b), strict=True):
        values, docs, _ = index.label_counts("entity_role", mask, occurrences=False, confident=f.confident)
        ranked = sorted((i for i in np.flatnonzero(docs)), key=lambda i: (-docs[i], values[i]))[:top]
        out["roles"][side] = [{"role": values[i].partition(ROLE_SEP)[0], "entity": values[i].partition(ROLE_SEP)[2],
                               "documents": int(docs[i])} for i in ranked]
    return out
