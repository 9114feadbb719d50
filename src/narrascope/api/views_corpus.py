"""The data behind the corpus pages (stories, campaigns, emerging, entity, compare). As in
`views.py`, a page and its JSON twin call the same builder."""
from __future__ import annotations

import threading
from typing import Any

from fastapi import HTTPException

from narrascope.api.params_corpus import (
    CampaignParams,
    CompareParams,
    EmergingParams,
    EntityParams,
    NarrativeToSave,
    StoryParams,
)
from narrascope.store.database import Store
from narrascope.store.groups import get_dup_group, get_story, list_dup_groups, list_stories
from narrascope.store.profiles import compare, entity_profile

_EMERGING_MEMO: dict[tuple, dict[str, Any]] = {}
_EMERGING_LOCK = threading.Lock()


def stories_view(store: Store, p: StoryParams) -> dict[str, Any]:
    filters = p.filters()
    return {"filters": filters.to_dict(), **list_stories(store.conn, filters, p.sort, p.limit, p.offset)}


def story_view(store: Store, story_id: int) -> dict[str, Any]:
    story = get_story(store.conn, story_id)
    if story is None:
        raise HTTPException(404, f"no story has the id {story_id}")
    return story


def campaigns_view(store: Store, p: CampaignParams) -> dict[str, Any]:
    filters = p.filters()
    return {"filters": filters.to_dict(), **list_dup_groups(store.conn, filters, p.min_sources, p.limit, p.offset)}


def campaign_view(store: Store, group_id: int) -> dict[str, Any]:
    from narrascope.corpus.variants import shared_ranges

    found = get_dup_group(store.conn, group_id)
    if found is None:
        raise HTTPException(404, f"no copy-paste group has the id {group_id}")
    group, texts = found
    original_key = (group["spread"]["first"] or {}).get("key") or group["members"][0]["key"]
    original = texts[original_key]
    for m in group["members"]:
        m["text"] = texts[m["key"]]
        m["original"] = m["key"] == original_key
        m["shared"], m["shared_share"] = ([[0, len(original)]], 1.0) if m["original"] else \
            shared_ranges(original, m["text"])
    group["original"] = original_key
    return group


def emerging_view(store: Store, p: EmergingParams) -> dict[str, Any]:
    """Emerging groups among the `window` most recent matching articles, from their stored lead
    vectors; remembered until the database changes (grouping a few thousand takes a second)."""
    from narrascope.corpus.data import load_recent
    from narrascope.corpus.emerging import emerging_narratives

    filters = p.filters()
    key = (tuple(filters.items()), p.max_coverage, p.threshold, p.min_size, p.min_cohesion, p.window, p.top,
           store.change_token())
    with _EMERGING_LOCK:
        if key in _EMERGING_MEMO:
            return _EMERGING_MEMO[key]
    docs, vectors = load_recent(store, filters, p.window)
    result: dict[str, Any] = {"filters": filters.to_dict(), "documents": len(docs), "window": p.window,
                              "groups": [], "note": None}
    if docs and vectors is None:
        result["note"] = ("some of these documents have no stored lead vector yet; run `narrascope ingest` on "
                          "this database (it places pending documents) and reload")
    elif docs:
        groups = emerging_narratives(docs, p.max_coverage, p.threshold, p.min_size, p.min_cohesion, vectors=vectors)
        result["groups"] = [_group(g) for g in groups[: p.top]]
    with _EMERGING_LOCK:
        if len(_EMERGING_MEMO) > 32:
            _EMERGING_MEMO.clear()
        _EMERGING_MEMO[key] = result
    return result


def _group(g) -> dict[str, Any]:
    d = g.to_dict(representatives=5)
    # Suggestions for the naming form: the key phrases, and each representative's first sentence.
    d["suggested_name"] = ", ".join(d["key_phrases"][:3]).capitalize() if d["key_phrases"] else ""
    d["suggested_examples"] = [_first_sentence(m.text, m.title) for m in g.members[:3]]
    return d


def _first_sentence(text: str, title: str | None, limit: int = 240) -> str:
    body = text.strip()
    if title and body.startswith(title):
        body = body[len(title):].strip()
    from narrascope.nlp.text import sentences

    first = next((body[start:end] for start, end in sentences(body)), body)
    first = " ".join(first.split())
    return first if len(first) <= limit else first[: first.rfind(" ", 0, limit)]


def save_narrative_view(taxonomy_path, item: NarrativeToSave) -> dict[str, Any]:
    from narrascope.corpus.naming import save_narrative

    if taxonomy_path is None:
        raise HTTPException(403, "this server has no taxonomy file to save into; restart `narrascope serve` with "
                                 "--taxonomy FILE (created if missing)")
    label = save_narrative(taxonomy_path, item.name, item.definition, item.examples, item.parent)
    return {"saved": label, "taxonomy": str(taxonomy_path),
            "use": f"narrascope analyze --taxonomy {taxonomy_path} ARTICLES"}


def entity_view(store: Store, name: str, p: EntityParams) -> dict[str, Any]:
    data = entity_profile(store, name, p.filters(), p.interval, p.mentions)
    if not data["documents"] and p.filters().is_empty():
        raise HTTPException(404, f"no stored document mentions an entity named {name!r}")
    return data


def compare_view(store: Store, p: CompareParams) -> dict[str, Any]:
    if not p.chosen():
        facets = store.facets(p.filters(), names=["source", "language"], limit=2)
        sources = [f["value"] for f in facets["source"]]
        if len(sources) == 2:  # nothing chosen yet: the two largest sources, so the page shows something
            p = p.model_copy(update={"a_source": [sources[0]], "b_source": [sources[1]]})
    result = compare(store, p.side("a"), p.side("b"), p.top)
    result["chosen"] = {k: v for k, v in p.model_dump(mode="json").items() if k.startswith(("a_", "b_")) and v}
    return result
