"""The "confident labels only" view of a corpus: weak labels are stored as such, a label filter can ask
for the label confidently, and facets, the dashboard and exports count confident labels only."""
from __future__ import annotations

import csv
import io
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

import pytest

from narrascope.api import create_app
from narrascope.document import Analysis, Document, Entity, LabelScore, ParagraphLabels, Span
from narrascope.errors import InputError
from narrascope.store.database import Store
from narrascope.store.query import Filters

try:  # tests/ as a package (relative imports) or as plain folder on sys.path (pytest's default)
    from .corpus_fixture import BLAME, make_analyses
    from .live_server import LiveServer, http
except ImportError:
    from corpus_fixture import BLAME, make_analyses
    from live_server import LiveServer, http

ROOT = Path(__file__).resolve().parents[1]
FEAR = "Appeal_to_Fear-Prejudice"  # weak in the fixture's alliance.txt, confident in hedged.txt


def hedged() -> Analysis:
    """An article given BLAME weakly and the fear appeal confidently, with one weakly cast entity."""
    text = "Some say the Alliance may have provoked it. Fear is spreading fast."
    alliance = Span(text.index("the Alliance"), text.index("the Alliance") + 12, "NAME")
    fear = Span(text.index("Fear is spreading"), len(text) - 1, FEAR, 0.8)
    return Analysis(
        document=Document(text=text, id="hedged.txt", source="blog.example", published="2024-03-05"),
        language="en", domain="URW", domain_score=0.4,
        narratives=[LabelScore(BLAME, 0.4, weak=True)],
        entities=[Entity("the Alliance", "ORG", "Antagonist", 0.5, mentions=[alliance], weak=True)],
        techniques=[fear],
        paragraph_techniques=[ParagraphLabels(1, 0, len(text), [LabelScore(FEAR, 0.8, evidence=[fear])])],
        analyzers=["language", "narratives", "entities", "roles", "techniques"],
    )


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "corpus.db") as s:
        s.add_many([*make_analyses(), hedged()])
        yield s


def ids(store: Store, **filters) -> set[str]:
    return {d["id"] for d in store.documents(Filters(**filters), limit=100)}


def counts(facet: list[dict]) -> dict[str, int]:
    return {f["value"]: f["count"] for f in facet}


def weak_rows(conn: sqlite3.Connection) -> set[tuple]:
    return {tuple(r) for r in conn.execute("SELECT d.doc_id, l.kind, l.value FROM doc_labels l JOIN documents d "
                                           "ON d.id = l.document_id WHERE l.weak = 1")}


def test_weak_labels_are_stored_as_weak(store):
    assert weak_rows(store.conn) == {
        ("alliance.txt", "technique", FEAR),  # weak in its only paragraph
        ("hedged.txt", "narrative", BLAME),
        ("hedged.txt", "role", "Antagonist"),
        ("hedged.txt", "entity_role", "Antagonist\x1fthe Alliance"),
    }


def test_label_filters_and_counts_follow_the_switch(store):
    assert ids(store, narrative=[BLAME]) == {"alliance.txt", "hedged.txt"}
    assert ids(store, narrative=[BLAME], confident=True) == {"alliance.txt"}
    assert ids(store, technique=[FEAR], confident=True) == {"hedged.txt"}
    assert ids(store, entity=["the Alliance"], role=["Antagonist"], confident=True) == {"alliance.txt"}
    # The switch alone selects every document; it changes what is counted.
    assert store.count(Filters(confident=True)) == store.count(Filters()) == 7
    every, sure = store.facets(Filters(), limit=50), store.facets(Filters(confident=True), limit=50)
    assert counts(every["narrative"])[BLAME] == 2 and counts(sure["narrative"])[BLAME] == 1
    assert counts(every["technique"])[FEAR] == 2 and counts(sure["technique"])[FEAR] == 1
    assert counts(every["entity"]) == counts(sure["entity"])  # being named is never weak
    techniques = {t["label"]: t["documents"] for t in store.technique_counts(Filters(confident=True))}
    assert techniques[FEAR] == 1
    cast = {e["name"]: e["documents"] for e in store.top_entities(Filters(confident=True))["Antagonist"]}
    assert cast["the Alliance"] == 1
    # without the switch every document counts, and each entry says how many of them cast it confidently
    alliance = next(e for e in store.top_entities(Filters())["Antagonist"] if e["name"] == "the Alliance")
    assert (alliance["documents"], alliance["confident"]) == (2, 1)
    sure_only = next(e for e in store.top_entities(Filters(confident=True))["Antagonist"] if e["name"] == "the Alliance")
    assert sure_only["confident"] == sure_only["documents"] == 1
    line = {s["label"]: s["total"] for s in store.timeline(Filters(confident=True), "month", "narrative")["series"]}
    assert line[BLAME] == 1
    for sure, expected in ((False, 1), (True, 0)):
        table = store.breakdown(Filters(confident=sure), by="source", level="narrative")
        row = table["counts"][table["labels"].index(BLAME)]
        assert dict(zip([g["value"] for g in table["groups"]], row, strict=True))["blog.example"] == expected


