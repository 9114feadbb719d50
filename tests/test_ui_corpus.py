"""The corpus pages in a real headless Chromium: stories, campaigns, emerging (naming a group),
entity, compare, and the article's links to its story and copy-paste group. Screenshots of every
step go to out/ui-screenshots/ (git-ignored; NARRASCOPE_SCREENSHOTS moves them)."""
from __future__ import annotations

import re

import pytest
import yaml

from narrascope.api import create_app
from narrascope.corpus.assign import Assigner
from narrascope.store.database import Store

try:
    from .corpus_fixture import make_analyses
    from .live_server import LiveServer
    from .test_corpus_views import story_analyses
    from .test_ui import browser, page, playwright_api, shot
except ImportError:
    from corpus_fixture import make_analyses
    from live_server import LiveServer
    from test_corpus_views import story_analyses
    from test_ui import browser, page, playwright_api, shot  # noqa: F401

expect = playwright_api.expect


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ui-corpus")
    path = folder / "corpus.db"
    with Store(path) as store:
        store.add_many(story_analyses() + make_analyses())
        assigner = Assigner(store)
        assigner.run()
        assigner.save()
    taxonomy = folder / "named.yaml"
    with LiveServer(create_app(path, taxonomy=taxonomy)) as live:
        live.taxonomy = taxonomy
        yield live


def test_stories_to_article_to_copies(page, server):
    page.goto(server.url + "/")
    page.get_by_role("link", name="Stories", exact=True).click()
    page.wait_for_url(server.url + "/stories")
    cards = page.locator("li.story")
    assert cards.count() >= 3
    shot(page, "20-stories")
    page.locator("li.story a.title", has_text="Mirna").first.click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    rows = page.locator("table.members tbody tr")
    assert rows.count() == 3
    expect(page.locator("main")).to_contain_text("3 languages")
    shot(page, "21-story")
    page.get_by_role("link", name="Campaigns", exact=True).click()
    page.locator("li.campaign a.title").first.click()
    page.wait_for_url(re.compile(r"/campaigns/\d+$"))
    expect(page.locator("article.variant.original")).to_contain_text("first published")
    assert page.locator("article.variant:not(.original) mark").count() >= 2
    shot(page, "22-campaign")
    # From a copy to its article page, which links back to its group and to its story.
    page.locator("article.variant:not(.original) h3 a").first.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]{16}$"))
    expect(page.locator("a.copies-link")).to_contain_text("3 copies from 3 sources")
    expect(page.locator("a.story-link")).to_be_visible()
    shot(page, "23-article-groups")
    page.locator("a.copies-link").click()
    page.wait_for_url(re.compile(r"/campaigns/\d+$"))


def test_emerging_group_named_and_saved(page, server):
    page.goto(server.url + "/emerging")
    groups = page.locator("section.emerging")
    assert groups.count() >= 1
    tower = groups.filter(has_text="towers").first
    expect(tower).to_contain_text("key phrases")
    shot(page, "24-emerging")
    details = tower.locator("details.name-it")
    if details.get_attribute("open") is None:  # the first group's form starts open
        tower.locator("summary").click()
    tower.locator("input[name=name]").fill("Radio towers cause the drought")
    tower.locator("input[name=definition]").fill("Claims that new radio towers push rain clouds away.")
    tower.locator("button.primary").click()
    expect(page.locator(".notice.saved")).to_contain_text("Radio towers cause the drought")
    shot(page, "25-emerging-saved")
    saved = yaml.safe_load(server.taxonomy.read_text(encoding="utf-8"))
    label = next(x for x in saved["labels"] if x["name"] == "Radio towers cause the drought")
    assert label["examples"] and "tower" in " ".join(label["examples"]).lower()


def test_entity_page_from_an_article(page, server):
    page.goto(server.url + "/?entity=the+Alliance")
    page.locator("ol.docs a.title").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    page.locator('a.entity-link[data-entity-name="the Alliance"]').click()
    page.wait_for_url(re.compile(r"/entities/"))
    expect(page.locator("h1")).to_contain_text("the Alliance")
    expect(page.locator("ol.bars.roles")).to_contain_text("Antagonist")
    expect(page.locator("ol.mentions mark").first).to_have_text("the Alliance")
    shot(page, "26-entity")


def test_compare_two_sources(page, server):
    page.goto(server.url + "/compare")
    page.select_option("select[name=a_source]", "farm.example")
    page.select_option("select[name=b_source]", "daily.example")
    page.locator("form.compare-form button").click()
    page.wait_for_url(re.compile(r"a_source=farm.example"))
    table = page.locator("table.compare-table[data-kind=narrative]")
    expect(table).to_contain_text("Criticism of climate policies")
    expect(page.locator("div.card.side-a")).to_contain_text("3 documents")
    shot(page, "27-compare")
