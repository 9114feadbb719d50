"""The corpus store: schema and migrations, idempotent writes, filters, full-text search, counts,
and the `ingest` / `export` commands (real SQLite files, real subprocesses)."""
from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from narrascope.document import Analysis, Document, Span
from narrascope.ingest.dates import normalize_day
from narrascope.store.database import Filters, Store, StoreError
from narrascope.store.query import fts_query
from narrascope.store.schema import SCHEMA_VERSION, migrate

try:  # tests/ as a package (relative imports) or as plain folder on sys.path (pytest's default)
    from .corpus_fixture import BLAME, BLAME_WEST, POLICIES, VICTIM, make_analyses
except ImportError:
    from corpus_fixture import BLAME, BLAME_WEST, POLICIES, VICTIM, make_analyses

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "corpus.db")
    s.add_many(make_analyses())
    yield s
    s.close()


def ids(store: Store, **filters) -> set[str]:
    return {d["id"] for d in store.documents(Filters(**filters), limit=500)}


def table_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "texts", "analyses", "doc_labels", "entities", "spans")}
    finally:
        conn.close()


# -- schema, migrations, opening ----------------------------------------------------------------
def test_new_database_has_current_schema_in_wal_mode(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"documents", "texts", "analyses", "doc_labels", "entities", "spans", "documents_fts"} <= tables
    assert migrate(conn) == []  # nothing left to apply


def test_empty_sqlite_file_is_migrated_and_reopening_keeps_data(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()  # an empty database at version 0
    with Store(path) as s:
        s.add_many(make_analyses()[:2])
    with Store(path) as s:
        assert s.count() == 2


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer narrascope"):
            Store(path, readonly=readonly)


def test_bad_files_get_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="no such corpus database"):
        Store(tmp_path / "missing.db", readonly=True)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="garbage.db"):
        Store(garbage)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="something else"):
        Store(other)
    with pytest.raises(StoreError, match="not a narrascope corpus"):
        Store(other, readonly=True)


def test_readonly_store_cannot_write(store):
    ro = Store(store.path, readonly=True)
    assert ro.count() == 6
    with pytest.raises(StoreError, match="read-only"):
        ro.add_many(make_analyses())
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ro.conn.execute("DELETE FROM documents")
    ro.close()


def test_a_new_database_in_a_missing_folder_creates_the_folder(tmp_path):
    path = tmp_path / "results" / "2026" / "corpus.db"
    store = Store(path)
    store.add_many(make_analyses())
    assert path.is_file() and store.count() == 6
    store.close()
    with pytest.raises(StoreError, match="no such corpus database"):  # reading never creates anything
        Store(tmp_path / "nowhere" / "corpus.db", readonly=True).count()
    assert not (tmp_path / "nowhere").exists()


# -- writing --------------------------------------------------------------------------------------
def test_same_text_is_stored_once(store):
    before = table_counts(store.path)
    again = make_analyses()
    again[0].document.id = "renamed.txt"  # same text under another name: still the same document
    assert store.add_many(again) == {"added": 0, "unchanged": 6, "replaced": 0}
    assert table_counts(store.path) == before


def test_replace_swaps_the_analysis_and_keeps_search_consistent(store):
    a = make_analyses()[0]
    key = a.document.content_hash[:16]
    a.techniques.append(Span(0, 8, "Slogans", 0.5))
    assert store.add(a, replace=True) == "replaced"
    assert store.count() == 6
    stored = store.get(key)
    assert "Slogans" in {t.label for t in stored.analysis.techniques}
    assert ids(store, technique=["Slogans"]) == {"alliance.txt"}
    assert ids(store, q="warmongers") == {"alliance.txt"}  # the FTS row was replaced, not duplicated


def test_stored_analysis_round_trips(store):
    for original in make_analyses():
        stored = store.get(original.document.content_hash[:12])
        assert stored is not None
        assert stored.analysis.to_dict() == original.to_dict()
    assert store.get("0000000000000000") is None
    assert store.get("not-a-key") is None


def test_missing_fields_are_fine(tmp_path):
    with Store(tmp_path / "bare.db") as s:
        bare = Analysis(document=Document(text="Just a line of text."))
        assert s.add(bare) == "added"
        assert s.count(Filters(language=["en"])) == 0
        assert s.facets()["narrative"] == []
        assert s.timeline()["buckets"] == []
        assert s.documents()[0]["narratives"] == []


