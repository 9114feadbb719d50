"""Entities shown with a role but probably not cast: the salience line from which shown entities were cast
at least half the time out of fold, the `weak` mark it gives, and how the report and the article page
put the confidently cast entities first. Data is generated for the tests."""
from __future__ import annotations

import numpy as np
import pytest

from narrascope.analyzers.confidence import probability_cut
from narrascope.analyzers.roles.salience import CastCounts, SalienceModel, entity_features
from narrascope.analyzers.roles.salience_train import SalienceArticle, confident_line
from narrascope.document import Analysis, Document, Entity, LabelScore, Span
from narrascope.semeval.t10 import Mention, T10Document


def _entity(name: str, starts: list[int], type_: str = "NAME", **kw) -> Entity:
    return Entity(name, type_, mentions=[Span(s, s + len(name), type_) for s in starts], surface_forms=[name], **kw)


def _article(lang: str, covers: list[int]) -> SalienceArticle:
    doc = T10Document(f"{lang.upper()}_1.txt", lang.upper(), "x" * 200,
                      mentions=[Mention("m", 0, 4, "Antagonist", ["Tyrant"])])
    return SalienceArticle(doc, [_entity(f"E{i:04d}", [10 * i]) for i in range(len(covers))], covers)


def test_the_line_is_where_shown_entities_are_cast_at_least_half_the_time():
    # Entities shown over the cut 0.2 are cast with chance (p / 0.7) ** 2: half the time from p = 0.49.
    rng = np.random.default_rng(3)
    probs = np.concatenate([rng.uniform(0.2, 0.7, 3000), rng.uniform(0.0, 0.2, 500)])
    article = _article("en", [int(rng.uniform() < (p / 0.7) ** 2) if p >= 0.2 else 0 for p in probs])
    line = confident_line([article], probs, {"en": 0.2})
    assert line == pytest.approx(0.7 * 0.5 ** 0.5, abs=0.04)
    # The entities under the language's cut do not count, however they were labelled.
    article.covers[3000:] = [1] * 500
    assert confident_line([article], probs, {"en": 0.2}) == line
    # No shown entity was cast: the line is above every probability, so every shown entity is weak.
    nobody = _article("en", [0, 0, 0])
    assert confident_line([nobody], np.array([0.9, 0.5, 0.3]), {"en": 0.2}) > 0.9
    # Nothing shown: no line (0), nothing is marked.
    assert confident_line([nobody], np.array([0.1, 0.1, 0.1]), {"en": 0.2}) == 0.0


def test_the_line_is_one_for_every_language_over_each_language_cut():
    bulgarian, english = _article("bg", [1, 0, 1]), _article("en", [1, 0, 0])
    probs = np.array([0.9, 0.6, 0.3, 0.8, 0.7, 0.3])
    # bg shows all three (cut 0.3), en its first two (cut 0.5): shown 0.9+ 0.6- 0.3+ 0.8+ 0.7-.
    line = confident_line([bulgarian, english], probs, {"bg": 0.3, "en": 0.5})
    assert line == probability_cut(np.array([0.9, 0.6, 0.3, 0.8, 0.7]), np.array([1, 0, 1, 1, 0], dtype=bool))
    assert line != confident_line([bulgarian, english], probs, {"bg": 0.3, "en": 0.3})  # en's 0.3 now shown


def test_the_line_is_saved_with_the_salience_model_and_absent_from_old_models():
    n = len(entity_features("Kross spoke.", "en", [_entity("Kross", [0])], CastCounts.empty(), 0.2)[0])
    model = SalienceModel(np.zeros(n), 0.0, np.zeros(n), np.ones(n), {"en": 0.5}, CastCounts.empty(), {"en": 0.2},
                          confident=0.42)
    arrays, meta = model.to_arrays()
    assert SalienceModel.from_arrays(arrays, meta).confident == pytest.approx(0.42)
    meta.pop("confident")
    assert SalienceModel.from_arrays(arrays, meta).confident == 0.0