def test_numpy_masks_select_what_sql_selects_with_the_switch(store):
    for filters in (Filters(narrative=[BLAME], confident=True), Filters(technique=[FEAR], confident=True),
                    Filters(role=["Antagonist"], confident=True), Filters(role=["Antagonist"]),
                    Filters(entity=["the Alliance"], role=["Antagonist"], confident=True)):
        from_sql = set(store.ids(filters))
        mask = store.index.filter_mask(filters)
        assert set(store.index.ids[mask].tolist()) == from_sql, filters


def test_the_switch_parses_from_query_values():
    assert Filters.from_mapping({"confident": "1"}).confident
    assert not Filters.from_mapping({"confident": "0"}).confident
    assert Filters(confident=True).items() == [("confident", "1")]
    assert Filters(confident=True).is_empty()  # no document is filtered out
    with pytest.raises(InputError, match="confident"):
        Filters.from_mapping({"confident": "maybe"})


def test_a_schema_2_store_gets_its_weak_marks_from_the_stored_analyses(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as s:
        s.add_many([*make_analyses(), hedged()])
        before = weak_rows(s.conn)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ALTER TABLE doc_labels DROP COLUMN weak")  # as narrascope wrote it before schema 3
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    with pytest.raises(Exception, match="schema 2"):
        Store(path, readonly=True)
    # What that error tells the user to run: `ingest --db FILE` with nothing to analyse upgrades it.
    out = subprocess.run([sys.executable, "-m", "narrascope", "ingest", "--db", str(path)], capture_output=True,
                         text=True, check=False, timeout=300, cwd=ROOT)
    assert out.returncode == 0 and "schema 3" in out.stderr, out.stderr
    with Store(path, readonly=True) as s:
        assert weak_rows(s.conn) == before and len(before) == 4
        assert s.count() == 7


def test_api_and_pages_offer_the_switch(tmp_path):
    db = tmp_path / "corpus.db"
    with Store(db) as s:
        s.add_many([*make_analyses(), hedged()])
    with LiveServer(create_app(db, analyzers=["language"])) as live:
        query = urlencode([("narrative", BLAME), ("confident", "1")])
        found = http(live.url + "/api/documents?" + query).json()
        assert {d["id"] for d in found["documents"]} == {"alliance.txt"}
        assert found["filters"]["confident"] is True
        facets = http(live.url + "/api/facets?confident=1").json()["facets"]
        assert counts(facets["narrative"])[BLAME] == 1
        assert http(live.url + "/api/facets?confident=maybe").status == 422
        page = http(live.url + "/", headers={"Accept": "text/html"}).text
        assert 'class="confident-switch"' in page and "confident=1" in page
        assert re.search(r'class="tag narrative weak"[^>]*title="[^"]*weak label', page)  # hedged.txt's card
        cards = {d["id"]: d for d in http(live.url + "/api/documents").json()["documents"]}
        assert cards["hedged.txt"]["narratives"] == [{"label": BLAME, "score": 0.4, "weak": True}]
        cards = {d["id"]: d for d in http(live.url + "/api/documents?confident=1").json()["documents"]}
        assert cards["hedged.txt"]["narratives"] == [] and cards["alliance.txt"]["narratives"][0]["weak"] is False
        assert [t["label"] for t in cards["alliance.txt"]["techniques"]] == ["Loaded_Language", "Name_Calling-Labeling"]
        assert cards["hedged.txt"]["entities"] == [{"name": "the Alliance", "role": None, "mentions": 1, "weak": False}]
        cards = {d["id"]: d for d in http(live.url + "/api/documents").json()["documents"]}
        assert cards["hedged.txt"]["entities"] == [
            {"name": "the Alliance", "role": "Antagonist", "mentions": 1, "weak": True}]
        assert not any(e["weak"] for e in cards["alliance.txt"]["entities"])
        page = http(live.url + "/dashboard?confident=1", headers={"Accept": "text/html"}).text
        assert 'class="confident-switch on"' in page and "confident labels only" in page
        assert "sure)" not in page  # every count there is a confident one
        page = http(live.url + "/dashboard", headers={"Accept": "text/html"}).text
        assert re.search(r'>the Alliance</span><span class="n">2 <span class="sure">\(1 sure\)</span>', page)
        page = http(live.url + "/entities/the%20Alliance", headers={"Accept": "text/html"}).text
        assert re.search(r'>Antagonist</span><span class="n">2 <span class="sure">\(1 sure\)</span>', page)
        exported = http(live.url + "/api/export.csv?" + query).text
        assert [r["id"] for r in csv.DictReader(io.StringIO(exported))] == ["alliance.txt"]


def test_export_command_takes_the_switch(store):
    def export(*extra: str) -> list[dict]:
        out = subprocess.run([sys.executable, "-m", "narrascope", "export", "--db", str(store.path), "--format", "csv",
                              "--narrative", BLAME, *extra], capture_output=True, text=True, check=False,
                             timeout=300, cwd=ROOT)
        assert out.returncode == 0, out.stderr
        return list(csv.DictReader(io.StringIO(out.stdout)))

    assert sorted(r["id"] for r in export()) == ["alliance.txt", "hedged.txt"]
    rows = export("--confident-only")
    assert [r["id"] for r in rows] == ["alliance.txt"]
    assert rows[0]["weak_techniques"] == FEAR


def test_replacing_an_analysis_replaces_its_weak_marks(store):
    firm = hedged()
    firm.narratives = [replace(firm.narratives[0], weak=False, score=0.8)]
    store.add(firm, replace=True)
    assert ("hedged.txt", "narrative", BLAME) not in weak_rows(store.conn)
    assert ids(store, narrative=[BLAME], confident=True) == {"alliance.txt", "hedged.txt"}


def test_entity_profile_and_compare_follow_the_switch(store):
    from narrascope.store.profiles import compare, entity_profile

    def antagonist(filters: Filters) -> int:
        roles = {r["role"]: r["documents"] for r in entity_profile(store, "the Alliance", filters)["roles"]}
        return roles.get("Antagonist", 0)

    assert antagonist(Filters()) == 2 and antagonist(Filters(confident=True)) == 1
    # without the switch, each role says how many of its documents cast the entity confidently
    [every] = [r for r in entity_profile(store, "the Alliance", Filters())["roles"] if r["role"] == "Antagonist"]
    [sure_only] = [r for r in entity_profile(store, "the Alliance", Filters(confident=True))["roles"]
                   if r["role"] == "Antagonist"]
    assert (every["documents"], every["confident"]) == (2, 1) and sure_only["confident"] == sure_only["documents"] == 1
    for sure, expected in ((False, 2), (True, 1)):
        side = Filters(language=["en"], confident=sure)
        rows = {r["label"]: r["a_documents"] for r in compare(store, side, side)["narrative"]}
        assert rows[BLAME] == expected


def test_confident_counts_follow_documents_added_later(store):
    """The label index grows with new documents instead of being rebuilt: its confident kinds grow too."""
    assert counts(store.facets(Filters(confident=True), limit=50)["narrative"])[BLAME] == 1
    old_index = store.index
    late = hedged()
    late.document = replace(late.document, text=late.document.text + " More.", id="late.txt")
    late.narratives = [replace(late.narratives[0], weak=False, score=0.7)]
    store.add(late)
    assert store.index is not old_index and len(store.index) == 8
    assert counts(store.facets(Filters(confident=True), limit=50)["narrative"])[BLAME] == 2
    assert counts(store.facets(Filters(), limit=50)["narrative"])[BLAME] == 3