def test_narratives_analyzer_with_no_result_counts_as_other(tmp_path):
    with Store(tmp_path / "other.db") as s:
        s.add(Analysis(document=Document(text="Nothing to see here."), analyzers=["language", "narratives"]))
        assert s.facets()["narrative"] == [{"value": "Other", "count": 1}]


# -- reading --------------------------------------------------------------------------------------
def test_label_filters(store):
    assert ids(store, narrative=[BLAME]) == {"alliance.txt"}
    assert ids(store, narrative=[POLICIES]) == {"subsidies.txt", "bg-1", "hi-1"}
    assert ids(store, subnarrative=[BLAME_WEST]) == {"alliance.txt"}
    assert ids(store, narrative=[BLAME, POLICIES]) == set()  # several values of a label: all must be present
    assert ids(store, technique=["Loaded_Language"]) == {"alliance.txt", "subsidies.txt", "ru-1"}  # incl. paragraph
    assert ids(store, entity=["Varga"]) == {"alliance.txt"}
    assert ids(store, entity=["the Alliance"], role=["Antagonist"]) == {"alliance.txt"}
    assert ids(store, entity=["the Alliance"], role=["Protagonist"]) == set()
    assert ids(store, entity=["the Alliance"], role=["Instigator"]) == {"alliance.txt"}  # fine roles count too
    assert ids(store, role=["Antagonist"]) == {"alliance.txt", "ru-1"}


def test_attribute_and_date_filters(store):
    assert ids(store, language=["ru", "bg"]) == {"ru-1", "bg-1"}  # attributes: any of the values
    assert ids(store, source=["farm.example"]) == {"subsidies.txt", "bg-1", "hi-1"}
    assert ids(store, domain=["URW"]) == {"alliance.txt", "ru-1"}
    assert ids(store, doc_id=["festival.txt"]) == {"festival.txt"}
    assert ids(store, date_from="2024-03-05", date_to="2024-04-30") == {"festival.txt", "subsidies.txt", "ru-1"}
    assert "bg-1" not in ids(store, date_from="2000-01-01")  # undated documents drop out of date ranges
    assert ids(store, source=["farm.example"], language=["en"], narrative=[POLICIES]) == {"subsidies.txt"}


def test_full_text_search(store):
    assert ids(store, q="warmongers") == {"alliance.txt"}
    assert ids(store, q='"carbon levy"') == {"subsidies.txt"}
    assert ids(store, q="levy farm") == {"subsidies.txt"}
    assert ids(store, q="warmong*") == {"alliance.txt"}
    assert ids(store, q="warmongers OR festival") == {"alliance.txt", "festival.txt"}
    assert ids(store, q="ненависти") == {"ru-1"}
    assert ids(store, q="किसानों") == {"hi-1"}
    assert ids(store, q="harbour", language=["ru"]) == set()
    for nasty in ['"unbalanced', "NEAR(", "a AND OR NOT", "col:value", "(((", "*"]:
        store.documents(Filters(q=nasty))  # never an FTS syntax error
    assert ids(store, q="!!!") == set()
    hit = store.documents(Filters(q="warmongers"))[0]
    marked = [hit["snippet"][s:e] for s, e in hit["snippet_marks"]]
    assert marked and all(m.lower() == "warmongers" for m in marked)


def test_documents_sorting_and_paging(store):
    newest = [d["id"] for d in store.documents(sort="date")]
    assert newest[:4] == ["hi-1", "ru-1", "subsidies.txt", "festival.txt"] and newest[-1] == "bg-1"
    oldest = [d["id"] for d in store.documents(sort="date_asc")]
    assert oldest[0] == "bg-1" or oldest[0] == "alliance.txt"
    page2 = store.documents(limit=2, offset=2, sort="date")
    assert [d["id"] for d in page2] == newest[2:4]
    with pytest.raises(StoreError, match="sort must be"):
        store.documents(sort="random")


