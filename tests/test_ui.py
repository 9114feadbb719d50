"""The web UI in a real headless Chromium (Debian's `chromium`, driven by Playwright): click through
filters, the article view, the dashboard, paste an article, give the token. Screenshots of every
step land in out/ui-screenshots/ for a person to look at."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from narrascope.api import create_app
from narrascope.store.database import Store

try:  # tests/ as a package (relative imports) or as plain folder on sys.path (pytest's default)
    from .corpus_fixture import BLAME, POLICIES, make_analyses
    from .live_server import LiveServer
except ImportError:
    from corpus_fixture import BLAME, POLICIES, make_analyses
    from live_server import LiveServer

ROOT = Path(__file__).resolve().parents[1]
SHOTS = Path(os.environ.get("NARRASCOPE_SCREENSHOTS", ROOT / "out" / "ui-screenshots"))
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip package playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium (make browser)", allow_module_level=True)
expect = playwright_api.expect


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as p:
        # A persistent context is how Playwright takes a fresh --user-data-dir.
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=FLAGS, headless=True,
            viewport={"width": 1400, "height": 900})
        yield context
        context.close()


@pytest.fixture()
def page(browser):
    page = browser.new_page()
    page.set_default_timeout(15_000)
    yield page
    page.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("ui") / "corpus.db"
    analyses = make_analyses()
    eastland = next(e for e in analyses[0].entities if e.name == "Eastland")
    eastland.salience, eastland.weak = 0.3, True  # a weak role: the article may well not cast Eastland
    with Store(path) as s:
        s.add_many(analyses)
    with LiveServer(create_app(path, writable=True, analyzers=["language"])) as live:
        yield live


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # From the top: a full-page capture of a scrolled page draws sticky bars in the middle.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def total(page) -> int:
    return int(page.locator("#total").inner_text().replace(",", ""))


def facet(page, name: str, value: str):
    return page.locator(f'section.facet[data-facet="{name}"] a[data-value="{value}"]')


def test_corpus_filters_and_search(page, server):
    page.goto(server.url + "/")
    assert total(page) == 6
    shot(page, "01-corpus")
    facet(page, "language", "ru").click()
    page.wait_for_url(re.compile(r"language=ru"))
    assert total(page) == 1
    assert page.locator("ol.docs li.doc").count() == 1
    # Counts follow the filter: the source facet now counts only the Russian document.
    expect(facet(page, "source", "vesti.example").locator(".count")).to_have_text("1")
    page.locator("a.chip-language").click()  # remove the filter again
    page.wait_for_url(server.url + "/")
    assert total(page) == 6
    facet(page, "narrative", POLICIES).click()
    page.wait_for_url(re.compile(r"narrative="))
    assert total(page) == 3
    expect(facet(page, "language", "en").locator(".count")).to_have_text("1")
    page.fill("input[name=q]", "levy")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"q=levy"))
    assert total(page) == 1
    expect(page.locator(".doc .snippet mark").first).to_have_text(re.compile("levy", re.IGNORECASE))
    shot(page, "02-corpus-filtered")
    export = page.locator("a", has_text="CSV").first.get_attribute("href")
    assert "narrative=" in export and "q=levy" in export  # exports carry the view's filters


def test_article_view_highlights_and_explains(page, server):
    page.goto(server.url + "/")
    page.get_by_role("link", name=re.compile("^Minister Varga warns")).click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]{16}$"))
    # Hovering a technique span names the technique, defines it and gives the confidence.
    page.locator("#text span.t", has_text="warmongers").first.hover()
    tip = page.locator("#tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Name Calling")
    expect(tip).to_contain_text("confidence 93%")
    expect(tip).to_contain_text("label")  # the definition, from the taxonomy
    shot(page, "03-article-technique-tooltip")
    # An entity mention shows its role.
    page.locator("#text span.m-ant", has_text="the Alliance").first.hover()
    expect(tip).to_contain_text("the Alliance")
    expect(tip).to_contain_text("Antagonist")
    expect(tip).to_contain_text("Instigator")
    # The narrative's evidence sentence is marked, and the explanation is shown.
    assert page.locator("#text span.ev").count() >= 1
    expect(page.locator(".explanation")).to_contain_text("troop moves")
    expect(page.locator(".panel")).to_contain_text("Blaming the war on others")
    # Focusing on one technique leaves only its spans highlighted.
    page.locator("button.focus[data-focus=technique]", has_text="Loaded Language").click()
    assert "focusing" in page.locator("body").get_attribute("class")
    hits = page.locator("#text span.hit")
    assert hits.count() == 1 and hits.first.inner_text() == "reckless"
    shot(page, "04-article-focus")
    page.keyboard.press("Escape")
    # Switching a layer off removes its colour.
    page.locator("input[data-layer=tech]").uncheck()
    background = page.locator("#text span.t").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent")
    page.locator("input[data-layer=tech]").check()
    # A weak label's span is tinted only once the reader asks for weak labels, and says it is weak.
    fear = page.locator("#text span.t.tw", has_text="want a fire").first
    assert fear.evaluate("e => getComputedStyle(e).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("#text span.t", has_text="warmongers").first.evaluate(
        "e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    expect(page.locator("button.focus[data-focus=technique]", has_text="Appeal to Fear")).to_contain_text("weak")
    # Likewise an entity with a weak role: listed apart, its mentions drawn as without a role until asked for.
    expect(page.locator(".entities li", has_text="Eastland")).to_contain_text("Innocent")
    heads = page.locator("h3.role-head").all_inner_texts()
    assert [h.split()[0].lower() for h in heads] == ["protagonist", "antagonist", "weak"]
    eastland = page.locator("#text span.m.mw", has_text="Eastland").first
    neutral = eastland.evaluate("e => getComputedStyle(e).color")
    page.locator("input[data-layer=weak]").check()
    assert fear.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert eastland.evaluate("e => getComputedStyle(e).color") != neutral  # now the Innocent colour
    eastland.hover()
    expect(tip).to_contain_text("weak role (cast 30%)")
    fear.hover()
    expect(tip).to_contain_text("weak label 31%")
    shot(page, "04b-article-weak-technique")


def test_article_without_analyses_says_so(page, server):
    key = make_analyses()[5].document.content_hash[:16]
    page.goto(server.url + f"/documents/{key}")
    expect(page.locator(".panel")).to_contain_text("Not analysed: the techniques analyzer did not run.")
    assert page.locator("#text span[data-a]").count() == 0


def test_dashboard_chart_and_controls(page, server):
    page.goto(server.url + "/dashboard")
    chart = page.locator("#timeline svg.chart")
    expect(chart).to_be_visible()
    series = page.locator(".legend-item").count()
    assert series >= 3 and chart.locator("polyline.series").count() == series
    page.get_by_role("link", name="month", exact=True).click()
    page.wait_for_url(re.compile(r"interval=month"))
    box = page.locator("#timeline .hover-zone").bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    expect(page.locator("#tip")).to_contain_text("2024-03")
    legend = page.locator(".legend-item").first
    legend.click()
    assert "off" in legend.get_attribute("class")
    expect(page.locator(".roles-grid")).to_contain_text("the Alliance")
    expect(page.locator(".techniques-bars")).to_contain_text("Loaded Language")
    shot(page, "05-dashboard-month")
    # A heatmap cell leads to the matching documents.
    page.locator("table.heat").first.locator("td a").first.click()
    page.wait_for_url(re.compile(r"source="))
    assert total(page) >= 1


def test_paste_an_article(page, server):
    page.goto(server.url + "/analyze")
    shot(page, "06-analyze-form")
    text = ("Lindvik council approves new ferry line\n\nThe council of Lindvik voted on Tuesday to open a ferry "
            "line to the islands. Residents welcomed the decision at the harbour meeting.\n\n"
            "Comments:\n1. seabird77 Offline seabird77\nThe ferry is a waste of our money!\n")
    page.fill("textarea[name=text]", text)
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]{16}$"))
    expect(page.locator("article h1")).to_have_text("Lindvik council approves new ferry line")
    expect(page.locator("article .meta")).to_contain_text("language en")
    # The reader-comment thread is set apart under its heading, and says why when pointed at.
    thread = page.locator("#text .nv-comments.nv-start")
    heading = thread.evaluate("el => getComputedStyle(el, '::before').content")
    assert "Reader comments" in heading and "not the article" in heading
    thread.hover()
    expect(page.locator("#tip")).to_contain_text("Not the article's voice")
    expect(page.locator("#tip")).to_contain_text("Posted under the article by its readers")
    shot(page, "07-analyzed-article")
    page.goto(server.url + "/")
    assert total(page) == 7


def test_token_is_asked_once(page, tmp_path):
    path = tmp_path / "t.db"
    with Store(path) as s:
        s.add_many(make_analyses())
    with LiveServer(create_app(path, token="a-long-test-token")) as live:
        page.goto(live.url + "/dashboard")
        page.wait_for_url(re.compile(r"/login\?next="))
        shot(page, "08-token-prompt")
        page.fill("input[name=token]", "wrong")
        page.click("button.primary")
        expect(page.locator(".error-box")).to_contain_text("not the token")
        page.fill("input[name=token]", "a-long-test-token")
        page.click("button.primary")
        page.wait_for_url(live.url + "/dashboard")
        page.goto(live.url + "/?" + "narrative=" + BLAME)
        assert total(page) == 1  # no second prompt: the session cookie carries on
