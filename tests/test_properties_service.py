"""Property suite over the pipeline, the store's filters and the API's query parameters (issue 16):
whatever text is analysed or whatever a client asks, nothing escapes as an exception or a 500.

The pipeline runs every default analyzer; the store and server use the invented corpus of
corpus_fixture.py plus documents stored from generated text.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.api import create_app
from narrascope.document import Analysis, Document
from narrascope.errors import InputError
from narrascope.store.database import Store
from narrascope.store.query import FACETS, SORTS, Filters, normalize_day

try:
    from .corpus_fixture import make_analyses
    from .live_server import LiveServer, http
    from .strategies import NASTY, WORDS, examples, nasty_text, readable_text
except ImportError:
    from corpus_fixture import make_analyses
    from live_server import LiveServer, http
    from strategies import NASTY, WORDS, examples, nasty_text, readable_text


def spans_of(a: Analysis):
    yield from a.techniques
    for items in (a.narratives, a.subnarratives):
        for item in items:
            yield from item.evidence
    for e in a.entities:
        yield from e.mentions
        yield from e.evidence
    if a.explanation:
        yield from a.explanation.evidence
    yield from a.paragraph_techniques


# -- analyze --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pipeline():
    from narrascope.pipeline import Pipeline

    return Pipeline()


article_text = st.one_of(
    nasty_text.filter(lambda t: t.strip()),
    st.lists(st.one_of(readable_text, st.sampled_from(NASTY)), min_size=1, max_size=12).map("\n\n".join),
    st.sampled_from(WORDS).map(lambda w: (w + " ") * 400),  # one word, many times
    st.text(min_size=1, max_size=3).filter(lambda t: t.strip()),
)


@settings(max_examples=examples(30))
@given(texts=st.lists(article_text, min_size=1, max_size=4))
def test_pipeline_answers_every_document(pipeline, texts):
    docs = [Document(text=t, id=f"d{i}") for i, t in enumerate(texts)]
    analyses = list(pipeline.pipe(docs))
    assert [a.id for a in analyses] == [d.id for d in docs]
    for a in analyses:
        assert a.analyzers == pipeline.names
        assert not [w for w in a.warnings if " failed: " in w], a.warnings  # no analyzer failed on this text
        for span in spans_of(a):
            assert 0 <= span.start <= span.end <= len(a.document.text)
        json.dumps(a.to_dict(), ensure_ascii=False).encode("utf-8")  # what analyze --format json writes


# -- the store's filters ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("props") / "corpus.db"
    with Store(path) as s:
        s.add_many(make_analyses())
        s.add_many([Analysis(document=Document(text=f"{w} {n} harbour news", id=f"n{i}", source=n,
                                               published="2024-03-0" + str(i % 9 + 1)), language="en")
                    for i, (w, n) in enumerate(zip(WORDS, NASTY, strict=False))])
    return path


value = st.one_of(nasty_text, st.sampled_from(["URW: Russia is the Victim", "Antagonist", "en", "Loaded_Language",
                                               "NATO", "", " "]), st.text(max_size=5))
date = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
query = st.one_of(st.none(), nasty_text, st.lists(st.sampled_from([*WORDS, "harb*", "OR", '"', "*", "-x", "NEAR("]),
                                                  max_size=6).map(" ".join))
filters = st.builds(
    Filters, narrative=st.lists(value, max_size=2), subnarrative=st.lists(value, max_size=2),
    entity=st.lists(value, max_size=2), role=st.lists(value, max_size=2), technique=st.lists(value, max_size=2),
    language=st.lists(value, max_size=2), source=st.lists(value, max_size=2), domain=st.lists(value, max_size=2),
    doc_id=st.lists(value, max_size=2), date_from=date, date_to=date, q=query)


@settings(max_examples=examples(150))
@given(f=filters, sort=st.sampled_from(SORTS), offset=st.integers(0, 20))
def test_store_filters(db, f, sort, offset):
    with Store(db, readonly=True) as store:
        total = store.count(f)
        page = store.documents(f, limit=50, offset=offset, sort=sort)
        assert len(page) == max(0, min(50, total - offset))
        facets = store.facets(f, limit=5)
        assert set(facets) <= set(FACETS)
        assert all(entry["count"] <= total for entries in facets.values() for entry in entries)
        assert len(list(store.iter_analyses(f))) == total
        store.timeline(f)


@given(bound=st.text(max_size=12).filter(lambda t: t.strip() and normalize_day(t) is None))
def test_a_date_bound_that_is_not_a_date_is_an_error_naming_it(bound):
    with pytest.raises(InputError, match="not a date"):
        Filters(date_to=bound)


# -- the API's query parameters ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(db):
    with LiveServer(create_app(db, analyzers=["language"])) as live:
        yield live


PARAMS = ["narrative", "subnarrative", "entity", "role", "technique", "language", "source", "domain", "doc_id",
          "date_from", "date_to", "q", "limit", "offset", "sort", "facets", "facet_limit", "interval", "level",
          "metric", "top", "names", "include_text", "kind", "label", "narative"]
PATHS = ["/", "/dashboard", "/api/documents", "/api/facets", "/api/dashboard", "/api/spans", "/api/export.csv",
         "/api/export.jsonl", "/api/timeline.csv"]
param_value = st.one_of(value, st.integers(-5, 10**9).map(str), st.sampled_from(["true", "no", "week", "month",
                                                                                 "date", "1e9", "-1", "\x00"]))


@settings(max_examples=examples(300))
@given(path=st.sampled_from(PATHS), params=st.lists(st.tuples(st.sampled_from(PARAMS), param_value), max_size=5),
       html=st.booleans())
def test_api_query_parameters(server, path, params, html):
    query = urlencode(params, errors="surrogatepass")  # %ED%A0%80: bytes that are not UTF-8 reach the server
    reply = http(server.url + path + "?" + query, headers={"Accept": "text/html"} if html else {})
    assert reply.status in (200, 422), (reply.status, reply.body[:300])
    if reply.status == 422 and (path.startswith("/api") or not html):
        assert json.loads(reply.body)["detail"]