def test_facets_count_the_filtered_documents(store):
    f = Filters(language=["en"])
    facets = store.facets(f)
    assert sum(x["count"] for x in facets["language"]) == store.count(f) == 3
    assert {x["value"]: x["count"] for x in facets["source"]} == {"daily.example": 2, "farm.example": 1}
    assert {x["value"] for x in facets["narrative"]} == {BLAME, POLICIES}
    everything = store.facets()
    assert {x["value"]: x["count"] for x in everything["narrative"]}[POLICIES] == 3
    assert everything["role"][0]["value"] == "Protagonist"


def test_timeline_buckets_and_shares(store):
    weekly = store.timeline(interval="week")
    assert weekly["buckets"][0] == "2024-03-04"  # a Monday
    assert all(b1 < b2 for b1, b2 in zip(weekly["buckets"], weekly["buckets"][1:], strict=False))
    assert sum(weekly["totals"]) == 5 and weekly["undated"] == 1
    monthly = store.timeline(interval="month")
    assert monthly["buckets"] == ["2024-03", "2024-04", "2024-05"]
    policies = next(s for s in monthly["series"] if s["label"] == POLICIES)
    assert policies["counts"] == [1, 0, 1] and policies["shares"][0] == pytest.approx(1 / 3, abs=1e-3)
    daily = store.timeline(interval="day", level="technique")
    assert len(daily["buckets"]) == (31 - 4 + 1) + 30 + 20  # every day from 2024-03-04 to 2024-05-20
    filtered = store.timeline(Filters(narrative=[VICTIM]), interval="month")
    assert filtered["buckets"] == ["2024-04"] and filtered["series"][0]["label"] == VICTIM


def test_breakdowns_top_entities_and_techniques(store):
    by_lang = store.breakdown(by="language")
    langs = [g["value"] for g in by_lang["groups"]]
    assert langs[0] == "en"
    row = by_lang["labels"].index(POLICIES)
    assert by_lang["counts"][row][langs.index("bg")] == 1
    assert by_lang["shares"][row][langs.index("en")] == pytest.approx(1 / 3, abs=1e-3)
    top = store.top_entities()
    assert list(top)[:3] == ["Protagonist", "Antagonist", "Innocent"]
    assert {e["name"] for e in top["Antagonist"]} == {"the Alliance", "Westport Herald"}
    techniques = {t["label"]: t for t in store.technique_counts()}
    assert techniques["Loaded_Language"]["documents"] == 3
    assert store.technique_counts(Filters(language=["ru"])) == [
        {"label": "Loaded_Language", "documents": 1, "occurrences": 1}]


def test_iterators_and_spans(store):
    got = list(store.iter_analyses(Filters(domain=["CC"]), batch_size=1))
    assert sorted(a.document.id for a in got) == ["bg-1", "hi-1", "subsidies.txt"]
    assert all(a.document.text for a in got)
    spans = list(store.iter_spans("technique", "Name_Calling-Labeling"))
    assert spans == [dict(spans[0], text="These reckless warmongers")]


def test_counts_follow_writes_from_another_connection(store):
    reader = Store(store.path, readonly=True)
    assert reader.facets()["language"][0] == {"value": "en", "count": 3}
    extra = Analysis(document=Document(text="A new English item about the harbour."), language="en")
    store.add(extra)
    assert reader.count() == 7
    assert reader.facets()["language"][0] == {"value": "en", "count": 4}  # the label index was rebuilt
    reader.close()


def test_query_helpers():
    assert fts_query('nato "peace talks" OR war*') == '"nato" "peace talks" OR "war"*'
    assert fts_query("OR OR") is None and fts_query("") is None
    assert normalize_day("2024-03-04T09:30:00Z") == "2024-03-04"
    assert normalize_day("Tue, 05 Mar 2024 10:00:00 +0000") == "2024-03-05"
    assert normalize_day("31.12.2023") == "2023-12-31"
    assert normalize_day("2024-02-30") is None and normalize_day("yesterday") is None
    written = ["March 5, 2024", "5 Mar 2024", "5 de março de 2024", "5 марта 2024 г.", "5 март 2024", "5 मार्च 2024"]
    assert {normalize_day(w) for w in written} == {"2024-03-05"}
    assert normalize_day("30 февраля 2024") is None and normalize_day("10 people 2024") is None


