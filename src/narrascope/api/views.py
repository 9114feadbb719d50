"""The data behind each page. A page and its JSON twin call the same builder, so what the UI shows
and what `/api/...` returns can never drift apart."""
from __future__ import annotations

import threading
from collections import Counter
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException
from markupsafe import Markup, escape

from narrascope.api.params import CorpusParams, DashboardParams
from narrascope.document import Analysis, Document
from narrascope.nlp.text import opening_words
from narrascope.store.database import KEY_CHARS, Store, StoreError
from narrascope.store.query import Filters
from narrascope.web.highlight import annotations, not_the_article, weak_technique_spans
from narrascope.web.labels import describe, role_class

_SINGLE = ("language", "source", "domain", "date_from", "date_to", "q")
_memo = threading.local()


def _base_items(filters: Filters) -> list[tuple[str, str]]:
    # A corpus page builds hundreds of links from one Filters object: compute its pairs once.
    last = getattr(_memo, "last", None)
    if last is None or last[0] is not filters:
        last = _memo.last = (filters, filters.items())
    return last[1]


def link(path: str, filters: Filters | None, add: tuple[str, str] | None = None, remove: tuple[str, str] | None = None,
         replace: dict[str, Any] | None = None, **extra: Any) -> str:
    """URL of `path` for the given filters, with one value added/removed and other parameters set.

    A value of a one-per-document attribute (language, source, domain) replaces the current one:
    clicking "ru" while viewing "en" shows Russian documents, not an empty intersection.
    """
    items = _base_items(filters) if filters else []
    if remove:
        items = [kv for kv in items if kv != remove]
    if replace:
        items = [kv for kv in items if kv[0] not in replace] + [(k, v) for k, v in replace.items() if v]
    if add and add not in items:
        if add[0] in _SINGLE:
            items = [kv for kv in items if kv[0] != add[0]]
        items = [*items, add]
    items = [*items, *((k, v) for k, v in extra.items() if v not in (None, "", False))]
    return path + ("?" + "&".join(_pair(k, v) for k, v in items) if items else "")


@lru_cache(maxsize=65536)
def _pair(name: str, value: Any) -> str:
    """One `name=value` of a query string (cached: the same labels recur in every link of a page)."""
    return urlencode([(name, value)])


def corpus_view(store: Store, p: CorpusParams) -> dict[str, Any]:
    filters = p.filters()
    facets = store.facets(filters, limit=p.facet_limit) if p.facets else None  # first: count reuses its ids
    try:
        documents = store.documents(filters, limit=p.limit, offset=p.offset, sort=p.sort)
    except StoreError as exc:
        raise HTTPException(422, str(exc)) from None
    return {
        "total": store.count(filters),
        "limit": p.limit,
        "offset": p.offset,
        "sort": p.sort or ("relevance" if filters.q else "date"),
        "filters": filters.to_dict(),
        "documents": documents,
        "facets": facets,
    }


@lru_cache(maxsize=8192)
def label_html(kind: str, value: str) -> Markup:
    """A label as a person reads it: short name, with a domain badge for narratives."""
    info = describe(kind, value)
    if kind == "narrative" and info.get("domain"):
        return Markup(f'<span class="dom">{escape(info["domain"])}</span> {escape(info["display"])}')
    return escape(info["display"])


_FACET_NAMES = ("narrative", "subnarrative", "technique", "entity", "role", "language", "source", "domain")


