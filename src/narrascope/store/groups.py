"""Reading stories and copy-paste groups (written by `narrascope.corpus.assign`) for the views.

A list page reads the small `stories` / `dup_groups` tables by their indexes (size, sources), then
the members of the page's groups only; a filtered list counts the matching documents per group.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from typing import Any

from narrascope.store.aggregates import KEY_CHARS, OTHER
from narrascope.store.query import Filters, where

STORY_SORTS = ("size", "recent")
MEMBER_COLUMNS = ("d.id, d.content_hash, d.doc_id, d.title, d.source, d.published, d.day, d.lang, d.url")


def _member(r: sqlite3.Row) -> dict[str, Any]:
    return {"key": r["content_hash"][:KEY_CHARS], "id": r["doc_id"], "title": r["title"], "source": r["source"],
            "published": r["published"], "day": r["day"], "language": r["lang"], "url": r["url"],
            "similarity": round(r["similarity"], 3)}


def _members(conn: sqlite3.Connection, table: str, column: str, group_ids: list[int]) -> dict[int, list[dict]]:
    if not group_ids:
        return {}
    rows = conn.execute(
        f"SELECT m.{column} AS gid, m.similarity, {MEMBER_COLUMNS} FROM {table} m JOIN documents d ON d.id = "
        f"m.document_id WHERE m.{column} IN ({','.join('?' * len(group_ids))}) ORDER BY d.day IS NULL, d.day, d.id",
        group_ids).fetchall()
    out: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        out[r["gid"]].append({**_member(r), "_pk": r["id"]})
    return out


def _narratives(conn: sqlite3.Connection, doc_ids: list[int], top: int = 3) -> list[dict[str, Any]]:
    if not doc_ids:
        return []
    counts: Counter = Counter()
    for start in range(0, len(doc_ids), 900):
        chunk = doc_ids[start : start + 900]
        for r in conn.execute(f"SELECT value FROM doc_labels WHERE kind = 'narrative' AND document_id IN "
                              f"({','.join('?' * len(chunk))})", chunk):
            if r[0] != OTHER:
                counts[r[0]] += 1
    return [{"label": label, "documents": n} for label, n in counts.most_common(top)]


def _ranked(conn: sqlite3.Connection, table: str, member_table: str, column: str, filters: Filters | None,
            order: str, condition: str, limit: int, offset: int) -> tuple[int, list[tuple[int, int | None]]]:
    """(number of groups, [(group id, matching documents or None)]) for one page."""
    if filters is None or filters.is_empty():
        total = conn.execute(f"SELECT count(*) FROM {table} g WHERE {condition}").fetchone()[0]
        rows = conn.execute(f"SELECT g.id FROM {table} g WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?",
                            (limit, offset)).fetchall()
        return total, [(r[0], None) for r in rows]
    sql, params = where(filters)
    base = (f"SELECT m.{column} AS gid, count(*) AS matching FROM {member_table} m JOIN documents d ON d.id = "
            f"m.document_id WHERE {sql} GROUP BY m.{column}")
    total = conn.execute(f"SELECT count(*) FROM ({base}) x JOIN {table} g ON g.id = x.gid WHERE {condition}",
                         params).fetchone()[0]
    rows = conn.execute(f"SELECT g.id, x.matching FROM ({base}) x JOIN {table} g ON g.id = x.gid WHERE {condition} "
                        f"ORDER BY x.matching DESC, {order} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return total, [(r[0], r[1]) for r in rows]


# -- stories ---------------------------------------------------------------------------------------
def _story_summary(row: sqlite3.Row, members: list[dict], conn: sqlite3.Connection, matching: int | None,
                   all_members: bool) -> dict[str, Any]:
    rep = max(members, key=lambda m: m["similarity"]) if members else None
    days = Counter(m["day"] for m in members if m["day"])
    out = {
        "id": row["id"], "size": row["size"], "first_day": row["first_day"], "last_day": row["last_day"],
        "title": (rep["title"] or rep["id"]) if rep else None, "representative": rep["key"] if rep else None,
        "languages": dict(Counter(m["language"] or "?" for m in members).most_common()),
        "sources": dict(Counter(m["source"] for m in members if m["source"]).most_common()),
        "timeline": [{"day": d, "documents": n} for d, n in sorted(days.items())],
        "narratives": _narratives(conn, [m["_pk"] for m in members]),
    }
    if matching is not None:
        out["matching"] = matching
    if all_members:
        out["members"] = [{k: v for k, v in m.items() if k != "_pk"} for m in members]
    return out


def list_stories(conn: sqlite3.Connection, filters: Filters | None = None, sort: str = "size", limit: int = 30,
                 offset: int = 0, min_size: int = 2) -> dict[str, Any]:
    if sort not in STORY_SORTS:
        raise ValueError(f"sort must be one of {', '.join(STORY_SORTS)}, not {sort!r}")
    order = "g.size DESC, g.id DESC" if sort == "size" else "g.last_day DESC, g.id DESC"
    total, page = _ranked(conn, "stories", "story_members", "story_id", filters, order,
                          f"g.size >= {int(min_size)}", limit, offset)
    ids = [gid for gid, _ in page]
    rows = {r["id"]: r for r in conn.execute(f"SELECT * FROM stories WHERE id IN ({','.join('?' * len(ids))})", ids)}
    members = _members(conn, "story_members", "story_id", ids)
    stories = [_story_summary(rows[gid], members.get(gid, []), conn, matching, all_members=False)
               for gid, matching in page if gid in rows]
    return {"total": total, "limit": limit, "offset": offset, "sort": sort, "stories": stories}


def get_story(conn: sqlite3.Connection, story_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    return _story_summary(row, _members(conn, "story_members", "story_id", [story_id]).get(story_id, []), conn,
                          None, all_members=True)


# -- copy-paste groups -----------------------------------------------------------------------------
def _when(member: dict[str, Any]) -> dt.datetime | None:
    """The publication time, as precise as the source gave it (a date alone counts as midnight UTC)."""
    for value in (member.get("published"), member.get("day")):
        if not value:
            continue
        try:
            t = dt.datetime.fromisoformat(str(value))
        except ValueError:
            continue
        return t if t.tzinfo else t.replace(tzinfo=dt.UTC)
    return None


def spread(members: list[dict[str, Any]]) -> dict[str, Any]:
    """Who published first and how fast the text reached the other outlets."""
    timed = sorted(((t, m) for m in members if (t := _when(m)) is not None), key=lambda x: (x[0], x[1]["key"]))
    if not timed:
        return {"first": None, "hours_to_last": None, "outlets_by_day": []}
    first_time, first = timed[0]
    outlets: dict[str, float] = {}
    for t, m in timed:
        if m["source"] and m["source"] not in outlets:
            outlets[m["source"]] = (t - first_time).total_seconds() / 3600
    by_day: Counter = Counter()
    for hours in outlets.values():
        by_day[int(hours // 24)] += 1
    reached, cumulative = [], 0
    for day in range(max(by_day, default=-1) + 1):
        cumulative += by_day.get(day, 0)
        reached.append({"day": day, "outlets": cumulative})
    return {"first": {k: first[k] for k in ("key", "source", "published", "day", "title")},
            "hours_to_last": round((timed[-1][0] - first_time).total_seconds() / 3600, 1),
            "outlet_delays_hours": {s: round(h, 1) for s, h in outlets.items()},
            "outlets_by_day": reached}


def _group_summary(row: sqlite3.Row, members: list[dict], matching: int | None, all_members: bool) -> dict[str, Any]:
    out = {"id": row["id"], "size": row["size"], "sources": sorted({m["source"] for m in members if m["source"]}),
           "first_day": row["first_day"], "last_day": row["last_day"], "exact": bool(row["exact"]),
           "campaign_signal": row["sources"] >= 2, "title": (members[0]["title"] or members[0]["id"]) if members else None,
           "spread": spread(members)}
    if matching is not None:
        out["matching"] = matching
    out["members"] = [{k: v for k, v in m.items() if k != "_pk"} for m in members] if all_members else \
        [{k: m[k] for k in ("key", "source", "day")} for m in members[:12]]
    return out


def list_dup_groups(conn: sqlite3.Connection, filters: Filters | None = None, min_sources: int = 2, limit: int = 30,
                    offset: int = 0) -> dict[str, Any]:
    total, page = _ranked(conn, "dup_groups", "dup_members", "group_id", filters,
                          "g.sources DESC, g.size DESC, g.id DESC", f"g.sources >= {int(min_sources)} AND g.size >= 2",
                          limit, offset)
    ids = [gid for gid, _ in page]
    rows = {r["id"]: r for r in conn.execute(f"SELECT * FROM dup_groups WHERE id IN ({','.join('?' * len(ids))})",
                                             ids)}
    members = _members(conn, "dup_members", "group_id", ids)
    groups = [_group_summary(rows[gid], members.get(gid, []), matching, all_members=False)
              for gid, matching in page if gid in rows]
    return {"total": total, "limit": limit, "offset": offset, "min_sources": min_sources, "groups": groups}


def get_dup_group(conn: sqlite3.Connection, group_id: int) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The group and the texts of its members (by key)."""
    row = conn.execute("SELECT * FROM dup_groups WHERE id = ?", (group_id,)).fetchone()
    if row is None:
        return None
    members = _members(conn, "dup_members", "group_id", [group_id]).get(group_id, [])
    texts = {}
    for m in members:
        texts[m["key"]] = conn.execute("SELECT text FROM texts WHERE id = ?", (m["_pk"],)).fetchone()[0]
    return _group_summary(row, members, None, all_members=True), texts


def memberships(conn: sqlite3.Connection, content_hash: str) -> dict[str, Any]:
    """The story and the copy-paste group of one document (None where it has none)."""
    row = conn.execute(
        "SELECT s.id, s.size, s.first_day, s.last_day, g.id, g.size, g.sources FROM documents d "
        "LEFT JOIN story_members sm ON sm.document_id = d.id LEFT JOIN stories s ON s.id = sm.story_id "
        "LEFT JOIN dup_members dm ON dm.document_id = d.id LEFT JOIN dup_groups g ON g.id = dm.group_id "
        "WHERE d.content_hash = ?", (content_hash,)).fetchone()
    if row is None:
        return {"story": None, "copies": None}
    story = {"id": row[0], "size": row[1], "first_day": row[2], "last_day": row[3]} if row[0] else None
    copies = {"id": row[4], "size": row[5], "sources": row[6]} if row[4] else None
    return {"story": story, "copies": copies}
