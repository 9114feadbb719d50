"""Stories, copy-paste groups, emerging groups, entities and comparisons: assigned as articles
arrive (real SQLite, real USE embeddings, real HNSW index) and served with their JSON twins over
real HTTP; a named emerging group saved to a taxonomy file that `analyze --taxonomy` then uses."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from narrascope.api import create_app
from narrascope.api.views import KEY_CHARS
from narrascope.cli.main import cli
from narrascope.corpus.ann import index_path
from narrascope.corpus.assign import Assigner
from narrascope.document import Analysis, Document, LabelScore
from narrascope.store.database import Store

try:
    from .corpus_fixture import POLICIES, make_analyses
    from .corpus_stories import BRIDGE, COPIES, TOWERS, all_articles
    from .live_server import LiveServer, http
except ImportError:
    from corpus_fixture import POLICIES, make_analyses
    from corpus_stories import BRIDGE, COPIES, TOWERS, all_articles
    from live_server import LiveServer, http

VICTIM = "URW: Russia is the Victim"


def story_analyses() -> list[Analysis]:
    out = []
    for n, (lang, source, day, text) in enumerate(all_articles()):
        covered = not any(text == t for *_, t in TOWERS)
        labels = [LabelScore(VICTIM, 0.8)] if covered else [LabelScore("Other", 0.3)]
        doc = Document(text=text, id=f"a{n:02d}", source=source, published=day, lang=lang,
                       title=text.split("\n", 1)[0])
        out.append(Analysis(document=doc, language=lang, narratives=labels, analyzers=["language", "narratives"]))
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("views") / "corpus.db"
    analyses = story_analyses()
    with Store(path) as store:
        # Two ingests, two processes' worth of assigners: the second loads the first one's index file.
        store.add_many(analyses[:7])
        first = Assigner(store)
        assert first.run().documents == 7
        first.save()
        assert index_path(path).exists()
        store.add_many(analyses[7:])
        second = Assigner(store)
        summary = second.run()
        second.save()
        assert summary.documents == len(analyses) - 7
        assert second.pending() == 0
    return path


@pytest.fixture(scope="module")
def server(db):
    with LiveServer(create_app(db)) as live:
        yield live


def get(server, path: str):
    reply = http(server.url + path, headers={"Accept": "application/json"})
    assert reply.status == 200, reply.text
    return reply.json()


def test_stories_are_assigned_across_languages(server):
    data = get(server, "/api/stories")
    by_title = {s["title"]: s for s in data["stories"]}
    bridge = next(s for s in data["stories"] if "bridge" in s["title"].lower() or "Mirna" in s["title"])
    assert bridge["size"] == len(BRIDGE)
    assert set(bridge["languages"]) == {"en", "ru", "pt"}
    assert bridge["first_day"] == "2024-05-02" and bridge["last_day"] == "2024-05-03"
    assert all(s["size"] >= 2 for s in by_title.values())
    story = get(server, f"/api/stories/{bridge['id']}")
    assert len(story["members"]) == len(BRIDGE)
    # The page and its twin agree; the article page links to its story.
    page = http(server.url + f"/stories/{bridge['id']}").text
    assert all(m["key"] in page for m in story["members"])
    article = get(server, f"/api/documents/{story['members'][0]['key']}")
    assert article["story"]["id"] == bridge["id"]
    assert f'href="/stories/{bridge["id"]}"' in http(server.url + f"/documents/{story['members'][0]['key']}").text


def test_copy_paste_campaign_with_spread_and_shared_text(server):
    data = get(server, "/api/campaigns")
    assert data["total"] == 1
    group = data["groups"][0]
    assert group["sources"] == sorted(s for _, s, _, _ in COPIES)
    assert group["spread"]["first"]["day"] == "2024-05-20" and group["spread"]["hours_to_last"] == 24.0
    detail = get(server, f"/api/campaigns/{group['id']}")
    original = next(m for m in detail["members"] if m["original"])
    for m in detail["members"]:
        if m is not original:
            assert 0.8 < m["shared_share"] < 1.0  # each outlet changed a little
            start, end = m["shared"][0]
            assert m["text"][start:end] in original["text"] or start > 0
    assert "Read more news at the Northern Herald" not in "".join(
        m["text"][s:e] for m in detail["members"] if not m["original"] for s, e in m["shared"])
    article = get(server, f"/api/documents/{original['key']}")
    assert article["copies"]["id"] == group["id"] and article["copies"]["sources"] == 3
    assert "<mark>" in http(server.url + f"/campaigns/{group['id']}").text


def test_emerging_group_saved_as_a_narrative_labels_new_text(server, db, tmp_path):
    data = get(server, "/api/emerging")
    towers = next(g for g in data["groups"] if len(g["members"]) >= 3)
    assert "towers" in " ".join(towers["key_phrases"])
    assert not {"the", "and", "that"} & set(towers["key_phrases"])
    # A server without --taxonomy refuses to write.
    refused = http(server.url + "/api/taxonomy/narratives", method="POST", json_body={"name": "x", "definition": "y"})
    assert refused.status == 403 and "--taxonomy" in refused.text
    taxonomy = tmp_path / "mine.yaml"
    name = "New radio towers cause the drought"
    with LiveServer(create_app(db, taxonomy=taxonomy)) as live:
        saved = http(live.url + "/api/taxonomy/narratives", method="POST", json_body={
            "name": name, "definition": "Claims that radio towers push rain clouds away and cause the drought.",
            "examples": towers["suggested_examples"]})
        assert saved.status == 200, saved.text
        form = http(live.url + "/emerging/save", method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded"},
            body=b"name=Smart+meters+make+people+ill&definition=Says+that+smart+meters+cause+headaches")
        assert form.status == 200 and "Saved" in form.text
    text = ("Drought blamed on radio masts\n\nVillagers insist that the radio towers on the hill keep the rain "
            "clouds away from their fields, and that the drought began the day the towers were switched on.")
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", "--taxonomy", str(taxonomy), "-a", "language,narratives",
                                      "--format", "json", str(article)])
    assert result.exit_code == 0, result.output
    labels = [n["label"] for n in json.loads(result.output)[0]["narratives"]]
    assert labels[0] == name


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    path = tmp_path_factory.mktemp("labelled") / "corpus.db"
    with Store(path) as store:
        store.add_many(make_analyses())
    with LiveServer(create_app(path)) as live:
        yield live


def test_entity_profile(labelled):
    data = get(labelled, "/api/entities/" + quote("the Alliance"))
    assert data["documents"] >= 1
    assert data["roles"][0]["role"] == "Antagonist"
    assert data["roles_over_time"]["series"][0]["label"] == "Antagonist"
    assert data["roles_by_source"][0]["source"] == "daily.example"
    assert data["surface_forms"][0]["form"] == "the Alliance"
    assert data["mentions"][0]["context"]["text"] == "the Alliance"
    assert any(n["value"].startswith("URW: Blaming") for n in data["narratives"])
    missing = http(labelled.url + "/api/entities/Nobody%20Here")
    assert missing.status == 404
    assert "Antagonist" in http(labelled.url + "/entities/" + quote("the Alliance")).text


def test_entity_surface_forms_when_the_analysis_has_them(tmp_path):
    # When the entity analyzer records spellings (`surface_forms`), the profile shows them too.
    analyses = make_analyses()
    data = analyses[0].to_dict()
    data["entities"][0]["surface_forms"] = ["the Alliance", "Alliance"]
    path = tmp_path / "c.db"
    with Store(path) as store:
        store.add(Analysis.from_dict(data))
        store.conn.execute("UPDATE analyses SET data = json_set(data, '$.entities[0].surface_forms', "
                           "json('[\"the Alliance\", \"Alliance\"]'))")
        from narrascope.store.profiles import entity_profile
        from narrascope.store.query import Filters

        name = data["entities"][0]["name"]
        forms = {f["form"] for f in entity_profile(store, name, Filters())["surface_forms"]}
    assert "Alliance" in forms


def test_compare_two_sources(labelled):
    data = get(labelled, "/api/compare?a_source=farm.example&b_source=daily.example")
    assert data["a"]["documents"] == 3 and data["b"]["documents"] == 2
    policies = next(r for r in data["narrative"] if r["label"] == POLICIES)
    assert policies["a_share"] == 1.0 and policies["b_share"] == 0.0 and policies["difference"] == 1.0
    bad = http(labelled.url + "/api/compare?a_date_from=2024-05-01&a_date_to=2024-04-01")
    assert bad.status == 422
    page = http(labelled.url + "/compare?a_source=farm.example&b_source=daily.example").text
    assert "farm.example" in page and "100%" in page


def test_copies_arriving_later_join_one_group(tmp_path):
    """Copies stored in later ingests join the group of the text they copy, across sources."""
    path = tmp_path / "c.db"
    text = ("Ministry: the new pier opens in June\n\nThe harbour authority said on Tuesday that the new pier in "
            "Lindvik will open in June, after two years of building work that closed half of the old quay. The "
            "ferries to the outer islands will then leave every hour in summer, and the fish market moves to the "
            "east side of the harbour, where the town will also build a covered car park for three hundred cars.")
    with Store(path) as store:
        store.add_many([Analysis(document=Document(text=text, id="a", source="s1", published="2024-06-01"))])
        Assigner(store, persist=False).run()
        assert store.conn.execute("SELECT count(*) FROM dup_groups").fetchone()[0] == 0
        for n, source in enumerate(["s2", "s3"], start=2):
            copy = text.replace("on Tuesday", "on Wednesday") + f" Read more at {source}."
            store.add_many([Analysis(document=Document(text=copy, id=source, source=source,
                                                       published=f"2024-06-0{n}"))])
            Assigner(store, persist=False).run()
        rows = store.conn.execute("SELECT size, sources, first_day, last_day, exact FROM dup_groups").fetchall()
        assert [tuple(r) for r in rows] == [(3, 3, "2024-06-01", "2024-06-03", 0)]


def test_a_database_created_again_beside_an_old_index_file_gets_its_own_stories(tmp_path):
    """Deleting corpus.db leaves corpus.db.leads.usearch beside it; the next database numbers its articles
    1, 2, ... again, so the old file's neighbours would be other articles under the same ids."""
    path = tmp_path / "corpus.db"
    analyses = story_analyses()
    with Store(path) as store:
        store.add_many(analyses)
        first = Assigner(store)
        first.run()
        first.save()
    path.unlink()
    for extra in tmp_path.glob("corpus.db-*"):  # the WAL files of the deleted database
        extra.unlink()
    assert index_path(path).exists()
    with Store(path) as store:
        store.add_many(list(reversed(analyses[:6])))  # other articles under ids 1..6
        again = Assigner(store)
        again.run()
        again.save()
        conn = store.conn
        sizes = dict(conn.execute("SELECT id, size FROM stories").fetchall())
        members = dict(conn.execute("SELECT story_id, COUNT(*) FROM story_members GROUP BY story_id").fetchall())
        assert sizes and sizes == members
        assert len(again._ann) == 6  # rebuilt from this database, not the 20-odd leads of the old file


def test_a_story_of_undated_articles_says_undated_not_question_marks(tmp_path):
    path = tmp_path / "undated.db"
    bridge = [Analysis(document=Document(text=text, id=f"u{n}", source=source, lang=lang,
                                         title=text.split("\n", 1)[0]),
                       language=lang, narratives=[LabelScore("Other", 0.3)], analyzers=["language", "narratives"])
              for n, (lang, source, _day, text) in enumerate(BRIDGE)]
    with Store(path) as store:
        store.add_many(bridge)
        Assigner(store).run()
        story = store.conn.execute("SELECT id, size FROM stories ORDER BY size DESC").fetchone()
        digest = store.conn.execute("SELECT d.content_hash FROM documents d JOIN story_members m "
                                    "ON m.document_id = d.id WHERE m.story_id = ?", (story[0],)).fetchone()[0]
    key = digest[:KEY_CHARS]
    assert story[1] >= 2
    with LiveServer(create_app(path)) as live:
        pages = [http(live.url + p).text for p in ("/stories", f"/stories/{story[0]}", f"/documents/{key}")]
    for page in pages:
        assert "undated" in page and "? … ?" not in page and "first seen ?" not in page