def facet_entries(data: dict[str, Any], filters: Filters) -> dict[str, list[dict[str, Any]]]:
    """Facet values ready for the template: link (add, or remove when selected), label, bar width.

    Built here rather than in the template: a corpus page has ~120 of them and ~600 tag links, and
    Python does this several times faster than Jinja expressions.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    total = data["total"] or 1
    for name in _FACET_NAMES:
        chosen = set(getattr(filters, name))
        entries = []
        for f in (data["facets"] or {}).get(name, []):
            value, selected = f["value"], f["value"] in chosen
            info = describe(name, value)
            dot = ""
            if name == "role":
                dot = Markup(f'<i class="dot role-{role_class(info.get("main"))}"></i>')
            elif name == "technique":
                dot = Markup(f'<i class="dot" style="background: {escape(info["color"])}"></i>')
            entries.append({
                "value": value, "count": f["count"], "selected": selected, "width": f"{100 * f['count'] / total:.1f}",
                "href": link("/", filters, remove=(name, value)) if selected else link("/", filters, add=(name, value)),
                "title": info["definition"] or value, "label": dot + label_html(name, value),
            })
        out[name] = entries
    return out


def document_tags(d: dict[str, Any], filters: Filters) -> Markup:
    """The narrative, technique and entity tags of one document card, each a link that adds it as a filter."""
    e_ = escape  # f-strings with explicit escaping: Markup.format is several times slower
    parts = []
    for n in d["narratives"]:
        weak = n.get("weak")
        parts.append(f'<a class="tag narrative{" weak" if weak else ""}" '
                     f'href="{e_(link("/", filters, add=("narrative", n["label"])))}" '
                     f'title="{e_(n["label"])} (score {n["score"]:.2f}{", weak label" if weak else ""})">'
                     f'{label_html("narrative", n["label"])}</a>')
    for t in d["techniques"][:4]:
        info = describe("technique", t["label"])
        times = f" ×{t['occurrences']}" if t["occurrences"] > 1 else ""
        weak = t.get("weak")
        parts.append(f'<a class="tag technique{" weak" if weak else ""}" style="--c: {e_(info["color"])}" '
                     f'href="{e_(link("/", filters, add=("technique", t["label"])))}" '
                     f'title="{e_(info["definition"])}{" (weak label)" if weak else ""}">{e_(info["display"])}{times}</a>')
    if len(d["techniques"]) > 4:
        parts.append(f'<span class="more">+{len(d["techniques"]) - 4} techniques</span>')
    for ent in d["entities"][:5]:
        mentions = f"{ent['mentions']} mention{'' if ent['mentions'] == 1 else 's'}"
        weak = ent.get("weak")
        parts.append(f'<a class="tag entity role-{role_class(ent["role"])}{" weak" if weak else ""}" '
                     f'href="{e_(link("/", filters, add=("entity", ent["name"])))}" '
                     f'title="{e_(ent["name"])}: {e_(ent["role"] or "no role")}{" (weak)" if weak else ""}, {mentions}">'
                     f'{e_(ent["name"])}</a>')
    return Markup("".join(parts))


def article_view(store: Store, key: str) -> dict[str, Any]:
    try:
        stored = store.get(key)
    except StoreError as exc:
        raise HTTPException(409, str(exc)) from None
    if stored is None:
        raise HTTPException(404, f"no stored document has the key {key!r}")
    from narrascope.store.groups import memberships

    groups = memberships(store.conn, stored.analysis.document.content_hash)
    return {"key": stored.key, "stored": True, "ingested_at": stored.ingested_at, "analyzed_at": stored.analyzed_at,
            "version": stored.version, **groups, "analysis": stored.analysis.to_dict(),
            "not_the_article": not_the_article(stored.analysis.document.text)}


_DASHBOARDS: dict[tuple, dict[str, Any]] = {}


def dashboard_view(store: Store, p: DashboardParams) -> dict[str, Any]:
    """The dashboard's numbers, remembered until the database changes: a million-article store counts
    each view once, and every later request for it (any user) is a lookup."""
    key = (str(store.path), repr(sorted(p.model_dump(mode="json").items())), store.change_token())
    found = _DASHBOARDS.get(key)
    if found is None:
        found = _dashboard(store, p)
        if len(_DASHBOARDS) >= 64:
            _DASHBOARDS.clear()
        _DASHBOARDS[key] = found
    return found


def _dashboard(store: Store, p: DashboardParams) -> dict[str, Any]:
    filters = p.filters()
    timeline = store.timeline(filters, interval=p.interval, level=p.level, top=p.top)
    return {
        "total": store.count(filters),
        "filters": filters.to_dict(),
        "interval": timeline["interval"],  # "auto" read as the interval it chose
        "level": p.level,
        "metric": p.metric,
        "timeline": timeline,
        "by_source": store.breakdown(filters, by="source", level=p.level),
        "by_language": store.breakdown(filters, by="language", level=p.level),
        "top_entities": store.top_entities(filters),
        "techniques": store.technique_counts(filters),
    }


WEAK_TITLE = ("weak: at this confidence (or in a text of a few words) the model's labels were wrong more often than "
              "right in training, or the text shows nothing for this one")
WEAK_ROLES = "Weak roles"
WEAK_ROLE_TITLE = ("low confidence: in training, annotators cast fewer than half of the entities shown at such a 'cast' "
                   "probability, or the role itself is unsure; read the evidence before relying on these roles")
NO_ROLE = "Mentioned, no role"


def article_context(analysis: Analysis, not_article: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What the article template needs beyond the analysis: annotations and per-label summaries (`not_article`:
    the page JSON's ranges of text that is not the article's, found once for both)."""
    anns = annotations(analysis, not_article)
    counts = Counter(t.label for t in analysis.techniques)
    weak = weak_technique_spans(analysis)
    weak_counts = Counter(t.label for t in analysis.techniques if t in weak)
    techniques = [{"label": label, "count": n, "weak": weak_counts[label], **describe("technique", label)}
                  for label, n in counts.most_common()]
    seen = set(counts)
    for p in analysis.paragraph_techniques:
        for lab in p.labels:
            if lab.label not in seen:
                seen.add(lab.label)
                techniques.append({"label": lab.label, "count": 0, "weak": int(lab.weak), "paragraph_score": lab.score,
                                   **describe("technique", lab.label)})
    # Labels the model is confident of first: a reader starts with what is more often right.
    techniques.sort(key=lambda t: (t["count"] > 0 and t["weak"] >= t["count"]) or (t["count"] == 0 and t["weak"] > 0))
    # The confident roles, grouped by role; then the weak ones apart, so that a role's heading counts only
    # entities a reader can take as cast (most roles shown are weak: the article may well not cast the
    # entity at all); then the entities mentioned without a role.
    by_role: dict[str, list[dict[str, Any]]] = {}
    for i, e in enumerate(analysis.entities):
        group = (WEAK_ROLES if e.weak else e.main_role) if e.main_role else NO_ROLE
        by_role.setdefault(group, []).append(
            {"index": i, "entity": e, "role": describe("role", e.main_role or ""),
             "fine": [(r, describe("role", r.label)) for r in e.fine_roles]})
    for items in by_role.values():
        items.sort(key=lambda it: -len(it["entity"].mentions))
    order = ["Protagonist", "Antagonist", "Innocent", WEAK_ROLES, NO_ROLE]
    roles = sorted(by_role.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 3, kv[0]))
    subs: dict[str, list] = {}
    for s in analysis.subnarratives:
        subs.setdefault(s.parent or "", []).append((s, describe("narrative", s.label)))
    narratives = [(n, describe("narrative", n.label), subs.get(n.label, [])) for n in analysis.narratives]
    orphans = [s for parent, items in subs.items() if parent not in {n.label for n in analysis.narratives}
               for s in items]
    return {"annotations": anns, "techniques": techniques, "roles": roles, "narratives": narratives,
            "orphan_subnarratives": orphans, "weak_title": WEAK_TITLE, "weak_roles": WEAK_ROLES,
            "heading": analysis.document.title or opening_words(analysis.document.text) or analysis.document.id,
            "weak_role_title": WEAK_ROLE_TITLE,
            "n_weak": sum(t["weak"] for t in techniques) + sum(e.weak for e in analysis.entities if e.main_role)}