def test_an_entity_cast_under_the_line_keeps_its_role_and_is_marked_weak(tiny_role_model):
    from narrascope.analyzers.roles.analyzer import RoleAnalyzer

    text = "Arvonia shelled the town and started the war. Reporters from Galdora watched."
    counts = CastCounts.empty()
    for _ in range(5):
        counts.add("en:arvonia", True)
    n = len(entity_features(text, "en", [_entity("Arvonia", [0])], counts, 0.2)[0])
    coef = np.zeros(n)
    coef[9] = 10.0  # the name's cast rate (Galdora, never seen: the base rate): Arvonia about 0.999, Galdora 0.27

    def analysed() -> Analysis:
        entities = [_entity("Arvonia", [0]), _entity("Galdora", [text.index("Galdora")])]
        a = Analysis(document=Document(text=text, lang="en"), language="en", entities=entities)
        RoleAnalyzer(tiny_role_model).process_batch([a])
        return a

    weak_below = tiny_role_model.config.weak_below
    try:
        tiny_role_model.salience = SalienceModel(coef, -3.0, np.zeros(n), np.ones(n), {"en": 0.05}, counts,
                                                 {"en": 0.2}, confident=0.0)
        no_line = analysed()
        for e in no_line.entities:  # both cast; without a line only an unsure role is weak
            assert e.main_role is not None and e.weak == (e.main_score < weak_below)
        tiny_role_model.salience.confident = 0.5
        arvonia, galdora = analysed().entities
        assert galdora.salience < 0.5 < arvonia.salience
        assert galdora.main_role is not None and galdora.weak  # shown, with its role, as weak
        assert galdora.fine_roles and all(f.weak for f in galdora.fine_roles)  # and its fine role with it
        assert arvonia.weak == (arvonia.main_score < weak_below)
        given = Analysis(document=Document(text=text, lang="en"), language="en",
                         entities=[Entity("Galdora", "GIVEN", mentions=[Span(61, 68, "GIVEN")])])
        RoleAnalyzer(tiny_role_model).process_batch([given])
        assert given.entities[0].salience == 1.0  # given mentions are cast: only the role can be weak
        assert given.entities[0].weak == (given.entities[0].main_score < weak_below)
    finally:
        tiny_role_model.salience = None


def _two_cast() -> Analysis:
    text = "Kross attacked Soria. Soria fled. Soria hid. Ilva watched."
    return Analysis(document=Document(text=text), analyzers=["entities", "roles"], entities=[
        _entity("Soria", [15, 22, 34], "LOC", main_role="Innocent", main_score=0.9,
                fine_roles=[LabelScore("Victim", 0.8, "Innocent")], salience=0.31, weak=True),
        _entity("Kross", [0], "PER", main_role="Antagonist", main_score=0.8,
                fine_roles=[LabelScore("Tyrant", 0.6, "Antagonist")], salience=0.74),
        _entity("Ilva", [45], "LOC", salience=0.05),
    ])


def test_the_report_shows_the_cast_probability_and_the_confident_entities_first():
    from rich.console import Console

    from narrascope.report.entities import WEAK_NOTE, entities_section

    console = Console(width=200, record=True)
    for part in entities_section(_two_cast()):
        console.print(part)
    out = console.export_text()
    assert out.index("Kross") < out.index("Soria")  # confident first, though Soria has more mentions
    assert "cast 0.74" in out and "cast 0.31" in out and "weak Innocent" in out
    assert WEAK_NOTE.strip() in out and out.index("Kross") < out.index(WEAK_NOTE.strip()) < out.index("Soria")
    # a weak role is a line of its own: its mentions and evidence are for the JSON output and the article page
    assert "mentions: Kross [0:5]" in out and "mentions: Soria" not in out
    assert "mentioned, no role: Ilva" in out and "cast 0.05" not in out
    # a type where the finder tells one; "NAME" (a name of no known type) is not shown
    assert "(PER, 1 mention)" in out
    a = _two_cast()
    a.entities[1].type = "NAME"
    console = Console(width=200, record=True)
    for part in entities_section(a):
        console.print(part)
    assert "Kross (1 mention) cast 0.74" in console.export_text()