# -- commands -------------------------------------------------------------------------------------
def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "narrascope", *args], capture_output=True, text=True, check=False,
                          timeout=300, cwd=ROOT, **kwargs)


def test_ingest_skips_stored_texts_and_reports_bad_inputs(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for a in make_analyses():
        (folder / (a.document.id.replace(".txt", "") + ".txt")).write_text(a.document.text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfd\x00bad")  # (FF FE would be a UTF-16 byte-order mark)
    db = tmp_path / "c.db"
    first = run_cli("ingest", str(folder), "--db", str(db), "-a", "language")
    assert first.returncode == 2, first.stderr  # one input failed, the others were stored
    assert "broken.txt" in first.stderr
    assert "added 6, unchanged 0" in first.stdout
    second = run_cli("ingest", str(folder), "--db", str(db), "-a", "language")
    assert "added 0, unchanged 6" in second.stdout
    with Store(db, readonly=True) as s:
        assert s.count() == 6
        assert s.count(Filters(language=["ru"])) == 1


def test_interrupted_ingest_resumes_without_loss_or_duplicates(tmp_path):
    n = 3000
    source = tmp_path / "many.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"n{i}", "text": f"Report number {i} about the harbour of Lindvik."}) + "\n")
    db = tmp_path / "resume.db"
    proc = subprocess.Popen([sys.executable, "-m", "narrascope", "ingest", str(source), "--db", str(db),
                             "-a", "language", "--batch-size", "1"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with Store(db, readonly=True) as s:
                    stored = s.count()
            except (StoreError, sqlite3.OperationalError):
                stored = 0
        if stored >= 50:
            proc.send_signal(signal.SIGKILL)  # a crash, not a polite Ctrl-C
            break
        time.sleep(0.01)
    proc.wait(timeout=30)
    with Store(db, readonly=True) as s:
        partial = s.count()
    assert 50 <= partial < n, "the ingest should have been interrupted part-way"
    resumed = run_cli("ingest", str(source), "--db", str(db), "-a", "language")
    assert resumed.returncode == 0, resumed.stderr
    assert f"added {n - partial}, unchanged {partial}" in resumed.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM documents").fetchone() == (n, n)
    assert conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == n
    assert conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Lindvik'").fetchone()[0] == n


def test_export_command(store):
    out = run_cli("export", "--db", str(store.path), "--format", "csv", "--language", "en")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert sorted(r["id"] for r in rows) == ["alliance.txt", "festival.txt", "subsidies.txt"]
    alliance = next(r for r in rows if r["id"] == "alliance.txt")
    assert alliance["narratives"] == BLAME and alliance["antagonists"] == "the Alliance"
    assert alliance["weak_techniques"] == "Appeal_to_Fear-Prejudice" and alliance["weak_narratives"] == ""
    out = run_cli("export", "--db", str(store.path), "--narrative", POLICIES, "--date-from", "2024-01-01")
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert sorted(x["document"]["id"] for x in lines) == ["hi-1", "subsidies.txt"]
    assert Analysis.from_dict(lines[0]).document.text  # full records: they can be analysed or ingested again
    bad = run_cli("export", "--db", str(store.path), "--date-from", "March")
    assert bad.returncode == 2 and "date-from" in bad.stderr


def test_the_corpus_lists_an_untitled_text_under_its_opening_words(tmp_path):
    text = "Valdor closed its border on Monday. Talks follow next week in Brenmark, officials said."
    with Store(tmp_path / "c.db") as store:
        store.add_many([Analysis(document=Document(text=text, id="untitled.txt"), analyzers=["language"]),
                        Analysis(document=Document(text="Border news\n\n" + text, id="titled.txt", title="Border news"),
                                 analyzers=["language"])])
        docs = {d["id"]: d for d in store.documents()}
    untitled, titled = docs["untitled.txt"], docs["titled.txt"]
    assert untitled["heading"] == "Valdor closed its border on Monday." and untitled["title"] in (None, "")
    assert untitled["preview"].startswith("Talks follow")  # the heading is not repeated
    assert titled["heading"] == "Border news" and titled["preview"].startswith("Valdor closed")
    from narrascope.api.views import article_context  # the article page is headed alike

    assert article_context(Analysis(document=Document(text=text)))["heading"] == untitled["heading"]
