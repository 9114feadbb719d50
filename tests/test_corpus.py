"""Corpus intelligence on a small invented corpus stored through the real SQLite store:
duplicates, story clusters (USE embeddings, across languages), trends and emerging narratives."""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from narrascope.cli.main import cli
from narrascope.corpus.data import load_corpus
from narrascope.document import Analysis, Document, LabelScore
from narrascope.nlp.duplicates import MinHasher, near_duplicate_groups
from narrascope.store.database import Filters, Store

try:  # tests/ is a package in this repository; imported on its own it is not
    from .corpus_stories import COPIES, GRAIN, SINGLES, TOWERS, all_articles
except ImportError:
    from corpus_stories import COPIES, GRAIN, SINGLES, TOWERS, all_articles

BLAME = "URW: Blaming the war on others rather than the invader"
VICTIM = "URW: Russia is the Victim"


def _labels(text: str) -> list[LabelScore]:
    """Hand-made labels: known stories are well covered; the radio-tower claim is not."""
    if any(text == t for *_, t in TOWERS):
        return [LabelScore("Other", 0.3)]
    if any(text == t for *_, t in COPIES):
        return [LabelScore(VICTIM, 0.8)]
    if any(text == t for *_, t in SINGLES):
        return [LabelScore("Other", 0.9)]
    return [LabelScore(BLAME, 0.9)]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    analyses = []
    for n, (lang, source, day, text) in enumerate(all_articles()):
        doc = Document(text=text, id=f"a{n:02d}", source=source, published=day, lang=lang)
        analyses.append(Analysis(document=doc, language=lang, narratives=_labels(text), analyzers=["language"]))
    with Store(path) as store:
        store.add_many(analyses)
    return str(path)


@pytest.fixture(autouse=True)
def _embedding_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NARRASCOPE_CACHE", str(tmp_path / "cache"))


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_minhash_similarity_tracks_jaccard():
    a = " ".join(f"w{i}" for i in range(300))
    edited = a.replace("w150", "changed").replace("w10 ", "other ")
    unrelated = " ".join(f"z{i}" for i in range(300))
    sig = MinHasher().signatures([a, edited, unrelated, "short text"])
    assert (sig[0] == sig[1]).mean() > 0.85
    assert (sig[0] == sig[2]).mean() < 0.1
    assert near_duplicate_groups([a, unrelated, edited, a.upper()]) == [[0, 2, 3]]


def test_duplicates_command_reports_the_copy_paste_group(db):
    out = json.loads(run("duplicates", "--db", db, "--format", "json"))
    assert out["documents"] == len(all_articles())
    [group] = out["groups"]  # translations are not copies; only the press release is
    assert group["size"] == 3 and group["campaign_signal"] and not group["exact"]
    assert group["sources"] == sorted(s for _, s, _, _ in COPIES)
    assert (group["first_day"], group["last_day"]) == ("2024-05-20", "2024-05-21")
    text = run("duplicates", "--db", db, "--min-sources", "2")
    assert "CAMPAIGN SIGNAL" in text and "Daily Beacon" in text
    assert "0 duplicate group" in run("duplicates", "--db", db, "--language", "ru")


def test_clusters_join_one_story_across_languages(db):
    out = json.loads(run("clusters", "--db", db, "--format", "json"))
    bridge = next(s for s in out["stories"] if "pt" in s["languages"])
    assert bridge["size"] == 3 and set(bridge["languages"]) == {"en", "ru", "pt"}
    assert (bridge["first_day"], bridge["last_day"]) == ("2024-05-02", "2024-05-03")
    assert bridge["narratives"] == [{"label": BLAME, "documents": 3}]
    grain = next(s for s in out["stories"] if s["size"] == 2)
    assert set(grain["sources"]) == {s for _, s, _, _ in GRAIN}
    clustered = {m["key"] for s in out["stories"] for m in s["members"]}
    with Store(db, readonly=True) as store:
        singles = {d.key for d in load_corpus(store) if d.text in {t for *_, t in SINGLES}}
    assert not clustered & singles  # stand-alone articles stay alone
    text = run("clusters", "--db", db)
    assert "4 stories of 2+ articles" in text and BLAME in text


def test_trends_table_csv_and_chart(db, tmp_path):
    csv_path, chart = tmp_path / "t.csv", tmp_path / "t.html"
    text = run("trends", "--db", db, "--interval", "day", "--csv", str(csv_path), "--chart", str(chart))
    assert "2024-05-02" in text and BLAME[:40] in text
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    blame_may2 = [r for r in rows if r["label"] == BLAME and r["bucket"] == "2024-05-02"]
    assert blame_may2 and blame_may2[0]["documents"] == "2"  # EN + RU bridge reports that day
    page = chart.read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page and "polyline" in page
    by_lang = json.loads(run("trends", "--db", db, "--interval", "month", "--by", "language", "--format", "json"))
    assert set(by_lang["trends"]) >= {"en", "ru", "pt"}
    pt = by_lang["trends"]["pt"]
    assert pt["buckets"] == ["2024-05"] and pt["series"][0]["counts"] == [1]


def test_emerging_finds_the_uncovered_claim(db):
    out = json.loads(run("emerging", "--db", db, "--format", "json"))
    top = out["groups"][0]
    with Store(db, readonly=True) as store:
        towers = {d.key for d in load_corpus(store, Filters(source=[s for _, s, _, _ in TOWERS]))}
    assert set(top["members"]) == towers
    assert {"towers", "drought"} <= set(top["key_phrases"])
    assert top["mean_coverage"] < 0.5 and "ru" in top["languages"]
    # well-covered stories (the bridge, the press release) are not candidates
    assert all(set(g["members"]) & towers for g in out["groups"])
    assert "key phrases:" in run("emerging", "--db", db)