def test_the_article_page_lists_the_weak_roles_apart_after_the_confident_ones():
    from narrascope.api.views import article_context
    from narrascope.web.highlight import render_text

    a = _two_cast()
    a.entities[1].main_role = "Innocent"  # both Innocent now: the role's heading counts only the confident one
    ctx = article_context(a)
    groups = [(role, [item["entity"].name for item in items]) for role, items in ctx["roles"]]
    assert groups == [("Innocent", ["Kross"]), ("Weak roles", ["Soria"]), ("Mentioned, no role", ["Ilva"])]
    assert ctx["n_weak"] == 1
    mentions = {m["label"]: m for m in ctx["annotations"] if m["kind"] == "mention"}
    assert (mentions["Soria"]["weak_role"], mentions["Kross"]["weak_role"], mentions["Ilva"]["weak_role"]) == (True, False, False)
    assert mentions["Soria"]["cast"] == 0.31
    # in the text, a weak role's mentions are drawn apart ("mw"), as a mention without a role unless weak labels are shown
    html = render_text(a.document.text, ctx["annotations"])
    assert html.count('class="m m-inn mw"') == 3 and html.count('class="m m-inn"') == 1 and "m-unk mw" not in html


def test_the_lockbox_table_shows_the_confident_and_the_weak_entities_apart():
    from narrascope.analyzers.roles.lockbox import confident_table, salience_intervals
    from narrascope.analyzers.roles.salience_train import salience_scores

    articles = [_article("en", [1, 0, 0]), _article("en", [1, 1, 0])]
    confident = [[True, False, False], [True, False, False]]
    weak = [[False, True, True], [False, True, False]]
    table = confident_table({"confident": salience_scores(articles, confident),
                             "confident intervals": salience_intervals(articles, confident),
                             "weak": salience_scores(articles, weak), "line": 0.5186})
    assert "salience of at least 0.519" in table
    en = next(line for line in table.splitlines() if line.startswith("en"))
    # 2 confident, both cast; 3 weak, 1 of them cast
    assert en.split()[1] == "2" and en.split()[2] == "1.000" and en.split()[-2:] == ["3", "0.333"]


def test_calibration_compares_the_mean_salience_with_the_cast_rate_per_language():
    from narrascope.analyzers.roles.lockbox import salience_calibration

    english, bulgarian = _article("en", [1, 0, 0, 0]), _article("bg", [1, 1])
    for e, p in zip(english.entities + bulgarian.entities, [0.7, 0.2, 0.1, 0.0, 0.9, 0.5], strict=True):
        e.salience = p
    cal = salience_calibration([english, bulgarian])
    assert cal["en"] == {"mean_salience": pytest.approx(0.25), "cast_rate": pytest.approx(0.25), "entities": 4}
    assert cal["bg"]["mean_salience"] == pytest.approx(0.7) and cal["bg"]["cast_rate"] == 1.0
    assert cal["all"]["entities"] == 6 and cal["all"]["cast_rate"] == pytest.approx(0.5)


def test_without_a_salience_part_no_entity_is_weak_for_casting(tiny_role_model):
    """A roles model saved without salience casts every found entity unread (salience stays 0): no
    salience line applies then, not even an accurate mode's."""
    from types import SimpleNamespace

    from narrascope.analyzers.roles.analyzer import RoleAnalyzer

    assert tiny_role_model.salience is None
    text = "Arvonia shelled the town and started the war."
    a = Analysis(document=Document(text=text, lang="en"), language="en", entities=[_entity("Arvonia", [0])])
    analyzer = RoleAnalyzer(tiny_role_model, salience_encoder=SimpleNamespace(confident=0.9))
    assert analyzer.confident_cast() == 0.0
    analyzer.process_batch([a])
    arvonia = a.entities[0]
    assert arvonia.main_role is not None and arvonia.weak == (arvonia.main_score < tiny_role_model.config.weak_below)