class Analyser:
    """The server's analysis pipeline: loaded on first use, one analysis at a time (analyzers hold
    models that are not meant to be shared between threads)."""

    def __init__(self, analyzers: list[str] | None):
        self.analyzers = analyzers
        self._pipeline = None
        self._lock = threading.Lock()

    def __call__(self, doc: Document) -> Analysis:
        from narrascope.pipeline import Pipeline

        with self._lock:
            if self._pipeline is None:
                try:
                    self._pipeline = Pipeline(self.analyzers)
                except Exception as exc:  # noqa: BLE001 - a missing model is the server's problem, say so
                    raise HTTPException(503, f"analysis is unavailable on this server: {exc}") from None
            return self._pipeline(doc)


def marked(text: str, marks: list[list[int]]) -> Markup:
    """Search snippet as HTML with the matched words in <mark> (everything else escaped)."""
    out, pos = [], 0
    for start, end in marks:
        out += [escape(text[pos:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def web_link(url: str | None) -> str | None:
    """`url` when it is safe to put in an href (http or https), else None: a stored `javascript:` or
    `data:` URL must never become a link a reader can click."""
    if not url:
        return None
    scheme = url.strip().split(":", 1)[0].lower() if ":" in url else ""
    return url.strip() if scheme in ("http", "https") else None


def key_of(analysis: Analysis) -> str:
    return analysis.document.content_hash[:KEY_CHARS]
